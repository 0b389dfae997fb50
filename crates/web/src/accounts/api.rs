//! The signed-in account in the JSON API: reading and changing one's own
//! profile, and listing one's API tokens.

use axum::extract::State;
use cercle_core::accounts::account::Account;
use cercle_core::accounts::flows::{self as accounts, ProfileInput};
use cercle_core::accounts::policy::{self, Action};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::Json;
use crate::state::AppState;
use crate::viewer::Viewer;

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(me, update_me))
        .routes(routes!(my_tokens))
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
    let account = accounts::update_profile(&state.context(), viewer.actor(), &input).await?;
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
    let tokens = accounts::api_tokens(&state.context(), viewer.actor()).await?;
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
