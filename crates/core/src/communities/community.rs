//! Communities, working groups, teams and governing bodies: what they are,
//! who may see them, who leads them, and who may join and how (seeds 000,
//! 002, 003).

use serde::{Deserialize, Serialize};

use crate::accounts::account::AccountId;
use crate::kernel::association::{Language, ThemeColour};
use crate::kernel::i18n::text_with;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::kernel::visibility::Visibility;
use crate::register::dues::{Adherence, Standing};
use crate::register::people::WebAddress;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommunityId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityKind {
    Community,
    WorkingGroup,
    Team,
    GoverningBody,
}

/// How people get in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessPolicy {
    /// Whoever is eligible joins at once.
    Open,
    /// The roles that may review accept or refuse each request.
    Request,
    /// The request is accepted once enough current members vouch for it.
    Cooptation,
    /// A motivation form with the community's questions, an interview
    /// recorded by a reviewer, then a decision.
    Application,
    /// Only people invited by email, each invitation used once.
    Invitation,
}

impl AccessPolicy {
    /// Whether asking to join leaves a request for others to decide.
    pub fn asks(self) -> bool {
        matches!(self, Self::Request | Self::Cooptation | Self::Application)
    }
}

macro_rules! keyword_enum {
    ($name:ident, $field:literal, $error:literal, [$($variant:ident => $text:literal),+ $(,)?]) => {
        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            pub fn parse(input: &str) -> Result<Self, ValidationError> {
                match input.trim() {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(ValidationError::new($field, $error)),
                }
            }
        }
    };
}

keyword_enum!(CommunityKind, "kind", "error-community-kind", [
    Community => "community", WorkingGroup => "working_group", Team => "team", GoverningBody => "governing_body",
]);
keyword_enum!(AccessPolicy, "access", "error-access-policy", [
    Open => "open", Request => "request", Cooptation => "cooptation", Application => "application",
    Invitation => "invitation",
]);
keyword_enum!(Engagement, "engagement", "error-engagement", [
    News => "news", Occasional => "occasional", Regular => "regular",
]);
keyword_enum!(ChannelKind, "channels", "error-channels", [
    Slack => "slack", Matrix => "matrix", Irc => "irc", MailingList => "mailing_list", GitHub => "github", Other => "other",
]);

/// How much a member takes part (seed 002): following the news, occasional
/// or regular contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    #[default]
    News,
    Occasional,
    Regular,
}

/// A place where the community talks: Slack, Matrix, IRC, a mailing list, a
/// GitHub repository…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub kind: ChannelKind,
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Slack,
    Matrix,
    Irc,
    MailingList,
    #[serde(rename = "github")]
    GitHub,
    Other,
}

/// The conditions checked before any person looks at a request (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Eligibility {
    /// Only adherents of the association.
    pub adherents_only: bool,
    /// The adherent organisation must be up to date with its dues.
    pub organisation_in_good_standing: bool,
    /// People who hold a membership of their own, not through an organisation.
    pub individuals_only: bool,
    /// People with a recorded contribution in the last `days`.
    pub active_contributor_days: Option<u32>,
}

impl Eligibility {
    /// Whether any rule is set, so that checking costs nothing when none is.
    pub fn has_rules(&self) -> bool {
        *self != Self::default()
    }
}

/// Seed 003's profile card: a colour, quotes, and scores on named axes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCard {
    pub colour: String,
    pub quotes: Vec<String>,
    /// `(axis, score 0-100)`.
    pub scores: Vec<(String, u8)>,
}

/// A URL-safe name: lower-case letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let slug = input.trim();
        let valid = (2..=60).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-');
        if valid {
            Ok(Self(slug.to_owned()))
        } else {
            Err(ValidationError::new("slug", "error-slug"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a community's form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityFields {
    pub slug: Slug,
    pub name: String,
    pub kind: CommunityKind,
    pub theme: String,
    /// Markdown, rendered sanitised.
    pub description: String,
    pub objectives: Vec<String>,
    /// "every week", "toutes les deux semaines"…
    pub cadence: String,
    pub channels: Vec<Channel>,
    pub visibility: Visibility,
    pub access: AccessPolicy,
    /// How many members must vouch for a request under co-optation.
    pub vouches_required: u8,
    /// The questions an application answers, one per line of the form.
    pub questions: Vec<String>,
    pub eligibility: Eligibility,
    pub card: Option<ProfileCard>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub id: CommunityId,
    pub fields: CommunityFields,
    pub members: i64,
    pub created_at: Timestamp,
}

/// What a role in a community may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Permissions {
    pub review_requests: bool,
    pub announce: bool,
    pub manage_content: bool,
    pub moderate: bool,
    pub manage_roles: bool,
    /// Organising the community's events and deciding who attends.
    pub manage_events: bool,
}

/// A role of a community, with its permissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityRole {
    pub key: String,
    pub permissions: Permissions,
    /// Shown on the community page as a contact.
    pub referent: bool,
}

/// The roles a community starts with, after seed 002: the pilot leads, the
/// sponsor links to the board, animators help, the facilitator is staff.
pub fn default_roles() -> Vec<CommunityRole> {
    let all = Permissions {
        review_requests: true,
        announce: true,
        manage_content: true,
        moderate: true,
        manage_roles: true,
        manage_events: true,
    };
    let animate = Permissions {
        review_requests: true,
        announce: true,
        manage_content: true,
        manage_events: true,
        ..Permissions::default()
    };
    vec![
        CommunityRole {
            key: "pilot".into(),
            permissions: all,
            referent: true,
        },
        CommunityRole {
            key: "sponsor".into(),
            permissions: Permissions {
                announce: true,
                ..Permissions::default()
            },
            referent: false,
        },
        CommunityRole {
            key: "animator".into(),
            permissions: animate,
            referent: false,
        },
        CommunityRole {
            key: "member".into(),
            permissions: Permissions::default(),
            referent: false,
        },
        CommunityRole {
            key: "facilitator".into(),
            permissions: Permissions {
                moderate: true,
                ..animate
            },
            referent: true,
        },
    ]
}

/// A person in a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityMember {
    pub account: AccountId,
    pub display_name: String,
    pub roles: Vec<String>,
    pub engagement: Engagement,
    pub joined_at: Timestamp,
    /// The version of the charter the member last accepted.
    pub charter_version: Option<i64>,
}

/// A community's rules of life (seed 002) or code of conduct, in Markdown;
/// each publication is a new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charter {
    pub version: i64,
    pub text: String,
    pub published_at: Timestamp,
}

impl Charter {
    /// The numbered rules (`1. …` lines of the Markdown), which an exclusion
    /// names as the one broken.
    pub fn rules(&self) -> Vec<CharterRule> {
        self.text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let digits = line.find(|c: char| !c.is_ascii_digit())?;
                let number = line[..digits].parse::<u32>().ok()?;
                let rest = line[digits..].strip_prefix(['.', ')'])?;
                let text = rest.strip_prefix(' ')?.trim();
                (!text.is_empty()).then(|| CharterRule {
                    number,
                    text: text.to_owned(),
                })
            })
            .collect()
    }
}

/// One numbered rule of a charter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterRule {
    pub number: u32,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JoinRequestId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Pending,
    Accepted,
    Refused,
    Withdrawn,
}

keyword_enum!(RequestStatus, "status", "error-request-status", [
    Pending => "pending", Accepted => "accepted", Refused => "refused", Withdrawn => "withdrawn",
]);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    pub id: JoinRequestId,
    pub community: CommunityId,
    pub community_name: String,
    pub account: AccountId,
    pub display_name: String,
    pub motivation: String,
    pub engagement: Engagement,
    /// The version of the charter accepted with the request.
    pub charter_version: Option<i64>,
    pub status: RequestStatus,
    pub created_at: Timestamp,
    /// The reviewer's message, once decided.
    pub reason: String,
    pub decided_by: Option<AccountId>,
    /// The application's answers, question by question.
    pub answers: Vec<Answer>,
    pub interview: Option<Interview>,
    /// The members who vouched for it, under co-optation.
    pub vouchers: Vec<Voucher>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InvitationId(pub i64);

/// An invitation to join a community, sent to an email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: InvitationId,
    pub community: CommunityId,
    pub email: crate::kernel::email::EmailAddress,
    pub invited_by: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
    pub revoked: bool,
}

impl Invitation {
    /// Whether the link may still be used at `now`.
    pub fn is_open(&self, now: Timestamp) -> bool {
        self.used_at.is_none() && !self.revoked && now < self.expires_at
    }
}

/// How long an invitation's link stays valid.
pub const INVITATION_LIFETIME: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

/// An application's answer to one of the community's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub answer: String,
}

/// The interview of an applicant, as a reviewer recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    pub held_on: crate::kernel::date::Date,
    pub notes: String,
    pub by: AccountId,
    pub by_name: String,
}

/// A member who vouched for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    pub account: AccountId,
    pub display_name: String,
}

/// One of the permissions a community role may grant, for asking who holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReviewRequests,
    Announce,
    ManageContent,
    Moderate,
    ManageRoles,
    ManageEvents,
}

/// Which eligibility rules a person meets, so that the communities whose
/// rules they fail can be left out of a list without checking each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RulesMet {
    pub adherents_only: bool,
    pub organisation_in_good_standing: bool,
    pub individuals_only: bool,
    /// Days since the last recorded contribution: an active-contributor
    /// rule of at least this many days is met; none is without any.
    pub days_since_contribution: Option<i64>,
}

impl RulesMet {
    /// Asks [`check_eligibility`] one rule at a time, so that a list and the
    /// join itself can never disagree on a rule.
    pub fn of(facts: &EligibilityFacts) -> Self {
        let meets = |rules: Eligibility| check_eligibility(&rules, facts, Language::En).is_ok();
        let none = Eligibility::default();
        Self {
            adherents_only: meets(Eligibility {
                adherents_only: true,
                ..none
            }),
            organisation_in_good_standing: meets(Eligibility {
                organisation_in_good_standing: true,
                ..none
            }),
            individuals_only: meets(Eligibility {
                individuals_only: true,
                ..none
            }),
            days_since_contribution: facts.days_since_contribution,
        }
    }
}

/// What the directory's search box asks for: the words of the text, each
/// matched as the start of a word of a community's name, theme or
/// description. Only letters and digits count, so that no character can
/// change the meaning of the search engine's query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchText(Vec<String>);

impl SearchText {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        if input.chars().count() > 200 {
            return Err(ValidationError::new("q", "error-search-too-long"));
        }
        let words: Vec<String> = input
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() > 8 {
            return Err(ValidationError::new("q", "error-search-too-long"));
        }
        Ok(Self(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }
}

/// The facts eligibility is judged on, gathered by the caller.
#[derive(Debug, Clone)]
pub struct EligibilityFacts {
    pub adherence: Adherence,
    /// Whether the person holds a membership in good standing of their own.
    pub own_membership_good: bool,
    /// The organisations the person is affiliated to, with their standing.
    pub organisations: Vec<(String, Standing)>,
    /// Days since the person's last recorded contribution.
    pub days_since_contribution: Option<i64>,
}

/// Checks the rules, and says in words why someone may not join.
pub fn check_eligibility(
    rules: &Eligibility,
    facts: &EligibilityFacts,
    language: Language,
) -> Result<(), Vec<String>> {
    let mut reasons = Vec::new();
    if rules.adherents_only && !facts.adherence.adherent {
        reasons.push(text_with(
            language,
            "eligibility-not-adherent",
            &[("reason", &facts.adherence.reason)],
        ));
    }
    if rules.organisation_in_good_standing {
        for (organisation, standing) in &facts.organisations {
            if !standing.is_good() {
                reasons.push(text_with(
                    language,
                    "eligibility-organisation-dues",
                    &[("organisation", organisation)],
                ));
            }
        }
    }
    if rules.individuals_only && !facts.own_membership_good {
        reasons.push(text_with(language, "eligibility-individuals-only", &[]));
    }
    if let Some(days) = rules.active_contributor_days {
        let active = facts
            .days_since_contribution
            .is_some_and(|since| since <= i64::from(days));
        if !active {
            reasons.push(text_with(
                language,
                "eligibility-not-contributor",
                &[("days", &days.to_string())],
            ));
        }
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

/// How many vouches co-optation asks for when the form leaves it empty.
pub const DEFAULT_VOUCHES: u8 = 2;

/// The community form as sent. Channels are one per line, `kind | label |
/// address`; objectives one per line; scores `Axis: 90` separated by commas.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CommunityInput {
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub objectives: String,
    #[serde(default)]
    pub cadence: String,
    #[serde(default)]
    pub channels: String,
    pub visibility: String,
    pub access: String,
    #[serde(default)]
    pub adherents_only: Option<String>,
    #[serde(default)]
    pub organisation_in_good_standing: Option<String>,
    #[serde(default)]
    pub individuals_only: Option<String>,
    #[serde(default)]
    pub active_contributor_days: String,
    /// Under co-optation; two when left empty.
    #[serde(default)]
    pub vouches_required: String,
    /// An application's questions, one per line.
    #[serde(default)]
    pub questions: String,
    #[serde(default)]
    pub card_colour: String,
    #[serde(default)]
    pub card_quotes: String,
    #[serde(default)]
    pub card_scores: String,
}

impl CommunityInput {
    pub fn parse(&self) -> Result<CommunityFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let slug = keep(&mut errors, Slug::parse(&self.slug));
        let name = keep(
            &mut errors,
            label(
                &self.name,
                1,
                120,
                ValidationError::new("name", "error-community-name"),
            ),
        );
        let kind = keep(&mut errors, CommunityKind::parse(&self.kind));
        let theme = keep(
            &mut errors,
            crate::register::people::text(&self.theme, 120, "theme"),
        );
        let description = keep(
            &mut errors,
            crate::register::people::text(&self.description, 20_000, "description"),
        );
        let cadence = keep(
            &mut errors,
            crate::register::people::text(&self.cadence, 120, "cadence"),
        );
        let objectives = keep(&mut errors, lines(&self.objectives, 20, 300, "objectives"));
        let channels = keep(&mut errors, channels(&self.channels));
        let visibility = keep(&mut errors, Visibility::parse(&self.visibility));
        let access = keep(&mut errors, AccessPolicy::parse(&self.access));
        let days = match self.active_contributor_days.trim() {
            "" => Some(None),
            days => keep(
                &mut errors,
                days.parse::<u32>()
                    .ok()
                    .filter(|d| (1..=3650).contains(d))
                    .map(Some)
                    .ok_or(ValidationError::new(
                        "active_contributor_days",
                        "error-inactivity-days",
                    )),
            ),
        };
        let card = keep(&mut errors, self.card());
        let vouches_required = keep(&mut errors, self.vouches_required());
        let questions = keep(&mut errors, lines(&self.questions, 10, 300, "questions"));
        match (
            slug,
            name,
            kind,
            theme,
            description,
            cadence,
            objectives,
            channels,
            visibility,
            access,
            days,
            card,
            vouches_required,
            questions,
        ) {
            (
                Some(slug),
                Some(name),
                Some(kind),
                Some(theme),
                Some(description),
                Some(cadence),
                Some(objectives),
                Some(channels),
                Some(visibility),
                Some(access),
                Some(active_contributor_days),
                Some(card),
                Some(vouches_required),
                Some(questions),
            ) => Ok(CommunityFields {
                slug,
                name,
                kind,
                theme,
                description,
                objectives,
                cadence,
                channels,
                visibility,
                access,
                vouches_required,
                questions,
                eligibility: Eligibility {
                    adherents_only: self.adherents_only.is_some(),
                    organisation_in_good_standing: self.organisation_in_good_standing.is_some(),
                    individuals_only: self.individuals_only.is_some(),
                    active_contributor_days,
                },
                card,
            }),
            _ => Err(errors),
        }
    }

    fn vouches_required(&self) -> Result<u8, ValidationError> {
        match self.vouches_required.trim() {
            "" => Ok(DEFAULT_VOUCHES),
            number => number
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=20).contains(n))
                .ok_or(ValidationError::new(
                    "vouches_required",
                    "error-vouches-required",
                )),
        }
    }

    fn card(&self) -> Result<Option<ProfileCard>, ValidationError> {
        if self.card_colour.trim().is_empty()
            && self.card_scores.trim().is_empty()
            && self.card_quotes.trim().is_empty()
        {
            return Ok(None);
        }
        let colour = if self.card_colour.trim().is_empty() {
            ThemeColour::default()
        } else {
            ThemeColour::parse(&self.card_colour)
                .map_err(|_| ValidationError::new("card_colour", "error-theme-colour"))?
        };
        let quotes = lines(&self.card_quotes, 10, 300, "card_quotes")?;
        let mut scores = Vec::new();
        for item in self
            .card_scores
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let bad = || ValidationError::new("card_scores", "error-card-scores");
            let (axis, score) = item.split_once(':').ok_or_else(bad)?;
            let axis = label(axis, 1, 30, bad())?;
            let score = score
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|s| *s <= 100)
                .ok_or_else(bad)?;
            scores.push((axis, score));
        }
        if scores.len() > 12 {
            return Err(ValidationError::new("card_scores", "error-card-scores"));
        }
        Ok(Some(ProfileCard {
            colour: colour.as_str().to_owned(),
            quotes,
            scores,
        }))
    }
}

fn lines(
    input: &str,
    max_lines: usize,
    max_chars: usize,
    field: &'static str,
) -> Result<Vec<String>, ValidationError> {
    let lines: Vec<String> = input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > max_lines
        || lines
            .iter()
            .any(|l| l.chars().count() > max_chars || l.chars().any(char::is_control))
    {
        return Err(ValidationError::new(field, "error-text-too-long"));
    }
    Ok(lines)
}

fn channels(input: &str) -> Result<Vec<Channel>, ValidationError> {
    let bad = || ValidationError::new("channels", "error-channels");
    let mut channels = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [kind, name, url] = parts.as_slice() else {
            return Err(bad());
        };
        let kind = ChannelKind::parse(kind).map_err(|_| bad())?;
        let label = label(name, 1, 60, bad())?;
        let url = WebAddress::parse("channels", url)
            .map_err(|_| bad())?
            .as_str()
            .to_owned();
        channels.push(Channel { kind, label, url });
    }
    if channels.len() > 12 {
        Err(bad())
    } else {
        Ok(channels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::date::Date;

    fn check_slug(input: &str, accepted: bool) {
        assert_eq!(Slug::parse(input).is_ok(), accepted, "{input}");
    }

    #[test]
    fn slugs_are_url_safe() {
        check_slug("infra-services", true);
        check_slug("learning-path-2", true);
        check_slug("Infra", false);
        check_slug("-infra", false);
        check_slug("a", false);
        check_slug("infra services", false);
        check_slug("infra/../x", false);
    }

    #[test]
    fn parses_channels_and_the_profile_card() {
        let input = CommunityInput {
            slug: "club-innovateurs".into(),
            name: "Club des innovateurs".into(),
            kind: "community".into(),
            visibility: "public".into(),
            access: "open".into(),
            channels: "slack | #learning-path | https://innersourcecommons.slack.com/archives/C1\ngithub | Patterns | https://github.com/InnerSourceCommons/InnerSourcePatterns".into(),
            card_colour: "#009e89".into(),
            card_scores: "Program: 100, Open: 90, Mix: 100, Content: 10, Make: 90, Neutral: 90".into(),
            card_quotes: "Le monde de demain se fera en réseau".into(),
            ..CommunityInput::default()
        };
        let fields = input.parse().unwrap();
        assert_eq!(fields.channels.len(), 2);
        assert_eq!(fields.channels[1].kind, ChannelKind::GitHub);
        let card = fields.card.unwrap();
        assert_eq!(card.scores[0], ("Program".to_owned(), 100));
        assert_eq!(card.scores.len(), 6);

        let bad = CommunityInput {
            channels: "telegram | x | https://t.me/x".into(),
            card_scores: "Program: 120".into(),
            slug: "Bad Slug".into(),
            ..input
        };
        let fields: Vec<_> = bad.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["slug", "channels", "card_scores"]);
    }

    fn check_rules(text: &str, expected: &[(u32, &str)]) {
        let charter = Charter {
            version: 1,
            text: text.to_owned(),
            published_at: Timestamp(0),
        };
        let rules: Vec<(u32, String)> = charter
            .rules()
            .into_iter()
            .map(|r| (r.number, r.text))
            .collect();
        let expected: Vec<(u32, String)> = expected
            .iter()
            .map(|(n, t)| (*n, (*t).to_owned()))
            .collect();
        assert_eq!(rules, expected, "{text}");
    }

    #[test]
    fn numbered_lines_are_the_charter_rules() {
        check_rules(
            "Il est attendu que le membre :\n\n1. respecte ses engagements ;\n2. participe.",
            &[(1, "respecte ses engagements ;"), (2, "participe.")],
        );
        check_rules("  3) Pas de promotion", &[(3, "Pas de promotion")]);
        check_rules("- une puce\n2026 fut une année\n4.sans espace\n5. ", &[]);
    }

    fn check_search(input: &str, expected: &[&str]) {
        assert_eq!(
            SearchText::parse(input).unwrap().words(),
            expected,
            "{input}"
        );
    }

    #[test]
    fn searches_are_words_of_letters_and_digits() {
        check_search("", &[]);
        check_search("  Patterns ", &["patterns"]);
        check_search("\"x\"* OR y:* & ' NEAR(", &["x", "or", "y", "near"]);
        check_search("Sécurité l'eau 91c2", &["sécurité", "l", "eau", "91c2"]);
        assert!(SearchText::parse(&"a ".repeat(9)).is_err());
        assert!(SearchText::parse(&"a".repeat(201)).is_err());
    }

    #[test]
    fn rules_met_follow_the_eligibility_check() {
        let facts = EligibilityFacts {
            adherence: Adherence {
                adherent: true,
                reason: String::new(),
            },
            own_membership_good: false,
            organisations: vec![(
                "Acme".into(),
                Standing::Unpaid {
                    year: 2026,
                    since: Date::parse("2026-03-01").unwrap(),
                },
            )],
            days_since_contribution: Some(12),
        };
        assert_eq!(
            RulesMet::of(&facts),
            RulesMet {
                adherents_only: true,
                organisation_in_good_standing: false,
                individuals_only: false,
                days_since_contribution: Some(12),
            }
        );
    }

    #[test]
    fn eligibility_says_why_in_words() {
        let unpaid = Standing::Unpaid {
            year: 2026,
            since: Date::parse("2026-03-01").unwrap(),
        };
        let facts = EligibilityFacts {
            adherence: Adherence {
                adherent: false,
                reason: "Les cotisations 2026 de Acme sont impayées.".into(),
            },
            own_membership_good: false,
            organisations: vec![("Acme".into(), unpaid)],
            days_since_contribution: Some(400),
        };
        let rules = Eligibility {
            adherents_only: true,
            organisation_in_good_standing: true,
            individuals_only: false,
            active_contributor_days: Some(365),
        };
        let reasons = check_eligibility(&rules, &facts, Language::Fr).unwrap_err();
        assert_eq!(
            reasons[1],
            "Votre organisation Acme n'est pas à jour de sa cotisation."
        );
        assert_eq!(reasons.len(), 3);
        assert!(check_eligibility(&Eligibility::default(), &facts, Language::Fr).is_ok());
    }
}
