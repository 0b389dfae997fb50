//! Notifications and community webhooks, as members see them: the list with
//! its unread count in the header, marking read, the preferences that turn
//! emails off per kind, the JSON API, and the webhook form's refusals.

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::{location, text};

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

/// Gives `email` the role `role` in `slug`, as an administrator does.
async fn appoint(app: &TestApp, slug: &str, email: &str, role: &str) {
    let admin = app.admin().await;
    let appointed = app
        .post_form(
            &admin,
            &format!("/c/{slug}/appointments"),
            &[("email", email), ("role", role)],
        )
        .await;
    assert_eq!(
        appointed.status(),
        StatusCode::SEE_OTHER,
        "{email} as {role}"
    );
}

/// The ids in the "mark as read" forms of a notifications page.
fn unread_ids(page: &str) -> Vec<String> {
    page.split("action=\"/notifications/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/read\"").map(|(id, _)| id.to_owned()))
        .collect()
}

#[tokio::test]
async fn members_are_told_of_an_arrival_in_the_app_and_by_email_as_they_prefer() {
    let app = TestApp::new().await;
    create_community(&app, "patterns", "Groupe Patterns & Co", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "patterns", "rozenn@example.org", "pilot").await;
    let olivier = app.member("Olivier Discret", "olivier@example.org").await;
    let yann = app.member("Yann Nouveau", "yann@example.org").await;
    let joined = app.post_form(&olivier, "/c/patterns/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);

    // Olivier keeps every kind by email but arrivals.
    let page = text(app.get(&olivier, "/account/notifications").await).await;
    assert!(
        page.contains(
            "<input type=\"checkbox\" name=\"email\" value=\"community_arrival\" checked>"
        ),
        "every kind is on by default: {page}"
    );
    let kept = [
        ("email", "community_departure"),
        ("email", "join_request_decided"),
        ("email", "join_request_waiting"),
        ("email", "excluded_from_community"),
        ("language", "fr"),
    ];
    let saved = app
        .post_form(&olivier, "/account/notifications", &kept)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&olivier, location(&saved)).await).await;
    assert!(
        page.contains("Vos préférences sont enregistrées."),
        "{page}"
    );
    assert!(page.contains("value=\"community_arrival\" >"), "{page}");
    let refused = app
        .post_form(
            &olivier,
            "/account/notifications",
            &[("email", "everything"), ("language", "fr")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = text(refused).await;
    assert!(
        refused.contains("<p class=\"field-error\" id=\"email-error\">Choisissez des types de notification dans la liste.</p>"),
        "{refused}"
    );

    let before = app.emails().await.len();
    let joined = app.post_form(&yann, "/c/patterns/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let emails = app.emails().await;
    let new: Vec<_> = emails[before..].iter().map(|e| e.to.as_str()).collect();
    assert_eq!(
        new,
        ["rozenn@example.org"],
        "Olivier turned arrival emails off"
    );
    assert_eq!(
        emails.last().unwrap().subject,
        "Yann Nouveau rejoint Groupe Patterns & Co"
    );

    let seen = text(app.get(&olivier, "/notifications").await).await;
    assert!(
        seen.contains("Yann Nouveau a rejoint Groupe Patterns & Co")
            && seen.contains("href=\"/c/patterns\""),
        "the notification is there all the same: {seen}"
    );
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert!(
        page.contains("Notifications (2)"),
        "the header counts: {page}"
    );
    assert!(page.contains("2 non lue(s)"));
    assert!(
        page.find("Yann Nouveau a rejoint").unwrap()
            < page.find("Olivier Discret a rejoint").unwrap(),
        "newest first"
    );
    let ids = unread_ids(&page);
    assert_eq!(ids.len(), 2, "{page}");
    let home = text(app.get(&rozenn, "/").await).await;
    assert!(home.contains("Notifications (2)"), "on every page: {home}");
    assert!(
        !text(app.get(&app.client(), "/").await)
            .await
            .contains("Notifications"),
        "not for visitors"
    );

    let theirs = app
        .post_form(&olivier, &format!("/notifications/{}/read", ids[0]), &[])
        .await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    let unknown = app
        .post_form(&rozenn, "/notifications/999999/read", &[])
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let read = app
        .post_form(&rozenn, &format!("/notifications/{}/read", ids[0]), &[])
        .await;
    assert_eq!(read.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&read), "/notifications");
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert!(page.contains("Notifications (1)") && page.contains("1 non lue(s)"));
    assert_eq!(unread_ids(&page), [ids[1].clone()]);
    let all = app.post_form(&rozenn, "/notifications/read-all", &[]).await;
    assert_eq!(all.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert!(page.contains("0 non lue(s)") && !page.contains("Notifications ("));
    assert!(
        page.contains("Yann Nouveau a rejoint"),
        "read ones stay listed"
    );

    let anonymous = app.get(&app.client(), "/notifications").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&anonymous), "/login?next=%2Fnotifications");
    app.shutdown().await;
}

#[tokio::test]
async fn arrivals_that_come_together_are_told_together() {
    let app = TestApp::new().await;
    create_community(&app, "atelier", "Atelier", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    let joined = app.post_form(&rozenn, "/c/atelier/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let bob = app.member("Bob Kahn", "bob@example.org").await;
    app.deliver().await;

    // Both join before the worker looks: one round tells of both.
    for newcomer in [&ada, &bob] {
        let joined = app.post_form(newcomer, "/c/atelier/join", &[]).await;
        assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    }
    let subjects: Vec<String> = app
        .emails_to("rozenn@example.org")
        .await
        .into_iter()
        .map(|email| email.subject)
        .filter(|subject| subject.contains("Atelier"))
        .collect();
    assert_eq!(subjects, ["Ada Lovelace et Bob Kahn rejoignent Atelier"]);
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert_eq!(
        page.matches("</strong> Ada Lovelace et Bob Kahn ont rejoint Atelier</p>")
            .count(),
        1,
        "{page}"
    );
    assert!(!page.contains("Bob Kahn a rejoint"), "{page}");
    for newcomer in [&ada, &bob] {
        let own = text(app.get(newcomer, "/notifications").await).await;
        assert!(!own.contains("rejoint Atelier"), "{own}");
    }
    assert_eq!(app.store.pending_jobs().await.unwrap(), 0);
    app.shutdown().await;
}

#[tokio::test]
async fn an_arrival_is_told_to_every_member_of_a_community_larger_than_a_batch() {
    let app = TestApp::new().await;
    create_community(&app, "grand", "Grand Groupe", "open").await;
    let mut members = Vec::new();
    for n in 1..=5 {
        let address = format!("membre{n}@example.org");
        let client = app.member(&format!("Membre {n}"), &address).await;
        let joined = app.post_form(&client, "/c/grand/join", &[]).await;
        assert_eq!(joined.status(), StatusCode::SEE_OTHER, "{address}");
        members.push((client, address));
    }
    // The second member keeps every kind by email but arrivals.
    let kept = [
        ("email", "community_departure"),
        ("email", "join_request_decided"),
        ("email", "join_request_waiting"),
        ("email", "excluded_from_community"),
        ("language", "fr"),
    ];
    let saved = app
        .post_form(&members[1].0, "/account/notifications", &kept)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(
        crate::support::ARRIVAL_BATCH.get() < 5,
        "more members than one batch tells"
    );

    let nina = app.member("Nina Nouvelle", "nina@example.org").await;
    let joined = app.post_form(&nina, "/c/grand/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let emails = app.emails().await;
    let mut told: Vec<&str> = emails
        .iter()
        .filter(|email| email.subject == "Nina Nouvelle rejoint Grand Groupe")
        .map(|email| email.to.as_str())
        .collect();
    told.sort_unstable();
    assert_eq!(
        told,
        [
            "membre1@example.org",
            "membre3@example.org",
            "membre4@example.org",
            "membre5@example.org"
        ],
        "one email each, but to the member who turned arrival emails off and to Nina"
    );
    for (client, address) in &members {
        let page = text(app.get(client, "/notifications").await).await;
        assert_eq!(
            page.matches("</strong> Nina Nouvelle a rejoint Grand Groupe</p>")
                .count(),
            1,
            "{address} is told in the app once: {page}"
        );
    }
    let own = text(app.get(&nina, "/notifications").await).await;
    assert!(
        !own.contains("Nina Nouvelle a rejoint"),
        "not told of her own arrival: {own}"
    );
    assert_eq!(
        app.store.pending_jobs().await.unwrap(),
        0,
        "every batch ran"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_api_lists_and_marks_ones_own_notifications() {
    let app = TestApp::new().await;
    create_community(&app, "patterns", "Groupe Patterns", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "patterns", "rozenn@example.org", "pilot").await;
    let yann = app.member("Yann Nouveau", "yann@example.org").await;
    app.post_form(&yann, "/c/patterns/join", &[]).await;
    // The worker tells the members of Yann's arrival.
    app.deliver().await;
    let token = crate::admission::api_token(&app, &rozenn, "read_write").await;
    let read_only = crate::admission::api_token(&app, &rozenn, "read").await;
    let others = crate::admission::api_token(&app, &yann, "read_write").await;
    let api = reqwest::Client::new();

    let inbox: serde_json::Value = api
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&read_only)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(inbox["unread"], 1);
    let first = &inbox["notifications"][0];
    assert_eq!(first["kind"], "community_arrival");
    assert_eq!(first["text"], "Yann Nouveau a rejoint Groupe Patterns");
    assert_eq!(first["link"], app.url("/c/patterns"));
    assert!(first["read_at"].is_null());
    let id = first["id"].as_i64().unwrap();
    let read = |token: &str, id: i64| {
        api.post(app.url(&format!("/api/v1/notifications/{id}/read")))
            .bearer_auth(token.to_owned())
            .send()
    };

    assert_eq!(
        read(&read_only, id).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let theirs = read(&others, id).await.unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(theirs.headers()["content-type"], "application/problem+json");
    assert_eq!(
        read(&token, id).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let inbox: serde_json::Value = api
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(inbox["unread"], 0);
    assert!(inbox["notifications"][0]["read_at"].is_i64());
    let unauthenticated = api
        .get(app.url("/api/v1/notifications"))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    let document = api
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(document.contains("/api/v1/notifications/{id}/read"));
    app.shutdown().await;
}

#[tokio::test]
async fn the_api_marks_everything_read_and_saves_the_preferences_the_page_shows() {
    let app = TestApp::new().await;
    create_community(&app, "patterns", "Groupe Patterns", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "patterns", "rozenn@example.org", "pilot").await;
    let yann = app.member("Yann Nouveau", "yann@example.org").await;
    app.post_form(&yann, "/c/patterns/join", &[]).await;
    app.deliver().await;
    let token = crate::admission::api_token(&app, &rozenn, "read_write").await;
    let read_only = crate::admission::api_token(&app, &rozenn, "read").await;
    let api = reqwest::Client::new();
    let inbox = || async {
        api.get(app.url("/api/v1/notifications"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()
    };
    assert_eq!(inbox().await["unread"], 1);

    let refused = api
        .post(app.url("/api/v1/notifications/read-all"))
        .bearer_auth(&read_only)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(inbox().await["unread"], 1, "a refusal reads nothing");
    let done = api
        .post(app.url("/api/v1/notifications/read-all"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    assert_eq!(inbox().await["unread"], 0);

    let preferences = |token: String| {
        let api = api.clone();
        let url = app.url("/api/v1/me/notification-preferences");
        async move {
            api.get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let before = preferences(token.clone()).await;
    assert_eq!(before["language"], "fr");
    let wrong = api
        .put(app.url("/api/v1/me/notification-preferences"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"language": "fr", "email": ["no_such_kind"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        preferences(token.clone()).await,
        before,
        "a refusal saves nothing"
    );
    let saved = api
        .put(app.url("/api/v1/me/notification-preferences"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"language": "en", "email": ["join_request_decided"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    let after = preferences(token.clone()).await;
    assert_eq!(after["language"], "en");
    assert_eq!(after["email"], serde_json::json!(["join_request_decided"]));
    // The page shows what the API saved, in the language chosen.
    let page = app
        .get(&rozenn, "/account/notifications")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("lang=\"en\""), "{page}");
    app.shutdown().await;
}

#[tokio::test]
async fn reviewers_requesters_leaders_and_the_excluded_are_told() {
    let app = TestApp::new().await;
    create_community(&app, "infra", "Infra", "request").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    let yann = app.member("Yann Nouveau", "yann@example.org").await;

    let asked = app
        .post_form(&yann, "/c/infra/join", &[("motivation", "J'héberge.")])
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert!(
        page.contains("Yann Nouveau demande à rejoindre Infra.")
            && page.contains("href=\"/c/infra/requests\""),
        "{page}"
    );
    let email = app.emails_to("rozenn@example.org").await.pop().unwrap();
    assert_eq!(email.subject, "Yann Nouveau demande à rejoindre Infra");
    assert!(email.body.contains("/c/infra/requests"), "{}", email.body);

    let queue = text(app.get(&rozenn, "/c/infra/requests").await).await;
    let request = queue
        .split("action=\"/join-requests/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let decided = app
        .post_form(
            &rozenn,
            &format!("/join-requests/{request}/decision"),
            &[("verdict", "accept"), ("reason", "Bienvenue !")],
        )
        .await;
    assert_eq!(decided.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&yann, "/notifications").await).await;
    assert!(
        page.contains("Votre demande pour rejoindre Infra a été acceptée."),
        "{page}"
    );

    let excluded = app
        .post_form(
            &app.admin().await,
            "/c/infra/exclusions",
            &[("email", "yann@example.org"), ("reason", "Démarchage")],
        )
        .await;
    assert_eq!(excluded.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&yann, "/notifications").await).await;
    assert!(
        page.contains("Vous avez été exclu·e de Infra : Démarchage"),
        "{page}"
    );

    create_community(&app, "patterns", "Patterns", "open").await;
    appoint(&app, "patterns", "rozenn@example.org", "animator").await;
    let olivier = app.member("Olivier Passant", "olivier@example.org").await;
    app.post_form(&olivier, "/c/patterns/join", &[]).await;
    let left = app.post_form(&olivier, "/c/patterns/leave", &[]).await;
    assert_eq!(left.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&rozenn, "/notifications").await).await;
    assert!(page.contains("Olivier Passant a quitté Patterns"), "{page}");
    app.shutdown().await;
}

#[tokio::test]
async fn the_webhook_form_refuses_internal_addresses_and_accepts_a_public_one() {
    let app = TestApp::new().await;
    create_community(&app, "infra", "Infra & Services", "open").await;
    let rozenn = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    let olivier = app.member("Olivier Membre", "olivier@example.org").await;
    let admin = app.admin().await;

    assert!(
        text(app.get(&admin, "/c/infra").await)
            .await
            .contains("href=\"/c/infra/webhook\"")
    );
    assert_eq!(
        app.get(&olivier, "/c/infra/webhook").await.status(),
        StatusCode::NOT_FOUND,
        "only those who manage the content"
    );
    let by_member = app
        .post_form(
            &olivier,
            "/c/infra/webhook",
            &[
                ("kind", "slack"),
                ("url", "https://hooks.slack.com/services/T/B/X"),
            ],
        )
        .await;
    assert_eq!(by_member.status(), StatusCode::NOT_FOUND);

    let https_only = "L'adresse du webhook doit commencer par https://.";
    let private = "Cette adresse mène à cette machine ou à un réseau privé : saisissez l'adresse publique du service de messagerie.";
    for (url, message) in [
        ("http://hooks.slack.com/services/T000/B000/XXXX", https_only),
        ("https://127.0.0.1/", private),
        ("https://10.0.0.1/", private),
        ("https://[::1]/", private),
        ("https://localhost/", private),
        ("https://169.254.169.254/latest/meta-data/", private),
    ] {
        let refused = app
            .post_form(
                &rozenn,
                "/c/infra/webhook",
                &[("kind", "slack"), ("url", url)],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let page = text(refused).await;
        assert!(
            page.contains(&format!(
                "<p class=\"field-error\" id=\"url-error\">{message}</p>"
            )),
            "{url}: {page}"
        );
        assert!(page.contains("aria-describedby=\"url-error\""));
        assert!(page.contains(&format!("value=\"{url}\"")), "kept: {page}");
    }
    let unknown = app
        .post_form(
            &rozenn,
            "/c/infra/webhook",
            &[
                ("kind", "discord"),
                ("url", "https://discord.com/api/webhooks/1"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(unknown)
            .await
            .contains("Choisissez Slack, Mattermost ou Matrix.")
    );
    assert!(app.store.pending_jobs().await.unwrap() == 0);

    let saved = app
        .post_form(
            &rozenn,
            "/c/infra/webhook",
            &[
                ("kind", "slack"),
                ("url", "https://hooks.slack.com/services/T000/B000/XXXX"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&saved), "/c/infra/webhook");
    let page = text(app.get(&admin, "/c/infra/webhook").await).await;
    assert!(
        page.contains("Publication vers https://hooks.slack.com/… (Slack).")
            && !page.contains("XXXX"),
        "the secret path is not shown back: {page}"
    );

    // An arrival now also posts to the webhook, enqueued with the emails.
    let joined = app.post_form(&olivier, "/c/infra/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.pending_jobs().await.unwrap(),
        2,
        "Rozenn's email and the webhook's post"
    );

    let removed = app.post_form(&rozenn, "/c/infra/webhook/remove", &[]).await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&rozenn, "/c/infra/webhook").await).await;
    assert!(page.contains("Aucun webhook n'est défini."), "{page}");
    app.shutdown().await;
}
