//! The kernel's `InstanceStore` and `JobStore` on both backends.

use cercle_core::kernel::association::Association;
use cercle_core::kernel::job::{Job, JobClaim, JobId, NewJob};
use cercle_core::kernel::store::{InstanceStore, JobStore, PoolStatus, StoreResult};
use cercle_core::kernel::time::Timestamp;

use crate::ops;

forward! {
    impl InstanceStore {
        read_inline fn ping() -> StoreResult<()> => ops::kernel::ping;
        read_inline fn association() -> StoreResult<Option<Association>> => ops::kernel::association;
    }
    // Each backend knows the state of its own pool, which no operation over
    // `Sql` sees.
    sqlite {
        fn pool_status(&self) -> PoolStatus {
            self.occupancy()
        }
    }
    postgres {
        fn pool_status(&self) -> PoolStatus {
            self.occupancy()
        }
    }
}

forward! {
    impl JobStore {
        write fn enqueue(job: &NewJob) -> StoreResult<()> => ops::kernel::enqueue;
        write fn claim_jobs(claim: &JobClaim) -> StoreResult<Vec<Job>> => ops::kernel::claim_jobs;
        write fn complete_jobs(jobs: &[JobId], at: Timestamp) -> StoreResult<()>
            => ops::kernel::complete_jobs;
        write fn fail_job(job: JobId, error: &str, retry_at: Option<Timestamp>) -> StoreResult<()>
            => ops::kernel::fail_job;
        read_blocking fn pending_jobs() -> StoreResult<i64> => ops::kernel::pending_jobs;
    }
}
