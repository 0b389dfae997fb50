//! The HTTP machinery every area shares: the one error type and its
//! rendering, extractors with clear refusals, the cross-cutting middleware,
//! rate limits, the anonymous cache, metrics, the routes that belong to no
//! area (health checks and the stylesheet), and `page_routes!`, with which an
//! area declares its pages.

pub mod anonymous_cache;
pub mod assets;
pub mod error;
pub mod extract;
pub mod health;
pub mod metrics;
pub mod middleware;
pub mod rate_limit;

/// Declares a module's page routes once, as its `router()` and as `ROUTES`,
/// the (method, path) list that the authorization matrix walks: a route
/// added here cannot escape the matrix.
macro_rules! page_routes {
    ($($method:ident $path:literal => $handler:path),* $(,)?) => {
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        pub fn router() -> axum::Router<crate::state::AppState> {
            axum::Router::new()$(.route($path, axum::routing::$method($handler)))*
        }
    };
}

pub(crate) use page_routes;
