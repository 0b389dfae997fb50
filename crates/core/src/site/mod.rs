//! The public site: the pages administrators write, "who uses it" with its
//! moderated submissions, and the private security inbox.

pub mod outreach;
pub mod pages;
pub mod security;
pub mod store;
