//! The append-only audit log. Each event carries the row as it stood after the change, so the
//! board at any past moment can be rebuilt from this table alone (review mode).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params, types::ValueRef};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{Result, StoreError, ts};

/// The tables whose rows are audited; anything else is refused so a typo cannot inject SQL.
pub(crate) const AUDITED: &[&str] = &[
    "contact",
    "person",
    "shift",
    "calendar_period",
    "incident",
    "obligation",
    "report",
    "escalation",
    "log_entry",
    "equipment_check",
    "handover",
    "handover_addendum",
    "person_pin",
    "pin_attempt",
    "alert_ack",
    "fact_update",
    "correction",
    "level_change",
    "finding",
    "task",
    "duty",
    "plan_filing",
];

/// A column's value as an audit snapshot holds it: as stored, except a PIN hash, which only ever
/// appears as the SHA-256 of the stored hash (`hash_sha256`), so the log never carries the hash
/// while `check` still sees it swapped.
pub(crate) fn snapshot_value(table: &str, name: &str, v: ValueRef<'_>) -> (String, Value) {
    if table == "person_pin" && name == "hash" {
        let bytes = match v {
            ValueRef::Text(t) | ValueRef::Blob(t) => t,
            _ => &[],
        };
        return ("hash_sha256".to_string(), Value::from(hex(&Sha256::digest(bytes))));
    }
    let value = match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => Value::Null,
    };
    (name.to_string(), value)
}

/// Reads one row of `table` as a JSON object, column by column.
pub fn row_json(tx: &Transaction<'_>, table: &str, id: i64) -> Result<Value> {
    if !AUDITED.contains(&table) {
        return Err(StoreError::Invalid(format!("not an audited table: {table}")));
    }
    let mut stmt = tx.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = stmt.query(params![id])?;
    let row = rows.next()?.ok_or_else(|| StoreError::NotFound(format!("{table} {id}")))?;
    let mut obj = Map::new();
    for (i, name) in names.iter().enumerate() {
        let (key, v) = snapshot_value(table, name, row.get_ref(i)?);
        obj.insert(key, v);
    }
    Ok(Value::Object(obj))
}

/// Writes the audit event for a change to `table` row `id`, inside the caller's transaction, and
/// its link in the hash chain (same transaction: the event and its hash exist together or not at all).
pub fn record(tx: &Transaction<'_>, at: DateTime<Utc>, actor: &str, action: &str, table: &str, id: i64) -> Result<()> {
    let data = row_json(tx, table, id)?;
    tx.prepare_cached(
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![ts(at), actor, action, table, id, data.to_string()])?;
    let event_id = tx.last_insert_rowid();
    chain_event(tx, event_id)
}

// ---------------------------------------------------------------------------------------------
// The hash chain (migration 0007).
//
// Hash of event n (version 1) = SHA-256 over, in this order, each part written as one type byte,
// its length as a u64 big-endian, then its bytes:
//   1. the text `dutywatch-audit-chain-v1` (type `t`);
//   2. the previous event's hash (type `b`, 32 bytes) — for the first event, the chain's genesis id
//      (32 random bytes made when the chain was started, `meta.chain_genesis`, hex);
//   3. the event's columns as stored, in this order: id, at, actor, action, entity, entity_id,
//      data. Each is typed by its SQLite storage class: integer `i` (8 bytes, big-endian two's
//      complement), text `t` (the stored UTF-8 bytes), blob `b`, real `r` (IEEE 754 bits,
//      big-endian), null `n` (no bytes). So `data` is hashed as the exact bytes stored, and a value
//      stored with another type (the text '5' for the integer 5) does not hash the same.
// ---------------------------------------------------------------------------------------------

/// The columns of an event that its hash covers, in hashing order.
const EVENT_COLUMNS: &str = "id, at, actor, action, entity, entity_id, data";

/// Domain separation: a hash of this chain cannot be mistaken for any other SHA-256 use.
const CHAIN_TAG: &[u8] = b"dutywatch-audit-chain-v1";

/// One SHA-256 hash.
pub type Hash = [u8; 32];

fn put(h: &mut Sha256, kind: u8, bytes: &[u8]) {
    h.update([kind]);
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

fn put_value(h: &mut Sha256, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => put(h, b'n', &[]),
        ValueRef::Integer(n) => put(h, b'i', &n.to_be_bytes()),
        ValueRef::Real(f) => put(h, b'r', &f.to_bits().to_be_bytes()),
        ValueRef::Text(t) => put(h, b't', t),
        ValueRef::Blob(b) => put(h, b'b', b),
    }
}

/// The hash of the event in `row` (its columns in [`EVENT_COLUMNS`] order from index 0) after `prev`.
fn event_hash(prev: &Hash, row: &rusqlite::Row<'_>) -> rusqlite::Result<Hash> {
    let mut h = Sha256::new();
    put(&mut h, b't', CHAIN_TAG);
    put(&mut h, b'b', prev);
    for i in 0..7 {
        put_value(&mut h, row.get_ref(i)?);
    }
    Ok(h.finalize().into())
}

/// Lower-case hex, as heads are printed and typed.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a 64-digit hex hash (either case); `None` for anything else.
pub fn parse_hash(text: &str) -> Option<Hash> {
    let t = text.trim();
    if t.len() != 64 || !t.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

fn blob_hash(b: Vec<u8>) -> Option<Hash> {
    b.try_into().ok()
}

/// The chain's genesis id, `None` before the chain was started (or when `meta` lost it).
pub fn genesis(conn: &Connection) -> Result<Option<Hash>> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'chain_genesis'", [], |r| r.get(0)).optional()?;
    Ok(text.as_deref().and_then(parse_hash))
}

/// The newest link of the chain: its event id and hash (the head that is published).
pub fn head(conn: &Connection) -> Result<Option<(i64, Hash)>> {
    let found: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT event_id, hash FROM audit_chain ORDER BY event_id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(found.and_then(|(id, h)| blob_hash(h).map(|h| (id, h))))
}

/// The head as printed: hex, or an empty string for a file without a chain (never written by us).
pub fn head_hex(conn: &Connection) -> Result<String> {
    Ok(head(conn)?.map(|(_, h)| hex(&h)).unwrap_or_default())
}

/// Links event `event_id` (just inserted) to the chain.
fn chain_event(tx: &Transaction<'_>, event_id: i64) -> Result<()> {
    let prev = match head(tx)? {
        Some((_, h)) => h,
        None => genesis(tx)?.ok_or_else(|| StoreError::Invalid("the audit chain has no genesis id".into()))?,
    };
    let hash =
        tx.query_row(&format!("SELECT {EVENT_COLUMNS} FROM audit_event WHERE id = ?1"), params![event_id], |r| {
            event_hash(&prev, r)
        })?;
    tx.prepare_cached("INSERT INTO audit_chain (event_id, hash) VALUES (?1, ?2)")?
        .execute(params![event_id, &hash[..]])?;
    Ok(())
}

/// Hears how far a long chain backfill is: (events linked, events to link). The program sets it
/// once, before it opens a file (the CLI prints "migrating… N of M events" on stderr, also before
/// the board takes the screen); the store itself prints nothing.
static BACKFILL_PROGRESS: std::sync::OnceLock<fn(u64, u64)> = std::sync::OnceLock::new();

/// A backfill of at least this many events announces itself, at its start and every this many.
pub const BACKFILL_ANNOUNCE_EVERY: u64 = 250_000;

/// Sets the hook that hears a long backfill's progress (see [`BACKFILL_PROGRESS`]); the first set wins.
pub fn on_backfill_progress(hook: fn(u64, u64)) {
    let _ = BACKFILL_PROGRESS.set(hook);
}

/// Links every event newer than the chain's head, oldest first: the events a file had before the
/// chain existed, and any a later SQL migration writes. Returns how many were linked. One ordered
/// pass over the events with the insert prepared once; a backfill of
/// [`BACKFILL_ANNOUNCE_EVERY`] events or more announces its progress through the hook.
pub fn chain_catch_up(tx: &Transaction<'_>) -> Result<u64> {
    chain_catch_up_with(tx, BACKFILL_ANNOUNCE_EVERY, BACKFILL_PROGRESS.get().copied())
}

/// [`chain_catch_up`], announcing to `hook` (when set) at the start and every `every` events once
/// at least `every` are to be linked.
fn chain_catch_up_with(tx: &Transaction<'_>, every: u64, hook: Option<fn(u64, u64)>) -> Result<u64> {
    let (after, mut prev) = match head(tx)? {
        Some((id, h)) => (id, h),
        None => (0, genesis(tx)?.ok_or_else(|| StoreError::Invalid("the audit chain has no genesis id".into()))?),
    };
    // How many to link: ids are given in order and never removed, so the newest id tells (no count).
    let newest: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit_event", [], |r| r.get(0))?;
    let total = u64::try_from(newest - after).unwrap_or(0);
    let every = every.max(1);
    let announce = hook.filter(|_| total >= every);
    if let Some(hook) = announce {
        hook(0, total);
    }
    let mut stmt = tx.prepare(&format!("SELECT {EVENT_COLUMNS} FROM audit_event WHERE id > ?1 ORDER BY id"))?;
    let mut insert = tx.prepare("INSERT INTO audit_chain (event_id, hash) VALUES (?1, ?2)")?;
    let mut rows = stmt.query(params![after])?;
    let mut n = 0u64;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        prev = event_hash(&prev, row)?;
        insert.execute(params![id, &prev[..]])?;
        n += 1;
        if let Some(hook) = announce.filter(|_| n.is_multiple_of(every)) {
            hook(n, total.max(n));
        }
    }
    Ok(n)
}

/// Starts the chain of a file (migration 0007, or a new file): makes the random genesis id, links
/// every event already in the file, then records the start itself as an event (so the migration is
/// on the record, and hashed like any other change).
pub fn chain_start(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    let mut genesis = [0u8; 32];
    getrandom::fill(&mut genesis).map_err(|e| StoreError::Migration(format!("no random bytes for the chain: {e}")))?;
    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('chain_genesis', ?1)", params![hex(&genesis)])?;
    let linked = chain_catch_up(tx)?;
    let data = serde_json::json!({ "genesis": hex(&genesis), "events_before": linked, "schema": 7 });
    tx.execute(
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, data) VALUES (?1, 'migration', 'chain.start', 'audit_chain', 0, ?2)",
        params![ts(now), data.to_string()],
    )?;
    let id = tx.last_insert_rowid();
    chain_event(tx, id)
}

/// What walking the chain found.
#[derive(Debug, Default)]
pub struct ChainReport {
    /// One line per finding, each naming the event.
    pub problems: Vec<String>,
    /// The first event at which the chain stops proving anything (changed, missing, unlinked).
    pub first_break: Option<i64>,
    /// Events walked.
    pub events: u64,
}

/// Walks the whole chain from the genesis id, recomputing every hash. A changed or replaced event
/// no longer matches its hash; an event inserted outside dutywatch has no link; a removed one leaves
/// a gap in the ids (SQLite gives each new row the next id, so the record has no gaps) or a link
/// without its event. After a mismatch the walk goes on from the stored hash, so each edit is named
/// once instead of breaking every later event.
pub fn verify_chain(conn: &Connection, mut progress: impl FnMut(u64)) -> Result<ChainReport> {
    let mut report = ChainReport::default();
    let note = |r: &mut ChainReport, id: i64, line: String| {
        if r.first_break.is_none_or(|b| id < b) {
            r.first_break = Some(id);
        }
        r.problems.push(line);
    };
    let Some(mut prev) = genesis(conn)? else {
        note(&mut report, 0, "chain: the genesis id is missing from meta (chain_genesis)".into());
        return Ok(report);
    };
    let mut stmt = conn.prepare(
        "SELECT e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.data, c.hash \
         FROM audit_event e LEFT JOIN audit_chain c ON c.event_id = e.id ORDER BY e.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut last_id = 0i64;
    let mut first = true;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        report.events += 1;
        if report.events % 100_000 == 0 {
            progress(report.events);
        }
        let what = || -> String {
            let entity = row.get::<_, String>(4).unwrap_or_default();
            let entity_id = row.get::<_, i64>(5).unwrap_or_default();
            let action = row.get::<_, String>(3).unwrap_or_default();
            let actor = row.get::<_, String>(2).unwrap_or_default();
            format!("{entity} {entity_id}, {action}, by {actor:?}")
        };
        if !first && id != last_id + 1 {
            let missing = if id == last_id + 2 {
                format!("audit event {} is missing", last_id + 1)
            } else {
                format!("audit events {}–{} are missing", last_id + 1, id - 1)
            };
            note(&mut report, last_id + 1, format!("chain: {missing}: removed from the record"));
            // Go on from the removed event's own link when it remains, so the next event is not
            // blamed for its neighbour's removal.
            let kept: Option<Vec<u8>> = conn
                .query_row(
                    "SELECT hash FROM audit_chain WHERE event_id < ?1 ORDER BY event_id DESC LIMIT 1",
                    params![id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(h) = kept.and_then(blob_hash) {
                prev = h;
            }
        }
        first = false;
        last_id = id;
        let stored: Option<Vec<u8>> = row.get(7)?;
        let expected = event_hash(&prev, row)?;
        match stored.and_then(blob_hash) {
            None => note(
                &mut report,
                id,
                format!("chain: audit event {id} ({}) is not in the chain: written outside dutywatch", what()),
            ),
            Some(h) if h == expected => prev = h,
            Some(h) => {
                note(
                    &mut report,
                    id,
                    format!(
                        "chain: audit event {id} ({}) does not match its hash: changed or replaced after it was recorded",
                        what()
                    ),
                );
                prev = h;
            }
        }
    }
    drop(rows);
    drop(stmt);
    let mut orphans = conn.prepare(
        "SELECT c.event_id FROM audit_chain c WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.id = c.event_id) \
         ORDER BY c.event_id",
    )?;
    let lost = orphans.query_map([], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<i64>, _>>()?;
    for id in lost {
        let line = format!("chain: audit event {id} was removed from the record (its hash remains)");
        if !report.problems.iter().any(|p| p.contains(&format!("event {id} "))) {
            note(&mut report, id, line);
        }
    }
    Ok(report)
}

/// Whether the record still extends `wanted`: the head is a link of this chain and nothing at or
/// before it changed. `Some(event id)` when it does.
pub fn extends(conn: &Connection, wanted: &Hash, report: &ChainReport) -> Result<Option<i64>> {
    let at: Option<i64> = conn
        .query_row("SELECT event_id FROM audit_chain WHERE hash = ?1", params![&wanted[..]], |r| r.get(0))
        .optional()?;
    Ok(at.filter(|id| report.first_break.is_none_or(|b| b > *id)))
}

/// Who made the latest change to `table` row `id`, and when (seconds): for conflict messages.
pub fn last_change(tx: &Transaction<'_>, table: &str, id: i64) -> Result<(String, i64)> {
    let found = tx
        .query_row(
            "SELECT actor, at FROM audit_event WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1",
            params![table, id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )
        .optional()?;
    Ok(found.unwrap_or_else(|| ("another terminal".to_string(), 0)))
}

/// How the 签发 of a written report was made, read from the report's duty-log line (the one the
/// recording wrote with `data.act = "report.sign"`: same incident, same moment, same signer):
/// `None` when no signature is on record (a report without 签发, or recorded before PINs),
/// `Some(None)` when the signer's PIN verified it, `Some(Some(reason))` when it was signed
/// unverified ("no PIN set", or the `--unverified` reason).
pub fn report_signature(
    conn: &Connection,
    incident_id: i64,
    sent_at: i64,
    signer: &str,
) -> Result<Option<Option<String>>> {
    let found: Option<(Option<i64>, Option<String>)> = conn
        .prepare_cached(
            "SELECT json_extract(data, '$.signature.verified'), json_extract(data, '$.signature.unverified') \
             FROM log_entry WHERE incident_id = ?1 AND at = ?2 AND data IS NOT NULL AND json_valid(data) \
             AND json_extract(data, '$.act') = 'report.sign' AND json_extract(data, '$.signature.by') = ?3 \
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![incident_id, sent_at, signer], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(found.map(|(verified, why)| if verified == Some(1) { None } else { Some(why.unwrap_or_default()) }))
}

/// One audit event as read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub data: Value,
}

/// All events of one record, oldest first (the incident page's timeline, review).
pub fn history(conn: &rusqlite::Connection, table: &str, id: i64) -> Result<Vec<AuditEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, entity, entity_id, data FROM audit_event WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![table, id], |r| {
        let data: String = r.get(6)?;
        Ok(AuditEvent {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            data: serde_json::from_str(&data).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    static HEARD: Mutex<Vec<(u64, u64)>> = Mutex::new(Vec::new());

    fn heard(done: u64, total: u64) {
        HEARD.lock().expect("lock").push((done, total));
    }

    /// A long backfill announces itself at its start and every `every` events; a short one is quiet.
    #[test]
    fn a_long_backfill_announces_its_progress() {
        let mut store = crate::Store::open_in_memory().expect("store");
        let tx = store.conn.transaction().expect("tx");
        tx.execute_batch("DROP TRIGGER audit_chain_no_delete; DELETE FROM audit_chain;").expect("unchain");
        for i in 0..25 {
            tx.execute(
                "INSERT INTO audit_event (at, actor, action, entity, entity_id, data) VALUES (?1, 'x', 'test', 'test', ?1, '{}')",
                params![i],
            )
            .expect("event");
        }
        let events: i64 = tx.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0)).expect("count");
        let events = u64::try_from(events).expect("count");
        assert_eq!(chain_catch_up_with(&tx, 10, Some(heard)).expect("backfill"), events);
        let got = HEARD.lock().expect("lock").clone();
        assert_eq!(got, vec![(0, events), (10, events), (20, events)]);
        // Linked: a second catch-up has nothing to do, and says nothing.
        assert_eq!(chain_catch_up_with(&tx, 10, Some(heard)).expect("again"), 0);
        assert_eq!(HEARD.lock().expect("lock").len(), 3);
        drop(tx);
    }

    /// The hash of an event follows the order the module documents, computed here independently:
    /// tag, previous hash, then id, at, actor, action, entity, entity_id, data, each as type byte,
    /// u64 big-endian length and bytes.
    #[test]
    fn event_hash_follows_the_documented_order() {
        let store = crate::Store::open_in_memory().expect("store");
        let conn = &store.conn;
        let genesis = genesis(conn).expect("genesis").expect("a new file has a genesis id");
        let (first, stored): (i64, Vec<u8>) = conn
            .query_row("SELECT event_id, hash FROM audit_chain ORDER BY event_id LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("the chain's first link");
        let (at, data): (i64, String) = conn
            .query_row("SELECT at, data FROM audit_event WHERE id = ?1", [first], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("event");
        let part = |kind: u8, bytes: &[u8]| {
            let mut v = vec![kind];
            v.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
            v.extend_from_slice(bytes);
            v
        };
        let mut all = Vec::new();
        all.extend(part(b't', b"dutywatch-audit-chain-v1"));
        all.extend(part(b'b', &genesis));
        all.extend(part(b'i', &first.to_be_bytes()));
        all.extend(part(b'i', &at.to_be_bytes()));
        all.extend(part(b't', b"migration"));
        all.extend(part(b't', b"chain.start"));
        all.extend(part(b't', b"audit_chain"));
        all.extend(part(b'i', &0i64.to_be_bytes()));
        all.extend(part(b't', data.as_bytes()));
        let expected: [u8; 32] = Sha256::digest(&all).into();
        assert_eq!(stored, expected.to_vec());
        assert_eq!(parse_hash(&hex(&expected)), Some(expected));
        assert_eq!(parse_hash("xyz"), None);
    }
}
