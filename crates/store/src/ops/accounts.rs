//! Accounts: setup, sign-up and confirmation, passwords, sessions, API
//! tokens, roles, and the audit log.

use cercle_core::accounts::account::{
    Account, AccountId, Credentials, DisplayName, NewAccountFields, PasswordHash, Role,
};
use cercle_core::accounts::audit::{AuditAction, AuditEntry};
use cercle_core::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenName, ApiTokenScope, EmailToken, EmailTokenPurpose, NewApiToken,
    NewSession, TokenHash,
};
use cercle_core::accounts::store::{
    InstanceSetup, NewAccount, PasswordChange, PasswordReset, PasswordResetRequest, ProfileUpdate,
    RolesChange, Verification,
};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::job::NewJob;
use cercle_core::kernel::store::{StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;

use crate::ops::kernel::enqueue;
use crate::ops::{Audit, audit, changed, decode, one, roles};
use crate::sql::Sql;

/// How stale an API token's `last_used_at` may get before a use records it,
/// so that a busy token does not cost a write per request.
const TOKEN_USE_RESOLUTION_SECONDS: i64 = 60;

pub(crate) async fn set_up_instance(
    db: &impl Sql,
    setup: &InstanceSetup,
) -> StoreResult<AccountId> {
    let association = &setup.association;
    db.execute(
        "INSERT INTO association (id, name, default_language, theme_colour, created_at) \
         VALUES (1, $1, $2, $3, $4)",
        &[
            association.name.as_str().into(),
            association.default_language.code().into(),
            association.theme_colour.as_str().into(),
            setup.at.0.into(),
        ],
    )
    .await?;
    let administrator = insert_account(db, &setup.administrator, Some(setup.at), setup.at).await?;
    db.execute(
        "INSERT INTO account_roles (account_id, role) VALUES ($1, $2)",
        &[administrator.0.into(), Role::Administrator.as_str().into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: setup.at,
            actor: Some(administrator),
            action: AuditAction::InstanceSetUp,
            subject: "association".to_owned(),
        },
    )
    .await?;
    Ok(administrator)
}

pub(crate) async fn create_account(db: &impl Sql, account: &NewAccount) -> StoreResult<AccountId> {
    let confirmed_at =
        matches!(account.verification, Verification::Confirmed).then_some(account.at);
    let id = insert_account(db, &account.fields, confirmed_at, account.at).await?;
    if let Verification::Pending { token, email } = &account.verification {
        insert_email_token(db, id, token).await?;
        enqueue(db, email).await?;
    }
    audit(
        db,
        Audit::of_account(account.at, id, AuditAction::AccountCreated),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn account(db: &impl Sql, id: AccountId) -> StoreResult<Account> {
    let rows = db
        .query(include_str!("../sql/account.sql"), &[id.0.into()])
        .await?;
    let first = rows.first().ok_or(StoreError::NotFound)?;
    let roles = roles(id, &rows, 5)?;
    Ok(Account {
        id: AccountId(first.int(0)?),
        email: decode("accounts.email", EmailAddress::parse(&first.text(1)?))?,
        display_name: decode("accounts.display_name", DisplayName::parse(&first.text(2)?))?,
        language: decode("accounts.language", Language::parse(&first.text(3)?))?,
        roles,
        created_at: Timestamp(first.int(4)?),
    })
}

pub(crate) async fn account_by_email(db: &impl Sql, email: &EmailAddress) -> StoreResult<Account> {
    let row = one(
        db,
        "SELECT id FROM accounts WHERE email = $1",
        &[email.as_str().into()],
    )
    .await?;
    account(db, AccountId(row.int(0)?)).await
}

pub(crate) async fn credentials(db: &impl Sql, email: &EmailAddress) -> StoreResult<Credentials> {
    let row = one(
        db,
        "SELECT id, password_hash, email_confirmed_at, language FROM accounts WHERE email = $1",
        &[email.as_str().into()],
    )
    .await?;
    Ok(Credentials {
        account_id: AccountId(row.int(0)?),
        password_hash: PasswordHash::from_stored(row.text(1)?),
        email_confirmed: row.optional_int(2)?.is_some(),
        language: decode("accounts.language", Language::parse(&row.text(3)?))?,
    })
}

pub(crate) async fn confirm_email(
    db: &impl Sql,
    token: &TokenHash,
    now: Timestamp,
) -> StoreResult<AccountId> {
    let id = use_email_token(db, token, EmailTokenPurpose::ConfirmEmail, now).await?;
    db.execute(
        "UPDATE accounts SET email_confirmed_at = $2 WHERE id = $1 AND email_confirmed_at IS NULL",
        &[id.0.into(), now.0.into()],
    )
    .await?;
    audit(db, Audit::of_account(now, id, AuditAction::EmailConfirmed)).await?;
    Ok(id)
}

pub(crate) async fn resend_confirmation(
    db: &impl Sql,
    account: AccountId,
    token: &EmailToken,
    email: &NewJob,
) -> StoreResult<()> {
    insert_email_token(db, account, token).await?;
    enqueue(db, email).await
}

pub(crate) async fn request_password_reset(
    db: &impl Sql,
    request: &PasswordResetRequest,
) -> StoreResult<()> {
    insert_email_token(db, request.account, &request.token).await?;
    enqueue(db, &request.email).await
}

/// A reset link proves the holder reads the inbox, so it also confirms the
/// address of an account that never used its confirmation link.
pub(crate) async fn reset_password(db: &impl Sql, reset: &PasswordReset) -> StoreResult<AccountId> {
    let id = use_email_token(db, &reset.token, EmailTokenPurpose::ResetPassword, reset.at).await?;
    db.execute(
        "UPDATE accounts \
         SET password_hash = $2, email_confirmed_at = COALESCE(email_confirmed_at, $3) \
         WHERE id = $1",
        &[
            id.0.into(),
            reset.new_hash.as_str().into(),
            reset.at.0.into(),
        ],
    )
    .await?;
    db.execute("DELETE FROM sessions WHERE account_id = $1", &[id.0.into()])
        .await?;
    audit(
        db,
        Audit::of_account(reset.at, id, AuditAction::PasswordReset),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn change_password(db: &impl Sql, change: &PasswordChange) -> StoreResult<()> {
    let id = change.account;
    changed(
        db,
        "UPDATE accounts SET password_hash = $2 WHERE id = $1",
        &[id.0.into(), change.new_hash.as_str().into()],
    )
    .await?;
    db.execute(
        "DELETE FROM sessions WHERE account_id = $1 AND hash <> $2",
        &[id.0.into(), change.keep_session.as_str().into()],
    )
    .await?;
    enqueue(db, &change.notice).await?;
    audit(
        db,
        Audit::of_account(change.at, id, AuditAction::PasswordChanged),
    )
    .await
}

pub(crate) async fn update_profile(db: &impl Sql, update: &ProfileUpdate) -> StoreResult<()> {
    changed(
        db,
        "UPDATE accounts SET display_name = $2, language = $3 WHERE id = $1",
        &[
            update.account.0.into(),
            update.display_name.as_str().into(),
            update.language.code().into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit::of_account(update.at, update.account, AuditAction::ProfileUpdated),
    )
    .await
}

/// The account's memberships of communities go with it: their counts are
/// lowered first, in the same transaction.
pub(crate) async fn delete_account(db: &impl Sql, id: AccountId, at: Timestamp) -> StoreResult<()> {
    db.execute(
        "UPDATE communities SET member_count = member_count - 1 WHERE id IN \
         (SELECT community_id FROM community_members WHERE account_id = $1)",
        &[id.0.into()],
    )
    .await?;
    changed(db, "DELETE FROM accounts WHERE id = $1", &[id.0.into()]).await?;
    audit(db, Audit::of_account(at, id, AuditAction::AccountDeleted)).await
}

pub(crate) async fn create_session(db: &impl Sql, session: &NewSession) -> StoreResult<()> {
    db.execute(
        "INSERT INTO sessions (hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        &[
            session.hash.as_str().into(),
            session.account.0.into(),
            session.created_at.0.into(),
            session.expires_at.0.into(),
        ],
    )
    .await
    .map(drop)
}

pub(crate) async fn session_account(
    db: &impl Sql,
    session: &TokenHash,
    now: Timestamp,
) -> StoreResult<Account> {
    let row = one(
        db,
        "SELECT account_id FROM sessions WHERE hash = $1 AND expires_at > $2",
        &[session.as_str().into(), now.0.into()],
    )
    .await?;
    account(db, AccountId(row.int(0)?)).await
}

pub(crate) async fn delete_session(db: &impl Sql, session: &TokenHash) -> StoreResult<()> {
    db.execute(
        "DELETE FROM sessions WHERE hash = $1",
        &[session.as_str().into()],
    )
    .await
    .map(drop)
}

pub(crate) async fn create_api_token(
    db: &impl Sql,
    token: &NewApiToken,
) -> StoreResult<ApiTokenId> {
    let row = one(
        db,
        "INSERT INTO api_tokens (account_id, name, scope, hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &[
            token.account.0.into(),
            token.name.as_str().into(),
            token.scope.as_str().into(),
            token.hash.as_str().into(),
            token.created_at.0.into(),
        ],
    )
    .await?;
    let id = ApiTokenId(row.int(0)?);
    audit(
        db,
        Audit {
            at: token.created_at,
            actor: Some(token.account),
            action: AuditAction::ApiTokenCreated,
            subject: api_token_subject(id),
        },
    )
    .await?;
    Ok(id)
}

pub(crate) async fn api_tokens(db: &impl Sql, account: AccountId) -> StoreResult<Vec<ApiToken>> {
    let rows = db
        .query(
            "SELECT id, name, scope, created_at, last_used_at FROM api_tokens \
             WHERE account_id = $1 ORDER BY id",
            &[account.0.into()],
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ApiToken {
                id: ApiTokenId(row.int(0)?),
                name: decode("api_tokens.name", ApiTokenName::parse(&row.text(1)?))?,
                scope: decode("api_tokens.scope", ApiTokenScope::parse(&row.text(2)?))?,
                created_at: Timestamp(row.int(3)?),
                last_used_at: row.optional_int(4)?.map(Timestamp),
            })
        })
        .collect()
}

pub(crate) async fn revoke_api_token(
    db: &impl Sql,
    account: AccountId,
    token: ApiTokenId,
    at: Timestamp,
) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM api_tokens WHERE id = $1 AND account_id = $2",
        &[token.0.into(), account.0.into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at,
            actor: Some(account),
            action: AuditAction::ApiTokenRevoked,
            subject: api_token_subject(token),
        },
    )
    .await
}

/// An API token found by its hash, before its use is recorded.
pub(crate) struct ApiTokenUse {
    pub(crate) account: Account,
    pub(crate) scope: ApiTokenScope,
    /// Whether [`record_api_token_use`] has something to write.
    pub(crate) stale: bool,
}

pub(crate) async fn find_api_token(
    db: &impl Sql,
    token: &TokenHash,
    now: Timestamp,
) -> StoreResult<ApiTokenUse> {
    let row = one(
        db,
        "SELECT account_id, scope, last_used_at FROM api_tokens WHERE hash = $1",
        &[token.as_str().into()],
    )
    .await?;
    let stale = row
        .optional_int(2)?
        .is_none_or(|last_used| last_used < now.0 - TOKEN_USE_RESOLUTION_SECONDS);
    Ok(ApiTokenUse {
        account: account(db, AccountId(row.int(0)?)).await?,
        scope: decode("api_tokens.scope", ApiTokenScope::parse(&row.text(1)?))?,
        stale,
    })
}

pub(crate) async fn record_api_token_use(
    db: &impl Sql,
    token: &TokenHash,
    now: Timestamp,
) -> StoreResult<()> {
    db.execute(
        "UPDATE api_tokens SET last_used_at = $2 \
         WHERE hash = $1 AND (last_used_at IS NULL OR last_used_at < $3)",
        &[
            token.as_str().into(),
            now.0.into(),
            (now.0 - TOKEN_USE_RESOLUTION_SECONDS).into(),
        ],
    )
    .await
    .map(drop)
}

pub(crate) async fn audit_log(db: &impl Sql, limit: u32) -> StoreResult<Vec<AuditEntry>> {
    let rows = db
        .query(
            "SELECT at, actor_id, action, subject FROM audit_log ORDER BY id DESC LIMIT $1",
            &[i64::from(limit).into()],
        )
        .await?;
    rows.iter()
        .map(|row| {
            Ok(AuditEntry {
                at: Timestamp(row.int(0)?),
                actor: row.optional_int(1)?.map(AccountId),
                action: row.text(2)?,
                subject: row.text(3)?,
            })
        })
        .collect()
}

pub(crate) async fn set_roles(db: &impl Sql, change: &RolesChange) -> StoreResult<()> {
    let account = change.account;
    // Checked first: an account given no role would otherwise pass unnoticed.
    one(
        db,
        "SELECT id FROM accounts WHERE id = $1",
        &[account.0.into()],
    )
    .await?;
    db.execute(
        "DELETE FROM account_roles WHERE account_id = $1",
        &[account.0.into()],
    )
    .await?;
    for role in &change.roles {
        db.execute(
            "INSERT INTO account_roles (account_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[account.0.into(), role.as_str().into()],
        )
        .await?;
    }
    audit(
        db,
        Audit {
            at: change.at,
            actor: Some(change.by),
            action: AuditAction::RolesChanged,
            subject: format!("account:{account}"),
        },
    )
    .await
}

pub(crate) async fn accounts_with_role(db: &impl Sql, role: Role) -> StoreResult<Vec<Account>> {
    let rows = db
        .query(
            "SELECT accounts.id FROM accounts \
             JOIN account_roles ON account_roles.account_id = accounts.id \
             WHERE account_roles.role = $1 ORDER BY accounts.display_name, accounts.id",
            &[role.as_str().into()],
        )
        .await?;
    let mut accounts = Vec::new();
    for row in &rows {
        accounts.push(account(db, AccountId(row.int(0)?)).await?);
    }
    Ok(accounts)
}

pub(super) async fn insert_account(
    db: &impl Sql,
    fields: &NewAccountFields,
    confirmed_at: Option<Timestamp>,
    at: Timestamp,
) -> StoreResult<AccountId> {
    let row = one(
        db,
        "INSERT INTO accounts (email, display_name, password_hash, language, email_confirmed_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &[
            fields.email.as_str().into(),
            fields.display_name.as_str().into(),
            fields.password_hash.as_str().into(),
            fields.language.code().into(),
            confirmed_at.map(|at| at.0).into(),
            at.0.into(),
        ],
    )
    .await?;
    Ok(AccountId(row.int(0)?))
}

async fn insert_email_token(
    db: &impl Sql,
    account: AccountId,
    token: &EmailToken,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO email_tokens (hash, account_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
        &[
            token.hash.as_str().into(),
            account.0.into(),
            token.purpose.as_str().into(),
            token.expires_at.0.into(),
        ],
    )
    .await
    .map(drop)
}

/// The account a valid, unused link token of `purpose` belongs to, marking
/// the token used; [`StoreError::NotFound`] otherwise.
async fn use_email_token(
    db: &impl Sql,
    token: &TokenHash,
    purpose: EmailTokenPurpose,
    now: Timestamp,
) -> StoreResult<AccountId> {
    let row = one(
        db,
        include_str!("../sql/use_email_token.sql"),
        &[token.as_str().into(), purpose.as_str().into(), now.0.into()],
    )
    .await?;
    Ok(AccountId(row.int(0)?))
}

fn api_token_subject(id: ApiTokenId) -> String {
    format!("api_token:{}", id.0)
}
