//! Corrections (issue 15): an entry recorded by mistake stays on the record; an append-only
//! `correction` row points at it with the reason, who and when, and the duties it had fulfilled are
//! open again at their original due times.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Result, Store, StoreError, audit, from_ts, ts};

/// One correction as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub id: i64,
    pub incident_id: i64,
    /// `report` (or, later, `step`, `ack`).
    pub target: String,
    pub target_id: i64,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
    /// The duties opened again.
    pub reopened: Vec<i64>,
    /// The corrected entry as it stood (for an ack, whose record on the step is cleared: who and when).
    pub original: serde_json::Value,
    /// For an ack: which ack of the step (0 the first corrected, 1 the one given after it, …); 0 otherwise.
    pub ack_seq: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Correction> {
    let reopened: String = r.get(7)?;
    Ok(Correction {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        target: r.get(2)?,
        target_id: r.get(3)?,
        reason: r.get(4)?,
        by: r.get(5)?,
        at: from_ts(r.get(6)?),
        // Written by this module only; unreadable reads as none rather than failing the page.
        reopened: serde_json::from_str(&reopened).unwrap_or_default(),
        original: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
        ack_seq: r.get(9)?,
    })
}

const COLS: &str = "id, incident_id, target, target_id, reason, by, at, reopened, original, ack_seq";

/// The correction of an entry, if it has one (for an ack: the first ack of the step corrected).
pub fn of(tx: &rusqlite::Connection, target: &str, target_id: i64) -> Result<Option<Correction>> {
    Ok(tx
        .query_row(
            &format!("SELECT {COLS} FROM correction WHERE target = ?1 AND target_id = ?2"),
            params![target, target_id],
            from_row,
        )
        .optional()?)
}

/// Every correction of the acks of a step, in the order made (one per ack given and corrected).
pub fn acks_of(tx: &rusqlite::Connection, step_id: i64) -> Result<Vec<Correction>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLS} FROM correction WHERE target = 'ack' AND target_id = ?1 ORDER BY ack_seq, id"
    ))?;
    let rows = stmt.query_map(params![step_id], from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// The acknowledgement standing on a step now (who and when), if it has one.
pub fn current_ack(tx: &rusqlite::Connection, step_id: i64) -> Result<Option<(DateTime<Utc>, String)>> {
    let row: Option<(Option<i64>, Option<String>)> = tx
        .query_row("SELECT ack_at, ack_by FROM escalation WHERE id = ?1", params![step_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(at, by)| Some((from_ts(at?), by.unwrap_or_default()))))
}

/// Opens again every duty `by` (`report:N`) had fulfilled, at its original due time; returns their ids.
/// Each keeps its 迟报 flag (a late report was late); one now past due is overdue from here on.
pub fn reopen_fulfilled(tx: &Transaction<'_>, by: &str, now: DateTime<Utc>, actor: &str) -> Result<Vec<i64>> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare_cached("SELECT id FROM obligation WHERE fulfilled_by = ?1 ORDER BY id")?;
        stmt.query_map(params![by], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?
    };
    for id in &ids {
        tx.execute("UPDATE obligation SET done_at = NULL, fulfilled_by = NULL WHERE id = ?1", params![id])?;
        audit::record(tx, now, actor, "obligation.reopen", "obligation", *id)?;
    }
    Ok(ids)
}

/// A correction to record.
pub struct NewCorrection<'a> {
    pub incident_id: i64,
    pub target: &'a str,
    pub target_id: i64,
    pub reason: &'a str,
    pub by: &'a str,
    pub at: DateTime<Utc>,
    pub reopened: &'a [i64],
    pub original: &'a serde_json::Value,
    /// For an ack: how many acks of the step were corrected before this one; 0 otherwise.
    pub ack_seq: i64,
}

pub fn insert(tx: &Transaction<'_>, c: &NewCorrection<'_>, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    let reopened = serde_json::to_string(c.reopened).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.execute(
        "INSERT INTO correction (incident_id, target, target_id, reason, by, at, reopened, original, ack_seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.incident_id,
            c.target,
            c.target_id,
            c.reason,
            c.by,
            ts(c.at),
            reopened,
            c.original.to_string(),
            c.ack_seq
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "correction.add", "correction", id)?;
    Ok(id)
}

/// Clears the acknowledgement recorded on a step (the correction keeps who and when), audited.
pub fn clear_ack(tx: &Transaction<'_>, step_id: i64, now: DateTime<Utc>, actor: &str) -> Result<()> {
    tx.execute("UPDATE escalation SET ack_at = NULL, ack_by = NULL WHERE id = ?1", params![step_id])?;
    audit::record(tx, now, actor, "escalation.ack-corrected", "escalation", step_id)
}

impl Store {
    /// Every correction of an incident's entries, in the order made.
    pub fn corrections(&self, incident_id: i64) -> Result<Vec<Correction>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLS} FROM correction WHERE incident_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map(params![incident_id], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}
