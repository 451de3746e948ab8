//! `salactl qr`: Thai QR Code Payment payloads (PromptPay credit transfer, bill payment) and their checker.
//!
//! A thin adapter over `sala_core::thaiqr`, where the rules live; `docs/dev/thai-qr.md` documents both.
//! `promptpay` and `bill` print the payload on one line (`{"payload": …}` with `--json`); `parse` always
//! prints the JSON contract, because that is its output. Refusals go through `Out::error` like every other
//! subcommand: exit 1 with the message in Thai, or English with `--lang en`.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use sala_core::thaiqr::{self, BillPayment, CreditTransfer, Poi, ProxyType};
use serde_json::json;

use crate::Global;

#[derive(Debug, Subcommand)]
pub enum QrCommand {
    /// Print a PromptPay credit-transfer payload for a mobile number, a national/tax ID or an e-wallet.
    Promptpay {
        #[command(flatten)]
        payee: Payee,
        #[command(flatten)]
        options: AmountAndPoi,
    },
    /// Print a bill-payment payload (tag 30), the QR of a tax notice.
    Bill {
        /// The 15-digit biller ID: the biller's tax ID and the bank's 2-digit suffix.
        #[arg(long, value_name = "ID", allow_hyphen_values = true)]
        biller_id: String,
        /// Reference 1 (required): 1-20 characters 0-9/A-Z.
        #[arg(long, value_name = "REF", allow_hyphen_values = true)]
        ref1: String,
        /// Reference 2 (optional): 1-20 characters 0-9/A-Z.
        #[arg(long, value_name = "REF", allow_hyphen_values = true)]
        ref2: Option<String>,
        /// Reference 3 (optional, tag 62/07): 1-20 characters 0-9/A-Z.
        #[arg(long, value_name = "REF", allow_hyphen_values = true)]
        ref3: Option<String>,
        #[command(flatten)]
        options: AmountAndPoi,
    },
    /// Check a payload (CRC, structure) and print what it carries as JSON; exit 1 if it is malformed.
    Parse {
        /// The payload text, e.g. 00020101021130…6304957C.
        #[arg(allow_hyphen_values = true)]
        payload: String,
    },
}

/// Exactly one payee.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct Payee {
    /// A Thai mobile number, e.g. 081-234-5678 or +66812345678.
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    mobile: Option<String>,
    /// A 13-digit national ID, or a juristic tax ID (starting with 0).
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    id: Option<String>,
    /// A 15-digit e-wallet ID.
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    ewallet: Option<String>,
}

/// The amount and the point of initiation, shared by `promptpay` and `bill`.
#[derive(Debug, Args)]
pub struct AmountAndPoi {
    /// Amount in baht, e.g. 1234.50 or 1,234.50 (at most two decimals); leave out to let the payer type it.
    #[arg(long, value_name = "BAHT", allow_hyphen_values = true)]
    amount: Option<String>,
    /// Static QR (POI 11), for many payments; the default without --amount.
    #[arg(long = "static", id = "static", conflicts_with = "dynamic")]
    static_qr: bool,
    /// Dynamic QR (POI 12), for one payment; the default with --amount.
    #[arg(long)]
    dynamic: bool,
}

impl AmountAndPoi {
    fn amount(&self) -> sala_core::Result<Option<sala_core::money::Satang>> {
        self.amount.as_deref().map(thaiqr::parse_amount).transpose()
    }

    fn poi(&self) -> Option<Poi> {
        match (self.static_qr, self.dynamic) {
            (true, _) => Some(Poi::Static),
            (_, true) => Some(Poi::Dynamic),
            _ => None,
        }
    }
}

pub fn run(command: QrCommand, global: &Global) -> sala_core::Result<ExitCode> {
    let payload = match command {
        QrCommand::Promptpay { payee, options } => {
            // clap's group guarantees exactly one payee.
            let (proxy_type, proxy) = if let Some(mobile) = payee.mobile {
                (ProxyType::Mobile, mobile)
            } else if let Some(id) = payee.id {
                (ProxyType::of_id_number(&id), id)
            } else {
                (ProxyType::EWallet, payee.ewallet.unwrap_or_default())
            };
            let amount = options.amount()?;
            thaiqr::promptpay(&CreditTransfer { proxy_type, proxy, amount, poi: options.poi() })?
        }
        QrCommand::Bill { biller_id, ref1, ref2, ref3, options } => {
            let amount = options.amount()?;
            let poi = options.poi();
            thaiqr::bill_payment(&BillPayment { biller_id, ref1, ref2, ref3, amount, poi })?
        }
        QrCommand::Parse { payload } => {
            let parsed = thaiqr::parse(&payload)?;
            println!("{}", serde_json::to_string_pretty(&parsed)?);
            return Ok(ExitCode::SUCCESS);
        }
    };
    if global.json {
        println!("{}", json!({ "payload": payload }));
    } else {
        println!("{payload}");
    }
    Ok(ExitCode::SUCCESS)
}
