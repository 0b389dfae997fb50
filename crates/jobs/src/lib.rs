//! Durable background work: the worker that claims due jobs from the store
//! and carries them out, the mailers that deliver emails, and the poster
//! that delivers announcements to communities' webhooks.
//!
//! Nothing here decides *whether* something should happen: jobs are enqueued
//! by the store in the transaction of the change that causes them, and this
//! crate only executes them, as many times as it takes and no more.

pub mod mailer;
mod webhook;
pub mod worker;

pub use mailer::{MailTransport, SmtpSecurity, SmtpSettings, build_mailer};
pub use worker::{Worker, WorkerHandle, WorkerSettings};
