//! Governance in the pages and the API: the public governance page with
//! the bodies and their mandates, the statutes, and general assemblies
//! with their roll, proxies, agenda, ballots and minutes.

pub(crate) mod api;
pub(crate) mod pages;
