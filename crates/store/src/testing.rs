//! Throw-away databases for tests, here and in the crates that use the store.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::OpenError;
use crate::postgres::{connect, describe, migrate, parse_config};

/// A fresh, empty, migrated database created on the server of `base_url`
/// (for example `postgres://postgres@127.0.0.1:5432/test`), so that tests
/// running at the same time never see each other's rows.
///
/// Its name is `cercle_t_<pid>_<counter>_<nanos>`, where the counter is a
/// transaction id the server hands out, unique across every process that
/// creates scratch databases at the same moment.
pub async fn scratch_postgres(base_url: &str) -> Result<ScratchDatabase, OpenError> {
    let base = parse_config(base_url)?;
    let client = connect(&base).await?;
    let refused = |action: &str| {
        let target = describe(&base);
        let action = action.to_owned();
        move |source| OpenError::Postgres {
            target,
            action,
            source,
        }
    };
    let counter: i64 = client
        .query_one("SELECT txid_current()", &[])
        .await
        .map_err(refused("to hand out a transaction id"))?
        .get(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let name = format!("cercle_t_{}_{counter}_{nanos}", std::process::id());
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .map_err(refused("to create a scratch database"))?;
    let mut url = url::Url::parse(base_url)
        .map_err(|error| OpenError::InvalidUrl(format!("not a valid PostgreSQL URL: {error}")))?;
    url.set_path(&name);
    let scratch = ScratchDatabase {
        url: url.to_string(),
        base_url: base_url.to_owned(),
        name,
    };
    migrate(&scratch.url).await?;
    Ok(scratch)
}

/// A database made by [`scratch_postgres`]; it stays until
/// [`ScratchDatabase::drop_database`] removes it.
#[derive(Debug)]
pub struct ScratchDatabase {
    pub url: String,
    base_url: String,
    name: String,
}

impl ScratchDatabase {
    /// Removes the database, ending any connection a store still holds to it.
    pub async fn drop_database(self) -> Result<(), OpenError> {
        let base = parse_config(&self.base_url)?;
        let client = connect(&base).await?;
        client
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .await
            .map_err(|source| OpenError::Postgres {
                target: describe(&base),
                action: "to drop a scratch database".to_owned(),
                source,
            })
    }
}
