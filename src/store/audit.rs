//! The append-only audit log. Each event carries the row as it stood after the change, so the
//! board at any past moment can be rebuilt from this table alone (review mode).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params, types::ValueRef};
use serde_json::{Map, Value};

use super::{Result, StoreError, ts};

/// The tables whose rows are audited; anything else is refused so a typo cannot inject SQL.
const AUDITED: &[&str] = &[
    "contact",
    "person",
    "shift",
    "calendar_period",
    "incident",
    "obligation",
    "report",
    "escalation",
    "log_entry",
    "equipment_check",
    "handover",
    "handover_addendum",
    "fact_update",
    "correction",
];

/// Reads one row of `table` as a JSON object, column by column.
pub fn row_json(tx: &Transaction<'_>, table: &str, id: i64) -> Result<Value> {
    if !AUDITED.contains(&table) {
        return Err(StoreError::Invalid(format!("not an audited table: {table}")));
    }
    let mut stmt = tx.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = stmt.query(params![id])?;
    let row = rows.next()?.ok_or_else(|| StoreError::NotFound(format!("{table} {id}")))?;
    let mut obj = Map::new();
    for (i, name) in names.iter().enumerate() {
        let v = match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(f) => Value::from(f),
            ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(_) => Value::Null,
        };
        obj.insert(name.clone(), v);
    }
    Ok(Value::Object(obj))
}

/// Writes the audit event for a change to `table` row `id`, inside the caller's transaction.
pub fn record(tx: &Transaction<'_>, at: DateTime<Utc>, actor: &str, action: &str, table: &str, id: i64) -> Result<()> {
    let data = row_json(tx, table, id)?;
    tx.prepare_cached(
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![ts(at), actor, action, table, id, data.to_string()])?;
    Ok(())
}

/// Who made the latest change to `table` row `id`, and when (seconds): for conflict messages.
pub fn last_change(tx: &Transaction<'_>, table: &str, id: i64) -> Result<(String, i64)> {
    let found = tx
        .query_row(
            "SELECT actor, at FROM audit_event WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1",
            params![table, id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )
        .optional()?;
    Ok(found.unwrap_or_else(|| ("another terminal".to_string(), 0)))
}

/// One audit event as read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEvent {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub data: Value,
}

/// All events of one record, oldest first (the incident page's timeline, review).
pub fn history(conn: &rusqlite::Connection, table: &str, id: i64) -> Result<Vec<AuditEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, entity, entity_id, data FROM audit_event WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![table, id], |r| {
        let data: String = r.get(6)?;
        Ok(AuditEvent {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            data: serde_json::from_str(&data).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
}
