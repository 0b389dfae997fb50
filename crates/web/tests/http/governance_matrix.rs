//! Governance's authorization matrix: every governance route, page or API,
//! called by six actors on a draft assembly and on a convened one, each
//! cell with its expected answer, on a body and an assembly made fresh for
//! the cell so that no cell depends on another.
//!
//! The routes come from the router (`cercle_web::governance_routes()`) and
//! from the OpenAPI document: a new route fails until it has its row.

use std::collections::BTreeSet;

use cercle_core::accounts::account::AccountId;
use cercle_core::governance::assembly::{AssemblyId, AssemblyInput, ItemId, ItemInput};
use cercle_core::governance::body::{BodyId, BodyInput, MandateId, Seat};
use cercle_core::governance::convocation::ConvocationBatch;
use cercle_core::governance::store::{AssemblySave, BodySave, Convocation, ItemSave, MandateSave};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::time::Timestamp;
use serde_json::{Value, json};

use crate::answer::Answer;
use crate::answer::Answer::{Done as DONE, E401, E403, E404, E422, LogIn as LOGIN, Ok as OK};
use crate::communities::id_of;
use crate::pay_dues;
use crate::register::grant;
use crate::support::TestApp;

const ACTORS: [&str; 6] = [
    "anonymous",
    "on the roll",
    "not on the roll",
    "bureau",
    "administrator",
    "read-only token",
];

/// What a cell's request is about, made fresh for it.
struct Ids {
    body: BodyId,
    mandate: MandateId,
    assembly: AssemblyId,
    item: ItemId,
    /// The member of the roll whose presence the bureau records.
    account: AccountId,
}

/// What a cell sends.
enum Body {
    Empty,
    Form(Vec<(&'static str, String)>),
    Json(Value),
}

/// One route: its body, and each actor's answer on a draft assembly and
/// on a convened one.
struct Row {
    method: &'static str,
    path: &'static str,
    body: fn(&Ids) -> Body,
    draft: [Answer; 6],
    convened: [Answer; 6],
}

const fn row(
    method: &'static str,
    path: &'static str,
    body: fn(&Ids) -> Body,
    draft: [Answer; 6],
    convened: [Answer; 6],
) -> Row {
    Row {
        method,
        path,
        body,
        draft,
        convened,
    }
}

fn empty(_: &Ids) -> Body {
    Body::Empty
}

/// The day the assemblies are held: far enough ahead to be convened.
const DAY: &str = "2031-06-14";

/// The second voting member of the roll, who carries a proxy.
const HOLDER: &str = "victor@example.org";

fn form(fields: &[(&'static str, &str)]) -> Body {
    Body::Form(
        fields
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned()))
            .collect(),
    )
}

/// The statutes as they stand by default, saved again.
fn statutes_form(_: &Ids) -> Body {
    form(&[
        ("notice_days", "15"),
        ("proxy_cap", "2"),
        ("ordinary_quorum_percent", "25"),
        ("extraordinary_quorum_percent", "50"),
    ])
}

fn statutes_json(_: &Ids) -> Body {
    Body::Json(json!({
        "notice_days": 15, "proxy_cap": 2, "ordinary_quorum_percent": 25,
        "extraordinary_quorum_percent": 50, "abstentions_count": false
    }))
}

fn body_form(_: &Ids) -> Body {
    form(&[("name", "Conseil du matrice"), ("kind", "board")])
}

fn body_json(_: &Ids) -> Body {
    Body::Json(json!({"name": "Conseil du matrice", "kind": "board"}))
}

fn mandate_form(_: &Ids) -> Body {
    form(&[
        ("email", HOLDER),
        ("seat", "member"),
        ("starts_on", "2020-01-01"),
    ])
}

fn mandate_json(_: &Ids) -> Body {
    Body::Json(json!({"email": HOLDER, "seat": "member", "starts_on": "2020-01-01"}))
}

fn end_form(ids: &Ids) -> Body {
    Body::Form(vec![("body", ids.body.0.to_string())])
}

fn assembly_form(_: &Ids) -> Body {
    form(&[
        ("title", "Assemblée du matrice"),
        ("kind", "ordinary"),
        ("date", DAY),
        ("time", "14:00"),
    ])
}

fn assembly_json(_: &Ids) -> Body {
    Body::Json(json!({
        "title": "Assemblée du matrice", "kind": "ordinary", "date": DAY, "time": "14:00"
    }))
}

fn item_form(_: &Ids) -> Body {
    form(&[
        ("title", "Rapport moral"),
        ("resolution", "on"),
        ("text", "L'assemblée approuve le rapport moral."),
        ("majority", "simple"),
        ("ballot", "open"),
    ])
}

fn item_json(_: &Ids) -> Body {
    Body::Json(json!({
        "title": "Rapport moral",
        "resolution": {"text": "L'assemblée approuve le rapport moral.", "majority": "simple", "ballot": "open"}
    }))
}

fn proxy_form(_: &Ids) -> Body {
    form(&[("holder", HOLDER)])
}

fn presence_form(_: &Ids) -> Body {
    form(&[("presence", "in_person")])
}

fn vote_form(_: &Ids) -> Body {
    form(&[("choice", "for")])
}

fn receipt_form(_: &Ids) -> Body {
    form(&[("receipt", "ABCD-EFGH-JKLM-NPQR")])
}

fn minutes_form(_: &Ids) -> Body {
    form(&[("text", "Procès-verbal du matrice.")])
}

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    vec![
        //   anon   roll   off    bureau admin  token
        // The governance page is public; bodies, mandates and statutes are
        // the administrators'.
        row("get", "/governance", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],   // draft assembly
            [OK,    OK,    OK,    OK,    OK,    OK]),  // convened assembly
        row("get", "/governance/statutes", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("post", "/governance/statutes", statutes_form,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        row("get", "/governance/bodies/new", empty,
            [LOGIN, E404,  E404,  E404,  OK,    E403],
            [LOGIN, E404,  E404,  E404,  OK,    E403]),
        row("post", "/governance/bodies", body_form,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        row("get", "/governance/bodies/{id}", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("post", "/governance/bodies/{id}", body_form,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        row("post", "/governance/bodies/{id}/remove", empty,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        row("post", "/governance/bodies/{id}/mandates", mandate_form,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        row("post", "/governance/mandates/{id}/end", end_form,
            [LOGIN, E404,  E404,  E404,  DONE,  E403],
            [LOGIN, E404,  E404,  E404,  DONE,  E403]),
        // Assemblies: a draft is the bureau's alone; once convened, its
        // roll sees it too.
        row("get", "/assemblies", empty,
            [LOGIN, OK,    OK,    OK,    OK,    OK],
            [LOGIN, OK,    OK,    OK,    OK,    OK]),
        row("get", "/assemblies/new", empty,
            [LOGIN, E404,  E404,  OK,    OK,    E403],
            [LOGIN, E404,  E404,  OK,    OK,    E403]),
        row("post", "/assemblies", assembly_form,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        row("get", "/assemblies/{id}", empty,
            [LOGIN, E404,  E404,  OK,    OK,    OK],
            [LOGIN, OK,    E404,  OK,    OK,    OK]),
        // The form is for those who may send it: a token may not.
        row("get", "/assemblies/{id}/edit", empty,
            [LOGIN, E404,  E404,  OK,    OK,    E404],
            [LOGIN, E404,  E404,  OK,    OK,    E404]),
        row("post", "/assemblies/{id}/edit", assembly_form,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        row("get", "/assemblies/{id}/assembly.ics", empty,
            [LOGIN, E404,  E404,  OK,    OK,    OK],
            [LOGIN, OK,    E404,  OK,    OK,    OK]),
        row("post", "/assemblies/{id}/convene", empty,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, E404,  E404,  E422,  E422,  E403]),
        // The bureau and the administrator are on the roll as the team,
        // who do not vote: they may not give a proxy.
        row("post", "/assemblies/{id}/proxy", proxy_form,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, DONE,  E404,  E422,  E422,  E403]),
        row("post", "/assemblies/{id}/proxy/revoke", empty,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, DONE,  E404,  DONE,  DONE,  E403]),
        // Checking in opens an hour before the start, years ahead here.
        row("post", "/assemblies/{id}/check-in", empty,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E422,  E404,  E422,  E422,  E403]),
        row("post", "/assemblies/{id}/open", empty,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        row("post", "/assemblies/{id}/close", empty,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E404,  E404,  E422,  E422,  E403]),
        row("get", "/assemblies/{id}/roll", empty,
            [E404,  E404,  E404,  OK,    OK,    OK],
            [E404,  E404,  E404,  OK,    OK,    OK]),
        row("post", "/assemblies/{id}/roll/{account}", presence_form,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        row("post", "/assemblies/{id}/items", item_form,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        row("get", "/assemblies/{id}/items/{item}/edit", empty,
            [LOGIN, E404,  E404,  OK,    OK,    E403],
            [LOGIN, E404,  E404,  OK,    OK,    E403]),
        row("post", "/assemblies/{id}/items/{item}/edit", item_form,
            [LOGIN, E404,  E404,  DONE,  DONE,  E403],
            [LOGIN, E404,  E404,  DONE,  DONE,  E403]),
        // Ballots open and close only while the assembly is open.
        row("post", "/assemblies/{id}/items/{item}/open", empty,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E404,  E404,  E422,  E422,  E403]),
        row("post", "/assemblies/{id}/items/{item}/close", empty,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E404,  E404,  E422,  E422,  E403]),
        row("post", "/assemblies/{id}/items/{item}/vote", vote_form,
            [LOGIN, E404,  E404,  E422,  E422,  E403],
            [LOGIN, E422,  E404,  E422,  E422,  E403]),
        // Checking a receipt reads: a token may.
        row("post", "/assemblies/{id}/items/{item}/receipt", receipt_form,
            [LOGIN, E404,  E404,  OK,    OK,    OK],
            [LOGIN, OK,    E404,  OK,    OK,    OK]),
        // No minutes exist before the assembly closes, and none are written.
        row("get", "/assemblies/{id}/minutes", empty,
            [LOGIN, E404,  E404,  E404,  E404,  E404],
            [LOGIN, E404,  E404,  E404,  E404,  E404]),
        // The pages have no minutes to show the refusal beside, so the
        // administrator is told there is nothing here; the API says why.
        row("post", "/assemblies/{id}/minutes", minutes_form,
            [LOGIN, E404,  E404,  E404,  E404,  E403],
            [LOGIN, E404,  E404,  E404,  E404,  E403]),
        // The API, whose anonymous callers are told 401 where the pages
        // send them to log in.
        row("get", "/api/v1/governance", empty,
            [OK,    OK,    OK,    OK,    OK,    OK],
            [OK,    OK,    OK,    OK,    OK,    OK]),
        row("get", "/api/v1/governance/statutes", empty,
            [E404,  E404,  E404,  E404,  OK,    OK],
            [E404,  E404,  E404,  E404,  OK,    OK]),
        row("put", "/api/v1/governance/statutes", statutes_json,
            [E401,  E404,  E404,  E404,  OK,    E403],
            [E401,  E404,  E404,  E404,  OK,    E403]),
        row("post", "/api/v1/governance/bodies", body_json,
            [E401,  E404,  E404,  E404,  DONE,  E403],
            [E401,  E404,  E404,  E404,  DONE,  E403]),
        row("put", "/api/v1/governance/bodies/{id}", body_json,
            [E401,  E404,  E404,  E404,  DONE,  E403],
            [E401,  E404,  E404,  E404,  DONE,  E403]),
        row("delete", "/api/v1/governance/bodies/{id}", empty,
            [E401,  E404,  E404,  E404,  DONE,  E403],
            [E401,  E404,  E404,  E404,  DONE,  E403]),
        row("post", "/api/v1/governance/bodies/{id}/mandates", mandate_json,
            [E401,  E404,  E404,  E404,  DONE,  E403],
            [E401,  E404,  E404,  E404,  DONE,  E403]),
        row("post", "/api/v1/governance/mandates/{id}/end", |_| Body::Json(json!({"ends_on": null})),
            [E401,  E404,  E404,  E404,  DONE,  E403],
            [E401,  E404,  E404,  E404,  DONE,  E403]),
        row("get", "/api/v1/assemblies", empty,
            [E401,  OK,    OK,    OK,    OK,    OK],
            [E401,  OK,    OK,    OK,    OK,    OK]),
        row("post", "/api/v1/assemblies", assembly_json,
            [E401,  E404,  E404,  DONE,  DONE,  E403],
            [E401,  E404,  E404,  DONE,  DONE,  E403]),
        row("get", "/api/v1/assemblies/{id}", empty,
            [E401,  E404,  E404,  OK,    OK,    OK],
            [E401,  OK,    E404,  OK,    OK,    OK]),
        row("put", "/api/v1/assemblies/{id}", assembly_json,
            [E401,  E404,  E404,  DONE,  DONE,  E403],
            [E401,  E404,  E404,  DONE,  DONE,  E403]),
        row("post", "/api/v1/assemblies/{id}/convene", empty,
            [E401,  E404,  E404,  OK,    OK,    E403],
            [E401,  E404,  E404,  E422,  E422,  E403]),
        row("put", "/api/v1/assemblies/{id}/proxy", |_| Body::Json(json!({"holder": HOLDER})),
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  DONE,  E404,  E422,  E422,  E403]),
        row("delete", "/api/v1/assemblies/{id}/proxy", empty,
            [E401,  E404,  E404,  DONE,  DONE,  E403],
            [E401,  DONE,  E404,  DONE,  DONE,  E403]),
        row("post", "/api/v1/assemblies/{id}/check-in", empty,
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E422,  E404,  E422,  E422,  E403]),
        row("post", "/api/v1/assemblies/{id}/open", empty,
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E404,  E404,  OK,    OK,    E403]),
        row("post", "/api/v1/assemblies/{id}/close", empty,
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E404,  E404,  E422,  E422,  E403]),
        row("get", "/api/v1/assemblies/{id}/roll", empty,
            [E404,  E404,  E404,  OK,    OK,    OK],
            [E404,  E404,  E404,  OK,    OK,    OK]),
        row("put", "/api/v1/assemblies/{id}/roll/{account}/presence", |_| Body::Json(json!({"presence": "in_person"})),
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E404,  E404,  DONE,  DONE,  E403]),
        row("post", "/api/v1/assemblies/{id}/items", item_json,
            [E401,  E404,  E404,  DONE,  DONE,  E403],
            [E401,  E404,  E404,  DONE,  DONE,  E403]),
        row("put", "/api/v1/assemblies/{id}/items/{item}", item_json,
            [E401,  E404,  E404,  DONE,  DONE,  E403],
            [E401,  E404,  E404,  DONE,  DONE,  E403]),
        row("post", "/api/v1/assemblies/{id}/items/{item}/open", empty,
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E404,  E404,  E422,  E422,  E403]),
        row("post", "/api/v1/assemblies/{id}/items/{item}/close", empty,
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E404,  E404,  E422,  E422,  E403]),
        row("post", "/api/v1/assemblies/{id}/items/{item}/votes", |_| Body::Json(json!({"choice": "for"})),
            [E401,  E404,  E404,  E422,  E422,  E403],
            [E401,  E422,  E404,  E422,  E422,  E403]),
        row("post", "/api/v1/assemblies/{id}/items/{item}/receipt", |_| Body::Json(json!({"receipt": "ABCD-EFGH-JKLM-NPQR"})),
            [E401,  E404,  E404,  OK,    OK,    OK],
            [E401,  OK,    E404,  OK,    OK,    OK]),
        row("get", "/api/v1/assemblies/{id}/minutes", empty,
            [E401,  E404,  E404,  E404,  E404,  E404],
            [E401,  E404,  E404,  E404,  E404,  E404]),
        row("put", "/api/v1/assemblies/{id}/minutes", |_| Body::Json(json!({"text": "Procès-verbal du matrice.", "approve": false})),
            [E401,  E404,  E404,  E404,  E422,  E403],
            [E401,  E404,  E404,  E404,  E422,  E403]),
    ]
}

/// The instance under test: two adherents whose plan votes (the actor on
/// the roll and the member who carries proxies), a member who has not paid
/// and is not on the roll, a bureau member, the administrator, and a
/// read-only token of the administrator.
struct World {
    app: TestApp,
    clients: Vec<reqwest::Client>,
    admin: AccountId,
    roll_member: AccountId,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let admin = app.admin().await;
        let roll = app.member("Mia Membre", "mia@example.org").await;
        let outsider = app.member("Oscar Dehors", "oscar@example.org").await;
        let bureau = app.member("Béa Bureau", "bea@example.org").await;
        app.member("Victor Votant", HOLDER).await;
        pay_dues(&app, &admin, "mia@example.org").await;
        pay_dues(&app, &admin, HOLDER).await;
        grant(&app, &admin, "bea@example.org", &["bureau_member"]).await;
        let token = crate::admission::api_token(&app, &admin, "read").await;
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        let script = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let clients = vec![app.client(), roll, outsider, bureau, admin, script];
        let admin = id_of(&app, "admin@example.org").await;
        let roll_member = id_of(&app, "mia@example.org").await;
        Self {
            app,
            clients,
            admin,
            roll_member,
        }
    }

    /// A fresh body with a mandate, and a fresh assembly with one item
    /// carrying a resolution, convened when `convened`.
    async fn ids(&self, convened: bool) -> Ids {
        let store = &self.app.store;
        let at = Timestamp::now();
        let body = store
            .create_body(&BodySave {
                fields: BodyInput {
                    name: "Conseil".to_owned(),
                    kind: "board".to_owned(),
                    description: String::new(),
                }
                .parse()
                .unwrap(),
                by: self.admin,
                at,
            })
            .await
            .unwrap();
        let mandate = store
            .add_mandate(&MandateSave {
                body,
                account: self.roll_member,
                seat: Seat::Member,
                starts_on: Date::parse("2020-01-01").unwrap(),
                ends_on: None,
                by: self.admin,
                at,
            })
            .await
            .unwrap();
        let fields = AssemblyInput {
            title: "Assemblée générale".to_owned(),
            kind: "ordinary".to_owned(),
            date: DAY.to_owned(),
            time: "14:00".to_owned(),
            ..AssemblyInput::default()
        }
        .parse()
        .unwrap();
        let zone = fields.zone.clone();
        let assembly = store
            .create_assembly(&AssemblySave {
                fields,
                by: self.admin,
                at,
            })
            .await
            .unwrap();
        let item = store
            .add_item(&ItemSave {
                assembly,
                fields: ItemInput {
                    title: "Rapport moral".to_owned(),
                    resolution: Some("on".to_owned()),
                    text: "L'assemblée approuve le rapport moral.".to_owned(),
                    majority: "simple".to_owned(),
                    ballot: "open".to_owned(),
                    ..ItemInput::default()
                }
                .parse(&zone)
                .unwrap(),
                by: self.admin,
                at,
            })
            .await
            .unwrap();
        if convened {
            store
                .convene(&Convocation {
                    assembly,
                    roll_on: Date::of(at),
                    job: ConvocationBatch::job(assembly, 0, at),
                    by: self.admin,
                    at,
                })
                .await
                .unwrap();
        }
        Ids {
            body,
            mandate,
            assembly,
            item,
            account: self.roll_member,
        }
    }

    async fn call(&self, actor: usize, row: &Row, convened: bool) -> Answer {
        let ids = self.ids(convened).await;
        // `{id}` names a mandate, a body or an assembly, by the path.
        let path = if row.path.contains("/governance/mandates/") {
            row.path.replace("{id}", &ids.mandate.0.to_string())
        } else if row.path.starts_with("/governance") || row.path.starts_with("/api/v1/governance")
        {
            row.path.replace("{id}", &ids.body.0.to_string())
        } else {
            row.path.replace("{id}", &ids.assembly.0.to_string())
        }
        .replace("{item}", &ids.item.0.to_string())
        .replace("{account}", &ids.account.0.to_string());
        let request = self.clients[actor].request(
            row.method.to_uppercase().parse().unwrap(),
            self.app.url(&path),
        );
        let request = match (row.body)(&ids) {
            Body::Empty => request,
            Body::Form(fields) => request.form(&fields),
            Body::Json(value) => request.json(&value),
        };
        Answer::of(&request.send().await.unwrap())
    }
}

/// The governance routes the matrix must cover: the pages from the
/// router's own list, the API's from its OpenAPI document.
async fn routes(world: &World) -> BTreeSet<(String, String)> {
    world
        .app
        .routes(&cercle_web::governance_routes(), |path| {
            path.starts_with("/api/v1/governance") || path.starts_with("/api/v1/assemblies")
        })
        .await
}

#[tokio::test]
async fn every_governance_route_answers_each_actor_as_the_matrix_says() {
    let world = World::new().await;
    let rows = rows();
    let mut failures = Vec::new();
    let routes = routes(&world).await;
    assert!(routes.len() > 50, "the routes are found: {routes:?}");
    for (method, path) in &routes {
        if !rows.iter().any(|r| r.method == method && r.path == path) {
            failures.push(format!("{method} {path}: no row in the matrix"));
        }
    }
    for row in &rows {
        if !routes.contains(&(row.method.to_owned(), row.path.to_owned())) {
            failures.push(format!("{} {}: a row for no route", row.method, row.path));
        }
        for (convened, expected) in [(false, &row.draft), (true, &row.convened)] {
            for (actor, want) in expected.iter().enumerate() {
                let got = world.call(actor, row, convened).await;
                if got != *want {
                    let assembly = if convened { "convened" } else { "draft" };
                    failures.push(format!(
                        "{} {} ({assembly} assembly) as {}: {got:?}, expected {want:?}",
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
