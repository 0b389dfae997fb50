//! Cross-cutting request handling: cross-site request refusal, the setup
//! redirect, and the rendering of every error body.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, LOCATION, ORIGIN, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cercle_core::kernel::i18n;

use crate::http::error::{ErrorReport, WebError};
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, render};
use crate::viewer::Viewer;

/// Refuses state-changing requests sent by a browser from another site.
///
/// Browsers send `Sec-Fetch-Site` (and `Origin`) with every such request, so
/// the check needs no token in forms: a request is accepted when it is
/// same-origin, was typed or bookmarked by the user (`none`), or, from an
/// older browser, carries an `Origin` equal to the instance's own. Requests
/// with neither header do not come from a browser, hence carry no ambient
/// cookie to abuse. Session cookies are also `SameSite=Lax`.
///
/// One POST is exempt: the one-click unsubscribe of RFC 8058, which mail
/// clients send from wherever they run. Its link is its own proof, acts for
/// no signed-in person, and can only take an address off a list.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || crate::newsletter::pages::is_one_click_unsubscribe(request.uri().path())
    {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match fetch_site {
        Some("same-origin" | "none") => true,
        Some(_) => false,
        None => match headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
            None => true,
            Some(origin) => {
                let own = state.settings.base_url.origin().ascii_serialization();
                let host = headers.get(HOST).and_then(|v| v.to_str().ok());
                origin == own
                    || host.is_some_and(|host| {
                        origin.split_once("://").is_some_and(|(_, o)| o == host)
                    })
            }
        },
    };
    if allowed {
        next.run(request).await
    } else {
        WebError::CrossSite.into_response()
    }
}

/// Sends every page to `/setup` until the instance has an association.
pub async fn require_setup(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let exempt = path == "/setup"
        || path.starts_with("/assets/")
        || path.starts_with("/api/")
        || matches!(path, "/healthz" | "/readyz" | "/metrics" | "/language");
    if exempt || state.association().is_some() {
        next.run(request).await
    } else {
        see_other("/setup")
    }
}

/// Writes the body of every error response: a page in the reader's language,
/// or `application/problem+json` under `/api/`. Also covers the framework's
/// own refusals (unknown route, wrong method, body too large), which arrive
/// without a report.
pub async fn render_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let method = request.method().clone();
    let is_api = path.starts_with("/api/");
    let mut response = next.run(request).await;
    let status = response.status();
    let report = response.extensions_mut().remove::<ErrorReport>();
    let report = match report {
        Some(report) => report,
        None if status.is_client_error() || status.is_server_error() => {
            if response.headers().contains_key(CONTENT_TYPE) && !is_plain_text(&response) {
                return response;
            }
            report_for_status(status)
        }
        None => return response,
    };
    let viewer = response
        .extensions()
        .get::<Viewer>()
        .cloned()
        .unwrap_or_else(|| Viewer {
            account: None,
            via: crate::viewer::Via::Nobody,
            language: state.default_language(),
            unread: None,
        });
    if status == StatusCode::UNAUTHORIZED
        && !is_api
        && report.message_key == "error-sign-in-required"
    {
        let mut next_path = path.clone();
        if let Some(query) = query {
            next_path = format!("{next_path}?{query}");
        }
        let target = if method == Method::GET {
            format!("/login?next={}", encode(&next_path))
        } else {
            "/login".to_owned()
        };
        return see_other(&target);
    }
    let retry_after = report.retry_after;
    let mut rendered = if is_api {
        problem_json(status, &report, &viewer)
    } else {
        error_page(&state, &viewer, status, &report, &path)
    };
    if let Some(seconds) = retry_after {
        rendered
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    if status == StatusCode::UNAUTHORIZED && is_api {
        rendered
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if let Some(allow) = response.headers().get(axum::http::header::ALLOW) {
        rendered
            .headers_mut()
            .insert(axum::http::header::ALLOW, allow.clone());
    }
    rendered
}

/// A 303 redirect, the answer to a form that worked.
pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// Percent-encodes a path for use as a query value.
pub fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A local path to return to after a form, never another site.
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path
        }
        _ => "/",
    }
}

fn is_plain_text(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"))
}

fn report_for_status(status: StatusCode) -> ErrorReport {
    let message_key = match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "error-payload-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-unsupported-media-type",
        status if status.is_server_error() => "error-internal",
        _ => "error-bad-request",
    };
    ErrorReport {
        message_key,
        detail: None,
        fields: Vec::new(),
        retry_after: None,
    }
}

fn message(viewer: &Viewer, report: &ErrorReport) -> String {
    let detail = report.detail.clone().unwrap_or_default();
    i18n::text_with(viewer.language, report.message_key, &[("detail", &detail)])
}

fn problem_json(status: StatusCode, report: &ErrorReport, viewer: &Viewer) -> Response {
    let mut body = serde_json::json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": message(viewer, report),
    });
    if !report.fields.is_empty() {
        body["errors"] = report
            .fields
            .iter()
            .map(|field| {
                serde_json::json!({
                    "field": field.field,
                    "message": i18n::text(viewer.language, field.message),
                })
            })
            .collect();
    }
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

#[derive(askama::Template)]
#[template(path = "layout/error.html")]
struct ErrorPage {
    l: Layout,
    status: u16,
    message: String,
    errors: FieldErrors,
}

fn error_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    report: &ErrorReport,
    path: &str,
) -> Response {
    let page = ErrorPage {
        l: Layout::new(state, viewer, "error-title", path),
        status: status.as_u16(),
        message: message(viewer, report),
        errors: FieldErrors::new(viewer.language, &report.fields),
    };
    match render(&page) {
        Ok(mut response) => {
            *response.status_mut() = status;
            response
        }
        Err(_) => (status, Body::from(message(viewer, report))).into_response(),
    }
}
