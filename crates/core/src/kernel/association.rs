//! The association an instance serves: its name, language and colour.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::kernel::validation::{ValidationError, label};

/// What the setup page records about the association.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Association {
    pub name: AssociationName,
    pub default_language: Language,
    pub theme_colour: ThemeColour,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociationName(String);

impl AssociationName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        label(
            input,
            1,
            120,
            ValidationError::new("name", "error-association-name"),
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The languages every page, email and message exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "fr" => Ok(Self::Fr),
            "en" => Ok(Self::En),
            _ => Err(ValidationError::new("language", "error-language")),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// The first supported language of an `Accept-Language` header, honouring
    /// its quality values.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, Self)> = accept_language
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let primary = tag.split('-').next()?;
                let language = Self::parse(primary).ok()?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0).then_some((quality, language))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, language)| *language)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A colour written `#rrggbb`, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeColour(String);

impl ThemeColour {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let trimmed = input.trim();
        let valid = trimmed.len() == 7
            && trimmed.starts_with('#')
            && trimmed[1..].chars().all(|c| c.is_ascii_hexdigit());
        if valid {
            Ok(Self(trimmed.to_ascii_lowercase()))
        } else {
            Err(ValidationError::new("theme_colour", "error-theme-colour"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for ThemeColour {
    /// The green of seed 003's profile card.
    fn default() -> Self {
        Self("#009e89".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_negotiation(header: &str, expected: Option<Language>) {
        assert_eq!(Language::negotiate(header), expected, "{header}");
    }

    #[test]
    fn negotiates_accept_language() {
        check_negotiation("fr-FR,fr;q=0.9,en;q=0.8", Some(Language::Fr));
        check_negotiation("de-DE,en-GB;q=0.7,fr;q=0.5", Some(Language::En));
        check_negotiation("en;q=0.2, fr;q=0.9", Some(Language::Fr));
        check_negotiation("de, it", None);
        check_negotiation("fr;q=0, en;q=0.1", Some(Language::En));
        check_negotiation("", None);
    }

    fn check_colour(input: &str, expected: Option<&str>) {
        assert_eq!(
            ThemeColour::parse(input)
                .ok()
                .map(|c| c.as_str().to_owned())
                .as_deref(),
            expected
        );
    }

    #[test]
    fn parses_theme_colours() {
        check_colour("#009E89", Some("#009e89"));
        check_colour(" #abcdef ", Some("#abcdef"));
        check_colour("009e89", None);
        check_colour("#12345", None);
        check_colour("#gggggg", None);
        check_colour("#ééé", None);
    }
}
