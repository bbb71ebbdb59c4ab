//! How long the audit-chain backfill (migration 0007, issue 14) holds the write lock on a big file.
//!
//! Run on a COPY (it rewrites the chain): `cargo run --release -p dutywatch-store --example
//! chain_backfill -- COPY.db`. It first puts the copy back in the state of a file from before the
//! chain (the `audit_chain` links, the genesis id and the `chain.start` event removed, the triggers
//! put back as they were), committed apart and not timed; then it times exactly what the migration
//! does for the chain, `audit::chain_start` (a new genesis id, every event linked oldest first, the
//! start recorded as an event), in one `BEGIN EXCLUSIVE` transaction up to its commit, while a
//! second connection tries `BEGIN IMMEDIATE` every 10 ms and reports how long it was refused.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// This thread's CPU time (user + system), seconds: on a shared machine the wall time also counts
/// the time other processes had the cores, so both are given.
fn cpu() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given; CLOCK_THREAD_CPUTIME_ID always exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

fn open(path: &str) -> Res<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(store::BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Back to a file from before the chain (schema 6's audit log), triggers as the schema has them.
fn unchain(conn: &mut Connection) -> Res<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    tx.execute_batch(
        "DROP TRIGGER IF EXISTS audit_chain_no_delete;
         DROP TRIGGER IF EXISTS audit_event_no_delete;
         DELETE FROM audit_chain;
         DELETE FROM audit_event WHERE action = 'chain.start';
         DELETE FROM meta WHERE key = 'chain_genesis';
         CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
         BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;",
    )?;
    // The audit log's own trigger, as 0001 made it.
    tx.execute_batch(
        "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
         BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;",
    )?;
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(())
}

fn main() -> Res<()> {
    let path = std::env::args().nth(1).ok_or("usage: chain_backfill COPY.db (a copy: the chain is rewritten)")?;
    // Variants, to see where the time goes: FK=off opens with foreign keys off (no parent lookup per
    // link); TRIGGER=off drops the no-replace trigger for the backfill and makes it again after;
    // ONLY_LINK=1 stops after the backfill.
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let mut conn = open(&path)?;
    if var("FK") == "off" {
        conn.pragma_update(None, "foreign_keys", "OFF")?;
    }
    let t = Instant::now();
    unchain(&mut conn)?;
    let (events, bytes): (i64, i64) =
        conn.query_row("SELECT count(*), coalesce(sum(length(CAST(data AS BLOB))), 0) FROM audit_event", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    println!(
        "prepared in {:.1} s: {events} audit events, {:.0} MB of snapshots, no chain",
        t.elapsed().as_secs_f64(),
        bytes as f64 / 1e6
    );

    // The other terminal: tries to write every 10 ms, without waiting, while the backfill runs.
    let stop = Arc::new(AtomicBool::new(false));
    let (ready_tx, ready_rx) = mpsc::channel();
    let writer = {
        let stop = stop.clone();
        let path = path.clone();
        std::thread::spawn(move || -> Option<Duration> {
            let c = Connection::open(&path).ok()?;
            c.busy_timeout(Duration::ZERO).ok()?;
            let _ = ready_tx.send(());
            let mut refused_since: Option<Instant> = None;
            while !stop.load(Ordering::Relaxed) {
                match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK") {
                    Ok(()) => {
                        if let Some(since) = refused_since {
                            return Some(since.elapsed());
                        }
                    }
                    Err(_) => {
                        refused_since.get_or_insert_with(Instant::now);
                    }
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            refused_since.map(|s| s.elapsed())
        })
    };
    ready_rx.recv()?;
    std::thread::sleep(Duration::from_millis(50));

    let t = Instant::now();
    let c0 = cpu();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let locked = Instant::now();
    let trigger: Option<String> = if var("TRIGGER") == "off" {
        let sql =
            tx.query_row("SELECT sql FROM sqlite_master WHERE name = 'audit_chain_no_replace'", [], |r| r.get(0))?;
        tx.execute_batch("DROP TRIGGER audit_chain_no_replace")?;
        Some(sql)
    } else {
        None
    };
    store::audit::chain_start(&tx, chrono::Utc::now())?;
    if let Some(sql) = trigger {
        tx.execute_batch(&sql)?;
    }
    let linked = t.elapsed();
    tx.commit()?;
    let held = locked.elapsed();
    let held_cpu = cpu() - c0;
    std::thread::sleep(Duration::from_millis(100));
    stop.store(true, Ordering::Relaxed);
    let refused = writer.join().map_err(|_| "writer thread panicked")?;
    let chained: i64 = conn.query_row("SELECT count(*) FROM audit_chain", [], |r| r.get(0))?;
    println!(
        "chain_start: {chained} links, linked in {:.2} s, write lock held {:.2} s wall, {held_cpu:.2} s CPU \
         (BEGIN EXCLUSIVE to COMMIT); a writer polling BEGIN IMMEDIATE was refused for {}",
        linked.as_secs_f64(),
        held.as_secs_f64(),
        refused.map(|d| format!("{:.2} s", d.as_secs_f64())).unwrap_or_else(|| "no time".into())
    );
    if var("ONLY_LINK") == "1" {
        return Ok(());
    }
    let (t, c0) = (Instant::now(), cpu());
    let report = store::audit::verify_chain(&conn, |_| {})?;
    println!(
        "verify_chain: {} events in {:.2} s wall, {:.2} s CPU, {} problems",
        report.events,
        t.elapsed().as_secs_f64(),
        cpu() - c0,
        report.problems.len()
    );
    drop(conn);
    // Then `check --quick` as the CLI runs it (the open migrates the copy to this schema first).
    let t = Instant::now();
    let store = store::Store::open(std::path::Path::new(&path))?;
    println!("open (migrating to schema {}): {:.2} s", store::schema_version(), t.elapsed().as_secs_f64());
    let (t, c0) = (Instant::now(), cpu());
    let report = store.check_with(true, |_| {})?;
    println!(
        "check --quick: {:.2} s wall, {:.2} s CPU, {} problems",
        t.elapsed().as_secs_f64(),
        cpu() - c0,
        report.problems.len()
    );
    for p in report.problems.iter().take(10) {
        println!("  {p}");
    }
    Ok(())
}
