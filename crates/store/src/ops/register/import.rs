//! Members in bulk: the import of a spreadsheet of members, and the export
//! of the register in the same shape.

use std::collections::HashMap;

use cercle_core::accounts::account::{AccountId, DisplayName, NewAccountFields, PasswordHash};
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::email::EmailAddress;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{Holder, HolderKind, Membership, PlanId};
use cercle_core::register::people::{
    OrganisationCategory, OrganisationFields, OrganisationId, OrganisationName,
};
use cercle_core::register::store::ExportedMember;
use cercle_core::register::store::ImportFailure;
use cercle_core::register::store::ImportRefusal;
use cercle_core::register::store::ImportReport;
use cercle_core::register::store::ImportedMember;
use cercle_core::register::store::ImportedMembership;
use cercle_core::register::store::MemberImport;

use crate::ops::accounts::insert_account;
use crate::ops::register::dues::{
    MembershipRow, Memberships, PaymentRow, insert_membership, insert_payment, memberships,
};
use crate::ops::register::insert_organisation;
use crate::ops::{Audit, audit, decode};
use crate::sql::Sql;

/// Written row by row, the first refusal ending it; the caller's transaction
/// then rolls every row back. Only what does not exist yet is created, so
/// that importing a file twice creates nothing the second time.
pub(crate) async fn import_members(
    db: &impl Sql,
    import: &MemberImport,
) -> Result<ImportReport, ImportFailure> {
    let mut report = ImportReport::default();
    for member in &import.rows {
        let row = member.row;
        let account = find_or_create_account(db, member, import.at, &mut report).await?;
        let organisation = match &member.organisation {
            Some(name) => {
                let organisation =
                    find_or_create_organisation(db, name, import.at, &mut report).await?;
                db.execute(
                    "INSERT INTO affiliations (account_id, organisation_id, representative, since) \
                     VALUES ($1, $2, 0, $3) ON CONFLICT (account_id, organisation_id) DO NOTHING",
                    &[account.0.into(), organisation.0.into(), import.at.0.into()],
                )
                .await?;
                Some(organisation)
            }
            None => None,
        };
        if let Some(membership) = &member.membership {
            let (plan, kind) = find_plan(db, membership).await?.ok_or_else(|| {
                refusal(row, format!("unknown plan {:?}", membership.plan.as_str()))
            })?;
            let holder = match (kind, organisation) {
                (HolderKind::Person, _) => Holder::Person(account),
                (HolderKind::Organisation, Some(organisation)) => {
                    Holder::Organisation(organisation)
                }
                (HolderKind::Organisation, None) => {
                    return Err(refusal(
                        row,
                        "the plan is for organisations but the row names none".to_owned(),
                    ));
                }
            };
            import_membership(
                db,
                &Holding {
                    holder,
                    plan,
                    membership,
                    by: import.by,
                    at: import.at,
                },
                &mut report,
            )
            .await?;
        }
    }
    audit(
        db,
        Audit {
            at: import.at,
            actor: import.by,
            action: AuditAction::MembersImported,
            subject: format!("rows:{}", import.rows.len()),
        },
    )
    .await?;
    Ok(report)
}

/// Every person by name, with their first organisation by name and the
/// membership they hold or, failing that, that organisation's; five queries
/// whatever the number of people.
pub(crate) async fn export_members(db: &impl Sql) -> StoreResult<Vec<ExportedMember>> {
    let mut organisations: HashMap<i64, (OrganisationId, String)> = HashMap::new();
    let affiliations = db
        .query(
            "SELECT affiliations.account_id, organisations.id, organisations.name \
             FROM affiliations JOIN organisations ON organisations.id = affiliations.organisation_id \
             ORDER BY organisations.name, organisations.id",
            &[],
        )
        .await?;
    for row in &affiliations {
        let organisation = (OrganisationId(row.int(1)?), row.text(2)?);
        organisations.entry(row.int(0)?).or_insert(organisation);
    }
    // Newest first, so the first one seen of a holder is the one exported.
    let mut newest: HashMap<Holder, Membership> = HashMap::new();
    for membership in memberships(db, Memberships::All).await? {
        newest.entry(membership.holder).or_insert(membership);
    }
    let accounts = db
        .query(
            "SELECT id, email, display_name, language, job_title FROM accounts \
             ORDER BY display_name, id",
            &[],
        )
        .await?;
    accounts
        .iter()
        .map(|row| {
            let account = AccountId(row.int(0)?);
            let organisation = organisations.get(&account.0);
            let membership = newest.get(&Holder::Person(account)).or_else(|| {
                organisation.and_then(|(id, _)| newest.get(&Holder::Organisation(*id)))
            });
            Ok(ExportedMember {
                email: decode("accounts.email", EmailAddress::parse(&row.text(1)?))?,
                display_name: decode("accounts.display_name", DisplayName::parse(&row.text(2)?))?,
                language: decode("accounts.language", Language::parse(&row.text(3)?))?,
                job_title: row.text(4)?,
                organisation: organisation.map(|(_, name)| name.clone()),
                membership: membership.cloned(),
            })
        })
        .collect()
}

/// The account with the row's address, created when there is none; a job
/// title is only written where the account has none.
async fn find_or_create_account(
    db: &impl Sql,
    member: &ImportedMember,
    at: Timestamp,
    report: &mut ImportReport,
) -> StoreResult<AccountId> {
    let found = db
        .query(
            "SELECT id FROM accounts WHERE email = $1",
            &[member.email.as_str().into()],
        )
        .await?;
    let account = match found.first() {
        Some(row) => AccountId(row.int(0)?),
        None => {
            let fields = NewAccountFields {
                email: member.email.clone(),
                display_name: member.display_name.clone(),
                password_hash: PasswordHash::unusable(),
                language: member.language,
            };
            report.accounts += 1;
            insert_account(db, &fields, Some(at), at).await?
        }
    };
    db.execute(
        "UPDATE accounts SET job_title = $2 WHERE id = $1 AND job_title = ''",
        &[account.0.into(), member.job_title.as_str().into()],
    )
    .await?;
    Ok(account)
}

async fn find_or_create_organisation(
    db: &impl Sql,
    name: &OrganisationName,
    at: Timestamp,
    report: &mut ImportReport,
) -> StoreResult<OrganisationId> {
    let found = db
        .query(
            "SELECT id FROM organisations WHERE name = $1",
            &[name.as_str().into()],
        )
        .await?;
    if let Some(row) = found.first() {
        return Ok(OrganisationId(row.int(0)?));
    }
    let fields = OrganisationFields {
        name: name.clone(),
        category: OrganisationCategory::Other,
        website: None,
        logo_url: None,
        description: String::new(),
        size: None,
    };
    report.organisations += 1;
    insert_organisation(db, &fields, at).await
}

/// The plan named in the row and whom it is for; `None` when no plan has
/// that name.
async fn find_plan(
    db: &impl Sql,
    membership: &ImportedMembership,
) -> StoreResult<Option<(PlanId, HolderKind)>> {
    let found = db
        .query(
            "SELECT id, holder_kind FROM plans WHERE name = $1",
            &[membership.plan.as_str().into()],
        )
        .await?;
    found
        .first()
        .map(|row| {
            Ok((
                PlanId(row.int(0)?),
                decode("plans.holder_kind", HolderKind::parse(&row.text(1)?))?,
            ))
        })
        .transpose()
}

/// A row's membership, once its holder and plan are known.
struct Holding<'a> {
    holder: Holder,
    plan: PlanId,
    membership: &'a ImportedMembership,
    by: Option<AccountId>,
    at: Timestamp,
}

/// Skipped when the holder already has a membership on the plan with a
/// period starting the same day: that is this row, imported before.
async fn import_membership(
    db: &impl Sql,
    holding: &Holding<'_>,
    report: &mut ImportReport,
) -> StoreResult<()> {
    let (account, organisation) = match holding.holder {
        Holder::Person(account) => (Some(account.0), None),
        Holder::Organisation(organisation) => (None, Some(organisation.0)),
    };
    let period = &holding.membership.period;
    let starts_on = period.starts_on.to_string();
    let existing = db
        .query(
            "SELECT memberships.id FROM memberships \
             JOIN membership_periods ON membership_periods.membership_id = memberships.id \
             WHERE memberships.plan_id = $1 \
             AND (memberships.holder_account_id = $2 OR memberships.holder_organisation_id = $3) \
             AND membership_periods.starts_on = $4",
            &[
                holding.plan.0.into(),
                account.into(),
                organisation.into(),
                starts_on.as_str().into(),
            ],
        )
        .await?;
    if !existing.is_empty() {
        return Ok(());
    }
    let (membership, period) = insert_membership(
        db,
        &MembershipRow {
            holder: holding.holder,
            plan: holding.plan,
            status: holding.membership.status,
            first_period: period,
            at: holding.at,
        },
    )
    .await?;
    report.memberships += 1;
    if let Some(payment) = &holding.membership.payment {
        insert_payment(
            db,
            &PaymentRow {
                membership,
                period,
                amount: payment.amount,
                paid_on: payment.paid_on,
                method: payment.method,
                reference: &payment.reference,
                recorded_by: holding.by,
                at: holding.at,
            },
        )
        .await?;
        report.payments += 1;
    }
    Ok(())
}

fn refusal(row: usize, reason: String) -> ImportFailure {
    ImportFailure::Row(ImportRefusal { row, reason })
}
