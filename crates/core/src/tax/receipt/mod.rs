//! Payments at the counter and their receipts (issue 6 §4): receipt books per PC and fiscal year, taking a
//! payment (part payments and instalments, penalty and surcharge on the payment date), the receipt with its
//! Ed25519-signed verification QR, voiding, the control register, the day's cash summary and the arrears.
//! See `docs/dev/tax.md` ("Payments and receipts").
//!
//! - [`mod@books`]: receipt books assigned to one PC each; numbers drawn inside the payment's transaction;
//! - [`payment`]: what a notice still owes ([`outstanding`]), [`take_payment`], [`void_receipt`], reads;
//! - [`signing`]: the office's receipt key and the QR payload (`SALA-R1.…`), [`verify`];
//! - [`document`]: the receipt (A5) and the cash summary (A4);
//! - [`reports`]: [`control_register`], [`cash_summary`], [`arrears`].

pub mod books;
pub(crate) mod demo;
pub mod document;
pub mod payment;
pub mod reports;
pub mod signing;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::money::Satang;

pub use books::{ReceiptBook, assign_book, books};
pub use document::{cash_summary_document, receipt_document};
pub use payment::{
    InstalmentDue, Outstanding, PayableNotice, PaymentInput, Quote, find_notice, outstanding,
    payable_notices, quote, receipt, receipt_by_number, receipts_for_notice, take_payment,
    void_receipt,
};
pub use reports::{
    Arrears, ArrearsLine, BookControl, CashSummary, ClerkCash, ControlRegister, MethodTotal,
    arrears, cash_summary, control_register,
};
pub use signing::{ReceiptFacts, VerifiedReceipt, verify};

/// How the money came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Cash at the counter.
    Cash,
    /// A Thai QR or bank transfer (the bank's reference is required).
    Transfer,
    /// A cheque (its bank and number are required).
    Cheque,
}

impl Method {
    /// Every method, in the order screens list them.
    pub const ALL: [Method; 3] = [Method::Cash, Method::Transfer, Method::Cheque];

    /// `cash`, `transfer` or `cheque` (stored and typed in the CLI).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Transfer => "transfer",
            Method::Cheque => "cheque",
        }
    }

    /// Reads `cash`, `transfer` or `cheque`.
    pub fn parse(input: &str) -> Result<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(input.trim()))
            .ok_or_else(|| Error::validation("error.tax.pay.method").arg("input", input.trim()))
    }

    /// The message key naming the method (เงินสด, โอนเงิน, เช็ค).
    pub fn label_key(self) -> &'static str {
        match self {
            Method::Cash => "msg.tax.method.cash",
            Method::Transfer => "msg.tax.method.transfer",
            Method::Cheque => "msg.tax.method.cheque",
        }
    }
}

/// Whether a receipt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptStatus {
    /// Issued and counting.
    Issued,
    /// Voided: it keeps its number, its tax is unpaid again, and it prints as cancelled (ยกเลิก).
    Voided,
}

impl ReceiptStatus {
    fn parse(s: &str) -> ReceiptStatus {
        if s == "voided" { ReceiptStatus::Voided } else { ReceiptStatus::Issued }
    }
}

/// One instalment slice a payment settles, with the late charges on that slice alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptItem {
    /// The instalment (1–3); 1 of 1 when the notice is paid in one go.
    pub instalment: u32,
    /// How many instalments the notice has.
    pub of: u32,
    /// The instalment's due date, `YYYY-MM-DD`.
    pub due_date: String,
    /// The tax of this slice.
    pub tax: Satang,
    /// Months late (each started month whole), 0 when on time.
    pub months: u32,
    /// Penalty percent (10, 20, 40; 0 on time).
    pub penalty_percent: u32,
    /// Penalty on this slice.
    pub penalty: Satang,
    /// Surcharge per month in tenths of a percent (10 = 1 %).
    pub surcharge_permille: u32,
    /// Surcharge on this slice.
    pub surcharge: Satang,
    /// An approved extension was kept: the surcharge rate is 0.5 % a month (s.70).
    #[serde(default)]
    pub extension_kept: bool,
}

/// A payment and its receipt, as screens, the CLI and the document show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// UUIDv7.
    pub id: String,
    /// Fiscal year (B.E., from 1 October) of the book: that of the day the receipt was written.
    pub fiscal_year: i32,
    /// เล่มที่.
    pub book_no: u32,
    /// เลขที่ within the book.
    pub number: u32,
    /// The notice paid.
    pub notice_id: String,
    /// The notice's number (ref1 of its QR).
    pub notice_number: String,
    /// The notice's tax year (B.E.).
    pub tax_year: i32,
    /// The notice's instalments (1–3).
    pub instalments: u32,
    /// The taxpayer.
    pub taxpayer_id: String,
    /// The taxpayer's name as registered.
    pub taxpayer_name: String,
    /// Who paid (the taxpayer, a co-owner, an heir…).
    pub payer_name: String,
    /// The taxpayer's address.
    pub payer_address: String,
    /// The date paid, `YYYY-MM-DD` (cash: the day written; a transfer or cheque: the bank's date).
    pub paid_on: String,
    /// The day the receipt was written, `YYYY-MM-DD` (office time): its fiscal year, book and cash summary.
    pub written_on: String,
    /// How.
    pub method: Method,
    /// The bank reference, or the cheque's bank and number.
    pub reference: Option<String>,
    /// The instalment slices settled.
    pub items: Vec<ReceiptItem>,
    /// Tax settled.
    pub tax: Satang,
    /// Penalty (เบี้ยปรับ).
    pub penalty: Satang,
    /// Surcharge (เงินเพิ่ม).
    pub surcharge: Satang,
    /// Tax + penalty + surcharge.
    pub total: Satang,
    /// The receiving officer's user id.
    pub received_by: String,
    /// The receiving officer's name.
    pub received_by_name: String,
    /// The verification QR's text (`SALA-R1.…`).
    pub payload: String,
    /// Issued or voided.
    pub status: ReceiptStatus,
    /// Why it was voided.
    pub void_reason: Option<String>,
    /// Who voided it.
    pub voided_by_name: Option<String>,
    /// When it was voided (RFC 3339).
    pub voided_at: Option<String>,
    /// When it was recorded (RFC 3339).
    pub created_at: String,
}

impl Receipt {
    /// `เล่มที่ 1 เลขที่ 15` as `1/15`.
    pub fn book_number(&self) -> String {
        format!("{}/{}", self.book_no, self.number)
    }
}

#[cfg(test)]
mod tests;
