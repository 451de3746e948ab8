//! `salactl tax pay|cash-summary|arrears` and `salactl receipt …`: payments, receipts and their control. A
//! thin adapter over `sala_core::tax::receipt`, where every rule lives.
//!
//! Every subcommand but `receipt verify` acts as `--as USER` with `SALA_PIN`/`SALA_PASSWORD` (like
//! `salactl queue`). `receipt verify PAYLOAD` needs no sign-in: it reads the database only, exits 0 and prints
//! the receipt's facts when the QR is valid, and exits 1 with the reason when it is not.
//!
//! `tax pay` prints the receipt's book/number on the first line (`1/15`), then the amounts and the QR payload;
//! `--json` prints the receipt (snake_case). `--pdf FILE` and `--print` never undo the payment: a receipt that
//! could not be written or printed is reported on stderr, the command still exits 0, and the receipt can be
//! reprinted from the app.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use sala_core::auth::Session;
use sala_core::db::{DB_FILE, Db};
use sala_core::doc::{Document, DocumentKind};
use sala_core::i18n::{t, tr};
use sala_core::money::Satang;
use sala_core::print::{self, JobStatus, PrintEnv};
use sala_core::tax::late;
use sala_core::tax::receipt::{self, Method, PaymentInput, Receipt, signing};
use sala_core::thai::date::{fiscal_year_be, office_offset};
use sala_core::{Error, ErrorCode, Lang, Result};
use serde_json::{Value, json};

use crate::Global;
use crate::output::Out;
use crate::queue::{sign_in, snake};

/// `salactl tax pay …`
#[derive(Debug, Args)]
pub struct PayArgs {
    /// The notice's number (ref1 of its QR).
    #[arg(long, value_name = "NUMBER")]
    notice: String,
    /// The tax to settle, baht (default: the next instalment, or all when paid in one go).
    #[arg(long, value_name = "AMOUNT")]
    amount: Option<String>,
    /// cash, transfer or cheque.
    #[arg(long, value_name = "METHOD")]
    method: String,
    /// Transfer: the bank's reference; cheque: its bank and number.
    #[arg(long, value_name = "R")]
    reference: Option<String>,
    /// Who paid (default: the taxpayer).
    #[arg(long, value_name = "NAME")]
    payer: Option<String>,
    /// Transfer or cheque only: the bank's date, YYYY-MM-DD (default today; never in the future; a year above
    /// 2400 is B.E.). Cash is always today. The receipt is dated and booked on the day it is written.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// An approved extension was kept: the surcharge is 0.5 % a month instead of 1 % (recorded and audited).
    #[arg(long)]
    extension_kept: bool,
    /// Also write the receipt as a PDF to this file.
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<PathBuf>,
    /// Also print the receipt on this PC's receipt printer.
    #[arg(long)]
    print: bool,
}

/// `salactl tax cash-summary …`
#[derive(Debug, Args)]
pub struct CashSummaryArgs {
    /// The day, YYYY-MM-DD (default today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Only this clerk's receipts (username).
    #[arg(long, value_name = "USER")]
    clerk: Option<String>,
    /// Also write the summary as a PDF to this file.
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<PathBuf>,
}

/// `salactl tax arrears …`
#[derive(Debug, Args)]
pub struct ArrearsArgs {
    /// The tax year (B.E.).
    #[arg(long, value_name = "YEAR")]
    year: i32,
    /// As of this date (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
}

/// `salactl receipt …`
#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Check a receipt's verification QR offline: exit 0 with its facts, 1 with what is wrong.
    Verify {
        /// The QR's text (SALA-R1.…).
        payload: String,
    },
    /// Void a receipt (supervisors; not the officer who took the money). It keeps its number.
    Void {
        /// เล่มที่.
        #[arg(long, value_name = "B")]
        book: u32,
        /// เลขที่.
        #[arg(long, value_name = "N")]
        number: u32,
        /// Why (required).
        #[arg(long, value_name = "R")]
        reason: String,
        /// The book's fiscal year (default: the current one).
        #[arg(long, value_name = "FY")]
        fiscal_year: Option<i32>,
    },
    /// The control register: per book its range and the issued, voided and unused numbers.
    Register {
        /// The fiscal year (B.E.; default the current one).
        #[arg(long, value_name = "FY")]
        fiscal_year: Option<i32>,
    },
    /// Receipt books per PC.
    Books {
        #[command(subcommand)]
        command: BooksCommand,
    },
    /// The office's receipt signing key: give it to a new PC at set-up.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
}

/// `salactl receipt books …`
#[derive(Debug, Subcommand)]
pub enum BooksCommand {
    /// List the books (of one fiscal year with --fiscal-year).
    List {
        /// The fiscal year (B.E.).
        #[arg(long, value_name = "FY")]
        fiscal_year: Option<i32>,
    },
    /// Assign a book to a PC (finance head, supervisor).
    Assign {
        /// The fiscal year (B.E.).
        #[arg(long, value_name = "FY")]
        fiscal_year: i32,
        /// เล่มที่.
        #[arg(long, value_name = "B")]
        book: u32,
        /// The first number.
        #[arg(long, value_name = "N", default_value_t = 1)]
        first: u32,
        /// The last number.
        #[arg(long, value_name = "N", default_value_t = 100)]
        last: u32,
        /// The PC's device id (default: this PC).
        #[arg(long, value_name = "ID")]
        device: Option<String>,
    },
}

/// `salactl receipt key …`
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Print this PC's copy of the office's private receipt key (keep it secret).
    Export,
    /// Give this PC the office's key, read from standard input (never an argument).
    Import,
}

fn today(now: DateTime<Utc>) -> chrono::NaiveDate {
    now.with_timezone(&office_offset()).date_naive()
}

fn date_or_today(input: Option<&str>, now: DateTime<Utc>) -> Result<chrono::NaiveDate> {
    input.map_or_else(|| Ok(today(now)), late::parse_date)
}

/// `salactl tax pay`.
pub fn pay(args: PayArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let method = Method::parse(&args.method)?;
    let amount = args.amount.as_deref().map(Satang::parse).transpose()?;
    let paid_on = args.date.as_deref().map(late::parse_date).transpose()?;
    let (mut db, session) = sign_in(global, now)?;
    let notice = receipt::find_notice(db.conn(), &session, now, &args.notice)?;
    let tax_amount = match amount {
        Some(a) => a,
        None => {
            let on = paid_on.unwrap_or_else(|| today(now));
            receipt::outstanding(db.conn(), &session, &notice.notice_id, on)?.suggested
        }
    };
    let input = PaymentInput {
        notice_id: notice.notice_id,
        tax_amount,
        method,
        reference: args.reference,
        payer_name: args.payer,
        paid_on: paid_on.map(|d| d.to_string()),
        extension_kept: args.extension_kept.then_some(true),
    };
    let r = receipt::take_payment(&mut db, &session, now, &input)?;
    let lang = out.lang();
    let mut lines = receipt_lines(lang, &r);
    let mut v = snake(serde_json::to_value(&r)?);
    if args.pdf.is_some() || args.print {
        let document = receipt::receipt_document(db.conn(), &r);
        extras(
            out,
            &mut db,
            &session,
            now,
            document,
            DocumentKind::Receipt,
            args.pdf.as_deref(),
            args.print,
            &mut lines,
            &mut v,
        );
    }
    out.print(&lines.join("\n"), &v);
    Ok(ExitCode::SUCCESS)
}

/// Writes the PDF and/or prints; failures are reported on stderr and in the JSON, never undoing the write.
#[allow(clippy::too_many_arguments)]
fn extras(
    out: &Out,
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    document: Result<Document>,
    kind: DocumentKind,
    pdf: Option<&Path>,
    print_it: bool,
    lines: &mut Vec<String>,
    v: &mut Value,
) {
    let lang = out.lang();
    let failed = |reason: &str| {
        eprintln!(
            "{}: {}",
            t(lang, "msg.cli.error"),
            tr(lang, "msg.cli.tax.doc_failed", &[("reason", reason.to_owned())])
        );
    };
    if let Some(path) = pdf {
        let written = crate::documents::write_pdf(&document, path, lang);
        match written {
            Ok(()) => {
                lines.push(tr(
                    lang,
                    "msg.cli.tax.pdf_written",
                    &[("path", path.display().to_string())],
                ));
                v["pdf"] = json!(path);
            }
            Err(reason) => {
                failed(&reason);
                v["pdf_error"] = json!(reason);
            }
        }
    }
    if print_it {
        let env = PrintEnv { cups: crate::documents::cups_server(None), ..PrintEnv::default() };
        let job = match document {
            Ok(d) => print::print(db, session, now, d, kind, &env, lang),
            Err(e) => Err(e),
        };
        match job {
            Ok(job) => {
                v["print"] = json!({ "status": job.status, "destination": job.destination, "reason": job.reason, "job_id": job.id });
                match job.status {
                    JobStatus::Failed => failed(&job.reason.unwrap_or_default()),
                    _ => lines.push(tr(
                        lang,
                        "msg.cli.tax.printed",
                        &[("destination", job.destination)],
                    )),
                }
            }
            Err(e) => {
                let reason = e.message(lang);
                failed(&reason);
                v["print"] = json!({ "status": "failed", "reason": reason });
            }
        }
    }
}

fn receipt_lines(lang: Lang, r: &Receipt) -> Vec<String> {
    let mut lines = vec![r.book_number()];
    lines.push(tr(
        lang,
        "msg.cli.tax.receipt_head",
        &[
            ("book", r.book_no.to_string()),
            ("number", r.number.to_string()),
            ("year", r.fiscal_year.to_string()),
            ("notice", r.notice_number.clone()),
            ("tax_year", r.tax_year.to_string()),
            ("payer", r.payer_name.clone()),
        ],
    ));
    lines.push(tr(
        lang,
        "msg.cli.tax.receipt_amounts",
        &[
            ("tax", r.tax.to_grouped()),
            ("penalty", r.penalty.to_grouped()),
            ("surcharge", r.surcharge.to_grouped()),
            ("total", r.total.to_grouped()),
        ],
    ));
    if r.status == receipt::ReceiptStatus::Voided {
        lines.push(tr(
            lang,
            "msg.cli.tax.receipt_voided",
            &[("reason", r.void_reason.clone().unwrap_or_default())],
        ));
    }
    lines.push(r.payload.clone());
    lines
}

/// `salactl tax cash-summary`.
pub fn cash_summary(args: &CashSummaryArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let day = date_or_today(args.date.as_deref(), now)?;
    let (mut db, session) = sign_in(global, now)?;
    let user_id = match args.clerk.as_deref() {
        Some(name) => Some(
            db.conn()
                .query_row("SELECT id FROM app_user WHERE username = ?1", [name.trim()], |r| {
                    r.get::<_, String>(0)
                })
                .map_err(|_| {
                    Error::new(ErrorCode::NotFound, "error.not_found")
                        .arg("what", name.trim().to_owned())
                })?,
        ),
        None => None,
    };
    let s = receipt::cash_summary(db.conn(), &session, day, user_id.as_deref())?;
    let lang = out.lang();
    let mut lines = vec![tr(
        lang,
        "msg.cli.tax.cash_head",
        &[("date", sala_core::thai::date::long_date(day, lang))],
    )];
    for c in &s.clerks {
        let methods: Vec<String> = c
            .methods
            .iter()
            .map(|m| {
                format!("{} {} / {}", t(lang, m.method.label_key()), m.count, m.total.to_grouped())
            })
            .collect();
        lines.push(format!(
            "{}: {} / {} ({})",
            c.name,
            c.count,
            c.total.to_grouped(),
            methods.join(", ")
        ));
    }
    for r in &s.voided {
        lines.push(tr(
            lang,
            "msg.cli.tax.cash_voided",
            &[("book", r.book_number()), ("total", r.total.to_grouped())],
        ));
    }
    lines.push(tr(
        lang,
        "msg.cli.tax.cash_total",
        &[("count", s.count.to_string()), ("total", s.total.to_grouped())],
    ));
    let mut v = snake(serde_json::to_value(&s)?);
    if args.pdf.is_some() {
        let document = receipt::cash_summary_document(db.conn(), &s);
        extras(
            out,
            &mut db,
            &session,
            now,
            document,
            DocumentKind::Report,
            args.pdf.as_deref(),
            false,
            &mut lines,
            &mut v,
        );
    }
    out.print(&lines.join("\n"), &v);
    Ok(ExitCode::SUCCESS)
}

/// `salactl tax arrears`.
pub fn arrears(args: &ArrearsArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let as_of = date_or_today(args.as_of.as_deref(), now)?;
    let (db, session) = sign_in(global, now)?;
    let a = receipt::arrears(db.conn(), &session, args.year, as_of)?;
    let lang = out.lang();
    let mut lines: Vec<String> = a
        .lines
        .iter()
        .map(|l| {
            format!(
                "{}  {}  {} / {} (+{} +{}) = {}",
                l.number,
                l.taxpayer_name,
                l.unpaid.to_grouped(),
                l.tax.to_grouped(),
                l.penalty.to_grouped(),
                l.surcharge.to_grouped(),
                l.total_due.to_grouped()
            )
        })
        .collect();
    lines.push(tr(
        lang,
        "msg.cli.tax.arrears_total",
        &[
            ("count", a.lines.len().to_string()),
            ("unpaid", a.unpaid.to_grouped()),
            ("total", a.total_due.to_grouped()),
        ],
    ));
    out.print(&lines.join("\n"), &snake(serde_json::to_value(&a)?));
    Ok(ExitCode::SUCCESS)
}

/// `salactl receipt …`.
pub fn run(command: ReceiptCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    if let ReceiptCommand::Verify { payload } = &command {
        return verify(global, out, payload);
    }
    let (mut db, session) = sign_in(global, now)?;
    let s = &session;
    let this_fy = fiscal_year_be(today(now));
    match command {
        ReceiptCommand::Verify { .. } => {}
        ReceiptCommand::Void { book, number, reason, fiscal_year } => {
            let fy = fiscal_year.unwrap_or(this_fy);
            let r = receipt::receipt_by_number(db.conn(), s, fy, book, number)?;
            let r = receipt::void_receipt(&mut db, s, now, &r.id, &reason)?;
            out.print(&receipt_lines(lang, &r).join("\n"), &snake(serde_json::to_value(&r)?));
        }
        ReceiptCommand::Register { fiscal_year } => {
            let reg = receipt::control_register(db.conn(), s, fiscal_year.unwrap_or(this_fy))?;
            let mut lines = vec![tr(
                lang,
                "msg.cli.tax.register_head",
                &[("year", reg.fiscal_year.to_string())],
            )];
            for b in &reg.books {
                let unused: Vec<String> = b
                    .unused_ranges
                    .iter()
                    .map(|[a, z]| if a == z { a.to_string() } else { format!("{a}-{z}") })
                    .collect();
                lines.push(tr(
                    lang,
                    "msg.cli.tax.register_book",
                    &[
                        ("book", b.book_no.to_string()),
                        ("first", b.first_no.to_string()),
                        ("last", b.last_no.to_string()),
                        ("issued", b.issued.to_string()),
                        ("voided", b.voided.to_string()),
                        ("unused", b.unused.to_string()),
                        ("ranges", unused.join(", ")),
                        ("total", b.total.to_grouped()),
                    ],
                ));
                if !b.missing.is_empty() {
                    let numbers: Vec<String> = b.missing.iter().map(u32::to_string).collect();
                    lines.push(tr(
                        lang,
                        "msg.cli.tax.register_missing",
                        &[("book", b.book_no.to_string()), ("numbers", numbers.join(", "))],
                    ));
                }
            }
            out.print(&lines.join("\n"), &snake(serde_json::to_value(&reg)?));
        }
        ReceiptCommand::Books { command: BooksCommand::List { fiscal_year } } => {
            let list = receipt::books(db.conn(), s, fiscal_year)?;
            let lines: Vec<String> = list.iter().map(|b| book_line(lang, b)).collect();
            out.print(&lines.join("\n"), &snake(serde_json::to_value(&list)?));
        }
        ReceiptCommand::Books {
            command: BooksCommand::Assign { fiscal_year, book, first, last, device },
        } => {
            let device = match device {
                Some(d) => d,
                None => db.device_id()?,
            };
            let b = receipt::assign_book(&mut db, s, now, fiscal_year, book, first, last, &device)?;
            out.print(&book_line(lang, &b), &snake(serde_json::to_value(&b)?));
        }
        ReceiptCommand::Key { command: KeyCommand::Export } => {
            let key = signing::export_key(db.conn(), s)?;
            out.print(&key, &json!({ "key": key }));
        }
        ReceiptCommand::Key { command: KeyCommand::Import } => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::validation("error.tax.key.format").with_source(e))?;
            signing::import_key(&mut db, s, now, text.trim())?;
            out.print(&t(lang, "msg.cli.tax.key_imported"), &json!({ "imported": true }));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn book_line(lang: Lang, b: &receipt::ReceiptBook) -> String {
    tr(
        lang,
        "msg.cli.tax.book_line",
        &[
            ("year", b.fiscal_year.to_string()),
            ("book", b.book_no.to_string()),
            ("first", b.first_no.to_string()),
            ("last", b.last_no.to_string()),
            ("device", receipt::books::short_device(&b.device_id)),
            ("status", b.status.clone()),
            ("used", b.used.to_string()),
        ],
    )
}

fn verify(global: &Global, out: &Out, payload: &str) -> Result<ExitCode> {
    let conn = Db::open_existing_read_only(&crate::data_dir(global)?.join(DB_FILE))?;
    let v = receipt::verify(&conn, payload)?;
    let f = &v.facts;
    let lang = out.lang();
    let mut lines = vec![tr(
        lang,
        "msg.cli.tax.verify_ok",
        &[
            ("book", format!("{}/{}", f.book_no, f.number)),
            ("year", f.fiscal_year.to_string()),
            ("office", f.office_code.clone()),
        ],
    )];
    lines.push(tr(
        lang,
        "msg.cli.tax.verify_facts",
        &[
            (
                "date",
                sala_core::tax::late::parse_date(&f.paid_on).map_or_else(
                    |_| f.paid_on.clone(),
                    |d| sala_core::thai::date::long_date(d, lang),
                ),
            ),
            ("notice", f.notice_number.clone()),
            ("tax_year", f.tax_year.to_string()),
            ("total", f.total.to_grouped()),
        ],
    ));
    if !v.in_database {
        lines.push(t(lang, "msg.cli.tax.verify_not_here"));
    }
    let mut json = snake(serde_json::to_value(&v)?);
    json["valid"] = json!(true);
    out.print(&lines.join("\n"), &json);
    Ok(ExitCode::SUCCESS)
}
