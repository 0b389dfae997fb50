//! Signing up, confirming an address, logging in and out, and resetting a
//! forgotten password.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use cercle_core::accounts::flows::{self as accounts, FlowError, NewPasswordInput, SignUpInput};
use cercle_core::accounts::secret::{SESSION_LIFETIME, Secret};
use cercle_core::kernel::i18n;

use crate::http::error::WebError;
use crate::http::extract::{ClientIp, Form, Path};
use crate::http::middleware::{encode, local_path, see_other};
use crate::http::page_routes;
use crate::http::rate_limit::Bucket;
use crate::state::AppState;
use crate::templates::notice;
use crate::templates::{FieldErrors, Layout, render};
use crate::viewer::{SESSION_COOKIE, Viewer, set_cookie};

page_routes! {
    get "/signup" => sign_up_form,
    post "/signup" => sign_up,
    get "/signup/sent" => sign_up_sent,
    get "/confirm/{token}" => confirm,
    get "/login" => log_in_form,
    post "/login" => log_in,
    post "/logout" => log_out,
    get "/password/forgot" => forgot_form,
    post "/password/forgot" => forgot,
    get "/password/forgot/sent" => forgot_sent,
    get "/password/reset/{token}" => reset_form,
    post "/password/reset/{token}" => reset,
}

/// Sets the session cookie and sends the browser on to `next`.
pub fn signed_in_redirect(state: &AppState, secret: &Secret, next: &str) -> Response {
    let mut response = see_other(next);
    response.headers_mut().insert(
        SET_COOKIE,
        set_cookie(
            state,
            SESSION_COOKIE,
            secret.expose(),
            SESSION_LIFETIME.as_secs(),
        ),
    );
    response
}

fn unprocessable(page: &impl Template) -> Result<Response, WebError> {
    render(page).map(|mut response| {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        response
    })
}

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignUpPage {
    l: Layout,
    input: SignUpInput,
    errors: FieldErrors,
}

async fn sign_up_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    render(&SignUpPage {
        l: Layout::new(&state, &viewer, "signup-title", "/signup"),
        input: SignUpInput::default(),
        errors: FieldErrors::default(),
    })
}

async fn sign_up(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Form(input): Form<SignUpInput>,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::SignUp, client)?;
    match accounts::sign_up(&state.context(), &input, viewer.language).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other("/signup/sent"))
        }
        Err(FlowError::Invalid(errors)) => unprocessable(&SignUpPage {
            l: Layout::new(&state, &viewer, "signup-title", "/signup"),
            errors: FieldErrors::new(viewer.language, &errors),
            input: SignUpInput {
                password: String::new(),
                ..input
            },
        }),
        Err(other) => Err(other.into()),
    }
}

/// Where a successful sign-up lands, so that reloading the page does not
/// send the form, and an email, again.
async fn sign_up_sent(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    notice(&state, &viewer, ("signup-done-title", "signup-done"), None)
}

async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    accounts::confirm_email(&state.context(), &token).await?;
    notice(
        &state,
        &viewer,
        ("confirm-title", "confirm-done"),
        Some(("/login", "nav-login")),
    )
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LogInPage {
    l: Layout,
    email: String,
    next: String,
    failure: Option<String>,
    errors: FieldErrors,
}

#[derive(serde::Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn log_in_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    render(&LogInPage {
        l: Layout::new(&state, &viewer, "login-title", "/login"),
        email: String::new(),
        next: landing(query.next.as_deref()).to_owned(),
        failure: None,
        errors: FieldErrors::default(),
    })
}

#[derive(serde::Deserialize)]
struct LogInInput {
    email: String,
    password: String,
    next: Option<String>,
}

async fn log_in(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Form(input): Form<LogInInput>,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::LogIn, client)?;
    let next = landing(input.next.as_deref()).to_owned();
    let failure_key = match accounts::log_in(&state.context(), &input.email, &input.password).await
    {
        Ok((secret, _)) => return Ok(signed_in_redirect(&state, &secret, &next)),
        Err(FlowError::BadCredentials) => "error-login",
        Err(FlowError::Unconfirmed) => {
            state.jobs.wake();
            "error-login-unconfirmed"
        }
        Err(other) => return Err(other.into()),
    };
    let page = LogInPage {
        l: Layout::new(&state, &viewer, "login-title", "/login"),
        email: input.email,
        next,
        failure: Some(i18n::text(viewer.language, failure_key)),
        errors: FieldErrors::default(),
    };
    render(&page).map(|mut response| {
        *response.status_mut() = StatusCode::UNAUTHORIZED;
        response
    })
}

/// Where log-in leads: the page the person was on their way to, else their
/// home.
fn landing(next: Option<&str>) -> &str {
    match next {
        Some(path) if !path.is_empty() => local_path(Some(path)),
        _ => "/home",
    }
}

async fn log_out(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    if let Some(session) = viewer.session() {
        accounts::log_out(&state.context(), session).await?;
    }
    let mut response = see_other("/");
    response
        .headers_mut()
        .insert(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0));
    Ok(response)
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    l: Layout,
    email: String,
    errors: FieldErrors,
}

async fn forgot_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    render(&ForgotPage {
        l: Layout::new(&state, &viewer, "forgot-title", "/password/forgot"),
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

#[derive(serde::Deserialize)]
struct ForgotInput {
    email: String,
}

async fn forgot(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    Form(input): Form<ForgotInput>,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::PasswordReset, client)?;
    match accounts::request_password_reset(&state.context(), &input.email).await {
        Ok(()) => {
            state.jobs.wake();
            Ok(see_other("/password/forgot/sent"))
        }
        Err(FlowError::Invalid(errors)) => unprocessable(&ForgotPage {
            l: Layout::new(&state, &viewer, "forgot-title", "/password/forgot"),
            email: input.email,
            errors: FieldErrors::new(viewer.language, &errors),
        }),
        Err(other) => Err(other.into()),
    }
}

async fn forgot_sent(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    notice(&state, &viewer, ("forgot-title", "forgot-done"), None)
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    l: Layout,
    action: String,
    errors: FieldErrors,
}

/// Shows the form without using the token: link scanners that fetch
/// emailed links must not spend it.
async fn reset_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    render(&ResetPage {
        l: Layout::new(&state, &viewer, "reset-title", "/"),
        action: format!("/password/reset/{}", encode(&token)),
        errors: FieldErrors::default(),
    })
}

async fn reset(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    Form(input): Form<NewPasswordInput>,
) -> Result<Response, WebError> {
    match accounts::reset_password(&state.context(), &token, &input).await {
        Ok(_) => notice(
            &state,
            &viewer,
            ("reset-title", "reset-done"),
            Some(("/login", "nav-login")),
        ),
        Err(FlowError::Invalid(errors)) => unprocessable(&ResetPage {
            l: Layout::new(&state, &viewer, "reset-title", "/"),
            action: format!("/password/reset/{}", encode(&token)),
            errors: FieldErrors::new(viewer.language, &errors),
        }),
        Err(other) => Err(other.into()),
    }
}
