//! The area store traits on both backends, generated from one table per
//! trait.
//!
//! Almost every store method only hands its arguments to the operation of
//! [`crate::ops`] that does the work; what differs is how each backend runs
//! that operation, which depends only on whether it reads or writes. So each
//! trait gets one table, in `forward/<area>.rs` for its area of core, listing
//! each method once with its kind, its signature as the trait has it, and
//! the operation it runs; `forward!` below turns the table into the `impl`
//! of the trait for [`SqliteStore`](crate::sqlite::SqliteStore) and the one
//! for [`PostgresStore`](crate::postgres::PostgresStore). A new operation
//! costs its trait method in core, its function in `ops` and one line in a
//! table. A method that does more than forward is written by hand beside its
//! table.

/// Implements one area store trait on both backends from its table:
///
/// ```text
/// forward! {
///     impl JobStore {
///         write fn enqueue(job: &NewJob) -> StoreResult<()> => ops::enqueue;
///         read_blocking fn pending_jobs() -> StoreResult<i64> => ops::pending_jobs;
///     }
/// }
/// ```
///
/// The kind says how each backend runs the operation:
///
/// - `read_inline`, a short read bounded by one person or one row: SQLite
///   runs it on a reader connection on the calling thread, PostgreSQL on a
///   pooled client;
/// - `read_blocking`, a read that may scan many rows: SQLite runs it on a
///   reader connection on the blocking pool, PostgreSQL on a pooled client;
/// - `write`: SQLite runs it on the writer thread, in the next transaction
///   it commits, PostgreSQL in a transaction of its own on a pooled client.
///
/// The operation receives the method's arguments in their order, an argument
/// the method borrows as a reference. Because a SQLite write or blocking read
/// runs on another thread, its closure owns copies of the borrowed arguments
/// (`ToOwned`), which it lends to the operation.
///
/// A line may instead end in `=> ops::op(value)` or `=> ops::op(&value)`:
/// the arguments are first gathered into `value`, one owned value of the
/// operation's input type, built before the operation runs so that SQLite
/// can move it to another thread, and which the operation receives as
/// written.
///
/// After the table, `sqlite { … } postgres { … }` holds the methods of the
/// trait that each backend writes by hand.
///
/// Each method's signature is written out here, and only its body is left
/// to an inner rule: `#[async_trait]` rewrites the signatures of the `impl`
/// it is given before any macro inside that `impl` expands.
macro_rules! forward {
    (
        impl $trait:ident {
            $(
                $kind:ident fn $name:ident ( $($args:tt)* ) -> $ret:ty
                    => $($op:ident)::+ $( ( $($value:tt)+ ) )? ;
            )*
        }
        $( sqlite { $($sqlite:tt)* } postgres { $($postgres:tt)* } )?
    ) => {
        #[async_trait::async_trait]
        impl $trait for $crate::sqlite::SqliteStore {
            $(
                async fn $name(&self, $($args)*) -> $ret {
                    forward!(@sqlite $kind self, $($op)::+, ($($args)*) $(, ($($value)+))?)
                }
            )*
            $($($sqlite)*)?
        }

        #[async_trait::async_trait]
        impl $trait for $crate::postgres::PostgresStore {
            $(
                async fn $name(&self, $($args)*) -> $ret {
                    forward!(@postgres $kind self, $($op)::+, ($($args)*) $(, ($($value)+))?)
                }
            )*
            $($($postgres)*)?
        }
    };

    // SQLite, the arguments passed on.
    (@sqlite read_inline $self:tt, $op:path, ($($arg:ident : $type:ty),* $(,)?)) => {
        $self
            .read_inline(|db| $crate::sqlite::ready($op(db, $($arg),*)))
            .await
    };
    (@sqlite read_blocking $self:tt, $op:path, ($($args:tt)*)) => {
        forward!(@own [$self read_blocking $op] [] [] $($args)*)
    };
    (@sqlite write $self:tt, $op:path, ($($args:tt)*)) => {
        forward!(@own [$self write $op] [] [] $($args)*)
    };

    // SQLite, the arguments gathered into one value.
    (@sqlite read_inline $self:tt, $op:path, $args:tt, (& $value:expr)) => {{
        let value = $value;
        $self
            .read_inline(|db| $crate::sqlite::ready($op(db, &value)))
            .await
    }};
    (@sqlite read_inline $self:tt, $op:path, $args:tt, ($value:expr)) => {{
        let value = $value;
        $self
            .read_inline(|db| $crate::sqlite::ready($op(db, value)))
            .await
    }};
    (@sqlite read_blocking $self:tt, $op:path, $args:tt, $value:tt) => {
        forward!(@moved [$self read_blocking $op] $value)
    };
    (@sqlite write $self:tt, $op:path, $args:tt, $value:tt) => {
        forward!(@moved [$self write $op] $value)
    };

    // SQLite, one argument at a time for a closure on another thread: a
    // borrowed argument becomes an owned copy, lent to the operation, and
    // any other is moved in as it is.
    (@own $head:tt [$($own:tt)*] [$($pass:tt)*] $arg:ident : & $type:ty $(, $($rest:tt)*)?) => {
        forward!(@own $head
            [$($own)* let $arg = ::std::borrow::ToOwned::to_owned($arg);]
            [$($pass)* &$arg,]
            $($($rest)*)?)
    };
    (@own $head:tt [$($own:tt)*] [$($pass:tt)*] $arg:ident : $type:ty $(, $($rest:tt)*)?) => {
        forward!(@own $head [$($own)*] [$($pass)* $arg,] $($($rest)*)?)
    };
    (@own [$self:tt $run:ident $op:path] [$($own:tt)*] [$($pass:tt)*]) => {{
        $($own)*
        $self
            .$run(move |db| $crate::sqlite::ready($op(db, $($pass)*)))
            .await
    }};

    // SQLite, the one value moved into a closure on another thread.
    (@moved [$self:tt $run:ident $op:path] (& $value:expr)) => {{
        let value = $value;
        $self
            .$run(move |db| $crate::sqlite::ready($op(db, &value)))
            .await
    }};
    (@moved [$self:tt $run:ident $op:path] ($value:expr)) => {{
        let value = $value;
        $self
            .$run(move |db| $crate::sqlite::ready($op(db, value)))
            .await
    }};

    // PostgreSQL, where both kinds of read run alike.
    (@postgres read_inline $($rest:tt)*) => {
        forward!(@read $($rest)*)
    };
    (@postgres read_blocking $($rest:tt)*) => {
        forward!(@read $($rest)*)
    };
    (@read $self:tt, $op:path, ($($arg:ident : $type:ty),* $(,)?)) => {
        $op(&$crate::postgres::Postgres(&$self.client().await?), $($arg),*).await
    };
    (@read $self:tt, $op:path, $args:tt, (& $value:expr)) => {{
        let value = $value;
        $op(&$crate::postgres::Postgres(&$self.client().await?), &value).await
    }};
    (@read $self:tt, $op:path, $args:tt, ($value:expr)) => {{
        let value = $value;
        $op(&$crate::postgres::Postgres(&$self.client().await?), value).await
    }};
    (@postgres write $self:tt, $op:path, ($($arg:ident : $type:ty),* $(,)?)) => {
        forward!(@transaction $self, |db| $op(db, $($arg),*))
    };
    (@postgres write $self:tt, $op:path, $args:tt, (& $value:expr)) => {{
        let value = $value;
        forward!(@transaction $self, |db| $op(db, &value))
    }};
    (@postgres write $self:tt, $op:path, $args:tt, ($value:expr)) => {{
        let value = $value;
        forward!(@transaction $self, |db| $op(db, value))
    }};

    // PostgreSQL: runs the operation in one transaction on a pooled client,
    // committed only when the whole operation succeeded.
    (@transaction $self:tt, |$db:ident| $operation:expr) => {{
        let mut client = $self.client().await?;
        let transaction = client
            .transaction()
            .await
            .map_err($crate::postgres::store_error)?;
        let $db = &$crate::postgres::Postgres(&transaction);
        let result = $operation.await?;
        transaction
            .commit()
            .await
            .map_err($crate::postgres::store_error)?;
        Ok(result)
    }};
}

mod accounts;
mod admission;
mod communities;
mod events;
mod governance;
mod kernel;
mod newsletter;
mod notify;
mod register;
mod site;
