//! The HTTP test binary: every page and API route of the foundation, driven
//! through a real server as a browser or an API client would.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

mod support;

#[path = "http/admission.rs"]
mod admission;
#[path = "http/answer.rs"]
mod answer;
#[path = "http/communities.rs"]
mod communities;
#[path = "http/directory.rs"]
mod directory;
#[path = "http/events.rs"]
mod events;
#[path = "http/events_matrix.rs"]
mod events_matrix;
#[path = "http/governance.rs"]
mod governance;
#[path = "http/governance_api.rs"]
mod governance_api;
#[path = "http/governance_matrix.rs"]
mod governance_matrix;
#[path = "http/home.rs"]
mod home;
#[path = "http/joining.rs"]
mod joining;
#[path = "http/matrix.rs"]
mod matrix;
#[path = "http/notifications.rs"]
mod notifications;
#[path = "http/register.rs"]
mod register;
#[path = "http/site.rs"]
mod site;
#[path = "http/twins.rs"]
mod twins;

use std::time::Duration;

use cercle_core::kernel::email::EmailAddress;
use cercle_web::{Quota, RateLimits};
use reqwest::StatusCode;
use support::{PASSWORD, TestApp};

/// The body as a reader sees it: HTML escapes of text undone.
pub(crate) async fn text(response: reqwest::Response) -> String {
    let body = response.text().await.expect("a body");
    [
        ("&#39;", "'"),
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#60;", "<"),
        ("&lt;", "<"),
        ("&#62;", ">"),
        ("&gt;", ">"),
        ("&#38;", "&"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(body, |text, (entity, character)| {
        text.replace(entity, character)
    })
}

/// Makes `email` an adherent, as the treasurer does: a yearly personal plan
/// (created on first use), a membership that began ten days ago, and its
/// dues paid today. Answers the membership's id.
pub(crate) async fn pay_dues(app: &TestApp, admin: &reqwest::Client, email: &str) -> i64 {
    use cercle_core::kernel::date::Date;
    let plans = app.store.plans().await.unwrap();
    let plan = match plans
        .iter()
        .find(|p| p.fields.name.as_str() == "Individuel")
    {
        Some(plan) => plan.id.0,
        None => {
            let plan = [
                ("name", "Individuel"),
                ("holder", "person"),
                ("period", "yearly"),
                ("prices", "20"),
                ("currency", "EUR"),
            ];
            let created = app.post_form(admin, "/plans", &plan).await;
            assert_eq!(created.status(), StatusCode::SEE_OTHER, "the plan");
            app.store.plans().await.unwrap().last().unwrap().id.0
        }
    };
    let account = app
        .store
        .account_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .id;
    let holder = format!("person:{}", account.0);
    let (plan, starts) = (
        plan.to_string(),
        Date::of(cercle_core::kernel::time::Timestamp::now())
            .plus_days(-10)
            .to_string(),
    );
    let opened = app
        .post_form(
            admin,
            "/memberships",
            &[
                ("holder", holder.as_str()),
                ("plan", plan.as_str()),
                ("starts_on", starts.as_str()),
            ],
        )
        .await;
    assert_eq!(
        opened.status(),
        StatusCode::SEE_OTHER,
        "membership of {email}"
    );
    let membership: i64 = location(&opened)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let period = app
        .store
        .membership(cercle_core::register::dues::MembershipId(membership))
        .await
        .unwrap()
        .periods[0]
        .id
        .0
        .to_string();
    let today = Date::of(cercle_core::kernel::time::Timestamp::now()).to_string();
    let paid = app
        .post_form(
            admin,
            &format!("/memberships/{membership}/payments"),
            &[
                ("period", period.as_str()),
                ("amount", "20"),
                ("paid_on", today.as_str()),
                ("method", "transfer"),
            ],
        )
        .await;
    assert_eq!(paid.status(), StatusCode::SEE_OTHER, "dues of {email}");
    membership
}

pub(crate) fn location(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn first_visit_leads_to_setup_which_creates_the_administrator() {
    let app = TestApp::builder().not_set_up().build().await;
    let browser = app.client();

    let response = app.get(&browser, "/").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/setup");

    let form = [
        ("name", ""),
        ("language", "fr"),
        ("theme_colour", "vert"),
        ("display_name", "Rozenn"),
        ("email", "pas-une-adresse"),
        ("password", "court"),
    ];
    let response = app.post_form(&browser, "/setup", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(
        page.contains("Saisissez un nom de 1 à 120 caractères."),
        "{page}"
    );
    assert!(page.contains("Saisissez une couleur écrite #rrvvbb"));
    assert!(page.contains("Saisissez une adresse e-mail comme nom@exemple.org."));
    assert!(page.contains("Le mot de passe doit compter entre 10 et 128 caractères."));
    assert!(page.contains("aria-invalid=\"true\" aria-describedby=\"email-error\""));
    assert!(
        app.store.association().await.unwrap().is_none(),
        "a refused setup writes nothing"
    );

    let form = [
        ("name", "ADN Ouest"),
        ("language", "fr"),
        ("theme_colour", "#009E89"),
        ("display_name", "Rozenn Le Bihan"),
        ("email", "Rozenn@Example.org"),
        ("password", PASSWORD),
    ];
    let response = app.post_form(&browser, "/setup", &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );

    let home = text(app.get(&browser, "/").await).await;
    assert!(
        home.contains("ADN Ouest") && home.contains("Rozenn Le Bihan"),
        "signed in as the admin: {home}"
    );
    let admin = app
        .store
        .account_by_email(&EmailAddress::parse("rozenn@example.org").unwrap())
        .await
        .unwrap();
    assert!(admin.has_role(cercle_core::accounts::account::Role::Administrator));

    assert_eq!(
        app.get(&browser, "/setup").await.status(),
        StatusCode::NOT_FOUND
    );
    let again = app.post_form(&app.client(), "/setup", &form).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    let audit = text(app.get(&browser, "/admin/audit").await).await;
    assert!(audit.contains("instance.set_up"), "{audit}");
    app.shutdown().await;
}

#[tokio::test]
async fn sign_up_confirm_log_in_and_out() {
    let app = TestApp::new().await;
    let browser = app.client();
    let form = [
        ("display_name", "Priya Raman"),
        ("email", "Priya@Example.org"),
        ("password", PASSWORD),
    ];
    let response = browser
        .post(app.url("/signup"))
        .header("accept-language", "en-GB,en;q=0.9")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/signup/sent");
    let sent = browser
        .get(app.url("/signup/sent"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(text(sent).await.contains("Check your inbox"));

    let emails = app.emails_to("priya@example.org").await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    assert_eq!(emails[0].subject, "Confirm your address for ADN Test");
    let link = emails[0].link();
    assert!(link.starts_with(&app.url("/confirm/")), "{link}");

    let refused = app
        .post_form(
            &browser,
            "/login",
            &[("email", "priya@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(
        text(refused)
            .await
            .contains("Confirmez d'abord votre adresse"),
        "the instance's language before any choice"
    );
    let both = app.emails_to("priya@example.org").await;
    assert_eq!(both.len(), 2, "a fresh link is sent");
    assert!(
        both.iter()
            .all(|email| email.message_id.ends_with("@127.0.0.1>"))
    );
    assert_ne!(both[0].message_id, both[1].message_id);

    let confirmed = browser.get(&link).send().await.unwrap();
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(
        browser.get(&link).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "links are single-use"
    );

    let wrong = app
        .post_form(
            &browser,
            "/login",
            &[
                ("email", "priya@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(
        text(wrong)
            .await
            .contains("Adresse e-mail ou mot de passe incorrect.")
    );

    let response = app
        .post_form(
            &browser,
            "/login",
            &[
                ("email", "priya@example.org"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/account");
    let account = text(app.get(&browser, "/account").await).await;
    assert!(account.contains("priya@example.org"));

    let response = app.post_form(&browser, "/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = app.get(&browser, "/account").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/login?next=%2Faccount");
    app.shutdown().await;
}

#[tokio::test]
async fn answers_never_reveal_whether_an_email_has_an_account() {
    let app = TestApp::new().await;
    let _member = app.member("Yann Carré", "yann@example.org").await;
    let before = app.emails().await.len();

    let sign_up = |email: &'static str| {
        let app = &app;
        async move {
            let form = [
                ("display_name", "Someone"),
                ("email", email),
                ("password", PASSWORD),
            ];
            let response = app.post_form(&app.client(), "/signup", &form).await;
            (
                response.status(),
                location(&response).to_owned(),
                text(response).await,
            )
        }
    };
    let existing = sign_up("yann@example.org").await;
    let fresh = sign_up("nobody@example.org").await;
    assert_eq!(existing, fresh);

    let yann = app.emails_to("yann@example.org").await;
    assert_eq!(
        yann.last().unwrap().subject,
        "Tentative d'inscription sur ADN Test"
    );
    assert_eq!(app.emails().await.len(), before + 2);

    let forgot = |email: &'static str| {
        let app = &app;
        async move {
            let response = app
                .post_form(&app.client(), "/password/forgot", &[("email", email)])
                .await;
            (
                response.status(),
                location(&response).to_owned(),
                text(response).await,
            )
        }
    };
    assert_eq!(
        forgot("yann@example.org").await,
        forgot("ghost@example.org").await
    );
    assert!(app.emails_to("ghost@example.org").await.is_empty());

    let unknown = app
        .post_form(
            &app.client(),
            "/login",
            &[("email", "ghost@example.org"), ("password", PASSWORD)],
        )
        .await;
    let wrong = app
        .post_form(
            &app.client(),
            "/login",
            &[
                ("email", "yann@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), wrong.status());
    let unknown = text(unknown).await.replace("ghost@example.org", "EMAIL");
    assert_eq!(
        unknown,
        text(wrong).await.replace("yann@example.org", "EMAIL"),
        "the form echoes only the typed address"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn password_reset_ends_every_session() {
    let app = TestApp::new().await;
    let member = app.member("Maëlle Durand", "maelle@example.org").await;
    let response = app
        .post_form(
            &app.client(),
            "/password/forgot",
            &[("email", "maelle@example.org")],
        )
        .await;
    assert_eq!(location(&response), "/password/forgot/sent");
    let email = app.emails_to("maelle@example.org").await.pop().unwrap();
    assert_eq!(
        email.subject,
        "Réinitialisez votre mot de passe sur ADN Test"
    );
    let link = email.link();
    let path = link.trim_start_matches(&app.url(""));

    let stranger = app.client();
    assert_eq!(app.get(&stranger, path).await.status(), StatusCode::OK);
    let mismatch = app
        .post_form(
            &stranger,
            path,
            &[
                ("password", "a new password"),
                ("password_again", "another one!"),
            ],
        )
        .await;
    assert_eq!(mismatch.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(mismatch)
            .await
            .contains("Les deux mots de passe diffèrent.")
    );

    let done = app
        .post_form(
            &stranger,
            path,
            &[
                ("password", "a new password"),
                ("password_again", "a new password"),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        app.get(&member, "/account").await.status(),
        StatusCode::SEE_OTHER,
        "the old session ended"
    );
    let reused = app
        .post_form(
            &stranger,
            path,
            &[
                ("password", "third password"),
                ("password_again", "third password"),
            ],
        )
        .await;
    assert_eq!(reused.status(), StatusCode::NOT_FOUND);
    app.log_in(&app.client(), "maelle@example.org", "a new password")
        .await;
    app.shutdown().await;
}

#[tokio::test]
async fn password_change_keeps_this_session_and_ends_the_others() {
    let app = TestApp::new().await;
    let here = app.member("Tomás Ferreira", "tomas@example.org").await;
    let elsewhere = app.client();
    app.log_in(&elsewhere, "tomas@example.org", PASSWORD).await;

    let wrong = app
        .post_form(
            &here,
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("password", "brand new secret"),
                ("password_again", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(wrong)
            .await
            .contains("Le mot de passe actuel n'est pas le bon.")
    );

    let changed = app
        .post_form(
            &here,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "brand new secret"),
                ("password_again", "brand new secret"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(app.get(&here, "/account").await.status(), StatusCode::OK);
    assert_eq!(
        app.get(&elsewhere, "/account").await.status(),
        StatusCode::SEE_OTHER
    );
    let notice = app.emails_to("tomas@example.org").await.pop().unwrap();
    assert_eq!(
        notice.subject,
        "Votre mot de passe sur ADN Test a été modifié"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn api_tokens_are_shown_once_listed_used_and_revoked() {
    let app = TestApp::new().await;
    let member = app.member("Priya Raman", "priya@example.org").await;
    let page = app
        .post_form(
            &member,
            "/account/tokens",
            &[("name", "CI"), ("scope", "read")],
        )
        .await;
    assert_eq!(page.status(), StatusCode::CREATED);
    let page = text(page).await;
    let token = page
        .split("id=\"new-token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert!(token.starts_with("cercle_"), "{token}");
    let stored = app
        .store
        .api_tokens(
            app.store
                .account_by_email(&EmailAddress::parse("priya@example.org").unwrap())
                .await
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(
        !text(app.get(&member, "/account").await)
            .await
            .contains(&token),
        "shown only once"
    );

    let api = reqwest::Client::new();
    let me = api
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let body: serde_json::Value = me.json().await.unwrap();
    assert_eq!(body["email"], "priya@example.org");
    assert_eq!(body["display_name"], "Priya Raman");

    let listed: serde_json::Value = api
        .get(app.url("/api/v1/me/tokens"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["name"], "CI");
    assert_eq!(listed[0]["scope"], "read");
    assert!(listed[0]["last_used_at"].is_i64());

    let invalid = app
        .post_form(
            &member,
            "/account/tokens",
            &[("name", ""), ("scope", "admin")],
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let invalid = text(invalid).await;
    assert!(
        invalid.contains("Choisissez lecture ou lecture-écriture.")
            && invalid.contains("Saisissez un nom de 1 à 60 caractères.")
    );

    let other = app.member("Yann Carré", "yann@example.org").await;
    let id = stored[0].id.0;
    let response = app
        .post_form(&other, &format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "only the owner can revoke"
    );
    let response = app
        .post_form(&member, &format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let revoked = api
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        revoked.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(revoked.headers()["www-authenticate"], "Bearer");
    app.shutdown().await;
}

#[tokio::test]
async fn deleting_an_account_takes_its_sessions_and_tokens() {
    let app = TestApp::new().await;
    let member = app.member("Rozenn Le Bihan", "rozenn@example.org").await;
    let wrong = app
        .post_form(
            &member,
            "/account/delete",
            &[("confirm_email", "someone@example.org")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(wrong)
            .await
            .contains("Saisissez votre adresse e-mail pour confirmer.")
    );

    let done = app
        .post_form(
            &member,
            "/account/delete",
            &[("confirm_email", "Rozenn@example.org")],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert!(
        app.store
            .account_by_email(&EmailAddress::parse("rozenn@example.org").unwrap())
            .await
            .is_err()
    );
    assert_eq!(
        app.get(&member, "/account").await.status(),
        StatusCode::SEE_OTHER
    );
    let login = app
        .post_form(
            &app.client(),
            "/login",
            &[("email", "rozenn@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
    let audit = text(app.get(&app.admin().await, "/admin/audit").await).await;
    assert!(audit.contains("account.deleted"));
    app.shutdown().await;
}

#[tokio::test]
async fn session_cookies_are_secure_behind_https_and_renewed_at_log_in() {
    let app = TestApp::builder().behind_https().build().await;
    let log_in = || async {
        let response = app
            .post_form(
                &app.client(),
                "/login",
                &[("email", "admin@example.org"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let first = log_in().await;
    assert!(
        first.starts_with("cercle_session=")
            && first.contains("; Secure")
            && first.contains("HttpOnly"),
        "{first}"
    );
    assert!(
        first.contains("Max-Age=2592000"),
        "sessions expire after 30 days: {first}"
    );
    assert_ne!(first, log_in().await, "every log-in gets a new session id");
    app.shutdown().await;
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let tight = Quota {
        requests: 2,
        per: Duration::from_secs(60),
    };
    let app = TestApp::builder()
        .rate_limits(RateLimits {
            log_in: tight,
            sign_up: tight,
            password_reset: tight,
        })
        .build()
        .await;
    let browser = app.client();
    for _ in 0..2 {
        let response = app
            .post_form(
                &browser,
                "/login",
                &[("email", "a@example.org"), ("password", "whatever it is")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = app
        .post_form(
            &browser,
            "/login",
            &[("email", "admin@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    assert!(text(limited).await.contains("Trop de tentatives."));
    app.shutdown().await;
}

#[tokio::test]
async fn cross_site_form_posts_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let member = app.member("Yann Carré", "yann@example.org").await;
    let check = |header: &'static str, value: &'static str| {
        let (app, member) = (&app, &member);
        async move {
            let response = member
                .post(app.url("/account/delete"))
                .header(header, value)
                .form(&[("confirm_email", "yann@example.org")])
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{header}: {value}"
            );
            assert!(text(response).await.contains("envoyé depuis un autre site"));
        }
    };
    check("sec-fetch-site", "cross-site").await;
    check("sec-fetch-site", "same-site").await;
    check("origin", "https://evil.example").await;
    assert!(
        app.store
            .account_by_email(&EmailAddress::parse("yann@example.org").unwrap())
            .await
            .is_ok()
    );

    let same_origin = member
        .post(app.url("/account/tokens"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.url(""))
        .form(&[("name", "laptop"), ("scope", "read")])
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), StatusCode::CREATED);
    app.shutdown().await;
}

#[tokio::test]
async fn malformed_input_gets_a_clear_4xx() {
    let app = TestApp::new().await;
    let member = app.member("Priya Raman", "priya@example.org").await;
    let raw = |path: &'static str, content_type: &'static str, body: Vec<u8>| {
        let (app, member) = (&app, &member);
        async move {
            member
                .post(app.url(path))
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let form = "application/x-www-form-urlencoded";

    let missing = raw("/login", form, b"email=a%40b.fr".to_vec()).await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert!(
        text(missing)
            .await
            .contains("La requête n'a pas pu être lue")
    );

    let bad_utf8 = raw(
        "/signup",
        form,
        b"display_name=%FF%FE&email=x%40y.fr&password=0123456789".to_vec(),
    )
    .await;
    assert_eq!(bad_utf8.status(), StatusCode::BAD_REQUEST);

    let wrong_type = raw("/login", "text/plain", b"hello".to_vec()).await;
    assert_eq!(wrong_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = raw("/signup", form, vec![b'a'; 200 * 1024]).await;
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(text(huge).await.contains("trop volumineuse"));

    let bad_id = app
        .post_form(&member, "/account/tokens/not-a-number/revoke", &[])
        .await;
    assert_eq!(bad_id.status(), StatusCode::BAD_REQUEST);
    let huge_id = app
        .post_form(
            &member,
            "/account/tokens/99999999999999999999999/revoke",
            &[],
        )
        .await;
    assert_eq!(huge_id.status(), StatusCode::BAD_REQUEST);
    let absent_id = app
        .post_form(&member, "/account/tokens/424242/revoke", &[])
        .await;
    assert_eq!(absent_id.status(), StatusCode::NOT_FOUND);

    let unknown_language = app
        .post_form(&member, "/language", &[("lang", "klingon")])
        .await;
    assert_eq!(unknown_language.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(unknown_language)
            .await
            .contains("Choisissez le français ou l'anglais.")
    );

    let wrong_method = member.delete(app.url("/login")).send().await.unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        text(wrong_method)
            .await
            .contains("n'accepte pas cette méthode")
    );

    let page = app.get(&member, "/no/such/page").await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );

    let api = app.get(&member, "/api/v1/nothing-here").await;
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.unwrap();
    assert_eq!(problem["status"], 404);

    let writer = app
        .post_form(
            &member,
            "/account/tokens",
            &[("name", "script"), ("scope", "read_write")],
        )
        .await;
    let writer = text(writer)
        .await
        .split("id=\"new-token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let patch = |body: &'static str, content_type: &'static str| {
        let (app, writer) = (&app, &writer);
        async move {
            reqwest::Client::new()
                .patch(app.url("/api/v1/me"))
                .bearer_auth(writer)
                .header("content-type", content_type)
                .header("accept-language", "en")
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let json = "application/json";
    for (body, content_type, status) in [
        ("{\"display_name\": ", json, StatusCode::BAD_REQUEST),
        ("{\"display_name\": 42}", json, StatusCode::BAD_REQUEST),
        (
            "{\"language\": \"de\"}",
            json,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("{\"nickname\": \"x\"}", json, StatusCode::BAD_REQUEST),
        (
            "display_name=x",
            "application/x-www-form-urlencoded",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
    ] {
        let response = patch(body, content_type).await;
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{body}"
        );
        let problem: serde_json::Value = response.json().await.unwrap();
        assert!(
            !problem["detail"].as_str().unwrap().is_empty(),
            "{body}: {problem}"
        );
    }
    let bad_utf8 = reqwest::Client::new()
        .patch(app.url("/api/v1/me"))
        .bearer_auth(&writer)
        .header("content-type", json)
        .body(b"{\"display_name\": \"\xff\"}".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(bad_utf8.status(), StatusCode::BAD_REQUEST);
    let refused: serde_json::Value = patch("{\"language\": \"de\"}", json)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(refused["errors"][0]["field"], "language");
    assert_eq!(
        refused["errors"][0]["message"], "Choisissez le français ou l'anglais.",
        "the account's language wins over Accept-Language"
    );
    let me = app
        .store
        .account_by_email(&EmailAddress::parse("priya@example.org").unwrap())
        .await
        .unwrap();
    assert_eq!(
        me.display_name.as_str(),
        "Priya Raman",
        "refused requests change nothing"
    );

    let saved = patch(
        "{\"display_name\": \"Priya R.\", \"language\": \"en\"}",
        json,
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: serde_json::Value = saved.json().await.unwrap();
    assert_eq!(saved["display_name"], "Priya R.");
    assert_eq!(saved["language"], "en");

    let bad_scheme = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_scheme.status(), StatusCode::UNAUTHORIZED);
    app.shutdown().await;
}

#[tokio::test]
async fn pages_carry_security_headers_request_ids_and_the_chosen_language() {
    let app = TestApp::new().await;
    let browser = app.client();
    let response = browser
        .get(app.url("/login"))
        .header("accept-language", "en-US,en;q=0.8")
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert!(!headers["x-request-id"].is_empty());
    let page = text(response).await;
    assert!(page.contains("<html lang=\"en\">") && page.contains("Forgot your password?"));

    let switched = app
        .post_form(&browser, "/language", &[("lang", "fr"), ("next", "/login")])
        .await;
    assert_eq!(switched.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&switched), "/login");
    let page = browser
        .get(app.url("/login"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(
        text(page).await.contains("Mot de passe oublié ?"),
        "the switcher wins over the browser"
    );

    let offsite = app
        .post_form(
            &browser,
            "/language",
            &[("lang", "en"), ("next", "//evil.example/")],
        )
        .await;
    assert_eq!(location(&offsite), "/");

    let css_path = page_stylesheet(&text(app.get(&browser, "/").await).await);
    let css = app.get(&browser, &css_path).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    app.shutdown().await;
}

fn page_stylesheet(page: &str) -> String {
    page.split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn audit_log_exists_for_administrators_only() {
    let app = TestApp::new().await;
    let member = app.member("Yann Carré", "yann@example.org").await;
    assert_eq!(
        app.get(&app.client(), "/admin/audit").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&member, "/admin/audit").await.status(),
        StatusCode::NOT_FOUND
    );
    let page = text(app.get(&app.admin().await, "/admin/audit").await).await;
    assert!(page.contains("account.created") && page.contains("account.email_confirmed"));
    app.shutdown().await;
}

#[tokio::test]
async fn health_readiness_metrics_and_openapi() {
    let app = TestApp::builder().metrics_token("scrape-me").build().await;
    let client = reqwest::Client::new();
    assert_eq!(
        text(client.get(app.url("/healthz")).send().await.unwrap()).await,
        "ok"
    );
    assert_eq!(
        text(client.get(app.url("/readyz")).send().await.unwrap()).await,
        "ready"
    );
    client.get(app.url("/login")).send().await.unwrap();

    let metrics = text(client.get(app.url("/metrics")).send().await.unwrap()).await;
    assert!(
        metrics.contains("http_requests_total{route=\"/login\",method=\"GET\",status=\"200\"}"),
        "{metrics}"
    );
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
    assert!(metrics.contains("db_pool_connections"));
    let proxied = client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), StatusCode::NOT_FOUND);
    let with_token = client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .bearer_auth("scrape-me")
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), StatusCode::OK);

    let document: serde_json::Value = client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in ["/api/v1/me", "/api/v1/association", "/api/v1/me/tokens"] {
        assert!(document["paths"][path].is_object(), "{path} documented");
    }
    let association: serde_json::Value = client
        .get(app.url("/api/v1/association"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(association["name"], "ADN Test");
    app.shutdown().await;
}
