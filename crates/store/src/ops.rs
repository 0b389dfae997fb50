//! Every store operation, written once over [`Sql`] so that SQLite and
//! PostgreSQL behave the same.
//!
//! The backends decide where an operation runs (which connection, which
//! transaction); the functions here decide what it does. A function that
//! changes something expects to run inside one transaction, so that its
//! audit entry and the jobs it enqueues commit with the change.
//!
//! Each area of core has its operations in `ops/<area>.rs`, split further in
//! `ops/<area>/` where the area is large, so that an operation sits with the
//! others of its area; this file keeps what they all share: the audit log,
//! the reading of roles and the checks on rows.

use std::fmt;

use cercle_core::accounts::account::{AccountId, Role};
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::store::{StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;

use crate::sql::{Param, Row, Sql};

pub(crate) mod accounts;
pub(crate) mod admission;
pub(crate) mod communities;
pub(crate) mod events;
pub(crate) mod governance;
pub(crate) mod kernel;
pub(crate) mod newsletter;
pub(crate) mod notify;
pub(crate) mod register;
pub(crate) mod site;

async fn audit(db: &impl Sql, entry: Audit) -> StoreResult<()> {
    db.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject) VALUES ($1, $2, $3, $4)",
        &[
            entry.at.0.into(),
            entry.actor.map(|actor| actor.0).into(),
            entry.action.as_str().into(),
            entry.subject.as_str().into(),
        ],
    )
    .await
    .map(drop)
}

/// An audit entry about to be written. Its actor is `None` for a change no
/// account made, such as an import run from the command line.
struct Audit {
    at: Timestamp,
    actor: Option<AccountId>,
    action: AuditAction,
    subject: String,
}

impl Audit {
    /// A change an account made to itself.
    fn of_account(at: Timestamp, account: AccountId, action: AuditAction) -> Self {
        Self {
            at,
            actor: Some(account),
            action,
            subject: format!("account:{account}"),
        }
    }
}

/// The roles in `column` of an account's rows, one row per role or a single
/// row with a NULL role when it has none.
fn roles(account: AccountId, rows: &[Row], column: usize) -> StoreResult<Vec<Role>> {
    let mut roles = Vec::new();
    for row in rows {
        if let Some(name) = row.optional_text(column)? {
            match Role::parse(&name) {
                Some(role) => roles.push(role),
                None => tracing::warn!(
                    account = account.0,
                    role = name,
                    "ignoring a role this version does not know"
                ),
            }
        }
    }
    Ok(roles)
}

/// The first row, or [`StoreError::NotFound`] when there is none.
async fn one(db: &impl Sql, sql: &str, params: &[Param<'_>]) -> StoreResult<Row> {
    db.query(sql, params)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// Runs a statement that must change a row; [`StoreError::NotFound`] when it
/// matched none.
async fn changed(db: &impl Sql, sql: &str, params: &[Param<'_>]) -> StoreResult<()> {
    match db.execute(sql, params).await? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// A stored value that its type refuses was written by something other than
/// this store, or by an older version with looser rules.
fn decode<T, E: fmt::Display>(column: &str, parsed: Result<T, E>) -> StoreResult<T> {
    parsed.map_err(|error| {
        StoreError::Other(format!("{column} holds an invalid value ({error})").into())
    })
}
