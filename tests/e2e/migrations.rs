//! Databases written by earlier releases keep opening: every file in `tests/fixtures/db/` is copied,
//! opened (and migrated) by this build, checked, and written to.

use anyhow::{Context, Result, ensure};
use chrono::Utc;
use sala_core::db::{Actor, DB_FILE, Db, Entity, SCHEMA_VERSION};
use sala_tests::{TempDataDir, workspace_root};

#[test]
fn every_released_database_opens_migrates_and_accepts_writes() -> Result<()> {
    let dir = workspace_root().join("tests/fixtures/db");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).with_context(|| dir.display().to_string())? {
        let fixture = entry?.path();
        if fixture.extension().is_none_or(|e| e != "sqlite") {
            continue;
        }
        seen += 1;
        let data = TempDataDir::new()?;
        let path = data.path().join(DB_FILE);
        std::fs::copy(&fixture, &path)?;
        let name = fixture.display().to_string();

        let mut db = Db::open(&path, Utc::now()).with_context(|| format!("opening {name}"))?;
        let version: i32 = db.conn().query_row("PRAGMA user_version", [], |r| r.get(0))?;
        ensure!(version == SCHEMA_VERSION, "{name} migrated to {version}, not {SCHEMA_VERSION}");
        let verdict: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        ensure!(verdict == "ok", "{name}: {verdict}");
        // Its audit chain survives every migration (schema 2 rebuilt the table), and keeps verifying after
        // new kinds of entries (a sign-in) are appended below.
        let chain = sala_core::audit::verify(db.conn())?;
        ensure!(chain.problem.is_none(), "{name}: audit chain intact after migrating: {chain:?}");
        // Its demo users still sign in (their hashes survive) and see their office.
        let now = Utc::now();
        let mut token =
            sala_core::auth::sign_in(&mut db, now, "palad", sala_core::office::DEMO_PASSWORD)
                .with_context(|| format!("{name}: signing in"))?;
        let palad = sala_core::auth::resume(db.conn(), &mut token, now)?;
        let overview =
            sala_core::office::overview(db.conn(), &palad).with_context(|| name.clone())?;
        ensure!(!overview.departments.is_empty(), "{name}: its office survives");
        // An office from before schema 6 gets the default request categories as it is migrated.
        let categories = sala_core::requests::categories(db.conn(), &palad, false)
            .with_context(|| format!("{name}: request categories"))?;
        ensure!(
            categories.iter().any(|c| c.code == "street_light")
                && categories.iter().any(|c| c.code == "corruption"),
            "{name}: the default request categories after migrating: {categories:?}"
        );

        let before: i64 = db.conn().query_row("SELECT max(seq) FROM outbox", [], |r| r.get(0))?;
        db.write(&Actor::system(), Utc::now(), |w| {
            w.insert(
                Entity::Citizen,
                &[
                    ("first_name", "ใหม่".to_owned().into()),
                    ("last_name", "หลังอัปเดต".to_owned().into()),
                ],
            )
        })?;
        let after: i64 = db.conn().query_row("SELECT max(seq) FROM outbox", [], |r| r.get(0))?;
        ensure!(after == before + 1, "{name}: the outbox sequence continues without a gap");
        let chain = sala_core::audit::verify(db.conn())?;
        ensure!(chain.problem.is_none(), "{name}: audit chain intact after new entries: {chain:?}");
    }
    ensure!(seen > 0, "no fixtures found in {}", dir.display());
    Ok(())
}
