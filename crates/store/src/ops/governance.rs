//! Governance: the statutes, the bodies with their mandates, and the
//! general assemblies with their roll, proxies, agenda, ballots and minutes.
//!
//! Every write that changes who carries whose vote (a proxy given or
//! revoked, a presence, the opening) begins by bumping the assembly's
//! `roll_version`: on PostgreSQL that takes the row's lock, so concurrent
//! proxies to one holder wait for one another and each counts the proxies
//! after the previous one committed, as events do for a seat; SQLite has
//! one writer anyway. A holder never carries more than the statutes' cap.
//!
//! A secret ballot keeps who voted in `ballot_voters` without the choice,
//! and adds the choice to a counter of `ballot_counts`: no row joins a voter
//! to a choice.

use cercle_core::accounts::account::AccountId;
use cercle_core::accounts::audit::AuditAction;
use cercle_core::events::event::Zone;
use cercle_core::governance::assembly::{
    AgendaItem, Assembly, AssemblyFields, AssemblyId, AssemblyKind, AssemblyState, ItemFields,
    ItemId, Presence, Quorum, RollEntry, Statutes,
};
use cercle_core::governance::ballot::{BallotKind, Choice, MajorityRule, Resolution, Tally};
use cercle_core::governance::body::{Body, BodyFields, BodyId, BodyKind, Mandate, MandateId, Seat};
use cercle_core::governance::minutes::Minutes;
use cercle_core::governance::store::{
    AssemblyClosing, AssemblyListing, AssemblyOpening, AssemblySave, BodySave, Convocation,
    ItemSave, MandateEnd, MandateSave, MinutesSave, PresenceSave, ProxyRefusal, ProxySave,
    RollPage, Voice, VoteRefusal, VoteSave,
};
use cercle_core::kernel::date::Date;
use cercle_core::kernel::store::{Listed, StoreError, StoreResult};
use cercle_core::kernel::time::Timestamp;
use cercle_core::notify::notification::Recipient;

use crate::ops::communities::Filter;
use crate::ops::kernel::enqueue;
use crate::ops::notify::read_recipient;
use crate::ops::register::dues::read_date;
use crate::ops::register::escape_like;
use crate::ops::{Audit, audit, changed, decode, one};
use crate::sql::{Param, Row, Sql};

fn governance_audit(subject: String, by: AccountId, at: Timestamp, action: AuditAction) -> Audit {
    Audit {
        at,
        actor: Some(by),
        action,
        subject,
    }
}

fn assembly_subject(id: AssemblyId) -> String {
    format!("assembly:{}", id.0)
}

fn item_subject(id: ItemId) -> String {
    format!("agenda_item:{}", id.0)
}

/// A count read from the database as the `u32` the statutes hold.
fn count(column: &str, row: &Row, index: usize) -> StoreResult<u32> {
    decode(column, u32::try_from(row.int(index)?))
}

fn total(count: i64) -> StoreResult<u64> {
    u64::try_from(count).map_err(|e| StoreError::Other(Box::new(e)))
}

pub(crate) async fn statutes(db: &impl Sql) -> StoreResult<Statutes> {
    let rows = db
        .query(
            "SELECT notice_days, proxy_cap, ordinary_quorum_percent, \
             extraordinary_quorum_percent, abstentions_count FROM governance_statutes \
             WHERE id = 1",
            &[],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(Statutes::default());
    };
    Ok(Statutes {
        notice_days: count("governance_statutes.notice_days", row, 0)?,
        proxy_cap: count("governance_statutes.proxy_cap", row, 1)?,
        ordinary_quorum_percent: count("governance_statutes.ordinary_quorum_percent", row, 2)?,
        extraordinary_quorum_percent: count(
            "governance_statutes.extraordinary_quorum_percent",
            row,
            3,
        )?,
        abstentions_count: row.int(4)? != 0,
    })
}

pub(crate) async fn set_statutes(
    db: &impl Sql,
    statutes: &Statutes,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    db.execute(
        "INSERT INTO governance_statutes (id, notice_days, proxy_cap, ordinary_quorum_percent, \
         extraordinary_quorum_percent, abstentions_count, updated_at) \
         VALUES (1, $1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET notice_days = $1, \
         proxy_cap = $2, ordinary_quorum_percent = $3, extraordinary_quorum_percent = $4, \
         abstentions_count = $5, updated_at = $6",
        &[
            i64::from(statutes.notice_days).into(),
            i64::from(statutes.proxy_cap).into(),
            i64::from(statutes.ordinary_quorum_percent).into(),
            i64::from(statutes.extraordinary_quorum_percent).into(),
            i64::from(statutes.abstentions_count).into(),
            at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        governance_audit("statutes".to_owned(), by, at, AuditAction::StatutesChanged),
    )
    .await
}

/// Two queries, whatever the number of bodies: the bodies, then every
/// mandate, each given to its body in seat order.
pub(crate) async fn bodies(db: &impl Sql) -> StoreResult<Vec<Body>> {
    let mut bodies = db
        .query(
            "SELECT id, name, kind, description FROM governance_bodies ORDER BY id",
            &[],
        )
        .await?
        .iter()
        .map(|row| {
            Ok(Body {
                id: BodyId(row.int(0)?),
                fields: BodyFields {
                    name: row.text(1)?,
                    kind: decode("governance_bodies.kind", BodyKind::parse(&row.text(2)?))?,
                    description: row.text(3)?,
                },
                mandates: Vec::new(),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let mandates = db
        .query(
            "SELECT governance_mandates.id, governance_mandates.body_id, \
             governance_mandates.account_id, accounts.display_name, governance_mandates.seat, \
             governance_mandates.starts_on, governance_mandates.ends_on \
             FROM governance_mandates JOIN accounts ON accounts.id = governance_mandates.account_id \
             ORDER BY governance_mandates.body_id, governance_mandates.starts_on DESC, \
             governance_mandates.id DESC",
            &[],
        )
        .await?;
    for row in &mandates {
        let mandate = Mandate {
            id: MandateId(row.int(0)?),
            body: BodyId(row.int(1)?),
            account: AccountId(row.int(2)?),
            name: row.text(3)?,
            seat: decode("governance_mandates.seat", Seat::parse(&row.text(4)?))?,
            starts_on: read_date("governance_mandates.starts_on", row, 5)?,
            ends_on: row
                .optional_text(6)?
                .map(|ends_on| decode("governance_mandates.ends_on", Date::parse(&ends_on)))
                .transpose()?,
        };
        if let Some(body) = bodies.iter_mut().find(|b| b.id == mandate.body) {
            body.mandates.push(mandate);
        }
    }
    // The seats' order is the enum's (`Seat::ALL`); a stable sort keeps the
    // latest start first within a seat.
    for body in &mut bodies {
        body.mandates.sort_by_key(|mandate| mandate.seat);
    }
    Ok(bodies)
}

pub(crate) async fn create_body(db: &impl Sql, save: &BodySave) -> StoreResult<BodyId> {
    let fields = &save.fields;
    let id = BodyId(
        one(
            db,
            "INSERT INTO governance_bodies (name, kind, description, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
            &[
                fields.name.as_str().into(),
                fields.kind.as_str().into(),
                fields.description.as_str().into(),
                save.at.0.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    audit(
        db,
        governance_audit(
            format!("body:{}", id.0),
            save.by,
            save.at,
            AuditAction::BodyCreated,
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn update_body(db: &impl Sql, id: BodyId, save: &BodySave) -> StoreResult<()> {
    let fields = &save.fields;
    changed(
        db,
        "UPDATE governance_bodies SET name = $2, kind = $3, description = $4, updated_at = $5 \
         WHERE id = $1",
        &[
            id.0.into(),
            fields.name.as_str().into(),
            fields.kind.as_str().into(),
            fields.description.as_str().into(),
            save.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        governance_audit(
            format!("body:{}", id.0),
            save.by,
            save.at,
            AuditAction::BodyUpdated,
        ),
    )
    .await
}

/// Its mandates go with it, by the foreign key's cascade.
pub(crate) async fn remove_body(
    db: &impl Sql,
    id: BodyId,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    changed(
        db,
        "DELETE FROM governance_bodies WHERE id = $1",
        &[id.0.into()],
    )
    .await?;
    audit(
        db,
        governance_audit(format!("body:{}", id.0), by, at, AuditAction::BodyRemoved),
    )
    .await
}

/// An unknown body or account fails the foreign key, which the backends
/// answer as [`StoreError::NotFound`].
pub(crate) async fn add_mandate(db: &impl Sql, save: &MandateSave) -> StoreResult<MandateId> {
    let starts_on = save.starts_on.to_string();
    let ends_on = save.ends_on.map(|d| d.to_string());
    let id = MandateId(
        one(
            db,
            "INSERT INTO governance_mandates (body_id, account_id, seat, starts_on, ends_on, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                save.body.0.into(),
                save.account.0.into(),
                save.seat.as_str().into(),
                starts_on.as_str().into(),
                ends_on.as_deref().into(),
                save.at.0.into(),
            ],
        )
        .await?
        .int(0)?,
    );
    audit(
        db,
        governance_audit(
            format!("mandate:{}", id.0),
            save.by,
            save.at,
            AuditAction::MandateAdded,
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn end_mandate(db: &impl Sql, end: &MandateEnd) -> StoreResult<()> {
    let on = end.on.to_string();
    changed(
        db,
        "UPDATE governance_mandates SET ends_on = $2 WHERE id = $1",
        &[end.mandate.0.into(), on.as_str().into()],
    )
    .await?;
    audit(
        db,
        governance_audit(
            format!("mandate:{}", end.mandate.0),
            end.by,
            end.at,
            AuditAction::MandateEnded,
        ),
    )
    .await
}

const ASSEMBLY_COLUMNS: &str = "SELECT assemblies.id, assemblies.title, assemblies.kind, \
     assemblies.starts_at, assemblies.time_zone, assemblies.place, assemblies.details, \
     assemblies.state, assemblies.convened_at, assemblies.roll_size, assemblies.opened_at, \
     assemblies.quorum_voting, assemblies.quorum_present, assemblies.quorum_represented, \
     assemblies.quorum_needed, assemblies.closed_at, assemblies.created_at FROM assemblies";

/// The fields as `$1…$6` of the insert and the update.
fn assembly_params(fields: &AssemblyFields) -> Vec<Param<'_>> {
    vec![
        fields.title.as_str().into(),
        fields.kind.as_str().into(),
        fields.starts_at.0.into(),
        fields.zone.as_str().into(),
        fields.place.as_str().into(),
        fields.details.as_str().into(),
    ]
}

pub(crate) async fn create_assembly(db: &impl Sql, save: &AssemblySave) -> StoreResult<AssemblyId> {
    let mut params = assembly_params(&save.fields);
    params.push(save.at.0.into());
    let id = AssemblyId(
        one(
            db,
            "INSERT INTO assemblies (title, kind, starts_at, time_zone, place, details, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            &params,
        )
        .await?
        .int(0)?,
    );
    audit(
        db,
        governance_audit(
            assembly_subject(id),
            save.by,
            save.at,
            AuditAction::AssemblyCreated,
        ),
    )
    .await?;
    Ok(id)
}

pub(crate) async fn update_assembly(
    db: &impl Sql,
    id: AssemblyId,
    save: &AssemblySave,
) -> StoreResult<()> {
    let mut params = assembly_params(&save.fields);
    params.extend::<[Param<'_>; 2]>([id.0.into(), save.at.0.into()]);
    in_state(
        db,
        id,
        "UPDATE assemblies SET title = $1, kind = $2, starts_at = $3, time_zone = $4, \
         place = $5, details = $6, updated_at = $8 \
         WHERE id = $7 AND state IN ('draft', 'convened')",
        &params,
    )
    .await?;
    audit(
        db,
        governance_audit(
            assembly_subject(id),
            save.by,
            save.at,
            AuditAction::AssemblyUpdated,
        ),
    )
    .await
}

/// Runs a statement on the assembly's row guarded by its state; when it
/// changes nothing, [`StoreError::NotFound`] for an unknown assembly and
/// [`StoreError::Conflict`] for one in another state.
async fn in_state(
    db: &impl Sql,
    assembly: AssemblyId,
    sql: &str,
    params: &[Param<'_>],
) -> StoreResult<()> {
    if db.execute(sql, params).await? == 0 {
        state_of(db, assembly).await?;
        return Err(StoreError::Conflict);
    }
    Ok(())
}

async fn state_of(db: &impl Sql, assembly: AssemblyId) -> StoreResult<AssemblyState> {
    let state = one(
        db,
        "SELECT state FROM assemblies WHERE id = $1",
        &[assembly.0.into()],
    )
    .await?
    .text(0)?;
    read_state(state)
}

fn read_state(state: String) -> StoreResult<AssemblyState> {
    decode(
        "assemblies.state",
        AssemblyState::parse(&state).ok_or(state),
    )
}

pub(crate) async fn assembly(db: &impl Sql, id: AssemblyId) -> StoreResult<Assembly> {
    read_assembly(
        &one(
            db,
            &format!("{ASSEMBLY_COLUMNS} WHERE assemblies.id = $1"),
            &[id.0.into()],
        )
        .await?,
    )
}

pub(crate) async fn assemblies(
    db: &impl Sql,
    listing: &AssemblyListing,
) -> StoreResult<Listed<Assembly>> {
    let mut filter = Filter::default();
    if let Some(account) = listing.on_roll {
        let account = filter.bind(account.0.into());
        filter.conditions.push(format!(
            "assemblies.state <> 'draft' AND EXISTS (SELECT 1 FROM assembly_roll \
             WHERE assembly_roll.assembly_id = assemblies.id \
             AND assembly_roll.account_id = {account})"
        ));
    }
    let condition = filter.sql();
    let count = one(
        db,
        &format!("SELECT COUNT(*) FROM assemblies{condition}"),
        &filter.params,
    )
    .await?
    .int(0)?;
    let offset = i64::try_from(listing.offset).map_err(|e| StoreError::Other(Box::new(e)))?;
    let limit = filter.bind(i64::from(listing.limit).into());
    let offset = filter.bind(offset.into());
    let items = db
        .query(
            &format!(
                "{ASSEMBLY_COLUMNS}{condition} ORDER BY assemblies.starts_at DESC, \
                 assemblies.id DESC LIMIT {limit} OFFSET {offset}"
            ),
            &filter.params,
        )
        .await?
        .iter()
        .map(read_assembly)
        .collect::<StoreResult<_>>()?;
    Ok(Listed {
        items,
        total: total(count)?,
    })
}

fn read_assembly(row: &Row) -> StoreResult<Assembly> {
    let moment = |column: usize| row.optional_int(column).map(|t| t.map(Timestamp));
    let quorum = match (
        row.optional_int(11)?,
        row.optional_int(12)?,
        row.optional_int(13)?,
        row.optional_int(14)?,
    ) {
        (Some(voting), Some(present), Some(represented), Some(needed)) => Some(Quorum {
            voting,
            present,
            represented,
            needed,
        }),
        _ => None,
    };
    Ok(Assembly {
        id: AssemblyId(row.int(0)?),
        fields: AssemblyFields {
            title: row.text(1)?,
            kind: decode("assemblies.kind", AssemblyKind::parse(&row.text(2)?))?,
            starts_at: Timestamp(row.int(3)?),
            zone: decode("assemblies.time_zone", Zone::parse(&row.text(4)?))?,
            place: row.text(5)?,
            details: row.text(6)?,
        },
        state: read_state(row.text(7)?)?,
        convened_at: moment(8)?,
        roll_size: row.int(9)?,
        opened_at: moment(10)?,
        quorum,
        closed_at: moment(15)?,
        created_at: Timestamp(row.int(16)?),
    })
}

/// Marks the assembly convened first, which takes its row and checks it
/// is a draft, then freezes the roll in two set-based statements (the
/// members, then the team not already on it), so that a register of a
/// million memberships never passes through this process.
pub(crate) async fn convene(db: &impl Sql, convocation: &Convocation) -> StoreResult<i64> {
    let assembly = convocation.assembly;
    let roll_on = convocation.roll_on.to_string();
    in_state(
        db,
        assembly,
        "UPDATE assemblies SET state = 'convened', convened_at = $2, roll_on = $3, \
         roll_version = roll_version + 1, updated_at = $2 WHERE id = $1 AND state = 'draft'",
        &[
            assembly.0.into(),
            convocation.at.0.into(),
            roll_on.as_str().into(),
        ],
    )
    .await?;
    let members = db
        .execute(
            include_str!("../sql/assembly_roll.sql"),
            &[assembly.0.into(), roll_on.as_str().into()],
        )
        .await?;
    let team = db
        .execute(
            "INSERT INTO assembly_roll (assembly_id, account_id, class, voting) \
             SELECT CAST($1 AS BIGINT), team.account_id, '', 0 \
             FROM (SELECT DISTINCT account_id FROM account_roles) AS team \
             WHERE NOT EXISTS (SELECT 1 FROM assembly_roll \
             WHERE assembly_roll.assembly_id = $1 AND assembly_roll.account_id = team.account_id)",
            &[assembly.0.into()],
        )
        .await?;
    let size = i64::try_from(members + team).map_err(|e| StoreError::Other(Box::new(e)))?;
    db.execute(
        "UPDATE assemblies SET roll_size = $2 WHERE id = $1",
        &[assembly.0.into(), size.into()],
    )
    .await?;
    enqueue(db, &convocation.job).await?;
    audit(
        db,
        governance_audit(
            assembly_subject(assembly),
            convocation.by,
            convocation.at,
            AuditAction::AssemblyConvened,
        ),
    )
    .await?;
    Ok(size)
}

const ROLL_COLUMNS: &str = "SELECT assembly_roll.account_id, accounts.display_name, \
     assembly_roll.class, assembly_roll.voting, assembly_roll.presence, \
     assembly_roll.proxy_holder_id, holders.display_name \
     FROM assembly_roll JOIN accounts ON accounts.id = assembly_roll.account_id \
     LEFT JOIN accounts holders ON holders.id = assembly_roll.proxy_holder_id";

pub(crate) async fn roll_entry(
    db: &impl Sql,
    assembly: AssemblyId,
    account: AccountId,
) -> StoreResult<Option<RollEntry>> {
    let rows = db
        .query(
            &format!(
                "{ROLL_COLUMNS} WHERE assembly_roll.assembly_id = $1 \
                 AND assembly_roll.account_id = $2"
            ),
            &[assembly.0.into(), account.0.into()],
        )
        .await?;
    Ok(with_proxies_held(db, assembly, &rows).await?.pop())
}

pub(crate) async fn roll(db: &impl Sql, page: &RollPage) -> StoreResult<Listed<RollEntry>> {
    let mut filter = Filter::default();
    let assembly = filter.bind(page.assembly.0.into());
    filter
        .conditions
        .push(format!("assembly_roll.assembly_id = {assembly}"));
    let pattern = page
        .search
        .as_deref()
        .map(|search| search.trim().to_lowercase())
        .filter(|search| !search.is_empty())
        .map(|search| format!("%{}%", escape_like(&search)));
    if let Some(pattern) = &pattern {
        let pattern = filter.bind(pattern.as_str().into());
        filter.conditions.push(format!(
            "(LOWER(accounts.display_name) LIKE {pattern} ESCAPE '\\' \
             OR LOWER(accounts.email) LIKE {pattern} ESCAPE '\\')"
        ));
    }
    let condition = filter.sql();
    let count = one(
        db,
        &format!(
            "SELECT COUNT(*) FROM assembly_roll \
             JOIN accounts ON accounts.id = assembly_roll.account_id{condition}"
        ),
        &filter.params,
    )
    .await?
    .int(0)?;
    let offset = i64::try_from(page.offset).map_err(|e| StoreError::Other(Box::new(e)))?;
    let limit = filter.bind(i64::from(page.limit).into());
    let offset = filter.bind(offset.into());
    let rows = db
        .query(
            &format!(
                "{ROLL_COLUMNS}{condition} ORDER BY accounts.display_name, accounts.id \
                 LIMIT {limit} OFFSET {offset}"
            ),
            &filter.params,
        )
        .await?;
    Ok(Listed {
        items: with_proxies_held(db, page.assembly, &rows).await?,
        total: total(count)?,
    })
}

/// The entries of `rows`, each with the proxies it carries, read in one
/// query for the whole page.
async fn with_proxies_held(
    db: &impl Sql,
    assembly: AssemblyId,
    rows: &[Row],
) -> StoreResult<Vec<RollEntry>> {
    let mut entries = rows
        .iter()
        .map(read_entry)
        .collect::<StoreResult<Vec<_>>>()?;
    if entries.is_empty() {
        return Ok(entries);
    }
    let mut filter = Filter::default();
    let assembly = filter.bind(assembly.0.into());
    let holders = filter.placeholders(entries.iter().map(|entry| entry.account.0.into()));
    let givers = db
        .query(
            &format!(
                "SELECT assembly_roll.proxy_holder_id, assembly_roll.account_id, \
                 accounts.display_name FROM assembly_roll \
                 JOIN accounts ON accounts.id = assembly_roll.account_id \
                 WHERE assembly_roll.assembly_id = {assembly} \
                 AND assembly_roll.proxy_holder_id IN ({holders}) \
                 ORDER BY accounts.display_name, accounts.id"
            ),
            &filter.params,
        )
        .await?;
    for row in &givers {
        let holder = AccountId(row.int(0)?);
        if let Some(entry) = entries.iter_mut().find(|entry| entry.account == holder) {
            entry
                .proxies_held
                .push((AccountId(row.int(1)?), row.text(2)?));
        }
    }
    Ok(entries)
}

fn read_entry(row: &Row) -> StoreResult<RollEntry> {
    let proxy_to = match (row.optional_int(5)?, row.optional_text(6)?) {
        (Some(holder), Some(name)) => Some((AccountId(holder), name)),
        _ => None,
    };
    Ok(RollEntry {
        account: AccountId(row.int(0)?),
        name: row.text(1)?,
        class: row.text(2)?,
        voting: row.int(3)? != 0,
        presence: row
            .optional_text(4)?
            .map(|presence| decode("assembly_roll.presence", Presence::parse(&presence)))
            .transpose()?,
        proxy_to,
        proxies_held: Vec::new(),
    })
}

/// In account order, from the primary key's index whatever the roll's
/// size. A convocation is statutory: everyone on the roll is emailed,
/// whatever they chose for other emails.
pub(crate) async fn roll_recipients(
    db: &impl Sql,
    assembly: AssemblyId,
    after: AccountId,
    limit: u32,
) -> StoreResult<Vec<Recipient>> {
    db.query(
        "SELECT accounts.id, accounts.email, accounts.language, CAST(NULL AS BIGINT) \
         FROM assembly_roll JOIN accounts ON accounts.id = assembly_roll.account_id \
         WHERE assembly_roll.assembly_id = $1 AND assembly_roll.account_id > $2 \
         ORDER BY assembly_roll.account_id LIMIT $3",
        &[assembly.0.into(), after.0.into(), i64::from(limit).into()],
    )
    .await?
    .iter()
    .map(read_recipient)
    .collect()
}

/// What a proxy or a vote needs to know of one line of the roll.
struct Line {
    voting: bool,
    proxy_to: Option<AccountId>,
}

async fn line(
    db: &impl Sql,
    assembly: AssemblyId,
    account: AccountId,
) -> StoreResult<Option<Line>> {
    db.query(
        "SELECT voting, proxy_holder_id FROM assembly_roll \
         WHERE assembly_id = $1 AND account_id = $2",
        &[assembly.0.into(), account.0.into()],
    )
    .await?
    .first()
    .map(|row| {
        Ok(Line {
            voting: row.int(0)? != 0,
            proxy_to: row.optional_int(1)?.map(AccountId),
        })
    })
    .transpose()
}

/// The proxies `holder` carries, but for `giver`'s.
async fn carried(
    db: &impl Sql,
    assembly: AssemblyId,
    holder: AccountId,
    giver: AccountId,
) -> StoreResult<i64> {
    one(
        db,
        "SELECT COUNT(*) FROM assembly_roll \
         WHERE assembly_id = $1 AND proxy_holder_id = $2 AND account_id <> $3",
        &[assembly.0.into(), holder.0.into(), giver.0.into()],
    )
    .await?
    .int(0)
}

/// Decided once the assembly's row is taken, so that the holder's proxies
/// are counted after every proxy committed before; a refusal writes
/// nothing.
pub(crate) async fn give_proxy(
    db: &impl Sql,
    proxy: &ProxySave,
) -> StoreResult<Result<(), ProxyRefusal>> {
    let assembly = proxy.assembly;
    let taken = db
        .execute(
            "UPDATE assemblies SET roll_version = roll_version + 1 \
             WHERE id = $1 AND state = 'convened'",
            &[assembly.0.into()],
        )
        .await?;
    if taken == 0 {
        state_of(db, assembly).await?;
        return Ok(Err(ProxyRefusal::NotConvened));
    }
    if !line(db, assembly, proxy.giver)
        .await?
        .is_some_and(|giver| giver.voting)
    {
        return Ok(Err(ProxyRefusal::GiverNotVoting));
    }
    if proxy.holder == proxy.giver {
        return Ok(Err(ProxyRefusal::ToSelf));
    }
    let holder = match line(db, assembly, proxy.holder).await? {
        Some(holder) if holder.voting => holder,
        _ => return Ok(Err(ProxyRefusal::HolderNotVoting)),
    };
    if holder.proxy_to.is_some() {
        return Ok(Err(ProxyRefusal::HolderGaveProxy));
    }
    if carried(db, assembly, proxy.giver, proxy.giver).await? > 0 {
        return Ok(Err(ProxyRefusal::GiverHoldsProxies));
    }
    if carried(db, assembly, proxy.holder, proxy.giver).await? >= i64::from(proxy.cap) {
        return Ok(Err(ProxyRefusal::HolderFull));
    }
    // Who gives their vote away does not attend.
    db.execute(
        "UPDATE assembly_roll SET proxy_holder_id = $3, presence = NULL \
         WHERE assembly_id = $1 AND account_id = $2",
        &[
            assembly.0.into(),
            proxy.giver.0.into(),
            proxy.holder.0.into(),
        ],
    )
    .await?;
    Ok(Ok(()))
}

pub(crate) async fn revoke_proxy(
    db: &impl Sql,
    assembly: AssemblyId,
    giver: AccountId,
    _at: Timestamp,
) -> StoreResult<()> {
    in_state(
        db,
        assembly,
        "UPDATE assemblies SET roll_version = roll_version + 1 \
         WHERE id = $1 AND state IN ('draft', 'convened')",
        &[assembly.0.into()],
    )
    .await?;
    db.execute(
        "UPDATE assembly_roll SET proxy_holder_id = NULL \
         WHERE assembly_id = $1 AND account_id = $2",
        &[assembly.0.into(), giver.0.into()],
    )
    .await
    .map(drop)
}

pub(crate) async fn set_presence(db: &impl Sql, save: &PresenceSave) -> StoreResult<()> {
    let assembly = save.assembly;
    changed(
        db,
        "UPDATE assemblies SET roll_version = roll_version + 1 WHERE id = $1",
        &[assembly.0.into()],
    )
    .await?;
    let state = state_of(db, assembly).await?;
    let params: [Param<'_>; 3] = [
        assembly.0.into(),
        save.account.0.into(),
        save.presence.map(Presence::as_str).into(),
    ];
    changed(
        db,
        "UPDATE assembly_roll SET presence = $3 WHERE assembly_id = $1 AND account_id = $2",
        &params,
    )
    .await?;
    // Proxies are final once the chair opened the assembly.
    if save.presence.is_some() && state < AssemblyState::Open {
        db.execute(
            "UPDATE assembly_roll SET proxy_holder_id = NULL \
             WHERE assembly_id = $1 AND account_id = $2",
            &params[..2],
        )
        .await?;
    }
    Ok(())
}

/// [`StoreError::NotFound`] for an unknown assembly.
pub(crate) async fn quorum_now(db: &impl Sql, assembly: AssemblyId) -> StoreResult<Quorum> {
    state_of(db, assembly).await?;
    quorum_of(db, assembly).await
}

/// The voting roll, those of it present, and those absent whose proxy
/// holder is present; `needed` at zero.
async fn quorum_of(db: &impl Sql, assembly: AssemblyId) -> StoreResult<Quorum> {
    let row = one(
        db,
        "SELECT COUNT(*), \
         CAST(COALESCE(SUM(CASE WHEN givers.presence IS NOT NULL THEN 1 ELSE 0 END), 0) \
         AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN givers.presence IS NULL AND EXISTS (SELECT 1 \
         FROM assembly_roll holders WHERE holders.assembly_id = givers.assembly_id \
         AND holders.account_id = givers.proxy_holder_id AND holders.presence IS NOT NULL) \
         THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM assembly_roll givers WHERE givers.assembly_id = $1 AND givers.voting = 1",
        &[assembly.0.into()],
    )
    .await?;
    Ok(Quorum {
        voting: row.int(0)?,
        present: row.int(1)?,
        represented: row.int(2)?,
        needed: 0,
    })
}

pub(crate) async fn open_assembly(db: &impl Sql, opening: &AssemblyOpening) -> StoreResult<()> {
    let quorum = &opening.quorum;
    in_state(
        db,
        opening.assembly,
        "UPDATE assemblies SET state = 'open', opened_at = $2, quorum_voting = $3, \
         quorum_present = $4, quorum_represented = $5, quorum_needed = $6, \
         roll_version = roll_version + 1, updated_at = $2 WHERE id = $1 AND state = 'convened'",
        &[
            opening.assembly.0.into(),
            opening.at.0.into(),
            quorum.voting.into(),
            quorum.present.into(),
            quorum.represented.into(),
            quorum.needed.into(),
        ],
    )
    .await?;
    audit(
        db,
        governance_audit(
            assembly_subject(opening.assembly),
            opening.by,
            opening.at,
            AuditAction::AssemblyOpened,
        ),
    )
    .await
}

/// Closes every ballot still open with its count, then keeps the minutes'
/// draft unless some were saved already.
pub(crate) async fn close_assembly(db: &impl Sql, closing: &AssemblyClosing) -> StoreResult<()> {
    let assembly = closing.assembly;
    in_state(
        db,
        assembly,
        "UPDATE assemblies SET state = 'closed', closed_at = $2, updated_at = $2 \
         WHERE id = $1 AND state = 'open'",
        &[assembly.0.into(), closing.at.0.into()],
    )
    .await?;
    let open = db
        .query(
            &format!(
                "{ITEM_COLUMNS} WHERE assembly_id = $1 AND resolution IS NOT NULL \
                 AND closed_at IS NULL ORDER BY position"
            ),
            &[assembly.0.into()],
        )
        .await?
        .iter()
        .map(read_item)
        .collect::<StoreResult<Vec<_>>>()?;
    for item in &open {
        if let Some(resolution) = &item.resolution {
            let tally = counted(db, item, resolution.ballot).await?;
            record_tally(db, item.id, &tally, closing.at).await?;
        }
    }
    db.execute(
        "INSERT INTO assembly_minutes (assembly_id, text, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (assembly_id) DO NOTHING",
        &[
            assembly.0.into(),
            closing.minutes.as_str().into(),
            closing.at.0.into(),
        ],
    )
    .await?;
    audit(
        db,
        governance_audit(
            assembly_subject(assembly),
            closing.by,
            closing.at,
            AuditAction::AssemblyClosed,
        ),
    )
    .await
}

const ITEM_COLUMNS: &str = "SELECT id, assembly_id, position, title, description, resolution, \
     majority, ballot, opens_at, closes_at, opened_at, closed_at, tally_for, tally_against, \
     tally_abstain, tally_eligible FROM assembly_items";

/// The fields as `$1…$7` of the insert and the update; a resolution's
/// opening and closing are the chair's, not the form's.
fn item_params(fields: &ItemFields) -> Vec<Param<'_>> {
    let resolution = fields.resolution.as_ref();
    vec![
        fields.title.as_str().into(),
        fields.description.as_str().into(),
        resolution.map(|r| r.text.as_str()).into(),
        resolution.map(|r| r.majority.as_str()).into(),
        resolution.map(|r| r.ballot.as_str()).into(),
        resolution.and_then(|r| r.opens_at).map(|t| t.0).into(),
        resolution.and_then(|r| r.closes_at).map(|t| t.0).into(),
    ]
}

/// Takes the assembly's row first, so that two items added at once get
/// positions one after the other.
pub(crate) async fn add_item(db: &impl Sql, save: &ItemSave) -> StoreResult<ItemId> {
    in_state(
        db,
        save.assembly,
        "UPDATE assemblies SET updated_at = $2 WHERE id = $1 AND state <> 'closed'",
        &[save.assembly.0.into(), save.at.0.into()],
    )
    .await?;
    let position = one(
        db,
        "SELECT COALESCE(MAX(position), 0) + 1 FROM assembly_items WHERE assembly_id = $1",
        &[save.assembly.0.into()],
    )
    .await?
    .int(0)?;
    let mut params = item_params(&save.fields);
    params.extend::<[Param<'_>; 3]>([save.assembly.0.into(), position.into(), save.at.0.into()]);
    let id = ItemId(
        one(
            db,
            "INSERT INTO assembly_items (title, description, resolution, majority, ballot, \
             opens_at, closes_at, assembly_id, position, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            &params,
        )
        .await?
        .int(0)?,
    );
    audit(
        db,
        governance_audit(
            item_subject(id),
            save.by,
            save.at,
            AuditAction::AgendaItemAdded,
        ),
    )
    .await?;
    Ok(id)
}

/// An item whose ballot opened, by the chair or by its window, or whose
/// assembly closed, is part of the record and stays as it is.
pub(crate) async fn update_item(db: &impl Sql, id: ItemId, save: &ItemSave) -> StoreResult<()> {
    let mut params = item_params(&save.fields);
    params.extend::<[Param<'_>; 3]>([id.0.into(), save.assembly.0.into(), save.at.0.into()]);
    let updated = db
        .execute(
            "UPDATE assembly_items SET title = $1, description = $2, resolution = $3, \
             majority = $4, ballot = $5, opens_at = $6, closes_at = $7, updated_at = $10 \
             WHERE id = $8 AND assembly_id = $9 AND opened_at IS NULL AND closed_at IS NULL \
             AND (opens_at IS NULL OR opens_at > $10) \
             AND EXISTS (SELECT 1 FROM assemblies \
             WHERE assemblies.id = $9 AND assemblies.state <> 'closed')",
            &params,
        )
        .await?;
    if updated == 0 {
        one(
            db,
            "SELECT 1 FROM assembly_items WHERE id = $1 AND assembly_id = $2",
            &[id.0.into(), save.assembly.0.into()],
        )
        .await?;
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        governance_audit(
            item_subject(id),
            save.by,
            save.at,
            AuditAction::AgendaItemUpdated,
        ),
    )
    .await
}

pub(crate) async fn item(db: &impl Sql, id: ItemId) -> StoreResult<AgendaItem> {
    read_item(&one(db, &format!("{ITEM_COLUMNS} WHERE id = $1"), &[id.0.into()]).await?)
}

pub(crate) async fn agenda(db: &impl Sql, assembly: AssemblyId) -> StoreResult<Vec<AgendaItem>> {
    db.query(
        &format!("{ITEM_COLUMNS} WHERE assembly_id = $1 ORDER BY position"),
        &[assembly.0.into()],
    )
    .await?
    .iter()
    .map(read_item)
    .collect()
}

fn read_item(row: &Row) -> StoreResult<AgendaItem> {
    let moment = |column: usize| row.optional_int(column).map(|t| t.map(Timestamp));
    let resolution = match row.optional_text(5)? {
        Some(text) => {
            let closed = match moment(11)? {
                Some(closed_at) => Some((
                    closed_at,
                    Tally {
                        for_: row.int(12)?,
                        against: row.int(13)?,
                        abstain: row.int(14)?,
                        eligible: row.int(15)?,
                    },
                )),
                None => None,
            };
            Some(Resolution {
                text,
                majority: decode(
                    "assembly_items.majority",
                    MajorityRule::parse(&row.text(6)?),
                )?,
                ballot: decode("assembly_items.ballot", BallotKind::parse(&row.text(7)?))?,
                opens_at: moment(8)?,
                closes_at: moment(9)?,
                opened_at: moment(10)?,
                closed,
            })
        }
        None => None,
    };
    Ok(AgendaItem {
        id: ItemId(row.int(0)?),
        assembly: AssemblyId(row.int(1)?),
        position: row.int(2)?,
        title: row.text(3)?,
        description: row.text(4)?,
        resolution,
    })
}

pub(crate) async fn open_ballot(
    db: &impl Sql,
    id: ItemId,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<()> {
    let opened = db
        .execute(
            "UPDATE assembly_items SET opened_at = $2, updated_at = $2 WHERE id = $1 \
             AND resolution IS NOT NULL AND opened_at IS NULL AND closed_at IS NULL",
            &[id.0.into(), at.0.into()],
        )
        .await?;
    if opened == 0 {
        item(db, id).await?;
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        governance_audit(item_subject(id), by, at, AuditAction::BallotOpened),
    )
    .await
}

/// The count, then the row closed with it: of two closings at once, the
/// second finds the row closed once the first committed, and conflicts.
pub(crate) async fn close_ballot(
    db: &impl Sql,
    id: ItemId,
    by: AccountId,
    at: Timestamp,
) -> StoreResult<Tally> {
    let item = item(db, id).await?;
    let Some(resolution) = item.resolution.as_ref().filter(|r| r.closed.is_none()) else {
        return Err(StoreError::Conflict);
    };
    let tally = counted(db, &item, resolution.ballot).await?;
    if record_tally(db, id, &tally, at).await? == 0 {
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        governance_audit(item_subject(id), by, at, AuditAction::BallotClosed),
    )
    .await?;
    Ok(tally)
}

/// Closes the item's ballot with its count, unless it was closed already;
/// answers how many rows it changed.
async fn record_tally(db: &impl Sql, id: ItemId, tally: &Tally, at: Timestamp) -> StoreResult<u64> {
    db.execute(
        "UPDATE assembly_items SET closed_at = $2, tally_for = $3, tally_against = $4, \
         tally_abstain = $5, tally_eligible = $6, updated_at = $2 \
         WHERE id = $1 AND closed_at IS NULL",
        &[
            id.0.into(),
            at.0.into(),
            tally.for_.into(),
            tally.against.into(),
            tally.abstain.into(),
            tally.eligible.into(),
        ],
    )
    .await
}

/// The count of the item's ballot now: the roll-call's choices of an open
/// ballot, the counters of a secret one, and the voting roll present or
/// represented as eligible.
async fn counted(db: &impl Sql, item: &AgendaItem, ballot: BallotKind) -> StoreResult<Tally> {
    let rows = match ballot {
        BallotKind::Open => {
            db.query(
                "SELECT choice, COUNT(*) FROM ballot_voters \
                 WHERE item_id = $1 AND choice IS NOT NULL GROUP BY choice",
                &[item.id.0.into()],
            )
            .await?
        }
        BallotKind::Secret => {
            db.query(
                "SELECT choice, votes FROM ballot_counts WHERE item_id = $1",
                &[item.id.0.into()],
            )
            .await?
        }
    };
    let mut tally = Tally::default();
    for row in &rows {
        let votes = row.int(1)?;
        match decode("ballot choice", Choice::parse(&row.text(0)?))? {
            Choice::For => tally.for_ = votes,
            Choice::Against => tally.against = votes,
            Choice::Abstain => tally.abstain = votes,
        }
    }
    let quorum = quorum_of(db, item.assembly).await?;
    tally.eligible = quorum.present + quorum.represented;
    Ok(tally)
}

/// The count recorded on closing, or the count so far;
/// [`StoreError::Conflict`] for an item that puts nothing to the vote.
pub(crate) async fn tally(db: &impl Sql, id: ItemId) -> StoreResult<Tally> {
    let item = item(db, id).await?;
    match &item.resolution {
        None => Err(StoreError::Conflict),
        Some(Resolution {
            closed: Some((_, tally)),
            ..
        }) => Ok(*tally),
        Some(resolution) => counted(db, &item, resolution.ballot).await,
    }
}

/// The voice is checked against the roll, then recorded once: the insert
/// that would repeat it does nothing, which PostgreSQL answers without
/// aborting the transaction as a unique violation would. Whether the
/// ballot is open now is the flow's to decide.
pub(crate) async fn cast_vote(
    db: &impl Sql,
    vote: &VoteSave,
) -> StoreResult<Result<(), VoteRefusal>> {
    let item = item(db, vote.item).await?;
    let Some(resolution) = &item.resolution else {
        return Err(StoreError::Conflict);
    };
    let Some(voice) = line(db, item.assembly, vote.on_behalf)
        .await?
        .filter(|voice| voice.voting)
    else {
        return Ok(Err(VoteRefusal::NotVoting));
    };
    if vote.on_behalf == vote.voter {
        if voice.proxy_to.is_some() {
            return Ok(Err(VoteRefusal::ProxyGiven));
        }
    } else if voice.proxy_to != Some(vote.voter) {
        return Ok(Err(VoteRefusal::NotHolder));
    }
    let secret = resolution.ballot == BallotKind::Secret;
    let recorded = db
        .execute(
            "INSERT INTO ballot_voters (item_id, account_id, cast_by, choice) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (item_id, account_id) DO NOTHING",
            &[
                vote.item.0.into(),
                vote.on_behalf.0.into(),
                vote.voter.0.into(),
                (!secret).then(|| vote.choice.as_str()).into(),
            ],
        )
        .await?;
    if recorded == 0 {
        return Ok(Err(VoteRefusal::AlreadyVoted));
    }
    if secret {
        // Every choice's counter is written, the chosen one by one and the
        // others by nothing: on PostgreSQL each row then carries this
        // transaction's id (`xmin`), as the voter's row does, so the
        // counters' row versions never tell which one this vote moved.
        let mut params: Vec<Param<'_>> = vec![vote.item.0.into()];
        let mut rows = Vec::new();
        for (i, choice) in Choice::ALL.into_iter().enumerate() {
            rows.push(format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3));
            params.push(choice.as_str().into());
            params.push(i64::from(choice == vote.choice).into());
        }
        db.execute(
            &format!(
                "INSERT INTO ballot_counts (item_id, choice, votes) VALUES {} \
                 ON CONFLICT (item_id, choice) \
                 DO UPDATE SET votes = ballot_counts.votes + excluded.votes",
                rows.join(", ")
            ),
            &params,
        )
        .await?;
        if let Some(receipt) = &vote.receipt {
            db.execute(
                "INSERT INTO ballot_receipts (item_id, receipt_hash) VALUES ($1, $2) \
                 ON CONFLICT (item_id, receipt_hash) DO NOTHING",
                &[vote.item.0.into(), receipt.as_str().into()],
            )
            .await?;
        }
    }
    Ok(Ok(()))
}

/// Only an open ballot's rows hold a choice.
pub(crate) async fn roll_call(db: &impl Sql, item: ItemId) -> StoreResult<Vec<(String, Choice)>> {
    db.query(
        "SELECT accounts.display_name, ballot_voters.choice FROM ballot_voters \
         JOIN accounts ON accounts.id = ballot_voters.account_id \
         WHERE ballot_voters.item_id = $1 AND ballot_voters.choice IS NOT NULL \
         ORDER BY accounts.display_name, accounts.id",
        &[item.0.into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.text(0)?,
            decode("ballot_voters.choice", Choice::parse(&row.text(1)?))?,
        ))
    })
    .collect()
}

/// The account's own voice first, then those it holds by name.
pub(crate) async fn voices(
    db: &impl Sql,
    item: ItemId,
    account: AccountId,
) -> StoreResult<Vec<Voice>> {
    db.query(
        "SELECT assembly_roll.account_id, accounts.display_name, \
         CASE WHEN assembly_roll.account_id = $2 THEN 1 ELSE 0 END AS own, \
         CASE WHEN EXISTS (SELECT 1 FROM ballot_voters WHERE ballot_voters.item_id = $1 \
         AND ballot_voters.account_id = assembly_roll.account_id) THEN 1 ELSE 0 END \
         FROM assembly_items \
         JOIN assembly_roll ON assembly_roll.assembly_id = assembly_items.assembly_id \
         JOIN accounts ON accounts.id = assembly_roll.account_id \
         WHERE assembly_items.id = $1 AND assembly_roll.voting = 1 \
         AND ((assembly_roll.account_id = $2 AND assembly_roll.proxy_holder_id IS NULL) \
         OR assembly_roll.proxy_holder_id = $2) \
         ORDER BY own DESC, accounts.display_name, accounts.id",
        &[item.0.into(), account.0.into()],
    )
    .await?
    .iter()
    .map(|row| {
        Ok(Voice {
            on_behalf: AccountId(row.int(0)?),
            name: row.text(1)?,
            own: row.int(2)? != 0,
            cast: row.int(3)? != 0,
        })
    })
    .collect()
}

pub(crate) async fn receipt_counted(
    db: &impl Sql,
    item: ItemId,
    receipt: &str,
) -> StoreResult<bool> {
    Ok(!db
        .query(
            "SELECT 1 FROM ballot_receipts WHERE item_id = $1 AND receipt_hash = $2",
            &[item.0.into(), receipt.into()],
        )
        .await?
        .is_empty())
}

pub(crate) async fn minutes(db: &impl Sql, assembly: AssemblyId) -> StoreResult<Option<Minutes>> {
    db.query(
        "SELECT text, updated_at, approved_at, approver_name FROM assembly_minutes \
         WHERE assembly_id = $1",
        &[assembly.0.into()],
    )
    .await?
    .first()
    .map(|row| {
        Ok(Minutes {
            text: row.text(0)?,
            updated_at: Timestamp(row.int(1)?),
            approved: match (row.optional_int(2)?, row.optional_text(3)?) {
                (Some(at), Some(name)) => Some((Timestamp(at), name)),
                _ => None,
            },
        })
    })
    .transpose()
}

/// Approving keeps the text as saved and the approver's name as it stands,
/// since approved minutes are a record; neither changes afterwards.
pub(crate) async fn save_minutes(db: &impl Sql, save: &MinutesSave) -> StoreResult<()> {
    let assembly = save.assembly;
    let (written, action) = if save.approve {
        let approved = db
            .execute(
                "UPDATE assembly_minutes SET approved_at = $2, approved_by = $3, \
                 approver_name = (SELECT display_name FROM accounts WHERE id = $3) \
                 WHERE assembly_id = $1 AND approved_at IS NULL",
                &[assembly.0.into(), save.at.0.into(), save.by.0.into()],
            )
            .await?;
        (approved, AuditAction::MinutesApproved)
    } else {
        let saved = db
            .execute(
                "INSERT INTO assembly_minutes (assembly_id, text, updated_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (assembly_id) \
                 DO UPDATE SET text = $2, updated_at = $3 \
                 WHERE assembly_minutes.approved_at IS NULL",
                &[
                    assembly.0.into(),
                    save.text.as_str().into(),
                    save.at.0.into(),
                ],
            )
            .await?;
        (saved, AuditAction::MinutesSaved)
    };
    if written == 0 {
        one(
            db,
            "SELECT 1 FROM assembly_minutes WHERE assembly_id = $1",
            &[assembly.0.into()],
        )
        .await?;
        return Err(StoreError::Conflict);
    }
    audit(
        db,
        governance_audit(assembly_subject(assembly), save.by, save.at, action),
    )
    .await
}
