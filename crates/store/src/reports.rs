//! The rows behind the period reports (issue 16, `report …`): each one indexed range query over
//! the period (tests/it/query_plans.rs, `report_queries_use_indexes`).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, from_ts, from_ts_opt, ts};
use crate::domain::Obligation;

/// The incident-level filters a report takes (category, grade, the reporting unit contained).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentSel {
    pub category: Option<String>,
    pub grade: Option<String>,
    pub unit: Option<String>,
}

impl IncidentSel {
    /// The same test as the SQL's `SEL` terms, for rows read from snapshots (review).
    pub fn keeps(&self, h: &IncidentHead) -> bool {
        self.category.as_ref().is_none_or(|c| *c == h.category)
            && self.grade.as_ref().is_none_or(|g| *g == h.grade)
            && self.unit.as_ref().is_none_or(|u| h.caller_unit.contains(u.as_str()))
    }
}

/// What a report line needs of its incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentHead {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub category: String,
    pub grade: String,
    pub caller_unit: String,
}

fn head(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<IncidentHead> {
    Ok(IncidentHead {
        id: r.get(at)?,
        reference: r.get(at + 1)?,
        title: r.get(at + 2)?,
        category: r.get(at + 3)?,
        grade: r.get(at + 4)?,
        caller_unit: r.get(at + 5)?,
    })
}

const SEL: &str = "AND (?5 IS NULL OR i.category = ?5) AND (?6 IS NULL OR i.grade = ?6) \
                   AND (?7 IS NULL OR instr(i.caller_unit, ?7) > 0)";

/// SQL of [`Store::late_duty_rows`] (the query-plan test reads it).
pub const LATE_DUTIES_SQL: &str = "SELECT o.id, o.incident_id, o.kind, o.anchor_at, o.due_at, o.done_at, o.late, \
     o.end_state, o.void_reason, o.ended_by, o.voided_at, o.tracking, \
     i.id, i.ref, i.title, i.category, i.grade, i.caller_unit \
     FROM obligation o JOIN incident i ON i.id = o.incident_id \
     WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.tracking = 0 \
     AND (o.late = 1 OR o.done_at > o.due_at OR o.end_state = 'missed' OR o.voided_at > o.due_at \
          OR (o.done_at IS NULL AND o.voided_at IS NULL AND o.due_at < ?3)) \
     AND (?4 IS NULL OR o.kind = ?4) ";

/// SQL of [`Store::late_ack_rows`].
pub const LATE_ACKS_SQL: &str = "SELECT e.id, e.level, e.recipient, e.sent_at, e.sent_by, e.ack_at, e.ack_by, \
     i.id, i.ref, i.title, i.category, i.grade, i.caller_unit \
     FROM escalation e JOIN incident i ON i.id = e.incident_id \
     WHERE e.sent_at >= ?1 AND e.sent_at < ?2 AND e.level <> 'leader' \
     AND ((e.ack_at IS NULL AND e.sent_at + ?3 < ?4) OR e.ack_at - e.sent_at > ?3) \
     AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.incident_id = e.incident_id AND c.target = 'step' \
                     AND c.target_id = e.id) ";

/// SQL of [`Store::handover_rows`].
pub const HANDOVERS_SQL: &str = "SELECT id, period_start, period_end, outgoing, incoming, leader, \
     outgoing_signed_at, incoming_signed_at FROM handover WHERE period_end >= ?1 AND period_end < ?2 \
     ORDER BY period_end, id";

/// SQL of [`Store::spot_check_rows`].
pub const SPOT_CHECKS_SQL: &str = "SELECT id, at, author, data, corrects FROM log_entry \
     WHERE kind = 'spot-check' AND at >= ?1 AND at < ?2 AND created_at <= ?3 ORDER BY at, id";

/// SQL of [`Store::equipment_rows`] (one device).
pub const EQUIPMENT_SQL: &str = "SELECT at, ok, note, author FROM equipment_check \
     WHERE device = ?1 AND at >= ?2 AND at < ?3 AND created_at <= ?4 ORDER BY at, id";

/// Which rows a report reads: everything on record now, or (review, issue 16) only what was
/// recorded by a past moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recorded(pub Option<DateTime<Utc>>);

impl Recorded {
    /// The bound on `created_at`.
    fn bound(self) -> i64 {
        self.0.map_or(i64::MAX, ts)
    }
}

/// A duty with its incident.
#[derive(Debug, Clone)]
pub struct DutyRow {
    pub obligation: Obligation,
    pub incident: IncidentHead,
}

/// An escalation step with its incident.
#[derive(Debug, Clone)]
pub struct StepRow {
    pub id: i64,
    pub level: String,
    pub recipient: String,
    pub sent_at: DateTime<Utc>,
    pub sent_by: String,
    pub ack_at: Option<DateTime<Utc>>,
    pub ack_by: Option<String>,
    pub incident: IncidentHead,
}

/// A handover sheet's head.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub id: i64,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub outgoing: String,
    pub incoming: String,
    pub leader: String,
    pub outgoing_signed_at: Option<DateTime<Utc>>,
    pub incoming_signed_at: Option<DateTime<Utc>>,
}

/// A spot-check line with its data.
#[derive(Debug, Clone)]
pub struct SpotRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: String,
    pub data: serde_json::Value,
    pub corrects: Option<i64>,
}

/// One equipment check of a device.
#[derive(Debug, Clone)]
pub struct CheckRow {
    pub at: DateTime<Utc>,
    pub ok: bool,
    pub note: String,
    pub author: String,
}

impl Store {
    /// This unit's duties due in `[from, to)` that were late or missed (or still open past due at
    /// `now`), by due time; `kind` and the incident filters narrow them.
    pub fn late_duty_rows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
        kind: Option<&crate::domain::ObligationKind>,
        sel: &IncidentSel,
    ) -> Result<Vec<DutyRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{LATE_DUTIES_SQL}{SEL} ORDER BY o.due_at, o.id"))?;
        let rows = stmt.query_map(
            params![ts(from), ts(to), ts(now), kind.map(crate::codes::Code), sel.category, sel.grade, sel.unit],
            |r| Ok(DutyRow { obligation: super::incident::obligation_from_row(r)?, incident: head(r, 12)? }),
        )?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Steps to upper rooms sent in `[from, to)` acknowledged after `over_secs`, or not at all
    /// when that time had passed at `now`; corrected steps are left out.
    pub fn late_ack_rows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        over_secs: i64,
        now: DateTime<Utc>,
        sel: &IncidentSel,
    ) -> Result<Vec<StepRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{LATE_ACKS_SQL}{SEL} ORDER BY e.sent_at, e.id"))?;
        let rows =
            stmt.query_map(params![ts(from), ts(to), over_secs, ts(now), sel.category, sel.grade, sel.unit], |r| {
                Ok(StepRow {
                    id: r.get(0)?,
                    level: r.get(1)?,
                    recipient: r.get(2)?,
                    sent_at: from_ts(r.get(3)?),
                    sent_by: r.get(4)?,
                    ack_at: from_ts_opt(r.get(5)?),
                    ack_by: r.get(6)?,
                    incident: head(r, 7)?,
                })
            })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Handover sheets whose watch ended in `[from, to)`.
    pub fn handover_rows(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<SheetRow>> {
        let mut stmt = self.conn.prepare_cached(HANDOVERS_SQL)?;
        let rows = stmt.query_map(params![ts(from), ts(to)], |r| {
            Ok(SheetRow {
                id: r.get(0)?,
                period_start: from_ts(r.get(1)?),
                period_end: from_ts(r.get(2)?),
                outgoing: r.get(3)?,
                incoming: r.get(4)?,
                leader: r.get(5)?,
                outgoing_signed_at: from_ts_opt(r.get(6)?),
                incoming_signed_at: from_ts_opt(r.get(7)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Spot-check lines of `[from, to)`, oldest first.
    pub fn spot_check_rows(&self, from: DateTime<Utc>, to: DateTime<Utc>, rec: Recorded) -> Result<Vec<SpotRow>> {
        let mut stmt = self.conn.prepare_cached(SPOT_CHECKS_SQL)?;
        let rows = stmt.query_map(params![ts(from), ts(to), rec.bound()], |r| {
            let data: Option<String> = r.get(3)?;
            Ok(SpotRow {
                id: r.get(0)?,
                at: from_ts(r.get(1)?),
                author: r.get(2)?,
                data: data.and_then(|d| serde_json::from_str(&d).ok()).unwrap_or(serde_json::Value::Null),
                corrects: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Every device ever checked.
    pub fn checked_devices(&self) -> Result<Vec<String>> {
        // A walk of `equipment_by_device` that jumps from one device to the next.
        let mut out = Vec::new();
        let mut stmt =
            self.conn.prepare_cached("SELECT device FROM equipment_check WHERE device > ?1 ORDER BY device LIMIT 1")?;
        let mut last = String::new();
        while let Some(d) = stmt.query_row(params![last], |r| r.get::<_, String>(0)).optional()? {
            out.push(d.clone());
            last = d;
        }
        Ok(out)
    }

    /// One device's checks in `[from, to)`, oldest first.
    pub fn equipment_rows(
        &self,
        device: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        rec: Recorded,
    ) -> Result<Vec<CheckRow>> {
        let mut stmt = self.conn.prepare_cached(EQUIPMENT_SQL)?;
        let rows = stmt.query_map(params![device, ts(from), ts(to), rec.bound()], |r| {
            Ok(CheckRow { at: from_ts(r.get(0)?), ok: r.get::<_, i64>(1)? != 0, note: r.get(2)?, author: r.get(3)? })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The device's last check before `t`, if any.
    pub fn equipment_before(&self, device: &str, t: DateTime<Utc>, rec: Recorded) -> Result<Option<CheckRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT at, ok, note, author FROM equipment_check WHERE device = ?1 AND at < ?2 \
                 AND created_at <= ?3 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![device, ts(t), rec.bound()], |r| {
                Ok(CheckRow {
                    at: from_ts(r.get(0)?),
                    ok: r.get::<_, i64>(1)? != 0,
                    note: r.get(2)?,
                    author: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// When the device was next found working at or after `t`.
    pub fn equipment_ok_after(&self, device: &str, t: DateTime<Utc>, rec: Recorded) -> Result<Option<DateTime<Utc>>> {
        let v: Option<i64> = self.conn.query_row(
            "SELECT min(at) FROM equipment_check WHERE device = ?1 AND at >= ?2 AND ok = 1 AND created_at <= ?3",
            params![device, ts(t), rec.bound()],
            |r| r.get(0),
        )?;
        Ok(v.map(from_ts))
    }
}
