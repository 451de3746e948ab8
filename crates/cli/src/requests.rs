//! `salactl requests …`: requests and complaints for scripts and administrators, over `sala_core::requests`
//! (where every rule lives: permissions, confidentiality, the workflow, validation).
//!
//! Every subcommand acts as a user, `--as USERNAME` with `SALA_PIN` or `SALA_PASSWORD`, signed in like
//! `salactl queue`. A request is named by its tracking code (`R6901-00042`); a restricted one this user may
//! not see is "not found", as everywhere else. `--json` prints core's objects with snake_case keys.
//!
//! `import --google-form` reads the old online form's responses (all rows checked first; nothing imported
//! unless all pass; a second run imports nothing twice). `export` writes Open311 GeoReport v2 JSON or CSV
//! to standard output, never restricted requests, personal data only with `--include-personal` by a user
//! who may export it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use sala_core::auth::Session;
use sala_core::db::Db;
use sala_core::doc::DocumentKind;
use sala_core::i18n::{t, tr};
use sala_core::print::{self, JobStatus, PrintEnv};
use sala_core::requests::{
    self, AttachmentInput, ContactChannel, ExportFormat, ExportOptions, IntakeInput, ListFilter,
    Received, RequestDetail, RequestListItem, Scope, State,
};
use sala_core::thai::date::{long_datetime, office_offset, short_date};
use sala_core::thai::parse_iso_date;
use sala_core::{Error, ErrorCode, Lang, Result};
use serde_json::{Map, Value, json};

use crate::Global;
use crate::output::Out;
use crate::queue::{sign_in, snake};

/// `salactl requests …`
#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// Import the old Google Form's responses (CSV from Google Sheets): all rows checked, all or nothing.
    Import {
        /// The responses file (CSV, UTF-8).
        #[arg(long, value_name = "FILE.csv")]
        google_form: PathBuf,
        /// A JSON file renaming columns and mapping request types to category codes.
        #[arg(long, value_name = "FILE.json")]
        mapping: Option<PathBuf>,
    },
    /// Write the requests in Open311 GeoReport v2 fields (JSON list) or CSV to standard output.
    Export {
        /// open311 (a JSON list) or csv.
        #[arg(long, value_parser = ["open311", "csv"], default_value = "open311")]
        format: String,
        /// Received on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Received on or before this date (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Add the reporter's name, phone and e-mail (supervisors).
        #[arg(long)]
        include_personal: bool,
    },
    /// List the requests this user may see (overdue ones are escalated first).
    List {
        /// all, mine, division, overdue or escalated.
        #[arg(
            long,
            default_value = "all",
            value_parser = ["all", "mine", "division", "overdue", "escalated"]
        )]
        scope: String,
        /// One state (received, checking, in_progress, forwarded, done, …).
        #[arg(long, value_name = "STATE")]
        state: Option<String>,
        /// A category code.
        #[arg(long, value_name = "CODE")]
        category: Option<String>,
        /// Area (หมู่ที่) contains this.
        #[arg(long, value_name = "TEXT")]
        area: Option<String>,
        /// Received on or after (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Received on or before (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Tracking code, description, place or reporter contains this.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
    },
    /// One request in full, with its history.
    Show {
        /// The tracking code.
        code: String,
    },
    /// How many requests this user can see, by state and list.
    Count,
    /// Take a request (as at the counter) and print its tracking code.
    New(Box<NewArgs>),
    /// Move a request to another state.
    Move {
        /// The tracking code.
        code: String,
        /// The new state (checking, in_progress, forwarded, done, not_our_remit, duplicate, cancelled).
        #[arg(long, value_name = "STATE")]
        to: String,
        /// A note the citizen reads (required for not_our_remit, forwarded, cancelled and reopening).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The original's tracking code (for duplicate).
        #[arg(long, value_name = "CODE")]
        duplicate_of: Option<String>,
    },
    /// Assign a request to a division and/or a person.
    Assign {
        /// The tracking code.
        code: String,
        /// The division's code (palad, works, …).
        #[arg(long, value_name = "CODE")]
        division: Option<String>,
        /// The person's username.
        #[arg(long, value_name = "USERNAME")]
        to: Option<String>,
    },
    /// Add a note (internal unless --public).
    Note {
        /// The tracking code.
        code: String,
        /// The note.
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// The citizen may read it.
        #[arg(long)]
        public: bool,
    },
    /// Record the citizen's satisfaction (1-5) with a request done.
    Rate {
        /// The tracking code.
        code: String,
        /// 1 (poor) to 5 (very good).
        #[arg(long, value_name = "1-5")]
        score: u8,
    },
    /// The call-back list: citizens to call or visit with an update.
    Callbacks,
    /// Mark a call-back done, with what happened.
    Called {
        /// The call-back's id (see `requests callbacks`).
        id: String,
        /// What happened (reached, no answer, …).
        #[arg(long, value_name = "TEXT")]
        outcome: String,
    },
    /// The request categories: code, name, kind, division, days to complete.
    Categories,
}

/// `requests new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The category's code (see `requests categories`).
    #[arg(long, value_name = "CODE")]
    category: String,
    /// What is wrong or wanted.
    #[arg(long, value_name = "TEXT")]
    description: String,
    /// The reporter's name.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The reporter's phone.
    #[arg(long, value_name = "PHONE")]
    phone: Option<String>,
    /// The reporter's e-mail.
    #[arg(long, value_name = "EMAIL")]
    email: Option<String>,
    /// The reporter's postal address.
    #[arg(long, value_name = "TEXT")]
    address: Option<String>,
    /// The reporter's 13-digit ID.
    #[arg(long, value_name = "ID")]
    thai_id: Option<String>,
    /// Keep the reporter anonymous (corruption and grievances).
    #[arg(long)]
    anonymous: bool,
    /// sms, email, call_back or none (default: from the contact given).
    #[arg(long, value_name = "CHANNEL")]
    channel: Option<String>,
    /// The place (address text).
    #[arg(long, value_name = "TEXT")]
    place: Option<String>,
    /// Area (หมู่ที่).
    #[arg(long, value_name = "TEXT")]
    area: Option<String>,
    /// Latitude (WGS 84 decimal degrees).
    #[arg(long, value_name = "X", requires = "long", allow_hyphen_values = true)]
    lat: Option<String>,
    /// Longitude.
    #[arg(long, value_name = "Y", requires = "lat", allow_hyphen_values = true)]
    long: Option<String>,
    /// The date the citizen gives (YYYY-MM-DD; today when left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// An answer to one of the category's questions (repeatable).
    #[arg(long, value_name = "CODE=VALUE")]
    answer: Vec<String>,
    /// A photo or document (JPEG, PNG, WebP, PDF; repeatable).
    #[arg(long, value_name = "FILE")]
    attach: Vec<PathBuf>,
    /// Also write the acknowledgement slip as a PDF to this file.
    #[arg(long, value_name = "FILE.pdf")]
    slip_pdf: Option<PathBuf>,
    /// Also print the slip on this PC's request-slip printer (a failed print does not undo the request).
    #[arg(long)]
    print: bool,
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::validation("error.doc.read").arg("path", path.display().to_string()).with_source(e)
    })
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&office_offset()).date_naive()
}

fn optional_date(input: Option<&str>) -> Result<Option<NaiveDate>> {
    input.map(parse_iso_date).transpose()
}

/// The request's id, for a tracking code this user may see ("not found" otherwise).
fn find(db: &Db, session: &Session, now: DateTime<Utc>, code: &str) -> Result<RequestDetail> {
    requests::get(db.conn(), session, today(now), code.trim())
}

/// Runs one `salactl requests …` subcommand.
pub fn run(command: RequestsCommand, global: &Global, out: &Out) -> Result<ExitCode> {
    let now = Utc::now();
    let lang = out.lang();
    match command {
        RequestsCommand::Import { google_form, mapping } => {
            let csv = read_file(&google_form)?;
            let mapping = match mapping {
                Some(path) => Some(
                    String::from_utf8(read_file(&path)?)
                        .map_err(|_| Error::validation("error.request.import.utf8"))?,
                ),
                None => None,
            };
            let (mut db, session) = sign_in(global, now)?;
            let report =
                requests::import_google_form(&mut db, &session, now, &csv, mapping.as_deref())?;
            let mut lines = vec![tr(
                lang,
                "msg.cli.request.imported",
                &[
                    ("imported", report.imported.to_string()),
                    ("skipped", report.skipped.to_string()),
                    ("rows", report.rows.to_string()),
                ],
            )];
            lines.extend(report.tracking_codes.iter().cloned());
            out.print(&lines.join("\n"), &snake(serde_json::to_value(&report)?));
        }
        RequestsCommand::Export { format, from, to, include_personal } => {
            let options = ExportOptions {
                format: if format == "csv" { ExportFormat::Csv } else { ExportFormat::Open311 },
                from: optional_date(from.as_deref())?,
                to: optional_date(to.as_deref())?,
                include_personal,
            };
            let (db, session) = sign_in(global, now)?;
            let text = requests::export(db.conn(), &session, &options)?;
            print!("{text}");
        }
        RequestsCommand::List { scope, state, category, area, from, to, search } => {
            let scope: Scope = serde_json::from_value(Value::String(scope))?;
            let state = state.as_deref().map(State::parse).transpose()?;
            let from = optional_date(from.as_deref())?.map(|d| d.to_string());
            let to = optional_date(to.as_deref())?.map(|d| d.to_string());
            let (mut db, session) = sign_in(global, now)?;
            requests::escalate_overdue(&mut db, now, today(now))?;
            let filter = ListFilter {
                scope,
                state,
                category,
                area,
                from,
                to,
                text: search,
                ..ListFilter::default()
            };
            let items = requests::list(db.conn(), &session, today(now), &filter)?;
            let human = if items.is_empty() {
                t(lang, "msg.cli.request.none")
            } else {
                items.iter().map(|i| list_line(lang, i)).collect::<Vec<_>>().join("\n")
            };
            out.print(&human, &snake(serde_json::to_value(&items)?));
        }
        RequestsCommand::Show { code } => {
            let (db, session) = sign_in(global, now)?;
            let detail = find(&db, &session, now, &code)?;
            print_detail(out, &detail, None)?;
        }
        RequestsCommand::Count => {
            let (mut db, session) = sign_in(global, now)?;
            requests::escalate_overdue(&mut db, now, today(now))?;
            let c = requests::counts(db.conn(), &session, today(now))?;
            let mut lines = vec![tr(
                lang,
                "msg.cli.request.counts",
                &[
                    ("total", c.total.to_string()),
                    ("mine", c.mine.to_string()),
                    ("division", c.division.to_string()),
                    ("overdue", c.overdue.to_string()),
                    ("callbacks", c.callbacks.to_string()),
                ],
            )];
            for (state, n) in &c.by_state {
                lines.push(format!("{}: {n}", t(lang, state.label_key())));
            }
            let mut v = snake(serde_json::to_value(&c)?);
            // `by_state` as an object (`{"received": 3, …}`) reads better in scripts than pairs.
            let by_state: Map<String, Value> =
                c.by_state.iter().map(|(s, n)| (s.as_str().to_owned(), json!(n))).collect();
            v["by_state"] = Value::Object(by_state);
            out.print(&lines.join("\n"), &v);
        }
        RequestsCommand::New(args) => return new(*args, global, out, now),
        RequestsCommand::Move { code, to, note, duplicate_of } => {
            let to = State::parse(&to)?;
            let (mut db, session) = sign_in(global, now)?;
            let id = find(&db, &session, now, &code)?.id;
            let detail = requests::change_state(
                &mut db,
                &session,
                now,
                &id,
                to,
                note.as_deref().unwrap_or(""),
                duplicate_of.as_deref(),
            )?;
            let what = tr(lang, "msg.cli.request.moved", &[("state", t(lang, to.label_key()))]);
            print_detail(out, &detail, Some(what))?;
        }
        RequestsCommand::Assign { code, division, to } => {
            let (mut db, session) = sign_in(global, now)?;
            let id = find(&db, &session, now, &code)?.id;
            let assignee = match to.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
                Some(username) => Some(
                    db.conn()
                        .query_row(
                            "SELECT id FROM app_user WHERE username = ?1 AND deleted_at IS NULL",
                            [username],
                            |r| r.get::<_, String>(0),
                        )
                        .map_err(|_| {
                            Error::new(ErrorCode::NotFound, "error.not_found")
                                .arg("what", username.to_owned())
                        })?,
                ),
                None => None,
            };
            let detail = requests::assign(
                &mut db,
                &session,
                now,
                &id,
                division.as_deref(),
                assignee.as_deref(),
            )?;
            print_detail(out, &detail, Some(t(lang, "msg.cli.request.assigned")))?;
        }
        RequestsCommand::Note { code, text, public } => {
            let (mut db, session) = sign_in(global, now)?;
            let id = find(&db, &session, now, &code)?.id;
            let detail = requests::add_note(&mut db, &session, now, &id, &text, public)?;
            let key = if public { "msg.cli.request.noted_public" } else { "msg.cli.request.noted" };
            print_detail(out, &detail, Some(t(lang, key)))?;
        }
        RequestsCommand::Rate { code, score } => {
            let (mut db, session) = sign_in(global, now)?;
            let id = find(&db, &session, now, &code)?.id;
            let detail = requests::rate(&mut db, &session, now, &id, score)?;
            let what = tr(lang, "msg.cli.request.rated", &[("score", score.to_string())]);
            print_detail(out, &detail, Some(what))?;
        }
        RequestsCommand::Callbacks => {
            let (db, session) = sign_in(global, now)?;
            let list = requests::callbacks(db.conn(), &session)?;
            let human = if list.is_empty() {
                t(lang, "msg.cli.request.no_callbacks")
            } else {
                list.iter()
                    .map(|c| {
                        format!("{}  {}  {}\n    {}", c.id, c.tracking_code, c.recipient, c.message)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(&human, &snake(serde_json::to_value(&list)?));
        }
        RequestsCommand::Called { id, outcome } => {
            let (mut db, session) = sign_in(global, now)?;
            requests::mark_called(&mut db, &session, now, id.trim(), &outcome)?;
            out.print(
                &t(lang, "msg.cli.request.called"),
                &json!({ "id": id.trim(), "done": true }),
            );
        }
        RequestsCommand::Categories => {
            let (db, session) = sign_in(global, now)?;
            let list = requests::categories(db.conn(), &session, false)?;
            let human = list
                .iter()
                .map(|c| {
                    let name = if lang == Lang::En { &c.name_en } else { &c.name_th };
                    tr(
                        lang,
                        "msg.cli.request.category_row",
                        &[
                            ("code", c.code.clone()),
                            ("name", name.clone()),
                            ("kind", t(lang, c.kind.label_key())),
                            ("division", c.department_name.clone().unwrap_or_else(|| "-".into())),
                            ("days", c.expected_days.to_string()),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.print(&human, &snake(serde_json::to_value(&list)?));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `requests new`: the intake, then the slip (as a PDF and/or printed); neither undoes the request.
fn new(args: NewArgs, global: &Global, out: &Out, now: DateTime<Utc>) -> Result<ExitCode> {
    let channel = args.channel.as_deref().map(ContactChannel::parse).transpose()?;
    let occurred_on = optional_date(args.date.as_deref())?.map(|d| d.to_string());
    let mut answers = Map::new();
    for pair in &args.answer {
        let Some((code, value)) = pair.split_once('=') else {
            return Err(Error::validation("error.cli.request_answer").arg("input", pair.clone()));
        };
        answers.insert(code.trim().to_owned(), Value::String(value.trim().to_owned()));
    }
    let mut attachments = Vec::new();
    for path in &args.attach {
        let bytes = read_file(path)?;
        let file_name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let data_base64 = base64::engine::general_purpose::STANDARD.encode(bytes);
        attachments.push(AttachmentInput { file_name, data_base64 });
    }
    let input = IntakeInput {
        category: args.category,
        thai_id: args.thai_id,
        anonymous: args.anonymous,
        contact_name: args.name.unwrap_or_default(),
        contact_phone: args.phone.unwrap_or_default(),
        contact_email: args.email.unwrap_or_default(),
        contact_address: args.address.unwrap_or_default(),
        contact_channel: channel,
        description: args.description,
        answers,
        address: args.place.unwrap_or_default(),
        area: args.area.unwrap_or_default(),
        lat: args.lat,
        long: args.long,
        occurred_on,
        attachments,
        ..IntakeInput::default()
    };
    let (mut db, session) = sign_in(global, now)?;
    let received = requests::intake(&mut db, &session, now, &input)?;
    let lang = out.lang();
    let mut lines = received_lines(lang, &received);
    let mut v = snake(serde_json::to_value(&received)?);
    slip(out, &mut db, &session, now, &received, &args.slip_pdf, args.print, &mut lines, &mut v);
    out.print(&lines.join("\n"), &v);
    Ok(ExitCode::SUCCESS)
}

/// The tracking code first (`salactl requests new … | head -1`), then what was taken.
fn received_lines(lang: Lang, r: &Received) -> Vec<String> {
    let due = NaiveDate::parse_from_str(&r.due_on, "%Y-%m-%d")
        .map_or_else(|_| r.due_on.clone(), |d| short_date(d, lang));
    let category = if lang == Lang::En { &r.category_name_en } else { &r.category_name_th };
    let mut lines = vec![
        r.tracking_code.clone(),
        tr(
            lang,
            "msg.cli.request.received",
            &[
                ("category", category.clone()),
                ("due", due),
                ("channel", t(lang, r.contact_channel.label_key())),
            ],
        ),
    ];
    if r.restricted {
        lines.push(t(lang, "msg.cli.request.restricted"));
    }
    lines
}

/// Writes and/or prints the slip; a failure goes to stderr and into the JSON, never undoing the request.
#[allow(clippy::too_many_arguments)]
fn slip(
    out: &Out,
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    received: &Received,
    pdf: &Option<PathBuf>,
    print: bool,
    lines: &mut Vec<String>,
    v: &mut Value,
) {
    if pdf.is_none() && !print {
        return;
    }
    let lang = out.lang();
    let code = received.tracking_code.clone();
    let failed = |reason: &str| {
        let message = tr(
            lang,
            "msg.cli.request.slip_failed",
            &[("code", code.clone()), ("reason", reason.to_owned())],
        );
        eprintln!("{}: {message}", t(lang, "msg.cli.error"));
    };
    // The slip is the citizen's: Thai whatever the command line's language.
    let document = requests::slip_document(db.conn(), received, Lang::Th);
    if let Some(path) = pdf {
        let written = crate::documents::write_pdf(&document, path, lang);
        match written {
            Ok(()) => {
                let path_text = path.display().to_string();
                lines.push(tr(lang, "msg.cli.request.slip_written", &[("path", path_text)]));
                v["slip_pdf"] = json!(path);
            }
            Err(reason) => {
                failed(&reason);
                v["slip_pdf_error"] = json!(reason);
            }
        }
    }
    if print {
        let env = PrintEnv { cups: crate::documents::cups_server(None), ..PrintEnv::default() };
        let job = document
            .and_then(|d| print::print(db, session, now, d, DocumentKind::RequestSlip, &env, lang));
        match job {
            Ok(job) => {
                v["print"] = json!({ "status": job.status, "destination": job.destination, "reason": job.reason, "job_id": job.id });
                match job.status {
                    JobStatus::Failed => failed(&job.reason.unwrap_or_default()),
                    JobStatus::Sent => lines.push(tr(
                        lang,
                        "msg.cli.request.printed",
                        &[("destination", job.destination)],
                    )),
                    JobStatus::Queued | JobStatus::Sending => lines.push(tr(
                        lang,
                        "msg.cli.request.print_queued",
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

fn due_text(lang: Lang, due_on: &str, overdue: bool) -> String {
    let due = NaiveDate::parse_from_str(due_on, "%Y-%m-%d")
        .map_or_else(|_| due_on.to_owned(), |d| short_date(d, lang));
    let key = if overdue { "msg.cli.request.due_overdue" } else { "msg.cli.request.due" };
    tr(lang, key, &[("due", due)])
}

fn when(lang: Lang, stamp: &str) -> String {
    DateTime::parse_from_rfc3339(stamp).map_or_else(
        |_| stamp.to_owned(),
        |t| long_datetime(t.with_timezone(&office_offset()).naive_local(), lang),
    )
}

fn list_line(lang: Lang, i: &RequestListItem) -> String {
    let category = if lang == Lang::En { &i.category_name_en } else { &i.category_name_th };
    let mut line = format!(
        "{}  {}  {}  {}  ({})",
        i.tracking_code,
        t(lang, i.state.label_key()),
        category,
        i.summary,
        due_text(lang, &i.due_on, i.overdue)
    );
    if let Some(name) = &i.assignee_name {
        line.push_str(&format!(" · {name}"));
    }
    line
}

fn detail_lines(lang: Lang, d: &RequestDetail) -> Vec<String> {
    let category = if lang == Lang::En { &d.category_name_en } else { &d.category_name_th };
    let mut lines = vec![
        format!("{}  {}", d.tracking_code, t(lang, d.state.label_key())),
        format!("{} ({})", category, d.category_code),
        d.description.clone(),
    ];
    if !d.address.is_empty() {
        lines.push(tr(lang, "msg.cli.request.place", &[("place", d.address.clone())]));
    }
    match (&d.reporter, d.anonymous, d.reporter_hidden) {
        (_, true, _) => lines.push(t(lang, "msg.cli.request.anonymous")),
        (_, _, true) => lines.push(t(lang, "msg.cli.request.reporter_hidden")),
        (Some(r), ..) if !r.name.is_empty() || !r.phone.is_empty() => {
            let contact = [r.name.as_str(), r.phone.as_str(), r.email.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push(tr(lang, "msg.cli.request.reporter", &[("reporter", contact)]));
        }
        _ => {}
    }
    lines.push(tr(
        lang,
        "msg.cli.request.handled_by",
        &[
            ("division", d.department_name.clone().unwrap_or_else(|| "-".into())),
            ("assignee", d.assignee_name.clone().unwrap_or_else(|| "-".into())),
        ],
    ));
    lines.push(tr(
        lang,
        "msg.cli.request.received_at",
        &[("at", when(lang, &d.received_at)), ("due", due_text(lang, &d.due_on, d.overdue))],
    ));
    if !d.status_notes.is_empty() {
        lines.push(tr(lang, "msg.cli.request.status_notes", &[("note", d.status_notes.clone())]));
    }
    for e in &d.events {
        let mut text = format!("  {}  {}", when(lang, &e.at), e.kind);
        if let (Some(from), Some(to)) = (e.from_state, e.to_state) {
            text.push_str(&format!(" {} → {}", t(lang, from.label_key()), t(lang, to.label_key())));
        }
        if let Some(name) = &e.user_name {
            text.push_str(&format!(" · {name}"));
        }
        if !e.note.is_empty() {
            text.push_str(&format!(": {}", e.note));
        }
        lines.push(text);
    }
    lines
}

fn print_detail(out: &Out, detail: &RequestDetail, what: Option<String>) -> Result<()> {
    let mut lines = detail_lines(out.lang(), detail);
    if let Some(what) = what {
        lines.insert(1, what);
    }
    out.print(&lines.join("\n"), &snake(serde_json::to_value(detail)?));
    Ok(())
}
