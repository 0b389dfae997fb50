//! Admission, as seed 004 describes it: a person applies to the bureau, the
//! bureau examines applications in its regular sessions and decides, and the
//! decision is recorded with its session, who took it and why. And the
//! contributions that make someone an active contributor.

pub mod desk;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::accounts::account::AccountId;
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::admission::store::ApplicationDecision;
use crate::admission::store::NewApplication;
use crate::admission::store::NewBureauSession;
use crate::admission::store::NewContribution;
use crate::admission::store::Storage;
use crate::admission::store::Verdict;
use crate::kernel::association::Language;
use crate::kernel::date::Date;
use crate::kernel::flow::Context;
use crate::kernel::job::NewJob;
use crate::kernel::mail::Sender;
use crate::kernel::store::StoreError;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep};
use crate::register::dues::{Holder, HolderKind, MembershipId, MembershipStatus, PlanId};
use crate::register::people::OrganisationId;
use crate::register::store::NewMembership;
use crate::register::store::NewPeriod;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ApplicationId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SessionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Pending,
    Accepted,
    Refused,
    Withdrawn,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Accepted,
            Self::Refused,
            Self::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.as_str() == input)
    }
}

/// An application for membership, with its decision once taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: ApplicationId,
    pub applicant: AccountId,
    pub applicant_name: String,
    pub language: Language,
    pub plan: PlanId,
    pub plan_name: String,
    /// The organisation the applicant represents, with its name.
    pub organisation: Option<(OrganisationId, String)>,
    pub motivation: String,
    pub status: ApplicationStatus,
    pub submitted_at: Timestamp,
    /// The session whose agenda holds it.
    pub session: Option<SessionId>,
    pub decision: Option<Decision>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub reason: String,
    pub decided_by: AccountId,
    pub decided_by_name: String,
    pub decided_at: Timestamp,
    /// `None` when an administrator decided outside a session.
    pub session: Option<SessionId>,
    /// The membership an acceptance opened.
    pub membership: Option<MembershipId>,
}

/// A regular session of the bureau.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BureauSession {
    pub id: SessionId,
    pub held_on: Date,
    pub title: String,
    pub attendees: Vec<(AccountId, String)>,
    pub notes: String,
    /// The applications on its agenda, oldest first.
    pub agenda: Vec<ApplicationId>,
    pub created_at: Timestamp,
}

/// What the association allows in admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AdmissionSettings {
    /// Whether an administrator may decide on an application outside a
    /// session of the bureau.
    pub decisions_outside_sessions: bool,
    /// Days without a contribution after which a person's membership gets
    /// a notice and then lapses; `None` when membership does not depend on
    /// contributing.
    pub contribution_inactivity_days: Option<u32>,
}

/// The kinds of contribution seed 004 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    Moderation,
    Administration,
    Development,
    Communication,
    Donation,
    Content,
    Events,
}

impl ContributionKind {
    pub const ALL: [Self; 7] = [
        Self::Moderation,
        Self::Administration,
        Self::Development,
        Self::Communication,
        Self::Donation,
        Self::Content,
        Self::Events,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Moderation => "moderation",
            Self::Administration => "administration",
            Self::Development => "development",
            Self::Communication => "communication",
            Self::Donation => "donation",
            Self::Content => "content",
            Self::Events => "events",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("kind", "error-contribution-kind"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContributionId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub id: ContributionId,
    pub account: AccountId,
    pub kind: ContributionKind,
    pub on: Date,
    pub note: String,
    pub recorded_by: AccountId,
    pub recorded_at: Timestamp,
}

/// The application form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ApplicationInput {
    pub plan: String,
    /// The id of the organisation the applicant represents, or empty.
    #[serde(default)]
    pub organisation: String,
    pub motivation: String,
}

/// Applies for membership on behalf of oneself or of an organisation.
pub async fn apply(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &ApplicationInput,
) -> Result<ApplicationId, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let mut errors = Vec::new();
    let plan = keep(
        &mut errors,
        parse_id(&input.plan, "plan", "error-plan-choice").map(PlanId),
    );
    let organisation = match input.organisation.trim() {
        "" => Some(None),
        id => keep(
            &mut errors,
            parse_id(id, "organisation", "error-organisation-choice")
                .map(|id| Some(OrganisationId(id))),
        ),
    };
    let motivation = keep(&mut errors, motivation(&input.motivation));
    let (Some(plan), Some(organisation), Some(motivation)) = (plan, organisation, motivation)
    else {
        return Err(FlowError::Invalid(errors));
    };
    let plan_fields = ctx
        .store
        .plan(plan)
        .await
        .map_err(|_| FlowError::field("plan", "error-plan-choice"))?
        .fields;
    let kind = if organisation.is_some() {
        HolderKind::Organisation
    } else {
        HolderKind::Person
    };
    if plan_fields.holder != kind {
        return Err(FlowError::field("plan", "error-plan-holder"));
    }
    if !ctx.store.membership_policy().await?.allows(kind) {
        return Err(FlowError::field("plan", "error-policy-forbids"));
    }
    let application = NewApplication {
        applicant: account.id,
        plan,
        organisation,
        motivation,
        language: account.language,
        today: ctx.today(),
        at: ctx.now,
    };
    ctx.store
        .create_application(&application)
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("motivation", "error-application-pending"),
            StoreError::NotFound => FlowError::field("organisation", "error-organisation-choice"),
            other => other.into(),
        })
}

fn parse_id(
    input: &str,
    field: &'static str,
    message: &'static str,
) -> Result<i64, ValidationError> {
    input
        .trim()
        .parse::<i64>()
        .map_err(|_| ValidationError::new(field, message))
}

fn motivation(input: &str) -> Result<String, ValidationError> {
    let text = input.trim();
    if text.is_empty() || text.chars().count() > 4000 {
        return Err(ValidationError::new("motivation", "error-motivation"));
    }
    Ok(text.to_owned())
}

pub async fn withdraw(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: ApplicationId,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    Ok(ctx
        .store
        .withdraw_application(id, account.id, ctx.now)
        .await?)
}

/// The session form: a date, a title, and who attends.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    pub held_on: String,
    pub title: String,
    pub attendees: Vec<String>,
}

pub async fn hold_session(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &SessionInput,
) -> Result<SessionId, FlowError> {
    policy::check(actor, Action::DecideApplications)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let held_on = keep(
        &mut errors,
        Date::parse(&input.held_on).map_err(|_| ValidationError::new("held_on", "error-date")),
    );
    let title = keep(
        &mut errors,
        crate::kernel::validation::label(
            &input.title,
            1,
            120,
            ValidationError::new("title", "error-session-title"),
        ),
    );
    let attendees: Option<Vec<AccountId>> = input
        .attendees
        .iter()
        .map(|id| id.trim().parse::<i64>().map(AccountId))
        .collect::<Result<_, _>>()
        .map_err(|_| errors.push(ValidationError::new("attendees", "error-attendees")))
        .ok();
    let (Some(held_on), Some(title), Some(attendees)) = (held_on, title, attendees) else {
        return Err(FlowError::Invalid(errors));
    };
    let session = NewBureauSession {
        held_on,
        title,
        attendees,
        by,
        at: ctx.now,
    };
    ctx.store
        .create_bureau_session(&session)
        .await
        .map_err(|error| match error {
            StoreError::NotFound => FlowError::field("attendees", "error-attendees"),
            other => other.into(),
        })
}

/// The decision form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DecisionInput {
    /// `accept` or `refuse`.
    pub verdict: String,
    #[serde(default)]
    pub reason: String,
}

/// Decides on a pending application: in the session whose agenda holds it,
/// or outside any session by an administrator when the instance allows it.
/// Acceptance opens the membership; the applicant is told in their language.
pub async fn decide(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: ApplicationId,
    input: &DecisionInput,
) -> Result<Option<MembershipId>, FlowError> {
    policy::check(actor, Action::DecideApplications)?;
    let by = signed_in(actor)?.id;
    let store = ctx.store;
    let application = store.application(id).await?;
    if application.status != ApplicationStatus::Pending {
        return Err(FlowError::field("verdict", "error-application-decided"));
    }
    if application.session.is_none() {
        let allowed = store.admission_settings().await?.decisions_outside_sessions;
        if !allowed || policy::check(actor, Action::DecideOutsideSession).is_err() {
            return Err(FlowError::field("verdict", "error-decision-needs-session"));
        }
    }
    let reason = crate::register::people::text(&input.reason, 2000, "reason")
        .map_err(|e| FlowError::Invalid(vec![e]))?;
    let sender = Sender {
        association: &ctx.association,
        language: application.language,
    };
    let applicant = store.account(application.applicant).await?;
    let (verdict, notice) = match input.verdict.trim() {
        "accept" => {
            let plan = store.plan(application.plan).await?;
            let (holder, size) = match &application.organisation {
                Some((organisation, _)) => (
                    Holder::Organisation(*organisation),
                    store.organisation(*organisation).await?.fields.size,
                ),
                None => (Holder::Person(application.applicant), None),
            };
            let starts_on = ctx.today();
            let membership = NewMembership {
                holder,
                plan: application.plan,
                status: MembershipStatus::Active,
                first_period: NewPeriod {
                    starts_on,
                    ends_on: starts_on
                        .plus_months(plan.fields.period.months())
                        .plus_days(-1),
                    amount_due: plan.fields.price_for(size),
                },
                by,
                at: ctx.now,
            };
            let link = format!("{}/account", ctx.base_url);
            (
                Verdict::Accept { membership },
                sender.application_accepted(&applicant.email, &reason, &link),
            )
        }
        "refuse" if reason.is_empty() => {
            return Err(FlowError::field("reason", "error-refusal-reason"));
        }
        "refuse" => (
            Verdict::Refuse,
            sender.application_refused(&applicant.email, &reason),
        ),
        _ => return Err(FlowError::field("verdict", "error-verdict")),
    };
    let decision = ApplicationDecision {
        application: id,
        verdict,
        reason,
        session: application.session,
        notice: NewJob::new(format!("email:decision:{}", id.0), notice, ctx.now),
        by,
        at: ctx.now,
    };
    store
        .decide_application(&decision)
        .await
        .map_err(|error| match error {
            StoreError::Conflict => FlowError::field("verdict", "error-application-decided"),
            other => other.into(),
        })
}

/// The contribution form, filled in by the bureau for a person.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ContributionInput {
    pub kind: String,
    pub on: String,
    #[serde(default)]
    pub note: String,
}

pub async fn record_contribution(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    account: AccountId,
    input: &ContributionInput,
) -> Result<ContributionId, FlowError> {
    policy::check(actor, Action::DecideApplications)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let kind = keep(&mut errors, ContributionKind::parse(&input.kind));
    let on = keep(
        &mut errors,
        Date::parse(&input.on).map_err(|_| ValidationError::new("on", "error-date")),
    );
    let note = keep(
        &mut errors,
        crate::register::people::text(&input.note, 500, "note"),
    );
    let (Some(kind), Some(on), Some(note)) = (kind, on, note) else {
        return Err(FlowError::Invalid(errors));
    };
    ctx.store.account(account).await?;
    Ok(ctx
        .store
        .record_contribution(&NewContribution {
            account,
            kind,
            on,
            note,
            by,
            at: ctx.now,
        })
        .await?)
}

/// The admission settings form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AdmissionSettingsInput {
    /// A checkbox: present when ticked.
    pub decisions_outside_sessions: Option<String>,
    /// Days, or empty when membership does not depend on contributing.
    #[serde(default)]
    pub contribution_inactivity_days: String,
}

impl AdmissionSettingsInput {
    pub fn parse(&self) -> Result<AdmissionSettings, FlowError> {
        let days = match self.contribution_inactivity_days.trim() {
            "" => None,
            days => Some(
                days.parse::<u32>()
                    .ok()
                    .filter(|d| (1..=3650).contains(d))
                    .ok_or_else(|| {
                        FlowError::field("contribution_inactivity_days", "error-inactivity-days")
                    })?,
            ),
        };
        Ok(AdmissionSettings {
            decisions_outside_sessions: self.decisions_outside_sessions.is_some(),
            contribution_inactivity_days: days,
        })
    }
}

pub async fn set_admission_settings(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &AdmissionSettingsInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSettings)?;
    let by = signed_in(actor)?.id;
    let settings = input.parse()?;
    Ok(ctx
        .store
        .set_admission_settings(settings, by, ctx.now)
        .await?)
}
