//! Occurrences of recurring and one-off duties (issue 18): rows with the ledger's columns, each change
//! with its audit event in the caller's transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};
use crate::domain::{EndState, Obligation, ObligationEnd};

/// One occurrence as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyRow {
    pub id: i64,
    pub name: String,
    pub day: NaiveDate,
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
    pub fulfilled_by: Option<String>,
    pub late: bool,
    pub end: Option<ObligationEnd>,
}

impl DutyRow {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.end.is_none()
    }

    /// The occurrence as a ledger item, so the ledger's state rules apply unchanged.
    pub fn as_obligation(&self) -> Obligation {
        Obligation {
            id: self.id,
            incident_id: 0,
            kind: crate::domain::ObligationKind::Duty(self.name.clone()),
            anchor_at: self.anchor_at,
            due_at: self.due_at,
            done_at: self.done_at,
            late: self.late,
            end: self.end.clone(),
            tracking: false,
            confirmed_by: None,
        }
    }

    /// 迟报 as of `now`: stamped, open past due, or done after it.
    pub fn late_at(&self, now: DateTime<Utc>) -> bool {
        self.late || (self.is_open() && now > self.due_at) || self.done_at.is_some_and(|d| d > self.due_at)
    }
}

const COLS: &str =
    "id, name, day, anchor_at, due_at, done_at, ref, fulfilled_by, late, end_state, ended_at, ended_by, end_reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<DutyRow> {
    let day: String = r.get(2)?;
    let end_state: Option<String> = r.get(9)?;
    let end = end_state.as_deref().and_then(EndState::parse).map(|state| ObligationEnd {
        state,
        at: from_ts(0),
        by: String::new(),
        reason: String::new(),
    });
    let end = match end {
        Some(mut e) => {
            e.at = from_ts(r.get::<_, Option<i64>>(10)?.unwrap_or_default());
            e.by = r.get::<_, Option<String>>(11)?.unwrap_or_default();
            e.reason = r.get::<_, Option<String>>(12)?.unwrap_or_default();
            Some(e)
        }
        None => None,
    };
    Ok(DutyRow {
        id: r.get(0)?,
        name: r.get(1)?,
        day: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?,
        anchor_at: from_ts(r.get(3)?),
        due_at: from_ts(r.get(4)?),
        done_at: from_ts_opt(r.get(5)?),
        reference: r.get(6)?,
        fulfilled_by: r.get(7)?,
        late: r.get(8)?,
        end,
    })
}

/// Records an occurrence unless that day's is already on record; returns whether it was new.
pub fn ensure(
    tx: &Transaction<'_>,
    name: &str,
    day: NaiveDate,
    anchor_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO duty (name, day, anchor_at, due_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, day.format("%Y-%m-%d").to_string(), ts(anchor_at), ts(due_at), ts(now)],
    )?;
    if n > 0 {
        audit::record(tx, now, actor, "duty.add", "duty", tx.last_insert_rowid())?;
    }
    Ok(n > 0)
}

/// Whether the occurrence of `name` on `day` is on record.
pub fn exists(conn: &rusqlite::Connection, name: &str, day: NaiveDate) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM duty WHERE name = ?1 AND day = ?2)",
        params![name, day.format("%Y-%m-%d").to_string()],
        |r| r.get(0),
    )?)
}

/// How many open occurrences are past due and not yet stamped 迟报.
pub fn open_past_due(conn: &rusqlite::Connection, now: DateTime<Utc>) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM duty WHERE done_at IS NULL AND end_state IS NULL AND due_at < ?1 AND late = 0",
        params![ts(now)],
        |r| r.get(0),
    )?)
}

/// The open occurrences of `name`, by due time.
pub fn open_named(conn: &rusqlite::Connection, name: &str) -> Result<Vec<DutyRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM duty WHERE name = ?1 AND done_at IS NULL AND end_state IS NULL ORDER BY due_at, id"
    ))?;
    let rows = stmt.query_map(params![name], from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

pub fn get(conn: &rusqlite::Connection, id: i64) -> Result<DutyRow> {
    conn.query_row(&format!("SELECT {COLS} FROM duty WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("duty {id}")))
}

/// The earliest open occurrence of `name` that existed by `at`.
pub fn open_by(conn: &rusqlite::Connection, name: &str, at: DateTime<Utc>) -> Result<Option<DutyRow>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLS} FROM duty WHERE name = ?1 AND anchor_at <= ?2 AND done_at IS NULL AND end_state IS NULL \
                 ORDER BY due_at, id LIMIT 1"
            ),
            params![name, ts(at)],
            from_row,
        )
        .optional()?)
}

/// Marks an open occurrence done at `at` (late when after its due time, or already stamped).
pub fn done(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    reference: Option<&str>,
    fulfilled_by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<DutyRow> {
    let d = get(tx, id)?;
    if !d.is_open() {
        return Err(StoreError::Invalid(format!("duty {id} is not open")));
    }
    let late = d.late || at > d.due_at;
    tx.execute(
        "UPDATE duty SET done_at = ?1, ref = ?2, fulfilled_by = ?3, late = ?4 WHERE id = ?5",
        params![ts(at), reference, fulfilled_by, late, id],
    )?;
    audit::record(tx, now, actor, "duty.done", "duty", id)?;
    get(tx, id)
}

/// Ends an open occurrence without its act, with why, who and when; one past due keeps its 迟报.
#[allow(clippy::too_many_arguments)]
pub fn end(
    tx: &Transaction<'_>,
    id: i64,
    state: EndState,
    reason: &str,
    by: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<DutyRow> {
    let changed = tx.execute(
        "UPDATE duty SET end_state = ?1, end_reason = ?2, ended_by = ?3, ended_at = ?4, \
         late = (late OR due_at < ?4 OR due_at < ?6) WHERE id = ?5 AND done_at IS NULL AND end_state IS NULL",
        params![state.code(), reason, by, ts(at), id, ts(now)],
    )?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!("duty {id} is not open")));
    }
    audit::record(tx, now, actor, &format!("duty.{}", state.code()), "duty", id)?;
    get(tx, id)
}

/// Stamps 迟报 on open occurrences past their due time.
pub fn stamp_late(tx: &Transaction<'_>, now: DateTime<Utc>, actor: &str) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM duty WHERE done_at IS NULL AND end_state IS NULL AND due_at < ?1 AND late = 0",
        )?;
        stmt.query_map(params![ts(now)], |r| r.get(0))?.collect::<std::result::Result<Vec<_>, _>>()?
    };
    for id in &ids {
        tx.execute("UPDATE duty SET late = 1 WHERE id = ?1", params![id])?;
        audit::record(tx, now, actor, "duty.late", "duty", *id)?;
    }
    Ok(ids.len())
}

/// Open zero-report occurrences (of these names) with the first report sent on their day, if any:
/// (occurrence id, report id, sent at).
pub fn zero_reports_answered(
    conn: &rusqlite::Connection,
    names: &[String],
    day_start: impl Fn(NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Vec<(i64, i64, DateTime<Utc>)>> {
    let mut out = Vec::new();
    for name in names {
        let open: Vec<DutyRow> = {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLS} FROM duty WHERE name = ?1 AND done_at IS NULL AND end_state IS NULL ORDER BY due_at"
            ))?;
            stmt.query_map(params![name], from_row)?.collect::<std::result::Result<Vec<_>, _>>()?
        };
        for d in open {
            let Some((from, to)) = day_start(d.day) else { continue };
            let found: Option<(i64, i64)> = conn
                .query_row(
                    "SELECT r.id, r.sent_at FROM report r WHERE r.sent_at >= ?1 AND r.sent_at < ?2 \
                     AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.target = 'report' AND c.target_id = r.id) \
                     ORDER BY r.sent_at, r.id LIMIT 1",
                    params![ts(from), ts(to)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((rid, at)) = found {
                out.push((d.id, rid, from_ts(at)));
            }
        }
    }
    Ok(out)
}

impl Store {
    /// Occurrences, open ones only when asked, by due time (at most `limit`, latest due last).
    pub fn duties(&self, open_only: bool, limit: usize) -> Result<Vec<DutyRow>> {
        let filter = if open_only { "WHERE done_at IS NULL AND end_state IS NULL" } else { "" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT * FROM (SELECT {COLS} FROM duty {filter} ORDER BY due_at DESC, id DESC LIMIT ?1) ORDER BY due_at, id"
        ))?;
        let rows = stmt.query_map(params![limit as i64], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Occurrences due in `[from, to)`, by due time.
    pub fn duties_due_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<DutyRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM duty WHERE due_at >= ?1 AND due_at < ?2 ORDER BY due_at, id"
        ))?;
        let rows = stmt.query_map(params![ts(from), ts(to)], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The meta value `key`, if set.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| r.get(0)).optional()?)
    }
}
