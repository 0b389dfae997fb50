//! Governance through its pages: the public page of the bodies with their
//! mandates and history, refused input that changes nothing, and a general
//! assembly from its convocation to its approved minutes: the notice the
//! statutes ask for, who sees it, the convocation email, proxies and their
//! cap, the quorum, open and secret ballots with their receipts, results
//! kept until the vote closes, and the minutes the secretary approves.

use cercle_core::governance::assembly::{AssemblyId, AssemblyState};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use reqwest::StatusCode;

use crate::communities::{appoint, community, id_of};
use crate::support::TestApp;
use crate::{location, pay_dues, text};

/// A day `days` from today, as the forms take it.
fn in_days(days: i64) -> String {
    Date::of(Timestamp::now()).plus_days(days).to_string()
}

/// The id at the end of a redirect's address.
fn id_in(response: &reqwest::Response) -> i64 {
    location(response)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Creates a body through its form; answers its id.
async fn create_body(app: &TestApp, admin: &reqwest::Client, name: &str, kind: &str) -> i64 {
    let created = app
        .post_form(
            admin,
            "/governance/bodies",
            &[
                ("name", name),
                ("kind", kind),
                ("description", "**Élu** par l'assemblée générale."),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "the body {name}");
    id_in(&created)
}

/// Seats `email` in the body through its form.
async fn seat(
    app: &TestApp,
    admin: &reqwest::Client,
    body: i64,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.post_form(admin, &format!("/governance/bodies/{body}/mandates"), form)
        .await
}

/// How many mandates the store holds, every body together.
async fn mandates(app: &TestApp) -> usize {
    app.store
        .bodies()
        .await
        .unwrap()
        .iter()
        .map(|b| b.mandates.len())
        .sum()
}

#[tokio::test]
async fn the_governance_page_shows_who_sits_where_and_who_sat_before() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.member("Jeanne Martin", "jeanne@example.org").await;
    app.member("Paul Durand", "paul@example.org").await;
    let board = create_body(&app, &admin, "Conseil d'administration", "board").await;
    let seated = seat(
        &app,
        &admin,
        board,
        &[
            ("email", "jeanne@example.org"),
            ("seat", "president"),
            ("starts_on", "2025-06-01"),
            ("ends_on", ""),
        ],
    )
    .await;
    assert_eq!(seated.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&seated), format!("/governance/bodies/{board}"));
    seat(
        &app,
        &admin,
        board,
        &[
            ("email", "paul@example.org"),
            ("seat", "president"),
            ("starts_on", "2023-06-01"),
            ("ends_on", "2025-05-31"),
        ],
    )
    .await;

    let visitor = app.client();
    let page = text(app.get(&visitor, "/governance").await).await;
    assert!(page.contains("Conseil d'administration"), "{page}");
    assert!(
        page.contains("<strong>Élu</strong>"),
        "the description rendered"
    );
    let (current, history) = page.split_once("Historique").expect("a history");
    assert!(
        current.contains("<strong>Président·e</strong> — Jeanne Martin")
            && current.contains("depuis le 1er juin 2025"),
        "{current}"
    );
    assert!(!current.contains("Paul Durand"), "Paul's mandate ended");
    assert!(
        history.contains("Paul Durand") && history.contains("jusqu'au 31 mai 2025"),
        "{history}"
    );
    assert!(
        !page.contains("/governance/bodies/"),
        "visitors get no link to manage"
    );
    let english = visitor
        .get(app.url("/governance"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let english = text(english).await;
    assert!(
        english.contains("<strong>President</strong> — Jeanne Martin")
            && english.contains("since 1 June 2025"),
        "{english}"
    );
    let managed = text(app.get(&admin, "/governance").await).await;
    assert!(managed.contains(&format!("/governance/bodies/{board}")));

    // Refused mandates change nothing and say why, field by field.
    let before = mandates(&app).await;
    let refused = seat(
        &app,
        &admin,
        board,
        &[
            ("email", "pas-une-adresse"),
            ("seat", "empereur"),
            ("starts_on", "2026-05-01"),
            ("ends_on", "2026-04-01"),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    for message in [
        "Saisissez une adresse e-mail comme nom@exemple.org.",
        "Choisissez l'un des sièges.",
        "Un mandat ne peut pas finir avant de commencer.",
    ] {
        assert!(page.contains(message), "{message} in {page}");
    }
    assert!(page.contains("aria-describedby=\"seat-error\""));
    assert!(
        page.contains("value=\"pas-une-adresse\""),
        "the form keeps what was typed"
    );
    let unknown = seat(
        &app,
        &admin,
        board,
        &[
            ("email", "personne@example.org"),
            ("seat", "treasurer"),
            ("starts_on", "2026-05-01"),
        ],
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(unknown)
            .await
            .contains("Personne n'a de compte à cette adresse.")
    );
    let mandate = app.store.bodies().await.unwrap()[0].mandates[0].id.0;
    let board_field = board.to_string();
    let bad_end = app
        .post_form(
            &admin,
            &format!("/governance/mandates/{mandate}/end"),
            &[("ends_on", "demain"), ("body", board_field.as_str())],
        )
        .await;
    assert_eq!(bad_end.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(bad_end).await.contains(&format!(
        "id=\"end-{mandate}-error\">Écrivez le jour sous la forme AAAA-MM-JJ."
    )));
    assert_eq!(mandates(&app).await, before, "nothing was written");
    assert!(
        app.store.bodies().await.unwrap()[0].mandates[0]
            .ends_on
            .is_none()
    );

    // Only administrators manage the bodies.
    let member = app.member("Ada Lovelace", "ada@example.org").await;
    let removal = format!("/governance/bodies/{board}/remove");
    assert_eq!(
        app.get(&member, &format!("/governance/bodies/{board}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(&member, &removal, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    let anonymous = app.post_form(&visitor, &removal, &[]).await;
    assert!(
        location(&anonymous).starts_with("/login"),
        "a visitor signs in first"
    );
    assert_eq!(app.store.bodies().await.unwrap().len(), 1);
    app.shutdown().await;
}

/// An assembly's form: an ordinary assembly at 14:00 in Paris.
#[tokio::test]
async fn a_community_sponsor_with_a_seat_shows_on_both_pages() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    app.member("Ada Lovelace", "ada@example.org").await;
    let board = create_body(&app, &admin, "Conseil d'administration", "board").await;
    let seated = seat(
        &app,
        &admin,
        board,
        &[
            ("email", "ada@example.org"),
            ("seat", "treasurer"),
            ("starts_on", "2025-06-01"),
            ("ends_on", ""),
        ],
    )
    .await;
    assert_eq!(seated.status(), StatusCode::SEE_OTHER);
    for (slug, visibility) in [("patterns", "public"), ("bureau-restreint", "secret")] {
        let created = app
            .post_form(
                &admin,
                "/communities",
                &community(slug, slug, visibility, "open"),
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER, "{slug}");
        appoint(&app, slug, "ada@example.org", "sponsor").await;
    }

    let visitor = app.client();
    let governance = text(app.get(&visitor, "/governance").await).await;
    assert!(
        governance.contains("Sponsor de <a href=\"/c/patterns\">patterns</a>"),
        "{governance}"
    );
    assert!(
        !governance.contains("bureau-restreint"),
        "a secret community stays out of the public page"
    );
    let community_page = text(app.get(&visitor, "/c/patterns").await).await;
    assert!(
        community_page.contains(&format!(
            "Ada Lovelace — Trésorier·ère, <a href=\"/governance#body-{board}\">Conseil d'administration</a>"
        )),
        "{community_page}"
    );
    app.shutdown().await;
}

fn assembly_form<'a>(title: &'a str, day: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("kind", "ordinary"),
        ("date", day),
        ("time", "14:00"),
        ("time_zone", "Europe/Paris"),
        ("place", "Maison des associations, Nantes"),
        (
            "details",
            "Les comptes sont [en ligne](https://example.org/comptes).",
        ),
    ]
}

async fn create_assembly(app: &TestApp, admin: &reqwest::Client, title: &str, day: &str) -> i64 {
    let created = app
        .post_form(admin, "/assemblies", &assembly_form(title, day))
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "{title}");
    id_in(&created)
}

/// Adds an agenda item with a resolution under a simple majority.
async fn add_resolution(
    app: &TestApp,
    admin: &reqwest::Client,
    assembly: i64,
    (title, text, ballot): (&str, &str, &str),
) {
    let added = app
        .post_form(
            admin,
            &format!("/assemblies/{assembly}/items"),
            &[
                ("title", title),
                ("description", ""),
                ("resolution", "on"),
                ("text", text),
                ("majority", "simple"),
                ("ballot", ballot),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER, "{title}");
}

/// The ids of the assembly's agenda items, in order.
async fn items(app: &TestApp, assembly: i64) -> Vec<i64> {
    app.store
        .agenda(AssemblyId(assembly))
        .await
        .unwrap()
        .iter()
        .map(|item| item.id.0)
        .collect()
}

/// The receipt code a page shows once.
fn receipt_in(page: &str) -> String {
    let start = page.find("class=\"secret\">").expect("a receipt") + "class=\"secret\">".len();
    page[start..start + 19].to_owned()
}

#[tokio::test]
async fn an_assembly_from_its_convocation_to_its_approved_minutes() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let bob = app.member("Bob Martin", "bob@example.org").await;
    let chloe = app.member("Chloé Petit", "chloe@example.org").await;
    let sarah = app.member("Sarah Leroy", "sarah@example.org").await;
    let eve = app.member("Eve Dubois", "eve@example.org").await;
    for email in [
        "ada@example.org",
        "bob@example.org",
        "chloe@example.org",
        "sarah@example.org",
        "dan@example.org",
    ] {
        if email == "dan@example.org" {
            app.member("Dan Moreau", email).await;
        }
        pay_dues(&app, &admin, email).await;
    }
    // Each member carries one proxy at most.
    let statutes = app
        .post_form(
            &admin,
            "/governance/statutes",
            &[
                ("notice_days", "15"),
                ("proxy_cap", "1"),
                ("ordinary_quorum_percent", "25"),
                ("extraordinary_quorum_percent", "50"),
            ],
        )
        .await;
    assert_eq!(statutes.status(), StatusCode::SEE_OTHER);
    let form = text(app.get(&admin, "/governance/statutes").await).await;
    assert!(
        form.contains(
            "id=\"proxy_cap\" name=\"proxy_cap\" type=\"number\" min=\"0\" max=\"100\" value=\"1\""
        ),
        "{form}"
    );

    // Ten days ahead is too late for fifteen days' notice.
    let early = create_assembly(&app, &admin, "AG trop proche", &in_days(10)).await;
    let convened = app
        .post_form(&admin, &format!("/assemblies/{early}/convene"), &[])
        .await;
    assert_eq!(convened.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(convened).await;
    assert!(page.contains("Trop tard : les statuts demandent"), "{page}");
    assert!(page.contains("La convocation doit partir au plus tard le"));
    assert_eq!(
        app.store.assembly(AssemblyId(early)).await.unwrap().state,
        AssemblyState::Draft
    );
    assert_eq!(
        app.get(&ada, &format!("/assemblies/{early}"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "a draft is the bureau's"
    );

    let id = create_assembly(&app, &admin, "Assemblée générale 2026", &in_days(30)).await;
    let path = format!("/assemblies/{id}");
    add_resolution(
        &app,
        &admin,
        id,
        (
            "Rapport moral",
            "L'assemblée approuve le rapport moral.",
            "open",
        ),
    )
    .await;
    add_resolution(
        &app,
        &admin,
        id,
        (
            "Élection du conseil",
            "L'assemblée élit le conseil proposé.",
            "secret",
        ),
    )
    .await;
    let refused = app
        .post_form(
            &admin,
            &format!("{path}/items"),
            &[
                ("title", "X"),
                ("resolution", "on"),
                ("majority", "unanime"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused)
            .await
            .contains("Choisissez la majorité requise.")
    );
    let convened = app.post_form(&admin, &format!("{path}/convene"), &[]).await;
    assert_eq!(convened.status(), StatusCode::SEE_OTHER);

    // The roll sees it, and nobody else knows it exists.
    let page = text(app.get(&ada, &path).await).await;
    assert!(page.contains("Assemblée générale 2026"), "{page}");
    assert!(page.contains("14:00"), "the assembly's own clock: {page}");
    assert!(page.contains("Vous votez."), "{page}");
    assert!(page.contains("Individuel"), "Ada's class is her plan");
    assert!(page.contains("Quorum à cette heure"));
    assert_eq!(
        app.get(&eve, &path).await.status(),
        StatusCode::NOT_FOUND,
        "Eve is not on the roll"
    );
    assert_eq!(
        app.get(&eve, &format!("{path}/assembly.ics"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let visitor = app.get(&app.client(), &path).await;
    assert_eq!(visitor.status(), StatusCode::SEE_OTHER);
    assert!(location(&visitor).starts_with("/login"));
    let list = text(app.get(&ada, "/assemblies").await).await;
    assert!(list.contains("Assemblée générale 2026") && !list.contains("AG trop proche"));
    let calendar = app.get(&ada, &format!("{path}/assembly.ics")).await;
    assert_eq!(
        calendar.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let calendar = calendar.text().await.unwrap();
    assert!(
        calendar.contains(&format!("UID:assembly-{id}@"))
            && calendar.contains("SUMMARY:Assemblée générale 2026"),
        "{calendar}"
    );

    let emails = app.emails_to("ada@example.org").await;
    let convocation = emails
        .iter()
        .find(|m| m.subject == "Convocation : Assemblée générale 2026")
        .expect("Ada is convened");
    assert!(
        convocation.body.contains("1. Rapport moral")
            && convocation.body.contains("2. Élection du conseil")
            && convocation
                .body
                .contains("L'assemblée approuve le rapport moral."),
        "{}",
        convocation.body
    );
    assert!(
        convocation.body.contains(&app.url(&path)),
        "{}",
        convocation.body
    );
    assert!(
        app.emails_to("eve@example.org")
            .await
            .iter()
            .all(|m| !m.subject.starts_with("Convocation"))
    );

    // Bob cannot come: Ada carries his vote, and no one else's.
    let given = app
        .post_form(
            &bob,
            &format!("{path}/proxy"),
            &[("holder", "ada@example.org")],
        )
        .await;
    assert_eq!(given.status(), StatusCode::SEE_OTHER);
    assert!(
        text(app.get(&bob, &path).await)
            .await
            .contains("Vous avez donné procuration à Ada Lovelace.")
    );
    let full = app
        .post_form(
            &chloe,
            &format!("{path}/proxy"),
            &[("holder", "ada@example.org")],
        )
        .await;
    assert_eq!(full.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(full).await;
    assert!(
        page.contains(
            "id=\"holder-error\">Ce membre détient déjà autant de procurations que les statuts le permettent."
        ),
        "{page}"
    );
    let page = text(app.get(&ada, &path).await).await;
    assert!(
        page.contains("Vous portez les procurations de Bob Martin."),
        "{page}"
    );

    // The bureau records who came, then opens the session.
    let roll = text(app.get(&admin, &format!("{path}/roll")).await).await;
    assert!(
        roll.contains("Chloé Petit") && roll.contains("a donné procuration à Ada Lovelace"),
        "{roll}"
    );
    for (email, presence) in [
        ("ada@example.org", "in_person"),
        ("chloe@example.org", "online"),
    ] {
        let account = id_of(&app, email).await.0;
        let recorded = app
            .post_form(
                &admin,
                &format!("{path}/roll/{account}"),
                &[("presence", presence), ("page", "1")],
            )
            .await;
        assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&recorded), format!("{path}/roll?page=1"));
    }
    let searched = text(app.get(&admin, &format!("{path}/roll?search=chlo")).await).await;
    assert!(searched.contains("Chloé Petit") && !searched.contains("Dan Moreau"));
    let opened = app.post_form(&admin, &format!("{path}/open"), &[]).await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&admin, &path).await).await;
    // Five voting members: Ada and Chloé present, Bob represented.
    assert!(
        page.contains("2 présents et 1 représentés, sur 5 membres votants ; il en faut 2.")
            && page.contains("Le quorum est atteint."),
        "{page}"
    );

    // An open ballot: Ada votes for herself and for Bob, once each.
    let [open_item, secret_item] = items(&app, id).await[..] else {
        panic!("two items")
    };
    let started = app
        .post_form(&admin, &format!("{path}/items/{open_item}/open"), &[])
        .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&ada, &path).await).await;
    assert!(
        page.contains("Votre vote")
            && page.contains("Vote pour Bob Martin, dont vous portez la procuration"),
        "{page}"
    );
    let vote = format!("{path}/items/{open_item}/vote");
    let bob_id = id_of(&app, "bob@example.org").await.0.to_string();
    let cast = app.post_form(&ada, &vote, &[("choice", "for")]).await;
    assert_eq!(cast.status(), StatusCode::SEE_OTHER);
    let twice = app.post_form(&ada, &vote, &[("choice", "against")]).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(twice).await.contains("Ce vote a déjà été exprimé."));
    let for_bob = app
        .post_form(
            &ada,
            &vote,
            &[("choice", "against"), ("on_behalf", bob_id.as_str())],
        )
        .await;
    assert_eq!(for_bob.status(), StatusCode::SEE_OTHER);
    let bob_himself = app.post_form(&bob, &vote, &[("choice", "for")]).await;
    assert_eq!(bob_himself.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let tampered = app
        .post_form(
            &ada,
            &vote,
            &[("choice", "for"), ("on_behalf", "quelqu'un")],
        )
        .await;
    assert_eq!(tampered.status(), StatusCode::BAD_REQUEST);
    app.post_form(&chloe, &vote, &[("choice", "for")]).await;
    let page = text(app.get(&admin, &path).await).await;
    assert!(
        !page.contains("Résultat")
            && !page.contains("La résolution est")
            && !page.contains("Vote nominal"),
        "no count before the vote closes: {page}"
    );
    let closed = app
        .post_form(&admin, &format!("{path}/items/{open_item}/close"), &[])
        .await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&ada, &path).await).await;
    assert!(page.contains("La résolution est adoptée."), "{page}");
    assert!(
        page.contains("<dt>Pour</dt><dd>2</dd>") && page.contains("<dt>Contre</dt><dd>1</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<td>Bob Martin</td><td>Contre</td>"),
        "the roll-call: {page}"
    );

    // A secret ballot: the receipt is shown once and checks as counted.
    app.post_form(&admin, &format!("{path}/items/{secret_item}/open"), &[])
        .await;
    let cast = app
        .post_form(
            &ada,
            &format!("{path}/items/{secret_item}/vote"),
            &[("choice", "for")],
        )
        .await;
    assert_eq!(cast.status(), StatusCode::OK, "the receipt is on the page");
    assert!(cast.headers().get("set-cookie").is_none());
    let receipt = receipt_in(&text(cast).await);
    assert!(
        !text(app.get(&ada, &path).await).await.contains(&receipt),
        "shown once"
    );
    let check = format!("{path}/items/{secret_item}/receipt");
    let counted = text(
        app.post_form(&ada, &check, &[("receipt", &receipt.to_lowercase())])
            .await,
    )
    .await;
    assert!(counted.contains("Ce bulletin a été compté."), "{counted}");
    let unknown = text(
        app.post_form(&ada, &check, &[("receipt", "ABCD-EFGH-JKLM-NPQR")])
            .await,
    )
    .await;
    assert!(unknown.contains("Aucun bulletin ne porte ce reçu."));
    let malformed = app.post_form(&ada, &check, &[("receipt", "ABC")]).await;
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(malformed)
            .await
            .contains("Un reçu compte 16 lettres et chiffres")
    );

    // Closing drafts the minutes, which the roll reads once approved.
    let closed = app.post_form(&admin, &format!("{path}/close"), &[]).await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    let draft = text(app.get(&admin, &format!("{path}/minutes")).await).await;
    assert!(
        draft.contains("Le quorum de 2 membres votants présents ou représentés était atteint."),
        "{draft}"
    );
    assert!(draft.contains("Brouillon"));
    assert_eq!(
        app.get(&ada, &format!("{path}/minutes")).await.status(),
        StatusCode::NOT_FOUND,
        "a draft is for its writers"
    );
    let bureau = create_body(&app, &admin, "Bureau", "bureau").await;
    let since = in_days(-30);
    seat(
        &app,
        &admin,
        bureau,
        &[
            ("email", "sarah@example.org"),
            ("seat", "secretary"),
            ("starts_on", since.as_str()),
        ],
    )
    .await;
    let minutes = format!("{path}/minutes");
    let empty = app.post_form(&sarah, &minutes, &[("text", "  ")]).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(empty)
            .await
            .contains("Le procès-verbal ne peut pas être vide.")
    );
    let text_of_minutes = format!(
        "{}\n\nLa séance est levée à 17 h.",
        app.store
            .minutes(AssemblyId(id))
            .await
            .unwrap()
            .unwrap()
            .text
    );
    let by_member = app
        .post_form(
            &ada,
            &minutes,
            &[("text", text_of_minutes.as_str()), ("approve", "on")],
        )
        .await;
    assert_eq!(by_member.status(), StatusCode::NOT_FOUND);
    let saved = app
        .post_form(&sarah, &minutes, &[("text", "Un premier jet.")])
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(
        text(app.get(&sarah, &minutes).await)
            .await
            .contains("Un premier jet.")
    );
    // Approving saves the text as sent, the last edits with it.
    let approved = app
        .post_form(
            &sarah,
            &minutes,
            &[("text", text_of_minutes.as_str()), ("approve", "on")],
        )
        .await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    let again = app
        .post_form(&sarah, &minutes, &[("text", "Autre chose.")])
        .await;
    assert!(
        again.status() == StatusCode::UNPROCESSABLE_ENTITY
            || again.status() == StatusCode::NOT_FOUND
    );
    let read = text(app.get(&ada, &minutes).await).await;
    assert!(
        read.contains("La séance est levée à 17 h.")
            && read.contains("Approuvé le")
            && read.contains("par Sarah Leroy"),
        "{read}"
    );
    assert!(
        !read.contains("<textarea"),
        "approved minutes are read only"
    );
    assert!(
        text(app.get(&ada, &path).await)
            .await
            .contains(&format!("href=\"{minutes}\""))
    );
    app.shutdown().await;
}

#[tokio::test]
async fn odd_requests_answer_a_clear_refusal() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let member = app.member("Ada Lovelace", "ada@example.org").await;
    for (path, status) in [
        ("/assemblies?page=0", StatusCode::UNPROCESSABLE_ENTITY),
        ("/assemblies/999999", StatusCode::NOT_FOUND),
        ("/assemblies/abc", StatusCode::BAD_REQUEST),
        ("/assemblies/999999/minutes", StatusCode::NOT_FOUND),
        ("/assemblies/999999/roll", StatusCode::NOT_FOUND),
        ("/governance/bodies/999999", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(app.get(&admin, path).await.status(), status, "{path}");
    }
    assert_eq!(
        app.get(&member, "/assemblies/new").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&member, "/governance/statutes").await.status(),
        StatusCode::NOT_FOUND
    );
    let bad = app
        .post_form(
            &admin,
            "/governance/statutes",
            &[
                ("notice_days", "-1"),
                ("proxy_cap", "deux"),
                ("ordinary_quorum_percent", "120"),
                ("extraordinary_quorum_percent", "50"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(bad)
            .await
            .contains("aria-describedby=\"ordinary_quorum_percent-error\"")
    );
    let id = create_assembly(&app, &admin, "AG 2027", &in_days(60)).await;
    let other = create_assembly(&app, &admin, "AG 2028", &in_days(400)).await;
    add_resolution(
        &app,
        &admin,
        id,
        ("Budget", "Le budget est adopté.", "secret"),
    )
    .await;
    let item = items(&app, id).await[0];
    assert_eq!(
        app.post_form(
            &admin,
            &format!("/assemblies/{other}/items/{item}/receipt"),
            &[("receipt", "ABCD-EFGH-JKLM-NPQR")],
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "an item answers under its own assembly only"
    );
    let early_vote = app
        .post_form(
            &admin,
            &format!("/assemblies/{id}/items/{item}/vote"),
            &[("choice", "for")],
        )
        .await;
    assert_eq!(early_vote.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let edit = text(
        app.get(&admin, &format!("/assemblies/{id}/items/{item}/edit"))
            .await,
    )
    .await;
    assert!(
        edit.contains("Le budget est adopté.") && edit.contains("value=\"secret\" selected"),
        "{edit}"
    );
    let moved = app
        .post_form(
            &admin,
            &format!("/assemblies/{id}/edit"),
            &assembly_form("AG 2027", "pas une date"),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.shutdown().await;
}
