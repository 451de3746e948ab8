//! Thai language helpers for screens, receipts and the CLI.
//!
//! - [`baht`]: an amount in Thai words as printed on receipts (`หนึ่งร้อยเอ็ดบาทถ้วน`), following Excel's
//!   `BAHTTEXT`;
//! - [`id`]: the 13-digit Thai ID (citizen ID or juristic tax ID) with its check digit, display and masking;
//! - [`date`]: Buddhist-Era dates (`24 พฤศจิกายน 2569`), strict ISO date input and the government fiscal year;
//! - [`phone`]: Thai phone numbers as typed, to the digits stored.
//!
//! Everything here is a pure function: no clock, no I/O. Words that depend on the UI language come from the
//! i18n tables.

pub mod baht;
pub mod date;
pub mod id;
pub mod phone;

pub use baht::{baht_text, baht_text_str};
pub use date::{be_year, fiscal_year_be, long_date, long_datetime, parse_iso_date, short_date};
pub use id::ThaiId;
