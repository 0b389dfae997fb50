//! The private security inbox (seed 001: a security alert goes to the
//! steering committee, never to the public bug tracker).
//!
//! Anyone may send a report, without an account. It reaches the security
//! contacts alone: each is told by email that a report waits, without its
//! content, and reads it in the inbox, which exists for nobody but them and
//! the administrators. The reporter gets an acknowledgement that repeats
//! nothing they wrote, so that the form cannot be used to send someone else
//! words of one's choosing.

use crate::accounts::account::{Account, AccountId, Role};
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::accounts::secret::Secret;
use crate::kernel::association::Language;
use crate::kernel::email::EmailAddress;
use crate::kernel::flow::Context;
use crate::kernel::job::NewJob;
use crate::kernel::mail::Sender;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::site::store::Storage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SecurityReportId(pub i64);

/// Where the security contacts are with a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    New,
    Acknowledged,
    Fixed,
    NotAVulnerability,
}

impl ReportState {
    pub const ALL: [Self; 4] = [
        Self::New,
        Self::Acknowledged,
        Self::Fixed,
        Self::NotAVulnerability,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Acknowledged => "acknowledged",
            Self::Fixed => "fixed",
            Self::NotAVulnerability => "not_a_vulnerability",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == input.trim())
            .ok_or(ValidationError::new("state", "error-report-state"))
    }
}

/// A report as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityReport {
    pub id: SecurityReportId,
    /// Empty when the reporter gave none.
    pub reporter_name: String,
    pub reporter_email: EmailAddress,
    pub description: String,
    /// Empty when the reporter did not say.
    pub affected_version: String,
    /// The language the reporter wrote the form in.
    pub language: Language,
    pub state: ReportState,
    pub received_at: Timestamp,
    /// The last change of state, and who made it.
    pub updated: Option<(Timestamp, String)>,
}

/// A report as received, with the emails it causes.
#[derive(Debug, Clone)]
pub struct NewSecurityReport {
    pub reporter_name: String,
    pub reporter_email: EmailAddress,
    pub description: String,
    pub affected_version: String,
    pub language: Language,
    /// One email per security contact, and the reporter's acknowledgement.
    pub notices: Vec<NewJob>,
    pub at: Timestamp,
}

/// A report moved to another state by a security contact or administrator.
#[derive(Debug, Clone, Copy)]
pub struct ReportStateChange {
    pub report: SecurityReportId,
    pub state: ReportState,
    pub by: AccountId,
    pub at: Timestamp,
}

/// The public form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ReportInput {
    #[serde(default)]
    pub name: String,
    pub email: String,
    pub description: String,
    #[serde(default)]
    pub affected_version: String,
}

/// The longest description, in characters.
const DESCRIPTION_MAX: usize = 20_000;

/// Records a report and tells the security contacts, or the administrators
/// when the association has named no security contact.
pub async fn report(
    ctx: &Context<'_, dyn Storage>,
    input: &ReportInput,
    language: Language,
) -> Result<(), FlowError> {
    let mut errors = Vec::new();
    let name = keep(
        &mut errors,
        label(
            &input.name,
            0,
            100,
            ValidationError::new("name", "error-report-name"),
        ),
    );
    let email = keep(&mut errors, EmailAddress::parse(&input.email));
    let description = keep(&mut errors, description(&input.description));
    let version = keep(
        &mut errors,
        label(
            &input.affected_version,
            0,
            100,
            ValidationError::new("affected_version", "error-report-version"),
        ),
    );
    let (Some(name), Some(email), Some(description), Some(version)) =
        (name, email, description, version)
    else {
        return Err(FlowError::Invalid(errors));
    };
    let mut contacts = ctx.store.accounts_with_role(Role::SecurityContact).await?;
    if contacts.is_empty() {
        contacts = ctx.store.accounts_with_role(Role::Administrator).await?;
    }
    let key = Secret::generate().hash();
    let key = &key.as_str()[..16];
    let inbox = format!("{}/security/reports", ctx.base_url);
    let mut notices: Vec<NewJob> = contacts
        .iter()
        .map(|contact: &Account| {
            let sender = Sender {
                association: &ctx.association,
                language: contact.language,
            };
            job(
                format!("email:security-report:{key}:{}", contact.id),
                sender.compose(&contact.email, "email-security-report", &[("link", &inbox)]),
                ctx.now,
            )
        })
        .collect();
    let sender = Sender {
        association: &ctx.association,
        language,
    };
    notices.push(job(
        format!("email:security-report:{key}:acknowledgement"),
        sender.compose(&email, "email-security-acknowledgement", &[]),
        ctx.now,
    ));
    ctx.store
        .create_security_report(&NewSecurityReport {
            reporter_name: name,
            reporter_email: email,
            description,
            affected_version: version,
            language,
            notices,
            at: ctx.now,
        })
        .await?;
    Ok(())
}

fn description(input: &str) -> Result<String, ValidationError> {
    let refused = ValidationError::new("description", "error-report-description");
    let text = crate::register::people::text(input, DESCRIPTION_MAX, "description")
        .map_err(|_| refused.clone())?;
    if text.chars().count() < 10 {
        return Err(refused);
    }
    Ok(text)
}

/// The inbox, newest first.
pub async fn inbox(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<SecurityReport>, FlowError> {
    policy::check(actor, Action::ReadSecurityReports)?;
    Ok(ctx.store.security_reports().await?)
}

pub async fn report_detail(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: SecurityReportId,
) -> Result<SecurityReport, FlowError> {
    policy::check(actor, Action::ReadSecurityReports)?;
    Ok(ctx.store.security_report(id).await?)
}

/// The form changing a report's state.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StateInput {
    pub state: String,
}

pub async fn set_state(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: SecurityReportId,
    input: &StateInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::TriageSecurityReports)?;
    let by = signed_in(actor)?.id;
    let state = ReportState::parse(&input.state).map_err(|e| FlowError::Invalid(vec![e]))?;
    Ok(ctx
        .store
        .set_security_report_state(&ReportStateChange {
            report: id,
            state,
            by,
            at: ctx.now,
        })
        .await?)
}

fn job(key: String, email: crate::kernel::mail::OutgoingEmail, now: Timestamp) -> NewJob {
    NewJob::new(key, email, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back_and_refuse_the_unknown() {
        for state in ReportState::ALL {
            assert_eq!(ReportState::parse(state.as_str()), Ok(state));
        }
        assert!(ReportState::parse("closed").is_err());
    }

    #[test]
    fn descriptions_say_something() {
        assert!(description("XSS in the search box").is_ok());
        assert!(description("   short  ").is_err());
        assert!(description(&"a".repeat(DESCRIPTION_MAX + 1)).is_err());
        assert!(description("bell \u{7} in the middle of it").is_err());
    }
}
