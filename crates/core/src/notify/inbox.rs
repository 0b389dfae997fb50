//! The notification flows: one's notifications and how many are unread,
//! marking them read, and the preferences deciding which kinds also come by
//! email, with the language they are written in.

use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::kernel::association::Language;
use crate::kernel::flow::Context;
use crate::kernel::validation::{ValidationError, keep};
use crate::notify::notification::{
    EmailPreferences, Notification, NotificationId, NotificationKind,
};
use crate::notify::store::NotificationSettingsSave;
use crate::notify::store::Storage;

/// How many notifications a list shows: the newest ones.
pub const LIMIT: u32 = 50;

/// The actor's notifications, newest first, and how many are unread in all.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub notifications: Vec<Notification>,
    pub unread: i64,
}

pub async fn inbox(ctx: &Context<'_, dyn Storage>, actor: Actor<'_>) -> Result<Inbox, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?.id;
    Ok(Inbox {
        notifications: ctx.store.notifications(account, LIMIT).await?,
        unread: ctx.store.unread_notifications(account).await?,
    })
}

/// How many of the actor's notifications are unread, for the page header.
pub async fn unread(ctx: &Context<'_, dyn Storage>, actor: Actor<'_>) -> Result<i64, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    Ok(ctx.store.unread_notifications(signed_in(actor)?.id).await?)
}

/// Marks one of the actor's notifications read; another person's answers
/// [`FlowError::NotFound`], as one that does not exist.
pub async fn mark_read(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: NotificationId,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    Ok(ctx
        .store
        .mark_notification_read(signed_in(actor)?.id, id, ctx.now)
        .await?)
}

pub async fn mark_all_read(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    Ok(ctx
        .store
        .mark_all_notifications_read(signed_in(actor)?.id, ctx.now)
        .await?)
}

/// What the preferences page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    pub language: Language,
    pub email: EmailPreferences,
}

pub async fn preferences(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Preferences, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?;
    Ok(Preferences {
        language: account.language,
        email: ctx.store.email_preferences(account.id).await?,
    })
}

/// The preferences form as sent: one `email` per kind ticked, so that a
/// kind left unticked turns its emails off, and perhaps a language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreferencesInput {
    pub email: Vec<String>,
    pub language: Option<String>,
}

impl PreferencesInput {
    /// Reads the form's fields in the order sent; fields it does not know
    /// are ignored, as a form's submit button may send its own.
    pub fn from_form(fields: &[(String, String)]) -> Self {
        let mut input = Self::default();
        for (name, value) in fields {
            match name.as_str() {
                "email" => input.email.push(value.clone()),
                "language" => input.language = Some(value.clone()),
                _ => {}
            }
        }
        input
    }
}

/// Saves which kinds also come by email, and the language, in one change.
pub async fn save_preferences(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &PreferencesInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let mut errors: Vec<ValidationError> = Vec::new();
    let wanted: Vec<NotificationKind> = input
        .email
        .iter()
        .filter_map(|kind| keep(&mut errors, NotificationKind::parse(kind)))
        .collect();
    let language = match &input.language {
        Some(code) => keep(&mut errors, Language::parse(code)),
        None => Some(account.language),
    };
    let Some(language) = language.filter(|_| errors.is_empty()) else {
        return Err(FlowError::Invalid(errors));
    };
    let email = EmailPreferences::with_off(
        NotificationKind::ALL
            .into_iter()
            .filter(|kind| !wanted.contains(kind)),
    );
    Ok(ctx
        .store
        .save_notification_settings(&NotificationSettingsSave {
            account: account.id,
            language,
            email,
            at: ctx.now,
        })
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_ticked_kind_and_the_language_from_the_form() {
        let fields = [
            ("email", "community_arrival"),
            ("email", "join_request_decided"),
            ("language", "en"),
            ("save", ""),
        ]
        .map(|(name, value)| (name.to_owned(), value.to_owned()));
        assert_eq!(
            PreferencesInput::from_form(&fields),
            PreferencesInput {
                email: vec!["community_arrival".into(), "join_request_decided".into()],
                language: Some("en".into()),
            }
        );
        assert_eq!(
            PreferencesInput::from_form(&[]),
            PreferencesInput::default()
        );
    }
}
