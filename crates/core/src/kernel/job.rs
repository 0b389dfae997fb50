//! Durable background work.
//!
//! A job is written by the same store transaction as the change that causes
//! it, and carries a key that makes enqueuing it twice a no-op. Workers claim
//! due jobs for a lease; a worker that dies lets the lease lapse and another
//! picks the job up.

use serde::{Deserialize, Serialize};

use crate::communities::arrival::Arrival;
use crate::communities::webhook::WebhookKind;
use crate::kernel::date::Date;
use crate::kernel::mail::OutgoingEmail;
use crate::kernel::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JobId(pub i64);

/// What a job does, serialised as JSON in the jobs table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JobPayload {
    SendEmail(OutgoingEmail),
    /// Renewal reminders and the active contributor rule, as of a day.
    DailySweep {
        on: Date,
    },
    /// An announcement posted to a community's incoming webhook. The address
    /// is checked again when posting, against the rules in force then.
    PostWebhook {
        platform: WebhookKind,
        url: String,
        text: String,
        /// The name the message appears under, where the service allows it.
        username: String,
    },
    /// An arrival to announce, or the next batch of a round of arrivals;
    /// boxed, since it is the largest payload by far.
    AnnounceArrival(Box<Arrival>),
}

impl JobPayload {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("job payloads hold only strings and numbers")
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[derive(Debug, Clone)]
pub struct NewJob {
    /// Unique per piece of work: enqueuing a key that exists does nothing.
    pub key: String,
    pub payload: JobPayload,
    pub run_at: Timestamp,
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
