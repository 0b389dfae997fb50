//! The convocation of a general assembly over a real SQLite store: every
//! person of the frozen roll gets one email, in batches, and a batch run
//! again sends nothing twice.

use std::collections::HashSet;

use cercle_core::accounts::account::{DisplayName, NewAccountFields, PasswordHash};
use cercle_core::accounts::flows::{SetupInput, set_up_instance};
use cercle_core::accounts::policy::Actor;
use cercle_core::accounts::store::{NewAccount, Verification};
use cercle_core::governance::assembly::{AssemblyInput, ItemInput};
use cercle_core::governance::convocation::{BATCH, ConvocationBatch};
use cercle_core::governance::flows as governance;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::{Amount, Date};
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{Holder, MembershipStatus, PlanInput};
use cercle_core::register::store::{NewMembership, NewPeriod, PlanSave};

use crate::support::{DOMAIN, Fixture, read_outbox};

/// More members than a batch holds, so that the convocation takes two.
const MEMBERS: usize = BATCH as usize + 20;

#[tokio::test]
async fn every_person_of_the_roll_is_convened_once_in_batches() {
    let fixture = Fixture::new().await;
    let store = &*fixture.store;
    let now = Timestamp::now();
    let ctx = Context {
        store,
        association: "ADN Ouest".into(),
        base_url: "https://cercle.example.org",
        now,
    };
    let setup = SetupInput {
        name: "ADN Ouest".into(),
        language: "fr".into(),
        theme_colour: "#009e89".into(),
        display_name: "Admin".into(),
        email: "admin@example.org".into(),
        password: "correct horse battery".into(),
    };
    set_up_instance(&ctx.part(), &setup).await.expect("setup");
    let admin = store
        .account_by_email(&EmailAddress::parse("admin@example.org").unwrap())
        .await
        .unwrap();
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
            by: admin.id,
            at: now,
        })
        .await
        .unwrap();
    let today = Date::of(now);
    for n in 0..MEMBERS {
        let account = NewAccount {
            fields: NewAccountFields {
                email: EmailAddress::parse(&format!("membre{n}@example.org")).unwrap(),
                display_name: DisplayName::parse(&format!("Membre {n}")).unwrap(),
                password_hash: PasswordHash::unusable(),
                language: if n % 2 == 0 {
                    Language::Fr
                } else {
                    Language::En
                },
            },
            verification: Verification::Confirmed,
            at: now,
        };
        let person = store.create_account(&account).await.unwrap();
        // Dues of nothing are paid as soon as they are due.
        let membership = NewMembership {
            holder: Holder::Person(person),
            plan,
            status: MembershipStatus::Active,
            first_period: NewPeriod {
                starts_on: today.plus_days(-10),
                ends_on: today.plus_days(355),
                amount_due: Amount(0),
            },
            by: admin.id,
            at: now,
        };
        store.create_membership(&membership).await.unwrap();
    }
    let bureau = Actor::Session(&admin);
    let assembly = AssemblyInput {
        title: "Assemblée générale 2027".into(),
        kind: "ordinary".into(),
        date: today.plus_days(30).to_string(),
        time: "14:00".into(),
        place: "Nantes".into(),
        ..AssemblyInput::default()
    };
    let id = governance::create_assembly(&ctx.part(), bureau, &assembly)
        .await
        .unwrap();
    let item = ItemInput {
        title: "Rapport moral".into(),
        resolution: Some("on".into()),
        text: "Le rapport moral est approuvé.".into(),
        majority: "simple".into(),
        ballot: "open".into(),
        ..ItemInput::default()
    };
    governance::add_item(&ctx.part(), bureau, id, &item)
        .await
        .unwrap();
    let roll = governance::convene(&ctx.part(), bureau, id).await.unwrap();
    // The members, and the administrator as the team.
    assert_eq!(roll, i64::try_from(MEMBERS).unwrap() + 1);

    let worker = fixture.outbox_worker("outbox");
    worker.drain().await.unwrap();
    let emails = read_outbox(&fixture.outbox("outbox"));
    assert_eq!(emails.len(), MEMBERS + 1);
    let addresses: HashSet<&str> = emails.iter().map(|email| email.to.as_str()).collect();
    assert_eq!(addresses.len(), MEMBERS + 1, "nobody is convened twice");
    let french = emails
        .iter()
        .find(|email| email.to.contains("membre0@"))
        .expect("the first member is convened");
    assert_eq!(french.subject, "Convocation : Assemblée générale 2027");
    assert!(french.text.contains("1. Rapport moral"), "{}", french.text);
    assert!(
        french
            .text
            .contains(&format!("{DOMAIN}/assemblies/{}", id.0)),
        "{}",
        french.text
    );
    // The date goes into the member's calendar from the email itself.
    let (method, calendar) = french.calendar.clone().expect("a calendar part");
    assert_eq!(method, "PUBLISH");
    assert!(calendar.contains("METHOD:PUBLISH"), "{calendar}");
    assert!(
        calendar.contains(&format!("UID:assembly-{}@", id.0)),
        "{calendar}"
    );
    assert!(
        calendar.contains("SUMMARY:Assemblée générale 2027"),
        "{calendar}"
    );
    let english = emails
        .iter()
        .find(|email| email.to.contains("membre1@"))
        .expect("the second member is convened");
    assert_eq!(english.subject, "Convocation: Assemblée générale 2027");

    // The first batch enqueued again is the same job: nothing more is sent.
    store
        .enqueue(&ConvocationBatch::job(id, 0, Timestamp::now()))
        .await
        .unwrap();
    worker.drain().await.unwrap();
    assert_eq!(read_outbox(&fixture.outbox("outbox")).len(), MEMBERS + 1);
    assert_eq!(fixture.pending().await, 0);
}
