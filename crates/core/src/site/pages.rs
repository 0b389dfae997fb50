//! The public site's content (seeds 000 and 001): texts an administrator
//! writes in French and English, the structured entries of its pages (the
//! "ways to get involved" cards, upcoming highlights, governing bodies and
//! their members, contributors, help channels), and the adopters shown on
//! "who uses it".

use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::date::Date;
use crate::kernel::email::EmailAddress;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::register::people::{OrganisationCategory, OrganisationName, WebAddress};

/// A text given in French, in English, or in both: shown in the reader's
/// language, else in the other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bilingual {
    pub fr: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The text in `language`, falling back to the other when it is empty.
    pub fn get(&self, language: Language) -> &str {
        let (wanted, other) = match language {
            Language::Fr => (&self.fr, &self.en),
            Language::En => (&self.en, &self.fr),
        };
        if wanted.is_empty() { other } else { wanted }
    }

    pub fn is_empty(&self) -> bool {
        self.fr.is_empty() && self.en.is_empty()
    }

    /// Parses both versions of a free text of at most `max` characters each.
    fn parse(
        (fr, en): (&str, &str),
        max: usize,
        fields: (&'static str, &'static str),
    ) -> Result<Self, ValidationError> {
        Ok(Self {
            fr: crate::register::people::text(fr, max, fields.0)?,
            en: crate::register::people::text(en, max, fields.1)?,
        })
    }

    /// Parses both versions of a one-line title; `required` asks for at
    /// least one of them.
    fn title(
        (fr, en): (&str, &str),
        required: bool,
        fields: (&'static str, &'static str),
    ) -> Result<Self, ValidationError> {
        let one = |input: &str, field| {
            if input.trim().is_empty() {
                Ok(String::new())
            } else {
                label(
                    input,
                    1,
                    150,
                    ValidationError::new(field, "error-site-title"),
                )
            }
        };
        let title = Self {
            fr: one(fr, fields.0)?,
            en: one(en, fields.1)?,
        };
        if required && title.is_empty() {
            return Err(ValidationError::new(fields.0, "error-site-title"));
        }
        Ok(title)
    }
}

/// Where an entry or an adopter leads: a web address, a path on this
/// instance, or an email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link(String);

impl Link {
    pub fn parse(field: &'static str, input: &str) -> Result<Self, ValidationError> {
        let trimmed = input.trim();
        let invalid = || ValidationError::new(field, "error-site-link");
        if let Some(path) = trimmed.strip_prefix('/') {
            let safe = trimmed.len() <= 300
                && !path.starts_with('/')
                && !trimmed.chars().any(|c| {
                    c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\')
                });
            return if safe {
                Ok(Self(trimmed.to_owned()))
            } else {
                Err(invalid())
            };
        }
        if let Some(address) = trimmed.strip_prefix("mailto:") {
            return EmailAddress::parse(address)
                .map(|email| Self(format!("mailto:{email}")))
                .map_err(|_| invalid());
        }
        WebAddress::parse(field, trimmed)
            .map(|web| Self(web.as_str().to_owned()))
            .map_err(|_| invalid())
    }

    /// A link read back from the store, written by [`Self::parse`].
    pub fn from_stored(value: String) -> Self {
        Self(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! keyword {
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

/// The lists of rows the site's pages are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The home page's "ways to get involved" (seed 000): an icon, a title,
    /// a text and a link.
    Cards,
    /// Dated items shown on the home page while they are upcoming.
    Highlights,
    /// The board, the bureau, the steering committee: a name and a text.
    Bodies,
    /// A person on a body: a name, a role in the body, a term.
    Members,
    /// The people "who develop" that administrators list by hand.
    Contributors,
    /// "How to get help" (seed 001): chat channels, forums, mailing lists.
    Help,
}

keyword!(Section, "section", "error-bad-request", [
    Cards => "cards", Highlights => "highlights", Bodies => "bodies", Members => "members",
    Contributors => "contributors", Help => "help",
]);

impl Section {
    /// The section whose editing page also holds this one's rows: a body's
    /// members are edited with the bodies.
    pub fn page(self) -> Self {
        match self {
            Self::Members => Self::Bodies,
            other => other,
        }
    }
}

/// The icons a card may carry, drawn as characters so that pages need no
/// image or font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Icon {
    Hand,
    Chat,
    Key,
    Book,
    People,
    Calendar,
    Code,
    Heart,
    Star,
    Mail,
}

keyword!(Icon, "tag", "error-site-icon", [
    Hand => "hand", Chat => "chat", Key => "key", Book => "book", People => "people",
    Calendar => "calendar", Code => "code", Heart => "heart", Star => "star", Mail => "mail",
]);

impl Icon {
    pub fn glyph(self) -> &'static str {
        match self {
            Self::Hand => "👋",
            Self::Chat => "💬",
            Self::Key => "🔑",
            Self::Book => "📚",
            Self::People => "👥",
            Self::Calendar => "📅",
            Self::Code => "💻",
            Self::Heart => "❤️",
            Self::Star => "⭐",
            Self::Mail => "✉️",
        }
    }
}

/// Where people get help (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HelpKind {
    Irc,
    Matrix,
    Slack,
    Forum,
    MailingList,
    Other,
}

keyword!(HelpKind, "tag", "error-site-help-kind", [
    Irc => "irc", Matrix => "matrix", Slack => "slack", Forum => "forum",
    MailingList => "mailing_list", Other => "other",
]);

/// What an entry's tag says, after its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    None,
    Icon(Icon),
    Help(HelpKind),
}

impl Tag {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Icon(icon) => icon.as_str(),
            Self::Help(kind) => kind.as_str(),
        }
    }

    /// The tag of a `section` entry, as stored or as sent by the form.
    pub fn parse(section: Section, input: &str) -> Result<Self, ValidationError> {
        match section {
            Section::Cards => Icon::parse(input).map(Self::Icon),
            Section::Help => HelpKind::parse(input).map(Self::Help),
            _ => Ok(Self::None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryId(pub i64);

/// One row of a section. Its fields mean what the section says: a card's
/// title and text, a highlight's date, a body member's name (the title),
/// role (the text) and term (the dates), a help channel's label and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFields {
    pub section: Section,
    /// The body a member sits on.
    pub parent: Option<EntryId>,
    /// Rows are shown by position, then in the order they were added.
    pub position: i64,
    pub tag: Tag,
    pub title: Bilingual,
    /// Markdown, rendered sanitised.
    pub text: Bilingual,
    pub link: Option<Link>,
    /// A highlight's day, or the start of a member's term.
    pub starts_on: Option<Date>,
    /// The end of a member's term.
    pub ends_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub fields: EntryFields,
}

/// An entry's form as sent; which fields count depends on the section.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EntryInput {
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub title_fr: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub text_fr: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

impl EntryInput {
    pub fn parse(&self, section: Section) -> Result<EntryFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let position = keep(
            &mut errors,
            match self.position.trim() {
                "" => Ok(0),
                number => number
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (-10_000..=10_000).contains(n))
                    .ok_or(ValidationError::new("position", "error-site-position")),
            },
        );
        let parent = keep(
            &mut errors,
            match section {
                Section::Members => self
                    .parent
                    .trim()
                    .parse::<i64>()
                    .map(|id| Some(EntryId(id)))
                    .map_err(|_| ValidationError::new("parent", "error-site-parent")),
                _ => Ok(None),
            },
        );
        let tag = keep(&mut errors, Tag::parse(section, &self.tag));
        let title = keep(
            &mut errors,
            Bilingual::title(
                (&self.title_fr, &self.title_en),
                true,
                ("title_fr", "title_en"),
            ),
        );
        let text = keep(
            &mut errors,
            Bilingual::parse((&self.text_fr, &self.text_en), 4000, ("text_fr", "text_en")),
        );
        let link = keep(
            &mut errors,
            match (self.link.trim(), section) {
                ("", Section::Help) => Err(ValidationError::new("link", "error-site-link")),
                ("", _) => Ok(None),
                (link, _) => Link::parse("link", link).map(Some),
            },
        );
        let dated = matches!(section, Section::Highlights | Section::Members);
        let starts_on = keep(
            &mut errors,
            match self.starts_on.trim() {
                _ if !dated => Ok(None),
                "" => Err(ValidationError::new("starts_on", "error-date")),
                day => Date::parse(day)
                    .map(Some)
                    .map_err(|_| ValidationError::new("starts_on", "error-date")),
            },
        );
        let ends_on = keep(
            &mut errors,
            match self.ends_on.trim() {
                "" => Ok(None),
                _ if section != Section::Members => Ok(None),
                day => Date::parse(day)
                    .map(Some)
                    .map_err(|_| ValidationError::new("ends_on", "error-date")),
            },
        );
        if let (Some(Some(start)), Some(Some(end))) = (starts_on, ends_on)
            && end < start
        {
            errors.push(ValidationError::new("ends_on", "error-term-order"));
        }
        match (position, parent, tag, title, text, link, starts_on, ends_on) {
            (
                Some(position),
                Some(parent),
                Some(tag),
                Some(title),
                Some(text),
                Some(link),
                Some(starts_on),
                Some(ends_on),
            ) if errors.is_empty() => Ok(EntryFields {
                section,
                parent,
                position,
                tag,
                title,
                text,
                link,
                starts_on,
                ends_on,
            }),
            _ => Err(errors),
        }
    }

    /// The form holding an entry's current values.
    pub fn of(fields: &EntryFields) -> Self {
        Self {
            position: fields.position.to_string(),
            parent: fields.parent.map(|p| p.0.to_string()).unwrap_or_default(),
            tag: fields.tag.as_str().to_owned(),
            title_fr: fields.title.fr.clone(),
            title_en: fields.title.en.clone(),
            text_fr: fields.text.fr.clone(),
            text_en: fields.text.en.clone(),
            link: fields
                .link
                .as_ref()
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
            starts_on: fields.starts_on.map(|d| d.to_string()).unwrap_or_default(),
            ends_on: fields.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// The Markdown texts of the pages, each in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextKey {
    /// The home page's welcome.
    Welcome,
    /// "How we work": the association's rules.
    Rules,
    CodeOfConduct,
    /// Where the Chatham House Rule applies; no section when empty.
    Chatham,
    /// The introduction of "who develops".
    Developers,
    /// The introduction of "how to get help".
    Help,
    /// What the steering committee's contact is not for (seed 001: "no
    /// support at this address").
    SteeringNote,
}

keyword!(TextKey, "key", "error-bad-request", [
    Welcome => "welcome", Rules => "rules", CodeOfConduct => "code_of_conduct",
    Chatham => "chatham", Developers => "developers", Help => "help",
    SteeringNote => "steering_note",
]);

/// The licence content is published under (seed 000).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    pub name: String,
    pub url: Option<Link>,
}

impl Default for Licence {
    fn default() -> Self {
        Self {
            name: "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
                .to_owned(),
            url: Some(Link(
                "https://creativecommons.org/licenses/by-sa/4.0/".to_owned(),
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ImageId(pub i64);

/// Everything the site's pages show besides their lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteSettings {
    /// Every text, in the order of [`TextKey::ALL`].
    pub texts: Vec<(TextKey, Bilingual)>,
    /// Taking part costs nothing (seed 000), whatever membership costs.
    pub free_participation: bool,
    pub licence: Licence,
    /// The steering committee's address (seed 001).
    pub steering_email: Option<EmailAddress>,
    /// The association's logo, shown on the home page.
    pub logo: Option<ImageId>,
}

impl SiteSettings {
    pub fn text(&self, key: TextKey) -> &Bilingual {
        static EMPTY: Bilingual = Bilingual {
            fr: String::new(),
            en: String::new(),
        };
        self.texts
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&EMPTY, |(_, text)| text)
    }
}

/// The settings form as sent: each text as `<key>_fr` and `<key>_en`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SiteSettingsInput {
    #[serde(default)]
    pub welcome_fr: String,
    #[serde(default)]
    pub welcome_en: String,
    #[serde(default)]
    pub rules_fr: String,
    #[serde(default)]
    pub rules_en: String,
    #[serde(default)]
    pub code_of_conduct_fr: String,
    #[serde(default)]
    pub code_of_conduct_en: String,
    #[serde(default)]
    pub chatham_fr: String,
    #[serde(default)]
    pub chatham_en: String,
    #[serde(default)]
    pub developers_fr: String,
    #[serde(default)]
    pub developers_en: String,
    #[serde(default)]
    pub help_fr: String,
    #[serde(default)]
    pub help_en: String,
    #[serde(default)]
    pub steering_note_fr: String,
    #[serde(default)]
    pub steering_note_en: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub free_participation: Option<String>,
    #[serde(default)]
    pub licence_name: String,
    #[serde(default)]
    pub licence_url: String,
    #[serde(default)]
    pub steering_email: String,
}

/// A text of the settings form: its key, its French and English values, and
/// the names of their fields.
type TextFields<'a> = (TextKey, (&'a str, &'a str), (&'static str, &'static str));

/// The longest text of a page: no page needs more.
const MAX_TEXT: usize = 20_000;

impl SiteSettingsInput {
    /// The texts with their form fields, in the order of [`TextKey::ALL`].
    fn texts(&self) -> [TextFields<'_>; 7] {
        [
            (
                TextKey::Welcome,
                (&self.welcome_fr, &self.welcome_en),
                ("welcome_fr", "welcome_en"),
            ),
            (
                TextKey::Rules,
                (&self.rules_fr, &self.rules_en),
                ("rules_fr", "rules_en"),
            ),
            (
                TextKey::CodeOfConduct,
                (&self.code_of_conduct_fr, &self.code_of_conduct_en),
                ("code_of_conduct_fr", "code_of_conduct_en"),
            ),
            (
                TextKey::Chatham,
                (&self.chatham_fr, &self.chatham_en),
                ("chatham_fr", "chatham_en"),
            ),
            (
                TextKey::Developers,
                (&self.developers_fr, &self.developers_en),
                ("developers_fr", "developers_en"),
            ),
            (
                TextKey::Help,
                (&self.help_fr, &self.help_en),
                ("help_fr", "help_en"),
            ),
            (
                TextKey::SteeringNote,
                (&self.steering_note_fr, &self.steering_note_en),
                ("steering_note_fr", "steering_note_en"),
            ),
        ]
    }

    /// The settings with everything but the logo, which is uploaded apart.
    pub fn parse(&self) -> Result<SiteSettings, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let mut texts = Vec::new();
        for (key, values, fields) in self.texts() {
            if let Some(text) = keep(&mut errors, Bilingual::parse(values, MAX_TEXT, fields)) {
                texts.push((key, text));
            }
        }
        let name = keep(
            &mut errors,
            match self.licence_name.trim() {
                "" => Err(ValidationError::new("licence_name", "error-licence-name")),
                name => label(
                    name,
                    1,
                    200,
                    ValidationError::new("licence_name", "error-licence-name"),
                ),
            },
        );
        let url = keep(
            &mut errors,
            match self.licence_url.trim() {
                "" => Ok(None),
                url => Link::parse("licence_url", url).map(Some),
            },
        );
        let steering_email = keep(
            &mut errors,
            match self.steering_email.trim() {
                "" => Ok(None),
                email => EmailAddress::parse(email)
                    .map(Some)
                    .map_err(|e| ValidationError::new("steering_email", e.message)),
            },
        );
        match (name, url, steering_email) {
            (Some(name), Some(url), Some(steering_email)) if errors.is_empty() => {
                Ok(SiteSettings {
                    texts,
                    free_participation: self.free_participation.is_some(),
                    licence: Licence { name, url },
                    steering_email,
                    logo: None,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form holding the current settings.
    pub fn of(settings: &SiteSettings) -> Self {
        let text = |key| settings.text(key).clone();
        let [welcome, rules, conduct, chatham, developers, help, note] = [
            TextKey::Welcome,
            TextKey::Rules,
            TextKey::CodeOfConduct,
            TextKey::Chatham,
            TextKey::Developers,
            TextKey::Help,
            TextKey::SteeringNote,
        ]
        .map(text);
        Self {
            welcome_fr: welcome.fr,
            welcome_en: welcome.en,
            rules_fr: rules.fr,
            rules_en: rules.en,
            code_of_conduct_fr: conduct.fr,
            code_of_conduct_en: conduct.en,
            chatham_fr: chatham.fr,
            chatham_en: chatham.en,
            developers_fr: developers.fr,
            developers_en: developers.en,
            help_fr: help.fr,
            help_en: help.en,
            steering_note_fr: note.fr,
            steering_note_en: note.en,
            free_participation: settings.free_participation.then(|| "on".to_owned()),
            licence_name: settings.licence.name.clone(),
            licence_url: settings
                .licence
                .url
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default(),
            steering_email: settings
                .steering_email
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AdopterId(pub i64);

/// Whether an adopter is shown: a submission waits for a moderator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdopterStatus {
    Pending,
    Approved,
}

keyword!(AdopterStatus, "status", "error-bad-request", [
    Pending => "pending", Approved => "approved",
]);

/// An organisation that uses what the association makes (seed 001's "who
/// uses it"), as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdopterFields {
    pub name: OrganisationName,
    pub category: OrganisationCategory,
    /// What they do with it, in the language the submitter wrote.
    pub text: Bilingual,
    pub link: Option<WebAddress>,
    /// Whom the moderators may write to; never shown publicly.
    pub contact: EmailAddress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adopter {
    pub id: AdopterId,
    pub fields: AdopterFields,
    pub logo: Option<ImageId>,
    pub status: AdopterStatus,
    pub submitted_at: Timestamp,
}

/// The "ask to be listed" form as sent, besides its logo.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AdopterInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub email: String,
}

impl AdopterInput {
    /// `language` is the one the submitter wrote their text in.
    pub fn parse(&self, language: Language) -> Result<AdopterFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = keep(&mut errors, OrganisationName::parse(&self.name));
        let category = keep(&mut errors, OrganisationCategory::parse(&self.category));
        let text = keep(
            &mut errors,
            crate::register::people::text(&self.text, 500, "text"),
        );
        let link = keep(
            &mut errors,
            match self.link.trim() {
                "" => Ok(None),
                link => WebAddress::parse("link", link).map(Some),
            },
        );
        let contact = keep(&mut errors, EmailAddress::parse(&self.email));
        match (name, category, text, link, contact) {
            (Some(name), Some(category), Some(text), Some(link), Some(contact)) => {
                Ok(AdopterFields {
                    name,
                    category,
                    text: match language {
                        Language::Fr => Bilingual::new(text, ""),
                        Language::En => Bilingual::new("", text),
                    },
                    link,
                    contact,
                })
            }
            _ => Err(errors),
        }
    }
}

/// What a moderator decides about an adopter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdopterVerdict {
    /// A pending submission is shown from now on.
    Approve,
    /// A pending submission is deleted, its logo with it.
    Refuse,
    /// An approved adopter is taken off the page and deleted.
    Remove,
}

keyword!(AdopterVerdict, "verdict", "error-verdict", [
    Approve => "approve", Refuse => "refuse", Remove => "remove",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilingual_texts_fall_back_to_the_other_language() {
        let both = Bilingual::new("Bienvenue", "Welcome");
        assert_eq!(both.get(Language::Fr), "Bienvenue");
        assert_eq!(both.get(Language::En), "Welcome");
        let french = Bilingual::new("Bienvenue", "");
        assert_eq!(french.get(Language::En), "Bienvenue");
        assert_eq!(Bilingual::default().get(Language::Fr), "");
    }

    fn check_link(input: &str, expected: Option<&str>) {
        assert_eq!(
            Link::parse("link", input)
                .ok()
                .map(|l| l.as_str().to_owned())
                .as_deref(),
            expected,
            "{input}"
        );
    }

    #[test]
    fn links_are_web_addresses_local_paths_or_email() {
        check_link("https://geobretagne.fr", Some("https://geobretagne.fr"));
        check_link(" /communities ", Some("/communities"));
        check_link(
            "mailto:PSC@georchestra.org",
            Some("mailto:psc@georchestra.org"),
        );
        check_link("javascript:alert(1)", None);
        check_link("//evil.example", None);
        check_link("/a b", None);
        check_link("/x\"onmouseover=", None);
        check_link("ftp://example.org", None);
    }

    fn entry(section: Section, input: &EntryInput) -> Result<EntryFields, Vec<&'static str>> {
        input
            .parse(section)
            .map_err(|errors| errors.iter().map(|e| e.field).collect())
    }

    #[test]
    fn an_entry_asks_for_what_its_section_needs() {
        let card = EntryInput {
            tag: "hand".into(),
            title_fr: "Rencontrer la communauté".into(),
            text_fr: "Dites bonjour dans **#general**.".into(),
            link: "/communities".into(),
            ..EntryInput::default()
        };
        let fields = entry(Section::Cards, &card).unwrap();
        assert_eq!(fields.tag, Tag::Icon(Icon::Hand));
        assert_eq!(fields.starts_on, None, "a card has no date");
        assert_eq!(
            entry(
                Section::Cards,
                &EntryInput {
                    tag: "rocket".into(),
                    ..card.clone()
                }
            ),
            Err(vec!["tag"])
        );
        assert_eq!(
            entry(Section::Highlights, &card),
            Err(vec!["starts_on"]),
            "a highlight has a day"
        );
        assert_eq!(
            entry(
                Section::Help,
                &EntryInput {
                    tag: "irc".into(),
                    link: String::new(),
                    ..card.clone()
                }
            ),
            Err(vec!["link"]),
            "a help channel has an address"
        );
        let member = EntryInput {
            parent: "4".into(),
            title_fr: "Jeanne Martin".into(),
            text_fr: "Présidente".into(),
            starts_on: "2025-06-01".into(),
            ends_on: "2024-06-01".into(),
            ..EntryInput::default()
        };
        assert_eq!(entry(Section::Members, &member), Err(vec!["ends_on"]));
        let fields = entry(
            Section::Members,
            &EntryInput {
                ends_on: "2027-06-01".into(),
                ..member.clone()
            },
        )
        .unwrap();
        assert_eq!(fields.parent, Some(EntryId(4)));
        assert_eq!(
            entry(
                Section::Members,
                &EntryInput {
                    parent: String::new(),
                    title_fr: String::new(),
                    ends_on: String::new(),
                    ..member
                }
            ),
            Err(vec!["parent", "title_fr"])
        );
        let round_trip = entry(
            Section::Cards,
            &EntryInput::of(&entry(Section::Cards, &card).unwrap()),
        );
        assert!(round_trip.is_ok());
    }

    #[test]
    fn settings_keep_the_default_licence_and_check_the_steering_address() {
        let settings = SiteSettings::default();
        let mut input = SiteSettingsInput::of(&settings);
        assert!(input.licence_name.contains("CC BY-SA 4.0"));
        input.welcome_fr = "Bienvenue !".into();
        input.steering_email = "psc@georchestra.org".into();
        let parsed = input.parse().unwrap();
        assert_eq!(
            parsed.text(TextKey::Welcome).get(Language::En),
            "Bienvenue !"
        );
        assert_eq!(parsed.licence, Licence::default());
        input.steering_email = "psc".into();
        input.licence_name = String::new();
        let fields: Vec<_> = input.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["licence_name", "steering_email"]);
    }

    #[test]
    fn a_submission_keeps_its_text_in_the_language_written() {
        let input = AdopterInput {
            name: "Rennes Métropole".into(),
            category: "public_body".into(),
            text: "Via le portail SIG".into(),
            link: "https://portail.sig.rennesmetropole.fr".into(),
            email: "sig@rennes.example".into(),
        };
        let fields = input.parse(Language::Fr).unwrap();
        assert_eq!(fields.text, Bilingual::new("Via le portail SIG", ""));
        let bad = AdopterInput {
            category: "club".into(),
            email: String::new(),
            ..input
        };
        let fields: Vec<_> = bad
            .parse(Language::Fr)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["category", "email"]);
    }
}
