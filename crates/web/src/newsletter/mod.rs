//! The newsletter: the public subscription form and its confirmation, the
//! one-click unsubscribe link, and the administrators' page where issues are
//! written and sent.

pub mod pages;
