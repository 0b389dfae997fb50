//! Admission: the settings, applications and their decisions, the sessions
//! of the bureau; and contributions.

use std::collections::HashMap;

use cercle_core::accounts::account::{AccountId, DisplayName};
use cercle_core::accounts::audit::AuditAction;
use cercle_core::admission::store::ApplicationDecision;
use cercle_core::admission::store::Contributor;
use cercle_core::admission::store::NewApplication;
use cercle_core::admission::store::NewBureauSession;
use cercle_core::admission::store::NewContribution;
use cercle_core::admission::store::Verdict;
use cercle_core::admission::{
    AdmissionSettings, Application, ApplicationId, ApplicationStatus, BureauSession, Contribution,
    ContributionId, ContributionKind, Decision, SessionId,
};
use cercle_core::kernel::association::Language;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{Holder, MembershipId, PlanId};
use cercle_core::register::people::OrganisationId;
use cercle_core::register::store::NewAffiliation;

use crate::ops::kernel::enqueue;
use crate::ops::register::affiliate;
use crate::ops::register::dues::{create_membership, read_date};
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

/// New settings, and who sets them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SettingsChange {
    pub(crate) settings: AdmissionSettings,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// An application withdrawn by its applicant.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Withdrawal {
    pub(crate) application: ApplicationId,
    pub(crate) applicant: AccountId,
    pub(crate) at: Timestamp,
}

/// The notes of a session, and who writes them.
#[derive(Debug, Clone)]
pub(crate) struct SessionNotes {
    pub(crate) session: SessionId,
    pub(crate) notes: String,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// The defaults before the instance is set up, as after.
pub(crate) async fn admission_settings(db: &impl Sql) -> StoreResult<AdmissionSettings> {
    let rows = db
        .query(
            "SELECT decisions_outside_sessions, contribution_inactivity_days \
             FROM association WHERE id = 1",
            &[],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(AdmissionSettings::default());
    };
    Ok(AdmissionSettings {
        decisions_outside_sessions: row.int(0)? != 0,
        contribution_inactivity_days: row
            .optional_int(1)?
            .map(|days| {
                decode(
                    "association.contribution_inactivity_days",
                    u32::try_from(days),
                )
            })
            .transpose()?,
    })
}

/// [`StoreError::NotFound`] before the instance is set up.
pub(crate) async fn set_admission_settings(
    db: &impl Sql,
    change: SettingsChange,
) -> StoreResult<()> {
    let settings = change.settings;
    changed(
        db,
        "UPDATE association \
         SET decisions_outside_sessions = $1, contribution_inactivity_days = $2 WHERE id = 1",
        &[
            i64::from(settings.decisions_outside_sessions).into(),
            settings.contribution_inactivity_days.map(i64::from).into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit {
            at: change.at,
            actor: Some(change.by),
            action: AuditAction::AdmissionSettingsChanged,
            subject: "association".to_owned(),
        },
    )
    .await
}

/// Puts the application on the agenda of the first session held on or after
/// `today`, if one is planned.
pub(crate) async fn create_application(
    db: &impl Sql,
    application: &NewApplication,
) -> StoreResult<ApplicationId> {
    let today = application.today.to_string();
    let row = one(
        db,
        "INSERT INTO applications \
         (applicant_id, plan_id, organisation_id, motivation, language, status, submitted_at, \
         session_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, \
         (SELECT id FROM bureau_sessions WHERE held_on >= $8 ORDER BY held_on, id LIMIT 1)) \
         RETURNING id",
        &[
            application.applicant.0.into(),
            application.plan.0.into(),
            application
                .organisation
                .map(|organisation| organisation.0)
                .into(),
            application.motivation.as_str().into(),
            application.language.code().into(),
            ApplicationStatus::Pending.as_str().into(),
            application.at.0.into(),
            today.as_str().into(),
        ],
    )
    .await?;
    let id = ApplicationId(row.int(0)?);
    audit(
        db,
        application_audit(
            id,
            application.applicant,
            application.at,
            AuditAction::ApplicationSubmitted,
        ),
    )
    .await?;
    Ok(id)
}

/// Which applications a read loads.
#[derive(Debug, Clone, Copy)]
enum Applications {
    All,
    One(ApplicationId),
    Of(AccountId),
}

pub(crate) async fn application(db: &impl Sql, id: ApplicationId) -> StoreResult<Application> {
    read_applications(db, Applications::One(id))
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn applications(db: &impl Sql) -> StoreResult<Vec<Application>> {
    read_applications(db, Applications::All).await
}

pub(crate) async fn applications_of(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Vec<Application>> {
    read_applications(db, Applications::Of(account)).await
}

/// Newest first.
async fn read_applications(db: &impl Sql, which: Applications) -> StoreResult<Vec<Application>> {
    let (condition, param) = match which {
        Applications::All => ("", None),
        Applications::One(id) => ("WHERE applications.id = $1", Some(id.0)),
        Applications::Of(account) => ("WHERE applications.applicant_id = $1", Some(account.0)),
    };
    let params: Vec<Param<'_>> = param.into_iter().map(Param::from).collect();
    db.query(
        &format!(
            "SELECT applications.id, applications.applicant_id, applicants.display_name, \
             applications.language, applications.plan_id, plans.name, \
             applications.organisation_id, organisations.name, applications.motivation, \
             applications.status, applications.submitted_at, applications.session_id, \
             applications.reason, applications.decided_by, \
             COALESCE(deciders.display_name, ''), applications.decided_at, \
             applications.decided_in_session_id, applications.membership_id \
             FROM applications \
             JOIN accounts AS applicants ON applicants.id = applications.applicant_id \
             JOIN plans ON plans.id = applications.plan_id \
             LEFT JOIN organisations ON organisations.id = applications.organisation_id \
             LEFT JOIN accounts AS deciders ON deciders.id = applications.decided_by \
             {condition} \
             ORDER BY applications.submitted_at DESC, applications.id DESC"
        ),
        &params,
    )
    .await?
    .iter()
    .map(read_application)
    .collect()
}

fn read_application(row: &Row) -> StoreResult<Application> {
    let status = row.text(9)?;
    let status = ApplicationStatus::parse(&status).ok_or_else(|| {
        StoreError::Other(format!("applications.status holds an invalid value ({status})").into())
    })?;
    let organisation = match row.optional_int(6)? {
        Some(id) => Some((OrganisationId(id), row.text(7)?)),
        None => None,
    };
    let decision = match (status, row.optional_int(13)?, row.optional_int(15)?) {
        (ApplicationStatus::Accepted | ApplicationStatus::Refused, Some(by), Some(at)) => {
            Some(Decision {
                reason: row.text(12)?,
                decided_by: AccountId(by),
                decided_by_name: row.text(14)?,
                decided_at: Timestamp(at),
                session: row.optional_int(16)?.map(SessionId),
                membership: row.optional_int(17)?.map(MembershipId),
            })
        }
        _ => None,
    };
    Ok(Application {
        id: ApplicationId(row.int(0)?),
        applicant: AccountId(row.int(1)?),
        applicant_name: row.text(2)?,
        language: decode("applications.language", Language::parse(&row.text(3)?))?,
        plan: PlanId(row.int(4)?),
        plan_name: row.text(5)?,
        organisation,
        motivation: row.text(8)?,
        status,
        submitted_at: Timestamp(row.int(10)?),
        session: row.optional_int(11)?.map(SessionId),
        decision,
    })
}

/// [`StoreError::NotFound`] unless the application is the applicant's own
/// and still pending.
pub(crate) async fn withdraw_application(db: &impl Sql, withdrawal: Withdrawal) -> StoreResult<()> {
    changed(
        db,
        "UPDATE applications SET status = $3 \
         WHERE id = $1 AND applicant_id = $2 AND status = $4",
        &[
            withdrawal.application.0.into(),
            withdrawal.applicant.0.into(),
            ApplicationStatus::Withdrawn.as_str().into(),
            ApplicationStatus::Pending.as_str().into(),
        ],
    )
    .await?;
    audit(
        db,
        application_audit(
            withdrawal.application,
            withdrawal.applicant,
            withdrawal.at,
            AuditAction::ApplicationWithdrawn,
        ),
    )
    .await
}

/// The decision is written first, guarded by the pending status, so that of
/// two concurrent decisions the second finds nothing pending and writes
/// nothing, membership included.
pub(crate) async fn decide_application(
    db: &impl Sql,
    decision: &ApplicationDecision,
) -> StoreResult<Option<MembershipId>> {
    let id = decision.application;
    let (status, action) = match decision.verdict {
        Verdict::Accept { .. } => (
            ApplicationStatus::Accepted,
            AuditAction::ApplicationAccepted,
        ),
        Verdict::Refuse => (ApplicationStatus::Refused, AuditAction::ApplicationRefused),
    };
    let decided = db
        .query(
            "UPDATE applications SET status = $2, reason = $3, decided_by = $4, \
             decided_at = $5, decided_in_session_id = $6, session_id = COALESCE($6, session_id) \
             WHERE id = $1 AND status = $7 RETURNING applicant_id",
            &[
                id.0.into(),
                status.as_str().into(),
                decision.reason.as_str().into(),
                decision.by.0.into(),
                decision.at.0.into(),
                decision.session.map(|session| session.0).into(),
                ApplicationStatus::Pending.as_str().into(),
            ],
        )
        .await?;
    let Some(row) = decided.first() else {
        // Told apart so that an unknown application is not a conflict.
        one(
            db,
            "SELECT id FROM applications WHERE id = $1",
            &[id.0.into()],
        )
        .await?;
        return Err(StoreError::Conflict);
    };
    let applicant = AccountId(row.int(0)?);
    let membership = match &decision.verdict {
        Verdict::Accept { membership } => {
            let opened = create_membership(db, membership).await?;
            if let Holder::Organisation(organisation) = membership.holder {
                affiliate(
                    db,
                    &NewAffiliation {
                        account: applicant,
                        organisation,
                        representative: true,
                        by: decision.by,
                        at: decision.at,
                    },
                )
                .await?;
            }
            db.execute(
                "UPDATE applications SET membership_id = $2 WHERE id = $1",
                &[id.0.into(), opened.0.into()],
            )
            .await?;
            Some(opened)
        }
        Verdict::Refuse => None,
    };
    enqueue(db, &decision.notice).await?;
    audit(db, application_audit(id, decision.by, decision.at, action)).await?;
    Ok(membership)
}

/// Puts every pending application that is on no agenda on this session's.
pub(crate) async fn create_bureau_session(
    db: &impl Sql,
    session: &NewBureauSession,
) -> StoreResult<SessionId> {
    let held_on = session.held_on.to_string();
    let row = one(
        db,
        "INSERT INTO bureau_sessions (held_on, title, created_by, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
        &[
            held_on.as_str().into(),
            session.title.as_str().into(),
            session.by.0.into(),
            session.at.0.into(),
        ],
    )
    .await?;
    let id = SessionId(row.int(0)?);
    for attendee in &session.attendees {
        db.execute(
            "INSERT INTO bureau_session_attendees (session_id, account_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
            &[id.0.into(), attendee.0.into()],
        )
        .await?;
    }
    db.execute(
        "UPDATE applications SET session_id = $1 WHERE status = $2 AND session_id IS NULL",
        &[id.0.into(), ApplicationStatus::Pending.as_str().into()],
    )
    .await?;
    audit(
        db,
        session_audit(
            id,
            session.by,
            session.at,
            AuditAction::BureauSessionCreated,
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn bureau_sessions(db: &impl Sql) -> StoreResult<Vec<BureauSession>> {
    read_sessions(db, None).await
}

pub(crate) async fn bureau_session(db: &impl Sql, id: SessionId) -> StoreResult<BureauSession> {
    read_sessions(db, Some(id))
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Three queries whatever the number of sessions: the sessions, then all
/// their attendees, then all their agendas, grouped here. Newest first.
async fn read_sessions(db: &impl Sql, only: Option<SessionId>) -> StoreResult<Vec<BureauSession>> {
    let (condition, params): (&str, Vec<Param<'_>>) = match only {
        Some(id) => ("WHERE bureau_sessions.id = $1", vec![id.0.into()]),
        None => ("", Vec::new()),
    };
    let rows = db
        .query(
            &format!(
                "SELECT id, held_on, title, notes, created_at FROM bureau_sessions {condition} \
                 ORDER BY held_on DESC, id DESC"
            ),
            &params,
        )
        .await?;
    let mut attendees: HashMap<i64, Vec<(AccountId, String)>> = HashMap::new();
    let attendee_rows = db
        .query(
            &format!(
                "SELECT bureau_session_attendees.session_id, accounts.id, accounts.display_name \
                 FROM bureau_session_attendees \
                 JOIN bureau_sessions ON bureau_sessions.id = bureau_session_attendees.session_id \
                 JOIN accounts ON accounts.id = bureau_session_attendees.account_id \
                 {condition} \
                 ORDER BY accounts.display_name, accounts.id"
            ),
            &params,
        )
        .await?;
    for row in &attendee_rows {
        attendees
            .entry(row.int(0)?)
            .or_default()
            .push((AccountId(row.int(1)?), row.text(2)?));
    }
    let mut agendas: HashMap<i64, Vec<ApplicationId>> = HashMap::new();
    let agenda_rows = db
        .query(
            &format!(
                "SELECT applications.session_id, applications.id FROM applications \
                 JOIN bureau_sessions ON bureau_sessions.id = applications.session_id \
                 {condition} \
                 ORDER BY applications.submitted_at, applications.id"
            ),
            &params,
        )
        .await?;
    for row in &agenda_rows {
        agendas
            .entry(row.int(0)?)
            .or_default()
            .push(ApplicationId(row.int(1)?));
    }
    rows.iter()
        .map(|row| {
            let id = row.int(0)?;
            Ok(BureauSession {
                id: SessionId(id),
                held_on: read_date("bureau_sessions.held_on", row, 1)?,
                title: row.text(2)?,
                attendees: attendees.remove(&id).unwrap_or_default(),
                notes: row.text(3)?,
                agenda: agendas.remove(&id).unwrap_or_default(),
                created_at: Timestamp(row.int(4)?),
            })
        })
        .collect()
}

pub(crate) async fn save_session_notes(db: &impl Sql, notes: &SessionNotes) -> StoreResult<()> {
    changed(
        db,
        "UPDATE bureau_sessions SET notes = $2 WHERE id = $1",
        &[notes.session.0.into(), notes.notes.as_str().into()],
    )
    .await?;
    audit(
        db,
        session_audit(
            notes.session,
            notes.by,
            notes.at,
            AuditAction::BureauSessionNotes,
        ),
    )
    .await
}

pub(crate) async fn record_contribution(
    db: &impl Sql,
    contribution: &NewContribution,
) -> StoreResult<ContributionId> {
    let on = contribution.on.to_string();
    let row = one(
        db,
        "INSERT INTO contributions (account_id, kind, on_date, note, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        &[
            contribution.account.0.into(),
            contribution.kind.as_str().into(),
            on.as_str().into(),
            contribution.note.as_str().into(),
            contribution.by.0.into(),
            contribution.at.0.into(),
        ],
    )
    .await?;
    let id = ContributionId(row.int(0)?);
    audit(
        db,
        Audit {
            at: contribution.at,
            actor: Some(contribution.by),
            action: AuditAction::ContributionRecorded,
            subject: format!("contribution:{}", id.0),
        },
    )
    .await?;
    Ok(id)
}

/// Newest first.
pub(crate) async fn contributions_of(
    db: &impl Sql,
    account: AccountId,
) -> StoreResult<Vec<Contribution>> {
    db.query(
        "SELECT id, account_id, kind, on_date, note, recorded_by, recorded_at \
         FROM contributions WHERE account_id = $1 ORDER BY on_date DESC, id DESC",
        &[account.0.into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Contribution {
            id: ContributionId(row.int(0)?),
            account: AccountId(row.int(1)?),
            kind: decode("contributions.kind", ContributionKind::parse(&row.text(2)?))?,
            on: read_date("contributions.on_date", row, 3)?,
            note: row.text(4)?,
            recorded_by: AccountId(row.int(5)?),
            recorded_at: Timestamp(row.int(6)?),
        })
    })
    .collect()
}

/// The most recent contributor first; by name among those of the same day.
pub(crate) async fn contributors(db: &impl Sql) -> StoreResult<Vec<Contributor>> {
    db.query(
        "SELECT accounts.id, accounts.display_name, COUNT(*), MAX(contributions.on_date) \
         FROM contributions JOIN accounts ON accounts.id = contributions.account_id \
         GROUP BY accounts.id, accounts.display_name \
         ORDER BY MAX(contributions.on_date) DESC, accounts.display_name, accounts.id",
        &[],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Contributor {
            account: AccountId(row.int(0)?),
            display_name: decode("accounts.display_name", DisplayName::parse(&row.text(1)?))?,
            contributions: row.int(2)?,
            last_on: read_date("contributions.on_date", row, 3)?,
        })
    })
    .collect()
}

fn application_audit(
    id: ApplicationId,
    by: AccountId,
    at: Timestamp,
    action: AuditAction,
) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("application:{}", id.0),
    }
}

fn session_audit(id: SessionId, by: AccountId, at: Timestamp, action: AuditAction) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("bureau_session:{}", id.0),
    }
}
