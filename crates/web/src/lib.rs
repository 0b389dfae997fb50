//! The HTTP face of Cercle: server-rendered pages that work without
//! JavaScript, the JSON API under `/api/v1`, sessions, cross-site request
//! refusal, rate limits, metrics and health checks.
//!
//! This is the only crate that knows HTTP and HTML. Handlers parse their
//! input, call one function of `cercle_core`, and render.

mod accounts;
mod admission;
mod api;
mod app;
mod communities;
mod events;
mod governance;
mod home;
mod http;
mod markdown;
mod newsletter;
mod notify;
mod register;
pub mod settings;
mod site;
mod state;
mod templates;
mod viewer;

pub use app::{
    app, community_routes, event_routes, governance_routes, outreach_routes, page_routes, serve,
    site_routes,
};
pub use http::anonymous_cache::AnonymousCaching;
pub use settings::{Quota, RateLimits, Settings};
pub use state::AppState;
