//! Row counts for the CLI lists, so a list cut by `--limit` can say how much it left out
//! ("200 of 1,234 shown"). Each count uses the same filter as the list it belongs to.

use rusqlite::params;

use super::log::LogFilter;
use super::{Result, Store, ts};

impl Store {
    /// Incidents `incident list` would show without a limit (only open/ended ones with `open_only`).
    pub fn incident_count(&self, open_only: bool) -> Result<usize> {
        let sql = if open_only {
            "SELECT count(*) FROM incident WHERE status IN ('open', 'ended')"
        } else {
            "SELECT count(*) FROM incident"
        };
        let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }

    /// Duty-log entries `log list` would show for this filter without its limit.
    pub fn log_count(&self, f: &LogFilter) -> Result<usize> {
        // With a kind, `kind = ?3` lets SQLite count through `log_by_kind` (issue 16).
        let kind_clause = if f.kind.is_some() { "kind = ?3" } else { "?3 IS NULL" };
        let n: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM log_entry WHERE {kind_clause} AND at >= ?1 AND at < ?2 AND created_at <= ?4"
            ),
            params![
                f.from.map(ts).unwrap_or(i64::MIN),
                f.to.map(ts).unwrap_or(i64::MAX),
                f.kind.map(|k| k.code()),
                f.recorded_by.map(ts).unwrap_or(i64::MAX)
            ],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }

    /// Handover sheets `handover list` would show for this person without its limit.
    pub fn handover_count(&self, person: Option<&str>) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM handover WHERE (?1 IS NULL OR outgoing = ?1 OR incoming = ?1 OR leader = ?1)",
            params![person],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }
}
