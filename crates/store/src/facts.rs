//! The facts of an incident as they evolve (issue 15): setting them on the incident row (inside a
//! change begun with [`super::incident::begin_change`], so the old row is kept as a version) and the
//! append-only `fact_update` rows that say what changed, who and when.

use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::facts::{FactChange, FactUpdate, Facts};

/// Writes the facts onto the incident row (the caller has begun the change and audits it).
pub fn set_facts(tx: &Transaction<'_>, incident_id: i64, f: &Facts) -> Result<()> {
    tx.execute(
        "UPDATE incident SET dead = ?1, injured = ?2, missing = ?3, trapped = ?4, rescued = ?5, evacuated = ?6, \
         place = ?7, summary = ?8, measures = ?9, needs = ?10, cause = ?11, progress = ?12 WHERE id = ?13",
        params![
            f.dead,
            f.injured,
            f.missing,
            f.trapped,
            f.rescued,
            f.evacuated,
            f.place,
            f.summary,
            f.measures,
            f.needs,
            f.cause,
            f.progress,
            incident_id
        ],
    )?;
    Ok(())
}

/// A fact update to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFactUpdate<'a> {
    pub incident_id: i64,
    pub version: i64,
    pub at: DateTime<Utc>,
    pub by: &'a str,
    pub addendum: bool,
    pub changes: &'a [FactChange],
}

/// Appends a fact update with its audit event; returns its id.
pub fn insert_update(tx: &Transaction<'_>, u: &NewFactUpdate<'_>, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    let changes = serde_json::to_string(u.changes).map_err(|e| StoreError::Invalid(e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO fact_update (incident_id, version, at, by, recorded_at, addendum, changes) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![u.incident_id, u.version, ts(u.at), u.by, ts(now), u.addendum, changes])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "fact_update.add", "fact_update", id)?;
    Ok(id)
}

fn update_from_row(r: &Row<'_>) -> rusqlite::Result<FactUpdate> {
    let changes: String = r.get(7)?;
    Ok(FactUpdate {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        version: r.get(2)?,
        at: from_ts(r.get(3)?),
        by: r.get(4)?,
        recorded_at: from_ts(r.get(5)?),
        addendum: r.get(6)?,
        // Written by this module only; a row that does not parse shows no changes rather than failing
        // the whole page (`check` reads the raw rows).
        changes: serde_json::from_str(&changes).unwrap_or_default(),
    })
}

impl Store {
    /// Every fact update of an incident, in the order the facts became known.
    pub fn fact_updates(&self, incident_id: i64) -> Result<Vec<FactUpdate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, incident_id, version, at, by, recorded_at, addendum, changes FROM fact_update \
             WHERE incident_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(params![incident_id], update_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}
