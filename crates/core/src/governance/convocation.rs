//! The convocation: every person on the frozen roll is emailed the
//! assembly's date, place and agenda, with a link to its page and its
//! calendar file.
//!
//! A roll may hold a million people, so the convocation is not written in
//! the request that freezes the roll: that transaction enqueues one
//! [`ConvocationBatch`], and each batch, run by the worker, writes the
//! emails of the next people of the roll in account order and the job of
//! the batch after it, in the transaction that marks it done. A batch run
//! twice writes nothing twice, since each email's key names the assembly
//! and the person.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::accounts::account::AccountId;
use crate::communities::store::JobCompletion;
use crate::governance::assembly::{AgendaItem, Assembly, AssemblyId};
use crate::governance::calendar::convocation_calendar;
use crate::governance::store::Storage;
use crate::kernel::flow::Context;
use crate::kernel::i18n::{text, text_with};
use crate::kernel::job::{JobId, JobKind, NewJob};
use crate::kernel::mail::OutgoingEmail;
use crate::kernel::store::StoreError;
use crate::notify::notification::{Notices, Recipient};

/// How many people of the roll one batch emails.
pub const BATCH: u32 = 500;

/// The job that emails the people of the roll after `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvocationBatch {
    pub assembly: AssemblyId,
    /// An account id; 0 for the first batch.
    pub after: i64,
}

impl JobKind for ConvocationBatch {
    const KIND: &'static str = "assembly_convocation";
}

impl ConvocationBatch {
    /// Keyed by the assembly and where the batch starts, so that a batch
    /// is enqueued once however often its predecessor runs.
    pub fn job(assembly: AssemblyId, after: i64, at: crate::kernel::time::Timestamp) -> NewJob {
        NewJob::new(
            format!("convocation:{}:{after}", assembly.0),
            Self { assembly, after },
            at,
        )
    }
}

/// Writes the batch's emails and the next batch's job, then marks the job
/// done with them; [`StoreError::NotFound`] when another worker already
/// did.
pub async fn send(
    ctx: &Context<'_, dyn Storage>,
    job: JobId,
    batch: &ConvocationBatch,
) -> Result<(), StoreError> {
    let mut notices = Notices::default();
    match ctx.store.assembly(batch.assembly).await {
        Ok(assembly) => {
            let agenda = ctx.store.agenda(assembly.id).await?;
            let recipients = ctx
                .store
                .roll_recipients(assembly.id, AccountId(batch.after), BATCH)
                .await?;
            for recipient in &recipients {
                notices.jobs.push(NewJob::new(
                    format!(
                        "email:convocation:{}:{}",
                        assembly.id.0, recipient.account.0
                    ),
                    letter(ctx, &assembly, &agenda, recipient),
                    ctx.now,
                ));
            }
            if let Some(last) = recipients.last()
                && recipients.len() == BATCH as usize
            {
                notices
                    .jobs
                    .push(ConvocationBatch::job(assembly.id, last.account.0, ctx.now));
            }
        }
        // An assembly removed since has nobody left to convene.
        Err(StoreError::NotFound) => {}
        Err(other) => return Err(other),
    }
    ctx.store
        .complete_job_with(&JobCompletion {
            job,
            notices,
            at: ctx.now,
        })
        .await
}

/// The convocation in the recipient's language: when, where, the agenda
/// with each resolution's text, and where to give a proxy or vote.
pub fn letter(
    ctx: &Context<'_, dyn Storage>,
    assembly: &Assembly,
    agenda: &[AgendaItem],
    recipient: &Recipient,
) -> OutgoingEmail {
    let language = recipient.language;
    let fields = &assembly.fields;
    let link = format!("{}{}", ctx.base_url, assembly.path());
    let mut items = String::new();
    for item in agenda {
        let _ = writeln!(items, "{}. {}", item.position, item.title);
        if let Some(resolution) = &item.resolution {
            let _ = writeln!(
                items,
                "   {} {}",
                text(language, "convocation-resolution"),
                resolution.text
            );
        }
    }
    if items.is_empty() {
        items = text(language, "convocation-agenda-empty");
    }
    let kind = text(language, &format!("assembly-kind-{}", fields.kind.as_str()));
    let when = fields.zone.long(fields.starts_at, language);
    let calendar = format!("{link}/assembly.ics");
    let args = [
        ("association", &*ctx.association),
        ("title", fields.title.as_str()),
        ("kind", kind.as_str()),
        ("when", when.as_str()),
        ("place", fields.place.as_str()),
        ("agenda", items.trim_end()),
        ("link", link.as_str()),
        ("calendar", calendar.as_str()),
    ];
    OutgoingEmail {
        to: recipient.address.clone(),
        subject: text_with(language, "email-convocation-subject", &args),
        text: text_with(language, "email-convocation-body", &args),
        list_unsubscribe: None,
        calendar: Some(convocation_calendar(assembly, ctx.base_url)),
    }
}
