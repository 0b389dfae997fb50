//! Communities, working groups, teams and governing bodies: the directory,
//! their pages, roles and charter, who may join and how (request,
//! co-optation, application, invitation), arrivals told to the members,
//! leaving and exclusion, and a community's chat webhook.

pub mod arrival;
pub mod community;
pub mod flows;
pub mod joining;
pub mod store;
pub mod webhook;
