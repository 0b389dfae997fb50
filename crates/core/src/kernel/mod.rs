//! What every area shares: validated input, time and dates, money, the
//! association's name and language, translated text, uploaded images,
//! emails and durable jobs. The kernel knows no area.

pub mod association;
pub mod date;
pub mod email;
pub mod flow;
pub mod i18n;
pub mod image;
pub mod job;
pub mod mail;
pub mod paging;
pub mod store;
pub mod time;
pub mod validation;
pub mod visibility;
