//! The account flows: setting up the instance, signing up, confirming,
//! logging in, resetting and changing passwords, deleting an account and
//! managing API tokens.
//!
//! Each function parses its raw input, applies the rules and asks the store
//! for one transaction, so that every surface (pages, API, command line)
//! behaves the same way.

use crate::accounts::account::{
    Account, AccountId, DisplayName, NewAccountFields, Password, PasswordHash,
};
use crate::accounts::audit::AuditEntry;
use crate::accounts::policy::{self, Action, Actor, Denial};
use crate::accounts::secret::{
    ApiToken, ApiTokenId, ApiTokenName, ApiTokenScope, EmailToken, EmailTokenPurpose, NewApiToken,
    NewSession, Secret, TokenHash,
};
use crate::accounts::store::InstanceSetup;
use crate::accounts::store::NewAccount;
use crate::accounts::store::PasswordChange;
use crate::accounts::store::PasswordReset;
use crate::accounts::store::PasswordResetRequest;
use crate::accounts::store::ProfileUpdate;
use crate::accounts::store::Storage;
use crate::accounts::store::Verification;
use crate::kernel::association::{Association, AssociationName, Language, ThemeColour};
use crate::kernel::email::EmailAddress;
use crate::kernel::flow::Context;
use crate::kernel::job::NewJob;
use crate::kernel::mail::{OutgoingEmail, Sender};
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep};

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// One entry per refused field, to show next to each.
    #[error("invalid input")]
    Invalid(Vec<ValidationError>),
    #[error("the instance is already set up")]
    AlreadySetUp,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("the email address is not confirmed yet")]
    Unconfirmed,
    #[error("the link is invalid, used or expired")]
    InvalidLink,
    #[error("the current password is wrong")]
    WrongCurrentPassword,
    #[error("not allowed: {0:?}")]
    Denied(Denial),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
}

impl FlowError {
    /// One refused field, with the message key saying why.
    pub(crate) fn field(field: &'static str, message: &'static str) -> Self {
        Self::Invalid(vec![ValidationError::new(field, message)])
    }
}

/// The actor's account, or the refusal that asks them to sign in.
pub(crate) fn signed_in<'a>(actor: Actor<'a>) -> Result<&'a Account, FlowError> {
    actor
        .account()
        .ok_or(FlowError::Denied(Denial::SignInRequired))
}

impl From<StoreError> for FlowError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            other => Self::Store(other),
        }
    }
}

impl From<Denial> for FlowError {
    fn from(denial: Denial) -> Self {
        Self::Denied(denial)
    }
}

/// The setup form: the association (`name`, `language`, `theme_colour`) and
/// its first administrator. Field names match the errors' `field`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SetupInput {
    pub name: String,
    pub language: String,
    pub theme_colour: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Creates the association and its first administrator, and signs the
/// administrator in: returns the session's cookie secret.
pub async fn set_up_instance(
    ctx: &Context<'_, dyn Storage>,
    input: &SetupInput,
) -> Result<Secret, FlowError> {
    let mut errors = Vec::new();
    let name = keep(&mut errors, AssociationName::parse(&input.name));
    let language = keep(&mut errors, Language::parse(&input.language));
    let colour = keep(&mut errors, ThemeColour::parse(&input.theme_colour));
    let admin = parse_new_person(
        &mut errors,
        &input.display_name,
        &input.email,
        &input.password,
    );
    let (Some(name), Some(language), Some(theme_colour), Some((display_name, email, password))) =
        (name, language, colour, admin)
    else {
        return Err(FlowError::Invalid(errors));
    };
    if ctx.store.association().await?.is_some() {
        return Err(FlowError::AlreadySetUp);
    }
    let setup = InstanceSetup {
        association: Association {
            name,
            default_language: language,
            theme_colour,
        },
        administrator: NewAccountFields {
            email,
            display_name,
            password_hash: PasswordHash::of(&password),
            language,
        },
        at: ctx.now,
    };
    let administrator = ctx
        .store
        .set_up_instance(&setup)
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::AlreadySetUp,
            other => other.into(),
        })?;
    let (secret, session) = NewSession::start(administrator, ctx.now);
    ctx.store.create_session(&session).await?;
    Ok(secret)
}

/// The sign-up form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SignUpInput {
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// Creates an unconfirmed account and emails its confirmation link. When the
/// address already has an account, its holder is told by email instead, and
/// the caller sees the same success: the answer reveals nothing.
pub async fn sign_up(
    ctx: &Context<'_, dyn Storage>,
    input: &SignUpInput,
    language: Language,
) -> Result<(), FlowError> {
    let mut errors = Vec::new();
    let Some((display_name, email, password)) = parse_new_person(
        &mut errors,
        &input.display_name,
        &input.email,
        &input.password,
    ) else {
        return Err(FlowError::Invalid(errors));
    };
    let sender = Sender {
        association: &ctx.association,
        language,
    };
    let (secret, token) = EmailToken::issue(EmailTokenPurpose::ConfirmEmail, ctx.now);
    let confirmation = email_job(
        format!("email:confirm:{}", token.hash.as_str()),
        sender.confirm_email(&email, &link(ctx, "confirm", &secret)),
        ctx.now,
    );
    let account = NewAccount {
        fields: NewAccountFields {
            email: email.clone(),
            display_name,
            password_hash: PasswordHash::of(&password),
            language,
        },
        verification: Verification::Pending {
            token,
            email: confirmation,
        },
        at: ctx.now,
    };
    match ctx.store.create_account(&account).await {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict) => {
            let holder = ctx.store.account_by_email(&email).await?;
            let sender = Sender {
                association: &ctx.association,
                language: holder.language,
            };
            let notice = sender.already_registered(
                &email,
                &format!("{}/login", ctx.base_url),
                &format!("{}/password/forgot", ctx.base_url),
            );
            // One notice a day at most, however often the form is sent.
            let day = ctx.now.0 / 86_400;
            ctx.store
                .enqueue(&email_job(
                    format!("email:already-registered:{}:{day}", holder.id),
                    notice,
                    ctx.now,
                ))
                .await?;
            Ok(())
        }
        Err(other) => Err(other.into()),
    }
}

/// Uses a confirmation link.
pub async fn confirm_email(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
) -> Result<AccountId, FlowError> {
    ctx.store
        .confirm_email(&TokenHash::of(token), ctx.now)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => FlowError::InvalidLink,
            other => other.into(),
        })
}

/// Checks a password and opens a session; returns the cookie secret.
///
/// An unknown email and a wrong password give the same error after the same
/// amount of work. A right password on an unconfirmed account sends a fresh
/// confirmation link.
pub async fn log_in(
    ctx: &Context<'_, dyn Storage>,
    email: &str,
    password: &str,
) -> Result<(Secret, AccountId), FlowError> {
    let credentials = match EmailAddress::parse(email) {
        Ok(email) => match ctx.store.credentials(&email).await {
            Ok(credentials) => Some((email, credentials)),
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        },
        Err(_) => None,
    };
    let Some((email, credentials)) = credentials else {
        PasswordHash::decoy().verify(password);
        return Err(FlowError::BadCredentials);
    };
    if !credentials.password_hash.verify(password) {
        return Err(FlowError::BadCredentials);
    }
    if !credentials.email_confirmed {
        let sender = Sender {
            association: &ctx.association,
            language: credentials.language,
        };
        let (secret, token) = EmailToken::issue(EmailTokenPurpose::ConfirmEmail, ctx.now);
        let job = email_job(
            format!("email:confirm:{}", token.hash.as_str()),
            sender.confirm_email(&email, &link(ctx, "confirm", &secret)),
            ctx.now,
        );
        ctx.store
            .resend_confirmation(credentials.account_id, &token, &job)
            .await?;
        return Err(FlowError::Unconfirmed);
    }
    let (secret, session) = NewSession::start(credentials.account_id, ctx.now);
    ctx.store.create_session(&session).await?;
    Ok((secret, credentials.account_id))
}

/// Emails a reset link when the address has an account; does nothing, and
/// says nothing different, when it has none.
pub async fn request_password_reset(
    ctx: &Context<'_, dyn Storage>,
    email: &str,
) -> Result<(), FlowError> {
    let email = EmailAddress::parse(email).map_err(|error| FlowError::Invalid(vec![error]))?;
    let account = match ctx.store.account_by_email(&email).await {
        Ok(account) => account,
        Err(StoreError::NotFound) => return Ok(()),
        Err(other) => return Err(other.into()),
    };
    let sender = Sender {
        association: &ctx.association,
        language: account.language,
    };
    let (secret, token) = EmailToken::issue(EmailTokenPurpose::ResetPassword, ctx.now);
    let job = email_job(
        format!("email:reset:{}", token.hash.as_str()),
        sender.reset_password(&email, &link(ctx, "password/reset", &secret)),
        ctx.now,
    );
    ctx.store
        .request_password_reset(&PasswordResetRequest {
            account: account.id,
            token,
            email: job,
        })
        .await?;
    Ok(())
}

/// Sets a new password through a reset link and ends every session.
pub async fn reset_password(
    ctx: &Context<'_, dyn Storage>,
    token: &str,
    new_password: &NewPasswordInput,
) -> Result<AccountId, FlowError> {
    let password = new_password.parse()?;
    let reset = PasswordReset {
        token: TokenHash::of(token),
        new_hash: PasswordHash::of(&password),
        at: ctx.now,
    };
    ctx.store
        .reset_password(&reset)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => FlowError::InvalidLink,
            other => other.into(),
        })
}

/// A new password typed twice.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewPasswordInput {
    pub password: String,
    pub password_again: String,
}

impl NewPasswordInput {
    fn parse(&self) -> Result<Password, FlowError> {
        let password =
            Password::parse(&self.password).map_err(|error| FlowError::Invalid(vec![error]))?;
        if self.password != self.password_again {
            return Err(FlowError::Invalid(vec![ValidationError::new(
                "password_again",
                "error-password-mismatch",
            )]));
        }
        Ok(password)
    }
}

/// The password-change form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PasswordChangeInput {
    pub current_password: String,
    #[serde(flatten)]
    pub new: NewPasswordInput,
}

/// Changes the password of a signed-in person, keeps their current session
/// and ends all others, and tells them by email.
pub async fn change_password(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    current_session: &TokenHash,
    input: &PasswordChangeInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let credentials = ctx.store.credentials(&account.email).await?;
    if !credentials.password_hash.verify(&input.current_password) {
        return Err(FlowError::WrongCurrentPassword);
    }
    let password = input.new.parse()?;
    let sender = Sender {
        association: &ctx.association,
        language: account.language,
    };
    let notice = email_job(
        format!("email:password-changed:{}:{}", account.id, ctx.now.0),
        sender.password_changed(&account.email, &format!("{}/password/forgot", ctx.base_url)),
        ctx.now,
    );
    let change = PasswordChange {
        account: account.id,
        new_hash: PasswordHash::of(&password),
        keep_session: current_session.clone(),
        notice,
        at: ctx.now,
    };
    Ok(ctx.store.change_password(&change).await?)
}

/// Changes to a profile; absent fields stay as they are.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ProfileInput {
    pub display_name: Option<String>,
    pub language: Option<String>,
}

/// Updates the actor's own name and language; returns the account as saved.
pub async fn update_profile(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &ProfileInput,
) -> Result<Account, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let mut errors = Vec::new();
    let display_name = match &input.display_name {
        Some(name) => keep(&mut errors, DisplayName::parse(name)),
        None => Some(account.display_name.clone()),
    };
    let language = match &input.language {
        Some(code) => keep(&mut errors, Language::parse(code)),
        None => Some(account.language),
    };
    let (Some(display_name), Some(language)) = (display_name, language) else {
        return Err(FlowError::Invalid(errors));
    };
    let update = ProfileUpdate {
        account: account.id,
        display_name,
        language,
        at: ctx.now,
    };
    ctx.store.update_profile(&update).await?;
    Ok(ctx.store.account(account.id).await?)
}

/// Deletes the actor's own account once they have typed its email address.
pub async fn delete_account(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    typed_email: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    if EmailAddress::parse(typed_email).ok().as_ref() != Some(&account.email) {
        return Err(FlowError::Invalid(vec![ValidationError::new(
            "confirm_email",
            "error-confirm-delete",
        )]));
    }
    Ok(ctx.store.delete_account(account.id, ctx.now).await?)
}

/// The form that creates an API token.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ApiTokenInput {
    pub name: String,
    pub scope: String,
}

/// Creates an API token and returns it: the only time it is ever shown.
pub async fn create_api_token(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &ApiTokenInput,
) -> Result<String, FlowError> {
    policy::check(actor, Action::ManageApiTokens)?;
    let account = signed_in(actor)?;
    let mut errors = Vec::new();
    let name = keep(&mut errors, ApiTokenName::parse(&input.name));
    let scope = keep(&mut errors, ApiTokenScope::parse(&input.scope));
    let (Some(name), Some(scope)) = (name, scope) else {
        return Err(FlowError::Invalid(errors));
    };
    let (shown, token) = NewApiToken::issue(account.id, name, scope, ctx.now);
    ctx.store.create_api_token(&token).await?;
    Ok(shown)
}

pub async fn revoke_api_token(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    token: ApiTokenId,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageApiTokens)?;
    let account = signed_in(actor)?;
    Ok(ctx
        .store
        .revoke_api_token(account.id, token, ctx.now)
        .await?)
}

/// Who presents `secret` as a session cookie, if anyone.
pub async fn session_account(
    ctx: &Context<'_, dyn Storage>,
    secret: &str,
) -> Result<Option<Account>, StoreError> {
    match ctx
        .store
        .session_account(&TokenHash::of(secret), ctx.now)
        .await
    {
        Ok(account) => Ok(Some(account)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Ends the session whose secret hashes to `session`; signing out twice
/// is not an error.
pub async fn log_out(ctx: &Context<'_, dyn Storage>, session: &TokenHash) -> Result<(), FlowError> {
    match ctx.store.delete_session(session).await {
        Ok(()) | Err(StoreError::NotFound) => Ok(()),
        Err(other) => Err(other.into()),
    }
}

/// The account an API token acts for, and what the token may do; `None`
/// when no live token has this secret.
pub async fn token_account(
    ctx: &Context<'_, dyn Storage>,
    secret: &str,
) -> Result<Option<(Account, ApiTokenScope)>, StoreError> {
    match ctx
        .store
        .api_token_account(&TokenHash::of(secret), ctx.now)
        .await
    {
        Ok(found) => Ok(Some(found)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The actor's own API tokens, without their secrets.
pub async fn api_tokens(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<ApiToken>, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?;
    Ok(ctx.store.api_tokens(account.id).await?)
}

/// How many entries of the audit log a reader sees at once, newest first.
pub const AUDIT_LOG_PAGE: u32 = 500;

/// The latest entries of the audit log, for those who may read it.
pub async fn audit_log(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<AuditEntry>, FlowError> {
    policy::check(actor, Action::ReadAuditLog)?;
    Ok(ctx.store.audit_log(AUDIT_LOG_PAGE).await?)
}

fn parse_new_person(
    errors: &mut Vec<ValidationError>,
    name: &str,
    email: &str,
    password: &str,
) -> Option<(DisplayName, EmailAddress, Password)> {
    let name = keep(errors, DisplayName::parse(name));
    let email = keep(errors, EmailAddress::parse(email));
    let password = keep(errors, Password::parse(password));
    Some((name?, email?, password?))
}

fn link(ctx: &Context<'_, dyn Storage>, path: &str, secret: &Secret) -> String {
    format!("{}/{path}/{}", ctx.base_url, secret.expose())
}

fn email_job(key: String, email: OutgoingEmail, now: Timestamp) -> NewJob {
    NewJob::new(key, email, now)
}
