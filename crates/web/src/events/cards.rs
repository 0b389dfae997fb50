//! An event as lists show it, in the reader's language and on the event's
//! clock: the association's calendar, a community's page, the month view.

use cercle_core::events::event::Event;

use crate::templates::Tr;

/// One line of a list of events.
pub struct EventCard {
    pub id: i64,
    pub title: String,
    /// The start, on the event's clock.
    pub when: String,
    pub format: String,
    /// `(slug, name)` of the community that holds it.
    pub community: Option<(String, String)>,
    /// The address, or "online".
    pub place: String,
    pub cancelled: bool,
    /// "3 seats left", "Full: waitlist open", or nothing without a limit.
    pub seats: String,
}

pub fn card(t: Tr, event: &Event) -> EventCard {
    let fields = &event.fields;
    EventCard {
        id: event.id.0,
        title: fields.title.clone(),
        when: fields.zone.long(fields.starts_at, t.0),
        format: t.get(&fields.format.label_key()),
        community: event
            .community
            .as_ref()
            .map(|c| (c.slug.as_str().to_owned(), c.name.clone())),
        place: place(t, event),
        cancelled: event.cancelled_at.is_some(),
        seats: seats(t, event),
    }
}

/// Where it happens, as far as everyone may know: the online link itself
/// is for confirmed attendees.
pub fn place(t: Tr, event: &Event) -> String {
    let fields = &event.fields;
    match (fields.address.is_empty(), fields.online_url.is_some()) {
        (false, true) => format!("{} · {}", fields.address, t.get("event-online")),
        (false, false) => fields.address.clone(),
        (true, _) => t.get("event-online"),
    }
}

pub fn seats(t: Tr, event: &Event) -> String {
    match event.seats_left() {
        Some(0) => t.get("event-full"),
        Some(left) => t.with("event-seats-left", "count", &left.to_string()),
        None => String::new(),
    }
}
