//! The association's register: people's profiles, member organisations and
//! affiliations, plans, memberships and dues, good standing and adherence,
//! the daily renewal sweep, and the members file imported and exported.

pub mod dues;
pub mod export;
pub mod import;
pub mod membership;
pub mod people;
pub mod reads;
pub mod store;
