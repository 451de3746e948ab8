//! The app's process-level state and the one way commands reach the database: [`AppState::run`], which
//! runs core code on a blocking worker thread (never the main/UI thread) and renders errors for the UI.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Local, NaiveDate, Utc};
use sala_core::db::{self, DB_FILE, DataDirLock, Db};
use sala_core::office::{self, UserSummary};
use sala_core::status::{self, AppStatus};
use sala_core::{ErrorCode, Lang};

use crate::args::Args;
use crate::error::IpcError;

/// Shared state, managed by Tauri as `Arc<AppState>`.
#[derive(Debug)]
pub struct AppState {
    args: Args,
    /// The database, opened on first use by a worker thread (never the main thread); or why it could not
    /// be opened last time, reported to the window.
    db: Mutex<Option<Result<Opened, IpcError>>>,
    lang: Mutex<Lang>,
    online: AtomicBool,
}

/// The open database and the data-folder lock held for as long as it is open.
#[derive(Debug)]
struct Opened {
    db: Db,
    _lock: DataDirLock,
}

/// What a command's core call may need from the shell: the clock, the session and connectivity.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub online: bool,
}

impl Ctx {
    /// The signed-in user. Until sign-in arrives (roles issue), the session is the office's administrator.
    pub fn user(&self, db: &Db) -> sala_core::Result<Option<UserSummary>> {
        office::default_session_user(db.conn())
    }

    /// The status bar's data.
    pub fn status(&self, db: &Db) -> sala_core::Result<AppStatus> {
        status::app_status(db.conn(), self.user(db)?, self.today, self.online)
    }
}

impl AppState {
    pub fn new(args: Args) -> AppState {
        AppState {
            args,
            db: Mutex::new(None),
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

    /// Runs `f` with the database on a blocking worker thread.
    pub async fn run<T, F>(self: Arc<Self>, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Db, &Ctx) -> sala_core::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let job = tauri::async_runtime::spawn_blocking(move || {
            let ctx = Ctx {
                now: Utc::now(),
                today: Local::now().date_naive(),
                online: self.online.load(Ordering::Relaxed),
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
            let err = sala_core::Error::new(ErrorCode::Internal, "error.internal")
                .arg("cause", e.to_string());
            Err(IpcError::from_core(&err, lang))
        })
    }
}
