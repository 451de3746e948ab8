//! `sala-write-burst DB COUNT`: a helper process for the durability story. It commits COUNT transactions
//! through sala-core's write path, each a citizen, the taxpayer record of that citizen and a parcel the
//! taxpayer owns (so a half-written transaction would be visible as a citizen without a parcel), and prints
//! the number of commits done
//! after each one, so the test knows when to `kill -9` it.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;
use sala_core::db::{Actor, Db, Entity};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().context("usage: sala-write-burst DB COUNT")?);
    let count: u64 = args.next().context("usage: sala-write-burst DB COUNT")?.parse()?;
    let mut db = Db::open(&path, Utc::now())?;
    let mut stdout = std::io::stdout().lock();
    for i in 0..count {
        db.write(&Actor::system(), Utc::now(), |w| {
            let owner = w.insert(
                Entity::Citizen,
                &[
                    ("first_name", format!("ทดสอบ{i}").into()),
                    ("last_name", "เขียนต่อเนื่อง".to_owned().into()),
                ],
            )?;
            let taxpayer = w.insert(
                Entity::Taxpayer,
                &[
                    ("kind", "individual".to_owned().into()),
                    ("name", format!("ทดสอบ{i}").into()),
                    ("last_name", "เขียนต่อเนื่อง".to_owned().into()),
                    ("citizen_id", owner.into()),
                ],
            )?;
            w.insert(
                Entity::Parcel,
                &[
                    ("taxpayer_id", taxpayer.into()),
                    ("deed_type", "โฉนดที่ดิน".to_owned().into()),
                    ("deed_no", format!("B{i}").into()),
                    ("location", "หมู่ที่ 9".to_owned().into()),
                    ("area_rai", 1_i64.into()),
                    ("area_ngan", 0_i64.into()),
                    ("area_sq_wah", "0".to_owned().into()),
                    ("price_per_sq_wah_satang", 10_000_i64.into()),
                    ("appraisal_round", "2566-2569".to_owned().into()),
                ],
            )
        })?;
        writeln!(stdout, "{}", i + 1)?;
        stdout.flush()?;
    }
    Ok(())
}
