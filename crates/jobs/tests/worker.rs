//! The worker and the mailers over a real SQLite store, checked as a person
//! would: the email that arrives, and the jobs left pending.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

mod support;

#[path = "worker/convocation.rs"]
mod convocation;
#[path = "worker/sweep.rs"]
mod sweep;
#[path = "worker/webhook.rs"]
mod webhook;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use cercle_core::kernel::job::{JobClaim, retry_delay};
use cercle_core::kernel::time::Timestamp;
use cercle_jobs::{MailTransport, SmtpSecurity, SmtpSettings, build_mailer};

use support::{DOMAIN, FROM, FailingMailer, Fixture, SmtpSink, email, read_outbox};

const SUBJECT: &str = "Confirmez votre adresse pour l'ADN Ouest — « Cercle » à Rennes";
const LINK: &str =
    "https://cercle.example.org/confirmer/5f2b9c1e8a7d4f3e9b0c6a2d1e8f7a6b5c4d3e2f1a0b9c8d?à=été";

fn french_text() -> String {
    format!(
        "Bonjour Cécile,\n\nOuvrez ce lien pour confirmer votre adresse :\n{LINK}\n\nÀ bientôt, l'équipe de l'ADN Ouest.\n"
    )
}

#[tokio::test]
async fn an_email_reaches_the_outbox_once_and_reads_back_intact() {
    let fixture = Fixture::new().await;
    let worker = fixture.outbox_worker("outbox");
    let sent = email("cecile@example.org", SUBJECT, &french_text());
    fixture.enqueue("confirm:cecile", &sent).await;

    assert_eq!(worker.drain().await.unwrap(), 1);

    let emails = read_outbox(&fixture.outbox("outbox"));
    assert_eq!(emails.len(), 1, "{emails:#?}");
    let received = &emails[0];
    assert_eq!(received.to, "cecile@example.org");
    assert_eq!(received.subject, SUBJECT);
    assert!(
        received.message_id.starts_with('<')
            && received.message_id.ends_with(&format!("@{DOMAIN}>")),
        "{}",
        received.message_id
    );
    assert!(
        received
            .transfer_encoding
            .eq_ignore_ascii_case("quoted-printable"),
        "{}",
        received.transfer_encoding
    );
    // The link is longer than a quoted-printable line, so it travels cut by
    // soft line breaks and only decoding makes it whole again.
    assert!(LINK.len() > 76);
    assert!(received.raw.lines().all(|line| line.len() <= 76));
    assert!(!received.raw.contains(LINK));
    assert_eq!(received.text, sent.text);

    assert_eq!(worker.drain().await.unwrap(), 0);
    assert_eq!(fixture.pending().await, 0);

    // The key names the piece of work: enqueuing it again is a no-op.
    fixture.enqueue("confirm:cecile", &sent).await;
    assert_eq!(fixture.pending().await, 0);
    assert_eq!(worker.drain().await.unwrap(), 0);
    assert_eq!(read_outbox(&fixture.outbox("outbox")).len(), 1);
}

#[tokio::test]
async fn an_email_goes_through_smtp_with_its_envelope_subject_and_message_id() {
    let fixture = Fixture::new().await;
    let sink = SmtpSink::start();
    let mailer = build_mailer(
        &MailTransport::Smtp(SmtpSettings {
            host: "127.0.0.1".into(),
            port: sink.port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
        }),
        FROM,
    )
    .unwrap();
    let worker = fixture.worker(mailer);
    let sent = email("cecile@example.org", SUBJECT, &french_text());
    fixture.enqueue("confirm:cecile", &sent).await;

    assert_eq!(worker.drain().await.unwrap(), 1);

    let deliveries = sink.deliveries();
    assert_eq!(deliveries.len(), 1, "{deliveries:#?}");
    let delivery = &deliveries[0];
    assert_eq!(delivery.mail_from, "noreply@example.org");
    assert_eq!(delivery.rcpt_to, ["cecile@example.org"]);
    let received = support::Email::parse(&delivery.data);
    assert_eq!(received.to, "cecile@example.org");
    assert_eq!(received.subject, SUBJECT);
    assert!(
        received.message_id.ends_with(&format!("@{DOMAIN}>")),
        "{}",
        received.message_id
    );
    // lettre ends DATA with `\r\n.\r\n` even after the body's own final
    // line break, so what arrives carries one more empty line.
    assert_eq!(received.text.trim_end(), sent.text.trim_end());
    assert_eq!(fixture.pending().await, 0);
}

#[tokio::test]
async fn a_list_email_carries_the_one_click_unsubscribe_headers_through_both_mailers() {
    const UNSUBSCRIBE: &str = "https://cercle.example.org/newsletter/unsubscribe/Zm9v";
    let fixture = Fixture::new().await;
    let sink = SmtpSink::start();
    let smtp = build_mailer(
        &MailTransport::Smtp(SmtpSettings {
            host: "127.0.0.1".into(),
            port: sink.port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
        }),
        FROM,
    )
    .unwrap();
    let mut issue = email(
        "cecile@example.org",
        "La lettre de mars",
        "Bonjour à tous.\n",
    );
    issue.list_unsubscribe = Some(UNSUBSCRIBE.to_owned());
    fixture.enqueue("newsletter:1:cecile", &issue).await;
    fixture
        .enqueue(
            "confirm:cecile",
            &email("cecile@example.org", SUBJECT, &french_text()),
        )
        .await;
    assert_eq!(fixture.worker(smtp).drain().await.unwrap(), 2);

    let received: Vec<_> = sink
        .deliveries()
        .iter()
        .map(|delivery| support::Email::parse(&delivery.data))
        .collect();
    let (list, plain): (Vec<_>, Vec<_>) = received
        .into_iter()
        .partition(|email| email.subject == "La lettre de mars");
    let wanted = format!("<{UNSUBSCRIBE}>");
    assert_eq!(list[0].list_unsubscribe.as_deref(), Some(wanted.as_str()));
    assert_eq!(
        list[0].list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert_eq!(
        (&plain[0].list_unsubscribe, &plain[0].list_unsubscribe_post),
        (&None, &None),
        "other emails carry neither header"
    );

    fixture.enqueue("newsletter:1:yann", &issue).await;
    assert_eq!(fixture.outbox_worker("outbox").drain().await.unwrap(), 1);
    let written = read_outbox(&fixture.outbox("outbox"));
    assert_eq!(
        written[0].list_unsubscribe.as_deref(),
        Some(wanted.as_str())
    );
    assert_eq!(
        written[0].list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
}

#[tokio::test]
async fn a_failed_delivery_stays_pending_and_is_retried_later_not_at_once() {
    let fixture = Fixture::new().await;
    let mailer = Arc::new(FailingMailer::default());
    let worker = fixture.worker(mailer.clone());
    fixture
        .enqueue(
            "confirm:cecile",
            &email("cecile@example.org", "Bonjour", "Texte"),
        )
        .await;

    let before = Timestamp::now();
    assert_eq!(worker.drain().await.unwrap(), 1);
    let after = Timestamp::now();
    assert_eq!(mailer.attempts(), 1);
    assert_eq!(fixture.pending().await, 1);

    assert_eq!(worker.drain().await.unwrap(), 0);
    assert_eq!(mailer.attempts(), 1);
    assert_eq!(fixture.pending().await, 1);

    // Another worker looking from a later time sees the job come due between
    // the shortest and the second backoff step, whichever attempt count the
    // first delay is computed from.
    let due_at = |seconds: u64| JobClaim {
        now: before.plus(Duration::from_secs(seconds)),
        lease_until: after.plus(Duration::from_secs(seconds + 300)),
        limit: 16,
    };
    assert!(
        fixture
            .store
            .claim_jobs(&due_at(29))
            .await
            .unwrap()
            .is_empty()
    );
    let due = fixture
        .store
        .claim_jobs(&JobClaim {
            now: after.plus(Duration::from_secs(60)),
            ..due_at(0)
        })
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].key, "confirm:cecile");
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_a_failed_attempt_not_a_worker_error() {
    let fixture = Fixture::new().await;
    // A port that was free a moment ago refuses connections.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = build_mailer(
        &MailTransport::Smtp(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
        }),
        FROM,
    )
    .unwrap();
    let worker = fixture.worker(mailer);
    fixture
        .enqueue(
            "confirm:cecile",
            &email("cecile@example.org", "Bonjour", "Texte"),
        )
        .await;

    assert_eq!(worker.drain().await.unwrap(), 1);
    assert_eq!(fixture.pending().await, 1);
    assert_eq!(worker.drain().await.unwrap(), 0);
}

#[tokio::test]
async fn the_worker_gives_up_after_the_last_allowed_attempt() {
    let fixture = Fixture::new().await;
    fixture
        .enqueue(
            "confirm:cecile",
            &email("cecile@example.org", "Bonjour", "Texte"),
        )
        .await;
    // Seven earlier attempts, failed by workers that are gone and each due
    // again at once, stand for hours of backoff.
    for attempt in 1..=7 {
        let now = Timestamp::now();
        let jobs = fixture
            .store
            .claim_jobs(&JobClaim {
                now,
                lease_until: now.plus(Duration::from_secs(300)),
                limit: 16,
            })
            .await
            .unwrap();
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].attempts, attempt);
        fixture
            .store
            .fail_job(jobs[0].id, "an earlier failure", Some(now))
            .await
            .unwrap();
    }
    let mailer = Arc::new(FailingMailer::default());
    let worker = fixture.worker(mailer.clone());

    assert_eq!(worker.drain().await.unwrap(), 1);
    assert_eq!(mailer.attempts(), 1);
    assert_eq!(fixture.pending().await, 0);
    let far_future = Timestamp::now().plus(Duration::from_secs(365 * 86_400));
    let claim = JobClaim {
        now: far_future,
        lease_until: far_future,
        limit: 16,
    };
    assert!(fixture.store.claim_jobs(&claim).await.unwrap().is_empty());
}

#[test]
fn retries_back_off_exponentially_then_stop() {
    let check = |attempts: i32, expected: Option<u64>| {
        assert_eq!(
            retry_delay(attempts),
            expected.map(Duration::from_secs),
            "after {attempts} attempts"
        );
    };
    check(-1, Some(30));
    check(0, Some(30));
    check(1, Some(60));
    check(2, Some(120));
    check(7, Some(30 * 128));
    check(8, None);
    check(100, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_one_store_deliver_each_email_exactly_once() {
    let fixture = Fixture::new().await;
    for n in 0..20 {
        let to = format!("membre{n}@example.org");
        fixture
            .enqueue(&format!("welcome:{n}"), &email(&to, "Bienvenue", "Texte"))
            .await;
    }
    let (first, second) = (
        fixture.outbox_worker("outbox-a"),
        fixture.outbox_worker("outbox-b"),
    );

    let (a, b) = tokio::join!(first.drain(), second.drain());

    assert_eq!(a.unwrap() + b.unwrap(), 20);
    let emails: Vec<_> = ["outbox-a", "outbox-b"]
        .iter()
        .flat_map(|name| read_outbox(&fixture.outbox(name)))
        .collect();
    assert_eq!(emails.len(), 20);
    let message_ids: HashSet<_> = emails.iter().map(|e| e.message_id.as_str()).collect();
    assert_eq!(message_ids.len(), 20);
    let recipients: HashSet<_> = emails.iter().map(|e| e.to.as_str()).collect();
    assert_eq!(recipients.len(), 20);
    assert_eq!(fixture.pending().await, 0);
}

#[tokio::test]
async fn a_stopping_worker_leaves_a_backlog_to_the_next_one_instead_of_draining_it() {
    let fixture = Fixture::new().await;
    for n in 0..40 {
        let to = format!("membre{n}@example.org");
        fixture
            .enqueue(&format!("arrival:{n}"), &email(&to, "Arrivée", "Texte"))
            .await;
    }
    let stopping = fixture.outbox_worker("outbox");

    tokio::time::timeout(
        Duration::from_secs(10),
        stopping.run(std::future::ready(())),
    )
    .await
    .expect("the worker stops at once");

    // The forty emails and the day's sweep, which a starting worker enqueues.
    assert_eq!(
        fixture.pending().await,
        41,
        "nothing was claimed and left leased"
    );
    let next = fixture.outbox_worker("outbox");
    assert_eq!(next.drain().await.unwrap(), 41);
    assert_eq!(read_outbox(&fixture.outbox("outbox")).len(), 40);
}
