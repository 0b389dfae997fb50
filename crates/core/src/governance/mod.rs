//! Governance (seeds 000, 001, 002 and 004): the association's bodies and
//! who sits in them for which mandate, and its general assemblies: the
//! convocation that freezes the roll, attendance and proxies, the quorum,
//! resolutions with their majority and their ballot, open or secret, and
//! the minutes drafted from what happened.

pub mod assembly;
pub mod ballot;
pub mod body;
pub mod calendar;
pub mod convocation;
pub mod flows;
pub mod minutes;
pub mod store;
