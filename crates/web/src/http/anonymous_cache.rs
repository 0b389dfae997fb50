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
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, AGE, AUTHORIZATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Notify;

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

/// The header naming the request that rendered a page, not kept with it.
const REQUEST_ID: &str = "x-request-id";

/// How long past its lifetime a copy may still be served while one request
/// renders the page again.
const STALE_FACTOR: u32 = 10;

/// How long visitors wait for the first rendering of a page before they
/// render it themselves.
const RENDER_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    accept_language: Option<HeaderValue>,
    language: Option<String>,
}

struct Entry {
    /// When the page was kept, or when its first rendering began.
    stored: Instant,
    state: Page,
    /// A request is rendering the page again: the others meanwhile get the
    /// copy, rather than all rendering it at once.
    refreshing: bool,
    /// Wakes the visitors waiting for the first rendering.
    rendered: Arc<Notify>,
}

enum Page {
    /// The first rendering is under way; the others wait for it.
    Rendering,
    Kept {
        headers: HeaderMap,
        body: Bytes,
    },
    /// The last rendering could not be kept (an error, a cookie): until the
    /// lifetime ends, everyone renders the page for themselves.
    Uncacheable,
}

/// What the cache tells a request to do.
enum Lookup {
    Hit(Response),
    /// Render the page, then [`AnonymousCache::put`] or
    /// [`AnonymousCache::abandon`] it.
    Render,
    /// Render the page and tell nobody.
    Bypass,
    /// Another request is rendering the page for the first time.
    Wait(Arc<Notify>),
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

    fn lookup(&self, key: &Key, lifetime: Duration) -> Lookup {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY && !entries.contains_key(key) {
            // Whoever waits for a page forgotten here is woken to render it.
            entries.retain(|_, entry| {
                let keep = entry.stored.elapsed() < lifetime;
                if !keep {
                    entry.rendered.notify_waiters();
                }
                keep
            });
            if entries.len() >= CAPACITY {
                for entry in entries.values() {
                    entry.rendered.notify_waiters();
                }
                entries.clear();
            }
        }
        let entry = entries.entry(key.clone()).or_insert_with(|| Entry {
            stored: Instant::now(),
            state: Page::Rendering,
            refreshing: false,
            rendered: Arc::new(Notify::new()),
        });
        let age = entry.stored.elapsed();
        match &entry.state {
            Page::Rendering if entry.refreshing && age < RENDER_WAIT => {
                Lookup::Wait(Arc::clone(&entry.rendered))
            }
            Page::Rendering => {
                // The first request, or one taking over a rendering that
                // never finished.
                entry.refreshing = true;
                entry.stored = Instant::now();
                Lookup::Render
            }
            Page::Uncacheable if age < lifetime => Lookup::Bypass,
            Page::Uncacheable => {
                entry.state = Page::Rendering;
                entry.refreshing = true;
                entry.stored = Instant::now();
                Lookup::Render
            }
            Page::Kept { .. }
                if age >= lifetime && (!entry.refreshing || age >= lifetime * STALE_FACTOR) =>
            {
                entry.refreshing = true;
                Lookup::Render
            }
            Page::Kept { headers, body } => {
                let mut response = (StatusCode::OK, body.clone()).into_response();
                *response.headers_mut() = headers.clone();
                response
                    .headers_mut()
                    .insert(AGE, HeaderValue::from(age.as_secs()));
                Lookup::Hit(response)
            }
        }
    }

    fn put(&self, key: &Key, headers: HeaderMap, body: Bytes) {
        self.settle(key, Page::Kept { headers, body });
    }

    /// The rendering could not be kept.
    fn abandon(&self, key: &Key) {
        self.settle(key, Page::Uncacheable);
    }

    fn settle(&self, key: &Key, state: Page) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let previous = entries.insert(
            key.clone(),
            Entry {
                stored: Instant::now(),
                state,
                refreshing: false,
                rendered: Arc::new(Notify::new()),
            },
        );
        if let Some(previous) = previous {
            previous.rendered.notify_waiters();
        }
    }
}

/// Serves a visitor's public page from the cache, or renders it and keeps it.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (Some(lifetime), Some(key)) = (state.anonymous_cache.lifetime(), key_of(&request)) else {
        return next.run(request).await;
    };
    let cache = &state.anonymous_cache;
    loop {
        match cache.lookup(&key, lifetime) {
            Lookup::Hit(cached) => {
                metrics::counter!("anonymous_cache_hits_total").increment(1);
                return cached;
            }
            Lookup::Bypass => return next.run(request).await,
            Lookup::Render => break,
            Lookup::Wait(rendered) => {
                let notified = rendered.notified();
                tokio::pin!(notified);
                // Registered before looking again, so that a page kept in
                // between is either seen or wakes this request.
                notified.as_mut().enable();
                if let Lookup::Hit(cached) = cache.lookup(&key, lifetime) {
                    return cached;
                }
                // Bounded, should the rendering request vanish.
                let _ = tokio::time::timeout(RENDER_WAIT, notified).await;
            }
        }
    }
    let response = next.run(request).await;
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|size| size <= MAX_BODY as u64);
    if response.status() != StatusCode::OK || response.headers().contains_key(SET_COOKIE) || !small
    {
        cache.abandon(&key);
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            let mut kept = parts.headers.clone();
            kept.remove(REQUEST_ID);
            cache.put(&key, kept, bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        // A rendered page is in memory already and cannot fail to be read;
        // should it, the visitor is told to come back rather than given half
        // a page.
        Err(_) => {
            cache.abandon(&key);
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
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
/// each community's page, the calendar and each event's page, and their API
/// twins. A visitor sees only public events, whose pages hold nothing of
/// anyone (the online link is for confirmed attendees).
fn is_public_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(
        segments.as_slice(),
        [""] | ["communities"]
            | ["c", _]
            | ["how-we-work" | "governance" | "who-uses-it" | "who-develops" | "help"]
            | ["events"]
            | ["api", "v1", "communities" | "events"]
            | ["api", "v1", "communities", _]
    ) || matches!(
        segments.as_slice(),
        ["events", id] | ["api", "v1", "events", id] if id.bytes().all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(uri: &str) -> Key {
        Key {
            uri: uri.to_owned(),
            accept_language: None,
            language: None,
        }
    }

    /// What the cache tells a request, in a word.
    fn told(cache: &AnonymousCache, key: &Key, lifetime: Duration) -> &'static str {
        match cache.lookup(key, lifetime) {
            Lookup::Hit(_) => "hit",
            Lookup::Render => "render",
            Lookup::Bypass => "bypass",
            Lookup::Wait(_) => "wait",
        }
    }

    #[test]
    fn one_visitor_renders_a_page_while_the_others_wait_or_get_the_copy() {
        let lifetime = Duration::from_millis(20);
        let cache = AnonymousCache::new(AnonymousCaching::For(lifetime));
        let infra = key("/c/infra");
        assert_eq!(told(&cache, &infra, lifetime), "render", "nothing kept yet");
        assert_eq!(
            told(&cache, &infra, lifetime),
            "wait",
            "the first rendering is under way"
        );
        cache.put(&infra, HeaderMap::new(), Bytes::from("v1"));
        assert_eq!(told(&cache, &infra, lifetime), "hit", "fresh");
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(
            told(&cache, &infra, lifetime),
            "render",
            "the first renders it again"
        );
        assert_eq!(
            told(&cache, &infra, lifetime),
            "hit",
            "the next get the copy"
        );
        cache.put(&infra, HeaderMap::new(), Bytes::from("v2"));
        assert_eq!(told(&cache, &infra, lifetime), "hit", "fresh again");
    }

    #[test]
    fn a_page_that_cannot_be_kept_is_rendered_by_everyone_for_a_lifetime() {
        let lifetime = Duration::from_millis(20);
        let cache = AnonymousCache::new(AnonymousCaching::For(lifetime));
        let missing = key("/c/unknown");
        assert_eq!(told(&cache, &missing, lifetime), "render");
        cache.abandon(&missing);
        assert_eq!(told(&cache, &missing, lifetime), "bypass");
        assert_eq!(told(&cache, &missing, lifetime), "bypass", "nobody waits");
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(told(&cache, &missing, lifetime), "render", "tried again");
    }

    #[tokio::test]
    async fn those_waiting_are_woken_when_the_page_is_kept() {
        let lifetime = Duration::from_secs(60);
        let cache = AnonymousCache::new(AnonymousCaching::For(lifetime));
        let infra = key("/c/infra");
        assert_eq!(told(&cache, &infra, lifetime), "render");
        let Lookup::Wait(rendered) = cache.lookup(&infra, lifetime) else {
            panic!("the second waits");
        };
        let notified = rendered.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        cache.put(&infra, HeaderMap::new(), Bytes::from("v1"));
        tokio::time::timeout(Duration::from_secs(1), notified)
            .await
            .expect("woken at once");
        assert_eq!(told(&cache, &infra, lifetime), "hit");
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
        check("/events", true);
        check("/events/12", true);
        check("/events/12/registrations", false);
        check("/events/new", false);
        check("/events/feed", false);
        check("/api/v1/events/12", true);
    }
}
