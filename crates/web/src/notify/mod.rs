//! Notifications: the reader's list with the unread ones marked, and the
//! preferences deciding which kinds also come by email, as pages and in the
//! JSON API.

pub mod api;
pub mod pages;
