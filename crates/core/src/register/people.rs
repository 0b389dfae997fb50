//! The register: people's profiles, member organisations and who is
//! affiliated to which.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::accounts::account::{AccountId, DisplayName, Role};
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrganisationId(pub i64);

impl fmt::Display for OrganisationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The kinds of member organisations seeds 001 and 002 list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationCategory {
    Company,
    PublicBody,
    ResearchUnit,
    Association,
    InternationalOrganisation,
    Other,
}

impl OrganisationCategory {
    pub const ALL: [Self; 6] = [
        Self::Company,
        Self::PublicBody,
        Self::ResearchUnit,
        Self::Association,
        Self::InternationalOrganisation,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::PublicBody => "public_body",
            Self::ResearchUnit => "research_unit",
            Self::Association => "association",
            Self::InternationalOrganisation => "international_organisation",
            Self::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|category| category.as_str() == input.trim())
            .ok_or(ValidationError::new("category", "error-category"))
    }

    /// The locale key of its name.
    pub fn label_key(self) -> String {
        format!("category-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationName(String);

impl OrganisationName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        label(
            input,
            1,
            150,
            ValidationError::new("name", "error-organisation-name"),
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An `http` or `https` address, such as a website or a logo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAddress(String);

impl WebAddress {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, ValidationError> {
        let trimmed = input.trim();
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"));
        let host = rest.map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        let valid = trimmed.len() <= 500
            && host.is_some_and(|host| !host.is_empty() && host.contains('.'))
            && !trimmed
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
        if !valid {
            return Err(ValidationError::new(field, "error-web-address"));
        }
        // A fragment may not hold another `#` (RFC 3986): links such as
        // Matrix's `https://matrix.to/#/#room:server` are written escaped.
        Ok(Self(match trimmed.split_once('#') {
            Some((before, fragment)) => format!("{before}#{}", fragment.replace('#', "%23")),
            None => trimmed.to_owned(),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A member organisation, as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub fields: OrganisationFields,
    pub created_at: Timestamp,
}

/// What an organisation's form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationFields {
    pub name: OrganisationName,
    pub category: OrganisationCategory,
    pub website: Option<WebAddress>,
    pub logo_url: Option<WebAddress>,
    pub description: String,
    /// People employed, when the plan's price depends on it.
    pub size: Option<u32>,
}

/// The organisation form as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OrganisationInput {
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub logo_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub size: String,
}

impl OrganisationInput {
    pub fn parse(&self) -> Result<OrganisationFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = keep(&mut errors, OrganisationName::parse(&self.name));
        let category = keep(&mut errors, OrganisationCategory::parse(&self.category));
        let website = keep(
            &mut errors,
            optional(&self.website, |s| WebAddress::parse("website", s)),
        );
        let logo_url = keep(
            &mut errors,
            optional(&self.logo_url, |s| WebAddress::parse("logo_url", s)),
        );
        let description = keep(&mut errors, text(&self.description, 2000, "description"));
        let size = keep(
            &mut errors,
            optional(&self.size, |s| {
                s.parse::<u32>()
                    .map_err(|_| ValidationError::new("size", "error-size"))
            }),
        );
        match (name, category, website, logo_url, description, size) {
            (
                Some(name),
                Some(category),
                Some(website),
                Some(logo_url),
                Some(description),
                Some(size),
            ) => Ok(OrganisationFields {
                name,
                category,
                website,
                logo_url,
                description,
                size,
            }),
            _ => Err(errors),
        }
    }
}

/// Who works for whom; each organisation has at most one representative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation {
    pub account: AccountId,
    pub person: String,
    pub organisation: OrganisationId,
    pub organisation_name: String,
    pub representative: bool,
}

/// A person's profile beyond their account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub account: AccountId,
    pub display_name: DisplayName,
    pub roles: Vec<Role>,
    pub details: ProfileDetails,
    /// When the person last confirmed their job and employer; seed 002 asks
    /// members to keep them current.
    pub reviewed_at: Option<Timestamp>,
}

impl Profile {
    /// Past six months without a review, the person is asked to check their
    /// job and employer.
    pub fn needs_review(&self, now: Timestamp) -> bool {
        self.reviewed_at
            .is_none_or(|at| now.0 - at.0 > 183 * 86_400)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileDetails {
    pub job_title: String,
    pub employer: Employer,
    pub bio: String,
    pub expertise: Vec<String>,
    /// Languages spoken, as written by the person ("français", "English").
    pub languages: Vec<String>,
    /// Consent to show the profile to other members.
    pub public: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Employer {
    #[default]
    None,
    Organisation(OrganisationId, String),
    Other(String),
}

/// The profile form as sent. `employer_organisation` is an organisation id
/// or empty; `expertise` and `languages` are comma-separated.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProfileInput {
    #[serde(default)]
    pub job_title: String,
    #[serde(default)]
    pub employer_organisation: String,
    #[serde(default)]
    pub employer_other: String,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub languages: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub public: Option<String>,
}

impl ProfileInput {
    pub fn parse(&self) -> Result<ProfileDetails, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let job_title = keep(&mut errors, text(&self.job_title, 120, "job_title"));
        let employer = match (
            self.employer_organisation.trim(),
            self.employer_other.trim(),
        ) {
            ("", "") => Some(Employer::None),
            ("", other) => {
                keep(&mut errors, text(other, 150, "employer_other")).map(Employer::Other)
            }
            (id, _) => match id.parse::<i64>() {
                Ok(id) => Some(Employer::Organisation(OrganisationId(id), String::new())),
                Err(_) => {
                    errors.push(ValidationError::new(
                        "employer_organisation",
                        "error-organisation-choice",
                    ));
                    None
                }
            },
        };
        let bio = keep(&mut errors, text(&self.bio, 4000, "bio"));
        let expertise = keep(&mut errors, tags(&self.expertise, "expertise"));
        let languages = keep(&mut errors, tags(&self.languages, "languages"));
        match (job_title, employer, bio, expertise, languages) {
            (Some(job_title), Some(employer), Some(bio), Some(expertise), Some(languages)) => {
                Ok(ProfileDetails {
                    job_title,
                    employer,
                    bio,
                    expertise,
                    languages,
                    public: self.public.is_some(),
                })
            }
            _ => Err(errors),
        }
    }
}

fn optional<T>(
    input: &str,
    parse: impl Fn(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse(input).map(Some)
    }
}

/// Free text of at most `max` characters, trimmed; control characters other
/// than line breaks and tabs are refused.
pub(crate) fn text(
    input: &str,
    max: usize,
    field: &'static str,
) -> Result<String, ValidationError> {
    let trimmed = input.trim();
    let bad_control = trimmed
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    if trimmed.chars().count() > max || bad_control {
        return Err(ValidationError::new(field, "error-text-too-long"));
    }
    Ok(trimmed.to_owned())
}

/// Comma-separated short labels: at most 20, each of at most 40 characters,
/// duplicates dropped.
fn tags(input: &str, field: &'static str) -> Result<Vec<String>, ValidationError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input
        .split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
    {
        if tag.chars().count() > 40 || tag.chars().any(char::is_control) {
            return Err(ValidationError::new(field, "error-tags"));
        }
        if !tags.iter().any(|known| known.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_owned());
        }
    }
    if tags.len() > 20 {
        return Err(ValidationError::new(field, "error-tags"));
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_web(input: &str, accepted: bool) {
        assert_eq!(
            WebAddress::parse("website", input).is_ok(),
            accepted,
            "{input}"
        );
    }

    #[test]
    fn web_addresses_are_http_with_a_host() {
        check_web("https://geobretagne.fr", true);
        check_web("http://www.craig.fr/path?x=1", true);
        check_web("javascript:alert(1)", false);
        check_web("https://", false);
        check_web("https://localhost", false);
        check_web("ftp://example.org", false);
        check_web("https://exa mple.org", false);
        check_web("https://example.org/\"onmouseover=", false);
        assert_eq!(
            WebAddress::parse("website", "https://matrix.to/#/#tech:example.org")
                .unwrap()
                .as_str(),
            "https://matrix.to/#/%23tech:example.org"
        );
    }

    #[test]
    fn profile_tags_are_trimmed_and_deduplicated() {
        let input = ProfileInput {
            expertise: " réseaux, Cloud ,cloud,, sécurité ".into(),
            languages: "français, English".into(),
            public: Some("on".into()),
            ..ProfileInput::default()
        };
        let details = input.parse().unwrap();
        assert_eq!(details.expertise, ["réseaux", "Cloud", "sécurité"]);
        assert_eq!(details.languages, ["français", "English"]);
        assert!(details.public);
        assert_eq!(details.employer, Employer::None);
    }

    #[test]
    fn profile_input_reports_every_bad_field() {
        let input = ProfileInput {
            job_title: "x".repeat(121),
            employer_organisation: "acme".into(),
            expertise: "y".repeat(41),
            ..ProfileInput::default()
        };
        let fields: Vec<_> = input.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["job_title", "employer_organisation", "expertise"]);
    }

    #[test]
    fn organisation_input_parses_optional_fields() {
        let input = OrganisationInput {
            name: "TerraNIS".into(),
            category: "company".into(),
            website: "https://terranis.fr/".into(),
            size: "45".into(),
            ..OrganisationInput::default()
        };
        let fields = input.parse().unwrap();
        assert_eq!(fields.size, Some(45));
        assert_eq!(fields.logo_url, None);
        let bad = OrganisationInput {
            name: String::new(),
            category: "club".into(),
            size: "-1".into(),
            ..input
        };
        let fields: Vec<_> = bad.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "category", "size"]);
    }
}
