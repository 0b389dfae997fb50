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
use crate::events::calendar;
use crate::events::event::{Event, Occurrence, Registration, RegistrationId, RegistrationState};
use crate::events::store::Storage;
use crate::kernel::flow::Context;
use crate::kernel::job::{JobId, JobKind, NewJob};
use crate::kernel::mail::CalendarPart;
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
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
    /// The organisers cancelled the whole event, or this occurrence.
    EventCancelled,
    /// The organisers moved this occurrence to another time.
    Moved,
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
            Self::Moved => "moved",
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
            Self::Moved => "event-news-moved",
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
    /// change of a registration is told once however often it is enqueued;
    /// an occurrence may move more than once, so a move's key has its time.
    pub fn job(registration: RegistrationId, told: Told, at: Timestamp) -> NewJob {
        let key = match told {
            Told::Moved => format!("event-news:{}:moved:{}", registration.0, at.0),
            _ => format!("event-news:{}:{}", registration.0, told.as_str()),
        };
        NewJob::new(key, Self { registration, told }, at)
    }
}

/// How long before an occurrence its confirmed attendees are reminded.
pub const REMINDER_BEFORE_SECONDS: i64 = 24 * 3600;

/// The job that reminds a confirmed attendee of an occurrence starting at
/// `starts_at`; it reminds nobody if the registration no longer holds a
/// seat, or the occurrence was cancelled or moved since (a move schedules
/// its own reminder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub registration: RegistrationId,
    pub starts_at: Timestamp,
}

impl JobKind for Reminder {
    const KIND: &'static str = "event_reminder";
}

impl Reminder {
    /// Due a day before the start, or at once when that is past: keyed by
    /// the registration and the start, so a seat is reminded once.
    fn job(registration: RegistrationId, starts_at: Timestamp, now: Timestamp) -> NewJob {
        NewJob::new(
            format!("event-reminder:{}:{}", registration.0, starts_at.0),
            Self {
                registration,
                starts_at,
            },
            Timestamp((starts_at.0 - REMINDER_BEFORE_SECONDS).max(now.0)),
        )
    }
}

/// Reminds the attendee, then marks the job done with what it wrote;
/// [`StoreError::NotFound`] when another worker already did.
pub async fn remind(
    ctx: &Context<'_, dyn Storage>,
    job: JobId,
    reminder: &Reminder,
) -> Result<(), StoreError> {
    let mut notices = Notices::default();
    match ctx.store.registration(reminder.registration).await {
        Ok(registration) if registration.state == RegistrationState::Confirmed => {
            let event = ctx.store.event(registration.event).await?;
            if let Some(occurrence) = event
                .occurrence(registration.occurrence)
                .filter(|o| !o.cancelled && o.starts_at == reminder.starts_at)
                .filter(|o| o.starts_at > ctx.now)
            {
                let key = format!(
                    "event-reminder:{}:{}",
                    registration.id.0, reminder.starts_at.0
                );
                tell_each(
                    ctx,
                    &event,
                    Tell {
                        kind: NotificationKind::EventRegistration,
                        message: "event-news-reminder",
                        path: event.occurrence_path(&occurrence),
                        starts_at: occurrence.starts_at,
                        key: &key,
                        calendar: None,
                    },
                    &[registration.account],
                    &mut notices,
                )
                .await?;
            }
        }
        Ok(_) | Err(StoreError::NotFound) => {}
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
            let held = event.occurrence(registration.occurrence);
            let about = About {
                event: &event,
                registration: &registration,
                // An occurrence the series no longer has is told as its next.
                occurrence: held.unwrap_or_else(|| event.next_occurrence(ctx.now)),
            };
            tell_registrant(ctx, &about, news.told, &mut notices).await?;
            if news.told == Told::Pending {
                tell_organisers(ctx, &about, &mut notices).await?;
            }
            // A seat taken, or its occurrence moved, is reminded of a day
            // before, by a job written with this one's completion.
            let seated = matches!(news.told, Told::Confirmed | Told::Promoted | Told::Moved)
                && registration.state == RegistrationState::Confirmed;
            if let Some(occurrence) =
                held.filter(|o| seated && !o.cancelled && o.starts_at > ctx.now)
            {
                notices.jobs.push(Reminder::job(
                    registration.id,
                    occurrence.starts_at,
                    ctx.now,
                ));
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

/// The registration a job tells of, with its event and occurrence.
struct About<'a> {
    event: &'a Event,
    registration: &'a Registration,
    occurrence: Occurrence,
}

async fn tell_registrant(
    ctx: &Context<'_, dyn Storage>,
    about: &About<'_>,
    told: Told,
    notices: &mut Notices,
) -> Result<(), StoreError> {
    let About {
        event,
        registration,
        occurrence,
    } = about;
    let kind = NotificationKind::EventRegistration;
    let key = format!("event-news:{}:{}", registration.id.0, told.as_str());
    tell_each(
        ctx,
        event,
        Tell {
            kind,
            message: told.message(),
            path: event.occurrence_path(occurrence),
            starts_at: occurrence.starts_at,
            key: &key,
            // A cancellation takes the event out of the reader's calendar.
            calendar: (told == Told::EventCancelled)
                .then(|| calendar::cancellation(ctx.base_url, event, occurrence)),
        },
        &[registration.account],
        notices,
    )
    .await
}

async fn tell_organisers(
    ctx: &Context<'_, dyn Storage>,
    about: &About<'_>,
    notices: &mut Notices,
) -> Result<(), StoreError> {
    let About {
        event,
        registration,
        occurrence,
    } = about;
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
            calendar: None,
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
    starts_at: Timestamp,
    key: &'a str,
    /// What the email carries for the reader's calendar.
    calendar: Option<CalendarPart>,
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
                calendar: tell.calendar.as_ref(),
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
