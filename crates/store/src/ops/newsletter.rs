//! The newsletter: mailing lists, subscriptions by double opt-in, issues and
//! their one-click unsubscribe links.

use cercle_core::accounts::audit::AuditAction;
use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::community::Slug;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::newsletter::{
    Issue, IssueId, MailingList, MailingListId, MailingListSave, NewIssue, NewSubscription,
    SentIssue, Subscription, SubscriptionId, SubscriptionState,
};

use crate::ops::kernel::enqueue;
use crate::ops::{Audit, audit, decode, one};
use crate::sql::{Row, Sql};

pub(crate) async fn mailing_lists(db: &impl Sql) -> StoreResult<Vec<MailingList>> {
    db.query(
        "SELECT mailing_lists.id, mailing_lists.slug, mailing_lists.name, \
         mailing_lists.description, \
         (SELECT COUNT(*) FROM newsletter_subscriptions \
          WHERE newsletter_subscriptions.list_id = mailing_lists.id \
          AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL) \
         FROM mailing_lists ORDER BY mailing_lists.name, mailing_lists.id",
        &[],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(MailingList {
            id: MailingListId(row.int(0)?),
            slug: decode("mailing_lists.slug", Slug::parse(&row.text(1)?))?,
            name: row.text(2)?,
            description: row.text(3)?,
            subscribers: row.int(4)?,
        })
    })
    .collect()
}

pub(crate) async fn create_mailing_list(
    db: &impl Sql,
    save: &MailingListSave,
) -> StoreResult<MailingListId> {
    let id = MailingListId(
        one(
            db,
            "INSERT INTO mailing_lists (slug, name, description, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
            &[
                save.slug.as_str().into(),
                save.name.as_str().into(),
                save.description.as_str().into(),
                save.at.0.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    audit(
        db,
        Audit {
            at: save.at,
            actor: Some(save.by),
            action: AuditAction::MailingListCreated,
            subject: format!("mailing_list:{}", id.0),
        },
    )
    .await?;
    Ok(id)
}

/// A subscription not yet confirmed, or ended, waits again for the new
/// token; a confirmed one is left as it is. The upsert's own condition
/// decides, so that two requests for one address cannot both insert.
pub(crate) async fn subscribe_to_newsletter(
    db: &impl Sql,
    subscription: &NewSubscription,
) -> StoreResult<()> {
    let mut waiting = 0;
    for list in &subscription.lists {
        waiting += db
            .execute(
                "INSERT INTO newsletter_subscriptions \
                 (list_id, email, language, confirm_hash, confirm_expires_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (list_id, email) DO UPDATE SET \
                 language = $3, confirm_hash = $4, confirm_expires_at = $5, \
                 confirmed_at = NULL, unsubscribed_at = NULL \
                 WHERE newsletter_subscriptions.confirmed_at IS NULL \
                 OR newsletter_subscriptions.unsubscribed_at IS NOT NULL",
                &[
                    list.0.into(),
                    subscription.email.as_str().into(),
                    subscription.language.code().into(),
                    subscription.token.as_str().into(),
                    subscription.expires_at.0.into(),
                    subscription.at.0.into(),
                ],
            )
            .await?;
    }
    if waiting > 0 {
        enqueue(db, &subscription.confirmation).await
    } else {
        enqueue(db, &subscription.already).await
    }
}

pub(crate) async fn confirm_subscriptions(
    db: &impl Sql,
    token: &TokenHash,
    now: Timestamp,
) -> StoreResult<Vec<MailingListId>> {
    let confirmed = db
        .query(
            "UPDATE newsletter_subscriptions \
             SET confirmed_at = $2, confirm_hash = NULL, confirm_expires_at = NULL \
             WHERE confirm_hash = $1 AND confirm_expires_at > $2 \
             AND confirmed_at IS NULL AND unsubscribed_at IS NULL \
             RETURNING id, list_id",
            &[token.as_str().into(), now.0.into()],
        )
        .await?;
    if confirmed.is_empty() {
        return Err(StoreError::NotFound);
    }
    let mut lists = Vec::new();
    for row in &confirmed {
        audit(
            db,
            subscription_audit(row.int(0)?, now, AuditAction::NewsletterConfirmed),
        )
        .await?;
        lists.push(MailingListId(row.int(1)?));
    }
    lists.sort();
    Ok(lists)
}

const SUBSCRIPTION_COLUMNS: &str = "newsletter_subscriptions.id, newsletter_subscriptions.list_id, \
     newsletter_subscriptions.email, newsletter_subscriptions.language, \
     newsletter_subscriptions.created_at, newsletter_subscriptions.confirmed_at, \
     newsletter_subscriptions.unsubscribed_at";

fn subscription(row: &Row) -> StoreResult<Subscription> {
    let state = match (row.optional_int(5)?, row.optional_int(6)?) {
        (_, Some(_)) => SubscriptionState::Unsubscribed,
        (Some(_), None) => SubscriptionState::Confirmed,
        (None, None) => SubscriptionState::Pending,
    };
    Ok(Subscription {
        id: SubscriptionId(row.int(0)?),
        list: MailingListId(row.int(1)?),
        email: decode(
            "newsletter_subscriptions.email",
            EmailAddress::parse(&row.text(2)?),
        )?,
        language: decode(
            "newsletter_subscriptions.language",
            Language::parse(&row.text(3)?),
        )?,
        state,
        created_at: Timestamp(row.int(4)?),
    })
}

pub(crate) async fn subscription_by_unsubscribe_link(
    db: &impl Sql,
    token: &TokenHash,
) -> StoreResult<Subscription> {
    let row = one(
        db,
        &format!(
            "SELECT {SUBSCRIPTION_COLUMNS} FROM newsletter_unsubscribe_links \
             JOIN newsletter_subscriptions \
             ON newsletter_subscriptions.id = newsletter_unsubscribe_links.subscription_id \
             WHERE newsletter_unsubscribe_links.hash = $1"
        ),
        &[token.as_str().into()],
    )
    .await?;
    subscription(&row)
}

pub(crate) async fn unsubscribe(
    db: &impl Sql,
    token: &TokenHash,
    now: Timestamp,
) -> StoreResult<Subscription> {
    let found = subscription_by_unsubscribe_link(db, token).await?;
    let ended = db
        .execute(
            "UPDATE newsletter_subscriptions SET unsubscribed_at = $2 \
             WHERE id = $1 AND unsubscribed_at IS NULL",
            &[found.id.0.into(), now.0.into()],
        )
        .await?;
    if ended > 0 {
        audit(
            db,
            subscription_audit(found.id.0, now, AuditAction::NewsletterUnsubscribed),
        )
        .await?;
    }
    subscription_by_unsubscribe_link(db, token).await
}

pub(crate) async fn subscribers(
    db: &impl Sql,
    list: MailingListId,
) -> StoreResult<Vec<Subscription>> {
    db.query(
        &format!(
            "SELECT {SUBSCRIPTION_COLUMNS} FROM newsletter_subscriptions \
             WHERE list_id = $1 ORDER BY email"
        ),
        &[list.0.into()],
    )
    .await?
    .iter()
    .map(subscription)
    .collect()
}

/// Each delivery goes out only while its subscription is confirmed on the
/// issue's list: one that ended while the issue was being written gets none.
pub(crate) async fn send_newsletter_issue(
    db: &impl Sql,
    issue: &NewIssue,
) -> StoreResult<SentIssue> {
    let id = IssueId(
        one(
            db,
            "INSERT INTO newsletter_issues (list_id, subject, body, sent_by, sent_at, recipients) \
             VALUES ($1, $2, $3, $4, $5, 0) RETURNING id",
            &[
                issue.list.0.into(),
                issue.subject.as_str().into(),
                issue.body.as_str().into(),
                issue.by.0.into(),
                issue.at.0.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    let mut recipients = 0;
    for delivery in &issue.deliveries {
        let confirmed = db
            .query(
                "SELECT id FROM newsletter_subscriptions \
                 WHERE id = $1 AND list_id = $2 \
                 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL",
                &[delivery.subscription.0.into(), issue.list.0.into()],
            )
            .await?;
        if confirmed.is_empty() {
            continue;
        }
        db.execute(
            "INSERT INTO newsletter_unsubscribe_links (hash, subscription_id, created_at) \
             VALUES ($1, $2, $3)",
            &[
                delivery.unsubscribe.as_str().into(),
                delivery.subscription.0.into(),
                issue.at.0.into(),
            ],
        )
        .await?;
        enqueue(db, &delivery.email).await?;
        recipients += 1;
    }
    db.execute(
        "UPDATE newsletter_issues SET recipients = $2 WHERE id = $1",
        &[id.0.into(), recipients.into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: issue.at,
            actor: Some(issue.by),
            action: AuditAction::NewsletterIssueSent,
            subject: format!("newsletter_issue:{}", id.0),
        },
    )
    .await?;
    Ok(SentIssue { id, recipients })
}

pub(crate) async fn newsletter_issues(db: &impl Sql) -> StoreResult<Vec<Issue>> {
    db.query(
        "SELECT newsletter_issues.id, newsletter_issues.list_id, newsletter_issues.subject, \
         COALESCE(accounts.display_name, ''), newsletter_issues.sent_at, \
         newsletter_issues.recipients \
         FROM newsletter_issues \
         LEFT JOIN accounts ON accounts.id = newsletter_issues.sent_by \
         ORDER BY newsletter_issues.sent_at DESC, newsletter_issues.id DESC",
        &[],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Issue {
            id: IssueId(row.int(0)?),
            list: MailingListId(row.int(1)?),
            subject: row.text(2)?,
            sent_by: row.text(3)?,
            sent_at: Timestamp(row.int(4)?),
            recipients: row.int(5)?,
        })
    })
    .collect()
}

/// Subscriptions are audited by number: the address stays out of the log.
fn subscription_audit(id: i64, at: Timestamp, action: AuditAction) -> Audit {
    Audit {
        at,
        actor: None,
        action,
        subject: format!("newsletter_subscription:{id}"),
    }
}
