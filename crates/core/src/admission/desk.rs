//! What the admission pages and API read: the applicant's form and own
//! applications, the bureau's desk and a session's agenda. Each read asks
//! the policy first, so a surface shows what core allows and decides
//! nothing itself; and the bureau's session notes, written here too.

use crate::accounts::account::{AccountId, Role};
use crate::accounts::flows::{FlowError, signed_in};
use crate::accounts::policy::{self, Action, Actor};
use crate::admission::store::Storage;
use crate::admission::{
    AdmissionSettings, AdmissionSettingsInput, Application, ApplicationId, ApplicationStatus,
    BureauSession, Contribution, SessionId,
};
use crate::kernel::flow::Context;
use crate::kernel::validation::ValidationError;
use crate::register::dues::{HolderKind, MembershipPolicy, Plan};
use crate::register::people::Organisation;

/// The most a session's notes may hold, in characters.
pub const NOTES_LIMIT: usize = 20_000;

/// What a person applying for membership chooses from, and what they have
/// already asked.
#[derive(Debug, Clone)]
pub struct ApplicationForm {
    /// The plans whose holder the association's policy allows.
    pub plans: Vec<Plan>,
    /// The organisations one may apply for, when organisations may hold a
    /// membership; empty otherwise.
    pub organisations: Vec<Organisation>,
    pub mine: Vec<Application>,
}

pub async fn application_form(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<ApplicationForm, FlowError> {
    policy::check(actor, Action::ChangeOwnAccount)?;
    let account = signed_in(actor)?;
    let policy = ctx.store.membership_policy().await?;
    let plans = ctx
        .store
        .plans()
        .await?
        .into_iter()
        .filter(|plan| policy.allows(plan.fields.holder))
        .collect();
    let organisations = if policy.allows(HolderKind::Organisation) {
        ctx.store.organisations().await?
    } else {
        Vec::new()
    };
    let mine = ctx.store.applications_of(account.id).await?;
    Ok(ApplicationForm {
        plans,
        organisations,
        mine,
    })
}

/// The actor's own applications, newest first.
pub async fn my_applications(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<Application>, FlowError> {
    policy::check(actor, Action::ReadOwnAccount)?;
    let account = signed_in(actor)?;
    Ok(ctx.store.applications_of(account.id).await?)
}

/// Every application, for those who examine them.
pub async fn applications(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<Application>, FlowError> {
    policy::check(actor, Action::ExamineApplications)?;
    Ok(ctx.store.applications().await?)
}

/// One application, for those who examine them.
pub async fn application(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: ApplicationId,
) -> Result<Application, FlowError> {
    policy::check(actor, Action::ExamineApplications)?;
    Ok(ctx.store.application(id).await?)
}

/// The bureau's desk: its sessions, the pending applications on no agenda,
/// who may sit in a session, and whether the actor may decide outside one.
#[derive(Debug, Clone)]
pub struct BureauDesk {
    pub sessions: Vec<BureauSession>,
    pub unscheduled: Vec<Application>,
    /// Bureau members and administrators by name, each once.
    pub bureau: Vec<(AccountId, String)>,
    pub can_decide_outside_sessions: bool,
}

pub async fn desk(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<BureauDesk, FlowError> {
    policy::check(actor, Action::ExamineApplications)?;
    let sessions = ctx.store.bureau_sessions().await?;
    let unscheduled = ctx
        .store
        .applications()
        .await?
        .into_iter()
        .filter(|a| a.status == ApplicationStatus::Pending && a.session.is_none())
        .collect();
    let can_decide_outside_sessions = ctx
        .store
        .admission_settings()
        .await?
        .decisions_outside_sessions
        && policy::check(actor, Action::DecideOutsideSession).is_ok();
    // Read by role: the register may hold a million people.
    let mut bureau = Vec::new();
    for role in [Role::BureauMember, Role::Administrator] {
        for account in ctx.store.accounts_with_role(role).await? {
            bureau.push((account.id, account.display_name.as_str().to_owned()));
        }
    }
    bureau.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
    bureau.dedup_by_key(|(id, _)| *id);
    Ok(BureauDesk {
        sessions,
        unscheduled,
        bureau,
        can_decide_outside_sessions,
    })
}

/// The sessions of the bureau, newest first.
pub async fn sessions(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<Vec<BureauSession>, FlowError> {
    policy::check(actor, Action::ExamineApplications)?;
    Ok(ctx.store.bureau_sessions().await?)
}

/// A session with the applications on its agenda.
#[derive(Debug, Clone)]
pub struct SessionAgenda {
    pub session: BureauSession,
    pub agenda: Vec<Application>,
    pub can_decide: bool,
}

pub async fn session(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: SessionId,
) -> Result<SessionAgenda, FlowError> {
    policy::check(actor, Action::ExamineApplications)?;
    let session = ctx.store.bureau_session(id).await?;
    let mut agenda = Vec::with_capacity(session.agenda.len());
    for application in &session.agenda {
        agenda.push(ctx.store.application(*application).await?);
    }
    Ok(SessionAgenda {
        session,
        agenda,
        can_decide: policy::check(actor, Action::DecideApplications).is_ok(),
    })
}

/// Replaces the notes of a session, which those who decide keep.
pub async fn save_session_notes(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    id: SessionId,
    notes: &str,
) -> Result<(), FlowError> {
    policy::check(actor, Action::DecideApplications)?;
    let by = signed_in(actor)?.id;
    let notes = notes.trim();
    if notes.chars().count() > NOTES_LIMIT {
        return Err(FlowError::Invalid(vec![ValidationError::new(
            "notes",
            "error-text-too-long",
        )]));
    }
    Ok(ctx.store.save_session_notes(id, notes, by, ctx.now).await?)
}

/// A person's contributions, newest first: for the person themself and for
/// those who examine applications; `None` for anyone else.
pub async fn contributions(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    account: AccountId,
) -> Result<Option<Vec<Contribution>>, FlowError> {
    let own = actor.account().is_some_and(|a| a.id == account);
    if !own && policy::check(actor, Action::ExamineApplications).is_err() {
        return Ok(None);
    }
    Ok(Some(ctx.store.contributions_of(account).await?))
}

/// The association's settings on who may hold a membership and on
/// admission, for those who manage them.
pub async fn settings(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
) -> Result<(MembershipPolicy, AdmissionSettings), FlowError> {
    policy::check(actor, Action::ViewSettings)?;
    Ok((
        ctx.store.membership_policy().await?,
        ctx.store.admission_settings().await?,
    ))
}

/// The settings page's form: who may hold a membership, and admission's.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SettingsInput {
    pub policy: String,
    #[serde(flatten)]
    pub admission: AdmissionSettingsInput,
}

/// Saves both settings, or neither when either is refused.
pub async fn save_settings(
    ctx: &Context<'_, dyn Storage>,
    actor: Actor<'_>,
    input: &SettingsInput,
) -> Result<(), FlowError> {
    policy::check(actor, Action::ManageSettings)?;
    let by = signed_in(actor)?.id;
    let mut errors = Vec::new();
    let policy = MembershipPolicy::parse(&input.policy)
        .map_err(|error| errors.push(error))
        .ok();
    let settings = match input.admission.parse() {
        Ok(settings) => Some(settings),
        Err(FlowError::Invalid(refused)) => {
            errors.extend(refused);
            None
        }
        Err(other) => return Err(other),
    };
    let (Some(policy), Some(settings)) = (policy, settings) else {
        return Err(FlowError::Invalid(errors));
    };
    ctx.store.set_membership_policy(policy, by, ctx.now).await?;
    ctx.store
        .set_admission_settings(settings, by, ctx.now)
        .await?;
    Ok(())
}
