//! The first-run page: names the association and creates its first
//! administrator, then signs them in.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use cercle_core::accounts::flows::{self as accounts, FlowError, SetupInput};

use crate::accounts::auth::signed_in_redirect;
use crate::http::error::WebError;
use crate::http::extract::Form;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, render};
use crate::viewer::Viewer;

page_routes! {
    get "/setup" => form,
    post "/setup" => submit,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    l: Layout,
    input: SetupInput,
    errors: FieldErrors,
}

async fn form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    if state.association().is_some() {
        return Err(WebError::NotFound);
    }
    let input = SetupInput {
        language: viewer.language.code().to_owned(),
        theme_colour: cercle_core::kernel::association::ThemeColour::default()
            .as_str()
            .to_owned(),
        ..SetupInput::default()
    };
    render(&SetupPage {
        l: Layout::new(&state, &viewer, "setup-title", "/setup"),
        input,
        errors: FieldErrors::default(),
    })
}

async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<SetupInput>,
) -> Result<Response, WebError> {
    if state.association().is_some() {
        return Err(WebError::NotFound);
    }
    match accounts::set_up_instance(&state.context(), &input).await {
        Ok(secret) => {
            state.reload_association().await?;
            Ok(signed_in_redirect(&state, &secret, "/"))
        }
        Err(FlowError::Invalid(errors)) => {
            let page = SetupPage {
                l: Layout::new(&state, &viewer, "setup-title", "/setup"),
                errors: FieldErrors::new(viewer.language, &errors),
                input: SetupInput {
                    password: String::new(),
                    ..input
                },
            };
            render(&page).map(|mut response| {
                *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                response
            })
        }
        Err(FlowError::AlreadySetUp) => {
            state.reload_association().await?;
            Err(WebError::NotFound)
        }
        Err(other) => Err(other.into()),
    }
}
