//! What every area's store shares: its error, a page of rows, the pool's state, the instance itself and the jobs table.
//!
//! Each method is one transaction: a change, the audit entry it writes and
//! the jobs it causes commit together or not at all.

use async_trait::async_trait;

use crate::kernel::association::Association;
use crate::kernel::job::{Job, JobClaim, JobId, NewJob};
use crate::kernel::time::Timestamp;

pub type StoreResult<T> = Result<T, StoreError>;

/// The three outcomes callers tell apart; everything else is the backend's
/// business and is logged, not shown.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflicts with existing data")]
    Conflict,
    #[error("storage failure: {0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// A page of what a read lists (the memberships, people or organisations
/// found), and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct PoolStatus {
    pub in_use: usize,
    pub size: usize,
}

#[async_trait]
pub trait InstanceStore: Send + Sync {
    /// Answers when the database does; used by `/readyz`.
    async fn ping(&self) -> StoreResult<()>;

    /// The association, or `None` before setup.
    async fn association(&self) -> StoreResult<Option<Association>>;

    /// Connections in use and in all, for the metrics endpoint.
    fn pool_status(&self) -> PoolStatus;
}

#[async_trait]
pub trait JobStore: Send + Sync {
    /// Does nothing when a job with the same key exists.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<()>;

    /// Due jobs, each leased to the caller until `claim.lease_until`.
    async fn claim_jobs(&self, claim: &JobClaim) -> StoreResult<Vec<Job>>;

    /// Marks the jobs done, in one transaction: a worker completes the jobs
    /// of a batch together. Unknown ids are passed over.
    async fn complete_jobs(&self, jobs: &[JobId], at: Timestamp) -> StoreResult<()>;

    /// Records a failed attempt; `retry_at` of `None` gives up on the job.
    async fn fail_job(
        &self,
        job: JobId,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> StoreResult<()>;

    /// Jobs neither done nor given up, for health checks and tests.
    async fn pending_jobs(&self) -> StoreResult<i64>;
}
