//! Arrivals: the rounds that welcome a community's newcomers, the members
//! each round tells, and the community's webhook.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::communities::community::CommunityId;
use cercle_core::communities::store::{
    ArrivalClaim, JobCompletion, MemberPage, Newcomers, WebhookSave,
};
use cercle_core::communities::webhook::{Webhook, WebhookKind, WebhookUrl};
use cercle_core::kernel::store::{StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::Recipient;

use crate::ops::notify::{read_recipient, write_notices};
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::Sql;

pub(crate) async fn member_recipients(
    db: &impl Sql,
    page: &MemberPage,
) -> StoreResult<Vec<Recipient>> {
    db.query(
        include_str!("../../sql/member_recipients.sql"),
        &[
            page.community.0.into(),
            page.after.map_or(0, |after| after.0).into(),
            i64::from(page.limit.get()).into(),
            page.kind.as_str().into(),
            page.newcomers_of.map(|job| job.0).into(),
        ],
    )
    .await?
    .iter()
    .map(read_recipient)
    .collect()
}

/// One claim, then the newcomers read by it: a round retried finds those it
/// claimed before, along with any who arrived since.
pub(crate) async fn claim_arrivals(db: &impl Sql, claim: &ArrivalClaim) -> StoreResult<Newcomers> {
    let params = [claim.community.0.into(), claim.job.0.into()];
    db.execute(
        "UPDATE community_members SET arrival_job = $2 \
         WHERE community_id = $1 AND arrival_job = 0",
        &params,
    )
    .await?;
    let count = one(
        db,
        "SELECT COUNT(*) FROM community_members WHERE community_id = $1 AND arrival_job = $2",
        &params,
    )
    .await?
    .int(0)?;
    let names = db
        .query(
            "SELECT accounts.display_name FROM community_members \
             JOIN accounts ON accounts.id = community_members.account_id \
             WHERE community_members.community_id = $1 AND community_members.arrival_job = $2 \
             ORDER BY community_members.joined_at, community_members.account_id LIMIT $3",
            &[params[0], params[1], i64::from(claim.named).into()],
        )
        .await?
        .iter()
        .map(|row| row.text(0))
        .collect::<StoreResult<_>>()?;
    Ok(Newcomers {
        names,
        count: u64::try_from(count).map_err(|error| StoreError::Other(Box::new(error)))?,
    })
}

/// The condition on the job makes a second completion, by a worker whose
/// lease had lapsed, write nothing: its transaction is rolled back.
pub(crate) async fn complete_job_with(
    db: &impl Sql,
    completion: &JobCompletion,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE jobs SET done_at = $2, leased_until = NULL \
         WHERE id = $1 AND done_at IS NULL AND failed_at IS NULL",
        &[completion.job.0.into(), completion.at.0.into()],
    )
    .await?;
    write_notices(db, &completion.notices).await
}

pub(crate) async fn community_webhook(
    db: &impl Sql,
    community: CommunityId,
) -> StoreResult<Option<Webhook>> {
    let rows = db
        .query(
            "SELECT kind, url FROM community_webhooks WHERE community_id = $1",
            &[community.0.into()],
        )
        .await?;
    rows.first()
        .map(|row| {
            Ok(Webhook {
                kind: decode("community_webhooks.kind", WebhookKind::parse(&row.text(0)?))?,
                url: WebhookUrl::from_stored(row.text(1)?),
            })
        })
        .transpose()
}

pub(crate) async fn set_community_webhook(db: &impl Sql, save: &WebhookSave) -> StoreResult<()> {
    db.execute(
        "INSERT INTO community_webhooks (community_id, kind, url, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (community_id) DO UPDATE SET kind = $2, url = $3, updated_by = $4, updated_at = $5",
        &[
            save.community.0.into(),
            save.webhook.kind.as_str().into(),
            save.webhook.url.as_str().into(),
            save.by.0.into(),
            save.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        webhook_audit(save.community, save.by, save.at, AuditAction::WebhookSet),
    )
    .await
}

pub(crate) async fn remove_community_webhook(
    db: &impl Sql,
    removal: &WebhookRemoval,
) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM community_webhooks WHERE community_id = $1",
        &[removal.community.0.into()],
    )
    .await?;
    audit(
        db,
        webhook_audit(
            removal.community,
            removal.by,
            removal.at,
            AuditAction::WebhookRemoved,
        ),
    )
    .await
}

/// A webhook removed, carried as one value to the writer thread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WebhookRemoval {
    pub(crate) community: CommunityId,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

fn webhook_audit(
    community: CommunityId,
    by: AccountId,
    at: Timestamp,
    action: AuditAction,
) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("community:{}/webhook", community.0),
    }
}
