//! The notifications' `NotifyStore` on both backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::{
    EmailPreferences, Notification, NotificationId, NotificationKind, Recipient,
};
use cercle_core::notify::store::{NotificationSettingsSave, NotifyStore};

use crate::ops;
use crate::ops::notify::Reading;

forward! {
    impl NotifyStore {
        read_inline fn notifications(
            account: AccountId,
            limit: u32,
        ) -> StoreResult<Vec<Notification>>
            => ops::notify::notifications;
        read_inline fn unread_notifications(account: AccountId) -> StoreResult<i64>
            => ops::notify::unread_notifications;
        write fn mark_notification_read(
            account: AccountId,
            id: NotificationId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::notify::mark_notification_read(&Reading {
                account,
                notification: id,
                at,
            });
        write fn mark_all_notifications_read(account: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::notify::mark_all_notifications_read;
        read_inline fn email_preferences(account: AccountId) -> StoreResult<EmailPreferences>
            => ops::notify::email_preferences;
        read_blocking fn recipients(
            kind: NotificationKind,
            accounts: &[AccountId],
        ) -> StoreResult<Vec<Recipient>>
            => ops::notify::recipients;
        write fn save_notification_settings(settings: &NotificationSettingsSave) -> StoreResult<()>
            => ops::notify::save_notification_settings;
    }
}
