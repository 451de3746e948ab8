//! `salactl tax notices|notice|year|biller|notice-block` and `salactl bench tax`: thin adapters over
//! `sala_core::tax::{settings, notice}`. Every subcommand here acts as `--as USER` (SALA_PIN or
//! SALA_PASSWORD), so permissions and the audit log apply as in the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use sala_core::auth::{self, Role, Session};
use sala_core::db::{Actor, DB_FILE, Db};
use sala_core::i18n::{t, tr};
use sala_core::print::{self, JobStatus, PrintEnv};
use sala_core::tax::late;
use sala_core::tax::notice::{self, IssueOutcome, Notice, batch};
use sala_core::tax::settings::{self, TaxYearSettings};
use sala_core::thai::date::{be_year, long_date};
use sala_core::{Error, ErrorCode, Lang, Result, office};
use serde_json::{Value, json};

use crate::Global;
use crate::output::Out;
use crate::queue::sign_in;

/// `salactl tax notices …`
#[derive(Debug, Args)]
pub struct NoticesArgs {
    /// The tax year, B.E. (e.g. 2569).
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// The folder the PDFs go to, one `<number>.pdf` per notice (made if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also print each notice whose file this run wrote, on this PC's tax-notice printer route.
    #[arg(long)]
    pub print: bool,
    /// Taxpayers per step (each step is reported on a progress line).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub step: usize,
    /// Also replace notices that already have payments when the tax changed (the payments count toward the
    /// new notice). Without it such notices are kept and listed.
    #[arg(long)]
    pub reassess: bool,
}

/// `salactl tax notice …`
#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The taxpayer: its record id, or its 13-digit citizen or tax ID.
    #[arg(long, value_name = "ID")]
    pub taxpayer: String,
    /// The tax year, B.E.
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// Write the notice as a PDF file.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Pay in 1, 2 or 3 instalments (3 needs a tax of at least 3,000 baht).
    #[arg(long, value_name = "N")]
    pub instalments: Option<u32>,
}

/// `salactl tax year …`
#[derive(Debug, Subcommand)]
pub enum YearCommand {
    /// Show the calendar of one tax year, or of every year with one.
    Show {
        /// The tax year, B.E. (default: every year).
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
    },
    /// Set a tax year's calendar (dates YYYY-MM-DD; a year above 2400 is B.E.). Options left out keep the
    /// year's current values.
    Set(YearSetArgs),
}

/// `salactl tax year set …`
#[derive(Debug, Args)]
pub struct YearSetArgs {
    /// The tax year, B.E.
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// The date printed on the notices.
    #[arg(long, value_name = "DATE")]
    pub notice_date: Option<String>,
    /// The due date (pay in one go).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// The three instalment due dates, comma-separated.
    #[arg(long, value_name = "DATE,DATE,DATE")]
    pub instalments: Option<String>,
    /// When the warning notices go out; `none` clears it.
    #[arg(long, value_name = "DATE")]
    pub warning: Option<String>,
    /// The days a warning notice gives to pay.
    #[arg(long, value_name = "DAYS")]
    pub warning_days: Option<u32>,
    /// The office's own rate table (JSON file), or `built-in` for the Royal Decree.
    #[arg(long, value_name = "FILE")]
    pub rates: Option<String>,
    /// The reductions in force (JSON file), or `built-in` for the year's built-in list.
    #[arg(long, value_name = "FILE")]
    pub reductions: Option<String>,
}

/// `salactl tax biller …`
#[derive(Debug, Args)]
pub struct BillerArgs {
    /// The 15-digit biller ID (the office's tax ID and the bank's 2-digit suffix). Without it, shows it.
    #[arg(long, value_name = "ID")]
    pub set: Option<String>,
}

/// `salactl tax notice-block …`
#[derive(Debug, Args)]
pub struct BlockArgs {
    /// This PC's notice number block (1–99; each PC that issues notices needs its own). Without it, shows it.
    #[arg(long, value_name = "N")]
    pub set: Option<u32>,
}

fn date_text(d: NaiveDate, lang: Lang) -> String {
    long_date(d, lang)
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorCode::Storage, "error.tax.notice_write")
        .arg("path", path.display().to_string())
        .with_source(e)
}

/// `salactl tax notices --year Y --out DIR [--print]`: every notice of the year, in steps, resumable.
pub fn notices(args: &NoticesArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    let (mut db, session) = sign_in(global, now)?;
    std::fs::create_dir_all(&args.out).map_err(|e| io_error(&args.out, e))?;
    let env = PrintEnv { cups: crate::documents::cups_server(None), ..PrintEnv::default() };
    let (mut issued, mut written, mut skipped, mut printed) = (0_usize, 0_usize, 0_usize, 0_usize);
    let mut failures: Vec<Value> = Vec::new();
    let mut paid_notices: Vec<Value> = Vec::new();
    let mut kept = 0_usize;
    let mut print_failures: Vec<Value> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let p = notice::batch_step(
            &mut db,
            &session,
            now,
            args.year,
            after.as_deref(),
            args.step,
            args.reassess,
            lang,
        )?;
        issued += p.issued;
        for id in &p.notices {
            if batch::write_pdf(db.conn(), id, &args.out, lang)? {
                written += 1;
                if args.print {
                    let document = notice::notice_document(db.conn(), id, lang)?;
                    let job = print::print(
                        &mut db,
                        &session,
                        now,
                        document,
                        notice::document::KIND,
                        &env,
                        lang,
                    )?;
                    if job.status == JobStatus::Failed {
                        let n = notice::by_id(db.conn(), id)?;
                        print_failures.push(json!({ "number": n.number, "reason": job.reason }));
                    } else {
                        printed += 1;
                    }
                }
            } else {
                skipped += 1;
            }
        }
        for f in &p.failures {
            let who = who(lang, &f.taxpayer_name, f.id_no_masked.as_deref());
            if !global.json {
                eprintln!("{}: {who}: {}", t(lang, "msg.cli.error"), f.message);
            }
            failures.push(json!({
                "taxpayer_id": f.taxpayer_id,
                "taxpayer_name": f.taxpayer_name,
                "id_no_masked": f.id_no_masked,
                "message": f.message,
            }));
        }
        for n in &p.paid {
            if n.kept {
                kept += 1;
            }
            if !global.json {
                let who = who(lang, &n.taxpayer_name, n.id_no_masked.as_deref());
                eprintln!("{}: {who}: {}", t(lang, "msg.cli.warning"), n.message);
            }
            paid_notices.push(json!({
                "taxpayer_id": n.taxpayer_id,
                "taxpayer_name": n.taxpayer_name,
                "id_no_masked": n.id_no_masked,
                "number": n.number,
                "paid": n.paid.to_string(),
                "kept": n.kept,
                "message": n.message,
            }));
        }
        if !global.json {
            println!(
                "{}",
                tr(
                    lang,
                    "msg.cli.tax.notices_progress",
                    &[
                        ("done", p.done.to_string()),
                        ("total", p.total.to_string()),
                        ("written", written.to_string()),
                        ("skipped", skipped.to_string()),
                    ],
                )
            );
        }
        after = p.last.clone();
        if p.finished() {
            break;
        }
    }
    let mut human = tr(
        lang,
        "msg.cli.tax.notices_done",
        &[
            ("year", args.year.to_string()),
            ("issued", issued.to_string()),
            ("written", written.to_string()),
            ("skipped", skipped.to_string()),
            ("dir", args.out.display().to_string()),
        ],
    );
    if kept > 0 {
        human.push('\n');
        human.push_str(&tr(lang, "msg.cli.tax.notices_kept_paid", &[("count", kept.to_string())]));
    }
    let mut v = json!({
        "tax_year": args.year,
        "dir": args.out,
        "issued": issued,
        "written": written,
        "skipped": skipped,
        "failures": failures,
        "paid_notices": paid_notices,
        "kept_paid": kept,
    });
    if args.print {
        v["printed"] = json!(printed);
        v["print_failures"] = json!(print_failures);
    }
    out.print(&human, &v);
    Ok(if failures.is_empty() && print_failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A taxpayer as a batch line names them: `นายสมชาย ใจดี (3-1001-xxxxx-xx-1)`.
fn who(lang: Lang, name: &str, id_no_masked: Option<&str>) -> String {
    match id_no_masked {
        Some(id) => tr(
            lang,
            "msg.cli.tax.taxpayer_with_id",
            &[("name", name.to_owned()), ("id", id.to_owned())],
        ),
        None => name.to_owned(),
    }
}

/// The taxpayer's record id from an id or a 13-digit citizen/tax ID.
fn taxpayer_id(db: &Db, input: &str) -> Result<String> {
    let input = input.trim();
    let digits: String = input.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let by_id_no: Option<String> =
        if digits.len() == 13 && digits.bytes().all(|b| b.is_ascii_digit()) {
            db.conn()
                .query_row(
                    "SELECT id FROM taxpayer WHERE id_no = ?1 AND deleted_at IS NULL",
                    [&digits],
                    |r| r.get(0),
                )
                .ok()
        } else {
            None
        };
    Ok(by_id_no.unwrap_or_else(|| input.to_owned()))
}

fn outcome_key(outcome: IssueOutcome) -> &'static str {
    match outcome {
        IssueOutcome::Issued => "msg.cli.tax.notice_issued",
        IssueOutcome::Reused => "msg.cli.tax.notice_reused",
        IssueOutcome::Superseded => "msg.cli.tax.notice_superseded",
        IssueOutcome::Kept => "msg.cli.tax.notice_reused",
    }
}

fn outcome_str(outcome: IssueOutcome) -> &'static str {
    match outcome {
        IssueOutcome::Issued => "issued",
        IssueOutcome::Reused => "reused",
        IssueOutcome::Superseded => "superseded",
        IssueOutcome::Kept => "kept",
    }
}

fn notice_json(n: &Notice) -> Value {
    json!({
        "id": n.id,
        "number": n.number,
        "taxpayer_id": n.taxpayer_id,
        "taxpayer_name": n.taxpayer_name,
        "tax_year": n.tax_year,
        "tax": n.tax.to_string(),
        "issued_on": n.issued_on.to_string(),
        "due_date": n.due_date.to_string(),
        "status": n.status,
        "instalments": n.instalments,
        "superseded_by": n.superseded_by,
    })
}

/// `salactl tax notice --taxpayer ID --year Y [--pdf FILE]`: issues or reuses one notice.
pub fn notice_one(args: &NoticeArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    let (mut db, session) = sign_in(global, now)?;
    let id = taxpayer_id(&db, &args.taxpayer)?;
    let issued = notice::issue_full(&mut db, &session, now, &id, args.year, false, lang)?;
    let (mut n, outcome) = (issued.notice, issued.outcome);
    if let Some(count) = args.instalments {
        n = notice::set_instalments(&mut db, &session, now, &n.id, count)?;
    }
    let mut v = notice_json(&n);
    v["outcome"] = json!(outcome_str(outcome));
    v["had_payments"] = json!(issued.had_payments);
    v["paid"] = json!(issued.paid.to_string());
    v["previous_number"] = json!(issued.previous_number);
    v["warning"] = json!(issued.warning);
    if let Some(w) = &issued.warning
        && !global.json
    {
        eprintln!("{}: {w}", t(lang, "msg.cli.warning"));
    }
    let mut lines = vec![
        n.number.clone(),
        tr(
            lang,
            outcome_key(outcome),
            &[
                ("name", n.taxpayer_name.clone()),
                ("tax", n.tax.to_grouped()),
                ("due", date_text(n.due_date, lang)),
            ],
        ),
    ];
    match notice::notice_payment(db.conn(), &n) {
        Ok(Some(p)) => {
            lines.push(tr(lang, "msg.cli.tax.notice_qr", &[("payload", p.qr_payload.clone())]));
            v["qr_payload"] = json!(p.qr_payload);
            v["barcode_text"] = json!(p.barcode_text);
        }
        Ok(None) => {
            v["qr_payload"] = Value::Null;
        }
        Err(e) => {
            v["qr_payload"] = Value::Null;
            v["qr_error"] = json!(e.message(lang));
            if args.pdf.is_none() && !global.json {
                eprintln!("{}: {}", t(lang, "msg.cli.error"), e.message(lang));
            }
        }
    }
    if let Some(path) = &args.pdf {
        let bytes = notice::notice_document(db.conn(), &n.id, lang)?.to_pdf()?;
        std::fs::write(path, bytes).map_err(|e| io_error(path, e))?;
        lines.push(tr(lang, "msg.cli.tax.pdf_written", &[("path", path.display().to_string())]));
        v["pdf"] = json!(path);
    }
    out.print(&lines.join("\n"), &v);
    Ok(ExitCode::SUCCESS)
}

fn year_json(y: &TaxYearSettings) -> Value {
    json!({
        "tax_year": y.tax_year,
        "notice_date": y.notice_date.to_string(),
        "due_date": y.due_date.to_string(),
        "instalment_dates": y.instalment_dates.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "warning_date": y.warning_date.map(|d| d.to_string()),
        "warning_days": y.warning_days,
        "own_rates": y.rates.is_some(),
        "own_reductions": y.reductions.is_some(),
        "rates": y.rates,
        "reductions": y.reductions,
    })
}

fn year_lines(lang: Lang, y: &TaxYearSettings) -> String {
    let d = |x: NaiveDate| date_text(x, lang);
    let instalments: Vec<String> = y.instalment_dates.iter().map(|x| d(*x)).collect();
    let warning = y.warning_date.map_or_else(|| t(lang, "msg.cli.tax.year_no_warning"), d);
    let rates = t(
        lang,
        if y.rates.is_some() {
            "msg.cli.tax.year_own_rates"
        } else {
            "msg.cli.tax.year_built_in_rates"
        },
    );
    tr(
        lang,
        "msg.cli.tax.year_line",
        &[
            ("year", y.tax_year.to_string()),
            ("notice", d(y.notice_date)),
            ("due", d(y.due_date)),
            ("instalments", instalments.join(", ")),
            ("warning", warning),
            ("days", y.warning_days.to_string()),
            ("rates", rates),
        ],
    )
}

fn read_json_file(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::validation("error.tax.input_read").arg("file", path.to_owned()).with_source(e)
    })
}

/// `salactl tax year show|set`.
pub fn year(command: YearCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    match command {
        YearCommand::Show { year } => {
            let (db, session) = sign_in(global, now)?;
            let view = settings::view(db.conn(), &session)?;
            let years: Vec<&TaxYearSettings> = view
                .years
                .iter()
                .filter(|y| year.is_none_or(|wanted| y.tax_year == wanted))
                .collect();
            if let (Some(wanted), true) = (year, years.is_empty()) {
                return Err(Error::new(ErrorCode::NotFound, "error.tax.no_calendar")
                    .arg("year", wanted.to_string()));
            }
            let human: Vec<String> = years.iter().map(|y| year_lines(lang, y)).collect();
            let v = Value::Array(years.iter().map(|y| year_json(y)).collect());
            out.print(&human.join("\n"), &v);
        }
        YearCommand::Set(a) => {
            // The dates and files are checked before anyone signs in.
            let date = |s: &Option<String>| s.as_deref().map(late::parse_date).transpose();
            let notice_date = date(&a.notice_date)?;
            let due = date(&a.due)?;
            let instalments = a
                .instalments
                .as_deref()
                .map(|s| {
                    let list = s.split(',').map(late::parse_date).collect::<Result<Vec<_>>>()?;
                    <[NaiveDate; 3]>::try_from(list).map_err(|l| {
                        Error::validation("error.tax.instalment_count")
                            .arg("input", l.len().to_string())
                    })
                })
                .transpose()?;
            let warning = match a.warning.as_deref().map(str::trim) {
                Some("none") | Some("") => Some(None),
                Some(s) => Some(Some(late::parse_date(s)?)),
                None => None,
            };
            let rates = match a.rates.as_deref().map(str::trim) {
                Some("built-in") => Some(None),
                Some(path) => Some(Some(settings::parse_rates(&read_json_file(path)?)?)),
                None => None,
            };
            let reductions = match a.reductions.as_deref().map(str::trim) {
                Some("built-in") => Some(None),
                Some(path) => Some(Some(settings::parse_reductions(&read_json_file(path)?)?)),
                None => None,
            };
            let (mut db, session) = sign_in(global, now)?;
            let current = settings::year(db.conn(), a.year)?;
            let base = current.unwrap_or_else(|| {
                // A new year starts from the typical calendar and the dates given.
                let mut y = TaxYearSettings::example(a.year);
                if let Some(due) = due {
                    y.instalment_dates[0] = due;
                }
                y
            });
            let new = TaxYearSettings {
                tax_year: a.year,
                notice_date: notice_date.unwrap_or(base.notice_date),
                due_date: due.unwrap_or(base.due_date),
                instalment_dates: instalments.unwrap_or(base.instalment_dates),
                warning_date: warning.unwrap_or(base.warning_date),
                warning_days: a.warning_days.unwrap_or(base.warning_days),
                rates: rates.unwrap_or(base.rates),
                reductions: reductions.unwrap_or(base.reductions),
            };
            let saved = settings::save_year(&mut db, &session, now, &new)?;
            out.print(&year_lines(lang, &saved), &year_json(&saved));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `salactl tax biller [--set ID]`.
pub fn biller(args: &BillerArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    if let Some(input) = &args.set {
        settings::clean_biller_id(input)?;
    }
    let (mut db, session) = sign_in(global, now)?;
    let id = match &args.set {
        Some(input) => settings::set_biller_id(&mut db, &session, now, input)?,
        None => settings::view(db.conn(), &session)?.biller_id,
    };
    let human = if id.is_empty() { t(lang, "msg.cli.tax.biller_unset") } else { id.clone() };
    out.print(&human, &json!({ "biller_id": (!id.is_empty()).then_some(id) }));
    Ok(ExitCode::SUCCESS)
}

/// `salactl tax notice-block [--set N]`.
pub fn block(args: &BlockArgs, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let (mut db, session) = sign_in(global, now)?;
    let block = match args.set {
        Some(n) => settings::set_notice_block(&mut db, &session, now, n)?,
        None => settings::view(db.conn(), &session)?.notice_block,
    };
    out.print(&block.to_string(), &json!({ "notice_block": block }));
    Ok(ExitCode::SUCCESS)
}

/// `salactl bench tax [--taxpayers N]`: a throwaway database with the demo office and `n` synthetic
/// taxpayers; every notice of the year issued (one transaction each) and rendered to a PDF file. Figures,
/// not assertions.
pub fn bench_tax(out: &Out, taxpayers: usize) -> Result<()> {
    let storage = |e: std::io::Error| Error::new(ErrorCode::Storage, "error.io").with_source(e);
    let dir = tempfile::Builder::new().prefix("salactl-bench-tax-").tempdir().map_err(storage)?;
    let now: DateTime<Utc> = Utc::now();
    let year = be_year(now.date_naive());
    let mut db = Db::open(&dir.path().join(DB_FILE), now)?;
    office::create_demo_office(&mut db, now)?;
    let finance = office::demo_accounts()
        .into_iter()
        .find(|a| a.role == Role::Finance)
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.internal"))?;
    let mut token = auth::sign_in(&mut db, now, &finance.username, &finance.password)?;
    let session: Session = auth::resume(db.conn(), &mut token, now)?;
    if settings::year(db.conn(), year)?.is_none() {
        settings::save_year(&mut db, &session, now, &TaxYearSettings::example(year))?;
    }
    let started = Instant::now();
    db.write(&Actor::system(), now, |w| sala_core::tax::register::synthetic(w, now, taxpayers))?;
    let register_seconds = started.elapsed().as_secs_f64();

    let pdfs = dir.path().join("notices");
    let lang = out.lang();
    let (mut issue_seconds, mut render_seconds) = (0.0_f64, 0.0_f64);
    let mut notices = 0_usize;
    let mut after: Option<String> = None;
    loop {
        let t0 = Instant::now();
        let p =
            notice::batch_step(&mut db, &session, now, year, after.as_deref(), 500, false, lang)?;
        issue_seconds += t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        for id in &p.notices {
            batch::write_pdf(db.conn(), id, &pdfs, lang)?;
        }
        render_seconds += t1.elapsed().as_secs_f64();
        notices += p.notices.len();
        after = p.last.clone();
        if p.finished() {
            break;
        }
    }
    let total = issue_seconds + render_seconds;
    let per_second = notices as f64 / total.max(f64::MIN_POSITIVE);
    let ms_per_notice = 1000.0 * total / (notices.max(1) as f64);
    let human = tr(
        lang,
        "msg.cli.bench_tax",
        &[
            ("notices", notices.to_string()),
            ("per_second", format!("{per_second:.1}")),
            ("ms", format!("{ms_per_notice:.2}")),
            ("issue_ms", format!("{:.2}", 1000.0 * issue_seconds / (notices.max(1) as f64))),
            ("render_ms", format!("{:.2}", 1000.0 * render_seconds / (notices.max(1) as f64))),
        ],
    );
    out.print(
        &human,
        &json!({
            "tax_year": year,
            "taxpayers": taxpayers,
            "notices": notices,
            "notices_per_second": per_second,
            "ms_per_notice": ms_per_notice,
            "issue_seconds": issue_seconds,
            "render_seconds": render_seconds,
            "register_seconds": register_seconds,
        }),
    );
    Ok(())
}
