//! What events need from storage: the events, their registrations, and the
//! waitlist that the store itself moves in the transaction that frees a
//! seat.
//!
//! Each method is one transaction. A write that changes who holds a seat
//! takes the event's row first, so that concurrent registrations for the
//! last seat are decided one after the other on both backends.

use async_trait::async_trait;

use crate::accounts::account::AccountId;
use crate::accounts::secret::TokenHash;
use crate::communities::community::CommunityId;
use crate::communities::store::SeenCommunities;
use crate::events::event::{
    Attendance, Event, EventException, EventFields, EventFormat, EventId, Registration,
    RegistrationId, RegistrationState,
};
use crate::events::recurrence::Recurrence;
use crate::kernel::image::Image;
use crate::kernel::store::StoreResult;
use crate::kernel::time::Timestamp;
use crate::kernel::visibility::Audience;
use crate::site::store::StoredImage;

/// An event's cover replaced by `image`, or taken away.
#[derive(Debug, Clone)]
pub struct CoverChange {
    pub event: EventId,
    pub image: Option<Image>,
    pub by: AccountId,
    pub at: Timestamp,
}

#[async_trait]
pub trait EventStore: Send + Sync {
    /// Audited; [`StoreError::NotFound`] for an unknown community.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn create_event(&self, save: &EventSave) -> StoreResult<EventId>;

    /// Saves the fields and bumps the sequence; audited. A capacity raised
    /// promotes the waitlist in arrival order, each promotion told by a
    /// job. [`StoreError::Conflict`] when the capacity is below the seats
    /// confirmed registrations hold, changing nothing.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn update_event(&self, id: EventId, save: &EventSave) -> StoreResult<()>;

    /// Marks the event cancelled, bumps its sequence and tells each active
    /// registrant by a job; audited. [`StoreError::NotFound`] when it is
    /// unknown or already cancelled.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn cancel_event(&self, id: EventId, by: AccountId, at: Timestamp) -> StoreResult<()>;

    /// Cuts the series and creates the rest as a new event, moving the
    /// registrations, in one transaction; audited. [`StoreError::NotFound`]
    /// when the event is unknown or cancelled; [`StoreError::Conflict`] when
    /// the new capacity is below the seats an occurrence moved holds,
    /// changing nothing.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn split_series(&self, split: &SeriesSplit) -> StoreResult<EventId>;

    async fn event(&self, id: EventId) -> StoreResult<Event>;

    /// Replaces the event's cover, or takes it away, deleting the image it
    /// had; audited. [`StoreError::NotFound`] for an unknown event.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn set_event_cover(&self, change: &CoverChange) -> StoreResult<()>;

    /// The event's cover; [`StoreError::NotFound`] when it has none.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn event_cover(&self, id: EventId) -> StoreResult<StoredImage>;

    /// One page of the events the listing sees, and how many match.
    async fn list_events(&self, listing: &EventListing) -> StoreResult<EventList>;

    /// Registers the account: pending when the event asks for approval,
    /// else confirmed while seats remain and nobody waits, else on the
    /// waitlist; told by a job. A cancelled registration of the same person
    /// is replaced, and they take their place anew. [`StoreError::Conflict`]
    /// when they already hold an active or refused registration;
    /// [`StoreError::NotFound`] for a cancelled or unknown event.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn register_for_event(&self, registration: &NewRegistration)
    -> StoreResult<Registration>;

    /// Moves a registration (see [`RegistrationChange`]) and, when it frees
    /// seats, promotes the waitlist in arrival order, every change told by a
    /// job; audited when the organisers decide. [`StoreError::Conflict`]
    /// when the registration is not in a state this change applies to.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn change_registration(&self, change: &RegistrationChange) -> StoreResult<Registration>;

    async fn registration(&self, id: RegistrationId) -> StoreResult<Registration>;

    /// The account's registration for an occurrence, in any state.
    async fn registration_of(
        &self,
        event: EventId,
        occurrence: i64,
        account: AccountId,
    ) -> StoreResult<Option<Registration>>;

    /// Every registration of an occurrence, confirmed first, then pending,
    /// then the waitlist, each in arrival order, then the others.
    async fn event_registrations(
        &self,
        event: EventId,
        occurrence: i64,
    ) -> StoreResult<Vec<Registration>>;

    /// How an occurrence's seats stand.
    async fn occurrence_seats(&self, event: EventId, occurrence: i64) -> StoreResult<Seats>;

    /// Cancels or moves one occurrence of a series and bumps the event's
    /// sequence; a cancelled occurrence's registrants are told by a job;
    /// audited. [`StoreError::NotFound`] for a cancelled or unknown event.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn set_occurrence(&self, save: &OccurrenceSave) -> StoreResult<()>;

    /// Records whether a confirmed attendee came; audited.
    /// [`StoreError::Conflict`] when the registration holds no seat.
    ///
    /// [`StoreError::Conflict`]: crate::kernel::store::StoreError::Conflict
    async fn record_attendance(&self, save: &AttendanceSave) -> StoreResult<()>;

    /// Gives the account a feed at the address whose hash is `token`,
    /// replacing its previous one, which no longer answers.
    async fn set_calendar_feed(
        &self,
        account: AccountId,
        token: &TokenHash,
        at: Timestamp,
    ) -> StoreResult<()>;

    /// The feed's address no longer answers; a no-op without one.
    async fn remove_calendar_feed(&self, account: AccountId) -> StoreResult<()>;

    /// When the account's feed was made, if it has one.
    async fn calendar_feed_of(&self, account: AccountId) -> StoreResult<Option<Timestamp>>;

    /// The account whose feed has this address; [`StoreError::NotFound`]
    /// for an address unknown or replaced.
    ///
    /// [`StoreError::NotFound`]: crate::kernel::store::StoreError::NotFound
    async fn calendar_feed_owner(&self, token: &TokenHash) -> StoreResult<AccountId>;
}

/// The organisers' record of one attendee.
#[derive(Debug, Clone)]
pub struct AttendanceSave {
    pub registration: RegistrationId,
    pub attendance: Attendance,
    pub by: AccountId,
    pub at: Timestamp,
}

/// How an occurrence's seats stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seats {
    /// Seats confirmed registrations take, guests included.
    pub taken: i64,
    pub waitlisted: i64,
    pub pending: i64,
}

/// One occurrence of a series cancelled or moved by an organiser.
#[derive(Debug, Clone)]
pub struct OccurrenceSave {
    pub event: EventId,
    pub exception: EventException,
    pub by: AccountId,
    pub at: Timestamp,
}

/// A series cut at one of its occurrences: the event keeps those before it,
/// under `kept`; that occurrence and the following become a new event,
/// `rest`, which takes their registrations and cancellations in order.
#[derive(Debug, Clone)]
pub struct SeriesSplit {
    pub event: EventId,
    pub kept: Recurrence,
    /// When the last occurrence `kept` gives ends.
    pub kept_ends_at: Timestamp,
    pub rest: EventSave,
    /// Each occurrence from the cut on, with where it goes.
    pub moves: Vec<OccurrenceMove>,
}

/// Where an occurrence of a cut series goes in the new event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccurrenceMove {
    /// Its key in the event cut.
    pub from: i64,
    /// Its key in the new event; none when the new series is shorter, and
    /// its registrations are cancelled and told so.
    pub to: Option<i64>,
    /// It was cancelled, and stays so.
    pub cancelled: bool,
    /// It is held at another time than it was: its registrants are told.
    pub moved: bool,
}

/// An event as its form saved it, for its community or the association.
#[derive(Debug, Clone)]
pub struct EventSave {
    pub community: Option<CommunityId>,
    pub fields: EventFields,
    pub by: AccountId,
    pub at: Timestamp,
}

/// What someone may see of the events: those of the communities they see,
/// for the audiences the policy opens to them without belonging, and, when
/// `member` is set, every audience of the communities that account belongs
/// to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenEvents {
    pub communities: SeenCommunities,
    pub audiences: Vec<Audience>,
    pub member: Option<AccountId>,
}

/// Which events a list shows, and which page of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventListing {
    pub seen: SeenEvents,
    /// One community's events; every event when none.
    pub community: Option<CommunityId>,
    pub format: Option<EventFormat>,
    /// Events ending at or after this moment.
    pub from: Option<Timestamp>,
    /// Events starting before this moment.
    pub until: Option<Timestamp>,
    /// Only the events this account registered for (and still counts on)
    /// or that its communities hold: a person's own calendar.
    pub mine: Option<AccountId>,
    /// Cancelled events too.
    pub cancelled: bool,
    /// The latest first, for past events; else the soonest first.
    pub newest_first: bool,
    pub limit: u32,
    pub offset: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventList {
    pub events: Vec<Event>,
    pub total: u64,
}

/// Someone asking for a seat.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub event: EventId,
    /// 0 for a single event, else the occurrence's key.
    pub occurrence: i64,
    pub account: AccountId,
    pub guests: u32,
    pub answer: String,
    pub at: Timestamp,
}

/// A registration moved: `to` is `Cancelled` (the registrant, from any
/// active state), `Confirmed` (the organisers approving a pending one, which
/// goes to the waitlist if the event is full) or `Refused` (the organisers,
/// from any active state).
#[derive(Debug, Clone)]
pub struct RegistrationChange {
    pub registration: RegistrationId,
    pub to: RegistrationState,
    /// The organiser who decided; none when the registrant cancels.
    pub by: Option<AccountId>,
    pub at: Timestamp,
}

/// Everything events' flows read and write: this area's store and those of
/// the areas below it. Any full store is one.
pub trait Storage: EventStore + crate::newsletter::store::Storage {}

impl<T: ?Sized + EventStore + crate::newsletter::store::Storage> Storage for T {}
