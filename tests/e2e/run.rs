//! Running the built `salactl` as a user, shared by the tax stories: `--data-dir`, `--as NAME` with
//! `SALA_PIN`, and nothing inherited from the developer's shell (`SALA_DATA_DIR`, a PIN or password).

use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Result, ensure};
use sala_tests::salactl_bin;
use serde_json::Value;

/// The demo office's finance officer and PIN.
pub(crate) const FINANCE: (&str, &str) = ("finance", "246801");
/// The demo office's clerk and PIN.
pub(crate) const CLERK: (&str, &str) = ("clerk", "135790");
/// The demo office's supervisor and PIN.
pub(crate) const PALAD: (&str, &str) = ("palad", "975310");

/// `salactl --data-dir DIR ARGS…`, as `user` when given.
pub(crate) fn salactl(dir: &Path, user: Option<(&str, &str)>, args: &[&str]) -> Result<Output> {
    let mut cmd = Command::new(salactl_bin()?);
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("SALA_DATA_DIR")
        .env_remove("SALA_PIN")
        .env_remove("SALA_PASSWORD");
    if let Some((name, pin)) = user {
        cmd.args(["--as", name]).env("SALA_PIN", pin);
    }
    Ok(cmd.output()?)
}

/// `salactl --json ARGS…` as `user`, which must succeed; its standard output parsed.
pub(crate) fn json(dir: &Path, user: (&str, &str), args: &[&str]) -> Result<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = salactl(dir, Some(user), &all)?;
    ensure!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// Fails with what to install when a system tool the story reads its output with is missing.
pub(crate) fn tool(name: &str) -> Result<()> {
    let found =
        Command::new("sh").arg("-c").arg(format!("command -v {name}")).output()?.status.success();
    ensure!(found, "{name} is missing: run scripts/install-deps (poppler-utils, zbar-tools)");
    Ok(())
}
