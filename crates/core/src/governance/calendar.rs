//! An assembly as iCalendar (RFC 5545): one `VEVENT` that the convocation
//! links to, so that the people of the roll keep the date in their own
//! calendar.
//!
//! The moments are written in UTC, which every reader understands without
//! a `VTIMEZONE`; the assembly's page shows them on its own clock.

use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

use crate::events::calendar::{host, utc};
use crate::governance::assembly::Assembly;
use crate::kernel::mail::{CalendarMethod, CalendarPart};
use crate::kernel::time::Timestamp;

/// How long an assembly is taken to last: statutes fix its start, rarely
/// its end, and three hours covers most.
const LENGTH_SECONDS: i64 = 3 * 3600;

/// The assembly as one `VCALENDAR`, its UID made from the instance's host.
pub fn assembly_calendar(assembly: &Assembly, base_url: &str) -> String {
    written(assembly, base_url, None)
}

/// The calendar object a convocation carries (`METHOD:PUBLISH`): the
/// people of the roll answer in Cercle, by giving a proxy or checking in,
/// so the mail client is asked to add the date, not to reply.
pub fn convocation_calendar(assembly: &Assembly, base_url: &str) -> CalendarPart {
    CalendarPart {
        method: CalendarMethod::Publish,
        text: written(assembly, base_url, Some(CalendarMethod::Publish)),
    }
}

fn written(assembly: &Assembly, base_url: &str, method: Option<CalendarMethod>) -> String {
    let fields = &assembly.fields;
    let host = host(base_url);
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("assembly-{}@{host}", assembly.id.0))
        .summary(&fields.title)
        .description(&fields.details)
        .url(&format!("{base_url}{}", assembly.path()))
        .sequence(0)
        .status(EventStatus::Confirmed)
        .add_property("DTSTAMP", utc(assembly.created_at))
        .add_property("DTSTART", utc(fields.starts_at))
        .add_property("DTEND", utc(Timestamp(fields.starts_at.0 + LENGTH_SECONDS)));
    if !fields.place.is_empty() {
        event.location(&fields.place);
    }
    let mut calendar = Calendar::new();
    calendar.name(&fields.title);
    if let Some(method) = method {
        calendar.append_property(Property::new("METHOD", method.as_str()));
    }
    calendar.push(event.done());
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::event::Zone;
    use crate::governance::assembly::{AssemblyFields, AssemblyId, AssemblyKind, AssemblyState};

    #[test]
    fn an_assembly_is_one_event_in_utc_three_hours_long() {
        let assembly = Assembly {
            id: AssemblyId(7),
            fields: AssemblyFields {
                title: "Assemblée générale 2027".to_owned(),
                kind: AssemblyKind::Ordinary,
                // 2027-03-20 13:00 UTC, 14:00 in Paris.
                starts_at: Timestamp(1_805_547_600),
                zone: Zone::parse("Europe/Paris").unwrap(),
                place: "Salle des fêtes, Nantes".to_owned(),
                details: "L'ordre du jour.".to_owned(),
            },
            state: AssemblyState::Convened,
            convened_at: None,
            roll_size: 0,
            opened_at: None,
            quorum: None,
            closed_at: None,
            created_at: Timestamp(1_800_000_000),
        };
        let text = assembly_calendar(&assembly, "https://cercle.example.org");
        for line in [
            "UID:assembly-7@cercle.example.org",
            "DTSTART:20270320T130000Z",
            "DTEND:20270320T160000Z",
            "SUMMARY:Assemblée générale 2027",
            "LOCATION:Salle des fêtes\\, Nantes",
            "URL:https://cercle.example.org/assemblies/7",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
    }
}
