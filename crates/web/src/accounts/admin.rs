//! Administration pages. To anyone but an administrator they do not exist.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows as accounts;

use crate::http::error::WebError;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{Layout, render};
use crate::viewer::Viewer;

page_routes! {
    get "/admin/audit" => audit_log,
}

#[derive(Template)]
#[template(path = "accounts/audit.html")]
struct AuditPage {
    l: Layout,
    entries: Vec<AuditRow>,
}

struct AuditRow {
    at: String,
    actor: String,
    action: String,
    subject: String,
}

async fn audit_log(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let entries = accounts::audit_log(&state.context(), viewer.actor()).await?;
    render(&AuditPage {
        l: Layout::new(&state, &viewer, "audit-title", "/admin/audit"),
        entries: entries
            .into_iter()
            .map(|entry| AuditRow {
                at: entry.at.to_iso_minutes(),
                actor: entry
                    .actor
                    .map_or_else(|| "—".to_owned(), |id| format!("#{id}")),
                action: entry.action,
                subject: entry.subject,
            })
            .collect(),
    })
}
