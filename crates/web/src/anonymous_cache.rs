//! The anonymous cache, after Discourse's: the public pages a visitor reads
//! are the same for every visitor who asks in the same words (path, query,
//! language), so each is kept in memory for a moment and served again without
//! a database lookup or a render. Signed-in people, API tokens and anything
//! but a plain `200` without cookies always go through.
//!
//! A change shows to visitors at most one lifetime late; people signed in
//! see it at once. Each process keeps its own entries, so nothing has to be
//! invalidated across instances.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, AGE, AUTHORIZATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::viewer::{LANGUAGE_COOKIE, SESSION_COOKIE, cookie};

/// How long visitors may be served a page already rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnonymousCaching {
    Off,
    For(Duration),
}

/// The pages kept, bounded in number so that memory stays small.
pub struct AnonymousCache {
    caching: AnonymousCaching,
    entries: Mutex<HashMap<Key, Entry>>,
}

/// Pages larger than this are not kept.
const MAX_BODY: usize = 512 * 1024;
/// Entries kept at most: a few megabytes of pages.
const CAPACITY: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    accept_language: Option<HeaderValue>,
    language: Option<String>,
}

struct Entry {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
}

impl AnonymousCache {
    pub fn new(caching: AnonymousCaching) -> Self {
        Self {
            caching,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lifetime(&self) -> Option<Duration> {
        match self.caching {
            AnonymousCaching::Off => None,
            AnonymousCaching::For(lifetime) => Some(lifetime),
        }
    }

    fn get(&self, key: &Key, lifetime: Duration) -> Option<Response> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(key)?;
        let age = entry.stored.elapsed();
        if age >= lifetime {
            return None;
        }
        let mut response = (StatusCode::OK, entry.body.clone()).into_response();
        *response.headers_mut() = entry.headers.clone();
        response
            .headers_mut()
            .insert(AGE, HeaderValue::from(age.as_secs()));
        Some(response)
    }

    fn put(&self, key: Key, headers: HeaderMap, body: Bytes, lifetime: Duration) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, entry| entry.stored.elapsed() < lifetime);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        let stored = Instant::now();
        entries.insert(
            key,
            Entry {
                stored,
                headers,
                body,
            },
        );
    }
}

/// Serves a visitor's public page from the cache, or renders it and keeps it.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (Some(lifetime), Some(key)) = (state.anonymous_cache.lifetime(), key_of(&request)) else {
        return next.run(request).await;
    };
    if let Some(cached) = state.anonymous_cache.get(&key, lifetime) {
        return cached;
    }
    let response = next.run(request).await;
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|size| size <= MAX_BODY as u64);
    if response.status() != StatusCode::OK || response.headers().contains_key(SET_COOKIE) || !small
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            state
                .anonymous_cache
                .put(key, parts.headers.clone(), bytes.clone(), lifetime);
            Response::from_parts(parts, Body::from(bytes))
        }
        // A rendered page is in memory already and cannot fail to be read;
        // should it, the visitor is told to come back rather than given half
        // a page.
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// The key of a request the cache may answer: a GET of a public page by
/// someone who shows neither a session nor a token.
fn key_of(request: &Request) -> Option<Key> {
    let headers = request.headers();
    let signed_in =
        headers.contains_key(AUTHORIZATION) || cookie(headers, SESSION_COOKIE).is_some();
    if request.method() != Method::GET || signed_in || !is_public_page(request.uri().path()) {
        return None;
    }
    Some(Key {
        uri: request.uri().to_string(),
        accept_language: headers.get(ACCEPT_LANGUAGE).cloned(),
        language: cookie(headers, LANGUAGE_COOKIE).map(str::to_owned),
    })
}

/// The pages every visitor reads alike: the public site, the directory and
/// each community's page, and their API twins.
fn is_public_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(
        segments.as_slice(),
        [""] | ["communities"]
            | ["c", _]
            | ["how-we-work" | "governance" | "who-uses-it" | "who-develops" | "help"]
            | ["api", "v1", "communities"]
            | ["api", "v1", "communities", _]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_pages_are_kept() {
        fn check(path: &str, expected: bool) {
            assert_eq!(is_public_page(path), expected, "{path}");
        }
        check("/", true);
        check("/communities", true);
        check("/c/infra", true);
        check("/c/infra/requests", false);
        check("/help", true);
        check("/home", false);
        check("/account", false);
        check("/api/v1/communities/infra", true);
        check("/api/v1/communities/infra/join", false);
        check("/api/v1/me", false);
        check("/security/reports", false);
    }
}
