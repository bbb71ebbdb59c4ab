//! The command line: a contract that scripts and tests depend on (DESIGN.md §5).
//!
//! Exit codes: 0 ok; 1 the command ran and found problems; 2 bad input or an error, with one
//! `error:` line on stderr.

// `print!`/`println!` in every command module below write through `out` (a failed write is an
// outcome reported by `finish`, not a panic). Defined before the modules so they shadow std's.
macro_rules! println {
    () => {
        $crate::cli::out::write(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::cli::out::write(format_args!($($arg)*), true)
    };
}
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::cli::out::write(format_args!($($arg)*), false)
    };
}

pub mod admin;
pub mod args;
pub mod args_handover;
pub mod contact;
pub mod context;
pub mod demo;
pub mod demo_incidents;
pub mod escalation;
pub mod export;
pub mod handover;
pub mod incident;
pub mod log;
pub mod out;
pub mod person;
pub mod roster;
pub mod roster_args;
pub mod roster_io;
pub mod stats;
pub mod stress;

use std::io::Write as _;
use std::process::ExitCode;

pub use args::{Cli, Command};
pub use context::Ctx;

/// How a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input or an error: exit 2 with an `error:` line.
    #[error("{0}")]
    Fail(String),
    /// The command ran and found problems (already printed): exit 1.
    #[error("{0}")]
    Problems(String),
    /// An error with a second line pointing at what to do instead: exit 2.
    #[error("{msg}")]
    Hinted { msg: String, hint: String },
}

impl From<crate::store::StoreError> for CliError {
    fn from(e: crate::store::StoreError) -> Self {
        CliError::Fail(e.to_string())
    }
}

impl From<crate::config::ConfigError> for CliError {
    fn from(e: crate::config::ConfigError) -> Self {
        CliError::Fail(e.to_string())
    }
}

impl From<crate::ops::OpError> for CliError {
    fn from(e: crate::ops::OpError) -> Self {
        match e {
            crate::ops::OpError::Invalid { field, message } => CliError::Fail(format!("--{field}: {message}")),
            crate::ops::OpError::Refused(m) => CliError::Problems(format!("refused: {m}")),
            crate::ops::OpError::Store(s) => CliError::Fail(s.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Fail(e.to_string())
    }
}

pub type CliResult = Result<(), CliError>;

/// Maps a command's outcome to the process exit code, printing the `error:` line. A failed write
/// to stdout (see [`out`]) turns success into exit 2 with its own `error:` line.
pub fn finish(result: CliResult) -> ExitCode {
    let output = out::finish();
    // stderr may be gone too: nothing more can be said then, and `eprintln!` would panic.
    let say = |text: String| {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    };
    match result {
        Ok(()) => match output {
            None => ExitCode::SUCCESS,
            Some(msg) => {
                say(format!("error: {}", msg.replace('\n', " ")));
                ExitCode::from(2)
            }
        },
        Err(CliError::Problems(msg)) => {
            if !msg.is_empty() {
                say(msg);
            }
            match output {
                Some(out) => {
                    say(format!("error: {}", out.replace('\n', " ")));
                    ExitCode::from(2)
                }
                None => ExitCode::from(1),
            }
        }
        Err(CliError::Fail(msg)) => {
            say(format!("error: {}", msg.replace('\n', " ")));
            ExitCode::from(2)
        }
        Err(CliError::Hinted { msg, hint }) => {
            say(format!("error: {}\nhint: {}", msg.replace('\n', " "), hint.replace('\n', " ")));
            ExitCode::from(2)
        }
    }
}

/// Prints a value as one JSON document.
pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Fail(e.to_string()))?;
    println!("{text}");
    Ok(())
}
