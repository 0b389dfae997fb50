//! Telling people what became of a registration.
//!
//! The store decides where a registration lands (confirmed, on the
//! waitlist, promoted when a seat frees) inside the transaction that takes
//! the event's row, so nobody outside it knows beforehand whom to tell. That
//! transaction therefore enqueues a [`RegistrationNews`] job per registration
//! it moves, and the worker tells the registrant (and, for a registration
//! waiting for approval, the organisers), in each one's language, marking
//! the job done in the transaction that writes the notices.

use serde::{Deserialize, Serialize};

use crate::accounts::account::AccountId;
use crate::communities::community::Permission;
use crate::communities::store::{Holding, JobCompletion};
use crate::events::event::{Event, Registration, RegistrationId};
use crate::events::store::Storage;
use crate::kernel::flow::Context;
use crate::kernel::job::{JobId, JobKind, NewJob};
use crate::kernel::store::StoreError;
use crate::notify::notification::{self, Happening, Notices, NotificationKind, Teller};

/// What to tell of a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Told {
    Confirmed,
    Waitlisted,
    /// Waiting for the organisers, who are told too.
    Pending,
    /// Off the waitlist into a seat.
    Promoted,
    Refused,
    Cancelled,
    /// The organisers cancelled the whole event.
    EventCancelled,
}

impl Told {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Pending => "pending",
            Self::Promoted => "promoted",
            Self::Refused => "refused",
            Self::Cancelled => "cancelled",
            Self::EventCancelled => "event-cancelled",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Self::Confirmed => "event-news-confirmed",
            Self::Waitlisted => "event-news-waitlisted",
            Self::Pending => "event-news-pending",
            Self::Promoted => "event-news-promoted",
            Self::Refused => "event-news-refused",
            Self::Cancelled => "event-news-cancelled",
            Self::EventCancelled => "event-news-event-cancelled",
        }
    }
}

/// The job that tells of one change of one registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationNews {
    pub registration: RegistrationId,
    pub told: Told,
}

impl JobKind for RegistrationNews {
    const KIND: &'static str = "event_registration_news";
}

impl RegistrationNews {
    /// The job, keyed by the registration and what it tells, so that each
    /// change of a registration is told once however often it is enqueued.
    pub fn job(
        registration: RegistrationId,
        told: Told,
        at: crate::kernel::time::Timestamp,
    ) -> NewJob {
        NewJob::new(
            format!("event-news:{}:{}", registration.0, told.as_str()),
            Self { registration, told },
            at,
        )
    }
}

/// Tells the registrant, and the organisers of a pending registration, then
/// marks the job done with what it wrote; [`StoreError::NotFound`] when
/// another worker already did. A registration deleted meanwhile (its account
/// was) is told to nobody.
pub async fn tell(
    ctx: &Context<'_, dyn Storage>,
    job: JobId,
    news: &RegistrationNews,
) -> Result<(), StoreError> {
    let mut notices = Notices::default();
    match ctx.store.registration(news.registration).await {
        Ok(registration) => {
            let event = ctx.store.event(registration.event).await?;
            tell_registrant(ctx, &event, &registration, news.told, &mut notices).await?;
            if news.told == Told::Pending {
                tell_organisers(ctx, &event, &registration, &mut notices).await?;
            }
        }
        Err(StoreError::NotFound) => {}
        Err(other) => return Err(other),
    }
    ctx.store
        .complete_job_with(&JobCompletion {
            job,
            notices,
            at: ctx.now,
        })
        .await
}

async fn tell_registrant(
    ctx: &Context<'_, dyn Storage>,
    event: &Event,
    registration: &Registration,
    told: Told,
    notices: &mut Notices,
) -> Result<(), StoreError> {
    let kind = NotificationKind::EventRegistration;
    let key = format!("event-news:{}:{}", registration.id.0, told.as_str());
    let occurrence = event
        .occurrence(registration.occurrence)
        .unwrap_or_else(|| event.next_occurrence(ctx.now));
    tell_each(
        ctx,
        event,
        Tell {
            kind,
            message: told.message(),
            path: event.occurrence_path(&occurrence),
            starts_at: occurrence.starts_at,
            key: &key,
        },
        &[registration.account],
        notices,
    )
    .await
}

async fn tell_organisers(
    ctx: &Context<'_, dyn Storage>,
    event: &Event,
    registration: &Registration,
    notices: &mut Notices,
) -> Result<(), StoreError> {
    let mut organisers: Vec<AccountId> = event.organiser.iter().map(|(id, _)| *id).collect();
    if let Some(community) = &event.community {
        organisers.extend(
            ctx.store
                .community_holders(community.id, &Holding::Permission(Permission::ManageEvents))
                .await?,
        );
    }
    organisers.sort_unstable();
    organisers.dedup();
    organisers.retain(|id| *id != registration.account);
    let key = format!("event-waiting:{}", registration.id.0);
    let occurrence = event
        .occurrence(registration.occurrence)
        .unwrap_or_else(|| event.next_occurrence(ctx.now));
    let path = match occurrence.key {
        0 => format!("{}/registrations", event.path()),
        key => format!("{}/registrations?occurrence={key}", event.path()),
    };
    tell_each(
        ctx,
        event,
        Tell {
            kind: NotificationKind::EventRegistrationWaiting,
            message: "event-news-waiting",
            path,
            starts_at: occurrence.starts_at,
            key: &key,
        },
        &organisers,
        notices,
    )
    .await
}

/// One sentence told to some people about an event.
struct Tell<'a> {
    kind: NotificationKind,
    message: &'static str,
    path: String,
    /// The occurrence's start, which the sentence names.
    starts_at: crate::kernel::time::Timestamp,
    key: &'a str,
}

/// Plans the notice for each recipient alone, since it names the event's
/// moment in the recipient's own language.
async fn tell_each(
    ctx: &Context<'_, dyn Storage>,
    event: &Event,
    tell: Tell<'_>,
    accounts: &[AccountId],
    notices: &mut Notices,
) -> Result<(), StoreError> {
    let recipients = ctx.store.recipients(tell.kind, accounts).await?;
    for recipient in recipients {
        let when = event.fields.zone.long(tell.starts_at, recipient.language);
        let happening = Happening {
            event: notification::Event::Told {
                kind: tell.kind,
                key: tell.message,
                detail: &when,
            },
            community: &event.fields.title,
            path: tell.path.clone(),
            key: tell.key.to_owned(),
        };
        let planned = notification::plan(Teller::from(ctx), &happening, &[recipient]);
        notices.notifications.extend(planned.notifications);
        notices.jobs.extend(planned.jobs);
    }
    Ok(())
}
