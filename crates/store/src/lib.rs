//! Cercle's storage: the [`Store`] of `cercle-core` on SQLite or PostgreSQL.
//!
//! A small association runs on one SQLite file with nothing else to operate;
//! a larger one points Cercle at PostgreSQL. Both backends run the same
//! operations over the same SQL (see `ops`), so they behave alike, and this
//! is the only crate that contains SQL.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cercle_core::store::Store;

pub mod bulk;
mod forward;
mod ops;
mod postgres;
mod sql;
mod sqlite;
mod sqlite_writer;
pub mod testing;

/// Where the data lives.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `sqlite://relative/path.db`, `sqlite:///absolute/path.db`,
    /// `postgres://…` or `postgresql://…`.
    pub fn parse(input: &str) -> Result<Self, OpenError> {
        let input = input.trim();
        if let Some(path) = input.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(OpenError::InvalidUrl(
                    "sqlite:// needs a file path, as in sqlite://cercle.db".to_owned(),
                ));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if input.starts_with("postgres://") || input.starts_with("postgresql://") {
            postgres::parse_config(input)?;
            return Ok(Self::Postgres(input.to_owned()));
        }
        let scheme = input
            .split_once("://")
            .map_or("(none)", |(scheme, _)| scheme);
        Err(OpenError::InvalidUrl(format!(
            "scheme {scheme:?} is not supported: use sqlite://path/to/file.db, postgres://… or postgresql://…"
        )))
    }

    /// The default when no URL is given: a SQLite file `cercle.db` in the data
    /// directory, so that a first run needs no configuration.
    pub fn default_in(data_dir: &Path) -> Self {
        Self::Sqlite(data_dir.join("cercle.db"))
    }
}

/// Shows the URL without its password, so that it can be logged.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() && parsed.set_password(Some("***")).is_err() {
                        return f.write_str("postgres://(URL hidden)");
                    }
                    f.write_str(parsed.as_str())
                }
                Err(_) => f.write_str("postgres://(URL hidden)"),
            },
        }
    }
}

/// Same as [`fmt::Display`]: a derived `Debug` would print the password.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// How hard SQLite works to keep a committed transaction through a power
/// loss. `Full` syncs the WAL on every commit; `Normal` may lose the last
/// commits on power loss (never on a crash of the process) but writes faster.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Synchronous {
    #[default]
    Full,
    Normal,
}

impl Synchronous {
    fn pragma_value(self) -> &'static str {
        match self {
            Self::Full => "FULL",
            Self::Normal => "NORMAL",
        }
    }
}

#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub url: DatabaseUrl,
    pub sqlite_synchronous: Synchronous,
    /// PostgreSQL connections, or SQLite reader connections.
    pub pool_size: usize,
}

impl OpenOptions {
    pub const DEFAULT_POOL_SIZE: usize = 4;

    /// Durable SQLite writes and the default pool size.
    pub fn new(url: DatabaseUrl) -> Self {
        Self {
            url,
            sqlite_synchronous: Synchronous::default(),
            pool_size: Self::DEFAULT_POOL_SIZE,
        }
    }
}

/// Connects, applies pending migrations and returns the store. On SQLite,
/// logs the PRAGMAs read back from the database, so that a deployment shows
/// the durability it really has.
pub async fn open(options: &OpenOptions) -> Result<Arc<dyn Store>, OpenError> {
    match &options.url {
        DatabaseUrl::Sqlite(path) => {
            let (path, synchronous, readers) =
                (path.clone(), options.sqlite_synchronous, options.pool_size);
            let store = tokio::task::spawn_blocking(move || {
                create_parent_directory(&path)?;
                sqlite::SqliteStore::open(&path, synchronous, readers)
            })
            .await
            .map_err(OpenError::Task)??;
            Ok(Arc::new(store))
        }
        DatabaseUrl::Postgres(url) => Ok(Arc::new(
            postgres::PostgresStore::open(url, options.pool_size).await?,
        )),
    }
}

/// Applies pending migrations only, and returns the names of those applied
/// now (`V1__initial`, …), for `cercle migrate`.
pub async fn migrate(options: &OpenOptions) -> Result<Vec<String>, OpenError> {
    match &options.url {
        DatabaseUrl::Sqlite(path) => {
            let (path, synchronous) = (path.clone(), options.sqlite_synchronous);
            tokio::task::spawn_blocking(move || {
                create_parent_directory(&path)?;
                sqlite::migrate(&path, synchronous)
            })
            .await
            .map_err(OpenError::Task)?
        }
        DatabaseUrl::Postgres(url) => postgres::migrate(url).await,
    }
}

/// The effective `journal_mode`, `synchronous`, `foreign_keys` and
/// `busy_timeout` of a connection configured as the store configures its
/// own, read back from the SQLite file at `path` (created if missing).
pub fn sqlite_pragmas(
    path: &Path,
    synchronous: Synchronous,
) -> Result<Vec<(String, String)>, OpenError> {
    sqlite::pragmas(path, synchronous)
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("cannot create the directory of the SQLite database {}: {source}", path.display())]
    SqliteDirectory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open SQLite database {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot reach PostgreSQL at {target}: {source}")]
    PostgresUnreachable {
        target: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("PostgreSQL at {target} refused {action}: {source}")]
    Postgres {
        target: String,
        action: String,
        source: tokio_postgres::Error,
    },
    #[error("cannot apply migrations to {target}: {source}")]
    Migration {
        target: String,
        source: refinery::Error,
    },
    #[error("cannot start the writer thread of the SQLite database {}: {source}", path.display())]
    SqliteWriter {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database task stopped: {0}")]
    Task(tokio::task::JoinError),
}

fn create_parent_directory(path: &Path) -> Result<(), OpenError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|source| OpenError::SqliteDirectory {
                path: path.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}
