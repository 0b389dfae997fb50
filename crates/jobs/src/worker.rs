//! The job worker.
//!
//! Any number of workers, in any number of processes, may share one
//! database: claiming leases a job to one worker, and a job whose worker died
//! becomes due again when its lease runs out.

use std::sync::Arc;
use std::time::Duration;

use cercle_core::job::{Job, JobClaim, JobPayload, retry_delay};
use cercle_core::mail::Mailer;
use cercle_core::secret::TokenHash;
use cercle_core::store::{Store, StoreResult};
use cercle_core::time::Timestamp;
use tokio::sync::Notify;

/// How long a claimed job belongs to its worker before others may retry it.
const LEASE: Duration = Duration::from_secs(300);
/// How often an idle worker looks for jobs enqueued by other processes.
const POLL: Duration = Duration::from_secs(2);
const BATCH: u32 = 16;

pub struct Worker {
    store: Arc<dyn Store>,
    mailer: Arc<dyn Mailer>,
    /// The domain of Message-IDs, e.g. the instance's host name.
    message_domain: String,
    wake: Arc<Notify>,
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
        message_domain: &str,
        handle: &WorkerHandle,
    ) -> Self {
        Self {
            store,
            mailer,
            message_domain: message_domain.to_owned(),
            wake: handle.0.clone(),
        }
    }

    /// Runs due jobs until none is left; returns how many were attempted.
    pub async fn drain(&self) -> StoreResult<usize> {
        let mut attempted = 0;
        loop {
            let claim = JobClaim {
                now: Timestamp::now(),
                lease_until: Timestamp::now().plus(LEASE),
                limit: BATCH,
            };
            let jobs = self.store.claim_jobs(&claim).await?;
            if jobs.is_empty() {
                return Ok(attempted);
            }
            attempted += jobs.len();
            for job in jobs {
                self.execute(job).await?;
            }
        }
    }

    /// Works until `shutdown` completes, finishing the job in hand first.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            if let Err(error) = self.drain().await {
                tracing::error!(%error, "the job worker cannot reach the store");
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    }

    async fn execute(&self, job: Job) -> StoreResult<()> {
        let outcome = match JobPayload::from_json(&job.payload) {
            Ok(JobPayload::SendEmail(email)) => self
                .mailer
                .send(&email, &self.message_id(&job))
                .await
                .map_err(|error| error.0),
            Err(error) => Err(format!("unreadable payload: {error}")),
        };
        match outcome {
            Ok(()) => self.store.complete_job(job.id, Timestamp::now()).await,
            Err(error) => {
                let retry_at = retry_delay(job.attempts).map(|delay| Timestamp::now().plus(delay));
                tracing::warn!(job = job.id.0, attempts = job.attempts, gives_up = retry_at.is_none(), %error, "job failed");
                self.store.fail_job(job.id, &error, retry_at).await
            }
        }
    }

    /// The same for every attempt of one job, so that a delivery repeated
    /// after a crash can be recognised as a duplicate downstream.
    fn message_id(&self, job: &Job) -> String {
        let digest = TokenHash::of(&job.key);
        format!("<{}@{}>", &digest.as_str()[..32], self.message_domain)
    }
}
