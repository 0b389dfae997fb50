//! Events as iCalendar (RFC 5545), for calendar applications: one event,
//! or a feed of many.
//!
//! `icalendar` writes the components, escaping text and folding lines. A
//! series carries its `RRULE`, its cancelled occurrences as `EXDATE` and
//! each moved one as an override with its `RECURRENCE-ID`; every moment is
//! on the event's clock, with a `VTIMEZONE` built from the time zone
//! database's own transitions over the span the events cover, so that a
//! reader needs no database of its own. The online link is never written:
//! a feed may be read by anyone who holds its address.

use std::fmt::Write as _;

use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use jiff::tz::TimeZone;

use crate::events::event::{Event, Occurrence, OccurrenceChange, Zone};
use crate::kernel::mail::{CalendarMethod, CalendarPart};
use crate::kernel::time::Timestamp;

/// What a calendar says besides its events.
#[derive(Debug, Clone, Copy)]
pub struct Feed<'a> {
    /// The calendar's name, as applications list it.
    pub name: &'a str,
    /// The instance's address: pages and UIDs are made from it.
    pub base_url: &'a str,
}

/// The events as one `VCALENDAR`, each series with its exceptions.
pub fn calendar(feed: Feed<'_>, events: &[Event]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(feed.name);
    let host = host(feed.base_url);
    for event in events {
        for component in components(feed, host, event) {
            calendar.push(component);
        }
    }
    let mut zones: Vec<&Zone> = Vec::new();
    for event in events {
        if !zones.contains(&&event.fields.zone) {
            zones.push(&event.fields.zone);
        }
    }
    let time_zones: String = zones
        .into_iter()
        .map(|zone| {
            let (from, to) = span(events.iter().filter(|e| &e.fields.zone == zone));
            time_zone(zone, from, to)
        })
        .collect();
    // `icalendar` has no time zone component of its own (it would give the
    // zone a UID and a DTSTAMP, which RFC 5545 does not allow there), so
    // the zones go in as text, before the events that name them.
    let text = calendar.done().to_string();
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{time_zones}{}", &text[..at], &text[at..])
}

/// What a cancellation email carries (`METHOD:CANCEL`, RFC 5546): the
/// event's UID with a `SEQUENCE` above every one sent before, and for one
/// occurrence of a series its `RECURRENCE-ID`, so that a calendar removes
/// that occurrence and keeps the others. Moments are in UTC, which needs no
/// `VTIMEZONE` and names the same instants as the feeds.
pub fn cancellation(base_url: &str, event: &Event, occurrence: &Occurrence) -> CalendarPart {
    let fields = &event.fields;
    let mut component = icalendar::Event::new();
    component
        .uid(&format!("event-{}@{}", event.id.0, host(base_url)))
        .summary(&fields.title)
        .url(&format!("{base_url}{}", event.path()))
        .sequence(u32::try_from(event.sequence).unwrap_or(0))
        .status(EventStatus::Cancelled)
        .add_property("DTSTAMP", utc(event.updated_at))
        .add_property("DTSTART", utc(occurrence.starts_at))
        .add_property("DTEND", utc(occurrence.ends_at));
    if fields.recurrence.is_some() && event.cancelled_at.is_none() {
        component.add_property("RECURRENCE-ID", utc(Timestamp(occurrence.key)));
    }
    let mut calendar = Calendar::new();
    calendar
        .append_property(Property::new("METHOD", CalendarMethod::Cancel.as_str()))
        .push(component.done());
    CalendarPart {
        method: CalendarMethod::Cancel,
        text: calendar.done().to_string(),
    }
}

/// The instance's host, which makes UIDs unique across instances.
pub(crate) fn host(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .split(['/', ':'])
        .next()
        .filter(|host| !host.is_empty())
        .unwrap_or("localhost")
}

/// From the first start to the last end of `events`.
fn span<'a>(events: impl Iterator<Item = &'a Event>) -> (Timestamp, Timestamp) {
    events.fold(
        (Timestamp(i64::MAX), Timestamp(i64::MIN)),
        |(from, to), e| {
            (
                from.min(e.fields.starts_at),
                to.max(e.fields.series_ends_at()),
            )
        },
    )
}

/// The event's `VEVENT`, then one per moved occurrence of a series.
fn components(feed: Feed<'_>, host: &str, event: &Event) -> Vec<icalendar::Event> {
    let fields = &event.fields;
    let uid = format!("event-{}@{host}", event.id.0);
    let page = format!("{}{}", feed.base_url, event.path());
    let base = || {
        let mut component = icalendar::Event::new();
        component
            .uid(&uid)
            .summary(&fields.title)
            .description(&fields.description)
            .url(&page)
            .sequence(u32::try_from(event.sequence).unwrap_or(0))
            .add_property("DTSTAMP", utc(event.updated_at));
        if !fields.address.is_empty() {
            component.location(&fields.address);
        }
        component
    };
    let mut main = base();
    main.append_property(local("DTSTART", &fields.zone, fields.starts_at))
        .append_property(local("DTEND", &fields.zone, fields.ends_at));
    if event.cancelled_at.is_some() {
        main.status(EventStatus::Cancelled);
    } else {
        main.status(EventStatus::Confirmed);
    }
    let mut all = Vec::new();
    if let Some(rule) = &fields.recurrence {
        main.add_property("RRULE", rule.as_str());
        for exception in &event.exceptions {
            if exception.change == OccurrenceChange::Cancelled {
                main.append_multi_property(local("EXDATE", &fields.zone, exception.occurrence));
            }
        }
        all.push(main);
        for exception in &event.exceptions {
            if let OccurrenceChange::Moved { starts_at, ends_at } = exception.change {
                let mut moved = base();
                moved
                    .append_property(local("RECURRENCE-ID", &fields.zone, exception.occurrence))
                    .append_property(local("DTSTART", &fields.zone, starts_at))
                    .append_property(local("DTEND", &fields.zone, ends_at))
                    .status(EventStatus::Confirmed);
                all.push(moved);
            }
        }
    } else {
        all.push(main);
    }
    all
}

/// `KEY;TZID=Europe/Paris:20261215T183000`.
fn local(key: &str, zone: &Zone, moment: Timestamp) -> Property {
    let mut property = Property::new(key, zone.ical(moment));
    property.add_parameter("TZID", zone.as_str());
    property
}

/// `20261215T173000Z`: a moment in UTC, as iCalendar writes it.
pub(crate) fn utc(moment: Timestamp) -> String {
    moment.in_utc().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The zone's `VTIMEZONE`: the offset in force a year before `from`, then
/// every change of offset until a year after `to`.
fn time_zone(zone: &Zone, from: Timestamp, to: Timestamp) -> String {
    const YEAR: i64 = 366 * 24 * 3600;
    let tz = TimeZone::get(zone.as_str()).unwrap_or(TimeZone::UTC);
    let at = |seconds: i64| {
        jiff::Timestamp::from_second(seconds.clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        ))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    };
    let (start, end) = (
        at(from.0.saturating_sub(YEAR)),
        at(to.0.saturating_add(YEAR)),
    );
    let mut text = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.as_str());
    let first = tz.to_offset_info(start);
    let _ = write!(
        text,
        "BEGIN:STANDARD\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:STANDARD\r\n",
        start.to_zoned(tz.clone()).strftime("%Y%m%dT%H%M%S"),
        offset(first.offset()),
        offset(first.offset()),
        first.abbreviation(),
    );
    let mut before = first.offset();
    for transition in tz.following(start).take_while(|t| t.timestamp() <= end) {
        let kind = if transition.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is written on the clock in force before it.
        let onset = transition
            .timestamp()
            .to_zoned(TimeZone::fixed(before))
            .strftime("%Y%m%dT%H%M%S");
        let _ = write!(
            text,
            "BEGIN:{kind}\r\nDTSTART:{onset}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
            offset(before),
            offset(transition.offset()),
            transition.abbreviation(),
        );
        before = transition.offset();
    }
    text.push_str("END:VTIMEZONE\r\n");
    text
}

/// `+0100`.
fn offset(offset: jiff::tz::Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::account::AccountId;
    use crate::events::event::{EventException, EventId, EventInput};

    fn event(input: &EventInput) -> Event {
        Event {
            id: EventId(7),
            community: None,
            fields: input.parse(false).unwrap(),
            organiser: Some((AccountId(1), "Olga".to_owned())),
            cancelled_at: None,
            sequence: 2,
            taken: 0,
            waitlisted: 0,
            pending: 0,
            exceptions: Vec::new(),
            cover: None,
            created_at: Timestamp(0),
            updated_at: Timestamp(1_800_000_000),
        }
    }

    fn meeting() -> EventInput {
        EventInput {
            title: "Réunion, hebdomadaire; du groupe".into(),
            description: "Ordre du jour\nsuivi".into(),
            format: "working_group_meeting".into(),
            audience: "public".into(),
            start_date: "2026-12-08".into(),
            start_time: "18:30".into(),
            end_date: "2026-12-08".into(),
            end_time: "19:30".into(),
            time_zone: "Europe/Paris".into(),
            address: "Rennes".into(),
            online_url: "https://visio.example.org/secret-room".into(),
            repeat: "weekly".into(),
            repeat_count: "10".into(),
            ..EventInput::default()
        }
    }

    #[test]
    fn writes_a_series_with_its_exceptions_on_its_own_clock() {
        let mut series = event(&meeting());
        let second = series.fields.starts().get(1).copied().unwrap();
        let third = series.fields.starts().get(2).copied().unwrap();
        series.exceptions = vec![
            EventException {
                occurrence: second,
                change: OccurrenceChange::Cancelled,
            },
            EventException {
                occurrence: third,
                change: OccurrenceChange::Moved {
                    starts_at: Timestamp(third.0 + 3600),
                    ends_at: Timestamp(third.0 + 7200),
                },
            },
        ];
        let text = calendar(
            Feed {
                name: "ADN Ouest",
                base_url: "https://cercle.example",
            },
            &[series],
        );
        for expected in [
            "BEGIN:VCALENDAR",
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris",
            "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200",
            "DTSTART;TZID=Europe/Paris:20261208T183000",
            "RRULE:FREQ=WEEKLY;COUNT=10",
            "EXDATE;TZID=Europe/Paris:20261215T183000",
            "RECURRENCE-ID;TZID=Europe/Paris:20261222T183000",
            "DTSTART;TZID=Europe/Paris:20261222T193000",
            "UID:event-7@cercle.example",
            "SEQUENCE:2",
            "SUMMARY:Réunion\\, hebdomadaire\\; du groupe",
            "URL:https://cercle.example/events/7",
        ] {
            assert!(text.contains(expected), "{expected} in\n{text}");
        }
        assert!(!text.contains("secret-room"), "the online link stays out");
        assert_eq!(
            text.matches("BEGIN:VEVENT").count(),
            2,
            "the series and its override"
        );
        assert!(
            text.lines().all(|line| line.len() <= 75),
            "lines are folded"
        );
    }

    #[test]
    fn a_cancelled_single_event_says_so() {
        let mut single = event(&EventInput {
            repeat: String::new(),
            repeat_count: String::new(),
            ..meeting()
        });
        single.cancelled_at = Some(Timestamp(1_800_000_100));
        let text = calendar(
            Feed {
                name: "ADN Ouest",
                base_url: "http://127.0.0.1:8080",
            },
            &[single],
        );
        assert!(text.contains("STATUS:CANCELLED"), "{text}");
        assert!(!text.contains("RRULE"));
        assert!(text.contains("UID:event-7@127.0.0.1"));
    }

    #[test]
    fn a_cancellation_names_the_whole_event_or_one_occurrence() {
        let mut series = event(&meeting());
        let second = series.occurrences()[1];
        let one = cancellation("https://cercle.example", &series, &second);
        assert_eq!(one.method, CalendarMethod::Cancel);
        let lines: Vec<&str> = one.text.lines().collect();
        for line in [
            "METHOD:CANCEL",
            "UID:event-7@cercle.example",
            "STATUS:CANCELLED",
            &format!("RECURRENCE-ID:{}", utc(Timestamp(second.key))),
        ] {
            assert!(lines.contains(&line), "{line} in {lines:?}");
        }
        assert!(!one.text.contains("BEGIN:VTIMEZONE"), "in UTC");

        series.cancelled_at = Some(Timestamp(1_800_000_100));
        let first = series.occurrences()[0];
        let whole = cancellation("https://cercle.example", &series, &first);
        assert!(whole.text.contains("METHOD:CANCEL"));
        assert!(
            !whole.text.contains("RECURRENCE-ID"),
            "the whole series goes: {}",
            whole.text
        );
    }
}
