//! The public site: the pages administrators write and how they edit them,
//! the forms that carry a file, the adopters' moderation queue, and the
//! security report form with its private inbox, which the JSON API offers
//! too.

pub mod admin;
pub mod api;
pub mod pages;
pub mod security;
pub mod uploads;
