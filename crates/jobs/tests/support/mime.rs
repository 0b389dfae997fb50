//! What both test binaries read of a MIME message beyond its text; the web
//! crate's tests include this file too.

use mail_parser::MimeHeaders as _;

/// A header's value, its folded lines joined, as a reader sees it.
pub fn header(message: &mail_parser::Message<'_>, name: &str) -> Option<String> {
    message.header_raw(name).map(|value| {
        value
            .replace("\r\n ", " ")
            .replace("\r\n\t", " ")
            .trim()
            .to_owned()
    })
}

/// The method and text of a message's `text/calendar` part.
pub fn calendar_part(message: &mail_parser::Message<'_>) -> Option<(String, String)> {
    message.parts.iter().find_map(|part| {
        let kind = part.content_type()?;
        let calendar = kind.ctype().eq_ignore_ascii_case("text")
            && kind
                .subtype()
                .is_some_and(|sub| sub.eq_ignore_ascii_case("calendar"));
        calendar.then(|| {
            (
                kind.attribute("method").unwrap_or_default().to_owned(),
                part.text_contents().unwrap_or_default().to_owned(),
            )
        })
    })
}
