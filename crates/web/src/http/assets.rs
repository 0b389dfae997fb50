//! The stylesheet and the theme colour, served by the binary itself.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::http::error::WebError;
use crate::http::extract::Path;
use crate::state::AppState;
use crate::templates::{stylesheet, stylesheet_path};

pub fn router() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(asset))
}

async fn asset(Path(name): Path<String>) -> Result<Response, WebError> {
    let body = if format!("/assets/{name}") == stylesheet_path() {
        stylesheet().to_owned()
    } else if let Some(hex) = name
        .strip_prefix("theme-")
        .and_then(|rest| rest.strip_suffix(".css"))
    {
        theme(hex).ok_or(WebError::NotFound)?
    } else {
        return Err(WebError::NotFound);
    };
    Ok((
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response())
}

/// The theme stylesheet for colour `rrggbb`: the colour itself for borders
/// and, for text and buttons, the colour darkened until white text on it and
/// it on white reach the 4.5:1 contrast of WCAG AA.
fn theme(hex: &str) -> Option<String> {
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    let mut rgb = [channel(0)?, channel(2)?, channel(4)?].map(f64::from);
    let accent = format!("#{hex}");
    while contrast_with_white(rgb) < 4.6 {
        rgb = rgb.map(|c| (c * 0.9).floor());
    }
    let [r, g, b] = rgb.map(|c| c as u8);
    Some(format!(
        ":root {{ --accent: {accent}; --accent-ink: #{r:02x}{g:02x}{b:02x}; }}\n"
    ))
}

fn contrast_with_white(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(hex: &str, expected: Option<&str>) {
        assert_eq!(theme(hex).as_deref(), expected, "{hex}");
    }

    #[test]
    fn darkens_light_colours_for_text_only() {
        check(
            "000000",
            Some(":root { --accent: #000000; --accent-ink: #000000; }\n"),
        );
        check(
            "009e89",
            Some(":root { --accent: #009e89; --accent-ink: #007f6e; }\n"),
        );
        check(
            "ffffff",
            Some(":root { --accent: #ffffff; --accent-ink: #6c6c6c; }\n"),
        );
        check("zzzzzz", None);
        check("12345", None);
    }

    #[test]
    fn ink_always_reaches_aa_contrast_on_white() {
        for hex in ["ffff00", "00ffff", "ff9900", "abcdef", "009e89", "777777"] {
            let css = theme(hex).unwrap();
            let ink = css.split("--accent-ink: #").nth(1).unwrap();
            let channel = |i: usize| f64::from(u8::from_str_radix(&ink[i..i + 2], 16).unwrap());
            assert!(
                contrast_with_white([channel(0), channel(2), channel(4)]) >= 4.5,
                "{hex}: {css}"
            );
        }
    }
}
