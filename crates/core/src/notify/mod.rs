//! Telling people what happened: the planner that turns a happening into
//! in-app notifications and emails in each recipient's language, and the
//! reader's inbox and email preferences.

pub mod inbox;
pub mod notification;
pub mod store;
