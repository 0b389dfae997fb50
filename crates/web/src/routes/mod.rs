//! The routes, one module each, each owning its `router()`.

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

pub mod account;
pub mod admin;
pub mod admission;
pub mod api;
pub mod api_admission;
pub mod api_communities;
pub mod api_notifications;
pub mod api_register;
pub mod auth;
pub mod communities;
pub mod community_webhook;
pub mod dues;
pub mod home;
pub mod joining;
pub mod member_home;
pub mod newsletter;
pub mod notifications;
pub mod organisations;
pub mod register;
pub mod security;
pub mod setup;
pub mod site;
pub mod site_admin;
pub mod site_uploads;

use askama::Template;
use axum::response::Response;
use cercle_core::kernel::i18n;

use crate::http::error::WebError;
use crate::state::AppState;
use crate::templates::{Layout, render};
use crate::viewer::Viewer;

/// A page holding one sentence, and perhaps a link onwards.
#[derive(Template)]
#[template(path = "notice.html")]
pub struct Notice {
    pub l: Layout,
    pub message: String,
    pub link: Option<(String, String)>,
}

/// Renders a [`Notice`] titled `title_key` saying `message_key`.
pub fn notice(
    state: &AppState,
    viewer: &Viewer,
    (title_key, message_key): (&str, &str),
    link: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    let language = viewer.language;
    render(&Notice {
        l: Layout::new(state, viewer, title_key, "/"),
        message: i18n::text(language, message_key),
        link: link.map(|(href, key)| (href.to_owned(), i18n::text(language, key))),
    })
}
