//! Communities: the directory, each community's page, joining and leaving,
//! the review queue, the other ways in (co-optation, interviews,
//! invitations), a community's chat webhook, and all of it in the JSON API.

pub mod actions_api;
pub mod api;
pub mod joining;
pub mod pages;
pub mod webhook;
