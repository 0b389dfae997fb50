//! Translated text, from the Fluent files under `crates/core/locales`.
//!
//! The files are compiled into the binary, so looking a message up does no
//! I/O. Pages, emails and API errors all read their sentences from here.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader as _, langid};

use crate::kernel::association::Language;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around placeables would end up inside
        // email subjects and form values, where they only confuse.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn identifier(language: Language) -> LanguageIdentifier {
    match language {
        Language::Fr => langid!("fr"),
        Language::En => langid!("en"),
    }
}

/// The message `key` in `language`.
pub fn text(language: Language, key: &str) -> String {
    LOCALES.lookup(&identifier(language), key)
}

/// The message `key` in `language` when the locale files have it: for labels
/// that may also be chosen by people, such as a community's own roles.
pub fn text_if_known(language: Language, key: &str) -> Option<String> {
    LOCALES.try_lookup(&identifier(language), key)
}

/// The message `key` in `language`, with its `{ $name }` placeables filled.
pub fn text_with(language: Language, key: &str, args: &[(&'static str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value_of(value)))
        .collect();
    LOCALES.lookup_with_args(&identifier(language), key, &args)
}

/// A whole number written as one is passed as a number, so that plural
/// selectors (`[one]`, `*[other]`) choose by it; anything else, a postal
/// code with its leading zero included, stays text.
fn value_of(value: &str) -> FluentValue<'static> {
    match value.parse::<i64>() {
        Ok(number) if number.to_string() == value => FluentValue::from(number),
        _ => FluentValue::from(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let keys = |source: &str| -> Vec<String> {
            source
                .lines()
                .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_owned()))
                .filter(|key| !key.is_empty() && !key.starts_with(['#', ' ', '.']))
                .collect()
        };
        let french = [
            keys(include_str!("../../locales/fr/main.ftl")),
            keys(include_str!("../../locales/fr/events.ftl")),
            keys(include_str!("../../locales/fr/governance.ftl")),
        ]
        .concat();
        let english = [
            keys(include_str!("../../locales/en/main.ftl")),
            keys(include_str!("../../locales/en/events.ftl")),
            keys(include_str!("../../locales/en/governance.ftl")),
        ]
        .concat();
        assert!(english.len() > 20);
        for key in &english {
            assert!(french.contains(key), "{key} lacks French");
        }
        for key in &french {
            assert!(english.contains(key), "{key} lacks English");
        }
    }

    #[test]
    fn fills_placeables_without_isolation_marks() {
        let subject = text_with(
            Language::Fr,
            "email-confirm-subject",
            &[("association", "ADN Ouest")],
        );
        assert_eq!(subject, "Confirmez votre adresse pour ADN Ouest");
        assert_eq!(
            text(Language::En, "error-registration-closed"),
            "Registration is closed.",
            "each area's file is read"
        );
        let seats = |count: &str| text_with(Language::Fr, "event-seats-left", &[("count", count)]);
        assert_eq!(seats("1"), "1 place restante");
        assert_eq!(seats("12"), "12 places restantes");
    }
}
