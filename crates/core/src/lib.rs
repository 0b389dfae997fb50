//! Cercle's domain: the types a community platform is made of and the rules
//! that govern them.
//!
//! This crate performs no I/O of its own. It states what it needs from the
//! outside world as traits ([`store::Store`], [`mail::Mailer`]) that the
//! `store` and `jobs` crates implement, and every authorization decision is
//! taken by [`policy`].

pub mod account;
pub mod accounts;
pub mod admission;
pub mod arrival;
pub mod association;
pub mod audit;
pub mod communities;
pub mod community;
pub mod date;
pub mod dues;
pub mod export;
pub mod home;
pub mod i18n;
pub mod image;
pub mod import;
pub mod job;
pub mod joining;
pub mod mail;
pub mod membership;
pub mod newsletter;
pub mod notification;
pub mod notifications;
pub mod outreach;
pub mod policy;
pub mod population;
pub mod register;
pub mod renewal;
pub mod secret;
pub mod security;
pub mod site;
pub mod store;
pub mod time;
pub mod validation;
pub mod webhook;
