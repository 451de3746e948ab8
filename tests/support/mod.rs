//! Shared helpers for Sala's end-to-end stories (the `sala-tests` package).
//!
//! This is the library half of the package; each story binary (`window/main.rs`, …) uses it.
//! It knows where the workspace and its built binaries are, makes throwaway data folders, and
//! drives the real desktop window through [`Window`].
//!
//! The stories run the *built* binaries (`target/debug/sala`, `target/debug/salactl`). Cargo
//! cannot build them from inside `cargo test` (the build directory is locked), so
//! `scripts/test` runs `cargo build --workspace --all-targets` first, and [`binary`] fails
//! with the command to run when one is missing.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

mod cups;
mod window;

pub use cups::{ErrorPolicy, PrivateCups};
pub use window::Window;

/// Environment variable naming the folder that holds the built `sala`/`salactl` binaries.
pub const BIN_DIR_ENV: &str = "SALA_BIN_DIR";

/// Environment variable: keep temporary data folders after the test, for a post-mortem.
pub const KEEP_ENV: &str = "SALA_TEST_KEEP";

/// The workspace root (the folder holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    // This package lives in `<root>/tests`, so its manifest folder's parent is the root.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The folder the story binaries look in for `sala` and `salactl`.
///
/// `SALA_BIN_DIR` wins. Otherwise it is the profile folder this test binary was built into
/// (`<target>/debug/deps/window-…` → `<target>/debug`), so a custom `CARGO_TARGET_DIR` just
/// works; failing that, `<root>/target/debug`.
pub fn bin_dir() -> PathBuf {
    if let Some(dir) = env::var_os(BIN_DIR_ENV) {
        return PathBuf::from(dir);
    }
    let from_exe = env::current_exe().ok().and_then(|exe| {
        let deps = exe.parent()?;
        (deps.file_name()? == "deps").then(|| deps.parent().map(Path::to_path_buf))?
    });
    from_exe.unwrap_or_else(|| workspace_root().join("target").join("debug"))
}

/// The absolute path of a built workspace binary, or an error saying how to build it.
pub fn binary(name: &str) -> Result<PathBuf> {
    let path = bin_dir().join(format!("{name}{}", env::consts::EXE_SUFFIX));
    if !path.is_file() {
        bail!(
            "{} is missing: the stories run the built binaries, and cargo cannot build them \
             from inside `cargo test`. Build them first with `scripts/test` or \
             `npm --prefix ui run build && cargo build --workspace --all-targets` \
             (or point {BIN_DIR_ENV} at the folder that holds them)",
            path.display()
        );
    }
    Ok(path)
}

/// The desktop app binary, `target/debug/sala`.
pub fn sala_bin() -> Result<PathBuf> {
    binary("sala")
}

/// The command-line tool, `target/debug/salactl`.
pub fn salactl_bin() -> Result<PathBuf> {
    binary("salactl")
}

/// `tests/artifacts/` (gitignored), created on demand: screenshots and driver logs go here.
pub fn artifacts_dir() -> Result<PathBuf> {
    let dir = workspace_root().join("tests").join("artifacts");
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// A fresh, empty data folder for one app or CLI run, removed on drop.
///
/// Set `SALA_TEST_KEEP=1` to keep it; its path is then printed so the database can be
/// opened with `sqlite3` after the test.
#[derive(Debug)]
pub struct TempDataDir {
    dir: Option<tempfile::TempDir>,
    path: PathBuf,
}

impl TempDataDir {
    /// Makes a new empty folder under the system temp folder.
    pub fn new() -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("sala-test-")
            .tempdir()
            .context("creating a temporary data folder")?;
        let path = dir.path().to_path_buf();
        Ok(Self { dir: Some(dir), path })
    }

    /// The folder's absolute path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDataDir {
    fn drop(&mut self) {
        if env::var_os(KEEP_ENV).is_some_and(|v| !v.is_empty() && v != "0")
            && let Some(dir) = self.dir.take()
        {
            eprintln!("{KEEP_ENV}: keeping data folder {}", dir.keep().display());
        }
    }
}
