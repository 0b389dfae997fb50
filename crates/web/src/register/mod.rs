//! The association's register: people's profiles and roles, the membership
//! policy, member organisations and their affiliates, plans, memberships and
//! dues, as pages and in the JSON API.

pub mod api;
pub mod dues;
pub mod organisations;
pub mod pages;
