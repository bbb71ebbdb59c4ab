//! `dutywatch check`: SQLite's own integrity check plus the invariants dutywatch promises.

use rusqlite::params;

use super::{Result, Store};

/// Tables whose every row must have at least one audit event.
const AUDITED_ROWS: &[&str] = &[
    "person",
    "shift",
    "incident",
    "obligation",
    "report",
    "escalation",
    "log_entry",
    "handover",
    "fact_update",
    "correction",
];

impl Store {
    /// Every problem found, as one line each. Empty means healthy.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> =
            self.integrity_check()?.into_iter().map(|p| format!("integrity: {p}")).collect();
        if !problems.is_empty() {
            return Ok(problems);
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM obligation o LEFT JOIN incident i ON i.id = o.incident_id WHERE i.id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} obligation(s) without their incident"));
        }
        for table in AUDITED_ROWS {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT t.id FROM {table} t WHERE NOT EXISTS \
                 (SELECT 1 FROM audit_event a WHERE a.entity = ?1 AND a.entity_id = t.id) LIMIT 20"
            ))?;
            let ids =
                stmt.query_map(params![table], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
            for id in ids {
                problems.push(format!("{table} {id} has no audit event"));
            }
        }
        // The other direction: an audit event whose row is gone (records are never deleted).
        for table in AUDITED_ROWS {
            let lost: i64 = self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM audit_event a WHERE a.entity = ?1 \
                     AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = a.entity_id)"
                ),
                params![table],
                |r| r.get(0),
            )?;
            if lost > 0 {
                let what = if *table == "incident" { "incidents".to_string() } else { format!("{table} rows") };
                problems.push(format!("{lost} audit event(s) for {what} that do not exist"));
            }
        }
        // Every reference between records (report → incident, log line → incident, shift → person …).
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        drop(stmt);
        for (table, rowid, parent) in dangling.into_iter().take(50) {
            // Obligations without their incident are already counted above.
            if table == "obligation" && parent == "incident" {
                continue;
            }
            let row = rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into());
            problems.push(format!("{table} {row} points at a {parent} that does not exist"));
        }
        // A signed handover must still equal what was audited when it was locked.
        let mut stmt = self.conn.prepare(
            "SELECT h.id, (SELECT a.data FROM audit_event a WHERE a.entity = 'handover' AND a.entity_id = h.id \
             ORDER BY a.id DESC LIMIT 1) FROM handover h \
             WHERE h.outgoing_signed_at IS NOT NULL AND h.incoming_signed_at IS NOT NULL",
        )?;
        let locked = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        drop(stmt);
        for (id, audited) in locked {
            let now = self.conn.query_row(
                "SELECT sheet || '|' || remarks || '|' || outgoing || '|' || incoming FROM handover WHERE id = ?1",
                params![id],
                |r| r.get::<_, String>(0),
            )?;
            let then = audited
                .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
                .map(|v| {
                    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
                    format!("{}|{}|{}|{}", s("sheet"), s("remarks"), s("outgoing"), s("incoming"))
                })
                .unwrap_or_default();
            if now != then {
                problems.push(format!("handover {id} was changed after it was signed and locked"));
            }
        }
        Ok(problems)
    }
}
