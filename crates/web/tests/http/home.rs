//! The member's home, the newsletter with double opt-in and one-click
//! unsubscription, the private security inbox, and the language each page
//! is written in.

use std::time::Duration;

use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::email::EmailAddress;
use cercle_web::{Quota, RateLimits};
use reqwest::StatusCode;

use crate::communities::appoint;
use crate::register::grant;
use crate::support::{Email, TestApp};
use crate::{location, pay_dues, text};

/// Creates the public community `slug` as the administrator does.
async fn create_community(app: &TestApp, slug: &str, name: &str, access: &str) {
    let admin = app.admin().await;
    let form = [
        ("slug", slug),
        ("name", name),
        ("kind", "community"),
        ("visibility", "public"),
        ("access", access),
    ];
    let created = app.post_form(&admin, "/communities", &form).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "{slug}");
}

/// The `action` of the first form on `page` posting to a path that starts
/// with `prefix`.
fn form_action(page: &str, prefix: &str) -> String {
    let start = page
        .find(&format!("action=\"{prefix}"))
        .unwrap_or_else(|| panic!("a form posting to {prefix} in {page}"));
    page[start + "action=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_member_home_shows_my_own_communities_requests_dues_reviews_and_notifications() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    create_community(&app, "infra", "Infra & Services", "request").await;
    create_community(&app, "club", "Club des innovateurs", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    appoint(&app, "club", "rozenn@example.org", "animator").await;
    let priya = app.member("Priya Raman", "priya@example.org").await;
    pay_dues(&app, &admin, "priya@example.org").await;
    let yann = app.member("Yann Nouveau", "yann@example.org").await;

    let joined = app.post_form(&priya, "/c/club/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let asked = app
        .post_form(
            &priya,
            "/c/infra/join",
            &[("motivation", "J'administre des serveurs.")],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    // The worker tells the members of Priya's arrival.
    app.deliver().await;

    let home = app.get(&priya, "/home").await;
    assert_eq!(home.status(), StatusCode::OK);
    let home = text(home).await;
    assert!(
        home.contains("Bon retour parmi nous, Priya Raman."),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"/c/club\">Club des innovateurs</a>")
            && home.contains("<td>Membre</td>")
            && home.contains("<td>Suivre l'actualité</td>"),
        "my community with my role and engagement: {home}"
    );
    assert!(
        home.contains("<a href=\"/c/infra\">Infra & Services</a>")
            && home.contains("En attente des personnes qui examinent les demandes"),
        "my pending request and where it stands: {home}"
    );
    let withdraw = form_action(&home, "/join-requests/");
    assert!(withdraw.ends_with("/withdraw"), "{withdraw}");
    assert!(
        home.contains("Les cotisations de Priya Raman sont à jour jusqu'au"),
        "my dues with their reason: {home}"
    );
    assert!(
        home.contains(&Date::of(cercle_core::kernel::time::Timestamp::now()).long(Language::Fr)),
        "the request's date is written in words: {home}"
    );
    assert!(
        !home.contains("En attente de vous"),
        "nothing waits for a plain member's review"
    );
    assert!(home.contains("href=\"/account/notifications\""));

    let home = text(app.get(&rozenn, "/home").await).await;
    assert!(
        home.contains("En attente de vous")
            && home.contains("Infra & Services : demandes à examiner : 1")
            && home.contains("href=\"/c/infra/requests\""),
        "the reviewer's count: {home}"
    );
    assert!(
        home.contains("Priya Raman a rejoint Club des innovateurs"),
        "my latest notifications: {home}"
    );
    assert!(
        home.contains("<td>Pilote</td>") && home.contains("<td>Animateur·rice</td>"),
        "{home}"
    );
    assert!(
        home.contains("Rozenn Pilote n'a pas d'adhésion"),
        "my own dues, not another's: {home}"
    );
    assert!(
        !home.contains("cotisations de Priya Raman") && !home.contains("J'administre"),
        "{home}"
    );

    let home = text(app.get(&yann, "/home").await).await;
    assert!(
        home.contains("Vous n'appartenez encore à aucune communauté.")
            && home.contains("Vous n'avez aucune demande en attente."),
        "{home}"
    );
    for other in ["Priya", "Rozenn", "Infra", "Club des innovateurs"] {
        assert!(!home.contains(other), "{other} on Yann's home: {home}");
    }

    let withdrawn = app.post_form(&priya, &withdraw, &[]).await;
    assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER);
    let home = text(app.get(&priya, "/home").await).await;
    assert!(!home.contains("Infra & Services"), "{home}");

    let anonymous = app.client();
    let refused = app.get(&anonymous, "/home").await;
    assert_eq!(refused.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&refused), "/login?next=%2Fhome");
    let logged_in = app
        .post_form(
            &anonymous,
            "/login",
            &[
                ("email", "yann@example.org"),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&logged_in), "/home", "log-in lands on the home");
    let header = text(app.get(&anonymous, "/communities").await).await;
    assert!(
        header.contains("<a href=\"/home\">Mon espace</a>"),
        "{header}"
    );
    app.shutdown().await;
}

/// The confirmation or notice emails to `to` since `before` of them.
async fn new_emails_to(app: &TestApp, to: &str, before: usize) -> Vec<Email> {
    app.emails_to(to).await.into_iter().skip(before).collect()
}

async fn subscribe(
    app: &TestApp,
    email: &str,
    language: &str,
    lists: &[&str],
) -> reqwest::Response {
    let mut form = vec![("email", email), ("language", language)];
    form.extend(lists.iter().map(|list| ("lists", *list)));
    app.post_form(&app.client(), "/newsletter", &form).await
}

#[tokio::test]
async fn the_newsletter_is_kept_and_sent_through_the_api_as_through_the_pages() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Marc Membre", "marc.membre@example.org").await;
    let admin_token = crate::admission::api_token(&app, &admin, "read_write").await;
    let admin_reader = crate::admission::api_token(&app, &admin, "read").await;
    let member_token = crate::admission::api_token(&app, &member, "read_write").await;
    let list = serde_json::json!({"slug": "developers", "name": "Liste des développeurs"});
    for (token, status) in [
        (&admin_reader, StatusCode::FORBIDDEN),
        (&member_token, StatusCode::NOT_FOUND),
    ] {
        let refused = crate::admission::send_json(
            &app,
            reqwest::Method::POST,
            "/api/v1/newsletter/lists",
            token,
            list.clone(),
        )
        .await;
        assert_eq!(refused.status(), status);
    }
    let created = crate::admission::send_json(
        &app,
        reqwest::Method::POST,
        "/api/v1/newsletter/lists",
        &admin_token,
        list.clone(),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let taken = crate::admission::send_json(
        &app,
        reqwest::Method::POST,
        "/api/v1/newsletter/lists",
        &admin_token,
        list,
    )
    .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let lists: serde_json::Value = app
        .client()
        .get(app.url("/api/v1/newsletter/lists"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slugs: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|list| list["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs.len(), 2, "{lists}");
    assert!(
        slugs.contains(&"developers") && slugs.contains(&"general"),
        "{lists}"
    );

    let subscribe = |body: serde_json::Value| {
        let url = app.url("/api/v1/newsletter/subscriptions");
        async move {
            reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let none =
        subscribe(serde_json::json!({"email": "lea@example.org", "language": "fr", "lists": []}))
            .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.emails_to("lea@example.org").await.is_empty());
    let asked = subscribe(
        serde_json::json!({"email": "lea@example.org", "language": "fr", "lists": ["developers"]}),
    )
    .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let link = app.emails_to("lea@example.org").await[0].link();
    let browser = app.client();
    let shown = text(browser.get(&link).send().await.unwrap()).await;
    let confirm = form_action(&shown, "/newsletter/confirm/");
    assert_eq!(
        app.post_form(&browser, &confirm, &[]).await.status(),
        StatusCode::OK
    );

    let issue = serde_json::json!({
        "list": "developers",
        "subject": "Version 2.0",
        "body": "La version 2.0 est sortie.",
    });
    let refused = crate::admission::send_json(
        &app,
        reqwest::Method::POST,
        "/api/v1/newsletter/issues",
        &member_token,
        issue.clone(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let sent = crate::admission::send_json(
        &app,
        reqwest::Method::POST,
        "/api/v1/newsletter/issues",
        &admin_token,
        issue,
    )
    .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: serde_json::Value = sent.json().await.unwrap();
    assert_eq!(sent["recipients"], 1);
    app.deliver().await;
    let emails = app.emails_to("lea@example.org").await;
    assert!(
        emails.iter().any(|email| email.subject == "Version 2.0"),
        "{emails:?}"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_newsletter_subscribes_once_confirmed_and_unsubscribes_in_one_click() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let created = app
        .post_form(
            &admin,
            "/admin/newsletter/lists",
            &[
                ("slug", "developers"),
                ("name", "Liste des développeurs"),
                ("description", "Le code et les versions"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let form = text(app.get(&app.client(), "/newsletter").await).await;
    assert!(
        form.contains("value=\"general\" checked> Lettre d'information générale")
            && form.contains("value=\"developers\" > Liste des développeurs"),
        "{form}"
    );

    let refused = subscribe(&app, "lea@example.org", "en", &[]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(refused).await.contains("Cochez au moins une liste."));
    assert!(app.emails_to("lea@example.org").await.is_empty());

    let asked = subscribe(&app, "Lea@Example.org", "en", &["general", "developers"]).await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&asked), "/newsletter/sent");
    let emails = app.emails_to("lea@example.org").await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    assert_eq!(
        emails[0].subject,
        "Confirm your subscription to ADN Test's newsletter"
    );
    assert!(
        emails[0]
            .body
            .contains("General newsletter, Liste des développeurs"),
        "{}",
        emails[0].body
    );
    assert!(emails[0].list_unsubscribe.is_empty());
    let link = emails[0].link();
    assert!(link.starts_with(&app.url("/newsletter/confirm/")), "{link}");

    // An issue before the confirmation reaches nobody.
    let issue = [
        ("list", "general"),
        ("subject", "Nouvelles de mars"),
        ("body", "Le séminaire aura lieu à Rennes."),
    ];
    let sent = app
        .post_form(&admin, "/admin/newsletter/issues", &issue)
        .await;
    assert_eq!(location(&sent), "/admin/newsletter?sent=0");
    assert_eq!(app.emails_to("lea@example.org").await.len(), 1);

    let browser = app.client();
    let shown = browser.get(&link).send().await.unwrap();
    assert_eq!(shown.status(), StatusCode::OK);
    let confirm_action = form_action(&text(shown).await, "/newsletter/confirm/");
    let lists = app.store.mailing_lists().await.unwrap();
    assert!(
        lists.iter().all(|list| list.subscribers == 0),
        "opening the link alone confirms nothing"
    );
    let confirmed = app.post_form(&browser, &confirm_action, &[]).await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert!(
        text(confirmed).await.contains(
            "Vous êtes abonné·e à : Lettre d'information générale, Liste des développeurs."
        )
    );
    let again = app.post_form(&browser, &confirm_action, &[]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "the link works once");

    // A known address and a new one get the same answer.
    let known = subscribe(&app, "lea@example.org", "en", &["general"]).await;
    let new = subscribe(&app, "marc@example.org", "fr", &["general"]).await;
    assert_eq!(
        (known.status(), location(&known)),
        (new.status(), location(&new))
    );
    let notice = new_emails_to(&app, "lea@example.org", 1).await;
    assert_eq!(notice.len(), 1, "{notice:?}");
    assert_eq!(
        notice[0].subject,
        "You already receive ADN Test's newsletter"
    );
    assert!(!notice[0].body.contains("http://"), "{}", notice[0].body);
    let marc_link = app.emails_to("marc@example.org").await[0].link();
    let marc = app.client();
    let shown = text(marc.get(&marc_link).send().await.unwrap()).await;
    let marc_confirm = form_action(&shown, "/newsletter/confirm/");
    assert_eq!(
        app.post_form(&marc, &marc_confirm, &[]).await.status(),
        StatusCode::OK
    );
    subscribe(&app, "pending@example.org", "fr", &["general"]).await;

    let sent = app
        .post_form(&admin, "/admin/newsletter/issues", &issue)
        .await;
    assert_eq!(location(&sent), "/admin/newsletter?sent=2");
    let admin_page = text(app.get(&admin, location(&sent)).await).await;
    assert!(
        admin_page.contains("Le numéro part vers 2 abonné·es.")
            && admin_page.contains("lea@example.org")
            && admin_page.contains("pending@example.org")
            && admin_page.contains("en attente de confirmation"),
        "{admin_page}"
    );
    assert!(
        new_emails_to(&app, "pending@example.org", 1)
            .await
            .is_empty(),
        "an unconfirmed address gets no issue"
    );
    let lea_issue = app.emails_to("lea@example.org").await.pop().unwrap();
    assert_eq!(lea_issue.subject, "Nouvelles de mars");
    assert!(
        lea_issue.body.contains("Le séminaire aura lieu à Rennes.")
            && lea_issue
                .body
                .contains("You receive this email as a subscriber to General newsletter"),
        "{}",
        lea_issue.body
    );
    let unsubscribe = lea_issue
        .list_unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    assert!(
        unsubscribe.starts_with(&app.url("/newsletter/unsubscribe/")),
        "{}",
        lea_issue.list_unsubscribe
    );
    assert_eq!(
        lea_issue.list_unsubscribe_post,
        "List-Unsubscribe=One-Click"
    );
    assert!(
        lea_issue.body.contains(&unsubscribe),
        "the link is in the body too"
    );

    // Lea unsubscribes through the page.
    let page = app.client().get(&unsubscribe).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = text(page).await;
    assert!(
        page.contains("Ne plus recevoir Lettre d'information générale ?")
            && !page.contains("lea@example.org"),
        "the address is never shown: {page}"
    );
    let general = || async {
        app.store
            .mailing_lists()
            .await
            .unwrap()
            .into_iter()
            .find(|list| list.slug.as_str() == "general")
            .unwrap()
            .subscribers
    };
    assert_eq!(general().await, 2, "showing the page unsubscribes nobody");
    let action = form_action(&page, "/newsletter/unsubscribe/");
    let left = app.post_form(&app.client(), &action, &[]).await;
    assert_eq!(left.status(), StatusCode::OK);
    assert!(
        text(left)
            .await
            .contains("Vous ne recevrez plus Lettre d'information générale.")
    );
    assert_eq!(general().await, 1);

    // Marc's mail client unsubscribes in one click, from its own site.
    let marc_issue = app.emails_to("marc@example.org").await.pop().unwrap();
    let one_click = marc_issue
        .list_unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    let mail_client = reqwest::Client::new()
        .post(&one_click)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://webmail.example.net")
        .header("sec-fetch-site", "cross-site")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(mail_client.status(), StatusCode::OK);
    assert_eq!(general().await, 0);
    let cross_site = reqwest::Client::new()
        .post(app.url("/newsletter"))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("email", "x@example.org"),
            ("language", "fr"),
            ("lists", "general"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        cross_site.status(),
        StatusCode::FORBIDDEN,
        "only the unsubscribe link is open to other sites"
    );

    // Subscribers' addresses appear on the administrators' page alone.
    let member = app.member("Yann Curieux", "yann@example.org").await;
    for client in [&app.client(), &member] {
        assert_eq!(
            app.get(client, "/admin/newsletter").await.status(),
            StatusCode::NOT_FOUND
        );
        for path in [
            "/newsletter",
            "/newsletter/sent",
            "/",
            "/home",
            "/communities",
        ] {
            let page = text(app.get(client, path).await).await;
            assert!(
                !page.contains("lea@example.org") && !page.contains("marc@example.org"),
                "{path}: {page}"
            );
        }
    }
    assert_eq!(
        app.post_form(&member, "/admin/newsletter/issues", &issue)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

const CANARY: &str = "CANARY-SECURITY-REPORT";

#[tokio::test]
async fn a_security_report_goes_through_the_api_to_the_contacts_only() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let contact = app.member("Raoul Sécurité", "psc@example.org").await;
    grant(&app, &admin, "psc@example.org", &["security_contact"]).await;
    let member = app.member("Yann Membre", "yann@example.org").await;
    let contact_token = crate::admission::api_token(&app, &contact, "read_write").await;
    let contact_reader = crate::admission::api_token(&app, &contact, "read").await;
    let member_token = crate::admission::api_token(&app, &member, "read_write").await;
    let send = |body: serde_json::Value| {
        let url = app.url("/api/v1/security/reports");
        async move {
            reqwest::Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let wrong_language = send(serde_json::json!({
        "email": "finder@example.net",
        "description": "The search box runs scripts from the query.",
        "language": "de",
    }))
    .await;
    assert_eq!(wrong_language.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let too_short =
        send(serde_json::json!({"email": "finder@example.net", "description": "court"})).await;
    assert_eq!(too_short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.security_reports().await.unwrap().is_empty());
    let description = format!("{CANARY}: the search box runs scripts from the query.");
    let sent = send(serde_json::json!({
        "name": "Finder",
        "email": "finder@example.net",
        "description": description,
        "affected_version": "2.1",
        "language": "en",
    }))
    .await;
    assert_eq!(sent.status(), StatusCode::ACCEPTED);
    let acknowledgement = app.emails_to("finder@example.net").await;
    assert_eq!(acknowledgement.len(), 1);
    assert!(!acknowledgement[0].body.contains(CANARY));

    let hidden = reqwest::Client::new()
        .get(app.url("/api/v1/security/reports"))
        .bearer_auth(&member_token)
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
    assert!(!text(hidden).await.contains(CANARY));
    let inbox = crate::admission::get_json(&app, "/api/v1/security/reports", &contact_reader).await;
    assert_eq!(inbox[0]["description"], description.as_str());
    assert_eq!(inbox[0]["state"], "new");
    let id = inbox[0]["id"].as_i64().unwrap();
    let state = format!("/api/v1/security/reports/{id}/state");
    for (token, status) in [
        (&contact_reader, StatusCode::FORBIDDEN),
        (&member_token, StatusCode::NOT_FOUND),
    ] {
        let refused = crate::admission::send_json(
            &app,
            reqwest::Method::PUT,
            &state,
            token,
            serde_json::json!({"state": "fixed"}),
        )
        .await;
        assert_eq!(refused.status(), status);
    }
    let unknown = crate::admission::send_json(
        &app,
        reqwest::Method::PUT,
        &state,
        &contact_token,
        serde_json::json!({"state": "forgotten"}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let moved = crate::admission::send_json(
        &app,
        reqwest::Method::PUT,
        &state,
        &contact_token,
        serde_json::json!({"state": "fixed"}),
    )
    .await;
    assert_eq!(moved.status(), StatusCode::NO_CONTENT);
    let report = crate::admission::get_json(
        &app,
        &format!("/api/v1/security/reports/{id}"),
        &contact_reader,
    )
    .await;
    assert_eq!(report["state"], "fixed");
    app.shutdown().await;
}

#[tokio::test]
async fn a_security_report_reaches_only_the_security_contacts_and_stays_private() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let contact = app.member("Raoul Sécurité", "psc@example.org").await;
    grant(&app, &admin, "psc@example.org", &["security_contact"]).await;
    let member = app.member("Yann Membre", "yann@example.org").await;
    let anonymous = app.client();

    let form = text(app.get(&anonymous, "/security").await).await;
    assert!(form.contains("Signaler une faille de sécurité"), "{form}");
    let refused = app
        .post_form(
            &anonymous,
            "/security",
            &[("email", "pas-une-adresse"), ("description", "court")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = text(refused).await;
    assert!(
        refused.contains("Décrivez le problème en 10 à 20 000 caractères.")
            && refused.contains("aria-describedby=\"email-error\""),
        "{refused}"
    );
    assert!(app.store.security_reports().await.unwrap().is_empty());

    let description = format!("{CANARY}: the search box runs scripts from the query.");
    let sent = app
        .post_form(
            &anonymous,
            "/security",
            &[
                ("name", "Finder CANARY-NAME"),
                ("email", "finder@example.net"),
                ("affected_version", "2.1"),
                ("description", description.as_str()),
            ],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&sent), "/security/sent");

    let told = app.emails_to("psc@example.org").await;
    let told: Vec<_> = told
        .iter()
        .filter(|e| e.subject.contains("signalement de sécurité"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].body.contains(&app.url("/security/reports")) && !told[0].body.contains(CANARY),
        "the email says where to read, not what: {}",
        told[0].body
    );
    let acknowledgement = app.emails_to("finder@example.net").await;
    assert_eq!(acknowledgement.len(), 1);
    assert_eq!(
        acknowledgement[0].subject,
        "Votre signalement de sécurité à ADN Test est bien arrivé"
    );
    assert!(
        !acknowledgement[0].body.contains(CANARY)
            && !acknowledgement[0].body.contains("CANARY-NAME"),
        "nothing the reporter wrote is sent back"
    );
    for outsider in ["admin@example.org", "yann@example.org"] {
        assert!(
            app.emails_to(outsider)
                .await
                .iter()
                .all(|e| !e.subject.contains("signalement") && !e.body.contains(CANARY)),
            "{outsider}"
        );
    }

    let id = app.store.security_reports().await.unwrap()[0].id.0;
    let detail = format!("/security/reports/{id}");
    for reader in [&contact, &admin] {
        let inbox = text(app.get(reader, "/security/reports").await).await;
        assert!(inbox.contains(&format!("href=\"{detail}\"")), "{inbox}");
        let page = text(app.get(reader, &detail).await).await;
        assert!(
            page.contains(&description) && page.contains("2.1"),
            "{page}"
        );
    }
    let home = text(app.get(&contact, "/home").await).await;
    assert!(
        home.contains("Signalements de sécurité : nouveaux : 1"),
        "{home}"
    );
    let state = format!("{detail}/state");
    for outsider in [&anonymous, &member] {
        for path in ["/security/reports", detail.as_str()] {
            assert_eq!(
                app.get(outsider, path).await.status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        assert_eq!(
            app.post_form(outsider, &state, &[("state", "fixed")])
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }

    // The canary never reaches what an outsider can fetch.
    let mut paths: Vec<String> = [
        "/",
        "/home",
        "/communities",
        "/newsletter",
        "/security",
        "/security/sent",
        "/notifications",
        "/account",
        "/api/v1/me",
        "/api/v1/communities",
        "/api/v1/notifications",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .collect();
    paths.push(detail.clone());
    for outsider in [&anonymous, &member] {
        for path in &paths {
            let body = text(app.get(outsider, path).await).await;
            assert!(
                !body.contains(CANARY) && !body.contains("CANARY-NAME"),
                "{path}: {body}"
            );
        }
    }

    let invalid = app
        .post_form(&contact, &state, &[("state", "closed")])
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(invalid)
            .await
            .contains("Choisissez un état dans la liste.")
    );
    let changed = app
        .post_form(&contact, &state, &[("state", "acknowledged")])
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&contact, &detail).await).await;
    assert!(
        page.contains("<option value=\"acknowledged\" selected>Pris en compte</option>")
            && page.contains("par Raoul Sécurité."),
        "{page}"
    );
    let home = text(app.get(&contact, "/home").await).await;
    assert!(
        home.contains("Signalements de sécurité : nouveaux : 0"),
        "{home}"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_newsletter_and_security_forms_are_rate_limited_like_sign_up() {
    let tight = Quota {
        requests: 2,
        per: Duration::from_secs(600),
    };
    let generous = Quota {
        requests: 1000,
        per: Duration::from_secs(60),
    };
    let app = TestApp::builder()
        .rate_limits(RateLimits {
            log_in: generous,
            sign_up: tight,
            password_reset: generous,
        })
        .build()
        .await;
    for attempt in 0..3 {
        let response = subscribe(&app, "lea@example.org", "fr", &["general"]).await;
        let expected = if attempt < 2 {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(response.status(), expected, "newsletter attempt {attempt}");
    }
    let report = [
        ("email", "finder@example.net"),
        ("description", "A long enough description."),
    ];
    for attempt in 0..3 {
        let response = app.post_form(&app.client(), "/security", &report).await;
        let expected = if attempt < 2 {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(response.status(), expected, "report attempt {attempt}");
    }
    assert_eq!(app.store.security_reports().await.unwrap().len(), 2);
    app.shutdown().await;
}

/// What each visitor gets from a route of the home, the newsletter and the
/// security inbox: anonymous, member, security contact, administrator.
fn expected(method: &str, path: &str) -> [u16; 4] {
    match (method, path) {
        ("get", "/home") => [303, 200, 200, 200],
        ("get", "/newsletter" | "/newsletter/sent" | "/newsletter/confirm/{token}")
        | ("get", "/security" | "/security/sent") => [200; 4],
        ("get" | "post", "/newsletter/unsubscribe/{token}")
        | ("post", "/newsletter/confirm/{token}") => [404; 4],
        ("get", "/admin/newsletter") => [404, 404, 404, 200],
        ("post", "/admin/newsletter/lists" | "/admin/newsletter/issues") => [404, 404, 404, 303],
        ("get", "/security/reports" | "/security/reports/{id}") => [404, 404, 200, 200],
        ("post", "/security/reports/{id}/state") => [404, 404, 303, 303],
        ("post", "/newsletter" | "/security") => [303; 4],
        other => panic!("no expectation for {other:?}: add one"),
    }
}

/// A form each POST route accepts, so that the answer is the policy's.
fn form_for(path: &str, visitor: usize) -> Vec<(&'static str, String)> {
    let owned = |pairs: &[(&'static str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect::<Vec<_>>()
    };
    match path {
        "/newsletter" => vec![
            ("email", format!("visitor{visitor}@example.org")),
            ("language", "fr".to_owned()),
            ("lists", "general".to_owned()),
        ],
        "/admin/newsletter/lists" => vec![
            ("slug", format!("list-{visitor}")),
            ("name", "Liste".to_owned()),
        ],
        "/admin/newsletter/issues" => {
            owned(&[("list", "general"), ("subject", "Objet"), ("body", "Texte")])
        }
        "/security" => owned(&[
            ("email", "finder@example.net"),
            ("description", "A long enough description."),
        ]),
        "/security/reports/{id}/state" => owned(&[("state", "fixed")]),
        _ => Vec::new(),
    }
}

#[tokio::test]
async fn every_route_of_the_home_newsletter_and_inbox_answers_each_visitor() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Yann Membre", "yann@example.org").await;
    let contact = app.member("Raoul Sécurité", "psc@example.org").await;
    grant(&app, &admin, "psc@example.org", &["security_contact"]).await;
    let reported = app
        .post_form(
            &app.client(),
            "/security",
            &[
                ("email", "finder@example.net"),
                ("description", "A long enough description."),
            ],
        )
        .await;
    assert_eq!(reported.status(), StatusCode::SEE_OTHER);
    let id = app.store.security_reports().await.unwrap()[0]
        .id
        .0
        .to_string();
    let visitors = [app.client(), member, contact, admin];
    let routes = cercle_web::outreach_routes();
    assert!(routes.len() >= 15, "{routes:?}");
    for (method, pattern) in routes {
        let path = pattern
            .replace("{id}", &id)
            .replace("{token}", "no-such-link");
        for (index, visitor) in visitors.iter().enumerate() {
            let response = match method {
                "get" => app.get(visitor, &path).await,
                _ => {
                    let form = form_for(pattern, index);
                    visitor
                        .post(app.url(&path))
                        .form(&form)
                        .send()
                        .await
                        .unwrap()
                }
            };
            assert_eq!(
                response.status().as_u16(),
                expected(method, pattern)[index],
                "{method} {path} as visitor {index}"
            );
        }
    }
    assert!(
        app.store
            .account_by_email(&EmailAddress::parse("yann@example.org").unwrap())
            .await
            .is_ok()
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_language_comes_from_the_account_then_the_switcher_then_the_browser() {
    let app = TestApp::new().await;
    let browser = app.client();
    let accept = "en-GB,en;q=0.9,fr;q=0.5";
    let page = |client: &reqwest::Client, header: &'static str| {
        let (app, client) = (&app, client.clone());
        async move {
            text(
                client
                    .get(app.url("/login"))
                    .header("accept-language", header)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let english = page(&browser, accept).await;
    assert!(
        english.contains("<html lang=\"en\">") && english.contains("Forgot your password?"),
        "{english}"
    );
    let french = page(&browser, "en;q=0.3, fr-CA;q=0.8").await;
    assert!(french.contains("Mot de passe oublié ?"), "q-values rank");

    let switched = app
        .post_form(&browser, "/language", &[("lang", "fr"), ("next", "/login")])
        .await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert!(
        page(&browser, accept)
            .await
            .contains("Mot de passe oublié ?"),
        "the switcher's cookie wins over Accept-Language"
    );

    // Priya's account is in English; this browser chose French and asks for French.
    app.member("Priya Raman", "priya@example.org").await;
    let priya = app.client();
    app.post_form(&priya, "/language", &[("lang", "en")]).await;
    app.log_in(&priya, "priya@example.org", crate::support::PASSWORD)
        .await;
    app.post_form(&priya, "/language", &[("lang", "en")]).await;
    let other_browser = app.client();
    app.post_form(&other_browser, "/language", &[("lang", "fr")])
        .await;
    app.log_in(
        &other_browser,
        "priya@example.org",
        crate::support::PASSWORD,
    )
    .await;
    let home = other_browser
        .get(app.url("/home"))
        .header("accept-language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let home = text(home).await;
    assert!(
        home.contains("<html lang=\"en\">") && home.contains("Welcome back, Priya Raman."),
        "the account's language wins over the cookie and the browser: {home}"
    );
    let account = app
        .store
        .account_by_email(&EmailAddress::parse("priya@example.org").unwrap())
        .await
        .unwrap();
    assert_eq!(
        account.language,
        Language::En,
        "the switcher, used signed in, saved the choice on the account"
    );
    app.shutdown().await;
}
