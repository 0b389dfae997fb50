//! Events in the pages and the API: the calendar, an event's page with its
//! registration, the organisers' form and registrations page, its cover.

pub(crate) mod api;
pub(crate) mod cards;
pub(crate) mod community;
pub(crate) mod cover;
pub(crate) mod pages;
