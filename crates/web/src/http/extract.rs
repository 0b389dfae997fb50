//! Extractors whose failures become a [`WebError`] with a clear message,
//! rendered like every other error, instead of axum's plain-text rejections.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::http::error::WebError;
use crate::state::AppState;

/// A URL-encoded form body. Unlike axum's, it refuses percent-escapes that
/// do not decode to UTF-8 instead of replacing them silently.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(WebError::UnsupportedMediaType);
        }
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                WebError::from_rejection(rejection.status(), rejection.body_text())
            })?;
        if percent_encoding::percent_decode(&body)
            .decode_utf8()
            .is_err()
        {
            return Err(WebError::BadRequest(
                "the form is not valid UTF-8".to_owned(),
            ));
        }
        serde_html_form::from_bytes(&body)
            .map(Form)
            .map_err(|error| WebError::BadRequest(error.to_string()))
    }
}

/// A JSON body.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(WebError))]
pub struct Json<T>(pub T);

/// Typed path parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(WebError))]
pub struct Path<T>(pub T);

impl From<JsonRejection> for WebError {
    fn from(rejection: JsonRejection) -> Self {
        Self::from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<PathRejection> for WebError {
    fn from(rejection: PathRejection) -> Self {
        // Any path that does not parse names nothing that exists.
        Self::BadRequest(rejection.body_text())
    }
}

/// The address a request comes from: the peer, or when a trusted proxy is
/// configured, the last address it appended to `X-Forwarded-For`.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .settings
            .trust_proxy
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")
                    .and_then(|value| value.to_str().ok())
                    .and_then(|value| value.rsplit(',').next())
                    .and_then(|last| last.trim().parse::<IpAddr>().ok())
            })
            .flatten();
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        forwarded.or(peer).map(ClientIp).ok_or_else(|| {
            WebError::Internal(anyhow::anyhow!(
                "the server was started without peer addresses"
            ))
        })
    }
}
