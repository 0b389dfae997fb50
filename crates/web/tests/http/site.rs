//! The public site (seeds 000 and 001): its pages in French and English,
//! who may edit them, "ask to be listed" and its moderation, uploaded logos,
//! and the communities directory's filters.

use std::time::Duration;

use cercle_core::site::pages::AdopterStatus;
use cercle_web::{Quota, RateLimits};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::register::grant;
use crate::support::TestApp;
use crate::{location, pay_dues, text};

/// A page as a reader of `language` sees it, with its status.
async fn page_in(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    language: &str,
) -> (StatusCode, String) {
    let response = client
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .expect("the server answers");
    (response.status(), text(response).await)
}

async fn posted(app: &TestApp, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) {
    let response = app.post_form(client, path, form).await;
    let status = response.status();
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "{path}: {}",
        text(response).await
    );
}

/// A PNG signature and header declaring `width` × `height`, padded to `size`
/// bytes.
pub(crate) fn png(width: u32, height: u32, size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0]);
    bytes.resize(size.max(bytes.len()), 0);
    bytes
}

const SVG_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" fill="#009e89"/></svg>"##;

/// Sends the "ask to be listed" form, with a logo when one is given.
async fn ask(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    logo: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new()
        .text("name", name.to_owned())
        .text("category", "public_body")
        .text("text", "Via le partenariat GeoBretagne")
        .text("link", "https://geobretagne.fr")
        .text("email", "sig@bretagne.example");
    form = match logo {
        Some((file_name, bytes)) => {
            form.part("logo", Part::bytes(bytes).file_name(file_name.to_owned()))
        }
        None => form.part("logo", Part::bytes(Vec::new()).file_name("")),
    };
    client
        .post(app.url("/who-uses-it/ask"))
        .multipart(form)
        .send()
        .await
        .expect("the server answers")
}

/// What an administrator writes on the settings form.
fn settings_form<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("welcome_fr", "Bienvenue sur la page de la **Communauté** !"),
        ("welcome_en", "Welcome to the **Community** page!"),
        ("rules_fr", "Seuls des individus peuvent être affiliés."),
        ("rules_en", "Only individuals may be affiliated."),
        ("code_of_conduct_fr", "Soyez bienveillant et courtois."),
        ("code_of_conduct_en", "Be kind and courteous."),
        ("chatham_fr", "Toutes les discussions du canal Slack."),
        ("chatham_en", ""),
        (
            "developers_fr",
            "La liste des commiters n'offre qu'un aperçu.",
        ),
        (
            "developers_en",
            "The list of committers only gives a glimpse.",
        ),
        ("help_fr", "N'hésitez pas à nous joindre."),
        ("help_en", "Feel free to reach us."),
        (
            "steering_note_fr",
            "Aucun support ne sera fourni à cette adresse.",
        ),
        ("steering_note_en", "No support is given at this address."),
        ("free_participation", "on"),
        (
            "licence_name",
            "Creative Commons Attribution-ShareAlike 4.0 International",
        ),
        (
            "licence_url",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        ("steering_email", "psc@georchestra.org"),
    ]
}

/// Fills every page through the administrator's forms.
async fn fill_the_site(app: &TestApp, admin: &reqwest::Client) {
    posted(app, admin, "/admin/site", &settings_form()).await;
    posted(
        app,
        admin,
        "/admin/site/cards",
        &[
            ("tag", "hand"),
            ("title_fr", "Rencontrer la communauté"),
            ("title_en", "Meet the community"),
            ("text_fr", "Dites bonjour dans le canal #general."),
            ("text_en", "Say hello in the #general channel."),
            ("link", "/communities"),
        ],
    )
    .await;
    let soon = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(10)
        .to_string();
    let past = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(-10)
        .to_string();
    for (title, day) in [("Forum annuel", &soon), ("Assemblée passée", &past)] {
        posted(
            app,
            admin,
            "/admin/site/highlights",
            &[("title_fr", title), ("starts_on", day)],
        )
        .await;
    }
    posted(
        app,
        admin,
        "/admin/site/bodies",
        &[
            ("title_fr", "Conseil d'administration"),
            ("title_en", "Board"),
        ],
    )
    .await;
    let board = app
        .store
        .site_entries(cercle_core::site::pages::Section::Bodies)
        .await
        .unwrap()[0]
        .id
        .0
        .to_string();
    posted(
        app,
        admin,
        "/admin/site/members",
        &[
            ("parent", board.as_str()),
            ("title_fr", "Jeanne Martin"),
            ("text_fr", "Présidente"),
            ("text_en", "Chair"),
            ("starts_on", "2025-06-01"),
            ("ends_on", "2027-06-01"),
        ],
    )
    .await;
    posted(
        app,
        admin,
        "/admin/site/contributors",
        &[
            ("title_fr", "Priya Raman"),
            ("text_fr", "Relit les contributions."),
            ("text_en", "Reviews contributions."),
        ],
    )
    .await;
    for (kind, label, link) in [
        (
            "irc",
            "#georchestra",
            "https://kiwiirc.com/client/irc.libera.chat/georchestra",
        ),
        (
            "mailing_list",
            "georchestra-dev@googlegroups.com",
            "https://groups.google.com/g/georchestra-dev",
        ),
    ] {
        posted(
            app,
            admin,
            "/admin/site/help",
            &[("tag", kind), ("title_fr", label), ("link", link)],
        )
        .await;
    }
}

#[tokio::test]
async fn every_page_shows_the_readers_language_or_else_the_other() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    fill_the_site(&app, &admin).await;
    let visitor = app.client();

    let checks: [(&str, &[&str], &[&str]); 6] = [
        (
            "/",
            &[
                "<strong>Communauté</strong>",
                "Rencontrer la communauté",
                "Forum annuel",
            ],
            &[
                "<strong>Community</strong>",
                "Meet the community",
                "Forum annuel",
            ],
        ),
        (
            "/how-we-work",
            &[
                "Seuls des individus",
                "La participation est gratuite.",
                "Le contenu est mis à disposition sous la licence",
                "https://creativecommons.org/licenses/by-sa/4.0/",
                "Soyez bienveillant",
                "Toutes les discussions du canal Slack.",
            ],
            &[
                "Only individuals may be affiliated.",
                "Taking part is free.",
                "Content is shared under the licence",
                "Be kind and courteous.",
                // Written in French only: the English reader gets it too.
                "Toutes les discussions du canal Slack.",
            ],
        ),
        (
            "/governance",
            &[
                "Conseil d'administration",
                "Jeanne Martin</strong> — Présidente",
                "du 1er juin 2025 au 1er juin 2027",
            ],
            &[
                "Board",
                "Jeanne Martin</strong> — Chair",
                "from 1 June 2025 to 1 June 2027",
            ],
        ),
        (
            "/who-uses-it",
            &["Qui l'utilise", "Demander à figurer ici"],
            &["Who uses it", "Ask to be listed"],
        ),
        (
            "/who-develops",
            &[
                "La liste des commiters",
                "Priya Raman",
                "Relit les contributions.",
            ],
            &[
                "The list of committers",
                "Priya Raman",
                "Reviews contributions.",
            ],
        ),
        (
            "/help",
            &[
                "N'hésitez pas",
                "#georchestra",
                "(IRC)",
                "Listes de discussion",
                "georchestra-dev@googlegroups.com",
                "psc@georchestra.org",
                "Aucun support ne sera fourni à cette adresse.",
            ],
            &[
                "Feel free to reach us.",
                "Mailing lists",
                "No support is given at this address.",
            ],
        ),
    ];
    for (path, french, english) in checks {
        for (language, expected) in [("fr", french), ("en", english)] {
            let (status, page) = page_in(&app, &visitor, path, language).await;
            assert_eq!(status, StatusCode::OK, "{path} in {language}");
            for part in expected {
                assert!(
                    page.contains(part),
                    "{path} in {language} lacks {part:?}: {page}"
                );
            }
        }
    }
    let (_, home) = page_in(&app, &visitor, "/", "fr").await;
    assert!(
        !home.contains("Assemblée passée"),
        "past highlights are no longer shown"
    );
    let (_, help) = page_in(&app, &visitor, "/help", "en").await;
    assert!(
        !help.contains("Aucun support"),
        "the English text is shown to English readers"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_site_is_edited_and_moderated_through_the_api() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Marc Membre", "marc@example.org").await;
    let moderator = app.member("Fanny Modératrice", "fanny@example.org").await;
    grant(&app, &admin, "fanny@example.org", &["moderator"]).await;
    let admin_token = crate::admission::api_token(&app, &admin, "read_write").await;
    let admin_reader = crate::admission::api_token(&app, &admin, "read").await;
    let member_token = crate::admission::api_token(&app, &member, "read_write").await;
    let moderator_token = crate::admission::api_token(&app, &moderator, "read_write").await;
    let call = |method: reqwest::Method, path: String, token: String, body: serde_json::Value| {
        let url = app.url(&path);
        async move {
            reqwest::Client::new()
                .request(method, url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let cards = || async {
        app.store
            .site_entries(cercle_core::site::pages::Section::Cards)
            .await
            .unwrap()
    };

    let card = serde_json::json!({"tag": "key", "title_fr": "Rejoindre un groupe de travail", "title_en": "Join a working group"});
    for (token, status) in [
        (&admin_reader, StatusCode::FORBIDDEN),
        (&member_token, StatusCode::NOT_FOUND),
    ] {
        let refused = call(
            reqwest::Method::POST,
            "/api/v1/site/sections/cards/entries".into(),
            token.clone(),
            card.clone(),
        )
        .await;
        assert_eq!(refused.status(), status);
    }
    let nowhere = call(
        reqwest::Method::POST,
        "/api/v1/site/sections/attic/entries".into(),
        admin_token.clone(),
        card.clone(),
    )
    .await;
    assert_eq!(nowhere.status(), StatusCode::NOT_FOUND);
    assert!(cards().await.is_empty(), "a refusal adds nothing");
    let created = call(
        reqwest::Method::POST,
        "/api/v1/site/sections/cards/entries".into(),
        admin_token.clone(),
        card,
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let home = text(app.get(&app.client(), "/").await).await;
    assert!(home.contains("Rejoindre un groupe de travail"), "{home}");
    let entry = format!("/api/v1/site/sections/cards/entries/{id}");
    let renamed = serde_json::json!({"tag": "key", "title_fr": "Rejoindre un groupe", "title_en": "Join a group"});
    let updated = call(
        reqwest::Method::PUT,
        entry.clone(),
        admin_token.clone(),
        renamed,
    )
    .await;
    assert_eq!(updated.status(), StatusCode::NO_CONTENT);
    assert_eq!(cards().await[0].fields.title.fr, "Rejoindre un groupe");
    let deleted = call(
        reqwest::Method::DELETE,
        entry,
        admin_token.clone(),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert!(cards().await.is_empty());

    // The settings form's fields, as JSON, with a new welcome.
    let mut settings = serde_json::Map::new();
    for (field, value) in settings_form() {
        settings.insert(field.to_owned(), value.into());
    }
    settings.insert("free_participation".into(), true.into());
    settings.insert(
        "welcome_fr".into(),
        "Bienvenue à la **Communauté** !".into(),
    );
    let settings = serde_json::Value::Object(settings);
    let refused = call(
        reqwest::Method::PUT,
        "/api/v1/site/settings".into(),
        member_token.clone(),
        settings.clone(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let saved = call(
        reqwest::Method::PUT,
        "/api/v1/site/settings".into(),
        admin_token.clone(),
        settings,
    )
    .await;
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    let home = text(app.get(&app.client(), "/").await).await;
    assert!(
        home.contains("Bienvenue à la <strong>Communauté</strong> !"),
        "{home}"
    );

    assert_eq!(
        ask(&app, &app.client(), "Région Bretagne", None)
            .await
            .status(),
        StatusCode::OK
    );
    let adopter = app.store.adopters(AdopterStatus::Pending).await.unwrap()[0]
        .id
        .0;
    let decision = format!("/api/v1/adopters/{adopter}/decision");
    let by_member = call(
        reqwest::Method::POST,
        decision.clone(),
        member_token.clone(),
        serde_json::json!({"verdict": "approve"}),
    )
    .await;
    assert_eq!(by_member.status(), StatusCode::NOT_FOUND);
    let unknown = call(
        reqwest::Method::POST,
        decision.clone(),
        moderator_token.clone(),
        serde_json::json!({"verdict": "perhaps"}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let listed = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(
        !listed.contains("Région Bretagne"),
        "not before a moderator approves"
    );
    let approved = call(
        reqwest::Method::POST,
        decision,
        moderator_token.clone(),
        serde_json::json!({"verdict": "approve"}),
    )
    .await;
    assert_eq!(approved.status(), StatusCode::NO_CONTENT);
    let listed = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(listed.contains("Région Bretagne"), "{listed}");

    // The forms that carry a file take the same multipart body in the API.
    let adopter = |logo: Vec<u8>| {
        Form::new()
            .text("name", "Rennes Métropole")
            .text("category", "public_body")
            .text("text", "Via GeoBretagne")
            .text("link", "https://metropole.rennes.fr")
            .text("email", "sig@rennes.example")
            .part("logo", Part::bytes(logo).file_name("logo.png"))
    };
    let not_an_image = reqwest::Client::new()
        .post(app.url("/api/v1/adopters"))
        .multipart(adopter(b"not an image".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(not_an_image.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let pending = || async { app.store.adopters(AdopterStatus::Pending).await.unwrap() };
    assert!(pending().await.is_empty(), "a refused logo adds nobody");
    let asked = reqwest::Client::new()
        .post(app.url("/api/v1/adopters"))
        .multipart(adopter(png(200, 100, 2000)))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    assert_eq!(pending().await[0].fields.name.as_str(), "Rennes Métropole");

    let logo = |token: String| {
        let url = app.url("/api/v1/site/logo");
        async move {
            let form = Form::new().part(
                "logo",
                Part::bytes(SVG_LOGO.as_bytes().to_vec()).file_name("logo.svg"),
            );
            reqwest::Client::new()
                .put(url)
                .bearer_auth(token)
                .multipart(form)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(logo(member_token.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(logo(admin_reader.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(app.store.site_settings().await.unwrap().logo, None);
    assert_eq!(logo(admin_token.clone()).await, StatusCode::NO_CONTENT);
    let id = app
        .store
        .site_settings()
        .await
        .unwrap()
        .logo
        .expect("a logo")
        .0;
    let home = text(app.get(&app.client(), "/").await).await;
    assert!(home.contains(&format!("src=\"/images/{id}\"")), "{home}");
    app.shutdown().await;
}

#[tokio::test]
async fn only_administrators_edit_the_site_and_every_edit_is_audited() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Marc Membre", "marc@example.org").await;
    let moderator = app.member("Fanny Modératrice", "fanny@example.org").await;
    grant(&app, &admin, "fanny@example.org", &["moderator"]).await;
    posted(
        &app,
        &admin,
        "/admin/site/cards",
        &[
            ("tag", "key"),
            ("title_fr", "Rejoindre un groupe de travail"),
        ],
    )
    .await;
    let card = app
        .store
        .site_entries(cercle_core::site::pages::Section::Cards)
        .await
        .unwrap()[0]
        .id
        .0;

    let editing: Vec<(&str, &str)> = cercle_web::site_routes()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/admin/"))
        .collect();
    assert!(editing.len() >= 7, "{editing:?}");
    for (method, path) in editing {
        let path = path
            .replace("{section}", "cards")
            .replace("{id}", &card.to_string());
        for (who, client) in [
            ("anonymous", &app.client()),
            ("member", &member),
            ("moderator", &moderator),
        ] {
            let response = match method {
                "get" => app.get(client, &path).await,
                _ if path == "/admin/site/logo" => {
                    let form = Form::new().part(
                        "logo",
                        Part::bytes(SVG_LOGO.as_bytes().to_vec()).file_name("logo.svg"),
                    );
                    client
                        .post(app.url(&path))
                        .multipart(form)
                        .send()
                        .await
                        .unwrap()
                }
                _ => {
                    app.post_form(client, &path, &[("title_fr", "Détournée"), ("tag", "key")])
                        .await
                }
            };
            assert_eq!(
                response.status(),
                StatusCode::NOT_FOUND,
                "{method} {path} as {who}"
            );
        }
    }
    let cards = app
        .store
        .site_entries(cercle_core::site::pages::Section::Cards)
        .await
        .unwrap();
    assert_eq!(cards.len(), 1, "nothing was created, changed or deleted");
    assert_eq!(cards[0].fields.title.fr, "Rejoindre un groupe de travail");
    assert_eq!(app.store.site_settings().await.unwrap().logo, None);

    let (status, page) = page_in(&app, &admin, "/admin/site", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"),
        "the default licence is offered: {page}"
    );
    posted(&app, &admin, "/admin/site", &settings_form()).await;
    let path = format!("/admin/site/cards/{card}");
    posted(
        &app,
        &admin,
        &path,
        &[
            ("tag", "people"),
            ("title_fr", "Rejoindre un groupe"),
            ("link", "/communities"),
        ],
    )
    .await;
    let logo = Form::new().part(
        "logo",
        Part::bytes(SVG_LOGO.as_bytes().to_vec()).file_name("logo.svg"),
    );
    let uploaded = admin
        .post(app.url("/admin/site/logo"))
        .multipart(logo)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    posted(&app, &admin, &format!("{path}/delete"), &[]).await;
    let log = app.store.audit_log(5).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "site.entry_deleted",
            "site.logo_changed",
            "site.entry_updated",
            "site.settings_saved",
            "site.entry_created",
        ]
    );

    let home = text(app.get(&app.client(), "/").await).await;
    let logo = app.store.site_settings().await.unwrap().logo.unwrap().0;
    assert!(home.contains(&format!("src=\"/images/{logo}\"")), "{home}");
    let image = app.get(&app.client(), &format!("/images/{logo}")).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/svg+xml");
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    let policy = image.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains("default-src 'none'") && policy.contains("sandbox"),
        "{policy}"
    );

    let refused = app
        .post_form(
            &admin,
            "/admin/site/cards",
            &[
                ("tag", "hand"),
                ("title_fr", "Piège"),
                ("link", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(
        page.contains(
            "Saisissez une adresse web (https://…), un chemin sur ce site (/…) ou mailto: suivi d'une adresse."
        ) && page.contains("aria-describedby=\"new-link-error\""),
        "{page}"
    );
    let bad_term = app
        .post_form(
            &admin,
            "/admin/site/members",
            &[
                ("parent", "999999"),
                ("title_fr", "Nulle part"),
                ("starts_on", "2025-06-01"),
            ],
        )
        .await;
    assert_eq!(bad_term.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .site_entries(cercle_core::site::pages::Section::Cards)
            .await
            .unwrap()
            .is_empty()
            && app
                .store
                .site_entries(cercle_core::site::pages::Section::Members)
                .await
                .unwrap()
                .is_empty(),
        "refused forms change nothing"
    );
    app.shutdown().await;
}

const CANARY: &str = "CANARY-ADOPTER-4e1b";

#[tokio::test]
async fn a_submission_shows_nowhere_until_a_moderator_approves_it() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Marc Membre", "marc@example.org").await;
    let moderator = app.member("Fanny Modératrice", "fanny@example.org").await;
    grant(&app, &admin, "fanny@example.org", &["moderator"]).await;
    let visitor = app.client();

    let form = app.get(&visitor, "/who-uses-it/ask").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(text(form).await.contains("enctype=\"multipart/form-data\""));
    let sent = ask(
        &app,
        &visitor,
        &format!("Région {CANARY}"),
        Some(("logo.png", png(200, 100, 2000))),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::OK);
    assert!(text(sent).await.contains("Une personne de la modération"));
    let pending = app.store.adopters(AdopterStatus::Pending).await.unwrap();
    assert_eq!(pending.len(), 1, "it waits");
    let logo = pending[0].logo.unwrap().0;

    let public_pages = [
        "/",
        "/who-uses-it",
        "/who-uses-it/ask",
        "/how-we-work",
        "/governance",
        "/who-develops",
        "/help",
        "/communities",
    ];
    for (who, client) in [("visitor", &visitor), ("member", &member)] {
        for path in public_pages {
            let body = text(app.get(client, path).await).await;
            assert!(!body.contains(CANARY), "{path} shows it to the {who}");
        }
        for path in ["/moderation/adopters".to_owned(), format!("/images/{logo}")] {
            let response = app.get(client, &path).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path} as {who}");
        }
    }
    let queue = text(app.get(&moderator, "/moderation/adopters").await).await;
    assert!(
        queue.contains(CANARY) && queue.contains("sig@bretagne.example"),
        "{queue}"
    );
    let preview = app.get(&moderator, &format!("/images/{logo}")).await;
    assert_eq!(preview.status(), StatusCode::OK, "moderators see the logo");
    assert_eq!(preview.headers()["cache-control"], "private, no-store");

    let id = pending[0].id.0;
    posted(
        &app,
        &moderator,
        &format!("/moderation/adopters/{id}"),
        &[("verdict", "approve")],
    )
    .await;
    for language in ["fr", "en"] {
        let (_, page) = page_in(&app, &visitor, "/who-uses-it", language).await;
        assert!(page.contains(CANARY), "{page}");
        assert!(page.contains(&format!("src=\"/images/{logo}\"")), "{page}");
        assert!(
            page.contains("Via le partenariat GeoBretagne"),
            "written in French, shown to all: {page}"
        );
        assert!(page.contains(if language == "fr" {
            "Organisme public"
        } else {
            "Public body"
        }));
    }
    assert!(
        !text(app.get(&visitor, "/who-uses-it").await)
            .await
            .contains("sig@bretagne.example"),
        "the contact address stays with the moderators"
    );
    let image = app.get(&visitor, &format!("/images/{logo}")).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap().len(), 2000);

    let spam = ask(&app, &visitor, "Spam SARL", None).await;
    assert_eq!(spam.status(), StatusCode::OK);
    let spam = app.store.adopters(AdopterStatus::Pending).await.unwrap()[0]
        .id
        .0;
    posted(
        &app,
        &moderator,
        &format!("/moderation/adopters/{spam}"),
        &[("verdict", "refuse")],
    )
    .await;
    assert!(
        app.store
            .adopters(AdopterStatus::Pending)
            .await
            .unwrap()
            .is_empty()
    );
    let by_member = app
        .post_form(
            &member,
            &format!("/moderation/adopters/{id}"),
            &[("verdict", "remove")],
        )
        .await;
    assert_eq!(by_member.status(), StatusCode::NOT_FOUND);
    let log = app.store.audit_log(4).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "adopter.refused",
            "adopter.submitted",
            "adopter.approved",
            "adopter.submitted"
        ]
    );
    app.shutdown().await;
}

#[tokio::test]
async fn refused_logos_say_why_and_change_nothing() {
    let app = TestApp::new().await;
    let visitor = app.client();
    let script = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>"#;
    let onload = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><rect width="1" height="1"/></svg>"#;
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "logo.svg",
            png(120, 60, 500),
            "Le nom du fichier ne correspond pas à son contenu.",
        ),
        (
            "logo.svg",
            script.as_bytes().to_vec(),
            "Ce SVG contient un script",
        ),
        (
            "logo.svg",
            onload.as_bytes().to_vec(),
            "Ce SVG contient un script",
        ),
        (
            "logo.png",
            png(120, 60, 600 * 1024),
            "Le fichier dépasse 512 Ko.",
        ),
        (
            "notes.txt",
            b"Bonjour, voici notre logo.".to_vec(),
            "Le fichier n'est pas une image PNG, JPEG, WebP ou SVG.",
        ),
    ];
    for (file_name, bytes, message) in cases {
        let response = ask(&app, &visitor, "Région Bretagne", Some((file_name, bytes))).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{file_name}: {message}"
        );
        let page = text(response).await;
        assert!(page.contains(message), "{message}: {page}");
        assert!(
            page.contains("aria-describedby=\"logo-error\"")
                && page.contains("value=\"Région Bretagne\""),
            "next to the field, with the rest kept: {page}"
        );
    }
    let too_big = ask(
        &app,
        &visitor,
        "Région Bretagne",
        Some(("logo.png", png(120, 60, 3 * 1024 * 1024))),
    )
    .await;
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let missing = ask(&app, &visitor, "", Some(("logo.svg", SVG_LOGO.into()))).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(missing)
            .await
            .contains("Saisissez un nom de 1 à 150 caractères.")
    );

    assert!(
        app.store
            .adopters(AdopterStatus::Pending)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.store
            .audit_log(50)
            .await
            .unwrap()
            .iter()
            .all(|e| !e.action.starts_with("adopter.")),
        "nothing was written"
    );
    let form = app.get(&visitor, "/who-uses-it/ask").await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(
        app.get(&visitor, "/images/1").await.status() == StatusCode::NOT_FOUND,
        "no image was stored"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn a_representative_shows_their_member_organisation() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let representative = app
        .member("Stéphane Représentant", "stephane@terranis.example")
        .await;
    posted(
        &app,
        &admin,
        "/plans",
        &[
            ("name", "Entreprise"),
            ("holder", "organisation"),
            ("period", "yearly"),
            ("prices", "300"),
            ("currency", "EUR"),
        ],
    )
    .await;
    let created = app
        .post_form(
            &admin,
            "/organisations",
            &[
                ("name", "TerraNIS"),
                ("category", "company"),
                ("website", "https://terranis.fr"),
                ("description", "Services de géoinformation"),
            ],
        )
        .await;
    let organisation = location(&created).rsplit('/').next().unwrap().to_owned();
    posted(
        &app,
        &admin,
        &format!("/organisations/{organisation}/affiliations"),
        &[
            ("email", "stephane@terranis.example"),
            ("representative", "on"),
        ],
    )
    .await;
    let plan = app.store.plans().await.unwrap()[0].id.0.to_string();
    let holder = format!("organisation:{organisation}");
    let starts = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(-10)
        .to_string();
    posted(
        &app,
        &admin,
        "/memberships",
        &[
            ("holder", holder.as_str()),
            ("plan", plan.as_str()),
            ("starts_on", starts.as_str()),
        ],
    )
    .await;

    let page = text(app.get(&representative, "/who-uses-it").await).await;
    assert!(
        page.contains("TerraNIS ne figure pas sur cette page."),
        "{page}"
    );
    let showcase = format!("/organisations/{organisation}/showcase");
    let outsider = app.member("Nina Autre", "nina@example.org").await;
    let refused = app
        .post_form(&outsider, &showcase, &[("shown", "on")])
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    posted(&app, &representative, &showcase, &[("shown", "on")]).await;
    let page = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(
        page.contains("Entreprise")
            && page.contains("TerraNIS")
            && page.contains("Services de géoinformation"),
        "{page}"
    );
    posted(&app, &representative, &showcase, &[("shown", "off")]).await;
    let page = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(!page.contains("TerraNIS"), "{page}");

    // The same through the API.
    let api = format!("/api/v1/organisations/{organisation}/showcase");
    let outsider_token = crate::admission::api_token(&app, &outsider, "read_write").await;
    let token = crate::admission::api_token(&app, &representative, "read_write").await;
    let shown = serde_json::json!({"shown": true});
    let refused = crate::admission::send_json(
        &app,
        reqwest::Method::PUT,
        &api,
        &outsider_token,
        shown.clone(),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let page = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(!page.contains("TerraNIS"), "a refusal shows nothing");
    let done = crate::admission::send_json(&app, reqwest::Method::PUT, &api, &token, shown).await;
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    let page = text(app.get(&app.client(), "/who-uses-it").await).await;
    assert!(page.contains("TerraNIS"), "{page}");
    app.shutdown().await;
}

async fn listed(app: &TestApp, client: &reqwest::Client, query: &str) -> String {
    text(app.get(client, &format!("/communities{query}")).await).await
}

#[tokio::test]
async fn the_directory_filters_by_theme_and_by_what_is_open_to_me() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    for (slug, name, theme, visibility, access, adherents_only) in [
        (
            "patterns",
            "Groupe Patterns",
            "Bonnes pratiques",
            "public",
            "open",
            false,
        ),
        (
            "infra",
            "Infra et Services",
            "Infrastructures",
            "members_only",
            "request",
            true,
        ),
        (
            "bureau",
            "Cercle sur invitation",
            "Bonnes pratiques",
            "public",
            "invitation",
            false,
        ),
    ] {
        let mut form = crate::communities::community(slug, name, visibility, access);
        for field in &mut form {
            if field.0 == "theme" {
                field.1 = theme;
            }
        }
        if adherents_only {
            form.push(("adherents_only", "on"));
        }
        posted(&app, &admin, "/communities", &form).await;
    }
    let member = app.member("Marc Membre", "marc@example.org").await;
    let names = |page: &str| -> Vec<&str> {
        [
            "Groupe Patterns",
            "Infra et Services",
            "Cercle sur invitation",
        ]
        .into_iter()
        .filter(|name| page.contains(&format!(">{name}</a>")))
        .collect()
    };

    let page = listed(&app, &member, "?theme=Bonnes+pratiques").await;
    assert_eq!(names(&page), ["Groupe Patterns", "Cercle sur invitation"]);
    assert!(page.contains("<option value=\"Infrastructures\""), "{page}");
    let page = listed(&app, &member, "?open=on").await;
    assert_eq!(
        names(&page),
        ["Groupe Patterns"],
        "the rules refuse the non-adherent, invitations are not open: {page}"
    );
    assert!(
        page.contains("name=\"open\" value=\"on\" checked"),
        "{page}"
    );
    pay_dues(&app, &admin, "marc@example.org").await;
    let page = listed(&app, &member, "?open=on").await;
    assert_eq!(names(&page), ["Groupe Patterns", "Infra et Services"]);
    posted(
        &app,
        &member,
        "/c/patterns/join",
        &[("motivation", "J'écris des patterns.")],
    )
    .await;
    let page = listed(&app, &member, "?open=on&kind=community").await;
    assert_eq!(names(&page), ["Infra et Services"], "already in Patterns");
    let page = listed(&app, &app.client(), "?open=on").await;
    assert_eq!(
        names(&page),
        ["Groupe Patterns"],
        "a visitor could join what has no rules"
    );
    let page = listed(&app, &member, "?q=patterns&theme=Infrastructures").await;
    assert!(names(&page).is_empty(), "the filters add up: {page}");
    app.shutdown().await;
}

#[tokio::test]
async fn a_visitor_may_ask_to_be_listed_only_so_often() {
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
    let visitor = app.client();
    for name in ["Rennes Métropole", "Région Grand Est"] {
        assert_eq!(
            ask(&app, &visitor, name, None).await.status(),
            StatusCode::OK
        );
    }
    let third = ask(&app, &visitor, "Région Bretagne", None).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(
        app.store
            .adopters(AdopterStatus::Pending)
            .await
            .unwrap()
            .len(),
        2
    );
    // Sign-ups have the same quota, counted apart.
    app.member("Marc Membre", "marc@example.org").await;
    app.shutdown().await;
}

#[tokio::test]
async fn recorded_contributors_are_named_only_to_those_who_may_see_their_profile() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let open = app.member("Priya Publique", "priya@example.org").await;
    app.member("Paul Discret", "paul@example.org").await;
    posted(&app, &open, "/account/profile", &[("public", "on")]).await;
    for email in ["priya@example.org", "paul@example.org"] {
        let id = crate::communities::id_of(&app, email).await.0;
        let today =
            cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
                .to_string();
        posted(
            &app,
            &admin,
            &format!("/people/{id}/contributions"),
            &[
                ("kind", "development"),
                ("on", &today),
                ("note", "Relecture"),
            ],
        )
        .await;
    }
    let (_, page) = page_in(&app, &app.client(), "/who-develops", "fr").await;
    assert!(
        !page.contains("Priya Publique") && !page.contains("Paul Discret"),
        "a visitor sees no profile: {page}"
    );
    assert!(
        page.contains("Autres contributeurs et contributrices : 2"),
        "{page}"
    );
    let member = app.member("Marc Membre", "marc@example.org").await;
    let (_, page) = page_in(&app, &member, "/who-develops", "fr").await;
    assert!(page.contains("Priya Publique"), "{page}");
    assert!(page.contains("contributions : 1, la dernière le"), "{page}");
    assert!(!page.contains("Paul Discret"), "{page}");
    assert!(
        page.contains("Autres contributeurs et contributrices : 1"),
        "{page}"
    );
    app.shutdown().await;
}
