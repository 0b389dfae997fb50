//! Admission: the settings, applications, bureau sessions, decisions and contributions.

use super::*;

behaviours!(
    sets_the_admission_settings,
    refuses_a_second_pending_application_and_withdraws_only_its_own,
    puts_applications_on_the_next_sessions_agenda,
    accepts_an_application_for_a_person,
    accepts_an_application_for_an_organisation,
    refuses_an_application_once,
    saves_session_notes,
    records_contributions_and_lists_contributors,
);

async fn sets_the_admission_settings(store: &dyn Store) {
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    let settings = AdmissionSettings {
        decisions_outside_sessions: true,
        contribution_inactivity_days: Some(365),
    };
    let before_setup = store
        .set_admission_settings(settings, AccountId(1), NOW)
        .await;
    assert!(
        matches!(before_setup, Err(StoreError::NotFound)),
        "{before_setup:?}"
    );

    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    store
        .set_admission_settings(settings, admin, NOW)
        .await
        .unwrap();
    assert_eq!(store.admission_settings().await.unwrap(), settings);
    store
        .set_admission_settings(AdmissionSettings::default(), admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.admission_settings().await.unwrap(),
        AdmissionSettings::default()
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["settings.admission"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "association")
    );
}

async fn refuses_a_second_pending_application_and_withdraws_only_its_own(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let first = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let second = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await;
    assert!(matches!(second, Err(StoreError::Conflict)), "{second:?}");
    let unknown_plan = store
        .create_application(&application(admin, PlanId(plan.0 + 1000), "2026-03-01"))
        .await;
    assert!(
        matches!(unknown_plan, Err(StoreError::NotFound)),
        "{unknown_plan:?}"
    );

    let read = store.application(first).await.unwrap();
    assert_eq!(
        (
            read.applicant,
            read.applicant_name.as_str(),
            read.plan_name.as_str(),
            read.organisation.clone(),
            read.motivation.as_str(),
            read.status,
            read.session,
            read.decision.clone(),
        ),
        (
            priya,
            "Priya",
            "Individuel",
            None,
            "Pour contribuer",
            ApplicationStatus::Pending,
            None,
            None
        )
    );

    let by_other = store.withdraw_application(first, admin, NOW).await;
    assert!(
        matches!(by_other, Err(StoreError::NotFound)),
        "{by_other:?}"
    );
    store.withdraw_application(first, priya, NOW).await.unwrap();
    let again = store.withdraw_application(first, priya, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    assert_eq!(
        store.application(first).await.unwrap().status,
        ApplicationStatus::Withdrawn
    );

    let renewed = store
        .create_application(&application(priya, plan, "2026-03-02"))
        .await
        .unwrap();
    assert_eq!(
        store
            .applications_of(priya)
            .await
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [renewed, first],
        "newest first"
    );
    assert!(store.applications_of(admin).await.unwrap().is_empty());
    assert_eq!(store.applications().await.unwrap().len(), 2);
    assert!(matches!(
        store.application(ApplicationId(renewed.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "application.submitted",
            "application.withdrawn",
            "application.submitted"
        ]
    );
    assert_eq!(
        (log[1].actor, log[1].subject.as_str()),
        (Some(priya), format!("application:{}", first.0).as_str())
    );
}

async fn puts_applications_on_the_next_sessions_agenda(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let bruno = person(store, "bruno@asso.fr", "Bruno").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let carl = person(store, "carl@asso.fr", "Carl").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let unscheduled = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    assert_eq!(store.application(unscheduled).await.unwrap().session, None);

    let march = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin, bruno], admin))
        .await
        .unwrap();
    assert_eq!(
        store.application(unscheduled).await.unwrap().session,
        Some(march),
        "a new session gathers the unscheduled pending applications"
    );
    let april = store
        .create_bureau_session(&bureau_session("2026-04-14", Vec::new(), admin))
        .await
        .unwrap();
    let upcoming = store
        .create_application(&application(bruno, plan, "2026-03-10"))
        .await
        .unwrap();
    let late = store
        .create_application(&application(carl, plan, "2026-05-01"))
        .await
        .unwrap();
    assert_eq!(
        store.application(upcoming).await.unwrap().session,
        Some(march),
        "the first session on or after today"
    );
    assert_eq!(store.application(late).await.unwrap().session, None);

    let read = store.bureau_session(march).await.unwrap();
    assert_eq!(
        (
            read.held_on,
            read.title.as_str(),
            read.attendees.clone(),
            read.notes.as_str(),
            read.agenda.clone(),
            read.created_at
        ),
        (
            date("2026-03-10"),
            "Bureau du 2026-03-10",
            vec![(bruno, "Bruno".to_owned()), (admin, "Zoé Admin".to_owned())],
            "",
            vec![unscheduled, upcoming],
            NOW
        )
    );
    assert!(store.bureau_session(april).await.unwrap().agenda.is_empty());
    let june = store
        .create_bureau_session(&bureau_session("2026-06-02", Vec::new(), admin))
        .await
        .unwrap();
    assert_eq!(store.bureau_session(june).await.unwrap().agenda, [late]);
    assert_eq!(
        store
            .bureau_sessions()
            .await
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect::<Vec<_>>(),
        [june, april, march],
        "newest first"
    );
    assert!(matches!(
        store.bureau_session(SessionId(june.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["bureau_session.created"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("bureau_session:{}", june.0).as_str())
    );
}

async fn accepts_an_application_for_a_person(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let session = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin], admin))
        .await
        .unwrap();
    let membership = new_membership(
        Holder::Person(priya),
        plan,
        ("2026-03-10", "2027-03-09", 3000),
        admin,
    );
    let opened = store
        .decide_application(&decision(
            id,
            Verdict::Accept { membership },
            Some(session),
            admin,
        ))
        .await
        .unwrap()
        .expect("an acceptance opens a membership");

    let read = store.membership(opened).await.unwrap();
    assert_eq!((read.holder, read.plan), (Holder::Person(priya), plan));
    assert_eq!(read.periods.len(), 1);
    assert_eq!(
        store.pending_jobs().await.unwrap(),
        1,
        "the notice is queued"
    );
    let accepted = store.application(id).await.unwrap();
    assert_eq!(accepted.status, ApplicationStatus::Accepted);
    assert_eq!(accepted.session, Some(session));
    let decided = accepted.decision.expect("decided");
    assert_eq!(
        (
            decided.reason.as_str(),
            decided.decided_by,
            decided.decided_by_name.as_str(),
            decided.decided_at,
            decided.session,
            decided.membership
        ),
        (
            "Bienvenue",
            admin,
            "Admin",
            NOW,
            Some(session),
            Some(opened)
        )
    );
    assert_eq!(
        store.bureau_session(session).await.unwrap().agenda,
        [id],
        "a decided application stays on its agenda"
    );
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        ["application.accepted", "membership.created"]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("application:{}", id.0).as_str())
    );
}

async fn accepts_an_application_for_an_organisation(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let erwan = person(store, "erwan@asso.fr", "Erwan").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    store
        .affiliate(&NewAffiliation {
            account: erwan,
            organisation: acme,
            representative: true,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let plan = store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&NewApplication {
            organisation: Some(acme),
            ..application(priya, plan, "2026-03-01")
        })
        .await
        .unwrap();
    assert_eq!(
        store.application(id).await.unwrap().organisation,
        Some((acme, "Acme".to_owned()))
    );
    let membership = new_membership(
        Holder::Organisation(acme),
        plan,
        ("2026-03-10", "2027-03-09", 50_000),
        admin,
    );
    let opened = store
        .decide_application(&decision(id, Verdict::Accept { membership }, None, admin))
        .await
        .unwrap()
        .unwrap();

    assert_eq!(
        store.membership(opened).await.unwrap().holder,
        Holder::Organisation(acme)
    );
    let representatives = store
        .affiliations_of_organisation(acme)
        .await
        .unwrap()
        .iter()
        .map(|a| (a.account, a.representative))
        .collect::<Vec<_>>();
    assert_eq!(representatives, [(erwan, false), (priya, true)]);
    let decided = store.application(id).await.unwrap();
    assert_eq!(decided.session, None);
    assert_eq!(decided.decision.unwrap().session, None, "outside sessions");
}

async fn refuses_an_application_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_application(&application(priya, plan, "2026-03-01"))
        .await
        .unwrap();
    let refusal = ApplicationDecision {
        reason: "Hors du périmètre".to_owned(),
        ..decision(id, Verdict::Refuse, None, admin)
    };
    assert_eq!(store.decide_application(&refusal).await.unwrap(), None);
    let refused = store.application(id).await.unwrap();
    assert_eq!(refused.status, ApplicationStatus::Refused);
    let decided = refused.decision.clone().unwrap();
    assert_eq!(
        (decided.reason.as_str(), decided.membership),
        ("Hors du périmètre", None)
    );

    let membership = new_membership(
        Holder::Person(priya),
        plan,
        ("2026-03-10", "2027-03-09", 3000),
        admin,
    );
    let twice = store
        .decide_application(&ApplicationDecision {
            notice: email_job("decision-again"),
            ..decision(id, Verdict::Accept { membership }, None, admin)
        })
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict)), "{twice:?}");
    assert_eq!(store.application(id).await.unwrap(), refused, "unchanged");
    assert!(all_memberships(store).await.is_empty());
    assert_eq!(store.pending_jobs().await.unwrap(), 1, "one notice only");
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["application.refused"]
    );
    let unknown = store
        .decide_application(&decision(
            ApplicationId(id.0 + 1000),
            Verdict::Refuse,
            None,
            admin,
        ))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

async fn saves_session_notes(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let session = store
        .create_bureau_session(&bureau_session("2026-03-10", vec![admin], admin))
        .await
        .unwrap();
    store
        .save_session_notes(session, "Trois admissions.", admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.bureau_session(session).await.unwrap().notes,
        "Trois admissions."
    );
    let unknown = store
        .save_session_notes(SessionId(session.0 + 1000), "…", admin, NOW)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["bureau_session.notes"]);
    assert_eq!(log[0].subject, format!("bureau_session:{}", session.0));
}

async fn records_contributions_and_lists_contributors(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let bruno = person(store, "bruno@asso.fr", "Bruno").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let contribution = |account, kind, on: &str| NewContribution {
        account,
        kind,
        on: date(on),
        note: on.to_owned(),
        by: admin,
        at: NOW,
    };
    let early = store
        .record_contribution(&contribution(
            priya,
            ContributionKind::Moderation,
            "2026-01-05",
        ))
        .await
        .unwrap();
    let later = store
        .record_contribution(&contribution(
            priya,
            ContributionKind::Development,
            "2026-02-01",
        ))
        .await
        .unwrap();
    store
        .record_contribution(&contribution(bruno, ContributionKind::Events, "2026-02-01"))
        .await
        .unwrap();
    store
        .record_contribution(&contribution(
            admin,
            ContributionKind::Content,
            "2025-12-01",
        ))
        .await
        .unwrap();
    let unknown = store
        .record_contribution(&contribution(
            AccountId(priya.0 + 1000),
            ContributionKind::Content,
            "2026-01-01",
        ))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let of_priya = store.contributions_of(priya).await.unwrap();
    assert_eq!(
        of_priya
            .iter()
            .map(|c| (c.id, c.kind, c.on, c.note.as_str(), c.recorded_by))
            .collect::<Vec<_>>(),
        [
            (
                later,
                ContributionKind::Development,
                date("2026-02-01"),
                "2026-02-01",
                admin
            ),
            (
                early,
                ContributionKind::Moderation,
                date("2026-01-05"),
                "2026-01-05",
                admin
            )
        ],
        "newest first"
    );
    let contributors = store.contributors().await.unwrap();
    assert_eq!(
        contributors
            .iter()
            .map(|c| (
                c.account,
                c.display_name.as_str(),
                c.contributions,
                c.last_on
            ))
            .collect::<Vec<_>>(),
        [
            (bruno, "Bruno", 1, date("2026-02-01")),
            (priya, "Priya", 2, date("2026-02-01")),
            (admin, "Admin", 1, date("2025-12-01"))
        ],
        "the most recent first, then by name"
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["contribution.recorded"]);
}
