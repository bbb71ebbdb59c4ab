//! What can go wrong in the board's runtime (loading a screen's data, carrying out a write, drawing
//! the terminal). Each wraps the lower crate's error and shows its words unchanged: the officer sees
//! them in the status line, and tests compare them.

use std::path::PathBuf;

use crate::domain::UnknownCode;
use crate::ops::OpError;
use crate::ops::docs::DocError;
use crate::ops::outcome::CommandError;
use crate::store::StoreError;

/// An error of the board's runtime.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Op(#[from] OpError),
    #[error(transparent)]
    Command(#[from] CommandError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Doc(#[from] DocError),
    #[error(transparent)]
    Code(#[from] UnknownCode),
    /// The terminal (drawing, reading, the signal stream).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A file that could not be written, with its path.
    #[error("{}: {source}", path.display())]
    File { path: PathBuf, source: std::io::Error },
    /// A week whose duty window does not exist in the unit's zone.
    #[error("{monday}: cannot be placed in {tz}")]
    Unplaceable { monday: chrono::NaiveDate, tz: chrono_tz::Tz },
    /// A write routed to the wrong handler (a bug, said rather than reported as saved).
    #[error("{0}")]
    Misrouted(String),
}

/// A runtime result.
pub type RuntimeResult<T> = Result<T, RuntimeError>;

/// A test backend cannot fail: its `Infallible` error converts to nothing.
impl From<std::convert::Infallible> for RuntimeError {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}
