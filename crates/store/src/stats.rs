//! The period statistics' reads (issue 16): grouped and streamed over indexed ranges, so five
//! years of history take a few hundred milliseconds and constant memory.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Result, Store, from_ts, ts};
use crate::domain::Obligation;
use crate::domain::deadlines::DutyTimes;

/// SQL of [`Store::for_each_duty_times_in`].
pub const DUTY_TIMES_SQL: &str = "SELECT o.incident_id, o.kind, o.due_at, o.done_at, o.late, o.end_state, o.voided_at \
     FROM obligation o WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.tracking = 0";

/// SQL of [`Store::for_each_incident_learned_in`].
pub const INCIDENT_FIGURES_SQL: &str = "SELECT i.id, i.category, i.grade, i.caller_unit, i.occurred_at, i.learned_at, \
     (SELECT min(r.sent_at) FROM report r WHERE r.incident_id = i.id AND r.kind = 'first-phone'), \
     (SELECT count(*) FROM report r WHERE r.incident_id = i.id AND r.missing_elements IS NOT NULL \
      AND r.missing_elements <> '[]') \
     FROM incident i WHERE i.learned_at >= ?1 AND i.learned_at < ?2";

/// The long periods' incidents, in id order (the table's own order: no sort).
pub const INCIDENTS_IN_ID_ORDER_SQL: &str = "SELECT i.id, i.category, i.grade, i.caller_unit, i.occurred_at, i.learned_at \
     FROM incident i NOT INDEXED WHERE i.learned_at >= ?1 AND i.learned_at < ?2 ORDER BY i.id";

/// The first phone reports from an incident id on, in (incident, sent_at) order along `report_first_phone`.
pub const FIRST_PHONES_IN_ID_ORDER_SQL: &str = "SELECT incident_id, sent_at FROM report INDEXED BY report_first_phone \
     WHERE kind = 'first-phone' AND incident_id >= ?1 ORDER BY incident_id, sent_at";

/// The reports sent with elements missing from an incident id on, along `report_incomplete`.
pub const INCOMPLETE_IN_ID_ORDER_SQL: &str = "SELECT incident_id FROM report INDEXED BY report_incomplete \
     WHERE missing_elements IS NOT NULL AND missing_elements <> '[]' AND incident_id >= ?1 ORDER BY incident_id";

/// The acknowledged steps to upper rooms from an incident id on, along `escalation_upper_acked` (covering).
pub const UPPER_ACKS_IN_ID_ORDER_SQL: &str = "SELECT incident_id, sent_at, ack_at FROM escalation INDEXED BY escalation_upper_acked \
     WHERE level <> 'leader' AND ack_at IS NOT NULL AND incident_id >= ?1 ORDER BY incident_id";

/// Rows of integers in incident id order (column 0), read beside the incidents:
/// [`IdCursor::each_of`] hands over the rows of one incident, skipping those of incidents before it
/// that are not counted.
struct IdCursor<'s> {
    rows: rusqlite::Rows<'s>,
    /// The row the cursor stopped on, not handed over yet (its columns; 0 past the last).
    head: Option<[i64; 3]>,
    /// Whether `head` holds the next row (false before the first read and after a hand-over).
    ready: bool,
}

impl<'s> IdCursor<'s> {
    fn open(stmt: &'s mut rusqlite::CachedStatement<'_>, from_id: i64) -> Result<IdCursor<'s>> {
        Ok(IdCursor { rows: stmt.query(params![from_id])?, head: None, ready: false })
    }

    /// Calls `f` with the columns of each row of incident `id`; ask in ascending order of id.
    fn each_of(&mut self, id: i64, mut f: impl FnMut([i64; 3])) -> Result<()> {
        loop {
            if !self.ready {
                self.head = match self.rows.next()? {
                    Some(r) => {
                        let n = r.as_ref().column_count();
                        let col = |k: usize| if k < n { r.get::<_, i64>(k) } else { Ok(0) };
                        Some([col(0)?, col(1)?, col(2)?])
                    }
                    None => None,
                };
                self.ready = true;
            }
            match self.head {
                Some(row) if row[0] < id => self.ready = false,
                Some(row) if row[0] == id => {
                    f(row);
                    self.ready = false;
                }
                _ => return Ok(()),
            }
        }
    }
}

/// A text column borrowed from the row; a NULL reads as empty.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, k: usize) -> rusqlite::Result<&'r str> {
    Ok(match r.get_ref(k)? {
        rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or("?"),
        _ => "",
    })
}

/// What the statistics read of one incident (texts borrowed from the row).
#[derive(Debug, Clone, Copy)]
pub struct IncidentFigureRow<'a> {
    pub id: i64,
    pub category: &'a str,
    pub grade: &'a str,
    pub caller_unit: &'a str,
    pub occurred_at: DateTime<Utc>,
    pub learned_at: DateTime<Utc>,
    /// When its first phone report (电话首报) was sent, if it was.
    pub first_phone_at: Option<DateTime<Utc>>,
    /// Its reports sent with elements missing (要素不全), counted in `report_incomplete`.
    pub incomplete_reports: u32,
}

/// Over more than a year, reading a table from end to end is cheaper than an index range plus one
/// table lookup per row (5 years of duties: 0.18 s against 0.38 s of SQLite's time), so the long
/// periods say `NOT INDEXED`; a month or a week still reads its index range only.
fn scan(from: DateTime<Utc>, to: DateTime<Utc>) -> &'static str {
    if long_period(from, to) { " NOT INDEXED" } else { "" }
}

/// Whether `[from, to)` is longer than a year: the statistics read such a period along the tables
/// (and on two threads), a shorter one along its index ranges.
pub fn long_period(from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    to - from > chrono::Duration::days(366)
}

// CROSS JOIN: the incidents of the period first (`incident_by_learned`), then each one's rows;
// left to itself SQLite (no ANALYZE) scanned every report ever sent and looked its incident up.
impl Store {
    /// Calls `f` with what the statistics need of each incident learned in `[from, to)`, in one
    /// pass: no sort, no copy of its texts, the first phone report found in `report_first_phone`.
    /// Returns (sent, acknowledged) of the acknowledged steps to upper rooms of these incidents.
    ///
    /// Over a long period the incidents are read in id order, and their first phone reports,
    /// incomplete reports and acknowledged upper steps are read beside them along the three partial
    /// indexes, in the same order, each cursor advanced to the incident at hand: no index seek per
    /// incident. Five years of incidents took 2.1 G instructions with a seek per incident and per
    /// step (callgrind), a fraction of that this way. A month keeps the seeks: it has few incidents.
    pub fn for_each_incident_learned_in(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        mut f: impl FnMut(IncidentFigureRow<'_>),
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        if !long_period(from, to) {
            self.for_each_incident_seeking(from, to, f)?;
            return self.upper_ack_delays(from, to);
        }
        let mut first_phone_stmt = self.conn.prepare_cached(FIRST_PHONES_IN_ID_ORDER_SQL)?;
        let mut incomplete_stmt = self.conn.prepare_cached(INCOMPLETE_IN_ID_ORDER_SQL)?;
        let mut acks_stmt = self.conn.prepare_cached(UPPER_ACKS_IN_ID_ORDER_SQL)?;
        let mut stmt = self.conn.prepare_cached(INCIDENTS_IN_ID_ORDER_SQL)?;
        let mut rows = stmt.query(params![ts(from), ts(to)])?;
        let mut acks = Vec::new();
        let Some(first) = rows.next()? else { return Ok(acks) };
        // The cursors start at the first incident of the period: its id is the smallest (id order).
        let first_id: i64 = first.get(0)?;
        let mut first_phones = IdCursor::open(&mut first_phone_stmt, first_id)?;
        let mut incomplete = IdCursor::open(&mut incomplete_stmt, first_id)?;
        let mut upper_acks = IdCursor::open(&mut acks_stmt, first_id)?;
        let mut one = |r: &rusqlite::Row<'_>| -> Result<()> {
            let id: i64 = r.get(0)?;
            // The first phone reports come by (incident, sent_at): the first of this incident's is the earliest.
            let mut first_phone_at = None;
            first_phones.each_of(id, |[_, sent, _]| {
                if first_phone_at.is_none() {
                    first_phone_at = Some(from_ts(sent));
                }
            })?;
            let mut incomplete_reports = 0u32;
            incomplete.each_of(id, |_| incomplete_reports += 1)?;
            upper_acks.each_of(id, |[_, sent, acked]| acks.push((from_ts(sent), from_ts(acked))))?;
            f(IncidentFigureRow {
                id,
                category: text_at(r, 1)?,
                grade: text_at(r, 2)?,
                caller_unit: text_at(r, 3)?,
                occurred_at: from_ts(r.get(4)?),
                learned_at: from_ts(r.get(5)?),
                first_phone_at,
                incomplete_reports,
            });
            Ok(())
        };
        one(first)?;
        while let Some(r) = rows.next()? {
            one(r)?;
        }
        Ok(acks)
    }

    /// [`Store::for_each_incident_learned_in`] over a short period: the period's incidents by
    /// `incident_by_learned`, each one's reports by index seeks.
    fn for_each_incident_seeking(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        mut f: impl FnMut(IncidentFigureRow<'_>),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(INCIDENT_FIGURES_SQL)?;
        let mut rows = stmt.query(params![ts(from), ts(to)])?;
        while let Some(r) = rows.next()? {
            f(IncidentFigureRow {
                id: r.get(0)?,
                category: text_at(r, 1)?,
                grade: text_at(r, 2)?,
                caller_unit: text_at(r, 3)?,
                occurred_at: from_ts(r.get(4)?),
                learned_at: from_ts(r.get(5)?),
                first_phone_at: r.get::<_, Option<i64>>(6)?.map(from_ts),
                incomplete_reports: r.get(7)?,
            });
        }
        Ok(())
    }

    /// Every finding (谎报/瞒报) on record: (incident, kind, when). Findings are few; the caller
    /// keeps those of the incidents it counts.
    pub fn findings_all(&self) -> Result<Vec<(i64, crate::domain::response::FindingKind, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached("SELECT incident_id, kind, at FROM finding")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, crate::codes::code(r, 1)?, crate::from_ts(r.get(2)?))))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// (sent, acknowledged) of the steps to upper rooms of the period's incidents that were acknowledged.
    pub fn upper_ack_delays(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.sent_at, e.ack_at FROM incident i{} CROSS JOIN escalation e ON e.incident_id = i.id \
             WHERE i.learned_at >= ?1 AND i.learned_at < ?2 AND e.level <> 'leader' AND e.ack_at IS NOT NULL",
            scan(from, to)
        ))?;
        let rows = stmt.query_map(params![ts(from), ts(to)], |r| Ok((from_ts(r.get(0)?), from_ts(r.get(1)?))))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The smallest and the largest row id of the duties, to split a long pass between two threads.
    pub fn duty_row_bounds(&self) -> Result<Option<(i64, i64)>> {
        // Two subqueries: SQLite answers a lone min() or max() from the end of the b-tree, but
        // scans the whole table for both in one SELECT (0.36 G instructions on five years).
        let (lo, hi): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT (SELECT min(rowid) FROM obligation), (SELECT max(rowid) FROM obligation)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(lo.zip(hi))
    }

    /// Calls `f` with the incident, the kind and the [`DutyTimes`] of each of this unit's duties due
    /// in `[from, to)`: the statistics' pass over every duty of the period, reading no text but
    /// the kind (borrowed, not copied).
    ///
    /// `rows` limits the pass to a range of row ids (both ends included), so two threads can share
    /// a long period's duties.
    pub fn for_each_duty_times_in(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        rows: Option<(i64, i64)>,
        mut f: impl FnMut(i64, &str, DutyTimes),
    ) -> Result<()> {
        let mut sql = if scan(from, to).is_empty() {
            DUTY_TIMES_SQL.to_string()
        } else {
            DUTY_TIMES_SQL.replace("FROM obligation o", "FROM obligation o NOT INDEXED")
        };
        let (lo, hi) = rows.unwrap_or((i64::MIN, i64::MAX));
        if rows.is_some() {
            sql.push_str(" AND o.rowid BETWEEN ?3 AND ?4");
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = if rows.is_some() {
            stmt.query(params![ts(from), ts(to), lo, hi])?
        } else {
            stmt.query(params![ts(from), ts(to)])?
        };
        while let Some(r) = rows.next()? {
            let end_state = match r.get_ref(5)? {
                rusqlite::types::ValueRef::Text(t) => Some(std::str::from_utf8(t).unwrap_or("?")),
                _ => None,
            };
            let times = DutyTimes {
                due_at: from_ts(r.get(2)?),
                done_at: r.get::<_, Option<i64>>(3)?.map(from_ts),
                late: r.get(4)?,
                end: super::incident::end_of(end_state, r.get(6)?),
            };
            let kind = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or("?"),
                _ => "?",
            };
            f(r.get(0)?, kind, times);
        }
        Ok(())
    }

    /// This unit's duties due in `[from, to)` as they stood at `t` (those on the record by then).
    pub fn duties_due_in_as_of(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        t: DateTime<Utc>,
    ) -> Result<Vec<Obligation>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT o.id FROM obligation o WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.created_at <= ?3 \
                 ORDER BY o.due_at, o.id",
            )?;
            let rows = stmt.query_map(params![ts(from), ts(to), ts(t)], |r| r.get(0))?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = self.snapshot("obligation", id, t)? {
                let (ob, _) = super::replay::obligation_from(&v)?;
                if !ob.tracking {
                    out.push(ob);
                }
            }
        }
        Ok(out)
    }
}

/// A read transaction: every statement run on its store until it is dropped sees the same snapshot
/// of the file (WAL), whatever other terminals commit meanwhile.
pub struct ReadSnapshot<'a> {
    store: &'a Store,
    /// The newest audit event in the snapshot: every write appends one, so two snapshots with the
    /// same head hold the same record.
    pub head: i64,
}

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        // Ending a read transaction cannot lose anything; an error here leaves nothing to undo.
        let _ = self.store.conn.execute_batch("COMMIT");
    }
}

impl Store {
    /// Starts a read transaction and reads the audit head in it (see [`ReadSnapshot`]).
    pub fn read_snapshot(&self) -> Result<ReadSnapshot<'_>> {
        self.conn.execute_batch("BEGIN")?;
        match self.conn.query_row("SELECT coalesce(max(id), 0) FROM audit_event", [], |r| r.get::<_, i64>(0)) {
            Ok(head) => Ok(ReadSnapshot { store: self, head }),
            Err(e) => {
                let _ = self.conn.execute_batch("COMMIT");
                Err(e.into())
            }
        }
    }

    /// A second connection to the same file, for a read that runs beside this one on another
    /// thread; None for an in-memory store.
    pub fn second_reader(&self) -> Result<Option<Store>> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(None);
        }
        Store::open(&self.path).map(Some)
    }
}
