//! Everything the CLI writes to stdout goes through here, so a closed pipe or a full disk is an
//! outcome to report, never a panic (`println!` panics on any write error).
//!
//! `print!`/`println!` inside `cli` are this module's macros (defined in `cli/mod.rs`, ahead of
//! the command modules, so they shadow std's): the command files print as before. The first failed
//! write is kept and the rest of the output skipped; [`finish`] turns it into the exit status:
//!
//! - **Broken pipe** (`dutywatch incident list | head -1`): the reader chose to stop reading. Print
//!   nothing more and keep the command's own exit status (SIGPIPE stays ignored, as Rust sets it,
//!   so the process is never killed half-way through its own error handling).
//! - **Any other error** (`>/dev/full`, EIO): `error: could not write the output: …`, exit 2.
//! - **Either, after a save**: one `error:` line naming the record that was saved (see [`saved`]),
//!   so nobody retries the command and records it twice. Exit 2.

use std::fmt;
use std::io::{self, Write};
use std::sync::Mutex;

/// The first stdout write error of this process (later output is skipped).
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// What this process saved, in words ("incident #2026-0042 (id 42)"), for the error line.
static SAVED: Mutex<Option<String>> = Mutex::new(None);

fn failed() -> bool {
    FAILED.lock().map(|f| f.is_some()).unwrap_or(true)
}

fn record(e: io::Error) {
    if let Ok(mut slot) = FAILED.lock()
        && slot.is_none()
    {
        *slot = Some(e);
    }
}

/// Writes formatted text (and a newline when `newline`) to stdout; errors are kept for [`finish`].
pub fn write(args: fmt::Arguments<'_>, newline: bool) {
    if failed() {
        return;
    }
    let mut out = io::stdout().lock();
    let mut result = out.write_fmt(args);
    if newline && result.is_ok() {
        result = out.write_all(b"\n");
    }
    if let Err(e) = result {
        record(e);
    }
}

/// Records that a write was committed, in words naming the record ("incident #2026-0042 (id 42)").
/// Call it right after the save and before printing the result.
pub fn saved(what: impl Into<String>) {
    if let Ok(mut slot) = SAVED.lock() {
        *slot = Some(what.into());
    }
}

/// [`saved`] for a change to an incident: names it by reference and id, as the error line shows.
pub fn saved_incident(i: &crate::domain::Incident) {
    saved(format!("incident #{} (id {})", i.reference, i.id));
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Says that `--limit` cut a list: "200 of 1,234 shown; --limit N for more". Nothing when the
/// whole list was shown. With `--json` it goes to stderr, so stdout stays one exact document;
/// otherwise it is the list's last line.
pub fn limit_note(shown: usize, total: usize, json: bool) {
    if total <= shown {
        return;
    }
    let note = format!("{} of {} shown; --limit N for more", thousands(shown), thousands(total));
    if json {
        let _ = writeln!(io::stderr().lock(), "note: {note}");
    } else {
        write(format_args!("{note}"), true);
    }
}

/// How the output ended, once the command returned: flushes stdout, then `None` when all is well
/// (or the reader closed the pipe on a command that saved nothing), else the `error:` text.
pub fn finish() -> Option<String> {
    if !failed()
        && let Err(e) = io::stdout().lock().flush()
    {
        record(e);
    }
    let err = FAILED.lock().ok()?.take()?;
    let saved = SAVED.lock().ok().and_then(|s| s.clone());
    match saved {
        Some(what) => Some(format!("saved {what} but could not print the result: {err}; do not repeat the command")),
        None if err.kind() == io::ErrorKind::BrokenPipe => None,
        None => Some(format!("could not write the output: {err}")),
    }
}
