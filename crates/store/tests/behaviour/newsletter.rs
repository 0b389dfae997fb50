//! The newsletter: double opt-in subscriptions and issues.

use super::*;

behaviours!(
    subscribes_to_lists_only_once_confirmed,
    sends_an_issue_to_confirmed_subscribers_who_unsubscribe_in_one_click,
);

async fn subscribes_to_lists_only_once_confirmed(store: &dyn Store) {
    use cercle_core::newsletter::{MailingListSave, SubscriptionState};
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let general = list_named(store, "general").await;
    assert_eq!(
        general.subscribers, 0,
        "the general list exists from the start"
    );
    let save = |slug: &str| MailingListSave {
        slug: Slug::parse(slug).unwrap(),
        name: "Developers".to_owned(),
        description: "Code and releases".to_owned(),
        by: admin,
        at: NOW,
    };
    let developers = store
        .create_mailing_list(&save("developers"))
        .await
        .unwrap();
    let taken = store.create_mailing_list(&save("developers")).await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    let lists = store.mailing_lists().await.unwrap();
    assert_eq!(
        lists.iter().map(|l| l.slug.as_str()).collect::<Vec<_>>(),
        ["developers", "general"],
        "by name"
    );

    let both = [general.id, developers];
    store
        .subscribe_to_newsletter(&subscription("priya@example.org", &both, "first"))
        .await
        .unwrap();
    let pending = store.subscribers(general.id).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].state, SubscriptionState::Pending);
    assert_eq!(pending[0].email, email("priya@example.org"));
    assert_eq!(
        list_named(store, "general").await.subscribers,
        0,
        "nothing counts before the confirmation"
    );

    assert!(matches!(
        store.confirm_subscriptions(&hash("wrong"), NOW).await,
        Err(StoreError::NotFound)
    ));
    let late = NOW.plus(std::time::Duration::from_secs(3600));
    assert!(matches!(
        store.confirm_subscriptions(&hash("first"), late).await,
        Err(StoreError::NotFound)
    ));
    let mut expected = vec![general.id, developers];
    expected.sort();
    assert_eq!(
        store
            .confirm_subscriptions(&hash("first"), NOW)
            .await
            .unwrap(),
        expected
    );
    assert!(
        matches!(
            store.confirm_subscriptions(&hash("first"), NOW).await,
            Err(StoreError::NotFound)
        ),
        "the link works once"
    );
    assert_eq!(list_named(store, "general").await.subscribers, 1);
    assert_eq!(
        store.subscribers(developers).await.unwrap()[0].state,
        SubscriptionState::Confirmed
    );

    store
        .subscribe_to_newsletter(&subscription("priya@example.org", &both, "again"))
        .await
        .unwrap();
    assert_eq!(
        store.subscribers(general.id).await.unwrap()[0].state,
        SubscriptionState::Confirmed,
        "asking again changes nothing"
    );
    assert!(matches!(
        store.confirm_subscriptions(&hash("again"), NOW).await,
        Err(StoreError::NotFound)
    ));
    let jobs = store.claim_jobs(&claim(NOW, 60, 10)).await.unwrap();
    let mut sent = keys(&jobs);
    sent.sort_unstable();
    assert_eq!(sent, ["already:again", "confirm:first"]);

    let unknown = cercle_core::newsletter::MailingListId(developers.0 + 1000);
    let refused = store
        .subscribe_to_newsletter(&subscription("yann@example.org", &[unknown], "x"))
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "newsletter.confirmed",
            "newsletter.confirmed",
            "mailing_list.created"
        ]
    );
    assert!(
        log.iter().all(|entry| !entry.subject.contains('@')),
        "addresses stay out of the log: {log:?}"
    );
}

async fn sends_an_issue_to_confirmed_subscribers_who_unsubscribe_in_one_click(store: &dyn Store) {
    use cercle_core::newsletter::{Delivery, NewIssue, SubscriptionState};
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let general = list_named(store, "general").await.id;
    for (address, secret) in [("a@example.org", "a"), ("b@example.org", "b")] {
        store
            .subscribe_to_newsletter(&subscription(address, &[general], secret))
            .await
            .unwrap();
        store
            .confirm_subscriptions(&hash(secret), NOW)
            .await
            .unwrap();
    }
    store
        .subscribe_to_newsletter(&subscription("c@example.org", &[general], "c"))
        .await
        .unwrap();
    let subscribers = store.subscribers(general).await.unwrap();
    let deliveries = subscribers
        .iter()
        .map(|s| Delivery {
            subscription: s.id,
            unsubscribe: hash(&format!("out:{}", s.email)),
            email: email_job(&format!("issue:{}", s.email)),
        })
        .collect();
    let sent = store
        .send_newsletter_issue(&NewIssue {
            list: general,
            subject: "March".to_owned(),
            body: "News of the month.".to_owned(),
            deliveries,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert_eq!(sent.recipients, 2, "the pending address gets nothing");
    let issues = store.newsletter_issues().await.unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(
        (
            issues[0].id,
            issues[0].subject.as_str(),
            issues[0].sent_by.as_str()
        ),
        (sent.id, "March", "Zoé Admin")
    );
    assert_eq!(issues[0].recipients, 2);
    let jobs = store.claim_jobs(&claim(NOW, 60, 20)).await.unwrap();
    let mut issued: Vec<&str> = keys(&jobs)
        .into_iter()
        .filter(|key| key.starts_with("issue:"))
        .collect();
    issued.sort_unstable();
    assert_eq!(issued, ["issue:a@example.org", "issue:b@example.org"]);
    assert!(matches!(
        store
            .subscription_by_unsubscribe_link(&hash("out:c@example.org"))
            .await,
        Err(StoreError::NotFound)
    ));

    let link = hash("out:a@example.org");
    let found = store.subscription_by_unsubscribe_link(&link).await.unwrap();
    assert_eq!(found.email, email("a@example.org"));
    let ended = store.unsubscribe(&link, NOW).await.unwrap();
    assert_eq!(ended.state, SubscriptionState::Unsubscribed);
    let again = store.unsubscribe(&link, NOW).await.unwrap();
    assert_eq!(
        again.state,
        SubscriptionState::Unsubscribed,
        "a repeat is harmless"
    );
    assert!(matches!(
        store.unsubscribe(&hash("unknown"), NOW).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(list_named(store, "general").await.subscribers, 1);
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        ["newsletter.unsubscribed", "newsletter.issue_sent"]
    );

    store
        .subscribe_to_newsletter(&subscription("a@example.org", &[general], "back"))
        .await
        .unwrap();
    let back = store.subscription_by_unsubscribe_link(&link).await.unwrap();
    assert_eq!(
        back.state,
        SubscriptionState::Pending,
        "asking again after leaving"
    );
    store
        .confirm_subscriptions(&hash("back"), NOW)
        .await
        .unwrap();
    assert_eq!(list_named(store, "general").await.subscribers, 2);
}
