//! `salactl` as an administrator or a script uses it: exit codes, Thai output, JSON, and the
//! init → backup → restore cycle including refusals.

use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Result, ensure};
use sala_tests::{TempDataDir, salactl_bin};

fn salactl(args: &[&str]) -> Result<Output> {
    Ok(Command::new(salactl_bin()?).args(args).env_remove("SALA_DATA_DIR").output()?)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn with_dir<'a>(dir: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--data-dir", dir.to_str().unwrap_or_default()];
    v.extend_from_slice(args);
    v
}

#[test]
fn thai_helpers_print_what_receipts_and_forms_need() -> Result<()> {
    for (amount, words) in [
        ("21", "ยี่สิบเอ็ดบาทถ้วน"),
        ("1234.50", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
        ("3,000,000.25", "สามล้านบาทยี่สิบห้าสตางค์"),
        ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ] {
        let out = salactl(&["baht-text", amount])?;
        ensure!(out.status.success() && stdout(&out) == words, "{amount}: {}", stdout(&out));
    }
    let bad = salactl(&["baht-text", "12.345"])?;
    ensure!(bad.status.code() == Some(1), "a malformed amount exits 1");
    ensure!(String::from_utf8_lossy(&bad.stderr).contains("ทศนิยม"), "and says why, in Thai");

    let ok = salactl(&["thai-id", "check", "3-3101-00815-90-3"])?;
    ensure!(ok.status.success(), "valid ID exits 0");
    let wrong = salactl(&["thai-id", "check", "3-3101-00815-90-4"])?;
    ensure!(wrong.status.code() == Some(1), "wrong check digit exits 1");
    ensure!(stdout(&wrong).lines().count() == 1, "one-line reason: {}", stdout(&wrong));

    let long = salactl(&["date-th", "2026-11-24"])?;
    ensure!(stdout(&long) == "24 พฤศจิกายน 2569", "{}", stdout(&long));
    let short = salactl(&["date-th", "--short", "2027-01-05"])?;
    ensure!(stdout(&short) == "5 ม.ค. 70", "{}", stdout(&short));
    let json = salactl(&["--json", "date-th", "2026-11-24"])?;
    let v: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    ensure!(v["short"] == "24 พ.ย. 69", "{v}");
    Ok(())
}

#[test]
fn init_backup_restore_round_trip_and_refusals() -> Result<()> {
    let data = TempDataDir::new()?;
    let dir = data.path();
    let init = salactl(&with_dir(dir, &["--json", "init", "--demo"]))?;
    ensure!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    let v: serde_json::Value = serde_json::from_slice(&init.stdout)?;
    ensure!(v["office"]["name"] == "องค์การบริหารส่วนตำบลบ้านสาธิต", "{v}");

    let doctor = salactl(&with_dir(dir, &["--json", "doctor"]))?;
    let report: serde_json::Value = serde_json::from_slice(&doctor.stdout)?;
    ensure!(doctor.status.success() && report["healthy"] == true, "doctor: {report}");

    let backup = dir.join("backup.sqlite");
    let b = backup.to_str().unwrap_or_default();
    ensure!(salactl(&with_dir(dir, &["backup", b]))?.status.success(), "backup");
    ensure!(salactl(&with_dir(dir, &["backup", b]))?.status.code() == Some(1), "never overwrites");

    // Restore into a second, empty installation.
    let other = TempDataDir::new()?;
    ensure!(salactl(&with_dir(other.path(), &["init"]))?.status.success(), "empty init");
    let restored = salactl(&with_dir(other.path(), &["--json", "restore", b]))?;
    ensure!(restored.status.success(), "restore: {}", stdout(&restored));
    let r: serde_json::Value = serde_json::from_slice(&restored.stdout)?;
    ensure!(r["previous"].as_str().is_some_and(|p| Path::new(p).exists()), "previous kept: {r}");
    let v: serde_json::Value =
        serde_json::from_slice(&salactl(&with_dir(other.path(), &["--json", "init"]))?.stdout)?;
    ensure!(v["office"]["name"] == "องค์การบริหารส่วนตำบลบ้านสาธิต", "restored office is there");

    // A corrupted backup is refused and the live database stays as it was.
    let mut bytes = std::fs::read(&backup)?;
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8192].fill(0x5A);
    let broken = dir.join("broken.sqlite");
    std::fs::write(&broken, bytes)?;
    let live = other.path().join("sala.sqlite");
    let before = std::fs::read(&live)?;
    let refused =
        salactl(&with_dir(other.path(), &["restore", broken.to_str().unwrap_or_default()]))?;
    ensure!(refused.status.code() == Some(1), "corrupted backup refused");
    ensure!(String::from_utf8_lossy(&refused.stderr).contains("เสียหาย"), "Thai reason");
    ensure!(std::fs::read(&live)? == before, "live database untouched");

    // A database from a newer Sala is refused by every command that opens it.
    rusqlite::Connection::open(&live)?.pragma_update(None, "user_version", 999)?;
    let newer = salactl(&with_dir(other.path(), &["init"]))?;
    ensure!(newer.status.code() == Some(1), "newer database refused");
    ensure!(String::from_utf8_lossy(&newer.stderr).contains("รุ่นใหม่กว่า"), "says it is newer");
    Ok(())
}

/// `salactl audit verify` on a demo database tampered with directly in SQLite, as the `sqlite3` shell
/// would: every change is found and named; an untouched database passes with its entry count.
#[test]
fn audit_verify_names_the_first_tampered_entry() -> Result<()> {
    let cases = [
        ("", None),
        ("UPDATE audit_log SET summary = '{}' WHERE seq = 9", Some(("modified", 9))),
        ("DELETE FROM audit_log WHERE seq = 15", Some(("deleted", 15))),
        (
            "INSERT INTO audit_log SELECT seq + 1, 'x', at, device_id, actor_id, entity, entity_id, action, \
             summary, hash, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            Some(("inserted", -1)),
        ),
        (
            "UPDATE audit_log SET seq = -4 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 3; \
             UPDATE audit_log SET seq = 3 WHERE seq = -4;",
            Some(("modified", 3)),
        ),
    ];
    for (tamper, expected) in cases {
        let data = TempDataDir::new()?;
        ensure!(salactl(&with_dir(data.path(), &["init", "--demo"]))?.status.success(), "init");
        let conn = rusqlite::Connection::open(data.path().join("sala.sqlite"))?;
        let entries: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        conn.execute_batch(tamper)?;
        drop(conn);
        let out = salactl(&with_dir(data.path(), &["--json", "audit", "verify"]))?;
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        match expected {
            None => ensure!(
                out.status.success() && v["intact"] == true && v["entries"] == entries,
                "untouched demo passes with its count: {v}"
            ),
            Some((kind, seq)) => ensure!(
                out.status.code() == Some(1)
                    && (seq > 0 || v["problem"]["seq"] == entries + 1)
                    && v["problem"]["kind"] == kind
                    && (seq < 0 || v["problem"]["seq"] == seq),
                "{tamper}: expected {kind} at {seq}, got {v}"
            ),
        }
        let human = salactl(&with_dir(data.path(), &["audit", "verify"]))?;
        ensure!(stdout(&human).contains("บันทึกการตรวจสอบ"), "Thai one-liner: {}", stdout(&human));
    }
    Ok(())
}

/// The recovery path when no administrator can sign in: `salactl users reset-password` prints a temporary
/// password once; the account must change it at the next sign-in, and the reset is in the audit log.
#[test]
fn users_list_and_reset_password_at_the_machine() -> Result<()> {
    let data = TempDataDir::new()?;
    ensure!(salactl(&with_dir(data.path(), &["init", "--demo"]))?.status.success(), "init");
    let list = salactl(&with_dir(data.path(), &["users", "list"]))?;
    ensure!(list.status.success(), "list");
    ensure!(
        stdout(&list).contains("clerk") && stdout(&list).contains("หัวหน้างาน"),
        "{}",
        stdout(&list)
    );

    let out = salactl(&with_dir(data.path(), &["--json", "users", "reset-password", "admin"]))?;
    ensure!(out.status.success(), "reset: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let temporary = v["temporaryPassword"].as_str().unwrap_or_default().to_owned();
    ensure!(temporary.len() == 10, "a temporary password: {v}");

    let mut db = sala_core::db::Db::open(&data.path().join("sala.sqlite"), chrono::Utc::now())?;
    let now = chrono::Utc::now();
    ensure!(
        sala_core::auth::sign_in(&mut db, now, "admin", sala_core::office::DEMO_PASSWORD).is_err(),
        "the old password no longer works"
    );
    let mut token = sala_core::auth::sign_in(&mut db, now, "admin", &temporary)?;
    let admin = sala_core::auth::resume(db.conn(), &mut token, now)?;
    ensure!(
        sala_core::auth::session_view(db.conn(), &admin)?.must_change_password,
        "must choose a new password first"
    );
    drop(db);
    let verify = salactl(&with_dir(data.path(), &["audit", "verify"]))?;
    ensure!(verify.status.success(), "the chain still verifies after the reset");

    let missing = salactl(&with_dir(data.path(), &["users", "reset-password", "nobody"]))?;
    ensure!(missing.status.code() == Some(1), "unknown user refused");
    ensure!(String::from_utf8_lossy(&missing.stderr).contains("ไม่พบผู้ใช้"), "Thai error");
    Ok(())
}
