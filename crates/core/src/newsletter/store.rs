//! What the newsletter needs from storage: mailing lists, subscriptions and issues.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::store::StoreResult;

use crate::accounts::secret::TokenHash;
use crate::kernel::time::Timestamp;
use crate::newsletter::{
    Issue, MailingList, MailingListId, MailingListSave, NewIssue, NewSubscription, SentIssue,
    Subscription,
};

#[async_trait]
pub trait NewsletterStore: Send + Sync {
    /// Every list with its count of confirmed subscribers, by name.
    async fn mailing_lists(&self) -> StoreResult<Vec<MailingList>>;

    /// Audited; [`StoreError::Conflict`] when the slug is taken.
    async fn create_mailing_list(&self, save: &MailingListSave) -> StoreResult<MailingListId>;

    /// Records the lists the address does not receive yet as waiting for the
    /// subscription's token and enqueues its confirmation, or enqueues its
    /// `already` notice when the address receives them all;
    /// [`StoreError::NotFound`] for an unknown list.
    async fn subscribe_to_newsletter(&self, subscription: &NewSubscription) -> StoreResult<()>;

    /// Confirms the subscriptions waiting for this token, once; audited.
    /// Answers their lists; [`StoreError::NotFound`] when the token is
    /// unknown, used or expired.
    async fn confirm_subscriptions(
        &self,
        token: &TokenHash,
        now: Timestamp,
    ) -> StoreResult<Vec<MailingListId>>;

    /// The subscription an issue's unsubscribe link was made for.
    async fn subscription_by_unsubscribe_link(
        &self,
        token: &TokenHash,
    ) -> StoreResult<Subscription>;

    /// Ends the subscription the link was made for; audited the first time,
    /// a no-op after. [`StoreError::NotFound`] for an unknown link.
    async fn unsubscribe(&self, token: &TokenHash, now: Timestamp) -> StoreResult<Subscription>;

    /// Every subscription of a list, in every state, by address.
    async fn subscribers(&self, list: MailingListId) -> StoreResult<Vec<Subscription>>;

    /// Records the issue and, for each delivery whose subscription is still
    /// confirmed on the list, its unsubscribe link and its email, in one
    /// transaction; audited.
    async fn send_newsletter_issue(&self, issue: &NewIssue) -> StoreResult<SentIssue>;

    /// Newest first.
    async fn newsletter_issues(&self) -> StoreResult<Vec<Issue>>;
}

/// Everything the newsletter's flows read and write: this area's store and those of the
/// areas below it. Any full store is one.
pub trait Storage: NewsletterStore + crate::site::store::Storage {}

impl<T: ?Sized + NewsletterStore + crate::site::store::Storage> Storage for T {}
