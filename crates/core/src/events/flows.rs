//! What people do with events: organisers create, edit and cancel them and
//! decide registrations; members and visitors find them, register and
//! cancel.
//!
//! Whether an event exists for someone is decided here alone, from the
//! policy: an event of a community is seen only by those who see the
//! community, and then as its audience says. Every surface (pages, API,
//! calendars, emails) reads events through these flows.

use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::communities::community::Community;
use crate::communities::flows::{CommunityView, hidden, holds, seen_by};
use crate::events::event::{
    Attendance, Event, EventException, EventFields, EventFormat, EventId, EventInput, Occurrence,
    OccurrenceChange, Registration, RegistrationId, RegistrationState,
};
use crate::events::store::{
    AttendanceSave, CoverChange, EventListing, EventSave, NewRegistration, OccurrenceMove,
    OccurrenceSave, RegistrationChange, Seats, SeenEvents, SeriesSplit, Storage,
};
use crate::kernel::date::Date;
use crate::kernel::flow::Context;
use crate::kernel::image::{Image, Upload};
use crate::kernel::paging::PageNumber;
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep};
use crate::kernel::visibility::Audience;
use crate::site::store::StoredImage;

/// How many events a page of the calendar lists.
pub const CALENDAR_PAGE_SIZE: u32 = 20;

/// The most events a month of the calendar shows, all on one page.
pub const MONTH_EVENTS: u32 = 500;

/// How many upcoming and past events a community's page shows.
pub const COMMUNITY_PAGE_EVENTS: u32 = 5;

/// An event as the actor may see it, with what they may do.
#[derive(Debug, Clone)]
pub struct EventView {
    pub event: Event,
    /// The occurrence shown: the event itself, or one of its series.
    pub occurrence: Occurrence,
    /// How the occurrence's seats stand.
    pub seats: Seats,
    /// Editing, cancelling, and the registrations page.
    pub can_manage: bool,
    /// One of the actor's roles in the event's community manages events.
    pub organiser: bool,
    /// The actor's registration, in any state.
    pub mine: Option<Registration>,
    /// Whether registering is open now: the message key saying why not
    /// when it is not.
    pub closed: Option<&'static str>,
    /// The online link is for confirmed attendees and organisers.
    pub show_online_link: bool,
}

impl EventView {
    /// Whether the actor may register now: registration is open and they
    /// hold no registration that counts.
    pub fn can_register(&self) -> bool {
        self.closed.is_none()
            && self
                .mine
                .as_ref()
                .is_none_or(|mine| mine.state == RegistrationState::Cancelled)
    }

    pub fn can_cancel(&self) -> bool {
        self.mine
            .as_ref()
            .is_some_and(|mine| mine.state.is_active())
            && !self.occurrence.cancelled
    }

    /// Seats left in the occurrence, when the event has a capacity.
    pub fn seats_left(&self) -> Option<i64> {
        self.event.fields.registration.seats_left(self.seats.taken)
    }
}

/// The event as the actor may see it, at the occurrence `occurrence`
/// names, or the next one; [`FlowError::NotFound`] when the actor may not
/// know the event exists, or for an occurrence it does not have.
pub async fn view(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: Option<i64>,
) -> Result<EventView, FlowError> {
    let event = ctx.store.event(id).await?;
    let (member, organiser) = standing_in(ctx, actor, &event).await?;
    policy::check(
        actor,
        Action::ViewEvent {
            audience: event.fields.audience,
            member,
        },
    )
    .map_err(hidden)?;
    let can_manage = policy::check(actor, manage_action(&event, organiser)).is_ok();
    let occurrence = match occurrence {
        Some(key) => event.occurrence(key).ok_or(FlowError::NotFound)?,
        None => event.next_occurrence(ctx.now),
    };
    let mine = match actor.account() {
        Some(account) => {
            ctx.store
                .registration_of(event.id, occurrence.key, account.id)
                .await?
        }
        None => None,
    };
    let show_online_link = can_manage
        || mine
            .as_ref()
            .is_some_and(|m| m.state == RegistrationState::Confirmed);
    let closed = closed_reason(&event, &occurrence, ctx.now);
    let seats = ctx.store.occurrence_seats(event.id, occurrence.key).await?;
    Ok(EventView {
        event,
        occurrence,
        seats,
        can_manage,
        organiser,
        mine,
        closed,
        show_online_link,
    })
}

/// Why nobody may register for the occurrence now, if they may not.
fn closed_reason(event: &Event, occurrence: &Occurrence, now: Timestamp) -> Option<&'static str> {
    let rules = &event.fields.registration;
    if occurrence.cancelled {
        Some("error-event-cancelled")
    } else if rules.opens_at.is_some_and(|opens| now < opens) {
        Some("error-registration-not-open")
    } else if now >= event.fields.closes_at(occurrence.starts_at) {
        Some("error-registration-closed")
    } else {
        None
    }
}

/// Whether the actor is an active member of the event's community, and
/// whether one of their roles there manages events; [`FlowError::NotFound`]
/// when they may not see the community.
async fn standing_in(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    event: &Event,
) -> Result<(bool, bool), FlowError> {
    let Some(community) = &event.community else {
        return Ok((false, false));
    };
    let view =
        crate::communities::flows::view(&ctx.with(ctx.store), actor, community.slug.as_str())
            .await?;
    Ok(standing(&view))
}

fn standing(view: &CommunityView) -> (bool, bool) {
    let active = view.me.as_ref().filter(|_| view.lapsed.is_empty());
    (
        active.is_some(),
        holds(&view.roles, active, |p| p.manage_events),
    )
}

fn manage_action(event: &Event, organiser: bool) -> Action {
    if event.community.is_some() {
        Action::ManageEvents { organiser }
    } else {
        Action::ManageAssociationEvents
    }
}

/// What the actor may see of the events, from the policy: the audiences it
/// opens without belonging, the communities they see, and their own
/// communities for the rest.
pub(crate) fn seen_events(actor: Actor<'_>) -> SeenEvents {
    let allows = |audience: Audience, member: bool| {
        policy::check(actor, Action::ViewEvent { audience, member }).is_ok()
    };
    let audiences: Vec<Audience> = Audience::ALL
        .into_iter()
        .filter(|a| allows(*a, false))
        .collect();
    let member = actor
        .account()
        .filter(|_| {
            Audience::ALL
                .iter()
                .any(|a| !audiences.contains(a) && allows(*a, true))
        })
        .map(|account| account.id);
    SeenEvents {
        communities: seen_by(actor),
        audiences,
        member,
    }
}

/// The association's calendar filters, as typed in the query string.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CalendarInput {
    /// A community's slug.
    #[serde(default)]
    pub community: String,
    #[serde(default)]
    pub format: String,
    /// `YYYY-MM`.
    #[serde(default)]
    pub month: String,
    /// `past` for the events that ended, latest first.
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub page: String,
}

/// The calendar's filters, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarQuery {
    pub community: Option<String>,
    pub format: Option<EventFormat>,
    /// The first day of the month asked for.
    pub month: Option<Date>,
    pub past: bool,
    pub page: PageNumber,
}

impl CalendarQuery {
    pub fn parse(input: &CalendarInput) -> Result<Self, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let format = match input.format.trim() {
            "" => Some(None),
            format => keep(&mut errors, EventFormat::parse(format)).map(Some),
        };
        let month = match input.month.trim() {
            "" => Some(None),
            month => keep(
                &mut errors,
                Date::parse(&format!("{month}-01"))
                    .map(Some)
                    .map_err(|_| ValidationError::new("month", "error-event-month")),
            ),
        };
        let page = keep(&mut errors, PageNumber::parse("page", &input.page));
        let community = input.community.trim();
        match (format, month, page) {
            (Some(format), Some(month), Some(page)) if errors.is_empty() => Ok(Self {
                community: (!community.is_empty()).then(|| community.to_owned()),
                format,
                month,
                past: input.when.trim() == "past",
                page,
            }),
            _ => Err(errors),
        }
    }
}

/// An event as a list shows it, at one of its occurrences.
#[derive(Debug, Clone)]
pub struct Listed {
    pub event: Event,
    pub occurrence: Occurrence,
}

/// The occurrences of `events` a list shows: in a window, every one that
/// starts in it; else the next of each (upcoming) or the latest (past).
fn listed(events: Vec<Event>, window: Window, now: Timestamp) -> Vec<Listed> {
    let mut entries = Vec::new();
    for event in events {
        let occurrences = event.occurrences();
        let chosen: Vec<Occurrence> = match window {
            Window::Between(from, until) => occurrences
                .into_iter()
                .filter(|o| o.starts_at >= from && o.starts_at < until)
                .collect(),
            Window::Upcoming => occurrences
                .into_iter()
                .find(|o| !o.cancelled && o.ends_at >= now)
                .into_iter()
                .collect(),
            Window::Past => occurrences
                .into_iter()
                .rev()
                .find(|o| o.starts_at < now)
                .into_iter()
                .collect(),
        };
        for occurrence in chosen {
            entries.push(Listed {
                event: event.clone(),
                occurrence,
            });
        }
    }
    match window {
        Window::Past => entries.sort_by_key(|e| std::cmp::Reverse(e.occurrence.starts_at)),
        _ => entries.sort_by_key(|e| e.occurrence.starts_at),
    }
    entries
}

#[derive(Debug, Clone, Copy)]
enum Window {
    Between(Timestamp, Timestamp),
    Upcoming,
    Past,
}

/// A page of the calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub events: Vec<Listed>,
    pub total: u64,
    pub page: PageNumber,
    pub pages: u32,
    /// The community filtered on, when the actor may see it.
    pub community: Option<Community>,
    /// Whether the actor may create an event here: for the community
    /// filtered on, else for the association.
    pub can_create: bool,
}

/// The events the actor may see that match the query: upcoming ones soonest
/// first, past ones latest first, a month's by their start.
/// [`FlowError::NotFound`] for a community the actor may not see.
pub async fn calendar(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    query: &CalendarQuery,
) -> Result<Calendar, FlowError> {
    let community = match &query.community {
        Some(slug) => {
            Some(crate::communities::flows::view(&ctx.with(ctx.store), actor, slug).await?)
        }
        None => None,
    };
    let (from, until) = match query.month {
        Some(first) => {
            let zone = crate::events::event::Zone::parse(crate::events::event::DEFAULT_ZONE)
                .map_err(|e| FlowError::Invalid(vec![e]))?;
            let midnight = jiff::civil::Time::midnight();
            (
                zone.instant(first, midnight),
                zone.instant(first.plus_months(1), midnight),
            )
        }
        None if query.past => (None, Some(ctx.now)),
        None => (Some(ctx.now), None),
    };
    let size = if query.month.is_some() {
        MONTH_EVENTS
    } else {
        CALENDAR_PAGE_SIZE
    };
    let list = ctx
        .store
        .list_events(&EventListing {
            seen: seen_events(actor),
            community: community.as_ref().map(|view| view.community.id),
            format: query.format,
            from,
            until,
            mine: None,
            cancelled: true,
            newest_first: query.past && query.month.is_none(),
            limit: size,
            offset: query.page.offset(size),
        })
        .await?;
    let can_create = match &community {
        Some(view) => policy::check(
            actor,
            Action::ManageEvents {
                organiser: standing(view).1,
            },
        )
        .is_ok(),
        None => policy::check(actor, Action::ManageAssociationEvents).is_ok(),
    };
    let window = match (from, until) {
        (Some(from), Some(until)) => Window::Between(from, until),
        _ if query.past => Window::Past,
        _ => Window::Upcoming,
    };
    Ok(Calendar {
        events: listed(list.events, window, ctx.now),
        total: list.total,
        page: query.page,
        pages: PageNumber::count(list.total, size),
        community: community.map(|view| view.community),
        can_create,
    })
}

/// A community's events as its page shows them.
#[derive(Debug, Clone)]
pub struct CommunityEvents {
    pub upcoming: Vec<Listed>,
    pub past: Vec<Listed>,
    pub can_create: bool,
}

/// The next and the latest events of a community the actor sees.
pub async fn of_community(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    view: &CommunityView,
) -> Result<CommunityEvents, FlowError> {
    let listing = |newest_first: bool| EventListing {
        seen: seen_events(actor),
        community: Some(view.community.id),
        format: None,
        from: (!newest_first).then_some(ctx.now),
        until: newest_first.then_some(ctx.now),
        mine: None,
        cancelled: false,
        newest_first,
        limit: COMMUNITY_PAGE_EVENTS,
        offset: 0,
    };
    let upcoming = listed(
        ctx.store.list_events(&listing(false)).await?.events,
        Window::Upcoming,
        ctx.now,
    );
    let past = listed(
        ctx.store.list_events(&listing(true)).await?.events,
        Window::Past,
        ctx.now,
    );
    Ok(CommunityEvents {
        upcoming,
        past,
        can_create: policy::check(
            actor,
            Action::ManageEvents {
                organiser: standing(view).1,
            },
        )
        .is_ok(),
    })
}

/// The form of a new event, for a community or the association: the
/// community it will belong to, once the actor is known to organise there.
pub async fn new_event(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    community: Option<&str>,
) -> Result<Option<Community>, FlowError> {
    signed_in(actor)?;
    match community {
        Some(slug) => {
            let view = crate::communities::flows::view(&ctx.with(ctx.store), actor, slug).await?;
            policy::check(
                actor,
                Action::ManageEvents {
                    organiser: standing(&view).1,
                },
            )
            .map_err(hidden)?;
            Ok(Some(view.community))
        }
        None => {
            policy::check(actor, Action::ManageAssociationEvents).map_err(hidden)?;
            Ok(None)
        }
    }
}

/// Creates an event for the community named by its slug, or for the
/// association.
pub async fn create(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    community: Option<&str>,
    input: &EventInput,
) -> Result<EventId, FlowError> {
    let by = signed_in(actor)?.id;
    let community = new_event(ctx, actor, community).await?;
    let fields = input
        .parse(community.is_some())
        .map_err(FlowError::Invalid)?;
    Ok(ctx
        .store
        .create_event(&EventSave {
            community: community.map(|c| c.id),
            fields,
            by,
            at: ctx.now,
        })
        .await?)
}

/// The event as its organisers may edit it; [`FlowError::NotFound`] for
/// anyone else.
pub async fn managed(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: Option<i64>,
) -> Result<EventView, FlowError> {
    let view = view(ctx, actor, id, occurrence).await?;
    policy::check(actor, manage_action(&view.event, view.organiser)).map_err(hidden)?;
    Ok(view)
}

/// Saves the event's form; a capacity raised lets the waitlist in, one
/// below the seats already confirmed is refused.
pub async fn update(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    input: &EventInput,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, None).await?;
    let event = &view.event;
    if event.cancelled_at.is_some() {
        return Err(FlowError::field("title", "error-event-cancelled"));
    }
    let fields = input
        .parse(event.community.is_some())
        .map_err(FlowError::Invalid)?;
    let save = EventSave {
        community: event.community.as_ref().map(|c| c.id),
        fields,
        by,
        at: ctx.now,
    };
    match ctx.store.update_event(id, &save).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict) => {
            Err(FlowError::field("capacity", "error-event-capacity-below"))
        }
        Err(other) => Err(other.into()),
    }
}

/// The form of one occurrence of a series and all that follow it, for its
/// organisers.
pub async fn edit_following(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    (id, key): (EventId, i64),
) -> Result<(EventView, EventFields), FlowError> {
    let view = managed(ctx, actor, id, Some(key)).await?;
    if view.event.cancelled_at.is_some() {
        return Err(FlowError::NotFound);
    }
    let fields = view.event.following(key).ok_or(FlowError::NotFound)?;
    Ok((view, fields))
}

/// Saves the event's form for one occurrence of a series and all that
/// follow it: the series is cut there, and the rest becomes a new event
/// with the fields saved, taking its registrations and cancellations along
/// in order (as calendars do, since few read `RANGE=THISANDFUTURE`). From
/// the first occurrence on, it is the whole series, edited in place.
/// Answers the event that holds the occurrence now.
pub async fn update_following(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    (id, key): (EventId, i64),
    input: &EventInput,
) -> Result<EventId, FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, Some(key)).await?;
    let event = &view.event;
    let (Some(rule), false) = (&event.fields.recurrence, event.cancelled_at.is_some()) else {
        return Err(FlowError::NotFound);
    };
    let occurrences = event.occurrences();
    if occurrences.first().is_some_and(|first| first.key == key) {
        update(ctx, actor, id, input).await?;
        return Ok(id);
    }
    let fields = input
        .parse(event.community.is_some())
        .map_err(FlowError::Invalid)?;
    let kept = rule.ending_before(Timestamp(key));
    let kept_ends_at = EventFields {
        recurrence: Some(kept.clone()),
        ..event.fields.clone()
    }
    .series_ends_at();
    let length = fields.ends_at.0 - fields.starts_at.0;
    let starts = fields.starts();
    let mut new_keys = starts.iter().map(|start| match fields.recurrence {
        Some(_) => start.0,
        None => 0,
    });
    let mut new_starts = starts.iter();
    let moves = occurrences
        .iter()
        .filter(|o| o.key >= key)
        .map(|old| {
            let start = new_starts.next().copied();
            OccurrenceMove {
                from: old.key,
                to: new_keys.next(),
                cancelled: old.cancelled,
                moved: start.is_some_and(|start| {
                    (start, Timestamp(start.0 + length)) != (old.starts_at, old.ends_at)
                }),
            }
        })
        .collect();
    let split = SeriesSplit {
        event: id,
        kept,
        kept_ends_at,
        rest: EventSave {
            community: event.community.as_ref().map(|c| c.id),
            fields,
            by,
            at: ctx.now,
        },
        moves,
    };
    match ctx.store.split_series(&split).await {
        Ok(rest) => Ok(rest),
        Err(StoreError::Conflict) => {
            Err(FlowError::field("capacity", "error-event-capacity-below"))
        }
        Err(other) => Err(other.into()),
    }
}

/// Replaces the event's cover with an uploaded image, which passes the
/// same checks as a logo, or takes it away when `upload` is `None`.
pub async fn set_cover(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    upload: Option<&Upload>,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, None).await?;
    if view.event.cancelled_at.is_some() {
        return Err(FlowError::field("cover", "error-event-cancelled"));
    }
    let image = upload
        .map(|upload| Image::parse("cover", upload))
        .transpose()
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .set_event_cover(&CoverChange {
            event: id,
            image,
            by,
            at: ctx.now,
        })
        .await?)
}

/// The event's cover, for whoever may see the event.
pub async fn cover(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
) -> Result<StoredImage, FlowError> {
    view(ctx, actor, id, None).await?;
    Ok(ctx.store.event_cover(id).await?)
}

/// Cancels the event; everyone registered is told.
pub async fn cancel(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, None).await?;
    if view.event.cancelled_at.is_some() {
        return Err(FlowError::field("event", "error-event-cancelled"));
    }
    Ok(ctx.store.cancel_event(id, by, ctx.now).await?)
}

/// Cancels one occurrence of a series; its registrants are told.
pub async fn cancel_occurrence(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: i64,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, Some(occurrence)).await?;
    if view.occurrence.key == 0 {
        return Err(FlowError::field("occurrence", "error-event-not-series"));
    }
    if view.occurrence.cancelled {
        return Err(FlowError::field("occurrence", "error-event-cancelled"));
    }
    save_occurrence(ctx, id, occurrence, OccurrenceChange::Cancelled, by).await
}

/// A moved occurrence's form: its day and hours on the event's clock.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MoveInput {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
}

/// Holds one occurrence of a series at another time; registrations to it
/// stay, since it keeps its name.
pub async fn move_occurrence(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: i64,
    input: &MoveInput,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let view = managed(ctx, actor, id, Some(occurrence)).await?;
    if view.occurrence.key == 0 {
        return Err(FlowError::field("occurrence", "error-event-not-series"));
    }
    // The event's own form, for one day and without its rule, checks the
    // new time as it checks any event's.
    let moved = EventInput {
        start_date: input.date.clone(),
        start_time: input.start_time.clone(),
        end_date: input.date.clone(),
        end_time: input.end_time.clone(),
        repeat: String::new(),
        rule: String::new(),
        ..EventInput::of(&view.event.fields)
    }
    .parse(view.event.community.is_some())
    .map_err(|errors| {
        FlowError::Invalid(
            errors
                .into_iter()
                .map(|e| match e.field {
                    "start_date" | "end_date" => ValidationError::new("date", e.message),
                    _ => e,
                })
                .collect(),
        )
    })?;
    let change = OccurrenceChange::Moved {
        starts_at: moved.starts_at,
        ends_at: moved.ends_at,
    };
    save_occurrence(ctx, id, occurrence, change, by).await
}

async fn save_occurrence(
    ctx: &Context<'_, dyn Storage>,
    event: EventId,
    occurrence: i64,
    change: OccurrenceChange,
    by: crate::accounts::account::AccountId,
) -> Result<(), FlowError> {
    Ok(ctx
        .store
        .set_occurrence(&OccurrenceSave {
            event,
            exception: EventException {
                occurrence: Timestamp(occurrence),
                change,
            },
            by,
            at: ctx.now,
        })
        .await?)
}

/// A registration's form: how many guests come along, and the answer to
/// the organisers' question.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RegistrationInput {
    /// The occurrence of a series; empty for a single event.
    #[serde(default)]
    pub occurrence: String,
    #[serde(default)]
    pub guests: String,
    #[serde(default)]
    pub answer: String,
}

/// Registers the actor: confirmed, waiting for approval, or on the
/// waitlist, as the store decides in the transaction that takes the seat.
pub async fn register(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    input: &RegistrationInput,
) -> Result<Registration, FlowError> {
    // Signing in comes first, so that a visitor learns nothing of whether
    // the event exists.
    let account = signed_in(actor)?;
    let view = view(ctx, actor, id, Some(occurrence_key(&input.occurrence)?)).await?;
    policy::check(actor, Action::RegisterForEvent).map_err(hidden)?;
    if let Some(reason) = view.closed {
        return Err(FlowError::field("event", reason));
    }
    if !view.can_register() {
        return Err(FlowError::field("event", "error-registration-exists"));
    }
    let rules = &view.event.fields.registration;
    let mut errors = Vec::new();
    let guests = match input.guests.trim() {
        "" => Some(0),
        typed => keep(
            &mut errors,
            typed
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= rules.max_guests)
                .ok_or(ValidationError::new("guests", "error-event-guests")),
        ),
    };
    let answer = keep(
        &mut errors,
        crate::kernel::validation::label(
            &input.answer,
            0,
            300,
            ValidationError::new("answer", "error-event-answer"),
        ),
    );
    let (Some(guests), Some(answer)) = (guests, answer) else {
        return Err(FlowError::Invalid(errors));
    };
    let answer = if rules.question.is_empty() {
        String::new()
    } else {
        answer
    };
    match ctx
        .store
        .register_for_event(&NewRegistration {
            event: id,
            occurrence: view.occurrence.key,
            account: account.id,
            guests,
            answer,
            at: ctx.now,
        })
        .await
    {
        Ok(registration) => Ok(registration),
        Err(StoreError::Conflict) => Err(FlowError::field("event", "error-registration-exists")),
        Err(StoreError::NotFound) => Err(FlowError::field("event", "error-event-cancelled")),
        Err(other) => Err(other.into()),
    }
}

/// The occurrence a form names: empty for a single event.
pub fn occurrence_key(input: &str) -> Result<i64, FlowError> {
    match input.trim() {
        "" => Ok(0),
        key => key.parse().map_err(|_| FlowError::NotFound),
    }
}

/// The actor cancels their own registration for an occurrence; the next
/// on its waitlist takes the seat in the same transaction.
pub async fn cancel_registration(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: i64,
) -> Result<(), FlowError> {
    signed_in(actor)?;
    let view = view(ctx, actor, id, Some(occurrence)).await?;
    policy::check(actor, Action::RegisterForEvent).map_err(hidden)?;
    let Some(mine) = view.mine.filter(|mine| mine.state.is_active()) else {
        return Err(FlowError::field("event", "error-registration-none"));
    };
    change(
        ctx,
        RegistrationChange {
            registration: mine.id,
            to: RegistrationState::Cancelled,
            by: None,
            at: ctx.now,
        },
    )
    .await
}

/// An event's registrations, for its organisers.
#[derive(Debug, Clone)]
pub struct Registrations {
    pub view: EventView,
    pub registrations: Vec<Registration>,
    /// Whether the occurrence has begun, from when attendance is recorded.
    pub started: bool,
}

pub async fn registrations(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: Option<i64>,
) -> Result<Registrations, FlowError> {
    let view = managed(ctx, actor, id, occurrence).await?;
    let registrations = ctx
        .store
        .event_registrations(id, view.occurrence.key)
        .await?;
    Ok(Registrations {
        started: ctx.now >= view.occurrence.starts_at,
        view,
        registrations,
    })
}

/// The organisers approve (`approve`) or refuse (`refuse`) a registration
/// of their event.
pub async fn decide(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    registration: RegistrationId,
    decision: &str,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    managed(ctx, actor, id, None).await?;
    let to = match decision.trim() {
        "approve" => RegistrationState::Confirmed,
        "refuse" => RegistrationState::Refused,
        _ => return Err(FlowError::field("decision", "error-event-decision")),
    };
    let target = ctx.store.registration(registration).await?;
    if target.event != id {
        return Err(FlowError::NotFound);
    }
    change(
        ctx,
        RegistrationChange {
            registration,
            to,
            by: Some(by),
            at: ctx.now,
        },
    )
    .await
}

async fn change(
    ctx: &Context<'_, dyn Storage>,
    change: RegistrationChange,
) -> Result<(), FlowError> {
    match ctx.store.change_registration(&change).await {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict) => Err(FlowError::field("decision", "error-registration-state")),
        Err(other) => Err(other.into()),
    }
}

/// How long after its end a feed still carries an event, so that
/// calendars keep the recent past.
const FEED_PAST_SECONDS: i64 = 30 * 24 * 3600;

/// The most events one feed carries.
pub const FEED_EVENTS: u32 = 500;

/// One event as iCalendar, for those who see it.
pub async fn event_calendar(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
) -> Result<String, FlowError> {
    let event = view(ctx, actor, id, None).await?.event;
    Ok(crate::events::calendar::calendar(
        crate::events::calendar::Feed {
            name: &event.fields.title,
            base_url: ctx.base_url,
        },
        std::slice::from_ref(&event),
    ))
}

/// The feed of the events anyone may see, the association's or one
/// community's: calendar applications read it without signing in, so it
/// holds what a visitor sees, the recent past included.
pub async fn public_feed(
    ctx: &Context<'_, dyn Storage>,
    community: Option<&str>,
) -> Result<String, FlowError> {
    let actor = Actor::Anonymous;
    let community = match community {
        Some(slug) => {
            Some(crate::communities::flows::view(&ctx.with(ctx.store), actor, slug).await?)
        }
        None => None,
    };
    let list = ctx
        .store
        .list_events(&EventListing {
            seen: seen_events(actor),
            community: community.as_ref().map(|view| view.community.id),
            format: None,
            from: Some(Timestamp(ctx.now.0 - FEED_PAST_SECONDS)),
            until: None,
            mine: None,
            cancelled: true,
            newest_first: false,
            limit: FEED_EVENTS,
            offset: 0,
        })
        .await?;
    let name = match &community {
        Some(view) => format!("{} · {}", view.community.fields.name, ctx.association),
        None => ctx.association.to_string(),
    };
    Ok(crate::events::calendar::calendar(
        crate::events::calendar::Feed {
            name: &name,
            base_url: ctx.base_url,
        },
        &list.events,
    ))
}

/// The organisers record whether a confirmed attendee came, once the
/// occurrence has begun.
pub async fn record_attendance(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    registration: RegistrationId,
    attendance: &str,
) -> Result<(), FlowError> {
    let by = signed_in(actor)?.id;
    let target = ctx.store.registration(registration).await?;
    if target.event != id {
        return Err(FlowError::NotFound);
    }
    let view = managed(ctx, actor, id, Some(target.occurrence)).await?;
    let attendance = Attendance::parse(attendance).map_err(|e| FlowError::Invalid(vec![e]))?;
    if ctx.now < view.occurrence.starts_at {
        return Err(FlowError::field(
            "attendance",
            "error-event-attendance-early",
        ));
    }
    let save = AttendanceSave {
        registration,
        attendance,
        by,
        at: ctx.now,
    };
    match ctx.store.record_attendance(&save).await {
        Ok(()) => Ok(()),
        Err(StoreError::Conflict) => Err(FlowError::field(
            "attendance",
            "error-event-attendance-seat",
        )),
        Err(other) => Err(other.into()),
    }
}

/// An occurrence's registrations as CSV, for its organisers: every cell a
/// spreadsheet would read as a formula is written after a single quote.
pub async fn registrations_csv(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: EventId,
    occurrence: Option<i64>,
    language: crate::kernel::association::Language,
) -> Result<String, FlowError> {
    let list = registrations(ctx, actor, id, occurrence).await?;
    let zone = &list.view.event.fields.zone;
    let t = |key: &str| crate::kernel::i18n::text(language, key);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "registrations-name",
        "registrations-state",
        "registrations-guests",
        "registrations-answer",
        "registrations-at",
        "registrations-attendance",
    ];
    let write = |writer: &mut csv::Writer<Vec<u8>>, cells: Vec<String>| {
        writer
            .write_record(cells.iter().map(|c| crate::register::export::neutralise(c)))
            .map_err(|e| FlowError::Store(StoreError::Other(Box::new(e))))
    };
    write(&mut writer, header.iter().map(|key| t(key)).collect())?;
    for r in &list.registrations {
        write(
            &mut writer,
            vec![
                r.display_name.clone(),
                t(&format!("registration-state-short-{}", r.state.as_str())),
                r.guests.to_string(),
                r.answer.clone(),
                zone.local(r.created_at)
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                r.attendance
                    .map(|(a, _)| t(&format!("attendance-{}", a.as_str())))
                    .unwrap_or_default(),
            ],
        )?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| FlowError::Store(StoreError::Other(e.to_string().into())))?;
    String::from_utf8(bytes).map_err(|e| FlowError::Store(StoreError::Other(Box::new(e))))
}

/// Whether the actor has a calendar feed, and since when; their own page.
pub async fn calendar_feed(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Option<Timestamp>, FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::ManageCalendarFeed).map_err(hidden)?;
    Ok(ctx.store.calendar_feed_of(account.id).await?)
}

/// Gives the actor a new feed address, shown this once; the previous one
/// no longer answers.
pub async fn new_calendar_feed(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<crate::accounts::secret::Secret, FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::ManageCalendarFeed).map_err(hidden)?;
    let secret = crate::accounts::secret::Secret::generate();
    ctx.store
        .set_calendar_feed(account.id, &secret.hash(), ctx.now)
        .await?;
    Ok(secret)
}

/// Ends the actor's feed: its address no longer answers.
pub async fn end_calendar_feed(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<(), FlowError> {
    let account = signed_in(actor)?;
    policy::check(actor, Action::ManageCalendarFeed).map_err(hidden)?;
    Ok(ctx.store.remove_calendar_feed(account.id).await?)
}

/// A person's own calendar, read at its secret address without signing in:
/// the events they registered for and their communities', as far as they
/// see them, the recent past included. [`FlowError::NotFound`] for an
/// address unknown, replaced or ended.
pub async fn personal_feed(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<String, FlowError> {
    let hash = crate::accounts::secret::TokenHash::of(token);
    let owner = ctx.store.calendar_feed_owner(&hash).await?;
    let account = ctx.store.account(owner).await?;
    let actor = Actor::Session(&account);
    let list = ctx
        .store
        .list_events(&EventListing {
            seen: seen_events(actor),
            community: None,
            format: None,
            from: Some(Timestamp(ctx.now.0 - FEED_PAST_SECONDS)),
            until: None,
            mine: Some(account.id),
            cancelled: true,
            newest_first: false,
            limit: FEED_EVENTS,
            offset: 0,
        })
        .await?;
    Ok(crate::events::calendar::calendar(
        crate::events::calendar::Feed {
            name: &format!("{} · {}", account.display_name.as_str(), ctx.association),
            base_url: ctx.base_url,
        },
        &list.events,
    ))
}
