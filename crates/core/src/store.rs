//! What the domain needs from storage.
//!
//! The `store` crate implements [`Store`] on SQLite and on PostgreSQL. Each
//! method is one transaction: a change, the audit entry it writes and the
//! jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::account::{
    Account, AccountId, Credentials, DisplayName, EmailAddress, NewAccountFields, PasswordHash,
};
use crate::association::{Association, Language};
use crate::audit::AuditEntry;
use crate::job::{Job, JobClaim, JobId, NewJob};
use crate::secret::{
    ApiToken, ApiTokenId, ApiTokenScope, EmailToken, NewApiToken, NewSession, TokenHash,
};
use crate::time::Timestamp;

pub type StoreResult<T> = Result<T, StoreError>;

/// The three outcomes callers tell apart; everything else is the backend's
/// business and is logged, not shown.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflicts with existing data")]
    Conflict,
    #[error("storage failure: {0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// The first administrator and the association, created together.
#[derive(Debug, Clone)]
pub struct InstanceSetup {
    pub association: Association,
    pub administrator: NewAccountFields,
    pub at: Timestamp,
}

/// A new account, and how its address is confirmed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub fields: NewAccountFields,
    pub verification: Verification,
    pub at: Timestamp,
}

#[derive(Debug, Clone)]
pub enum Verification {
    /// Created by an administrator or the demo: the address is trusted.
    Confirmed,
    /// Signed up: a link is emailed, and the account cannot log in until used.
    Pending { token: EmailToken, email: NewJob },
}

/// A reset link for the account holding `email`, with the email carrying it.
#[derive(Debug, Clone)]
pub struct PasswordResetRequest {
    pub account: AccountId,
    pub token: EmailToken,
    pub email: NewJob,
}

/// A new password chosen through a reset link: every session ends.
#[derive(Debug, Clone)]
pub struct PasswordReset {
    pub token: TokenHash,
    pub new_hash: PasswordHash,
    pub at: Timestamp,
}

/// A new password chosen while signed in: every other session ends.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    pub account: AccountId,
    pub new_hash: PasswordHash,
    pub keep_session: TokenHash,
    pub notice: NewJob,
    pub at: Timestamp,
}

/// A person's new name and language.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    pub account: AccountId,
    pub display_name: DisplayName,
    pub language: Language,
    pub at: Timestamp,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Answers when the database does; used by `/readyz`.
    async fn ping(&self) -> StoreResult<()>;

    /// The association, or `None` before setup.
    async fn association(&self) -> StoreResult<Option<Association>>;
    /// [`StoreError::Conflict`] once the instance is set up.
    async fn set_up_instance(&self, setup: &InstanceSetup) -> StoreResult<AccountId>;

    /// [`StoreError::Conflict`] when the email has an account.
    async fn create_account(&self, account: &NewAccount) -> StoreResult<AccountId>;
    async fn account(&self, id: AccountId) -> StoreResult<Account>;
    async fn account_by_email(&self, email: &EmailAddress) -> StoreResult<Account>;
    async fn credentials(&self, email: &EmailAddress) -> StoreResult<Credentials>;
    /// Uses a confirmation token; [`StoreError::NotFound`] when it is unknown,
    /// used or expired.
    async fn confirm_email(&self, token: &TokenHash, now: Timestamp) -> StoreResult<AccountId>;
    /// Issues a fresh confirmation link to an account not yet confirmed.
    async fn resend_confirmation(
        &self,
        account: AccountId,
        token: &EmailToken,
        email: &NewJob,
    ) -> StoreResult<()>;
    async fn request_password_reset(&self, request: &PasswordResetRequest) -> StoreResult<()>;
    /// [`StoreError::NotFound`] when the token is unknown, used or expired.
    async fn reset_password(&self, reset: &PasswordReset) -> StoreResult<AccountId>;
    async fn change_password(&self, change: &PasswordChange) -> StoreResult<()>;
    async fn update_profile(&self, update: &ProfileUpdate) -> StoreResult<()>;
    /// Removes the account with its sessions and tokens.
    async fn delete_account(&self, account: AccountId, at: Timestamp) -> StoreResult<()>;

    async fn create_session(&self, session: &NewSession) -> StoreResult<()>;
    /// The account behind an unexpired session.
    async fn session_account(&self, session: &TokenHash, now: Timestamp) -> StoreResult<Account>;
    async fn delete_session(&self, session: &TokenHash) -> StoreResult<()>;

    async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<ApiTokenId>;
    async fn api_tokens(&self, account: AccountId) -> StoreResult<Vec<ApiToken>>;
    /// [`StoreError::NotFound`] unless `account` owns the token.
    async fn revoke_api_token(
        &self,
        account: AccountId,
        token: ApiTokenId,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// The account and scope behind a token, recording its use.
    async fn api_token_account(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<(Account, ApiTokenScope)>;

    /// Does nothing when a job with the same key exists.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<()>;
    /// Due jobs, each leased to the caller until `claim.lease_until`.
    async fn claim_jobs(&self, claim: &JobClaim) -> StoreResult<Vec<Job>>;
    async fn complete_job(&self, job: JobId, at: Timestamp) -> StoreResult<()>;
    /// Records a failed attempt; `retry_at` of `None` gives up on the job.
    async fn fail_job(
        &self,
        job: JobId,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> StoreResult<()>;
    /// Jobs neither done nor given up, for health checks and tests.
    async fn pending_jobs(&self) -> StoreResult<i64>;

    /// The newest entries first.
    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    /// Connections in use and in all, for the metrics endpoint.
    fn pool_status(&self) -> PoolStatus;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PoolStatus {
    pub in_use: usize,
    pub size: usize,
}
