//! Flows run at the dates a test chooses: the flow context carries the
//! moment, so standing, lapses and renewals are checked on the day they
//! happen, over a real SQLite file, without waiting a year.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers of a test unwrap: a panic there fails the test that called them"
)]

use std::sync::Arc;

use cercle_core::accounts::account::Account;
use cercle_core::accounts::flows::{self as accounts, SetupInput};
use cercle_core::accounts::policy::Actor;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{MembershipId, PlanInput};
use cercle_core::register::membership::{self, MembershipInput, PaymentInput};
use cercle_core::renewal;
use cercle_core::store::Store;
use cercle_store::{DatabaseUrl, OpenOptions};

/// An instance on a fresh SQLite file, and a clock the test sets.
struct Instance {
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

impl Instance {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("cercle.db").display());
        let store = cercle_store::open(&OpenOptions::new(DatabaseUrl::parse(&url).unwrap()))
            .await
            .unwrap();
        Self { store, _dir: dir }
    }

    /// The context of a flow run at noon UTC on `day` (`YYYY-MM-DD`).
    fn on(&self, day: &str) -> Context<'_, dyn Store> {
        let epoch = Date::from_ymd(1970, 1, 1).unwrap();
        let days = epoch.days_until(Date::parse(day).unwrap());
        Context {
            store: &*self.store,
            association: "Réseau à l'heure".into(),
            base_url: "https://cercle.example",
            now: Timestamp(days * 86_400 + 12 * 3600),
        }
    }

    async fn account(&self, email: &str) -> Account {
        self.store
            .account_by_email(&EmailAddress::parse(email).unwrap())
            .await
            .unwrap()
    }
}

/// The administrator, set up on `day`, with a yearly personal plan.
async fn association(instance: &Instance, day: &str) -> Account {
    let setup = SetupInput {
        name: "Réseau à l'heure".to_owned(),
        language: "fr".to_owned(),
        theme_colour: "#009e89".to_owned(),
        display_name: "Claire Trésorière".to_owned(),
        email: "claire@example.org".to_owned(),
        password: "correct horse battery".to_owned(),
    };
    accounts::set_up_instance(&instance.on(day).part(), &setup)
        .await
        .unwrap();
    let admin = instance.account("claire@example.org").await;
    let plan = PlanInput {
        name: "Individuel".to_owned(),
        period: "yearly".to_owned(),
        holder: "person".to_owned(),
        currency: "EUR".to_owned(),
        prices: "20".to_owned(),
        services: String::new(),
        non_voting: None,
    };
    membership::create_plan(&instance.on(day).part(), Actor::Session(&admin), &plan)
        .await
        .unwrap();
    admin
}

/// A yearly membership of `holder`'s own from 15 January 2026, opened that
/// day, and, when `paid`, its dues paid on 1 February.
async fn membership_of(instance: &Instance, holder: &Account, paid: bool) -> MembershipId {
    let actor = Actor::Session(holder);
    let plan = instance.store.plans().await.unwrap()[0].id.0;
    let opened = MembershipInput {
        holder: format!("person:{}", holder.id.0),
        plan: plan.to_string(),
        starts_on: "2026-01-15".to_owned(),
    };
    let id = membership::create_membership(&instance.on("2026-01-15").part(), actor, &opened)
        .await
        .unwrap();
    if paid {
        pay(instance, holder, id).await;
    }
    id
}

async fn pay(instance: &Instance, treasurer: &Account, id: MembershipId) {
    let period = instance.store.membership(id).await.unwrap().periods[0].id.0;
    let payment = PaymentInput {
        period: period.to_string(),
        amount: "20".to_owned(),
        paid_on: "2026-02-01".to_owned(),
        method: "transfer".to_owned(),
        reference: String::new(),
    };
    membership::record_payment(
        &instance.on("2026-02-01").part(),
        Actor::Session(treasurer),
        id,
        &payment,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_paid_membership_keeps_its_holder_an_adherent_until_the_last_day_of_its_year() {
    let instance = Instance::new().await;
    let admin = association(&instance, "2026-01-10").await;
    let id = membership_of(&instance, &admin, false).await;
    let adherent_on = |day: &'static str| {
        let instance = &instance;
        let admin = &admin;
        async move {
            membership::adherence_of(&instance.on(day).part(), admin, Language::En)
                .await
                .unwrap()
        }
    };

    let unpaid = adherent_on("2026-02-01").await;
    assert!(!unpaid.adherent, "not before the dues are paid: {unpaid:?}");
    pay(&instance, &admin, id).await;

    let paid = adherent_on("2026-02-01").await;
    assert!(paid.adherent, "{paid:?}");
    let last_day = adherent_on("2027-01-14").await;
    assert!(
        last_day.adherent,
        "the year runs to its last day: {last_day:?}"
    );
    let after = adherent_on("2027-01-15").await;
    assert!(!after.adherent, "the day after, the membership has ended");
    assert!(
        after.reason.contains("membership ended on 14 January 2027"),
        "said why: {}",
        after.reason
    );
}

#[tokio::test]
async fn the_daily_sweep_reminds_a_month_before_the_end_once_and_tells_when_it_ended() {
    let instance = Instance::new().await;
    let admin = association(&instance, "2026-01-10").await;
    membership_of(&instance, &admin, true).await;
    let sweep = |day: &'static str| {
        let instance = &instance;
        async move {
            let ctx = instance.on(day);
            renewal::sweep(&ctx.part(), ctx.today()).await.unwrap()
        }
    };

    let early = sweep("2026-12-01").await;
    assert_eq!(
        early.renewal_reminders, 0,
        "more than a month before: {early:?}"
    );
    let month_before = sweep("2026-12-15").await;
    assert_eq!(month_before.renewal_reminders, 1, "{month_before:?}");
    let jobs = instance.store.pending_jobs().await.unwrap();
    sweep("2026-12-15").await;
    assert_eq!(
        instance.store.pending_jobs().await.unwrap(),
        jobs,
        "the same day's sweep run again sends nothing twice"
    );
    let ended = sweep("2027-01-20").await;
    assert_eq!(ended.ended_notices, 1, "{ended:?}");
}

/// The jobs due at `now`, leased for a minute, with their payloads read.
async fn due(
    instance: &Instance,
    now: Timestamp,
) -> Vec<(cercle_core::kernel::job::Job, cercle_core::jobs::JobPayload)> {
    let claim = cercle_core::kernel::job::JobClaim {
        now,
        lease_until: Timestamp(now.0 + 60),
        limit: 100,
    };
    instance
        .store
        .claim_jobs(&claim)
        .await
        .unwrap()
        .into_iter()
        .map(|job| {
            let payload = cercle_core::jobs::JobPayload::from_json(&job.payload).unwrap();
            (job, payload)
        })
        .collect()
}

#[tokio::test]
async fn a_seat_is_reminded_of_a_day_before_once_however_often_the_job_runs() {
    use cercle_core::events::event::EventInput;
    use cercle_core::events::flows::{self as events, RegistrationInput};
    use cercle_core::events::news;
    use cercle_core::jobs::JobPayload;
    let instance = Instance::new().await;
    let admin = association(&instance, "2026-03-01").await;
    let ctx = instance.on("2026-03-01");
    let input = EventInput {
        title: "Assemblée générale".to_owned(),
        format: "general_assembly".to_owned(),
        audience: "members".to_owned(),
        start_date: "2026-03-10".to_owned(),
        start_time: "18:30".to_owned(),
        end_date: "2026-03-10".to_owned(),
        end_time: "20:30".to_owned(),
        ..EventInput::default()
    };
    let id = events::create(&ctx.part(), Actor::Session(&admin), None, &input)
        .await
        .unwrap();
    events::register(
        &ctx.part(),
        Actor::Session(&admin),
        id,
        &RegistrationInput::default(),
    )
    .await
    .unwrap();

    // The news of the seat is told at once, and schedules the reminder.
    for (job, payload) in due(&instance, ctx.now).await {
        if let JobPayload::EventRegistrationNews(told) = payload {
            news::tell(&ctx.part(), job.id, &told).await.unwrap();
        }
    }
    let early = due(&instance, ctx.now).await;
    assert!(
        !early
            .iter()
            .any(|(_, p)| matches!(p, JobPayload::EventReminder(_))),
        "not due a week ahead"
    );
    // 18:30 in Paris is 17:30 UTC: the reminder is due from 17:30 UTC the day before.
    let eve = Timestamp(instance.on("2026-03-09").now.0 + 5 * 3600 + 30 * 60);
    let reminders: Vec<_> = due(&instance, eve)
        .await
        .into_iter()
        .filter_map(|(job, p)| match p {
            JobPayload::EventReminder(reminder) => Some((job, reminder)),
            _ => None,
        })
        .collect();
    assert_eq!(reminders.len(), 1, "one seat, one reminder");
    let (job, reminder) = &reminders[0];
    let at_eve = Context {
        now: eve,
        ..instance.on("2026-03-09")
    };
    news::remind(&at_eve.part(), job.id, reminder)
        .await
        .unwrap();
    // A worker that died after sending and came back runs it again: the
    // job is done, and nothing is written twice.
    let again = news::remind(&at_eve.part(), job.id, reminder).await;
    assert!(
        matches!(again, Err(cercle_core::kernel::store::StoreError::NotFound)),
        "{again:?}"
    );
    let emails: Vec<String> = due(&instance, Timestamp(eve.0 + 120))
        .await
        .into_iter()
        .filter_map(|(job, p)| match p {
            JobPayload::SendEmail(email) if job.key.starts_with("email:event-reminder:") => {
                Some(email.subject)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        emails,
        ["Demain : Assemblée générale"],
        "one reminder email"
    );
    let inbox = instance.store.notifications(admin.id, 20).await.unwrap();
    assert_eq!(
        inbox
            .iter()
            .filter(|n| n.text.starts_with("Rappel : Assemblée générale"))
            .count(),
        1
    );
}
