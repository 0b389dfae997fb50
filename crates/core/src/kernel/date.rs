//! Calendar dates and amounts of money: the dated facts dues are made of.
//!
//! Money is an integer count of minor units (cents), never a float.

use std::fmt;

use jiff::{Span, civil};
use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::validation::ValidationError;

/// A day of the proleptic Gregorian calendar, stored as `YYYY-MM-DD` so
/// that text order is date order on both databases. The calendar itself is
/// `jiff`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(civil::Date);

impl Date {
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        let year = i16::try_from(year).ok()?;
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        civil::Date::new(year, month, day).ok().map(Self)
    }

    /// `2026-03-01`, or the French `01/03/2026` that Galette and HelloAsso
    /// exports use.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let invalid = ValidationError::new("date", "error-date");
        let input = input.trim();
        let numbers = |parts: Vec<&str>| -> Option<Vec<i64>> {
            parts
                .iter()
                .map(|p| {
                    p.parse::<i64>()
                        .ok()
                        .filter(|_| !p.is_empty() && p.len() <= 4)
                })
                .collect()
        };
        let (year, month, day) = if input.contains('-') {
            match numbers(input.split('-').collect()).as_deref() {
                Some([y, m, d]) if input.len() == 10 => (*y, *m, *d),
                _ => return Err(invalid),
            }
        } else {
            match numbers(input.split('/').collect()).as_deref() {
                Some([d, m, y]) if *y >= 1000 => (*y, *m, *d),
                _ => return Err(invalid),
            }
        };
        let month = u32::try_from(month).map_err(|_| invalid.clone())?;
        let day = u32::try_from(day).map_err(|_| invalid.clone())?;
        Self::from_ymd(year, month, day).ok_or(invalid)
    }

    /// The day of jiff's civil calendar, for the areas that read a moment on
    /// another clock than UTC's.
    pub(crate) fn from_civil(date: civil::Date) -> Self {
        Self(date)
    }

    pub(crate) fn civil(self) -> civil::Date {
        self.0
    }

    /// The day, in UTC, that `moment` falls on.
    pub fn of(moment: crate::kernel::time::Timestamp) -> Self {
        Self(moment.in_utc().date())
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        (
            i64::from(self.0.year()),
            u32::try_from(self.0.month()).unwrap_or(1),
            u32::try_from(self.0.day()).unwrap_or(1),
        )
    }

    pub fn year(self) -> i64 {
        i64::from(self.0.year())
    }

    /// Days since the Monday of its week: 0 on a Monday, 6 on a Sunday.
    pub fn days_from_monday(self) -> i64 {
        i64::from(self.0.weekday().to_monday_zero_offset())
    }

    /// The day `days` later (earlier when negative), kept within the years
    /// the calendar holds.
    pub fn plus_days(self, days: i64) -> Self {
        let days = days.clamp(-MAX_DAYS, MAX_DAYS);
        Self(
            self.0
                .checked_add(Span::new().days(days))
                .unwrap_or(if days < 0 {
                    civil::Date::MIN
                } else {
                    civil::Date::MAX
                }),
        )
    }

    /// The same day `months` later, clamped to the end of shorter months.
    pub fn plus_months(self, months: u32) -> Self {
        let months = i64::from(months).min(MAX_MONTHS);
        Self(
            self.0
                .checked_add(Span::new().months(months))
                .unwrap_or(civil::Date::MAX),
        )
    }

    pub fn days_until(self, later: Date) -> i64 {
        later
            .0
            .since(self.0)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// `1 mars 2026` or `1 March 2026`.
    pub fn long(self, language: Language) -> String {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let (year, month, day) = self.ymd();
        let names = match language {
            Language::Fr => FR,
            Language::En => EN,
        };
        let month = names[usize::try_from(month - 1).unwrap_or(0)];
        match (language, day) {
            (Language::Fr, 1) => format!("1er {month} {year}"),
            _ => format!("{day} {month} {year}"),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl TryFrom<String> for Date {
    type Error = ValidationError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Date> for String {
    fn from(value: Date) -> Self {
        value.to_string()
    }
}

/// The most days a span may count across the calendar's ten thousand
/// years, so that day arithmetic never overflows.
const MAX_DAYS: i64 = 7_000_000;
const MAX_MONTHS: i64 = 200_000;

/// A currency, as its ISO 4217 code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Currency(String);

impl Currency {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(ValidationError::new("currency", "error-currency"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An amount in minor units (cents): `12,50` is 1250.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Amount(pub i64);

impl Amount {
    /// `12`, `12.5`, `12,50`, `1 200,00`: at most two decimals, never negative.
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let invalid = ValidationError::new("amount", "error-amount");
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        let (units, cents) = match cleaned.split_once([',', '.']) {
            Some((units, cents)) => (units, cents),
            None => (cleaned.as_str(), ""),
        };
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(units)
            || cents.len() > 2
            || (!cents.is_empty() && !digits(cents))
            || units.len() > 12
        {
            return Err(invalid);
        }
        let units: i64 = units.parse().map_err(|_| invalid.clone())?;
        let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| invalid)?;
        Ok(Self(units * 100 + cents))
    }

    /// `1200.50`: the form a form field is filled with.
    pub fn plain(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// `1 200,50` in French, `1,200.50` in English.
    pub fn format(self, language: Language) -> String {
        let units = self.0 / 100;
        let cents = self.0 % 100;
        let digits = units.to_string();
        let (group, decimal) = match language {
            Language::Fr => ('\u{202f}', ','),
            Language::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(c);
        }
        format!("{grouped}{decimal}{cents:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_date(input: &str, expected: Option<&str>) {
        assert_eq!(
            Date::parse(input).ok().map(|d| d.to_string()).as_deref(),
            expected,
            "{input:?}"
        );
    }

    #[test]
    fn parses_iso_and_french_dates() {
        check_date("2026-03-01", Some("2026-03-01"));
        check_date("01/03/2026", Some("2026-03-01"));
        check_date("1/3/2026", Some("2026-03-01"));
        check_date(" 29/02/2024 ", Some("2024-02-29"));
        check_date("29/02/2025", None);
        check_date("2026-13-01", None);
        check_date("2026-3-1", None);
        check_date("03/01/26", None);
        check_date("hier", None);
        check_date("", None);
    }

    #[test]
    fn adds_months_clamping_to_month_ends() {
        let date = |s| Date::parse(s).unwrap();
        assert_eq!(date("2026-01-31").plus_months(1).to_string(), "2026-02-28");
        assert_eq!(date("2026-03-01").plus_months(12).to_string(), "2027-03-01");
        assert_eq!(date("2026-11-15").plus_months(2).to_string(), "2027-01-15");
        assert_eq!(date("2026-03-01").plus_days(-1).to_string(), "2026-02-28");
        assert_eq!(date("2026-01-01").days_until(date("2027-01-01")), 365);
        assert_eq!(date("2024-01-31").plus_months(1).to_string(), "2024-02-29");
        assert_eq!(date("2027-01-01").days_until(date("2026-01-01")), -365);
        assert_eq!(date("2026-01-01").days_until(date("2026-01-01")), 0);
    }

    #[test]
    fn stays_within_the_calendar_at_its_edges() {
        let date = |s| Date::parse(s).unwrap();
        assert_eq!(date("9999-12-01").plus_months(1).to_string(), "9999-12-31");
        assert_eq!(
            date("2026-01-01").plus_days(i64::MAX).to_string(),
            "9999-12-31"
        );
        assert_eq!(date("2026-01-01").plus_days(i64::MIN).year(), -9999);
        assert_eq!(Date::from_ymd(0, 1, 1), None);
        assert_eq!(Date::from_ymd(2026, 2, 29), None);
        assert_eq!(
            Date::of(crate::kernel::time::Timestamp(-1)).to_string(),
            "1969-12-31"
        );
        assert_eq!(
            Date::of(crate::kernel::time::Timestamp(i64::MAX)).year(),
            9999,
            "the last moment the calendar holds"
        );
    }

    #[test]
    fn writes_dates_in_words() {
        let date = Date::parse("2026-03-01").unwrap();
        assert_eq!(date.long(Language::Fr), "1er mars 2026");
        assert_eq!(date.long(Language::En), "1 March 2026");
        assert_eq!(
            Date::parse("2026-08-15").unwrap().long(Language::Fr),
            "15 août 2026"
        );
    }

    fn check_amount(input: &str, expected: Option<i64>) {
        assert_eq!(
            Amount::parse(input).ok().map(|a| a.0),
            expected,
            "{input:?}"
        );
    }

    #[test]
    fn parses_amounts_without_floats() {
        check_amount("12", Some(1200));
        check_amount("12,5", Some(1250));
        check_amount("12.05", Some(1205));
        check_amount("1 200,00", Some(120_000));
        check_amount("0", Some(0));
        check_amount("12,345", None);
        check_amount("-5", None);
        check_amount("1e3", None);
        check_amount(",50", None);
        check_amount("", None);
    }

    #[test]
    fn formats_amounts_per_language() {
        assert_eq!(Amount(120_050).format(Language::Fr), "1\u{202f}200,50");
        assert_eq!(Amount(120_050).format(Language::En), "1,200.50");
        assert_eq!(Amount(5).format(Language::En), "0.05");
    }
}
