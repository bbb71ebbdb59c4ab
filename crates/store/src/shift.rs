//! Shifts: who holds which role when. A swap never edits a shift: it supersedes it with a new row
//! that points back (`replaces`), so the roster's history stays intact.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::{Role, Shift};

/// A shift to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShift {
    pub person_id: i64,
    pub role: Role,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

const SELECT: &str = "SELECT s.id, s.person_id, p.name, s.role, s.start_at, s.end_at, s.replaces, s.swap_reason \
                      FROM shift s JOIN person p ON p.id = s.person_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: r.get(2)?,
        role: crate::codes::code(r, 3)?,
        start: from_ts(r.get(4)?),
        end: from_ts(r.get(5)?),
        replaces: r.get(6)?,
        swap_reason: r.get(7)?,
    })
}

/// The longest shift stored, in seconds (`meta.max_shift_secs`, kept by triggers of 0006). A
/// shift that overlaps instant or range R starts at most this long before R: the lower bound that
/// keeps "who is on duty" and the overlap check index range scans, whatever length unit.toml allows.
pub fn longest(conn: &rusqlite::Connection) -> Result<i64> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'max_shift_secs'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    match stored.and_then(|v| v.parse::<i64>().ok()) {
        Some(secs) => Ok(secs),
        // Not recorded (a file written outside dutywatch): derive it, once per call.
        None => Ok(conn
            .query_row("SELECT coalesce(max(end_at - start_at), 0) FROM shift", [], |r| r.get::<_, i64>(0))?
            .max(0)),
    }
}

/// Refuses a shift that overlaps another live shift of the same person (a double booking). Only
/// the person's shifts starting in [start − longest, end) can overlap: one probe of
/// `shift_live_person_start`, however long the person's history.
fn check_no_overlap(tx: &Transaction<'_>, s: &NewShift, ignore: Option<i64>, longest: i64) -> Result<()> {
    if s.end <= s.start {
        return Err(StoreError::Invalid("end: must be after start".into()));
    }
    let clash: Option<(i64, i64, i64)> = tx
        .prepare_cached(
            "SELECT id, start_at, end_at FROM shift WHERE person_id = ?1 AND superseded_at IS NULL \
             AND start_at >= ?2 - ?5 AND start_at < ?3 AND end_at > ?2 AND id IS NOT ?4 LIMIT 1",
        )?
        .query_row(params![s.person_id, ts(s.start), ts(s.end), ignore, longest], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    if let Some((id, a, b)) = clash {
        return Err(StoreError::Invalid(format!(
            "start: overlaps shift {id} of the same person ({} – {})",
            from_ts(a).to_rfc3339(),
            from_ts(b).to_rfc3339()
        )));
    }
    Ok(())
}

/// Inserts one shift inside a transaction, with its audit event. Returns the new id. `longest` is
/// [`longest`] as it stands in this transaction (a batch reads it once and keeps it up to date).
pub fn insert(tx: &Transaction<'_>, s: &NewShift, now: DateTime<Utc>, actor: &str, longest: &mut i64) -> Result<i64> {
    check_no_overlap(tx, s, None, *longest)?;
    // The trigger records the new length in `meta`; the batch's own copy follows it.
    *longest = (*longest).max(ts(s.end) - ts(s.start));
    tx.prepare_cached("INSERT INTO shift (person_id, role, start_at, end_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![s.person_id, s.role.code(), ts(s.start), ts(s.end), ts(now)])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "shift.add", "shift", id)?;
    Ok(id)
}

/// Finds a live shift identical to `s` (same person, role and times): imports use it to stay idempotent.
pub fn find_same(tx: &Transaction<'_>, s: &NewShift) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM shift WHERE person_id = ?1 AND role = ?2 AND start_at = ?3 AND end_at = ?4 AND superseded_at IS NULL",
        )?
        .query_row(params![s.person_id, s.role.code(), ts(s.start), ts(s.end)], |r| r.get(0))
        .optional()?)
}

impl Store {
    pub fn add_shift(&mut self, s: &NewShift, now: DateTime<Utc>, actor: &str) -> Result<i64> {
        self.write(|tx| {
            let mut longest = longest(tx)?;
            insert(tx, s, now, actor, &mut longest)
        })
    }

    /// Live shifts that overlap `[from, to)`, by start time.
    pub fn shifts_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Shift>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE s.superseded_at IS NULL AND s.start_at < ?2 AND s.end_at > ?1 ORDER BY s.start_at, s.role, s.id"
        ))?;
        let rows = stmt.query_map(params![ts(from), ts(to)], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Live shifts covering instant `t`, for any shift length stored (roster now, handover, board).
    pub fn shifts_at(&self, t: DateTime<Utc>) -> Result<Vec<Shift>> {
        // No shift is longer than the longest stored: bounding start keeps this an index range scan.
        let longest = longest(&self.conn)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE s.superseded_at IS NULL AND s.start_at <= ?1 AND s.start_at >= ?1 - ?2 AND s.end_at > ?1 \
             ORDER BY s.role, s.start_at"
        ))?;
        let rows = stmt.query_map(params![ts(t), longest], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The next instant after `t` at which any shift starts, and the shifts starting then.
    pub fn next_change_after(&self, t: DateTime<Utc>) -> Result<Option<(DateTime<Utc>, Vec<Shift>)>> {
        let next: Option<i64> = self
            .conn
            .query_row(
                "SELECT min(start_at) FROM shift WHERE superseded_at IS NULL AND start_at > ?1 AND role = 'officer'",
                params![ts(t)],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let Some(next) = next else { return Ok(None) };
        let at = from_ts(next);
        let shifts = self.shifts_at(at)?.into_iter().filter(|s| s.start == at || s.role != Role::Officer).collect();
        Ok(Some((at, shifts)))
    }

    pub fn shift(&self, id: i64) -> Result<Option<Shift>> {
        Ok(self.conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), params![id], from_row).optional()?)
    }

    /// Replaces the person on a shift (a swap or cover). The old assignment is kept, marked superseded.
    pub fn swap_shift(
        &mut self,
        shift_id: i64,
        new_person: i64,
        reason: &str,
        approved_by: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<i64> {
        self.swap_shift_logged(shift_id, new_person, reason, approved_by, now, actor, None)
    }

    /// [`Store::swap_shift`] with its duty-log line (`log_body`) in the same transaction.
    #[allow(clippy::too_many_arguments)]
    pub fn swap_shift_logged(
        &mut self,
        shift_id: i64,
        new_person: i64,
        reason: &str,
        approved_by: &str,
        now: DateTime<Utc>,
        actor: &str,
        log: Option<(&str, serde_json::Value)>,
    ) -> Result<i64> {
        if reason.trim().is_empty() {
            return Err(StoreError::Invalid("reason: a swap needs a reason".into()));
        }
        if approved_by.trim().is_empty() {
            return Err(StoreError::Invalid("approved-by: a swap needs the name of who approved it".into()));
        }
        self.write(|tx| {
            let old: Option<(String, i64, i64, Option<i64>)> = tx
                .query_row(
                    "SELECT role, start_at, end_at, superseded_at FROM shift WHERE id = ?1",
                    params![shift_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((role, start, end, superseded)) = old else {
                return Err(StoreError::NotFound(format!("shift {shift_id}")));
            };
            if superseded.is_some() {
                return Err(StoreError::Invalid(format!("shift {shift_id} was already swapped; swap its replacement")));
            }
            tx.execute("UPDATE shift SET superseded_at = ?1 WHERE id = ?2", params![ts(now), shift_id])?;
            audit::record(tx, now, actor, "shift.superseded", "shift", shift_id)?;
            let new = NewShift {
                person_id: new_person,
                role: role.parse().map_err(|e| {
                    StoreError::Corrupt(format!("shift {shift_id} holds {e}; the file was changed outside dutywatch"))
                })?,
                start: from_ts(start),
                end: from_ts(end),
            };
            check_no_overlap(tx, &new, Some(shift_id), longest(tx)?)?;
            tx.execute(
                "INSERT INTO shift (person_id, role, start_at, end_at, replaces, swap_reason, swap_approved_by, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![new_person, new.role.code(), start, end, shift_id, reason.trim(), approved_by.trim(), ts(now)],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, now, actor, "shift.swap", "shift", id)?;
            if let Some((body, data)) = &log {
                super::log::append(
                    tx,
                    &super::log::NewLogEntry {
                        at: now,
                        author: actor.to_string(),
                        kind: crate::domain::LogKind::Note,
                        incident_id: None,
                        body: body.to_string(),
                        corrects: None,
                        data: Some(data.clone()),
                    },
                    now,
                )?;
            }
            Ok(id)
        })
    }
}
