//! The audit log: who changed what, and when.
//!
//! Store methods that change something that matters write their entry in the
//! same transaction as the change, so the log cannot miss one.

use crate::account::AccountId;
use crate::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub actor: Option<AccountId>,
    pub action: String,
    pub subject: String,
}

/// The changes the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    InstanceSetUp,
    AccountCreated,
    EmailConfirmed,
    PasswordReset,
    PasswordChanged,
    ProfileUpdated,
    AccountDeleted,
    ApiTokenCreated,
    ApiTokenRevoked,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InstanceSetUp => "instance.set_up",
            Self::AccountCreated => "account.created",
            Self::EmailConfirmed => "account.email_confirmed",
            Self::PasswordReset => "account.password_reset",
            Self::PasswordChanged => "account.password_changed",
            Self::ProfileUpdated => "account.profile_updated",
            Self::AccountDeleted => "account.deleted",
            Self::ApiTokenCreated => "api_token.created",
            Self::ApiTokenRevoked => "api_token.revoked",
        }
    }
}
