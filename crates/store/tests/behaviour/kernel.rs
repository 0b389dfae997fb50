//! The instance and the durable jobs.

use super::*;

behaviours!(
    pings_and_reports_its_pool,
    enqueues_a_key_once,
    leases_claimed_jobs,
    completes_retries_and_gives_up_jobs,
    completes_a_job_with_its_notices_once,
);

async fn pings_and_reports_its_pool(store: &dyn Store) {
    store.ping().await.unwrap();
    let status = store.pool_status();
    assert!(status.size >= 1, "{status:?}");
    assert!(status.in_use <= status.size, "{status:?}");
}

async fn enqueues_a_key_once(store: &dyn Store) {
    store.enqueue(&email_job("welcome")).await.unwrap();
    store.enqueue(&email_job("welcome")).await.unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 1);
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].key, "welcome");
    assert_eq!(
        JobPayload::from_json(&claimed[0].payload).unwrap(),
        JobPayload::SendEmail(
            email_job("welcome")
                .payload::<OutgoingEmail>()
                .unwrap()
                .clone()
        )
    );
}

async fn leases_claimed_jobs(store: &dyn Store) {
    for (key, run_at) in [
        ("second", NOW.0 - 10),
        ("first", NOW.0 - 20),
        ("third", NOW.0 - 5),
        ("later", NOW.0 + 100),
    ] {
        store
            .enqueue(&NewJob {
                run_at: Timestamp(run_at),
                ..email_job(key)
            })
            .await
            .unwrap();
    }

    let claimed = store.claim_jobs(&claim(NOW, 60, 2)).await.unwrap();
    assert_eq!(
        keys(&claimed),
        ["first", "second"],
        "oldest first, at most the limit"
    );
    assert!(claimed.iter().all(|job| job.attempts == 1));
    assert_eq!(
        keys(&store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap()),
        ["third"]
    );
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 59), 60, 10))
            .await
            .unwrap()
            .is_empty(),
        "leased"
    );

    let after_lease = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 60), 60, 2))
        .await
        .unwrap();
    assert_eq!(
        keys(&after_lease),
        ["first", "second"],
        "a lapsed lease frees the job"
    );
    assert!(after_lease.iter().all(|job| job.attempts == 2));
    let later = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 100), 60, 10))
        .await
        .unwrap();
    assert_eq!(
        keys(&later),
        ["third", "later"],
        "third's lease lapsed, later became due"
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 4);
}

async fn completes_retries_and_gives_up_jobs(store: &dyn Store) {
    for key in ["done", "retried", "abandoned"] {
        store.enqueue(&email_job(key)).await.unwrap();
    }
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let id = |key: &str| claimed.iter().find(|job| job.key == key).unwrap().id;

    store.complete_jobs(&[id("done")], NOW).await.unwrap();
    store
        .fail_job(id("retried"), "smtp timeout", Some(Timestamp(NOW.0 + 30)))
        .await
        .unwrap();
    store
        .fail_job(id("abandoned"), "bad address", None)
        .await
        .unwrap();
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "only the retried job is pending"
    );

    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 29), 60, 10))
            .await
            .unwrap()
            .is_empty()
    );
    let retried = store
        .claim_jobs(&claim(Timestamp(NOW.0 + 30), 60, 10))
        .await
        .unwrap();
    assert_eq!(
        keys(&retried),
        ["retried"],
        "a failure releases the lease and waits for retry_at"
    );
    assert_eq!(retried[0].attempts, 2);
    store
        .complete_jobs(&[retried[0].id], Timestamp(NOW.0 + 31))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 0);
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 1000), 60, 10))
            .await
            .unwrap()
            .is_empty(),
        "none comes back"
    );
}

async fn completes_a_job_with_its_notices_once(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    store.enqueue(&email_job("batch")).await.unwrap();
    let claimed = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let batch = claimed[0].id;
    let completion = JobCompletion {
        job: batch,
        notices: Notices {
            notifications: vec![notification(
                priya,
                NotificationKind::CommunityArrival,
                "Yann a rejoint Infra",
                NOW,
            )],
            jobs: vec![email_job("email-to-priya"), email_job("next-batch")],
        },
        at: NOW,
    };
    store.complete_job_with(&completion).await.unwrap();
    assert_eq!(store.unread_notifications(priya).await.unwrap(), 1);
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "the batch is done, its jobs wait"
    );

    let again = store.complete_job_with(&completion).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.unread_notifications(priya).await.unwrap(),
        1,
        "a second completion writes nothing"
    );
    assert!(
        store
            .claim_jobs(&claim(Timestamp(NOW.0 + 120), 60, 10))
            .await
            .unwrap()
            .iter()
            .all(|job| job.id != batch),
        "a completed job is not claimed again"
    );
}
