//! Cercle's domain: the types a community platform is made of and the rules
//! that govern them.
//!
//! This crate performs no I/O of its own. It states what it needs from the
//! outside world as traits ([`store::Store`], [`kernel::mail::Mailer`]) that the
//! `store` and `jobs` crates implement, and every authorization decision is
//! taken by [`policy`].

pub mod accounts;
pub mod admission;
pub mod communities;
pub mod events;
pub mod governance;
pub mod home;
pub mod jobs;
pub mod kernel;
pub mod newsletter;
pub mod notify;
pub mod population;
pub mod register;
pub mod renewal;
pub mod site;
pub mod store;
