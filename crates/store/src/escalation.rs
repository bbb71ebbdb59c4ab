//! Escalation steps up the chain and their acknowledgements. A re-notification is a new step;
//! an acknowledgement fills `ack_at`/`ack_by` once (a second one is refused).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};
use crate::domain::{Channel, Escalation, Level};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub incident_id: i64,
    pub level: Level,
    pub recipient: String,
    pub channel: Channel,
    pub sent_at: DateTime<Utc>,
    pub sent_by: String,
    pub skip_level: bool,
    pub reason: String,
}

const COLS: &str = "id, incident_id, level, recipient, channel, sent_at, sent_by, ack_at, ack_by, skip_level, reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Escalation> {
    Ok(Escalation {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        level: crate::codes::code(r, 2)?,
        recipient: r.get(3)?,
        channel: crate::codes::code(r, 4)?,
        sent_at: from_ts(r.get(5)?),
        sent_by: r.get(6)?,
        acked_at: from_ts_opt(r.get(7)?),
        acked_by: r.get(8)?,
        skip_level: r.get(9)?,
        reason: r.get(10)?,
    })
}

pub fn insert(tx: &Transaction<'_>, s: &NewStep, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO escalation (incident_id, level, recipient, channel, sent_at, sent_by, skip_level, reason, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.incident_id,
        s.level.code(),
        s.recipient,
        s.channel.code(),
        ts(s.sent_at),
        s.sent_by,
        s.skip_level,
        s.reason,
        ts(now)
    ])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "escalation.send", "escalation", id)?;
    Ok(id)
}

/// The latest step of an incident to `level`, if any.
pub fn latest_to(tx: &rusqlite::Connection, incident_id: i64, level: Level) -> Result<Option<Escalation>> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT {COLS} FROM escalation e WHERE incident_id = ?1 AND level = ?2 AND NOT EXISTS \
                 (SELECT 1 FROM correction c WHERE c.target = 'step' AND c.target_id = e.id) \
                 ORDER BY sent_at DESC, id DESC LIMIT 1"
            ),
            params![incident_id, level.code()],
            from_row,
        )
        .optional()?)
}

/// All steps of an incident that stand (a corrected one no longer tells a level), in the order sent
/// (inside a transaction).
pub fn steps_of(tx: &rusqlite::Connection, incident_id: i64) -> Result<Vec<Escalation>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {COLS} FROM escalation e WHERE incident_id = ?1 AND NOT EXISTS \
         (SELECT 1 FROM correction c WHERE c.target = 'step' AND c.target_id = e.id) ORDER BY sent_at, id"
    ))?;
    let rows = stmt.query_map(params![incident_id], from_row)?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}

pub fn set_ack(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE escalation SET ack_at = ?1, ack_by = ?2 WHERE id = ?3 AND ack_at IS NULL",
        params![ts(at), by, id],
    )?;
    if n == 0 {
        return Err(StoreError::Invalid(format!("escalation step {id} was already acknowledged")));
    }
    audit::record(tx, now, actor, "escalation.ack", "escalation", id)
}

impl Store {
    /// All steps of an incident, in the order sent.
    pub fn escalations(&self, incident_id: i64) -> Result<Vec<Escalation>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLS} FROM escalation WHERE incident_id = ?1 ORDER BY sent_at, id"))?;
        let rows = stmt.query_map(params![incident_id], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Steps of the given incidents (the board's escalation pane for the open window), by incident
    /// then in the order sent: one indexed query for the whole window, not one per incident. A step
    /// corrected as recorded by mistake is left out: the board shows what was really sent (the
    /// incident page shows it struck through).
    pub fn escalations_for(&self, incident_ids: &[i64]) -> Result<Vec<Escalation>> {
        if incident_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = serde_json::to_string(incident_ids).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM escalation e WHERE e.incident_id IN (SELECT value FROM json_each(?1)) \
             AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.target = 'step' AND c.target_id = e.id) \
             ORDER BY e.incident_id, e.sent_at, e.id"
        ))?;
        let rows = stmt.query_map(params![ids], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// [`Store::escalations_for`], grouped by incident (every id gets an entry, maybe empty).
    pub fn escalations_by_incident(&self, incident_ids: &[i64]) -> Result<HashMap<i64, Vec<Escalation>>> {
        let mut out: HashMap<i64, Vec<Escalation>> = incident_ids.iter().map(|id| (*id, Vec::new())).collect();
        for e in self.escalations_for(incident_ids)? {
            out.entry(e.incident_id).or_default().push(e);
        }
        Ok(out)
    }
}
