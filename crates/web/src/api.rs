//! The JSON API under `/api/v1`: every area's part gathered into one router,
//! the instance's own endpoint, the problem report they share, and the
//! OpenAPI 3.1 document built from the handlers' annotations.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::error::WebError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Cercle API", description = "Read and manage a Cercle instance. Authenticate with `Authorization: Bearer <token>`; create tokens on your account page."),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn router() -> Router<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi());
    let router = crate::communities::api::routes(crate::register::api::routes(router));
    let router = crate::communities::actions_api::routes(router);
    let router = crate::notify::api::routes(router);
    let router = crate::newsletter::api::routes(router);
    let router = crate::events::api::routes(router);
    let router = crate::governance::api::routes(router);
    let router = crate::site::api::routes(router)
        .merge(crate::site::uploads::api_routes())
        .merge(crate::events::cover::api_routes());
    let router = crate::admission::api::routes(router).routes(routes!(association));
    let (router, document) = crate::accounts::api::routes(router).split_for_parts();
    let document: Arc<str> = document
        .to_json()
        .expect("the OpenAPI document serialises")
        .into();
    router.route(
        "/api/v1/openapi.json",
        get(move || {
            let document = Arc::clone(&document);
            async move { ([(CONTENT_TYPE, "application/json")], document.to_string()).into_response() }
        }),
    )
}

/// The association this instance serves.
#[derive(Serialize, ToSchema)]
struct AssociationBody {
    name: String,
    /// `fr` or `en`.
    default_language: String,
    /// `#rrggbb`.
    theme_colour: String,
}

/// A problem report (RFC 9457).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    title: String,
    status: u16,
    /// What went wrong, in the reader's language.
    detail: String,
}

#[utoipa::path(get, path = "/api/v1/association", tag = "instance",
    responses((status = 200, body = AssociationBody), (status = 404, description = "Not set up yet", body = Problem, content_type = "application/problem+json")))]
async fn association(
    State(state): State<AppState>,
) -> Result<axum::Json<AssociationBody>, WebError> {
    let association = state.association().ok_or(WebError::NotFound)?;
    Ok(axum::Json(AssociationBody {
        name: association.name.as_str().to_owned(),
        default_language: association.default_language.code().to_owned(),
        theme_colour: association.theme_colour.as_str().to_owned(),
    }))
}
