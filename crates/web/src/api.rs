//! The JSON API under `/api/v1`, and its OpenAPI 3.1 document built from
//! these handlers' annotations.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use cercle_core::accounts::account::Account;
use cercle_core::accounts::flows::{self as accounts, ProfileInput};
use cercle_core::accounts::policy::{self, Action};
use cercle_core::kernel::time::Timestamp;
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::error::WebError;
use crate::http::extract::Json;
use crate::state::AppState;
use crate::viewer::Viewer;

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
    let router = crate::notify::api::routes(router);
    let (router, document) = crate::admission::api::routes(router)
        .routes(routes!(association))
        .routes(routes!(me, update_me))
        .routes(routes!(my_tokens))
        .split_for_parts();
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

/// The signed-in account.
#[derive(Serialize, ToSchema)]
struct Me {
    id: i64,
    email: String,
    display_name: String,
    language: String,
    roles: Vec<String>,
}

impl From<&Account> for Me {
    fn from(account: &Account) -> Self {
        Self {
            id: account.id.0,
            email: account.email.as_str().to_owned(),
            display_name: account.display_name.as_str().to_owned(),
            language: account.language.code().to_owned(),
            roles: account
                .roles
                .iter()
                .map(|role| role.as_str().to_owned())
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn me(viewer: Viewer) -> Result<axum::Json<Me>, WebError> {
    policy::check(viewer.actor(), Action::ReadOwnAccount)?;
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?;
    Ok(axum::Json(Me::from(account)))
}

/// Fields to change; those left out stay as they are.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ProfileChange {
    display_name: Option<String>,
    /// `fr` or `en`.
    language: Option<String>,
}

#[utoipa::path(patch, path = "/api/v1/me", tag = "account", security(("bearer" = [])), request_body = ProfileChange,
    responses(
        (status = 200, body = Me),
        (status = 400, description = "Unreadable JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field was refused; `errors` lists each", body = Problem, content_type = "application/problem+json")))]
async fn update_me(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(change): Json<ProfileChange>,
) -> Result<axum::Json<Me>, WebError> {
    let input = ProfileInput {
        display_name: change.display_name,
        language: change.language,
    };
    let account =
        accounts::update_profile(&*state.store, viewer.actor(), &input, Timestamp::now()).await?;
    Ok(axum::Json(Me::from(&account)))
}

/// An API token, without its secret.
#[derive(Serialize, ToSchema)]
struct TokenBody {
    id: i64,
    name: String,
    /// `read` or `read_write`.
    scope: String,
    /// Unix seconds.
    created_at: i64,
    last_used_at: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenBody>), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn my_tokens(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<axum::Json<Vec<TokenBody>>, WebError> {
    policy::check(viewer.actor(), Action::ReadOwnAccount)?;
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?;
    let tokens = state.store.api_tokens(account.id).await?;
    Ok(axum::Json(
        tokens
            .into_iter()
            .map(|token| TokenBody {
                id: token.id.0,
                name: token.name.as_str().to_owned(),
                scope: token.scope.as_str().to_owned(),
                created_at: token.created_at.0,
                last_used_at: token.last_used_at.map(|at| at.0),
            })
            .collect(),
    ))
}
