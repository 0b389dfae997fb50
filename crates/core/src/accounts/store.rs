//! What the accounts need from storage: accounts, sessions, email links, API tokens, roles and the audit log.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;

use crate::accounts::account::{
    Account, AccountId, Credentials, DisplayName, NewAccountFields, PasswordHash, Role,
};
use crate::accounts::audit::AuditEntry;
use crate::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenScope, EmailToken, NewApiToken, NewSession, TokenHash,
};
use crate::kernel::association::{Association, Language};
use crate::kernel::email::EmailAddress;
use crate::kernel::job::NewJob;
use crate::kernel::time::Timestamp;

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

/// Roles granted to an account by an administrator, replacing its others.
#[derive(Debug, Clone)]
pub struct RolesChange {
    pub account: AccountId,
    pub roles: Vec<Role>,
    pub by: AccountId,
    pub at: Timestamp,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
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

    /// The newest entries first.
    async fn audit_log(&self, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    /// Audited; [`StoreError::NotFound`] for an unknown account.
    async fn set_roles(&self, change: &RolesChange) -> StoreResult<()>;

    /// The accounts holding an association role, by name.
    async fn accounts_with_role(&self, role: Role) -> StoreResult<Vec<Account>>;
}

/// Everything the accounts' flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage:
    AccountStore + crate::kernel::store::InstanceStore + crate::kernel::store::JobStore
{
}

impl<
    T: ?Sized + AccountStore + crate::kernel::store::InstanceStore + crate::kernel::store::JobStore,
> Storage for T
{
}
