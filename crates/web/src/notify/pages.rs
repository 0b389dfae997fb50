//! Notifications: the list with the unread ones marked, marking them read,
//! and the preferences deciding which kinds also come by email.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::notify::inbox::{self as notifications, PreferencesInput};
use cercle_core::notify::notification::{NotificationId, NotificationKind};

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/notifications" => list,
    post "/notifications/{id}/read" => mark_read,
    post "/notifications/read-all" => mark_all_read,
    get "/account/notifications" => preferences,
    post "/account/notifications" => save_preferences,
}

/// A notification as the list shows it.
struct Item {
    id: i64,
    text: String,
    link: String,
    at: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notify/notifications.html")]
struct ListPage {
    l: Layout,
    items: Vec<Item>,
    unread: i64,
    unread_label: String,
}

async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let inbox = notifications::inbox(&state.context(), viewer.actor()).await?;
    let t = Tr(viewer.language);
    render(&ListPage {
        l: Layout::new(&state, &viewer, "notifications-title", "/notifications"),
        items: inbox
            .notifications
            .into_iter()
            .map(|n| Item {
                id: n.id.0,
                text: n.text,
                link: n.link,
                at: n.created_at.long(t.0),
                unread: n.read_at.is_none(),
            })
            .collect(),
        unread: inbox.unread,
        unread_label: t.with(
            "notifications-unread-count",
            "count",
            &inbox.unread.to_string(),
        ),
    })
}

async fn mark_read(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    notifications::mark_read(&state.context(), viewer.actor(), NotificationId(id)).await?;
    Ok(see_other("/notifications"))
}

async fn mark_all_read(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    notifications::mark_all_read(&state.context(), viewer.actor()).await?;
    Ok(see_other("/notifications"))
}

#[derive(Template)]
#[template(path = "notify/notification_preferences.html")]
struct PreferencesPage {
    l: Layout,
    /// `(keyword, label, ticked)` for each kind.
    kinds: Vec<(&'static str, String, bool)>,
    /// `(code, name, chosen)` for each language.
    languages: Vec<(&'static str, &'static str, bool)>,
    saved: bool,
    errors: FieldErrors,
}

#[derive(serde::Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn preferences(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<SavedQuery>,
) -> Result<Response, WebError> {
    let current = notifications::preferences(&state.context(), viewer.actor()).await?;
    let input = PreferencesInput {
        email: NotificationKind::ALL
            .into_iter()
            .filter(|kind| current.email.email(*kind))
            .map(|kind| kind.as_str().to_owned())
            .collect(),
        language: Some(current.language.code().to_owned()),
    };
    preferences_page(&state, &viewer, &input, query.saved.is_some(), &[])
}

async fn save_preferences(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let input = PreferencesInput::from_form(&fields);
    match notifications::save_preferences(&state.context(), viewer.actor(), &input).await {
        // Back to the page, which the new language may now write.
        Ok(()) => Ok(see_other("/account/notifications?saved")),
        Err(FlowError::Invalid(errors)) => {
            preferences_page(&state, &viewer, &input, false, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

/// The page showing `input`: the saved choices, or those just refused.
fn preferences_page(
    state: &AppState,
    viewer: &Viewer,
    input: &PreferencesInput,
    saved: bool,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let page = PreferencesPage {
        l: Layout::new(
            state,
            viewer,
            "notification-preferences-title",
            "/account/notifications",
        ),
        kinds: NotificationKind::ALL
            .into_iter()
            .map(|kind| {
                (
                    kind.as_str(),
                    t.get(&format!(
                        "notification-kind-{}",
                        kind.as_str().replace('_', "-")
                    )),
                    input.email.iter().any(|ticked| ticked == kind.as_str()),
                )
            })
            .collect(),
        languages: Language::ALL
            .into_iter()
            .map(|language| {
                (
                    language.code(),
                    match language {
                        Language::Fr => "Français",
                        Language::En => "English",
                    },
                    input.language.as_deref() == Some(language.code()),
                )
            })
            .collect(),
        saved,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}
