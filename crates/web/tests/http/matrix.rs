//! The communities' authorization matrix: every community route, page or
//! API, called by ten actors against a members-only and a secret community,
//! each cell with its expected answer; and canary strings planted in those
//! communities that no outsider's answer may carry.
//!
//! The routes come from the router itself (`cercle_web::community_routes()`)
//! and from the OpenAPI document, so a new route fails the matrix until it
//! has its row in [`rows`]. To add one: write its row (method, path, a body
//! that works for an allowed actor, and the expected answer of each actor in
//! each community), and, if its path has a new parameter, teach
//! [`World::resolve`] what to put there.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::community::{CommunityFields, CommunityId, Engagement};
use cercle_core::communities::store::CommunitySave;
use cercle_core::communities::store::Departure;
use cercle_core::communities::store::Exclusion;
use cercle_core::communities::store::NewCommunityMember;
use cercle_core::communities::store::NewInvitation;
use cercle_core::communities::store::NewJoinRequest;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::job::NewJob;
use cercle_core::kernel::mail::OutgoingEmail;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::Notices;
use cercle_core::store::Store;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::{location, text};

/// What an actor gets back, as the matrix writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// 200: a page, or a JSON answer.
    Ok,
    /// 303 elsewhere than the log-in page: the form worked; or the API's
    /// 201 or 204 for the same.
    Done,
    /// 303 to the log-in page.
    LogIn,
    /// 401, the API's answer to a caller without credentials.
    Unauthorized,
    /// 403: the actor may see the community, and the eligibility rules refuse.
    Refused,
    /// 404: hidden, or nothing of the actor's to act on.
    Hidden,
    /// 422: refused fields, or a state that does not allow it (already a
    /// member, a request pending, excluded).
    Invalid,
    Other(u16),
}

const OK: Answer = Answer::Ok;
const DONE: Answer = Answer::Done;
const LOGIN: Answer = Answer::LogIn;
const E401: Answer = Answer::Unauthorized;
const E403: Answer = Answer::Refused;
const E404: Answer = Answer::Hidden;
const E422: Answer = Answer::Invalid;

impl Answer {
    fn of(response: &reqwest::Response) -> Self {
        match response.status().as_u16() {
            200 => Self::Ok,
            303 if location(response).starts_with("/login") => Self::LogIn,
            303 | 201 | 204 => Self::Done,
            401 => Self::Unauthorized,
            403 => Self::Refused,
            404 => Self::Hidden,
            422 => Self::Invalid,
            other => Self::Other(other),
        }
    }

    /// Whether the request was carried out.
    fn worked(self) -> bool {
        matches!(self, Self::Ok | Self::Done)
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ok => write!(f, "200"),
            Self::Done => write!(f, "done (303, 201 or 204)"),
            Self::LogIn => write!(f, "303 to log-in"),
            Self::Unauthorized => write!(f, "401"),
            Self::Refused => write!(f, "403"),
            Self::Hidden => write!(f, "404"),
            Self::Invalid => write!(f, "422"),
            Self::Other(status) => write!(f, "{status}"),
        }
    }
}

/// The actors, in the order of every row's columns.
const ACTORS: [&str; 10] = [
    "anonymous",
    "non-adherent",
    "adherent",
    "pending requester",
    "member",
    "reviewer",
    "pilot",
    "moderator",
    "administrator",
    "excluded",
];

/// Everyone but the anonymous visitor and the administrator, as
/// `(name, email)`, in the order of [`ACTORS`]. The non-adherent pilots, and
/// the adherent moderates, the public community: roles elsewhere must give
/// nothing in the communities under test.
const PEOPLE: [(&str, &str); 8] = [
    ("Nina Sans-Cotisation", "nina@example.org"),
    ("Adèle Adhérente", "adele@example.org"),
    ("Paul Demandeur", "paul@example.org"),
    ("Marc Membre", "marc@example.org"),
    ("Rita Animatrice", "rita@example.org"),
    ("Louis Pilote", "louis@example.org"),
    ("Fanny Facilitatrice", "fanny@example.org"),
    ("Ernest Exclu", "ernest@example.org"),
];
const ADHERENT: &str = "adele@example.org";
const PENDING: &str = "paul@example.org";
const MEMBER: &str = "marc@example.org";
const MODERATOR: &str = "fanny@example.org";
const EXCLUDED: &str = "ernest@example.org";
/// Each person's role in the members-only and the secret community.
const ROLES: [(&str, &str); 5] = [
    (MEMBER, "member"),
    ("rita@example.org", "animator"),
    ("louis@example.org", "pilot"),
    (MODERATOR, "facilitator"),
    (EXCLUDED, "member"),
];

const MEMBERS_CANARY: &str = "CANARY-MEMBERS-7f3a";
const SECRET_CANARY: &str = "CANARY-SECRET-91c2";
const PUBLIC_CANARY: &str = "CANARY-PUBLIC-5d08";

/// What a cell sends.
enum Body {
    Empty,
    Form(Vec<(String, String)>),
    Json(Value),
}

fn form(fields: &[(&str, &str)]) -> Body {
    Body::Form(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

/// What a body may depend on: the community under test as created, the
/// version of its charter in force, and a number unique to the cell.
struct Ctx<'a> {
    target: &'a Target,
    charter: i64,
    n: usize,
}

/// One route: its body, and the answer of each actor of [`ACTORS`] in the
/// members-only community and in the secret one.
struct Row {
    method: &'static str,
    path: &'static str,
    body: fn(&Ctx) -> Body,
    members_only: [Answer; 10],
    secret: [Answer; 10],
}

fn row(
    method: &'static str,
    path: &'static str,
    body: fn(&Ctx) -> Body,
    members_only: [Answer; 10],
    secret: [Answer; 10],
) -> Row {
    Row {
        method,
        path,
        body,
        members_only,
        secret,
    }
}

/// An API route that does what a form does: `(the form's path, method,
/// path, a body that works, what it answers when it works)`.
type Twin = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Ctx) -> Body,
    Answer,
);

fn empty(_: &Ctx) -> Body {
    Body::Empty
}

/// A meeting of the community, years ahead, numbered by the cell.
fn event_form(n: usize) -> Vec<(String, String)> {
    [
        ("title", format!("Réunion n° {n}")),
        ("format", "working_group_meeting".to_owned()),
        ("audience", "community".to_owned()),
        ("start_date", "2031-03-11".to_owned()),
        ("start_time", "18:00".to_owned()),
        ("end_date", "2031-03-11".to_owned()),
        ("end_time", "19:00".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The matrix. The members-only community takes requests from adherents
/// only; the secret one takes requests from anyone who can see it, which
/// only its members and the administrators can. Outsiders get 404, never
/// 403; writes that need an account send the anonymous visitor to log in,
/// whether or not the community exists.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    let mut rows = vec![
        // Columns: anonymous, non-adherent, adherent not in the community,
        // pending requester, member, reviewer, pilot, moderator,
        // administrator, excluded.
        //   anon   nonad  adher  pend   memb   revw   pilot  moder  admin  excl
        row("get", "/communities", empty,
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK],  // members-only
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK]),  // secret
        row("post", "/communities", |c| {
                let slug = format!("matrice-{}", c.n);
                Body::Form(community_form(&slug, "Nouvelle", "", "public", "open", false))
            },
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  DONE,  E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  DONE,  E404]),  // secret
        row("get", "/c/{slug}", empty,
            [E404,  OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK],  // members-only
            [E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    OK,    E404]),  // secret
        row("get", "/c/{slug}/edit", empty,
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  OK,    E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  OK,    E404]),  // secret
        row("post", "/c/{slug}/edit", |c| {
                let mut fields = c.target.form.clone();
                for (key, value) in &mut fields {
                    if key == "cadence" {
                        *value = "chaque semaine".to_owned();
                    }
                }
                Body::Form(fields)
            },
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  DONE,  E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  E404,  E404,  E404,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/join", |c| {
                let version = c.charter.to_string();
                form(&[
                    ("motivation", "Je gère un datacenter."),
                    ("engagement", "regular"),
                    ("charter_version", &version),
                    ("accept_charter", "on"),
                ])
            },
            [LOGIN, E403,  DONE,  E422,  E422,  E422,  E422,  E422,  E403,  E422],  // members-only
            [LOGIN, E404,  E404,  E404,  E422,  E422,  E422,  E422,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/leave", empty,
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404]),  // secret
        row("post", "/c/{slug}/appointments", |_| form(&[("email", ADHERENT), ("role", "sponsor")]),
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  E404,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  E404,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/exclusions", |_| {
                form(&[("email", MEMBER), ("reason", "Règle 2 : pas de promotion commerciale.")])
            },
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/charter", |c| {
                Body::Form(vec![("text".to_owned(), format!("- Règle révisée n° {}", c.n))])
            },
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/charter/accept", |c| {
                Body::Form(vec![("version".to_owned(), c.charter.to_string())])
            },
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404]),  // secret
        row("post", "/c/{slug}/engagement", |_| form(&[("engagement", "occasional")]),
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404,  E404]),  // secret
        row("post", "/c/{slug}/exclusions/{account}/readmit", empty,
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  E404]),  // secret
        row("get", "/c/{slug}/requests", empty,
            [E404,  E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404]),  // secret
        row("post", "/join-requests/{id}/decision", |_| {
                form(&[("verdict", "accept"), ("reason", "Bienvenue !")])
            },
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        // The requester may take back their own request, even once the
        // community turned secret.
        row("post", "/join-requests/{id}/withdraw", empty,
            [LOGIN, E404,  E404,  DONE,  E404,  E404,  E404,  E404,  E404,  E404],  // members-only
            [LOGIN, E404,  E404,  DONE,  E404,  E404,  E404,  E404,  E404,  E404]),  // secret
        // Vouching and interviews belong to co-optation and applications:
        // in these communities, on request, those who may see the request
        // are told so. The plain member is no adherent: under the
        // members-only community's adherents-only rule their access is
        // suspended, and the request is hidden from them.
        row("post", "/join-requests/{id}/vouch", empty,
            [LOGIN, E404,  E404,  E404,  E404,  E422,  E422,  E422,  E404,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E422,  E422,  E422,  E422,  E404,  E404]),  // secret
        row("post", "/join-requests/{id}/interview", |_| form(&[("held_on", "2026-01-05"), ("notes", "Entretien")]),
            [LOGIN, E404,  E404,  E404,  E404,  E422,  E422,  E422,  E422,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  E422,  E422,  E422,  E422,  E404]),  // secret
        row("post", "/c/{slug}/invitations", |_| form(&[("email", "invitee@example.org")]),
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/invitations/{invitation}/revoke", empty,
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        // Whoever holds an invitation's link may read it; only the person
        // invited (the adherent here) may take it up.
        row("get", "/invitations/{token}", empty,
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK],  // members-only
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK]),  // secret
        row("post", "/invitations/{token}", |c| {
                let version = c.charter.to_string();
                form(&[("charter_version", &version), ("accept_charter", "on")])
            },
            [LOGIN, E422,  DONE,  E422,  E422,  E422,  E422,  E422,  E422,  E422],  // members-only
            [LOGIN, E422,  DONE,  E422,  E422,  E422,  E422,  E422,  E422,  E422]),  // secret
        row("post", "/api/v1/join-requests/{id}/vouch", empty,
            [E401,  E404,  E404,  E404,  E404,  E422,  E422,  E422,  E404,  E404],  // members-only
            [E401,  E404,  E404,  E404,  E422,  E422,  E422,  E422,  E404,  E404]),  // secret
        // The webhook is set by those who manage the community's content.
        row("get", "/c/{slug}/webhook", empty,
            [E404,  E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404]),  // secret
        row("post", "/c/{slug}/webhook", |_| {
                form(&[("kind", "slack"), ("url", "https://hooks.slack.com/services/T0/B0/x")])
            },
            [E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        row("post", "/c/{slug}/webhook/remove", empty,
            [E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [E404,  E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        // A community's events are organised by the roles that manage
        // them: animators (the reviewer here), pilots and facilitators.
        row("get", "/c/{slug}/events/new", empty,
            [LOGIN, E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    E404]),  // secret
        row("post", "/c/{slug}/events", |c| Body::Form(event_form(c.n)),
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404],  // members-only
            [LOGIN, E404,  E404,  E404,  E404,  DONE,  DONE,  DONE,  DONE,  E404]),  // secret
        row("get", "/api/v1/communities", empty,
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK],  // members-only
            [OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK]),  // secret
        row("get", "/api/v1/communities/{slug}", empty,
            [E404,  OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK,    OK],  // members-only
            [E404,  E404,  E404,  E404,  OK,    OK,    OK,    OK,    OK,    E404]),  // secret
        row("post", "/api/v1/communities/{slug}/join", |c| {
                Body::Json(json!({
                    "motivation": "Je gère un datacenter.",
                    "engagement": "regular",
                    "accept_charter": c.charter,
                }))
            },
            [E401,  E403,  OK,    E422,  E422,  E422,  E422,  E422,  E403,  E422],  // members-only
            [E401,  E404,  E404,  E404,  E422,  E422,  E422,  E422,  OK,    E404]),  // secret
    ];
    // The API twins of the forms answer as their form does, with a 401
    // where the page sends to the log-in page; what the form did with a
    // redirect, the API does with a 204 (or a 201, or a 200 with a body).
    let twins: [Twin; 17] = [
        ("/communities", "post", "/api/v1/communities", |c| {
                let slug = format!("matrice-api-{}", c.n);
                Body::Json(community_json(&community_form(&slug, "Nouvelle", "", "public", "open", false)))
            }, DONE),
        ("/c/{slug}/edit", "put", "/api/v1/communities/{slug}", |c| {
                let mut fields = c.target.form.clone();
                for (key, value) in &mut fields {
                    if key == "cadence" {
                        *value = "chaque mois".to_owned();
                    }
                }
                Body::Json(community_json(&fields))
            }, DONE),
        ("/c/{slug}/leave", "post", "/api/v1/communities/{slug}/leave", empty, DONE),
        ("/c/{slug}/appointments", "post", "/api/v1/communities/{slug}/appointments",
            |_| Body::Json(json!({"email": ADHERENT, "role": "sponsor"})), DONE),
        ("/c/{slug}/exclusions", "post", "/api/v1/communities/{slug}/exclusions",
            |_| Body::Json(json!({"email": MEMBER, "reason": "Règle 2 : pas de promotion commerciale."})), DONE),
        ("/c/{slug}/exclusions/{account}/readmit", "post",
            "/api/v1/communities/{slug}/exclusions/{account}/readmit", empty, DONE),
        ("/c/{slug}/charter", "put", "/api/v1/communities/{slug}/charter",
            |c| Body::Json(json!({"text": format!("- Règle révisée n° {}", c.n)})), OK),
        ("/c/{slug}/charter/accept", "post", "/api/v1/communities/{slug}/charter/accept",
            |c| Body::Json(json!({"version": c.charter})), DONE),
        ("/c/{slug}/engagement", "put", "/api/v1/communities/{slug}/engagement",
            |_| Body::Json(json!({"engagement": "occasional"})), DONE),
        ("/join-requests/{id}/decision", "post", "/api/v1/join-requests/{id}/decision",
            |_| Body::Json(json!({"verdict": "accept", "reason": "Bienvenue !"})), DONE),
        ("/join-requests/{id}/withdraw", "post", "/api/v1/join-requests/{id}/withdraw", empty, DONE),
        ("/join-requests/{id}/interview", "post", "/api/v1/join-requests/{id}/interview",
            |_| Body::Json(json!({"held_on": "2026-01-05", "notes": "Entretien"})), DONE),
        ("/c/{slug}/invitations", "post", "/api/v1/communities/{slug}/invitations",
            |_| Body::Json(json!({"email": "invitee@example.org"})), DONE),
        ("/c/{slug}/invitations/{invitation}/revoke", "post",
            "/api/v1/communities/{slug}/invitations/{invitation}/revoke", empty, DONE),
        ("/c/{slug}/webhook", "put", "/api/v1/communities/{slug}/webhook",
            |_| Body::Json(json!({"kind": "slack", "url": "https://hooks.slack.com/services/T0/B0/x"})), DONE),
        ("/c/{slug}/webhook/remove", "delete", "/api/v1/communities/{slug}/webhook", empty, DONE),
        ("/c/{slug}/events", "post", "/api/v1/communities/{slug}/events", |c| {
                let fields: serde_json::Map<String, Value> = event_form(c.n)
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect();
                Body::Json(Value::Object(fields))
            }, DONE),
    ];
    for (page, method, path, body, done) in twins {
        let form = rows
            .iter()
            .find(|row| row.method == "post" && row.path == page)
            .unwrap_or_else(|| panic!("{page} has its row"));
        let answer = |cell: Answer| match cell {
            LOGIN => E401,
            DONE => done,
            other => other,
        };
        let twin = row(
            method,
            path,
            body,
            form.members_only.map(answer),
            form.secret.map(answer),
        );
        rows.push(twin);
    }
    rows
}

/// A community the matrix or the canaries look at.
struct Target {
    slug: &'static str,
    canary: &'static str,
    id: CommunityId,
    /// Its fields as last posted by the administrator.
    form: Vec<(String, String)>,
}

fn community_form(
    slug: &str,
    name: &str,
    canary: &str,
    visibility: &str,
    access: &str,
    adherents_only: bool,
) -> Vec<(String, String)> {
    let mut fields = vec![
        ("slug", slug.to_owned()),
        ("name", format!("{name} {canary}").trim().to_owned()),
        ("kind", "community".to_owned()),
        ("theme", "Infrastructures numériques".to_owned()),
        ("cadence", "toutes les deux semaines".to_owned()),
        (
            "description",
            format!("Partager les retours d'expérience. {canary}"),
        ),
        (
            "objectives",
            format!("Vulgariser l'infrastructure {canary}\nAccompagner la transformation"),
        ),
        (
            "channels",
            "slack | #infra | https://adn.slack.com/archives/C1".to_owned(),
        ),
        ("visibility", visibility.to_owned()),
        ("access", access.to_owned()),
    ];
    if adherents_only {
        fields.push(("adherents_only", "on".to_owned()));
    }
    fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The community form's fields as the API's JSON body: lists for the
/// fields the form takes one per line, booleans for its checkboxes.
fn community_json(fields: &[(String, String)]) -> Value {
    let mut body = serde_json::Map::new();
    for (key, value) in fields {
        let value = match key.as_str() {
            "objectives" => json!(value.lines().collect::<Vec<_>>()),
            "channels" => json!(
                value
                    .lines()
                    .map(|line| {
                        let parts: Vec<&str> = line.split(" | ").collect();
                        json!({"kind": parts[0], "label": parts[1], "url": parts[2]})
                    })
                    .collect::<Vec<_>>()
            ),
            "adherents_only" => json!(value == "on"),
            _ => json!(value),
        };
        body.insert(key.clone(), value);
    }
    Value::Object(body)
}

/// The association: three communities and the ten actors.
struct World {
    app: TestApp,
    /// In the order of [`ACTORS`].
    clients: Vec<reqwest::Client>,
    admin: AccountId,
    pending: AccountId,
    excluded: AccountId,
    members_only: Target,
    secret: Target,
    public: Target,
    /// Numbers the invitations created for the cells that need one.
    invitations: AtomicU64,
}

/// The index of `email` in [`PEOPLE`].
fn person(email: &str) -> usize {
    PEOPLE.iter().position(|(_, e)| *e == email).unwrap()
}

async fn community_id(app: &TestApp, slug: &str) -> CommunityId {
    app.store.community_by_slug(slug).await.unwrap().id
}

async fn account(app: &TestApp, email: &str) -> AccountId {
    app.store
        .account_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .id
}

async fn posted(app: &TestApp, client: &reqwest::Client, path: &str, fields: &[(&str, &str)]) {
    let response = app.post_form(client, path, fields).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "POST {path} {fields:?}: {}",
        text(response).await
    );
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let admin = app.admin().await;
        let mut people = Vec::new();
        for (name, email) in PEOPLE {
            people.push(app.member(name, email).await);
        }

        // Adèle and Paul pay their dues: they are adherents.
        for email in [ADHERENT, PENDING] {
            crate::pay_dues(&app, &admin, email).await;
        }

        // The secret community starts members-only, so that Paul can ask to
        // join it before it turns secret.
        let members_only = community_form(
            "cercle-interne",
            "Cercle interne",
            MEMBERS_CANARY,
            "members_only",
            "request",
            true,
        );
        let mut secret = community_form(
            "bureau-discret",
            "Bureau discret",
            SECRET_CANARY,
            "members_only",
            "request",
            false,
        );
        let public = community_form(
            "groupe-ouvert",
            "Groupe ouvert",
            PUBLIC_CANARY,
            "public",
            "open",
            false,
        );
        for (fields, canary) in [
            (&members_only, MEMBERS_CANARY),
            (&secret, SECRET_CANARY),
            (&public, PUBLIC_CANARY),
        ] {
            posted(&app, &admin, "/communities", &pairs(fields)).await;
            let slug = &fields[0].1;
            let charter = format!("- Respecter les engagements {canary}");
            posted(
                &app,
                &admin,
                &format!("/c/{slug}/charter"),
                &[("text", charter.as_str())],
            )
            .await;
        }
        for slug in ["cercle-interne", "bureau-discret"] {
            for (email, role) in ROLES {
                posted(
                    &app,
                    &admin,
                    &format!("/c/{slug}/appointments"),
                    &[("email", email), ("role", role)],
                )
                .await;
            }
            for (email, _) in ROLES {
                posted(
                    &app,
                    &people[person(email)],
                    &format!("/c/{slug}/charter/accept"),
                    &[("version", "1")],
                )
                .await;
            }
            posted(
                &app,
                &people[person(PENDING)],
                &format!("/c/{slug}/join"),
                &[
                    ("motivation", "Je voudrais contribuer."),
                    ("engagement", "regular"),
                    ("charter_version", "1"),
                    ("accept_charter", "on"),
                ],
            )
            .await;
            posted(
                &app,
                &people[person(MODERATOR)],
                &format!("/c/{slug}/exclusions"),
                &[
                    ("email", EXCLUDED),
                    ("reason", "Règle 2 : pas de promotion commerciale."),
                ],
            )
            .await;
        }
        // Nina and Adèle lead the public community: a role elsewhere gives
        // nothing in the two under test.
        for (email, role) in [("nina@example.org", "pilot"), (ADHERENT, "facilitator")] {
            posted(
                &app,
                &admin,
                "/c/groupe-ouvert/appointments",
                &[("email", email), ("role", role)],
            )
            .await;
        }
        for (key, value) in &mut secret {
            if key == "visibility" {
                *value = "secret".to_owned();
            }
        }
        posted(&app, &admin, "/c/bureau-discret/edit", &pairs(&secret)).await;

        // Marc shows his profile to the members.
        posted(
            &app,
            &people[person(MEMBER)],
            "/account/profile",
            &[
                ("job_title", "Architecte réseau"),
                ("bio", "Je contribue à plusieurs communautés."),
                ("public", "on"),
            ],
        )
        .await;

        let mut clients = vec![app.client()];
        clients.extend(people.drain(..7));
        clients.push(admin);
        clients.append(&mut people);
        let world = World {
            admin: account(&app, "admin@example.org").await,
            pending: account(&app, PENDING).await,
            excluded: account(&app, EXCLUDED).await,
            members_only: Target {
                slug: "cercle-interne",
                canary: MEMBERS_CANARY,
                id: community_id(&app, "cercle-interne").await,
                form: members_only,
            },
            secret: Target {
                slug: "bureau-discret",
                canary: SECRET_CANARY,
                id: community_id(&app, "bureau-discret").await,
                form: secret,
            },
            public: Target {
                slug: "groupe-ouvert",
                canary: PUBLIC_CANARY,
                id: community_id(&app, "groupe-ouvert").await,
                form: public,
            },
            invitations: AtomicU64::new(0),
            clients,
            app,
        };
        for target in [&world.members_only, &world.secret] {
            let state = snapshot(&*world.app.store, target.id).await;
            assert_eq!(state.members.len(), 4, "{}: {state:?}", target.slug);
            assert_eq!(state.exclusions, [world.excluded.0], "{}", target.slug);
            assert_eq!(state.pending, [world.pending.0], "{}", target.slug);
        }
        world
    }

    /// The path with its parameters filled in: `{slug}` the community under
    /// test, `{id}` the pending requester's request to it, `{account}` the
    /// excluded member.
    async fn resolve(&self, path: &str, target: &Target) -> String {
        let mut path = path.replace("{slug}", target.slug);
        if path.contains("{id}") {
            let request = self
                .app
                .store
                .pending_join_requests(target.id)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.account == self.pending)
                .expect("the pending requester's request");
            path = path.replace("{id}", &request.id.0.to_string());
        }
        let mut path = path.replace("{account}", &self.excluded.0.to_string());
        if path.contains("{invitation}") || path.contains("{token}") {
            let secret = format!(
                "matrix-{}-{}",
                target.slug,
                self.invitations.fetch_add(1, Ordering::Relaxed)
            );
            let invitation = self
                .app
                .store
                .create_invitation(&NewInvitation {
                    community: target.id,
                    email: EmailAddress::parse(ADHERENT).unwrap(),
                    token: TokenHash::of(&secret),
                    expires_at: Timestamp::now().plus(std::time::Duration::from_secs(3600)),
                    notice: NewJob::new(
                        format!("matrix:invitation:{secret}"),
                        OutgoingEmail {
                            to: EmailAddress::parse(ADHERENT).unwrap(),
                            subject: "Invitation".to_owned(),
                            text: "Invitation du test.".to_owned(),
                            list_unsubscribe: None,
                            calendar: None,
                        },
                        Timestamp::now(),
                    ),
                    by: self.admin,
                    at: Timestamp::now(),
                })
                .await
                .unwrap();
            path = path
                .replace("{invitation}", &invitation.0.to_string())
                .replace("{token}", &secret);
        }
        assert!(
            !path.contains('{'),
            "{path}: teach `World::resolve` what to put in this parameter"
        );
        path
    }

    async fn send(&self, actor: usize, method: &str, path: &str, body: Body) -> reqwest::Response {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let request = self.clients[actor].request(method, self.app.url(path));
        let request = match body {
            Body::Empty => request,
            Body::Form(fields) => request.form(&fields),
            Body::Json(value) => request.json(&value),
        };
        request.send().await.expect("the server answers")
    }

    async fn charter(&self, target: &Target) -> i64 {
        self.app
            .store
            .charter(target.id)
            .await
            .unwrap()
            .map_or(0, |c| c.version)
    }
}

/// The routes the matrix must cover: the community pages from the router's
/// own list, and the API's community and join-request paths from its OpenAPI
/// document.
async fn routes(world: &World) -> BTreeSet<(String, String)> {
    let routes = world
        .app
        .routes(&cercle_web::community_routes(), |path| {
            path.starts_with("/api/v1/communities") || path.contains("join-requests")
        })
        .await;
    assert!(
        routes.len() > cercle_web::community_routes().len(),
        "the API's community routes are found"
    );
    routes
}

/// A community's state, as far as the routes under test can change it.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    fields: CommunityFields,
    charter: Option<String>,
    /// `(account, roles, engagement, has accepted the charter in force)`.
    members: Vec<(i64, Vec<String>, Engagement, bool)>,
    exclusions: Vec<i64>,
    /// The accounts with a pending request.
    pending: Vec<i64>,
    /// Every community's slug.
    directory: Vec<String>,
}

async fn snapshot(store: &dyn Store, id: CommunityId) -> Snapshot {
    let charter = store.charter(id).await.unwrap();
    let version = charter.as_ref().map(|c| c.version);
    let mut members: Vec<_> = store
        .community_members(id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| {
            let mut roles = m.roles;
            roles.sort();
            (
                m.account.0,
                roles,
                m.engagement,
                version.is_some() && m.charter_version == version,
            )
        })
        .collect();
    members.sort_by_key(|m| m.0);
    let mut exclusions: Vec<i64> = store
        .community_exclusions(id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.account.0)
        .collect();
    exclusions.sort_unstable();
    let mut pending: Vec<i64> = store
        .pending_join_requests(id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.account.0)
        .collect();
    pending.sort_unstable();
    let mut directory: Vec<String> = store
        .communities()
        .await
        .unwrap()
        .iter()
        .map(|c| c.fields.slug.as_str().to_owned())
        .collect();
    directory.sort();
    Snapshot {
        fields: store.community(id).await.unwrap().fields,
        charter: charter.map(|c| c.text),
        members,
        exclusions,
        pending,
        directory,
    }
}

/// Puts the community back as `baseline` says, through the store: what a
/// cell that worked changed. Communities created stay; a charter is
/// published again with the former text.
async fn restore(store: &dyn Store, id: CommunityId, by: AccountId, baseline: &Snapshot) {
    let at = Timestamp::now();
    let now = snapshot(store, id).await;
    for account in now
        .exclusions
        .iter()
        .filter(|a| !baseline.exclusions.contains(a))
    {
        store
            .readmit_to_community(id, AccountId(*account), by, at)
            .await
            .unwrap();
    }
    for member in now
        .members
        .iter()
        .filter(|m| !baseline.members.iter().any(|b| b.0 == m.0))
    {
        store
            .remove_community_member(&Departure {
                community: id,
                account: AccountId(member.0),
                notices: Notices::default(),
                at,
            })
            .await
            .unwrap();
    }
    for (account, roles, engagement, _) in &baseline.members {
        match now.members.iter().find(|m| m.0 == *account) {
            None => {
                store
                    .add_community_member(&NewCommunityMember {
                        community: id,
                        account: AccountId(*account),
                        role: roles[0].clone(),
                        engagement: *engagement,
                        charter_version: None,
                        announcements: Notices::default(),
                        by,
                        at,
                    })
                    .await
                    .unwrap();
                store
                    .set_community_roles(id, AccountId(*account), roles, by, at)
                    .await
                    .unwrap();
            }
            Some(member) => {
                if &member.1 != roles {
                    store
                        .set_community_roles(id, AccountId(*account), roles, by, at)
                        .await
                        .unwrap();
                }
                if member.2 != *engagement {
                    store
                        .set_engagement(id, AccountId(*account), *engagement)
                        .await
                        .unwrap();
                }
            }
        }
    }
    for account in baseline
        .exclusions
        .iter()
        .filter(|a| !now.exclusions.contains(a))
    {
        let person = store.account(AccountId(*account)).await.unwrap();
        if !baseline.members.iter().any(|m| m.0 == *account) {
            store
                .add_community_member(&NewCommunityMember {
                    community: id,
                    account: person.id,
                    role: "member".to_owned(),
                    engagement: Engagement::Regular,
                    charter_version: None,
                    announcements: Notices::default(),
                    by,
                    at,
                })
                .await
                .unwrap();
        }
        store
            .exclude_from_community(&Exclusion {
                community: id,
                account: person.id,
                reason: "Règle 2 : pas de promotion commerciale.".to_owned(),
                rule: None,
                notice: Notices::default(),
                by,
                at,
            })
            .await
            .unwrap();
    }
    for request in store.pending_join_requests(id).await.unwrap() {
        if !baseline.pending.contains(&request.account.0) {
            store
                .withdraw_join_request(request.id, request.account, at)
                .await
                .unwrap();
        }
    }
    let version = store.charter(id).await.unwrap().map(|c| c.version);
    for account in baseline.pending.iter().filter(|a| !now.pending.contains(a)) {
        store
            .create_join_request(&NewJoinRequest {
                community: id,
                account: AccountId(*account),
                motivation: "Je voudrais contribuer.".to_owned(),
                engagement: Engagement::Regular,
                charter_version: version,
                answers: Vec::new(),
                notices: Notices::default(),
                at,
            })
            .await
            .unwrap();
    }
    if now.charter != baseline.charter
        && let Some(text) = &baseline.charter
    {
        store.publish_charter(id, text, by, at).await.unwrap();
    }
    if now.fields != baseline.fields {
        store
            .update_community(
                id,
                &CommunitySave {
                    fields: baseline.fields.clone(),
                    by,
                    at,
                },
            )
            .await
            .unwrap();
    }
    let version = store.charter(id).await.unwrap().map(|c| c.version);
    let now = snapshot(store, id).await;
    for (account, _, _, accepted) in &baseline.members {
        let current = now.members.iter().find(|m| m.0 == *account);
        if *accepted
            && current.is_some_and(|m| !m.3)
            && let Some(version) = version
        {
            store
                .accept_charter(id, AccountId(*account), version, at)
                .await
                .unwrap();
        }
    }
}

/// Whether `actor` may see `target`, as the matrix's row for its page says;
/// everyone sees the public community.
fn sees(rows: &[Row], world: &World, actor: usize, target: &Target) -> bool {
    let page = rows
        .iter()
        .find(|r| r.method == "get" && r.path == "/c/{slug}")
        .expect("the community page's row");
    if target.slug == world.members_only.slug {
        page.members_only[actor] == OK
    } else if target.slug == world.secret.slug {
        page.secret[actor] == OK
    } else {
        true
    }
}

/// An invitation's link is its secret: whoever holds it is shown the
/// community's name, so its pages are kept out of the canary and the
/// hidden-as-missing checks (an unknown link answers 404).
fn holds_the_link(row: &Row) -> bool {
    row.path.starts_with("/invitations/")
}

/// Records a failure for each canary of a community `actor` may not see.
fn leaks(
    rows: &[Row],
    world: &World,
    actor: usize,
    what: &str,
    body: &str,
    failures: &mut Vec<String>,
) {
    for target in [&world.members_only, &world.secret, &world.public] {
        if !sees(rows, world, actor, target) && body.contains(target.canary) {
            failures.push(format!(
                "{what} as {}: the answer carries {}",
                ACTORS[actor], target.canary
            ));
        }
    }
}

fn report(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[tokio::test]
async fn every_community_route_answers_each_actor_as_the_matrix_says() {
    let world = World::new().await;
    let rows = rows();
    let routes = routes(&world).await;
    let mut failures = Vec::new();

    // A route the router lists and the table does not cover fails, and so
    // does a row for a route that is gone.
    for (method, path) in &routes {
        if !rows.iter().any(|r| r.method == method && r.path == path) {
            failures.push(format!("{method} {path}: no row in the matrix"));
        }
    }
    for row in &rows {
        if !routes.contains(&(row.method.to_owned(), row.path.to_owned())) {
            failures.push(format!(
                "{} {}: a row for a route the router does not list",
                row.method, row.path
            ));
        }
    }
    // Those who may not see a community are never told 403 about it.
    for row in &rows {
        for (actor, _) in ACTORS.iter().enumerate() {
            for (target, answer) in [
                (&world.members_only, row.members_only[actor]),
                (&world.secret, row.secret[actor]),
            ] {
                if !sees(&rows, &world, actor, target) && answer == E403 {
                    failures.push(format!(
                        "{} {} in {} as {}: the table expects 403 from an outsider",
                        row.method, row.path, target.slug, ACTORS[actor]
                    ));
                }
            }
        }
    }

    let mut n = 0;
    for (target, column) in [
        (
            &world.members_only,
            (|r: &Row| r.members_only) as fn(&Row) -> [Answer; 10],
        ),
        (&world.secret, |r: &Row| r.secret),
    ] {
        let store = &*world.app.store;
        let mut baseline = snapshot(store, target.id).await;
        for row in rows
            .iter()
            .filter(|r| routes.contains(&(r.method.to_owned(), r.path.to_owned())))
        {
            for (actor, expected) in column(row).into_iter().enumerate() {
                n += 1;
                let path = world.resolve(row.path, target).await;
                let ctx = Ctx {
                    target,
                    charter: world.charter(target).await,
                    n,
                };
                let cell = format!("{} {path}", row.method.to_uppercase());
                let response = world.send(actor, row.method, &path, (row.body)(&ctx)).await;
                let got = Answer::of(&response);
                let body = response.text().await.unwrap_or_default();
                if got != expected {
                    failures.push(format!(
                        "{cell} as {}: expected {expected}, got {got}",
                        ACTORS[actor]
                    ));
                }
                if !holds_the_link(row) {
                    leaks(&rows, &world, actor, &cell, &body, &mut failures);
                }
                if row.method == "get" {
                    continue;
                }
                let after = snapshot(store, target.id).await;
                if after == baseline {
                    continue;
                }
                if !got.worked() {
                    failures.push(format!(
                        "{cell} as {}: refused ({got}) yet changed the community: {after:?}",
                        ACTORS[actor]
                    ));
                }
                restore(store, target.id, world.admin, &baseline).await;
                let restored = snapshot(store, target.id).await;
                assert_eq!(
                    Snapshot {
                        directory: Vec::new(),
                        ..restored.clone()
                    },
                    Snapshot {
                        directory: Vec::new(),
                        ..baseline.clone()
                    },
                    "the state after {cell} as {} is put back",
                    ACTORS[actor]
                );
                baseline = restored;
            }
        }

        // To those who may not see it, the community and everything in it
        // answer exactly as if it did not exist.
        for row in rows
            .iter()
            .filter(|r| r.path.contains('{') && !holds_the_link(r))
        {
            for (actor, expected) in column(row).into_iter().enumerate() {
                if sees(&rows, &world, actor, target) || expected.worked() {
                    continue;
                }
                let phantom = row
                    .path
                    .replace("{slug}", "nulle-part")
                    .replace("{id}", "999999")
                    .replace("{invitation}", "999999")
                    .replace("{account}", &world.excluded.0.to_string());
                let ctx = Ctx {
                    target,
                    charter: world.charter(target).await,
                    n: 0,
                };
                let got = Answer::of(
                    &world
                        .send(actor, row.method, &phantom, (row.body)(&ctx))
                        .await,
                );
                if got != expected {
                    failures.push(format!(
                        "{} {} as {}: {expected} in {} but {got} where nothing exists ({phantom})",
                        row.method.to_uppercase(),
                        row.path,
                        ACTORS[actor],
                        target.slug
                    ));
                }
            }
        }
    }
    report(&failures);
    world.app.shutdown().await;
}

/// Every page and API answer an outsider can fetch, fetched by every actor:
/// a canary appears only to those the matrix lets see its community. Who
/// that is comes from the row of `GET /c/{slug}`: the secret community is
/// seen by its members and the administrators; the members-only one by
/// every signed-in account, for `Visibility::MembersOnly` means "signed-in
/// people of the association", so there only the anonymous visitor is an
/// outsider.
#[tokio::test]
async fn canaries_of_hidden_communities_never_reach_outsiders() {
    let world = World::new().await;
    let app = &world.app;
    let rows = rows();
    let marc = account(app, MEMBER).await.0;
    let mut pages = vec![
        "/".to_owned(),
        "/communities".to_owned(),
        "/communities?q=CANARY".to_owned(),
        "/communities?q=canary-members".to_owned(),
        "/communities?q=91c2".to_owned(),
        "/communities?q=interne".to_owned(),
        "/communities?q=discret".to_owned(),
        "/communities?kind=community".to_owned(),
        "/api/v1/communities".to_owned(),
        format!("/people/{marc}"),
        format!("/api/v1/people/{marc}"),
        "/account".to_owned(),
        "/api/v1/me".to_owned(),
    ];
    for target in [&world.members_only, &world.secret, &world.public] {
        pages.push(format!("/c/{}", target.slug));
        pages.push(format!("/c/{}/requests", target.slug));
        pages.push(format!("/api/v1/communities/{}", target.slug));
    }
    let mut failures = Vec::new();
    for (actor, client) in world.clients.iter().enumerate() {
        for page in &pages {
            let body = app.get(client, page).await.text().await.unwrap();
            leaks(
                &rows,
                &world,
                actor,
                &format!("GET {page}"),
                &body,
                &mut failures,
            );
        }
    }
    // The API with a bearer token, as scripts call it.
    for actor in 1..=3 {
        let token = crate::admission::api_token(app, &world.clients[actor], "read").await;
        for page in pages.iter().filter(|p| p.starts_with("/api/")) {
            let body = reqwest::Client::new()
                .get(app.url(page))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            leaks(
                &rows,
                &world,
                actor,
                &format!("GET {page} with a token"),
                &body,
                &mut failures,
            );
        }
    }
    // Those who may see a community do read its canary, so that the checks
    // above can fail.
    for target in [&world.members_only, &world.secret, &world.public] {
        for (actor, client) in world.clients.iter().enumerate() {
            if !sees(&rows, &world, actor, target) {
                continue;
            }
            for page in [
                format!("/c/{}", target.slug),
                format!("/api/v1/communities/{}", target.slug),
                "/communities?q=CANARY".to_owned(),
                "/api/v1/communities".to_owned(),
            ] {
                let body = text(app.get(client, &page).await).await;
                if !body.contains(target.canary) {
                    failures.push(format!(
                        "GET {page} as {}: {} is missing",
                        ACTORS[actor], target.canary
                    ));
                }
            }
        }
    }
    report(&failures);
    world.app.shutdown().await;
}
