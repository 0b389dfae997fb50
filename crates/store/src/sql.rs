//! The few primitives both backends offer, so that every store operation is
//! written once in [`crate::ops`] over SQL both dialects understand.
//!
//! Statements use `$1…$N` placeholders. PostgreSQL binds them by position and
//! SQLite by name, so a statement may use them in any order and repeat them.

use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::store::StoreResult;

/// A connection or transaction of either backend.
pub(crate) trait Sql {
    /// Leases due jobs: `$1` now, `$2` lease end, `$3` limit; returns `id,
    /// key, payload, attempts, run_at`. The one statement whose dialects differ.
    const CLAIM_JOBS: &'static str;

    /// The condition that a community's name, theme or description holds
    /// the search bound to `$TEXT` (which the caller numbers), in this
    /// dialect's full-text search.
    const COMMUNITY_TEXT_MATCH: &'static str;

    /// The search, in this dialect's syntax, for text holding a word that
    /// starts with each of `words`, which are letters and digits only.
    fn prefix_search(words: &[String]) -> String;

    /// Runs a statement and returns how many rows it changed.
    async fn execute(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<u64>;

    /// Runs a statement and returns every row it produced.
    async fn query(&self, sql: &str, params: &[Param<'_>]) -> StoreResult<Vec<Row>>;
}

/// A value bound to a placeholder: every column is a 64-bit integer, text
/// or, for uploaded files, bytes, and may be NULL.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Int(i64),
    OptionalInt(Option<i64>),
    Text(&'a str),
    OptionalText(Option<&'a str>),
    Bytes(&'a [u8]),
}

impl From<i64> for Param<'_> {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

impl From<Option<i64>> for Param<'_> {
    fn from(value: Option<i64>) -> Self {
        Self::OptionalInt(value)
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(value: &'a str) -> Self {
        Self::Text(value)
    }
}

impl<'a> From<Option<&'a str>> for Param<'a> {
    fn from(value: Option<&'a str>) -> Self {
        Self::OptionalText(value)
    }
}

impl<'a> From<&'a [u8]> for Param<'a> {
    fn from(value: &'a [u8]) -> Self {
        Self::Bytes(value)
    }
}

/// A value read from a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

/// A result row, copied out of the backend's own row type.
#[derive(Debug, Clone)]
pub(crate) struct Row(pub(crate) Vec<Value>);

impl Row {
    pub(crate) fn int(&self, column: usize) -> StoreResult<i64> {
        self.optional_int(column)?
            .ok_or_else(|| unexpected(column, "a non-NULL integer"))
    }

    pub(crate) fn optional_int(&self, column: usize) -> StoreResult<Option<i64>> {
        match self.0.get(column) {
            Some(Value::Int(value)) => Ok(Some(*value)),
            Some(Value::Null) => Ok(None),
            _ => Err(unexpected(column, "an integer or NULL")),
        }
    }

    pub(crate) fn text(&self, column: usize) -> StoreResult<String> {
        self.optional_text(column)?
            .ok_or_else(|| unexpected(column, "non-NULL text"))
    }

    pub(crate) fn optional_text(&self, column: usize) -> StoreResult<Option<String>> {
        match self.0.get(column) {
            Some(Value::Text(value)) => Ok(Some(value.clone())),
            Some(Value::Null) => Ok(None),
            _ => Err(unexpected(column, "text or NULL")),
        }
    }

    pub(crate) fn bytes(&self, column: usize) -> StoreResult<Vec<u8>> {
        match self.0.get(column) {
            Some(Value::Bytes(value)) => Ok(value.clone()),
            _ => Err(unexpected(column, "bytes")),
        }
    }
}

/// A column holding what the schema does not allow: a bug, not user error.
fn unexpected(column: usize, expected: &str) -> StoreError {
    StoreError::Other(
        format!("column {column} of a result row is missing or not {expected}").into(),
    )
}
