//! Warning and response level changes and review findings (issue 18): append-only rows, each with
//! its audit event in the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::response::{Finding, FindingKind, LevelChange, LevelWhich, RespLevel};

fn level(code: Option<String>) -> rusqlite::Result<Option<RespLevel>> {
    code.map(|c| {
        c.parse::<RespLevel>()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

fn change_from_row(r: &Row<'_>) -> rusqlite::Result<LevelChange> {
    let which: String = r.get(2)?;
    Ok(LevelChange {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        which: which
            .parse::<LevelWhich>()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        old: level(r.get(3)?)?,
        new: level(r.get(4)?)?,
        reason: r.get(5)?,
        by: r.get(6)?,
        at: from_ts(r.get(7)?),
    })
}

/// A response in force: the incident and its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveResponse {
    pub incident_id: i64,
    pub reference: String,
    pub level: RespLevel,
}

const CHANGE_COLS: &str = "id, incident_id, which, old_level, new_level, reason, by, at";

/// Every level change of an incident, both kinds, in the order they were decided.
pub fn changes_of(conn: &rusqlite::Connection, incident_id: i64) -> Result<Vec<LevelChange>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {CHANGE_COLS} FROM level_change WHERE incident_id = ?1 ORDER BY at, id"))?;
    let rows = stmt.query_map(params![incident_id], change_from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// A level change to record.
pub struct NewLevelChange<'a> {
    pub incident_id: i64,
    pub which: LevelWhich,
    pub old: Option<RespLevel>,
    pub new: Option<RespLevel>,
    pub reason: &'a str,
    pub by: &'a str,
    pub at: DateTime<Utc>,
}

/// Appends a level change with its audit event.
pub fn insert_change(tx: &Transaction<'_>, c: &NewLevelChange<'_>, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO level_change (incident_id, which, old_level, new_level, reason, by, at, recorded_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            c.incident_id,
            c.which.code(),
            c.old.map(|l| l.code()),
            c.new.map(|l| l.code()),
            c.reason,
            c.by,
            ts(c.at),
            ts(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, &format!("level.{}", c.which.code()), "level_change", id)?;
    Ok(id)
}

/// Incidents whose response level was active at `at` (the newest response change decided by then has a
/// level), with it, by incident id.
pub fn active_responses(conn: &rusqlite::Connection, at: DateTime<Utc>) -> Result<Vec<(i64, RespLevel)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.incident_id, l.new_level FROM level_change l \
         WHERE l.which = 'response' AND l.id = (SELECT m.id FROM level_change m \
               WHERE m.incident_id = l.incident_id AND m.which = 'response' AND m.at <= ?1 \
               ORDER BY m.at DESC, m.id DESC LIMIT 1) \
           AND l.new_level IS NOT NULL ORDER BY l.incident_id",
    )?;
    let rows = stmt.query_map(params![ts(at)], |r| Ok((r.get::<_, i64>(0)?, level(r.get(1)?)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, l) = row?;
        if let Some(l) = l {
            out.push((id, l));
        }
    }
    Ok(out)
}

/// Whether a response level was in force at some moment of `[from, to]`: active at `from`, or
/// activated (or changed to a level) within.
pub fn response_active_during(conn: &rusqlite::Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<bool> {
    if !active_responses(conn, from)?.is_empty() {
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM level_change WHERE which = 'response' AND new_level IS NOT NULL \
         AND at >= ?1 AND at <= ?2)",
        params![ts(from), ts(to)],
        |r| r.get(0),
    )?)
}

/// When a response level came into force within `[from, to]`: `from` when one was already active then,
/// else the first activation within, else `None`.
pub fn response_start_within(
    conn: &rusqlite::Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    if !active_responses(conn, from)?.is_empty() {
        return Ok(Some(from));
    }
    let first: Option<i64> = conn.query_row(
        "SELECT min(at) FROM level_change WHERE which = 'response' AND new_level IS NOT NULL AND at >= ?1 AND at <= ?2",
        params![ts(from), ts(to)],
        |r| r.get(0),
    )?;
    Ok(first.map(from_ts))
}

fn finding_from_row(r: &Row<'_>) -> rusqlite::Result<Finding> {
    let kind: String = r.get(2)?;
    Ok(Finding {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        kind: kind
            .parse::<FindingKind>()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        text: r.get(3)?,
        by: r.get(4)?,
        at: from_ts(r.get(5)?),
    })
}

/// Records a finding with its audit event.
#[allow(clippy::too_many_arguments)]
pub fn insert_finding(
    tx: &Transaction<'_>,
    incident_id: i64,
    kind: FindingKind,
    text: &str,
    by: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Finding> {
    if text.trim().is_empty() {
        return Err(StoreError::Invalid("text: a finding needs its text".into()));
    }
    tx.execute(
        "INSERT INTO finding (incident_id, kind, text, by, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![incident_id, kind.code(), text, by, ts(at)],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "finding.add", "finding", id)?;
    Ok(Finding { id, incident_id, kind, text: text.to_string(), by: by.to_string(), at })
}

/// The findings on an incident, oldest first.
pub fn findings_of(conn: &rusqlite::Connection, incident_id: i64) -> Result<Vec<Finding>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, incident_id, kind, text, by, at FROM finding WHERE incident_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map(params![incident_id], finding_from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

impl Store {
    /// The responses active at `at`, each with its incident's reference, highest level first.
    pub fn active_responses(&self, at: DateTime<Utc>) -> Result<Vec<ActiveResponse>> {
        let mut out = Vec::new();
        for (id, level) in active_responses(&self.conn, at)? {
            let reference: String =
                self.conn.query_row("SELECT ref FROM incident WHERE id = ?1", params![id], |r| r.get(0))?;
            out.push(ActiveResponse { incident_id: id, reference, level });
        }
        out.sort_by(|a, b| b.level.rank().cmp(&a.level.rank()).then(a.incident_id.cmp(&b.incident_id)));
        Ok(out)
    }

    /// Findings on incidents learned of in `[from, to)`: (false, concealed).
    pub fn finding_counts(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(f.kind = 'false'), 0), coalesce(sum(f.kind = 'concealed'), 0) \
             FROM finding f JOIN incident i ON i.id = f.incident_id WHERE i.learned_at >= ?1 AND i.learned_at < ?2",
            params![ts(from), ts(to)],
            |r| Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get::<_, i64>(1)?.max(0) as u64)),
        )?)
    }
}
