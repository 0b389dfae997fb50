//! The home pages: `/`, which shows everyone the public site's home content,
//! with the language switcher, and `/home`, the member's own home.

pub mod member;
pub mod pages;
