//! Liveness, readiness and metrics.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::http::error::WebError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process answers: nothing else is checked.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers too.
async fn readyz(State(state): State<AppState>) -> Result<&'static str, WebError> {
    state.ping().await.map_err(|error| {
        tracing::warn!(%error, "not ready: the database does not answer");
        WebError::Unavailable
    })?;
    Ok("ready")
}

/// Readable from the machine itself, or with the metrics token; to anyone
/// else it does not exist.
async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let presented = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    let token_ok = matches!((&state.settings.metrics_token, presented), (Some(expected), Some(given)) if expected == given);
    let proxied = headers.contains_key("x-forwarded-for");
    if !(token_ok || (peer.ip().is_loopback() && !proxied)) {
        return Err(WebError::NotFound);
    }
    Ok((
        [(CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::http::metrics::render(&state),
    )
        .into_response())
}
