//! The accounts' `AccountStore` on both backends.

use cercle_core::accounts::account::{Account, AccountId, Credentials, Role};
use cercle_core::accounts::audit::AuditEntry;
use cercle_core::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenScope, EmailToken, NewApiToken, NewSession, TokenHash,
};
use cercle_core::accounts::store::{
    AccountStore, InstanceSetup, NewAccount, PasswordChange, PasswordReset, PasswordResetRequest,
    ProfileUpdate, RolesChange,
};
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::job::NewJob;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;

use crate::ops;
use crate::postgres::Postgres;
use crate::sqlite::ready;

forward! {
    impl AccountStore {
        write fn set_up_instance(setup: &InstanceSetup) -> StoreResult<AccountId>
            => ops::accounts::set_up_instance;
        write fn create_account(account: &NewAccount) -> StoreResult<AccountId>
            => ops::accounts::create_account;
        read_inline fn account(id: AccountId) -> StoreResult<Account> => ops::accounts::account;
        read_inline fn account_by_email(email: &EmailAddress) -> StoreResult<Account>
            => ops::accounts::account_by_email;
        read_inline fn credentials(email: &EmailAddress) -> StoreResult<Credentials>
            => ops::accounts::credentials;
        write fn confirm_email(token: &TokenHash, now: Timestamp) -> StoreResult<AccountId>
            => ops::accounts::confirm_email;
        write fn resend_confirmation(
            account: AccountId,
            token: &EmailToken,
            email: &NewJob,
        ) -> StoreResult<()>
            => ops::accounts::resend_confirmation;
        write fn request_password_reset(request: &PasswordResetRequest) -> StoreResult<()>
            => ops::accounts::request_password_reset;
        write fn reset_password(reset: &PasswordReset) -> StoreResult<AccountId>
            => ops::accounts::reset_password;
        write fn change_password(change: &PasswordChange) -> StoreResult<()>
            => ops::accounts::change_password;
        write fn update_profile(update: &ProfileUpdate) -> StoreResult<()> => ops::accounts::update_profile;
        write fn delete_account(account: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::accounts::delete_account;
        write fn create_session(session: &NewSession) -> StoreResult<()> => ops::accounts::create_session;
        read_inline fn session_account(session: &TokenHash, now: Timestamp) -> StoreResult<Account>
            => ops::accounts::session_account;
        write fn delete_session(session: &TokenHash) -> StoreResult<()> => ops::accounts::delete_session;
        write fn create_api_token(token: &NewApiToken) -> StoreResult<ApiTokenId>
            => ops::accounts::create_api_token;
        read_blocking fn api_tokens(account: AccountId) -> StoreResult<Vec<ApiToken>>
            => ops::accounts::api_tokens;
        write fn revoke_api_token(
            account: AccountId,
            token: ApiTokenId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::accounts::revoke_api_token;
        read_blocking fn audit_log(limit: u32) -> StoreResult<Vec<AuditEntry>> => ops::accounts::audit_log;
        write fn set_roles(change: &RolesChange) -> StoreResult<()> => ops::accounts::set_roles;
        read_blocking fn accounts_with_role(role: Role) -> StoreResult<Vec<Account>>
            => ops::accounts::accounts_with_role;
    }
    // Finding the token and recording its use are a read and, now and then,
    // a write: each backend runs them its own way, and outside of one
    // transaction, since a lost record of use only delays the next one.
    sqlite {
        async fn api_token_account(
            &self,
            token: &TokenHash,
            now: Timestamp,
        ) -> StoreResult<(Account, ApiTokenScope)> {
            let found = self
                .read_inline(|db| ready(ops::accounts::find_api_token(db, token, now)))
                .await?;
            if found.stale {
                let token = token.clone();
                self.write(move |db| ready(ops::accounts::record_api_token_use(db, &token, now)))
                    .await?;
            }
            Ok((found.account, found.scope))
        }
    }
    postgres {
        async fn api_token_account(
            &self,
            token: &TokenHash,
            now: Timestamp,
        ) -> StoreResult<(Account, ApiTokenScope)> {
            let client = self.client().await?;
            let found = ops::accounts::find_api_token(&Postgres(&client), token, now).await?;
            if found.stale {
                ops::accounts::record_api_token_use(&Postgres(&client), token, now).await?;
            }
            Ok((found.account, found.scope))
        }
    }
}
