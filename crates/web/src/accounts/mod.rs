//! People's accounts and how they prove who they are: the first-run setup,
//! signing up, logging in and resetting a password, the account page with
//! its API tokens, the signed-in account in the JSON API, and the
//! administrators' audit log.

pub mod account;
pub mod admin;
pub mod api;
pub mod auth;
pub mod setup;
