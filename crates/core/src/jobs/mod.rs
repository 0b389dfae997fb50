//! Every kind of durable job, as the worker reads them back: the one place
//! that knows all the areas' payloads, so it sits above them all.

use serde::Deserialize;

use crate::communities::arrival::Arrival;
use crate::communities::webhook::WebhookMessage;
use crate::events::news::{RegistrationNews, Reminder};
use crate::governance::convocation::ConvocationBatch;
use crate::kernel::mail::OutgoingEmail;
use crate::renewal::DailySweep;

/// A job's payload read back from its JSON, by its `"kind"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JobPayload {
    SendEmail(OutgoingEmail),
    DailySweep(DailySweep),
    PostWebhook(WebhookMessage),
    /// Boxed, since it is the largest payload by far.
    AnnounceArrival(Box<Arrival>),
    EventRegistrationNews(RegistrationNews),
    EventReminder(Reminder),
    AssemblyConvocation(ConvocationBatch),
}

impl JobPayload {
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::job::{JobKind, Payload as _};

    /// Each kind's constant is the name the enum reads back, so that a job
    /// written by an area is read by the worker.
    #[test]
    fn every_kind_reads_back_under_its_name() {
        let sweep = DailySweep {
            on: crate::kernel::date::Date::parse("2026-12-07").unwrap(),
        };
        assert_eq!(DailySweep::KIND, "daily_sweep");
        assert_eq!(
            JobPayload::from_json(&sweep.to_json()).unwrap(),
            JobPayload::DailySweep(sweep)
        );
        assert_eq!(OutgoingEmail::KIND, "send_email");
        assert_eq!(WebhookMessage::KIND, "post_webhook");
        assert_eq!(Arrival::KIND, "announce_arrival");
        let news = RegistrationNews {
            registration: crate::events::event::RegistrationId(4),
            told: crate::events::news::Told::Promoted,
        };
        assert_eq!(
            JobPayload::from_json(&news.to_json()).unwrap(),
            JobPayload::EventRegistrationNews(news)
        );
        let reminder = Reminder {
            registration: crate::events::event::RegistrationId(4),
            starts_at: crate::kernel::time::Timestamp(1_800_000_000),
        };
        assert_eq!(
            JobPayload::from_json(&reminder.to_json()).unwrap(),
            JobPayload::EventReminder(reminder)
        );
        let batch = ConvocationBatch {
            assembly: crate::governance::assembly::AssemblyId(2),
            after: 500,
        };
        assert_eq!(
            JobPayload::from_json(&batch.to_json()).unwrap(),
            JobPayload::AssemblyConvocation(batch)
        );
    }
}
