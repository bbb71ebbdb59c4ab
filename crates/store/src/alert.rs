//! Alert acknowledgements (issue 17): who acknowledged which alert, and when. Kept in the file so
//! that every terminal on it shows the acknowledgement and stops ringing for that alert.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Result, Store, audit, from_ts, ts};

/// How many of the latest acknowledgements the board reads (alerts older than that are long gone).
pub const ACK_WINDOW: i64 = 500;

/// One acknowledgement: who and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertAck {
    pub by: String,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Records that `by` acknowledged the alert `key` at `at`. The first acknowledgement of a key
    /// is kept; a second one (another terminal, the same moment) changes nothing. Returns the
    /// acknowledgement on record.
    pub fn ack_alert(&mut self, key: &str, by: &str, at: DateTime<Utc>) -> Result<AlertAck> {
        self.write(|tx| {
            let added = tx
                .prepare_cached("INSERT OR IGNORE INTO alert_ack (alert_key, by_name, at) VALUES (?1, ?2, ?3)")?
                .execute(params![key, by, ts(at)])?;
            if added == 1 {
                let id = tx.last_insert_rowid();
                audit::record(tx, at, by, "alert.ack", "alert_ack", id)?;
            }
            Ok(tx.query_row("SELECT by_name, at FROM alert_ack WHERE alert_key = ?1", params![key], |r| {
                Ok(AlertAck { by: r.get(0)?, at: from_ts(r.get(1)?) })
            })?)
        })
    }

    /// The latest acknowledgements, by alert key.
    pub fn alert_acks(&self) -> Result<HashMap<String, AlertAck>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT alert_key, by_name, at FROM alert_ack ORDER BY at DESC LIMIT ?1")?;
        let rows = stmt.query_map(params![ACK_WINDOW], |r| {
            Ok((r.get::<_, String>(0)?, AlertAck { by: r.get(1)?, at: from_ts(r.get(2)?) }))
        })?;
        Ok(rows.collect::<std::result::Result<HashMap<_, _>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_acknowledgement_is_kept_and_shared() {
        let mut s = Store::open_in_memory().expect("store");
        let t = from_ts(1_700_000_000);
        let a = s.ack_alert("due:1:overdue", "张伟", t).expect("ack");
        assert_eq!(a, AlertAck { by: "张伟".into(), at: t });
        let again = s.ack_alert("due:1:overdue", "王芳", t + chrono::Duration::minutes(1)).expect("ack");
        assert_eq!(again.by, "张伟", "the first acknowledgement stays");
        let all = s.alert_acks().expect("acks");
        assert_eq!(all.len(), 1);
        assert_eq!(all.get("due:1:overdue").map(|a| a.by.as_str()), Some("张伟"));
    }
}
