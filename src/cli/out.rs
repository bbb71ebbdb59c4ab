//! The one way the CLI writes to stdout and stderr (issue 12: output that cannot attack the terminal).
//!
//! Stored text is printed in tables, `show`, reports and `error:` lines; a title holding `ESC ] 52`
//! wrote the terminal's clipboard when it was printed raw. So every print in `cli/` goes through
//! here, and each call says what it prints:
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
//! `tests/cli.rs` greps `src/cli` for a `println!`/`print!`/`eprintln!` outside this file.
//!
//! A failed write (a closed pipe, a full disk) is returned as an error instead of panicking as
//! `println!` would.

use std::fmt;
use std::io::Write;

use super::{CliError, CliResult};
use crate::domain::safe_text;

fn write_stdout(s: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::Fail(format!("cannot write the output: {e}")))
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
