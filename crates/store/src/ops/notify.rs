//! Notifications, and the preferences deciding which also come by email.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::{
    EmailPreferences, Notices, Notification, NotificationId, NotificationKind, Recipient,
};
use cercle_core::notify::store::NotificationSettingsSave;

use crate::ops::kernel::enqueue;
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

/// Writes what telling people about a change writes, in the change's
/// transaction: its notifications, then its jobs.
pub(crate) async fn write_notices(db: &impl Sql, notices: &Notices) -> StoreResult<()> {
    for notification in &notices.notifications {
        db.execute(
            "INSERT INTO notifications (account_id, kind, text, link, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                notification.account.0.into(),
                notification.kind.as_str().into(),
                notification.text.as_str().into(),
                notification.link.as_str().into(),
                notification.created_at.0.into(),
            ],
        )
        .await?;
    }
    for job in &notices.jobs {
        enqueue(db, job).await?;
    }
    Ok(())
}

pub(crate) async fn notifications(
    db: &impl Sql,
    account: AccountId,
    limit: u32,
) -> StoreResult<Vec<Notification>> {
    db.query(
        "SELECT id, account_id, kind, text, link, created_at, read_at FROM notifications \
         WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        &[account.0.into(), i64::from(limit).into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Notification {
            id: NotificationId(row.int(0)?),
            account: AccountId(row.int(1)?),
            kind: decode("notifications.kind", NotificationKind::parse(&row.text(2)?))?,
            text: row.text(3)?,
            link: row.text(4)?,
            created_at: Timestamp(row.int(5)?),
            read_at: row.optional_int(6)?.map(Timestamp),
        })
    })
    .collect()
}

pub(crate) async fn unread_notifications(db: &impl Sql, account: AccountId) -> StoreResult<i64> {
    one(
        db,
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL",
        &[account.0.into()],
    )
    .await?
    .int(0)
}

/// The account is part of the condition, so that another person's
/// notification is as absent as one that does not exist.
pub(crate) async fn mark_notification_read(db: &impl Sql, reading: &Reading) -> StoreResult<()> {
    changed(
        db,
        "UPDATE notifications SET read_at = COALESCE(read_at, $3) \
         WHERE id = $1 AND account_id = $2",
        &[
            reading.notification.0.into(),
            reading.account.0.into(),
            reading.at.0.into(),
        ],
    )
    .await
}

pub(crate) async fn mark_all_notifications_read(
    db: &impl Sql,
    account: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    db.execute(
        "UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL",
        &[account.0.into(), at.0.into()],
    )
    .await
    .map(drop)
}

/// One notification read by its recipient, carried as one value to the
/// writer thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    pub(crate) account: AccountId,
    pub(crate) notification: NotificationId,
    pub(crate) at: Timestamp,
}

pub(crate) async fn email_preferences(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<EmailPreferences> {
    let off = db
        .query(
            "SELECT kind FROM notification_preferences WHERE account_id = $1 AND email = 0",
            &[account.0.into()],
        )
        .await?
        .iter()
        .map(|row| {
            decode(
                "notification_preferences.kind",
                NotificationKind::parse(&row.text(0)?),
            )
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(EmailPreferences::with_off(off))
}

/// One query whatever the number of accounts, so that telling a few people
/// costs one round trip.
pub(crate) async fn recipients(
    db: &impl Sql,
    kind: NotificationKind,
    accounts: &[AccountId],
) -> StoreResult<Vec<Recipient>> {
    if accounts.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (2..accounts.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT accounts.id, accounts.email, accounts.language, \
         notification_preferences.account_id \
         FROM accounts LEFT JOIN notification_preferences \
         ON notification_preferences.account_id = accounts.id \
         AND notification_preferences.kind = $1 AND notification_preferences.email = 0 \
         WHERE accounts.id IN ({}) ORDER BY accounts.id",
        placeholders.join(", ")
    );
    let mut params: Vec<Param<'_>> = vec![kind.as_str().into()];
    params.extend(accounts.iter().map(|account| Param::from(account.0)));
    db.query(&sql, &params)
        .await?
        .iter()
        .map(read_recipient)
        .collect()
}

/// Reads `id, email, language, opt-out`, the opt-out being the account's id
/// when they turned the kind's emails off and NULL otherwise.
pub(super) fn read_recipient(row: &Row) -> StoreResult<Recipient> {
    Ok(Recipient {
        account: AccountId(row.int(0)?),
        address: decode("accounts.email", EmailAddress::parse(&row.text(1)?))?,
        language: decode("accounts.language", Language::parse(&row.text(2)?))?,
        email: row.optional_int(3)?.is_none(),
    })
}

/// Writes a row for every kind, so that what the person chose stays as it
/// is if the default for a kind ever changes.
pub(crate) async fn save_notification_settings(
    db: &impl Sql,
    settings: &NotificationSettingsSave,
) -> StoreResult<()> {
    let account = settings.account;
    changed(
        db,
        "UPDATE accounts SET language = $2 WHERE id = $1",
        &[account.0.into(), settings.language.code().into()],
    )
    .await?;
    for kind in NotificationKind::ALL {
        db.execute(
            "INSERT INTO notification_preferences (account_id, kind, email) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id, kind) DO UPDATE SET email = $3",
            &[
                account.0.into(),
                kind.as_str().into(),
                i64::from(settings.email.email(kind)).into(),
            ],
        )
        .await?;
    }
    audit(
        db,
        Audit::of_account(settings.at, account, AuditAction::NotificationSettingsSaved),
    )
    .await
}
