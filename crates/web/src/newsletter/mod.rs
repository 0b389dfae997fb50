//! The newsletter: the public subscription form and its confirmation, the
//! one-click unsubscribe link, and the administrators' page where issues are
//! written and sent; and the same in the JSON API.

pub mod api;
pub mod pages;
