//! The whole application: every area's routes merged into one router under
//! the layers every request passes through, and the server that runs it.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header::{HeaderName, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::http::{self, anonymous_cache, error, metrics, middleware};
use crate::state::AppState;
use crate::{
    accounts, admission, api, communities, events, governance, home, newsletter, notify, register,
    site, viewer,
};

/// The communities' page routes as (method, path), taken from the same
/// declaration that builds their router; the authorization matrix test walks
/// it, and the API's routes it reads from the OpenAPI document.
pub fn community_routes() -> Vec<(&'static str, &'static str)> {
    [
        communities::pages::ROUTES,
        communities::joining::ROUTES,
        communities::webhook::ROUTES,
        events::community::ROUTES,
    ]
    .concat()
}

/// The events' routes beyond those of a community, as (method, path), for
/// the test that checks who may use each.
pub fn event_routes() -> Vec<(&'static str, &'static str)> {
    [events::pages::ROUTES, events::cover::ROUTES].concat()
}

/// The governance routes as (method, path), for the test that checks who
/// may use each.
pub fn governance_routes() -> Vec<(&'static str, &'static str)> {
    governance::pages::ROUTES.to_vec()
}

/// The public site's routes as (method, path), from the declarations that
/// build their routers: a test walks them to check who may use each.
pub fn site_routes() -> Vec<(&'static str, &'static str)> {
    [
        site::pages::ROUTES,
        site::admin::ROUTES,
        site::uploads::ROUTES,
    ]
    .concat()
}

/// The routes of the member's home, the newsletter and the security inbox as
/// (method, path), from the declaration that builds their router: the HTTP
/// suite walks them as every kind of visitor.
pub fn outreach_routes() -> Vec<(&'static str, &'static str)> {
    [
        home::member::ROUTES,
        newsletter::pages::ROUTES,
        site::security::ROUTES,
    ]
    .concat()
}

/// Every page route as (method, path), from the declarations that build the
/// routers: the API-twin test walks them, so a form added without its
/// `/api/v1` twin fails it.
pub fn page_routes() -> Vec<(&'static str, &'static str)> {
    [
        home::pages::ROUTES,
        accounts::setup::ROUTES,
        accounts::auth::ROUTES,
        accounts::account::ROUTES,
        accounts::admin::ROUTES,
        register::pages::ROUTES,
        register::organisations::ROUTES,
        register::dues::ROUTES,
        admission::pages::ROUTES,
        notify::pages::ROUTES,
        &event_routes(),
        governance::pages::ROUTES,
        &community_routes(),
        &site_routes(),
        &outreach_routes(),
    ]
    .concat()
}

/// The whole application, ready to serve.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(home::pages::router())
        .merge(accounts::setup::router())
        .merge(accounts::auth::router())
        .merge(accounts::account::router())
        .merge(accounts::admin::router())
        .merge(register::pages::router())
        .merge(register::organisations::router())
        .merge(register::dues::router())
        .merge(admission::pages::router())
        .merge(communities::pages::router())
        .merge(communities::joining::router())
        .merge(communities::webhook::router())
        .merge(notify::pages::router())
        .merge(events::pages::router())
        .merge(events::community::router())
        .merge(governance::pages::router())
        .merge(site::pages::router())
        .merge(site::admin::router())
        // Only the forms that carry a file accept bodies beyond BODY_LIMIT.
        .merge(
            site::uploads::router()
                .layer(DefaultBodyLimit::max(site::uploads::UPLOAD_BODY_LIMIT)),
        )
        .merge(
            events::cover::router()
                .layer(DefaultBodyLimit::max(site::uploads::UPLOAD_BODY_LIMIT)),
        )
        .merge(home::member::router())
        .merge(newsletter::pages::router())
        .merge(site::security::router())
        .merge(api::router())
        .merge(http::assets::router())
        .merge(http::health::router())
        .fallback(|| async { error::WebError::NotFound })
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::require_setup))
        .layer(axum::middleware::from_fn_with_state(state.clone(), viewer::resolve))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::render_errors))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(metrics::track))
        .layer(SetResponseHeaderLayer::if_not_present(
            axum::http::header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        // Outermost, so that a page served from memory skips every layer
        // above; it was kept with the headers they gave it.
        .layer(axum::middleware::from_fn_with_state(state.clone(), anonymous_cache::serve))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Forms and JSON bodies are small; anything larger is refused with 413.
const BODY_LIMIT: usize = 64 * 1024;

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
