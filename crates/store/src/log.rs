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

const COLS: &str = "id, at, author, kind, incident_id, body, corrects, data";

fn from_row(r: &Row<'_>) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        at: from_ts(r.get(1)?),
        author: r.get(2)?,
        kind: crate::codes::code(r, 3)?,
        incident_id: r.get(4)?,
        body: r.get(5)?,
        corrects: r.get(6)?,
        event: r
            .get::<_, Option<String>>(7)?
            .and_then(|d| serde_json::from_str(&d).ok())
            .and_then(|d| domain::log_event::LogEvent::from_data(&d)),
    })
}

/// Appends one entry inside a transaction (other aggregates log their events through this).
pub fn append(tx: &rusqlite::Transaction<'_>, e: &NewLogEntry, now: DateTime<Utc>) -> Result<i64> {
    if e.author.trim().is_empty() {
        return Err(StoreError::Invalid("author: must not be empty".into()));
    }
    // A feedback entry names the instruction it answers in its data; the column makes "open
    // instructions" an indexed anti-join instead of a JSON scan.
    let answers = e.data.as_ref().and_then(|d| d.get("answers")).and_then(|v| v.as_i64());
    tx.prepare_cached(
        "INSERT INTO log_entry (at, author, kind, incident_id, body, corrects, data, created_at, answers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        ts(e.at),
        e.author.trim(),
        e.kind.code(),
        e.incident_id,
        e.body,
        e.corrects,
        e.data.as_ref().map(|d| d.to_string()),
        ts(now),
        answers
    ])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, e.author.trim(), "log.add", "log_entry", id)?;
    Ok(id)
}

/// SQL of [`Store::signature_counts`] (the query-plan test reads it).
pub const SIGNATURES_SQL: &str = "SELECT count(*), coalesce(sum(json_extract(data, '$.signature.verified') = 0), 0) \
     FROM log_entry WHERE at >= ?1 AND at < ?2 AND data IS NOT NULL AND instr(data, '\"signature\"') > 0 \
     AND json_valid(data) AND json_extract(data, '$.signature') IS NOT NULL";

impl Store {
    /// Signatures of responsible acts recorded in `[from, to)` (duty-log lines carrying
    /// `data.signature`), and how many were not verified by a PIN.
    pub fn signature_counts(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(u32, u32)> {
        // The WHERE repeats the partial index `log_signature` (migration 0015) term for term, so
        // the count reads that index alone, whatever the period.
        Ok(self
            .conn
            .prepare_cached(SIGNATURES_SQL)?
            .query_row(params![ts(from), ts(to)], |r| Ok((r.get::<_, i64>(0)? as u32, r.get::<_, i64>(1)? as u32)))?)
    }

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

/// A log line with its kind-specific details, for the log screen, `log list` and the handover.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LogRow {
    #[serde(flatten)]
    pub entry: LogEntry,
    pub data: Option<serde_json::Value>,
    pub answers: Option<i64>,
}

const ROW_COLS: &str = "id, at, author, kind, incident_id, body, corrects, data, answers";

fn log_row(r: &Row<'_>) -> rusqlite::Result<LogRow> {
    let data: Option<String> = r.get(7)?;
    Ok(LogRow { entry: from_row(r)?, data: data.and_then(|d| serde_json::from_str(&d).ok()), answers: r.get(8)? })
}

/// Filter for [`Store::log_between`].
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub kind: Option<LogKind>,
    /// Keyset paging: only entries strictly before this (at, id), newest first.
    pub before: Option<(DateTime<Utc>, i64)>,
    pub limit: usize,
    /// Review: only entries recorded at or before this moment (the log as it stood then).
    pub recorded_by: Option<DateTime<Utc>>,
}

impl Store {
    /// One entry by id.
    pub fn log_entry(&self, id: i64) -> Result<Option<LogRow>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(&format!("SELECT {ROW_COLS} FROM log_entry WHERE id = ?1"), params![id], log_row)
            .optional()?)
    }

    /// Entries in `[from, to)` newest first, at most `limit`, keyset-paged (never OFFSET).
    pub fn log_between(&self, f: &LogFilter) -> Result<Vec<LogRow>> {
        let (bat, bid) = f.before.map(|(t, id)| (ts(t), id)).unwrap_or((i64::MAX, i64::MAX));
        // Two texts, so that a kind walks `log_by_kind` (kind, at) newest first (issue 16): with
        // `?3 IS NULL OR kind = ?3` SQLite planned `log_by_time` and read every other kind too.
        let kind_clause = if f.kind.is_some() { "kind = ?3" } else { "?3 IS NULL" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM log_entry WHERE {kind_clause} AND at >= ?1 AND at < ?2 \
             AND (at < ?4 OR (at = ?4 AND id < ?5)) AND created_at <= ?7 ORDER BY at DESC, id DESC LIMIT ?6"
        ))?;
        let rows = stmt.query_map(
            params![
                f.from.map(ts).unwrap_or(i64::MIN),
                f.to.map(ts).unwrap_or(i64::MAX),
                f.kind.map(|k| k.code()),
                bat,
                bid,
                f.limit as i64,
                f.recorded_by.map(ts).unwrap_or(i64::MAX)
            ],
            log_row,
        )?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Leader instructions recorded by `at` with no feedback recorded by `at`, oldest first.
    pub fn open_instructions(&self, at: DateTime<Utc>) -> Result<Vec<LogRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM log_entry i WHERE i.kind = 'instruction' AND i.at <= ?1 AND i.created_at <= ?1 \
             AND NOT EXISTS (SELECT 1 FROM log_entry f WHERE f.answers = i.id AND f.kind = 'feedback' \
             AND f.at <= ?1 AND f.created_at <= ?1) \
             ORDER BY i.at, i.id"
        ))?;
        let rows = stmt.query_map(params![ts(at)], log_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The latest entries recorded at or before `t` (review mode: what the log pane showed then).
    pub fn log_as_of(&self, t: DateTime<Utc>, limit: usize) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM log_entry WHERE at <= ?1 AND created_at <= ?1 ORDER BY at DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![ts(t), limit as i64], from_row)?;
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
