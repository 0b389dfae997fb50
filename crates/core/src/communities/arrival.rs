//! The announcement of arrivals to the members of the community (seed 002),
//! off the request that made the member, in rounds.
//!
//! The change that makes someone a member marks them as waiting to be
//! announced and enqueues, in its transaction, one job. That job opens a
//! round: it claims every member of the community still waiting, itself
//! included, and tells the other members of them all at once ("Ada, Bob and
//! Chloé joined"). A quiet community thus hears of each arrival alone and at
//! once, while a busy one hears of each burst once, instead of every member
//! being told of every arrival: a thousand arrivals in a community of sixty
//! thousand would otherwise write sixty million notifications. The job of
//! an arrival a previous round already told finds nobody waiting and ends.
//!
//! A round tells the members in batches, in account order: each batch's
//! notifications, its emails and the job of the next batch are written in
//! one transaction that also marks the batch's job done, so that a batch
//! retried after a crash is written exactly once, and a round retried
//! claims the same newcomers again. Members who left before their batch
//! ran are not told; those who came after it may be, as members.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use crate::accounts::account::{Account, AccountId};
use crate::communities::community::{Community, CommunityId};
use crate::communities::store::ArrivalClaim;
use crate::communities::store::JobCompletion;
use crate::communities::store::MemberPage;
use crate::communities::store::Storage;
use crate::kernel::flow::Context;
use crate::kernel::job::{JobId, JobKind, NewJob};
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::notify::notification::{
    Event, Happening, Notices, NotificationKind, Recipient, Teller, plan,
};

/// How many members one job tells, unless the instance says otherwise:
/// large enough that the jobs' overhead does not count, small enough that
/// one batch's transaction stays short.
pub const BATCH: NonZeroU32 = NonZeroU32::new(500).expect("not zero");

/// How many newcomers a round names; the others are counted.
pub const NAMED: u32 = 3;

/// An arrival to announce: the payload of the job the arrival enqueues, and
/// of each batch of the round that tells it.
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
    /// The round this batch belongs to; `None` for the arrival's own job,
    /// which opens one.
    #[serde(default)]
    pub round: Option<Round>,
    /// The last member the previous batch read; `None` for the first batch.
    pub after: Option<AccountId>,
}

/// Whether `notices` announce a member's arrival: the member then waits for
/// the next round of announcements.
pub fn announces_arrival(notices: &Notices) -> bool {
    notices
        .jobs
        .iter()
        .any(|job| job.payload::<Arrival>().is_some())
}

impl JobKind for Arrival {
    const KIND: &'static str = "announce_arrival";
}

/// A round of announcements: the newcomers it claimed, as every one of its
/// batches names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// The job that opened the round: it names the round.
    pub job: JobId,
    /// The first newcomers' names, in order of arrival.
    pub names: Vec<String>,
    /// How many more newcomers there are.
    pub others: u64,
}

impl Arrival {
    /// The job of `newcomer`'s arrival in `community`.
    pub fn new(community: &Community, newcomer: &Account, at: Timestamp) -> Self {
        Self {
            community: community.id,
            community_name: community.fields.name.clone(),
            path: crate::communities::flows::page_of(community),
            newcomer: newcomer.id,
            newcomer_name: newcomer.display_name.as_str().to_owned(),
            at,
            round: None,
            after: None,
        }
    }

    /// What is said of this newcomer alone: what the community's webhook
    /// posts at once. Its key names the community and the newcomer.
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

    /// The job of this batch. Its key names the arrival and its moment
    /// (someone who comes back is announced again), or the round and where
    /// the batch starts, so that enqueuing one batch twice is a no-op.
    pub fn job(&self) -> NewJob {
        let after = self.after.map_or(0, |after| after.0);
        let key = match &self.round {
            None => format!(
                "arrival:{}:{}:{}:after:{after}",
                self.community.0, self.newcomer, self.at.0
            ),
            Some(round) => format!(
                "arrivals:{}:{}:after:{after}",
                self.community.0, round.job.0
            ),
        };
        NewJob::new(key, self.clone(), self.at)
    }
}

impl Round {
    /// What every batch of the round says. The emails' keys derive from its
    /// key, which names the round, so that nobody is emailed twice about it.
    pub fn happening<'a>(&'a self, arrival: &'a Arrival) -> Happening<'a> {
        let event = match (self.names.as_slice(), self.others) {
            ([newcomer], 0) => Event::Arrival { newcomer },
            (names, others) => Event::Arrivals { names, others },
        };
        Happening {
            event,
            community: &arrival.community_name,
            path: arrival.path.clone(),
            key: format!("arrivals:{}:{}", arrival.community.0, self.job.0),
        }
    }
}

/// What one batch of `round` writes: the notices of `recipients` (the next
/// members in account order, read for this batch, newcomers left out), and
/// the next batch's job when this one is full, since more members may
/// follow.
pub fn plan_batch(
    teller: Teller<'_>,
    arrival: &Arrival,
    round: &Round,
    size: NonZeroU32,
    recipients: &[Recipient],
) -> Notices {
    let mut notices = plan(teller, &round.happening(arrival), recipients);
    let full = u32::try_from(recipients.len()).is_ok_and(|read| read >= size.get());
    if let Some(last) = recipients.last().filter(|_| full) {
        let next = Arrival {
            round: Some(round.clone()),
            after: Some(last.account),
            ..arrival.clone()
        };
        notices.jobs.push(next.job());
    }
    notices
}

/// Runs the job `job` of `arrival`: opens a round when it is the arrival's
/// own job, then tells the round's next batch of members, completing the
/// job in the same transaction; [`StoreError::NotFound`] when another
/// worker completed it first, and nothing is written then.
pub async fn announce(
    ctx: &Context<'_, dyn Storage>,
    job: JobId,
    arrival: &Arrival,
    size: NonZeroU32,
) -> Result<(), StoreError> {
    let round = match &arrival.round {
        Some(round) => round.clone(),
        None => {
            let claim = ArrivalClaim {
                community: arrival.community,
                job,
                named: NAMED,
            };
            let newcomers = ctx.store.claim_arrivals(&claim).await?;
            if newcomers.count == 0 {
                // An earlier round told of this arrival, or the newcomer left.
                let done = JobCompletion {
                    job,
                    notices: Notices::default(),
                    at: ctx.now,
                };
                return ctx.store.complete_job_with(&done).await;
            }
            let named = u64::try_from(newcomers.names.len()).unwrap_or(u64::MAX);
            Round {
                job,
                others: newcomers.count.saturating_sub(named),
                names: newcomers.names,
            }
        }
    };
    let page = MemberPage {
        community: arrival.community,
        kind: NotificationKind::CommunityArrival,
        after: arrival.after,
        limit: size,
        newcomers_of: Some(round.job),
    };
    let recipients = ctx.store.member_recipients(&page).await?;
    // Every batch dates its notifications and emails from the arrival that
    // opened the round.
    let teller = Teller {
        now: arrival.at,
        ..Teller::from(ctx)
    };
    let completion = JobCompletion {
        job,
        notices: plan_batch(teller, arrival, &round, size, &recipients),
        at: ctx.now,
    };
    ctx.store.complete_job_with(&completion).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::association::Language;
    use crate::kernel::mail::OutgoingEmail;
    use crate::notify::notification::tests::recipient;

    fn arrival(after: Option<i64>) -> Arrival {
        Arrival {
            community: CommunityId(7),
            community_name: "Infra & Services".to_owned(),
            path: "/c/infra".to_owned(),
            newcomer: AccountId(3),
            newcomer_name: "Ada Lovelace".to_owned(),
            at: Timestamp(42),
            round: None,
            after: after.map(AccountId),
        }
    }

    fn round(names: &[&str], others: u64) -> Round {
        Round {
            job: JobId(90),
            names: names.iter().map(|name| (*name).to_owned()).collect(),
            others,
        }
    }

    const TELLER: Teller<'static> = Teller {
        association: "ADN Ouest",
        base_url: "https://cercle.example",
        now: Timestamp(42),
    };

    /// What a batch of the members `read` (id, wants email) writes: who is
    /// notified, who is emailed, and the keys of the other jobs.
    #[derive(Debug, PartialEq, Eq)]
    struct Written {
        notified: Vec<i64>,
        emails: Vec<String>,
        next: Option<String>,
    }

    fn check(read: &[(i64, bool)], size: u32, expected: &Written) {
        let recipients: Vec<Recipient> = read
            .iter()
            .map(|&(id, email)| recipient(id, Language::Fr, email))
            .collect();
        let size = NonZeroU32::new(size).unwrap();
        let ada = round(&["Ada Lovelace"], 0);
        let notices = plan_batch(TELLER, &arrival(Some(1)), &ada, size, &recipients);
        let mut emails = Vec::new();
        let mut next = None;
        for job in &notices.jobs {
            if job.payload::<OutgoingEmail>().is_some() {
                emails.push(job.key.clone());
            } else if let Some(following) = job.payload::<Arrival>() {
                assert_eq!(following.community, CommunityId(7));
                assert_eq!(following.round.as_ref(), Some(&ada), "the same round");
                assert_eq!(job.run_at, Timestamp(42));
                assert_eq!(
                    job.key,
                    following.job().key,
                    "the key names where it starts"
                );
                next = Some(job.key.clone());
            } else {
                panic!("unexpected job {job:?}");
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
                .map(|id| format!("email:arrivals:7:90:{id}"))
                .collect(),
            next: next.map(|after| format!("arrivals:7:90:after:{after}")),
        }
    }

    #[test]
    fn a_batch_tells_its_members_and_enqueues_the_next_when_full() {
        check(&[], 2, &written(&[], &[], None));
        check(&[(5, true)], 2, &written(&[5], &[5], None));
        check(
            &[(2, true), (5, false)],
            2,
            &written(&[2, 5], &[2], Some(5)),
        );
        check(
            &[(2, true), (4, true), (5, true)],
            3,
            &written(&[2, 4, 5], &[2, 4, 5], Some(5)),
        );
        check(&[(2, true), (4, true)], 3, &written(&[2, 4], &[2, 4], None));
    }

    #[test]
    fn a_round_names_its_first_newcomers_and_counts_the_others() {
        fn check(names: &[&str], others: u64, language: Language, expected: &str) {
            let notices = plan_batch(
                TELLER,
                &arrival(None),
                &round(names, others),
                BATCH,
                &[recipient(1, language, false)],
            );
            assert_eq!(notices.notifications[0].text, expected);
        }
        check(&["Ada"], 0, Language::En, "Ada joined Infra & Services");
        check(&["Ada"], 0, Language::Fr, "Ada a rejoint Infra & Services");
        check(
            &["Ada", "Bob"],
            0,
            Language::Fr,
            "Ada et Bob ont rejoint Infra & Services",
        );
        check(
            &["Ada", "Bob", "Chloé"],
            0,
            Language::En,
            "Ada, Bob and Chloé joined Infra & Services",
        );
        check(
            &["Ada", "Bob", "Chloé"],
            4,
            Language::Fr,
            "Ada, Bob, Chloé et 4 autres ont rejoint Infra & Services",
        );
    }

    #[test]
    fn every_batch_of_a_round_writes_the_same_sentence_dated_from_the_arrival() {
        let size = NonZeroU32::new(10).unwrap();
        let ada = round(&["Ada Lovelace"], 0);
        let first = plan_batch(
            TELLER,
            &arrival(None),
            &ada,
            size,
            &[recipient(1, Language::En, true)],
        );
        let later = plan_batch(
            TELLER,
            &arrival(Some(1)),
            &ada,
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
