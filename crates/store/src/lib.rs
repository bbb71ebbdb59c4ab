//! The SQLite store: opening with the right PRAGMAs, forward-only migrations, and one module per
//! aggregate. Synchronous (rusqlite); only `runtime` awaits.
//!
//! Rules kept here (see docs/storage-and-performance.md for the measurements behind them):
//! - every write transaction is `BEGIN IMMEDIATE` and writes its audit event before commit;
//! - WAL + `synchronous=FULL`: an acknowledged save survives power loss;
//! - the schema is created and migrated inside one `BEGIN EXCLUSIVE` transaction that looks at the
//!   file again once it holds the lock, so any number of terminals can open a brand-new file at once.

/// The domain crate, under the path the store's modules use for it.
pub use domain;

pub mod alert;
pub mod archive;
pub mod asof;
pub mod audit;
pub mod check;
pub mod codes;
pub mod contact;
pub mod correction;
pub mod counts;
pub mod duty;
pub mod equipment;
pub mod error;
pub mod escalation;
pub mod facts;
pub mod handover;
pub mod incident;
pub mod level;
pub mod link;
pub mod log;
pub mod obligation;
pub mod person;
pub mod pin;
pub mod plan;
pub mod replay;
pub mod reports;
pub mod roster;
pub mod shift;
pub mod stats;
pub mod task;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
/// The connection and transaction types the service layer passes through to store functions that
/// write inside a transaction it opened (so the service never names rusqlite itself).
pub use rusqlite::{Connection, Transaction};
use rusqlite::{OpenFlags, TransactionBehavior};

pub use error::{Result, StoreError};

/// How long one statement waits for another terminal's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The forward-only migrations, in order. A database's `user_version` counts how many have run.
const MIGRATION_SQL: &[&str] = &[
    include_str!("../../../migrations/0001_init.sql"),
    include_str!("../../../migrations/0002_contacts.sql"),
    include_str!("../../../migrations/0003_handover.sql"),
    include_str!("../../../migrations/0004_perf_indexes.sql"),
    include_str!("../../../migrations/0005_ledger.sql"),
    include_str!("../../../migrations/0006_shift_person_start.sql"),
    include_str!("../../../migrations/0007_audit_chain.sql"),
    include_str!("../../../migrations/0008_facts.sql"),
    include_str!("../../../migrations/0009_alert_ack.sql"),
    include_str!("../../../migrations/0010_report_issue_no.sql"),
    include_str!("../../../migrations/0011_levels_tasks.sql"),
    include_str!("../../../migrations/0012_review_reports.sql"),
    include_str!("../../../migrations/0013_link.sql"),
    include_str!("../../../migrations/0014_correction_reack.sql"),
    include_str!("../../../migrations/0015_stats_indexes.sql"),
    include_str!("../../../migrations/0016_incident_search.sql"),
];

/// The migration that starts the audit hash chain (its Rust half is [`audit::chain_start`]).
const CHAIN_MIGRATION: i64 = 7;

/// `PRAGMA application_id` written into every file this binary creates ("DWTC"): another
/// program's SQLite file that sets its own id is refused even when it holds no tables.
pub const APPLICATION_ID: i64 = 0x4457_5443;

/// Tables only a dutywatch schema has: a file that carries our `user_version` and some of these but
/// no `meta` row (or none of its tables at all) is a damaged dutywatch file, not another program's.
const OUR_TABLES: &[&str] = &["person", "shift", "incident", "obligation", "audit_event"];

/// The schema version this binary knows.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// An open database.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Read-only opens: whether `-wal` and `-shm` existed before, so the ones this open created
    /// can be removed on drop.
    cleanup: Option<[bool; 2]>,
    /// The `-wal` file existed once the store was open: it must still exist at every write.
    wal_at_open: bool,
}

impl Drop for Store {
    /// A read-only open may have made `-wal`/`-shm` beside the file (as this user); left behind
    /// they would stop the owner writing once the permissions are fixed. Close the connection
    /// first, then remove only the empty sidecars this open created.
    fn drop(&mut self) {
        let Some(existed) = self.cleanup.take() else { return };
        if let Ok(mut open) = READ_ONLY_OPEN.lock()
            && let Some(i) = open.iter().position(|(p, _)| *p == self.path)
        {
            open.swap_remove(i);
        }
        if let Ok(mem) = Connection::open_in_memory() {
            drop(std::mem::replace(&mut self.conn, mem));
        }
        remove_created_sidecars(&self.path, existed);
    }
}

/// Read-only stores open in this process, with which sidecars existed before: a board ended by a
/// signal exits without running `Drop`, so [`cleanup_read_only_sidecars`] does it instead.
static READ_ONLY_OPEN: std::sync::Mutex<Vec<(PathBuf, [bool; 2])>> = std::sync::Mutex::new(Vec::new());

/// Removes the empty `-wal` and the `-shm` of `path` if they did not exist before (`existed`) and
/// no other process uses them. SQLite's own test before it deletes a WAL: every connection holds
/// a shared `fcntl` lock on the "DMS" byte of the `-shm` (offset 128). `F_GETLK` (which a
/// read-only descriptor may ask, and which ignores this process's own locks) tells whether another
/// process holds one. (A process that opens the file in the instant between this test and the
/// removal is not excluded: that window is the one race left.)
fn remove_created_sidecars(path: &Path, existed: [bool; 2]) {
    use std::os::fd::AsRawFd;
    let shm_path = sidecar(path, "-shm");
    let Ok(shm) = std::fs::File::open(&shm_path) else {
        return;
    };
    // SAFETY: a zeroed `flock` is a valid value; F_GETLK writes into it, on a descriptor we own.
    let unused = unsafe {
        let mut lock: libc::flock = std::mem::zeroed();
        lock.l_type = libc::F_WRLCK as libc::c_short;
        lock.l_whence = libc::SEEK_SET as libc::c_short;
        lock.l_start = 128;
        lock.l_len = 1;
        libc::fcntl(shm.as_raw_fd(), libc::F_GETLK, &mut lock) == 0 && lock.l_type == libc::F_UNLCK as libc::c_short
    };
    if !unused {
        return;
    }
    let wal = sidecar(path, "-wal");
    let wal_empty = std::fs::metadata(&wal).map(|m| m.len() == 0).unwrap_or(true);
    if !existed[0] && wal_empty {
        let _ = std::fs::remove_file(&wal);
    }
    if !existed[1] && !wal.exists() {
        let _ = std::fs::remove_file(&shm_path);
    }
    drop(shm);
}

/// For an exit that skips destructors (a signal ending the board): removes the sidecars the
/// read-only opens of this process created. The process ends right after, so the connections
/// still holding them do not matter.
pub fn cleanup_read_only_sidecars() {
    let open = match READ_ONLY_OPEN.lock() {
        Ok(mut open) => std::mem::take(&mut *open),
        Err(_) => return,
    };
    for (path, existed) in open {
        remove_created_sidecars(&path, existed);
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Refuses, from `stat` alone and before anything opens it, a path that is not a regular file: a
/// FIFO would hang the open (it waits for a writer), a device such as `/dev/null` swallows writes,
/// a socket cannot be read. A symlink is judged by what it points to; a missing path is a new file.
fn check_kind(path: &Path) -> Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "it is a directory"
    } else if t.is_fifo() {
        "it is a named pipe (FIFO), not a dutywatch database file"
    } else if t.is_char_device() || t.is_block_device() {
        "it is a device, not a dutywatch database file"
    } else if t.is_socket() {
        "it is a socket, not a dutywatch database file"
    } else {
        "it is not a regular file"
    };
    Err(StoreError::Open { path: path.into(), reason: what.into() })
}

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
    // Unique per probe, not only per process: two threads of one process (the board and its link
    // thread, issue 20) opening files in the same directory at once must not collide on the name and
    // take the directory for read-only.
    static PROBES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = PROBES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = dir.join(format!(".dutywatch-probe-{}-{n}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(_) => true,
    }
}

/// The `file:` URI of `path`. An absolute path gets an empty authority (`file:///…`), so a path
/// written with a doubled leading slash (`--db //srv/dw.db`) is not read as a host name.
fn file_uri(path: &Path) -> String {
    let text = uri_escape(&path.display().to_string());
    if text.starts_with('/') { format!("file://{text}") } else { format!("file:{text}") }
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
        check_kind(path)?;
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
        // Two terminals creating a brand-new file at once race on the WAL switch (SQLite answers
        // SQLITE_BUSY at once there, without waiting): retry with backoff. The schema itself is
        // created under an exclusive lock (see `migrate`), so that part cannot race.
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
            Self::migrate(&mut conn, path)?;
        }
        let wal_at_open = sidecar(path, "-wal").exists();
        Ok(Store { conn, path: path.into(), read_only: false, cleanup: None, wal_at_open })
    }

    /// Creates or migrates the schema in one `BEGIN EXCLUSIVE` transaction. What was read before the
    /// lock may be stale (another process may have created the schema meanwhile), so the identity
    /// and `user_version` are read again under the lock and only the missing migrations run: without
    /// that, two terminals opening a brand-new file both ran 0001 and one failed with "table person
    /// already exists". All or nothing: a failure leaves the file as it was.
    fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        Self::check_identity(&tx, path)?;
        let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > schema_version() {
            return Err(StoreError::TooNew { path: path.into(), found, known: schema_version() });
        }
        let started = std::time::Instant::now();
        for sql in MIGRATION_SQL.iter().skip(found.max(0) as usize) {
            tx.execute_batch(sql)?;
        }
        // The chain is started once (a new file, or one from before 0007); events that later SQL
        // migrations write are linked after them, so the chain always covers the whole record.
        if found < CHAIN_MIGRATION {
            audit::chain_start(&tx, Utc::now())?;
        } else {
            audit::chain_catch_up(&tx)?;
        }
        tracing::info!(from = found, to = schema_version(), ms = started.elapsed().as_millis() as u64, "migrated");
        if found == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.pragma_update(None, "user_version", schema_version())?;
        tx.commit()?;
        Ok(())
    }

    /// A database this process cannot write: open it through the URI forms that do not need the
    /// `-shm` file, and say so (the board shows a banner, CLI writes are refused).
    ///
    /// `immutable=1` (no locks, no WAL) is only a fallback for a file whose WAL is absent or empty:
    /// with a non-empty `-wal` it would show the data as it stood before the last commits, so the
    /// open is refused instead. Sidecar files this open creates are removed again when the store is
    /// dropped (see the `Drop` impl): left behind, owned by this user, they would block
    /// the owner's writes after the permissions are fixed.
    fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri_base = file_uri(path);
        let wal = sidecar(path, "-wal");
        let wal_has_data = std::fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false);
        let existed = [wal.exists(), sidecar(path, "-shm").exists()];
        let mut uris = vec![format!("{uri_base}?mode=ro")];
        if !wal_has_data {
            uris.push(format!("{uri_base}?mode=ro&immutable=1"));
        }
        let mut last_err = None;
        for uri in uris {
            match Connection::open_with_flags(&uri, flags) {
                Ok(conn) => {
                    let mut store =
                        Store { conn, path: path.into(), read_only: true, cleanup: None, wal_at_open: false };
                    store.cleanup = Some(existed);
                    if let Ok(mut open) = READ_ONLY_OPEN.lock() {
                        open.push((path.to_path_buf(), existed));
                    }
                    let probe = store.conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
                    match probe {
                        Ok(found) if found > schema_version() => {
                            return Err(StoreError::TooNew { path: path.into(), found, known: schema_version() });
                        }
                        Ok(found) if found < schema_version() => {
                            return Err(StoreError::ReadOnly(path.into()));
                        }
                        Ok(_) => {
                            store.conn.busy_timeout(BUSY_TIMEOUT)?;
                            Self::check_identity(&store.conn, path)?;
                            return Ok(store);
                        }
                        Err(e) => last_err = Some(e),
                    }
                }
                Err(e) => last_err = Some(e),
            }
        }
        if wal_has_data {
            return Err(StoreError::Open {
                path: path.into(),
                reason: format!(
                    "it is read-only for this user and its write-ahead log {} holds recent changes that \
                     cannot be read without write access; showing the file without them would show stale \
                     data. Ask the owner to open it once, or fix the permissions ({})",
                    wal.display(),
                    last_err.map(|e| e.to_string()).unwrap_or_default()
                ),
            });
        }
        Err(StoreError::Open {
            path: path.into(),
            reason: last_err.map(|e| e.to_string()).unwrap_or_else(|| "read-only".into()),
        })
    }

    /// Tells a dutywatch file (or a brand-new empty one) from everything else, reading only the
    /// schema and the header: any schema object (a view or an index counts, not only tables) or a
    /// foreign `application_id` without our `meta` row is another program's file; our `user_version`
    /// without our tables is a damaged dutywatch file (refused, so nothing is created over it).
    fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(|e| {
            match e.sqlite_error_code() {
                // The header said SQLite but the file is not one after all.
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotDutywatch(path.into()),
                // A real SQLite file that is damaged (e.g. truncated): say so, not "not dutywatch".
                Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(format!("{}: {e}", path.display())),
                _ => StoreError::from(e),
            }
        })?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has_table = |name: &str| -> Result<bool> {
            let n: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [name], |r| {
                    r.get(0)
                })?;
            Ok(n > 0)
        };
        let foreign_id = app_id != 0 && app_id != APPLICATION_ID;
        if has_table("meta")? {
            let app: Option<String> =
                conn.query_row("SELECT value FROM meta WHERE key = 'application'", [], |r| r.get(0)).ok();
            if app.as_deref() == Some("dutywatch") && !foreign_id {
                return Ok(());
            }
            return Err(StoreError::NotDutywatch(path.into()));
        }
        if foreign_id {
            return Err(StoreError::NotDutywatch(path.into()));
        }
        if objects == 0 && version == 0 {
            return Ok(());
        }
        let ours = (1..=schema_version()).contains(&version) || app_id == APPLICATION_ID;
        let mut some_of_ours = false;
        for t in OUR_TABLES {
            some_of_ours |= has_table(t)?;
        }
        if ours && (objects == 0 || some_of_ours) {
            return Err(StoreError::Corrupt(format!(
                "{}: it carries dutywatch's schema version {version} but not its tables",
                path.display()
            )));
        }
        Err(StoreError::NotDutywatch(path.into()))
    }

    /// Opens an in-memory database (benchmarks and unit tests of query code).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Self::migrate(&mut conn, Path::new(":memory:"))?;
        Ok(Store { conn, path: PathBuf::from(":memory:"), read_only: false, cleanup: None, wal_at_open: false })
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
        // While a connection is open the WAL exists (only the last connection's close removes it).
        // Removed from under us, SQLite would keep writing into the unlinked file and the commits
        // would vanish at close: refuse, and say what happened (the disk is not full).
        if self.wal_at_open && !sidecar(&self.path, "-wal").exists() {
            return Err(StoreError::WalRemoved(sidecar(&self.path, "-wal")));
        }
        // Each attempt already waits up to BUSY_TIMEOUT in SQLite's busy handler; the retries cover
        // the cases where SQLite returns SQLITE_BUSY at once (it skips the handler when waiting could
        // deadlock). Bounded in time, so the officer waits at most about 2 × BUSY_TIMEOUT.
        let started = std::time::Instant::now();
        let mut delay = Duration::from_millis(10);
        loop {
            let result = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = f(&tx)?;
                tx.commit()?;
                Ok(value)
            })();
            match result {
                Err(StoreError::Busy) if started.elapsed() < BUSY_TIMEOUT => {
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_millis(250));
                }
                Err(StoreError::ReadOnly(_)) => return Err(StoreError::ReadOnly(self.path.clone())),
                other => return other,
            }
        }
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
        let result = Self::copy_all(&self.conn, &mut out);
        drop(out);
        if result.is_err() {
            // A half-made copy must not be mistaken for a backup.
            let _ = std::fs::remove_file(dest);
            let _ = std::fs::remove_file(sidecar(dest, "-wal"));
            let _ = std::fs::remove_file(sidecar(dest, "-shm"));
        }
        result
    }

    /// Copies every page in one backup step, i.e. inside one read transaction: a consistent
    /// snapshot even while other processes commit. (Stepping in chunks restarts from the first page
    /// whenever another process commits, so under a steady writer it never finished: 47 s and
    /// counting in `tests/it/concurrency.rs`.) Readers do not block WAL writers, so nobody waits.
    fn copy_all(src: &Connection, out: &mut Connection) -> Result<()> {
        use rusqlite::backup::{Backup, StepResult};
        let backup = Backup::new(src, out)?;
        let started = std::time::Instant::now();
        loop {
            match backup.step(-1)? {
                StepResult::Done => return Ok(()),
                StepResult::More => {}
                _ if started.elapsed() < BUSY_TIMEOUT => std::thread::sleep(Duration::from_millis(50)),
                _ => return Err(StoreError::Busy),
            }
        }
    }

    /// `PRAGMA integrity_check`: the only way to notice a damaged page (ordinary reads do not).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        run_integrity_check(&self.conn)
    }
}

/// Runs `integrity_check` on a file too damaged to open the usual way (its schema or identity
/// cannot be read): a plain read-only connection that asks nothing else first.
pub fn integrity_check_file(path: &Path) -> Result<Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| StoreError::Open { path: path.into(), reason: e.to_string() })?;
    let mut problems = run_integrity_check(&conn)?;
    if problems.is_empty() {
        problems.push("the file could not be opened as a dutywatch database".into());
    }
    Ok(problems)
}

fn run_integrity_check(conn: &Connection) -> Result<Vec<String>> {
    // A damaged schema page stops SQLite before the check can even start: that is the finding.
    let unreadable = |e: rusqlite::Error| match StoreError::from(e) {
        StoreError::Corrupt(msg) => Ok(vec![format!("the schema cannot be read: {msg}")]),
        other => Err(other),
    };
    {
        let mut stmt = match conn.prepare("PRAGMA integrity_check") {
            Ok(s) => s,
            Err(e) => return unreadable(e),
        };
        let mut rows = match stmt.query([]) {
            Ok(r) => r,
            Err(e) => return unreadable(e),
        };
        let mut problems = Vec::new();
        loop {
            match rows.next() {
                Ok(Some(row)) => {
                    let line: String = row.get(0)?;
                    if line != "ok" {
                        problems.push(line);
                    }
                }
                Ok(None) => break,
                // A badly damaged page can stop the check itself part-way (after naming the page):
                // that is a finding to list, not a reason to hide the ones already found.
                Err(e) => match StoreError::from(e) {
                    StoreError::Corrupt(msg) => {
                        problems.push(format!("the check stopped early: {msg}"));
                        break;
                    }
                    other => return Err(other),
                },
            }
        }
        Ok(problems)
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
