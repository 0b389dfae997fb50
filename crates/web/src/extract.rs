//! Extractors whose failures become a [`WebError`] with a clear message,
//! rendered like every other error, instead of axum's plain-text rejections.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts};
use axum::http::request::Parts;

use crate::error::WebError;
use crate::state::AppState;

/// A URL-encoded form body.
#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(WebError))]
pub struct Form<T>(pub T);

/// A JSON body.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(WebError))]
pub struct Json<T>(pub T);

/// Typed path parameters.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(WebError))]
pub struct Path<T>(pub T);

impl From<FormRejection> for WebError {
    fn from(rejection: FormRejection) -> Self {
        Self::from_rejection(rejection.status(), rejection.body_text())
    }
}

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
