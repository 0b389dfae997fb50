//! A community's events as its own routes: the form of a new event and its
//! creation, under `/c/{slug}`, so that the communities' authorization
//! matrix walks them with the community's other routes.

use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::events::event::EventInput;
use cercle_core::events::flows as events;

use crate::events::pages::{blank, form_page};
use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::viewer::Viewer;

page_routes! {
    get "/c/{slug}/events/new" => new_community_form,
    post "/c/{slug}/events" => create_in_community,
}

async fn new_community_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let community = events::new_event(&state.context(), viewer.actor(), Some(&slug)).await?;
    form_page(
        &state,
        &viewer,
        (
            format!("/c/{slug}/events"),
            community.map(|c| c.fields.name),
            None,
        ),
        blank(),
        &[],
    )
}

async fn create_in_community(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<EventInput>,
) -> Result<Response, WebError> {
    match events::create(&state.context(), viewer.actor(), Some(&slug), &input).await {
        Ok(id) => Ok(see_other(&format!("/events/{}", id.0))),
        Err(FlowError::Invalid(errors)) => {
            let community = events::new_event(&state.context(), viewer.actor(), Some(&slug))
                .await?
                .map(|c| c.fields.name);
            form_page(
                &state,
                &viewer,
                (format!("/c/{slug}/events"), community, None),
                input,
                &errors,
            )
        }
        Err(other) => Err(other.into()),
    }
}
