//! People with an account and how they prove who they are: accounts and
//! their roles, sessions, email links and API tokens, the audit log, and the
//! policy that answers, for every area, who may do what.

pub mod account;
pub mod audit;
pub mod flows;
pub mod policy;
pub mod secret;
pub mod store;
