//! Who is making the request, and in which language to answer.
//!
//! The `resolve` middleware reads the session cookie or the bearer token
//! once per request and leaves a [`Viewer`] in the request's extensions,
//! where handlers and the error renderer find it.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cercle_core::accounts::account::Account;
use cercle_core::accounts::flows::{session_account, token_account};
use cercle_core::accounts::policy::Actor;
use cercle_core::accounts::secret::{ApiTokenScope, TokenHash};
use cercle_core::kernel::association::Language;
use cercle_core::notify::inbox as notifications;

use crate::http::error::WebError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "cercle_session";
pub const LANGUAGE_COOKIE: &str = "cercle_lang";

#[derive(Debug, Clone)]
pub struct Viewer {
    pub account: Option<Account>,
    pub via: Via,
    pub language: Language,
    /// The unread notifications of a person signed in through the browser,
    /// counted for the pages they ask for, not for the API or forms sent.
    pub unread: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Via {
    Nobody,
    /// The hash of the session cookie, which password change keeps.
    Session(TokenHash),
    Token(ApiTokenScope),
}

impl Viewer {
    pub fn actor(&self) -> Actor<'_> {
        match (&self.account, &self.via) {
            (Some(account), Via::Session(_)) => Actor::Session(account),
            (Some(account), Via::Token(scope)) => Actor::Token(account, *scope),
            _ => Actor::Anonymous,
        }
    }

    pub fn session(&self) -> Option<&TokenHash> {
        match &self.via {
            Via::Session(hash) => Some(hash),
            _ => None,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned().unwrap_or(Viewer {
            account: None,
            via: Via::Nobody,
            language: Language::Fr,
            unread: None,
        }))
    }
}

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // Probes, metrics and assets never act for anyone: their answers must not
    // depend on, or cost, a database lookup of the caller.
    let path = request.uri().path();
    if matches!(path, "/healthz" | "/readyz" | "/metrics") || path.starts_with("/assets/") {
        return next.run(request).await;
    }
    // Uploaded images need the viewer (a moderator sees a logo waiting for
    // review) but show no header with a notification count.
    let page = request.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/images/");
    match identify(&state, request.headers(), page).await {
        Ok(viewer) => {
            request.extensions_mut().insert(viewer.clone());
            let mut response = next.run(request).await;
            // The error renderer, outside this middleware, writes in the
            // viewer's language.
            if response.status().is_client_error() || response.status().is_server_error() {
                response.extensions_mut().insert(viewer);
            }
            response
        }
        Err(error) => {
            let language = language_of(&state, request.headers(), None);
            let mut response = error.into_response();
            response.extensions_mut().insert(Viewer {
                account: None,
                via: Via::Nobody,
                language,
                unread: None,
            });
            response
        }
    }
}

/// Who is asking; for a `page`, also how many notifications they have not read.
async fn identify(state: &AppState, headers: &HeaderMap, page: bool) -> Result<Viewer, WebError> {
    let (account, via) = if let Some(token) = bearer(headers)? {
        match token_account(&state.context(), token).await? {
            Some((account, scope)) => (Some(account), Via::Token(scope)),
            None => return Err(WebError::InvalidToken),
        }
    } else if let Some(secret) = cookie(headers, SESSION_COOKIE) {
        match session_account(&state.context(), secret).await? {
            Some(account) => (Some(account), Via::Session(TokenHash::of(secret))),
            None => (None, Via::Nobody),
        }
    } else {
        (None, Via::Nobody)
    };
    let language = language_of(state, headers, account.as_ref());
    let unread = match (&account, &via) {
        (Some(account), Via::Session(_)) if page => {
            Some(notifications::unread(&state.context(), Actor::Session(account)).await?)
        }
        _ => None,
    };
    Ok(Viewer {
        account,
        via,
        language,
        unread,
    })
}

/// The account's language, else the one chosen with the switcher in this
/// browser, else the browser's `Accept-Language` (by its quality values),
/// else the association's. The switcher also saves a signed-in person's
/// choice on their account, so that it follows them to other browsers.
fn language_of(state: &AppState, headers: &HeaderMap, account: Option<&Account>) -> Language {
    account
        .map(|account| account.language)
        .or_else(|| cookie(headers, LANGUAGE_COOKIE).and_then(|code| Language::parse(code).ok()))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Language::negotiate)
        })
        .unwrap_or_else(|| state.default_language())
}

fn bearer(headers: &HeaderMap) -> Result<Option<&str>, WebError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| WebError::InvalidToken)?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(WebError::InvalidToken),
    }
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure behind HTTPS.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_seconds: u64) -> HeaderValue {
    let secure = if state.settings.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    );
    HeaderValue::from_str(&cookie).expect("cookie names and values are URL-safe ASCII")
}
