//! The public site and the security inbox.

use super::*;

behaviours!(
    records_security_reports_for_the_contacts_and_their_state,
    saves_the_sites_texts_and_settings_over_the_defaults,
    replaces_the_logo_and_deletes_the_previous_one,
    keeps_site_entries_by_section_and_position,
    deletes_a_bodys_members_with_it,
    adopters_wait_for_a_moderator_and_leave_nothing_when_refused,
    shows_the_member_organisations_that_agreed,
);

async fn saves_the_sites_texts_and_settings_over_the_defaults(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let defaults = store.site_settings().await.unwrap();
    assert_eq!(
        defaults.licence,
        Licence::default(),
        "CC BY-SA 4.0 until saved"
    );
    assert!(defaults.text(TextKey::Welcome).is_empty());
    assert!(!defaults.free_participation);

    let mut settings = SiteSettings {
        texts: vec![
            (TextKey::Welcome, Bilingual::new("Bienvenue !", "Welcome!")),
            (
                TextKey::SteeringNote,
                Bilingual::new("Aucun support ici.", ""),
            ),
        ],
        free_participation: true,
        licence: Licence {
            name: "CC0".to_owned(),
            url: None,
        },
        steering_email: Some(email("psc@georchestra.org")),
        logo: None,
    };
    let save = |settings: &SiteSettings| SiteSettingsSave {
        settings: settings.clone(),
        by: admin,
        at: NOW,
    };
    store.save_site_settings(&save(&settings)).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap(), settings);

    settings.texts = vec![(TextKey::Welcome, Bilingual::new("", "Welcome back"))];
    settings.steering_email = None;
    store.save_site_settings(&save(&settings)).await.unwrap();
    let saved = store.site_settings().await.unwrap();
    assert_eq!(
        saved.text(TextKey::Welcome),
        &Bilingual::new("", "Welcome back")
    );
    assert_eq!(
        saved.text(TextKey::SteeringNote).fr,
        "Aucun support ici.",
        "a text the save did not carry stays"
    );
    assert_eq!(saved.steering_email, None);
    let log = store.audit_log(1).await.unwrap();
    assert_eq!(actions(&log), ["site.settings_saved"]);
    assert_eq!(log[0].actor, Some(admin));
}

async fn replaces_the_logo_and_deletes_the_previous_one(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let change = |image| LogoChange {
        image,
        by: admin,
        at: NOW,
    };
    let first = store.set_site_logo(&change(png(120, 60))).await.unwrap();
    let settings = store.site_settings().await.unwrap();
    assert_eq!(settings.logo, Some(first));
    assert_eq!(
        settings.licence,
        Licence::default(),
        "the defaults came with it"
    );
    let stored = store.site_image(first).await.unwrap();
    assert_eq!(stored.kind, ImageKind::Png);
    assert_eq!(
        stored.bytes,
        png(120, 60).bytes,
        "bytes survive the round trip"
    );
    assert!(stored.public, "the logo is shown to all");

    let second = store.set_site_logo(&change(png(64, 64))).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap().logo, Some(second));
    assert!(matches!(
        store.site_image(first).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        actions(&store.audit_log(2).await.unwrap()),
        ["site.logo_changed", "site.logo_changed"]
    );
}

async fn keeps_site_entries_by_section_and_position(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let meet = store
        .create_site_entry(&entry_save(Section::Cards, 2, "Rencontrer", admin))
        .await
        .unwrap();
    store
        .create_site_entry(&entry_save(Section::Cards, 1, "Discuter", admin))
        .await
        .unwrap();
    store
        .create_site_entry(&entry_save(Section::Cards, 2, "Rejoindre", admin))
        .await
        .unwrap();
    let mut highlight = entry_save(Section::Highlights, 0, "Forum", admin);
    highlight.fields.starts_on = Some(date("2026-11-23"));
    let forum = store.create_site_entry(&highlight).await.unwrap();

    let cards = store.site_entries(Section::Cards).await.unwrap();
    assert_eq!(titles(&cards), ["Discuter", "Rencontrer", "Rejoindre"]);
    assert_eq!(
        cards[1].fields,
        entry_save(Section::Cards, 2, "Rencontrer", admin).fields
    );
    let highlights = store.site_entries(Section::Highlights).await.unwrap();
    assert_eq!(highlights[0].id, forum);
    assert_eq!(highlights[0].fields.starts_on, Some(date("2026-11-23")));

    let mut moved = entry_save(Section::Cards, 9, "Rencontrer la communauté", admin);
    moved.fields.link = None;
    store.update_site_entry(meet, &moved).await.unwrap();
    let cards = store.site_entries(Section::Cards).await.unwrap();
    assert_eq!(
        titles(&cards),
        ["Discuter", "Rejoindre", "Rencontrer la communauté"]
    );
    assert_eq!(cards[2].fields.link, None);

    let elsewhere = store
        .update_site_entry(forum, &entry_save(Section::Cards, 0, "Détournée", admin))
        .await;
    assert!(
        matches!(elsewhere, Err(StoreError::NotFound)),
        "{elsewhere:?}"
    );
    let deletion = |section, entry| EntryDeletion {
        section,
        entry,
        by: admin,
        at: NOW,
    };
    let wrong = store
        .delete_site_entry(&deletion(Section::Help, meet))
        .await;
    assert!(matches!(wrong, Err(StoreError::NotFound)), "{wrong:?}");
    store
        .delete_site_entry(&deletion(Section::Cards, meet))
        .await
        .unwrap();
    assert_eq!(store.site_entries(Section::Cards).await.unwrap().len(), 2);
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "site.entry_deleted",
            "site.entry_updated",
            "site.entry_created"
        ]
    );
    assert_eq!(log[0].subject, format!("site_entry:cards/{}", meet.0));
}

async fn deletes_a_bodys_members_with_it(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let board = store
        .create_site_entry(&entry_save(Section::Bodies, 0, "Conseil", admin))
        .await
        .unwrap();
    let card = store
        .create_site_entry(&entry_save(Section::Cards, 0, "Carte", admin))
        .await
        .unwrap();
    let member = |parent| {
        let mut save = entry_save(Section::Members, 0, "Jeanne Martin", admin);
        save.fields.parent = Some(parent);
        save.fields.starts_on = Some(date("2025-06-01"));
        save.fields.ends_on = Some(date("2027-06-01"));
        save
    };
    store.create_site_entry(&member(board)).await.unwrap();
    let members = store.site_entries(Section::Members).await.unwrap();
    assert_eq!(members[0].fields.parent, Some(board));
    assert_eq!(members[0].fields.ends_on, Some(date("2027-06-01")));
    for parent in [card, EntryId(board.0 + 1000)] {
        let refused = store.create_site_entry(&member(parent)).await;
        assert!(
            matches!(refused, Err(StoreError::NotFound)),
            "a member sits on a body: {refused:?}"
        );
    }
    store
        .delete_site_entry(&EntryDeletion {
            section: Section::Bodies,
            entry: board,
            by: admin,
            at: NOW,
        })
        .await
        .unwrap();
    assert!(
        store
            .site_entries(Section::Members)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn adopters_wait_for_a_moderator_and_leave_nothing_when_refused(store: &dyn Store) {
    let moderator = person(store, "modo@asso.fr", "Mo Dératrice").await;
    let bretagne = store
        .submit_adopter(&submission("Bretagne (Région)", Some(png(200, 100))))
        .await
        .unwrap();
    let spam = store
        .submit_adopter(&submission("Spam SARL", Some(png(10, 10))))
        .await
        .unwrap();
    let plain = store
        .submit_adopter(&submission("Rennes Métropole", None))
        .await
        .unwrap();
    assert!(
        store
            .adopters(AdopterStatus::Approved)
            .await
            .unwrap()
            .is_empty()
    );
    let pending = store.adopters(AdopterStatus::Pending).await.unwrap();
    assert_eq!(
        pending.iter().map(|a| a.id).collect::<Vec<_>>(),
        [bretagne, plain, spam],
        "by name"
    );
    assert_eq!(
        pending[0].fields,
        submission("Bretagne (Région)", None).fields
    );
    assert_eq!(pending[0].status, AdopterStatus::Pending);
    let logo = pending[0].logo.unwrap();
    assert!(
        !store.site_image(logo).await.unwrap().public,
        "not before approval"
    );
    assert_eq!(
        store.audit_log(1).await.unwrap()[0].actor,
        None,
        "no account needed"
    );

    let decide = |adopter, verdict| AdopterDecision {
        adopter,
        verdict,
        by: moderator,
        at: NOW,
    };
    store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Approve))
        .await
        .unwrap();
    let approved = store.adopters(AdopterStatus::Approved).await.unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].id, bretagne);
    assert!(store.site_image(logo).await.unwrap().public);
    let twice = store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Approve))
        .await;
    assert!(matches!(twice, Err(StoreError::NotFound)), "{twice:?}");
    let not_listed = store
        .decide_adopter(&decide(spam, AdopterVerdict::Remove))
        .await;
    assert!(
        matches!(not_listed, Err(StoreError::NotFound)),
        "{not_listed:?}"
    );

    let spam_logo = store.adopters(AdopterStatus::Pending).await.unwrap()[1]
        .logo
        .unwrap();
    store
        .decide_adopter(&decide(spam, AdopterVerdict::Refuse))
        .await
        .unwrap();
    assert_eq!(
        store.adopters(AdopterStatus::Pending).await.unwrap().len(),
        1
    );
    assert!(matches!(
        store.site_image(spam_logo).await,
        Err(StoreError::NotFound)
    ));
    store
        .decide_adopter(&decide(bretagne, AdopterVerdict::Remove))
        .await
        .unwrap();
    assert!(
        store
            .adopters(AdopterStatus::Approved)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.site_image(logo).await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        ["adopter.removed", "adopter.refused", "adopter.approved"]
    );
    assert_eq!(log[1].subject, format!("adopter:{}", spam.0));
}

async fn shows_the_member_organisations_that_agreed(store: &dyn Store) {
    let admin = person(store, "admin@asso.fr", "Zoé Admin").await;
    let terranis = store
        .create_organisation(&organisation_save("TerraNIS", admin))
        .await
        .unwrap();
    store
        .create_organisation(&organisation_save("Acme", admin))
        .await
        .unwrap();
    assert!(store.shown_organisations().await.unwrap().is_empty());
    let change = |organisation, shown| ShowcaseChange {
        organisation,
        shown,
        by: admin,
        at: NOW,
    };
    store
        .set_organisation_shown(&change(terranis, true))
        .await
        .unwrap();
    let shown = store.shown_organisations().await.unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].fields.name.as_str(), "TerraNIS");
    store
        .set_organisation_shown(&change(terranis, false))
        .await
        .unwrap();
    assert!(store.shown_organisations().await.unwrap().is_empty());
    let unknown = store
        .set_organisation_shown(&change(OrganisationId(terranis.0 + 1000), true))
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    let log = store.audit_log(2).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "organisation.showcase_changed",
            "organisation.showcase_changed"
        ]
    );
    assert_eq!(
        log[0].subject,
        format!("organisation:{}/hidden", terranis.0)
    );
}

async fn records_security_reports_for_the_contacts_and_their_state(store: &dyn Store) {
    use cercle_core::site::security::{
        NewSecurityReport, ReportState, ReportStateChange, SecurityReportId,
    };
    let contact = person(store, "psc@asso.fr", "Raoul Contact").await;
    let other = person(store, "alex@asso.fr", "Alex Contact").await;
    person(store, "member@asso.fr", "Maëlle Member").await;
    for account in [contact, other] {
        store
            .set_roles(&RolesChange {
                account,
                roles: vec![Role::SecurityContact],
                by: account,
                at: NOW,
            })
            .await
            .unwrap();
    }
    let contacts = store
        .accounts_with_role(Role::SecurityContact)
        .await
        .unwrap();
    assert_eq!(
        contacts.iter().map(|a| a.id).collect::<Vec<_>>(),
        [other, contact],
        "by name"
    );
    assert!(
        store
            .accounts_with_role(Role::Treasurer)
            .await
            .unwrap()
            .is_empty()
    );

    let report = |description: &str, at: Timestamp| NewSecurityReport {
        reporter_name: String::new(),
        reporter_email: email("finder@example.net"),
        description: description.to_owned(),
        affected_version: "1.4".to_owned(),
        language: Language::En,
        notices: vec![
            email_job(&format!("contact:{description}")),
            email_job(&format!("ack:{description}")),
        ],
        at,
    };
    let first = store
        .create_security_report(&report("XSS in the search box", NOW))
        .await
        .unwrap();
    let second = store
        .create_security_report(&report("CSRF on the profile form", Timestamp(NOW.0 + 60)))
        .await
        .unwrap();
    assert_eq!(store.pending_jobs().await.unwrap(), 4);
    let reports = store.security_reports().await.unwrap();
    assert_eq!(
        reports.iter().map(|r| r.id).collect::<Vec<_>>(),
        [second, first],
        "newest first"
    );
    let read = store.security_report(first).await.unwrap();
    assert_eq!(read.description, "XSS in the search box");
    assert_eq!(read.reporter_email, email("finder@example.net"));
    assert_eq!(read.affected_version, "1.4");
    assert_eq!(read.state, ReportState::New);
    assert_eq!(read.updated, None);

    store
        .set_security_report_state(&ReportStateChange {
            report: first,
            state: ReportState::Acknowledged,
            by: contact,
            at: Timestamp(NOW.0 + 120),
        })
        .await
        .unwrap();
    let read = store.security_report(first).await.unwrap();
    assert_eq!(read.state, ReportState::Acknowledged);
    assert_eq!(
        read.updated,
        Some((Timestamp(NOW.0 + 120), "Raoul Contact".to_owned()))
    );
    let unknown = store
        .set_security_report_state(&ReportStateChange {
            report: SecurityReportId(second.0 + 1000),
            state: ReportState::Fixed,
            by: contact,
            at: NOW,
        })
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert!(matches!(
        store
            .security_report(SecurityReportId(second.0 + 1000))
            .await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(3).await.unwrap();
    assert_eq!(
        actions(&log),
        [
            "security_report.state_changed",
            "security_report.received",
            "security_report.received"
        ]
    );
    assert_eq!(log[0].subject, format!("security_report:{}", first.0));
    assert_eq!(log[1].actor, None, "the reporter has no account");
}
