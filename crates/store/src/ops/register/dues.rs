//! Dues: plans, memberships, their periods and payments.

use std::collections::HashMap;

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::kernel::date::{Amount, Currency, Date};
use cercle_core::kernel::store::Listed;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;
use cercle_core::kernel::time::Timestamp;
use cercle_core::register::dues::{
    BillingPeriod, Holder, HolderKind, Membership, MembershipId, MembershipStatus, Payment,
    PaymentId, PaymentMethod, Period, PeriodId, Plan, PlanFields, PlanId, PlanName, PriceBand,
};
use cercle_core::register::people::OrganisationId;
use cercle_core::register::store::NewMembership;
use cercle_core::register::store::NewPayment;
use cercle_core::register::store::NewPeriod;
use cercle_core::register::store::PlanSave;
use cercle_core::register::store::StatusChange;

use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

/// A period added to a membership, and who adds it.
#[derive(Debug, Clone)]
pub(crate) struct PeriodAddition {
    pub(crate) membership: MembershipId,
    pub(crate) period: NewPeriod,
    pub(crate) by: AccountId,
    pub(crate) at: Timestamp,
}

/// Which memberships a read loads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Memberships {
    All,
    One(MembershipId),
    HeldBy(Holder),
    /// The first `limit` in id order after `after` (0 for the first page).
    Page {
        after: i64,
        limit: i64,
    },
    /// `limit` of the newest, after skipping `offset` of them.
    Newest {
        offset: i64,
        limit: i64,
    },
}

impl Memberships {
    pub(crate) fn page(after: Option<MembershipId>, limit: std::num::NonZeroU32) -> Self {
        Self::Page {
            after: after.map_or(0, |after| after.0),
            limit: i64::from(limit.get()),
        }
    }

    /// The condition on `memberships` selecting them, and its parameters.
    fn condition(self) -> (&'static str, Vec<i64>) {
        match self {
            Self::All => ("", Vec::new()),
            Self::One(id) => ("WHERE memberships.id = $1", vec![id.0]),
            Self::HeldBy(Holder::Person(account)) => {
                ("WHERE memberships.holder_account_id = $1", vec![account.0])
            }
            Self::HeldBy(Holder::Organisation(organisation)) => (
                "WHERE memberships.holder_organisation_id = $1",
                vec![organisation.0],
            ),
            Self::Page { after, limit } => (
                "WHERE memberships.id IN \
                 (SELECT id FROM memberships WHERE id > $1 ORDER BY id LIMIT $2)",
                vec![after, limit],
            ),
            Self::Newest { offset, limit } => (
                "WHERE memberships.id IN (SELECT id FROM memberships \
                 ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2)",
                vec![limit, offset],
            ),
        }
    }
}

/// A page of [`Memberships::Newest`], and the count of all memberships.
pub(crate) async fn newest_memberships(
    db: &impl Sql,
    offset: u64,
    limit: u32,
) -> StoreResult<Listed<Membership>> {
    let total = one(db, "SELECT COUNT(*) FROM memberships", &[])
        .await?
        .int(0)?;
    let which = Memberships::Newest {
        offset: i64::try_from(offset).map_err(|e| StoreError::Other(Box::new(e)))?,
        limit: i64::from(limit),
    };
    Ok(Listed {
        items: memberships(db, which).await?,
        total: u64::try_from(total).map_err(|e| StoreError::Other(Box::new(e)))?,
    })
}

pub(crate) async fn create_plan(db: &impl Sql, save: &PlanSave) -> StoreResult<PlanId> {
    let fields = &save.fields;
    let prices = serde_json::to_string(&fields.prices)
        .map_err(|error| StoreError::Other(Box::new(error)))?;
    let services = fields.services.join("\n");
    let row = one(
        db,
        "INSERT INTO plans \
         (name, period, holder_kind, currency, prices, services, votes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            fields.name.as_str().into(),
            fields.period.as_str().into(),
            fields.holder.as_str().into(),
            fields.currency.as_str().into(),
            prices.as_str().into(),
            services.as_str().into(),
            i64::from(fields.votes).into(),
            save.at.0.into(),
        ],
    )
    .await?;
    let id = PlanId(row.int(0)?);
    audit(
        db,
        Audit {
            at: save.at,
            actor: Some(save.by),
            action: AuditAction::PlanCreated,
            subject: format!("plan:{}", id.0),
        },
    )
    .await?;
    Ok(id)
}

const PLAN_COLUMNS: &str =
    "SELECT id, name, period, holder_kind, currency, prices, services, votes FROM plans";

pub(crate) async fn plans(db: &impl Sql) -> StoreResult<Vec<Plan>> {
    db.query(&format!("{PLAN_COLUMNS} ORDER BY name, id"), &[])
        .await?
        .iter()
        .map(read_plan)
        .collect()
}

pub(crate) async fn plan(db: &impl Sql, id: PlanId) -> StoreResult<Plan> {
    read_plan(&one(db, &format!("{PLAN_COLUMNS} WHERE id = $1"), &[id.0.into()]).await?)
}

pub(crate) async fn create_membership(
    db: &impl Sql,
    membership: &NewMembership,
) -> StoreResult<MembershipId> {
    let (id, _) = insert_membership(
        db,
        &MembershipRow {
            holder: membership.holder,
            plan: membership.plan,
            status: membership.status,
            first_period: &membership.first_period,
            at: membership.at,
        },
    )
    .await?;
    audit(
        db,
        membership_audit(
            id,
            membership.by,
            membership.at,
            AuditAction::MembershipCreated,
        ),
    )
    .await?;
    Ok(id)
}

/// A membership and its first period as written, without the audit entry:
/// an import writes one entry for all its rows.
pub(in crate::ops) struct MembershipRow<'a> {
    pub(in crate::ops) holder: Holder,
    pub(in crate::ops) plan: PlanId,
    pub(in crate::ops) status: MembershipStatus,
    pub(in crate::ops) first_period: &'a NewPeriod,
    pub(in crate::ops) at: Timestamp,
}

/// Returns the membership and its first period.
pub(in crate::ops) async fn insert_membership(
    db: &impl Sql,
    membership: &MembershipRow<'_>,
) -> StoreResult<(MembershipId, PeriodId)> {
    let (account, organisation) = match membership.holder {
        Holder::Person(account) => (Some(account.0), None),
        Holder::Organisation(organisation) => (None, Some(organisation.0)),
    };
    let row = one(
        db,
        "INSERT INTO memberships \
         (holder_account_id, holder_organisation_id, plan_id, status, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        &[
            account.into(),
            organisation.into(),
            membership.plan.0.into(),
            membership.status.as_str().into(),
            membership.at.0.into(),
        ],
    )
    .await?;
    let id = MembershipId(row.int(0)?);
    let period = insert_period(db, id, membership.first_period).await?;
    Ok((id, period))
}

/// Three queries whatever the number of memberships: the memberships, then
/// all their periods, then all their payments, grouped here.
pub(crate) async fn memberships(db: &impl Sql, which: Memberships) -> StoreResult<Vec<Membership>> {
    let (condition, params) = which.condition();
    let params: Vec<Param<'_>> = params.into_iter().map(Param::from).collect();
    let rows = db
        .query(
            &format!(
                "SELECT memberships.id, memberships.holder_account_id, \
                 memberships.holder_organisation_id, \
                 COALESCE(accounts.display_name, organisations.name), \
                 memberships.plan_id, plans.name, plans.currency, memberships.status, \
                 memberships.created_at \
                 FROM memberships \
                 JOIN plans ON plans.id = memberships.plan_id \
                 LEFT JOIN accounts ON accounts.id = memberships.holder_account_id \
                 LEFT JOIN organisations ON organisations.id = memberships.holder_organisation_id \
                 {condition} \
                 ORDER BY memberships.created_at DESC, memberships.id DESC"
            ),
            &params,
        )
        .await?;
    let mut periods: HashMap<i64, Vec<Period>> = HashMap::new();
    let period_rows = db
        .query(
            &format!(
                "SELECT membership_periods.membership_id, membership_periods.id, \
                 membership_periods.starts_on, membership_periods.ends_on, \
                 membership_periods.amount_due \
                 FROM membership_periods \
                 JOIN memberships ON memberships.id = membership_periods.membership_id \
                 {condition} \
                 ORDER BY membership_periods.starts_on, membership_periods.id"
            ),
            &params,
        )
        .await?;
    for row in &period_rows {
        periods.entry(row.int(0)?).or_default().push(Period {
            id: PeriodId(row.int(1)?),
            starts_on: read_date("membership_periods.starts_on", row, 2)?,
            ends_on: read_date("membership_periods.ends_on", row, 3)?,
            amount_due: Amount(row.int(4)?),
        });
    }
    let mut payments: HashMap<i64, Vec<Payment>> = HashMap::new();
    let payment_rows = db
        .query(
            &format!(
                "SELECT payments.membership_id, payments.id, payments.period_id, payments.amount, \
                 payments.paid_on, payments.method, payments.reference, payments.recorded_by, \
                 payments.recorded_at \
                 FROM payments \
                 JOIN memberships ON memberships.id = payments.membership_id \
                 {condition} \
                 ORDER BY payments.paid_on, payments.id"
            ),
            &params,
        )
        .await?;
    for row in &payment_rows {
        payments.entry(row.int(0)?).or_default().push(Payment {
            id: PaymentId(row.int(1)?),
            period: PeriodId(row.int(2)?),
            amount: Amount(row.int(3)?),
            paid_on: read_date("payments.paid_on", row, 4)?,
            method: decode("payments.method", PaymentMethod::parse(&row.text(5)?))?,
            reference: row.text(6)?,
            recorded_by: row.optional_int(7)?.map(AccountId),
            recorded_at: Timestamp(row.int(8)?),
        });
    }
    rows.iter()
        .map(|row| {
            let id = row.int(0)?;
            let holder = match (row.optional_int(1)?, row.optional_int(2)?) {
                (Some(account), None) => Holder::Person(AccountId(account)),
                (None, Some(organisation)) => Holder::Organisation(OrganisationId(organisation)),
                _ => {
                    return Err(StoreError::Other(
                        format!("membership {id} has not exactly one holder").into(),
                    ));
                }
            };
            Ok(Membership {
                id: MembershipId(id),
                holder,
                holder_name: row.text(3)?,
                plan: PlanId(row.int(4)?),
                plan_name: row.text(5)?,
                currency: decode("plans.currency", Currency::parse(&row.text(6)?))?,
                status: decode("memberships.status", MembershipStatus::parse(&row.text(7)?))?,
                created_at: Timestamp(row.int(8)?),
                periods: periods.remove(&id).unwrap_or_default(),
                payments: payments.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

pub(crate) async fn membership(db: &impl Sql, id: MembershipId) -> StoreResult<Membership> {
    memberships(db, Memberships::One(id))
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub(crate) async fn add_period(db: &impl Sql, addition: &PeriodAddition) -> StoreResult<PeriodId> {
    let id = insert_period(db, addition.membership, &addition.period).await?;
    audit(
        db,
        membership_audit(
            addition.membership,
            addition.by,
            addition.at,
            AuditAction::PeriodAdded,
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn record_payment(db: &impl Sql, payment: &NewPayment) -> StoreResult<PaymentId> {
    let id = insert_payment(
        db,
        &PaymentRow {
            membership: payment.membership,
            period: payment.period,
            amount: payment.amount,
            paid_on: payment.paid_on,
            method: payment.method,
            reference: &payment.reference,
            recorded_by: Some(payment.by),
            at: payment.at,
        },
    )
    .await?;
    audit(
        db,
        membership_audit(
            payment.membership,
            payment.by,
            payment.at,
            AuditAction::PaymentRecorded,
        ),
    )
    .await?;
    Ok(id)
}

/// A payment as written, without the audit entry: an import writes one
/// entry for all its rows, and may be run by no account.
pub(in crate::ops) struct PaymentRow<'a> {
    pub(in crate::ops) membership: MembershipId,
    pub(in crate::ops) period: PeriodId,
    pub(in crate::ops) amount: Amount,
    pub(in crate::ops) paid_on: Date,
    pub(in crate::ops) method: PaymentMethod,
    pub(in crate::ops) reference: &'a str,
    pub(in crate::ops) recorded_by: Option<AccountId>,
    pub(in crate::ops) at: Timestamp,
}

/// The foreign key from a payment to its period goes through the membership,
/// so that a period of another membership is refused as not found.
pub(in crate::ops) async fn insert_payment(
    db: &impl Sql,
    payment: &PaymentRow<'_>,
) -> StoreResult<PaymentId> {
    let paid_on = payment.paid_on.to_string();
    let row = one(
        db,
        "INSERT INTO payments \
         (membership_id, period_id, amount, paid_on, method, reference, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            payment.membership.0.into(),
            payment.period.0.into(),
            payment.amount.0.into(),
            paid_on.as_str().into(),
            payment.method.as_str().into(),
            payment.reference.into(),
            payment.recorded_by.map(|account| account.0).into(),
            payment.at.0.into(),
        ],
    )
    .await?;
    Ok(PaymentId(row.int(0)?))
}

pub(crate) async fn set_membership_status(db: &impl Sql, change: &StatusChange) -> StoreResult<()> {
    changed(
        db,
        "UPDATE memberships SET status = $2 WHERE id = $1",
        &[change.membership.0.into(), change.status.as_str().into()],
    )
    .await?;
    audit(
        db,
        Audit {
            at: change.at,
            actor: change.by,
            action: AuditAction::MembershipStatusChanged,
            subject: format!("membership:{}", change.membership),
        },
    )
    .await
}

/// [`StoreError::NotFound`] when the membership does not exist.
async fn insert_period(
    db: &impl Sql,
    membership: MembershipId,
    period: &NewPeriod,
) -> StoreResult<PeriodId> {
    let (starts_on, ends_on) = (period.starts_on.to_string(), period.ends_on.to_string());
    let row = one(
        db,
        "INSERT INTO membership_periods (membership_id, starts_on, ends_on, amount_due) \
         VALUES ($1, $2, $3, $4) RETURNING id",
        &[
            membership.0.into(),
            starts_on.as_str().into(),
            ends_on.as_str().into(),
            period.amount_due.0.into(),
        ],
    )
    .await?;
    Ok(PeriodId(row.int(0)?))
}

fn read_plan(row: &Row) -> StoreResult<Plan> {
    let services = row.text(6)?;
    Ok(Plan {
        id: PlanId(row.int(0)?),
        fields: PlanFields {
            name: decode("plans.name", PlanName::parse(&row.text(1)?))?,
            period: decode("plans.period", BillingPeriod::parse(&row.text(2)?))?,
            holder: decode("plans.holder_kind", HolderKind::parse(&row.text(3)?))?,
            currency: decode("plans.currency", Currency::parse(&row.text(4)?))?,
            prices: decode(
                "plans.prices",
                serde_json::from_str::<Vec<PriceBand>>(&row.text(5)?),
            )?,
            services: services.lines().map(str::to_owned).collect(),
            votes: row.int(7)? != 0,
        },
    })
}

pub(in crate::ops) fn read_date(column: &str, row: &Row, index: usize) -> StoreResult<Date> {
    decode(column, Date::parse(&row.text(index)?))
}

fn membership_audit(
    membership: MembershipId,
    by: AccountId,
    at: Timestamp,
    action: AuditAction,
) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject: format!("membership:{membership}"),
    }
}
