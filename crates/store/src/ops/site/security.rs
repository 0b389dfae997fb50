//! The private security reports, which the accounts holding a role are told
//! of.

use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::site::security::{
    NewSecurityReport, ReportState, ReportStateChange, SecurityReport, SecurityReportId,
};

use crate::ops::kernel::enqueue;
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Row, Sql};

/// The report is audited by number, without its reporter's address.
pub(crate) async fn create_security_report(
    db: &impl Sql,
    report: &NewSecurityReport,
) -> StoreResult<SecurityReportId> {
    let id = SecurityReportId(
        one(
            db,
            "INSERT INTO security_reports (reporter_name, reporter_email, description, \
             affected_version, language, state, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[
                report.reporter_name.as_str().into(),
                report.reporter_email.as_str().into(),
                report.description.as_str().into(),
                report.affected_version.as_str().into(),
                report.language.code().into(),
                ReportState::New.as_str().into(),
                report.at.0.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    for job in &report.notices {
        enqueue(db, job).await?;
    }
    audit(
        db,
        Audit {
            at: report.at,
            actor: None,
            action: AuditAction::SecurityReportReceived,
            subject: subject(id),
        },
    )
    .await?;
    Ok(id)
}

const COLUMNS: &str = "security_reports.id, security_reports.reporter_name, \
     security_reports.reporter_email, security_reports.description, \
     security_reports.affected_version, security_reports.language, security_reports.state, \
     security_reports.received_at, security_reports.updated_at, \
     COALESCE(accounts.display_name, '') \
     FROM security_reports LEFT JOIN accounts ON accounts.id = security_reports.updated_by";

fn report(row: &Row) -> StoreResult<SecurityReport> {
    Ok(SecurityReport {
        id: SecurityReportId(row.int(0)?),
        reporter_name: row.text(1)?,
        reporter_email: decode(
            "security_reports.reporter_email",
            EmailAddress::parse(&row.text(2)?),
        )?,
        description: row.text(3)?,
        affected_version: row.text(4)?,
        language: decode("security_reports.language", Language::parse(&row.text(5)?))?,
        state: decode("security_reports.state", ReportState::parse(&row.text(6)?))?,
        received_at: Timestamp(row.int(7)?),
        updated: match row.optional_int(8)? {
            Some(at) => Some((Timestamp(at), row.text(9)?)),
            None => None,
        },
    })
}

pub(crate) async fn security_reports(db: &impl Sql) -> StoreResult<Vec<SecurityReport>> {
    db.query(
        &format!(
            "SELECT {COLUMNS} ORDER BY security_reports.received_at DESC, security_reports.id DESC"
        ),
        &[],
    )
    .await?
    .iter()
    .map(report)
    .collect()
}

pub(crate) async fn security_report(
    db: &impl Sql,
    id: SecurityReportId,
) -> StoreResult<SecurityReport> {
    report(
        &one(
            db,
            &format!("SELECT {COLUMNS} WHERE security_reports.id = $1"),
            &[id.0.into()],
        )
        .await?,
    )
}

pub(crate) async fn set_security_report_state(
    db: &impl Sql,
    change: &ReportStateChange,
) -> StoreResult<()> {
    changed(
        db,
        "UPDATE security_reports SET state = $2, updated_at = $3, updated_by = $4 WHERE id = $1",
        &[
            change.report.0.into(),
            change.state.as_str().into(),
            change.at.0.into(),
            change.by.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        Audit {
            at: change.at,
            actor: Some(change.by),
            action: AuditAction::SecurityReportStateChanged,
            subject: subject(change.report),
        },
    )
    .await
}

fn subject(id: SecurityReportId) -> String {
    format!("security_report:{}", id.0)
}
