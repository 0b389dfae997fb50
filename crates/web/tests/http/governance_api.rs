//! Governance through the JSON API alone, as a script of the bureau or of a
//! member would drive it: bodies and mandates read back on the governance
//! document, statutes refused field by field, and a general assembly from
//! its draft to its approved minutes, with the proxy cap, a vote refused to
//! a member who does not vote, secret receipts, and counts kept until each
//! ballot closes.

use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::i18n;
use cercle_core::kernel::time::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::admission::api_token;
use crate::communities::id_of;
use crate::pay_dues;
use crate::register::grant;
use crate::support::TestApp;

/// Calls the API with `token`, with `body` as JSON when there is one.
async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let request = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(token);
    let request = match body {
        Some(body) => request.json(&body),
        None => request,
    };
    request.send().await.expect("the server answers")
}

/// The JSON of an answer that must have `status`.
async fn expect(response: reqwest::Response, status: StatusCode, what: &str) -> Value {
    let got = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(got, status, "{what}: {body}");
    if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&body).unwrap()
    }
}

/// A refusal as the API writes it: problem+json, 422, naming `field` with
/// the sentence of `message` in French, the members' language here.
async fn refused(response: reqwest::Response, field: &str, message: &str, what: &str) {
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "{what}"
    );
    let problem = expect(response, StatusCode::UNPROCESSABLE_ENTITY, what).await;
    assert_eq!(problem["status"], 422, "{what}: {problem}");
    assert_eq!(problem["errors"][0]["field"], field, "{what}: {problem}");
    assert_eq!(
        problem["errors"][0]["message"],
        i18n::text(Language::Fr, message),
        "{what}: {problem}"
    );
}

/// A day `days` from today, as the API takes it.
fn in_days(days: i64) -> String {
    Date::of(Timestamp::now()).plus_days(days).to_string()
}

#[tokio::test]
async fn bodies_and_their_mandates_read_back_on_the_governance_document() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let _ada = app.member("Ada Lovelace", "ada@example.org").await;
    let _ben = app.member("Ben Nakamura", "ben@example.org").await;
    let token = api_token(&app, &admin, "read_write").await;

    let body = expect(
        call(
            &app,
            Method::POST,
            "/api/v1/governance/bodies",
            &token,
            Some(
                json!({"name": "Bureau", "kind": "bureau", "description": "Élu par l'assemblée."}),
            ),
        )
        .await,
        StatusCode::CREATED,
        "the body",
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let mandates = format!("/api/v1/governance/bodies/{body}/mandates");
    let president =
        json!({"email": "ada@example.org", "seat": "president", "starts_on": "2024-06-01"});
    expect(
        call(&app, Method::POST, &mandates, &token, Some(president)).await,
        StatusCode::CREATED,
        "the president",
    )
    .await;
    let treasurer = expect(
        call(
            &app,
            Method::POST,
            &mandates,
            &token,
            Some(
                json!({"email": "ben@example.org", "seat": "treasurer", "starts_on": "2020-01-01"}),
            ),
        )
        .await,
        StatusCode::CREATED,
        "the treasurer",
    )
    .await["id"]
        .as_i64()
        .unwrap();
    refused(
        call(
            &app,
            Method::POST,
            &mandates,
            &token,
            Some(
                json!({"email": "nobody@example.org", "seat": "member", "starts_on": "2024-01-01"}),
            ),
        )
        .await,
        "email",
        "error-mandate-person",
        "a mandate for nobody",
    )
    .await;
    expect(
        call(
            &app,
            Method::POST,
            &format!("/api/v1/governance/mandates/{treasurer}/end"),
            &token,
            Some(json!({"ends_on": "2023-12-31"})),
        )
        .await,
        StatusCode::NO_CONTENT,
        "the treasurer's mandate ends",
    )
    .await;

    // A visitor reads the same document as everyone: who sits where now,
    // and who sat before.
    let document = expect(
        reqwest::Client::new()
            .get(app.url("/api/v1/governance"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
        "the governance document",
    )
    .await;
    assert_eq!(document["can_manage"], false, "{document}");
    let bodies = document["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 1, "{document}");
    let bureau = &bodies[0];
    assert_eq!(bureau["id"], body);
    assert_eq!(bureau["name"], "Bureau");
    assert_eq!(bureau["kind"], "bureau");
    assert_eq!(
        bureau["current"],
        json!([{"id": bureau["current"][0]["id"], "name": "Ada Lovelace", "seat": "president",
                "starts_on": "2024-06-01", "ends_on": null}]),
        "{document}"
    );
    assert_eq!(
        bureau["past"],
        json!([{"id": treasurer, "name": "Ben Nakamura", "seat": "treasurer",
                "starts_on": "2020-01-01", "ends_on": "2023-12-31"}]),
        "{document}"
    );
    let as_admin = expect(
        call(&app, Method::GET, "/api/v1/governance", &token, None).await,
        StatusCode::OK,
        "the document as the administrator",
    )
    .await;
    assert_eq!(as_admin["can_manage"], true);

    expect(
        call(
            &app,
            Method::DELETE,
            &format!("/api/v1/governance/bodies/{body}"),
            &token,
            None,
        )
        .await,
        StatusCode::NO_CONTENT,
        "the body removed",
    )
    .await;
    let after = expect(
        call(&app, Method::GET, "/api/v1/governance", &token, None).await,
        StatusCode::OK,
        "the document after",
    )
    .await;
    assert_eq!(after["bodies"], json!([]), "{after}");
    app.shutdown().await;
}

#[tokio::test]
async fn statutes_refuse_a_number_out_of_range_naming_the_field() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let token = api_token(&app, &admin, "read_write").await;
    let defaults = expect(
        call(
            &app,
            Method::GET,
            "/api/v1/governance/statutes",
            &token,
            None,
        )
        .await,
        StatusCode::OK,
        "the default statutes",
    )
    .await;
    assert_eq!(
        defaults,
        json!({"notice_days": 15, "proxy_cap": 2, "ordinary_quorum_percent": 25,
               "extraordinary_quorum_percent": 50, "abstentions_count": false})
    );

    let mut statutes = defaults.clone();
    statutes["ordinary_quorum_percent"] = json!(150);
    refused(
        call(
            &app,
            Method::PUT,
            "/api/v1/governance/statutes",
            &token,
            Some(statutes),
        )
        .await,
        "ordinary_quorum_percent",
        "error-statutes-number",
        "a quorum of 150 %",
    )
    .await;
    let unchanged = expect(
        call(
            &app,
            Method::GET,
            "/api/v1/governance/statutes",
            &token,
            None,
        )
        .await,
        StatusCode::OK,
        "the statutes after the refusal",
    )
    .await;
    assert_eq!(unchanged, defaults, "a refused change writes nothing");

    let wanted = json!({"notice_days": 21, "proxy_cap": 1, "ordinary_quorum_percent": 20,
                        "extraordinary_quorum_percent": 66, "abstentions_count": true});
    let saved = expect(
        call(
            &app,
            Method::PUT,
            "/api/v1/governance/statutes",
            &token,
            Some(wanted.clone()),
        )
        .await,
        StatusCode::OK,
        "the statutes saved",
    )
    .await;
    assert_eq!(saved, wanted);
    let read = expect(
        call(
            &app,
            Method::GET,
            "/api/v1/governance/statutes",
            &token,
            None,
        )
        .await,
        StatusCode::OK,
        "the statutes read back",
    )
    .await;
    assert_eq!(read, wanted);
    app.shutdown().await;
}

/// The item of the agenda whose id is `item`, in an assembly's JSON.
fn item_of(assembly: &Value, item: i64) -> &Value {
    assembly["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == item)
        .unwrap()
}

#[tokio::test]
async fn an_assembly_runs_from_its_draft_to_its_approved_minutes_through_the_api() {
    let app = TestApp::new().await;
    let admin = app.admin().await;
    let mut tokens = Vec::new();
    for (name, email) in [
        ("Ada Lovelace", "ada@example.org"),
        ("Ben Nakamura", "ben@example.org"),
        ("Chloé Martin", "chloe@example.org"),
        ("Béa Bureau", "bea@example.org"),
    ] {
        let client = app.member(name, email).await;
        tokens.push(api_token(&app, &client, "read_write").await);
    }
    for email in ["ada@example.org", "ben@example.org", "chloe@example.org"] {
        pay_dues(&app, &admin, email).await;
    }
    // The bureau member is on the roll as the team, who do not vote.
    grant(&app, &admin, "bea@example.org", &["bureau_member"]).await;
    let [ada, ben, chloe, bea] = [0, 1, 2, 3].map(|i| tokens[i].clone());
    let chair = api_token(&app, &admin, "read_write").await;

    let mut statutes = expect(
        call(
            &app,
            Method::GET,
            "/api/v1/governance/statutes",
            &chair,
            None,
        )
        .await,
        StatusCode::OK,
        "the statutes",
    )
    .await;
    statutes["proxy_cap"] = json!(1);
    expect(
        call(
            &app,
            Method::PUT,
            "/api/v1/governance/statutes",
            &chair,
            Some(statutes),
        )
        .await,
        StatusCode::OK,
        "one proxy each",
    )
    .await;

    let day = in_days(30);
    let id = expect(
        call(
            &app,
            Method::POST,
            "/api/v1/assemblies",
            &chair,
            Some(
                json!({"title": "Assemblée générale ordinaire", "kind": "ordinary",
                        "date": day, "time": "14:00", "place": "Nantes"}),
            ),
        )
        .await,
        StatusCode::CREATED,
        "the assembly",
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/assemblies/{id}");
    let add = |body: Value| {
        let (app, chair, path) = (&app, &chair, &path);
        async move {
            expect(
                call(
                    app,
                    Method::POST,
                    &format!("{path}/items"),
                    chair,
                    Some(body),
                )
                .await,
                StatusCode::CREATED,
                "an item",
            )
            .await["id"]
                .as_i64()
                .unwrap()
        }
    };
    let secret = add(json!({"title": "Élection du conseil",
        "resolution": {"text": "L'assemblée élit le conseil proposé.", "majority": "simple", "ballot": "secret"}}))
    .await;
    let open = add(json!({"title": "Rapport moral",
        "resolution": {"text": "L'assemblée approuve le rapport moral.", "majority": "simple", "ballot": "open"}}))
    .await;
    add(json!({"title": "Questions diverses"})).await;

    // A draft is the bureau's alone.
    assert_eq!(
        call(&app, Method::GET, &path, &ada, None).await.status(),
        StatusCode::NOT_FOUND
    );
    let convened = expect(
        call(&app, Method::POST, &format!("{path}/convene"), &chair, None).await,
        StatusCode::OK,
        "the convocation",
    )
    .await;
    // Three adherents, the bureau member and the administrator.
    assert_eq!(convened["roll_size"], 5, "{convened}");

    let seen = expect(
        call(&app, Method::GET, &path, &ada, None).await,
        StatusCode::OK,
        "the assembly as Ada",
    )
    .await;
    assert_eq!(seen["state"], "convened", "{seen}");
    assert_eq!(seen["starts_at"].as_str().unwrap()[..10], day, "{seen}");
    assert_eq!(seen["time_zone"], "Europe/Paris");
    assert_eq!(seen["roll"]["voting"], true, "{seen}");
    assert_eq!(seen["can_give_proxy"], true);
    assert_eq!(seen["can_manage"], false);
    assert_eq!(seen["agenda"].as_array().unwrap().len(), 3);
    assert_eq!(item_of(&seen, secret)["resolution"]["state"], "waiting");
    let listed = call(&app, Method::GET, "/api/v1/assemblies", &ada, None).await;
    assert_eq!(listed.headers()["x-total-count"], "1");

    // Proxies: the cap is one, so Ada carries Ben's and refuses Chloé's.
    let proxy = format!("{path}/proxy");
    expect(
        call(
            &app,
            Method::PUT,
            &proxy,
            &ben,
            Some(json!({"holder": "ada@example.org"})),
        )
        .await,
        StatusCode::NO_CONTENT,
        "Ben's proxy",
    )
    .await;
    refused(
        call(
            &app,
            Method::PUT,
            &proxy,
            &chloe,
            Some(json!({"holder": "ada@example.org"})),
        )
        .await,
        "holder",
        "error-proxy-cap",
        "a second proxy to Ada",
    )
    .await;

    // Ada comes in person and Chloé follows online; Ben is represented.
    let [ada_id, chloe_id] = [
        id_of(&app, "ada@example.org").await.0,
        id_of(&app, "chloe@example.org").await.0,
    ];
    for (account, presence) in [(ada_id, "in_person"), (chloe_id, "online")] {
        expect(
            call(
                &app,
                Method::PUT,
                &format!("{path}/roll/{account}/presence"),
                &chair,
                Some(json!({"presence": presence})),
            )
            .await,
            StatusCode::NO_CONTENT,
            "a presence",
        )
        .await;
    }
    let roll = call(&app, Method::GET, &format!("{path}/roll"), &chair, None).await;
    assert_eq!(roll.headers()["x-total-count"], "5");
    let roll = expect(roll, StatusCode::OK, "the roll").await;
    let ben_line = roll
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["name"] == "Ben Nakamura")
        .unwrap();
    assert_eq!(ben_line["proxy_to"]["name"], "Ada Lovelace", "{roll}");

    let quorum = expect(
        call(&app, Method::POST, &format!("{path}/open"), &chair, None).await,
        StatusCode::OK,
        "the opening",
    )
    .await;
    assert_eq!(
        quorum,
        json!({"voting": 3, "present": 2, "represented": 1, "needed": 1, "reached": true})
    );

    // The secret ballot: Ada votes for herself and for Ben, Chloé for
    // herself; the bureau member, who does not vote, is refused.
    let item = format!("{path}/items/{secret}");
    expect(
        call(&app, Method::POST, &format!("{item}/open"), &chair, None).await,
        StatusCode::NO_CONTENT,
        "the secret ballot opens",
    )
    .await;
    let before = expect(
        call(&app, Method::GET, &path, &ada, None).await,
        StatusCode::OK,
        "the assembly while Ada votes",
    )
    .await;
    let voices = &item_of(&before, secret)["resolution"]["voices"];
    assert_eq!(voices.as_array().unwrap().len(), 2, "{voices}");
    let ben_id = id_of(&app, "ben@example.org").await.0;
    let vote = |token: &str, body: Value| {
        let (app, item, token) = (&app, &item, token.to_owned());
        async move {
            call(
                app,
                Method::POST,
                &format!("{item}/votes"),
                &token,
                Some(body),
            )
            .await
        }
    };
    let receipt = expect(
        vote(&ada, json!({"choice": "for", "on_behalf": null})).await,
        StatusCode::CREATED,
        "Ada's vote",
    )
    .await["receipt"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(receipt.len(), 19, "{receipt}");
    expect(
        vote(&ada, json!({"choice": "against", "on_behalf": ben_id})).await,
        StatusCode::CREATED,
        "Ben's vote by Ada",
    )
    .await;
    expect(
        vote(&chloe, json!({"choice": "for"})).await,
        StatusCode::CREATED,
        "Chloé's vote",
    )
    .await;
    refused(
        vote(&bea, json!({"choice": "for"})).await,
        "choice",
        "error-vote-not-voting",
        "the team's vote",
    )
    .await;
    for token in [&ada, &chair] {
        let during = expect(
            call(&app, Method::GET, &path, token, None).await,
            StatusCode::OK,
            "the assembly while the ballot is open",
        )
        .await;
        let resolution = &item_of(&during, secret)["resolution"];
        assert_eq!(resolution["state"], "open");
        assert_eq!(
            resolution["result"],
            Value::Null,
            "no count before the close"
        );
        assert_eq!(resolution["roll_call"], json!([]));
    }
    let check = |code: &str| {
        let (app, item, ada) = (&app, &item, &ada);
        let code = code.to_owned();
        async move {
            expect(
                call(
                    app,
                    Method::POST,
                    &format!("{item}/receipt"),
                    ada,
                    Some(json!({"receipt": code})),
                )
                .await,
                StatusCode::OK,
                "a receipt's check",
            )
            .await["counted"]
                .clone()
        }
    };
    assert_eq!(check(&receipt.to_lowercase()).await, true);
    assert_eq!(check("ABCD-EFGH-JKLM-NPQR").await, false);

    let tally = expect(
        call(&app, Method::POST, &format!("{item}/close"), &chair, None).await,
        StatusCode::OK,
        "the secret ballot closes",
    )
    .await;
    assert_eq!(
        tally,
        json!({"for": 2, "against": 1, "abstain": 0, "eligible": 3})
    );
    let after = expect(
        call(&app, Method::GET, &path, &ada, None).await,
        StatusCode::OK,
        "the assembly after the secret ballot",
    )
    .await;
    let resolution = &item_of(&after, secret)["resolution"];
    assert_eq!(resolution["state"], "closed");
    assert_eq!(
        resolution["result"],
        json!({"for": 2, "against": 1, "abstain": 0, "eligible": 3, "outcome": "adopted"})
    );
    assert_eq!(
        resolution["roll_call"],
        json!([]),
        "a secret ballot names nobody"
    );
    assert_eq!(resolution["voices"], json!([]));

    // The open ballot: no receipt, and once closed, each voice by name.
    let item = format!("{path}/items/{open}");
    expect(
        call(&app, Method::POST, &format!("{item}/open"), &chair, None).await,
        StatusCode::NO_CONTENT,
        "the open ballot opens",
    )
    .await;
    let cast = expect(
        call(
            &app,
            Method::POST,
            &format!("{item}/votes"),
            &ada,
            Some(json!({"choice": "for"})),
        )
        .await,
        StatusCode::CREATED,
        "Ada's open vote",
    )
    .await;
    assert_eq!(cast, json!({"receipt": null}));
    expect(
        call(
            &app,
            Method::POST,
            &format!("{item}/votes"),
            &chloe,
            Some(json!({"choice": "abstain"})),
        )
        .await,
        StatusCode::CREATED,
        "Chloé's open vote",
    )
    .await;
    expect(
        call(&app, Method::POST, &format!("{item}/close"), &chair, None).await,
        StatusCode::OK,
        "the open ballot closes",
    )
    .await;
    let after = expect(
        call(&app, Method::GET, &path, &chloe, None).await,
        StatusCode::OK,
        "the assembly after the open ballot",
    )
    .await;
    assert_eq!(
        item_of(&after, open)["resolution"]["roll_call"],
        json!([{"name": "Ada Lovelace", "choice": "for"}, {"name": "Chloé Martin", "choice": "abstain"}])
    );

    // The minutes: drafted at the close, for the writers alone until the
    // administrator approves them; approved, they no longer change.
    expect(
        call(&app, Method::POST, &format!("{path}/close"), &chair, None).await,
        StatusCode::NO_CONTENT,
        "the close",
    )
    .await;
    let minutes = format!("{path}/minutes");
    assert_eq!(
        call(&app, Method::GET, &minutes, &ada, None).await.status(),
        StatusCode::NOT_FOUND,
        "a draft is not the roll's to read"
    );
    assert_eq!(
        call(
            &app,
            Method::PUT,
            &minutes,
            &ada,
            Some(json!({"text": "Mon procès-verbal.", "approve": false})),
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "a member who is not the secretary writes no minutes"
    );
    let draft = expect(
        call(&app, Method::GET, &minutes, &chair, None).await,
        StatusCode::OK,
        "the draft",
    )
    .await;
    assert_eq!(draft["editable"], true);
    assert_eq!(draft["approved_at"], Value::Null);
    assert!(
        draft["text"]
            .as_str()
            .unwrap()
            .contains("Assemblée générale ordinaire"),
        "{draft}"
    );
    let text = "# Procès-verbal\n\nLe conseil proposé est élu.";
    for approve in [false, true] {
        expect(
            call(
                &app,
                Method::PUT,
                &minutes,
                &chair,
                Some(json!({"text": text, "approve": approve})),
            )
            .await,
            StatusCode::NO_CONTENT,
            "the minutes saved, then approved",
        )
        .await;
    }
    let read = expect(
        call(&app, Method::GET, &minutes, &ada, None).await,
        StatusCode::OK,
        "the approved minutes as Ada",
    )
    .await;
    assert_eq!(read["text"], text);
    assert_eq!(read["approved_by"], "Cécile Admin");
    assert_eq!(read["editable"], false);
    refused(
        call(
            &app,
            Method::PUT,
            &minutes,
            &chair,
            Some(json!({"text": "Une autre version.", "approve": false})),
        )
        .await,
        "text",
        "error-minutes-approved",
        "approved minutes changed",
    )
    .await;
    app.shutdown().await;
}
