//! The store on PostgreSQL, through a pool of connections.
//!
//! The area store traits are implemented in [`crate::forward`], from one
//! table for both backends; this file holds the pool and the [`Sql`] of a
//! PostgreSQL client.

use std::time::Duration;

use cercle_core::kernel::store::{PoolStatus, StoreError, StoreResult};
use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Config, NoTls};

use crate::OpenError;
use crate::sql::{Param, Row, Sql, Value};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// How long to wait for the server to accept a connection, unless the URL
/// says otherwise: an unreachable server should fail start-up, not hang it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a request waits for a free connection before failing.
const POOL_WAIT_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) struct PostgresStore {
    pool: Pool,
}

impl PostgresStore {
    /// Applies pending migrations, which also proves the server reachable,
    /// then builds the pool.
    pub(crate) async fn open(url: &str, pool_size: usize) -> Result<Self, OpenError> {
        let config = parse_config(url)?;
        let target = describe(&config);
        run_migrations(&config).await?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(pool_size.max(1))
            .wait_timeout(Some(POOL_WAIT_TIMEOUT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|source| OpenError::PostgresUnreachable {
                target: target.clone(),
                source: Box::new(source),
            })?;
        tracing::info!(%target, pool_size, "connected to PostgreSQL");
        Ok(Self { pool })
    }

    /// A client from the pool, for one read or one transaction.
    pub(crate) async fn client(&self) -> StoreResult<deadpool_postgres::Client> {
        self.pool
            .get()
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))
    }

    /// The pooled connections in use and in all.
    pub(crate) fn occupancy(&self) -> PoolStatus {
        let status = self.pool.status();
        PoolStatus {
            in_use: status.size.saturating_sub(status.available),
            size: status.max_size,
        }
    }
}

/// Applies pending migrations to the database at `url`, returning their names.
pub(crate) async fn migrate(url: &str) -> Result<Vec<String>, OpenError> {
    run_migrations(&parse_config(url)?).await
}

/// A single connection outside any pool, for migrations and test set-up.
pub(crate) async fn connect(config: &Config) -> Result<tokio_postgres::Client, OpenError> {
    let (client, connection) =
        config
            .connect(NoTls)
            .await
            .map_err(|source| OpenError::PostgresUnreachable {
                target: describe(config),
                source: Box::new(source),
            })?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "PostgreSQL connection ended with an error");
        }
    });
    Ok(client)
}

/// Parses a `postgres://` URL, with a connect timeout unless it sets one.
pub(crate) fn parse_config(url: &str) -> Result<Config, OpenError> {
    let mut config: Config = url
        .parse()
        .map_err(|error| OpenError::InvalidUrl(format!("not a valid PostgreSQL URL: {error}")))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok(config)
}

/// `user@host:port/database`, without the password, for messages and logs.
pub(crate) fn describe(config: &Config) -> String {
    let hosts = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(index, host)| {
            let host = match host {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            match config.get_ports().get(index).or(config.get_ports().first()) {
                Some(port) => format!("{host}:{port}"),
                None => host,
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    let user = config
        .get_user()
        .map(|user| format!("{user}@"))
        .unwrap_or_default();
    let database = config.get_dbname().unwrap_or_default();
    format!("{user}{hosts}/{database}")
}

/// A pooled client or a transaction seen through [`Sql`].
pub(crate) struct Postgres<'a, C>(pub(crate) &'a C);

impl<C: GenericClient> Sql for Postgres<'_, C> {
    const CLAIM_JOBS: &'static str = include_str!("sql/claim_jobs.postgres.sql");
    const COMMUNITY_TEXT_MATCH: &'static str = "communities.search @@ to_tsquery('simple', $TEXT)";

    /// A tsquery: each word a prefix, all required.
    fn prefix_search(words: &[String]) -> String {
        words
            .iter()
            .map(|word| format!("{word}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    }

    async fn execute(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<u64> {
        let statement = self.0.prepare_cached(sql).await.map_err(store_error)?;
        self.0
            .execute(&statement, &bindings(params))
            .await
            .map_err(store_error)
    }

    async fn query(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<Vec<Row>> {
        let statement = self.0.prepare_cached(sql).await.map_err(store_error)?;
        let rows = self
            .0
            .query(&statement, &bindings(params))
            .await
            .map_err(store_error)?;
        rows.iter().map(row).collect()
    }
}

/// Unique violations are conflicts the caller handles; a foreign-key
/// violation means what the change refers to (an account, an organisation,
/// a plan, a membership's period) does not exist.
pub(crate) fn store_error(error: tokio_postgres::Error) -> StoreError {
    match error.code() {
        Some(&SqlState::UNIQUE_VIOLATION) => StoreError::Conflict,
        Some(&SqlState::FOREIGN_KEY_VIOLATION) => StoreError::NotFound,
        _ => StoreError::Other(Box::new(error)),
    }
}

async fn run_migrations(config: &Config) -> Result<Vec<String>, OpenError> {
    let mut client = connect(config).await?;
    let report = embedded::migrations::runner()
        .run_async(&mut client)
        .await
        .map_err(|source| OpenError::Migration {
            target: describe(config),
            source,
        })?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(ToString::to_string)
        .collect())
}

fn bindings<'a>(params: &'a [Param<'_>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params
        .iter()
        .map(|param| -> &(dyn ToSql + Sync) {
            match param {
                Param::Int(value) => value,
                Param::OptionalInt(value) => value,
                Param::Text(value) => value,
                Param::OptionalText(value) => value,
                Param::Bytes(value) => value,
            }
        })
        .collect()
}

/// Copies a row out; the schema only has BIGINT, TEXT and BYTEA columns, and
/// the INTEGER of a literal such as `SELECT 1`.
fn row(row: &tokio_postgres::Row) -> StoreResult<Row> {
    let values = row
        .columns()
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let value = match *column.type_() {
                Type::INT8 => row.try_get::<_, Option<i64>>(index)?.map(Value::Int),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(index)?
                    .map(|value| Value::Int(value.into())),
                Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(index)?.map(Value::Bytes),
                _ => row.try_get::<_, Option<String>>(index)?.map(Value::Text),
            };
            Ok(value.unwrap_or(Value::Null))
        })
        .collect::<Result<Vec<_>, tokio_postgres::Error>>()
        .map_err(store_error)?;
    Ok(Row(values))
}
