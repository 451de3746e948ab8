//! CUPS: listing printers, submitting a PDF, and following a job to its outcome.
//!
//! Sala speaks IPP/1.1 to the CUPS scheduler itself (a small encoder/decoder in `cups/ipp.rs`, over
//! HTTP/1.1 on a TCP port or CUPS's Unix socket) rather than running `lp`/`lpstat`: IPP gives the job's
//! numeric state (9 completed, 8 aborted, 7 canceled, 6 stopped) and the printer's own words for a
//! failure, where `lpstat` output is localized and meant for people. No shell and no helper program is
//! involved.
//!
//! The rules a clerk relies on:
//! - [`submit`] checks the queue first and refuses, before sending anything, a printer that does not
//!   exist, is stopped (disabled) or is not accepting jobs: a stopped queue would otherwise accept the
//!   job and sit on it.
//! - [`wait`] reports [`JobOutcome::Completed`] only for job-state 9. A job CUPS aborted or canceled is
//!   [`JobOutcome::Failed`] with the reason. A job that cannot make progress (held by CUPS after a
//!   backend error, stopped, or queued on a printer that stopped) is canceled and reported failed, so it
//!   cannot surprise the office by printing a duplicate hours later when someone restarts the printer.
//! - Reasons a printer reports as IPP keywords (`media-empty`, `cover-open`, `offline`, `media-jam`)
//!   become Thai phrases; anything else is quoted from CUPS.
//!
//! Note that "completed" means the printer's backend took the whole job (for a network printer: the
//! printer acknowledged the data). CUPS cannot know whether paper came out of a printer that does not
//! report it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

mod ipp;

use ipp::{Endpoint, PostError, Request, Response, op, status, tag};

/// How long one request to the scheduler may take (connecting, uploading the PDF, answering).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How often [`wait`] asks about a job.
const POLL: Duration = Duration::from_millis(250);

/// The job owner Sala gives CUPS over TCP. (Over the Unix socket CUPS uses the OS account instead.)
const USER: &str = "sala";

/// CUPS's `printer-type` bit for the server's default destination.
const PRINTER_TYPE_DEFAULT: i32 = 0x0002_0000;

/// Which CUPS scheduler to talk to.
///
/// `None` is the machine's own scheduler: its Unix socket (`/run/cups/cups.sock`) if there is one,
/// otherwise `localhost:631`. `Some` is `HOST[:PORT]` (port 631 by default; IPv6 as `[::1]:631`) or the
/// absolute path of a Unix socket, e.g. `Some("127.0.0.1:6310")` for the tests' private scheduler.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CupsServer(pub Option<String>);

impl CupsServer {
    /// The machine's own scheduler.
    pub fn system() -> CupsServer {
        CupsServer(None)
    }

    /// A scheduler at `address` (`HOST[:PORT]` or a socket path).
    pub fn at(address: impl Into<String>) -> CupsServer {
        CupsServer(Some(address.into()))
    }

    fn endpoint(&self) -> Result<Endpoint> {
        let Some(addr) = self.0.as_deref().map(str::trim) else {
            for sock in ["/run/cups/cups.sock", "/var/run/cups/cups.sock"] {
                if cfg!(unix) && std::path::Path::new(sock).exists() {
                    return Ok(Endpoint::Unix(sock.into()));
                }
            }
            return Ok(Endpoint::Tcp { host: "localhost".to_owned(), port: 631 });
        };
        let bad = || Error::validation("error.print.cups_server_invalid").arg("input", addr);
        if addr.starts_with('/') {
            return Ok(Endpoint::Unix(addr.into()));
        }
        let (host, port) = if let Some(v6) = addr.strip_prefix('[') {
            let (host, rest) = v6.split_once(']').ok_or_else(bad)?;
            (host, rest.strip_prefix(':'))
        } else {
            match addr.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (addr, None),
            }
        };
        let port = match port {
            Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(bad)?,
            None => 631,
        };
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/') {
            return Err(bad());
        }
        Ok(Endpoint::Tcp { host: host.to_owned(), port })
    }

    fn shown(&self) -> String {
        match self.endpoint() {
            Ok(Endpoint::Unix(path)) => path.display().to_string(),
            Ok(ep) => ep.authority(),
            Err(_) => self.0.clone().unwrap_or_default(),
        }
    }
}

/// What a print queue is doing (IPP `printer-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrinterState {
    /// Waiting for work.
    Idle,
    /// Printing a job.
    Printing,
    /// Stopped (disabled) by an administrator or after an error: jobs wait in the queue.
    Stopped,
}

impl PrinterState {
    fn from_ipp(v: i32) -> PrinterState {
        match v {
            4 => PrinterState::Printing,
            5 => PrinterState::Stopped,
            _ => PrinterState::Idle,
        }
    }
}

/// A print queue as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrinterInfo {
    /// The queue's name, used to print to it (`printer-name`).
    pub name: String,
    /// Its description (`printer-info`), if set.
    pub description: Option<String>,
    /// Where it stands (`printer-location`), if set.
    pub location: Option<String>,
    /// Whether it is the scheduler's default printer.
    pub is_default: bool,
    /// Idle, printing or stopped.
    pub state: PrinterState,
    /// Whether it takes new jobs (`printer-is-accepting-jobs`).
    pub accepting: bool,
    /// How CUPS reaches it (`device-uri`), when CUPS tells.
    pub device_uri: Option<String>,
    /// What the printer last said (`printer-state-message`, in English from CUPS), if anything.
    pub state_message: Option<String>,
}

/// A submitted job: the queue it went to and the job number CUPS gave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobId {
    /// The queue.
    pub printer: String,
    /// CUPS's job number (`job-id`).
    pub id: u32,
}

impl std::fmt::Display for JobId {
    /// CUPS's own notation, `SalaPDF-12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.printer, self.id)
    }
}

/// Where a job is (IPP `job-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for its turn (3).
    Pending,
    /// Held: not to be printed until released (4).
    Held,
    /// Printing (5).
    Processing,
    /// Stopped in the middle (6).
    Stopped,
    /// Canceled (7).
    Canceled,
    /// Aborted by the system after an error (8).
    Aborted,
    /// Printed: the backend took all of it (9).
    Completed,
}

impl JobState {
    fn from_ipp(v: i32) -> Option<JobState> {
        Some(match v {
            3 => JobState::Pending,
            4 => JobState::Held,
            5 => JobState::Processing,
            6 => JobState::Stopped,
            7 => JobState::Canceled,
            8 => JobState::Aborted,
            9 => JobState::Completed,
            _ => return None,
        })
    }
}

/// How a job ended, or that it has not ended yet: see [`wait`].
#[derive(Debug)]
pub enum JobOutcome {
    /// CUPS reports the job completed (job-state 9).
    Completed,
    /// The job will not print; `reason` says why in Thai (or English), with CUPS's words as detail.
    Failed {
        /// Why (an `error.print.*` message).
        reason: Error,
    },
    /// The timeout passed while the job was still on its way (pending, held on purpose, processing).
    StillPending {
        /// Where the job was at the last look.
        state: JobState,
    },
}

/// Every print queue of `server`. A scheduler with no queues gives an empty list.
pub fn list_printers(server: &CupsServer) -> Result<Vec<PrinterInfo>> {
    let ep = server.endpoint()?;
    let mut req = Request::new(op::CUPS_GET_PRINTERS, next_request_id());
    req.text(tag::NAME, "requesting-user-name", USER);
    req.keywords(
        "requested-attributes",
        &[
            "printer-name",
            "printer-info",
            "printer-location",
            "printer-state",
            "printer-is-accepting-jobs",
            "device-uri",
            "printer-type",
            "printer-state-message",
        ],
    );
    let res = post(server, &ep, "/", &req.finish(), &[])?;
    if res.status == status::NOT_FOUND {
        return Ok(Vec::new());
    }
    if !res.ok() {
        return Err(refused(&res));
    }
    let printers = res
        .groups(tag::PRINTER)
        .filter_map(|g| {
            Some(PrinterInfo {
                name: g.text("printer-name")?,
                description: g.text("printer-info"),
                location: g.text("printer-location"),
                is_default: g.int("printer-type").is_some_and(|t| t & PRINTER_TYPE_DEFAULT != 0),
                state: PrinterState::from_ipp(g.int("printer-state").unwrap_or(3)),
                accepting: g.bool("printer-is-accepting-jobs").unwrap_or(false),
                device_uri: g.text("device-uri"),
                state_message: g.text("printer-state-message"),
            })
        })
        .collect();
    Ok(printers)
}

/// Sends `pdf` to the queue `printer` as a job titled `title`, with CUPS job options such as
/// `("media", "Custom.80x200mm")`, `("fit-to-page", "true")` or `("copies", "2")`.
///
/// A queue that does not exist, is stopped or does not accept jobs is refused before anything is sent
/// (`error.print.printer_not_found`, `…printer_stopped`, `…not_accepting`). Option values are typed as
/// `lp -o` types them: `true`/`false`/empty → boolean, a number → integer (enum for
/// `orientation-requested`, `print-quality`, `finishings`), `page-ranges=1-3` → range, well-known IPP
/// keywords (`media`, `sides`, `print-color-mode`, …) → keyword, anything else (PPD options) → name.
pub fn submit(
    server: &CupsServer,
    printer: &str,
    pdf: &[u8],
    title: &str,
    options: &[(String, String)],
) -> Result<JobId> {
    let ep = server.endpoint()?;
    let queue = queue_status(server, &ep, printer)?;
    if queue.state == PrinterState::Stopped {
        let err =
            Error::new(ErrorCode::Conflict, "error.print.printer_stopped").arg("printer", printer);
        return Err(with_detail(err, queue.message, &queue.reasons));
    }
    if !queue.accepting {
        let err =
            Error::new(ErrorCode::Conflict, "error.print.not_accepting").arg("printer", printer);
        return Err(with_detail(err, queue.message, &queue.reasons));
    }

    let mut req = Request::new(op::PRINT_JOB, next_request_id());
    req.text(tag::URI, "printer-uri", &printer_uri(&ep, printer));
    req.text(tag::NAME, "requesting-user-name", USER);
    req.text(tag::NAME, "job-name", title);
    req.text(tag::MIME, "document-format", "application/pdf");
    req.group(tag::JOB);
    for (name, value) in options {
        encode_option(&mut req, name.trim(), value.trim());
    }
    let res = post(server, &ep, &printer_path(printer), &req.finish(), pdf)?;
    match res.status {
        status::NOT_FOUND => return Err(not_found(printer)),
        status::NOT_ACCEPTING_JOBS => {
            let err = Error::new(ErrorCode::Conflict, "error.print.not_accepting")
                .arg("printer", printer);
            return Err(with_detail(err, res.status_message(), &[]));
        }
        _ if !res.ok() => return Err(refused(&res)),
        _ => {}
    }
    let id = res
        .first(tag::JOB)
        .and_then(|g| g.int("job-id"))
        .and_then(|id| u32::try_from(id).ok())
        .ok_or_else(|| protocol_error("Print-Job answer without a job-id"))?;
    Ok(JobId { printer: printer.to_owned(), id })
}

/// Follows `job` until it ends or `timeout` passes (polling every 250 ms).
///
/// - job-state 9 → [`JobOutcome::Completed`];
/// - 8 aborted, 7 canceled → [`JobOutcome::Failed`] with the reason CUPS recorded;
/// - 6 stopped, 4 held by CUPS (not by a `job-hold-until` the job asked for), or 3/5 on a queue that
///   has stopped → the job is canceled so it cannot print later, then [`JobOutcome::Failed`];
/// - still pending or printing when `timeout` passes → [`JobOutcome::StillPending`].
///
/// An `Err` means the scheduler could not be asked (or no longer knows the job).
pub fn wait(server: &CupsServer, job: &JobId, timeout: Duration) -> Result<JobOutcome> {
    let ep = server.endpoint()?;
    let start = Instant::now();
    loop {
        let j = job_status(server, &ep, job)?;
        let failed = |key: &'static str, message: Option<String>, reasons: &[String]| {
            let err = Error::new(ErrorCode::Conflict, key).arg("printer", &job.printer);
            JobOutcome::Failed { reason: with_detail(err, message, reasons) }
        };
        match j.state {
            JobState::Completed => return Ok(JobOutcome::Completed),
            JobState::Canceled => {
                return Ok(failed("error.print.job_canceled", j.message, &j.reasons));
            }
            JobState::Aborted => {
                return Ok(failed("error.print.job_aborted", j.message, &j.reasons));
            }
            JobState::Stopped => return Ok(give_up(server, job, j.message, &j.reasons)),
            JobState::Held if !j.reasons.iter().any(|r| r == "job-hold-until-specified") => {
                return Ok(give_up(server, job, j.message, &j.reasons));
            }
            JobState::Pending | JobState::Processing => {
                let queue = queue_status(server, &ep, &job.printer)?;
                if queue.state == PrinterState::Stopped {
                    return Ok(give_up(server, job, queue.message, &queue.reasons));
                }
            }
            JobState::Held => {}
        }
        let elapsed = start.elapsed();
        if elapsed >= timeout {
            return Ok(JobOutcome::StillPending { state: j.state });
        }
        std::thread::sleep(POLL.min(timeout - elapsed));
    }
}

/// Cancels `job` (as its owner). CUPS refuses to cancel a job that has already ended; that refusal is
/// returned as `error.print.cups_refused`.
pub fn cancel(server: &CupsServer, job: &JobId) -> Result<()> {
    let ep = server.endpoint()?;
    let mut req = Request::new(op::CANCEL_JOB, next_request_id());
    req.text(tag::URI, "printer-uri", &printer_uri(&ep, &job.printer));
    req.integer(tag::INTEGER, "job-id", i32::try_from(job.id).unwrap_or(i32::MAX));
    req.text(tag::NAME, "requesting-user-name", USER);
    let res = post(server, &ep, &printer_path(&job.printer), &req.finish(), &[])?;
    if !res.ok() {
        return Err(refused(&res));
    }
    Ok(())
}

/// Cancels a job that cannot make progress and says so; if even the cancel fails, says the job is
/// still queued.
fn give_up(
    server: &CupsServer,
    job: &JobId,
    message: Option<String>,
    reasons: &[String],
) -> JobOutcome {
    let key = match cancel(server, job) {
        Ok(()) => "error.print.job_stuck",
        Err(_) => "error.print.job_stuck_queued",
    };
    let err = Error::new(ErrorCode::Conflict, key).arg("printer", &job.printer);
    JobOutcome::Failed { reason: with_detail(err, message, reasons) }
}

/// A queue's state, acceptance and what it says.
struct QueueStatus {
    state: PrinterState,
    accepting: bool,
    message: Option<String>,
    reasons: Vec<String>,
}

fn queue_status(server: &CupsServer, ep: &Endpoint, printer: &str) -> Result<QueueStatus> {
    if !valid_name(printer) {
        return Err(not_found(printer));
    }
    let mut req = Request::new(op::GET_PRINTER_ATTRIBUTES, next_request_id());
    req.text(tag::URI, "printer-uri", &printer_uri(ep, printer));
    req.text(tag::NAME, "requesting-user-name", USER);
    req.keywords(
        "requested-attributes",
        &[
            "printer-state",
            "printer-is-accepting-jobs",
            "printer-state-message",
            "printer-state-reasons",
        ],
    );
    let res = post(server, ep, &printer_path(printer), &req.finish(), &[])?;
    if res.status == status::NOT_FOUND {
        return Err(not_found(printer));
    }
    if !res.ok() {
        return Err(refused(&res));
    }
    let g = res.first(tag::PRINTER).ok_or_else(|| protocol_error("no printer attributes"))?;
    Ok(QueueStatus {
        state: PrinterState::from_ipp(g.int("printer-state").unwrap_or(3)),
        accepting: g.bool("printer-is-accepting-jobs").unwrap_or(false),
        message: g.text("printer-state-message"),
        reasons: g.texts("printer-state-reasons"),
    })
}

/// A job's state and what CUPS recorded about it.
struct JobStatus {
    state: JobState,
    message: Option<String>,
    reasons: Vec<String>,
}

fn job_status(server: &CupsServer, ep: &Endpoint, job: &JobId) -> Result<JobStatus> {
    let mut req = Request::new(op::GET_JOB_ATTRIBUTES, next_request_id());
    req.text(tag::URI, "printer-uri", &printer_uri(ep, &job.printer));
    req.integer(tag::INTEGER, "job-id", i32::try_from(job.id).unwrap_or(i32::MAX));
    req.text(tag::NAME, "requesting-user-name", USER);
    req.keywords(
        "requested-attributes",
        &["job-state", "job-state-reasons", "job-printer-state-message"],
    );
    let res = post(server, ep, "/jobs", &req.finish(), &[])?;
    if res.status == status::NOT_FOUND {
        return Err(Error::new(ErrorCode::NotFound, "error.print.job_not_found")
            .arg("job", job.to_string()));
    }
    if !res.ok() {
        return Err(refused(&res));
    }
    let g = res.first(tag::JOB).ok_or_else(|| protocol_error("no job attributes"))?;
    let state = g
        .int("job-state")
        .and_then(JobState::from_ipp)
        .ok_or_else(|| protocol_error("job without a valid job-state"))?;
    Ok(JobStatus {
        state,
        message: g.text("job-printer-state-message"),
        reasons: g.texts("job-state-reasons"),
    })
}

/// Adds a `{detail}` argument: a Thai phrase for a reason keyword Sala knows, else CUPS's message, else
/// the reason keywords, else "no reason given".
fn with_detail(err: Error, message: Option<String>, reasons: &[String]) -> Error {
    let known = reasons.iter().find_map(|r| {
        let base =
            ["-error", "-warning", "-report"].iter().find_map(|s| r.strip_suffix(s)).unwrap_or(r);
        Some(match base {
            "media-empty" | "media-needed" => "error.print.reason.paper_out",
            "media-jam" => "error.print.reason.paper_jam",
            "cover-open" | "door-open" | "interlock-open" => "error.print.reason.cover_open",
            "offline" | "shutdown" | "timed-out" => "error.print.reason.offline",
            "job-canceled-by-user" | "job-canceled-by-operator" | "job-canceled-at-device" => {
                "error.print.reason.canceled"
            }
            _ => return None,
        })
    });
    if let Some(key) = known {
        return err.arg_key("detail", key);
    }
    if let Some(m) = message.filter(|m| !m.trim().is_empty()) {
        return err.arg("detail", m.trim());
    }
    let noise = ["none", "processing-to-stop-point", "job-printing", "job-incoming", "job-queued"];
    let rest: Vec<&str> =
        reasons.iter().map(String::as_str).filter(|r| !noise.contains(r)).collect();
    if rest.is_empty() {
        err.arg_key("detail", "error.print.reason.unknown")
    } else {
        err.arg("detail", rest.join(", "))
    }
}

fn encode_option(req: &mut Request, name: &str, value: &str) {
    const RESERVED: [&str; 6] = [
        "job-name",
        "document-format",
        "requesting-user-name",
        "printer-uri",
        "attributes-charset",
        "attributes-natural-language",
    ];
    const ENUMS: [&str; 3] = ["orientation-requested", "print-quality", "finishings"];
    const KEYWORDS: [&str; 11] = [
        "media",
        "media-source",
        "media-type",
        "sides",
        "print-color-mode",
        "print-scaling",
        "output-bin",
        "multiple-document-handling",
        "number-up-layout",
        "page-delivery",
        "print-content-optimize",
    ];
    if name.is_empty() || RESERVED.contains(&name) {
        return;
    }
    match value {
        "" | "true" => req.boolean(name, true),
        "false" => req.boolean(name, false),
        _ => {
            if let Ok(n) = value.parse::<i32>() {
                let t = if ENUMS.contains(&name) { tag::ENUM } else { tag::INTEGER };
                req.integer(t, name, n);
            } else if let Some((lo, hi)) = value
                .split_once('-')
                .and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.parse::<i32>().ok()?)))
                .filter(|_| name == "page-ranges")
            {
                req.range(name, lo, hi);
            } else {
                let t = if KEYWORDS.contains(&name) { tag::KEYWORD } else { tag::NAME };
                req.text(t, name, value);
            }
        }
    }
}

/// CUPS queue names: printable, no space, `/`, `#`, `\`, `?`, quotes; at most 127 bytes.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 127
        && !name.chars().any(|c| c.is_control() || " \t/#\\?'\"".contains(c))
}

fn printer_path(printer: &str) -> String {
    format!("/printers/{}", percent_encode(printer))
}

fn printer_uri(ep: &Endpoint, printer: &str) -> String {
    format!("ipp://{}{}", ep.authority(), printer_path(printer))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn next_request_id() -> u32 {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn post(
    server: &CupsServer,
    ep: &Endpoint,
    path: &str,
    ipp: &[u8],
    document: &[u8],
) -> Result<Response> {
    ipp::post(ep, path, ipp, document, REQUEST_TIMEOUT).map_err(|e| match e {
        PostError::Connect(e) | PostError::Io(e) => {
            Error::new(ErrorCode::Conflict, "error.print.cups_unreachable")
                .arg("server", server.shown())
                .arg("cause", e.to_string())
                .with_source(e)
        }
        PostError::Status(code) => Error::new(ErrorCode::Conflict, "error.print.cups_refused")
            .arg("detail", format!("HTTP {code}")),
        PostError::Http(detail) => protocol_error(&detail),
    })
}

fn protocol_error(detail: &str) -> Error {
    Error::new(ErrorCode::Internal, "error.print.cups_protocol").arg("cause", detail)
}

fn not_found(printer: &str) -> Error {
    Error::new(ErrorCode::NotFound, "error.print.printer_not_found").arg("printer", printer)
}

fn refused(res: &Response) -> Error {
    let detail = res.status_message().unwrap_or_else(|| format!("IPP status 0x{:04X}", res.status));
    Error::new(ErrorCode::Conflict, "error.print.cups_refused").arg("detail", detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn server_addresses_parse() {
        let tcp = |h: &str, p| Endpoint::Tcp { host: h.to_owned(), port: p };
        assert_eq!(CupsServer::at("127.0.0.1:6310").endpoint().unwrap(), tcp("127.0.0.1", 6310));
        assert_eq!(CupsServer::at("printserver").endpoint().unwrap(), tcp("printserver", 631));
        assert_eq!(CupsServer::at("[::1]:632").endpoint().unwrap(), tcp("::1", 632));
        assert_eq!(
            CupsServer::at("/run/cups/cups.sock").endpoint().unwrap(),
            Endpoint::Unix("/run/cups/cups.sock".into())
        );
        for bad in ["", "host:0", "host:x", "[::1", "a b:631"] {
            let err = CupsServer::at(bad).endpoint().unwrap_err();
            assert_eq!(err.key(), "error.print.cups_server_invalid", "{bad}");
        }
        assert!(CupsServer::system().endpoint().is_ok());
    }

    #[test]
    fn printer_uris_are_escaped() {
        let ep = Endpoint::Tcp { host: "127.0.0.1".to_owned(), port: 6310 };
        assert_eq!(printer_uri(&ep, "SalaPDF"), "ipp://127.0.0.1:6310/printers/SalaPDF");
        assert_eq!(printer_path("ห้อง 1"), "/printers/%E0%B8%AB%E0%B9%89%E0%B8%AD%E0%B8%87%201");
        assert!(valid_name("Counter_1-Receipt"));
        assert!(!valid_name("a/b") && !valid_name("") && !valid_name("a b"));
    }

    #[test]
    fn reasons_become_thai_phrases_or_quote_cups() {
        let err = || Error::new(ErrorCode::Conflict, "error.print.job_aborted").arg("printer", "P");
        let paper = with_detail(err(), Some("Out of paper".into()), &["media-empty-error".into()]);
        assert!(paper.message(Lang::Th).contains("กระดาษหมด"), "{}", paper.message(Lang::Th));
        let quoted = with_detail(err(), Some("Unable to open serial port".into()), &[]);
        assert!(quoted.message(Lang::En).contains("Unable to open serial port"));
        let keywords = with_detail(err(), None, &["none".into(), "spool-area-full".into()]);
        assert!(keywords.message(Lang::En).contains("spool-area-full"));
        let nothing = with_detail(err(), None, &["processing-to-stop-point".into()]);
        assert!(!nothing.message(Lang::Th).contains("{detail}"));
    }

    #[test]
    fn options_are_typed_like_lp() {
        let mut req = Request::new(op::PRINT_JOB, 1);
        req.group(tag::JOB);
        for (n, v) in [
            ("media", "Custom.80x200mm"),
            ("fit-to-page", ""),
            ("copies", "2"),
            ("orientation-requested", "4"),
            ("page-ranges", "1-3"),
            ("PageSize", "A4"),
            ("job-name", "ignored"),
        ] {
            encode_option(&mut req, n, v);
        }
        let bytes = req.finish();
        let res = ipp::decode(&bytes).unwrap();
        let job = res.first(tag::JOB).unwrap();
        assert_eq!(job.text("media").as_deref(), Some("Custom.80x200mm"));
        assert_eq!(job.bool("fit-to-page"), Some(true));
        assert_eq!(job.int("copies"), Some(2));
        assert_eq!(job.int("orientation-requested"), Some(4));
        assert_eq!(job.text("PageSize").as_deref(), Some("A4"));
        assert!(job.text("job-name").is_none());
        assert_eq!(job.attrs.len(), 6);
    }
}
