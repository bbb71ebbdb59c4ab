//! `dutywatch init | check | backup`.

use std::path::Path;

use super::args::CheckArgs;
use super::out::{self, outln};
use super::{CliError, CliResult, Ctx, print_json};
use crate::store::audit;
use text::cli::admin as w;

pub fn init(ctx: &Ctx) -> CliResult {
    let store = ctx.open_rw()?;
    outln!(
        "{} {} (schema {})",
        w::DATABASE_READY.get(ctx.lang),
        store.path().display(),
        crate::store::schema_version()
    )?;
    Ok(())
}

pub fn check(ctx: &Ctx, args: &CheckArgs) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    let wanted = match &args.head {
        Some(h) => Some(
            audit::parse_hash(h)
                .ok_or_else(|| CliError::Fail(format!("--head: {h:?} is not a chain head (64 hexadecimal digits)")))?,
        ),
        None => None,
    };
    // Opened as it is: `check` and `backup` must work on a damaged file and change nothing. A file
    // too damaged to open still gets SQLite's integrity check, so the damage is named.
    let (problems, head, extends) = match crate::store::Store::open(&ctx.db_path) {
        Ok(store) => {
            // Progress on a large file goes to stderr, so stdout stays the result alone.
            let report = store.check_with(args.quick, |n| {
                out::err_line(&format!("checked {} audit events…", out::thousands(n as usize)));
            })?;
            let extends = match &wanted {
                Some(w) => Some(audit::extends(store.conn(), w, &report.chain)?),
                None => None,
            };
            (report.problems, report.head, extends)
        }
        Err(crate::store::StoreError::Corrupt(_)) => {
            let p = crate::store::integrity_check_file(&ctx.db_path)?.into_iter().map(|p| format!("integrity: {p}"));
            (p.collect(), String::new(), wanted.as_ref().map(|_| None))
        }
        Err(e) => return Err(e.into()),
    };
    let head_problem = match (&args.head, extends) {
        (Some(h), Some(None)) => Some(format!(
            "head: the record does not extend {}: the events up to it were changed, or the chain was rewritten",
            h.trim().to_ascii_lowercase()
        )),
        _ => None,
    };
    let ok = problems.is_empty() && head_problem.is_none();
    if args.json {
        let mut doc = serde_json::json!({ "ok": ok, "problems": problems, "head": head, "quick": args.quick });
        if let (Some(h), Some(found)) = (&args.head, extends) {
            doc["extends"] =
                serde_json::json!({ "head": h.trim().to_ascii_lowercase(), "ok": found.is_some(), "event": found });
        }
        print_json(&doc)?;
    } else {
        for p in &problems {
            outln!("{p}")?;
        }
        if let Some(p) = &head_problem {
            outln!("{p}")?;
        }
        if let (Some(h), Some(Some(event))) = (&args.head, extends) {
            outln!("head: the record extends {} (audit event {event})", h.trim().to_ascii_lowercase())?;
        }
        if ok {
            outln!("ok: {}", ctx.db_path.display())?;
        }
        outln!("head: {}", if head.is_empty() { "-" } else { head.as_str() })?;
    }
    if ok { Ok(()) } else { Err(CliError::Problems(String::new())) }
}

pub fn backup(ctx: &Ctx, dest: &Path, force: bool) -> CliResult {
    if !ctx.db_path.exists() {
        return Err(CliError::Fail(format!("{} does not exist", ctx.db_path.display())));
    }
    // Opened as it is: `check` and `backup` must work on a damaged file and change nothing.
    let store = crate::store::Store::open(&ctx.db_path)?;
    // A backup of a damaged record would look like a good one: look first (the quick check).
    let problems = store.check_with(true, |_| {})?.problems;
    if !problems.is_empty() && !force {
        for p in &problems {
            out::err_line(p);
        }
        return Err(CliError::Problems(format!(
            "refused: the source {} is damaged ({} problem(s) above); `dutywatch backup --force` copies it anyway, marked damaged",
            ctx.db_path.display(),
            problems.len()
        )));
    }
    store.backup_to(dest)?;
    if !problems.is_empty() {
        // Marked beside the copy (the copy itself stays byte-for-byte what the source held).
        let mut mark = dest.as_os_str().to_os_string();
        mark.push(".DAMAGED.txt");
        let text =
            format!("copied with --force from a damaged source; `dutywatch check` found:\n{}\n", problems.join("\n"));
        std::fs::write(&mark, text).map_err(|e| CliError::Fail(format!("{}: {e}", Path::new(&mark).display())))?;
        outln!("{} {} ({})", w::BACKED_UP_DAMAGED.get(ctx.lang), dest.display(), Path::new(&mark).display())?;
        return Ok(());
    }
    outln!("{} {}", w::BACKED_UP.get(ctx.lang), dest.display())?;
    Ok(())
}
