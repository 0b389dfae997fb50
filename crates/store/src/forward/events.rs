//! Events' `EventStore` on both backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::events::event::{Event, EventId, Registration, RegistrationId};
use cercle_core::events::store::{
    AttendanceSave, CoverChange, EventList, EventListing, EventSave, EventStore, NewRegistration,
    OccurrenceSave, RegistrationChange, Seats, SeriesSplit,
};
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::site::store::StoredImage;

use crate::ops;

forward! {
    impl EventStore {
        write fn create_event(save: &EventSave) -> StoreResult<EventId>
            => ops::events::create_event;
        write fn update_event(id: EventId, save: &EventSave) -> StoreResult<()>
            => ops::events::update_event;
        write fn cancel_event(id: EventId, by: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::events::cancel_event;
        write fn split_series(split: &SeriesSplit) -> StoreResult<EventId>
            => ops::events::split_series;
        read_inline fn event(id: EventId) -> StoreResult<Event>
            => ops::events::event;
        write fn set_event_cover(change: &CoverChange) -> StoreResult<()>
            => ops::events::set_event_cover;
        read_inline fn event_cover(id: EventId) -> StoreResult<StoredImage>
            => ops::events::event_cover;
        read_blocking fn list_events(listing: &EventListing) -> StoreResult<EventList>
            => ops::events::list_events;
        write fn register_for_event(registration: &NewRegistration) -> StoreResult<Registration>
            => ops::events::register_for_event;
        write fn change_registration(change: &RegistrationChange) -> StoreResult<Registration>
            => ops::events::change_registration;
        read_inline fn registration(id: RegistrationId) -> StoreResult<Registration>
            => ops::events::registration;
        read_inline fn registration_of(
            event: EventId,
            occurrence: i64,
            account: AccountId,
        ) -> StoreResult<Option<Registration>>
            => ops::events::registration_of;
        read_blocking fn event_registrations(
            event: EventId,
            occurrence: i64,
        ) -> StoreResult<Vec<Registration>>
            => ops::events::event_registrations;
        read_inline fn occurrence_seats(event: EventId, occurrence: i64) -> StoreResult<Seats>
            => ops::events::occurrence_seats;
        write fn set_occurrence(save: &OccurrenceSave) -> StoreResult<()>
            => ops::events::set_occurrence;
        write fn record_attendance(save: &AttendanceSave) -> StoreResult<()>
            => ops::events::record_attendance;
        write fn set_calendar_feed(
            account: AccountId,
            token: &TokenHash,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::events::set_calendar_feed;
        write fn remove_calendar_feed(account: AccountId) -> StoreResult<()>
            => ops::events::remove_calendar_feed;
        read_inline fn calendar_feed_of(account: AccountId) -> StoreResult<Option<Timestamp>>
            => ops::events::calendar_feed_of;
        read_inline fn calendar_feed_owner(token: &TokenHash) -> StoreResult<AccountId>
            => ops::events::calendar_feed_owner;
    }
}
