//! `kill -9` during a burst of writes: afterwards `integrity_check` is ok, and every transaction is either
//! entirely there (citizen + taxpayer + parcel + their audit entries + outbox entries) or entirely absent.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, ensure};
use chrono::Utc;
use rusqlite::Connection;
use sala_core::db::{DB_FILE, Db};
use sala_tests::TempDataDir;

/// Starts the burst writer on `db`, waits for `commits_before_kill` commits, then SIGKILLs it. Returns how
/// many commits it reported.
fn burst_and_kill(
    db: &std::path::Path,
    commits_before_kill: u64,
    extra_delay: Duration,
) -> Result<u64> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sala-write-burst"))
        .arg(db)
        .arg("1000000")
        .stdout(Stdio::piped())
        .spawn()
        .context("starting sala-write-burst")?;
    let stdout = child.stdout.take().context("child stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let mut reported = 0;
    while reported < commits_before_kill {
        reported = lines.next().context("writer ended early")??.trim().parse()?;
    }
    std::thread::sleep(extra_delay);
    child.kill().context("kill -9")?; // SIGKILL on Unix: no destructors, no clean close.
    child.wait()?;
    Ok(reported)
}

fn count(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

#[test]
fn kill_9_during_a_burst_of_writes_leaves_no_half_written_record() -> Result<()> {
    let dir = TempDataDir::new()?;
    let path = dir.path().join(DB_FILE);
    {
        let mut db = Db::open(&path, Utc::now())?;
        sala_core::office::create_demo_office(&mut db, Utc::now())?;
    }
    let mut reported_total = 0;
    for (i, delay_ms) in [0_u64, 3, 17].into_iter().enumerate() {
        reported_total +=
            burst_and_kill(&path, 150 + 50 * i as u64, Duration::from_millis(delay_ms))?;
    }

    let conn = Connection::open(&path)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    ensure!(verdict == "ok", "integrity_check after kill -9: {verdict}");

    let burst_citizens =
        count(&conn, "SELECT count(*) FROM citizen WHERE last_name = 'เขียนต่อเนื่อง'")?;
    ensure!(
        u64::try_from(burst_citizens)? >= reported_total,
        "every commit the writer reported survives the kill ({burst_citizens} < {reported_total})"
    );
    let orphans = count(
        &conn,
        "SELECT count(*) FROM citizen c WHERE c.last_name = 'เขียนต่อเนื่อง' \
         AND NOT EXISTS (SELECT 1 FROM taxpayer t JOIN parcel p ON p.taxpayer_id = t.id \
                         WHERE t.citizen_id = c.id)",
    )?;
    ensure!(orphans == 0, "{orphans} citizens without the parcel of the same transaction");
    for table in ["citizen", "taxpayer", "parcel"] {
        let unaudited = count(
            &conn,
            &format!(
                "SELECT count(*) FROM {table} x WHERE \
                 NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = x.id) \
                 OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_id = x.id)"
            ),
        )?;
        ensure!(unaudited == 0, "{unaudited} {table} rows without their audit or outbox entry");
    }
    // Every outbox entry names its row's table: look each one up there (any synced table, queue rows too).
    let mut dangling = 0;
    for table in sala_core::db::Entity::ALL.map(sala_core::db::Entity::table) {
        dangling += count(
            &conn,
            &format!(
                "SELECT count(*) FROM outbox o WHERE o.entity = '{table}' \
                 AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.id = o.entity_id)"
            ),
        )?;
    }
    ensure!(dangling == 0, "{dangling} outbox entries for rows that do not exist");
    let chain = sala_core::audit::verify(&conn)?;
    ensure!(
        chain.problem.is_none(),
        "the audit chain survives kill -9 intact: {:?}",
        chain.problem
    );
    let (n, min, max, next): (i64, i64, i64, i64) = conn.query_row(
        "SELECT count(*), min(seq), max(seq), (SELECT next_seq FROM sync_state) FROM outbox",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    ensure!(
        (min, max, next) == (1, n, n + 1),
        "outbox seq gap-free 1..={n}, next {next}: got {min}..={max}"
    );
    Ok(())
}
