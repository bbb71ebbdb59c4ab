//! `dutywatch init | check | backup`.

use std::path::Path;

use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};

pub fn init(ctx: &Ctx) -> CliResult {
    let store = ctx.open_rw()?;
    outln!(
        "{} {} (schema {})",
        ctx.lang.pick("数据库就绪", "database ready"),
        store.path().display(),
        crate::store::schema_version()
    )?;
    Ok(())
}

pub fn check(ctx: &Ctx, json: bool) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    // Opened as it is: `check` and `backup` must work on a damaged file and change nothing. A file
    // too damaged to open still gets SQLite's integrity check, so the damage is named.
    let problems = match crate::store::Store::open(&ctx.db_path) {
        Ok(store) => store.check()?,
        Err(crate::store::StoreError::Corrupt(_)) => {
            crate::store::integrity_check_file(&ctx.db_path)?.into_iter().map(|p| format!("integrity: {p}")).collect()
        }
        Err(e) => return Err(e.into()),
    };
    if json {
        print_json(&serde_json::json!({ "ok": problems.is_empty(), "problems": problems }))?;
    } else if problems.is_empty() {
        outln!("ok: {}", ctx.db_path.display())?;
    } else {
        for p in &problems {
            outln!("{p}")?;
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(CliError::Problems(String::new())) }
}

pub fn backup(ctx: &Ctx, dest: &Path) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    // Opened as it is: `check` and `backup` must work on a damaged file and change nothing.
    let store = crate::store::Store::open(&ctx.db_path)?;
    store.backup_to(dest)?;
    outln!("{} {}", ctx.lang.pick("已备份到", "backed up to"), dest.display())?;
    Ok(())
}
