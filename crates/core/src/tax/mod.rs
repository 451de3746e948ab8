//! Land and building tax (ภาษีที่ดินและสิ่งปลูกสร้าง): the property register, the assessment engine, notices,
//! payments and receipts. The law and the project's decisions on its open points are in
//! `shared/domain/land-building-tax.md` (§16); the design is in `docs/dev/tax.md`.
//!
//! - [`engine`] is pure: valuation, depreciation, exemptions, progressive bands, vacant-land escalation,
//!   reductions and rounding, with an explanation of every baht;
//! - [`late`] is pure too: penalty, surcharge and instalments;
//! - [`register`] is the property register: taxpayers, parcels, buildings, condo units, co-owners, uses per
//!   year, search, the CSV import and the bridge to the engine ([`register::assess_input`]).

mod decimal;
pub mod engine;
pub mod late;
pub mod notice;
pub mod receipt;
pub mod register;
pub mod settings;

#[cfg(test)]
mod tests;
