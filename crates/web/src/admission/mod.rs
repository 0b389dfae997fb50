//! Admission: applying for membership and the bureau's sessions where
//! applications are decided (seed 004), as pages and in the JSON API.

pub mod api;
pub mod pages;
