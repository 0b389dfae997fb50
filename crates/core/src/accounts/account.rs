//! People with an account: who they are and how they prove it.

use std::fmt;

use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc};
use serde::{Deserialize, Serialize};

use crate::kernel::association::Language;
use crate::kernel::email::EmailAddress;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, label};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountId(pub i64);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A signed-up person, as every page and policy decision sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub language: Language,
    pub roles: Vec<Role>,
    pub created_at: Timestamp,
}

impl Account {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Association-level roles, granted by administrators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    /// Examines applications and decides in the bureau's sessions.
    BureauMember,
    /// Records dues payments.
    Treasurer,
    Moderator,
    /// Receives private security reports.
    SecurityContact,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::BureauMember,
        Role::Treasurer,
        Role::Moderator,
        Role::SecurityContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::BureauMember => "bureau_member",
            Self::Treasurer => "treasurer",
            Self::Moderator => "moderator",
            Self::SecurityContact => "security_contact",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == input)
    }
}

/// What log-in needs to know about an account, and nothing a page would show.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub account_id: AccountId,
    pub password_hash: PasswordHash,
    pub email_confirmed: bool,
    pub language: Language,
}

/// The name shown for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        label(
            input,
            1,
            100,
            ValidationError::new("display_name", "error-display-name"),
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed: 10 to 128 characters. Never printed.
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let count = input.chars().count();
        if (Self::MIN_CHARS..=Self::MAX_CHARS).contains(&count) {
            Ok(Self(input.to_owned()))
        } else {
            Err(ValidationError::new("password", "error-password-length"))
        }
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// An argon2id hash in PHC string form.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn of(password: &Password) -> Self {
        let salt = phc::Salt::generate();
        let hash = argon2::Argon2::default()
            .hash_password(password.0.as_bytes(), &salt)
            .expect(
                "argon2id with default parameters hashes any password of at most 128 characters",
            );
        Self(hash.to_string())
    }

    /// The hash of an account created without a password (by an import): it
    /// matches nothing until its holder sets a password through a reset link.
    pub fn unusable() -> Self {
        Self("!".to_owned())
    }

    /// Wraps a hash read back from storage.
    pub fn from_stored(phc_string: String) -> Self {
        Self(phc_string)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is the password this hash was made from. A stored
    /// hash that cannot be parsed matches nothing.
    pub fn verify(&self, candidate: &str) -> bool {
        phc::PasswordHash::new(&self.0).is_ok_and(|parsed| {
            argon2::Argon2::default()
                .verify_password(candidate.as_bytes(), &parsed)
                .is_ok()
        })
    }

    /// A hash, with the default parameters, of a password nobody uses. It is
    /// verified when an email has no account, so that log-in takes as long
    /// either way and its timing tells nothing.
    pub fn decoy() -> Self {
        Self(
            "$argon2id$v=19$m=19456,t=2,p=1$OoYlfdleEkktHOwQNtundA$A8oUlsSJzMcKi90zs1RlYB6QYjqFOBhUdD8HxpW4NGI"
                .to_owned(),
        )
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

/// The person-level fields of an account about to be created.
#[derive(Debug, Clone)]
pub struct NewAccountFields {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub password_hash: PasswordHash,
    pub language: Language,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_password(length: usize, accepted: bool) {
        assert_eq!(
            Password::parse(&"é".repeat(length)).is_ok(),
            accepted,
            "{length} characters"
        );
    }

    #[test]
    fn passwords_hold_ten_to_128_characters() {
        check_password(9, false);
        check_password(10, true);
        check_password(128, true);
        check_password(129, false);
    }

    #[test]
    fn hashes_verify_only_their_password() {
        let hash = PasswordHash::of(&Password::parse("correct horse battery").unwrap());
        assert!(hash.as_str().starts_with("$argon2id$"));
        assert!(hash.verify("correct horse battery"));
        assert!(!hash.verify("correct horse batterY"));
        assert!(!PasswordHash::from_stored("garbage".into()).verify("correct horse battery"));
        assert!(!PasswordHash::unusable().verify("!"));
    }

    #[test]
    fn display_names_are_trimmed_labels() {
        assert_eq!(
            DisplayName::parse("  Cécile Durandin ").unwrap().as_str(),
            "Cécile Durandin"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse("a\u{0007}b").is_err());
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
    }
}
