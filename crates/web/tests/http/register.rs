//! The register and dues: profiles, roles, organisations, plans,
//! memberships and payments, and who may see and do what.

use cercle_core::kernel::email::EmailAddress;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::admission::{api_token, get_json, send_json};
use crate::support::TestApp;
use crate::{location, text};

/// A form's fields, in order.
pub(crate) type Form<'a> = Vec<(&'a str, &'a str)>;

/// Grants `roles` to the person with `email`, as the administrator.
pub(crate) async fn grant(
    app: &TestApp,
    admin: &reqwest::Client,
    email: &str,
    roles: &[&str],
) -> i64 {
    let id = app
        .store
        .account_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .id
        .0;
    let form: Vec<(&str, &str)> = roles.iter().map(|role| (*role, "on")).collect();
    let response = app
        .post_form(admin, &format!("/people/{id}/roles"), &form)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "granting {roles:?}"
    );
    id
}

fn id_from(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// An association shaped after seed 002: a member company, its employee,
/// a bureau member, a treasurer and an outsider.
struct World {
    app: TestApp,
    admin: reqwest::Client,
    bureau: reqwest::Client,
    treasurer: reqwest::Client,
    employee: reqwest::Client,
    outsider: reqwest::Client,
    employee_id: i64,
    organisation: i64,
    membership: i64,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let admin = app.admin().await;
        let bureau = app.member("Raoul Bureau", "bureau@example.org").await;
        let treasurer = app.member("Anne Trésor", "tresor@example.org").await;
        let employee = app
            .member("Stéphane Salarié", "stephane@acme.example")
            .await;
        let outsider = app.member("Olivier Dehors", "olivier@example.org").await;
        grant(&app, &admin, "bureau@example.org", &["bureau_member"]).await;
        grant(&app, &admin, "tresor@example.org", &["treasurer"]).await;

        let profile = [
            ("job_title", "Architecte réseau"),
            ("bio", "CANARY-PRIVATE-BIO"),
            ("expertise", "réseaux, cloud"),
        ];
        assert_eq!(
            app.post_form(&employee, "/account/profile", &profile)
                .await
                .status(),
            StatusCode::SEE_OTHER
        );

        let organisation = [
            ("name", "Acme Réseaux"),
            ("category", "company"),
            ("website", "https://acme.example"),
            ("size", "120"),
        ];
        let created = app
            .post_form(&bureau, "/organisations", &organisation)
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let organisation = id_from(location(&created));
        let affiliation = [("email", "stephane@acme.example"), ("representative", "on")];
        let response = app
            .post_form(
                &bureau,
                &format!("/organisations/{organisation}/affiliations"),
                &affiliation,
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);

        let plan = [
            ("name", "Entreprise"),
            ("holder", "organisation"),
            ("period", "yearly"),
            ("prices", "0:500; 50:1200"),
            ("currency", "EUR"),
            ("services", "Communautés\nÉvénements"),
        ];
        assert_eq!(
            app.post_form(&treasurer, "/plans", &plan).await.status(),
            StatusCode::SEE_OTHER
        );
        let plan_id = app.store.plans().await.unwrap()[0].id.0.to_string();
        let holder = format!("organisation:{organisation}");
        let today =
            cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now());
        let starts = today.plus_months(0).plus_days(-30).to_string();
        let membership = [
            ("holder", holder.as_str()),
            ("plan", plan_id.as_str()),
            ("starts_on", starts.as_str()),
        ];
        let created = app.post_form(&bureau, "/memberships", &membership).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let membership = id_from(location(&created));
        let employee_id = app
            .store
            .account_by_email(&EmailAddress::parse("stephane@acme.example").unwrap())
            .await
            .unwrap()
            .id
            .0;
        World {
            app,
            admin,
            bureau,
            treasurer,
            employee,
            outsider,
            employee_id,
            organisation,
            membership,
        }
    }
}

#[tokio::test]
async fn dues_decide_adherence_with_a_reason_in_words() {
    let w = World::new().await;
    let app = &w.app;
    let account = text(app.get(&w.employee, "/account").await).await;
    assert!(account.contains("Les cotisations"), "{account}");
    assert!(
        account.contains("de Acme Réseaux sont impayées depuis le"),
        "unpaid at first: {account}"
    );

    let page = text(
        app.get(&w.treasurer, &format!("/memberships/{}", w.membership))
            .await,
    )
    .await;
    assert!(
        page.contains("1\u{202f}200,00 EUR"),
        "120 people pay the 50+ band: {page}"
    );
    let period = app
        .store
        .membership(cercle_core::register::dues::MembershipId(w.membership))
        .await
        .unwrap()
        .periods[0]
        .id
        .0
        .to_string();
    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();

    let bad = [
        ("period", period.as_str()),
        ("amount", "douze"),
        ("paid_on", "31/02/2026"),
        ("method", "bitcoin"),
    ];
    let refused = app
        .post_form(
            &w.treasurer,
            &format!("/memberships/{}/payments", w.membership),
            &bad,
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = text(refused).await;
    assert!(refused.contains("Saisissez un montant comme 30 ou 30,50."));
    assert!(refused.contains("Saisissez une date comme 2026-03-01 ou 01/03/2026."));
    assert!(refused.contains("Choisissez un moyen de paiement dans la liste."));
    assert!(
        app.store
            .membership(cercle_core::register::dues::MembershipId(w.membership))
            .await
            .unwrap()
            .payments
            .is_empty()
    );

    let paid = [
        ("period", period.as_str()),
        ("amount", "1200"),
        ("paid_on", today.as_str()),
        ("method", "transfer"),
        ("reference", "VIR-2026-001"),
    ];
    let response = app
        .post_form(
            &w.treasurer,
            &format!("/memberships/{}/payments", w.membership),
            &paid,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let account = text(app.get(&w.employee, "/account").await).await;
    assert!(
        account.contains("Les cotisations de Acme Réseaux sont à jour jusqu'au"),
        "{account}"
    );

    let api: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/memberships/{}", w.membership)))
        .bearer_auth(token(app, &w.employee).await)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["in_good_standing"], true);
    assert_eq!(api["periods"][0]["amount_due_minor"], 120_000);
    assert_eq!(api["periods"][0]["amount_paid_minor"], 120_000);

    let resign = app
        .post_form(
            &w.bureau,
            &format!("/memberships/{}/status", w.membership),
            &[("status", "resigned")],
        )
        .await;
    assert_eq!(resign.status(), StatusCode::SEE_OTHER);
    let account = text(app.get(&w.employee, "/account").await).await;
    assert!(
        account.contains("Acme Réseaux a démissionné."),
        "a change of status counts at once: {account}"
    );

    let audit = text(app.get(&w.admin, "/admin/audit").await).await;
    for action in [
        "membership.created",
        "membership.payment_recorded",
        "membership.status_changed",
        "plan.created",
        "organisation.affiliated",
    ] {
        assert!(audit.contains(action), "{action} audited");
    }
    w.app.shutdown().await;
}

/// A read-write API token for the signed-in `client`.
async fn token(app: &TestApp, client: &reqwest::Client) -> String {
    api_token(app, client, "read_write").await
}

#[tokio::test]
async fn who_sees_and_does_what_on_the_register() {
    let w = World::new().await;
    let app = &w.app;
    let anonymous = app.client();
    let actors = [
        ("anonymous", &anonymous),
        ("holder", &w.employee),
        ("other member", &w.outsider),
        ("bureau", &w.bureau),
        ("treasurer", &w.treasurer),
        ("administrator", &w.admin),
    ];
    let (m, o, p) = (w.membership, w.organisation, w.employee_id);
    let see_other = StatusCode::SEE_OTHER.as_u16();
    // anonymous, holder, other member, bureau, treasurer, administrator
    let reads: Vec<(String, [u16; 6])> = vec![
        ("/plans".into(), [200, 200, 200, 200, 200, 200]),
        (
            "/organisations".into(),
            [see_other, 200, 200, 200, 200, 200],
        ),
        (
            format!("/organisations/{o}"),
            [see_other, 200, 200, 200, 200, 200],
        ),
        ("/people".into(), [404, 404, 404, 200, 200, 200]),
        (format!("/people/{p}"), [404, 200, 404, 200, 200, 200]),
        ("/memberships".into(), [404, 404, 404, 200, 200, 200]),
        (format!("/memberships/{m}"), [404, 200, 404, 200, 200, 200]),
        ("/admin/settings".into(), [404, 404, 404, 404, 404, 200]),
        (
            "/account/profile".into(),
            [see_other, 200, 200, 200, 200, 200],
        ),
        ("/api/v1/plans".into(), [200, 200, 200, 200, 200, 200]),
        (
            "/api/v1/organisations".into(),
            [401, 200, 200, 200, 200, 200],
        ),
        (
            format!("/api/v1/people/{p}"),
            [404, 200, 404, 200, 200, 200],
        ),
        ("/api/v1/memberships".into(), [404, 404, 404, 200, 200, 200]),
        (
            format!("/api/v1/memberships/{m}"),
            [404, 200, 404, 200, 200, 200],
        ),
        (
            "/api/v1/me/adherence".into(),
            [401, 200, 200, 200, 200, 200],
        ),
        (
            format!("/memberships/{}", m + 1000),
            [404, 404, 404, 404, 404, 404],
        ),
    ];
    for (path, expected) in &reads {
        for ((who, client), status) in actors.iter().zip(expected) {
            let response = app.get(client, path).await;
            assert_eq!(response.status().as_u16(), *status, "GET {path} as {who}");
            if *status == 200 && matches!(*who, "anonymous" | "other member") {
                assert!(
                    !text(response).await.contains("CANARY-PRIVATE-BIO"),
                    "GET {path} as {who} leaks the private bio"
                );
            }
        }
    }

    let period = app
        .store
        .membership(cercle_core::register::dues::MembershipId(m))
        .await
        .unwrap()
        .periods[0]
        .id
        .0
        .to_string();
    let payment = [
        ("period", period.as_str()),
        ("amount", "10"),
        ("paid_on", "2026-01-15"),
        ("method", "cheque"),
    ];
    let organisation = [("name", "Nouvelle"), ("category", "association")];
    let writes: Vec<(String, Form, [u16; 6])> = vec![
        (
            format!("/memberships/{m}/payments"),
            payment.to_vec(),
            [404, 404, 404, 404, 303, 303],
        ),
        (
            format!("/memberships/{m}/renew"),
            vec![],
            [404, 404, 404, 303, 404, 303],
        ),
        (
            format!("/memberships/{m}/status"),
            vec![("status", "active")],
            [404, 404, 404, 303, 404, 303],
        ),
        (
            "/plans".into(),
            vec![
                ("name", "Solo"),
                ("holder", "person"),
                ("period", "yearly"),
                ("prices", "20"),
                ("currency", "EUR"),
            ],
            [404, 404, 404, 404, 303, 422],
        ),
        (
            format!("/organisations/{o}"),
            organisation.to_vec(),
            [404, 404, 404, 303, 404, 303],
        ),
        (
            format!("/people/{p}/roles"),
            vec![("moderator", "on")],
            [404, 404, 404, 404, 404, 303],
        ),
        (
            "/admin/settings".into(),
            vec![("policy", "both")],
            [404, 404, 404, 404, 404, 303],
        ),
    ];
    for (path, form, expected) in &writes {
        for ((who, client), status) in actors.iter().zip(expected) {
            let response = app.post_form(client, path, form).await;
            assert_eq!(response.status().as_u16(), *status, "POST {path} as {who}");
        }
    }
    let payments = app
        .store
        .membership(cercle_core::register::dues::MembershipId(m))
        .await
        .unwrap()
        .payments
        .len();
    assert_eq!(
        payments, 2,
        "only the treasurer's and the administrator's payments were written"
    );
    w.app.shutdown().await;
}

#[tokio::test]
async fn a_public_profile_is_shown_to_members_only() {
    let w = World::new().await;
    let app = &w.app;
    let public = [
        ("job_title", "Architecte réseau"),
        ("bio", "Je pilote la communauté Infra."),
        ("public", "on"),
    ];
    assert_eq!(
        app.post_form(&w.employee, "/account/profile", &public)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let path = format!("/people/{}", w.employee_id);
    let seen = text(app.get(&w.outsider, &path).await).await;
    assert!(seen.contains("Je pilote la communauté Infra.") && seen.contains("Architecte réseau"));
    assert!(
        !seen.contains("Acme Réseaux a") && !seen.contains("cotisations"),
        "standing stays private"
    );
    assert_eq!(
        app.get(&app.client(), &path).await.status(),
        StatusCode::NOT_FOUND
    );

    let refused = app
        .post_form(
            &w.employee,
            "/account/profile",
            &[("employer_organisation", "999999")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused)
            .await
            .contains("Choisissez une organisation dans la liste.")
    );
    w.app.shutdown().await;
}

#[tokio::test]
async fn the_membership_policy_decides_who_may_hold_a_membership() {
    let w = World::new().await;
    let app = &w.app;
    assert_eq!(
        app.post_form(
            &w.admin,
            "/admin/settings",
            &[("policy", "individuals_only")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let plan_id = app.store.plans().await.unwrap()[0].id.0.to_string();
    let holder = format!("organisation:{}", w.organisation);
    let form = [
        ("holder", holder.as_str()),
        ("plan", plan_id.as_str()),
        ("starts_on", "2026-01-01"),
    ];
    let refused = app.post_form(&w.bureau, "/memberships", &form).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused).await.contains(
            "La politique d'adhésion de l'association n'autorise pas ce type d'adhérent."
        )
    );

    let me = app
        .store
        .account_by_email(&EmailAddress::parse("admin@example.org").unwrap())
        .await
        .unwrap()
        .id
        .0;
    let demote = app
        .post_form(
            &w.admin,
            &format!("/people/{me}/roles"),
            &[("treasurer", "on")],
        )
        .await;
    assert_eq!(demote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(demote)
            .await
            .contains("Vous ne pouvez pas retirer votre propre rôle d'administrateur.")
    );
    w.app.shutdown().await;
}

#[tokio::test]
async fn the_register_is_kept_through_the_api() {
    let w = World::new().await;
    let app = &w.app;
    let admin = token(app, &w.admin).await;
    let bureau = token(app, &w.bureau).await;
    let treasurer = token(app, &w.treasurer).await;
    let employee = token(app, &w.employee).await;
    let employee_reader = api_token(app, &w.employee, "read").await;

    let profile = json!({
        "job_title": "Architecte réseau",
        "employer_organisation": w.organisation,
        "bio": "Je pilote la communauté Infra.",
        "expertise": ["réseaux", "cloud"],
        "languages": ["français", "English"],
        "public": true,
    });
    let read_only = send_json(
        app,
        Method::PUT,
        "/api/v1/me/profile",
        &employee_reader,
        profile.clone(),
    )
    .await;
    assert_eq!(read_only.status(), StatusCode::FORBIDDEN);
    let saved = send_json(app, Method::PUT, "/api/v1/me/profile", &employee, profile).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: serde_json::Value = saved.json().await.unwrap();
    assert_eq!(saved["id"], w.employee_id);
    assert_eq!(saved["employer"], "Acme Réseaux");
    assert_eq!(saved["expertise"], json!(["réseaux", "cloud"]));
    assert_eq!(saved["languages"], json!(["français", "English"]));
    let public = text(
        app.get(&w.outsider, &format!("/people/{}", w.employee_id))
            .await,
    )
    .await;
    assert!(
        public.contains("Je pilote la communauté Infra."),
        "made public"
    );
    let unknown = send_json(
        app,
        Method::PUT,
        "/api/v1/me/profile",
        &employee,
        json!({"employer_organisation": 999_999}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!(unknown["errors"][0]["field"], "employer_organisation");
    let extra = send_json(
        app,
        Method::PUT,
        "/api/v1/me/profile",
        &employee,
        json!({"nickname": "Stef"}),
    )
    .await;
    assert_eq!(extra.status(), StatusCode::BAD_REQUEST);

    let roles = format!("/api/v1/people/{}/roles", w.employee_id);
    let moderator = json!({"roles": ["moderator"]});
    let by_bureau = send_json(app, Method::PUT, &roles, &bureau, moderator.clone()).await;
    assert_eq!(by_bureau.status(), StatusCode::NOT_FOUND);
    let granted = send_json(app, Method::PUT, &roles, &admin, moderator).await;
    assert_eq!(granted.status(), StatusCode::NO_CONTENT);
    let me = get_json(app, "/api/v1/me", &employee).await;
    assert_eq!(me["roles"], json!(["moderator"]));
    let king = send_json(app, Method::PUT, &roles, &admin, json!({"roles": ["king"]})).await;
    assert_eq!(king.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let plan = json!({
        "name": "Solo", "holder": "person", "period": "yearly",
        "prices": "20", "currency": "EUR",
    });
    let by_bureau = send_json(app, Method::POST, "/api/v1/plans", &bureau, plan.clone()).await;
    assert_eq!(
        by_bureau.status(),
        StatusCode::NOT_FOUND,
        "plans are the treasurer's"
    );
    let created = send_json(app, Method::POST, "/api/v1/plans", &treasurer, plan.clone()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let plan_id = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let taken = send_json(app, Method::POST, "/api/v1/plans", &treasurer, plan).await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let membership = json!({
        "holder": format!("person:{}", w.employee_id),
        "plan": plan_id,
        "starts_on": "2026-01-01",
    });
    let by_treasurer = send_json(
        app,
        Method::POST,
        "/api/v1/memberships",
        &treasurer,
        membership.clone(),
    )
    .await;
    assert_eq!(by_treasurer.status(), StatusCode::NOT_FOUND);
    let created = send_json(
        app,
        Method::POST,
        "/api/v1/memberships",
        &bureau,
        membership,
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let id = created.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let renewed = send_json(
        app,
        Method::POST,
        &format!("/api/v1/memberships/{id}/renew"),
        &bureau,
        json!({}),
    )
    .await;
    assert_eq!(renewed.status(), StatusCode::CREATED);
    let period = renewed.json::<serde_json::Value>().await.unwrap()["id"].clone();
    let status = format!("/api/v1/memberships/{id}/status");
    let resigned = send_json(
        app,
        Method::PUT,
        &status,
        &bureau,
        json!({"status": "resigned"}),
    )
    .await;
    assert_eq!(resigned.status(), StatusCode::NO_CONTENT);
    let bad = send_json(
        app,
        Method::PUT,
        &status,
        &bureau,
        json!({"status": "asleep"}),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let held = get_json(app, &format!("/api/v1/memberships/{id}"), &employee).await;
    assert_eq!(held["status"], "resigned");
    assert_eq!(held["periods"].as_array().unwrap().len(), 2);
    assert_eq!(held["periods"][1]["id"], period);

    let affiliations = format!("/api/v1/organisations/{}/affiliations", w.organisation);
    let outsider = json!({"email": "olivier@example.org", "representative": false});
    let by_employee = send_json(
        app,
        Method::POST,
        &affiliations,
        &employee,
        outsider.clone(),
    )
    .await;
    assert_eq!(by_employee.status(), StatusCode::NOT_FOUND);
    let affiliated = send_json(app, Method::POST, &affiliations, &bureau, outsider).await;
    assert_eq!(affiliated.status(), StatusCode::NO_CONTENT);
    let nobody = send_json(
        app,
        Method::POST,
        &affiliations,
        &bureau,
        json!({"email": "nobody@example.org"}),
    )
    .await;
    assert_eq!(nobody.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let nobody: serde_json::Value = nobody.json().await.unwrap();
    assert_eq!(nobody["errors"][0]["field"], "email");
    // Read by the bureau: the header of Olivier's own page carries his name.
    let page = text(
        app.get(&w.bureau, &format!("/organisations/{}", w.organisation))
            .await,
    )
    .await;
    assert!(
        page.contains("Olivier Dehors"),
        "the outsider is now inside"
    );
    let olivier = app
        .store
        .account_by_email(
            &cercle_core::kernel::email::EmailAddress::parse("olivier@example.org").unwrap(),
        )
        .await
        .unwrap()
        .id
        .0;
    let affiliation = format!("{affiliations}/{olivier}");
    let delete = |token: String| {
        let url = app.url(&affiliation);
        async move {
            reqwest::Client::new()
                .delete(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(delete(employee.clone()).await, StatusCode::NOT_FOUND);
    assert_eq!(delete(bureau.clone()).await, StatusCode::NO_CONTENT);
    let page = text(
        app.get(&w.bureau, &format!("/organisations/{}", w.organisation))
            .await,
    )
    .await;
    assert!(!page.contains("Olivier Dehors"), "no longer affiliated");

    let organisation = format!("/api/v1/organisations/{}", w.organisation);
    let renamed = json!({"name": "Acme Réseaux et Cloud", "category": "company", "size": 40});
    let by_employee = send_json(app, Method::PUT, &organisation, &employee, renamed.clone()).await;
    assert_eq!(by_employee.status(), StatusCode::NOT_FOUND);
    let nameless = send_json(
        app,
        Method::PUT,
        &organisation,
        &bureau,
        json!({"name": "", "category": "company"}),
    )
    .await;
    assert_eq!(nameless.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unchanged = text(
        app.get(&w.outsider, &format!("/organisations/{}", w.organisation))
            .await,
    )
    .await;
    assert!(
        unchanged.contains("Acme Réseaux"),
        "a refusal renames nothing"
    );
    let saved = send_json(app, Method::PUT, &organisation, &bureau, renamed).await;
    assert_eq!(saved.status(), StatusCode::NO_CONTENT);
    let page = text(
        app.get(&w.outsider, &format!("/organisations/{}", w.organisation))
            .await,
    )
    .await;
    assert!(page.contains("Acme Réseaux et Cloud"), "{page}");

    let current = |token: String| {
        let url = app.url("/api/v1/me/profile/current");
        async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let employee_account = cercle_core::accounts::account::AccountId(w.employee_id);
    let before = app
        .store
        .profile(employee_account)
        .await
        .unwrap()
        .reviewed_at;
    assert_eq!(
        current(employee_reader.clone()).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.store
            .profile(employee_account)
            .await
            .unwrap()
            .reviewed_at,
        before
    );
    assert_eq!(current(employee.clone()).await, StatusCode::NO_CONTENT);
    let reviewed = app
        .store
        .profile(employee_account)
        .await
        .unwrap()
        .reviewed_at;
    assert!(
        reviewed.is_some() && reviewed >= before,
        "reviewed now: {reviewed:?}"
    );
    w.app.shutdown().await;
}

#[tokio::test]
async fn the_register_is_searched_and_read_a_page_at_a_time() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    for (name, email) in [
        ("Anne Martin", "anne@example.org"),
        ("Bruno Durand", "bruno@example.org"),
        ("Chloé Martin", "chloe@example.org"),
    ] {
        app.member(name, email).await;
    }

    let found = text(app.get(&admin, "/people?q=MARTIN").await).await;
    assert!(
        found.contains("Anne Martin") && found.contains("Chloé Martin"),
        "{found}"
    );
    assert!(!found.contains("Bruno Durand"), "{found}");
    assert!(found.contains("2 personne(s)"), "{found}");
    let by_email = text(app.get(&admin, "/people?q=bruno%40").await).await;
    assert!(by_email.contains("Bruno Durand") && !by_email.contains("Anne Martin"));
    let beyond = text(app.get(&admin, "/people?page=2").await).await;
    assert!(
        !beyond.contains("Anne Martin"),
        "fewer than a page: {beyond}"
    );
    let refused = app.get(&admin, "/people?page=zero").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(refused).await.contains("numéro de page"));

    for name in ["Acme Conseil", "Zeta Labs"] {
        let organisation = [("name", name), ("category", "company")];
        let created = app.post_form(&admin, "/organisations", &organisation).await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{name}");
    }
    let organisations = text(app.get(&admin, "/organisations?q=acme").await).await;
    assert!(
        organisations.contains("Acme Conseil") && !organisations.contains("Zeta Labs"),
        "{organisations}"
    );
    assert!(
        organisations.contains("1 organisation(s)"),
        "{organisations}"
    );

    let picker = text(app.get(&admin, "/memberships?holder_q=bruno").await).await;
    let options: Vec<&str> = picker
        .split("<option value=\"person:")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once('>')
                .and_then(|(_, name)| name.split_once('<'))
        })
        .map(|(name, _)| name)
        .collect();
    assert_eq!(options, ["Bruno Durand"], "{picker}");
    app.shutdown().await;
}
