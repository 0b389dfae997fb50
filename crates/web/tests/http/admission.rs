//! Admission by the bureau (seed 004): applications, sessions, decisions
//! with reasons told to the applicant, and contributions.

use cercle_core::account::EmailAddress;
use reqwest::StatusCode;

use crate::register::grant;
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

    let today = cercle_core::date::Date::today().to_string();
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
