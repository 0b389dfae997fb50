//! The account page: profile, password change, API tokens, deletion.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use cercle_core::accounts::flows::{
    self as accounts, ApiTokenInput, FlowError, PasswordChangeInput,
};
use cercle_core::accounts::secret::{ApiToken, ApiTokenId, ApiTokenScope};
use cercle_core::kernel::i18n;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, render};
use crate::viewer::{SESSION_COOKIE, Viewer, set_cookie};

page_routes! {
    get "/account" => page,
    post "/account/password" => change_password,
    post "/account/tokens" => create_token,
    post "/account/tokens/{id}/revoke" => revoke_token,
    post "/account/delete" => delete,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    l: Layout,
    account_id: i64,
    adherence: String,
    memberships: Vec<(i64, String)>,
    needs_review: bool,
    name: String,
    email: String,
    since: String,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    flash: Option<String>,
    errors: FieldErrors,
}

struct TokenRow {
    id: i64,
    name: String,
    scope: String,
    created_at: String,
    last_used_at: String,
}

/// What the page shows besides the account: a message, a new token or the
/// errors of the form just sent.
#[derive(Default)]
struct Outcome {
    new_token: Option<String>,
    flash_key: Option<&'static str>,
    errors: Vec<cercle_core::kernel::validation::ValidationError>,
}

async fn page(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    account_page(&state, &viewer, Outcome::default(), StatusCode::OK).await
}

async fn account_page(
    state: &AppState,
    viewer: &Viewer,
    outcome: Outcome,
    status: StatusCode,
) -> Result<Response, WebError> {
    let overview = cercle_core::register::reads::account_overview(
        &state.context(),
        viewer.actor(),
        viewer.language,
    )
    .await?;
    let account = viewer.account.as_ref().ok_or(WebError::SignInRequired)?;
    let t = crate::templates::Tr(viewer.language);
    let today = state.today();
    let memberships = overview
        .memberships
        .into_iter()
        .map(|m| {
            (
                m.id.0,
                format!(
                    "{} — {}",
                    m.plan_name,
                    m.standing(today).reason(&m.holder_name, viewer.language)
                ),
            )
        })
        .collect();
    let page = AccountPage {
        l: Layout::new(state, viewer, "account-title", "/account"),
        account_id: account.id.0,
        adherence: overview.adherence.reason,
        memberships,
        needs_review: overview.profile_needs_review,
        name: account.display_name.as_str().to_owned(),
        email: account.email.as_str().to_owned(),
        since: account.created_at.long(viewer.language),
        tokens: overview
            .tokens
            .iter()
            .map(|token| token_row(t, token))
            .collect(),
        new_token: outcome.new_token,
        flash: outcome
            .flash_key
            .map(|key| i18n::text(viewer.language, key)),
        errors: FieldErrors::new(viewer.language, &outcome.errors),
    };
    render(&page).map(|mut response| {
        *response.status_mut() = status;
        response
    })
}

fn token_row(t: crate::templates::Tr, token: &ApiToken) -> TokenRow {
    TokenRow {
        id: token.id.0,
        name: token.name.as_str().to_owned(),
        scope: t.get(match token.scope {
            ApiTokenScope::Read => "tokens-scope-read",
            ApiTokenScope::ReadWrite => "tokens-scope-read-write",
        }),
        created_at: token.created_at.long(t.0),
        last_used_at: token
            .last_used_at
            .map_or_else(|| t.get("tokens-never-used"), |at| at.long(t.0)),
    }
}

/// Re-renders the page with a form's field errors, or passes other errors on.
async fn or_invalid(
    state: &AppState,
    viewer: &Viewer,
    result: Result<Response, FlowError>,
) -> Result<Response, WebError> {
    match result {
        Ok(response) => Ok(response),
        Err(FlowError::Invalid(errors)) => {
            let outcome = Outcome {
                errors,
                ..Outcome::default()
            };
            account_page(state, viewer, outcome, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(FlowError::WrongCurrentPassword) => {
            let errors = vec![cercle_core::kernel::validation::ValidationError::new(
                "current_password",
                "error-current-password",
            )];
            account_page(
                state,
                viewer,
                Outcome {
                    errors,
                    ..Outcome::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<PasswordChangeInput>,
) -> Result<Response, WebError> {
    let session = viewer.session().cloned().ok_or(WebError::SignInRequired)?;
    let result =
        accounts::change_password(&state.context(), viewer.actor(), &session, &input).await;
    match result {
        Ok(()) => {
            state.jobs.wake();
            let outcome = Outcome {
                flash_key: Some("account-password-changed"),
                ..Outcome::default()
            };
            account_page(&state, &viewer, outcome, StatusCode::OK).await
        }
        Err(error) => or_invalid(&state, &viewer, Err(error)).await,
    }
}

async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<ApiTokenInput>,
) -> Result<Response, WebError> {
    match accounts::create_api_token(&state.context(), viewer.actor(), &input).await {
        Ok(shown) => {
            let outcome = Outcome {
                new_token: Some(shown),
                ..Outcome::default()
            };
            account_page(&state, &viewer, outcome, StatusCode::CREATED).await
        }
        Err(error) => or_invalid(&state, &viewer, Err(error)).await,
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    accounts::revoke_api_token(&state.context(), viewer.actor(), ApiTokenId(id)).await?;
    Ok(see_other("/account"))
}

#[derive(serde::Deserialize)]
struct DeleteInput {
    confirm_email: String,
}

async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<DeleteInput>,
) -> Result<Response, WebError> {
    let result = accounts::delete_account(&state.context(), viewer.actor(), &input.confirm_email)
        .await
        .map(|()| {
            let mut response = see_other("/");
            response
                .headers_mut()
                .insert(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0));
            response
        });
    or_invalid(&state, &viewer, result).await
}
