//! The error every `parse` constructor returns.

use std::fmt;

/// Why a piece of user input was refused.
///
/// `field` names the form field or JSON member; `message` is the key of a
/// translated sentence in the locale files, so that every surface can show
/// the reason in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: &'static str,
    pub message: &'static str,
}

impl ValidationError {
    pub const fn new(field: &'static str, message: &'static str) -> Self {
        Self { field, message }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ValidationError {}

/// Collects the error of a parse into `errors`, so that a form reports
/// every refused field at once.
pub(crate) fn keep<T>(
    errors: &mut Vec<ValidationError>,
    parsed: Result<T, ValidationError>,
) -> Option<T> {
    parsed.map_err(|error| errors.push(error)).ok()
}

/// Trims `input` and checks that it holds between `min` and `max` characters
/// and no control characters: the shape of every short human-entered label.
pub fn label(
    input: &str,
    min: usize,
    max: usize,
    error: ValidationError,
) -> Result<String, ValidationError> {
    let trimmed = input.trim();
    let count = trimmed.chars().count();
    if count < min || count > max || trimmed.chars().any(char::is_control) {
        return Err(error);
    }
    Ok(trimmed.to_owned())
}
