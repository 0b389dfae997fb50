//! Notifications, email preferences and the recipients of a happening.

use super::*;

behaviours!(
    writes_notifications_with_the_change_and_lists_them_newest_first,
    marks_only_ones_own_notifications_read,
    saves_email_preferences_with_the_language,
    reads_recipients_with_their_address_language_and_preference,
    pages_a_communitys_current_members_as_recipients,
);

async fn writes_notifications_with_the_change_and_lists_them_newest_first(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    let at = |minutes: i64| Timestamp(NOW.0 + 60 * minutes);
    use NotificationKind::*;

    let mut joining = new_member(infra, priya, "member", admin);
    joining.announcements = Notices {
        notifications: vec![notification(
            admin,
            CommunityArrival,
            "Priya a rejoint",
            at(0),
        )],
        jobs: vec![email_job("arrival-priya")],
    };
    store.add_community_member(&joining).await.unwrap();
    let mut twice = new_member(infra, priya, "member", admin);
    twice.announcements = Notices {
        notifications: vec![notification(admin, CommunityArrival, "jamais", at(0))],
        jobs: vec![email_job("never-sent")],
    };
    let refused = store.add_community_member(&twice).await;
    assert!(matches!(refused, Err(StoreError::Conflict)), "{refused:?}");
    store
        .remove_community_member(&Departure {
            community: infra,
            account: priya,
            notices: Notices {
                notifications: vec![notification(
                    admin,
                    CommunityDeparture,
                    "Priya est partie",
                    at(1),
                )],
                jobs: Vec::new(),
            },
            at: at(1),
        })
        .await
        .unwrap();
    let request = store
        .create_join_request(&NewJoinRequest {
            notices: Notices {
                notifications: vec![notification(
                    admin,
                    JoinRequestWaiting,
                    "Yann demande",
                    at(2),
                )],
                jobs: vec![email_job("request-yann")],
            },
            ..join_request(infra, yann, at(2))
        })
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            notice: Notices {
                notifications: vec![notification(yann, JoinRequestDecided, "Acceptée", at(3))],
                jobs: Vec::new(),
            },
            announcements: Notices {
                notifications: vec![notification(
                    admin,
                    CommunityArrival,
                    "Yann a rejoint",
                    at(3),
                )],
                jobs: Vec::new(),
            },
            at: at(3),
            ..join_decision(request, true, admin)
        })
        .await
        .unwrap();
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: yann,
            reason: "Démarchage".to_owned(),
            rule: None,
            notice: Notices {
                notifications: vec![notification(yann, ExcludedFromCommunity, "Exclu", at(4))],
                jobs: Vec::new(),
            },
            by: admin,
            at: at(4),
        })
        .await
        .unwrap();

    let listed = store.notifications(admin, 10).await.unwrap();
    assert_eq!(
        texts(&listed),
        [
            "Yann a rejoint",
            "Yann demande",
            "Priya est partie",
            "Priya a rejoint"
        ]
    );
    let newest = &listed[0];
    assert_eq!(
        (
            newest.account,
            newest.kind,
            newest.link.as_str(),
            newest.created_at,
            newest.read_at
        ),
        (admin, CommunityArrival, "/c/infra", at(3), None)
    );
    assert_eq!(listed[1].kind, JoinRequestWaiting);
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 4);
    assert_eq!(
        texts(&store.notifications(admin, 2).await.unwrap()),
        ["Yann a rejoint", "Yann demande"],
        "bounded"
    );
    assert_eq!(
        texts(&store.notifications(yann, 10).await.unwrap()),
        ["Exclu", "Acceptée"]
    );
    assert!(store.notifications(priya, 10).await.unwrap().is_empty());
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "the jobs written beside the notifications, none of the refused change"
    );

    store.delete_account(yann, at(5)).await.unwrap();
    assert!(store.notifications(yann, 10).await.unwrap().is_empty());
    assert_eq!(store.unread_notifications(yann).await.unwrap(), 0);
}

async fn marks_only_ones_own_notifications_read(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let arrival = NotificationKind::CommunityArrival;
    let mut joining = new_member(infra, yann, "member", admin);
    joining.announcements = Notices {
        notifications: vec![
            notification(admin, arrival, "premier", NOW),
            notification(admin, arrival, "second", Timestamp(NOW.0 + 1)),
            notification(priya, arrival, "à Priya", NOW),
        ],
        jobs: Vec::new(),
    };
    store.add_community_member(&joining).await.unwrap();
    let mine = store.notifications(admin, 10).await.unwrap();
    let (second, first) = (mine[0].id, mine[1].id);

    let theirs = store.mark_notification_read(priya, first, NOW).await;
    assert!(matches!(theirs, Err(StoreError::NotFound)), "{theirs:?}");
    let unknown = store
        .mark_notification_read(admin, NotificationId(first.0 + 1000), NOW)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 2);

    let read_at = Timestamp(NOW.0 + 60);
    store
        .mark_notification_read(admin, first, read_at)
        .await
        .unwrap();
    store
        .mark_notification_read(admin, first, Timestamp(NOW.0 + 120))
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 1);
    let all_at = Timestamp(NOW.0 + 180);
    store
        .mark_all_notifications_read(admin, all_at)
        .await
        .unwrap();
    let mine = store.notifications(admin, 10).await.unwrap();
    assert_eq!(
        mine.iter().map(|n| (n.id, n.read_at)).collect::<Vec<_>>(),
        [(second, Some(all_at)), (first, Some(read_at))],
        "the first reading is kept"
    );
    assert_eq!(store.unread_notifications(admin).await.unwrap(), 0);
    assert_eq!(
        store.unread_notifications(priya).await.unwrap(),
        1,
        "another person's stay unread"
    );
}

async fn saves_email_preferences_with_the_language(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    use NotificationKind::*;
    assert_eq!(
        store.email_preferences(priya).await.unwrap(),
        EmailPreferences::default(),
        "every kind by email until turned off"
    );
    let opted_out = async |kind| opted_out(store, kind, &[priya, yann]).await;
    assert!(opted_out(CommunityArrival).await.is_empty());

    let settings = |account, language, off: &[NotificationKind]| NotificationSettingsSave {
        account,
        language,
        email: EmailPreferences::with_off(off.iter().copied()),
        at: NOW,
    };
    let quiet = [CommunityArrival, JoinRequestWaiting];
    store
        .save_notification_settings(&settings(priya, Language::En, &quiet))
        .await
        .unwrap();
    assert_eq!(store.account(priya).await.unwrap().language, Language::En);
    assert_eq!(
        store.email_preferences(priya).await.unwrap(),
        EmailPreferences::with_off(quiet)
    );
    assert_eq!(opted_out(CommunityArrival).await, [priya]);
    assert!(opted_out(CommunityDeparture).await.is_empty());

    store
        .save_notification_settings(&settings(yann, Language::Fr, &[CommunityArrival]))
        .await
        .unwrap();
    store
        .save_notification_settings(&settings(priya, Language::En, &[]))
        .await
        .unwrap();
    assert_eq!(opted_out(CommunityArrival).await, [yann]);
    assert!(opted_out(JoinRequestWaiting).await.is_empty());
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["account.notification_settings"]);
    assert_eq!(log[0].subject, format!("account:{priya}"));

    let unknown = store
        .save_notification_settings(&settings(AccountId(priya.0 + 1000), Language::Fr, &[]))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn reads_recipients_with_their_address_language_and_preference(store: &dyn Store) {
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: yann,
            language: Language::En,
            email: EmailPreferences::with_off([NotificationKind::JoinRequestWaiting]),
            at: NOW,
        })
        .await
        .unwrap();
    let gone = AccountId(yann.0 + 1000);
    let read = store
        .recipients(NotificationKind::JoinRequestWaiting, &[yann, gone, priya])
        .await
        .unwrap();
    assert_eq!(
        read,
        [
            Recipient {
                account: priya,
                address: email("priya@asso.fr"),
                language: Language::Fr,
                email: true,
            },
            Recipient {
                account: yann,
                address: email("yann@asso.fr"),
                language: Language::En,
                email: false,
            },
        ],
        "in account order, without the account that does not exist"
    );
    let departure = store
        .recipients(NotificationKind::CommunityDeparture, &[yann])
        .await
        .unwrap();
    assert!(departure[0].email, "the preference is the kind's");
    assert!(
        store
            .recipients(NotificationKind::CommunityDeparture, &[])
            .await
            .unwrap()
            .is_empty()
    );
}

async fn pages_a_communitys_current_members_as_recipients(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let mut members = Vec::new();
    for n in 0..5 {
        members.push(person(store, &format!("m{n}@asso.fr"), &format!("M{n}")).await);
    }
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let other = store
        .create_community(&community_save("autre", "Autre", admin))
        .await
        .unwrap();
    // Added out of account order; the admin belongs to the other community only.
    for member in members.iter().rev() {
        store
            .add_community_member(&new_member(infra, *member, "member", admin))
            .await
            .unwrap();
    }
    store
        .add_community_member(&new_member(other, admin, "member", admin))
        .await
        .unwrap();
    let arrival = NotificationKind::CommunityArrival;
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: members[1],
            language: Language::En,
            email: EmailPreferences::with_off([arrival]),
            at: NOW,
        })
        .await
        .unwrap();
    store
        .save_notification_settings(&NotificationSettingsSave {
            account: members[2],
            language: Language::Fr,
            email: EmailPreferences::with_off([NotificationKind::CommunityDeparture]),
            at: NOW,
        })
        .await
        .unwrap();
    store
        .remove_community_member(&Departure {
            community: infra,
            account: members[3],
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();

    let page = |after, limit| MemberPage {
        community: infra,
        kind: arrival,
        after,
        limit: NonZeroU32::new(limit).unwrap(),
        newcomers_of: None,
    };
    let first = store.member_recipients(&page(None, 2)).await.unwrap();
    assert_eq!(
        first
            .iter()
            .map(|r| (r.account, r.address.as_str(), r.language, r.email))
            .collect::<Vec<_>>(),
        [
            (members[0], "m0@asso.fr", Language::Fr, true),
            (members[1], "m1@asso.fr", Language::En, false),
        ],
        "in account order, with the opt-out of this kind only"
    );
    let second = store
        .member_recipients(&page(Some(members[1]), 2))
        .await
        .unwrap();
    assert_eq!(
        second
            .iter()
            .map(|r| (r.account, r.email))
            .collect::<Vec<_>>(),
        [(members[2], true), (members[4], true)],
        "after the previous page, without the member who left"
    );
    let last = store
        .member_recipients(&page(Some(members[4]), 2))
        .await
        .unwrap();
    assert!(last.is_empty());
    let all = store.member_recipients(&page(None, 100)).await.unwrap();
    assert_eq!(all.len(), 4, "members of the community alone: {all:?}");
}
