//! How a command, from the command line or the board's runtime, ended: the exit code and the one
//! `error:` line are decided from this by the binary.

/// How a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Bad input or an error: exit 2 with an `error:` line.
    #[error("{0}")]
    Fail(String),
    /// The command ran and found problems (already printed): exit 1.
    #[error("{0}")]
    Problems(String),
    /// An error with a second line pointing at what to do instead: exit 2.
    #[error("{msg}")]
    Hinted { msg: String, hint: String },
    /// The board ended on a terminating signal (terminal restored, reason already on stderr):
    /// `main` exits with 128 + the signal's number.
    #[error("signal {0}")]
    Signal(i32),
}

impl From<crate::store::StoreError> for CommandError {
    fn from(e: crate::store::StoreError) -> Self {
        CommandError::Fail(e.to_string())
    }
}

impl From<crate::config::ConfigError> for CommandError {
    fn from(e: crate::config::ConfigError) -> Self {
        CommandError::Fail(e.to_string())
    }
}

impl From<crate::OpError> for CommandError {
    fn from(e: crate::OpError) -> Self {
        match e {
            crate::OpError::Invalid { field, message } => CommandError::Fail(format!("--{field}: {message}")),
            crate::OpError::Refused(m) => CommandError::Problems(format!("refused: {m}")),
            crate::OpError::Store(s) => CommandError::Fail(s.to_string()),
        }
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError::Fail(e.to_string())
    }
}

pub type CommandResult = Result<(), CommandError>;
