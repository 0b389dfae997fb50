//! An event as lists show it, in the reader's language and on the event's
//! clock: the association's calendar, a community's page, the month view.

use cercle_core::events::event::Event;
use cercle_core::events::flows::Listed;

use crate::templates::Tr;

/// One line of a list of events.
pub struct EventCard {
    /// The occurrence's page.
    pub href: String,
    pub title: String,
    /// The start, on the event's clock, in words and as RFC 3339.
    pub when: String,
    pub datetime: String,
    pub format: String,
    /// `(slug, name)` of the community that holds it.
    pub community: Option<(String, String)>,
    /// The address, or "online".
    pub place: String,
    pub cancelled: bool,
    /// "3 seats left", "Full: waitlist open", or nothing without a limit
    /// or for a series, whose occurrences count apart.
    pub seats: String,
    /// "Every week", for a series.
    pub series: bool,
}

pub fn card(t: Tr, listed: &Listed) -> EventCard {
    let (event, occurrence) = (&listed.event, &listed.occurrence);
    let fields = &event.fields;
    EventCard {
        href: event.occurrence_path(occurrence),
        title: fields.title.clone(),
        when: fields.zone.long(occurrence.starts_at, t.0),
        datetime: fields.zone.rfc3339(occurrence.starts_at),
        format: t.get(&fields.format.label_key()),
        community: event
            .community
            .as_ref()
            .map(|c| (c.slug.as_str().to_owned(), c.name.clone())),
        place: place(t, event),
        cancelled: occurrence.cancelled,
        seats: if fields.recurrence.is_some() {
            String::new()
        } else {
            seats(t, event.seats_left())
        },
        series: fields.recurrence.is_some(),
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

pub fn seats(t: Tr, left: Option<i64>) -> String {
    match left {
        Some(0) => t.get("event-full"),
        Some(left) => t.with("event-seats-left", "count", &left.to_string()),
        None => String::new(),
    }
}
