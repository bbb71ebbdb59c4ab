//! Obligation bookkeeping shared by reports and escalation steps: fulfilling, ending (missed, waived,
//! superseded), confirming tracking items, and stamping 迟报 (late) — a flag that, once earned, is never
//! cleared. Nothing here deletes a row or moves a due time.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::incident::{NewObligation, OBLIGATION_COLS, insert_obligations, obligation_from_row};
use super::{Result, Store, StoreError, audit, ts};
use crate::codes::Code;
use crate::domain::{EndState, Obligation, ObligationKind};

/// Marks one open duty as done at `at` (late if after its due time, or if already stamped late).
/// The duty must have come to exist by `at`: an act cannot satisfy a duty that did not yet exist.
pub fn fulfil_one(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Obligation> {
    let mut ob = get(tx, id)?;
    if !ob.is_open() {
        return Err(StoreError::Invalid(format!("obligation {id} is not open")));
    }
    let late = ob.late || at > ob.due_at;
    tx.execute(
        "UPDATE obligation SET done_at = ?1, late = ?2, fulfilled_by = ?3 WHERE id = ?4",
        params![ts(at), late, by, ob.id],
    )?;
    audit::record(tx, now, actor, "obligation.done", "obligation", ob.id)?;
    ob.done_at = Some(at);
    ob.late = late;
    Ok(ob)
}

/// Marks the earliest open item of `kind` that existed by `at` as done (see [`fulfil_one`]). Returns it,
/// or `None` when nothing of that kind was owed then.
pub fn fulfil(
    tx: &Transaction<'_>,
    incident_id: i64,
    kind: &ObligationKind,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Option<Obligation>> {
    let open: Option<i64> = tx
        .query_row(
            "SELECT id FROM obligation WHERE incident_id = ?1 AND kind = ?2 \
             AND done_at IS NULL AND voided_at IS NULL AND anchor_at <= ?3 ORDER BY due_at, id LIMIT 1",
            params![incident_id, Code(kind), ts(at)],
            |r| r.get(0),
        )
        .optional()?;
    match open {
        Some(id) => fulfil_one(tx, id, at, by, now, actor).map(Some),
        None => Ok(None),
    }
}

/// Ends an open item without the act it names: missed (漏报), waived or superseded, with why, who and
/// when (`at`, the moment of the decision; the audit event carries `now`). A duty past its due time at
/// `at`, or still open on the record after its due time (an end entered late), keeps or gets its 迟报
/// flag: ending it never hides lateness.
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
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE obligation SET voided_at = ?1, void_reason = ?2, end_state = ?3, ended_by = ?4, \
         late = (late OR (tracking = 0 AND (due_at < ?1 OR due_at < ?6))) \
         WHERE id = ?5 AND done_at IS NULL AND voided_at IS NULL",
        params![ts(at), reason, state.code(), by, id, ts(now)],
    )?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!("obligation {id} is not open")));
    }
    audit::record(tx, now, actor, &format!("obligation.{}", state.code()), "obligation", id)
}

/// Confirms a tracking item: the chain reached that level at `at`, as `by` said (or by our own step or
/// an acknowledgement from that level). Tracking items are never late.
pub fn confirm(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    by: &str,
    source: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE obligation SET done_at = ?1, ended_by = ?2, fulfilled_by = ?3 \
         WHERE id = ?4 AND tracking = 1 AND done_at IS NULL AND voided_at IS NULL",
        params![ts(at), by, source, id],
    )?;
    if changed == 0 {
        return Err(StoreError::Invalid(format!("tracking item {id} is not open")));
    }
    audit::record(tx, now, actor, "obligation.confirm", "obligation", id)
}

/// The open tracking item for `kind` (`reach-<level>`), if any.
pub fn open_tracking(tx: &rusqlite::Connection, incident_id: i64, kind: &ObligationKind) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT id FROM obligation WHERE incident_id = ?1 AND kind = ?2 AND tracking = 1 \
             AND done_at IS NULL AND voided_at IS NULL ORDER BY due_at, id LIMIT 1",
            params![incident_id, Code(kind)],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether a first report (phone or written) was on record by `at`.
pub fn first_report_by(tx: &rusqlite::Connection, incident_id: i64, at: DateTime<Utc>) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM report r WHERE incident_id = ?1 AND kind IN ('first-phone', 'first-written') \
         AND sent_at <= ?2 AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.target = 'report' AND c.target_id = r.id))",
        params![incident_id, ts(at)],
        |r| r.get(0),
    )?)
}

/// Open incidents (handling not ended) whose latest 续报 slot is already due: their chain must grow.
pub fn chains_to_extend(tx: &rusqlite::Connection, now: DateTime<Utc>) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT o.incident_id FROM incident i JOIN obligation o ON o.incident_id = i.id \
         WHERE i.status = 'open' AND o.kind = 'followup' GROUP BY o.incident_id HAVING max(o.due_at) <= ?1",
    )?;
    let rows = stmt.query_map(params![ts(now)], |r| r.get(0))?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
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

/// One obligation by id.
pub fn get(tx: &rusqlite::Connection, id: i64) -> Result<Obligation> {
    tx.query_row(&format!("SELECT {OBLIGATION_COLS} FROM obligation WHERE id = ?1"), params![id], obligation_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("obligation {id}")))
}

/// Open (neither done nor ended) obligations of an incident, duties and tracking items.
pub fn open_of(tx: &rusqlite::Connection, incident_id: i64) -> Result<Vec<Obligation>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id = ?1 AND done_at IS NULL AND voided_at IS NULL ORDER BY due_at, id"
    ))?;
    let rows = stmt.query_map(params![incident_id], obligation_from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Every obligation of an incident, in any state, by due time.
pub fn all_of(tx: &rusqlite::Connection, incident_id: i64) -> Result<Vec<Obligation>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id = ?1 ORDER BY due_at, id"
    ))?;
    let rows = stmt.query_map(params![incident_id], obligation_from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

/// Stamps 迟报 on the open duties (not tracking items) of these incidents whose deadline has passed,
/// inside the caller's transaction. Returns how many were stamped.
pub fn stamp_late_in(tx: &Transaction<'_>, now: DateTime<Utc>, actor: &str) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM obligation WHERE done_at IS NULL AND voided_at IS NULL AND due_at < ?1 AND late = 0 \
             AND tracking = 0",
        )?;
        stmt.query_map(params![ts(now)], |r| r.get(0))?.collect::<std::result::Result<Vec<_>, _>>()?
    };
    for id in &ids {
        tx.execute("UPDATE obligation SET late = 1 WHERE id = ?1", params![id])?;
        audit::record(tx, now, actor, "obligation.late", "obligation", *id)?;
    }
    Ok(ids.len())
}

impl Store {
    /// Stamps 迟报 on every open duty whose deadline has passed. Run on the board's minute tick and
    /// before handovers and statistics, so the flag is on record even if the report is never sent.
    pub fn mark_overdue(&mut self, now: DateTime<Utc>, actor: &str) -> Result<usize> {
        if self.is_read_only() {
            return Ok(0);
        }
        let any: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM obligation WHERE done_at IS NULL AND voided_at IS NULL AND due_at < ?1 AND late = 0 \
                 AND tracking = 0 LIMIT 1",
            )?
            .query_row(params![ts(now)], |r| r.get(0))
            .optional()?;
        if any.is_none() {
            return Ok(0);
        }
        self.write(|tx| stamp_late_in(tx, now, actor))
    }
}
