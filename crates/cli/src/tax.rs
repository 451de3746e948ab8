//! `salactl tax …`: the land and building tax. `assess`, `late` and `instalments` are pure computations
//! (no database, no sign-in): the contract the finance staff's figures are checked against. The register,
//! notices and payments subcommands act as `--as USER` like `salactl queue`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use sala_core::money::Satang;
use sala_core::tax::engine::{self, AssessInput, Rules};
use sala_core::tax::late::{self, Stage};
use sala_core::{Error, Result};
use serde_json::{Value, json};

use crate::Global;
use crate::output::Out;

/// `salactl tax …`
#[derive(Debug, Subcommand)]
pub enum TaxCommand {
    /// Assess one taxpayer's parts for a tax year: JSON in (FILE or - for stdin), JSON out.
    Assess {
        /// The input JSON file, or - (the default) for standard input.
        #[arg(value_name = "FILE|-", default_value = "-")]
        file: String,
    },
    /// Penalty and surcharge on a late payment.
    Late {
        /// The unpaid tax, baht (e.g. 1000 or 1000.50).
        #[arg(long, value_name = "AMOUNT")]
        tax: String,
        /// The due date, YYYY-MM-DD (a year above 2400 is B.E.).
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The payment date, YYYY-MM-DD (a year above 2400 is B.E.).
        #[arg(long, value_name = "DATE")]
        paid: String,
        /// before-warning, within-warning or after-warning.
        #[arg(long, value_name = "STAGE")]
        stage: String,
        /// The executive granted an extension and the taxpayer paid within it (surcharge 0.5 %).
        #[arg(long)]
        extension_kept: bool,
    },
    /// The instalments a tax may be paid in (3 equal shares when it is at least 3,000 baht).
    Instalments {
        /// The tax, baht.
        #[arg(long, value_name = "AMOUNT")]
        tax: String,
        /// How many instalments (1–3; default 3 when allowed, else 1).
        #[arg(long, value_name = "N")]
        count: Option<u32>,
    },
    /// Load a property register from CSV: every line checked first, nothing imported on any error: --as USER.
    Import {
        /// The CSV file (UTF-8; the layout of `salactl tax template`).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Print the register CSV template (header and examples).
    Template,
    /// Find taxpayers by name, ID, deed, house number or any Thai substring: --as USER.
    Search {
        /// What to look for.
        query: String,
    },
    /// One taxpayer's record: properties, co-owners and uses per year: --as USER.
    Show {
        /// The taxpayer's id (from `tax search`).
        #[arg(value_name = "TAXPAYER_ID")]
        taxpayer_id: String,
    },
    /// Take a payment on a notice and print its receipt (book/number first): --as USER.
    Pay(crate::tax_receipts::PayArgs),
    /// The day's cash summary per clerk and method (ใบสรุปการรับเงินประจำวัน): --as USER.
    CashSummary(crate::tax_receipts::CashSummaryArgs),
    /// Notices of a tax year not fully paid, with late charges as of a date: --as USER.
    Arrears(crate::tax_receipts::ArrearsArgs),
    /// Issue every notice of a tax year and write each as DIR/NUMBER.pdf (rerun resumes): --as USER.
    Notices(crate::tax_notices::NoticesArgs),
    /// Issue (or reuse) one taxpayer's notice: its number, tax and QR payload; --pdf writes it: --as USER.
    Notice(crate::tax_notices::NoticeArgs),
    /// A tax year's calendar (notice date, due date, instalments, warning) and rates: --as USER.
    Year {
        #[command(subcommand)]
        command: crate::tax_notices::YearCommand,
    },
    /// The office's Thai QR biller ID (tax ID + 2-digit suffix): --as USER.
    Biller(crate::tax_notices::BillerArgs),
    /// This PC's block of notice numbers (each PC issuing notices needs its own): --as USER.
    NoticeBlock(crate::tax_notices::BlockArgs),
}

/// Runs one `salactl tax …` subcommand.
pub fn run(command: TaxCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let _ = global;
    match command {
        TaxCommand::Assess { file } => assess(out, &file),
        TaxCommand::Notices(args) => crate::tax_notices::notices(&args, global, out),
        TaxCommand::Notice(args) => crate::tax_notices::notice_one(&args, global, out),
        TaxCommand::Year { command } => crate::tax_notices::year(command, global, out),
        TaxCommand::Biller(args) => crate::tax_notices::biller(&args, global, out),
        TaxCommand::NoticeBlock(args) => crate::tax_notices::block(&args, global, out),
        TaxCommand::Import { file } => crate::tax_register::import(&file, global, out),
        TaxCommand::Template => crate::tax_register::template(),
        TaxCommand::Search { query } => crate::tax_register::search(&query, global, out),
        TaxCommand::Show { taxpayer_id } => crate::tax_register::show(&taxpayer_id, global, out),
        TaxCommand::Pay(args) => crate::tax_receipts::pay(args, global, out),
        TaxCommand::CashSummary(args) => crate::tax_receipts::cash_summary(&args, global, out),
        TaxCommand::Arrears(args) => crate::tax_receipts::arrears(&args, global, out),
        TaxCommand::Late { tax, due, paid, stage, extension_kept } => {
            let tax = Satang::parse(&tax)?;
            let due = late::parse_date(&due)?;
            let paid = late::parse_date(&paid)?;
            let stage = Stage::parse(&stage)?;
            let c = late::late_charges(tax, due, paid, stage, extension_kept);
            let json = json!({
                "months": c.months,
                "penalty_percent": c.penalty_percent,
                "penalty": c.penalty.to_string(),
                "surcharge": c.surcharge.to_string(),
                "total": c.total.to_string(),
            });
            out.print(&serde_json::to_string_pretty(&json).unwrap_or_default(), &json);
            Ok(ExitCode::SUCCESS)
        }
        TaxCommand::Instalments { tax, count } => {
            let tax = Satang::parse(&tax)?;
            let count = count.unwrap_or(if tax >= late::INSTALMENT_MINIMUM { 3 } else { 1 });
            let list = late::instalments(tax, count)?;
            let json = Value::Array(list.iter().map(|a| Value::from(a.to_string())).collect());
            out.print(&serde_json::to_string(&json).unwrap_or_default(), &json);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `tax assess`: always prints JSON (the contract): indented, or on one line with `--json`.
fn assess(out: &Out, file: &str) -> Result<ExitCode> {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            Error::validation("error.tax.input_read").arg("file", "-").with_source(e)
        })?;
        s
    } else {
        std::fs::read_to_string(PathBuf::from(file)).map_err(|e| {
            Error::validation("error.tax.input_read").arg("file", file).with_source(e)
        })?
    };
    let input: AssessInput = engine::parse_input(&text)?;
    let assessment = engine::assess(&input, &Rules::for_year(input.tax_year))?;
    let json = assessment.contract_json();
    let pretty = serde_json::to_string_pretty(&json).unwrap_or_default();
    out.print(&pretty, &json);
    Ok(ExitCode::SUCCESS)
}
