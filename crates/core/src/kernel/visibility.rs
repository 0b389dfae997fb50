//! Who may know that a thing exists: a community today, its events and
//! content tomorrow. The policy decides from it; every surface obeys.

use serde::{Deserialize, Serialize};

use crate::kernel::validation::ValidationError;

/// Who may know that a community exists and read its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everyone, visitors included.
    Public,
    /// Signed-in people of the association.
    MembersOnly,
    /// Its own members and the administrators; to anyone else it does not exist.
    Secret,
}

impl Visibility {
    pub const ALL: &'static [Self] = &[Self::Public, Self::MembersOnly, Self::Secret];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::MembersOnly => "members_only",
            Self::Secret => "secret",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .iter()
            .copied()
            .find(|visibility| visibility.as_str() == input.trim())
            .ok_or(ValidationError::new("visibility", "error-visibility"))
    }
}
