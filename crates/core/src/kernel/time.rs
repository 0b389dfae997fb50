//! Points in time, as whole seconds since the Unix epoch in UTC.
//!
//! Both databases store them as a 64-bit integer, so the same SQL compares
//! them on either backend.

use std::time::Duration;

use jiff::civil;
use jiff::tz::TimeZone;

use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Self {
        Self(jiff::Timestamp::now().as_second())
    }

    pub fn plus(self, duration: Duration) -> Self {
        let seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
        Self(self.0.saturating_add(seconds))
    }

    /// This moment on the UTC calendar and clock, kept within the years the
    /// calendar holds.
    pub fn in_utc(self) -> civil::DateTime {
        let seconds = self.0.clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        );
        jiff::Timestamp::from_second(seconds)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(TimeZone::UTC)
            .datetime()
    }

    /// The calendar date and time in UTC: `(year, month, day, hour, minute)`.
    pub fn to_civil(self) -> (i64, u32, u32, u32, u32) {
        let at = self.in_utc();
        let unsigned = |n: i8| u32::try_from(n).unwrap_or(0);
        (
            i64::from(at.year()),
            unsigned(at.month()),
            unsigned(at.day()),
            unsigned(at.hour()),
            unsigned(at.minute()),
        )
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
