//! An event's cover image: the organisers' forms that carry it, its API
//! twins, and the image itself, served to whoever may see the event. These
//! routes accept the larger bodies of uploads.

use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::extract::multipart::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use cercle_core::events::event::EventId;
use cercle_core::events::flows as events;
use cercle_core::kernel::image::Upload;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::Path;
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::site::pages::image_response;
use crate::site::uploads::{Sent, UPLOAD_BODY_LIMIT};
use crate::state::AppState;
use crate::viewer::Viewer;

page_routes! {
    get "/events/{id}/cover" => cover,
    post "/events/{id}/cover" => set_cover,
    post "/events/{id}/cover/remove" => remove_cover,
}

/// The API twins, with the same larger body limit as the form.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(set_cover_api, remove_cover_api))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
}

async fn cover(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let image = events::cover(&state.context(), viewer.actor(), EventId(id)).await?;
    Ok(image_response(image))
}

/// The file of field `cover`; an input left empty is an upload of nothing,
/// which the image's checks refuse with a field error.
async fn upload(multipart: Multipart) -> Result<Upload, WebError> {
    let sent = Sent::read(multipart, "cover").await?;
    Ok(sent.file.unwrap_or(Upload {
        file_name: String::new(),
        bytes: Vec::new(),
    }))
}

async fn set_cover(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let upload = upload(multipart).await?;
    let done = events::set_cover(&state.context(), viewer.actor(), id, Some(&upload)).await;
    back(&state, &viewer, id, done).await
}

async fn remove_cover(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let id = EventId(id);
    let done = events::set_cover(&state.context(), viewer.actor(), id, None).await;
    back(&state, &viewer, id, done).await
}

/// Back to the event's page, or the page again with the refusal beside the
/// form.
async fn back(
    state: &AppState,
    viewer: &Viewer,
    id: EventId,
    done: Result<(), cercle_core::accounts::flows::FlowError>,
) -> Result<Response, WebError> {
    use cercle_core::accounts::flows::FlowError;
    match done {
        Ok(()) => Ok(see_other(&format!("/events/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let view = events::view(&state.context(), viewer.actor(), id, None).await?;
            crate::events::pages::event_page(state, viewer, &view, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

/// The cover, as `multipart/form-data` with one `cover` file.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "it only describes the multipart body in the OpenAPI document"
)]
struct CoverForm {
    #[schema(format = Binary)]
    cover: Vec<u8>,
}

#[utoipa::path(put, path = "/api/v1/events/{id}/cover", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The event")),
    request_body(content = CoverForm, content_type = "multipart/form-data"),
    responses(
        (status = 204, description = "The event's page shows the new cover"),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an event the caller organises", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No image, one refused, or a cancelled event", body = Problem, content_type = "application/problem+json")))]
async fn set_cover_api(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<StatusCode, WebError> {
    let upload = upload(multipart).await?;
    events::set_cover(&state.context(), viewer.actor(), EventId(id), Some(&upload)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/events/{id}/cover", tag = "events", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The event")),
    responses(
        (status = 204, description = "The event has no cover any more"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an event the caller organises", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A cancelled event", body = Problem, content_type = "application/problem+json")))]
async fn remove_cover_api(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode, WebError> {
    events::set_cover(&state.context(), viewer.actor(), EventId(id), None).await?;
    Ok(StatusCode::NO_CONTENT)
}
