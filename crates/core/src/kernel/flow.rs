//! What every flow is given: the part of the store its area asks for, the
//! instance it runs on and the moment it runs at.
//!
//! No flow reads the system clock: the surface that starts a flow (a page,
//! the API, a job, the command line) reads it once and hands it down here,
//! so a test runs any flow at the date it chooses.

use std::sync::Arc;

use crate::kernel::date::Date;
use crate::kernel::time::Timestamp;

pub struct Context<'a, S: ?Sized + 'a> {
    pub store: &'a S,
    /// The association's name, which emails and notices are signed with.
    pub association: Arc<str>,
    /// The public address of the instance, without a trailing slash; links
    /// in emails start with it.
    pub base_url: &'a str,
    pub now: Timestamp,
}

// Written by hand: a derive would ask the store itself to be `Clone`.
impl<S: ?Sized> Clone for Context<'_, S> {
    fn clone(&self) -> Self {
        Self {
            store: self.store,
            association: Arc::clone(&self.association),
            base_url: self.base_url,
            now: self.now,
        }
    }
}

impl<'a, S: ?Sized> Context<'a, S> {
    /// The same context over `store`, the part of the store another area's
    /// flows ask for.
    pub fn with<T: ?Sized>(&self, store: &'a T) -> Context<'a, T> {
        Context {
            store,
            association: Arc::clone(&self.association),
            base_url: self.base_url,
            now: self.now,
        }
    }

    /// The day the flow runs on, in UTC.
    pub fn today(&self) -> Date {
        Date::of(self.now)
    }
}
