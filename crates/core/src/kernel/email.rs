//! Email addresses, as every area receives and writes them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::kernel::validation::ValidationError;

/// An email address, trimmed and lower-cased so that one inbox is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let invalid = ValidationError::new("email", "error-email");
        let normalised = input.trim().to_lowercase();
        let (local, domain) = normalised.split_once('@').ok_or(invalid.clone())?;
        let well_formed = !local.is_empty()
            && local.len() <= 64
            && normalised.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@')
            && !normalised.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';')
            });
        if well_formed {
            Ok(Self(normalised))
        } else {
            Err(invalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ValidationError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_email(input: &str, expected: Option<&str>) {
        let parsed = EmailAddress::parse(input).ok();
        assert_eq!(
            parsed.as_ref().map(EmailAddress::as_str),
            expected,
            "{input:?}"
        );
    }

    #[test]
    fn normalises_and_refuses_emails() {
        check_email(
            "  Cecile.Durandin@ADNOuest.fr ",
            Some("cecile.durandin@adnouest.fr"),
        );
        check_email("a@b.co", Some("a@b.co"));
        check_email("no-at-sign.fr", None);
        check_email("two@@signs.fr", None);
        check_email("a@b@c.fr", None);
        check_email("@nolocal.fr", None);
        check_email("nodot@localhost", None);
        check_email("spaces in@side.fr", None);
        check_email("a@.leading.fr", None);
        check_email("a@double..dot.fr", None);
        check_email("<script>@x.fr", None);
        check_email(&format!("{}@x.fr", "a".repeat(65)), None);
    }
}
