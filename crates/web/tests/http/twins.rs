//! Every form of the pages has its `/api/v1` twin: the test walks the page
//! routes the router is built from (`cercle_web::page_routes()`) and fails
//! when a POST has neither a twin in [`TWINS`], found in the OpenAPI
//! document, nor a reason in [`BROWSER_ONLY`].

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::TestApp;

/// A page's form and its API twin: `(page path, API method, API path)`.
const TWINS: &[(&str, &str, &str)] = &[
    ("/events", "post", "/api/v1/events"),
    (
        "/c/{slug}/events",
        "post",
        "/api/v1/communities/{slug}/events",
    ),
    ("/events/{id}/edit", "put", "/api/v1/events/{id}"),
    (
        "/events/{id}/registrations/{registration}/attendance",
        "put",
        "/api/v1/events/{id}/registrations/{registration}/attendance",
    ),
    (
        "/events/{id}/occurrences/{occurrence}/cancel",
        "post",
        "/api/v1/events/{id}/occurrences/{occurrence}/cancel",
    ),
    (
        "/events/{id}/occurrences/{occurrence}/move",
        "put",
        "/api/v1/events/{id}/occurrences/{occurrence}",
    ),
    ("/events/{id}/cancel", "post", "/api/v1/events/{id}/cancel"),
    ("/events/{id}/cover", "put", "/api/v1/events/{id}/cover"),
    (
        "/events/{id}/occurrences/{occurrence}/edit",
        "put",
        "/api/v1/events/{id}/occurrences/{occurrence}/following",
    ),
    (
        "/events/{id}/cover/remove",
        "delete",
        "/api/v1/events/{id}/cover",
    ),
    (
        "/events/{id}/registration",
        "put",
        "/api/v1/events/{id}/registration",
    ),
    (
        "/events/{id}/registration/cancel",
        "delete",
        "/api/v1/events/{id}/registration",
    ),
    (
        "/events/{id}/registrations/{registration}",
        "post",
        "/api/v1/events/{id}/registrations/{registration}/decision",
    ),
    ("/apply", "post", "/api/v1/applications"),
    (
        "/applications/{id}/withdraw",
        "post",
        "/api/v1/applications/{id}/withdraw",
    ),
    ("/bureau", "post", "/api/v1/bureau/sessions"),
    (
        "/bureau/applications/{id}/decision",
        "post",
        "/api/v1/applications/{id}/decision",
    ),
    ("/c/{slug}/join", "post", "/api/v1/communities/{slug}/join"),
    (
        "/join-requests/{id}/vouch",
        "post",
        "/api/v1/join-requests/{id}/vouch",
    ),
    (
        "/notifications/{id}/read",
        "post",
        "/api/v1/notifications/{id}/read",
    ),
    ("/plans", "post", "/api/v1/plans"),
    ("/memberships", "post", "/api/v1/memberships"),
    (
        "/memberships/{id}/payments",
        "post",
        "/api/v1/memberships/{id}/payments",
    ),
    (
        "/memberships/{id}/renew",
        "post",
        "/api/v1/memberships/{id}/renew",
    ),
    (
        "/memberships/{id}/status",
        "put",
        "/api/v1/memberships/{id}/status",
    ),
    ("/organisations", "post", "/api/v1/organisations"),
    (
        "/organisations/{id}/affiliations",
        "post",
        "/api/v1/organisations/{id}/affiliations",
    ),
    ("/account/profile", "put", "/api/v1/me/profile"),
    ("/people/{id}/roles", "put", "/api/v1/people/{id}/roles"),
    (
        "/people/{id}/contributions",
        "post",
        "/api/v1/people/{id}/contributions",
    ),
    (
        "/c/{slug}/leave",
        "post",
        "/api/v1/communities/{slug}/leave",
    ),
    (
        "/c/{slug}/appointments",
        "post",
        "/api/v1/communities/{slug}/appointments",
    ),
    (
        "/c/{slug}/exclusions",
        "post",
        "/api/v1/communities/{slug}/exclusions",
    ),
    (
        "/c/{slug}/exclusions/{account}/readmit",
        "post",
        "/api/v1/communities/{slug}/exclusions/{account}/readmit",
    ),
    (
        "/c/{slug}/charter",
        "put",
        "/api/v1/communities/{slug}/charter",
    ),
    (
        "/c/{slug}/charter/accept",
        "post",
        "/api/v1/communities/{slug}/charter/accept",
    ),
    (
        "/c/{slug}/engagement",
        "put",
        "/api/v1/communities/{slug}/engagement",
    ),
    (
        "/join-requests/{id}/decision",
        "post",
        "/api/v1/join-requests/{id}/decision",
    ),
    (
        "/join-requests/{id}/withdraw",
        "post",
        "/api/v1/join-requests/{id}/withdraw",
    ),
    (
        "/join-requests/{id}/interview",
        "post",
        "/api/v1/join-requests/{id}/interview",
    ),
    (
        "/c/{slug}/invitations",
        "post",
        "/api/v1/communities/{slug}/invitations",
    ),
    (
        "/c/{slug}/invitations/{invitation}/revoke",
        "post",
        "/api/v1/communities/{slug}/invitations/{invitation}/revoke",
    ),
    (
        "/c/{slug}/webhook",
        "put",
        "/api/v1/communities/{slug}/webhook",
    ),
    (
        "/c/{slug}/webhook/remove",
        "delete",
        "/api/v1/communities/{slug}/webhook",
    ),
    (
        "/notifications/read-all",
        "post",
        "/api/v1/notifications/read-all",
    ),
    (
        "/account/notifications",
        "put",
        "/api/v1/me/notification-preferences",
    ),
    (
        "/bureau/sessions/{id}/notes",
        "put",
        "/api/v1/bureau/sessions/{id}/notes",
    ),
    ("/organisations/{id}", "put", "/api/v1/organisations/{id}"),
    (
        "/organisations/{id}/affiliations/{account}/remove",
        "delete",
        "/api/v1/organisations/{id}/affiliations/{account}",
    ),
    (
        "/account/profile/current",
        "post",
        "/api/v1/me/profile/current",
    ),
    ("/admin/settings", "put", "/api/v1/settings"),
    ("/newsletter", "post", "/api/v1/newsletter/subscriptions"),
    (
        "/admin/newsletter/lists",
        "post",
        "/api/v1/newsletter/lists",
    ),
    (
        "/admin/newsletter/issues",
        "post",
        "/api/v1/newsletter/issues",
    ),
    ("/security", "post", "/api/v1/security/reports"),
    (
        "/security/reports/{id}/state",
        "put",
        "/api/v1/security/reports/{id}/state",
    ),
    ("/admin/site", "put", "/api/v1/site/settings"),
    (
        "/admin/site/{section}",
        "post",
        "/api/v1/site/sections/{section}/entries",
    ),
    (
        "/admin/site/{section}/{id}",
        "put",
        "/api/v1/site/sections/{section}/entries/{id}",
    ),
    (
        "/admin/site/{section}/{id}/delete",
        "delete",
        "/api/v1/site/sections/{section}/entries/{id}",
    ),
    (
        "/moderation/adopters/{id}",
        "post",
        "/api/v1/adopters/{id}/decision",
    ),
    (
        "/organisations/{id}/showcase",
        "put",
        "/api/v1/organisations/{id}/showcase",
    ),
    ("/communities", "post", "/api/v1/communities"),
    ("/c/{slug}/edit", "put", "/api/v1/communities/{slug}"),
    ("/who-uses-it/ask", "post", "/api/v1/adopters"),
    ("/admin/site/logo", "put", "/api/v1/site/logo"),
    ("/governance/statutes", "put", "/api/v1/governance/statutes"),
    ("/governance/bodies", "post", "/api/v1/governance/bodies"),
    (
        "/governance/bodies/{id}",
        "put",
        "/api/v1/governance/bodies/{id}",
    ),
    (
        "/governance/bodies/{id}/remove",
        "delete",
        "/api/v1/governance/bodies/{id}",
    ),
    (
        "/governance/bodies/{id}/mandates",
        "post",
        "/api/v1/governance/bodies/{id}/mandates",
    ),
    (
        "/governance/mandates/{id}/end",
        "post",
        "/api/v1/governance/mandates/{id}/end",
    ),
    ("/assemblies", "post", "/api/v1/assemblies"),
    ("/assemblies/{id}/edit", "put", "/api/v1/assemblies/{id}"),
    (
        "/assemblies/{id}/convene",
        "post",
        "/api/v1/assemblies/{id}/convene",
    ),
    (
        "/assemblies/{id}/proxy",
        "put",
        "/api/v1/assemblies/{id}/proxy",
    ),
    (
        "/assemblies/{id}/proxy/revoke",
        "delete",
        "/api/v1/assemblies/{id}/proxy",
    ),
    (
        "/assemblies/{id}/check-in",
        "post",
        "/api/v1/assemblies/{id}/check-in",
    ),
    (
        "/assemblies/{id}/open",
        "post",
        "/api/v1/assemblies/{id}/open",
    ),
    (
        "/assemblies/{id}/close",
        "post",
        "/api/v1/assemblies/{id}/close",
    ),
    (
        "/assemblies/{id}/roll/{account}",
        "put",
        "/api/v1/assemblies/{id}/roll/{account}/presence",
    ),
    (
        "/assemblies/{id}/items",
        "post",
        "/api/v1/assemblies/{id}/items",
    ),
    (
        "/assemblies/{id}/items/{item}/edit",
        "put",
        "/api/v1/assemblies/{id}/items/{item}",
    ),
    (
        "/assemblies/{id}/items/{item}/open",
        "post",
        "/api/v1/assemblies/{id}/items/{item}/open",
    ),
    (
        "/assemblies/{id}/items/{item}/close",
        "post",
        "/api/v1/assemblies/{id}/items/{item}/close",
    ),
    (
        "/assemblies/{id}/items/{item}/vote",
        "post",
        "/api/v1/assemblies/{id}/items/{item}/votes",
    ),
    (
        "/assemblies/{id}/items/{item}/receipt",
        "post",
        "/api/v1/assemblies/{id}/items/{item}/receipt",
    ),
    (
        "/assemblies/{id}/minutes",
        "put",
        "/api/v1/assemblies/{id}/minutes",
    ),
];

/// The forms that exist for a browser only, and why.
const BROWSER_ONLY: &[&str] = &[
    // A calendar feed's address is a secret shown once, in the browser, as
    // an API token is; a token cannot make one.
    "/events/feed",
    "/events/feed/end",
    // The setup, sign-up, log-in, log-out and password forms make or end
    // the browser's session; an API caller holds a token instead.
    "/setup",
    "/signup",
    "/login",
    "/logout",
    "/password/forgot",
    "/password/reset/{token}",
    "/account/password",
    // The language switcher sets a cookie of this browser.
    "/language",
    // Tokens are minted and revoked in the browser only, so that a leaked
    // token cannot make others (`Action::ManageApiTokens`).
    "/account/tokens",
    "/account/tokens/{id}/revoke",
    // Deleting an account asks for the address typed again, by a person.
    "/account/delete",
    // The links of emails: their token is the credential, and the page is
    // where the person clicks.
    "/newsletter/confirm/{token}",
    "/newsletter/unsubscribe/{token}",
    "/invitations/{token}",
];

/// The `(method, path)` pairs of the OpenAPI document.
async fn api_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let document: Value = app
        .get(&app.client(), "/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let mut routes = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            routes.insert((method.clone(), path.clone()));
        }
    }
    routes
}

#[tokio::test]
async fn every_form_of_the_pages_has_its_api_twin() {
    let app = TestApp::new().await;
    let api = api_routes(&app).await;
    let forms: BTreeSet<&str> = cercle_web::page_routes()
        .into_iter()
        .filter(|(method, _)| *method == "post")
        .map(|(_, path)| path)
        .collect();
    assert!(forms.len() > 50, "the page routes are found: {forms:?}");

    let twinned: BTreeSet<&str> = TWINS.iter().map(|(page, _, _)| *page).collect();
    let excused: BTreeSet<&str> = BROWSER_ONLY.iter().copied().collect();
    let orphans: Vec<&&str> = forms
        .iter()
        .filter(|path| !twinned.contains(*path) && !excused.contains(*path))
        .collect();
    assert!(
        orphans.is_empty(),
        "these forms have no /api/v1 twin: {orphans:?}"
    );

    let missing: Vec<_> = TWINS
        .iter()
        .filter(|(_, method, path)| !api.contains(&((*method).to_owned(), (*path).to_owned())))
        .collect();
    assert!(
        missing.is_empty(),
        "these twins are not in the OpenAPI document: {missing:?}"
    );

    // The lists name only forms that exist, and each form once.
    let stale: Vec<_> = twinned
        .iter()
        .chain(&excused)
        .filter(|path| !forms.contains(*path))
        .collect();
    assert!(stale.is_empty(), "these forms no longer exist: {stale:?}");
    let doubled: Vec<_> = twinned.intersection(&excused).collect();
    assert!(doubled.is_empty(), "twinned yet browser-only: {doubled:?}");
}
