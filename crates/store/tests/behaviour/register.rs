//! The register: people, profiles, organisations, plans, memberships and dues, and the members file imported and exported.

use super::*;

behaviours!(
    lists_people_by_name,
    saves_and_reads_a_profile,
    refuses_a_profile_with_an_unknown_employer,
    sets_the_membership_policy,
    manages_organisations,
    affiliates_people_with_one_representative,
    creates_and_reads_plans,
    records_memberships_periods_and_payments,
    refuses_a_payment_for_another_memberships_period,
    lists_memberships_newest_first_and_by_holder,
    deletes_an_accounts_memberships_with_it,
    imports_members_once,
    refuses_a_whole_import_for_an_unknown_plan,
    exports_members_with_their_organisations_membership,
    finds_organisations_by_part_of_their_name_a_page_at_a_time,
);

async fn lists_people_by_name(store: &dyn Store) {
    let zoe = person(store, "zoe@asso.fr", "Zoé").await;
    let anna = person(store, "anna@asso.fr", "Anna").await;
    let other_anna = person(store, "anna2@asso.fr", "Anna").await;
    store
        .set_roles(&RolesChange {
            account: zoe,
            roles: vec![Role::Treasurer, Role::Administrator],
            by: zoe,
            at: NOW,
        })
        .await
        .unwrap();
    store
        .save_profile(&ProfileSave {
            account: other_anna,
            details: ProfileDetails {
                public: true,
                ..ProfileDetails::default()
            },
            at: NOW,
        })
        .await
        .unwrap();

    let everyone = store.find_people(&everyone()).await.unwrap();
    assert_eq!(everyone.total, 3);
    let people = everyone.items;
    assert_eq!(
        people.iter().map(|p| p.account).collect::<Vec<_>>(),
        [anna, other_anna, zoe],
        "by name, then by id"
    );
    let find = |words: &str, offset, limit| NameSearch {
        words: words.to_owned(),
        offset,
        limit,
    };
    let found = |query: NameSearch| async move {
        let found = store.find_people(&query).await.unwrap();
        let accounts: Vec<AccountId> = found.items.iter().map(|p| p.account).collect();
        (accounts, found.total)
    };
    assert_eq!(
        found(find("", 1, 1)).await,
        (vec![other_anna], 3),
        "a page, with its roles"
    );
    assert_eq!(found(find("ZOE@", 0, 10)).await, (vec![zoe], 1), "by email");
    assert_eq!(
        found(find("ann", 0, 10)).await,
        (vec![anna, other_anna], 2),
        "part of a name, in any case"
    );
    assert_eq!(
        found(find("%", 0, 10)).await,
        (vec![], 0),
        "the words are taken literally"
    );
    assert_eq!(people[2].display_name.as_str(), "Zoé");
    assert_eq!(people[2].email, email("zoe@asso.fr"));
    assert_eq!(people[2].roles, [Role::Administrator, Role::Treasurer]);
    assert!(people[0].roles.is_empty());
    assert_eq!(
        people.iter().map(|p| p.public).collect::<Vec<_>>(),
        [false, true, false]
    );
}

async fn saves_and_reads_a_profile(store: &dyn Store) {
    let id = person(store, "maelle@asso.fr", "Maëlle").await;
    let terranis = store
        .create_organisation(&organisation_save("TerraNIS", id))
        .await
        .unwrap();
    let fresh = store.profile(id).await.unwrap();
    assert_eq!(fresh.account, id);
    assert_eq!(fresh.display_name.as_str(), "Maëlle");
    assert_eq!(fresh.details, ProfileDetails::default());
    assert_eq!(fresh.reviewed_at, None);

    let details = ProfileDetails {
        job_title: "Géomaticienne".to_owned(),
        employer: Employer::Organisation(terranis, String::new()),
        bio: "Cartes et données.\nDepuis 2010.".to_owned(),
        expertise: vec!["réseaux".to_owned(), "Cloud".to_owned()],
        languages: vec!["français".to_owned(), "English".to_owned()],
        public: true,
    };
    store
        .save_profile(&ProfileSave {
            account: id,
            details: details.clone(),
            at: NOW,
        })
        .await
        .unwrap();
    let saved = store.profile(id).await.unwrap();
    assert_eq!(
        saved.details,
        ProfileDetails {
            employer: Employer::Organisation(terranis, "TerraNIS".to_owned()),
            ..details
        },
        "the employer's name is filled in"
    );
    assert_eq!(saved.reviewed_at, Some(NOW), "saving is a review");

    let later = Timestamp(NOW.0 + 3600);
    store.confirm_profile_current(id, later).await.unwrap();
    let confirmed = store.profile(id).await.unwrap();
    assert_eq!(confirmed.reviewed_at, Some(later));
    assert_eq!(confirmed.details, saved.details);
    assert!(matches!(
        store
            .confirm_profile_current(AccountId(id.0 + 1000), later)
            .await,
        Err(StoreError::NotFound)
    ));

    let freelance = ProfileDetails {
        employer: Employer::Other("Indépendante".to_owned()),
        ..ProfileDetails::default()
    };
    store
        .save_profile(&ProfileSave {
            account: id,
            details: freelance.clone(),
            at: later,
        })
        .await
        .unwrap();
    assert_eq!(store.profile(id).await.unwrap().details, freelance);

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "profile.saved",
            "profile.saved",
            "organisation.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(id), format!("account:{id}").as_str())
    );
    assert!(matches!(
        store.profile(AccountId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
}

async fn refuses_a_profile_with_an_unknown_employer(store: &dyn Store) {
    let id = person(store, "gwen@asso.fr", "Gwen").await;
    let before = store.profile(id).await.unwrap();
    let refused = store
        .save_profile(&ProfileSave {
            account: id,
            details: ProfileDetails {
                job_title: "Développeuse".to_owned(),
                employer: Employer::Organisation(OrganisationId(4242), String::new()),
                ..ProfileDetails::default()
            },
            at: NOW,
        })
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    assert_eq!(store.profile(id).await.unwrap(), before);
    assert_eq!(
        actions(&store.audit_log(10).await.unwrap()),
        ["account.created"]
    );
}

async fn sets_the_membership_policy(store: &dyn Store) {
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::Both
    );
    let admin = store
        .set_up_instance(&instance_setup("admin@asso.fr"))
        .await
        .unwrap();
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::Both
    );
    store
        .set_membership_policy(MembershipPolicy::OrganisationsOnly, admin, NOW)
        .await
        .unwrap();
    assert_eq!(
        store.membership_policy().await.unwrap(),
        MembershipPolicy::OrganisationsOnly
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["settings.membership_policy"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "association")
    );
}

async fn manages_organisations(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let zenika = store
        .create_organisation(&organisation_save("Zenika", admin))
        .await
        .unwrap();
    let detailed = OrganisationSave {
        fields: OrganisationFields {
            category: OrganisationCategory::ResearchUnit,
            website: Some(WebAddress::parse("website", "https://irisa.fr").unwrap()),
            logo_url: Some(WebAddress::parse("logo_url", "https://irisa.fr/logo.png").unwrap()),
            description: "Recherche en informatique.".to_owned(),
            size: Some(850),
            ..organisation_save("IRISA", admin).fields
        },
        ..organisation_save("IRISA", admin)
    };
    let irisa = store.create_organisation(&detailed).await.unwrap();

    let read = store.organisation(irisa).await.unwrap();
    assert_eq!(
        (read.id, &read.fields, read.created_at),
        (irisa, &detailed.fields, NOW)
    );
    let listed = store.organisations().await.unwrap();
    assert_eq!(
        listed.iter().map(|o| o.id).collect::<Vec<_>>(),
        [irisa, zenika],
        "by name"
    );
    assert_eq!(listed[1].fields.website, None);
    assert_eq!(listed[1].fields.size, None);

    let renamed = organisation_save("Atos", admin);
    store.update_organisation(zenika, &renamed).await.unwrap();
    assert_eq!(
        store.organisation(zenika).await.unwrap().fields,
        renamed.fields
    );
    assert_eq!(
        store.organisations().await.unwrap()[0].id,
        zenika,
        "listed under its new name"
    );

    let taken = store
        .create_organisation(&organisation_save("IRISA", admin))
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    assert!(matches!(
        store
            .update_organisation(zenika, &organisation_save("IRISA", admin))
            .await,
        Err(StoreError::Conflict)
    ));
    let missing = OrganisationId(irisa.0 + 1000);
    assert!(matches!(
        store.update_organisation(missing, &renamed).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.organisation(missing).await,
        Err(StoreError::NotFound)
    ));

    let log = store.audit_log(10).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.updated",
            "organisation.created",
            "organisation.created",
            "account.created"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("organisation:{zenika}").as_str())
    );
}

async fn affiliates_people_with_one_representative(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let erwan = person(store, "erwan@asso.fr", "Erwan").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    let other = store
        .create_organisation(&organisation_save("Bzh Data", admin))
        .await
        .unwrap();
    let affiliation = |account, organisation, representative| NewAffiliation {
        account,
        organisation,
        representative,
        by: admin,
        at: NOW,
    };

    store
        .affiliate(&affiliation(erwan, acme, true))
        .await
        .unwrap();
    store
        .affiliate(&affiliation(erwan, other, true))
        .await
        .unwrap();
    store
        .affiliate(&affiliation(priya, acme, true))
        .await
        .unwrap();
    let representatives = |affiliations: &[cercle_core::register::people::Affiliation]| {
        affiliations
            .iter()
            .map(|a| (a.person.clone(), a.representative))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        representatives(&store.affiliations_of_organisation(acme).await.unwrap()),
        [("Erwan".to_owned(), false), ("Priya".to_owned(), true)],
        "a new representative unmakes the previous one"
    );
    assert_eq!(
        representatives(&store.affiliations_of_organisation(other).await.unwrap()),
        [("Erwan".to_owned(), true)],
        "other organisations keep theirs"
    );

    store
        .affiliate(&affiliation(priya, acme, false))
        .await
        .unwrap();
    let of_acme = store.affiliations_of_organisation(acme).await.unwrap();
    assert_eq!(of_acme.len(), 2, "updated, not duplicated");
    assert!(of_acme.iter().all(|a| !a.representative));

    let of_erwan = store.affiliations_of_person(erwan).await.unwrap();
    assert_eq!(
        of_erwan
            .iter()
            .map(|a| (a.account, a.organisation, a.organisation_name.as_str()))
            .collect::<Vec<_>>(),
        [(erwan, acme, "Acme"), (erwan, other, "Bzh Data")]
    );

    store.unaffiliate(erwan, acme, admin, NOW).await.unwrap();
    assert_eq!(store.affiliations_of_person(erwan).await.unwrap().len(), 1);
    let again = store.unaffiliate(erwan, acme, admin, NOW).await;
    assert!(matches!(again, Err(StoreError::NotFound)), "{again:?}");
    let unknown = store
        .affiliate(&affiliation(erwan, OrganisationId(other.0 + 1000), false))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let log = store.audit_log(5).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.unaffiliated",
            "organisation.affiliated",
            "organisation.affiliated",
            "organisation.affiliated",
            "organisation.affiliated"
        ]
    );
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (
            Some(admin),
            format!("organisation:{acme}/account:{erwan}").as_str()
        )
    );
}

async fn creates_and_reads_plans(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let company = plan_save("Entreprise", HolderKind::Organisation, admin);
    let company_id = store.create_plan(&company).await.unwrap();
    let individual = PlanSave {
        fields: PlanFields {
            period: BillingPeriod::Monthly,
            prices: vec![PriceBand {
                min_size: 0,
                amount: Amount(500),
            }],
            services: Vec::new(),
            // Kept as saved: an individual plan whose holders do not vote.
            votes: false,
            ..plan_save("Adhésion individuelle", HolderKind::Person, admin).fields
        },
        ..plan_save("Adhésion individuelle", HolderKind::Person, admin)
    };
    let individual_id = store.create_plan(&individual).await.unwrap();

    let read = store.plan(company_id).await.unwrap();
    assert_eq!((read.id, &read.fields), (company_id, &company.fields));
    assert_eq!(read.fields.price_for(Some(60)), Amount(120_000));
    let listed = store.plans().await.unwrap();
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        [individual_id, company_id],
        "by name"
    );
    assert_eq!(listed[0].fields, individual.fields);

    let taken = store.create_plan(&company).await;
    assert!(matches!(taken, Err(StoreError::Conflict)), "{taken:?}");
    assert!(matches!(
        store.plan(PlanId(company_id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["plan.created"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), format!("plan:{}", individual_id.0).as_str())
    );
}

async fn records_memberships_periods_and_payments(store: &dyn Store) {
    let treasurer = person(store, "tresor@asso.fr", "Trésorière").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, treasurer))
        .await
        .unwrap();
    let id = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            plan,
            ("2026-01-01", "2026-12-31", 3000),
            treasurer,
        ))
        .await
        .unwrap();

    let membership = store.membership(id).await.unwrap();
    assert_eq!(
        (
            membership.id,
            membership.holder,
            membership.holder_name.as_str(),
            membership.plan,
            membership.plan_name.as_str(),
            membership.currency.as_str(),
            membership.status,
            membership.created_at,
        ),
        (
            id,
            Holder::Person(priya),
            "Priya",
            plan,
            "Individuel",
            "EUR",
            MembershipStatus::Active,
            NOW
        )
    );
    assert_eq!(membership.periods.len(), 1);
    let first = membership.periods[0].clone();
    assert_eq!(
        (first.starts_on, first.ends_on, first.amount_due),
        (date("2026-01-01"), date("2026-12-31"), Amount(3000))
    );
    assert!(membership.payments.is_empty());
    assert!(matches!(
        membership.standing(date("2026-06-01")),
        Standing::Unpaid { .. }
    ));

    let payment = NewPayment {
        membership: id,
        period: first.id,
        amount: Amount(3000),
        paid_on: date("2026-01-15"),
        method: PaymentMethod::Transfer,
        reference: "VIR 2026-001".to_owned(),
        by: treasurer,
        at: NOW,
    };
    let payment_id = store.record_payment(&payment).await.unwrap();
    let paid = store.membership(id).await.unwrap();
    assert_eq!(
        paid.standing(date("2026-06-01")),
        Standing::Good {
            until: date("2026-12-31")
        }
    );
    let recorded = &paid.payments[0];
    assert_eq!(
        (
            recorded.id,
            recorded.period,
            recorded.amount,
            recorded.paid_on,
            recorded.method,
            recorded.reference.as_str(),
            recorded.recorded_by,
            recorded.recorded_at
        ),
        (
            payment_id,
            first.id,
            Amount(3000),
            date("2026-01-15"),
            PaymentMethod::Transfer,
            "VIR 2026-001",
            Some(treasurer),
            NOW
        )
    );

    let next = store
        .add_period(
            id,
            &period("2027-01-01", "2027-12-31", 3500),
            treasurer,
            NOW,
        )
        .await
        .unwrap();
    store
        .record_payment(&NewPayment {
            period: next,
            amount: Amount(3500),
            paid_on: date("2026-12-20"),
            method: PaymentMethod::Card,
            reference: String::new(),
            ..payment.clone()
        })
        .await
        .unwrap();
    let renewed = store.membership(id).await.unwrap();
    assert_eq!(
        renewed.periods.iter().map(|p| p.id).collect::<Vec<_>>(),
        [first.id, next],
        "oldest first"
    );
    assert_eq!(
        renewed
            .payments
            .iter()
            .map(|p| p.period)
            .collect::<Vec<_>>(),
        [first.id, next],
        "oldest first"
    );
    assert_eq!(
        renewed.standing(date("2026-06-01")),
        Standing::Good {
            until: date("2027-12-31")
        }
    );
    assert!(matches!(
        store
            .add_period(
                MembershipId(id.0 + 1000),
                &period("2027-01-01", "2027-12-31", 0),
                treasurer,
                NOW
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let change = StatusChange {
        membership: id,
        status: MembershipStatus::Resigned,
        by: Some(treasurer),
        at: NOW,
    };
    store.set_membership_status(&change).await.unwrap();
    let resigned = store.membership(id).await.unwrap();
    assert_eq!(resigned.status, MembershipStatus::Resigned);
    assert_eq!(
        resigned.standing(date("2026-06-01")),
        Standing::NotActive(MembershipStatus::Resigned)
    );
    assert!(matches!(
        store
            .set_membership_status(&StatusChange {
                membership: MembershipId(id.0 + 1000),
                ..change
            })
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.membership(MembershipId(id.0 + 1000)).await,
        Err(StoreError::NotFound)
    ));
    let unknown_plan = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            PlanId(plan.0 + 1000),
            ("2026-01-01", "2026-12-31", 0),
            treasurer,
        ))
        .await;
    assert!(
        matches!(unknown_plan, Err(StoreError::NotFound)),
        "{unknown_plan:?}"
    );
    let unknown_holder = store
        .create_membership(&new_membership(
            Holder::Organisation(OrganisationId(1000)),
            plan,
            ("2026-01-01", "2026-12-31", 0),
            treasurer,
        ))
        .await;
    assert!(
        matches!(unknown_holder, Err(StoreError::NotFound)),
        "{unknown_holder:?}"
    );

    let log = store.audit_log(6).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "membership.status_changed",
            "membership.payment_recorded",
            "membership.period_added",
            "membership.payment_recorded",
            "membership.created",
            "plan.created"
        ]
    );
    assert!(
        log[..5]
            .iter()
            .all(|entry| entry.actor == Some(treasurer)
                && entry.subject == format!("membership:{id}"))
    );
}

async fn refuses_a_payment_for_another_memberships_period(store: &dyn Store) {
    let treasurer = person(store, "tresor@asso.fr", "Trésorière").await;
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, treasurer))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for address in ["a@asso.fr", "b@asso.fr"] {
        let holder = person(store, address, address).await;
        ids.push(
            store
                .create_membership(&new_membership(
                    Holder::Person(holder),
                    plan,
                    ("2026-01-01", "2026-12-31", 3000),
                    treasurer,
                ))
                .await
                .unwrap(),
        );
    }
    let other_period = store.membership(ids[1]).await.unwrap().periods[0].id;
    let refused = store
        .record_payment(&NewPayment {
            membership: ids[0],
            period: other_period,
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cheque,
            reference: String::new(),
            by: treasurer,
            at: NOW,
        })
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    let unknown = store
        .record_payment(&NewPayment {
            membership: ids[0],
            period: PeriodId(other_period.0 + 1000),
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cheque,
            reference: String::new(),
            by: treasurer,
            at: NOW,
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    for membership in all_memberships(store).await {
        assert!(membership.payments.is_empty(), "{membership:?}");
    }
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].action,
        "membership.created"
    );
}

async fn lists_memberships_newest_first_and_by_holder(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let priya = person(store, "priya@asso.fr", "Priya").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    let individual = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let company = store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let own = store
        .create_membership(&new_membership(
            Holder::Person(priya),
            individual,
            ("2026-01-01", "2026-12-31", 3000),
            admin,
        ))
        .await
        .unwrap();
    let organisation = store
        .create_membership(&NewMembership {
            at: Timestamp(NOW.0 + 1),
            ..new_membership(
                Holder::Organisation(acme),
                company,
                ("2026-03-01", "2027-02-28", 50_000),
                admin,
            )
        })
        .await
        .unwrap();
    store
        .add_period(
            organisation,
            &period("2027-03-01", "2028-02-29", 50_000),
            admin,
            NOW,
        )
        .await
        .unwrap();

    let all = all_memberships(store).await;
    assert_eq!(
        all.iter().map(|m| m.id).collect::<Vec<_>>(),
        [organisation, own],
        "newest first"
    );
    assert_eq!(
        (all[0].holder_name.as_str(), all[0].plan_name.as_str()),
        ("Acme", "Entreprise")
    );
    assert_eq!(all[0].periods.len(), 2);
    assert_eq!(all[1].periods.len(), 1);
    assert_eq!(all[0], store.membership(organisation).await.unwrap());
    let one = NonZeroU32::new(1).unwrap();
    let first = store.memberships_after(None, one).await.unwrap();
    assert_eq!(first, [all[1].clone()], "in id order, with its periods");
    let next = store.memberships_after(Some(own), one).await.unwrap();
    assert_eq!(next, [all[0].clone()], "after the previous page");
    assert!(
        store
            .memberships_after(Some(organisation), one)
            .await
            .unwrap()
            .is_empty()
    );

    let held = store
        .memberships_held_by(Holder::Organisation(acme))
        .await
        .unwrap();
    assert_eq!(held, [all[0].clone()]);
    let held = store
        .memberships_held_by(Holder::Person(priya))
        .await
        .unwrap();
    assert_eq!(held, [all[1].clone()]);
    assert!(
        store
            .memberships_held_by(Holder::Person(admin))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn deletes_an_accounts_memberships_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    let leaving = person(store, "leaving@asso.fr", "Leaving").await;
    let acme = store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    store
        .affiliate(&NewAffiliation {
            account: leaving,
            organisation: acme,
            representative: true,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    let plan = store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let id = store
        .create_membership(&new_membership(
            Holder::Person(leaving),
            plan,
            ("2026-01-01", "2026-12-31", 3000),
            admin,
        ))
        .await
        .unwrap();
    let period = store.membership(id).await.unwrap().periods[0].id;
    store
        .record_payment(&NewPayment {
            membership: id,
            period,
            amount: Amount(3000),
            paid_on: date("2026-01-15"),
            method: PaymentMethod::Cash,
            reference: String::new(),
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();

    store.delete_account(leaving, NOW).await.unwrap();
    assert!(matches!(
        store.membership(id).await,
        Err(StoreError::NotFound)
    ));
    assert!(all_memberships(store).await.is_empty());
    assert!(
        store
            .memberships_held_by(Holder::Person(leaving))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .affiliations_of_organisation(acme)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.plan(plan).await.unwrap().id, plan, "the plan stays");
}

async fn imports_members_once(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .save_profile(&ProfileSave {
            account: admin,
            details: ProfileDetails {
                job_title: "Présidente".to_owned(),
                employer: Employer::None,
                bio: String::new(),
                expertise: Vec::new(),
                languages: Vec::new(),
                public: false,
            },
            at: NOW,
        })
        .await
        .unwrap();
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    store
        .create_plan(&plan_save("Individuel", HolderKind::Person, admin))
        .await
        .unwrap();
    let import = MemberImport {
        rows: vec![
            imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
            imported("lea@acme.fr", "Léa", Some("Acme"), Some("Entreprise")),
            imported("admin@asso.fr", "Admin", None, Some("Individuel")),
            imported("solo@asso.fr", "Solo", None, None),
        ],
        by: Some(admin),
        at: NOW,
    };
    let report = store.import_members(&import).await.unwrap();
    assert_eq!(
        report,
        ImportReport {
            accounts: 3,
            organisations: 1,
            memberships: 2,
            payments: 2,
        },
        "Acme's membership is created once, for its first row"
    );

    let erwan = store
        .account_by_email(&email("erwan@acme.fr"))
        .await
        .unwrap();
    assert!(
        !store
            .credentials(&email("erwan@acme.fr"))
            .await
            .unwrap()
            .password_hash
            .verify("!"),
        "no usable password"
    );
    assert_eq!(
        store.profile(erwan.id).await.unwrap().details.job_title,
        "Développeuse"
    );
    assert_eq!(
        store.profile(admin).await.unwrap().details.job_title,
        "Présidente",
        "a job title is kept"
    );
    let of_erwan = store.affiliations_of_person(erwan.id).await.unwrap();
    assert_eq!(of_erwan.len(), 1);
    assert!(!of_erwan[0].representative);
    let acme = store.organisation(of_erwan[0].organisation).await.unwrap();
    assert_eq!(acme.fields.category, OrganisationCategory::Other);
    let of_acme = store
        .memberships_held_by(Holder::Organisation(acme.id))
        .await
        .unwrap();
    assert_eq!(of_acme.len(), 1);
    let payment = &of_acme[0].payments[0];
    assert_eq!(
        (
            payment.period,
            payment.amount,
            payment.method,
            payment.recorded_by
        ),
        (
            of_acme[0].periods[0].id,
            Amount(3000),
            PaymentMethod::Transfer,
            Some(admin)
        )
    );
    assert_eq!(of_acme[0].status, MembershipStatus::Active);
    assert_eq!(
        store
            .memberships_held_by(Holder::Person(admin))
            .await
            .unwrap()
            .len(),
        1
    );
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["members.imported"]);
    assert_eq!(
        (log[0].actor, log[0].subject.as_str()),
        (Some(admin), "rows:4")
    );

    let people = store.find_people(&everyone()).await.unwrap().total;
    let again = store
        .import_members(&MemberImport { by: None, ..import })
        .await
        .unwrap();
    assert_eq!(again, ImportReport::default(), "nothing new");
    assert_eq!(store.find_people(&everyone()).await.unwrap().total, people);
    assert_eq!(all_memberships(store).await.len(), 2);
    assert_eq!(store.audit_log(1).await.unwrap()[0].actor, None);
}

async fn refuses_a_whole_import_for_an_unknown_plan(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    let people = store.find_people(&everyone()).await.unwrap().total;
    let refused = store
        .import_members(&MemberImport {
            rows: vec![
                imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
                ImportedMember {
                    row: 3,
                    ..imported("lea@acme.fr", "Léa", None, Some("Bienfaiteur"))
                },
            ],
            by: Some(admin),
            at: NOW,
        })
        .await;
    match refused {
        Err(ImportFailure::Row(refusal)) => assert_eq!(
            refusal,
            ImportRefusal {
                row: 3,
                reason: "unknown plan \"Bienfaiteur\"".to_owned()
            }
        ),
        other => panic!("{other:?}"),
    }
    let no_organisation = store
        .import_members(&MemberImport {
            rows: vec![ImportedMember {
                row: 2,
                ..imported("lea@acme.fr", "Léa", None, Some("Entreprise"))
            }],
            by: Some(admin),
            at: NOW,
        })
        .await;
    match no_organisation {
        Err(ImportFailure::Row(refusal)) => assert_eq!(
            refusal,
            ImportRefusal {
                row: 2,
                reason: "the plan is for organisations but the row names none".to_owned()
            }
        ),
        other => panic!("{other:?}"),
    }

    assert_eq!(
        store.find_people(&everyone()).await.unwrap().total,
        people,
        "nothing written"
    );
    assert!(store.organisations().await.unwrap().is_empty());
    assert!(all_memberships(store).await.is_empty());
    assert_eq!(
        actions(&store.audit_log(1).await.unwrap()),
        ["plan.created"]
    );
}

async fn exports_members_with_their_organisations_membership(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Admin").await;
    store
        .create_plan(&plan_save("Entreprise", HolderKind::Organisation, admin))
        .await
        .unwrap();
    store
        .import_members(&MemberImport {
            rows: vec![
                imported("erwan@acme.fr", "Erwan", Some("Acme"), Some("Entreprise")),
                imported("lea@acme.fr", "Léa", Some("Acme"), None),
            ],
            by: Some(admin),
            at: NOW,
        })
        .await
        .unwrap();

    let exported = store.export_members().await.unwrap();
    assert_eq!(
        exported
            .iter()
            .map(|m| (
                m.email.as_str(),
                m.display_name.as_str(),
                m.job_title.as_str(),
                m.organisation.as_deref(),
                m.membership.as_ref().map(|m| m.plan_name.as_str())
            ))
            .collect::<Vec<_>>(),
        [
            ("admin@asso.fr", "Admin", "", None, None),
            (
                "erwan@acme.fr",
                "Erwan",
                "Développeuse",
                Some("Acme"),
                Some("Entreprise")
            ),
            (
                "lea@acme.fr",
                "Léa",
                "Développeuse",
                Some("Acme"),
                Some("Entreprise")
            ),
        ],
        "by name, with their organisation's membership"
    );
    let membership = exported[2].membership.as_ref().unwrap();
    assert_eq!(membership.holder_name, "Acme");
    assert_eq!(membership.payments.len(), 1);
}

async fn finds_organisations_by_part_of_their_name_a_page_at_a_time(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let mut ids = Vec::new();
    for name in ["Zeta", "Acme Labs", "Acme", "100% Coop"] {
        ids.push(
            store
                .create_organisation(&organisation_save(name, admin))
                .await
                .unwrap(),
        );
    }
    let find = |words: &str, offset, limit| NameSearch {
        words: words.to_owned(),
        offset,
        limit,
    };
    let found = |search: NameSearch| async move {
        let found = store.find_organisations(&search).await.unwrap();
        let names: Vec<String> = found
            .items
            .iter()
            .map(|o| o.fields.name.as_str().to_owned())
            .collect();
        (names, found.total)
    };
    assert_eq!(
        found(find("", 1, 2)).await,
        (vec!["Acme".to_owned(), "Acme Labs".to_owned()], 4),
        "by name, a page"
    );
    assert_eq!(
        found(find("ACME", 0, 10)).await,
        (vec!["Acme".to_owned(), "Acme Labs".to_owned()], 2),
        "part of the name, in any case"
    );
    assert_eq!(
        found(find("0%", 0, 10)).await,
        (vec!["100% Coop".to_owned()], 1),
        "the words are taken literally"
    );
}
