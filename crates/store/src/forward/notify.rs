//! The notifications' `NotifyStore` on both backends.

use cercle_core::accounts::account::AccountId;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::{
    EmailPreferences, Notification, NotificationId, NotificationKind, Recipient,
};
use cercle_core::notify::store::{NotificationSettingsSave, NotifyStore};

use crate::ops;
use crate::ops::notification::Reading;

forward! {
    impl NotifyStore {
        read_inline fn notifications(
            account: AccountId,
            limit: u32,
        ) -> StoreResult<Vec<Notification>>
            => ops::notification::notifications;
        read_inline fn unread_notifications(account: AccountId) -> StoreResult<i64>
            => ops::notification::unread_notifications;
        write fn mark_notification_read(
            account: AccountId,
            id: NotificationId,
            at: Timestamp,
        ) -> StoreResult<()>
            => ops::notification::mark_notification_read(&Reading {
                account,
                notification: id,
                at,
            });
        write fn mark_all_notifications_read(account: AccountId, at: Timestamp) -> StoreResult<()>
            => ops::notification::mark_all_notifications_read;
        read_inline fn email_preferences(account: AccountId) -> StoreResult<EmailPreferences>
            => ops::notification::email_preferences;
        read_blocking fn recipients(
            kind: NotificationKind,
            accounts: &[AccountId],
        ) -> StoreResult<Vec<Recipient>>
            => ops::notification::recipients;
        write fn save_notification_settings(settings: &NotificationSettingsSave) -> StoreResult<()>
            => ops::notification::save_notification_settings;
    }
}
