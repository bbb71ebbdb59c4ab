//! Store errors, each mapped to a message an officer can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a dutywatch database", .0.display())]
    NotDutywatch(PathBuf),
    #[error("{} has schema version {found}, newer than this dutywatch (knows {known}); use a newer dutywatch", path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{} is read-only; nothing can be saved", .0.display())]
    ReadOnly(PathBuf),
    #[error("cannot open {}: {reason}", path.display())]
    Open { path: PathBuf, reason: String },
    #[error("the database is busy (another terminal holds a write lock); nothing was saved, try again")]
    Busy,
    #[error("the disk is full; nothing was saved")]
    DiskFull,
    #[error("the database file is damaged ({0}); run `dutywatch check` and restore from a backup")]
    Corrupt(String),
    #[error("{0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{what} was changed by {by} at {at} since you opened it; your text is kept, reload and merge")]
    Conflict { what: String, by: String, at: String },
    #[error(
        "the database file could not be written or read ({0}): the disk may be full, over a file-size limit, or failing; nothing was saved"
    )]
    Io(String),
    #[error(
        "the write-ahead log {} was removed while dutywatch had the database open; nothing was saved. Quit every dutywatch on this file, then run `dutywatch check`",
        .0.display()
    )]
    WalRemoved(PathBuf),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        // A value read back that is not what dutywatch writes (an unknown code): damage from outside.
        if let rusqlite::Error::FromSqlConversionFailure(col, _, err) = &e {
            return StoreError::Corrupt(format!(
                "column {col} holds {err}; the file was changed outside dutywatch (run `dutywatch check`)"
            ));
        }
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => StoreError::Busy,
            Some(C::DiskFull) => StoreError::DiskFull,
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => StoreError::Corrupt(e.to_string()),
            Some(C::ReadOnly) => StoreError::ReadOnly(PathBuf::from("the database")),
            // EFBIG (a file-size limit), EIO: SQLite reports these as I/O errors, not as SQLITE_FULL.
            Some(C::SystemIoFailure) => StoreError::Io(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// A transient failure worth retrying with backoff.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
