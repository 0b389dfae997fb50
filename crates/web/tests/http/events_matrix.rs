//! The events' authorization matrix: every events route, page or API,
//! called by six actors on a public event and on one for the community's
//! members only, each cell with its expected answer, on an event made fresh
//! for the cell so that no cell depends on another.
//!
//! The routes come from the router (`cercle_web::event_routes()`) and from
//! the OpenAPI document: a new route fails until it has its row.

use std::collections::BTreeSet;

use cercle_core::accounts::account::AccountId;
use cercle_core::events::event::{EventFields, EventId, EventInput, RegistrationId};
use cercle_core::events::store::{CoverChange, EventSave, NewRegistration};
use cercle_core::kernel::image::{Image, Upload};
use cercle_core::kernel::time::Timestamp;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::answer::Answer;
use crate::answer::Answer::{Done as DONE, E401, E404, E422, LogIn as LOGIN, Ok as OK};
use crate::communities::{appoint, community, id_of};
use crate::site::png;
use crate::support::TestApp;

const ACTORS: [&str; 6] = [
    "anonymous",
    "outsider",
    "member",
    "registrant",
    "organiser",
    "administrator",
];

/// Everyone but the visitor and the administrator, as `(name, email)`.
const PEOPLE: [(&str, &str); 4] = [
    ("Oscar Outsider", "oscar@example.org"),
    ("Mia Member", "mia@example.org"),
    ("Rémi Registrant", "remi@example.org"),
    ("Olga Orga", "olga@example.org"),
];

/// What a cell sends.
enum Body {
    Empty,
    Form(Vec<(&'static str, String)>),
    Json(Value),
    /// A multipart body with a PNG as its `cover` file.
    Cover,
}

/// One route: its body, and each actor's answer on the public event and on
/// the community's members' one.
struct Row {
    method: &'static str,
    path: &'static str,
    body: fn() -> Body,
    public: [Answer; 6],
    members: [Answer; 6],
}

const fn row(
    method: &'static str,
    path: &'static str,
    body: fn() -> Body,
    public: [Answer; 6],
    members: [Answer; 6],
) -> Row {
    Row {
        method,
        path,
        body,
        public,
        members,
    }
}

fn empty() -> Body {
    Body::Empty
}

const DAY: &str = "2031-05-20";

fn fields(title: &str, audience: &str) -> EventInput {
    EventInput {
        title: title.to_owned(),
        format: "meetup".to_owned(),
        audience: audience.to_owned(),
        start_date: DAY.to_owned(),
        start_time: "18:00".to_owned(),
        end_date: DAY.to_owned(),
        end_time: "20:00".to_owned(),
        capacity: "10".to_owned(),
        ..EventInput::default()
    }
}

fn event_form() -> Body {
    let input = fields("Rencontre du matrice", "public");
    Body::Form(vec![
        ("title", input.title),
        ("format", input.format),
        ("audience", input.audience),
        ("start_date", input.start_date),
        ("start_time", input.start_time),
        ("end_date", input.end_date),
        ("end_time", input.end_time),
    ])
}

/// The first occurrence held an hour later the same day.
fn move_form() -> Body {
    Body::Form(vec![
        ("date", DAY.to_owned()),
        ("start_time", "19:00".to_owned()),
        ("end_time", "21:00".to_owned()),
    ])
}

fn event_json() -> Body {
    Body::Json(json!({
        "title": "Rencontre du matrice", "format": "meetup", "audience": "public",
        "start_date": DAY, "start_time": "18:00", "end_date": DAY, "end_time": "20:00"
    }))
}

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    vec![
        //   anon   outsd  membr  regst  orga   admin
        row("get", "/events", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],   // public event
            [OK,    OK,    OK,    OK,    OK,    OK]),  // members' event
        // The association's own events are the bureau's to organise.
        row("get", "/events/new", empty,
            [LOGIN, E404,  E404,  E404,  E404,  OK],
            [LOGIN, E404,  E404,  E404,  E404,  OK]),
        row("post", "/events", event_form,
            [LOGIN, E404,  E404,  E404,  E404,  DONE],
            [LOGIN, E404,  E404,  E404,  E404,  DONE]),
        row("get", "/events/{id}", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [E404,  E404,  OK,    OK,    OK,    OK]),
        // Calendars: the public feed holds what a visitor sees, whoever
        // fetches it; an event's own file follows its page.
        row("get", "/events/calendar.ics", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [OK,    OK,    OK,    OK,    OK,    OK]),
        row("get", "/events/{id}/calendar.ics", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [E404,  E404,  OK,    OK,    OK,    OK]),
        // A person's own feed: made in the browser, read at its secret
        // address by anyone holding it; an unknown address is not found.
        row("get", "/events/feed", empty,
            [LOGIN, OK,    OK,    OK,    OK,    OK],
            [LOGIN, OK,    OK,    OK,    OK,    OK]),
        row("post", "/events/feed", empty,
            [LOGIN, OK,    OK,    OK,    OK,    OK],
            [LOGIN, OK,    OK,    OK,    OK,    OK]),
        row("post", "/events/feed/end", empty,
            [LOGIN, DONE,  DONE,  DONE,  DONE,  DONE],
            [LOGIN, DONE,  DONE,  DONE,  DONE,  DONE]),
        row("get", "/calendar/{token}", empty,
            [E404,  E404,  E404,  E404,  E404,  E404],
            [E404,  E404,  E404,  E404,  E404,  E404]),
        row("get", "/events/{id}/edit", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("post", "/events/{id}/edit", event_form,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/events/{id}/cancel", empty,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        // The cover is as visible as its event, and the organisers' to change.
        row("get", "/events/{id}/cover", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [E404,  E404,  OK,    OK,    OK,    OK]),
        row("post", "/events/{id}/cover", || Body::Cover,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/events/{id}/cover/remove", empty,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/events/{id}/registration", || Body::Form(Vec::new()),
            [LOGIN, DONE,  DONE,  E422,  DONE,  DONE],
            [LOGIN, E404,  DONE,  E422,  DONE,  DONE]),
        row("post", "/events/{id}/registration/cancel", || Body::Form(Vec::new()),
            [LOGIN, E422,  E422,  DONE,  E422,  E422],
            [LOGIN, E404,  E422,  DONE,  E422,  E422]),
        row("get", "/events/{id}/registrations", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("get", "/events/{id}/registrations.csv", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        // Attendance waits for the event to begin, years ahead here.
        row("post", "/events/{id}/registrations/{registration}/attendance", || Body::Form(vec![("attendance", "present".to_owned())]),
            [LOGIN, E404,  E404,  E404,  E422,  E422],
            [LOGIN, E404,  E404,  E404,  E422,  E422]),
        row("post", "/events/{id}/registrations/{registration}", || Body::Form(vec![("decision", "refuse".to_owned())]),
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/events/{id}/occurrences/{occurrence}/cancel", empty,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/events/{id}/occurrences/{occurrence}/move", move_form,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("get", "/events/{id}/occurrences/{occurrence}/edit", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("post", "/events/{id}/occurrences/{occurrence}/edit", event_form,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE],
            [LOGIN, E404,  E404,  E404,  DONE,  DONE]),
        row("get", "/api/v1/events", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [OK,    OK,    OK,    OK,    OK,    OK]),
        row("post", "/api/v1/events", event_json,
            [E401,  E404,  E404,  E404,  E404,  DONE],
            [E401,  E404,  E404,  E404,  E404,  DONE]),
        row("get", "/api/v1/events/{id}", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [E404,  E404,  OK,    OK,    OK,    OK]),
        row("put", "/api/v1/events/{id}", event_json,
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("post", "/api/v1/events/{id}/cancel", empty,
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("put", "/api/v1/events/{id}/cover", || Body::Cover,
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("delete", "/api/v1/events/{id}/cover", empty,
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("put", "/api/v1/events/{id}/registration", || Body::Json(json!({})),
            [E401,  OK,    OK,    E422,  OK,    OK],
            [E401,  E404,  OK,    E422,  OK,    OK]),
        row("delete", "/api/v1/events/{id}/registration", empty,
            [E401,  E422,  E422,  DONE,  E422,  E422],
            [E401,  E404,  E422,  DONE,  E422,  E422]),
        row("get", "/api/v1/events/{id}/registrations", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("post", "/api/v1/events/{id}/registrations/{registration}/decision", || Body::Json(json!({"decision": "refuse"})),
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("put", "/api/v1/events/{id}/registrations/{registration}/attendance", || Body::Json(json!({"attendance": "present"})),
            [E401,  E404,  E404,  E404,  E422,  E422],
            [E401,  E404,  E404,  E404,  E422,  E422]),
        row("post", "/api/v1/events/{id}/occurrences/{occurrence}/cancel", empty,
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
        row("put", "/api/v1/events/{id}/occurrences/{occurrence}/following", event_json,
            [E401,  E404,  E404,  E404,  OK,    OK],
            [E401,  E404,  E404,  E404,  OK,    OK]),
        row("put", "/api/v1/events/{id}/occurrences/{occurrence}", || Body::Json(json!({"date": DAY, "start_time": "19:00", "end_time": "21:00"})),
            [E401,  E404,  E404,  E404,  DONE,  DONE],
            [E401,  E404,  E404,  E404,  DONE,  DONE]),
    ]
}

/// The instance under test: a public community whose animator organises,
/// its member, the registrant (also a member) and an outsider.
struct World {
    app: TestApp,
    clients: Vec<reqwest::Client>,
    community: cercle_core::communities::community::CommunityId,
    organiser: AccountId,
    registrant: AccountId,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let admin = app.admin().await;
        let created = app
            .post_form(
                &admin,
                "/communities",
                &community("matrice", "Matrice", "public", "open"),
            )
            .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
        let mut clients = vec![app.client()];
        for (name, email) in PEOPLE {
            let client = app.member(name, email).await;
            if email != "oscar@example.org" {
                app.post_form(&client, "/c/matrice/join", &[]).await;
            }
            clients.push(client);
        }
        appoint(&app, "matrice", "olga@example.org", "animator").await;
        clients.push(admin);
        let community = app.store.community_by_slug("matrice").await.unwrap().id;
        let organiser = id_of(&app, "olga@example.org").await;
        let registrant = id_of(&app, "remi@example.org").await;
        Self {
            app,
            clients,
            community,
            organiser,
            registrant,
        }
    }

    /// A fresh event for one cell, a weekly series when `series`, with the
    /// registrant registered (to the first occurrence of a series).
    async fn event(&self, audience: &str, series: bool) -> (EventId, i64, RegistrationId) {
        let mut input = fields("Rencontre", audience);
        if series {
            input.repeat = "weekly".to_owned();
            input.repeat_count = "4".to_owned();
        }
        let fields: EventFields = input.parse(true).unwrap();
        let occurrence = if series { fields.starts_at.0 } else { 0 };
        let id = self
            .app
            .store
            .create_event(&EventSave {
                community: Some(self.community),
                fields,
                by: self.organiser,
                at: Timestamp::now(),
            })
            .await
            .unwrap();
        let registration = self
            .app
            .store
            .register_for_event(&NewRegistration {
                event: id,
                occurrence,
                account: self.registrant,
                guests: 0,
                answer: String::new(),
                at: Timestamp::now(),
            })
            .await
            .unwrap();
        // Every event has a cover, for the routes that show or remove it.
        self.app
            .store
            .set_event_cover(&CoverChange {
                event: id,
                image: Some(
                    Image::parse(
                        "cover",
                        &Upload {
                            file_name: "cover.png".to_owned(),
                            bytes: png(640, 320, 200),
                        },
                    )
                    .unwrap(),
                ),
                by: self.organiser,
                at: Timestamp::now(),
            })
            .await
            .unwrap();
        (id, occurrence, registration.id)
    }

    async fn call(&self, actor: usize, row: &Row, audience: &str) -> Answer {
        let series = row.path.contains("{occurrence}");
        let (event, occurrence, registration) = self.event(audience, series).await;
        let path = row
            .path
            .replace("{id}", &event.0.to_string())
            .replace("{occurrence}", &occurrence.to_string())
            .replace("{registration}", &registration.0.to_string())
            .replace("{token}", "no-such-feed");
        let client = &self.clients[actor];
        let request = client.request(
            row.method.to_uppercase().parse().unwrap(),
            self.app.url(&path),
        );
        let request = match (row.body)() {
            Body::Empty => request,
            Body::Form(fields) => request.form(&fields),
            Body::Json(value) => request.json(&value),
            Body::Cover => request.multipart(cover_form()),
        };
        Answer::of(&request.send().await.unwrap())
    }
}

fn cover_form() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(
        "cover",
        reqwest::multipart::Part::bytes(png(800, 400, 300)).file_name("cover.png"),
    )
}

/// The events' routes the matrix must cover: the pages from the router's
/// own list, the API's from its OpenAPI document.
async fn routes(world: &World) -> BTreeSet<(String, String)> {
    world
        .app
        .routes(&cercle_web::event_routes(), |path| {
            path.starts_with("/api/v1/events")
        })
        .await
}

#[tokio::test]
async fn every_event_route_answers_each_actor_as_the_matrix_says() {
    let world = World::new().await;
    let rows = rows();
    let mut failures = Vec::new();
    let routes = routes(&world).await;
    for (method, path) in &routes {
        if !rows.iter().any(|r| r.method == method && r.path == path) {
            failures.push(format!("{method} {path}: no row in the matrix"));
        }
    }
    for row in &rows {
        if !routes.contains(&(row.method.to_owned(), row.path.to_owned())) {
            failures.push(format!("{} {}: a row for no route", row.method, row.path));
        }
        for (audience, expected) in [("public", &row.public), ("community", &row.members)] {
            for (actor, want) in expected.iter().enumerate() {
                let got = world.call(actor, row, audience).await;
                if got != *want {
                    failures.push(format!(
                        "{} {} ({audience} event) as {}: {got:?}, expected {want:?}",
                        row.method, row.path, ACTORS[actor]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    world.app.shutdown().await;
}
