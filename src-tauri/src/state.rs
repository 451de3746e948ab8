//! The app's process-level state and the two ways commands reach the database: [`AppState::run`] for what
//! needs no sign-in (the status bar, the sign-in screen, first-run set-up) and [`AppState::run_as`] for
//! everything else. Both run core code on a blocking worker thread (never the main/UI thread) and render
//! errors for the UI.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Local, NaiveDate, Utc};
use sala_core::auth::{self, Session, SessionToken};
use sala_core::db::{self, DB_FILE, DataDirLock, Db};
use sala_core::office;
use sala_core::status::{self, AppStatus};
use sala_core::{Error, ErrorCode, Lang};

use crate::args::Args;
use crate::error::IpcError;

/// Shared state, managed by Tauri as `Arc<AppState>`.
#[derive(Debug)]
pub struct AppState {
    args: Args,
    /// The database, opened on first use by a worker thread (never the main thread); or why it could not
    /// be opened last time, reported to the window.
    db: Mutex<Option<Result<Opened, IpcError>>>,
    /// The signed-in (or locked) session. Locked after `db` when both are held.
    session: Mutex<Option<SessionToken>>,
    lang: Mutex<Lang>,
    online: AtomicBool,
}

/// The open database and the data-folder lock held for as long as it is open.
#[derive(Debug)]
struct Opened {
    db: Db,
    _lock: DataDirLock,
}

/// What a command's core call may need from the shell: the clock, connectivity and the session token.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub online: bool,
    pub lang: Lang,
    session: &'a Mutex<Option<SessionToken>>,
}

impl Ctx<'_> {
    fn token(&self) -> std::sync::MutexGuard<'_, Option<SessionToken>> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The status bar's data (locks an idle session on the way; polling is not activity).
    pub fn status(&self, db: &Db) -> sala_core::Result<AppStatus> {
        let state = auth::session_state(db.conn(), self.token().as_mut(), self.now)?;
        status::app_status(db.conn(), state, self.today, self.online)
    }

    /// The session state for the window.
    pub fn session_state(&self, db: &Db) -> sala_core::Result<auth::SessionState> {
        auth::session_state(db.conn(), self.token().as_mut(), self.now)
    }

    /// The signed-in user's view (after a sign-in or a change to their own account).
    pub fn session_view(&self, db: &Db) -> sala_core::Result<auth::SessionView> {
        let session = self.resume(db)?;
        auth::session_view(db.conn(), &session)
    }

    /// Starts a session (after a sign-in or the setup wizard).
    pub fn start_session(&self, token: SessionToken) {
        *self.token() = Some(token);
    }

    /// Ends the session; returns its token (to audit the sign-out).
    pub fn end_session(&self) -> Option<SessionToken> {
        self.token().take()
    }

    /// Locks the screen.
    pub fn lock_session(&self) {
        if let Some(token) = self.token().as_mut() {
            token.lock();
        }
    }

    /// This call's acting user: the token resumed (refused when idle or locked) and touched.
    fn resume(&self, db: &Db) -> sala_core::Result<Session> {
        let mut guard = self.token();
        let token = guard
            .as_mut()
            .ok_or_else(|| Error::new(ErrorCode::SignInRequired, "error.session.none"))?;
        let session = auth::resume(db.conn(), token, self.now)?;
        token.touch(self.now);
        Ok(session)
    }

    /// Like `resume`, without counting as activity: for screens that refresh themselves (a counter's line),
    /// which must not keep the idle lock from running out.
    fn resume_quiet(&self, db: &Db) -> sala_core::Result<Session> {
        let mut guard = self.token();
        let token = guard
            .as_mut()
            .ok_or_else(|| Error::new(ErrorCode::SignInRequired, "error.session.none"))?;
        auth::resume(db.conn(), token, self.now)
    }
}

impl AppState {
    pub fn new(args: Args) -> AppState {
        AppState {
            args,
            db: Mutex::new(None),
            session: Mutex::new(None),
            lang: Mutex::new(Lang::Th),
            online: AtomicBool::new(false),
        }
    }

    /// Resolves the data folder, locks it against a second window, and opens the database; with `--demo`
    /// and no office yet, creates the demo office.
    fn open_db(&self) -> Result<Opened, IpcError> {
        let (q, o, a) = db::PROJECT_DIRS;
        db::choose_data_dir(
            self.args.data_dir.clone(),
            std::env::var_os("SALA_DATA_DIR"),
            directories::ProjectDirs::from(q, o, a).map(|d| d.data_dir().to_owned()),
        )
        .and_then(|dir: PathBuf| {
            let lock = DataDirLock::try_acquire(&dir)?;
            let mut db = Db::open(&dir.join(DB_FILE), Utc::now())?;
            if self.args.demo && db.office_id()?.is_none() {
                office::create_demo_office(&mut db, Utc::now())?;
            }
            Ok(Opened { db, _lock: lock })
        })
        .map_err(|e| IpcError::from_core(&e, self.lang()))
    }

    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
    }

    pub fn set_online(&self, online: bool) {
        self.online.store(online, Ordering::Relaxed);
    }

    /// Runs `f` with the database on a blocking worker thread, without a signed-in user: only for the
    /// status bar, the sign-in screen, signing in and out, and first-run set-up.
    pub async fn run<T, F>(self: Arc<Self>, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, &Ctx<'_>) -> sala_core::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let job = tauri::async_runtime::spawn_blocking(move || {
            let ctx = Ctx {
                now: Utc::now(),
                today: Local::now().date_naive(),
                online: self.online.load(Ordering::Relaxed),
                lang,
                session: &self.session,
            };
            let mut guard = self.db.lock().unwrap_or_else(PoisonError::into_inner);
            // A failed open is tried again on the next call (the user may have closed another program).
            let opened = match guard.take() {
                Some(Ok(db)) => Ok(db),
                _ => self.open_db(),
            };
            let db = &mut guard.insert(opened).as_mut().map_err(|e| e.clone())?.db;
            f(db, &ctx).map_err(|e| IpcError::from_core(&e, lang))
        });
        job.await.unwrap_or_else(|e| {
            let err = Error::new(ErrorCode::Internal, "error.internal").arg("cause", e.to_string());
            Err(IpcError::from_core(&err, lang))
        })
    }

    /// Runs `f` as the signed-in user: core gets the [`Session`] and checks its permissions. Refused with
    /// `signInRequired` when nobody is signed in or the screen is locked (idle); counts as activity.
    pub async fn run_as<T, F>(self: Arc<Self>, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, &Ctx<'_>, &Session) -> sala_core::Result<T> + Send + 'static,
    {
        self.run(move |db, ctx| {
            let session = ctx.resume(db)?;
            f(db, ctx, &session)
        })
        .await
    }

    /// Like [`AppState::run_as`] for a read the screen repeats by itself: checks the session (a locked or
    /// idle screen is refused) but does not count as activity.
    pub async fn run_as_quiet<T, F>(self: Arc<Self>, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, &Ctx<'_>, &Session) -> sala_core::Result<T> + Send + 'static,
    {
        self.run(move |db, ctx| {
            let session = ctx.resume_quiet(db)?;
            f(db, ctx, &session)
        })
        .await
    }
}
