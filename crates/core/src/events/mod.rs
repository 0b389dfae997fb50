//! Events (seeds 000 to 004): a community's meetings, seminars and
//! webinars, and the association's own, such as its general assembly;
//! registration with a capacity, the organisers' approval and a waitlist
//! that promotes itself in the transaction that frees a seat.

pub mod calendar;
pub mod event;
pub mod flows;
pub mod news;
pub mod recurrence;
pub mod store;
