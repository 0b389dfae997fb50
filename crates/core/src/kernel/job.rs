//! Durable background work.
//!
//! A job is written by the same store transaction as the change that causes
//! it, and carries a key that makes enqueuing it twice a no-op. Workers claim
//! due jobs for a lease; a worker that dies lets the lease lapse and another
//! picks the job up.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::kernel::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JobId(pub i64);

/// What a job carries: a value of an area's own type, written as JSON in
/// the jobs table with its [`JobKind::KIND`] under `"kind"`. The kernel
/// knows no area, so the areas name their payloads and the `jobs` area
/// lists them all for the worker to read back.
pub trait JobKind: Serialize + std::fmt::Debug + Send + Sync + 'static {
    const KIND: &'static str;
}

/// A payload of any kind, kept as the value its area made until the store
/// writes it.
pub trait Payload: std::any::Any + std::fmt::Debug + Send + Sync {
    fn to_json(&self) -> String;
}

impl<T: JobKind> Payload for T {
    fn to_json(&self) -> String {
        let mut value =
            serde_json::to_value(self).expect("job payloads hold only strings and numbers");
        if let serde_json::Value::Object(fields) = &mut value {
            fields.insert("kind".into(), T::KIND.into());
        }
        value.to_string()
    }
}

#[derive(Debug, Clone)]
pub struct NewJob {
    /// Unique per piece of work: enqueuing a key that exists does nothing.
    pub key: String,
    pub payload: Arc<dyn Payload>,
    pub run_at: Timestamp,
}

impl NewJob {
    pub fn new(key: String, payload: impl JobKind, run_at: Timestamp) -> Self {
        Self {
            key,
            payload: Arc::new(payload),
            run_at,
        }
    }

    /// The payload, when it is of kind `T`.
    pub fn payload<T: JobKind>(&self) -> Option<&T> {
        (&*self.payload as &dyn std::any::Any).downcast_ref()
    }
}

/// A claimed job. `payload` stays JSON until the worker reads it, so that a
/// payload this version cannot read fails that job alone.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: JobId,
    pub key: String,
    pub payload: String,
    pub attempts: i32,
}

/// A worker's request for due jobs.
#[derive(Debug, Clone, Copy)]
pub struct JobClaim {
    pub now: Timestamp,
    pub lease_until: Timestamp,
    pub limit: u32,
}

/// How long to wait before the next attempt, or `None` to give up.
/// `attempts` counts the attempts made, the failed one included, since a
/// claim counts its attempt: the first retry comes a minute after a failure.
pub fn retry_delay(attempts: i32) -> Option<std::time::Duration> {
    const MAX_ATTEMPTS: i32 = 8;
    (attempts < MAX_ATTEMPTS).then(|| {
        let exponent = u32::try_from(attempts.clamp(0, 12)).unwrap_or(0);
        std::time::Duration::from_secs(30 * 2u64.pow(exponent))
    })
}
