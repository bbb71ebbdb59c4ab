//! The append-only duty log (值班日志). Triggers refuse UPDATE and DELETE; a correction is a new
//! entry that points at the one it corrects.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::{LogEntry, LogKind};

/// A new log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLogEntry {
    pub at: DateTime<Utc>,
    pub author: String,
    pub kind: LogKind,
    pub incident_id: Option<i64>,
    pub body: String,
    pub corrects: Option<i64>,
    /// Kind-specific details as JSON (spot check fields, equipment states …).
    pub data: Option<serde_json::Value>,
}

const COLS: &str = "id, at, author, kind, incident_id, body, corrects";

fn from_row(r: &Row<'_>) -> rusqlite::Result<LogEntry> {
    let kind: String = r.get(3)?;
    Ok(LogEntry {
        id: r.get(0)?,
        at: from_ts(r.get(1)?),
        author: r.get(2)?,
        kind: kind.parse().unwrap_or(LogKind::Note),
        incident_id: r.get(4)?,
        body: r.get(5)?,
        corrects: r.get(6)?,
    })
}

/// Appends one entry inside a transaction (other aggregates log their events through this).
pub fn append(tx: &rusqlite::Transaction<'_>, e: &NewLogEntry, now: DateTime<Utc>) -> Result<i64> {
    if e.author.trim().is_empty() {
        return Err(StoreError::Invalid("author: must not be empty".into()));
    }
    tx.prepare_cached(
        "INSERT INTO log_entry (at, author, kind, incident_id, body, corrects, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        ts(e.at),
        e.author.trim(),
        e.kind.code(),
        e.incident_id,
        e.body,
        e.corrects,
        e.data.as_ref().map(|d| d.to_string()),
        ts(now)
    ])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, e.author.trim(), "log.add", "log_entry", id)?;
    Ok(id)
}

impl Store {
    pub fn add_log(&mut self, e: &NewLogEntry, now: DateTime<Utc>) -> Result<i64> {
        if e.body.trim().is_empty() && e.data.is_none() {
            return Err(StoreError::Invalid("text: must not be empty".into()));
        }
        self.write(|tx| append(tx, e, now))
    }

    /// The latest `limit` entries, newest first.
    pub fn latest_log(&self, limit: usize) -> Result<Vec<LogEntry>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLS} FROM log_entry ORDER BY at DESC, id DESC LIMIT ?1"))?;
        let rows = stmt.query_map(params![limit as i64], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}

impl Store {
    /// The log lines linked to one incident, oldest first (the incident page's timeline).
    pub fn log_for_incident(&self, incident_id: i64) -> Result<Vec<LogEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLS} FROM log_entry WHERE incident_id = ?1 ORDER BY at, id"))?;
        let rows = stmt.query_map(params![incident_id], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}
