//! 督办 tasks (issue 18): rows with the ledger's columns (done, 迟报 never cleared, end states with who,
//! when and why), each change with its audit event in the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};
use crate::domain::task::Task;
use crate::domain::{EndState, ObligationEnd};

const COLS: &str = "id, title, owner, from_leader, incident_id, log_entry_id, anchor_at, due_at, done_at, result, \
                    late, end_state, ended_at, ended_by, end_reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    let end_state: Option<String> = r.get(11)?;
    let end = match end_state.as_deref().and_then(EndState::parse) {
        Some(state) => Some(ObligationEnd {
            state,
            at: from_ts(r.get::<_, Option<i64>>(12)?.unwrap_or_default()),
            by: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Task {
        id: r.get(0)?,
        title: r.get(1)?,
        owner: r.get(2)?,
        from_leader: r.get(3)?,
        incident_id: r.get(4)?,
        log_entry_id: r.get(5)?,
        anchor_at: from_ts(r.get(6)?),
        due_at: from_ts(r.get(7)?),
        done_at: from_ts_opt(r.get(8)?),
        result: r.get(9)?,
        late: r.get(10)?,
        end,
    })
}

/// A task to record.
pub struct NewTask<'a> {
    pub title: &'a str,
    pub owner: &'a str,
    pub from_leader: Option<&'a str>,
    pub incident_id: Option<i64>,
    pub log_entry_id: Option<i64>,
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

pub fn insert(tx: &Transaction<'_>, t: &NewTask<'_>, now: DateTime<Utc>, actor: &str) -> Result<Task> {
    tx.execute(
        "INSERT INTO task (title, owner, from_leader, incident_id, log_entry_id, anchor_at, due_at, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![t.title, t.owner, t.from_leader, t.incident_id, t.log_entry_id, ts(t.anchor_at), ts(t.due_at), ts(now)],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "task.add", "task", id)?;
    get(tx, id)
}

pub fn get(conn: &rusqlite::Connection, id: i64) -> Result<Task> {
    conn.query_row(&format!("SELECT {COLS} FROM task WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("task {id}")))
}

/// Marks an open task done at `at` with its result (late when after its due time, or already stamped).
pub fn done(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    result: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Task> {
    let t = get(tx, id)?;
    if !t.is_open() {
        return Err(StoreError::Invalid(format!("task {id} is not open")));
    }
    let late = t.late || at > t.due_at;
    tx.execute(
        "UPDATE task SET done_at = ?1, result = ?2, late = ?3 WHERE id = ?4",
        params![ts(at), result, late, id],
    )?;
    audit::record(tx, now, actor, "task.done", "task", id)?;
    get(tx, id)
}

/// Ends an open task without its act (waived, missed, superseded), with why, who and when. One past its
/// due time keeps or gets its 迟报 flag.
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
) -> Result<Task> {
    let changed = tx.execute(
        "UPDATE task SET end_state = ?1, end_reason = ?2, ended_by = ?3, ended_at = ?4, \
         late = (late OR due_at < ?4 OR due_at < ?6) WHERE id = ?5 AND done_at IS NULL AND end_state IS NULL",
        params![state.code(), reason, by, ts(at), id, ts(now)],
    )?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!("task {id} is not open")));
    }
    audit::record(tx, now, actor, &format!("task.{}", state.code()), "task", id)?;
    get(tx, id)
}

/// Stamps 迟报 on open tasks past their due time. Returns how many were stamped.
pub fn stamp_late(tx: &Transaction<'_>, now: DateTime<Utc>, actor: &str) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM task WHERE done_at IS NULL AND end_state IS NULL AND due_at < ?1 AND late = 0",
        )?;
        stmt.query_map(params![ts(now)], |r| r.get(0))?.collect::<std::result::Result<Vec<_>, _>>()?
    };
    for id in &ids {
        tx.execute("UPDATE task SET late = 1 WHERE id = ?1", params![id])?;
        audit::record(tx, now, actor, "task.late", "task", *id)?;
    }
    Ok(ids.len())
}

impl Store {
    /// Tasks, open ones only when asked, by due time.
    pub fn tasks(&self, open_only: bool) -> Result<Vec<Task>> {
        let filter = if open_only { "WHERE done_at IS NULL AND end_state IS NULL" } else { "" };
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLS} FROM task {filter} ORDER BY due_at, id"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Tasks due in `[from, to)` (for statistics and the handover sheet), by due time.
    pub fn tasks_due_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Task>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM task WHERE due_at >= ?1 AND due_at < ?2 ORDER BY due_at, id"
        ))?;
        let rows = stmt.query_map(params![ts(from), ts(to)], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Stamps 迟报 on every open task past its due time (read-only files are left as they are).
    pub fn mark_tasks_overdue(&mut self, now: DateTime<Utc>, actor: &str) -> Result<usize> {
        if self.is_read_only() {
            return Ok(0);
        }
        let due: i64 = self.conn.query_row(
            "SELECT count(*) FROM task WHERE done_at IS NULL AND end_state IS NULL AND due_at < ?1 AND late = 0",
            params![ts(now)],
            |r| r.get(0),
        )?;
        if due == 0 {
            return Ok(0);
        }
        self.write(|tx| stamp_late(tx, now, actor))
    }
}
