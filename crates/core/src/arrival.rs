//! The announcement of an arrival to every member of the community (seed
//! 002), off the request that made the member.
//!
//! The change that makes someone a member enqueues, in its transaction, the
//! job of the first batch. The worker tells the members in batches, in
//! account order: each batch's notifications, its emails and the job of the
//! next batch are written in one transaction that also marks the batch's job
//! done, so that a batch retried after a crash is written exactly once, and
//! joining a community costs the request one job whatever its size. Members
//! who left before their batch ran are not told; those who came after it may
//! be, as members.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountId};
use crate::accounts::Context;
use crate::community::{Community, CommunityId};
use crate::job::{JobId, JobPayload, NewJob};
use crate::notification::{Event, Happening, Notices, NotificationKind, Recipient, Teller, plan};
use crate::store::{JobCompletion, MemberPage, StoreError};
use crate::time::Timestamp;

/// How many members one job tells, unless the instance says otherwise:
/// large enough that the jobs' overhead does not count, small enough that
/// one batch's transaction stays short.
pub const BATCH: NonZeroU32 = NonZeroU32::new(500).expect("not zero");

/// An arrival still to be told to the members after `after`: the payload of
/// each batch's job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub community: CommunityId,
    /// The community's name as it was on arrival, so that every batch writes
    /// the same sentence.
    pub community_name: String,
    /// The community's page, where the notifications lead.
    pub path: String,
    pub newcomer: AccountId,
    pub newcomer_name: String,
    pub at: Timestamp,
    /// The last member the previous batch read; `None` for the first batch.
    pub after: Option<AccountId>,
}

impl Arrival {
    /// The first batch of `newcomer`'s arrival in `community`.
    pub fn new(community: &Community, newcomer: &Account, at: Timestamp) -> Self {
        Self {
            community: community.id,
            community_name: community.fields.name.clone(),
            path: crate::communities::page_of(community),
            newcomer: newcomer.id,
            newcomer_name: newcomer.display_name.as_str().to_owned(),
            at,
            after: None,
        }
    }

    /// What every sentence about the arrival says. Its key names the
    /// community and the newcomer, and the emails' and the webhook's keys
    /// derive from it, so that nobody is emailed twice about one person.
    pub fn happening(&self) -> Happening<'_> {
        Happening {
            event: Event::Arrival {
                newcomer: &self.newcomer_name,
            },
            community: &self.community_name,
            path: self.path.clone(),
            key: format!("arrival:{}:{}", self.community.0, self.newcomer),
        }
    }

    /// The job of this batch. Its key names the arrival, its moment (someone
    /// who comes back is announced again in the app) and where the batch
    /// starts, so that enqueuing one batch twice is a no-op.
    pub fn job(&self) -> NewJob {
        NewJob {
            key: format!(
                "arrival:{}:{}:{}:after:{}",
                self.community.0,
                self.newcomer,
                self.at.0,
                self.after.map_or(0, |after| after.0)
            ),
            payload: JobPayload::AnnounceArrival(self.clone()),
            run_at: self.at,
        }
    }
}

/// What one batch writes: the notices of `recipients` (the next members in
/// account order, read for this batch) but the newcomer, who is not told of
/// their own arrival, and the next batch's job when this one is full, since
/// more members may follow.
pub fn plan_batch(
    teller: Teller<'_>,
    arrival: &Arrival,
    size: NonZeroU32,
    recipients: &[Recipient],
) -> Notices {
    let others: Vec<Recipient> = recipients
        .iter()
        .filter(|recipient| recipient.account != arrival.newcomer)
        .cloned()
        .collect();
    let mut notices = plan(teller, &arrival.happening(), &others);
    let full = u32::try_from(recipients.len()).is_ok_and(|read| read >= size.get());
    if let Some(last) = recipients.last().filter(|_| full) {
        let next = Arrival {
            after: Some(last.account),
            ..arrival.clone()
        };
        notices.jobs.push(next.job());
    }
    notices
}

/// Tells the next batch of members of `arrival`, completing the job `job`
/// in the same transaction; [`StoreError::NotFound`] when another worker
/// completed it first, and nothing is written then.
pub async fn announce(
    ctx: Context<'_>,
    job: JobId,
    arrival: &Arrival,
    size: NonZeroU32,
) -> Result<(), StoreError> {
    let page = MemberPage {
        community: arrival.community,
        kind: NotificationKind::CommunityArrival,
        after: arrival.after,
        limit: size,
    };
    let recipients = ctx.store.member_recipients(&page).await?;
    // Every batch dates its notifications and emails from the arrival.
    let teller = Teller {
        now: arrival.at,
        ..Teller::from(ctx)
    };
    let completion = JobCompletion {
        job,
        notices: plan_batch(teller, arrival, size, &recipients),
        at: ctx.now,
    };
    ctx.store.complete_job_with(&completion).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::association::Language;
    use crate::notification::tests::recipient;

    fn arrival(after: Option<i64>) -> Arrival {
        Arrival {
            community: CommunityId(7),
            community_name: "Infra & Services".to_owned(),
            path: "/c/infra".to_owned(),
            newcomer: AccountId(3),
            newcomer_name: "Ada Lovelace".to_owned(),
            at: Timestamp(42),
            after: after.map(AccountId),
        }
    }

    /// What a batch of the members `read` (id, wants email) writes: who is
    /// notified, who is emailed, and the keys of the other jobs.
    #[derive(Debug, PartialEq, Eq)]
    struct Written {
        notified: Vec<i64>,
        emails: Vec<String>,
        next: Option<String>,
    }

    fn check(read: &[(i64, bool)], size: u32, expected: &Written) {
        let teller = Teller {
            association: "ADN Ouest",
            base_url: "https://cercle.example",
            now: Timestamp(42),
        };
        let recipients: Vec<Recipient> = read
            .iter()
            .map(|&(id, email)| recipient(id, Language::Fr, email))
            .collect();
        let size = NonZeroU32::new(size).unwrap();
        let notices = plan_batch(teller, &arrival(Some(1)), size, &recipients);
        let mut emails = Vec::new();
        let mut next = None;
        for job in &notices.jobs {
            match &job.payload {
                JobPayload::SendEmail(_) => emails.push(job.key.clone()),
                JobPayload::AnnounceArrival(following) => {
                    assert_eq!(following.community, CommunityId(7));
                    assert_eq!(job.run_at, Timestamp(42));
                    assert_eq!(
                        job.key,
                        following.job().key,
                        "the key names where it starts"
                    );
                    next = Some(job.key.clone());
                }
                other => panic!("unexpected job {other:?}"),
            }
        }
        let written = Written {
            notified: notices.notifications.iter().map(|n| n.account.0).collect(),
            emails,
            next,
        };
        assert_eq!(written, *expected, "{read:?} in batches of {size}");
    }

    fn written(notified: &[i64], emailed: &[i64], next: Option<i64>) -> Written {
        Written {
            notified: notified.to_vec(),
            emails: emailed
                .iter()
                .map(|id| format!("email:arrival:7:3:{id}"))
                .collect(),
            next: next.map(|after| format!("arrival:7:3:42:after:{after}")),
        }
    }

    #[test]
    fn a_batch_tells_its_members_but_the_newcomer_and_enqueues_the_next_when_full() {
        check(&[], 2, &written(&[], &[], None));
        check(&[(5, true)], 2, &written(&[5], &[5], None));
        check(
            &[(2, true), (5, false)],
            2,
            &written(&[2, 5], &[2], Some(5)),
        );
        check(
            &[(2, true), (3, true), (5, true)],
            3,
            &written(&[2, 5], &[2, 5], Some(5)),
        );
        check(&[(2, true), (3, true)], 2, &written(&[2], &[2], Some(3)));
        check(&[(3, true)], 1, &written(&[], &[], Some(3)));
        check(&[(3, true)], 2, &written(&[], &[], None));
    }

    #[test]
    fn every_batch_writes_the_same_sentence_dated_from_the_arrival() {
        let teller = Teller {
            association: "ADN Ouest",
            base_url: "https://cercle.example",
            now: Timestamp(42),
        };
        let size = NonZeroU32::new(10).unwrap();
        let first = plan_batch(
            teller,
            &arrival(None),
            size,
            &[recipient(1, Language::En, true)],
        );
        let later = plan_batch(
            teller,
            &arrival(Some(1)),
            size,
            &[recipient(1, Language::En, true)],
        );
        assert_eq!(first.notifications, later.notifications);
        assert_eq!(
            first.notifications[0].text,
            "Ada Lovelace joined Infra & Services"
        );
        assert_eq!(first.notifications[0].created_at, Timestamp(42));
        assert_eq!(first.jobs[0].key, later.jobs[0].key, "one email per person");
        assert_eq!(arrival(None).job().key, "arrival:7:3:42:after:0");
    }
}
