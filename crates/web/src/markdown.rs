//! Markdown written by people (community descriptions, later content),
//! rendered to HTML and then sanitised, so that nothing a person types can
//! run in another person's browser.

/// Longer input is cut: rendering cost grows with it, and no description
/// needs more.
const MAX_INPUT: usize = 50_000;

/// Renders `source` as sanitised HTML: raw HTML in the source is dropped by
/// the renderer, and whatever it produces passes ammonia's allow-list, links
/// getting `rel="noopener noreferrer"`.
pub fn to_safe_html(source: &str) -> String {
    let source = match source.char_indices().nth(MAX_INPUT) {
        Some((cut, _)) => &source[..cut],
        None => source,
    };
    let mut options = comrak::Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    let html = comrak::markdown_to_html(source, &options);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, contains: &[&str], excludes: &[&str]) {
        let html = to_safe_html(source);
        for part in contains {
            assert!(
                html.contains(part),
                "{source:?} gives {html:?}, lacking {part:?}"
            );
        }
        for part in excludes {
            assert!(
                !html.contains(part),
                "{source:?} gives {html:?}, holding {part:?}"
            );
        }
    }

    #[test]
    fn renders_markdown_and_drops_anything_executable() {
        check(
            "**Partager** les retours",
            &["<strong>Partager</strong>"],
            &[],
        );
        check(
            "[site](https://adnouest.org)",
            &["href=\"https://adnouest.org\"", "noopener"],
            &[],
        );
        check(
            "<script>alert(1)</script>",
            &[],
            &["<script", "alert(1)</script"],
        );
        check("[x](javascript:alert(1))", &[], &["javascript:"]);
        check("<img src=x onerror=alert(1)>", &[], &["onerror"]);
        check("- un\n- deux", &["<li>un</li>"], &[]);
        assert!(to_safe_html(&"a".repeat(MAX_INPUT * 2)).len() < MAX_INPUT + 100);
    }
}
