//! `salactl queue …` and `salactl bench queue`: the walk-in queue for scripts, hardware ticket buttons and
//! kiosks. A thin adapter over `sala_core::queue`, where every rule lives.
//!
//! Every `queue` subcommand acts as a user: `--as USERNAME` (before or after the subcommand), signed in with
//! the `SALA_PIN` or `SALA_PASSWORD` environment variable (never an argument, so it stays out of the process
//! list and the shell history). The sign-in is the app's: audited, counted towards the lockout.
//!
//! Output: a ticket prints its number on the first line (`salactl queue issue … | head -1`), then what
//! happened, the service, and the people ahead and the wait, in Thai (`--lang en` for English). `--json`
//! prints the ticket as one object with snake_case keys (the phone only masked). Errors: exit 1 with the
//! reason, in the same form as every other subcommand (`Out::error`).
//!
//! `issue --print` and `issue --slip-pdf` never undo the ticket: the citizen has a number either way. A slip
//! that did not print (or could not be written) is reported on stderr and the command still exits 0 with
//! the ticket printed, so a script never issues a second number for one citizen.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use clap::{ArgAction, Args, Subcommand};
use sala_core::auth::{self, Role, Session};
use sala_core::db::{DB_FILE, Db};
use sala_core::doc::DocumentKind;
use sala_core::i18n::{t, tr};
use sala_core::print::{self, JobStatus, PrintEnv};
use sala_core::queue::{
    self, IssueInput, Outcome, Priority, QueueSettings, Ticket, TicketStatus, TransferTo,
};
use sala_core::thai::date::office_offset;
use sala_core::thai::parse_iso_date;
use sala_core::{Error, ErrorCode, Lang, Result, office};
use serde_json::{Value, json};

use crate::Global;
use crate::output::Out;

/// `salactl queue …`
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Issue a ticket and print its number (first line), the service, the people ahead and the wait.
    Issue {
        /// The service's code (see `queue services`), e.g. general.
        #[arg(long, value_name = "CODE")]
        service: String,
        /// normal, elderly, disabled, pregnant or monk.
        #[arg(long, value_name = "CLASS", default_value = "normal")]
        priority: String,
        /// The citizen's name (optional; never on the board).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// A phone number (optional; shown masked).
        #[arg(long, value_name = "PHONE")]
        phone: Option<String>,
        /// Also write the slip as a PDF to this file.
        #[arg(long, value_name = "FILE.pdf")]
        slip_pdf: Option<PathBuf>,
        /// Also print the slip on this PC's queue-slip printer (a failed print does not undo the ticket).
        #[arg(long)]
        print: bool,
    },
    /// Call the next ticket by the fairness rules (or --ticket, if allowed) to a counter.
    Call {
        #[command(flatten)]
        counter: CounterArg,
        /// Call this ticket number out of order (supervisors; clerks only if the setting allows it).
        #[arg(long, value_name = "NUMBER")]
        ticket: Option<String>,
    },
    /// Call the counter's current ticket again.
    Recall {
        #[command(flatten)]
        counter: CounterArg,
    },
    /// The citizen has come: service starts.
    Start {
        #[command(flatten)]
        counter: CounterArg,
    },
    /// Park the counter's current ticket (the citizen fetches a document).
    Hold {
        #[command(flatten)]
        counter: CounterArg,
    },
    /// Bring a held ticket back to the counter.
    Resume {
        #[command(flatten)]
        counter: CounterArg,
        /// The held ticket (default: the one held longest).
        #[arg(long, value_name = "NUMBER")]
        ticket: Option<String>,
    },
    /// The called citizen did not come: back in line after the grace period; the second time it ends.
    NoShow {
        #[command(flatten)]
        counter: CounterArg,
    },
    /// Send the counter's current ticket to another service's line or to another counter (same number).
    Transfer {
        #[command(flatten)]
        counter: CounterArg,
        #[command(flatten)]
        to: TransferArgs,
    },
    /// Finish the counter's current ticket.
    Finish {
        #[command(flatten)]
        counter: CounterArg,
        /// served, follow-up, missing-documents or referred.
        #[arg(long, value_name = "OUTCOME", default_value = "served")]
        outcome: String,
        /// Continue the same visit in this service's line.
        #[arg(long, value_name = "CODE")]
        next_service: Option<String>,
    },
    /// Close an open ticket (left over from an earlier day, or a mistake). Supervisors.
    Cancel {
        /// The ticket number.
        #[arg(long, value_name = "NUMBER")]
        ticket: String,
    },
    /// Record a citizen's 1-5 rating of a ticket finished today.
    Rate {
        /// The ticket number.
        #[arg(long, value_name = "NUMBER")]
        ticket: String,
        /// 1 (poor) to 5 (very good).
        #[arg(long, value_name = "1-5")]
        score: u8,
    },
    /// The services: code, name, ticket prefix and the counters that serve them.
    Services,
    /// The queue now: each service's waiting tickets in calling order, and each counter's ticket.
    State,
    /// The event log of a business day, one row per event.
    Export {
        /// The business day, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The format (csv).
        #[arg(long, default_value = "csv", value_parser = ["csv"])]
        format: String,
    },
    /// Waiting and service times, no-shows and satisfaction for a period (supervisors).
    Kpi {
        /// First business day, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// Last business day, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
    },
    /// Print the queue settings; with options, change those (supervisors and administrators).
    Settings(SettingsArgs),
}

/// The counter a counter action works at.
#[derive(Debug, Args)]
pub struct CounterArg {
    /// The counter's number.
    #[arg(long, value_name = "N")]
    counter: u32,
}

/// Exactly one destination.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct TransferArgs {
    /// Another service's line (its code).
    #[arg(long, value_name = "CODE")]
    to_service: Option<String>,
    /// One counter: only it may call the ticket.
    #[arg(long, value_name = "M")]
    to_counter: Option<u32>,
}

/// The settings to change; the others keep their values.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// A ticket waiting longer than this is called first (0-480 minutes).
    #[arg(long, value_name = "N")]
    max_wait_minutes: Option<u32>,
    /// Priority calls in a row per service before a waiting normal ticket (1-20).
    #[arg(long, value_name = "N")]
    priority_streak: Option<u32>,
    /// Minutes before a first no-show returns to the line (0-120).
    #[arg(long, value_name = "N")]
    no_show_grace_minutes: Option<u32>,
    /// Whether clerks may call a specific ticket.
    #[arg(long, value_name = "true|false", action = ArgAction::Set)]
    allow_call_specific: Option<bool>,
    /// The hour (0-23, office time) at which numbers start again.
    #[arg(long, value_name = "H")]
    reset_hour: Option<u32>,
    /// This PC's block of the numbers (1..=--issuer-blocks).
    #[arg(long, value_name = "K")]
    issuer_block: Option<u32>,
    /// How many PCs issue tickets (1-9).
    #[arg(long, value_name = "N")]
    issuer_blocks: Option<u32>,
    /// Minutes a finished ticket may still be rated on the customer screen (1-30).
    #[arg(long, value_name = "N")]
    rating_minutes: Option<u32>,
}

impl SettingsArgs {
    fn any(&self) -> bool {
        self.max_wait_minutes.is_some()
            || self.priority_streak.is_some()
            || self.no_show_grace_minutes.is_some()
            || self.allow_call_specific.is_some()
            || self.reset_hour.is_some()
            || self.issuer_block.is_some()
            || self.issuer_blocks.is_some()
            || self.rating_minutes.is_some()
    }

    fn apply(&self, mut s: QueueSettings) -> QueueSettings {
        s.max_wait_minutes = self.max_wait_minutes.unwrap_or(s.max_wait_minutes);
        s.priority_streak = self.priority_streak.unwrap_or(s.priority_streak);
        s.no_show_grace_minutes = self.no_show_grace_minutes.unwrap_or(s.no_show_grace_minutes);
        s.allow_call_specific = self.allow_call_specific.unwrap_or(s.allow_call_specific);
        s.reset_hour = self.reset_hour.unwrap_or(s.reset_hour);
        s.issuer_block = self.issuer_block.unwrap_or(s.issuer_block);
        s.issuer_blocks = self.issuer_blocks.unwrap_or(s.issuer_blocks);
        s.rating_minutes = self.rating_minutes.unwrap_or(s.rating_minutes);
        s
    }
}

/// Signs `--as` in with `SALA_PIN`/`SALA_PASSWORD` on the existing database. Nothing is opened before both
/// are known, and a database is never created here.
pub(crate) fn sign_in(global: &Global, now: DateTime<Utc>) -> Result<(Db, Session)> {
    let username = global
        .as_user
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| Error::validation("error.cli.as_required"))?;
    let secret = ["SALA_PIN", "SALA_PASSWORD"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .ok_or_else(|| {
            Error::new(ErrorCode::SignInRequired, "error.cli.secret_required")
                .arg("username", username.to_owned())
        })?;
    let path = crate::data_dir(global)?.join(DB_FILE);
    if !path.exists() {
        return Err(Error::new(ErrorCode::NotFound, "error.db.missing")
            .arg("path", path.display().to_string()));
    }
    let mut db = Db::open(&path, now)?;
    let mut token = auth::sign_in(&mut db, now, username, &secret)?;
    let session = auth::resume(db.conn(), &mut token, now)?;
    Ok((db, session))
}

/// A priority class by its CLI name, or by its Thai name (ผู้สูงอายุ).
fn parse_priority(input: &str) -> Result<Priority> {
    Priority::parse(input).or_else(|err| {
        Priority::ALL.into_iter().find(|p| t(Lang::Th, p.label_key()) == input.trim()).ok_or(err)
    })
}

/// Runs one `salactl queue …` subcommand.
pub fn run(command: QueueCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    // Arguments that need no database are checked before anyone signs in.
    let (priority, outcome) = match &command {
        QueueCommand::Issue { priority, .. } => (Some(parse_priority(priority)?), None),
        QueueCommand::Finish { outcome, .. } => (None, Some(Outcome::parse(outcome)?)),
        _ => (None, None),
    };
    let (mut db, session) = sign_in(global, now)?;
    let db = &mut db;
    let s = &session;
    let lang = out.lang();
    match command {
        QueueCommand::Issue { service, name, phone, slip_pdf, print, .. } => {
            let input = IssueInput {
                service,
                priority: priority.unwrap_or(Priority::Normal),
                name,
                phone,
                booked_for: None,
            };
            let ticket = queue::issue(db, s, now, &input)?;
            issue_extras(out, db, s, now, &ticket, slip_pdf.as_deref(), print)?;
        }
        QueueCommand::Call { counter: CounterArg { counter }, ticket } => {
            let ticket = match ticket {
                Some(number) => queue::call_ticket(db, s, now, counter, &number)?,
                None => queue::call_next(db, s, now, counter)?,
            };
            let what = tr(lang, "msg.cli.queue.called", &[("counter", counter.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Recall { counter: CounterArg { counter } } => {
            let ticket = queue::recall(db, s, now, counter)?;
            let what = tr(lang, "msg.cli.queue.recalled", &[("counter", counter.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Start { counter: CounterArg { counter } } => {
            let ticket = queue::start(db, s, now, counter)?;
            let what = tr(lang, "msg.cli.queue.started", &[("counter", counter.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Hold { counter: CounterArg { counter } } => {
            let ticket = queue::hold(db, s, now, counter)?;
            let what = tr(lang, "msg.cli.queue.held", &[("counter", counter.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Resume { counter: CounterArg { counter }, ticket } => {
            let ticket = queue::resume(db, s, now, counter, ticket.as_deref())?;
            let what = tr(lang, "msg.cli.queue.resumed", &[("counter", counter.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::NoShow { counter: CounterArg { counter } } => {
            let ticket = queue::no_show(db, s, now, counter)?;
            let what = if ticket.status == TicketStatus::NoShow {
                t(lang, "msg.cli.queue.no_show_final")
            } else {
                tr(lang, "msg.cli.queue.no_show_returns", &[("time", local_time(&ticket.ready_at))])
            };
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Transfer { counter: CounterArg { counter }, to } => {
            let (to, what) = match (to.to_service, to.to_counter) {
                (Some(code), _) => (TransferTo::Service(code), None),
                (None, Some(n)) => (
                    TransferTo::Counter(n),
                    Some(tr(
                        lang,
                        "msg.cli.queue.transferred_counter",
                        &[("counter", n.to_string())],
                    )),
                ),
                // clap's group guarantees one of the two.
                (None, None) => return Err(Error::validation("error.cli.transfer_target")),
            };
            let ticket = queue::transfer(db, s, now, counter, &to)?;
            let what = what.unwrap_or_else(|| {
                tr(
                    lang,
                    "msg.cli.queue.transferred_service",
                    &[("service", ticket.service_name.clone())],
                )
            });
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Finish { counter: CounterArg { counter }, next_service, .. } => {
            let outcome = outcome.unwrap_or(Outcome::Served);
            let ticket = queue::finish(db, s, now, counter, outcome, next_service.as_deref())?;
            let mut what = tr(
                lang,
                "msg.cli.queue.finished",
                &[("outcome", t(lang, Outcome::label_key(outcome)))],
            );
            if let Some(code) = next_service.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                let name = queue::services(db.conn(), s, now)?
                    .into_iter()
                    .find(|i| i.code == code)
                    .map_or_else(|| code.to_owned(), |i| i.name_th);
                what.push('\n');
                what.push_str(&tr(lang, "msg.cli.queue.next_service", &[("service", name)]));
            }
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Cancel { ticket } => {
            let found = queue::find_ticket(db.conn(), s, now, &ticket)?;
            let ticket = queue::cancel(db, s, now, &found.id)?;
            print_ticket(out, &ticket, Some(t(lang, "msg.cli.queue.cancelled")))?;
        }
        QueueCommand::Rate { ticket, score } => {
            let ticket = queue::rate(db, s, now, &ticket, score)?;
            let what = tr(lang, "msg.cli.queue.rated", &[("score", score.to_string())]);
            print_ticket(out, &ticket, Some(what))?;
        }
        QueueCommand::Services => services(out, db, s, now)?,
        QueueCommand::State => state(out, db, s, now)?,
        QueueCommand::Export { date, format } => {
            let day = parse_iso_date(&date)?;
            let csv = queue::export_csv(db.conn(), s, day)?;
            if global.json {
                let events = csv.lines().count().saturating_sub(1);
                println!(
                    "{}",
                    json!({ "date": day.to_string(), "format": format, "events": events, "csv": csv })
                );
            } else {
                print!("{csv}");
            }
        }
        QueueCommand::Kpi { from, to } => {
            let kpis = queue::kpis(db.conn(), s, parse_iso_date(&from)?, parse_iso_date(&to)?)?;
            let mut lines = vec![tr(
                lang,
                "msg.cli.queue.kpi_title",
                &[("from", kpis.from.clone()), ("to", kpis.to.clone())],
            )];
            let mut overall = kpis.overall.clone();
            overall.label = t(lang, "msg.cli.queue.kpi_all");
            lines.push(kpi_line(lang, &overall));
            for row in &kpis.by_service {
                let mut row = row.clone();
                row.label = format!("{} ({})", row.label, row.key);
                lines.push(kpi_line(lang, &row));
            }
            for row in &kpis.by_counter {
                let mut row = row.clone();
                row.label = tr(
                    lang,
                    "msg.cli.queue.kpi_counter",
                    &[("counter", row.key.clone()), ("name", row.label.clone())],
                );
                lines.push(kpi_line(lang, &row));
            }
            out.print(&lines.join("\n"), &snake(serde_json::to_value(&kpis)?));
        }
        QueueCommand::Settings(args) => {
            let current = queue::settings(db.conn())?;
            let (settings, changed) = if args.any() {
                let new = args.apply(current.clone());
                let saved = queue::set_settings(db, s, now, &new)?;
                (saved, new != current)
            } else {
                (current, false)
            };
            let mut lines = Vec::new();
            if changed {
                lines.push(t(lang, "msg.cli.queue.settings_saved"));
            }
            lines.extend(settings_lines(lang, &settings));
            let mut v = snake(serde_json::to_value(&settings)?);
            v["changed"] = json!(changed);
            out.print(&lines.join("\n"), &v);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `camelCase` keys (core's serde, for the app's IPC) as `snake_case`, the CLI's JSON style.
pub(crate) fn snake(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut key = String::with_capacity(k.len() + 4);
                    for c in k.chars() {
                        if c.is_ascii_uppercase() {
                            key.push('_');
                            key.push(c.to_ascii_lowercase());
                        } else {
                            key.push(c);
                        }
                    }
                    (key, snake(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(snake).collect()),
        other => other,
    }
}

/// A ticket as JSON: every field of core's `Ticket`, snake_case; the phone only masked (core never loads it
/// otherwise).
fn ticket_json(ticket: &Ticket) -> Result<Value> {
    Ok(snake(serde_json::to_value(ticket)?))
}

/// `HH:MM` office time of an RFC 3339 stamp.
fn local_time(stamp: &str) -> String {
    DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.with_timezone(&office_offset()).format("%H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_owned())
}

/// The ticket's lines: the number, what happened, the service (and class), and the wait while it waits.
fn ticket_lines(lang: Lang, ticket: &Ticket, what: Option<String>) -> Vec<String> {
    let mut lines = vec![ticket.number.clone()];
    lines.extend(what);
    let service = format!("{} ({})", ticket.service_name, ticket.service);
    lines.push(if ticket.priority.is_priority() {
        tr(
            lang,
            "msg.cli.queue.service_priority",
            &[("service", service), ("class", t(lang, ticket.priority.label_key()))],
        )
    } else {
        tr(lang, "msg.cli.queue.service", &[("service", service)])
    });
    if let (Some(ahead), Some(minutes)) = (ticket.ahead, ticket.estimated_wait_minutes) {
        lines.push(tr(
            lang,
            "msg.queue.slip.wait",
            &[("ahead", ahead.to_string()), ("minutes", minutes.to_string())],
        ));
    }
    lines
}

fn print_ticket(out: &Out, ticket: &Ticket, what: Option<String>) -> Result<()> {
    out.print(&ticket_lines(out.lang(), ticket, what).join("\n"), &ticket_json(ticket)?);
    Ok(())
}

/// After `issue`: the slip as a PDF file and/or on the printer. Neither undoes the ticket; a failure is
/// reported on stderr (and in the JSON) and the ticket is printed all the same.
fn issue_extras(
    out: &Out,
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    ticket: &Ticket,
    slip_pdf: Option<&Path>,
    print: bool,
) -> Result<()> {
    let lang = out.lang();
    let mut lines = ticket_lines(lang, ticket, None);
    let mut v = ticket_json(ticket)?;
    let failed = |key: &str, reason: &str| {
        let message =
            tr(lang, key, &[("number", ticket.number.clone()), ("reason", reason.to_owned())]);
        eprintln!("{}: {message}", t(lang, "msg.cli.error"));
    };
    if slip_pdf.is_some() || print {
        let document = queue::citizen_slip(db.conn(), ticket);
        if let Some(path) = slip_pdf {
            let written = crate::documents::write_pdf(&document, path, lang);
            match written {
                Ok(()) => {
                    let path_text = path.display().to_string();
                    lines.push(tr(lang, "msg.cli.queue.slip_written", &[("path", path_text)]));
                    v["slip_pdf"] = json!(path);
                }
                Err(reason) => {
                    failed("msg.cli.queue.slip_failed", &reason);
                    v["slip_pdf_error"] = json!(reason);
                }
            }
        }
        if print {
            let env = PrintEnv { cups: crate::documents::cups_server(None), ..PrintEnv::default() };
            let job = match document {
                Ok(d) => print::print(db, session, now, d, DocumentKind::QueueSlip, &env, lang),
                Err(e) => Err(e),
            };
            match job {
                Ok(job) => {
                    v["print"] = json!({ "status": job.status, "destination": job.destination, "reason": job.reason, "job_id": job.id });
                    match job.status {
                        JobStatus::Failed => {
                            failed("msg.cli.queue.print_failed", &job.reason.unwrap_or_default());
                        }
                        JobStatus::Sent => lines.push(tr(
                            lang,
                            "msg.cli.queue.printed",
                            &[("destination", job.destination)],
                        )),
                        JobStatus::Queued | JobStatus::Sending => lines.push(tr(
                            lang,
                            "msg.cli.queue.print_queued",
                            &[("destination", job.destination)],
                        )),
                    }
                }
                Err(e) => {
                    let reason = e.message(lang);
                    failed("msg.cli.queue.print_failed", &reason);
                    v["print"] = json!({ "status": "failed", "reason": reason });
                }
            }
        }
    }
    out.print(&lines.join("\n"), &v);
    Ok(())
}

fn services(out: &Out, db: &Db, session: &Session, now: DateTime<Utc>) -> Result<()> {
    let lang = out.lang();
    let list = queue::services(db.conn(), session, now)?;
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for s in &list {
        let counters: Vec<String> = s.counters.iter().map(u32::to_string).collect();
        let name = if lang == Lang::En { &s.name_en } else { &s.name_th };
        lines.push(tr(
            lang,
            "msg.cli.queue.service_row",
            &[
                ("prefix", s.prefix.clone()),
                ("code", s.code.clone()),
                ("name", name.clone()),
                ("counters", counters.join(", ")),
            ],
        ));
        rows.push(json!({
            "code": s.code,
            "name": s.name_th,
            "name_en": s.name_en,
            "prefix": s.prefix,
            "counters": s.counters,
            "expected_minutes": s.expected_minutes,
            "documents": s.documents,
            "department_code": s.department_code,
            "department_name": s.department_name,
            "waiting": s.waiting,
        }));
    }
    out.print(&lines.join("\n"), &Value::Array(rows));
    Ok(())
}

fn numbers(tickets: &[Ticket]) -> String {
    tickets.iter().map(|t| t.number.as_str()).collect::<Vec<_>>().join(" ")
}

fn state(out: &Out, db: &Db, session: &Session, now: DateTime<Utc>) -> Result<()> {
    let lang = out.lang();
    let st = queue::state(db.conn(), session, now)?;
    let mut lines =
        vec![tr(lang, "msg.cli.queue.state_title", &[("day", st.business_day.clone())])];
    for line in &st.services {
        let mut text = tr(
            lang,
            "msg.cli.queue.state_line",
            &[
                ("prefix", line.prefix.clone()),
                ("name", line.name.clone()),
                ("count", line.waiting.len().to_string()),
            ],
        );
        if !line.waiting.is_empty() {
            text.push_str(": ");
            text.push_str(&numbers(&line.waiting));
        }
        if let Some(m) = line.longest_wait_minutes {
            text.push_str(" · ");
            text.push_str(&tr(lang, "msg.cli.queue.state_longest", &[("minutes", m.to_string())]));
        }
        if !line.later.is_empty() {
            text.push_str(" · ");
            text.push_str(&tr(
                lang,
                "msg.cli.queue.state_later",
                &[("numbers", numbers(&line.later))],
            ));
        }
        lines.push(text);
    }
    for c in &st.counters {
        let current = match &c.current {
            None => t(lang, "msg.cli.queue.counter_free"),
            Some(ticket) => {
                let key = if ticket.status == TicketStatus::Serving {
                    "msg.cli.queue.status_serving"
                } else {
                    "msg.cli.queue.status_called"
                };
                format!("{} ({})", ticket.number, t(lang, key))
            }
        };
        let mut text = tr(
            lang,
            "msg.cli.queue.state_counter",
            &[("counter", c.number.to_string()), ("name", c.name.clone()), ("current", current)],
        );
        if !c.held.is_empty() {
            text.push_str(" · ");
            text.push_str(&tr(lang, "msg.cli.queue.state_held", &[("numbers", numbers(&c.held))]));
        }
        lines.push(text);
    }
    if !st.carried_over.is_empty() {
        let list: Vec<String> =
            st.carried_over.iter().map(|t| format!("{} ({})", t.number, t.business_day)).collect();
        lines.push(tr(lang, "msg.cli.queue.carried_over", &[("numbers", list.join(" "))]));
    }
    out.print(&lines.join("\n"), &snake(serde_json::to_value(&st)?));
    Ok(())
}

fn minutes(seconds: Option<u32>) -> String {
    seconds.map_or_else(|| "-".to_owned(), |s| format!("{:.1}", f64::from(s) / 60.0))
}

fn kpi_line(lang: Lang, row: &queue::KpiRow) -> String {
    tr(
        lang,
        "msg.cli.queue.kpi_row",
        &[
            ("label", row.label.clone()),
            ("issued", row.issued.to_string()),
            ("called", row.called.to_string()),
            ("served", row.served.to_string()),
            ("no_shows", row.no_shows.to_string()),
            ("rate", row.no_show_rate_percent.clone().unwrap_or_else(|| "-".to_owned())),
            ("wait", minutes(row.avg_wait_seconds)),
            ("service", minutes(row.avg_service_seconds)),
            ("rating", row.avg_rating.clone().unwrap_or_else(|| "-".to_owned())),
            ("ratings", row.ratings.to_string()),
        ],
    )
}

fn settings_lines(lang: Lang, s: &QueueSettings) -> Vec<String> {
    let yes_no = |b: bool| t(lang, if b { "msg.cli.yes" } else { "msg.cli.no" });
    [
        ("setting.queue.max_wait_minutes", s.max_wait_minutes.to_string()),
        ("setting.queue.priority_streak", s.priority_streak.to_string()),
        ("setting.queue.no_show_grace_minutes", s.no_show_grace_minutes.to_string()),
        ("setting.queue.allow_call_specific", yes_no(s.allow_call_specific)),
        ("setting.queue.reset_hour", s.reset_hour.to_string()),
        ("setting.queue.issuer_block", format!("{}/{}", s.issuer_block, s.issuer_blocks)),
        ("setting.queue.rating_minutes", s.rating_minutes.to_string()),
    ]
    .into_iter()
    .map(|(key, value)| format!("{}: {value}", t(lang, key)))
    .collect()
}

/// `salactl bench queue`: tickets issued per second through `queue::issue` (session check, number,
/// ticket row, event, audit and outbox entries, the line's order for the people ahead), against bare
/// single-row INSERT commits on the same database and pragmas. In a throwaway folder with the demo office.
pub fn bench_queue(out: &Out, seconds: f64) -> Result<()> {
    let budget = Duration::from_secs_f64(seconds.clamp(0.1, 600.0));
    let dir = tempfile::Builder::new()
        .prefix("salactl-bench-queue-")
        .tempdir()
        .map_err(|e| Error::new(ErrorCode::Storage, "error.io").with_source(e))?;
    let start_time = Utc::now();
    let mut db = Db::open(&dir.path().join(DB_FILE), start_time)?;
    office::create_demo_office(&mut db, start_time)?;
    let clerk = office::demo_accounts()
        .into_iter()
        .find(|a| a.role == Role::Clerk)
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.internal"))?;
    let mut token = auth::sign_in(&mut db, start_time, &clerk.username, &clerk.password)?;
    let session = auth::resume(db.conn(), &mut token, start_time)?;
    let codes: Vec<String> =
        queue::services(db.conn(), &session, start_time)?.into_iter().map(|s| s.code).collect();

    // Rotate across the services; a prefix has 999 numbers a day, so when every one is used up the clock
    // moves on a day (a new business day) rather than counting refusals as tickets.
    let mut used_up = vec![false; codes.len()];
    let mut days = 0_i64;
    let mut tickets = 0_u64;
    let mut k = 0_usize;
    let started = Instant::now();
    while started.elapsed() < budget {
        if used_up.iter().all(|u| *u) {
            days += 1;
            used_up.fill(false);
        }
        let i = k % codes.len();
        k += 1;
        if used_up[i] {
            continue;
        }
        let priority = if tickets % 5 == 4 { Priority::Elderly } else { Priority::Normal };
        let now = Utc::now() + chrono::Duration::days(days);
        match queue::issue(&mut db, &session, now, &IssueInput::walk_in(&codes[i], priority)) {
            Ok(_) => tickets += 1,
            Err(e) if e.key() == "error.queue.numbers_used_up" => used_up[i] = true,
            Err(e) => return Err(e),
        }
    }
    let tickets_per_second = tickets as f64 / started.elapsed().as_secs_f64();

    let conn = db.conn();
    conn.execute_batch("CREATE TABLE bench_scratch (v INTEGER)")?;
    let mut inserts = 0_u64;
    let started = Instant::now();
    while started.elapsed() < budget {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        conn.prepare_cached("INSERT INTO bench_scratch VALUES (?1)")?
            .execute([i64::try_from(inserts).unwrap_or(i64::MAX)])?;
        conn.execute_batch("COMMIT")?;
        inserts += 1;
    }
    let bare_inserts_per_second = inserts as f64 / started.elapsed().as_secs_f64();
    let ratio = bare_inserts_per_second / tickets_per_second.max(f64::MIN_POSITIVE);
    let human = tr(
        out.lang(),
        "msg.cli.bench_queue",
        &[
            ("tickets", format!("{tickets_per_second:.1}")),
            ("inserts", format!("{bare_inserts_per_second:.1}")),
            ("ratio", format!("{ratio:.1}")),
        ],
    );
    out.print(
        &human,
        &json!({
            "tickets_per_second": tickets_per_second,
            "bare_inserts_per_second": bare_inserts_per_second,
            "ratio": ratio,
            "tickets": tickets,
            "bare_inserts": inserts,
            "business_days": days + 1,
            "seconds": budget.as_secs_f64(),
        }),
    );
    Ok(())
}
