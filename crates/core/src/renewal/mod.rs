//! What happens to memberships as days pass: a reminder before a period
//! ends, a notice once it has ended, and, where membership depends on
//! contributing (seed 004), a notice after a quiet spell and then the lapse.
//!
//! [`sweep`] runs once a day as a durable job. Every email it enqueues has a
//! key naming the membership, the period or the last contribution, so running
//! it twice, or on several instances, sends nothing twice.

use std::collections::HashMap;

use crate::accounts::account::{Account, AccountId};
use crate::admission::store::Storage;
use crate::kernel::date::Date;
use crate::kernel::flow::Context;
use serde::{Deserialize, Serialize};

use crate::kernel::job::{JobKind, NewJob};
use crate::kernel::mail::{OutgoingEmail, Sender};
use crate::kernel::store::StoreError;
use crate::kernel::store::StoreResult;
use crate::register::dues::{Holder, Membership, MembershipStatus};
use crate::register::store::StatusChange;

/// How long before the end of a period its holder is reminded.
pub const REMINDER_DAYS: i64 = 30;
/// How long after the inactivity notice a membership lapses.
pub const INACTIVITY_GRACE_DAYS: i64 = 30;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub renewal_reminders: usize,
    pub ended_notices: usize,
    pub inactivity_notices: usize,
    pub lapsed: usize,
}

/// How many memberships the sweep reads at a time.
const SWEEP_PAGE: std::num::NonZeroU32 = std::num::NonZeroU32::new(1_000).expect("not zero");

/// Looks at every active membership as of `today`.
pub async fn sweep(ctx: &Context<'_, dyn Storage>, today: Date) -> StoreResult<SweepReport> {
    let store = ctx.store;
    let settings = store.admission_settings().await?;
    let last_contribution: HashMap<AccountId, Date> = store
        .contributors()
        .await?
        .into_iter()
        .map(|c| (c.account, c.last_on))
        .collect();
    let mut report = SweepReport::default();
    // A page at a time, so that the sweep holds a thousand memberships
    // rather than every one of a large association.
    let mut after = None;
    loop {
        let page = store.memberships_after(after, SWEEP_PAGE).await?;
        let Some(last) = page.iter().map(|m| m.id).max() else {
            break;
        };
        after = Some(last);
        for membership in page {
            if membership.status != MembershipStatus::Active {
                continue;
            }
            let Some(recipient) = recipient(ctx, &membership).await? else {
                continue;
            };
            let sender = Sender {
                association: &ctx.association,
                language: recipient.language,
            };
            let account_link = format!("{}/memberships/{}", ctx.base_url, membership.id);
            if let Some(latest) = membership.periods.iter().max_by_key(|p| p.ends_on) {
                let days_left = today.days_until(latest.ends_on);
                let ends = latest.ends_on.long(recipient.language);
                if (0..=REMINDER_DAYS).contains(&days_left) {
                    let email = sender.renewal_reminder(
                        &recipient.email,
                        &membership.holder_name,
                        &ends,
                        &account_link,
                    );
                    enqueue(
                        ctx,
                        format!("email:renewal:{}:{}", membership.id, latest.id.0),
                        email,
                    )
                    .await?;
                    report.renewal_reminders += 1;
                } else if days_left < 0 {
                    let email = sender.membership_ended(
                        &recipient.email,
                        &membership.holder_name,
                        &ends,
                        &account_link,
                    );
                    enqueue(
                        ctx,
                        format!("email:ended:{}:{}", membership.id, latest.id.0),
                        email,
                    )
                    .await?;
                    report.ended_notices += 1;
                }
            }
            if let (Some(limit), Holder::Person(account)) =
                (settings.contribution_inactivity_days, membership.holder)
            {
                let since = last_contribution
                    .get(&account)
                    .copied()
                    .unwrap_or_else(|| joined_on(&membership, today));
                let idle = since.days_until(today);
                let limit = i64::from(limit);
                let last = since.long(recipient.language);
                if idle >= limit + INACTIVITY_GRACE_DAYS {
                    let change = StatusChange {
                        membership: membership.id,
                        status: MembershipStatus::Lapsed,
                        by: None,
                        at: ctx.now,
                    };
                    store.set_membership_status(&change).await?;
                    let email = sender.inactivity_lapsed(&recipient.email, &last);
                    enqueue(
                        ctx,
                        format!("email:inactive-lapsed:{}:{since}", membership.id),
                        email,
                    )
                    .await?;
                    report.lapsed += 1;
                } else if idle >= limit {
                    let lapse_on = since
                        .plus_days(limit + INACTIVITY_GRACE_DAYS)
                        .long(recipient.language);
                    let email = sender.inactivity_notice(&recipient.email, &last, &lapse_on);
                    enqueue(
                        ctx,
                        format!("email:inactive-notice:{}:{since}", membership.id),
                        email,
                    )
                    .await?;
                    report.inactivity_notices += 1;
                }
            }
        }
    }
    Ok(report)
}

/// The job that runs [`sweep`] for `day`, once whichever instance enqueues it.
pub fn daily_sweep(day: Date, now: crate::kernel::time::Timestamp) -> NewJob {
    NewJob::new(format!("sweep:{day}"), DailySweep { on: day }, now)
}

/// The job of one day's sweep: renewal reminders and the active
/// contributor rule, as of that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailySweep {
    pub on: Date,
}

impl JobKind for DailySweep {
    const KIND: &'static str = "daily_sweep";
}

/// Who hears about a membership: its holder, or its organisation's
/// representative. An organisation without one is skipped.
async fn recipient(
    ctx: &Context<'_, dyn Storage>,
    membership: &Membership,
) -> StoreResult<Option<Account>> {
    let id = match membership.holder {
        Holder::Person(account) => Some(account),
        Holder::Organisation(organisation) => ctx
            .store
            .affiliations_of_organisation(organisation)
            .await?
            .into_iter()
            .find(|a| a.representative)
            .map(|a| a.account),
    };
    match id {
        Some(id) => match ctx.store.account(id).await {
            Ok(account) => Ok(Some(account)),
            Err(StoreError::NotFound) => Ok(None),
            Err(other) => Err(other),
        },
        None => Ok(None),
    }
}

/// The day the membership began, counted as a first contribution.
fn joined_on(membership: &Membership, today: Date) -> Date {
    membership
        .periods
        .iter()
        .map(|p| p.starts_on)
        .min()
        .unwrap_or(today)
}

async fn enqueue(
    ctx: &Context<'_, dyn Storage>,
    key: String,
    email: OutgoingEmail,
) -> StoreResult<()> {
    ctx.store.enqueue(&NewJob::new(key, email, ctx.now)).await
}
