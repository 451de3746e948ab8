//! [`PrivateCups`]: a private CUPS scheduler for the printing stories, with a `cups-pdf` virtual printer.
//!
//! Each instance runs its own `cupsd -f` (foreground, its own process group) listening on a free
//! loopback port, with every folder it writes (ServerRoot, RequestRoot, TempDir, CacheDir, StateDir,
//! logs) inside one temporary folder. The system's scheduler is neither needed nor touched. Its
//! `cupsd.conf` asks for no authentication, so `lpadmin -h 127.0.0.1:PORT` and Sala's IPP requests
//! work without certificates.
//!
//! The `cups-pdf` backend reads its settings from `/etc/cups/cups-pdf.conf`, or, for a device URI
//! `cups-pdf:/NAME`, from `/etc/cups/cups-pdf-NAME.conf` (the folder is compiled into the backend).
//! The harness writes one such file per instance (`cups-pdf-sala-test-PORT.conf`, removed on drop)
//! that sends every PDF, whoever's job it is, to `<tmp>/pdf/`, named `…-job_<id>.pdf` (`Label 2`).
//! Without it, cups-pdf would write to `/var/spool/cups-pdf/ANONYMOUS` (Sala's jobs are owned by
//! `sala`, which has no account) or `~/PDF` for a real user.
//!
//! The PDF queue renders with `pdftops-renderer-default=pdftocairo`: Debian's default Ghostscript
//! path turns text into outlines, and the stories read the printed text back with `pdftotext`.
//!
//! Needs root (cupsd runs the `cups-pdf` backend as root, and the per-queue file lives in
//! `/etc/cups`) and Debian's `cups`, `cups-client` and `printer-driver-cups-pdf`; without them
//! [`PrivateCups::start`] fails and says what is missing, like the window harness does.

use std::env;
use std::fs;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use sala_core::print::cups::CupsServer;

use crate::KEEP_ENV;

/// The scheduler binary.
const CUPSD: &str = "/usr/sbin/cupsd";
/// The cups-pdf backend (Debian's `printer-driver-cups-pdf`).
const CUPS_PDF_BACKEND: &str = "/usr/lib/cups/backend/cups-pdf";
/// The cups-pdf PPD as `lpinfo -m` names it, and the file behind that name.
const CUPS_PDF_MODEL: &str = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd";
const CUPS_PDF_PPD: &str = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd";
/// How long the scheduler may take to start listening.
const STARTUP: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// What CUPS does with a job when the printer's backend fails (`printer-error-policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPolicy {
    /// CUPS's default for a new queue: the job is held (or the queue stopped) until someone acts.
    Default,
    /// `abort-job`: the job ends aborted (job-state 8) with the backend's message.
    AbortJob,
}

/// A private `cupsd` with a `SalaPDF` queue (cups-pdf). See the module docs.
#[derive(Debug)]
pub struct PrivateCups {
    child: Child,
    dir: Option<tempfile::TempDir>,
    root: PathBuf,
    port: u16,
    /// The cups-pdf configuration name (`cups-pdf:/<tag>`), unique per instance.
    tag: String,
    cups_pdf_conf: PathBuf,
}

impl PrivateCups {
    /// The queue [`PrivateCups::start`] creates.
    pub const PDF_QUEUE: &'static str = "SalaPDF";

    /// Starts the scheduler and adds the [`PDF_QUEUE`](Self::PDF_QUEUE) queue.
    pub fn start() -> Result<Self> {
        require_cups()?;
        let dir = tempfile::Builder::new()
            .prefix("sala-cups-")
            .tempdir()
            .context("creating the private CUPS folder")?;
        let root = dir.path().to_path_buf();
        // Filters run as `lp` and must reach the spool and temp folders inside; cups-pdf writes
        // anonymous jobs as `nobody`.
        set_mode(&root, 0o755)?;
        for (sub, mode) in [
            ("etc", 0o755),
            ("spool", 0o755),
            ("tmp", 0o1777),
            ("cache", 0o755),
            ("state", 0o755),
            ("log", 0o755),
            ("pdf", 0o1777),
            ("pdf-spool", 0o755),
        ] {
            let path = root.join(sub);
            fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
            set_mode(&path, mode)?;
        }
        let port = free_port()?;
        let r = root.display();
        write(
            &root.join("etc/cups-files.conf"),
            &format!(
                "# Private scheduler for Sala's printing stories.\n\
                 ServerRoot {r}/etc\nRequestRoot {r}/spool\nTempDir {r}/tmp\n\
                 CacheDir {r}/cache\nStateDir {r}/state\n\
                 AccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\n\
                 User lp\nGroup lp\nSystemGroup root\nFileDevice Yes\n"
            ),
        )?;
        write(
            &root.join("etc/cupsd.conf"),
            &format!(
                "Listen 127.0.0.1:{port}\nLogLevel debug\nWebInterface No\nBrowsing No\n\
                 DefaultAuthType None\nPreserveJobHistory Yes\nMaxJobTime 60\n\
                 <Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
            ),
        )?;
        let tag = format!("sala-test-{port}");
        let cups_pdf_conf = PathBuf::from(format!("/etc/cups/cups-pdf-{tag}.conf"));
        write(
            &cups_pdf_conf,
            &format!(
                "# Written by Sala's test harness (tests/support/cups.rs); removed when the test ends.\n\
                 Out {r}/pdf\nAnonDirName {r}/pdf\nSpool {r}/pdf-spool\nLog {r}/log\n\
                 Label 2\nLogType 7\n"
            ),
        )?;

        let out = fs::File::create(root.join("log/cupsd.out")).context("creating cupsd's log")?;
        let err = out.try_clone().context("duplicating cupsd's log handle")?;
        let child = Command::new(CUPSD)
            .arg("-f")
            .arg("-c")
            .arg(root.join("etc/cupsd.conf"))
            .arg("-s")
            .arg(root.join("etc/cups-files.conf"))
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            // Its own process group, so drop stops the scheduler and any filter or backend at once.
            .process_group(0)
            .spawn()
            .with_context(|| format!("spawning {CUPSD}"))?;
        let mut cups = Self { child, dir: Some(dir), root, port, tag, cups_pdf_conf };
        cups.wait_until_listening()?;
        cups.add_pdf_queue(Self::PDF_QUEUE)?;
        Ok(cups)
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The scheduler, for `sala_core::print::cups`.
    pub fn server(&self) -> CupsServer {
        CupsServer::at(self.address())
    }

    /// Adds a cups-pdf queue `name` (PDFs land in [`pdf_dir`](Self::pdf_dir)).
    pub fn add_pdf_queue(&self, name: &str) -> Result<()> {
        let uri = format!("cups-pdf:/{}", self.tag);
        self.lpadmin(&[
            "-p",
            name,
            "-E",
            "-v",
            &uri,
            "-m",
            CUPS_PDF_MODEL,
            "-o",
            "pdftops-renderer-default=pdftocairo",
        ])
    }

    /// Adds a queue whose backend always fails: a serial port that does not exist. The backend
    /// exits with "Unable to open serial port: No such file or directory".
    pub fn add_failing_queue(&self, name: &str, policy: ErrorPolicy) -> Result<()> {
        let mut args =
            vec!["-p", name, "-E", "-v", "serial:/dev/nonexistent-sala-test", "-m", CUPS_PDF_MODEL];
        if policy == ErrorPolicy::AbortJob {
            args.extend(["-o", "printer-error-policy=abort-job"]);
        }
        self.lpadmin(&args)
    }

    /// Makes `name` the scheduler's default printer (`lpadmin -d`).
    pub fn set_default(&self, name: &str) -> Result<()> {
        self.lpadmin(&["-d", name])
    }

    /// Stops (disables) a queue with a reason, as `cupsdisable -r` does.
    pub fn disable(&self, name: &str, reason: &str) -> Result<()> {
        self.tool("cupsdisable", &["-r", reason, name])
    }

    /// Makes a queue refuse new jobs with a reason, as `cupsreject -r` does.
    pub fn reject(&self, name: &str, reason: &str) -> Result<()> {
        self.tool("cupsreject", &["-r", reason, name])
    }

    /// `lpstat -W all -o`: every job the scheduler knows, one a line (empty if none).
    pub fn all_jobs(&self) -> Result<String> {
        let out = self.run("lpstat", &["-W", "all", "-o"])?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// Where cups-pdf writes (every user's jobs).
    pub fn pdf_dir(&self) -> PathBuf {
        self.root.join("pdf")
    }

    /// The PDF cups-pdf wrote for job `id`, waiting up to `timeout` for it to appear.
    pub fn pdf_output(&self, id: u32, timeout: Duration) -> Result<PathBuf> {
        let suffix = format!("-job_{id}.pdf");
        let deadline = Instant::now() + timeout;
        loop {
            let found = fs::read_dir(self.pdf_dir())?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(&suffix)));
            if let Some(path) = found {
                return Ok(path);
            }
            if Instant::now() >= deadline {
                bail!(
                    "cups-pdf wrote no *{suffix} in {} within {timeout:?}; files: {:?}\n{}",
                    self.pdf_dir().display(),
                    fs::read_dir(self.pdf_dir())?
                        .flatten()
                        .map(|e| e.file_name())
                        .collect::<Vec<_>>(),
                    self.log_tail(30)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The last `lines` lines of the scheduler's error log, for failure messages.
    pub fn log_tail(&self, lines: usize) -> String {
        let mut text = String::new();
        for name in ["cupsd.out", "error_log"] {
            let path = self.root.join("log").join(name);
            let mut s = String::new();
            if fs::File::open(&path).and_then(|mut f| f.read_to_string(&mut s)).is_ok() {
                let tail: Vec<&str> = s.lines().rev().take(lines).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                text.push_str(&format!("--- {}:\n{}\n", path.display(), tail.join("\n")));
            }
        }
        text
    }

    fn lpadmin(&self, args: &[&str]) -> Result<()> {
        self.tool("lpadmin", args)
    }

    fn tool(&self, tool: &str, args: &[&str]) -> Result<()> {
        self.run(tool, args).map(drop)
    }

    /// Runs a CUPS command-line tool against this scheduler; its stdout, or an error with its stderr.
    fn run(&self, tool: &str, args: &[&str]) -> Result<Vec<u8>> {
        let host = self.address();
        let out = Command::new(tool_path(tool)?)
            .args(["-h", &host])
            .args(args)
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {tool}"))?;
        if !out.status.success() {
            bail!(
                "{tool} -h {host} {} failed ({}): {}\n{}",
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim(),
                self.log_tail(20)
            );
        }
        Ok(out.stdout)
    }

    fn wait_until_listening(&mut self) -> Result<()> {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("cupsd exited at start-up ({status})\n{}", self.log_tail(30));
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "cupsd did not listen on {} within {STARTUP:?}\n{}",
                    self.address(),
                    self.log_tail(30)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn stop(&mut self) {
        let group = format!("-{}", self.child.id());
        let signal = |sig: &str| {
            let _ = Command::new("kill")
                .args([sig, "--", &group])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        };
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(POLL);
        }
        signal("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateCups {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_file(&self.cups_pdf_conf);
        if env::var_os(KEEP_ENV).is_some_and(|v| !v.is_empty() && v != "0")
            && let Some(dir) = self.dir.take()
        {
            eprintln!("{KEEP_ENV}: keeping the private CUPS folder {}", dir.keep().display());
        }
    }
}

/// Fails with what to install (or how to run) when the private scheduler cannot work here.
fn require_cups() -> Result<()> {
    let missing = |what: &str, path: &str, package: &str| {
        anyhow!(
            "{what} ({path}) is missing: the printing stories run a private CUPS scheduler with a \
             cups-pdf printer. Install Debian's `{package}` (scripts/install-deps does)"
        )
    };
    if !Path::new(CUPSD).is_file() {
        return Err(missing("the CUPS scheduler", CUPSD, "cups"));
    }
    for tool in ["lpadmin", "lpstat", "cupsdisable", "cupsreject"] {
        tool_path(tool)?;
    }
    if !Path::new(CUPS_PDF_BACKEND).is_file() || !Path::new(CUPS_PDF_PPD).is_file() {
        return Err(missing(
            "the cups-pdf printer driver",
            CUPS_PDF_BACKEND,
            "printer-driver-cups-pdf",
        ));
    }
    if !Path::new("/usr/lib/cups/filter/pdftops").is_file() {
        return Err(missing(
            "the CUPS PDF filters",
            "/usr/lib/cups/filter/pdftops",
            "cups-filters",
        ));
    }
    if !is_root()? {
        bail!(
            "the printing stories must run as root: the private cupsd runs the cups-pdf backend as \
             root and its per-queue settings live in /etc/cups. Run them as root, e.g. \
             `sudo -E cargo test -p sala-tests --test e2e printing`"
        );
    }
    Ok(())
}

/// A CUPS command-line tool: on `PATH`, or in `/usr/sbin` (not on a normal user's `PATH`).
fn tool_path(tool: &str) -> Result<PathBuf> {
    let on_path = env::var_os("PATH")
        .and_then(|p| env::split_paths(&p).map(|d| d.join(tool)).find(|p| p.is_file()));
    on_path
        .or_else(|| ["/usr/sbin", "/usr/bin"].iter().map(|d| Path::new(d).join(tool)).find(|p| p.is_file()))
        .ok_or_else(|| {
            anyhow!(
                "{tool} is missing: the printing stories configure their private CUPS scheduler with \
                 it. Install Debian's `cups-client` (scripts/install-deps does)"
            )
        })
}

/// Whether this process runs as root (the effective uid in `/proc/self/status`).
fn is_root() -> Result<bool> {
    let status = fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .ok_or_else(|| anyhow!("no Uid line in /proc/self/status"))?;
    Ok(uid == "0")
}

fn set_mode(path: &Path, mode: u32) -> Result<()> {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .with_context(|| format!("setting the mode of {}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// A loopback port that was free a moment ago (another process could take it before cupsd binds it;
/// cupsd then fails to start and the error says so).
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}
