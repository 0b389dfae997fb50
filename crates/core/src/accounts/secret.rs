//! Secrets handed to a person (session cookies, email links, API tokens) and
//! the hashes under which they are stored.
//!
//! Only the hash of a secret is ever written to the database, so a leaked
//! backup opens no session and no account.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

use crate::accounts::account::AccountId;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, label};

/// 256 random bits, written as 43 URL-safe characters.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> TokenHash {
        TokenHash::of(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The SHA-256 of a secret, in lower-case hex. Secrets are random, so a fast
/// hash is enough: there is nothing to guess.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(String);

impl TokenHash {
    pub fn of(presented: &str) -> Self {
        let digest = Sha256::digest(presented.as_bytes());
        Self(digest.iter().map(|byte| format!("{byte:02x}")).collect())
    }

    pub fn from_stored(hex: String) -> Self {
        Self(hex)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How long a signed-in browser stays signed in without using the site.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(30 * 24 * 3600);

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub hash: TokenHash,
    pub account: AccountId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

impl NewSession {
    /// A fresh session for `account`: the secret goes into the cookie, the
    /// returned record into the database.
    pub fn start(account: AccountId, now: Timestamp) -> (Secret, Self) {
        let secret = Secret::generate();
        let session = Self {
            hash: secret.hash(),
            account,
            created_at: now,
            expires_at: now.plus(SESSION_LIFETIME),
        };
        (secret, session)
    }
}

/// What a link sent by email lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailTokenPurpose {
    ConfirmEmail,
    ResetPassword,
}

impl EmailTokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConfirmEmail => "confirm_email",
            Self::ResetPassword => "reset_password",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Self::ConfirmEmail => Duration::from_secs(48 * 3600),
            Self::ResetPassword => Duration::from_secs(3600),
        }
    }
}

/// A single-use link token as stored.
#[derive(Debug, Clone)]
pub struct EmailToken {
    pub hash: TokenHash,
    pub purpose: EmailTokenPurpose,
    pub expires_at: Timestamp,
}

impl EmailToken {
    pub fn issue(purpose: EmailTokenPurpose, now: Timestamp) -> (Secret, Self) {
        let secret = Secret::generate();
        let token = Self {
            hash: secret.hash(),
            purpose,
            expires_at: now.plus(purpose.lifetime()),
        };
        (secret, token)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ApiTokenId(pub i64);

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiTokenScope {
    Read,
    ReadWrite,
}

impl ApiTokenScope {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input {
            "read" => Ok(Self::Read),
            "read_write" => Ok(Self::ReadWrite),
            _ => Err(ValidationError::new("scope", "error-token-scope")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadWrite => "read_write",
        }
    }
}

/// The label a person gives a token to recognise it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenName(String);

impl ApiTokenName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        label(
            input,
            1,
            60,
            ValidationError::new("name", "error-token-name"),
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Every API token starts with this, so that secret scanners recognise one.
pub const API_TOKEN_PREFIX: &str = "cercle_";

#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub account: AccountId,
    pub name: ApiTokenName,
    pub scope: ApiTokenScope,
    pub hash: TokenHash,
    pub created_at: Timestamp,
}

impl NewApiToken {
    /// Returns the token to show once to its owner, and the record to store.
    pub fn issue(
        account: AccountId,
        name: ApiTokenName,
        scope: ApiTokenScope,
        now: Timestamp,
    ) -> (String, Self) {
        let presented = format!("{API_TOKEN_PREFIX}{}", Secret::generate().expose());
        let token = Self {
            account,
            name,
            scope,
            hash: TokenHash::of(&presented),
            created_at: now,
        };
        (presented, token)
    }
}

/// A token as listed on its owner's account page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub name: ApiTokenName,
    pub scope: ApiTokenScope,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_distinct_and_hashes_stable() {
        let a = Secret::generate();
        let b = Secret::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43);
        assert_eq!(a.hash(), TokenHash::of(a.expose()));
        assert_eq!(
            TokenHash::of("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn api_tokens_carry_their_prefix_and_are_stored_hashed() {
        let name = ApiTokenName::parse("CI").unwrap();
        let (shown, stored) =
            NewApiToken::issue(AccountId(1), name, ApiTokenScope::Read, Timestamp(0));
        assert!(shown.starts_with(API_TOKEN_PREFIX));
        assert_eq!(stored.hash, TokenHash::of(&shown));
        assert_ne!(stored.hash.as_str(), shown);
    }
}
