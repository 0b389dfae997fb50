//! The anonymous cache, after Discourse's: the public pages a visitor reads
//! are the same for every visitor who asks in the same words (path, query,
//! language), so each is kept in memory for a moment and served again without
//! a database lookup or a render. Signed-in people, API tokens and anything
//! but a plain `200` without cookies always go through.
//!
//! It answers before any other layer, so a page served from memory carries
//! the headers it was rendered with (security headers included) but no
//! request id, since no log line follows it; the hits are counted in
//! `anonymous_cache_hits_total`.
//!
//! A change shows to visitors about one lifetime late; people signed in
//! see it at once. When a page expires, the first visitor renders it again
//! while the others are still given the previous copy, so that expiry never
//! sends every waiting visitor to the database at once. Each process keeps its own entries, so nothing has to be
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
    /// A request is rendering the page again: the others meanwhile get this
    /// copy, rather than all rendering it at once.
    refreshing: bool,
}

/// The header naming the request that rendered a page, not kept with it.
const REQUEST_ID: &str = "x-request-id";

/// How long past its lifetime a copy may still be served while one request
/// renders the page again.
const STALE_FACTOR: u32 = 10;

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

    /// The kept page, if fresh, or if stale while another request renders
    /// it again; `None` tells the caller to render it.
    fn get(&self, key: &Key, lifetime: Duration) -> Option<Response> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get_mut(key)?;
        let age = entry.stored.elapsed();
        if age >= lifetime && (!entry.refreshing || age >= lifetime * STALE_FACTOR) {
            entry.refreshing = true;
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
                refreshing: false,
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
        metrics::counter!("anonymous_cache_hits_total").increment(1);
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
            let mut kept = parts.headers.clone();
            kept.remove(REQUEST_ID);
            state
                .anonymous_cache
                .put(key, kept, bytes.clone(), lifetime);
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
    fn one_visitor_renders_an_expired_page_while_the_others_get_the_copy() {
        let cache = AnonymousCache::new(AnonymousCaching::For(Duration::from_millis(20)));
        let lifetime = Duration::from_millis(20);
        let key = Key {
            uri: "/c/infra".to_owned(),
            accept_language: None,
            language: None,
        };
        assert!(cache.get(&key, lifetime).is_none(), "nothing kept yet");
        cache.put(key.clone(), HeaderMap::new(), Bytes::from("v1"), lifetime);
        assert!(cache.get(&key, lifetime).is_some(), "fresh");
        std::thread::sleep(Duration::from_millis(30));
        assert!(cache.get(&key, lifetime).is_none(), "the first renders it");
        assert!(cache.get(&key, lifetime).is_some(), "the next get the copy");
        cache.put(key.clone(), HeaderMap::new(), Bytes::from("v2"), lifetime);
        assert!(cache.get(&key, lifetime).is_some(), "fresh again");
    }

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
