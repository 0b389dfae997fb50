//! The home page and the language switcher.
//!
//! The home page shows everyone the public site's home content
//! ([`crate::site::pages::PublicHome`]).

use askama::Template;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::Response;
use cercle_core::accounts::flows::{self as accounts, ProfileInput};
use cercle_core::kernel::association::Language;

use crate::http::error::WebError;
use crate::http::extract::Form;
use crate::http::middleware::{local_path, see_other};
use crate::http::page_routes;
use crate::site::pages::PublicHome;
use crate::state::AppState;
use crate::templates::{Layout, render};
use crate::viewer::{LANGUAGE_COOKIE, Viewer, set_cookie};

page_routes! {
    get "/" => home,
    post "/language" => choose_language,
}

#[derive(Template)]
#[template(path = "home/home.html")]
struct Home {
    l: Layout,
    public: PublicHome,
}

async fn home(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    render(&Home {
        public: PublicHome::load(&state, &viewer).await?,
        l: Layout::new(&state, &viewer, "home-title", "/"),
    })
}

#[derive(serde::Deserialize)]
struct LanguageChoice {
    lang: String,
    next: Option<String>,
}

/// Remembers the language chosen in this browser for a year, and on the
/// account of a person signed in, whose account's language comes first.
async fn choose_language(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(choice): Form<LanguageChoice>,
) -> Result<Response, WebError> {
    let language = Language::parse(&choice.lang).map_err(|error| WebError::Invalid(vec![error]))?;
    if viewer.session().is_some() {
        let input = ProfileInput {
            display_name: None,
            language: Some(language.code().to_owned()),
        };
        accounts::update_profile(&state.context(), viewer.actor(), &input).await?;
    }
    let mut response = see_other(local_path(choice.next.as_deref()));
    response.headers_mut().insert(
        SET_COOKIE,
        set_cookie(&state, LANGUAGE_COOKIE, language.code(), 365 * 24 * 3600),
    );
    Ok(response)
}
