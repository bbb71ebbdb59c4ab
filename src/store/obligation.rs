//! Obligation bookkeeping shared by reports and escalation steps: fulfilling, voiding, moving, and
//! stamping 迟报 (late) — a flag that, once earned, is never cleared.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::incident::{NewObligation, OBLIGATION_COLS, insert_obligations, obligation_from_row};
use super::{Result, Store, audit, ts};
use crate::domain::Obligation;

/// Marks the earliest open obligation of `kind` for the incident as done at `at` (late if after its
/// due time). Returns it, or `None` when nothing of that kind was owed.
pub fn fulfil(
    tx: &Transaction<'_>,
    incident_id: i64,
    kind: &str,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Option<Obligation>> {
    let open: Option<Obligation> = tx
        .query_row(
            &format!(
                "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id = ?1 AND kind = ?2 \
                 AND done_at IS NULL AND voided_at IS NULL ORDER BY due_at, id LIMIT 1"
            ),
            params![incident_id, kind],
            obligation_from_row,
        )
        .optional()?;
    let Some(mut ob) = open else { return Ok(None) };
    let late = ob.late || at > ob.due_at;
    tx.execute(
        "UPDATE obligation SET done_at = ?1, late = ?2, fulfilled_by = ?3 WHERE id = ?4",
        params![ts(at), late, by, ob.id],
    )?;
    audit::record(tx, now, actor, "obligation.done", "obligation", ob.id)?;
    ob.done_at = Some(at);
    ob.late = late;
    Ok(Some(ob))
}

/// Voids an open obligation (no longer owed, e.g. after a grade change). Kept, never deleted.
pub fn void(tx: &Transaction<'_>, id: i64, reason: &str, now: DateTime<Utc>, actor: &str) -> Result<()> {
    tx.execute(
        "UPDATE obligation SET voided_at = ?1, void_reason = ?2 WHERE id = ?3 AND done_at IS NULL AND voided_at IS NULL",
        params![ts(now), reason, id],
    )?;
    audit::record(tx, now, actor, "obligation.void", "obligation", id)
}

/// Moves an open obligation's due time (a grade change re-anchors it).
pub fn move_due(tx: &Transaction<'_>, id: i64, due: DateTime<Utc>, now: DateTime<Utc>, actor: &str) -> Result<()> {
    tx.execute(
        "UPDATE obligation SET due_at = max(?1, anchor_at) WHERE id = ?2 AND done_at IS NULL AND voided_at IS NULL",
        params![ts(due), id],
    )?;
    audit::record(tx, now, actor, "obligation.move", "obligation", id)
}

/// Adds obligations to an existing incident.
pub fn add(
    tx: &Transaction<'_>,
    incident_id: i64,
    obs: &[NewObligation],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    insert_obligations(tx, incident_id, obs, now, actor)
}

/// Open (not done, not voided) obligations of an incident.
pub fn open_of(tx: &rusqlite::Connection, incident_id: i64) -> Result<Vec<Obligation>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id = ?1 AND done_at IS NULL AND voided_at IS NULL ORDER BY due_at, id"
    ))?;
    let rows = stmt.query_map(params![incident_id], obligation_from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

impl Store {
    /// Stamps 迟报 on every open obligation whose deadline has passed. Run on the board's minute tick
    /// and before handovers and statistics, so the flag is on record even if the report is never sent.
    pub fn mark_overdue(&mut self, now: DateTime<Utc>, actor: &str) -> Result<usize> {
        if self.is_read_only() {
            return Ok(0);
        }
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM obligation WHERE done_at IS NULL AND voided_at IS NULL AND due_at < ?1 AND late = 0",
            )?;
            stmt.query_map(params![ts(now)], |r| r.get(0))?.collect::<std::result::Result<Vec<_>, _>>()?
        };
        if ids.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            for id in &ids {
                tx.execute("UPDATE obligation SET late = 1 WHERE id = ?1", params![id])?;
                audit::record(tx, now, actor, "obligation.late", "obligation", *id)?;
            }
            Ok(ids.len())
        })
    }
}
