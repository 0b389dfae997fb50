//! Uploaded images (logos): recognised by their bytes, never by what the
//! sender says, measured from their header, and for SVG, checked to hold
//! nothing that could run or fetch anything.

use crate::kernel::validation::ValidationError;

/// The most an uploaded image may weigh.
pub const MAX_IMAGE_BYTES: usize = 512 * 1024;

/// The widest and tallest an image may be, in pixels.
const MAX_SIDE: u32 = 4096;

/// A file as received, before anything is believed about it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Svg,
}

impl ImageKind {
    pub const ALL: [Self; 4] = [Self::Png, Self::Jpeg, Self::Webp, Self::Svg];

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    pub fn from_content_type(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.content_type() == value)
    }

    /// Whether a file name's extension announces this kind.
    fn named_by(self, extension: &str) -> bool {
        match self {
            Self::Png => extension == "png",
            Self::Jpeg => matches!(extension, "jpg" | "jpeg"),
            Self::Webp => extension == "webp",
            Self::Svg => extension == "svg",
        }
    }
}

/// An image that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

impl Image {
    /// Accepts a PNG, JPEG, WebP or SVG file of at most [`MAX_IMAGE_BYTES`]
    /// whose name says what its bytes are, whose header gives sane
    /// dimensions, and which, for SVG, holds no script, event handler,
    /// external reference or foreign object. Every refusal names `field`.
    pub fn parse(field: &'static str, upload: &Upload) -> Result<Self, ValidationError> {
        let refuse = |message| ValidationError::new(field, message);
        let bytes = &upload.bytes;
        if bytes.is_empty() {
            return Err(refuse("error-image-empty"));
        }
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(refuse("error-image-too-large"));
        }
        let kind = sniff(bytes).ok_or_else(|| refuse("error-image-type"))?;
        let extension = upload
            .file_name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        if !kind.named_by(&extension) {
            return Err(refuse("error-image-mismatch"));
        }
        let dimensions = match kind {
            ImageKind::Png => png_size(bytes),
            ImageKind::Jpeg => jpeg_size(bytes),
            ImageKind::Webp => webp_size(bytes),
            ImageKind::Svg => svg_size(bytes).map_err(|()| refuse("error-image-svg"))?,
        };
        let (width, height) = dimensions.ok_or_else(|| refuse("error-image-dimensions"))?;
        if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
            return Err(refuse("error-image-dimensions"));
        }
        Ok(Self {
            kind,
            width,
            height,
            bytes: bytes.clone(),
        })
    }
}

/// The kind the bytes themselves announce.
fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else if looks_like_svg(bytes) {
        Some(ImageKind::Svg)
    } else {
        None
    }
}

/// UTF-8 text whose first element, after the XML declaration, comments and
/// white space, is `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            match after.find("?>") {
                Some(end) => rest = after[end + 2..].trim_start(),
                None => return false,
            }
        } else if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => rest = after[end + 3..].trim_start(),
                None => return false,
            }
        } else {
            return rest.starts_with("<svg");
        }
    }
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn be16(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(
        bytes.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le16(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        bytes.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le24(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at + 3)?;
    Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
}

/// The first chunk of a PNG is its IHDR, which starts with the width and
/// the height.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    (bytes.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(bytes, 16)?, be32(bytes, 20)?))
}

/// Walks the JPEG's segments up to its start-of-frame, which holds the
/// height and the width.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        while *bytes.get(at)? != 0xFF {
            at += 1;
        }
        while *bytes.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *bytes.get(at)?;
        at += 1;
        match marker {
            0xD0..=0xD7 | 0x01 => continue,
            // The image data begins without a frame header: not a picture.
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((be16(bytes, at + 5)?, be16(bytes, at + 3)?));
            }
            _ => at += usize::try_from(be16(bytes, at)?).ok()?,
        }
    }
}

/// Reads the canvas of a lossy (`VP8 `), lossless (`VP8L`) or extended
/// (`VP8X`) WebP.
fn webp_size(bytes: &[u8]) -> Option<(u32, u32)> {
    match bytes.get(12..16)? {
        b"VP8 " => {
            (bytes.get(23..26)? == [0x9D, 0x01, 0x2A]).then_some(())?;
            Some((le16(bytes, 26)? & 0x3FFF, le16(bytes, 28)? & 0x3FFF))
        }
        b"VP8L" => {
            (*bytes.get(20)? == 0x2F).then_some(())?;
            let bits = u32::from_le_bytes(bytes.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        b"VP8X" => Some((le24(bytes, 24)? + 1, le24(bytes, 27)? + 1)),
        _ => None,
    }
}

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The namespaces of the metadata drawing programs leave in their files.
const METADATA_NAMESPACES: [&str; 5] = [
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
];

/// The SVG elements a logo is drawn with. Everything else (script,
/// foreignObject, links, animations that could rewrite a link, images that
/// fetch other files) refuses the file.
const SVG_ELEMENTS: [&str; 27] = [
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "metadata",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "symbol",
    "use",
    "style",
    "filter",
    "feGaussianBlur",
    "feOffset",
];

/// Checks an SVG and reads its size from `width` and `height`, else from
/// its `viewBox`; `Err` when it holds anything unsafe or does not parse.
fn svg_size(bytes: &[u8]) -> Result<Option<(u32, u32)>, ()> {
    let text = std::str::from_utf8(bytes).map_err(drop)?;
    let lower = text.to_ascii_lowercase();
    // Entities could smuggle in what the checks below look for.
    if lower.contains("<!doctype") || lower.contains("<!entity") {
        return Err(());
    }
    let document = roxmltree::Document::parse(text).map_err(drop)?;
    for node in document.descendants() {
        if node.is_pi() {
            return Err(());
        }
        if node.is_text()
            && node
                .parent_element()
                .is_some_and(|p| p.has_tag_name((SVG_NAMESPACE, "style")))
        {
            check_value(node.text().unwrap_or_default())?;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        let allowed = match name.namespace() {
            Some(SVG_NAMESPACE) => SVG_ELEMENTS.contains(&name.name()),
            Some(namespace) => METADATA_NAMESPACES.contains(&namespace),
            None => false,
        };
        if !allowed {
            return Err(());
        }
        for attribute in node.attributes() {
            let local = attribute.name().to_ascii_lowercase();
            if local.starts_with("on") {
                return Err(());
            }
            let value = attribute.value();
            if local == "href" && !value.trim_start().starts_with('#') {
                return Err(());
            }
            check_value(value)?;
        }
    }
    let root = document.root_element();
    if !root.has_tag_name((SVG_NAMESPACE, "svg")) {
        return Err(());
    }
    let length = |name| root.attribute(name).and_then(svg_length);
    let size = match (length("width"), length("height")) {
        (Some(width), Some(height)) => Some((width, height)),
        _ => root.attribute("viewBox").and_then(|view_box| {
            let numbers: Vec<f64> = view_box
                .split([' ', ',', '\t', '\n'])
                .filter(|s| !s.is_empty())
                .map(str::parse)
                .collect::<Result<_, _>>()
                .ok()?;
            match numbers.as_slice() {
                [_, _, width, height] => Some((pixels(*width)?, pixels(*height)?)),
                _ => None,
            }
        }),
    };
    Ok(size)
}

/// Refuses a value that runs script or reaches outside the file: a
/// `javascript:` address, an `@import`, a CSS expression, or a `url()` that
/// is not a reference inside the file.
fn check_value(value: &str) -> Result<(), ()> {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if squeezed.contains("javascript:")
        || squeezed.contains("@import")
        || squeezed.contains("expression(")
    {
        return Err(());
    }
    let mut rest = squeezed.as_str();
    while let Some(start) = rest.find("url(") {
        rest = &rest[start + 4..];
        let target = rest.trim_start_matches(['\'', '"']);
        if !target.starts_with('#') {
            return Err(());
        }
    }
    Ok(())
}

/// A length in user units or pixels; percentages and other units say
/// nothing about pixels.
fn svg_length(value: &str) -> Option<u32> {
    let number = value.trim().trim_end_matches("px");
    pixels(number.parse().ok()?)
}

fn pixels(value: f64) -> Option<u32> {
    (value.is_finite() && value > 0.0 && value <= f64::from(MAX_SIDE)).then(|| value.ceil() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG signature and IHDR chunk declaring `width` × `height`.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    fn upload(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            file_name: name.to_owned(),
            bytes: bytes.to_vec(),
        }
    }

    fn check(name: &str, bytes: &[u8], expected: Result<(ImageKind, u32, u32), &str>) {
        let parsed = Image::parse("logo", &upload(name, bytes))
            .map(|i| (i.kind, i.width, i.height))
            .map_err(|e| e.message);
        assert_eq!(parsed, expected, "{name}");
    }

    #[test]
    fn recognises_images_by_their_bytes() {
        check("logo.png", &png(120, 60), Ok((ImageKind::Png, 120, 60)));
        check("logo.PNG", &png(1, 1), Ok((ImageKind::Png, 1, 1)));
        check("logo.svg", &png(120, 60), Err("error-image-mismatch"));
        check("logo.png", b"GIF89a....", Err("error-image-type"));
        check("notes.txt", b"hello", Err("error-image-type"));
        check("logo.png", &png(0, 10), Err("error-image-dimensions"));
        check("logo.png", &png(100_000, 10), Err("error-image-dimensions"));
        check("logo.png", &[], Err("error-image-empty"));
        let mut big = png(10, 10);
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        check("logo.png", &big, Err("error-image-too-large"));
    }

    #[test]
    fn reads_jpeg_and_webp_headers() {
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, // APP0, length 4
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, // SOF0: 48 high, 64 wide
        ];
        check("photo.jpeg", &jpeg, Ok((ImageKind::Jpeg, 64, 48)));
        check("photo.jpg", &jpeg[..10], Err("error-image-dimensions"));
        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        let bits: u32 = (200 - 1) | ((100 - 1) << 14);
        lossless.extend(bits.to_le_bytes());
        check("logo.webp", &lossless, Ok((ImageKind::Webp, 200, 100)));
        let mut extended = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        extended.extend([0x1F, 0x01, 0x00, 0x3F, 0x00, 0x00]);
        check("logo.webp", &extended, Ok((ImageKind::Webp, 288, 64)));
    }

    #[test]
    fn accepts_a_plain_svg_logo() {
        let svg = r##"<?xml version="1.0"?>
<!-- drawn by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 40">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#009e89"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect class="a" width="120" height="40" fill="url(#g)"/>
  <use xlink:href="#g"/>
  <text x="4" y="30">Cercle</text>
</svg>"##;
        check("logo.svg", svg.as_bytes(), Ok((ImageKind::Svg, 120, 40)));
        let sized = r#"<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32"><path d="M0 0h4"/></svg>"#;
        check("logo.svg", sized.as_bytes(), Ok((ImageKind::Svg, 64, 32)));
    }

    #[test]
    fn refuses_svg_that_could_run_or_fetch_anything() {
        let wrap = |inner: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{inner}</svg>"#
            )
        };
        for unsafe_svg in [
            wrap("<script>alert(1)</script>"),
            wrap(r#"<rect width="1" height="1" onload="alert(1)"/>"#),
            wrap(r#"<rect width="1" height="1" ONCLICK="alert(1)"/>"#),
            wrap(r#"<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>"#),
            wrap(r#"<image href="https://tracker.example/x.png"/>"#),
            wrap(r##"<use xlink:href="https://evil.example/sprite.svg#a"/>"##),
            wrap(r#"<a href="javascript:alert(1)"><rect/></a>"#),
            wrap(r#"<rect style="fill: url(https://evil.example/x)"/>"#),
            wrap("<style>@import url(https://evil.example/x.css);</style>"),
            wrap(r#"<set attributeName="href" to="javascript:alert(1)"/>"#),
            wrap(
                r#"<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>"#,
            ),
            wrap(r#"<?xml-stylesheet href="https://evil.example/x.css"?>"#),
            format!("<!DOCTYPE svg [<!ENTITY x \"y\">]>{}", wrap("<rect/>")),
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect/>"#.to_owned(),
        ] {
            let result = Image::parse("logo", &upload("logo.svg", unsafe_svg.as_bytes()));
            assert!(result.is_err(), "accepted {unsafe_svg}");
        }
        let sizeless = r#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#;
        check(
            "logo.svg",
            sizeless.as_bytes(),
            Err("error-image-dimensions"),
        );
    }
}
