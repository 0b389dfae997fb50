//! What the notifications need from storage: the reader's inbox, recipients and email preferences.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;

use crate::accounts::account::AccountId;
use crate::kernel::association::Language;
use crate::kernel::time::Timestamp;
use crate::notify::notification::{
    EmailPreferences, Notification, NotificationId, NotificationKind, Recipient,
};

/// A person's notification preferences and language, saved together.
#[derive(Debug, Clone)]
pub struct NotificationSettingsSave {
    pub account: AccountId,
    pub language: Language,
    pub email: EmailPreferences,
    pub at: Timestamp,
}

#[async_trait]
pub trait NotifyStore: Send + Sync {
    /// The account's newest notifications first, at most `limit`.
    async fn notifications(&self, account: AccountId, limit: u32)
    -> StoreResult<Vec<Notification>>;

    async fn unread_notifications(&self, account: AccountId) -> StoreResult<i64>;

    /// Marking a read notification again keeps its first reading;
    /// [`StoreError::NotFound`] unless the notification is the account's.
    async fn mark_notification_read(
        &self,
        account: AccountId,
        id: NotificationId,
        at: Timestamp,
    ) -> StoreResult<()>;

    async fn mark_all_notifications_read(
        &self,
        account: AccountId,
        at: Timestamp,
    ) -> StoreResult<()>;

    async fn email_preferences(&self, account: AccountId) -> StoreResult<EmailPreferences>;

    /// The accounts among `accounts` that still exist, in account order, each
    /// with whether they keep this kind by email.
    async fn recipients(
        &self,
        kind: NotificationKind,
        accounts: &[AccountId],
    ) -> StoreResult<Vec<Recipient>>;

    /// Saves the preferences and the account's language; audited;
    /// [`StoreError::NotFound`] for an unknown account.
    async fn save_notification_settings(
        &self,
        settings: &NotificationSettingsSave,
    ) -> StoreResult<()>;
}

/// Everything the notifications' flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage: NotifyStore + crate::accounts::store::Storage {}

impl<T: ?Sized + NotifyStore + crate::accounts::store::Storage> Storage for T {}
