//! Equipment checks (docs/rules.md PR-24): one row per device per check. The current state of a device is its
//! latest check, so a fault stays on the board until a later check finds the device OK again.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};
use serde::Serialize;

use super::{Result, Store, audit, from_ts, ts};

/// The devices a watch room checks each shift, in display order.
pub const DEVICES: &[&str] = &["phone", "fax", "network", "radio"];

/// One device's latest check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceStatus {
    pub device: String,
    pub ok: bool,
    pub note: String,
    pub at: DateTime<Utc>,
    pub author: String,
}

/// Records one device's state inside the caller's transaction (with the log entry it belongs to).
#[allow(clippy::too_many_arguments)] // one column each; a struct would only rename them
pub fn insert(
    tx: &Transaction<'_>,
    device: &str,
    ok: bool,
    note: &str,
    at: DateTime<Utc>,
    author: &str,
    log_entry_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO equipment_check (at, device, ok, note, author, log_entry_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![ts(at), device, ok, note, author, log_entry_id, ts(now)])?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, author, "equipment.check", "equipment_check", id)?;
    Ok(id)
}

impl Store {
    /// The latest check of each device at or before `t` (recorded by `t`), in [`DEVICES`] order.
    /// Devices never checked are left out.
    pub fn equipment_status(&self, t: DateTime<Utc>) -> Result<Vec<DeviceStatus>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT device, ok, note, at, author FROM equipment_check WHERE device = ?1 AND at <= ?2 AND created_at <= ?2 \
             ORDER BY at DESC, id DESC LIMIT 1",
        )?;
        for d in DEVICES {
            let mut rows = stmt.query(params![d, ts(t)])?;
            if let Some(r) = rows.next()? {
                out.push(DeviceStatus {
                    device: r.get(0)?,
                    ok: r.get(1)?,
                    note: r.get(2)?,
                    at: from_ts(r.get(3)?),
                    author: r.get(4)?,
                });
            }
        }
        Ok(out)
    }
}
