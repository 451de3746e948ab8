//! Print routes (which printer and paper each kind of document goes to, per PC) and print jobs (every
//! print with its outcome, kept with its document so a failed one can be printed again).
//!
//! A print runs in three steps so a shell never holds the database while a printer thinks:
//! [`prepare`] (read the route, lay out, render PDF and, for a thermal printer, the ESC/POS raster, and
//! record the job as `sending`), [`deliver`] (talk to the printer, no database), [`finish`] (record the
//! outcome). [`print()`] does all three. A job is `sent` only when the printer or spooler confirmed it; a
//! refusal, an error or silence is `failed` with the reason; a CUPS job still in the queue is `queued`
//! until [`refresh`] sees it finish. A crash between the steps leaves `sending`, which [`refresh`] turns
//! into `failed` ("interrupted") after a minute, so nothing is ever counted printed that was not.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::cups::{self, CupsServer, JobId, JobOutcome, PrinterInfo};
use super::escpos::{self, Cut, EscPosOptions, Raster};
use crate::auth::{Action, Session};
use crate::db::{AuditEvent, Db, Entity};
use crate::doc::{Document, DocumentKind, Paper, raster::Bitmap};
use crate::error::StoredMessage;
use crate::{Error, ErrorCode, Lang, Result};

/// Where a kind of document is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Destination {
    /// A CUPS queue (Linux; any printer with a driver, including thermal ones through CUPS).
    Cups {
        /// The queue's name.
        printer: String,
    },
    /// A thermal printer spoken to directly in ESC/POS raster: `tcp://HOST:9100` or a device file.
    Escpos {
        /// The printer's address.
        target: String,
    },
}

impl Destination {
    /// How the destination is stored on a job: `cups:NAME` or `escpos:ADDRESS`.
    pub fn label(&self) -> String {
        match self {
            Destination::Cups { printer } => format!("cups:{printer}"),
            Destination::Escpos { target } => format!("escpos:{target}"),
        }
    }
}

/// The printer and paper for one kind of document on this PC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// The kind of document.
    pub kind: DocumentKind,
    /// The printer; `None` until someone chooses one (printing then fails with a clear reason).
    pub destination: Option<Destination>,
    /// The paper.
    pub paper: Paper,
    /// Cut the paper after each document (thermal printers with a cutter).
    pub cut: bool,
    /// Open the cash drawer after printing (receipts on a thermal printer with a drawer).
    pub open_drawer: bool,
}

impl Route {
    /// The route used until one is set: no printer, the kind's usual paper, cut on.
    pub fn default_for(kind: DocumentKind) -> Route {
        Route {
            kind,
            destination: None,
            paper: kind.default_paper(),
            cut: true,
            open_drawer: false,
        }
    }
}

fn route_key(kind: DocumentKind) -> String {
    format!("print.route.{}", kind.as_str())
}

/// The route of every kind of document on this PC (defaults where none is set).
pub fn routes(conn: &Connection) -> Result<Vec<Route>> {
    DocumentKind::ALL.into_iter().map(|k| route(conn, k)).collect()
}

/// The route for `kind`.
pub fn route(conn: &Connection, kind: DocumentKind) -> Result<Route> {
    let stored: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [route_key(kind)], |r| r.get(0))
        .optional()?;
    Ok(stored
        .and_then(|v| serde_json::from_str::<Route>(&v).ok())
        .filter(|r| r.kind == kind)
        .unwrap_or_else(|| Route::default_for(kind)))
}

/// Sets the route of `route.kind` on this PC (administrators and supervisors; audited as a setting).
///
/// Refused with a clear reason: an empty printer name, an ESC/POS address that does not parse, ESC/POS to
/// sheet paper (thermal printers take rolls), a cash drawer on anything but ESC/POS.
pub fn set_route(db: &mut Db, session: &Session, now: DateTime<Utc>, route: &Route) -> Result<()> {
    session.require(Action::ManagePrinters)?;
    let mut route = route.clone();
    match &mut route.destination {
        Some(Destination::Cups { printer }) => {
            *printer = printer.trim().to_owned();
            if printer.is_empty() {
                return Err(Error::validation("error.print.printer_required"));
            }
        }
        Some(Destination::Escpos { target }) => {
            *target = escpos::parse_target(target)?.to_string();
            if !route.paper.is_roll() {
                return Err(Error::validation("error.print.escpos_needs_roll"));
            }
        }
        None => {}
    }
    if route.open_drawer && !matches!(route.destination, Some(Destination::Escpos { .. })) {
        return Err(Error::validation("error.print.drawer_needs_escpos"));
    }
    let old = self::route(db.conn(), route.kind)?;
    if old == route {
        return Ok(());
    }
    let value = serde_json::to_string(&route)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    db.write(&session.actor(), now, |w| {
        w.conn().execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (route_key(route.kind), &value),
        )?;
        w.event("setting", &route_key(route.kind), AuditEvent::Setting, &json!({ "before": old, "after": route }))
    })
}

/// The CUPS printers this PC can print to (administrators and supervisors).
pub fn printers(session: &Session, env: &PrintEnv) -> Result<Vec<PrinterInfo>> {
    session.require(Action::ManagePrinters)?;
    cups::list_printers(&env.cups)
}

/// How this PC reaches its printers, and how long it waits for them. Shells fill it in; tests point `cups`
/// at a private scheduler.
#[derive(Debug, Clone)]
pub struct PrintEnv {
    /// The CUPS scheduler.
    pub cups: CupsServer,
    /// How long to wait for CUPS to finish a job before recording it `queued`.
    pub wait: Duration,
    /// How long an ESC/POS printer may take to answer.
    pub escpos_timeout: Duration,
}

impl Default for PrintEnv {
    fn default() -> PrintEnv {
        PrintEnv {
            cups: CupsServer::system(),
            wait: Duration::from_secs(15),
            escpos_timeout: Duration::from_secs(5),
        }
    }
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Handed to the printer; the outcome is not known yet.
    Sending,
    /// The spooler has it and has not finished it.
    Queued,
    /// The printer or spooler confirmed it.
    Sent,
    /// It did not print (see the reason).
    Failed,
}

impl JobStatus {
    fn as_str(self) -> &'static str {
        match self {
            JobStatus::Sending => "sending",
            JobStatus::Queued => "queued",
            JobStatus::Sent => "sent",
            JobStatus::Failed => "failed",
        }
    }

    fn parse(s: &str) -> JobStatus {
        match s {
            "queued" => JobStatus::Queued,
            "sent" => JobStatus::Sent,
            "failed" => JobStatus::Failed,
            _ => JobStatus::Sending,
        }
    }
}

/// A print job as the jobs list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintJob {
    /// The job's id.
    pub id: String,
    /// The kind of document.
    pub kind: DocumentKind,
    /// The document's title (a ticket number, a notice number).
    pub title: String,
    /// The paper it was laid out for.
    pub paper: Paper,
    /// `cups:NAME`, `escpos:ADDRESS`, or empty when no printer was set.
    pub destination: String,
    /// Where it is.
    pub status: JobStatus,
    /// Why it failed, in the reader's language.
    pub reason: Option<String>,
    /// The spooler's job (`SalaPDF-12`).
    pub spool_job: Option<String>,
    /// The job this one printed again.
    pub reprint_of: Option<String>,
    /// Who printed it.
    pub user_name: Option<String>,
    /// When it was started (RFC 3339 UTC).
    pub created_at: String,
    /// When its status last changed.
    pub updated_at: String,
}

/// What was rendered for a job and is about to be sent.
#[derive(Debug)]
pub struct Prepared {
    job_id: String,
    title: String,
    route: Route,
    pdf: Vec<u8>,
    escpos: Option<Vec<u8>>,
}

impl Prepared {
    /// The job's id.
    pub fn job_id(&self) -> &str {
        &self.job_id
    }

    /// The PDF (what CUPS gets, and what a supervisor can look at).
    pub fn pdf(&self) -> &[u8] {
        &self.pdf
    }

    /// The ESC/POS bytes, when the route is a thermal printer.
    pub fn escpos(&self) -> Option<&[u8]> {
        self.escpos.as_deref()
    }
}

/// What happened at the printer.
#[derive(Debug)]
pub struct Delivery {
    status: JobStatus,
    spool_job: Option<String>,
    reason: Option<Error>,
}

impl From<Bitmap> for Raster {
    fn from(b: Bitmap) -> Raster {
        Raster { width: b.width, height: b.height, data: b.data }
    }
}

/// Lays out `document` for the route of `kind`, renders it, and records the job as `sending` with its
/// document (one transaction, audited). `reprint_of` links a reprint to its original.
pub fn prepare(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    mut document: Document,
    kind: DocumentKind,
    reprint_of: Option<&str>,
) -> Result<Prepared> {
    let route = route(db.conn(), kind)?;
    document.paper = route.paper;
    let pages = crate::doc::layout(&document)?;
    let pdf = crate::doc::pdf::write(&document.title, &pages)?;
    let escpos = match (&route.destination, route.paper.roll_dots()) {
        (Some(Destination::Escpos { .. }), Some(dots)) => {
            let opts = EscPosOptions {
                cut: if route.cut { Cut::Partial } else { Cut::None },
                open_drawer: route.open_drawer,
                ..EscPosOptions::default()
            };
            let mut bytes = Vec::new();
            for page in &pages {
                let raster: Raster = crate::doc::raster::render(page, dots)?.into();
                bytes.extend(escpos::encode(&raster, &opts));
            }
            Some(bytes)
        }
        _ => None,
    };
    let document_json = serde_json::to_string(&document)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    let destination = route.destination.as_ref().map(Destination::label).unwrap_or_default();
    let job_id = db.write(&session.actor(), now, |w| {
        let id = w.insert(
            Entity::PrintJob,
            &[
                ("kind", kind.as_str().to_owned().into()),
                ("title", document.title.clone().into()),
                ("paper", route.paper.as_str().to_owned().into()),
                ("destination", destination.clone().into()),
                ("status", JobStatus::Sending.as_str().to_owned().into()),
                ("reprint_of", reprint_of.map(str::to_owned).into()),
                ("user_id", session.user().id.clone().into()),
            ],
        )?;
        w.conn().execute(
            "INSERT INTO print_document (job_id, document, pdf) VALUES (?1, ?2, ?3)",
            params![id, document_json, pdf],
        )?;
        Ok(id)
    })?;
    Ok(Prepared { job_id, title: document.title, route, pdf, escpos })
}

/// Sends a prepared job to its printer and says what happened. Touches no database.
pub fn deliver(job: &Prepared, env: &PrintEnv) -> Delivery {
    let failed = |reason: Error| Delivery {
        status: JobStatus::Failed,
        spool_job: None,
        reason: Some(reason),
    };
    match &job.route.destination {
        None => failed(
            Error::validation("error.print.no_printer").arg_key("kind", kind_key(job.route.kind)),
        ),
        Some(Destination::Escpos { target }) => {
            let Some(bytes) = &job.escpos else {
                return failed(Error::validation("error.print.escpos_needs_roll"));
            };
            match escpos::parse_target(target)
                .and_then(|t| escpos::send(&t, bytes, env.escpos_timeout))
            {
                Ok(()) => Delivery { status: JobStatus::Sent, spool_job: None, reason: None },
                Err(e) => failed(e),
            }
        }
        Some(Destination::Cups { printer }) => {
            let options = cups_options(job.route.paper);
            match cups::submit(&env.cups, printer, &job.pdf, &job.title, &options) {
                Err(e) => failed(e),
                Ok(spooled) => {
                    let spool_job = Some(spooled.to_string());
                    match cups::wait(&env.cups, &spooled, env.wait) {
                        Ok(JobOutcome::Completed) => {
                            Delivery { status: JobStatus::Sent, spool_job, reason: None }
                        }
                        Ok(JobOutcome::Failed { reason }) => {
                            Delivery { status: JobStatus::Failed, spool_job, reason: Some(reason) }
                        }
                        Ok(JobOutcome::StillPending { .. }) => {
                            Delivery { status: JobStatus::Queued, spool_job, reason: None }
                        }
                        Err(e) => {
                            Delivery { status: JobStatus::Queued, spool_job, reason: Some(e) }
                        }
                    }
                }
            }
        }
    }
}

/// The CUPS options for `paper`: the media size, and no scaling (the PDF is already the paper's size).
fn cups_options(paper: Paper) -> Vec<(String, String)> {
    let media = match paper {
        Paper::A4 => "A4".to_owned(),
        Paper::A5 => "A5".to_owned(),
        Paper::Roll80 | Paper::Roll58 => format!("Custom.{}x297mm", paper.width_mm()),
    };
    vec![("media".into(), media)]
}

fn kind_key(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::QueueSlip => "msg.document.queue_slip",
        DocumentKind::RequestSlip => "msg.document.request_slip",
        DocumentKind::TaxNotice => "msg.document.tax_notice",
        DocumentKind::Receipt => "msg.document.receipt",
        DocumentKind::Report => "msg.document.report",
        DocumentKind::TestPage => "msg.document.test_page",
    }
}

/// Records what [`deliver`] saw (audited) and returns the job.
pub fn finish(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    job: &Prepared,
    delivery: &Delivery,
    lang: Lang,
) -> Result<PrintJob> {
    let reason = delivery
        .reason
        .as_ref()
        .filter(|_| delivery.status == JobStatus::Failed)
        .map(|e| e.to_stored());
    let reason_json = reason.as_ref().map(|r| serde_json::to_string(r).unwrap_or_default());
    db.write(&session.actor(), now, |w| {
        w.update(
            Entity::PrintJob,
            &job.job_id,
            &[
                ("status", delivery.status.as_str().to_owned().into()),
                ("reason", reason_json.clone().into()),
                ("spool_job", delivery.spool_job.clone().into()),
            ],
        )
    })?;
    load(db.conn(), &job.job_id, lang)
}

/// Prints `document` as a `kind` on this PC's route for it, and returns the recorded job. A printer that
/// fails gives a job with status `failed` and its reason, not an error: the failure is shown with a
/// reprint button. Errors are for things that stop the job from being recorded at all.
pub fn print(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    document: Document,
    kind: DocumentKind,
    env: &PrintEnv,
    lang: Lang,
) -> Result<PrintJob> {
    let job = prepare(db, session, now, document, kind, None)?;
    let delivery = deliver(&job, env);
    finish(db, session, now, &job, &delivery, lang)
}

/// Prepares job `id`'s document again, on today's route for its kind, as a new job linked to it. Anyone may
/// reprint their own jobs; administrators and supervisors anyone's on this PC.
pub fn prepare_reprint(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    id: &str,
) -> Result<Prepared> {
    let (kind, owner, document): (String, Option<String>, String) = db
        .conn()
        .query_row(
            "SELECT j.kind, j.user_id, d.document FROM print_job j JOIN print_document d ON d.job_id = j.id \
             WHERE j.id = ?1 AND j.deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.print.job_not_found"))?;
    if owner.as_deref() != Some(session.user().id.as_str()) {
        session.require(Action::ManagePrinters)?;
    }
    let kind = DocumentKind::parse(&kind)
        .ok_or_else(|| Error::new(ErrorCode::Internal, "error.internal"))?;
    let document: Document = serde_json::from_str(&document)
        .map_err(|e| Error::new(ErrorCode::Internal, "error.internal").with_source(e))?;
    prepare(db, session, now, document, kind, Some(id))
}

/// [`prepare_reprint`], then deliver and record.
pub fn reprint(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    id: &str,
    env: &PrintEnv,
    lang: Lang,
) -> Result<PrintJob> {
    let job = prepare_reprint(db, session, now, id)?;
    let delivery = deliver(&job, env);
    finish(db, session, now, &job, &delivery, lang)
}

/// Prepares a printer and font test page on the route of `kind` (administrators and supervisors).
pub fn prepare_test_page(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    kind: DocumentKind,
) -> Result<Prepared> {
    session.require(Action::ManagePrinters)?;
    let office = crate::office::summary(db.conn())?.map(|o| o.name).unwrap_or_default();
    let paper = route(db.conn(), kind)?.paper;
    prepare(db, session, now, crate::doc::samples::test_page(&office, paper), kind, None)
}

/// [`prepare_test_page`], then deliver and record.
pub fn test_page(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    kind: DocumentKind,
    env: &PrintEnv,
    lang: Lang,
) -> Result<PrintJob> {
    let job = prepare_test_page(db, session, now, kind)?;
    let delivery = deliver(&job, env);
    finish(db, session, now, &job, &delivery, lang)
}

const JOB_COLUMNS: &str = "j.id, j.kind, j.title, j.paper, j.destination, j.status, j.reason, j.spool_job, \
     j.reprint_of, u.display_name, j.created_at, j.updated_at";

fn job_from_row(r: &rusqlite::Row<'_>, lang: Lang) -> rusqlite::Result<PrintJob> {
    let kind: String = r.get(1)?;
    let paper: String = r.get(3)?;
    let status: String = r.get(5)?;
    let reason: Option<String> = r.get(6)?;
    Ok(PrintJob {
        id: r.get(0)?,
        kind: DocumentKind::parse(&kind).unwrap_or(DocumentKind::Report),
        title: r.get(2)?,
        paper: Paper::parse(&paper).unwrap_or(Paper::A4),
        destination: r.get(4)?,
        status: JobStatus::parse(&status),
        reason: reason
            .and_then(|s| serde_json::from_str::<StoredMessage>(&s).ok())
            .map(|m| m.render(lang)),
        spool_job: r.get(7)?,
        reprint_of: r.get(8)?,
        user_name: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

fn load(conn: &Connection, id: &str, lang: Lang) -> Result<PrintJob> {
    Ok(conn.query_row(
        &format!("SELECT {JOB_COLUMNS} FROM print_job j LEFT JOIN app_user u ON u.id = j.user_id WHERE j.id = ?1"),
        [id],
        |r| job_from_row(r, lang),
    )?)
}

/// Recent jobs on this PC, newest first: the user's own, or everyone's for administrators and supervisors.
/// `problems_only` keeps the jobs that did not print (failed, or still sending/queued) and have not been
/// printed again successfully.
pub fn jobs(
    conn: &Connection,
    session: &Session,
    problems_only: bool,
    limit: u32,
    lang: Lang,
) -> Result<Vec<PrintJob>> {
    let everyone = session.can(Action::ManagePrinters);
    let mut sql = format!(
        "SELECT {JOB_COLUMNS} FROM print_job j LEFT JOIN app_user u ON u.id = j.user_id WHERE j.deleted_at IS NULL"
    );
    if !everyone {
        sql.push_str(" AND j.user_id = ?1");
    }
    if problems_only {
        sql.push_str(
            " AND j.status <> 'sent' AND NOT EXISTS (SELECT 1 FROM print_job r WHERE r.reprint_of = j.id AND r.status = 'sent')",
        );
    }
    sql.push_str(" ORDER BY j.created_at DESC, j.id DESC LIMIT ?2");
    let mut stmt = conn.prepare(&sql)?;
    let user = session.user().id.clone();
    let rows =
        stmt.query_map(params![user, i64::from(limit.clamp(1, 500))], |r| job_from_row(r, lang))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How long a job may stay `sending` before it is taken as interrupted.
const INTERRUPTED_AFTER: chrono::Duration = chrono::Duration::minutes(1);

/// Brings jobs up to date: `queued` CUPS jobs that have since finished or failed, and `sending` jobs left by
/// a crash (failed, "interrupted"). Returns how many changed.
pub fn refresh(
    db: &mut Db,
    session: &Session,
    now: DateTime<Utc>,
    env: &PrintEnv,
) -> Result<usize> {
    let pending: Vec<(String, String, Option<String>, String)> = {
        let mut stmt = db.conn().prepare(
            "SELECT id, status, spool_job, updated_at FROM print_job WHERE status IN ('sending', 'queued') AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut changed = 0;
    for (id, status, spool_job, updated_at) in pending {
        let outcome: Option<(JobStatus, Option<Error>)> = match (status.as_str(), spool_job) {
            ("queued", Some(spool)) => match parse_spool_job(&spool) {
                Some(job) => match cups::wait(&env.cups, &job, Duration::ZERO) {
                    Ok(JobOutcome::Completed) => Some((JobStatus::Sent, None)),
                    Ok(JobOutcome::Failed { reason }) => Some((JobStatus::Failed, Some(reason))),
                    Ok(JobOutcome::StillPending { .. }) | Err(_) => None,
                },
                None => None,
            },
            ("sending", _) => {
                let stale = DateTime::parse_from_rfc3339(&updated_at)
                    .map(|t| now.signed_duration_since(t) > INTERRUPTED_AFTER)
                    .unwrap_or(true);
                stale.then(|| {
                    (
                        JobStatus::Failed,
                        Some(Error::new(ErrorCode::Internal, "error.print.interrupted")),
                    )
                })
            }
            _ => None,
        };
        if let Some((status, reason)) = outcome {
            let reason_json =
                reason.map(|e| serde_json::to_string(&e.to_stored()).unwrap_or_default());
            db.write(&session.actor(), now, |w| {
                w.update(
                    Entity::PrintJob,
                    &id,
                    &[
                        ("status", status.as_str().to_owned().into()),
                        ("reason", reason_json.clone().into()),
                    ],
                )
            })?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn parse_spool_job(s: &str) -> Option<JobId> {
    let (printer, id) = s.rsplit_once('-')?;
    Some(JobId { printer: printer.to_owned(), id: id.parse().ok()? })
}

/// The stored PDF of job `id` (to look at what was printed).
pub fn job_pdf(conn: &Connection, session: &Session, id: &str) -> Result<Vec<u8>> {
    let (owner, pdf): (Option<String>, Vec<u8>) = conn
        .query_row(
            "SELECT j.user_id, d.pdf FROM print_job j JOIN print_document d ON d.job_id = j.id WHERE j.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::new(ErrorCode::NotFound, "error.print.job_not_found"))?;
    if owner.as_deref() != Some(session.user().id.as_str()) {
        session.require(Action::ManagePrinters)?;
    }
    Ok(pdf)
}
