//! An event and its registrations, as parsed from what organisers and
//! registrants write.
//!
//! Moments are kept as UTC instants with the event's time zone beside them,
//! so that "18:30 in Paris" stays 18:30 in Paris across a change of daylight
//! saving time, and every reader is shown the event's own clock.

use jiff::civil;
use jiff::tz::TimeZone;

use crate::accounts::account::AccountId;
use crate::communities::community::{CommunityId, Slug};
use crate::events::recurrence::{Recurrence, SeriesInput};
use crate::kernel::association::Language;
use crate::kernel::date::Date;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::kernel::visibility::{Audience, Visibility};
use crate::site::pages::ImageId;

/// The zone an event form starts with, the instance's (seeds 000 to 004 are
/// French associations).
pub const DEFAULT_ZONE: &str = "Europe/Paris";

/// The most seats an event may offer.
pub const MAX_CAPACITY: u32 = 100_000;

/// The most guests a registrant may bring.
pub const MAX_GUESTS: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub i64);

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct RegistrationId(pub i64);

/// The formats seed 000 names, and those working groups and the general
/// assembly add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventFormat {
    Seminar,
    Forum,
    Webinar,
    Meetup,
    Workshop,
    WorkingGroupMeeting,
    GeneralAssembly,
    Other,
}

impl EventFormat {
    pub const ALL: [Self; 8] = [
        Self::Seminar,
        Self::Forum,
        Self::Webinar,
        Self::Meetup,
        Self::Workshop,
        Self::WorkingGroupMeeting,
        Self::GeneralAssembly,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seminar => "seminar",
            Self::Forum => "forum",
            Self::Webinar => "webinar",
            Self::Meetup => "meetup",
            Self::Workshop => "workshop",
            Self::WorkingGroupMeeting => "working_group_meeting",
            Self::GeneralAssembly => "general_assembly",
            Self::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|format| format.as_str() == input.trim())
            .ok_or(ValidationError::new("format", "error-event-format"))
    }

    /// The key of the format's name in the locale files.
    pub fn label_key(self) -> String {
        format!("event-format-{}", self.as_str().replace('_', "-"))
    }
}

/// An IANA time zone name that the time zone database knows, with the
/// zone it names, resolved once.
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    zone: TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl Zone {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let name = input.trim();
        match TimeZone::get(name) {
            Ok(zone) if !name.is_empty() && name.len() <= 64 => Ok(Self {
                name: name.to_owned(),
                zone,
            }),
            _ => Err(ValidationError::new("time_zone", "error-event-zone")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The instant a wall-clock date and time in this zone names; a time
    /// skipped or repeated by a change of clocks is read as the earlier.
    pub fn instant(&self, date: Date, time: civil::Time) -> Option<Timestamp> {
        let zoned = date
            .civil()
            .to_datetime(time)
            .to_zoned(self.zone.clone())
            .ok()?;
        Some(Timestamp(zoned.timestamp().as_second()))
    }

    /// The moment on this zone's calendar and clock.
    pub fn local(&self, moment: Timestamp) -> jiff::Zoned {
        jiff::Timestamp::from_second(moment.0)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(self.zone.clone())
    }

    /// `mardi 15 décembre 2026 à 18:30 CET` or `Tuesday 15 December 2026
    /// at 18:30 CET`: a moment on the event's clock, in the reader's words.
    pub fn long(&self, moment: Timestamp, language: Language) -> String {
        let at = match language {
            Language::Fr => "à",
            Language::En => "at",
        };
        format!("{} {at} {}", self.day(moment, language), self.clock(moment))
    }

    /// `18:30 CET`: the time on the event's clock with the zone's
    /// abbreviation.
    pub fn clock(&self, moment: Timestamp) -> String {
        self.local(moment).strftime("%H:%M %Z").to_string()
    }

    /// `2026-12-15T18:30:00+01:00`: the moment on the event's clock as RFC
    /// 3339 writes it, for the API, JSON-LD and `<time datetime>`.
    pub fn rfc3339(&self, moment: Timestamp) -> String {
        self.local(moment)
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }

    /// `20261215T183000`: the moment on the event's clock as iCalendar
    /// writes a local time, beside `TZID`.
    pub fn ical(&self, moment: Timestamp) -> String {
        self.local(moment).strftime("%Y%m%dT%H%M%S").to_string()
    }

    /// `mardi 15 décembre 2026`: the day on the event's calendar.
    pub fn day(&self, moment: Timestamp, language: Language) -> String {
        const FR: [&str; 7] = [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ];
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let date = self.date(moment);
        let weekday = usize::try_from(date.days_from_monday()).unwrap_or(0);
        let name = match language {
            Language::Fr => FR[weekday],
            Language::En => EN[weekday],
        };
        format!("{name} {}", date.long(language))
    }

    /// The day of `moment` on this zone's calendar.
    pub fn date(&self, moment: Timestamp) -> Date {
        Date::from_civil(self.local(moment).date())
    }
}

/// How people register, as organisers set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRules {
    /// Seats, each registrant and each guest taking one; none means no
    /// limit.
    pub capacity: Option<u32>,
    /// Whether organisers approve each registration.
    pub approval: bool,
    /// Before this moment nobody may register.
    pub opens_at: Option<Timestamp>,
    /// From this moment nobody may register; the start of the event at the
    /// latest.
    pub closes_at: Option<Timestamp>,
    /// How many guests one registrant may bring.
    pub max_guests: u32,
    /// A short question each registrant answers, such as dietary needs.
    pub question: String,
}

impl RegistrationRules {
    /// Seats left when `taken` are, if there is a capacity.
    pub fn seats_left(&self, taken: i64) -> Option<i64> {
        self.capacity
            .map(|capacity| (i64::from(capacity) - taken).max(0))
    }
}

/// What an event's form edits, once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFields {
    pub title: String,
    /// Markdown, rendered sanitised.
    pub description: String,
    pub format: EventFormat,
    pub audience: Audience,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub zone: Zone,
    /// A street address, or empty for an online event.
    pub address: String,
    /// The link to join online, shown to confirmed attendees and organisers
    /// only.
    pub online_url: Option<String>,
    pub registration: RegistrationRules,
    /// The rule repeating it, for a series such as a working group's
    /// weekly meeting; the start above is its first occurrence.
    pub recurrence: Option<Recurrence>,
}

impl EventFields {
    /// The last moment someone may register for the occurrence starting at
    /// `start`.
    pub fn closes_at(&self, start: Timestamp) -> Timestamp {
        self.registration
            .closes_at
            .map_or(start, |closes| closes.min(start))
    }

    /// Every start of the event: one, or each of its series.
    pub fn starts(&self) -> Vec<Timestamp> {
        match &self.recurrence {
            Some(rule) => rule.starts(self.starts_at, &self.zone),
            None => vec![self.starts_at],
        }
    }

    /// When its last occurrence, as the rule gives it, ends.
    pub fn series_ends_at(&self) -> Timestamp {
        let last = self.starts().last().copied().unwrap_or(self.starts_at);
        Timestamp(last.0 + (self.ends_at.0 - self.starts_at.0))
    }
}

/// An occurrence of a series changed from what the rule gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccurrenceChange {
    /// Not held (RFC 5545 `EXDATE`).
    Cancelled,
    /// Held at another time (an override with `RECURRENCE-ID`).
    Moved {
        starts_at: Timestamp,
        ends_at: Timestamp,
    },
}

/// One occurrence of a series, named by the start the rule gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventException {
    pub occurrence: Timestamp,
    pub change: OccurrenceChange,
}

/// One time an event is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// What registrations name it by: 0 for a single event, else the start
    /// the rule gives it, which a move does not change.
    pub key: i64,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub cancelled: bool,
    pub moved: bool,
}

/// The community an event belongs to, as far as the event needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCommunity {
    pub id: CommunityId,
    pub slug: Slug,
    pub name: String,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    /// The community that holds it; none for the association's own events.
    pub community: Option<EventCommunity>,
    pub fields: EventFields,
    /// Who created it, whom its page names as organiser; none once their
    /// account is deleted.
    pub organiser: Option<(AccountId, String)>,
    pub cancelled_at: Option<Timestamp>,
    /// Bumped on every change, for calendars (RFC 5545 `SEQUENCE`).
    pub sequence: i64,
    /// Seats taken by confirmed registrations, guests included: of a
    /// single event; a series counts each occurrence apart.
    pub taken: i64,
    pub waitlisted: i64,
    /// Registrations waiting for the organisers' approval.
    pub pending: i64,
    /// The occurrences of a series cancelled or moved.
    pub exceptions: Vec<EventException>,
    /// The cover image, shown as far as the event is.
    pub cover: Option<ImageId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Event {
    pub fn path(&self) -> String {
        format!("/events/{}", self.id.0)
    }

    /// The page of one occurrence: the event's own for a single event.
    pub fn occurrence_path(&self, occurrence: &Occurrence) -> String {
        if occurrence.key == 0 {
            self.path()
        } else {
            format!("/events/{}?occurrence={}", self.id.0, occurrence.key)
        }
    }

    /// Every occurrence, in the rule's order, with its exception applied.
    pub fn occurrences(&self) -> Vec<Occurrence> {
        let fields = &self.fields;
        let length = fields.ends_at.0 - fields.starts_at.0;
        if fields.recurrence.is_none() {
            return vec![Occurrence {
                key: 0,
                starts_at: fields.starts_at,
                ends_at: fields.ends_at,
                cancelled: self.cancelled_at.is_some(),
                moved: false,
            }];
        }
        fields
            .starts()
            .into_iter()
            .map(|start| {
                let change = self
                    .exceptions
                    .iter()
                    .find(|e| e.occurrence == start)
                    .map(|e| e.change);
                let (starts_at, ends_at) = match change {
                    Some(OccurrenceChange::Moved { starts_at, ends_at }) => (starts_at, ends_at),
                    _ => (start, Timestamp(start.0 + length)),
                };
                Occurrence {
                    key: start.0,
                    starts_at,
                    ends_at,
                    cancelled: self.cancelled_at.is_some()
                        || change == Some(OccurrenceChange::Cancelled),
                    moved: matches!(change, Some(OccurrenceChange::Moved { .. })),
                }
            })
            .collect()
    }

    /// The fields of the series from occurrence `key` on, as the form of
    /// "this and the following" starts from: that occurrence's start as the
    /// rule gives it, and a rule that ends where the series does.
    pub fn following(&self, key: i64) -> Option<EventFields> {
        let rule = self.fields.recurrence.as_ref()?;
        let index = self.fields.starts().iter().position(|s| s.0 == key)?;
        let ending = rule
            .as_str()
            .split(';')
            .map(
                |part| match part.strip_prefix("COUNT=").map(str::parse::<usize>) {
                    Some(Ok(count)) => format!("COUNT={}", count.saturating_sub(index).max(1)),
                    _ => part.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join(";");
        let length = self.fields.ends_at.0 - self.fields.starts_at.0;
        Some(EventFields {
            starts_at: Timestamp(key),
            ends_at: Timestamp(key + length),
            recurrence: Some(Recurrence::from_stored(ending)),
            ..self.fields.clone()
        })
    }

    /// The occurrence named `key`, when the event has it.
    pub fn occurrence(&self, key: i64) -> Option<Occurrence> {
        self.occurrences().into_iter().find(|o| o.key == key)
    }

    /// The occurrence a page shows when none is asked for: the next one
    /// held that has not ended, else the last.
    pub fn next_occurrence(&self, now: Timestamp) -> Occurrence {
        let all = self.occurrences();
        all.iter()
            .find(|o| !o.cancelled && o.ends_at >= now)
            .or_else(|| all.last())
            .copied()
            .unwrap_or(Occurrence {
                key: 0,
                starts_at: self.fields.starts_at,
                ends_at: self.fields.ends_at,
                cancelled: true,
                moved: false,
            })
    }

    /// Seats left, when the event has a capacity.
    pub fn seats_left(&self) -> Option<i64> {
        self.fields.registration.seats_left(self.taken)
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationState {
    /// Waiting for the organisers' approval.
    Pending,
    Confirmed,
    /// The event is full: the first on the list takes the next seat freed.
    Waitlisted,
    Refused,
    Cancelled,
}

impl RegistrationState {
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Confirmed,
        Self::Waitlisted,
        Self::Refused,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Refused => "refused",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == input)
    }

    /// Whether the registrant still counts on coming.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Pending | Self::Confirmed | Self::Waitlisted)
    }
}

/// Whether a confirmed attendee came, as the organisers record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attendance {
    Present,
    Absent,
    /// Absent, having said so beforehand.
    Excused,
}

impl Attendance {
    pub const ALL: [Self; 3] = [Self::Present, Self::Absent, Self::Excused];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Absent => "absent",
            Self::Excused => "excused",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == input.trim())
            .ok_or(ValidationError::new("attendance", "error-event-attendance"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub id: RegistrationId,
    pub event: EventId,
    /// The occurrence's key (see [`Occurrence::key`]).
    pub occurrence: i64,
    pub account: AccountId,
    pub display_name: String,
    pub state: RegistrationState,
    pub guests: u32,
    pub answer: String,
    /// Recorded by the organisers once the occurrence began, with when.
    pub attendance: Option<(Attendance, Timestamp)>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Registration {
    /// Seats it takes once confirmed.
    pub fn seats(&self) -> i64 {
        1 + i64::from(self.guests)
    }
}

/// An event's form, as typed: dates as `YYYY-MM-DD`, times as `HH:MM` on the
/// event's clock, checkboxes as `on`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct EventInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub format: String,
    pub audience: String,
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub online_url: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub approval: Option<String>,
    #[serde(default)]
    pub opens_date: String,
    #[serde(default)]
    pub closes_date: String,
    #[serde(default)]
    pub max_guests: String,
    #[serde(default)]
    pub question: String,
    /// `weekly`, `every_two_weeks`, `monthly_on_weekday`, `rule` (then
    /// `rule` holds it) or empty for a single event.
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub rule: String,
    /// The series' last day, or how many occurrences it holds.
    #[serde(default)]
    pub repeat_until: String,
    #[serde(default)]
    pub repeat_count: String,
}

impl EventInput {
    /// The form of an existing event, as it was saved.
    pub fn of(fields: &EventFields) -> Self {
        let zone = &fields.zone;
        let date = |moment: Timestamp| zone.date(moment).to_string();
        let time = |moment: Timestamp| clock_of(zone, moment);
        Self {
            title: fields.title.clone(),
            description: fields.description.clone(),
            format: fields.format.as_str().to_owned(),
            audience: fields.audience.as_str().to_owned(),
            start_date: date(fields.starts_at),
            start_time: time(fields.starts_at),
            end_date: date(fields.ends_at),
            end_time: time(fields.ends_at),
            time_zone: zone.as_str().to_owned(),
            address: fields.address.clone(),
            online_url: fields.online_url.clone().unwrap_or_default(),
            capacity: fields
                .registration
                .capacity
                .map(|c| c.to_string())
                .unwrap_or_default(),
            approval: fields.registration.approval.then(|| "on".to_owned()),
            opens_date: fields.registration.opens_at.map(date).unwrap_or_default(),
            closes_date: fields.registration.closes_at.map(date).unwrap_or_default(),
            max_guests: fields.registration.max_guests.to_string(),
            question: fields.registration.question.clone(),
            repeat: if fields.recurrence.is_some() {
                "rule".to_owned()
            } else {
                String::new()
            },
            rule: fields
                .recurrence
                .as_ref()
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            repeat_until: String::new(),
            repeat_count: String::new(),
        }
    }

    /// Every field checked at once; an association's event may not be for
    /// a community's members.
    pub fn parse(&self, in_community: bool) -> Result<EventFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let title = keep(
            &mut errors,
            label(
                &self.title,
                2,
                140,
                ValidationError::new("title", "error-event-title"),
            ),
        );
        let description = keep(
            &mut errors,
            crate::register::people::text(&self.description, 20_000, "description"),
        );
        let format = keep(&mut errors, EventFormat::parse(&self.format));
        let audience = keep(
            &mut errors,
            Audience::parse(&self.audience).and_then(|audience| {
                if audience == Audience::Community && !in_community {
                    Err(ValidationError::new("audience", "error-event-audience"))
                } else {
                    Ok(audience)
                }
            }),
        );
        let zone_input = if self.time_zone.trim().is_empty() {
            DEFAULT_ZONE
        } else {
            &self.time_zone
        };
        let zone = keep(&mut errors, Zone::parse(zone_input));
        let moment =
            |errors: &mut Vec<ValidationError>, date: &str, time: &str, field: &'static str| {
                let date = keep(
                    errors,
                    Date::parse(date).map_err(|_| ValidationError::new(field, "error-event-date")),
                );
                let time = keep(errors, clock_time(time, field));
                match (date, time, &zone) {
                    (Some(date), Some(time), Some(zone)) => {
                        let instant = zone.instant(date, time);
                        if instant.is_none() {
                            errors.push(ValidationError::new(field, "error-event-date"));
                        }
                        instant
                    }
                    _ => None,
                }
            };
        let starts_at = moment(
            &mut errors,
            &self.start_date,
            &self.start_time,
            "start_date",
        );
        let ends_at = moment(&mut errors, &self.end_date, &self.end_time, "end_date");
        if let (Some(starts), Some(ends)) = (starts_at, ends_at)
            && ends <= starts
        {
            errors.push(ValidationError::new("end_date", "error-event-ends-before"));
        }
        let address = keep(
            &mut errors,
            crate::register::people::text(&self.address, 300, "address"),
        );
        let online_url = keep(&mut errors, online_link(&self.online_url));
        let capacity = keep(
            &mut errors,
            optional_count(&self.capacity, 1, MAX_CAPACITY, "capacity"),
        );
        let max_guests = keep(
            &mut errors,
            optional_count(&self.max_guests, 0, MAX_GUESTS, "max_guests")
                .map(Option::unwrap_or_default),
        );
        let question = keep(
            &mut errors,
            label(
                &self.question,
                0,
                200,
                ValidationError::new("question", "error-event-question"),
            ),
        );
        let day_start = |errors: &mut Vec<ValidationError>, input: &str, field: &'static str| {
            if input.trim().is_empty() {
                return None;
            }
            let date = keep(
                errors,
                Date::parse(input).map_err(|_| ValidationError::new(field, "error-event-date")),
            )?;
            zone.as_ref()
                .and_then(|zone| zone.instant(date, civil::Time::midnight()))
        };
        let opens_at = day_start(&mut errors, &self.opens_date, "opens_date");
        // Registration closes at the end of the day the organisers name.
        let closes_at = day_start(&mut errors, &self.closes_date, "closes_date")
            .map(|midnight| Timestamp(midnight.0 + 24 * 3600));
        if let (Some(opens), Some(closes)) = (opens_at, closes_at)
            && closes <= opens
        {
            errors.push(ValidationError::new(
                "closes_date",
                "error-event-closes-before",
            ));
        }
        let series = SeriesInput {
            repeat: &self.repeat,
            rule: &self.rule,
            until: &self.repeat_until,
            count: &self.repeat_count,
        };
        let recurrence = match (starts_at, &zone) {
            (Some(start), Some(zone)) => keep(&mut errors, series.parse(start, zone)),
            _ => None,
        };
        if let (Some(title), Some(description), Some(format), Some(audience), Some(zone)) =
            (title, description, format, audience, zone)
            && let (Some(starts_at), Some(ends_at), Some(address), Some(online_url)) =
                (starts_at, ends_at, address, online_url)
            && let (Some(capacity), Some(max_guests), Some(question), Some(recurrence)) =
                (capacity, max_guests, question, recurrence)
            && errors.is_empty()
        {
            return Ok(EventFields {
                title,
                description,
                format,
                audience,
                starts_at,
                ends_at,
                zone,
                address,
                online_url,
                registration: RegistrationRules {
                    capacity,
                    approval: self.approval.as_deref().is_some_and(|v| !v.is_empty()),
                    opens_at,
                    closes_at,
                    max_guests,
                    question,
                },
                recurrence,
            });
        }
        Err(errors)
    }
}

/// `18:30`: a moment's time on the event's clock, as the forms take it.
pub fn clock_of(zone: &Zone, moment: Timestamp) -> String {
    zone.local(moment).strftime("%H:%M").to_string()
}

/// `HH:MM` on a 24-hour clock.
pub(crate) fn clock_time(input: &str, field: &'static str) -> Result<civil::Time, ValidationError> {
    let error = || ValidationError::new(field, "error-event-time");
    let (hour, minute) = input.trim().split_once(':').ok_or_else(error)?;
    let hour: i8 = hour.parse().map_err(|_| error())?;
    let minute: i8 = minute.parse().map_err(|_| error())?;
    civil::Time::new(hour, minute, 0, 0).map_err(|_| error())
}

/// An `https` link to join online, or none.
fn online_link(input: &str) -> Result<Option<String>, ValidationError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let error = || ValidationError::new("online_url", "error-event-online-url");
    let url = url::Url::parse(input).map_err(|_| error())?;
    if url.scheme() != "https" || url.host_str().is_none() || input.len() > 500 {
        return Err(error());
    }
    Ok(Some(url.to_string()))
}

/// A whole number between `min` and `max`, or none when left empty.
fn optional_count(
    input: &str,
    min: u32,
    max: u32,
    field: &'static str,
) -> Result<Option<u32>, ValidationError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(Some)
        .ok_or(ValidationError::new(field, "error-event-count"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            title: "Séminaire annuel".into(),
            format: "seminar".into(),
            audience: "public".into(),
            start_date: "2026-12-15".into(),
            start_time: "18:30".into(),
            end_date: "2026-12-15".into(),
            end_time: "21:00".into(),
            time_zone: "Europe/Paris".into(),
            capacity: "40".into(),
            max_guests: "1".into(),
            ..EventInput::default()
        }
    }

    fn fields_refused(input: &EventInput) -> Vec<&'static str> {
        let mut fields: Vec<_> = input
            .parse(true)
            .expect_err("refused")
            .into_iter()
            .map(|e| e.field)
            .collect();
        fields.sort_unstable();
        fields
    }

    #[test]
    fn reads_the_wall_clock_in_the_events_zone() {
        let fields = input().parse(false).unwrap();
        // 18:30 in Paris in December is 17:30 UTC.
        assert_eq!(fields.starts_at.to_iso_minutes(), "2026-12-15 17:30 UTC");
        assert_eq!(fields.registration.capacity, Some(40));
        assert_eq!(
            fields.zone.long(fields.starts_at, Language::Fr),
            "mardi 15 décembre 2026 à 18:30 CET"
        );
        assert_eq!(
            fields.zone.long(fields.starts_at, Language::En),
            "Tuesday 15 December 2026 at 18:30 CET"
        );
        let summer = EventInput {
            start_date: "2027-06-15".into(),
            end_date: "2027-06-15".into(),
            ..input()
        }
        .parse(false)
        .unwrap();
        assert_eq!(summer.starts_at.to_iso_minutes(), "2027-06-15 16:30 UTC");
        assert_eq!(EventInput::of(&fields).start_time, "18:30");
    }

    #[test]
    fn refuses_each_bad_field_by_name() {
        let ends_before = EventInput {
            end_time: "18:00".into(),
            ..input()
        };
        assert_eq!(fields_refused(&ends_before), ["end_date"]);
        let bad = EventInput {
            title: " ".into(),
            format: "rave".into(),
            time_zone: "Mars/Olympus".into(),
            online_url: "javascript:alert(1)".into(),
            capacity: "0".into(),
            max_guests: "99".into(),
            ..input()
        };
        assert_eq!(
            fields_refused(&bad),
            [
                "capacity",
                "format",
                "max_guests",
                "online_url",
                "time_zone",
                "title"
            ]
        );
        let late_time = EventInput {
            start_time: "25:00".into(),
            ..input()
        };
        assert_eq!(fields_refused(&late_time), ["start_date"]);
        let association = EventInput {
            audience: "community".into(),
            ..input()
        };
        assert!(association.parse(false).is_err());
        assert!(association.parse(true).is_ok());
    }

    #[test]
    fn registration_closes_at_the_end_of_the_named_day_and_by_the_start() {
        let fields = EventInput {
            closes_date: "2026-12-10".into(),
            ..input()
        }
        .parse(false)
        .unwrap();
        assert_eq!(
            fields.closes_at(fields.starts_at).to_iso_minutes(),
            "2026-12-10 23:00 UTC",
            "midnight in Paris"
        );
        let late = EventInput {
            closes_date: "2026-12-20".into(),
            ..input()
        }
        .parse(false)
        .unwrap();
        assert_eq!(late.closes_at(late.starts_at), late.starts_at);
    }
}
