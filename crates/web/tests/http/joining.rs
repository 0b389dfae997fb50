//! The ways in beyond a plain request: co-optation by vouches, applications
//! with an interview, invitations by email; exclusions naming the charter's
//! rule; and access suspended while a member's association membership lapses.

use reqwest::StatusCode;

use crate::communities::{appoint, community, id_of};
use crate::support::TestApp;
use crate::text;

async fn create(app: &TestApp, form: &[(&str, &str)]) {
    let admin = app.admin().await;
    let response = app.post_form(&admin, "/communities", form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{form:?}");
}

async fn pending_request(app: &TestApp, email: &str) -> i64 {
    app.store
        .join_requests_of(id_of(app, email).await)
        .await
        .unwrap()[0]
        .id
        .0
}

async fn is_member(app: &TestApp, slug: &str, email: &str) -> bool {
    let community = app.store.community_by_slug(slug).await.unwrap().id;
    let account = id_of(app, email).await;
    app.store
        .communities_of(account)
        .await
        .unwrap()
        .iter()
        .any(|(id, _)| *id == community)
}

#[tokio::test]
async fn co_optation_accepts_once_enough_members_vouch() {
    let app = TestApp::new().await;
    let mut form = community("mentors", "Cercle des mentors", "public", "cooptation");
    form.push(("vouches_required", "2"));
    create(&app, &form).await;
    let ada = app.member("Ada Mentor", "ada@example.org").await;
    appoint(&app, "mentors", "ada@example.org", "member").await;
    let bob = app.member("Bob Mentor", "bob@example.org").await;
    appoint(&app, "mentors", "bob@example.org", "member").await;
    let outsider = app.member("Olivier Dehors", "olivier@example.org").await;
    let newcomer = app.member("Nina Nouvelle", "nina@example.org").await;

    let page = text(app.get(&newcomer, "/c/mentors").await).await;
    assert!(page.contains("2 parrainages nécessaires"), "{page}");
    let asked = app
        .post_form(
            &newcomer,
            "/c/mentors/join",
            &[("motivation", "J'accompagne des débutants depuis trois ans.")],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    let id = pending_request(&app, "nina@example.org").await;
    let vouch = format!("/join-requests/{id}/vouch");

    let members_see = text(app.get(&ada, "/c/mentors").await).await;
    assert!(
        members_see.contains("Demandes en attente de cooptation")
            && members_see.contains("J'accompagne des débutants")
            && members_see.contains(&vouch),
        "{members_see}"
    );
    assert!(
        !text(app.get(&outsider, "/c/mentors").await)
            .await
            .contains(&vouch),
        "only members see who waits for co-optation"
    );
    assert_eq!(
        app.post_form(&outsider, &vouch, &[]).await.status(),
        StatusCode::NOT_FOUND,
        "only members vouch"
    );

    assert_eq!(
        app.post_form(&ada, &vouch, &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(!is_member(&app, "mentors", "nina@example.org").await);
    assert!(
        text(app.get(&bob, "/c/mentors").await)
            .await
            .contains("Parrainages : 1 / 2 — Ada Mentor")
    );
    let twice = app.post_form(&ada, &vouch, &[]).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(twice).await.contains("déjà porté·e garant·e"));

    let token = crate::admission::api_token(&app, &bob, "read_write").await;
    let detail = crate::admission::get_json(&app, "/api/v1/communities/mentors", &token).await;
    assert_eq!(detail["access"], "cooptation");
    assert_eq!(detail["vouches_required"], 2);
    let by_api = crate::admission::send_json(
        &app,
        reqwest::Method::POST,
        &format!("/api/v1/join-requests/{id}/vouch"),
        &token,
        serde_json::json!({}),
    )
    .await;
    assert_eq!(by_api.status(), StatusCode::OK);
    let answer: serde_json::Value = by_api.json().await.unwrap();
    assert_eq!(answer["outcome"], "accepted", "{answer}");
    assert!(is_member(&app, "mentors", "nina@example.org").await);
    let welcome = app.emails_to("nina@example.org").await.pop().unwrap();
    assert_eq!(welcome.subject, "Bienvenue dans Cercle des mentors");
    assert!(
        welcome
            .body
            .contains("Cooptation par Ada Mentor, Bob Mentor."),
        "{}",
        welcome.body
    );
    assert_eq!(
        app.post_form(&ada, &vouch, &[]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a decided request takes no more vouches"
    );
    app.shutdown().await;
}

#[tokio::test]
async fn an_application_answers_the_questions_then_waits_for_its_interview() {
    let app = TestApp::new().await;
    let mut form = community("equipe", "Équipe technique", "members_only", "application");
    form.push((
        "questions",
        "Quelles compétences apportez-vous ?\nCombien d'heures par mois ?",
    ));
    create(&app, &form).await;
    let pilot = app.member("Yann Pilote", "yann@example.org").await;
    appoint(&app, "equipe", "yann@example.org", "pilot").await;
    let applicant = app.member("Maëlle Candidate", "maelle@example.org").await;

    let page = text(app.get(&applicant, "/c/equipe").await).await;
    assert!(
        page.contains("Quelles compétences apportez-vous ?")
            && page.contains("Combien d'heures par mois ?"),
        "{page}"
    );
    let unanswered = app
        .post_form(
            &applicant,
            "/c/equipe/join",
            &[
                ("motivation", "J'administre des serveurs."),
                ("answers", "Debian et PostgreSQL"),
            ],
        )
        .await;
    assert_eq!(unanswered.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(unanswered)
            .await
            .contains("Répondez à chaque question de la candidature.")
    );
    assert!(
        app.store
            .join_requests_of(id_of(&app, "maelle@example.org").await)
            .await
            .unwrap()
            .is_empty(),
        "a refused form changes nothing"
    );
    let applied = app
        .post_form(
            &applicant,
            "/c/equipe/join",
            &[
                ("motivation", "J'administre des serveurs."),
                ("answers", "Debian et PostgreSQL"),
                ("answers", "Huit heures"),
            ],
        )
        .await;
    assert_eq!(applied.status(), StatusCode::SEE_OTHER);
    let id = pending_request(&app, "maelle@example.org").await;

    let queue = text(app.get(&pilot, "/c/equipe/requests").await).await;
    assert!(
        queue.contains("Debian et PostgreSQL") && queue.contains("Huit heures"),
        "{queue}"
    );
    let decision = format!("/join-requests/{id}/decision");
    let too_soon = app
        .post_form(&pilot, &decision, &[("verdict", "accept")])
        .await;
    assert_eq!(too_soon.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(too_soon)
            .await
            .contains("Enregistrez l'entretien avec la personne")
    );

    let interview = format!("/join-requests/{id}/interview");
    let tomorrow = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .plus_days(1)
        .to_string();
    let future = app
        .post_form(
            &pilot,
            &interview,
            &[("held_on", tomorrow.as_str()), ("notes", "")],
        )
        .await;
    assert_eq!(future.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(future)
            .await
            .contains("Un entretien s'enregistre une fois qu'il a eu lieu.")
    );
    let outsider = app.member("Olivier Dehors", "olivier@example.org").await;
    let today = cercle_core::kernel::date::Date::of(cercle_core::kernel::time::Timestamp::now())
        .to_string();
    let notes = [
        ("held_on", today.as_str()),
        ("notes", "Très motivée, disponible le jeudi."),
    ];
    assert_eq!(
        app.post_form(&outsider, &interview, &notes).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(&pilot, &interview, &notes).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        text(app.get(&pilot, "/c/equipe/requests").await)
            .await
            .contains("Très motivée, disponible le jeudi.")
    );
    assert_eq!(
        app.post_form(&pilot, &decision, &[("verdict", "accept")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert!(is_member(&app, "equipe", "maelle@example.org").await);
    app.shutdown().await;
}

#[tokio::test]
async fn an_invitation_opens_an_invitation_only_community_once() {
    let app = TestApp::new().await;
    create(
        &app,
        &community("bureau", "Bureau élargi", "secret", "invitation"),
    )
    .await;
    let pilot = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "bureau", "rozenn@example.org", "pilot").await;
    let guest = app.member("Gaëlle Invitée", "gaelle@example.org").await;
    let other = app.member("Olivier Autre", "olivier@example.org").await;

    let refused = app
        .post_form(
            &pilot,
            "/c/bureau/invitations",
            &[("email", "pas-un-email")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post_form(
            &other,
            "/c/bureau/invitations",
            &[("email", "x@example.org")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "a secret community's invitations are not for outsiders"
    );
    assert_eq!(
        app.post_form(
            &pilot,
            "/c/bureau/invitations",
            &[("email", "gaelle@example.org")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        text(app.get(&pilot, "/c/bureau").await)
            .await
            .contains("gaelle@example.org")
    );
    let email = app.emails_to("gaelle@example.org").await.pop().unwrap();
    assert_eq!(email.subject, "Invitation à rejoindre Bureau élargi");
    assert!(email.body.contains("Rozenn Pilote vous invite"));
    let link = email.link();
    let path = &link[link.find("/invitations/").unwrap()..];

    let anonymous = app.client();
    let page = text(app.get(&anonymous, path).await).await;
    assert!(
        page.contains("Invitation à rejoindre Bureau élargi")
            && page.contains("Se connecter pour accepter"),
        "{page}"
    );
    assert_eq!(
        app.get(&anonymous, "/invitations/not-a-real-link")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let not_them = app.post_form(&other, path, &[]).await;
    assert_eq!(not_them.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(not_them)
            .await
            .contains("Cette invitation a été envoyée à une autre adresse")
    );
    assert!(!is_member(&app, "bureau", "olivier@example.org").await);

    assert_eq!(
        app.post_form(&guest, path, &[("engagement", "regular")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert!(is_member(&app, "bureau", "gaelle@example.org").await);
    assert_eq!(app.get(&guest, "/c/bureau").await.status(), StatusCode::OK);
    let used = app.post_form(&guest, path, &[]).await;
    assert_eq!(used.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(app.get(&anonymous, path).await)
            .await
            .contains("Cette invitation a déjà été utilisée.")
    );

    let by_request = app
        .post_form(
            &other,
            "/c/bureau/join",
            &[("motivation", "Je veux entrer.")],
        )
        .await;
    assert_eq!(
        by_request.status(),
        StatusCode::NOT_FOUND,
        "a secret community is not asked to join"
    );

    app.post_form(
        &pilot,
        "/c/bureau/invitations",
        &[("email", "olivier@example.org")],
    )
    .await;
    let invitation = app
        .store
        .open_invitations(app.store.community_by_slug("bureau").await.unwrap().id)
        .await
        .unwrap()[0]
        .id
        .0;
    assert_eq!(
        app.post_form(
            &pilot,
            &format!("/c/bureau/invitations/{invitation}/revoke"),
            &[]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let revoked = app
        .emails_to("olivier@example.org")
        .await
        .pop()
        .unwrap()
        .link();
    let revoked = &revoked[revoked.find("/invitations/").unwrap()..];
    assert_eq!(
        app.post_form(&other, revoked, &[]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(!is_member(&app, "bureau", "olivier@example.org").await);
    app.shutdown().await;
}

#[tokio::test]
async fn an_invitation_only_community_refuses_requests() {
    let app = TestApp::new().await;
    create(
        &app,
        &community("conseil", "Conseil", "public", "invitation"),
    )
    .await;
    let member = app.member("Marc Membre", "marc@example.org").await;
    let page = text(app.get(&member, "/c/conseil").await).await;
    assert!(
        page.contains("On rejoint cette communauté sur invitation")
            && !page.contains("action=\"/c/conseil/join\""),
        "{page}"
    );
    let asked = app
        .post_form(&member, "/c/conseil/join", &[("motivation", "Bonjour")])
        .await;
    assert_eq!(asked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(asked)
            .await
            .contains("Cette communauté se rejoint uniquement sur invitation.")
    );
    assert!(!is_member(&app, "conseil", "marc@example.org").await);
    app.shutdown().await;
}

#[tokio::test]
async fn an_exclusion_names_the_rule_of_the_charter_broken() {
    let app = TestApp::new().await;
    create(
        &app,
        &community("infra", "Infra & Services", "public", "open"),
    )
    .await;
    let pilot = app.member("Rozenn Pilote", "rozenn@example.org").await;
    appoint(&app, "infra", "rozenn@example.org", "pilot").await;
    app.member("Yann Vendeur", "yann@example.org").await;
    appoint(&app, "infra", "yann@example.org", "member").await;
    let charter = "Il est attendu que le membre :\n\n1. respecte les engagements pris ;\n2. ne fasse pas la promotion de son entreprise.";
    assert_eq!(
        app.post_form(&pilot, "/c/infra/charter", &[("text", charter)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let page = text(app.get(&pilot, "/c/infra").await).await;
    assert!(
        page.contains(
            "<option value=\"2\">2. ne fasse pas la promotion de son entreprise.</option>"
        ),
        "{page}"
    );

    let without = app
        .post_form(
            &pilot,
            "/c/infra/exclusions",
            &[("email", "yann@example.org"), ("reason", "Démarchage")],
        )
        .await;
    assert_eq!(without.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(without)
            .await
            .contains("Choisissez la règle de la charte qui n'a pas été respectée.")
    );
    assert!(is_member(&app, "infra", "yann@example.org").await);
    let unknown = app
        .post_form(
            &pilot,
            "/c/infra/exclusions",
            &[
                ("email", "yann@example.org"),
                ("reason", "Démarchage"),
                ("rule", "7"),
            ],
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(
        app.post_form(
            &pilot,
            "/c/infra/exclusions",
            &[
                ("email", "yann@example.org"),
                ("reason", "Démarchage répété des membres."),
                ("rule", "2"),
            ],
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert!(!is_member(&app, "infra", "yann@example.org").await);
    let notice = app.emails_to("yann@example.org").await.pop().unwrap();
    assert!(
        notice
            .body
            .contains("Règle 2. ne fasse pas la promotion de son entreprise. de la charte."),
        "{}",
        notice.body
    );
    assert!(
        text(app.get(&pilot, "/c/infra").await)
            .await
            .contains("Yann Vendeur — Règle 2 — Démarchage répété des membres.")
    );
    app.shutdown().await;
}

#[tokio::test]
async fn a_lapsed_membership_suspends_access_until_dues_are_paid() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let mut form = community("infra", "Infra & Services", "secret", "request");
    form.push(("adherents_only", "on"));
    create(&app, &form).await;
    let facilitator = app
        .member("Cécile Facilitatrice", "cecile@example.org")
        .await;
    appoint(&app, "infra", "cecile@example.org", "facilitator").await;
    let member = app.member("Paul Adhérent", "paul@example.org").await;

    let membership = crate::pay_dues(&app, &admin, "paul@example.org").await;
    appoint(&app, "infra", "paul@example.org", "member").await;
    assert_eq!(app.get(&member, "/c/infra").await.status(), StatusCode::OK);

    let status = format!("/memberships/{membership}/status");
    assert_eq!(
        app.post_form(&admin, &status, &[("status", "lapsed")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&member, "/c/infra").await.status(),
        StatusCode::NOT_FOUND,
        "access that depended on the membership stops"
    );
    let queue = text(app.get(&facilitator, "/c/infra/requests").await).await;
    assert!(
        queue.contains("Membres dont l'adhésion est échue")
            && queue.contains("Paul Adhérent — <strong>adhésion échue</strong>"),
        "{queue}"
    );
    assert!(
        is_member(&app, "infra", "paul@example.org").await,
        "still listed"
    );

    assert_eq!(
        app.post_form(&admin, &status, &[("status", "active")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&member, "/c/infra").await.status(),
        StatusCode::OK,
        "access comes back with the membership"
    );
    assert!(
        !text(app.get(&facilitator, "/c/infra/requests").await)
            .await
            .contains("adhésion échue")
    );
    app.shutdown().await;
}
