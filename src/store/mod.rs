//! The SQLite store: opening with the right PRAGMAs, forward-only migrations, and one module per
//! aggregate. Synchronous (rusqlite); only `runtime` awaits.
//!
//! Rules kept here (see PERF-RELIABILITY.md for the measurements behind them):
//! - every write transaction is `BEGIN IMMEDIATE` and writes its audit event before commit;
//! - WAL + `synchronous=FULL`: an acknowledged save survives power loss;
//! - first-open races (two terminals creating a new file) are retried with backoff.

pub mod audit;
pub mod check;
pub mod equipment;
pub mod error;
pub mod escalation;
pub mod handover;
pub mod incident;
pub mod log;
pub mod obligation;
pub mod person;
pub mod replay;
pub mod shift;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

pub use error::{Result, StoreError};

/// How long one statement waits for another terminal's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The forward-only migrations, in order. A database's `user_version` counts how many have run.
const MIGRATION_SQL: &[&str] =
    &[include_str!("../../migrations/0001_init.sql"), include_str!("../../migrations/0002_handover.sql")];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this binary knows.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// An open database.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses, without touching it, a non-empty file that is not SQLite at all.
fn check_magic(path: &Path) -> Result<()> {
    let Ok(mut f) = std::fs::File::open(path) else { return Ok(()) };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < 16 {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => break,
        }
    }
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(StoreError::NotDutywatch(path.to_path_buf()));
    }
    Ok(())
}

/// True when this process cannot write the file (or, for a new file, its directory).
fn is_read_only(path: &Path) -> bool {
    if path.exists() {
        let file_ro = std::fs::OpenOptions::new().append(true).open(path).is_err();
        // WAL needs to create `-wal`/`-shm` beside the file.
        let dir_ro = path
            .parent()
            .map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d })
            .map(dir_not_writable)
            .unwrap_or(false);
        let wal_missing = !sidecar(path, "-wal").exists();
        file_ro || (dir_ro && wal_missing)
    } else {
        false
    }
}

fn dir_not_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".dutywatch-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(_) => true,
    }
}

/// Escapes the characters that SQLite's URI parser would read as syntax.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrating it forward.
    /// A file this process cannot write is opened read-only instead (see [`Store::is_read_only`]).
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::Open { path: path.into(), reason: "it is a directory".into() });
        }
        check_magic(path)?;
        if is_read_only(path) {
            return Self::open_read_only(path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                path: path.into(),
                reason: format!("cannot create directory {}: {e}", parent.display()),
            })?;
        }
        // Two terminals creating a brand-new file at once race on the WAL switch: retry with backoff.
        let mut delay = Duration::from_millis(20);
        let mut attempt = 0;
        loop {
            match Self::open_rw(path) {
                Err(e) if e.is_busy() && attempt < 12 => {
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(500));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    fn open_rw(path: &Path) -> Result<Store> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open { path: path.into(), reason: e.to_string() })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Identify the file before changing anything about it: another program's SQLite file, or
        // one from a newer dutywatch, is refused untouched (not even switched to WAL).
        Self::check_identity(&conn, path)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema_version() {
            return Err(StoreError::TooNew { path: path.into(), found, known: schema_version() });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if found < schema_version() {
            migrations().to_latest(&mut conn).map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
                other => StoreError::Migration(other.to_string()),
            })?;
        }
        Ok(Store { conn, path: path.into(), read_only: false })
    }

    /// A database this process cannot write: open it through the URI forms that do not need the
    /// `-shm` file, and say so (the board shows a banner, CLI writes are refused).
    fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri_base = format!("file:{}", uri_escape(&path.display().to_string()));
        let mut last_err = None;
        for uri in [format!("{uri_base}?mode=ro"), format!("{uri_base}?mode=ro&immutable=1")] {
            match Connection::open_with_flags(&uri, flags) {
                Ok(conn) => {
                    let probe = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
                    match probe {
                        Ok(found) if found > schema_version() => {
                            return Err(StoreError::TooNew { path: path.into(), found, known: schema_version() });
                        }
                        Ok(found) if found < schema_version() => {
                            return Err(StoreError::ReadOnly(path.into()));
                        }
                        Ok(_) => {
                            conn.busy_timeout(BUSY_TIMEOUT)?;
                            Self::check_identity(&conn, path)?;
                            return Ok(Store { conn, path: path.into(), read_only: true });
                        }
                        Err(e) => last_err = Some(e),
                    }
                }
                Err(e) => last_err = Some(e),
            }
        }
        Err(StoreError::Open {
            path: path.into(),
            reason: last_err.map(|e| e.to_string()).unwrap_or_else(|| "read-only".into()),
        })
    }

    /// A file with tables but no dutywatch `meta` row belongs to some other program: refuse it.
    fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))
            .map_err(|e| match StoreError::from(e) {
            StoreError::Corrupt(_) => StoreError::NotDutywatch(path.into()),
            other => other,
        })?;
        if tables == 0 {
            return Ok(());
        }
        let has_meta: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'", [], |r| {
                r.get(0)
            })?;
        let app: Option<String> = if has_meta == 1 {
            conn.query_row("SELECT value FROM meta WHERE key = 'application'", [], |r| r.get(0)).ok()
        } else {
            None
        };
        if app.as_deref() != Some("dutywatch") {
            return Err(StoreError::NotDutywatch(path.into()));
        }
        Ok(())
    }

    /// Opens an in-memory database (benchmarks and unit tests of query code).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations().to_latest(&mut conn).map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store { conn, path: PathBuf::from(":memory:"), read_only: false })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file could only be opened read-only: every write is refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction and commits. Busy failures (another terminal
    /// writing) are retried with backoff within a bound, then reported as [`StoreError::Busy`].
    pub fn write<T>(&mut self, mut f: impl FnMut(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        let mut delay = Duration::from_millis(10);
        for attempt in 0.. {
            let result = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = f(&tx)?;
                tx.commit()?;
                Ok(value)
            })();
            match result {
                Err(StoreError::Busy) if attempt < 5 => {
                    std::thread::sleep(delay);
                    delay *= 2;
                }
                Err(StoreError::ReadOnly(_)) => return Err(StoreError::ReadOnly(self.path.clone())),
                other => return other,
            }
        }
        Err(StoreError::Busy)
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA data_version`: changes when another connection commits. Polled on the board's tick.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Online backup to `dest` through SQLite's backup API: consistent while others write.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!("{} already exists; choose a new file", dest.display())));
        }
        let mut out =
            Connection::open(dest).map_err(|e| StoreError::Open { path: dest.into(), reason: e.to_string() })?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: the only way to notice a damaged page (ordinary reads do not).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }
}

/// Seconds since the epoch, as stored.
pub fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

/// Back from stored seconds. Out-of-range values (never written by us) clamp to the epoch.
pub fn from_ts(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

pub fn from_ts_opt(secs: Option<i64>) -> Option<DateTime<Utc>> {
    secs.map(from_ts)
}
