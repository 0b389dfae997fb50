//! The store on one SQLite file.
//!
//! SQLite allows one writer at a time, so the store keeps exactly one writer
//! connection, on a thread of its own that commits the writes waiting
//! together ([`crate::sqlite_writer`]) and starts each of its transactions
//! with `BEGIN IMMEDIATE`: a write either gets the lock at once or queues in
//! this process, instead of failing halfway with `SQLITE_BUSY`. Reads use a
//! small pool of read-only connections, which WAL lets run beside the
//! writer.
//!
//! The area store traits are implemented in [`crate::forward`], from one
//! table for both backends, through [`SqliteStore::write`],
//! [`SqliteStore::read_inline`] and [`SqliteStore::read_blocking`].

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use cercle_core::kernel::store::{PoolStatus, StoreError, StoreResult};
use rusqlite::config::DbConfig;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ErrorCode, OpenFlags, ffi};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::sql::{Param, Row, Sql, Value};
use crate::sqlite_writer::Writer;
use crate::{OpenError, Synchronous};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

/// Prepared statements each connection keeps: more than the store has
/// queries, so that none is parsed twice.
const STATEMENT_CACHE: usize = 512;

/// How long a connection waits for a lock another process holds.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

pub(crate) struct SqliteStore {
    writer: Writer,
    readers: Arc<Readers>,
}

impl SqliteStore {
    /// Opens the writer, applies pending migrations, logs the effective
    /// PRAGMAs and opens `readers` read-only connections.
    pub(crate) fn open(
        path: &Path,
        synchronous: Synchronous,
        readers: usize,
    ) -> Result<Self, OpenError> {
        let mut writer = connect(
            path,
            synchronous,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        apply_migrations(&mut writer, path)?;
        let pragmas = read_pragmas(&writer).map_err(|source| sqlite_open_error(path, source))?;
        let pragmas = pragmas
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join(" ");
        tracing::info!(path = %path.display(), %pragmas, "opened SQLite database");
        let idle = (0..readers.max(1))
            .map(|_| connect(path, synchronous, OpenFlags::SQLITE_OPEN_READ_ONLY))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            writer: Writer::start(writer).map_err(|source| OpenError::SqliteWriter {
                path: path.to_owned(),
                source,
            })?,
            readers: Arc::new(Readers {
                permits: Arc::new(Semaphore::new(idle.len())),
                size: idle.len(),
                idle: Mutex::new(idle),
            }),
        })
    }

    /// Runs `operation` on the writer, in the next transaction it commits;
    /// an error of the operation, whatever its type, rolls it back.
    pub(crate) async fn write<R, E, F>(&self, operation: F) -> Result<R, E>
    where
        R: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Sqlite<'_>) -> Result<R, E> + Send + 'static,
    {
        self.writer
            .write(move |connection| operation(&Sqlite(connection)))
            .await
    }

    /// Runs a short read on a reader connection, on the calling thread.
    pub(crate) async fn read_inline<R>(
        &self,
        operation: impl FnOnce(&Sqlite<'_>) -> StoreResult<R>,
    ) -> StoreResult<R> {
        let reader = self.readers.take().await?;
        operation(&Sqlite(reader.connection()))
    }

    /// Runs a read that may scan many rows on a reader connection, off the
    /// async threads.
    pub(crate) async fn read_blocking<R, F>(&self, operation: F) -> StoreResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Sqlite<'_>) -> StoreResult<R> + Send + 'static,
    {
        let reader = self.readers.take().await?;
        tokio::task::spawn_blocking(move || operation(&Sqlite(reader.connection())))
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))?
    }

    /// The reader connections on loan and in all.
    pub(crate) fn occupancy(&self) -> PoolStatus {
        PoolStatus {
            in_use: self.readers.size - self.readers.permits.available_permits(),
            size: self.readers.size,
        }
    }
}

/// Applies pending migrations to the file at `path`, returning their names.
pub(crate) fn migrate(path: &Path, synchronous: Synchronous) -> Result<Vec<String>, OpenError> {
    let mut connection = connect(
        path,
        synchronous,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    apply_migrations(&mut connection, path)
}

/// The PRAGMAs a connection configured like the store's reports.
pub(crate) fn pragmas(
    path: &Path,
    synchronous: Synchronous,
) -> Result<Vec<(String, String)>, OpenError> {
    let connection = connect(
        path,
        synchronous,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    read_pragmas(&connection).map_err(|source| sqlite_open_error(path, source))
}

/// A connection or transaction seen through [`Sql`].
pub(crate) struct Sqlite<'a>(&'a Connection);

impl Sql for Sqlite<'_> {
    const CLAIM_JOBS: &'static str = include_str!("sql/claim_jobs.sqlite.sql");
    const COMMUNITY_TEXT_MATCH: &'static str = "communities.id IN \
         (SELECT rowid FROM communities_fts WHERE communities_fts MATCH $TEXT)";

    /// FTS5: quoted strings, each a prefix, all required.
    fn prefix_search(words: &[String]) -> String {
        words
            .iter()
            .map(|word| format!("\"{word}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    async fn execute(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<u64> {
        let mut statement = self.0.prepare_cached(sql).map_err(store_error)?;
        bind(&mut statement, params).map_err(store_error)?;
        let changed = statement.raw_execute().map_err(store_error)?;
        u64::try_from(changed).map_err(|error| StoreError::Other(Box::new(error)))
    }

    async fn query(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<Vec<Row>> {
        let mut statement = self.0.prepare_cached(sql).map_err(store_error)?;
        bind(&mut statement, params).map_err(store_error)?;
        let columns = statement.column_count();
        let mut rows = statement.raw_query();
        let mut result = Vec::new();
        while let Some(row) = rows.next().map_err(store_error)? {
            let values = (0..columns)
                .map(|column| value(row.get_ref(column)?))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(store_error)?;
            result.push(Row(values));
        }
        Ok(result)
    }
}

/// Drives an operation over [`Sqlite`] to completion on the calling thread.
///
/// Every [`Sql`] method of [`Sqlite`] does its work before returning, so the
/// operation never waits on anything and finishes on its first poll; this is
/// what lets one `async` body in [`crate::ops`] serve both backends.
pub(crate) fn ready<T>(operation: impl Future<Output = T>) -> T {
    match pin!(operation).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("SQLite operations never wait"),
    }
}

/// The idle reader connections, and one permit for each.
struct Readers {
    permits: Arc<Semaphore>,
    size: usize,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    async fn take(self: &Arc<Self>) -> StoreResult<Reader> {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|error| StoreError::Other(Box::new(error)))?;
        let connection = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .ok_or_else(|| {
                StoreError::Other("a reader permit was granted with no idle reader".into())
            })?;
        Ok(Reader {
            connection: Some(connection),
            readers: Arc::clone(self),
            _permit: permit,
        })
    }
}

/// A reader connection on loan; it goes back to the pool when dropped, even
/// by a panicking operation, before its permit is released.
struct Reader {
    connection: Option<Connection>,
    readers: Arc<Readers>,
    _permit: OwnedSemaphorePermit,
}

impl Reader {
    fn connection(&self) -> &Connection {
        self.connection
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.take() {
            self.readers
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(connection);
        }
    }
}

/// Binds `params[i]` to the placeholder named `$i+1`, wherever it appears.
fn bind(statement: &mut rusqlite::Statement<'_>, params: &[Param<'_>]) -> rusqlite::Result<()> {
    if statement.parameter_count() != params.len() {
        return Err(rusqlite::Error::InvalidParameterCount(
            params.len(),
            statement.parameter_count(),
        ));
    }
    for (position, param) in params.iter().enumerate() {
        let name = format!("${}", position + 1);
        let index = statement
            .parameter_index(&name)?
            .ok_or(rusqlite::Error::InvalidParameterName(name))?;
        match param {
            Param::Int(value) => statement.raw_bind_parameter(index, value)?,
            Param::OptionalInt(value) => statement.raw_bind_parameter(index, value)?,
            Param::Text(value) => statement.raw_bind_parameter(index, value)?,
            Param::OptionalText(value) => statement.raw_bind_parameter(index, value)?,
            Param::Bytes(value) => statement.raw_bind_parameter(index, value)?,
        }
    }
    Ok(())
}

fn value(column: ValueRef<'_>) -> rusqlite::Result<Value> {
    match column {
        ValueRef::Null => Ok(Value::Null),
        ValueRef::Integer(value) => Ok(Value::Int(value)),
        ValueRef::Text(bytes) => String::from_utf8(bytes.to_vec())
            .map(Value::Text)
            .map_err(|error| rusqlite::Error::Utf8Error(0, error.utf8_error())),
        ValueRef::Blob(bytes) => Ok(Value::Bytes(bytes.to_vec())),
        other => Err(rusqlite::Error::InvalidColumnType(
            0,
            String::new(),
            other.data_type(),
        )),
    }
}

/// Opens a connection and gives it the settings every store connection has.
fn connect(
    path: &Path,
    synchronous: Synchronous,
    flags: OpenFlags,
) -> Result<Connection, OpenError> {
    let configure = || {
        let connection =
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Without the planner's stability guarantee, SQLite compiles a cached
        // statement again whenever a `LIMIT` or an `= 0`/`= 1` comparison is
        // bound anew, which is at every use since the cache clears the
        // bindings: it cost more than half of a member's home.
        connection.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.pragma_update(None, "synchronous", synchronous.pragma_value())?;
        if flags.contains(OpenFlags::SQLITE_OPEN_READ_WRITE) {
            connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| {
                row.get::<_, String>(0)
            })?;
        }
        Ok(connection)
    };
    configure().map_err(|source| sqlite_open_error(path, source))
}

fn apply_migrations(connection: &mut Connection, path: &Path) -> Result<Vec<String>, OpenError> {
    let report = embedded::migrations::runner()
        .run(connection)
        .map_err(|source| OpenError::Migration {
            target: path.display().to_string(),
            source,
        })?;
    Ok(report
        .applied_migrations()
        .iter()
        .map(ToString::to_string)
        .collect())
}

fn read_pragmas(connection: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    [
        "journal_mode",
        "synchronous",
        "foreign_keys",
        "busy_timeout",
    ]
    .into_iter()
    .map(|name| {
        let value = connection.pragma_query_value(None, name, |row| match row.get_ref(0)? {
            ValueRef::Integer(value) => Ok(value.to_string()),
            ValueRef::Text(text) => Ok(String::from_utf8_lossy(text).into_owned()),
            other => Ok(format!("{other:?}")),
        })?;
        Ok((name.to_owned(), value))
    })
    .collect()
}

fn sqlite_open_error(path: &Path, source: rusqlite::Error) -> OpenError {
    OpenError::Sqlite {
        path: PathBuf::from(path),
        source,
    }
}

/// Unique and primary-key violations are conflicts the caller handles; a
/// missing foreign-key target means what the change refers to (an account,
/// an organisation, a plan, a membership's period) does not exist.
fn store_error(error: rusqlite::Error) -> StoreError {
    match error.sqlite_error() {
        Some(ffi::Error {
            code: ErrorCode::ConstraintViolation,
            extended_code,
        }) if matches!(
            *extended_code,
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        ) =>
        {
            StoreError::Conflict
        }
        Some(ffi::Error {
            code: ErrorCode::ConstraintViolation,
            extended_code,
        }) if *extended_code == ffi::SQLITE_CONSTRAINT_FOREIGNKEY => StoreError::NotFound,
        _ => StoreError::Other(Box::new(error)),
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// A statement kept in the cache runs again as compiled, whatever is
    /// bound to its `LIMIT` or to a comparison with 0 or 1.
    #[test]
    fn cached_statements_are_not_compiled_again_at_each_use() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let path = directory.path().join("cercle.db");
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let connection = connect(&path, Synchronous::Normal, flags).expect("opens");
        connection
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER NOT NULL)")
            .expect("creates the table");
        let sql = "SELECT t.id FROM t LEFT JOIN t AS u ON u.id = t.id WHERE t.flag = $1 LIMIT $2";
        for (flag, limit) in [(1, 5), (1, 5), (7, 20), (0, 1)] {
            let mut statement = connection.prepare_cached(sql).expect("prepares");
            statement.raw_bind_parameter(1, flag).expect("binds");
            statement.raw_bind_parameter(2, limit).expect("binds");
            statement.raw_execute().expect("runs");
            assert_eq!(
                statement.get_status(StatementStatus::RePrepare),
                0,
                "flag {flag}, limit {limit}"
            );
        }
    }
}
