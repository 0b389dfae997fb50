//! Communities: who sees them, joining at once or on request after the
//! eligibility rules (seed 002), review, arrival and departure.

use cercle_core::accounts::account::AccountId;
use cercle_core::kernel::email::EmailAddress;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::{location, text};

pub(crate) fn community<'a>(
    slug: &'a str,
    name: &'a str,
    visibility: &'a str,
    access: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("name", name),
        ("kind", "community"),
        ("theme", "Infrastructures numériques"),
        ("cadence", "toutes les deux semaines"),
        ("description", "Partager les retours d'expérience."),
        (
            "objectives",
            "Vulgariser l'infrastructure\nAccompagner la transformation",
        ),
        (
            "channels",
            "slack | #infra | https://adn.slack.com/archives/C1",
        ),
        ("visibility", visibility),
        ("access", access),
        ("card_scores", "Program: 100, Open: 90"),
    ]
}

pub(crate) async fn id_of(app: &TestApp, email: &str) -> AccountId {
    app.store
        .account_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .id
}

/// Appoints `email` to `role` in `slug`, as an administrator does on the page.
pub(crate) async fn appoint(app: &TestApp, slug: &str, email: &str, role: &str) {
    let admin = app.admin().await;
    let response = app
        .post_form(
            &admin,
            &format!("/c/{slug}/appointments"),
            &[("email", email), ("role", role)],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "appointing {email} as {role}"
    );
}

#[tokio::test]
async fn visibility_decides_who_knows_a_community_exists() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    for (slug, name, visibility) in [
        ("patterns", "Groupe Patterns", "public"),
        ("infra", "Infra & Services", "members_only"),
        ("bureau-prive", "CANARY-SECRET-COMMUNITY", "secret"),
    ] {
        let created = app
            .post_form(
                &admin,
                "/communities",
                &community(slug, name, visibility, "open"),
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{slug}");
        assert_eq!(location(&created), format!("/c/{slug}"));
    }
    let member = app.member("Olivier Dehors", "olivier@example.org").await;
    let anonymous = app.client();

    let public = text(app.get(&anonymous, "/communities").await).await;
    assert!(
        public.contains("Groupe Patterns")
            && !public.contains("Infra &amp; Services")
            && !public.contains("Infra & Services")
    );
    assert!(!public.contains("CANARY-SECRET-COMMUNITY"));
    let seen = text(app.get(&member, "/communities").await).await;
    assert!(
        seen.contains("Infra & Services") && !seen.contains("CANARY-SECRET-COMMUNITY"),
        "{seen}"
    );
    assert!(
        text(app.get(&admin, "/communities").await)
            .await
            .contains("CANARY-SECRET-COMMUNITY")
    );

    for (path, anonymous_status, member_status) in [
        ("/c/patterns", 200, 200),
        ("/c/infra", 404, 200),
        ("/c/bureau-prive", 404, 404),
        ("/c/nowhere", 404, 404),
    ] {
        assert_eq!(
            app.get(&anonymous, path).await.status().as_u16(),
            anonymous_status,
            "{path} anonymous"
        );
        assert_eq!(
            app.get(&member, path).await.status().as_u16(),
            member_status,
            "{path} member"
        );
    }
    let page = text(app.get(&anonymous, "/c/patterns").await).await;
    assert!(
        page.contains("toutes les deux semaines")
            && page.contains("https://adn.slack.com/archives/C1")
    );
    assert!(
        page.contains("<svg") && page.contains("Program"),
        "the profile card is drawn"
    );
    let search = text(app.get(&member, "/communities?q=patterns").await).await;
    assert!(search.contains("Groupe Patterns") && !search.contains("Infra & Services"));

    let mut markdown = community("markdown", "Markdown", "public", "open");
    markdown.retain(|(field, _)| *field != "description");
    markdown.push((
        "description",
        "**Partager** les retours <script>alert('CANARY')</script>",
    ));
    assert_eq!(
        app.post_form(&admin, "/communities", &markdown)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let rendered = app
        .get(&anonymous, "/c/markdown")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        rendered.contains("<strong>Partager</strong>") && !rendered.contains("<script>"),
        "{rendered}"
    );

    let api = reqwest::Client::new();
    let listed: serde_json::Value = api
        .get(app.url("/api/v1/communities"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slugs: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["patterns", "markdown"],
        "anonymous callers see public communities only"
    );
    let token = crate::admission::api_token(&app, &member, "read_write").await;
    let listed = api
        .get(app.url("/api/v1/communities"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(listed.contains("\"infra\"") && !listed.contains("CANARY-SECRET-COMMUNITY"));
    let secret = api
        .get(app.url("/api/v1/communities/bureau-prive"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(secret.status(), StatusCode::NOT_FOUND);
    let joined = api
        .post(app.url("/api/v1/communities/patterns/join"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"engagement": "regular"}))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::OK);
    assert_eq!(
        joined.json::<serde_json::Value>().await.unwrap()["outcome"],
        "joined"
    );
    let detail: serde_json::Value = api
        .get(app.url("/api/v1/communities/patterns"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (detail["member"].as_bool(), detail["members"].as_i64()),
        (Some(true), Some(1))
    );
    let taken = app
        .post_form(
            &admin,
            "/communities",
            &community("patterns", "Autre", "public", "open"),
        )
        .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(taken)
            .await
            .contains("Une autre communauté utilise déjà cette adresse.")
    );
    assert_eq!(
        app.post_form(
            &member,
            "/communities",
            &community("x-y", "X", "public", "open")
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

#[tokio::test]
async fn an_open_community_announces_arrivals_and_tells_the_pilot_of_departures() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("patterns", "Groupe Patterns", "public", "open"),
    )
    .await;
    let pilot = app.member("Rozenn Pilote", "rozenn@example.org").await;
    drop(pilot);
    appoint(&app, "patterns", "rozenn@example.org", "pilot").await;
    let newcomer = app.member("Yann Nouveau", "yann@example.org").await;
    let by_member = app
        .post_form(
            &newcomer,
            "/c/patterns/appointments",
            &[("email", "yann@example.org"), ("role", "pilot")],
        )
        .await;
    assert_eq!(
        by_member.status(),
        StatusCode::NOT_FOUND,
        "only administrators and role managers appoint"
    );
    let unknown = app
        .post_form(
            &app.admin().await,
            "/c/patterns/appointments",
            &[("email", "yann@example.org"), ("role", "emperor")],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let joined = app
        .post_form(
            &newcomer,
            "/c/patterns/join",
            &[("engagement", "occasional")],
        )
        .await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&newcomer, "/c/patterns").await).await;
    assert!(
        page.contains("Vous êtes membre de cette communauté.") && page.contains("Rozenn Pilote")
    );
    let arrival = app.emails_to("rozenn@example.org").await.pop().unwrap();
    assert_eq!(arrival.subject, "Yann Nouveau rejoint Groupe Patterns");
    let twice = app.post_form(&newcomer, "/c/patterns/join", &[]).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let changed = app
        .post_form(
            &newcomer,
            "/c/patterns/engagement",
            &[("engagement", "regular")],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert!(
        text(app.get(&newcomer, "/c/patterns").await)
            .await
            .contains("<option value=\"regular\" selected>")
    );
    let bad = app
        .post_form(
            &newcomer,
            "/c/patterns/engagement",
            &[("engagement", "fervent")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post_form(&newcomer, "/c/patterns/leave", &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let departure = app.emails_to("rozenn@example.org").await.pop().unwrap();
    assert_eq!(departure.subject, "Yann Nouveau a quitté Groupe Patterns");
    assert_eq!(
        app.post_form(&newcomer, "/c/patterns/leave", &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

#[tokio::test]
async fn an_unpaid_company_is_refused_at_once_then_a_reviewer_decides() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let mut form = community("infra", "Infra & Services", "members_only", "request");
    form.push(("adherents_only", "on"));
    form.push(("organisation_in_good_standing", "on"));
    assert_eq!(
        app.post_form(&admin, "/communities", &form).await.status(),
        StatusCode::SEE_OTHER
    );
    let facilitator = app
        .member("Cécile Facilitatrice", "cecile@example.org")
        .await;
    appoint(&app, "infra", "cecile@example.org", "facilitator").await;

    let plan = [
        ("name", "Entreprise"),
        ("holder", "organisation"),
        ("period", "yearly"),
        ("prices", "500"),
        ("currency", "EUR"),
    ];
    assert_eq!(
        app.post_form(&admin, "/plans", &plan).await.status(),
        StatusCode::SEE_OTHER
    );
    let created = app
        .post_form(
            &admin,
            "/organisations",
            &[("name", "Acme"), ("category", "company")],
        )
        .await;
    let organisation = location(&created).rsplit('/').next().unwrap().to_owned();
    let employee = app
        .member("Stéphane Salarié", "stephane@acme.example")
        .await;
    app.post_form(
        &admin,
        &format!("/organisations/{organisation}/affiliations"),
        &[("email", "stephane@acme.example")],
    )
    .await;
    let plan_id = app.store.plans().await.unwrap()[0].id.0.to_string();
    let holder = format!("organisation:{organisation}");
    let starts = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(-10)
        .to_string();
    let opened = app
        .post_form(
            &admin,
            "/memberships",
            &[
                ("holder", holder.as_str()),
                ("plan", plan_id.as_str()),
                ("starts_on", starts.as_str()),
            ],
        )
        .await;
    let membership = location(&opened).rsplit('/').next().unwrap().to_owned();

    let refused = app
        .post_form(
            &employee,
            "/c/infra/join",
            &[("motivation", "Je gère un datacenter.")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = text(refused).await;
    assert!(
        refused.contains("Votre organisation Acme n'est pas à jour de sa cotisation."),
        "{refused}"
    );
    assert!(
        app.store
            .pending_join_requests(app.store.community_by_slug("infra").await.unwrap().id)
            .await
            .unwrap()
            .is_empty()
    );
    let token = crate::admission::api_token(&app, &employee, "read_write").await;
    let by_api = reqwest::Client::new()
        .post(app.url("/api/v1/communities/infra/join"))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(by_api.status(), StatusCode::FORBIDDEN);
    let answer: serde_json::Value = by_api.json().await.unwrap();
    assert_eq!(answer["outcome"], "ineligible");
    assert!(
        answer["reasons"][0].as_str().unwrap().contains("Acme"),
        "{answer}"
    );

    let period = app
        .store
        .membership(cercle_core::register::dues::MembershipId(
            membership.parse().unwrap(),
        ))
        .await
        .unwrap()
        .periods[0]
        .id
        .0
        .to_string();
    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();
    let payment = [
        ("period", period.as_str()),
        ("amount", "500"),
        ("paid_on", today.as_str()),
        ("method", "transfer"),
    ];
    assert_eq!(
        app.post_form(
            &admin,
            &format!("/memberships/{membership}/payments"),
            &payment
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );

    let asked = app
        .post_form(
            &employee,
            "/c/infra/join",
            &[
                ("motivation", "Je gère un datacenter."),
                ("engagement", "regular"),
            ],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert!(
        text(app.get(&employee, "/c/infra").await)
            .await
            .contains("Votre demande attend les relecteurs.")
    );

    let outsider = app.member("Olivier Dehors", "olivier@example.org").await;
    assert_eq!(
        app.get(&outsider, "/c/infra/requests").await.status(),
        StatusCode::NOT_FOUND
    );
    let queue = text(app.get(&facilitator, "/c/infra/requests").await).await;
    assert!(
        queue.contains("Stéphane Salarié")
            && queue.contains("Je gère un datacenter.")
            && queue.contains("sont à jour"),
        "{queue}"
    );
    let id = app
        .store
        .join_requests_of(id_of(&app, "stephane@acme.example").await)
        .await
        .unwrap()[0]
        .id
        .0;

    let by_outsider = app
        .post_form(
            &outsider,
            &format!("/join-requests/{id}/decision"),
            &[("verdict", "accept")],
        )
        .await;
    assert_eq!(by_outsider.status(), StatusCode::NOT_FOUND);
    let no_reason = app
        .post_form(
            &facilitator,
            &format!("/join-requests/{id}/decision"),
            &[("verdict", "refuse")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let accepted = app
        .post_form(
            &facilitator,
            &format!("/join-requests/{id}/decision"),
            &[("verdict", "accept"), ("reason", "Bienvenue !")],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let welcome = app.emails_to("stephane@acme.example").await.pop().unwrap();
    assert_eq!(welcome.subject, "Bienvenue dans Infra & Services");
    assert!(
        text(app.get(&employee, "/c/infra").await)
            .await
            .contains("Vous êtes membre de cette communauté.")
    );
    let again = app
        .post_form(
            &facilitator,
            &format!("/join-requests/{id}/decision"),
            &[("verdict", "accept")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.shutdown().await;
}

#[tokio::test]
async fn a_moderator_excludes_with_a_reason_until_readmission() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("infra", "Infra & Services", "secret", "open"),
    )
    .await;
    let pilot = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    let yann = app.member("Yann Vendeur", "yann@example.org").await;
    appoint(&app, "infra", "yann@example.org", "member").await;
    let other = app.member("Olivier Membre", "olivier@example.org").await;
    appoint(&app, "infra", "olivier@example.org", "member").await;
    assert_eq!(app.get(&yann, "/c/infra").await.status(), StatusCode::OK);

    let exclusion = [
        ("email", "yann@example.org"),
        ("reason", "Règle 2 : pas de promotion commerciale."),
    ];
    assert_eq!(
        app.post_form(&other, "/c/infra/exclusions", &exclusion)
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "members do not moderate"
    );
    let no_reason = app
        .post_form(
            &pilot,
            "/c/infra/exclusions",
            &[("email", "yann@example.org"), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(no_reason)
            .await
            .contains("Dites quelle règle a été enfreinte")
    );
    assert_eq!(
        app.post_form(&pilot, "/c/infra/exclusions", &exclusion)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        app.get(&yann, "/c/infra").await.status(),
        StatusCode::NOT_FOUND,
        "a secret community vanishes at once"
    );
    let notice = app.emails_to("yann@example.org").await.pop().unwrap();
    assert_eq!(notice.subject, "Vous avez été exclu·e de Infra & Services");
    assert!(
        notice
            .body
            .contains("Règle 2 : pas de promotion commerciale.")
    );
    let moderation = text(app.get(&pilot, "/c/infra").await).await;
    assert!(
        moderation.contains("Yann Vendeur — Règle 2 : pas de promotion commerciale."),
        "{moderation}"
    );
    assert!(
        !text(app.get(&other, "/c/infra").await)
            .await
            .contains("Règle 2"),
        "only moderators see exclusions"
    );

    let yann_id = id_of(&app, "yann@example.org").await.0;
    assert_eq!(
        app.post_form(
            &other,
            &format!("/c/infra/exclusions/{yann_id}/readmit"),
            &[]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(
            &pilot,
            &format!("/c/infra/exclusions/{yann_id}/readmit"),
            &[]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        !text(app.get(&pilot, "/c/infra").await)
            .await
            .contains("Règle 2")
    );
    app.shutdown().await;
}

#[tokio::test]
async fn joining_requires_the_charter_and_a_new_version_asks_again() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("infra", "Infra & Services", "public", "open"),
    )
    .await;
    let pilot = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    let outsider = app.member("Olivier Dehors", "olivier@example.org").await;

    let empty = app
        .post_form(&pilot, "/c/infra/charter", &[("text", " ")])
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post_form(&outsider, "/c/infra/charter", &[("text", "x")])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let rules = [(
        "text",
        "- Respecter les engagements\n- **Pas** de promotion commerciale",
    )];
    assert_eq!(
        app.post_form(&pilot, "/c/infra/charter", &rules)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let page = text(app.get(&outsider, "/c/infra").await).await;
    assert!(
        page.contains("Version 1")
            && page.contains("<strong>Pas</strong> de promotion commerciale")
    );

    let without = app.post_form(&outsider, "/c/infra/join", &[]).await;
    assert_eq!(without.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(without).await.contains("Lisez et acceptez la charte"));
    let stale = app
        .post_form(
            &outsider,
            "/c/infra/join",
            &[("charter_version", "0"), ("accept_charter", "on")],
        )
        .await;
    assert_eq!(
        stale.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the version read must be the one in force"
    );
    let joined = app
        .post_form(
            &outsider,
            "/c/infra/join",
            &[("charter_version", "1"), ("accept_charter", "on")],
        )
        .await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let community = app.store.community_by_slug("infra").await.unwrap().id;
    let me = id_of(&app, "olivier@example.org").await;
    let member = app
        .store
        .community_members(community)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.account == me)
        .unwrap();
    assert_eq!(
        member.charter_version,
        Some(1),
        "the accepted version is recorded"
    );
    assert!(
        !text(app.get(&outsider, "/c/infra").await)
            .await
            .contains("La charte a changé")
    );

    let amended = [(
        "text",
        "- Respecter les engagements\n- Pas de promotion\n- Informer le pilote de tout changement de poste",
    )];
    assert_eq!(
        app.post_form(&pilot, "/c/infra/charter", &amended)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        text(app.get(&outsider, "/c/infra").await)
            .await
            .contains("La charte a changé"),
        "members are asked again"
    );
    assert_eq!(
        app.post_form(&outsider, "/c/infra/charter/accept", &[("version", "1")])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.post_form(&outsider, "/c/infra/charter/accept", &[("version", "2")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        !text(app.get(&outsider, "/c/infra").await)
            .await
            .contains("La charte a changé")
    );
    let audit = text(app.get(&admin, "/admin/audit").await).await;
    assert!(audit.contains("charter.published") && audit.contains("charter.accepted"));
    app.shutdown().await;
}

#[tokio::test]
async fn a_request_made_through_the_api_names_the_request_to_follow() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("revue", "Revue de code", "public", "request"),
    )
    .await;
    let member = app.member("Nolwenn Membre", "nolwenn@example.org").await;
    let token = crate::admission::api_token(&app, &member, "read_write").await;
    let asked: serde_json::Value = reqwest::Client::new()
        .post(app.url("/api/v1/communities/revue/join"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"motivation": "Je relis beaucoup de code."}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pending = app
        .store
        .pending_join_requests(app.store.community_by_slug("revue").await.unwrap().id)
        .await
        .unwrap();
    assert_eq!(asked["outcome"], "requested");
    assert_eq!(asked["request"].as_i64(), Some(pending[0].id.0), "{asked}");
    app.shutdown().await;
}

#[tokio::test]
async fn visitors_are_served_a_public_page_from_the_anonymous_cache_for_a_moment() {
    let app = TestApp::builder()
        .anonymous_cache(std::time::Duration::from_secs(3600))
        .build()
        .await;
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("infra", "Infra Services", "public", "open"),
    )
    .await;
    app.post_form(
        &admin,
        "/communities",
        &community("bureau", "CANARY-SECRET-BUREAU", "secret", "invitation"),
    )
    .await;
    let visitor = app.client();
    let first = app.get(&visitor, "/c/infra").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first.headers().get("age").is_none(),
        "rendered for this visitor"
    );
    assert!(text(first).await.contains("Infra Services"));

    let renamed = community("infra", "Infra renommée", "public", "open");
    assert_eq!(
        app.post_form(&admin, "/c/infra/edit", &renamed)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let again = app.get(&visitor, "/c/infra").await;
    assert!(again.headers().get("age").is_some(), "served from memory");
    assert!(
        again.headers().contains_key("content-security-policy")
            && !again.headers().contains_key("x-request-id"),
        "kept with the security headers, without the first request's id"
    );
    assert!(text(again).await.contains("Infra Services"));
    assert!(
        text(app.get(&admin, "/c/infra").await)
            .await
            .contains("Infra renommée"),
        "people signed in see the change at once"
    );
    let english = visitor
        .get(app.url("/c/infra"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(
        english.headers().get("age").is_none(),
        "another language is another page"
    );

    let secret = app.get(&admin, "/c/bureau").await;
    assert_eq!(secret.status(), StatusCode::OK);
    let hidden = app.get(&visitor, "/c/bureau").await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert!(!text(hidden).await.contains("CANARY-SECRET-BUREAU"));
    assert!(
        app.get(&visitor, "/home")
            .await
            .headers()
            .get("age")
            .is_none(),
        "only public pages are kept"
    );
    app.shutdown().await;
}
