//! Series of events: an RFC 5545 rule repeating an event from its start,
//! expanded by the `rrule` crate on the event's own clock, so that a weekly
//! meeting at 18:30 in Paris stays at 18:30 across a change of clocks.
//!
//! Every rule must end: by `UNTIL` or `COUNT`, within five years of its
//! start and [`MAX_OCCURRENCES`] occurrences, so that no series ever needs
//! an unbounded expansion.

use rrule::RRuleSet;

use crate::events::event::Zone;
use crate::kernel::date::Date;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::ValidationError;

/// The most occurrences a series holds: a daily meeting for five years.
pub const MAX_OCCURRENCES: usize = 5 * 366;

/// How far after its start a series may run.
const MAX_SPAN_SECONDS: i64 = 5 * 366 * 24 * 3600;

/// A rule, as the `RRULE` property's value (`FREQ=WEEKLY;INTERVAL=2;…`),
/// known to end within the bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence(String);

impl Recurrence {
    /// Checks `rule` against the series' first start on `zone`'s clock.
    pub fn parse(rule: &str, start: Timestamp, zone: &Zone) -> Result<Self, ValidationError> {
        let rule = rule
            .trim()
            .trim_start_matches("RRULE:")
            .to_ascii_uppercase();
        let refused = || ValidationError::new("rule", "error-event-rule");
        if rule.is_empty() || rule.len() > 300 || rule.contains(['\n', '\r', ':']) {
            return Err(refused());
        }
        let candidate = Self(rule);
        let set = candidate.set(start, zone).ok_or_else(refused)?;
        // The event's start is the series' first occurrence: calendars
        // differ on a start the rule skips, so none is accepted.
        if (&set).into_iter().next().map(|at| at.timestamp()) != Some(start.0) {
            return Err(ValidationError::new("rule", "error-event-rule-start"));
        }
        let mut count = 0;
        for occurrence in &set {
            count += 1;
            if count > MAX_OCCURRENCES || occurrence.timestamp() - start.0 > MAX_SPAN_SECONDS {
                return Err(ValidationError::new("rule", "error-event-rule-unbounded"));
            }
        }
        Ok(candidate)
    }

    /// The same rule ending just before `before`: the occurrences it gave
    /// earlier, and none from `before` on, which is where a series is cut
    /// when its organisers change "this and the following" occurrences.
    pub fn ending_before(&self, before: Timestamp) -> Self {
        let kept: Vec<&str> = self
            .0
            .split(';')
            .filter(|part| !(part.starts_with("UNTIL=") || part.starts_with("COUNT=")))
            .collect();
        let until = crate::events::calendar::utc(Timestamp(before.0 - 1));
        Self(format!("{};UNTIL={until}", kept.join(";")))
    }

    /// A rule the store kept, which passed [`Recurrence::parse`] when saved.
    pub fn from_stored(rule: String) -> Self {
        Self(rule)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Every start the rule gives, the first being `start` itself, in order.
    pub fn starts(&self, start: Timestamp, zone: &Zone) -> Vec<Timestamp> {
        self.set(start, zone).map_or_else(
            || vec![start],
            |set| {
                (&set)
                    .into_iter()
                    .take(MAX_OCCURRENCES)
                    .map(|at| Timestamp(at.timestamp()))
                    .collect()
            },
        )
    }

    fn set(&self, start: Timestamp, zone: &Zone) -> Option<RRuleSet> {
        format!(
            "DTSTART;TZID={}:{}\nRRULE:{}",
            zone.as_str(),
            zone.ical(start),
            self.0
        )
        .parse::<RRuleSet>()
        .ok()
        .filter(|set| set.get_rrule().len() == 1)
    }
}

/// How the event form asks for a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Weekly,
    EveryTwoWeeks,
    /// On the same weekday of the month as the first, such as the second
    /// Tuesday.
    MonthlyOnWeekday,
}

impl Repeat {
    pub const ALL: [Self; 3] = [Self::Weekly, Self::EveryTwoWeeks, Self::MonthlyOnWeekday];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::EveryTwoWeeks => "every_two_weeks",
            Self::MonthlyOnWeekday => "monthly_on_weekday",
        }
    }

    /// The rule's frequency for a series starting on `first`.
    fn rule(self, first: Date) -> String {
        match self {
            Self::Weekly => "FREQ=WEEKLY".to_owned(),
            Self::EveryTwoWeeks => "FREQ=WEEKLY;INTERVAL=2".to_owned(),
            Self::MonthlyOnWeekday => {
                const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
                let (_, _, day) = first.ymd();
                let nth = (day - 1) / 7 + 1;
                let weekday = DAYS[usize::try_from(first.days_from_monday()).unwrap_or(0)];
                format!("FREQ=MONTHLY;BYDAY={nth}{weekday}")
            }
        }
    }
}

/// The series part of the event form: a preset or a rule written out, and
/// when it ends, by a last day or a number of occurrences.
#[derive(Debug, Clone, Copy)]
pub struct SeriesInput<'a> {
    pub repeat: &'a str,
    pub rule: &'a str,
    pub until: &'a str,
    pub count: &'a str,
}

impl SeriesInput<'_> {
    /// The series the form asks for, none for a single event.
    pub fn parse(
        &self,
        start: Timestamp,
        zone: &Zone,
    ) -> Result<Option<Recurrence>, ValidationError> {
        let base = match self.repeat.trim() {
            "" | "none" => return Ok(None),
            "rule" => self.rule.trim().to_owned(),
            preset => Repeat::ALL
                .into_iter()
                .find(|r| r.as_str() == preset)
                .ok_or(ValidationError::new("repeat", "error-event-repeat"))?
                .rule(zone.date(start)),
        };
        let mut rule = base;
        let has_end = |rule: &str| {
            rule.to_ascii_uppercase()
                .split(';')
                .any(|part| part.starts_with("UNTIL=") || part.starts_with("COUNT="))
        };
        match (self.until.trim(), self.count.trim()) {
            ("", "") => {}
            (until, "") => {
                let last = Date::parse(until)
                    .map_err(|_| ValidationError::new("repeat_until", "error-event-date"))?;
                // The series runs to the end of its last day on its own clock,
                // written in UTC as RFC 5545 asks when DTSTART has a zone.
                let end = zone
                    .instant(last.plus_days(1), jiff::civil::Time::midnight())
                    .ok_or(ValidationError::new("repeat_until", "error-event-date"))?;
                let utc = crate::events::calendar::utc(Timestamp(end.0 - 1));
                rule = format!("{rule};UNTIL={utc}");
            }
            ("", count) => {
                let count: u32 = count
                    .parse()
                    .ok()
                    .filter(|n| {
                        (1..=u32::try_from(MAX_OCCURRENCES).unwrap_or(u32::MAX)).contains(n)
                    })
                    .ok_or(ValidationError::new("repeat_count", "error-event-count"))?;
                rule = format!("{rule};COUNT={count}");
            }
            _ => {
                return Err(ValidationError::new(
                    "repeat_count",
                    "error-event-repeat-end",
                ));
            }
        }
        if !has_end(&rule) {
            return Err(ValidationError::new(
                "repeat_until",
                "error-event-rule-unbounded",
            ));
        }
        Recurrence::parse(&rule, start, zone).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> Zone {
        Zone::parse("Europe/Paris").unwrap()
    }

    /// Tuesday 8 December 2026 at 18:30 in Paris.
    fn start() -> Timestamp {
        paris()
            .instant(
                Date::parse("2026-12-08").unwrap(),
                jiff::civil::Time::constant(18, 30, 0, 0),
            )
            .unwrap()
    }

    fn local_days(starts: &[Timestamp]) -> Vec<String> {
        starts
            .iter()
            .map(|at| paris().local(*at).strftime("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    fn series(
        repeat: &str,
        until: &str,
        count: &str,
    ) -> Result<Option<Recurrence>, ValidationError> {
        SeriesInput {
            repeat,
            rule: "",
            until,
            count,
        }
        .parse(start(), &paris())
    }

    #[test]
    fn a_weekly_meeting_keeps_its_hour_across_the_change_of_clocks() {
        let rule = series("weekly", "", "20").unwrap().unwrap();
        assert_eq!(rule.as_str(), "FREQ=WEEKLY;COUNT=20");
        let starts = rule.starts(start(), &paris());
        assert_eq!(starts.len(), 20);
        let days = local_days(&starts);
        assert_eq!(days[0], "2026-12-08 18:30");
        assert_eq!(days[1], "2026-12-15 18:30");
        // Summer time begins on 28 March 2027: still 18:30 in Paris.
        assert_eq!(days[17], "2027-04-06 18:30");
        assert_eq!(starts[16].0 - starts[15].0, 7 * 24 * 3600 - 3600);
    }

    #[test]
    fn every_two_weeks_and_the_second_tuesday_until_a_day() {
        let fortnight = series("every_two_weeks", "2027-01-31", "")
            .unwrap()
            .unwrap();
        assert_eq!(
            local_days(&fortnight.starts(start(), &paris())),
            [
                "2026-12-08 18:30",
                "2026-12-22 18:30",
                "2027-01-05 18:30",
                "2027-01-19 18:30"
            ]
        );
        assert!(
            fortnight.as_str().ends_with("UNTIL=20270131T225959Z"),
            "{}",
            fortnight.as_str()
        );
        let monthly = series("monthly_on_weekday", "", "3").unwrap().unwrap();
        assert_eq!(monthly.as_str(), "FREQ=MONTHLY;BYDAY=2TU;COUNT=3");
        assert_eq!(
            local_days(&monthly.starts(start(), &paris())),
            ["2026-12-08 18:30", "2027-01-12 18:30", "2027-02-09 18:30"]
        );
    }

    #[test]
    fn refuses_rules_that_do_not_end_or_run_too_long() {
        let field = |result: Result<Option<Recurrence>, ValidationError>| {
            result.expect_err("refused").message
        };
        assert_eq!(
            field(series("weekly", "", "")),
            "error-event-rule-unbounded"
        );
        assert_eq!(
            field(series("weekly", "2040-01-01", "")),
            "error-event-rule-unbounded"
        );
        assert_eq!(
            field(series("weekly", "2027-01-01", "3")),
            "error-event-repeat-end"
        );
        assert_eq!(field(series("hourly", "", "3")), "error-event-repeat");
        let daily = SeriesInput {
            repeat: "rule",
            rule: "FREQ=DAILY",
            until: "",
            count: "",
        };
        assert_eq!(
            field(daily.parse(start(), &paris())),
            "error-event-rule-unbounded"
        );
        let injected = SeriesInput {
            repeat: "rule",
            rule: "FREQ=DAILY;COUNT=2\nRRULE:FREQ=SECONDLY",
            until: "",
            count: "",
        };
        assert_eq!(field(injected.parse(start(), &paris())), "error-event-rule");
        assert_eq!(series("", "", "").unwrap(), None);
        let written = |rule| SeriesInput {
            repeat: "rule",
            rule,
            until: "",
            count: "",
        };
        let on_the_8th = written("freq=monthly;bymonthday=8;count=4").parse(start(), &paris());
        assert_eq!(
            on_the_8th.unwrap().unwrap().starts(start(), &paris()).len(),
            4
        );
        assert_eq!(
            field(written("FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4").parse(start(), &paris())),
            "error-event-rule-start",
            "the start must be the first occurrence"
        );
    }
}
