//! The SQLite writer: one thread owning the one write connection, which
//! commits the writes waiting together (group commit).
//!
//! SQLite allows one writer at a time and makes each commit durable with an
//! fsync of its log: with one transaction per write, the writes a second
//! are bounded by the disk's fsyncs. The thread takes every write waiting
//! when it is free, runs each in a savepoint of its own inside one
//! transaction, and commits them once. A write that fails is rolled back to
//! its savepoint alone, and nobody is answered before the commit that makes
//! their write durable: each write stays atomic and durable, as it would be
//! in a transaction of its own.

use std::panic::{AssertUnwindSafe, catch_unwind};

use cercle_core::kernel::store::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::{mpsc, oneshot};

/// The most writes one transaction gathers, so that a burst is answered in
/// several commits rather than one long one.
const GROUP: usize = 64;

pub(crate) struct Writer {
    queue: mpsc::UnboundedSender<Box<dyn Pending>>,
}

impl Writer {
    /// Hands `connection` to a thread of its own, which writes until the
    /// writer is dropped.
    pub(crate) fn start(connection: Connection) -> std::io::Result<Self> {
        let (queue, mut waiting) = mpsc::unbounded_channel::<Box<dyn Pending>>();
        std::thread::Builder::new()
            .name("sqlite-writer".to_owned())
            .spawn(move || {
                let mut connection = connection;
                while let Some(first) = waiting.blocking_recv() {
                    let mut group = vec![first];
                    while group.len() < GROUP {
                        match waiting.try_recv() {
                            Ok(next) => group.push(next),
                            Err(_) => break,
                        }
                    }
                    commit(&mut connection, group);
                }
            })?;
        Ok(Self { queue })
    }

    /// Runs `operation` in its own savepoint of the next transaction and
    /// answers once that transaction is committed; an error of the
    /// operation, whatever its type, rolls its savepoint back.
    pub(crate) async fn write<R, E, F>(&self, operation: F) -> Result<R, E>
    where
        R: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&Connection) -> Result<R, E> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let write = Write {
            operation: Some(operation),
            outcome: None,
            reply,
        };
        self.queue
            .send(Box::new(write))
            .map_err(|_| E::from(stopped()))?;
        answer.await.map_err(|_| E::from(stopped()))?
    }
}

/// One write waiting for the writer, its result type erased.
trait Pending: Send {
    /// Runs the write; whether it succeeded and is to be kept.
    fn run(&mut self, connection: &Connection) -> bool;
    /// Answers once the transaction's fate is known.
    fn answer(self: Box<Self>, committed: &Result<(), String>);
}

struct Write<R, E, F> {
    operation: Option<F>,
    outcome: Option<Result<R, E>>,
    reply: oneshot::Sender<Result<R, E>>,
}

impl<R, E, F> Pending for Write<R, E, F>
where
    R: Send,
    E: From<StoreError> + Send,
    F: FnOnce(&Connection) -> Result<R, E> + Send,
{
    fn run(&mut self, connection: &Connection) -> bool {
        let Some(operation) = self.operation.take() else {
            return false;
        };
        // A panicking write fails alone instead of stopping the writer.
        let outcome = catch_unwind(AssertUnwindSafe(|| operation(connection)))
            .unwrap_or_else(|_| Err(E::from(StoreError::Other("a write panicked".into()))));
        let kept = outcome.is_ok();
        self.outcome = Some(outcome);
        kept
    }

    fn answer(self: Box<Self>, committed: &Result<(), String>) {
        let answer = match (self.outcome, committed) {
            (Some(Err(error)), _) => Err(error),
            (Some(Ok(result)), Ok(())) => Ok(result),
            (Some(Ok(_)), Err(why)) => Err(E::from(StoreError::Other(why.clone().into()))),
            (None, _) => Err(E::from(StoreError::Other("a write was not run".into()))),
        };
        // The caller may have given up waiting; the write stands all the same.
        let _ = self.reply.send(answer);
    }
}

/// Runs `group` in one `BEGIN IMMEDIATE` transaction, each write in its own
/// savepoint, commits, then answers every write.
fn commit(connection: &mut Connection, mut group: Vec<Box<dyn Pending>>) {
    let mut committed = || -> rusqlite::Result<()> {
        let mut transaction =
            connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for write in &mut group {
            let savepoint = transaction.savepoint()?;
            if write.run(&savepoint) {
                savepoint.commit()?;
            }
            // A savepoint dropped uncommitted is rolled back and released.
        }
        transaction.commit()
    };
    let committed = committed().map_err(|error| error.to_string());
    if let Err(error) = &committed {
        tracing::error!(%error, writes = group.len(), "a group of SQLite writes failed");
    }
    for write in group {
        write.answer(&committed);
    }
}

fn stopped() -> StoreError {
    StoreError::Other("the SQLite writer has stopped".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes sent together: every third fails after writing, one panics.
    /// Each is answered for itself, and only the others' rows remain.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_write_is_rolled_back_alone_within_its_group() {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let connection = Connection::open(directory.path().join("w.db")).expect("opens");
        connection
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (n INTEGER NOT NULL)")
            .expect("creates the table");
        let writer = std::sync::Arc::new(Writer::start(connection).expect("starts"));
        let writes = (0..60_i64).map(|n| {
            let writer = std::sync::Arc::clone(&writer);
            tokio::spawn(async move {
                writer
                    .write(move |db| {
                        db.execute("INSERT INTO t (n) VALUES (?1)", [n])
                            .map_err(|e| StoreError::Other(Box::new(e)))?;
                        assert_ne!(n, 7, "a bug in one write");
                        if n % 3 == 0 {
                            return Err(StoreError::Conflict);
                        }
                        Ok(n)
                    })
                    .await
            })
        });
        let mut kept = Vec::new();
        for (n, write) in (0..60_i64).zip(writes.collect::<Vec<_>>()) {
            match write.await.expect("the task ends") {
                Ok(answer) => {
                    assert_eq!(answer, n);
                    kept.push(n);
                }
                Err(StoreError::Conflict) => assert_eq!(n % 3, 0, "{n}"),
                Err(other) => assert_eq!(n, 7, "{n}: {other}"),
            }
        }
        let rows = writer
            .write(|db| {
                let mut statement = db
                    .prepare("SELECT n FROM t ORDER BY n")
                    .map_err(|e| StoreError::Other(Box::new(e)))?;
                let rows = statement
                    .query_map([], |row| row.get::<_, i64>(0))
                    .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                    .map_err(|e| StoreError::Other(Box::new(e)))?;
                Ok::<_, StoreError>(rows)
            })
            .await
            .expect("reads");
        let expected: Vec<i64> = (0..60).filter(|n| n % 3 != 0 && *n != 7).collect();
        assert_eq!(kept, expected);
        assert_eq!(rows, expected);
    }
}
