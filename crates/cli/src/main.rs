//! `salactl`: Sala's command line, for administrators and scripts. Every subcommand is a thin adapter over
//! `sala-core`: it parses arguments, calls one core function, and prints the result (Thai by default,
//! `--lang en` for English, `--json` for scripts).
//!
//! Exit codes: 0 success; 1 the input was invalid or the operation failed (the message says why); 2 the
//! command line itself was wrong (clap's usage error).

mod documents;
mod help;
mod output;
mod qr;
mod queue;
mod requests;
mod tax;
mod tax_notices;
mod tax_receipts;
mod tax_register;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use sala_core::db::{self, DB_FILE, Db};
use sala_core::{Lang, audit, auth, backup, doctor, office, sync, thai};

use crate::output::Out;

/// Sala (ศาลา) command line.
#[derive(Debug, Parser)]
#[command(
    name = "salactl",
    version,
    about = "Sala (ศาลา): counter software for Thai local offices"
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    /// Data folder (default: SALA_DATA_DIR, else the platform's app data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print JSON for scripts.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: th (default) or en.
    #[arg(long, global = true, default_value = "th", value_parser = parse_lang)]
    lang: Lang,
    /// The user a queue command acts as, signed in with SALA_PIN or SALA_PASSWORD.
    #[arg(long = "as", global = true, value_name = "USER")]
    as_user: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database in the data folder; --demo also fills in the demo office.
    Init {
        /// Create the demo office (made-up data) so the app can be tried at once.
        #[arg(long)]
        demo: bool,
    },
    /// Check the installation: database integrity, schema version, fonts, printers, versions.
    Doctor,
    /// Write a consistent copy of the database to FILE (safe while the app runs).
    Backup {
        /// Backup file to create (must not exist).
        file: PathBuf,
    },
    /// Replace the database with the backup FILE, keeping the current one beside it.
    Restore {
        /// Backup file to restore.
        file: PathBuf,
    },
    /// Sync settings of this PC.
    Sync {
        #[command(subcommand)]
        command: SyncCommand,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Staff accounts: list them, or reset a password when nobody can sign in as an administrator.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Render documents: `render text` writes standard input's lines to a PDF with the bundled font.
    Render {
        #[command(subcommand)]
        command: documents::RenderCommand,
    },
    /// Print a PDF silently: to a CUPS printer (the default one unless --printer), or as ESC/POS raster to a
    /// thermal printer (--escpos tcp://HOST:9100 or a device file). Exit 1 with the reason when it did not print.
    Print {
        /// The PDF file.
        file: PathBuf,
        /// The CUPS printer (queue name).
        #[arg(long, conflicts_with = "escpos")]
        printer: Option<String>,
        /// A thermal printer's address: `tcp://HOST[:PORT]` or a device such as `/dev/usb/lp0`.
        #[arg(long, value_name = "TARGET")]
        escpos: Option<String>,
        /// Roll width for ESC/POS: 80mm or 58mm (default: from the page width).
        #[arg(long, requires = "escpos")]
        paper: Option<String>,
        /// Do not cut the paper after each page (ESC/POS).
        #[arg(long, requires = "escpos")]
        no_cut: bool,
        /// Open the cash drawer after printing (ESC/POS).
        #[arg(long, requires = "escpos")]
        drawer: bool,
        /// Seconds to wait for the printer to confirm.
        #[arg(long, default_value_t = 30)]
        wait: u64,
        /// CUPS scheduler HOST:PORT (default: SALA_CUPS_SERVER, else this PC's CUPS).
        #[arg(long, value_name = "HOST:PORT")]
        cups_server: Option<String>,
    },
    /// List the CUPS printers (the default one marked *).
    Printers {
        /// CUPS scheduler HOST:PORT (default: SALA_CUPS_SERVER, else this PC's CUPS).
        #[arg(long, value_name = "HOST:PORT")]
        cups_server: Option<String>,
    },
    /// Benchmarks that print figures (`bench documents`).
    Bench {
        #[command(subcommand)]
        command: documents::BenchCommand,
    },
    /// Print an amount in Thai words as on receipts: 1234.50 → หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์.
    BahtText {
        /// Amount in baht, e.g. 21, 1234.50, 1,234.50.
        #[arg(allow_hyphen_values = true)]
        amount: String,
    },
    /// Thai citizen / tax ID tools.
    ThaiId {
        #[command(subcommand)]
        command: ThaiIdCommand,
    },
    /// Print a date (YYYY-MM-DD) in Thai with the Buddhist-Era year: 2026-11-24 → 24 พฤศจิกายน 2569.
    DateTh {
        /// Date, YYYY-MM-DD (Gregorian).
        date: String,
        /// Short form: 24 พ.ย. 69.
        #[arg(long)]
        short: bool,
    },
    /// Thai QR Code Payment: make PromptPay and bill-payment payloads, or check one.
    Qr {
        #[command(subcommand)]
        command: qr::QrCommand,
    },
    /// The walk-in queue, for scripts, ticket buttons and kiosks: --as USER with SALA_PIN or SALA_PASSWORD.
    Queue {
        #[command(subcommand)]
        command: queue::QueueCommand,
    },
    /// Requests and complaints: take, list, move, import the old online form, export (Open311 or CSV).
    Requests {
        #[command(subcommand)]
        command: requests::RequestsCommand,
    },
    /// Land and building tax: assess, late charges and instalments (pure); register, notices, payments.
    Tax {
        #[command(subcommand)]
        command: tax::TaxCommand,
    },
    /// Tax receipts: verify a receipt's QR offline (no sign-in), void, the control register, books per PC.
    Receipt {
        #[command(subcommand)]
        command: tax_receipts::ReceiptCommand,
    },
}

#[derive(Debug, Subcommand)]
enum SyncCommand {
    /// Set the central sync endpoint (an http:// or https:// URL); --clear removes it.
    Endpoint {
        /// The endpoint URL.
        #[arg(required_unless_present = "clear")]
        url: Option<String>,
        /// Remove the endpoint (the PC works offline only).
        #[arg(long, conflicts_with = "url")]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain; exit 0 with the count when intact, 1 naming the first tampered entry.
    Verify,
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// List the accounts: username, name, role, active or deactivated.
    List,
    /// Give USERNAME a random temporary password (printed once), to be changed at the next sign-in.
    ResetPassword {
        /// The account's sign-in name.
        username: String,
    },
}

#[derive(Debug, Subcommand)]
enum ThaiIdCommand {
    /// Validate a 13-digit ID by its check digit (dashes and spaces allowed). Exit 0 valid, 1 invalid.
    Check {
        /// The ID, e.g. 1-2345-67890-12-1.
        #[arg(allow_hyphen_values = true)]
        id: String,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| {
        sala_core::i18n::tr(
            help_lang(std::env::args()),
            "msg.cli.bad_lang",
            &[("input", s.to_owned())],
        )
    })
}

fn main() -> ExitCode {
    let lang = help_lang(std::env::args());
    let cli = match Cli::from_arg_matches(&help::translated(Cli::command(), lang).get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let out = Out::new(cli.global.lang, cli.global.json);
    match run(cli.command, &cli.global, &out) {
        Ok(code) => code,
        Err(err) => out.error(&err),
    }
}

/// The language of `--help` and usage errors: `--lang en`/`--lang=en` on the command line, else Thai.
fn help_lang(args: impl Iterator<Item = String>) -> Lang {
    let args: Vec<String> = args.collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(v) => Lang::parse(v),
            None if a == "--lang" => args.get(i + 1).and_then(|v| Lang::parse(v)),
            None => None,
        })
        .unwrap_or_default()
}

fn data_dir(global: &Global) -> sala_core::Result<PathBuf> {
    let (q, o, a) = db::PROJECT_DIRS;
    db::choose_data_dir(
        global.data_dir.clone(),
        std::env::var_os("SALA_DATA_DIR"),
        directories::ProjectDirs::from(q, o, a).map(|d| d.data_dir().to_owned()),
    )
}

fn run(command: Command, global: &Global, out: &Out) -> sala_core::Result<ExitCode> {
    let now = Utc::now();
    let lang = global.lang;
    match command {
        Command::Init { demo } => {
            let dir = data_dir(global)?;
            let mut db = Db::open(&dir.join(DB_FILE), now)?;
            if demo {
                office::create_demo_office(&mut db, now)?;
            }
            let users = if demo { office::demo_accounts() } else { Vec::new() };
            out.init(&dir, &db.device_id()?, office::summary(db.conn())?.as_ref(), &users);
        }
        Command::Doctor => {
            let mut checks = doctor::run(&data_dir(global)?, lang);
            checks.push(output::printer_check(lang));
            return Ok(out.doctor(&checks));
        }
        Command::Backup { file } => out.backup(&backup::backup(&data_dir(global)?, &file)?),
        Command::Restore { file } => out.restore(&backup::restore(&data_dir(global)?, &file, now)?),
        Command::Sync { command: SyncCommand::Endpoint { url, .. } } => {
            let mut db = Db::open(&data_dir(global)?.join(DB_FILE), now)?;
            out.sync_endpoint(sync::set_endpoint(&mut db, url.as_deref())?.as_deref());
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let conn = Db::open_existing_read_only(&data_dir(global)?.join(DB_FILE))?;
            return Ok(out.audit_verify(&audit::verify(&conn)?));
        }
        Command::Users { command: UsersCommand::List } => {
            let conn = Db::open_existing_read_only(&data_dir(global)?.join(DB_FILE))?;
            out.users(&auth::operator_list(&conn, now)?);
        }
        Command::Users { command: UsersCommand::ResetPassword { username } } => {
            let mut db = Db::open(&data_dir(global)?.join(DB_FILE), now)?;
            let temporary = auth::operator_reset_password(&mut db, now, &username)?;
            out.password_reset(username.trim(), &temporary);
        }
        Command::Render { command: documents::RenderCommand::Text { out: file, size, paper } } => {
            documents::render_text(out, &file, size, &paper)?;
        }
        Command::Print { file, printer, escpos, paper, no_cut, drawer, wait, cups_server } => {
            let server = documents::cups_server(cups_server);
            let args = documents::PrintArgs { file, printer, escpos, paper, no_cut, drawer, wait };
            documents::print_file(out, &server, args)?;
        }
        Command::Printers { cups_server } => {
            documents::printers(out, &documents::cups_server(cups_server))?;
        }
        Command::Bench { command: documents::BenchCommand::Documents { seconds } } => {
            documents::bench_documents(out, seconds)?;
        }
        Command::Bench { command: documents::BenchCommand::Queue { seconds } } => {
            queue::bench_queue(out, seconds)?;
        }
        Command::Bench { command: documents::BenchCommand::Tax { taxpayers } } => {
            tax_notices::bench_tax(out, taxpayers)?;
        }
        Command::BahtText { amount } => out.baht_text(&amount, &thai::baht_text_str(&amount)?),
        Command::ThaiId { command: ThaiIdCommand::Check { id } } => {
            return Ok(out.thai_id(&id, thai::ThaiId::parse(&id)));
        }
        Command::DateTh { date, short } => {
            let d = thai::parse_iso_date(&date)?;
            out.date_th(d, short);
        }
        Command::Qr { command } => return qr::run(command, global),
        Command::Queue { command } => return queue::run(command, global, out),
        Command::Requests { command } => return requests::run(command, global, out),
        Command::Tax { command } => return tax::run(command, global, out),
        Command::Receipt { command } => return tax_receipts::run(command, global, out),
    }
    Ok(ExitCode::SUCCESS)
}
