//! Bulk loading of a generated [`Population`], for `cercle admin generate`:
//! a million people in well under two minutes on SQLite.
//!
//! The running store writes one change per transaction through the core
//! flows; that is the right shape for people using the platform and far too
//! slow for filling a benchmark database. Here each table is written in one
//! pass: on SQLite, one transaction of one prepared statement with
//! durability relaxed for the load; on PostgreSQL, `COPY` into a temporary
//! table and one `INSERT … SELECT`, which lets rows keep the identifiers the
//! other tables already refer to.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use cercle_core::accounts::account::PasswordHash;
use cercle_core::accounts::secret::SESSION_LIFETIME;
use cercle_core::communities::community::default_roles;
use cercle_core::kernel::time::Timestamp;
use cercle_core::population::{DuesPeriod, Holder, Member, Population, STAFF};
use cercle_core::renewal::daily_sweep;
use futures_util::SinkExt as _;

use crate::{DatabaseUrl, OpenError, postgres};

/// One table written: how many rows, in how long.
#[derive(Debug, Clone)]
pub struct TableLoad {
    pub table: &'static str,
    pub rows: u64,
    pub elapsed: Duration,
}

impl TableLoad {
    pub fn rate(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(
        "the database already holds people or communities besides the administrator: \
         generate into a new one"
    )]
    NotEmpty,
    #[error("the instance is not set up: it has no administrator")]
    NotSetUp,
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("the loading thread stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Writes `population` into the set-up, otherwise empty, instance at `url`,
/// calling `progress` after each table. Migrations must have run.
/// Every generated person gets `password`, hashed once: hashing a million
/// passwords would take hours.
pub async fn load(
    url: &DatabaseUrl,
    population: Arc<Population>,
    password: PasswordHash,
    progress: impl Fn(&TableLoad) + Send + Sync + 'static,
) -> Result<Vec<TableLoad>, LoadError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let path = path.clone();
            tokio::task::spawn_blocking(move || {
                load_sqlite(&path, &population, &password, &progress)
            })
            .await?
        }
        DatabaseUrl::Postgres(url) => load_postgres(url, &population, &password, &progress).await,
    }
}

/// A column's value, written as an SQLite binding or as `COPY` text.
enum Value {
    Int(i64),
    Text(String),
    Null,
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Self::Int(i64::from(value))
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

type Rows<'a> = Box<dyn Iterator<Item = Vec<Value>> + Send + 'a>;

/// A table to fill: its columns, whether they include an identity the
/// database would otherwise assign, and its rows in order.
struct Table<'a> {
    name: &'static str,
    columns: &'static [&'static str],
    explicit_id: bool,
    rows: Rows<'a>,
}

/// The first identifier each table's new rows take, and the administrator.
#[derive(Clone, Copy)]
struct Bases {
    administrator: i64,
    account: i64,
    organisation: i64,
    plan: i64,
    membership: i64,
    period: i64,
    community: i64,
    event: i64,
}

/// What the database holds before the load, read in one query on both
/// backends.
const STATE_QUERY: &str = "SELECT \
    (SELECT COUNT(*) FROM accounts), \
    (SELECT COUNT(*) FROM communities) + (SELECT COUNT(*) FROM organisations) \
        + (SELECT COUNT(*) FROM memberships) + (SELECT COUNT(*) FROM events), \
    (SELECT MIN(account_id) FROM account_roles WHERE role = 'administrator'), \
    (SELECT COALESCE(MAX(id), 0) FROM accounts), \
    (SELECT COALESCE(MAX(id), 0) FROM plans), \
    (SELECT COALESCE(MAX(id), 0) FROM membership_periods)";

fn bases(state: [Option<i64>; 6]) -> Result<Bases, LoadError> {
    let [
        accounts,
        others,
        administrator,
        last_account,
        last_plan,
        last_period,
    ] = state;
    let administrator = administrator.ok_or(LoadError::NotSetUp)?;
    if accounts.unwrap_or(0) > 1 || others.unwrap_or(0) > 0 {
        return Err(LoadError::NotEmpty);
    }
    Ok(Bases {
        administrator,
        account: last_account.unwrap_or(0) + 1,
        organisation: 1,
        plan: last_plan.unwrap_or(0) + 1,
        membership: 1,
        period: last_period.unwrap_or(0) + 1,
        community: 1,
        event: 1,
    })
}

fn tables<'a>(
    p: &'a Population,
    b: Bases,
    password: &'a PasswordHash,
    now: Timestamp,
) -> Vec<Table<'a>> {
    let scale = p.scale();
    let account = move |i: u64| b.account + as_int(i);
    let organisation = move |o: u64| b.organisation + as_int(o);
    let community = move |c: u64| b.community + as_int(c);
    let event = move |e: u64| b.event + as_int(e);
    vec![
        Table {
            name: "organisations",
            columns: &[
                "id",
                "name",
                "category",
                "website",
                "description",
                "size",
                "created_at",
            ],
            explicit_id: true,
            rows: Box::new((0..scale.organisations).map(move |o| {
                let org = p.organisation(o);
                vec![
                    organisation(o).into(),
                    org.name.into(),
                    org.category.as_str().into(),
                    org.website.into(),
                    "".into(),
                    i64::from(org.size).into(),
                    org.created_at.0.into(),
                ]
            })),
        },
        Table {
            name: "accounts",
            columns: &[
                "id",
                "email",
                "display_name",
                "password_hash",
                "language",
                "email_confirmed_at",
                "created_at",
                "job_title",
                "employer_organisation_id",
                "public_profile",
            ],
            explicit_id: true,
            rows: Box::new((0..scale.people).map(move |i| {
                let person = p.person(i);
                vec![
                    account(i).into(),
                    person.email.into(),
                    person.display_name.into(),
                    password.as_str().into(),
                    person.language.code().into(),
                    person.created_at.0.into(),
                    person.created_at.0.into(),
                    person.job_title.into(),
                    person.employer.map(organisation).into(),
                    person.public_profile.into(),
                ]
            })),
        },
        Table {
            name: "account_roles",
            columns: &["account_id", "role"],
            explicit_id: false,
            rows: Box::new(
                STAFF
                    .iter()
                    .filter(move |(i, _)| *i < scale.people)
                    .map(move |(i, role)| vec![account(*i).into(), role.as_str().into()]),
            ),
        },
        Table {
            name: "sessions",
            columns: &["hash", "account_id", "created_at", "expires_at"],
            explicit_id: false,
            rows: Box::new(
                (0..scale.sessions)
                    .map(move |i| (account(i), p.session(i).1))
                    .chain(std::iter::once((
                        b.administrator,
                        p.administrator_session().1,
                    )))
                    .map(move |(id, hash)| {
                        vec![
                            hash.as_str().into(),
                            id.into(),
                            now.0.into(),
                            now.plus(SESSION_LIFETIME).0.into(),
                        ]
                    }),
            ),
        },
        Table {
            name: "affiliations",
            columns: &["account_id", "organisation_id", "representative", "since"],
            explicit_id: false,
            rows: Box::new((0..scale.people).filter_map(move |i| {
                let person = p.person(i);
                let employer = person.employer?;
                Some(vec![
                    account(i).into(),
                    organisation(employer).into(),
                    person.representative.into(),
                    person.created_at.0.into(),
                ])
            })),
        },
        Table {
            name: "plans",
            columns: &[
                "id",
                "name",
                "period",
                "holder_kind",
                "currency",
                "prices",
                "services",
                "created_at",
            ],
            explicit_id: true,
            rows: Box::new(
                Population::plans()
                    .into_iter()
                    .zip(b.plan..)
                    .map(move |(plan, id)| {
                        vec![
                            id.into(),
                            plan.name.into(),
                            plan.period.as_str().into(),
                            plan.holder_kind.as_str().into(),
                            "EUR".into(),
                            serde_json::to_string(&plan.prices)
                                .expect("price bands serialise")
                                .into(),
                            plan.services.into(),
                            now.0.into(),
                        ]
                    }),
            ),
        },
        Table {
            name: "memberships",
            columns: &[
                "id",
                "holder_account_id",
                "holder_organisation_id",
                "plan_id",
                "status",
                "created_at",
            ],
            explicit_id: true,
            rows: Box::new((0..p.memberships()).map(move |m| {
                let membership = p.membership(m);
                let (person, org) = match membership.holder {
                    Holder::Person(i) => (Some(account(i)), None),
                    Holder::Organisation(o) => (None, Some(organisation(o))),
                };
                vec![
                    (b.membership + as_int(m)).into(),
                    person.into(),
                    org.into(),
                    (b.plan + as_int(membership.plan as u64)).into(),
                    membership.status.as_str().into(),
                    membership.created_at.0.into(),
                ]
            })),
        },
        Table {
            name: "membership_periods",
            columns: &["id", "membership_id", "starts_on", "ends_on", "amount_due"],
            explicit_id: true,
            rows: Box::new(periods(p, b).map(|(id, membership, period)| {
                vec![
                    id.into(),
                    membership.into(),
                    period.starts_on.to_string().into(),
                    period.ends_on.to_string().into(),
                    period.amount_due.0.into(),
                ]
            })),
        },
        Table {
            name: "payments",
            columns: &[
                "membership_id",
                "period_id",
                "amount",
                "paid_on",
                "method",
                "reference",
                "recorded_at",
            ],
            explicit_id: false,
            rows: Box::new(periods(p, b).filter_map(move |(id, membership, period)| {
                let (paid_on, method) = period.payment?;
                Some(vec![
                    membership.into(),
                    id.into(),
                    period.amount_due.0.into(),
                    paid_on.to_string().into(),
                    method.as_str().into(),
                    "".into(),
                    now.0.into(),
                ])
            })),
        },
        Table {
            name: "communities",
            columns: &[
                "id",
                "slug",
                "name",
                "kind",
                "theme",
                "description",
                "objectives",
                "cadence",
                "channels",
                "visibility",
                "access",
                "adherents_only",
                "organisation_in_good_standing",
                "individuals_only",
                "active_contributor_days",
                "card",
                "created_at",
                "vouches_required",
                "questions",
                "member_count",
            ],
            explicit_id: true,
            rows: Box::new((0..scale.communities).map(move |c| {
                let generated = p.community(c);
                let fields = generated.fields;
                let rules = fields.eligibility;
                vec![
                    community(c).into(),
                    fields.slug.as_str().into(),
                    fields.name.into(),
                    fields.kind.as_str().into(),
                    fields.theme.into(),
                    fields.description.into(),
                    fields.objectives.join("\n").into(),
                    fields.cadence.into(),
                    serde_json::to_string(&fields.channels)
                        .expect("channels serialise")
                        .into(),
                    fields.visibility.as_str().into(),
                    fields.access.as_str().into(),
                    rules.adherents_only.into(),
                    rules.organisation_in_good_standing.into(),
                    rules.individuals_only.into(),
                    rules.active_contributor_days.map(i64::from).into(),
                    fields
                        .card
                        .map(|card| serde_json::to_string(&card).expect("cards serialise"))
                        .into(),
                    generated.created_at.0.into(),
                    i64::from(fields.vouches_required).into(),
                    fields.questions.join("\n").into(),
                    as_int(generated.members).into(),
                ]
            })),
        },
        Table {
            name: "community_roles",
            columns: &[
                "community_id",
                "key",
                "review_requests",
                "announce",
                "manage_content",
                "moderate",
                "manage_roles",
                "manage_events",
                "referent",
                "position",
            ],
            explicit_id: false,
            rows: Box::new((0..scale.communities).flat_map(move |c| {
                (0_i64..).zip(default_roles()).map(move |(position, role)| {
                    let can = role.permissions;
                    vec![
                        community(c).into(),
                        role.key.into(),
                        can.review_requests.into(),
                        can.announce.into(),
                        can.manage_content.into(),
                        can.moderate.into(),
                        can.manage_roles.into(),
                        can.manage_events.into(),
                        role.referent.into(),
                        position.into(),
                    ]
                })
            })),
        },
        Table {
            name: "community_members",
            columns: &["community_id", "account_id", "engagement", "joined_at"],
            explicit_id: false,
            rows: Box::new(members(p).map(move |(c, member)| {
                vec![
                    community(c).into(),
                    account(member.person).into(),
                    member.engagement.as_str().into(),
                    member.joined_at.0.into(),
                ]
            })),
        },
        Table {
            name: "community_member_roles",
            columns: &["community_id", "account_id", "role_key"],
            explicit_id: false,
            rows: Box::new(members(p).map(move |(c, member)| {
                vec![
                    community(c).into(),
                    account(member.person).into(),
                    member.role.into(),
                ]
            })),
        },
        // The generated association stands as a live one would by mid-morning:
        // today's sweep of renewals and lapses has run, so a server started on
        // it measures its pages, not a first day's million reminders.
        Table {
            name: "jobs",
            columns: &["key", "payload", "run_at", "attempts", "done_at"],
            explicit_id: false,
            rows: Box::new(std::iter::once({
                let sweep = daily_sweep(p.today(), now);
                vec![
                    sweep.key.into(),
                    sweep.payload.to_json().into(),
                    now.0.into(),
                    1_i64.into(),
                    now.0.into(),
                ]
            })),
        },
        Table {
            name: "join_requests",
            columns: &[
                "community_id",
                "account_id",
                "motivation",
                "engagement",
                "status",
                "created_at",
                "reason",
                "decided_by",
                "decided_at",
            ],
            explicit_id: false,
            rows: Box::new((0..p.requests()).map(move |r| {
                let request = p.request(r);
                let pilot = account(p.member(request.community, 0).person);
                let (reason, decided_at) = request.decision.unzip();
                vec![
                    community(request.community).into(),
                    account(request.person).into(),
                    request.motivation.into(),
                    request.engagement.as_str().into(),
                    request.status.as_str().into(),
                    request.created_at.0.into(),
                    reason.unwrap_or_default().into(),
                    decided_at.map(|_| pilot).into(),
                    decided_at.map(|at| at.0).into(),
                ]
            })),
        },
        Table {
            name: "events",
            columns: &[
                "id",
                "community_id",
                "title",
                "description",
                "format",
                "audience",
                "starts_at",
                "ends_at",
                "time_zone",
                "address",
                "online_url",
                "capacity",
                "approval",
                "registration_opens_at",
                "registration_closes_at",
                "max_guests",
                "question",
                "organiser_id",
                "recurrence",
                "series_ends_at",
                "created_at",
                "updated_at",
            ],
            explicit_id: true,
            rows: Box::new((0..scale.events).map(move |e| {
                let generated = p.event(e);
                let fields = generated.fields;
                let rules = fields.registration;
                vec![
                    event(e).into(),
                    generated.community.map(community).into(),
                    fields.title.into(),
                    fields.description.into(),
                    fields.format.as_str().into(),
                    fields.audience.as_str().into(),
                    fields.starts_at.0.into(),
                    fields.ends_at.0.into(),
                    fields.zone.as_str().into(),
                    fields.address.into(),
                    fields.online_url.into(),
                    rules.capacity.map(i64::from).into(),
                    rules.approval.into(),
                    rules.opens_at.map(|at| at.0).into(),
                    rules.closes_at.map(|at| at.0).into(),
                    i64::from(rules.max_guests).into(),
                    rules.question.into(),
                    generated.organiser.map_or(b.administrator, account).into(),
                    generated.recurrence.into(),
                    generated.series_ends_at.0.into(),
                    generated.created_at.0.into(),
                    generated.created_at.0.into(),
                ]
            })),
        },
        Table {
            name: "governance_bodies",
            columns: &[
                "id",
                "name",
                "kind",
                "description",
                "created_at",
                "updated_at",
            ],
            explicit_id: true,
            rows: Box::new(p.bodies().into_iter().zip(1_i64..).map(move |(body, id)| {
                vec![
                    id.into(),
                    body.name.into(),
                    body.kind.as_str().into(),
                    body.description.into(),
                    now.0.into(),
                    now.0.into(),
                ]
            })),
        },
        Table {
            name: "governance_mandates",
            columns: &[
                "body_id",
                "account_id",
                "seat",
                "starts_on",
                "ends_on",
                "created_at",
            ],
            explicit_id: false,
            rows: Box::new(
                p.bodies()
                    .into_iter()
                    .zip(1_i64..)
                    .flat_map(move |(body, id)| {
                        body.mandates.into_iter().map(move |mandate| {
                            vec![
                                id.into(),
                                account(mandate.person).into(),
                                mandate.seat.as_str().into(),
                                mandate.starts_on.to_string().into(),
                                mandate.ends_on.map(|day| day.to_string()).into(),
                                now.0.into(),
                            ]
                        })
                    }),
            ),
        },
        // Written in arrival order: the identifiers the database gives are
        // the order the waitlist is promoted in.
        Table {
            name: "event_registrations",
            columns: &[
                "event_id",
                "occurrence",
                "account_id",
                "state",
                "created_at",
                "updated_at",
            ],
            explicit_id: false,
            rows: Box::new((0..scale.event_registrations).map(move |r| {
                let registration = p.event_registration(r);
                vec![
                    event(registration.event).into(),
                    registration.occurrence.into(),
                    account(registration.person).into(),
                    registration.state.as_str().into(),
                    registration.created_at.0.into(),
                    registration.created_at.0.into(),
                ]
            })),
        },
    ]
}

/// Every membership's periods as `(id, membership id, period)`.
fn periods(p: &Population, b: Bases) -> impl Iterator<Item = (i64, i64, DuesPeriod)> + Send + '_ {
    p.periods()
        .map(move |(m, n, period)| (b.period + as_int(n), b.membership + as_int(m), period))
}

fn members(p: &Population) -> impl Iterator<Item = (u64, Member)> + '_ {
    (0..p.scale().communities).flat_map(move |c| {
        let size = p.community_size(c);
        (0..size).map(move |k| (c, p.member(c, k)))
    })
}

fn as_int(i: u64) -> i64 {
    i64::try_from(i).expect("generated counts fit in 63 bits")
}

fn load_sqlite(
    path: &std::path::Path,
    population: &Population,
    password: &PasswordHash,
    progress: &(dyn Fn(&TableLoad) + Sync),
) -> Result<Vec<TableLoad>, LoadError> {
    let mut connection = rusqlite::Connection::open(path)?;
    // The load is all or nothing for its user: a crash means generating
    // again, so it need not survive one table by table.
    connection.pragma_update(None, "synchronous", "OFF")?;
    connection.pragma_update(None, "cache_size", -262_144)?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    let state: [Option<i64>; 6] = connection.query_row(STATE_QUERY, [], |row| {
        Ok([
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
            row.get(5)?,
        ])
    })?;
    let bases = bases(state)?;
    let mut steps = Steps::new(progress);
    for table in tables(population, bases, password, Timestamp::now()) {
        let started = Instant::now();
        let transaction = connection.transaction()?;
        let placeholders: Vec<String> =
            (1..=table.columns.len()).map(|n| format!("?{n}")).collect();
        let mut rows = 0;
        {
            let mut statement = transaction.prepare(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                table.columns.join(", "),
                placeholders.join(", ")
            ))?;
            for row in table.rows {
                let params: Vec<&dyn rusqlite::ToSql> = row.iter().map(sqlite_value).collect();
                statement.execute(params.as_slice())?;
                rows += 1;
            }
        }
        transaction.commit()?;
        steps.finish(table.name, rows, started);
    }
    let started = Instant::now();
    connection.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    steps.finish(STATISTICS, 0, started);
    Ok(steps.done)
}

/// The step that gathers the planner's statistics once every table is full.
const STATISTICS: &str = "(statistics)";

/// The steps done so far, each told to the caller as it ends.
struct Steps<'a> {
    done: Vec<TableLoad>,
    progress: &'a (dyn Fn(&TableLoad) + Sync),
}

impl<'a> Steps<'a> {
    fn new(progress: &'a (dyn Fn(&TableLoad) + Sync)) -> Self {
        Self {
            done: Vec::new(),
            progress,
        }
    }

    fn finish(&mut self, table: &'static str, rows: u64, started: Instant) {
        let load = TableLoad {
            table,
            rows,
            elapsed: started.elapsed(),
        };
        (self.progress)(&load);
        self.done.push(load);
    }
}

fn sqlite_value(value: &Value) -> &dyn rusqlite::ToSql {
    match value {
        Value::Int(int) => int,
        Value::Text(text) => text,
        Value::Null => &rusqlite::types::Null,
    }
}

async fn load_postgres(
    url: &str,
    population: &Population,
    password: &PasswordHash,
    progress: &(dyn Fn(&TableLoad) + Sync),
) -> Result<Vec<TableLoad>, LoadError> {
    let mut client = postgres::connect(&postgres::parse_config(url)?).await?;
    let row = client.query_one(STATE_QUERY, &[]).await?;
    let state = [0, 1, 2, 3, 4, 5].map(|n| row.get::<_, Option<i64>>(n));
    let bases = bases(state)?;
    let mut steps = Steps::new(progress);
    for table in tables(population, bases, password, Timestamp::now()) {
        let started = Instant::now();
        let transaction = client.transaction().await?;
        let columns = table.columns.join(", ");
        transaction
            .batch_execute(&format!(
                "CREATE TEMPORARY TABLE staging ON COMMIT DROP AS \
                 SELECT {columns} FROM {} WITH NO DATA",
                table.name
            ))
            .await?;
        let sink = transaction
            .copy_in(&format!("COPY staging ({columns}) FROM STDIN"))
            .await?;
        futures_util::pin_mut!(sink);
        let mut buffer = String::with_capacity(COPY_CHUNK + 4096);
        let mut rows = 0;
        for row in table.rows {
            copy_line(&mut buffer, &row);
            rows += 1;
            if buffer.len() >= COPY_CHUNK {
                sink.send(Bytes::from(std::mem::take(&mut buffer))).await?;
            }
        }
        if !buffer.is_empty() {
            sink.send(Bytes::from(buffer)).await?;
        }
        sink.finish().await?;
        let overriding = if table.explicit_id {
            "OVERRIDING SYSTEM VALUE"
        } else {
            ""
        };
        transaction
            .batch_execute(&format!(
                "INSERT INTO {name} ({columns}) {overriding} SELECT {columns} FROM staging",
                name = table.name
            ))
            .await?;
        if table.explicit_id {
            transaction
                .batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{name}', 'id'), \
                     (SELECT MAX(id) FROM {name}))",
                    name = table.name
                ))
                .await?;
        }
        transaction.commit().await?;
        steps.finish(table.name, rows, started);
    }
    let started = Instant::now();
    client.batch_execute("ANALYZE").await?;
    steps.finish(STATISTICS, 0, started);
    Ok(steps.done)
}

/// How much `COPY` text is sent at a time.
const COPY_CHUNK: usize = 1 << 20;

/// One row of `COPY … FROM STDIN` text: tab-separated, `\N` for NULL, with
/// backslashes, tabs and line breaks escaped.
fn copy_line(buffer: &mut String, row: &[Value]) {
    for (n, value) in row.iter().enumerate() {
        if n > 0 {
            buffer.push('\t');
        }
        match value {
            Value::Int(int) => buffer.push_str(&int.to_string()),
            Value::Null => buffer.push_str("\\N"),
            Value::Text(text) => {
                for c in text.chars() {
                    match c {
                        '\\' => buffer.push_str("\\\\"),
                        '\t' => buffer.push_str("\\t"),
                        '\n' => buffer.push_str("\\n"),
                        '\r' => buffer.push_str("\\r"),
                        other => buffer.push(other),
                    }
                }
            }
        }
    }
    buffer.push('\n');
}
