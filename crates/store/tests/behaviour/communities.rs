//! Communities: their roles, members, join requests, exclusions, charters, invitations, arrivals and chat webhook.

use super::*;

behaviours!(
    creates_a_community_with_the_default_roles,
    keeps_community_slugs_unique,
    round_trips_eligibility_channels_and_the_card,
    lists_communities_by_name_with_their_member_counts,
    adds_members_and_replaces_their_roles,
    removes_a_member_once_and_tells_the_referents,
    refuses_a_second_pending_join_request_and_withdraws_only_its_own,
    accepts_a_join_request_once,
    refuses_a_join_request,
    deletes_an_accounts_communities_and_requests_with_it,
    excludes_from_a_community_until_readmitted,
    counts_members_as_they_join_leave_and_are_excluded,
    lists_a_page_of_the_communities_seen_with_their_total,
    finds_a_communitys_members_by_role_and_page,
    co_optation_accepts_on_the_last_vouch_needed,
    records_the_answers_and_the_interview_of_an_application,
    an_invitation_is_used_once_before_it_expires,
    an_exclusion_names_the_rule_broken,
    versions_charters_and_records_their_acceptance,
    changes_a_members_engagement,
    claims_the_arrivals_waiting_to_be_told_once_per_round,
    sets_replaces_and_removes_a_community_webhook,
);

async fn creates_a_community_with_the_default_roles(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let save = community_save("infra-services", "Infra Services", admin);
    let id = store.create_community(&save).await.unwrap();

    let read = store.community(id).await.unwrap();
    assert_eq!(
        (read.id, &read.fields, read.members, read.created_at),
        (id, &save.fields, 0, NOW)
    );
    assert_eq!(store.community_roles(id).await.unwrap(), default_roles());
    assert_eq!(
        store
            .community_roles(id)
            .await
            .unwrap()
            .iter()
            .map(|role| role.key.as_str())
            .collect::<Vec<_>>(),
        ["pilot", "sponsor", "animator", "member", "facilitator"]
    );
    assert_eq!(
        store.community_by_slug("infra-services").await.unwrap(),
        read
    );
    assert!(matches!(
        store.community_by_slug("unknown").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.community(CommunityId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));

    let mut renamed = community_save("infra", "Infrastructure", admin);
    renamed.fields.visibility = Visibility::Secret;
    renamed.fields.access = AccessPolicy::Request;
    store.update_community(id, &renamed).await.unwrap();
    let updated = store.community_by_slug("infra").await.unwrap();
    assert_eq!((updated.id, &updated.fields), (id, &renamed.fields));
    assert!(matches!(
        store.community_by_slug("infra-services").await,
        Err(StoreError::NotFound)
    ));
    let unknown = store
        .update_community(CommunityId(id.0 + 1000), &renamed)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["community.updated", "community.created"]);
    let subject = format!("community:{}", id.0);
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(admin), subject.as_str())
    );
}

async fn keeps_community_slugs_unique(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let first = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let taken = store
        .create_community(&community_save("infra", "Autre", admin))
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    let second = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    let moved = store
        .update_community(second, &community_save("infra", "Learning", admin))
        .await;
    assert!(matches!(moved, Err(StoreError::Conflict)), "{moved:?}");
    assert_eq!(
        store.community(second).await.unwrap().fields.slug.as_str(),
        "learning",
        "unchanged"
    );
    assert_eq!(store.communities().await.unwrap().len(), 2);
    assert_eq!(
        store.community_roles(second).await.unwrap().len(),
        5,
        "the refused community left no roles behind"
    );
    store
        .update_community(first, &community_save("infra", "Infra 2", admin))
        .await
        .unwrap();
    assert_eq!(
        actions(&store.audit_log(3).await.unwrap()),
        [
            "community.updated",
            "community.created",
            "community.created"
        ]
    );
}

async fn round_trips_eligibility_channels_and_the_card(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let mut save = community_save("club-innovateurs", "Club des innovateurs", admin);
    save.fields.kind = CommunityKind::WorkingGroup;
    save.fields.theme = "Innovation".to_owned();
    save.fields.description = "## Qui\n\nDes *innovateurs*.".to_owned();
    save.fields.objectives = vec!["Partager".to_owned(), "Apprendre ensemble".to_owned()];
    save.fields.cadence = "toutes les deux semaines".to_owned();
    save.fields.channels = vec![
        Channel {
            kind: ChannelKind::Slack,
            label: "#learning-path".to_owned(),
            url: "https://innersourcecommons.slack.com/archives/C1".to_owned(),
        },
        Channel {
            kind: ChannelKind::GitHub,
            label: "Patterns".to_owned(),
            url: "https://github.com/InnerSourceCommons/InnerSourcePatterns".to_owned(),
        },
    ];
    save.fields.visibility = Visibility::MembersOnly;
    save.fields.access = AccessPolicy::Request;
    save.fields.eligibility = Eligibility {
        adherents_only: true,
        organisation_in_good_standing: true,
        individuals_only: true,
        active_contributor_days: Some(365),
    };
    save.fields.card = Some(ProfileCard {
        colour: "#009e89".to_owned(),
        quotes: vec!["Le monde de demain se fera en réseau".to_owned()],
        scores: vec![("Program".to_owned(), 100), ("Content".to_owned(), 10)],
    });
    let id = store.create_community(&save).await.unwrap();
    assert_eq!(store.community(id).await.unwrap().fields, save.fields);

    let mut cleared = save.clone();
    cleared.fields.objectives = Vec::new();
    cleared.fields.channels = Vec::new();
    cleared.fields.eligibility = Eligibility {
        adherents_only: false,
        organisation_in_good_standing: true,
        individuals_only: false,
        active_contributor_days: None,
    };
    cleared.fields.card = None;
    store.update_community(id, &cleared).await.unwrap();
    assert_eq!(store.community(id).await.unwrap().fields, cleared.fields);
}

async fn lists_communities_by_name_with_their_member_counts(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let zeta = store
        .create_community(&community_save("zeta", "Zeta", admin))
        .await
        .unwrap();
    let alpha = store
        .create_community(&community_save("alpha", "Alpha", admin))
        .await
        .unwrap();
    let empty = store
        .create_community(&community_save("mu", "Mu", admin))
        .await
        .unwrap();
    for account in [admin, priya] {
        store
            .add_community_member(&new_member(zeta, account, "member", admin))
            .await
            .unwrap();
    }
    store
        .add_community_member(&new_member(alpha, priya, "pilot", admin))
        .await
        .unwrap();
    let listed = store.communities().await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|community| (
                community.id,
                community.fields.name.as_str(),
                community.members
            ))
            .collect::<Vec<_>>(),
        [(alpha, "Alpha", 1), (empty, "Mu", 0), (zeta, "Zeta", 2)]
    );
    assert_eq!(store.community(zeta).await.unwrap().members, 2);
}

async fn adds_members_and_replaces_their_roles(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();

    let mut joining = new_member(infra, priya, "member", admin);
    joining.engagement = Engagement::Regular;
    joining.announcements = jobs(vec![email_job("arrival-1"), email_job("arrival-2")]);
    store.add_community_member(&joining).await.unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 2, "the announcements");
    let twice = store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    let unknown_role = store
        .add_community_member(&new_member(infra, admin, "treasurer", admin))
        .await;
    assert!(
        matches!(unknown_role, Err(StoreError::NotFound)),
        "{unknown_role:?}"
    );
    let unknown_account = store
        .add_community_member(&new_member(
            infra,
            AccountId(priya.0 + 1000),
            "member",
            admin,
        ))
        .await;
    assert!(
        matches!(unknown_account, Err(StoreError::NotFound)),
        "{unknown_account:?}"
    );
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(learning, priya, "animator", admin))
        .await
        .unwrap();

    let roles = vec![
        "facilitator".to_owned(),
        "pilot".to_owned(),
        "pilot".to_owned(),
    ];
    store
        .set_community_roles(infra, priya, &roles, admin, NOW)
        .await
        .unwrap();
    let members = store.community_members(infra).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|member| (
                member.account,
                member.display_name.as_str(),
                member.roles.clone(),
                member.engagement,
                member.joined_at
            ))
            .collect::<Vec<_>>(),
        [
            (
                priya,
                "Priya",
                vec!["pilot".to_owned(), "facilitator".to_owned()],
                Engagement::Regular,
                NOW
            ),
            (
                admin,
                "Zoé Admin",
                vec!["pilot".to_owned()],
                Engagement::News,
                NOW
            ),
        ],
        "by name, roles in the community's order"
    );

    let unknown = vec!["member".to_owned(), "treasurer".to_owned()];
    let refused = store
        .set_community_roles(infra, priya, &unknown, admin, NOW)
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let not_member = store
        .set_community_roles(learning, admin, &["member".to_owned()], admin, NOW)
        .await;
    assert!(
        matches!(not_member, Err(StoreError::NotFound)),
        "{not_member:?}"
    );
    assert_eq!(
        store.community_members(infra).await.unwrap(),
        members,
        "unchanged"
    );

    let places = store.communities_of(priya).await.unwrap();
    assert_eq!(
        places
            .iter()
            .map(|(community, member)| (*community, member.roles.clone()))
            .collect::<Vec<_>>(),
        [
            (infra, vec!["pilot".to_owned(), "facilitator".to_owned()]),
            (learning, vec!["animator".to_owned()]),
        ]
    );
    assert!(
        store
            .communities_of(AccountId(priya.0 + 1000))
            .await
            .unwrap()
            .is_empty()
    );

    let log = store.audit_log(4).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "community.roles_changed",
            "community.joined",
            "community.joined",
            "community.joined"
        ]
    );
    let subject = format!("community:{}/account:{priya}", infra.0);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), subject.as_str())
    );
}

async fn removes_a_member_once_and_tells_the_referents(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "animator", admin))
        .await
        .unwrap();
    let departure = Departure {
        community: infra,
        account: priya,
        notices: jobs(vec![email_job("left-1"), email_job("left-2")]),
        at: NOW,
    };
    store.remove_community_member(&departure).await.unwrap();
    assert!(store.community_members(infra).await.unwrap().is_empty());
    assert!(store.communities_of(priya).await.unwrap().is_empty());
    assert_eq!(store.pending_jobs().await.unwrap(), 2, "the notices");

    let again = store
        .remove_community_member(&Departure {
            notices: jobs(vec![email_job("left-again")]),
            ..departure
        })
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        2,
        "no notice for nothing"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["community.left"]);
    let subject = format!("community:{}/account:{priya}", infra.0);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(priya), subject.as_str())
    );

    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].roles,
        ["member"],
        "the old roles left with the member"
    );
}

async fn refuses_a_second_pending_join_request_and_withdraws_only_its_own(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    let first = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    let twice = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    let elsewhere = store
        .create_join_request(&join_request(learning, priya, Timestamp(NOW.0 + 1)))
        .await
        .unwrap();
    let by_admin = store
        .create_join_request(&join_request(infra, admin, Timestamp(NOW.0 + 2)))
        .await
        .unwrap();
    let unknown = store
        .create_join_request(&join_request(CommunityId(infra.0 + 1000), priya, NOW))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let read = store.join_request(first).await.unwrap();
    assert_eq!(
        (
            read.community,
            read.community_name.as_str(),
            read.account,
            read.display_name.as_str(),
            read.motivation.as_str(),
            read.engagement,
            read.status,
            read.created_at,
            read.reason.as_str(),
            read.decided_by,
        ),
        (
            infra,
            "Infra",
            priya,
            "Priya",
            "Pour apprendre",
            Engagement::Occasional,
            RequestStatus::Pending,
            NOW,
            "",
            None
        )
    );
    assert_eq!(
        request_ids(&store.pending_join_requests(infra).await.unwrap()),
        [first, by_admin],
        "oldest first"
    );
    assert_eq!(store.count_pending_join_requests(infra).await.unwrap(), 2);

    let by_other = store.withdraw_join_request(first, admin, NOW).await;
    assert!(
        matches!(by_other, Err(StoreError::NotFound)),
        "{by_other:?}"
    );
    store
        .withdraw_join_request(first, priya, NOW)
        .await
        .unwrap();
    let again = store.withdraw_join_request(first, priya, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.join_request(first).await.unwrap().status,
        RequestStatus::Withdrawn
    );
    assert_eq!(
        request_ids(&store.pending_join_requests(infra).await.unwrap()),
        [by_admin]
    );
    assert_eq!(
        store.count_pending_join_requests(infra).await.unwrap(),
        1,
        "a withdrawn request no longer waits"
    );

    let renewed = store
        .create_join_request(&join_request(infra, priya, Timestamp(NOW.0 + 3)))
        .await
        .unwrap();
    assert_eq!(
        request_ids(&store.join_requests_of(priya).await.unwrap()),
        [renewed, elsewhere, first],
        "newest first"
    );
    assert!(matches!(
        store.join_request(JoinRequestId(renewed.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "join_request.submitted",
            "join_request.withdrawn",
            "join_request.submitted"
        ]
    );
    let subject = format!("join_request:{}", first.0);
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(priya), subject.as_str())
    );
}

async fn accepts_a_join_request_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let id = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    let at = Timestamp(NOW.0 + 60);
    let acceptance = JoinDecision {
        announcements: jobs(vec![email_job("arrival-1"), email_job("arrival-2")]),
        at,
        ..join_decision(id, true, admin)
    };
    store.decide_join_request(&acceptance).await.unwrap();

    let members = store.community_members(infra).await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|member| (
                member.account,
                member.roles.clone(),
                member.engagement,
                member.joined_at
            ))
            .collect::<Vec<_>>(),
        [(priya, vec!["member".to_owned()], Engagement::Occasional, at)]
    );
    let decided = store.join_request(id).await.unwrap();
    assert_eq!(
        (decided.status, decided.reason.as_str(), decided.decided_by),
        (RequestStatus::Accepted, "Bienvenue", Some(admin))
    );
    assert!(store.pending_join_requests(infra).await.unwrap().is_empty());
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        3,
        "the notice and the announcements"
    );

    let twice = store
        .decide_join_request(&JoinDecision {
            notice: jobs(vec![email_job("decision-again")]),
            ..join_decision(id, false, admin)
        })
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert_eq!(store.join_request(id).await.unwrap(), decided, "unchanged");
    assert_eq!(store.pending_jobs().await.unwrap(), 3);
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(actions(&log), ["community.joined", "join_request.accepted"]);
    let joined = format!("community:{}/account:{priya}", infra.0);
    let request = format!("join_request:{}", id.0);
    assert_eq!(
        log.iter()
            .map(|entry| (entry.actor, entry.subject.as_str()))
            .collect::<Vec<_>>(),
        [
            (Some(admin), joined.as_str()),
            (Some(admin), request.as_str())
        ]
    );

    let unknown = store
        .decide_join_request(&join_decision(JoinRequestId(id.0 + 1000), true, admin))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    // A requester who joined by another way meanwhile keeps their place.
    store
        .remove_community_member(&Departure {
            community: infra,
            account: priya,
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();
    let again = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            announcements: jobs(vec![email_job("arrival-again")]),
            ..join_decision(again, true, admin)
        })
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].roles,
        ["pilot"]
    );
    assert_eq!(
        store.join_request(again).await.unwrap().status,
        RequestStatus::Accepted
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["join_request.accepted"]
    );
}

async fn refuses_a_join_request(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let id = store
        .create_join_request(&join_request(infra, priya, NOW))
        .await
        .unwrap();
    store
        .decide_join_request(&JoinDecision {
            reason: "Réservé aux adhérents".to_owned(),
            announcements: jobs(vec![email_job("never-sent")]),
            ..join_decision(id, false, admin)
        })
        .await
        .unwrap();
    assert!(store.community_members(infra).await.unwrap().is_empty());
    assert_eq!(store.community(infra).await.unwrap().members, 0);
    let refused = store.join_request(id).await.unwrap();
    assert_eq!(
        (refused.status, refused.reason.as_str(), refused.decided_by),
        (RequestStatus::Refused, "Réservé aux adhérents", Some(admin))
    );
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "the notice only");
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["join_request.refused"]);
    assert_eq!(log[0].subject, format!("join_request:{}", id.0));
    let twice = store
        .decide_join_request(&join_decision(id, true, admin))
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert!(store.community_members(infra).await.unwrap().is_empty());
}

async fn excludes_from_a_community_until_readmitted(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    let jobs_before = store.pending_jobs().await.unwrap();
    let exclusion = Exclusion {
        community: infra,
        account: priya,
        reason: "Promotion commerciale répétée".into(),
        rule: None,
        notice: jobs(vec![email_job("excluded-priya")]),
        by: admin,
        at: NOW,
    };
    store.exclude_from_community(&exclusion).await.unwrap();
    assert!(
        store.communities_of(priya).await.unwrap().is_empty(),
        "access ends at once"
    );
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        jobs_before + 1,
        "the notice is enqueued"
    );
    let excluded = store.community_exclusions(infra).await.unwrap();
    assert_eq!(excluded.len(), 1);
    assert_eq!(
        (excluded[0].account, excluded[0].reason.as_str()),
        (priya, "Promotion commerciale répétée")
    );
    assert!(
        matches!(
            store.exclude_from_community(&exclusion).await,
            Err(StoreError::NotFound)
        ),
        "no longer a member"
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["community.excluded"]
    );

    store
        .readmit_to_community(infra, priya, admin, NOW)
        .await
        .unwrap();
    assert!(store.community_exclusions(infra).await.unwrap().is_empty());
    assert!(matches!(
        store.readmit_to_community(infra, priya, admin, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["community.readmitted"]
    );
}

async fn counts_members_as_they_join_leave_and_are_excluded(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let malo = person(store, "malo@asso.fr", "Malo").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let other = store
        .create_community(&community_save("other", "Other", admin))
        .await
        .unwrap();
    assert_eq!(member_count(store, infra).await, 0);
    store
        .add_community_member(&new_member(infra, admin, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(other, priya, "member", admin))
        .await
        .unwrap();
    assert!(
        store
            .add_community_member(&new_member(infra, priya, "member", admin))
            .await
            .is_err()
    );
    assert_eq!(
        member_count(store, infra).await,
        2,
        "a failed join counts nothing"
    );
    let request = store
        .create_join_request(&join_request(infra, malo, NOW))
        .await
        .unwrap();
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    assert_eq!(
        member_count(store, infra).await,
        3,
        "an accepted request joins"
    );
    let leaving = Departure {
        community: infra,
        account: malo,
        notices: Notices::default(),
        at: NOW,
    };
    store.remove_community_member(&leaving).await.unwrap();
    assert!(store.remove_community_member(&leaving).await.is_err());
    assert_eq!(member_count(store, infra).await, 2, "left once");
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: priya,
            reason: "Promotion commerciale".into(),
            rule: None,
            notice: Notices::default(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert_eq!(member_count(store, infra).await, 1, "excluded");
    assert_eq!(member_count(store, other).await, 1, "elsewhere untouched");
    store.delete_account(priya, NOW).await.unwrap();
    assert_eq!(member_count(store, other).await, 0, "gone with the account");
    assert_eq!(member_count(store, infra).await, 1);
    let listed = store.communities().await.unwrap();
    assert_eq!(
        listed.iter().map(|c| c.members).collect::<Vec<_>>(),
        [1, 0],
        "lists read the same counts"
    );
}

async fn lists_a_page_of_the_communities_seen_with_their_total(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    for n in 0..23 {
        let mut save = community_save(&format!("groupe-{n:02}"), &format!("Groupe {n:02}"), admin);
        save.fields.theme = if n % 2 == 0 { "Données" } else { "Cloud" }.to_owned();
        save.fields.description = format!("Un groupe numéro {n}.");
        store.create_community(&save).await.unwrap();
    }
    let mut secret = community_save("bureau", "Bureau discret", admin);
    secret.fields.visibility = Visibility::Secret;
    secret.fields.theme = "Gouvernance".to_owned();
    secret.fields.description = "Les décisions budgétaires.".to_owned();
    let secret = store.create_community(&secret).await.unwrap();
    let mut ruled = community_save("adherents", "Adhérents seulement", admin);
    ruled.fields.kind = CommunityKind::WorkingGroup;
    ruled.fields.description = "Réservé aux adhérents, pour les décisions.".to_owned();
    ruled.fields.eligibility.adherents_only = true;
    let ruled = store.create_community(&ruled).await.unwrap();
    let public = vec![Visibility::Public, Visibility::MembersOnly];

    let first = store
        .list_communities(&listing(public.clone(), None))
        .await
        .unwrap();
    assert_eq!(first.total, 24, "the secret one is not counted");
    assert_eq!(first.communities.len(), 20);
    assert_eq!(first.communities[0].fields.name, "Adhérents seulement");
    let second = store
        .list_communities(&CommunityListing {
            offset: 20,
            ..listing(public.clone(), None)
        })
        .await
        .unwrap();
    assert_eq!(
        names(&second),
        ["Groupe 19", "Groupe 20", "Groupe 21", "Groupe 22"]
    );
    assert_eq!(second.total, 24);

    let search = |words: &[&str], seen: CommunityListing| CommunityListing {
        words: words.iter().map(|w| (*w).to_owned()).collect(),
        ..seen
    };
    let found = store
        .list_communities(&search(&["décision"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(
        names(&found),
        ["Adhérents seulement"],
        "a word of the description, by its start"
    );
    let found = store
        .list_communities(&search(&["décisions"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(
        (names(&found), found.total),
        (vec!["Adhérents seulement"], 1)
    );
    let found = store
        .list_communities(&search(&["numéro", "1"], listing(public.clone(), None)))
        .await
        .unwrap();
    assert_eq!(found.total, 11, "every word, each a prefix: 1 and 10 to 19");
    let found = store
        .list_communities(&search(
            &["budg"],
            listing(vec![Visibility::Public], Some(priya)),
        ))
        .await
        .unwrap();
    assert_eq!(found.total, 0, "the secret one is not found by an outsider");
    store
        .add_community_member(&new_member(secret, priya, "member", admin))
        .await
        .unwrap();
    let found = store
        .list_communities(&search(
            &["budg"],
            listing(vec![Visibility::Public], Some(priya)),
        ))
        .await
        .unwrap();
    assert_eq!(names(&found), ["Bureau discret"], "but by its members");

    let themes = store
        .community_themes(&SeenCommunities {
            visibilities: public.clone(),
            member: None,
        })
        .await
        .unwrap();
    assert_eq!(themes, ["Cloud", "Données"]);
    let themes = store
        .community_themes(&SeenCommunities {
            visibilities: public.clone(),
            member: Some(priya),
        })
        .await
        .unwrap();
    assert_eq!(themes, ["Cloud", "Données", "Gouvernance"]);
    let cloud = store
        .list_communities(&CommunityListing {
            theme: Some("Cloud".to_owned()),
            kinds: vec![CommunityKind::Community],
            ..listing(public.clone(), None)
        })
        .await
        .unwrap();
    assert_eq!(cloud.total, 11);

    let open = |account: Option<AccountId>, met: RulesMet| CommunityListing {
        open_to: Some(OpenTo {
            account,
            access: vec![AccessPolicy::Open, AccessPolicy::Request],
            met,
        }),
        kinds: vec![CommunityKind::WorkingGroup],
        ..listing(Visibility::ALL.to_vec(), None)
    };
    let listed = store
        .list_communities(&open(None, RulesMet::default()))
        .await
        .unwrap();
    assert_eq!(listed.total, 0, "a rule the person fails leaves it out");
    let adherent = RulesMet {
        adherents_only: true,
        ..RulesMet::default()
    };
    let listed = store
        .list_communities(&open(Some(priya), adherent))
        .await
        .unwrap();
    assert_eq!(names(&listed), ["Adhérents seulement"]);
    store
        .add_community_member(&new_member(ruled, priya, "member", admin))
        .await
        .unwrap();
    let listed = store
        .list_communities(&open(Some(priya), adherent))
        .await
        .unwrap();
    assert_eq!(listed.total, 0, "not open to its members");

    let popular = store
        .list_communities(&CommunityListing {
            order: ListingOrder::MostMembers,
            limit: 2,
            ..listing(Visibility::ALL.to_vec(), None)
        })
        .await
        .unwrap();
    assert_eq!(names(&popular), ["Adhérents seulement", "Bureau discret"]);
    assert_eq!(popular.total, 25);
}

async fn finds_a_communitys_members_by_role_and_page(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let malo = person(store, "malo@asso.fr", "Malo").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    for (account, role, at) in [
        (admin, "pilot", 1),
        (priya, "animator", 2),
        (malo, "member", 3),
    ] {
        store
            .add_community_member(&NewCommunityMember {
                at: Timestamp(NOW.0 + at),
                ..new_member(infra, account, role, admin)
            })
            .await
            .unwrap();
    }
    store
        .set_community_roles(
            infra,
            priya,
            &["animator".to_owned(), "facilitator".to_owned()],
            admin,
            NOW,
        )
        .await
        .unwrap();
    assert_eq!(
        store.community_referents(infra).await.unwrap(),
        [
            ("Admin".to_owned(), "pilot".to_owned()),
            ("Priya".to_owned(), "facilitator".to_owned())
        ]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Permission(Permission::ReviewRequests))
            .await
            .unwrap(),
        [admin, priya]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Permission(Permission::ManageRoles))
            .await
            .unwrap(),
        [admin]
    );
    assert_eq!(
        store
            .community_holders(infra, &Holding::Roles(vec!["animator".to_owned()]))
            .await
            .unwrap(),
        [priya]
    );
    let plain = store.plain_community_members(infra).await.unwrap();
    assert_eq!(plain.iter().map(|m| m.account).collect::<Vec<_>>(), [malo]);
    assert_eq!(
        store.community_member_ids(infra).await.unwrap(),
        [admin, priya, malo]
    );
    let page = store.community_members_page(infra, 2, 0).await.unwrap();
    assert_eq!(
        page.iter()
            .map(|m| (m.account, m.roles.clone()))
            .collect::<Vec<_>>(),
        [
            (malo, vec!["member".to_owned()]),
            (priya, vec!["animator".to_owned(), "facilitator".to_owned()])
        ],
        "the newest first, with their roles"
    );
    let rest = store.community_members_page(infra, 2, 2).await.unwrap();
    assert_eq!(rest.iter().map(|m| m.account).collect::<Vec<_>>(), [admin]);
    let me = store.community_member(infra, priya).await.unwrap().unwrap();
    assert_eq!((me.display_name.as_str(), me.roles.len()), ("Priya", 2));
    let outsider = person(store, "zoe@asso.fr", "Zoé").await;
    assert_eq!(store.community_member(infra, outsider).await.unwrap(), None);

    assert_eq!(
        store.pending_join_request(infra, outsider).await.unwrap(),
        None
    );
    let request = store
        .create_join_request(&join_request(infra, outsider, NOW))
        .await
        .unwrap();
    let pending = store.pending_join_request(infra, outsider).await.unwrap();
    assert_eq!(pending.map(|r| r.id), Some(request));
    store
        .decide_join_request(&join_decision(request, false, admin))
        .await
        .unwrap();
    assert_eq!(
        store.pending_join_request(infra, outsider).await.unwrap(),
        None
    );
    assert!(!store.is_excluded(infra, malo).await.unwrap());
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: malo,
            reason: "Hors sujet".into(),
            rule: None,
            notice: Notices::default(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert!(store.is_excluded(infra, malo).await.unwrap());
}

async fn co_optation_accepts_on_the_last_vouch_needed(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let ada = person(store, "ada@asso.fr", "Ada").await;
    let bob = person(store, "bob@asso.fr", "Bob").await;
    let carol = person(store, "carol@asso.fr", "Carol").await;
    let newcomer = person(store, "new@asso.fr", "Newcomer").await;
    let mut save = community_save("mentors", "Mentors", admin);
    save.fields.access = AccessPolicy::Cooptation;
    save.fields.vouches_required = 2;
    let mentors = store.create_community(&save).await.unwrap();
    assert_eq!(
        store
            .community(mentors)
            .await
            .unwrap()
            .fields
            .vouches_required,
        2
    );
    let request = store
        .create_join_request(&join_request(mentors, newcomer, NOW))
        .await
        .unwrap();
    let vouch = |by| Vouch {
        request,
        by,
        required: 2,
        acceptance: join_decision(request, true, by),
        at: NOW,
    };
    assert_eq!(
        store.vouch_for_request(&vouch(ada)).await.unwrap(),
        VouchOutcome::Counted(1)
    );
    assert!(matches!(
        store.vouch_for_request(&vouch(ada)).await,
        Err(StoreError::Conflict)
    ));
    assert!(store.communities_of(newcomer).await.unwrap().is_empty());
    assert_eq!(
        store.vouch_for_request(&vouch(bob)).await.unwrap(),
        VouchOutcome::Accepted
    );
    assert_eq!(store.communities_of(newcomer).await.unwrap()[0].0, mentors);
    let decided = store.join_request(request).await.unwrap();
    assert_eq!(decided.status, RequestStatus::Accepted);
    let names: Vec<_> = decided
        .vouchers
        .iter()
        .map(|v| v.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ada", "Bob"]);
    assert!(
        matches!(
            store.vouch_for_request(&vouch(carol)).await,
            Err(StoreError::Conflict)
        ),
        "a vouch after the decision is refused"
    );
    assert!(matches!(
        store
            .vouch_for_request(&Vouch {
                request: JoinRequestId(999_999),
                ..vouch(carol)
            })
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn records_the_answers_and_the_interview_of_an_application(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let applicant = person(store, "lea@asso.fr", "Léa").await;
    let mut save = community_save("equipe", "Équipe technique", admin);
    save.fields.access = AccessPolicy::Application;
    save.fields.questions = vec![
        "Vos compétences ?".to_owned(),
        "Combien d'heures ?".to_owned(),
    ];
    let team = store.create_community(&save).await.unwrap();
    assert_eq!(
        store.community(team).await.unwrap().fields.questions,
        save.fields.questions
    );
    let answers = vec![
        Answer {
            question: "Vos compétences ?".to_owned(),
            answer: "Debian, PostgreSQL".to_owned(),
        },
        Answer {
            question: "Combien d'heures ?".to_owned(),
            answer: "Huit".to_owned(),
        },
    ];
    let request = store
        .create_join_request(&NewJoinRequest {
            answers: answers.clone(),
            ..join_request(team, applicant, NOW)
        })
        .await
        .unwrap();
    let stored = store.join_request(request).await.unwrap();
    assert_eq!(stored.answers, answers);
    assert!(stored.interview.is_none());
    let interview = InterviewRecord {
        request,
        held_on: date("2026-03-02"),
        notes: "Motivée, disponible le jeudi.".to_owned(),
        by: admin,
        at: NOW,
    };
    store.record_interview(&interview).await.unwrap();
    let recorded = store
        .join_request(request)
        .await
        .unwrap()
        .interview
        .unwrap();
    assert_eq!(recorded.held_on, date("2026-03-02"));
    assert_eq!(recorded.notes, "Motivée, disponible le jeudi.");
    assert_eq!(recorded.by_name, "Admin");
    assert!(
        store
            .audit_log(5)
            .await
            .unwrap()
            .iter()
            .any(|e| e.action == AuditAction::InterviewRecorded.as_str())
    );
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    assert!(matches!(
        store.record_interview(&interview).await,
        Err(StoreError::Conflict)
    ));
}

async fn an_invitation_is_used_once_before_it_expires(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let guest = person(store, "guest@asso.fr", "Guest").await;
    let other = person(store, "other@asso.fr", "Other").await;
    let mut save = community_save("bureau", "Bureau", admin);
    save.fields.access = AccessPolicy::Invitation;
    let bureau = store.create_community(&save).await.unwrap();
    let jobs_before = store.pending_jobs().await.unwrap();
    let invite = |to: &str, secret: &str, expires_at: Timestamp| NewInvitation {
        community: bureau,
        email: email(to),
        token: hash(secret),
        expires_at,
        notice: email_job(&format!("invitation-{secret}")),
        by: admin,
        at: NOW,
    };
    let later = Timestamp(NOW.0 + 3600);
    let id = store
        .create_invitation(&invite("guest@asso.fr", "s1", later))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), jobs_before + 1);
    let found = store.invitation_by_token(&hash("s1")).await.unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.email, email("guest@asso.fr"));
    assert_eq!(found.invited_by, "Admin");
    assert!(found.is_open(NOW));
    assert!(!found.is_open(later));
    assert!(matches!(
        store.invitation_by_token(&hash("unknown")).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.open_invitations(bureau).await.unwrap().len(), 1);

    let taken = InvitationUse {
        invitation: id,
        member: new_member(bureau, guest, "member", guest),
    };
    store.use_invitation(&taken).await.unwrap();
    assert_eq!(store.communities_of(guest).await.unwrap()[0].0, bureau);
    assert!(store.open_invitations(bureau).await.unwrap().is_empty());
    let again = InvitationUse {
        invitation: id,
        member: new_member(bureau, other, "member", other),
    };
    assert!(
        matches!(
            store.use_invitation(&again).await,
            Err(StoreError::Conflict)
        ),
        "a link works once"
    );
    assert!(store.communities_of(other).await.unwrap().is_empty());

    let expired = store
        .create_invitation(&invite("other@asso.fr", "s2", Timestamp(NOW.0 - 1)))
        .await
        .unwrap();
    assert!(matches!(
        store
            .use_invitation(&InvitationUse {
                invitation: expired,
                ..again.clone()
            })
            .await,
        Err(StoreError::Conflict)
    ));
    let revoked = store
        .create_invitation(&invite("other@asso.fr", "s3", later))
        .await
        .unwrap();
    store
        .revoke_invitation(bureau, revoked, admin, NOW)
        .await
        .unwrap();
    assert!(
        store
            .invitation_by_token(&hash("s3"))
            .await
            .unwrap()
            .revoked
    );
    assert!(matches!(
        store
            .use_invitation(&InvitationUse {
                invitation: revoked,
                ..again.clone()
            })
            .await,
        Err(StoreError::Conflict)
    ));
    assert!(matches!(
        store.revoke_invitation(bureau, revoked, admin, NOW).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.communities_of(other).await.unwrap().is_empty());
}

async fn an_exclusion_names_the_rule_broken(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    let rule = BrokenRule {
        charter_version: 3,
        number: 4,
    };
    store
        .exclude_from_community(&Exclusion {
            community: infra,
            account: priya,
            reason: "Promotion commerciale".into(),
            rule: Some(rule),
            notice: jobs(vec![email_job("excluded-rule")]),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let excluded = store.community_exclusions(infra).await.unwrap();
    assert_eq!(excluded[0].rule, Some(rule));
    assert_eq!(excluded[0].reason, "Promotion commerciale");
}

async fn versions_charters_and_records_their_acceptance(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let yann = person(store, "yann@asso.fr", "Yann").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    assert_eq!(store.charter(infra).await.unwrap(), None);
    assert_eq!(
        store
            .publish_charter(infra, "Respecter les engagements.", admin, NOW)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .publish_charter(
                infra,
                "Respecter les engagements.\nPas de promotion.",
                admin,
                NOW
            )
            .await
            .unwrap(),
        2
    );
    let charter = store.charter(infra).await.unwrap().unwrap();
    assert_eq!(
        (charter.version, charter.text.as_str()),
        (2, "Respecter les engagements.\nPas de promotion.")
    );
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["charter.published"]
    );

    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].charter_version,
        None
    );
    store.accept_charter(infra, priya, 2, NOW).await.unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].charter_version,
        Some(2)
    );
    assert!(
        matches!(
            store.accept_charter(infra, yann, 2, NOW).await,
            Err(StoreError::NotFound)
        ),
        "members only"
    );

    let request = store
        .create_join_request(&NewJoinRequest {
            charter_version: Some(2),
            ..join_request(infra, yann, NOW)
        })
        .await
        .unwrap();
    assert_eq!(
        store.join_request(request).await.unwrap().charter_version,
        Some(2)
    );
    store
        .decide_join_request(&join_decision(request, true, admin))
        .await
        .unwrap();
    let yann_member = store
        .community_members(infra)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.account == yann)
        .unwrap();
    assert_eq!(
        yann_member.charter_version,
        Some(2),
        "the version accepted with the request"
    );
}

async fn changes_a_members_engagement(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "member", admin))
        .await
        .unwrap();
    store
        .set_engagement(infra, priya, Engagement::Regular)
        .await
        .unwrap();
    assert_eq!(
        store.community_members(infra).await.unwrap()[0].engagement,
        Engagement::Regular
    );
    assert!(matches!(
        store.set_engagement(infra, admin, Engagement::News).await,
        Err(StoreError::NotFound)
    ));
}

async fn deletes_an_accounts_communities_and_requests_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let learning = store
        .create_community(&community_save("learning", "Learning", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, priya, "pilot", admin))
        .await
        .unwrap();
    store
        .add_community_member(&new_member(infra, admin, "member", admin))
        .await
        .unwrap();
    let request = store
        .create_join_request(&join_request(learning, priya, NOW))
        .await
        .unwrap();

    store.delete_account(priya, NOW).await.unwrap();
    assert_eq!(
        store
            .community_members(infra)
            .await
            .unwrap()
            .iter()
            .map(|member| member.account)
            .collect::<Vec<_>>(),
        [admin]
    );
    assert_eq!(store.community(infra).await.unwrap().members, 1);
    assert!(store.communities_of(priya).await.unwrap().is_empty());
    assert!(matches!(
        store.join_request(request).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .pending_join_requests(learning)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn claims_the_arrivals_waiting_to_be_told_once_per_round(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    let old = person(store, "ancien@asso.fr", "Ancien").await;
    store
        .add_community_member(&new_member(infra, old, "member", admin))
        .await
        .unwrap();
    // Three arrive to be announced; the last leaves before any round.
    let mut newcomers = Vec::new();
    for (n, name) in ["Bea", "Ada", "Cyd"].into_iter().enumerate() {
        let account = person(store, &format!("{name}@asso.fr"), name).await;
        let announced = Arrival {
            community: infra,
            community_name: "Infra".to_owned(),
            path: "/c/infra".to_owned(),
            newcomer: account,
            newcomer_name: name.to_owned(),
            at: Timestamp(NOW.0 + i64::try_from(n).unwrap()),
            round: None,
            after: None,
        };
        let member = NewCommunityMember {
            announcements: Notices {
                notifications: Vec::new(),
                jobs: vec![announced.job()],
            },
            at: announced.at,
            ..new_member(infra, account, "member", account)
        };
        store.add_community_member(&member).await.unwrap();
        newcomers.push(account);
    }
    store
        .remove_community_member(&Departure {
            community: infra,
            account: newcomers[2],
            notices: Notices::default(),
            at: NOW,
        })
        .await
        .unwrap();

    let claim = |job| ArrivalClaim {
        community: infra,
        job: JobId(job),
        named: 1,
    };
    let expected = Newcomers {
        names: vec!["Bea".to_owned()],
        count: 2,
    };
    assert_eq!(
        store.claim_arrivals(&claim(40)).await.unwrap(),
        expected,
        "in order of arrival, without who left or who was not announced"
    );
    assert_eq!(
        store.claim_arrivals(&claim(40)).await.unwrap(),
        expected,
        "a round retried reads the same newcomers"
    );
    assert_eq!(
        store.claim_arrivals(&claim(41)).await.unwrap(),
        Newcomers::default(),
        "a later round finds nobody waiting"
    );

    let page = |newcomers_of| MemberPage {
        community: infra,
        kind: NotificationKind::CommunityArrival,
        after: None,
        limit: NonZeroU32::new(10).unwrap(),
        newcomers_of,
    };
    let told = |recipients: Vec<Recipient>| -> Vec<AccountId> {
        recipients.iter().map(|r| r.account).collect()
    };
    assert_eq!(
        told(
            store
                .member_recipients(&page(Some(JobId(40))))
                .await
                .unwrap()
        ),
        [old],
        "the round's newcomers are not told of themselves"
    );
    assert_eq!(
        told(
            store
                .member_recipients(&page(Some(JobId(41))))
                .await
                .unwrap()
        ),
        [old, newcomers[0], newcomers[1]]
    );
}

async fn sets_replaces_and_removes_a_community_webhook(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let infra = store
        .create_community(&community_save("infra", "Infra", admin))
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), None);

    let webhook = |kind, url: &str| Webhook {
        kind,
        url: WebhookUrl::parse(url, PrivateNetworks::Refused).unwrap(),
    };
    let save = |community, webhook| WebhookSave {
        community,
        webhook,
        by: admin,
        at: NOW,
    };
    let slack = webhook(
        WebhookKind::Slack,
        "https://hooks.slack.com/services/T0/B0/XXXX",
    );
    store
        .set_community_webhook(&save(infra, slack.clone()))
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), Some(slack));
    let matrix = webhook(
        WebhookKind::Matrix,
        "https://matrix.example.org/webhook/abc",
    );
    store
        .set_community_webhook(&save(infra, matrix.clone()))
        .await
        .unwrap();
    assert_eq!(
        store.community_webhook(infra).await.unwrap(),
        Some(matrix.clone()),
        "one webhook per community"
    );
    let unknown = store
        .set_community_webhook(&save(CommunityId(infra.0 + 1000), matrix))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    store
        .remove_community_webhook(infra, admin, NOW)
        .await
        .unwrap();
    assert_eq!(store.community_webhook(infra).await.unwrap(), None);
    let again = store.remove_community_webhook(infra, admin, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "community.webhook_removed",
            "community.webhook_set",
            "community.webhook_set"
        ]
    );
    assert_eq!(log[0].subject, format!("community:{}/webhook", infra.0));
}
