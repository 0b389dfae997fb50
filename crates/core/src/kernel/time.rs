//! Points in time, as whole seconds since the Unix epoch in UTC.
//!
//! Both databases store them as a 64-bit integer, so the same SQL compares
//! them on either backend.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Self(i64::try_from(seconds).unwrap_or(i64::MAX))
    }

    pub fn plus(self, duration: Duration) -> Self {
        let seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
        Self(self.0.saturating_add(seconds))
    }

    /// The calendar date and time in UTC: `(year, month, day, hour, minute)`.
    pub fn to_civil(self) -> (i64, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let seconds_of_day = self.0.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let hour = u32::try_from(seconds_of_day / 3600).unwrap_or(0);
        let minute = u32::try_from(seconds_of_day % 3600 / 60).unwrap_or(0);
        (year, month, day, hour, minute)
    }

    /// `2026-11-23 14:05 UTC`, the form used in logs, exports and the audit log.
    pub fn to_iso_minutes(self) -> String {
        let (year, month, day, hour, minute) = self.to_civil();
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
    }

    /// `23 novembre 2026 à 14:45 UTC` or `23 November 2026 at 14:45 UTC`:
    /// the form pages show people, in their language.
    pub fn long(self, language: Language) -> String {
        let (year, month, day, hour, minute) = self.to_civil();
        let date = Date::from_ymd(year, month, day).map_or_else(
            || format!("{year:04}-{month:02}-{day:02}"),
            |date| date.long(language),
        );
        let at = match language {
            Language::Fr => "à",
            Language::En => "at",
        };
        format!("{date} {at} {hour:02}:{minute:02} UTC")
    }
}

/// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day
/// count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * month_index + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    })
    .unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(seconds: i64, expected: &str) {
        assert_eq!(Timestamp(seconds).to_iso_minutes(), expected);
    }

    #[test]
    fn formats_dates_across_eras() {
        check(0, "1970-01-01 00:00 UTC");
        check(951_782_400, "2000-02-29 00:00 UTC");
        check(1_795_445_100, "2026-11-23 14:45 UTC");
        check(-86_400, "1969-12-31 00:00 UTC");
    }

    #[test]
    fn writes_moments_in_words_per_language() {
        let moment = Timestamp(1_795_445_100);
        assert_eq!(moment.long(Language::Fr), "23 novembre 2026 à 14:45 UTC");
        assert_eq!(moment.long(Language::En), "23 November 2026 at 14:45 UTC");
        assert_eq!(
            Timestamp(1_772_323_200).long(Language::Fr),
            "1er mars 2026 à 00:00 UTC"
        );
    }
}
