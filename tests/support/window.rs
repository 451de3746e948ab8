//! [`Window`]: the real Sala desktop window, driven over WebDriver.
//!
//! The chain is: this harness → `tauri-driver` (WebDriver intermediary, spawned here on a free
//! port) → `WebKitWebDriver` (spawned by tauri-driver on a second free port) → `sala` (launched
//! by WebKitWebDriver with `--data-dir <tmp> --demo`). tauri-driver turns our
//! `tauri:options {application, args}` capability into WebKitGTK's
//! `webkitgtk:browserOptions {binary, args}` and sets `TAURI_WEBVIEW_AUTOMATION=true` so the
//! app's webview accepts automation.
//!
//! The API is blocking (each call runs on the window's own Tokio runtime), so stories read as
//! plain `#[test]` functions. Dropping the window ends the session (which closes the app) and
//! then stops tauri-driver's whole process group, so no driver or app outlives the test.

use std::env;
use std::fmt;
use std::fs::{self, File};
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{artifacts_dir, sala_bin};

/// Environment variable: seconds a `find_*`/`wait_*` call waits before failing (default 20).
pub const TIMEOUT_ENV: &str = "SALA_TEST_TIMEOUT_SECS";
/// Environment variable: the `tauri-driver` binary (default: `PATH`, then `~/.cargo/bin`).
pub const TAURI_DRIVER_ENV: &str = "TAURI_DRIVER";
/// Environment variable: the native driver (default `WebKitWebDriver` on `PATH`).
pub const NATIVE_DRIVER_ENV: &str = "SALA_NATIVE_DRIVER";

/// How long to wait for tauri-driver and WebKitWebDriver to answer, and for the app to start.
const STARTUP: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

/// One running Sala window. See the module docs.
pub struct Window {
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    driver_log: PathBuf,
    timeout: Duration,
    /// One window at a time per test binary: two instances of the app share WebKit's per-app data
    /// folder, and WebKit crashes a page when they do. Dropped last, after the driver is stopped.
    _serial: std::sync::MutexGuard<'static, ()>,
    /// The app's own XDG folders (WebKit's local storage, caches), fresh for each window, so a language
    /// chosen in one run (or on the developer's desktop) never leaks into the next story.
    _home: tempfile::TempDir,
}

static ONE_WINDOW_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl fmt::Debug for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Window")
            .field("driver_pid", &self.driver.id())
            .field("driver_log", &self.driver_log)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Window {
    /// Starts `sala --data-dir <data_dir> --demo` in a real window and waits for its page.
    pub fn open(data_dir: &Path) -> Result<Self> {
        let args = vec!["--data-dir".to_owned(), path_arg(data_dir)?, "--demo".to_owned()];
        Self::open_with_args(&args)
    }

    /// Starts the built `sala` binary with exactly these arguments.
    pub fn open_with_args(args: &[String]) -> Result<Self> {
        Self::launch(args, &[])
    }

    /// Like [`Window::open`], with extra environment variables for the app (e.g. `SALA_CUPS_SERVER` pointing
    /// at a test's private CUPS). They reach the app through tauri-driver and WebKitWebDriver, which pass
    /// their environment on.
    pub fn open_with_env(data_dir: &Path, env: &[(&str, String)]) -> Result<Self> {
        let args = vec!["--data-dir".to_owned(), path_arg(data_dir)?, "--demo".to_owned()];
        Self::launch(&args, env)
    }

    fn launch(args: &[String], env: &[(&str, String)]) -> Result<Self> {
        require_display()?;
        // A story that failed while holding the lock poisons it; the next story may still run.
        let serial = ONE_WINDOW_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let app = sala_bin()?;
        let tauri_driver = find_tauri_driver()?;
        let native_driver = find_native_driver()?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .context("starting the Tokio runtime for the WebDriver client")?;

        let (port, native_port) = free_ports()?;
        let driver_log = artifacts_dir()?.join(format!("tauri-driver-{port}.log"));
        let log = File::create(&driver_log)
            .with_context(|| format!("creating {}", driver_log.display()))?;
        let log_err = log.try_clone().context("duplicating the driver log handle")?;
        let home = tempfile::Builder::new()
            .prefix("sala-webview-")
            .tempdir()
            .context("creating the app's temporary XDG folders")?;
        let driver = Command::new(&tauri_driver)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(&native_driver)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            // Its own process group, so drop can stop it, WebKitWebDriver and the app at once.
            .process_group(0)
            .spawn()
            .with_context(|| format!("spawning {}", tauri_driver.display()))?;

        let mut window = Self {
            rt,
            client: None,
            driver,
            driver_log,
            timeout: wait_timeout(),
            _serial: serial,
            _home: home,
        };
        window.wait_for_driver(port)?;
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app, "args": args },
        });
        let serde_json::Value::Object(caps) = caps else {
            bail!("capabilities must be a JSON object");
        };
        let url = format!("http://127.0.0.1:{port}");
        let client = window
            .rt
            .block_on(async {
                tokio::time::timeout(
                    STARTUP,
                    ClientBuilder::native().capabilities(caps).connect(&url),
                )
                .await
            })
            .map_err(|_| anyhow!("the app did not open a window within {STARTUP:?}"))
            .and_then(|res| res.map_err(anyhow::Error::from))
            .with_context(|| window.log_hint("starting a WebDriver session with the app"))?;
        window.client = Some(client);
        Ok(window)
    }

    /// The element with `data-testid="<id>"`, waiting up to the default timeout for it.
    pub fn find_testid(&self, id: &str) -> Result<Element> {
        self.find_css(&testid_css(id))
    }

    /// The first element matching a CSS selector, waiting up to the default timeout for it.
    pub fn find_css(&self, css: &str) -> Result<Element> {
        let client = self.client()?;
        self.rt
            .block_on(
                client.wait().at_most(self.timeout).every(POLL).for_element(Locator::Css(css)),
            )
            .with_context(|| format!("no element {css} appeared within {:?}", self.timeout))
    }

    /// Clicks the element with `data-testid="<id>"`.
    pub fn click_testid(&self, id: &str) -> Result<()> {
        let el = self.find_testid(id)?;
        self.rt.block_on(el.click()).with_context(|| format!("clicking [data-testid={id}]"))
    }

    /// Replaces the value of the input with `data-testid="<id>"` by typing `text`, as a user would.
    pub fn type_testid(&self, id: &str, text: &str) -> Result<()> {
        let el = self.find_testid(id)?;
        self.rt
            .block_on(async {
                el.clear().await?;
                el.send_keys(text).await
            })
            .with_context(|| format!("typing into [data-testid={id}]"))
    }

    /// The rendered (visible) text of the element with `data-testid="<id>"`.
    pub fn text_of(&self, id: &str) -> Result<String> {
        self.text_of_css(&testid_css(id))
    }

    /// The rendered (visible) text of the first element matching a CSS selector.
    pub fn text_of_css(&self, css: &str) -> Result<String> {
        let el = self.find_css(css)?;
        self.rt.block_on(el.text()).with_context(|| format!("reading the text of {css}"))
    }

    /// Whether the element with `data-testid="<id>"` exists and is displayed, right now.
    pub fn is_shown(&self, id: &str) -> Result<bool> {
        Ok(self.shown_text(id)?.is_some())
    }

    /// Waits until the element with `data-testid="<id>"` is displayed.
    pub fn wait_shown(&self, id: &str, timeout: Duration) -> Result<()> {
        self.poll(id, timeout, |text| text.is_some())
            .map(drop)
            .with_context(|| format!("[data-testid={id}] was not displayed within {timeout:?}"))
    }

    /// Waits until the text of `data-testid="<id>"` contains `needle`; returns that text.
    pub fn wait_for_text(&self, id: &str, needle: &str, timeout: Duration) -> Result<String> {
        let text =
            self.poll(id, timeout, |text| text.is_some_and(|t| t.contains(needle))).with_context(
                || format!("[data-testid={id}] did not contain \"{needle}\" within {timeout:?}"),
            )?;
        Ok(text.unwrap_or_default())
    }

    /// Signs `username` in on the sign-in screen with a password or PIN, and waits for the shell (the
    /// status bar naming the user). `first_page` is how long the sign-in screen may take to appear.
    pub fn sign_in(&self, username: &str, secret: &str, first_page: Duration) -> Result<()> {
        self.try_sign_in(username, secret, first_page)?;
        self.wait_shown("status-user", self.timeout)
            .with_context(|| format!("{username} should be signed in"))
    }

    /// Fills in and submits the sign-in screen without waiting for the outcome.
    pub fn try_sign_in(&self, username: &str, secret: &str, first_page: Duration) -> Result<()> {
        self.wait_shown("signin-screen", first_page).context("the sign-in screen should appear")?;
        self.type_testid("signin-username", username)?;
        self.type_testid("signin-secret", secret)?;
        self.click_testid("signin-submit")
    }

    /// Signs the current user out and waits for the sign-in screen.
    pub fn sign_out(&self) -> Result<()> {
        self.click_testid("signout-button")?;
        self.wait_shown("signin-screen", self.timeout)
            .context("signing out shows the sign-in screen")
    }

    /// Runs a story in this window: on failure saves `<name>-failure.png` and prints the page's text and
    /// the driver log's path; on success closes the window.
    pub fn story(self, name: &str, f: impl FnOnce(&Window) -> Result<()>) -> Result<()> {
        let res = f(&self);
        if res.is_err() {
            if let Ok(path) = self.screenshot(&format!("{name}-failure.png")) {
                eprintln!("screenshot of the failure: {}", path.display());
            }
            match self.page_text() {
                Ok(text) => eprintln!("page text:\n{}", text.chars().take(800).collect::<String>()),
                Err(e) => eprintln!("could not read the page text: {e:#}"),
            }
            eprintln!("driver and app log: {}", self.driver_log().display());
        }
        res?;
        self.close()
    }

    /// Saves a PNG screenshot of the window as `tests/artifacts/<name>`; returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self.rt.block_on(self.client()?.screenshot()).context("taking a screenshot")?;
        let path = artifacts_dir()?.join(name);
        fs::write(&path, png).with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }

    /// The page's visible text (`document.body.innerText`), for failure messages: an empty
    /// page usually means the UI's start-up script threw.
    pub fn page_text(&self) -> Result<String> {
        let js = "return document.body ? document.body.innerText : ''";
        let text = self.rt.block_on(self.client()?.execute(js, Vec::new()))?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    /// Runs any other fantoccini call on this window's runtime, e.g.
    /// `win.block_on(win.client()?.source())`.
    pub fn block_on<F: Future>(&self, fut: F) -> F::Output {
        self.rt.block_on(fut)
    }

    /// The WebDriver client, for calls this harness does not wrap.
    pub fn client(&self) -> Result<&Client> {
        self.client.as_ref().ok_or_else(|| anyhow!("the WebDriver session is already closed"))
    }

    /// The default timeout of `find_testid` (from `SALA_TEST_TIMEOUT_SECS`, default 20 s).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The tauri-driver log (WebKitWebDriver's and the app's stderr end up there too).
    pub fn driver_log(&self) -> &Path {
        &self.driver_log
    }

    /// Ends the session (closing the app) and stops the drivers, reporting errors.
    /// The driver log is deleted when all went well; after a failure (a `Window` dropped
    /// without `close`) it stays in `tests/artifacts/` for the post-mortem.
    pub fn close(mut self) -> Result<()> {
        self.end_session()?;
        self.stop_driver();
        let _ = fs::remove_file(&self.driver_log);
        Ok(())
    }

    fn end_session(&mut self) -> Result<()> {
        let res = match self.client.take() {
            Some(client) => self.rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(10), client.close()).await
            }),
            None => return Ok(()),
        };
        match res {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(anyhow!(e).context("closing the WebDriver session")),
            Err(_) => bail!("closing the WebDriver session timed out"),
        }
    }

    /// The text of `data-testid="<id>"` if it exists and is displayed, else `None`.
    fn shown_text(&self, id: &str) -> Result<Option<String>> {
        let client = self.client()?;
        let found = self.rt.block_on(client.find_all(Locator::Css(&testid_css(id))))?;
        let Some(el) = found.first() else { return Ok(None) };
        if !self.rt.block_on(el.is_displayed())? {
            return Ok(None);
        }
        Ok(Some(self.rt.block_on(el.text())?))
    }

    /// Polls `shown_text(id)` until `done` accepts it. Errors while polling (the page is still
    /// rendering, or re-rendered the element under us) are retried; the last thing seen is
    /// reported when time runs out.
    fn poll(
        &self,
        id: &str,
        timeout: Duration,
        done: impl Fn(Option<&str>) -> bool,
    ) -> Result<Option<String>> {
        let deadline = Instant::now() + timeout;
        loop {
            let seen = self.shown_text(id);
            if let Ok(text) = &seen
                && done(text.as_deref())
            {
                return seen;
            }
            if Instant::now() >= deadline {
                match seen {
                    Ok(Some(text)) => bail!("last saw the text \"{text}\""),
                    Ok(None) => bail!("last saw no such element displayed"),
                    Err(e) => return Err(e.context("last poll failed")),
                }
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_for_driver(&mut self, port: u16) -> Result<()> {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Some(status) = self.driver.try_wait()? {
                bail!("{}", self.log_hint(&format!("tauri-driver exited early ({status})")));
            }
            // Through tauri-driver to WebKitWebDriver: ready only when both listen.
            if driver_ready(port) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "{}",
                    self.log_hint(&format!("tauri-driver did not answer within {STARTUP:?}"))
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn log_hint(&self, what: &str) -> String {
        let tail = fs::read_to_string(&self.driver_log).unwrap_or_default();
        let tail: Vec<&str> = tail.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!("{what}; driver log {}:\n{}", self.driver_log.display(), tail.join("\n"))
    }

    /// Safe to call twice (`close`, then drop): signalling an empty group does nothing.
    fn stop_driver(&mut self) {
        let pgid = self.driver.id().to_string();
        let signal = |sig: &str| {
            let group = format!("-{pgid}");
            let mut kill = Command::new("kill");
            kill.args([sig, "--", &group]).stdout(Stdio::null()).stderr(Stdio::null());
            let _ = kill.status();
        };
        // SIGTERM lets tauri-driver stop WebKitWebDriver; signalling the group also reaches
        // WebKitWebDriver and the app if the session could not be closed cleanly.
        signal("-TERM");
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if matches!(self.driver.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(POLL);
        }
        signal("-KILL");
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        if let Err(e) = self.end_session() {
            eprintln!("warning: {e:#}");
        }
        self.stop_driver();
    }
}

fn testid_css(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn path_arg(path: &Path) -> Result<String> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { env::current_dir()?.join(path) };
    abs.to_str().map(str::to_owned).ok_or_else(|| anyhow!("{} is not UTF-8", abs.display()))
}

fn wait_timeout() -> Duration {
    let secs = env::var(TIMEOUT_ENV).ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    Duration::from_secs(secs)
}

fn require_display() -> Result<()> {
    let set = |name| env::var_os(name).is_some_and(|v| !v.is_empty());
    if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        bail!(
            "no display: the window stories open a real window. Run them under Xvfb, e.g. \
             `xvfb-run -a --server-args='-screen 0 1366x768x24' cargo test -p sala-tests \
             --test window` (scripts/test does this)"
        );
    }
    Ok(())
}

fn find_tauri_driver() -> Result<PathBuf> {
    if let Some(path) = env::var_os(TAURI_DRIVER_ENV) {
        return Ok(PathBuf::from(path));
    }
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let fallback = cargo_home.map(|c| c.join("bin").join("tauri-driver"));
    which("tauri-driver").or(fallback.filter(|p| p.is_file())).ok_or_else(|| {
        anyhow!(
            "tauri-driver not found on PATH or in ~/.cargo/bin: install it with \
             `cargo install tauri-driver --locked` (scripts/install-deps does), or set \
             {TAURI_DRIVER_ENV}"
        )
    })
}

fn find_native_driver() -> Result<PathBuf> {
    if let Some(path) = env::var_os(NATIVE_DRIVER_ENV) {
        return Ok(PathBuf::from(path));
    }
    which("WebKitWebDriver").ok_or_else(|| {
        anyhow!(
            "WebKitWebDriver not found on PATH: install Debian's `webkit2gtk-driver` \
             (scripts/install-deps does), or set {NATIVE_DRIVER_ENV}"
        )
    })
}

fn which(name: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// A port that was free a moment ago. Another process could take it before the driver binds
/// it; the driver would then fail to start and the test says so.
/// Two distinct free ports (tauri-driver's and WebKitWebDriver's). Both listeners are held until both
/// ports are known: asking twice in a row can return the same just-released port, and then the native
/// driver cannot listen.
fn free_ports() -> Result<(u16, u16)> {
    let a = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    let b = TcpListener::bind("127.0.0.1:0").context("finding a second free port")?;
    Ok((a.local_addr()?.port(), b.local_addr()?.port()))
}

/// `GET /status` through tauri-driver: true once WebKitWebDriver answers `"ready": true`.
fn driver_ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let req =
        format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut res = Vec::new();
    let _ = stream.read_to_end(&mut res);
    let res = String::from_utf8_lossy(&res);
    res.starts_with("HTTP/1.1 200") && res.replace(' ', "").contains("\"ready\":true")
}
