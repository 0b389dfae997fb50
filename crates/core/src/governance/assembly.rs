//! General assemblies: what the statutes ask of them (notice, quorum,
//! proxies), their roll, frozen at the convocation, and who attends.

use jiff::civil;

use crate::accounts::account::AccountId;
use crate::events::event::{DEFAULT_ZONE, Zone, clock_time};
use crate::governance::ballot::{MajorityRule, Resolution};
use crate::kernel::date::Date;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct AssemblyId(pub i64);

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ItemId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssemblyKind {
    Ordinary,
    Extraordinary,
}

impl AssemblyKind {
    pub const ALL: [Self; 2] = [Self::Ordinary, Self::Extraordinary];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::Extraordinary => "extraordinary",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("kind", "error-assembly-kind"))
    }
}

/// Where an assembly stands: prepared, convened (the roll frozen, proxies
/// given), opened by the chair (proxies final, quorum recorded), closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AssemblyState {
    Draft,
    Convened,
    Open,
    Closed,
}

impl AssemblyState {
    pub const ALL: [Self; 4] = [Self::Draft, Self::Convened, Self::Open, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Convened => "convened",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == input)
    }
}

/// What the statutes say of assemblies: an instance setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statutes {
    /// Days between the convocation and the assembly, at least.
    pub notice_days: u32,
    /// Proxies one voting member may carry, at most.
    pub proxy_cap: u32,
    /// The share of the voting roll, present or represented, that makes
    /// the quorum of an ordinary assembly, in percent.
    pub ordinary_quorum_percent: u32,
    pub extraordinary_quorum_percent: u32,
    /// Whether abstentions count among the votes cast.
    pub abstentions_count: bool,
}

impl Default for Statutes {
    fn default() -> Self {
        Self {
            notice_days: 15,
            proxy_cap: 2,
            ordinary_quorum_percent: 25,
            extraordinary_quorum_percent: 50,
            abstentions_count: false,
        }
    }
}

impl Statutes {
    /// The last moment an assembly starting at `starts_at` may be convened.
    pub fn convene_by(&self, starts_at: Timestamp) -> Timestamp {
        Timestamp(starts_at.0 - i64::from(self.notice_days) * 24 * 3600)
    }

    /// Voting members present or represented that make the quorum of a
    /// roll of `voting` voting members, rounded up.
    pub fn quorum_needed(&self, kind: AssemblyKind, voting: i64) -> i64 {
        let percent = i64::from(match kind {
            AssemblyKind::Ordinary => self.ordinary_quorum_percent,
            AssemblyKind::Extraordinary => self.extraordinary_quorum_percent,
        });
        (voting * percent + 99) / 100
    }
}

/// The statutes' form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StatutesInput {
    pub notice_days: String,
    pub proxy_cap: String,
    pub ordinary_quorum_percent: String,
    pub extraordinary_quorum_percent: String,
    #[serde(default)]
    pub abstentions_count: Option<String>,
}

impl StatutesInput {
    pub fn of(statutes: &Statutes) -> Self {
        Self {
            notice_days: statutes.notice_days.to_string(),
            proxy_cap: statutes.proxy_cap.to_string(),
            ordinary_quorum_percent: statutes.ordinary_quorum_percent.to_string(),
            extraordinary_quorum_percent: statutes.extraordinary_quorum_percent.to_string(),
            abstentions_count: statutes.abstentions_count.then(|| "on".to_owned()),
        }
    }

    pub fn parse(&self) -> Result<Statutes, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let number = |errors: &mut Vec<ValidationError>, input: &str, max: u32, field| {
            keep(
                errors,
                input
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n <= max)
                    .ok_or(ValidationError::new(field, "error-statutes-number")),
            )
        };
        let notice_days = number(&mut errors, &self.notice_days, 365, "notice_days");
        let proxy_cap = number(&mut errors, &self.proxy_cap, 100, "proxy_cap");
        let ordinary = number(
            &mut errors,
            &self.ordinary_quorum_percent,
            100,
            "ordinary_quorum_percent",
        );
        let extraordinary = number(
            &mut errors,
            &self.extraordinary_quorum_percent,
            100,
            "extraordinary_quorum_percent",
        );
        match (notice_days, proxy_cap, ordinary, extraordinary) {
            (Some(notice_days), Some(proxy_cap), Some(ordinary), Some(extraordinary)) => {
                Ok(Statutes {
                    notice_days,
                    proxy_cap,
                    ordinary_quorum_percent: ordinary,
                    extraordinary_quorum_percent: extraordinary,
                    abstentions_count: self
                        .abstentions_count
                        .as_deref()
                        .is_some_and(|v| !v.is_empty()),
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssemblyFields {
    pub title: String,
    pub kind: AssemblyKind,
    pub starts_at: Timestamp,
    pub zone: Zone,
    pub place: String,
    /// The agenda's introduction and the documents' links, in Markdown.
    pub details: String,
}

/// How the quorum stood when the chair opened the assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quorum {
    /// Voting members on the roll.
    pub voting: i64,
    pub present: i64,
    pub represented: i64,
    pub needed: i64,
}

impl Quorum {
    pub fn reached(&self) -> bool {
        self.present + self.represented >= self.needed
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assembly {
    pub id: AssemblyId,
    pub fields: AssemblyFields,
    pub state: AssemblyState,
    pub convened_at: Option<Timestamp>,
    /// How many people the frozen roll holds, voting or not.
    pub roll_size: i64,
    pub opened_at: Option<Timestamp>,
    /// Recorded when the chair opens the assembly.
    pub quorum: Option<Quorum>,
    pub closed_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

impl Assembly {
    pub fn path(&self) -> String {
        format!("/assemblies/{}", self.id.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: ItemId,
    pub assembly: AssemblyId,
    /// 1 for the first item.
    pub position: i64,
    pub title: String,
    pub description: String,
    pub resolution: Option<Resolution>,
}

/// How someone on the roll attends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    InPerson,
    Online,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Online => "online",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input.trim() {
            "in_person" => Ok(Self::InPerson),
            "online" => Ok(Self::Online),
            _ => Err(ValidationError::new("presence", "error-presence")),
        }
    }
}

/// One person on an assembly's roll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollEntry {
    pub account: AccountId,
    pub name: String,
    /// The plan of the membership that put them on the roll; empty for the
    /// team, invited without being members.
    pub class: String,
    pub voting: bool,
    pub presence: Option<Presence>,
    /// Whom they gave their proxy to.
    pub proxy_to: Option<(AccountId, String)>,
    /// Whose proxies they carry.
    pub proxies_held: Vec<(AccountId, String)>,
}

/// An assembly's form, as typed: the day as `YYYY-MM-DD` and the time as
/// `HH:MM` on the assembly's clock.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AssemblyInput {
    pub title: String,
    pub kind: String,
    pub date: String,
    pub time: String,
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub details: String,
}

impl AssemblyInput {
    pub fn of(fields: &AssemblyFields) -> Self {
        Self {
            title: fields.title.clone(),
            kind: fields.kind.as_str().to_owned(),
            date: fields.zone.date(fields.starts_at).to_string(),
            time: crate::events::event::clock_of(&fields.zone, fields.starts_at),
            time_zone: fields.zone.as_str().to_owned(),
            place: fields.place.clone(),
            details: fields.details.clone(),
        }
    }

    pub fn parse(&self) -> Result<AssemblyFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let title = keep(
            &mut errors,
            label(
                &self.title,
                2,
                140,
                ValidationError::new("title", "error-assembly-title"),
            ),
        );
        let kind = keep(&mut errors, AssemblyKind::parse(&self.kind));
        let zone_input = if self.time_zone.trim().is_empty() {
            DEFAULT_ZONE
        } else {
            &self.time_zone
        };
        let zone = keep(&mut errors, Zone::parse(zone_input));
        let date = keep(
            &mut errors,
            Date::parse(&self.date).map_err(|_| ValidationError::new("date", "error-event-date")),
        );
        let time: Option<civil::Time> = keep(&mut errors, clock_time(&self.time, "time"));
        let starts_at = match (&zone, date, time) {
            (Some(zone), Some(date), Some(time)) => {
                let instant = zone.instant(date, time);
                if instant.is_none() {
                    errors.push(ValidationError::new("date", "error-event-date"));
                }
                instant
            }
            _ => None,
        };
        let place = keep(
            &mut errors,
            crate::register::people::text(&self.place, 300, "place"),
        );
        let details = keep(
            &mut errors,
            crate::register::people::text(&self.details, 20_000, "details"),
        );
        match (title, kind, zone, starts_at, place, details) {
            (Some(title), Some(kind), Some(zone), Some(starts_at), Some(place), Some(details))
                if errors.is_empty() =>
            {
                Ok(AssemblyFields {
                    title,
                    kind,
                    starts_at,
                    zone,
                    place,
                    details,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An agenda item's form; the resolution fields count when `resolution`
/// is checked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ItemInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub majority: String,
    #[serde(default)]
    pub ballot: String,
    /// A written consultation's first and last days, on the assembly's
    /// clock; empty for a vote the chair opens and closes.
    #[serde(default)]
    pub opens_date: String,
    #[serde(default)]
    pub closes_date: String,
}

/// An agenda item as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFields {
    pub title: String,
    pub description: String,
    pub resolution: Option<Resolution>,
}

impl ItemInput {
    /// The item's form as it was saved, a consultation's days on the
    /// assembly's clock.
    pub fn of(item: &AgendaItem, zone: &Zone) -> Self {
        let resolution = item.resolution.as_ref();
        Self {
            title: item.title.clone(),
            description: item.description.clone(),
            resolution: resolution.map(|_| "on".to_owned()),
            text: resolution.map(|r| r.text.clone()).unwrap_or_default(),
            majority: resolution
                .map_or(MajorityRule::Simple, |r| r.majority)
                .as_str()
                .to_owned(),
            ballot: resolution
                .map_or(crate::governance::ballot::BallotKind::Open, |r| r.ballot)
                .as_str()
                .to_owned(),
            opens_date: resolution
                .and_then(|r| r.opens_at)
                .map(|opens| zone.date(opens).to_string())
                .unwrap_or_default(),
            // The form's last day is the one before the closing midnight.
            closes_date: resolution
                .and_then(|r| r.closes_at)
                .map(|closes| zone.date(closes).plus_days(-1).to_string())
                .unwrap_or_default(),
        }
    }

    pub fn parse(&self, zone: &Zone) -> Result<ItemFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let title = keep(
            &mut errors,
            label(
                &self.title,
                2,
                200,
                ValidationError::new("title", "error-item-title"),
            ),
        );
        let description = keep(
            &mut errors,
            crate::register::people::text(&self.description, 20_000, "description"),
        );
        let wants_resolution = self.resolution.as_deref().is_some_and(|v| !v.is_empty());
        let resolution = if wants_resolution {
            let text = keep(
                &mut errors,
                label(
                    &self.text,
                    2,
                    5_000,
                    ValidationError::new("text", "error-resolution-text"),
                ),
            );
            let majority = keep(&mut errors, MajorityRule::parse(&self.majority));
            let ballot = keep(
                &mut errors,
                crate::governance::ballot::BallotKind::parse(&self.ballot),
            );
            let day = |errors: &mut Vec<ValidationError>, input: &str, field, end: bool| {
                if input.trim().is_empty() {
                    return None;
                }
                let date = keep(
                    errors,
                    Date::parse(input).map_err(|_| ValidationError::new(field, "error-event-date")),
                )?;
                let date = if end { date.plus_days(1) } else { date };
                zone.instant(date, civil::Time::midnight())
            };
            let opens_at = day(&mut errors, &self.opens_date, "opens_date", false);
            let closes_at = day(&mut errors, &self.closes_date, "closes_date", true);
            if let (Some(opens), Some(closes)) = (opens_at, closes_at)
                && closes <= opens
            {
                errors.push(ValidationError::new(
                    "closes_date",
                    "error-event-closes-before",
                ));
            }
            if opens_at.is_some() != closes_at.is_some() {
                errors.push(ValidationError::new(
                    "closes_date",
                    "error-consultation-window",
                ));
            }
            match (text, majority, ballot) {
                (Some(text), Some(majority), Some(ballot)) => Some(Resolution {
                    text,
                    majority,
                    ballot,
                    opens_at,
                    closes_at,
                    opened_at: None,
                    closed: None,
                }),
                _ => None,
            }
        } else {
            None
        };
        match (title, description) {
            (Some(title), Some(description)) if errors.is_empty() => Ok(ItemFields {
                title,
                description,
                resolution,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quorum_is_a_share_of_the_voting_roll_rounded_up() {
        let statutes = Statutes::default();
        assert_eq!(statutes.quorum_needed(AssemblyKind::Ordinary, 100), 25);
        assert_eq!(statutes.quorum_needed(AssemblyKind::Ordinary, 101), 26);
        assert_eq!(statutes.quorum_needed(AssemblyKind::Extraordinary, 3), 2);
        assert_eq!(statutes.quorum_needed(AssemblyKind::Ordinary, 0), 0);
        let quorum = Quorum {
            voting: 101,
            present: 20,
            represented: 6,
            needed: 26,
        };
        assert!(quorum.reached());
        assert!(
            !Quorum {
                represented: 5,
                ..quorum
            }
            .reached()
        );
    }

    #[test]
    fn the_convocation_is_due_the_notice_period_before() {
        let statutes = Statutes {
            notice_days: 15,
            ..Statutes::default()
        };
        assert_eq!(
            statutes.convene_by(Timestamp(20 * 86_400)),
            Timestamp(5 * 86_400)
        );
    }

    #[test]
    fn an_item_form_gives_back_the_days_it_was_saved_with() {
        let zone = Zone::parse("Europe/Paris").unwrap();
        let input = ItemInput {
            title: "Budget 2027".into(),
            description: "Le budget prévisionnel.".into(),
            resolution: Some("on".into()),
            text: "L'assemblée adopte le budget.".into(),
            majority: "two_thirds".into(),
            ballot: "secret".into(),
            opens_date: "2027-03-01".into(),
            closes_date: "2027-03-15".into(),
        };
        let fields = input.parse(&zone).unwrap();
        let item = AgendaItem {
            id: ItemId(1),
            assembly: AssemblyId(1),
            position: 1,
            title: fields.title,
            description: fields.description,
            resolution: fields.resolution,
        };
        let again = ItemInput::of(&item, &zone);
        assert_eq!(
            (again.opens_date.as_str(), again.closes_date.as_str()),
            ("2027-03-01", "2027-03-15")
        );
        assert_eq!(
            (again.majority.as_str(), again.ballot.as_str()),
            ("two_thirds", "secret")
        );
        assert_eq!(again.parse(&zone).unwrap().resolution, item.resolution);
    }

    #[test]
    fn an_assembly_form_reads_its_clock_in_its_zone() {
        let fields = AssemblyInput {
            title: "Assemblée générale 2027".into(),
            kind: "ordinary".into(),
            date: "2027-03-20".into(),
            time: "14:00".into(),
            time_zone: String::new(),
            place: "Nantes".into(),
            details: String::new(),
        }
        .parse()
        .unwrap();
        // 14:00 in Paris in March, before the change of clocks, is 13:00 UTC.
        assert_eq!(fields.starts_at.in_utc().hour(), 13);
        assert_eq!(AssemblyInput::of(&fields).time, "14:00");
        let errors = AssemblyInput {
            kind: "annual".into(),
            ..AssemblyInput::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "kind", "date", "time"]);
    }
}
