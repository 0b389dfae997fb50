//! The HTTP machinery every area shares: the one error type and its
//! rendering, extractors with clear refusals, the cross-cutting middleware,
//! rate limits, the anonymous cache, metrics, and the routes that belong to
//! no area (health checks and the stylesheet).

pub mod anonymous_cache;
pub mod assets;
pub mod error;
pub mod extract;
pub mod health;
pub mod metrics;
pub mod middleware;
pub mod rate_limit;
