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
}

/// Runs one `salactl tax …` subcommand.
pub fn run(command: TaxCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let _ = global;
    match command {
        TaxCommand::Assess { file } => assess(out, &file),
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

/// `tax assess`: always prints JSON (the contract), whatever `--json` says.
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
    let _ = out;
    println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}
