//! The one way the CLI writes to stdout and stderr (issue 12).
//!
//! **Output that cannot attack the terminal.** Stored text is printed in tables, `show`, reports and
//! `error:` lines; a title holding `ESC ] 52` wrote the terminal's clipboard when it was printed raw. So
//! every print in `cli/` goes through here, and each call says what it prints:
//!
//! - [`outln!`]: one line for a person (a table row, a confirmation). Everything hostile is shown
//!   visibly ([`safe_text::visible_line`]), newlines and tabs included, so a value cannot forge
//!   another row.
//! - [`text`]: a document for a person (Markdown, the text report): hostile characters shown
//!   visibly, its own newlines and tabs kept ([`safe_text::visible`]).
//! - [`raw`]: a machine format that is exact by contract and escapes on its own terms (JSON, CSV,
//!   iCalendar, CAP XML).
//! - [`err_line`]: a line on stderr, neutralised like [`outln!`].
//!
//! `tests/it/cli.rs` greps `src/cli` for a `println!`/`print!`/`eprintln!` outside this file.
//!
//! **Output that cannot fail badly.** `println!` panics on any write error. Here the first failed
//! write is kept and the rest of the output skipped; [`finish`] turns it into the exit status:
//!
//! - **Broken pipe** (`dutywatch incident list | head -1`): the reader chose to stop reading. Print
//!   nothing more and keep the command's own exit status (SIGPIPE stays ignored, as Rust sets it).
//! - **Any other error** (`>/dev/full`, EIO): `error: could not write the output: …`, exit 2.
//! - **Either, after a save**: one `error:` line naming the record that was saved (see [`saved`]),
//!   so nobody retries the command and records it twice. Exit 2.

use std::fmt;
use std::io::{self, Write};
use std::sync::Mutex;

use super::CliResult;
use crate::domain::safe_text;

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

/// Writes `s` to stdout as it is; a failure is kept for [`finish`] and later output skipped.
fn write_stdout(s: &str) -> CliResult {
    if failed() {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        record(e);
    }
    Ok(())
}

/// Writes formatted text (and a newline when `newline`) to stdout, neutralised like [`outln!`].
pub fn write(args: fmt::Arguments<'_>, newline: bool) {
    let mut s = safe_text::visible_line(&fmt::format(args));
    if newline {
        s.push('\n');
    }
    let _ = write_stdout(&s);
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

/// Prints a human-readable document: hostile characters shown visibly, newlines and tabs kept.
pub fn text(s: &str) -> CliResult {
    write_stdout(&safe_text::visible(s))
}

/// Prints one human-readable line (see [`outln!`]): every control shown visibly, then a newline.
pub fn line(args: fmt::Arguments<'_>) -> CliResult {
    let mut s = safe_text::visible_line(&fmt::format(args));
    s.push('\n');
    write_stdout(&s)
}

/// Prints a machine format exactly as given (JSON, CSV, iCalendar, CAP), which escapes by its own rules.
pub fn raw(s: &str) -> CliResult {
    write_stdout(s)
}

/// Writes one line to stderr, neutralised like [`outln!`]. A failure to write stderr has nowhere
/// to be reported, so it is ignored.
pub fn err_line(s: &str) {
    let mut line = safe_text::visible_line(s);
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// `outln!("{} {}", a, b)?`: formats like `println!` and prints through [`line`], returning its
/// [`CliResult`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::line(format_args!($($arg)*))
    };
}
pub(crate) use outln;
