//! The archive (issue 15): every incident, closed or open, found by learned day, category, grade,
//! status, text, and whether it had a 迟报 or a 漏报. Newest first, keyset-paged by (learned_at, id).

use chrono::{DateTime, Utc};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::incident::incident_from_row;
use super::{Result, Store, ts};
use crate::domain::{Category, Grade, Incident, IncidentStatus};

/// What to look for; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    /// Learned at or after.
    pub from: Option<DateTime<Utc>>,
    /// Learned before.
    pub to: Option<DateTime<Utc>>,
    pub category: Option<Category>,
    pub grade: Option<Grade>,
    pub status: Option<IncidentStatus>,
    /// Had a duty of this unit's that was late (迟报: done late or overdue).
    pub late: bool,
    /// Had a duty that ended missed (漏报).
    pub missed: bool,
    /// Had a written report sent with elements missing (要素不全).
    pub incomplete: bool,
    /// In the title, place, reference or summary (any length, Chinese two-character terms included).
    pub text: Option<String>,
    /// Keyset: only incidents before this (learned_at, id), for the next page.
    pub before: Option<(DateTime<Utc>, i64)>,
}

impl IncidentFilter {
    /// The WHERE clause and its parameters (everything bound, nothing typed is spliced into SQL).
    fn clause(&self, keyset: bool) -> (String, Vec<Value>) {
        let mut w: Vec<String> = Vec::new();
        let mut p: Vec<Value> = Vec::new();
        if let Some(t) = self.from {
            p.push(Value::Integer(ts(t)));
            w.push(format!("i.learned_at >= ?{}", p.len()));
        }
        if let Some(t) = self.to {
            p.push(Value::Integer(ts(t)));
            w.push(format!("i.learned_at < ?{}", p.len()));
        }
        for (col, v) in [
            ("category", self.category.map(|c| c.code())),
            ("grade", self.grade.map(|g| g.code())),
            ("status", self.status.map(|s| s.code())),
        ] {
            if let Some(v) = v {
                p.push(Value::Text(v.to_string()));
                w.push(format!("i.{col} = ?{}", p.len()));
            }
        }
        if self.late {
            w.push(
                "EXISTS (SELECT 1 FROM obligation o WHERE o.incident_id = i.id AND o.tracking = 0 \
                 AND (o.late = 1 OR o.done_at > o.due_at))"
                    .into(),
            );
        }
        if self.missed {
            // A page walks the incidents newest first and asks each (it stops at a page); a count
            // reads the few missed duties in `obligation_missed` and looks their incidents up
            // (5,345 of 100,000 over five years: 4 ms against 33 ms of SQLite's CPU time).
            w.push(if keyset {
                "EXISTS (SELECT 1 FROM obligation o WHERE o.incident_id = i.id AND o.tracking = 0 \
                 AND o.end_state = 'missed')"
                    .into()
            } else {
                "i.id IN (SELECT o.incident_id FROM obligation o WHERE o.tracking = 0 AND o.end_state = 'missed')"
                    .into()
            });
        }
        if self.incomplete {
            w.push(
                "EXISTS (SELECT 1 FROM report r WHERE r.incident_id = i.id AND r.missing_elements IS NOT NULL \
                 AND r.missing_elements <> '[]')"
                    .into(),
            );
        }
        if let Some(t) = self.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let escaped = t.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            p.push(Value::Text(format!("%{escaped}%")));
            let n = p.len();
            if !keyset && self.from.is_none() && self.to.is_none() {
                // A count over every year tests every incident: from the narrow copy of their
                // texts (migration 0016), not from the wide incident rows.
                w.push(format!("i.id IN (SELECT s.id FROM incident_search s WHERE s.text LIKE ?{n} ESCAPE '\\')"));
            } else {
                w.push(format!(
                    "(i.title LIKE ?{n} ESCAPE '\\' OR i.place LIKE ?{n} ESCAPE '\\' OR i.ref LIKE ?{n} ESCAPE '\\' \
                     OR i.summary LIKE ?{n} ESCAPE '\\')"
                ));
            }
        }
        if keyset && let Some((t, id)) = self.before {
            p.push(Value::Integer(ts(t)));
            let a = p.len();
            p.push(Value::Integer(id));
            w.push(format!("(i.learned_at < ?{a} OR (i.learned_at = ?{a} AND i.id < ?{}))", a + 1));
        }
        let sql = if w.is_empty() { String::new() } else { format!(" WHERE {}", w.join(" AND ")) };
        (sql, p)
    }
}

impl Store {
    /// One page of the archive, newest first: at most `limit` incidents after the filter's keyset.
    pub fn search_incidents(&self, f: &IncidentFilter, limit: usize) -> Result<Vec<Incident>> {
        let (clause, mut p) = f.clause(true);
        p.push(Value::Integer(limit as i64));
        let cols = super::incident::INCIDENT_COLS_I;
        let sql =
            format!("SELECT {cols} FROM incident i{clause} ORDER BY i.learned_at DESC, i.id DESC LIMIT ?{}", p.len());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(p), incident_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The same page as [`Store::search_incidents`], one incident at a time (constant memory for a
    /// full `incident list --json`); returns how many were passed to `f`.
    pub fn for_each_incident(
        &self,
        f: &IncidentFilter,
        limit: usize,
        mut each: impl FnMut(Incident) -> std::result::Result<(), super::StoreError>,
    ) -> Result<usize> {
        let (clause, mut p) = f.clause(true);
        p.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let cols = super::incident::INCIDENT_COLS_I;
        let sql =
            format!("SELECT {cols} FROM incident i{clause} ORDER BY i.learned_at DESC, i.id DESC LIMIT ?{}", p.len());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(p))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(incident_from_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// How many incidents the filter finds in all (for "200 of 1,234 shown").
    pub fn count_incidents(&self, f: &IncidentFilter) -> Result<usize> {
        // "Had 漏报" alone: the incidents of the missed duties, counted in their partial index
        // without reading an incident row (0.4 ms against 9 ms over five years).
        if *f == (IncidentFilter { missed: true, ..Default::default() }) {
            let n: i64 = self.conn.query_row(
                "SELECT count(DISTINCT o.incident_id) FROM obligation o WHERE o.tracking = 0 AND o.end_state = 'missed'",
                [],
                |r| r.get(0),
            )?;
            return Ok(n.max(0) as usize);
        }
        let (clause, p) = f.clause(false);
        let n: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) FROM incident i{clause}"), params_from_iter(p), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}
