//! `sala-core`: everything Sala knows, minus windows.
//!
//! This crate owns the domain rules (offices, counters, citizens, parcels, and later queue, requests and tax),
//! the local SQLite storage with its audit log and sync outbox, the Thai text helpers (baht in words, Thai ID
//! check digits, Buddhist-Era dates) and the user-facing messages in Thai and English.
//!
//! It is *not* a UI: it never touches Tauri, never reads the environment, never calls the wall clock and never
//! decides where the data folder lives. Shells (`src-tauri`, `crates/cli`) pass in a path, `now` and the
//! acting user, and render what comes back.
//!
//! Brief overview of the modules:
//! - [`db`] opens the database (the only place that sets pragmas), migrates it, and provides [`db::Writer`],
//!   the single write path that appends an audit entry and an outbox entry in the same transaction;
//! - [`auth`] holds users, roles, sign-in and sessions, and the permission table every protected function
//!   checks; [`citizen`] finds citizens (masked, restricted ones hidden) and audits reads of full IDs;
//! - [`office`] holds the office set-up: departments, services, counters, users, citizens, parcels, the demo
//!   office and the real-office setup wizard;
//! - [`thai`] holds Thai language helpers used on screens, receipts and in the CLI;
//! - [`i18n`] and [`error`] turn every failure into a coded error with a Thai (or English) message;
//! - [`privacy`] lists the personal-data columns, masks them, and decides who sees restricted records;
//! - [`audit`] verifies the audit log's hash chain;
//! - [`doc`] lays out documents (Thai shaped with rustybuzz) into PDFs and thermal rasters; [`mod@print`] sends them
//!   to CUPS or ESC/POS printers and records every job's outcome; [`thaiqr`] encodes and parses Thai QR
//!   payment payloads;
//! - [`queue`] issues and calls queue tickets fairly, feeds the display board and computes service KPIs from
//!   the ticket event log;
//! - [`backup`], [`doctor`] and [`status`] serve the CLI and the status bar; [`sync`] holds the device's
//!   sync configuration (the protocol comes later).
#![deny(missing_docs)]

pub mod audit;
pub mod auth;
pub mod backup;
pub mod citizen;
pub(crate) mod csv;
pub mod db;
pub mod doc;
pub mod doctor;
pub mod error;
pub mod fonts;
pub mod i18n;
pub mod ids;
pub mod money;
pub mod office;
pub mod print;
pub mod privacy;
pub mod queue;
pub mod requests;
pub mod status;
pub mod sync;
pub mod tax;
pub mod thai;
pub mod thaiqr;

pub use error::{Error, ErrorCode, Result};
pub use i18n::Lang;
