//! Notifications in the JSON API, through the same core flows as the pages.

use axum::extract::State;
use axum::http::StatusCode;
use cercle_core::notify::inbox::{self as notifications, Preferences, PreferencesInput};
use cercle_core::notify::notification::{Notification, NotificationId, NotificationKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::{Json, Path};
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
        .routes(routes!(preferences, save_preferences))
}

/// A notification, in the language its recipient had when it was sent.
#[derive(Serialize, ToSchema)]
struct NotificationBody {
    id: i64,
    /// `community_arrival`, `community_departure`, `join_request_decided`,
    /// `join_request_waiting` or `excluded_from_community`.
    kind: String,
    text: String,
    /// Where to read more, on this instance.
    link: String,
    /// Unix seconds.
    created_at: i64,
    /// Unix seconds; absent while unread.
    read_at: Option<i64>,
}

/// The caller's newest notifications, and how many are unread in all.
#[derive(Serialize, ToSchema)]
struct InboxBody {
    unread: i64,
    notifications: Vec<NotificationBody>,
}

fn body(base: &str, notification: Notification) -> NotificationBody {
    NotificationBody {
        id: notification.id.0,
        kind: notification.kind.as_str().to_owned(),
        text: notification.text,
        link: format!("{base}{}", notification.link),
        created_at: notification.created_at.0,
        read_at: notification.read_at.map(|at| at.0),
    }
}

#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])),
    responses(
        (status = 200, description = "The newest notifications first, at most 50", body = InboxBody),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<InboxBody>, WebError> {
    let inbox = notifications::inbox(&state.context(), viewer.actor()).await?;
    let base = state.settings.base();
    Ok(axum::Json(InboxBody {
        unread: inbox.unread,
        notifications: inbox
            .notifications
            .into_iter()
            .map(|n| body(base, n))
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The notification")),
    responses(
        (status = 204, description = "Read; reading it again changes nothing"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No notification of the caller's has this id", body = Problem, content_type = "application/problem+json")))]
async fn mark_read(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    notifications::mark_read(&state.context(), viewer.actor(), NotificationId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", security(("bearer" = [])),
    responses(
        (status = 204, description = "Every notification of the caller's is read"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json")))]
async fn mark_all_read(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<StatusCode, WebError> {
    notifications::mark_all_read(&state.context(), viewer.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How the caller is told: the language of their notifications and emails,
/// and the kinds of notification they also get by email.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PreferencesBody {
    /// `fr` or `en`.
    language: String,
    /// Among `community_arrival`, `community_departure`,
    /// `join_request_decided`, `join_request_waiting` and
    /// `excluded_from_community`.
    email: Vec<String>,
}

impl From<Preferences> for PreferencesBody {
    fn from(preferences: Preferences) -> Self {
        Self {
            language: preferences.language.code().to_owned(),
            email: NotificationKind::ALL
                .into_iter()
                .filter(|kind| preferences.email.email(*kind))
                .map(|kind| kind.as_str().to_owned())
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/me/notification-preferences", tag = "notifications", security(("bearer" = [])),
    responses(
        (status = 200, body = PreferencesBody),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn preferences(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<PreferencesBody>, WebError> {
    let current = notifications::preferences(&state.context(), viewer.actor()).await?;
    Ok(axum::Json(current.into()))
}

#[utoipa::path(put, path = "/api/v1/me/notification-preferences", tag = "notifications", security(("bearer" = [])), request_body = PreferencesBody,
    responses(
        (status = 204, description = "Saved; the caller's language changes with them"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind or language", body = Problem, content_type = "application/problem+json")))]
async fn save_preferences(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(body): Json<PreferencesBody>,
) -> Result<StatusCode, WebError> {
    let input = PreferencesInput {
        email: body.email,
        language: Some(body.language),
    };
    notifications::save_preferences(&state.context(), viewer.actor(), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
