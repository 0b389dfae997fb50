//! The job worker.
//!
//! Any number of workers, in any number of processes, may share one
//! database: claiming leases a job to one worker, and a job whose worker died
//! becomes due again when its lease runs out.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use cercle_core::accounts::secret::TokenHash;
use cercle_core::communities::arrival::{self, Arrival};
use cercle_core::communities::webhook::{PrivateNetworks, WebhookMessage};
use cercle_core::events::{
    self,
    news::{RegistrationNews, Reminder},
};
use cercle_core::governance::convocation::{self, ConvocationBatch};
use cercle_core::jobs::JobPayload;
use cercle_core::kernel::date::Date;
use cercle_core::kernel::flow::Context;
use cercle_core::kernel::job::{Job, JobClaim, JobId, retry_delay};
use cercle_core::kernel::mail::Mailer;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::renewal::{self, DailySweep};
use cercle_core::store::Store;
use tokio::sync::Notify;

use crate::webhook::{WebhookPost, WebhookPoster};

/// How long a claimed job belongs to its worker before others may retry it.
const LEASE: Duration = Duration::from_secs(300);
/// How often an idle worker looks for jobs enqueued by other processes.
const POLL: Duration = Duration::from_secs(2);
/// Jobs claimed at once, and marked done in one transaction: at 64 rather
/// than 16, a convocation of 25,497 people reaches the outbox in 8.7 s
/// instead of 17.5 s (the benchmark's general assembly on SQLite, same run
/// conditions), since the claims and completions are a quarter as many.
const BATCH: u32 = 64;

pub struct Worker {
    store: Arc<dyn Store>,
    mailer: Arc<dyn Mailer>,
    /// The instance's public address: links in emails start with it, and
    /// Message-IDs end with its host.
    base_url: String,
    webhooks: WebhookPoster,
    arrival_batch: NonZeroU32,
    wake: Arc<Notify>,
}

/// What a worker needs to know about the instance.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// The instance's public address.
    pub base_url: String,
    /// Whether webhooks may post to private networks.
    pub private_networks: PrivateNetworks,
    /// How many members one job tells of an arrival; see
    /// [`cercle_core::communities::arrival::BATCH`].
    pub arrival_batch: NonZeroU32,
}

/// What remains to do once a job ran.
enum Ran {
    /// Mark the job done, with the others of its batch.
    Unmarked,
    /// Nothing: the transaction that wrote the job's work marked it done,
    /// or its failure is recorded.
    Marked,
}

/// Lets request handlers tell the worker that a job is waiting, so emails
/// leave at once rather than at the next poll.
#[derive(Clone, Default)]
pub struct WorkerHandle(Arc<Notify>);

impl WorkerHandle {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

impl Worker {
    pub fn new(
        store: Arc<dyn Store>,
        mailer: Arc<dyn Mailer>,
        settings: &WorkerSettings,
        handle: &WorkerHandle,
    ) -> Self {
        Self {
            store,
            mailer,
            base_url: settings.base_url.trim_end_matches('/').to_owned(),
            webhooks: WebhookPoster::new(settings.private_networks),
            arrival_batch: settings.arrival_batch,
            wake: handle.0.clone(),
        }
    }

    /// Enqueues today's sweep; whichever instance does so first wins, the
    /// others' enqueuing is a no-op.
    pub async fn schedule_daily_sweep(&self) -> StoreResult<()> {
        self.store
            .enqueue(&{
                let now = Timestamp::now();
                renewal::daily_sweep(Date::of(now), now)
            })
            .await
    }

    /// Runs due jobs until none is left; returns how many were attempted.
    pub async fn drain(&self) -> StoreResult<usize> {
        let mut attempted = 0;
        loop {
            match self.run_batch().await? {
                0 => return Ok(attempted),
                done => attempted += done,
            }
        }
    }

    /// Works until `shutdown` completes, finishing the batch in hand first:
    /// a backlog left behind is claimed by the next worker, not waited for.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(error) = self.schedule_daily_sweep().await {
                tracing::error!(%error, "the job worker cannot schedule the daily sweep");
            }
            loop {
                tokio::select! {
                    biased;
                    () = &mut shutdown => return,
                    () = std::future::ready(()) => {}
                }
                match self.run_batch().await {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(error) => {
                        tracing::error!(%error, "the job worker cannot reach the store");
                        break;
                    }
                }
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// Claims up to a batch of due jobs and runs them; returns how many.
    async fn run_batch(&self) -> StoreResult<usize> {
        let claim = JobClaim {
            now: Timestamp::now(),
            lease_until: Timestamp::now().plus(LEASE),
            limit: BATCH,
        };
        let jobs = self.store.claim_jobs(&claim).await?;
        let claimed = jobs.len();
        // The jobs that succeeded are marked done together, in one
        // transaction rather than one each; should the worker die before,
        // they run again, and their emails' Message-IDs say so.
        let mut done = Vec::new();
        let mut outcome = Ok(());
        for job in jobs {
            match self.execute(&job).await {
                Ok(Ran::Unmarked) => done.push(job.id),
                Ok(Ran::Marked) => {}
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
        if !done.is_empty() {
            self.store.complete_jobs(&done, Timestamp::now()).await?;
        }
        outcome.map(|()| claimed)
    }

    /// Runs one job; a failure is recorded for a later attempt and is not
    /// an error, which only the store's own failures are.
    async fn execute(&self, job: &Job) -> StoreResult<Ran> {
        let outcome = match JobPayload::from_json(&job.payload) {
            Ok(JobPayload::SendEmail(email)) => self
                .mailer
                .send(&email, &self.message_id(job))
                .await
                .map(|()| Ran::Unmarked)
                .map_err(|error| error.0),
            Ok(JobPayload::DailySweep(DailySweep { on })) => {
                self.sweep(on).await.map(|()| Ran::Unmarked)
            }
            Ok(JobPayload::PostWebhook(WebhookMessage {
                platform,
                url,
                text,
                username,
            })) => self
                .webhooks
                .post(WebhookPost {
                    platform,
                    url: &url,
                    text: &text,
                    username: &username,
                })
                .await
                .map(|()| Ran::Unmarked),
            Ok(JobPayload::AnnounceArrival(arrival)) => {
                self.announce(job.id, &arrival).await.map(|()| Ran::Marked)
            }
            Ok(JobPayload::EventRegistrationNews(news)) => self
                .tell_registration(job.id, &news)
                .await
                .map(|()| Ran::Marked),
            Ok(JobPayload::EventReminder(reminder)) => {
                self.remind(job.id, &reminder).await.map(|()| Ran::Marked)
            }
            Ok(JobPayload::AssemblyConvocation(batch)) => {
                self.convene(job.id, &batch).await.map(|()| Ran::Marked)
            }
            Err(error) => Err(format!("unreadable payload: {error}")),
        };
        match outcome {
            Ok(success) => Ok(success),
            Err(error) => {
                let retry_at = retry_delay(job.attempts).map(|delay| Timestamp::now().plus(delay));
                tracing::warn!(job = job.id.0, attempts = job.attempts, gives_up = retry_at.is_none(), %error, "job failed");
                self.store.fail_job(job.id, &error, retry_at).await?;
                Ok(Ran::Marked)
            }
        }
    }

    async fn sweep(&self, on: Date) -> Result<(), String> {
        let Some(association) = self.store.association().await.map_err(|e| e.to_string())? else {
            return Ok(());
        };
        let ctx: Context<'_, dyn cercle_core::admission::store::Storage> = Context {
            store: &*self.store,
            association: association.name.as_str().into(),
            base_url: &self.base_url,
            now: Timestamp::now(),
        };
        let report = renewal::sweep(&ctx, on).await.map_err(|e| e.to_string())?;
        tracing::info!(%on, ?report, "daily sweep done");
        self.wake.notify_one();
        Ok(())
    }

    /// Tells one batch of members of an arrival, marking the job done with
    /// what it writes. A job another worker already completed, its lease
    /// having lapsed, is done: its batch is written once.
    async fn announce(&self, job: JobId, arrival: &Arrival) -> Result<(), String> {
        let Some(association) = self.store.association().await.map_err(|e| e.to_string())? else {
            return Err("the instance is not set up".to_owned());
        };
        let ctx: Context<'_, dyn cercle_core::communities::store::Storage> = Context {
            store: &*self.store,
            association: association.name.as_str().into(),
            base_url: &self.base_url,
            now: Timestamp::now(),
        };
        match arrival::announce(&ctx, job, arrival, self.arrival_batch).await {
            Ok(()) => Ok(()),
            Err(StoreError::NotFound) => {
                tracing::info!(
                    job = job.0,
                    "arrival batch already written by another worker"
                );
                Ok(())
            }
            Err(error) => Err(error.to_string()),
        }
    }

    /// Tells what became of a registration, marking the job done with the
    /// notices it writes; one another worker completed is done.
    async fn tell_registration(&self, job: JobId, news: &RegistrationNews) -> Result<(), String> {
        let Some(ctx) = self.events_context().await? else {
            return Err("the instance is not set up".to_owned());
        };
        match events::news::tell(&ctx, job, news).await {
            Ok(()) | Err(StoreError::NotFound) => Ok(()),
            Err(error) => Err(error.to_string()),
        }
    }

    /// Reminds an attendee of an occurrence, in the same way.
    async fn remind(&self, job: JobId, reminder: &Reminder) -> Result<(), String> {
        let Some(ctx) = self.events_context().await? else {
            return Err("the instance is not set up".to_owned());
        };
        match events::news::remind(&ctx, job, reminder).await {
            Ok(()) | Err(StoreError::NotFound) => Ok(()),
            Err(error) => Err(error.to_string()),
        }
    }

    async fn convene(&self, job: JobId, batch: &ConvocationBatch) -> Result<(), String> {
        let association = self.store.association().await.map_err(|e| e.to_string())?;
        let Some(association) = association else {
            return Err("the instance is not set up".to_owned());
        };
        let ctx = Context {
            store: &*self.store as &dyn cercle_core::governance::store::Storage,
            association: association.name.as_str().into(),
            base_url: &self.base_url,
            now: Timestamp::now(),
        };
        match convocation::send(&ctx, job, batch).await {
            Ok(()) | Err(StoreError::NotFound) => Ok(()),
            Err(error) => Err(error.to_string()),
        }
    }

    /// The events' flows' context, once the instance is set up.
    async fn events_context(
        &self,
    ) -> Result<Option<Context<'_, dyn cercle_core::events::store::Storage>>, String> {
        let association = self.store.association().await.map_err(|e| e.to_string())?;
        Ok(association.map(|association| Context {
            store: &*self.store as &dyn cercle_core::events::store::Storage,
            association: association.name.as_str().into(),
            base_url: &self.base_url,
            now: Timestamp::now(),
        }))
    }

    /// The same for every attempt of one job, so that a delivery repeated
    /// after a crash can be recognised as a duplicate downstream.
    fn message_id(&self, job: &Job) -> String {
        let digest = TokenHash::of(&job.key);
        let host = self.base_url.split("://").nth(1).unwrap_or(&self.base_url);
        let host = host.split(['/', ':']).next().unwrap_or("localhost");
        format!("<{}@{host}>", &digest.as_str()[..32])
    }
}
