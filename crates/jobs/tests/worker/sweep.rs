//! The daily sweep over a real SQLite store: renewal reminders, notices of
//! ended periods, and the active contributor rule, each sent once.

use cercle_core::accounts::account::{AccountId, DisplayName, NewAccountFields, PasswordHash};
use cercle_core::accounts::flows::{SetupInput, set_up_instance};
use cercle_core::accounts::store::NewAccount;
use cercle_core::accounts::store::Verification;
use cercle_core::admission::store::NewContribution;
use cercle_core::admission::{AdmissionSettings, ContributionKind};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::{Amount, Date};
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{Holder, MembershipId, MembershipStatus, PlanInput};
use cercle_core::register::store::NewMembership;
use cercle_core::register::store::NewPeriod;
use cercle_core::register::store::PlanSave;
use cercle_core::renewal::daily_sweep;

use crate::support::{Fixture, read_outbox};

/// An instance with one member, Rozenn, whose yearly membership ends on `ends_on`.
async fn instance(fixture: &Fixture, ends_on: Date) -> (AccountId, MembershipId) {
    let store = &*fixture.store;
    let setup = SetupInput {
        name: "ADN Ouest".into(),
        language: "fr".into(),
        theme_colour: "#009e89".into(),
        display_name: "Admin".into(),
        email: "admin@example.org".into(),
        password: "correct horse battery".into(),
    };
    set_up_instance(
        &cercle_core::kernel::flow::Context {
            store,
            association: setup.name.as_str().into(),
            base_url: "",
            now: Timestamp::now(),
        },
        &setup,
    )
    .await
    .expect("setup");
    let admin = store
        .account_by_email(&EmailAddress::parse("admin@example.org").unwrap())
        .await
        .unwrap()
        .id;
    let member = NewAccount {
        fields: NewAccountFields {
            email: EmailAddress::parse("rozenn@example.org").unwrap(),
            display_name: DisplayName::parse("Rozenn").unwrap(),
            password_hash: PasswordHash::unusable(),
            language: Language::Fr,
        },
        verification: Verification::Confirmed,
        at: Timestamp::now(),
    };
    let rozenn = store.create_account(&member).await.unwrap();
    let plan = PlanInput {
        name: "Individuel".into(),
        period: "yearly".into(),
        holder: "person".into(),
        currency: "EUR".into(),
        prices: "0".into(),
        services: String::new(),
        non_voting: None,
    };
    let plan = store
        .create_plan(&PlanSave {
            fields: plan.parse().unwrap(),
            by: admin,
            at: Timestamp::now(),
        })
        .await
        .unwrap();
    let membership = NewMembership {
        holder: Holder::Person(rozenn),
        plan,
        status: MembershipStatus::Active,
        first_period: NewPeriod {
            starts_on: ends_on.plus_months(0).plus_days(-364),
            ends_on,
            amount_due: Amount(0),
        },
        by: admin,
        at: Timestamp::now(),
    };
    (rozenn, store.create_membership(&membership).await.unwrap())
}

/// Runs the sweep as of `day` with the worker, as the daily job does.
async fn sweep_on(fixture: &Fixture, day: Date) -> Vec<String> {
    fixture
        .store
        .enqueue(&daily_sweep(day, Timestamp::now()))
        .await
        .unwrap();
    let worker = fixture.outbox_worker("outbox");
    worker.drain().await.unwrap();
    read_outbox(&fixture.outbox("outbox"))
        .into_iter()
        .map(|email| email.subject)
        .collect()
}

#[tokio::test]
async fn reminds_before_the_end_and_tells_once_it_has_ended() {
    let fixture = Fixture::new().await;
    let today = Date::of(cercle_core::kernel::time::Timestamp::now());
    instance(&fixture, today.plus_days(10)).await;

    let first = sweep_on(&fixture, today).await;
    assert_eq!(
        first,
        ["L'adhésion de Rozenn à ADN Ouest prend fin le ".to_owned()
            + &today.plus_days(10).long(Language::Fr)]
    );
    let again = sweep_on(&fixture, today).await;
    assert_eq!(again.len(), 1, "the same day's sweep runs once");
    let tomorrow = sweep_on(&fixture, today.plus_days(1)).await;
    assert_eq!(
        tomorrow.len(),
        1,
        "one reminder per period, however many days remain"
    );

    let after = sweep_on(&fixture, today.plus_days(11)).await;
    assert_eq!(after.len(), 2);
    assert!(
        after.contains(&"L'adhésion de Rozenn à ADN Ouest a pris fin".to_owned()),
        "{after:?}"
    );
    assert_eq!(fixture.pending().await, 0);
}

#[tokio::test]
async fn membership_lasts_while_contribution_is_active() {
    let fixture = Fixture::new().await;
    let store = &*fixture.store;
    let today = Date::of(cercle_core::kernel::time::Timestamp::now());
    let (rozenn, membership) = instance(&fixture, today.plus_days(200)).await;
    let admin = store
        .account_by_email(&EmailAddress::parse("admin@example.org").unwrap())
        .await
        .unwrap()
        .id;
    let settings = AdmissionSettings {
        decisions_outside_sessions: false,
        contribution_inactivity_days: Some(30),
    };
    store
        .set_admission_settings(settings, admin, Timestamp::now())
        .await
        .unwrap();
    let contribution = NewContribution {
        account: rozenn,
        kind: ContributionKind::Moderation,
        on: today.plus_days(-40),
        note: "Modération".into(),
        by: admin,
        at: Timestamp::now(),
    };
    store.record_contribution(&contribution).await.unwrap();

    let notice = sweep_on(&fixture, today).await;
    assert_eq!(
        notice,
        ["Votre adhésion à ADN Ouest dépend de vos contributions"]
    );
    assert_eq!(
        store.membership(membership).await.unwrap().status,
        MembershipStatus::Active,
        "a notice first"
    );

    let later = sweep_on(&fixture, today.plus_days(20)).await;
    assert_eq!(later.len(), 2);
    assert!(later.contains(&"Votre adhésion à ADN Ouest est échue".to_owned()));
    let lapsed = store.membership(membership).await.unwrap();
    assert_eq!(lapsed.status, MembershipStatus::Lapsed);
    assert!(
        !lapsed.standing(today).is_good(),
        "a lapsed membership stops counting at once"
    );
    let audit = store.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "membership.status_changed" && e.actor.is_none()),
        "the rules decided"
    );
}
