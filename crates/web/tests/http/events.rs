//! Events: organisers create them in their community, members register up
//! to the capacity and then on the waitlist, which promotes itself when a
//! seat frees; hidden events answer 404 and stay out of every list; bad
//! input is refused field by field and changes nothing.

use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::admission::{api_token, send_json};
use crate::communities::{appoint, community};
use crate::support::TestApp;
use crate::{location, text};

/// A day `days` from today, as the event form takes it.
fn in_days(days: i64) -> String {
    Date::of(Timestamp::now()).plus_days(days).to_string()
}

/// An event's form: a seminar in a month, from 18:30 to 21:00 in Paris.
fn event_form<'a>(title: &'a str, day: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("description", "Retours d'expérience **InnerSource**."),
        ("format", "seminar"),
        ("audience", "public"),
        ("start_date", day),
        ("start_time", "18:30"),
        ("end_date", day),
        ("end_time", "21:00"),
        ("time_zone", "Europe/Paris"),
        ("address", "1 rue de la Paix, Rennes"),
        ("online_url", "https://visio.example.org/seminaire"),
        ("capacity", capacity),
        ("max_guests", "0"),
    ]
}

/// A community `slug` where `organiser` is an animator, who may organise
/// its events; answers the organiser's client.
async fn community_with_organiser(
    app: &TestApp,
    slug: &str,
    visibility: &str,
    organiser: (&str, &str),
) -> reqwest::Client {
    let admin = app.admin().await;
    let created = app
        .post_form(
            &admin,
            "/communities",
            &community(slug, slug, visibility, "open"),
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "{slug}");
    let client = app.member(organiser.0, organiser.1).await;
    let joined = app
        .post_form(&client, &format!("/c/{slug}/join"), &[])
        .await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    appoint(app, slug, organiser.1, "animator").await;
    client
}

/// Creates the event through the community's form; answers its path.
async fn create_event(
    app: &TestApp,
    organiser: &reqwest::Client,
    slug: &str,
    form: &[(&str, &str)],
) -> String {
    let created = app
        .post_form(organiser, &format!("/c/{slug}/events"), form)
        .await;
    assert_eq!(
        created.status(),
        StatusCode::SEE_OTHER,
        "the event is created"
    );
    location(&created).to_owned()
}

/// The JSON answer to a GET with the bearer `token`.
async fn get_json(app: &TestApp, path: &str, token: &str) -> serde_json::Value {
    app.client()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn members_register_up_to_the_capacity_and_the_waitlist_promotes_itself() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "innersource",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(30);
    let event = create_event(
        &app,
        &olga,
        "innersource",
        &event_form("Séminaire InnerSource", &day, "1"),
    )
    .await;
    assert!(event.starts_with("/events/"), "{event}");

    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let bob = app.member("Bob Martin", "bob@example.org").await;
    let page = text(app.get(&ada, &event).await).await;
    assert!(page.contains("Séminaire InnerSource"), "{page}");
    assert!(page.contains("18:30"), "the event's own clock: {page}");
    assert!(page.contains("1 place restante"), "{page}");
    assert!(
        page.contains("<strong>InnerSource</strong>"),
        "the description rendered"
    );
    assert!(
        !page.contains("visio.example.org"),
        "the online link is for confirmed attendees"
    );
    assert!(page.contains("\"@type\":\"Event\""), "schema.org JSON-LD");

    let registered = app
        .post_form(&ada, &format!("{event}/registration"), &[])
        .await;
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&ada, &event).await).await;
    assert!(page.contains("Vous êtes inscrit·e."), "{page}");
    assert!(
        page.contains("https://visio.example.org/seminaire"),
        "{page}"
    );

    app.post_form(&bob, &format!("{event}/registration"), &[])
        .await;
    let page = text(app.get(&bob, &event).await).await;
    assert!(page.contains("Vous êtes sur la liste d'attente"), "{page}");
    assert!(!page.contains("visio.example.org"));
    let again = app
        .post_form(&bob, &format!("{event}/registration"), &[])
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(again)
            .await
            .contains("Vous êtes déjà inscrit·e à cet événement.")
    );

    let ada_mail = app.emails_to("ada@example.org").await;
    assert!(
        ada_mail
            .iter()
            .any(|m| m.subject == "Inscription confirmée : Séminaire InnerSource"),
        "{:?}",
        ada_mail.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let bob_mail = app.emails_to("bob@example.org").await;
    assert!(
        bob_mail
            .iter()
            .any(|m| m.subject == "Sur la liste d'attente : Séminaire InnerSource")
    );

    // Ada cannot come: Bob takes her seat in the same request.
    let cancelled = app
        .post_form(&ada, &format!("{event}/registration/cancel"), &[])
        .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&bob, &event).await).await;
    assert!(
        page.contains("Vous êtes inscrit·e."),
        "Bob was promoted: {page}"
    );
    assert!(page.contains("https://visio.example.org/seminaire"));
    let promoted = app.emails_to("bob@example.org").await;
    let email = promoted
        .iter()
        .find(|m| m.subject == "Une place pour vous : Séminaire InnerSource")
        .expect("Bob is told of his seat");
    assert!(email.body.contains(event.as_str()), "{}", email.body);
    assert!(
        !email.body.contains("visio.example.org"),
        "emails carry no online link"
    );

    // The organisers see who comes; a plain member does not know the page.
    let list = text(app.get(&olga, &format!("{event}/registrations")).await).await;
    assert!(
        list.contains("Bob Martin") && list.contains("Ada Lovelace"),
        "{list}"
    );
    assert_eq!(
        app.get(&ada, &format!("{event}/registrations"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let visitor = app.client();
    let page = text(app.get(&visitor, &event).await).await;
    assert!(page.contains("Connectez-vous pour vous inscrire"), "{page}");
    assert!(!page.contains("visio.example.org"));
    let refused = app
        .post_form(&visitor, &format!("{event}/registration"), &[])
        .await;
    assert_eq!(refused.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&refused).starts_with("/login"),
        "a visitor signs in first"
    );

    // The community's page and the calendar list it.
    let community = text(app.get(&visitor, "/c/innersource").await).await;
    assert!(community.contains("Séminaire InnerSource"), "{community}");
    let calendar = text(app.get(&visitor, "/events").await).await;
    assert!(calendar.contains("Séminaire InnerSource"), "{calendar}");
    let month = &day[..7];
    let grid = text(app.get(&visitor, &format!("/events?month={month}")).await).await;
    assert!(grid.contains("<table class=\"month\">") && grid.contains("Séminaire InnerSource"));
    app.shutdown().await;
}

#[tokio::test]
async fn approval_and_a_capacity_raised_let_people_in_through_the_api_too() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "patterns",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(20);
    let mut form = event_form("Atelier Patterns", &day, "1");
    form.push(("approval", "on"));
    let event = create_event(&app, &olga, "patterns", &form).await;
    let id: i64 = event.rsplit('/').next().unwrap().parse().unwrap();

    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let bob = app.member("Bob Martin", "bob@example.org").await;
    let ada_token = api_token(&app, &ada, "read_write").await;
    let bob_token = api_token(&app, &bob, "read_write").await;
    let olga_token = api_token(&app, &olga, "read_write").await;
    let path = format!("/api/v1/events/{id}/registration");
    let registered = send_json(&app, Method::PUT, &path, &ada_token, json!({})).await;
    assert_eq!(registered.status(), StatusCode::OK);
    let body: serde_json::Value = registered.json().await.unwrap();
    assert_eq!(body["state"], "pending");
    let bob_registered: serde_json::Value =
        send_json(&app, Method::PUT, &path, &bob_token, json!({}))
            .await
            .json()
            .await
            .unwrap();
    let waiting = app.emails_to("olga@example.org").await;
    assert!(
        waiting
            .iter()
            .any(|m| m.subject == "Une inscription attend votre accord : Atelier Patterns"),
        "the organiser is told"
    );

    let list = get_json(
        &app,
        &format!("/api/v1/events/{id}/registrations"),
        &olga_token,
    )
    .await;
    let ada_id = list[0]["id"].as_i64().unwrap();
    let decision = format!("/api/v1/events/{id}/registrations/{ada_id}/decision");
    let approved = send_json(
        &app,
        Method::POST,
        &decision,
        &olga_token,
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(approved.status(), StatusCode::NO_CONTENT);
    let twice = send_json(
        &app,
        Method::POST,
        &decision,
        &olga_token,
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let by_member = send_json(
        &app,
        Method::POST,
        &decision,
        &bob_token,
        json!({"decision": "refuse"}),
    )
    .await;
    assert_eq!(
        by_member.status(),
        StatusCode::NOT_FOUND,
        "only organisers decide"
    );

    // Bob, approved when the seat is taken, waits; a second seat lets him in.
    let bob_id = bob_registered["id"].as_i64().unwrap();
    let bob_decision = format!("/api/v1/events/{id}/registrations/{bob_id}/decision");
    send_json(
        &app,
        Method::POST,
        &bob_decision,
        &olga_token,
        json!({"decision": "approve"}),
    )
    .await;
    let detail = get_json(&app, &format!("/api/v1/events/{id}"), &bob_token).await;
    assert_eq!(detail["registration"]["state"], "waitlisted");
    assert!(detail["online_url"].is_null(), "not before a seat");
    let raised = send_json(
        &app,
        Method::PUT,
        &format!("/api/v1/events/{id}"),
        &olga_token,
        json!({
            "title": "Atelier Patterns", "format": "workshop", "audience": "public",
            "start_date": day, "start_time": "18:30", "end_date": day, "end_time": "21:00",
            "online_url": "https://visio.example.org/atelier", "capacity": 2, "approval": true
        }),
    )
    .await;
    assert_eq!(raised.status(), StatusCode::NO_CONTENT);
    let detail = get_json(&app, &format!("/api/v1/events/{id}"), &bob_token).await;
    assert_eq!(detail["registration"]["state"], "confirmed");
    assert_eq!(detail["online_url"], "https://visio.example.org/atelier");
    assert_eq!(detail["format"], "workshop");

    let below = send_json(
        &app,
        Method::PUT,
        &format!("/api/v1/events/{id}"),
        &olga_token,
        json!({
            "title": "Atelier Patterns", "format": "workshop", "audience": "public",
            "start_date": day, "start_time": "18:30", "end_date": day, "end_time": "21:00",
            "capacity": 1
        }),
    )
    .await;
    assert_eq!(below.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let withdrawn = send_json(&app, Method::DELETE, &path, &ada_token, json!(null)).await;
    assert_eq!(withdrawn.status(), StatusCode::NO_CONTENT);
    app.shutdown().await;
}

#[tokio::test]
async fn hidden_events_answer_404_and_stay_out_of_every_list() {
    let app = TestApp::new().await;
    let olga =
        community_with_organiser(&app, "infra", "public", ("Olga Orga", "olga@example.org")).await;
    let day = in_days(10);
    let mut members_only = event_form("CANARY-COMMUNITY-EVENT", &day, "");
    members_only[3] = ("audience", "community");
    let event = create_event(&app, &olga, "infra", &members_only).await;
    let id = event.rsplit('/').next().unwrap().to_owned();

    let outsider = app.member("Oscar Outsider", "oscar@example.org").await;
    let visitor = app.client();
    for client in [&outsider, &visitor] {
        assert_eq!(
            app.get(client, &event).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(client, &format!("/api/v1/events/{id}"))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        for list in [
            "/events",
            "/api/v1/events",
            "/c/infra",
            "/events?community=infra",
        ] {
            let body = text(app.get(client, list).await).await;
            assert!(!body.contains("CANARY-COMMUNITY-EVENT"), "{list}: {body}");
        }
    }
    let registered = app
        .post_form(&outsider, &format!("{event}/registration"), &[])
        .await;
    assert_eq!(registered.status(), StatusCode::NOT_FOUND);
    let registered = app
        .post_form(&visitor, &format!("{event}/registration"), &[])
        .await;
    assert!(
        location(&registered).starts_with("/login"),
        "a visitor is asked to sign in, whether or not the event exists"
    );
    let member = app.member("Mia Member", "mia@example.org").await;
    app.post_form(&member, "/c/infra/join", &[]).await;
    assert_eq!(app.get(&member, &event).await.status(), StatusCode::OK);
    assert!(
        text(app.get(&member, "/events").await)
            .await
            .contains("CANARY-COMMUNITY-EVENT")
    );

    // A public event of a secret community is as hidden as the community.
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("secret-wg", "Secret WG", "secret", "open"),
    )
    .await;
    let created = app
        .post_form(
            &admin,
            "/c/secret-wg/events",
            &event_form("CANARY-SECRET-EVENT", &day, ""),
        )
        .await;
    let secret = location(&created).to_owned();
    assert_eq!(
        app.get(&outsider, &secret).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(
        !text(app.get(&outsider, "/events").await)
            .await
            .contains("CANARY-SECRET-EVENT")
    );
    assert_eq!(app.get(&admin, &secret).await.status(), StatusCode::OK);
    app.shutdown().await;
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let olga =
        community_with_organiser(&app, "forum", "public", ("Olga Orga", "olga@example.org")).await;
    let day = in_days(15);
    let mut backwards = event_form("Forum", &day, "10");
    backwards[7] = ("end_time", "17:00");
    let refused = app.post_form(&olga, "/c/forum/events", &backwards).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(
        page.contains("L'événement doit finir après son début."),
        "{page}"
    );
    assert!(
        page.contains("value=\"Forum\""),
        "the form keeps what was typed"
    );
    let visitor = app.client();
    assert_eq!(
        text(app.get(&visitor, "/api/v1/events").await).await,
        "[]",
        "nothing was created"
    );

    // Registration closed yesterday: nobody may register any more.
    let mut closed = event_form("Forum clos", &day, "");
    let yesterday = in_days(-1);
    let before = in_days(-3);
    closed.push(("opens_date", before.as_str()));
    closed.push(("closes_date", yesterday.as_str()));
    let event = create_event(&app, &olga, "forum", &closed).await;
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let late = app
        .post_form(&ada, &format!("{event}/registration"), &[])
        .await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(late).await.contains("Les inscriptions sont closes."));
    let page = text(app.get(&ada, &event).await).await;
    assert!(!page.contains("Vous êtes inscrit"), "nothing changed");

    let unknown = app.get(&ada, "/events/999999").await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let bad_month = app.get(&ada, "/events?month=2026-13").await;
    assert_eq!(bad_month.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let not_number = app.get(&ada, "/events/abc").await;
    assert!(not_number.status().is_client_error());
    app.shutdown().await;
}

#[tokio::test]
async fn a_weekly_meeting_takes_registrations_per_occurrence_and_moves_or_cancels_one() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "learning-paths",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(7);
    let mut form = event_form("Réunion Learning Paths", &day, "2");
    form[2] = ("format", "working_group_meeting");
    form.push(("repeat", "weekly"));
    form.push(("repeat_count", "6"));
    let event = create_event(&app, &olga, "learning-paths", &form).await;
    let page = text(app.get(&olga, &event).await).await;
    assert!(page.contains("Prochaines séances"), "{page}");
    let links: Vec<&str> = page
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.contains("?occurrence="))
        .collect();
    assert!(
        links.len() >= 5,
        "the coming occurrences link to their pages: {links:?}"
    );
    let second = links[0].replace("&amp;", "&");
    let key = second.rsplit('=').next().unwrap().to_owned();

    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let registered = app
        .post_form(
            &ada,
            &format!("{event}/registration"),
            &[("occurrence", key.as_str())],
        )
        .await;
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&registered), second);
    let occurrence_page = text(app.get(&ada, &second).await).await;
    assert!(
        occurrence_page.contains("Vous êtes inscrit·e."),
        "{occurrence_page}"
    );
    let first_page = text(app.get(&ada, &event).await).await;
    assert!(
        !first_page.contains("Vous êtes inscrit·e."),
        "registered for one occurrence, not the series"
    );

    // The organiser moves that meeting to 20:00 and cancels the next one.
    let moved = app
        .post_form(
            &olga,
            &format!("{event}/occurrences/{key}/move"),
            &[
                ("date", &day_after(&day, 7)),
                ("start_time", "20:00"),
                ("end_time", "21:00"),
            ],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let occurrence_page = text(app.get(&ada, &second).await).await;
    assert!(occurrence_page.contains("20:00"), "{occurrence_page}");
    assert!(
        occurrence_page.contains("Vous êtes inscrit·e."),
        "still registered"
    );
    let third_key = links[1].rsplit('=').next().unwrap().to_owned();
    app.post_form(
        &ada,
        &format!("{event}/registration"),
        &[("occurrence", third_key.as_str())],
    )
    .await;
    let cancelled = app
        .post_form(
            &olga,
            &format!("{event}/occurrences/{third_key}/cancel"),
            &[],
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&olga, &event).await).await;
    assert!(
        page.contains("(déplacée)") && page.contains("Annulé"),
        "{page}"
    );
    let told = app.emails_to("ada@example.org").await;
    let notice = told
        .iter()
        .find(|m| m.subject == "Annulé : Réunion Learning Paths")
        .unwrap_or_else(|| panic!("{:?}", told.iter().map(|m| &m.subject).collect::<Vec<_>>()));
    // The email carries the cancellation for Ada's calendar: that one
    // occurrence of the series her calendar holds, by its UID.
    let (method, calendar) = notice.calendar.clone().expect("a calendar part");
    assert_eq!(method, "CANCEL");
    let feed = text(app.get(&ada, &format!("{event}/calendar.ics")).await).await;
    let uid = feed
        .lines()
        .find(|line| line.starts_with("UID:"))
        .expect("the feed's UID");
    let original = cercle_core::kernel::time::Timestamp(third_key.parse().unwrap())
        .in_utc()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    for line in [
        "METHOD:CANCEL",
        uid,
        "STATUS:CANCELLED",
        &format!("RECURRENCE-ID:{original}"),
    ] {
        assert!(calendar.lines().any(|l| l == line), "{line} in\n{calendar}");
    }
    let single = app
        .post_form(&olga, &format!("{event}/occurrences/0/cancel"), &[])
        .await;
    assert_eq!(single.status(), StatusCode::NOT_FOUND, "no such occurrence");

    // A rule that never ends is refused, and nothing is created.
    let mut endless = event_form("Sans fin", &day, "");
    endless.push(("repeat", "rule"));
    endless.push(("rule", "FREQ=DAILY"));
    let refused = app
        .post_form(&olga, "/c/learning-paths/events", &endless)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused)
            .await
            .contains("Une série doit finir dans les cinq ans")
    );
    app.shutdown().await;
}

/// The day `days` after `day`, both `YYYY-MM-DD`.
fn day_after(day: &str, days: i64) -> String {
    Date::parse(day).unwrap().plus_days(days).to_string()
}

/// The occurrences Python's `recurring-ical-events` reads in `ics` between
/// two instants, as `(start, end)` in UTC seconds; none, said loudly, when
/// the interpreter is not configured outside CI (in CI it must be).
fn third_party_occurrences(ics: &str, from: i64, to: i64) -> Option<Vec<(i64, i64)>> {
    let Ok(python) = std::env::var("CERCLE_ICAL_PYTHON") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but CERCLE_ICAL_PYTHON is not: the calendars cannot be checked"
        );
        use std::io::Write as _;
        std::io::stderr()
            .write_all(b"!!! SKIPPED the third-party calendar check: set CERCLE_ICAL_PYTHON !!!\n")
            .unwrap();
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.ics");
    std::fs::write(&file, ics).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ical/occurrences.py");
    let output = std::process::Command::new(python)
        .arg(script)
        .arg(&file)
        .arg(from.to_string())
        .arg(to.to_string())
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "the third-party parser refused the calendar: {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    Some(
        found
            .iter()
            .map(|o| (o["start"].as_i64().unwrap(), o["end"].as_i64().unwrap()))
            .collect(),
    )
}

#[tokio::test]
async fn calendars_expand_to_the_same_occurrences_in_a_third_party_parser() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "marketing",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(3);
    let mut form = event_form("Point Marketing", &day, "");
    form.push(("repeat", "every_two_weeks"));
    form.push(("repeat_count", "8"));
    let event = create_event(&app, &olga, "marketing", &form).await;
    let id: i64 = event.rsplit('/').next().unwrap().parse().unwrap();
    let stored = app
        .store
        .event(cercle_core::events::event::EventId(id))
        .await
        .unwrap();
    let keys: Vec<i64> = stored.occurrences().iter().map(|o| o.key).collect();
    let moved = app
        .post_form(
            &olga,
            &format!("{event}/occurrences/{}/move", keys[2]),
            &[
                ("date", &day_after(&day, 29)),
                ("start_time", "09:00"),
                ("end_time", "10:30"),
            ],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    app.post_form(
        &olga,
        &format!("{event}/occurrences/{}/cancel", keys[4]),
        &[],
    )
    .await;
    let visitor = app.client();
    let single = app.get(&visitor, &format!("{event}/calendar.ics")).await;
    assert_eq!(single.status(), StatusCode::OK);
    assert_eq!(
        single.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = single.text().await.unwrap();
    assert!(
        ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8"),
        "{ics}"
    );
    assert!(ics.contains("SEQUENCE:2"), "two changes: {ics}");
    assert!(
        !ics.contains("visio.example.org"),
        "no online link in a calendar"
    );
    let feed = text(
        app.get(&visitor, "/events/calendar.ics?community=marketing")
            .await,
    )
    .await;
    assert!(feed.contains("Point Marketing"));

    let event = app
        .store
        .event(cercle_core::events::event::EventId(id))
        .await
        .unwrap();
    let ours: Vec<(i64, i64)> = event
        .occurrences()
        .iter()
        .filter(|o| !o.cancelled)
        .map(|o| (o.starts_at.0, o.ends_at.0))
        .collect();
    assert_eq!(ours.len(), 7, "eight, one cancelled");
    let (from, to) = (ours[0].0 - 3600, event.fields.series_ends_at().0 + 3600);
    for calendar in [ics.as_str(), feed.as_str()] {
        if let Some(theirs) = third_party_occurrences(calendar, from, to) {
            assert_eq!(theirs, ours, "the same occurrences, moved one included");
        }
    }
    app.shutdown().await;
}

#[tokio::test]
async fn organisers_take_attendance_once_begun_and_export_a_formula_safe_list() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "ateliers",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(5);
    let mut form = event_form("Atelier pratique", &day, "");
    form.push(("question", "Votre régime alimentaire ?"));
    let event = create_event(&app, &olga, "ateliers", &form).await;
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    app.post_form(
        &ada,
        &format!("{event}/registration"),
        &[("answer", "=HYPERLINK(\"http://evil.example\")")],
    )
    .await;
    let ada_id = app
        .store
        .event_registrations(
            cercle_core::events::event::EventId(event.rsplit('/').next().unwrap().parse().unwrap()),
            0,
        )
        .await
        .unwrap()[0]
        .id
        .0;
    let attendance = format!("{event}/registrations/{ada_id}/attendance");
    let early = app
        .post_form(&olga, &attendance, &[("attendance", "present")])
        .await;
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(early).await.contains("une fois l'événement commencé"));

    // The workshop runs from yesterday to tomorrow: it has begun.
    let (yesterday, tomorrow) = (in_days(-1), in_days(1));
    let mut begun = form.clone();
    begun[4] = ("start_date", yesterday.as_str());
    begun[6] = ("end_date", tomorrow.as_str());
    let saved = app.post_form(&olga, &format!("{event}/edit"), &begun).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let recorded = app
        .post_form(&olga, &attendance, &[("attendance", "present")])
        .await;
    assert_eq!(recorded.status(), StatusCode::SEE_OTHER);
    let refused = app
        .post_form(&ada, &attendance, &[("attendance", "absent")])
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::NOT_FOUND,
        "the registrant records nothing"
    );
    let bad = app
        .post_form(&olga, &attendance, &[("attendance", "maybe")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let csv = app.get(&olga, &format!("{event}/registrations.csv")).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    assert!(
        body.starts_with("Nom,Inscription,Invités,Réponse"),
        "{body}"
    );
    assert!(body.contains("Ada Lovelace,Confirmée,0"), "{body}");
    assert!(body.contains("Présent·e"), "{body}");
    assert!(
        body.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "a formula is written as text: {body}"
    );
    assert_eq!(
        app.get(&ada, &format!("{event}/registrations.csv"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

#[tokio::test]
async fn a_personal_feed_at_a_secret_address_holds_ones_events_until_replaced() {
    let app = TestApp::new().await;
    let olga =
        community_with_organiser(&app, "reseau", "public", ("Olga Orga", "olga@example.org")).await;
    let day = in_days(12);
    let open = create_event(
        &app,
        &olga,
        "reseau",
        &event_form("Rencontre ouverte", &day, ""),
    )
    .await;
    let mut inner = event_form("CANARY-INSIDERS-ONLY", &day, "");
    inner[3] = ("audience", "community");
    create_event(&app, &olga, "reseau", &inner).await;
    // Olga's own other community, where Ada does not belong.
    let admin = app.admin().await;
    app.post_form(
        &admin,
        "/communities",
        &community("autre", "Autre", "public", "open"),
    )
    .await;
    let mut elsewhere = event_form("Ailleurs", &day, "");
    elsewhere[3] = ("audience", "community");
    app.post_form(&admin, "/c/autre/events", &elsewhere).await;

    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    app.post_form(&ada, &format!("{open}/registration"), &[])
        .await;
    let page = text(app.post_form(&ada, "/events/feed", &[]).await).await;
    let address = page
        .split("id=\"feed-address\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let path = address
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    let visitor = app.client();
    let feed = text(app.get(&visitor, &path).await).await;
    assert!(feed.contains("SUMMARY:Rencontre ouverte"), "{feed}");
    assert!(
        !feed.contains("CANARY-INSIDERS-ONLY") && !feed.contains("Ailleurs"),
        "not a member there: {feed}"
    );

    // Joining the community brings its members' events into the feed.
    app.post_form(&ada, "/c/reseau/join", &[]).await;
    let feed = text(app.get(&visitor, &path).await).await;
    assert!(feed.contains("CANARY-INSIDERS-ONLY"), "{feed}");
    assert!(!feed.contains("visio.example.org"), "never the online link");

    // A new address replaces the old, and ending the feed ends it.
    app.post_form(&ada, "/events/feed", &[]).await;
    assert_eq!(
        app.get(&visitor, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    let page = text(app.get(&ada, "/events/feed").await).await;
    assert!(page.contains("Vous avez un flux"), "{page}");
    let ended = app.post_form(&ada, "/events/feed/end", &[]).await;
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    assert!(
        text(app.get(&ada, "/events/feed").await)
            .await
            .contains("pas encore de flux")
    );
    assert_eq!(
        app.get(&visitor, "/calendar/forged-address").await.status(),
        StatusCode::NOT_FOUND
    );
    let token = api_token(&app, &ada, "read_write").await;
    let by_token = app
        .client()
        .post(app.url("/events/feed"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_ne!(by_token.status(), StatusCode::OK, "a token makes no feed");
    app.shutdown().await;
}

/// Sends `bytes` as the event's cover through the organisers' form.
async fn send_cover(
    app: &TestApp,
    client: &reqwest::Client,
    event: &str,
    (file_name, bytes): (&str, Vec<u8>),
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "cover",
        reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
    );
    client
        .post(app.url(&format!("{event}/cover")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_organiser_gives_an_event_a_cover_which_shows_as_far_as_the_event() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "patterns",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(20);
    let event = create_event(&app, &olga, "patterns", &event_form("Atelier", &day, "")).await;
    let visitor = app.client();
    assert_eq!(
        app.get(&visitor, &format!("{event}/cover")).await.status(),
        StatusCode::NOT_FOUND,
        "no cover yet"
    );

    // A text file is refused beside the form, in French, and nothing changes.
    let refused = send_cover(
        &app,
        &olga,
        &event,
        ("cover.png", b"not an image at all".to_vec()),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(refused).await;
    assert!(
        page.contains("Le fichier n'est pas une image PNG, JPEG, WebP ou SVG."),
        "{page}"
    );
    assert!(
        !text(app.get(&visitor, &event).await)
            .await
            .contains("class=\"cover\"")
    );

    let image = crate::site::png(1200, 600, 400);
    let saved = send_cover(&app, &olga, &event, ("cover.png", image.clone())).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let page = text(app.get(&visitor, &event).await).await;
    assert!(
        page.contains(&format!(
            "<img class=\"cover\" src=\"{event}/cover\" alt=\"\">"
        )),
        "{page}"
    );
    assert!(page.contains(&format!(
        "\"image\":\"{}",
        app.url(&format!("{event}/cover"))
    )));
    let served = app.get(&visitor, &format!("{event}/cover")).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    assert_eq!(served.bytes().await.unwrap().to_vec(), image);

    // Someone who does not organise it may not change it.
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let other = send_cover(&app, &ada, &event, ("cover.png", image.clone())).await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);

    // The API takes the cover away; the page and the image follow.
    let token = api_token(&app, &olga, "read_write").await;
    let removed = app
        .client()
        .delete(app.url(&format!("/api/v1{event}/cover")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&visitor, &format!("{event}/cover")).await.status(),
        StatusCode::NOT_FOUND
    );
    let body = get_json(&app, &format!("/api/v1{event}"), &token).await;
    assert_eq!(body["cover"], serde_json::Value::Null);

    // A members' event keeps its cover from visitors.
    let mut members = event_form("Réservé", &day, "");
    members[3] = ("audience", "community");
    let hidden = create_event(&app, &olga, "patterns", &members).await;
    let saved = send_cover(&app, &olga, &hidden, ("cover.png", image)).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&olga, &format!("{hidden}/cover")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&visitor, &format!("{hidden}/cover")).await.status(),
        StatusCode::NOT_FOUND
    );
    app.shutdown().await;
}

#[tokio::test]
async fn an_organiser_changes_a_meeting_and_the_following_ones_and_registrations_follow() {
    let app = TestApp::new().await;
    let olga = community_with_organiser(
        &app,
        "inner-source",
        "public",
        ("Olga Orga", "olga@example.org"),
    )
    .await;
    let day = in_days(7);
    let mut form = event_form("Réunion InnerSource", &day, "");
    form[2] = ("format", "working_group_meeting");
    form.push(("repeat", "weekly"));
    form.push(("repeat_count", "6"));
    let event = create_event(&app, &olga, "inner-source", &form).await;
    let page = text(app.get(&olga, &event).await).await;
    // The meetings, each once, in order.
    let mut keys: Vec<String> = Vec::new();
    for key in page
        .split("?occurrence=")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
    {
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    assert_eq!(keys.len(), 6, "{keys:?}");
    let (third, fourth) = (&keys[2], &keys[3]);
    let ada = app.member("Ada Lovelace", "ada@example.org").await;
    let registered = app
        .post_form(
            &ada,
            &format!("{event}/registration"),
            &[("occurrence", fourth.as_str())],
        )
        .await;
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);

    let occurrence = text(app.get(&olga, &format!("{event}?occurrence={third}")).await).await;
    let edit = format!("{event}/occurrences/{third}/edit");
    assert!(
        occurrence.contains(&format!(
            "href=\"{edit}\">Modifier cette séance et les suivantes"
        )),
        "{occurrence}"
    );
    let third_day = Date::of(Timestamp(third.parse().unwrap())).to_string();
    let prefilled = text(app.get(&olga, &edit).await).await;
    assert!(
        prefilled.contains("COUNT=4"),
        "four meetings are left after {third} of {keys:?}"
    );
    assert!(
        prefilled.contains(&format!("value=\"{third_day}\"")),
        "{prefilled}"
    );
    let rule = prefilled
        .split("name=\"rule\"")
        .nth(1)
        .and_then(|rest| rest.split("value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the rule's field")
        .to_owned();

    // An end before the start is refused, and the series stays whole.
    let mut later = event_form("Réunion InnerSource (soir)", &third_day, "");
    later[2] = ("format", "working_group_meeting");
    later[5] = ("start_time", "19:30");
    later[7] = ("end_time", "19:00");
    later.push(("repeat", "rule"));
    later.push(("rule", &rule));
    let refused = app.post_form(&olga, &edit, &later).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let whole = text(app.get(&olga, &event).await).await;
    assert_eq!(
        whole.matches("?occurrence=").count(),
        page.matches("?occurrence=").count()
    );

    later[7] = ("end_time", "21:30");
    let saved = app.post_form(&olga, &edit, &later).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let rest = location(&saved).to_owned();
    assert_ne!(
        rest, event,
        "the following meetings are an event of their own"
    );
    let rest_page = text(app.get(&ada, &rest).await).await;
    assert!(
        rest_page.contains("Réunion InnerSource (soir)"),
        "{rest_page}"
    );
    assert!(rest_page.contains("19:30"), "{rest_page}");
    let kept = text(app.get(&olga, &event).await).await;
    assert!(
        !kept.contains(&format!("?occurrence={third}")),
        "the event stops before the third meeting: {kept}"
    );

    // Ada's seat went along to the same meeting, now at 19:30, and she is told.
    let moved_key = fourth.parse::<i64>().unwrap() + 3600;
    let seat = text(
        app.get(&ada, &format!("{rest}?occurrence={moved_key}"))
            .await,
    )
    .await;
    assert!(seat.contains("Vous êtes inscrit·e."), "{seat}");
    app.deliver().await;
    let told = app.emails_to("ada@example.org").await;
    assert!(
        told.iter()
            .any(|m| m.subject.contains("Réunion InnerSource (soir)")),
        "{:?}",
        told.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    app.shutdown().await;
}
