//! The whole store: the sum of every area's store, which the `store` crate
//! implements on SQLite and on PostgreSQL. Each area's flows ask only for
//! their own area's `Storage`, a part of this one.

use crate::kernel::flow::Context;

/// Every area's store at once: what a surface holds and hands to the flows.
pub trait Store: crate::governance::store::Storage {}

impl<T: ?Sized + crate::governance::store::Storage> Store for T {}

/// A context over the whole store narrows to the part any area's flows ask
/// for: `Context<dyn Store>` into `Context<dyn communities::store::Storage>`.
macro_rules! narrows_to {
    ($($area:ident),* $(,)?) => {$(
        impl<'a> From<Context<'a, dyn Store>> for Context<'a, dyn crate::$area::store::Storage> {
            fn from(ctx: Context<'a, dyn Store>) -> Self {
                ctx.with::<dyn crate::$area::store::Storage>(ctx.store)
            }
        }
    )*};
}

impl<'a> Context<'a, dyn Store> {
    /// This context over the part of the store the flow about to run asks
    /// for, which the flow's signature names.
    pub fn part<S: ?Sized>(&self) -> Context<'a, S>
    where
        Self: Into<Context<'a, S>>,
    {
        self.clone().into()
    }
}

narrows_to!(
    accounts,
    notify,
    register,
    admission,
    communities,
    site,
    newsletter,
    events,
    governance
);

/// The traits whose methods a holder of a [`Store`] calls, to bring into
/// scope at once.
pub mod prelude {
    pub use super::Store;
    pub use crate::accounts::store::AccountStore;
    pub use crate::admission::store::AdmissionStore;
    pub use crate::communities::store::{ArrivalStore, CommunityStore, JoiningStore, RulesStore};
    pub use crate::events::store::EventStore;
    pub use crate::governance::store::{AssemblyStore, BallotStore, BodyStore};
    pub use crate::kernel::store::{InstanceStore, JobStore};
    pub use crate::newsletter::store::NewsletterStore;
    pub use crate::notify::store::NotifyStore;
    pub use crate::register::store::{DuesStore, RegisterStore};
    pub use crate::site::store::{SecurityStore, SiteStore};
}
