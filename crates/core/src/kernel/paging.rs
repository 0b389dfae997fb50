//! Paged lists: which page a reader asks for.

use crate::kernel::validation::ValidationError;

/// A page of a paged list, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageNumber(u32);

impl PageNumber {
    pub const FIRST: Self = Self(1);

    /// Empty means the first page; beyond a million pages nobody reads.
    pub fn parse(field: &'static str, input: &str) -> Result<Self, ValidationError> {
        match input.trim() {
            "" => Ok(Self::FIRST),
            number => number
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=1_000_000).contains(n))
                .map(Self)
                .ok_or(ValidationError::new(field, "error-page")),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// How many rows come before this page.
    pub fn offset(self, size: u32) -> u64 {
        u64::from(self.0 - 1) * u64::from(size)
    }

    /// How many pages `total` rows fill, one at least so that an empty list
    /// reads "page 1 of 1".
    pub fn count(total: u64, size: u32) -> u32 {
        u32::try_from(total.div_ceil(u64::from(size)))
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_count_from_one() {
        assert_eq!(PageNumber::parse("page", "").unwrap(), PageNumber::FIRST);
        assert_eq!(PageNumber::parse("page", " 3 ").unwrap().offset(20), 40);
        for bad in ["0", "-1", "x", "1.5", "1000001"] {
            assert!(PageNumber::parse("page", bad).is_err(), "{bad}");
        }
        assert_eq!(PageNumber::count(0, 20), 1);
        assert_eq!(PageNumber::count(20, 20), 1);
        assert_eq!(PageNumber::count(21, 20), 2);
    }
}
