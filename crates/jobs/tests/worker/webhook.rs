//! Posting to a community's webhook through a real HTTP server on this
//! machine: the JSON the chat service receives, a failed post retried with
//! the same backoff as emails, and addresses refused when the administrator
//! does not allow private networks.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use cercle_core::communities::webhook::{PrivateNetworks, Webhook, WebhookKind, WebhookUrl};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::job::JobClaim;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::{Event, Happening, Teller};
use serde_json::json;

use crate::support::{FROM, Fixture};

/// A chat service's incoming webhook: it keeps every JSON body it is sent
/// and answers 500 to the first `failures` of them.
#[derive(Default)]
struct Hook {
    received: Mutex<Vec<serde_json::Value>>,
    failures: Mutex<u32>,
}

impl Hook {
    fn received(&self) -> Vec<serde_json::Value> {
        self.received.lock().unwrap().clone()
    }
}

async fn receive(
    State(hook): State<Arc<Hook>>,
    axum::Json(body): axum::Json<serde_json::Value>,
) -> StatusCode {
    hook.received.lock().unwrap().push(body);
    let mut failures = hook.failures.lock().unwrap();
    if *failures > 0 {
        *failures -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

/// Serves `hook` on a loopback port.
async fn serve(hook: Arc<Hook>) -> SocketAddr {
    let app = axum::Router::new()
        .route("/hooks/infra", post(receive))
        .with_state(hook);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    address
}

/// Enqueues Ada's arrival in Infra & Services, posted to the Matrix webhook
/// at `url` as the store would enqueue it.
async fn enqueue_arrival(fixture: &Fixture, url: &str) {
    let webhook = Webhook {
        kind: WebhookKind::Matrix,
        url: WebhookUrl::parse(url, PrivateNetworks::Allowed).unwrap(),
    };
    let happening = Happening {
        event: Event::Arrival {
            newcomer: "Ada Lovelace",
        },
        community: "Infra & Services",
        path: "/c/infra".to_owned(),
        key: "arrival:1:2".to_owned(),
    };
    let teller = Teller {
        association: "ADN Ouest",
        base_url: "https://cercle.example.org",
        now: Timestamp::now(),
    };
    fixture
        .store
        .enqueue(&webhook.post(&happening, teller, Language::En))
        .await
        .unwrap();
}

fn outbox_mailer(fixture: &Fixture) -> Arc<dyn cercle_core::kernel::mail::Mailer> {
    cercle_jobs::build_mailer(
        &cercle_jobs::MailTransport::Outbox(fixture.outbox("outbox")),
        FROM,
    )
    .unwrap()
}

#[tokio::test]
async fn a_webhook_receives_the_announcement_and_a_failure_is_retried_later() {
    let fixture = Fixture::new().await;
    let hook = Arc::new(Hook::default());
    *hook.failures.lock().unwrap() = 1;
    let address = serve(Arc::clone(&hook)).await;
    let worker = fixture.worker_with(outbox_mailer(&fixture), PrivateNetworks::Allowed);
    enqueue_arrival(&fixture, &format!("http://{address}/hooks/infra")).await;

    assert_eq!(worker.drain().await.unwrap(), 1);
    let expected = json!({
        "text": "Ada Lovelace joined Infra & Services\nhttps://cercle.example.org/c/infra",
        "username": "ADN Ouest",
    });
    assert_eq!(hook.received(), std::slice::from_ref(&expected));
    assert_eq!(fixture.pending().await, 1, "the 500 leaves the job pending");
    assert_eq!(worker.drain().await.unwrap(), 0, "not retried at once");
    assert_eq!(hook.received().len(), 1);

    // A worker looking a minute later finds the job due again; handing it
    // back as due now stands for that minute.
    let later = Timestamp::now().plus(Duration::from_secs(61));
    let due = fixture
        .store
        .claim_jobs(&JobClaim {
            now: later,
            lease_until: later.plus(Duration::from_secs(300)),
            limit: 16,
        })
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].key, "webhook:arrival:1:2");
    fixture
        .store
        .fail_job(due[0].id, "a minute passes", Some(Timestamp::now()))
        .await
        .unwrap();

    assert_eq!(worker.drain().await.unwrap(), 1);
    assert_eq!(hook.received(), [expected.clone(), expected]);
    assert_eq!(fixture.pending().await, 0, "the 200 completes the job");
    assert_eq!(worker.drain().await.unwrap(), 0);
    assert_eq!(
        hook.received().len(),
        2,
        "posted once it succeeded, no more"
    );
}

#[tokio::test]
async fn a_private_address_is_not_contacted_unless_allowed() {
    let fixture = Fixture::new().await;
    let hook = Arc::new(Hook::default());
    let address = serve(Arc::clone(&hook)).await;
    let worker = fixture.worker_with(outbox_mailer(&fixture), PrivateNetworks::Refused);
    // Saved while private networks were allowed; the rule changed since.
    enqueue_arrival(&fixture, &format!("http://{address}/hooks/infra")).await;

    assert_eq!(worker.drain().await.unwrap(), 1);
    assert!(hook.received().is_empty(), "nothing reached the address");
    assert_eq!(
        fixture.pending().await,
        1,
        "a failed attempt, retried later"
    );
}
