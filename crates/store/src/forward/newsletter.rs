//! The newsletter's `NewsletterStore` on both backends.

use cercle_core::accounts::secret::TokenHash;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::newsletter::store::NewsletterStore;
use cercle_core::newsletter::{
    Issue, MailingList, MailingListId, MailingListSave, NewIssue, NewSubscription, SentIssue,
    Subscription,
};

use crate::ops;

forward! {
    impl NewsletterStore {
        read_inline fn mailing_lists() -> StoreResult<Vec<MailingList>>
            => ops::newsletter::mailing_lists;
        write fn create_mailing_list(save: &MailingListSave) -> StoreResult<MailingListId>
            => ops::newsletter::create_mailing_list;
        write fn subscribe_to_newsletter(subscription: &NewSubscription) -> StoreResult<()>
            => ops::newsletter::subscribe_to_newsletter;
        write fn confirm_subscriptions(
            token: &TokenHash,
            now: Timestamp,
        ) -> StoreResult<Vec<MailingListId>>
            => ops::newsletter::confirm_subscriptions;
        read_inline fn subscription_by_unsubscribe_link(
            token: &TokenHash,
        ) -> StoreResult<Subscription>
            => ops::newsletter::subscription_by_unsubscribe_link;
        write fn unsubscribe(token: &TokenHash, now: Timestamp) -> StoreResult<Subscription>
            => ops::newsletter::unsubscribe;
        read_blocking fn subscribers(list: MailingListId) -> StoreResult<Vec<Subscription>>
            => ops::newsletter::subscribers;
        write fn send_newsletter_issue(issue: &NewIssue) -> StoreResult<SentIssue>
            => ops::newsletter::send_newsletter_issue;
        read_blocking fn newsletter_issues() -> StoreResult<Vec<Issue>>
            => ops::newsletter::newsletter_issues;
    }
}
