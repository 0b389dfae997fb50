//! The directory at scale: pages of twenty with their links, full-text
//! search, totals and themes that never count what the reader may not see,
//! and the home page's dozen.

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::text;

/// Creates a community as the administrator does on the directory.
async fn create(app: &TestApp, admin: &reqwest::Client, fields: &[(&str, &str)]) {
    let mut form: Vec<(&str, &str)> = [
        ("kind", "community"),
        ("visibility", "public"),
        ("access", "open"),
    ]
    .into_iter()
    .filter(|(field, _)| !fields.iter().any(|(given, _)| given == field))
    .collect();
    form.extend_from_slice(fields);
    let created = app.post_form(admin, "/communities", &form).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "{fields:?}");
}

/// The page as read, without the isolation marks Fluent puts around values.
async fn read(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    text(app.get(client, path).await)
        .await
        .replace(['\u{2068}', '\u{2069}'], "")
}

async fn groups(app: &TestApp, admin: &reqwest::Client, count: usize) {
    for n in 0..count {
        let slug = format!("groupe-{n:02}");
        let name = format!("Groupe {n:02}");
        create(
            app,
            admin,
            &[("slug", &slug), ("name", &name), ("theme", "Cloud")],
        )
        .await;
    }
}

#[tokio::test]
async fn the_directory_pages_by_twenty_keeping_the_filters() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    groups(&app, &admin, 23).await;
    let visitor = app.client();

    let first = read(&app, &visitor, "/communities").await;
    assert!(first.contains("Groupe 00") && first.contains("Groupe 19"));
    assert!(!first.contains("Groupe 20"), "twenty a page");
    assert!(first.contains("23 communautés correspondent."), "{first}");
    assert!(first.contains("Page 1 sur 2"));
    assert!(first.contains(r#"<a href="/communities?page=2" rel="next">Page suivante</a>"#));
    assert!(!first.contains("rel=\"prev\""));

    let second = read(&app, &visitor, "/communities?page=2").await;
    assert!(second.contains("Groupe 20") && second.contains("Groupe 22"));
    assert!(!second.contains("Groupe 19"));
    assert!(second.contains("Page 2 sur 2"));
    assert!(second.contains(r#"<a href="/communities?page=1" rel="prev">Page précédente</a>"#));
    assert!(!second.contains("rel=\"next\""));

    let filtered = read(
        &app,
        &visitor,
        "/communities?kind=community&theme=Cloud&q=groupe",
    )
    .await;
    assert!(
        filtered.contains(
            r#"href="/communities?q=groupe&kind=community&theme=Cloud&page=2" rel="next""#
        ),
        "the filters follow the page links: {filtered}"
    );
    let none = read(&app, &visitor, "/communities?kind=team").await;
    assert!(none.contains("Aucune communauté ne correspond.") && none.contains("Page 1 sur 1"));
    assert_eq!(
        app.get(&visitor, "/communities?page=0").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get(&visitor, "/communities?kind=club").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let api = app.get(&visitor, "/api/v1/communities?page=2").await;
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(api.headers()["x-total-count"], "23");
    assert_eq!(
        api.headers()["link"],
        r#"</api/v1/communities?page=1>; rel="prev""#
    );
    let listed: serde_json::Value = api.json().await.unwrap();
    let slugs: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["groupe-20", "groupe-21", "groupe-22"]);
    let first = app.get(&visitor, "/api/v1/communities?theme=Cloud").await;
    assert_eq!(
        first.headers()["link"],
        r#"</api/v1/communities?theme=Cloud&page=2>; rel="next""#
    );
    let refused = app.get(&visitor, "/api/v1/communities?page=x").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn search_finds_a_word_of_the_description() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    create(
        &app,
        &admin,
        &[
            ("slug", "jardins"),
            ("name", "Les mains vertes"),
            ("description", "Nous cultivons des **potagers** partagés."),
        ],
    )
    .await;
    create(&app, &admin, &[("slug", "infra"), ("name", "Infra")]).await;
    let visitor = app.client();
    for (query, found) in [
        ("potagers", true),
        ("Potag", true),
        ("cultivons potagers", true),
        ("cultivons infra", false),
        ("jardinage", false),
    ] {
        let page = read(&app, &visitor, &format!("/communities?q={query}")).await;
        assert_eq!(page.contains("Les mains vertes"), found, "{query}");
        assert!(!page.contains(">Infra<"), "{query}");
    }
    app.shutdown().await;
}

#[tokio::test]
async fn a_secret_community_is_never_counted_nor_its_theme_listed_for_outsiders() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    create(
        &app,
        &admin,
        &[("slug", "ouvert"), ("name", "Ouvert"), ("theme", "Cloud")],
    )
    .await;
    create(
        &app,
        &admin,
        &[
            ("slug", "bureau-secret"),
            ("name", "CANARY-SECRET-NAME"),
            ("theme", "CANARY-SECRET-THEME"),
            ("description", "Arbitrages budgétaires confidentiels."),
            ("visibility", "secret"),
        ],
    )
    .await;
    let member = app.member("Olivier Dehors", "olivier@example.org").await;
    for client in [&member, &app.client()] {
        for path in [
            "/communities",
            "/communities?q=budgétaires",
            "/communities?q=canary",
            "/communities?theme=CANARY-SECRET-THEME",
        ] {
            let page = read(&app, client, path).await;
            assert!(!page.contains("CANARY"), "{path}: {page}");
        }
        let all = read(&app, client, "/communities").await;
        assert!(all.contains("1 communautés correspondent."), "{all}");
        let searched = read(&app, client, "/communities?q=budgétaires").await;
        assert!(searched.contains("0 communautés correspondent."));
        let api = app.get(client, "/api/v1/communities").await;
        assert_eq!(api.headers()["x-total-count"], "1");
        let api = app.get(client, "/api/v1/communities?q=confidentiels").await;
        assert_eq!(api.headers()["x-total-count"], "0");
    }
    let seen = read(&app, &admin, "/communities?q=budgétaires").await;
    assert!(seen.contains("CANARY-SECRET-NAME") && seen.contains("1 communautés correspondent."));
    assert!(
        read(&app, &admin, "/communities")
            .await
            .contains("CANARY-SECRET-THEME")
    );
    app.shutdown().await;
}

#[tokio::test]
async fn the_home_page_shows_the_twelve_with_the_most_members() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    groups(&app, &admin, 14).await;
    let member = app.member("Maëlle Martin", "maelle@example.org").await;
    let joined = app.post_form(&member, "/c/groupe-13/join", &[]).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);

    let home = read(&app, &app.client(), "/").await;
    let shown: Vec<usize> = (0..14)
        .filter_map(|n| home.find(&format!(">Groupe {n:02}<")).map(|at| (at, n)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    assert_eq!(
        shown,
        [13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "twelve, the most members first, then by name"
    );
    assert!(home.contains(r#"<a href="/communities">Toutes les communautés</a>"#));
    app.shutdown().await;
}
