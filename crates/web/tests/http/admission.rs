//! Admission by the bureau (seed 004): applications, sessions, decisions
//! with reasons told to the applicant, and contributions.

use cercle_core::kernel::email::EmailAddress;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::register::{Form, grant};
use crate::support::TestApp;
use crate::{location, text};

async fn plan(
    app: &TestApp,
    admin: &reqwest::Client,
    name: &str,
    holder: &str,
    price: &str,
) -> String {
    let form = [
        ("name", name),
        ("holder", holder),
        ("period", "yearly"),
        ("prices", price),
        ("currency", "EUR"),
    ];
    assert_eq!(
        app.post_form(admin, "/plans", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    app.store
        .plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.name.as_str() == name)
        .unwrap()
        .id
        .0
        .to_string()
}

fn session_id(location: &str) -> String {
    location.rsplit('/').next().unwrap().to_owned()
}

/// An API token of `scope` (`read` or `read_write`) for the signed-in `client`.
pub(crate) async fn api_token(app: &TestApp, client: &reqwest::Client, scope: &str) -> String {
    let page = text(
        app.post_form(
            client,
            "/account/tokens",
            &[("name", "api"), ("scope", scope)],
        )
        .await,
    )
    .await;
    page.split("id=\"new-token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned()
}

/// Sends `body` as JSON to `path` with the bearer `token`.
pub(crate) async fn send_json(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("the server answers")
}

pub(crate) async fn get_json(app: &TestApp, path: &str, token: &str) -> serde_json::Value {
    let response = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.expect("JSON")
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    app.store
        .account_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .id
        .0
}

#[tokio::test]
async fn the_bureau_decides_in_session_and_the_applicant_is_told_why() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
    grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
    let individual = plan(&app, &admin, "Individuel", "person", "20").await;
    let alice = app.member("Alice Contributrice", "alice@example.org").await;
    let bob = app.member("Bob Candidat", "bob@example.org").await;

    let empty = app
        .post_form(
            &alice,
            "/apply",
            &[("plan", individual.as_str()), ("motivation", "  ")],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(empty)
            .await
            .contains("Dites au bureau pourquoi vous candidatez")
    );
    let form = [
        ("plan", individual.as_str()),
        ("motivation", "Je modère le forum depuis deux ans."),
    ];
    assert_eq!(
        app.post_form(&alice, "/apply", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let twice = app.post_form(&alice, "/apply", &form).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(twice)
            .await
            .contains("Vous avez déjà une candidature en attente")
    );
    let bob_form = [
        ("plan", individual.as_str()),
        ("motivation", "Je voudrais vendre mes services."),
    ];
    assert_eq!(
        app.post_form(&bob, "/apply", &bob_form).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        text(app.get(&alice, "/apply").await)
            .await
            .contains("En attente du bureau")
    );

    for outsider in [&app.client(), &bob] {
        assert_eq!(
            app.get(outsider, "/bureau").await.status(),
            StatusCode::NOT_FOUND
        );
    }
    let waiting = text(app.get(&bureau, "/bureau").await).await;
    assert!(waiting.contains("Alice Contributrice") && waiting.contains("Bob Candidat"));

    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();
    let bureau_id = app
        .store
        .account_by_email(&EmailAddress::parse("bureau@example.org").unwrap())
        .await
        .unwrap()
        .id
        .0;
    let attendee = format!("attendee_{bureau_id}");
    let session = [
        ("held_on", today.as_str()),
        ("title", "Séance de novembre"),
        (attendee.as_str(), "on"),
    ];
    let held = app.post_form(&bureau, "/bureau", &session).await;
    assert_eq!(held.status(), StatusCode::SEE_OTHER);
    let session = session_id(location(&held));
    let agenda = text(
        app.get(&bureau, &format!("/bureau/sessions/{session}"))
            .await,
    )
    .await;
    assert!(agenda.contains("Séance de novembre") && agenda.contains("Raoul Bureau"));
    assert!(
        agenda.contains("Je modère le forum depuis deux ans.")
            && agenda.contains("Je voudrais vendre mes services.")
    );

    let applications = app.store.applications().await.unwrap();
    let id_of = |name: &str| {
        applications
            .iter()
            .find(|a| a.applicant_name == name)
            .unwrap()
            .id
            .0
    };
    let (alice_app, bob_app) = (id_of("Alice Contributrice"), id_of("Bob Candidat"));

    let no_reason = app
        .post_form(
            &bureau,
            &format!("/bureau/applications/{bob_app}/decision"),
            &[("verdict", "refuse")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(no_reason)
            .await
            .contains("Dites pourquoi la candidature est refusée")
    );
    let by_member = app
        .post_form(
            &bob,
            &format!("/bureau/applications/{bob_app}/decision"),
            &[("verdict", "accept")],
        )
        .await;
    assert_eq!(
        by_member.status(),
        StatusCode::NOT_FOUND,
        "only the bureau decides"
    );

    let refusal = [
        ("verdict", "refuse"),
        (
            "reason",
            "La promotion commerciale est contraire à nos règles de vie.",
        ),
    ];
    assert_eq!(
        app.post_form(
            &bureau,
            &format!("/bureau/applications/{bob_app}/decision"),
            &refusal
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let acceptance = [
        ("verdict", "accept"),
        ("reason", "Merci pour la modération !"),
    ];
    assert_eq!(
        app.post_form(
            &bureau,
            &format!("/bureau/applications/{alice_app}/decision"),
            &acceptance
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let again = app
        .post_form(
            &bureau,
            &format!("/bureau/applications/{alice_app}/decision"),
            &refusal,
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(again)
            .await
            .contains("a déjà fait l'objet d'une décision")
    );

    let refused = app.emails_to("bob@example.org").await.pop().unwrap();
    assert_eq!(refused.subject, "Votre candidature à ADN Test");
    assert!(
        refused
            .body
            .contains("La promotion commerciale est contraire à nos règles de vie.")
    );
    let welcome = app.emails_to("alice@example.org").await.pop().unwrap();
    assert_eq!(welcome.subject, "Bienvenue à ADN Test");

    let account = text(app.get(&alice, "/account").await).await;
    assert!(
        account.contains("Les cotisations")
            && account.contains("de Alice Contributrice sont impayées"),
        "{account}"
    );
    let mine = text(app.get(&alice, "/apply").await).await;
    assert!(
        mine.contains("Acceptée")
            && mine.contains("Décision de Raoul Bureau")
            && mine.contains("Merci pour la modération !")
    );

    let audit = text(app.get(&admin, "/admin/audit").await).await;
    for action in [
        "application.submitted",
        "bureau_session.created",
        "application.refused",
        "application.accepted",
        "membership.created",
    ] {
        assert!(audit.contains(action), "{action} audited");
    }
    app.shutdown().await;
}

#[tokio::test]
async fn outside_sessions_only_an_administrator_decides_and_only_when_allowed() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let company = plan(&app, &admin, "Entreprise", "organisation", "0:500; 50:1200").await;
    let org = [
        ("name", "TerraNIS"),
        ("category", "company"),
        ("size", "12"),
    ];
    let created = app.post_form(&admin, "/organisations", &org).await;
    let organisation = location(&created).rsplit('/').next().unwrap().to_owned();
    let applicant = app
        .member("Claire Dirigeante", "claire@terranis.example")
        .await;
    let form = [
        ("plan", company.as_str()),
        ("organisation", organisation.as_str()),
        ("motivation", "Nous utilisons geOrchestra."),
    ];
    assert_eq!(
        app.post_form(&applicant, "/apply", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let id = app.store.applications().await.unwrap()[0].id.0;

    let acceptance = [("verdict", "accept"), ("reason", "")];
    let refused = app
        .post_form(
            &admin,
            &format!("/bureau/applications/{id}/decision"),
            &acceptance,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused)
            .await
            .contains("tenez d'abord une séance du bureau")
    );

    let settings = [
        ("policy", "both"),
        ("decisions_outside_sessions", "on"),
        ("contribution_inactivity_days", "365"),
    ];
    assert_eq!(
        app.post_form(&admin, "/admin/settings", &settings)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let bad = [
        ("policy", "both"),
        ("contribution_inactivity_days", "jamais"),
    ];
    let bad = app.post_form(&admin, "/admin/settings", &bad).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(bad)
            .await
            .contains("Saisissez un nombre de jours entre 1 et 3650")
    );

    assert_eq!(
        app.post_form(
            &admin,
            &format!("/bureau/applications/{id}/decision"),
            &acceptance
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let page = text(
        app.get(&applicant, &format!("/organisations/{organisation}"))
            .await,
    )
    .await;
    assert!(
        page.contains("Claire Dirigeante") && page.contains("Représentant·e"),
        "the applicant represents the organisation: {page}"
    );
    let account = text(app.get(&applicant, "/account").await).await;
    assert!(account.contains("de TerraNIS sont impayées"), "{account}");
    app.shutdown().await;
}

#[tokio::test]
async fn the_settings_are_read_and_saved_through_the_api_both_or_neither() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "raoul@example.org").await;
    let raoul = account_id(&app, "raoul@example.org").await;
    app.post_form(
        &admin,
        &format!("/people/{raoul}/roles"),
        &[("roles", "bureau_member")],
    )
    .await;
    let admin_token = api_token(&app, &admin, "read_write").await;
    let admin_reader = api_token(&app, &admin, "read").await;
    let bureau_token = api_token(&app, &bureau, "read_write").await;

    let before = get_json(&app, "/api/v1/settings", &admin_reader).await;
    assert_eq!(
        before,
        json!({"policy": "both", "decisions_outside_sessions": false, "contribution_inactivity_days": null})
    );
    let wanted = json!({
        "policy": "individuals_only",
        "decisions_outside_sessions": true,
        "contribution_inactivity_days": 365,
    });
    for (token, status) in [
        (&admin_reader, StatusCode::FORBIDDEN),
        (&bureau_token, StatusCode::NOT_FOUND),
    ] {
        let refused = send_json(&app, Method::PUT, "/api/v1/settings", token, wanted.clone()).await;
        assert_eq!(refused.status(), status);
    }
    // One field refused: the other is not saved either.
    let half = json!({
        "policy": "individuals_only",
        "decisions_outside_sessions": true,
        "contribution_inactivity_days": 0,
    });
    let half = send_json(&app, Method::PUT, "/api/v1/settings", &admin_token, half).await;
    assert_eq!(half.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = half.json().await.unwrap();
    assert_eq!(
        problem["errors"][0]["field"],
        "contribution_inactivity_days"
    );
    assert_eq!(
        get_json(&app, "/api/v1/settings", &admin_reader).await,
        before
    );

    let saved = send_json(
        &app,
        Method::PUT,
        "/api/v1/settings",
        &admin_token,
        wanted.clone(),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get_json(&app, "/api/v1/settings", &admin_reader).await,
        wanted
    );
    let page = text(app.get(&admin, "/admin/settings").await).await;
    assert!(
        page.contains("value=\"365\""),
        "the page shows the saved days: {page}"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_bureau_records_contributions_others_do_not_see_them() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
    grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
    let helper = app.member("Hélène Modo", "helene@example.org").await;
    let other = app.member("Olivier Dehors", "olivier@example.org").await;
    let id = app
        .store
        .account_by_email(&EmailAddress::parse("helene@example.org").unwrap())
        .await
        .unwrap()
        .id
        .0;
    let path = format!("/people/{id}/contributions");
    let bad = app
        .post_form(&bureau, &path, &[("kind", "gardening"), ("on", "hier")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let form = [
        ("kind", "moderation"),
        ("on", "2026-10-01"),
        ("note", "Modération du salon #general"),
    ];
    assert_eq!(
        app.post_form(&bureau, &path, &form).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.post_form(&other, &path, &form).await.status(),
        StatusCode::NOT_FOUND
    );
    let page = text(app.get(&bureau, &format!("/people/{id}")).await).await;
    assert!(page.contains("Modération du salon #general") && page.contains("1er octobre 2026"));
    let own = text(app.get(&helper, &format!("/people/{id}")).await).await;
    assert!(
        own.contains("Modération du salon") && !own.contains("Enregistrer la contribution"),
        "seen, not recorded, by the person"
    );
    assert_eq!(
        app.get(&other, &format!("/people/{id}")).await.status(),
        StatusCode::NOT_FOUND,
        "a private profile"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn an_application_goes_through_the_api_from_submission_to_decision() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
    let bureau_id = grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
    let alice = app.member("Alice Contributrice", "alice@example.org").await;
    let bob = app.member("Bob Candidat", "bob@example.org").await;
    let admin_token = api_token(&app, &admin, "read_write").await;
    let bureau_token = api_token(&app, &bureau, "read_write").await;
    let bureau_reader = api_token(&app, &bureau, "read").await;
    let alice_token = api_token(&app, &alice, "read_write").await;
    let alice_reader = api_token(&app, &alice, "read").await;
    let bob_token = api_token(&app, &bob, "read_write").await;

    let plan = json!({
        "name": "Individuel", "holder": "person", "period": "yearly",
        "prices": "20", "currency": "EUR", "services": ["Forum", "Événements"],
    });
    let created = send_json(&app, Method::POST, "/api/v1/plans", &admin_token, plan).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let plan: i64 = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();

    let application = json!({
        "plan": plan, "organisation": null,
        "motivation": "Je modère le forum depuis deux ans.",
    });
    let refused = send_json(
        &app,
        Method::POST,
        "/api/v1/applications",
        &alice_reader,
        application.clone(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "a read-only token");
    let applied = send_json(
        &app,
        Method::POST,
        "/api/v1/applications",
        &alice_token,
        application.clone(),
    )
    .await;
    assert_eq!(applied.status(), StatusCode::CREATED);
    let id = applied.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let twice = send_json(
        &app,
        Method::POST,
        "/api/v1/applications",
        &alice_token,
        application,
    )
    .await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(twice.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = twice.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "motivation", "{problem}");

    let nobody = reqwest::Client::new()
        .get(app.url("/api/v1/applications"))
        .bearer_auth(&bob_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        nobody.status(),
        StatusCode::NOT_FOUND,
        "a member does not know the bureau's list exists"
    );

    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();
    let session = json!({
        "held_on": today, "title": "Séance de novembre", "attendees": [bureau_id],
    });
    let read_only = send_json(
        &app,
        Method::POST,
        "/api/v1/bureau/sessions",
        &bureau_reader,
        session.clone(),
    )
    .await;
    assert_eq!(
        read_only.status(),
        StatusCode::FORBIDDEN,
        "a read-only token"
    );
    let held = send_json(
        &app,
        Method::POST,
        "/api/v1/bureau/sessions",
        &bureau_token,
        session,
    )
    .await;
    assert_eq!(held.status(), StatusCode::CREATED);
    let session = held.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let held = get_json(
        &app,
        &format!("/api/v1/bureau/sessions/{session}"),
        &bureau_reader,
    )
    .await;
    assert_eq!(held["title"], "Séance de novembre");
    assert_eq!(held["held_on"], today.as_str());
    assert_eq!(held["attendees"], json!(["Raoul Bureau"]));
    assert_eq!(held["agenda"], json!([id]), "the pending application");
    let listed = get_json(&app, "/api/v1/bureau/sessions", &bureau_reader).await;
    assert_eq!(listed[0]["id"], session);
    let notes_path = format!("/api/v1/bureau/sessions/{session}/notes");
    let too_long = send_json(
        &app,
        Method::PUT,
        &notes_path,
        &bureau_token,
        json!({"notes": "x".repeat(20_001)}),
    )
    .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unread = send_json(
        &app,
        Method::PUT,
        &notes_path,
        &bureau_reader,
        json!({"notes": "Lu seulement"}),
    )
    .await;
    assert_eq!(unread.status(), StatusCode::FORBIDDEN, "a read-only token");
    let kept = get_json(
        &app,
        &format!("/api/v1/bureau/sessions/{session}"),
        &bureau_reader,
    )
    .await;
    assert_eq!(kept["notes"], "", "a refusal writes no notes");
    let noted = send_json(
        &app,
        Method::PUT,
        &notes_path,
        &bureau_token,
        json!({"notes": "  Quorum atteint ; une candidature examinée.  "}),
    )
    .await;
    assert_eq!(noted.status(), StatusCode::OK);
    assert_eq!(
        noted.json::<serde_json::Value>().await.unwrap()["notes"],
        "Quorum atteint ; une candidature examinée."
    );
    let nowhere = send_json(
        &app,
        Method::PUT,
        "/api/v1/bureau/sessions/999999/notes",
        &bureau_token,
        json!({"notes": "Perdu"}),
    )
    .await;
    assert_eq!(nowhere.status(), StatusCode::NOT_FOUND);
    let waiting = get_json(&app, "/api/v1/applications", &bureau_reader).await;
    assert_eq!(waiting[0]["applicant"], "Alice Contributrice");
    assert_eq!(waiting[0]["status"], "pending");
    assert_eq!(waiting[0]["decision"], serde_json::Value::Null);

    let decision = json!({"verdict": "accept", "reason": "Merci pour la modération !"});
    let decision_path = format!("/api/v1/applications/{id}/decision");
    let by_reader = send_json(
        &app,
        Method::POST,
        &decision_path,
        &bureau_reader,
        decision.clone(),
    )
    .await;
    assert_eq!(
        by_reader.status(),
        StatusCode::FORBIDDEN,
        "a read-only token"
    );
    let by_member = send_json(
        &app,
        Method::POST,
        &decision_path,
        &bob_token,
        decision.clone(),
    )
    .await;
    assert_eq!(
        by_member.status(),
        StatusCode::NOT_FOUND,
        "only the bureau decides"
    );
    let decided = send_json(
        &app,
        Method::POST,
        &decision_path,
        &bureau_token,
        decision.clone(),
    )
    .await;
    assert_eq!(decided.status(), StatusCode::OK);
    let membership = decided.json::<serde_json::Value>().await.unwrap()["membership"]
        .as_i64()
        .expect("acceptance opens a membership");
    let again = send_json(&app, Method::POST, &decision_path, &bureau_token, decision).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let mine = get_json(&app, "/api/v1/me/applications", &alice_reader).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["status"], "accepted");
    assert_eq!(mine[0]["plan"], "Individuel");
    assert!(mine[0]["submitted_at"].is_i64());
    assert_eq!(mine[0]["decision"]["reason"], "Merci pour la modération !");
    assert_eq!(mine[0]["decision"]["decided_by"], "Raoul Bureau");
    assert_eq!(mine[0]["decision"]["session"], session);
    assert!(mine[0]["decision"]["decided_at"].is_i64());
    let opened = get_json(
        &app,
        &format!("/api/v1/memberships/{membership}"),
        &alice_reader,
    )
    .await;
    assert_eq!(opened["holder"], "Alice Contributrice");
    let welcome = app.emails_to("alice@example.org").await.pop().unwrap();
    assert_eq!(welcome.subject, "Bienvenue à ADN Test");
    assert!(welcome.body.contains("Merci pour la modération !"));

    let bob_applied = send_json(
        &app,
        Method::POST,
        "/api/v1/applications",
        &bob_token,
        json!({"plan": plan, "motivation": "Je découvre l'association."}),
    )
    .await;
    assert_eq!(bob_applied.status(), StatusCode::CREATED);
    let bob_application = bob_applied.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let withdraw = format!("/api/v1/applications/{bob_application}/withdraw");
    let by_other = send_json(&app, Method::POST, &withdraw, &alice_token, json!({})).await;
    assert_eq!(by_other.status(), StatusCode::NOT_FOUND, "only one's own");
    let withdrawn = send_json(&app, Method::POST, &withdraw, &bob_token, json!({})).await;
    assert_eq!(withdrawn.status(), StatusCode::NO_CONTENT);
    let bobs = get_json(&app, "/api/v1/me/applications", &bob_token).await;
    assert_eq!(bobs[0]["status"], "withdrawn");

    let document = get_json(&app, "/api/v1/openapi.json", &bob_token).await;
    for path in [
        "/api/v1/applications",
        "/api/v1/me/applications",
        "/api/v1/applications/{id}/withdraw",
        "/api/v1/applications/{id}/decision",
        "/api/v1/bureau/sessions",
        "/api/v1/bureau/sessions/{id}",
        "/api/v1/people/{id}/contributions",
        "/api/v1/me/profile",
        "/api/v1/people/{id}/roles",
        "/api/v1/organisations/{id}/affiliations",
        "/api/v1/memberships/{id}/renew",
        "/api/v1/memberships/{id}/status",
    ] {
        assert!(document["paths"][path].is_object(), "{path} documented");
    }
    for (path, method) in [
        ("/api/v1/applications", "post"),
        ("/api/v1/plans", "post"),
        ("/api/v1/memberships", "post"),
        ("/api/v1/bureau/sessions", "post"),
    ] {
        assert!(
            document["paths"][path][method].is_object(),
            "{method} {path} documented"
        );
    }
    app.shutdown().await;
}

#[tokio::test]
async fn who_sees_and_does_what_in_admission() {
    const CANARY: &str = "CANARY-MOTIVATION-7f3a";
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
    let treasurer = app.member("Anne Trésor", "tresor@example.org").await;
    let applicant = app.member("Alice Candidate", "alice@example.org").await;
    let other = app.member("Olivier Dehors", "olivier@example.org").await;
    let second = app.member("Sam Second", "sam@example.org").await;
    let bureau_id = grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
    grant(&app, &admin, "tresor@example.org", &["treasurer"]).await;
    let individual = plan(&app, &admin, "Individuel", "person", "20").await;
    let motivation = format!("Je modère le forum. {CANARY}");
    for (client, motivation) in [
        (&applicant, motivation.as_str()),
        (&second, "Je voudrais aider."),
    ] {
        let form = [("plan", individual.as_str()), ("motivation", motivation)];
        assert_eq!(
            app.post_form(client, "/apply", &form).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();
    let attendee = format!("attendee_{bureau_id}");
    let session = [
        ("held_on", today.as_str()),
        ("title", "Séance"),
        (attendee.as_str(), "on"),
    ];
    let held = app.post_form(&bureau, "/bureau", &session).await;
    assert_eq!(held.status(), StatusCode::SEE_OTHER);
    let s = session_id(location(&held));
    let applications = app.store.applications().await.unwrap();
    let id_of = |name: &str| {
        applications
            .iter()
            .find(|a| a.applicant_name == name)
            .unwrap()
            .id
            .0
    };
    let (a, b) = (id_of("Alice Candidate"), id_of("Sam Second"));
    let p = account_id(&app, "alice@example.org").await;

    let anonymous = app.client();
    let actors = [
        ("anonymous", &anonymous),
        ("applicant", &applicant),
        ("other member", &other),
        ("bureau", &bureau),
        ("treasurer", &treasurer),
        ("administrator", &admin),
    ];
    let see_other = StatusCode::SEE_OTHER.as_u16();
    // anonymous, applicant, other member, bureau, treasurer, administrator
    let reads: Vec<(String, [u16; 6])> = vec![
        ("/apply".into(), [see_other, 200, 200, 200, 200, 200]),
        ("/bureau".into(), [404, 404, 404, 200, 404, 200]),
        (
            format!("/bureau/sessions/{s}"),
            [404, 404, 404, 200, 404, 200],
        ),
        (
            "/api/v1/applications".into(),
            [404, 404, 404, 200, 404, 200],
        ),
        (
            "/api/v1/bureau/sessions".into(),
            [404, 404, 404, 200, 404, 200],
        ),
        (
            format!("/api/v1/bureau/sessions/{s}"),
            [404, 404, 404, 200, 404, 200],
        ),
        (
            "/api/v1/me/applications".into(),
            [401, 200, 200, 200, 200, 200],
        ),
        (format!("/people/{p}"), [404, 200, 404, 200, 200, 200]),
    ];
    for (path, expected) in &reads {
        for ((who, client), status) in actors.iter().zip(expected) {
            let response = app.get(client, path).await;
            assert_eq!(response.status().as_u16(), *status, "GET {path} as {who}");
            let body = text(response).await;
            if matches!(*who, "anonymous" | "other member") {
                assert!(
                    !body.contains(CANARY),
                    "GET {path} as {who} leaks the motivation"
                );
            }
        }
    }
    // The canary is there to be leaked: those who may read it do.
    let agenda = format!("/bureau/sessions/{s}");
    for (client, path) in [
        (&applicant, "/apply"),
        (&applicant, "/api/v1/me/applications"),
        (&bureau, "/api/v1/applications"),
        (&admin, agenda.as_str()),
    ] {
        assert!(
            text(app.get(client, path).await).await.contains(CANARY),
            "{path}"
        );
    }

    let contribution = [
        ("kind", "moderation"),
        ("on", "2026-10-01"),
        ("note", "Forum"),
    ];
    let forms: Vec<(String, Form, [u16; 6])> = vec![
        (
            format!("/bureau/applications/{a}/decision"),
            vec![("verdict", "accept"), ("reason", "Bienvenue")],
            [404, 404, 404, 303, 404, 422],
        ),
        (
            format!("/people/{p}/contributions"),
            contribution.to_vec(),
            [404, 404, 404, 303, 404, 303],
        ),
    ];
    for (path, form, expected) in &forms {
        for ((who, client), status) in actors.iter().zip(expected) {
            let response = app.post_form(client, path, form).await;
            assert_eq!(response.status().as_u16(), *status, "POST {path} as {who}");
            let body = text(response).await;
            if matches!(*who, "anonymous" | "other member") {
                assert!(!body.contains(CANARY), "POST {path} as {who} leaks");
            }
        }
    }
    let api_writes: Vec<(String, serde_json::Value, [u16; 6])> = vec![
        (
            format!("/api/v1/applications/{b}/decision"),
            json!({"verdict": "refuse", "reason": "Pas cette fois."}),
            [404, 404, 404, 200, 404, 422],
        ),
        (
            format!("/api/v1/people/{p}/contributions"),
            json!({"kind": "events", "on": "2026-11-05", "note": "Stand"}),
            [404, 404, 404, 201, 404, 201],
        ),
        (
            "/api/v1/bureau/sessions".into(),
            json!({"held_on": today, "title": "Séance extraordinaire", "attendees": []}),
            [404, 404, 404, 201, 404, 201],
        ),
    ];
    for (path, body, expected) in &api_writes {
        for ((who, client), status) in actors.iter().zip(expected) {
            let response = client.post(app.url(path)).json(body).send().await.unwrap();
            assert_eq!(response.status().as_u16(), *status, "POST {path} as {who}");
            let body = text(response).await;
            if matches!(*who, "anonymous" | "other member") {
                assert!(!body.contains(CANARY), "POST {path} as {who} leaks");
            }
        }
    }

    let status_of = |id: i64| {
        let store = &app.store;
        async move {
            store
                .application(cercle_core::admission::ApplicationId(id))
                .await
                .unwrap()
                .status
                .as_str()
        }
    };
    assert_eq!(status_of(a).await, "accepted");
    assert_eq!(status_of(b).await, "refused");
    let contributions = app
        .store
        .contributions_of(cercle_core::accounts::account::AccountId(p))
        .await
        .unwrap();
    assert_eq!(
        contributions.len(),
        4,
        "only the bureau's and the administrator's contributions were written"
    );
    assert_eq!(app.store.bureau_sessions().await.unwrap().len(), 3);
    app.shutdown().await;
}

#[tokio::test]
async fn unreadable_json_on_admission_routes_gets_a_400_problem() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
    grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
    let member = app.member("Priya Raman", "priya@example.org").await;
    let individual = plan(&app, &admin, "Individuel", "person", "20").await;
    let member_token = api_token(&app, &member, "read_write").await;
    let bureau_token = api_token(&app, &bureau, "read_write").await;
    let cases = [
        (
            "/api/v1/applications",
            &member_token,
            [
                format!("{{\"plan\": {individual}, \"motivation\": \"Je"),
                format!("{{\"plan\": \"{individual}\", \"motivation\": \"Je viens.\"}}"),
                format!(
                    "{{\"plan\": {individual}, \"motivation\": \"Je viens.\", \"nickname\": \"P\"}}"
                ),
            ],
        ),
        (
            "/api/v1/bureau/sessions",
            &bureau_token,
            [
                "{\"held_on\": \"2026-11-05\", \"title\": ".to_owned(),
                "{\"held_on\": \"2026-11-05\", \"title\": \"Séance\", \"attendees\": \"all\"}"
                    .to_owned(),
                "{\"held_on\": \"2026-11-05\", \"title\": \"Séance\", \"room\": \"A\"}".to_owned(),
            ],
        ),
    ];
    for (path, token, bodies) in &cases {
        for body in bodies {
            let response = reqwest::Client::new()
                .post(app.url(path))
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path} {body}");
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json",
                "{path} {body}"
            );
            let problem: serde_json::Value = response.json().await.unwrap();
            assert_eq!(problem["status"], 400);
            assert!(
                !problem["detail"].as_str().unwrap().is_empty(),
                "{path} {body}: {problem}"
            );
        }
    }
    assert!(
        app.store.applications().await.unwrap().is_empty()
            && app.store.bureau_sessions().await.unwrap().is_empty(),
        "unreadable requests change nothing"
    );
    app.shutdown().await;
}
