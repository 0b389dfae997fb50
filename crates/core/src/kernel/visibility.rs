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

/// Who may know that an event exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone, visitors included, as far as its community is seen.
    Public,
    /// Signed-in people of the association.
    Members,
    /// The members of the community that holds it; to anyone else it does
    /// not exist.
    Community,
}

impl Audience {
    pub const ALL: [Self; 3] = [Self::Public, Self::Members, Self::Community];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Members => "members",
            Self::Community => "community",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|audience| audience.as_str() == input.trim())
            .ok_or(ValidationError::new("audience", "error-event-audience"))
    }
}
