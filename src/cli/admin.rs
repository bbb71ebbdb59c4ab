//! `dutywatch init | check | backup`.

use std::path::Path;

use super::{CliError, CliResult, Ctx, print_json};

pub fn init(ctx: &Ctx) -> CliResult {
    let store = ctx.open_rw()?;
    println!(
        "{} {} (schema {})",
        ctx.lang.pick("数据库就绪", "database ready"),
        store.path().display(),
        crate::store::schema_version()
    );
    Ok(())
}

pub fn check(ctx: &Ctx, json: bool) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    let store = ctx.open()?;
    let problems = store.check()?;
    if json {
        print_json(&serde_json::json!({ "ok": problems.is_empty(), "problems": problems }))?;
    } else if problems.is_empty() {
        println!("ok: {}", store.path().display());
    } else {
        for p in &problems {
            println!("{p}");
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(CliError::Problems(String::new())) }
}

pub fn backup(ctx: &Ctx, dest: &Path) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    let store = ctx.open()?;
    store.backup_to(dest)?;
    println!("{} {}", ctx.lang.pick("已备份到", "backed up to"), dest.display());
    Ok(())
}
