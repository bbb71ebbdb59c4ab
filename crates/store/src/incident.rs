//! Incidents, their obligations and their report chain.
//!
//! An incident row is versioned: every change bumps `version`, copies the previous row into
//! `incident_version`, and is refused if the caller's expected version is stale (another terminal
//! changed it first), so edits never silently overwrite each other.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};
use crate::domain::{
    Category, Channel, EndState, Grade, Incident, IncidentStatus, Obligation, ObligationEnd, ObligationKind, Report,
    ReportKind, Source,
};

/// Everything typed on the intake form.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IncidentInput {
    pub title: String,
    pub category: Option<Category>,
    pub grade: Option<Grade>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub learned_at: Option<DateTime<Utc>>,
    pub place: String,
    pub source: Option<Source>,
    pub caller_unit: String,
    pub caller_name: String,
    pub caller_title: String,
    pub caller_phone: String,
    pub informed: String,
    pub dead: u32,
    pub injured: u32,
    pub missing: u32,
    pub trapped: u32,
    pub summary: String,
    pub measures: String,
    pub needs: String,
    pub cause: String,
}

/// An obligation to be created, as planned by the deadline engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewObligation {
    pub kind: ObligationKind,
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// A tracking item (a level the chain relays to), not this unit's own duty.
    pub tracking: bool,
}

/// A row of the board's "Due next" pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRow {
    pub obligation: Obligation,
    pub incident_ref: String,
    pub title: String,
    pub grade: Grade,
}

const INCIDENT_COLS: &str = "id, ref, version, title, category, grade, occurred_at, learned_at, place, source, \
    caller_unit, caller_name, caller_title, caller_phone, informed, dead, injured, missing, trapped, summary, measures, \
    needs, cause, status, ended_at, closed_at, rescued, evacuated, progress";

/// [`INCIDENT_COLS`] for a query on `incident i`.
pub(crate) const INCIDENT_COLS_I: &str = "i.id, i.ref, i.version, i.title, i.category, i.grade, i.occurred_at, \
    i.learned_at, i.place, i.source, i.caller_unit, i.caller_name, i.caller_title, i.caller_phone, i.informed, i.dead, \
    i.injured, i.missing, i.trapped, i.summary, i.measures, i.needs, i.cause, i.status, i.ended_at, i.closed_at, \
    i.rescued, i.evacuated, i.progress";

use crate::codes::{Code, code};

pub(crate) fn incident_from_row(r: &Row<'_>) -> rusqlite::Result<Incident> {
    Ok(Incident {
        id: r.get(0)?,
        reference: r.get(1)?,
        version: r.get(2)?,
        title: r.get(3)?,
        category: code(r, 4)?,
        grade: code(r, 5)?,
        occurred_at: from_ts(r.get(6)?),
        learned_at: from_ts(r.get(7)?),
        place: r.get(8)?,
        source: code(r, 9)?,
        caller_unit: r.get(10)?,
        caller_name: r.get(11)?,
        caller_title: r.get(12)?,
        caller_phone: r.get(13)?,
        informed: r.get(14)?,
        dead: r.get(15)?,
        injured: r.get(16)?,
        missing: r.get(17)?,
        trapped: r.get(18)?,
        summary: r.get(19)?,
        measures: r.get(20)?,
        needs: r.get(21)?,
        cause: r.get(22)?,
        status: code(r, 23)?,
        ended_at: from_ts_opt(r.get(24)?),
        closed_at: from_ts_opt(r.get(25)?),
        rescued: r.get(26)?,
        evacuated: r.get(27)?,
        progress: r.get(28)?,
    })
}

pub(crate) const OBLIGATION_COLS: &str =
    "id, incident_id, kind, anchor_at, due_at, done_at, late, end_state, void_reason, ended_by, voided_at, tracking";
/// [`OBLIGATION_COLS`] for a query that joins `obligation o` with other tables; extra columns follow at 12.
pub(crate) const OBLIGATION_COLS_O: &str = "o.id, o.incident_id, o.kind, o.anchor_at, o.due_at, o.done_at, o.late, \
     o.end_state, o.void_reason, o.ended_by, o.voided_at, o.tracking";

/// How a duty ended, from its `end_state` code and `voided_at` columns. A voided row from before the
/// ledger migration that somehow has no end state reads as superseded; an unknown code reads as
/// missed, the reading that never hides a 漏报 (`check` names the row).
pub(crate) fn end_of(code: Option<&str>, voided_at: Option<i64>) -> Option<(EndState, DateTime<Utc>)> {
    let at = voided_at.map(from_ts);
    match (code, at) {
        (Some(code), at) => Some((EndState::parse(code).unwrap_or(EndState::Missed), at.unwrap_or_else(|| from_ts(0)))),
        (None, Some(at)) => Some((EndState::Superseded, at)),
        (None, None) => None,
    }
}

pub(crate) fn obligation_from_row(r: &Row<'_>) -> rusqlite::Result<Obligation> {
    let end_state: Option<String> = r.get(7)?;
    // A voided row from before the ledger migration that somehow has no end state reads as superseded;
    // an unknown code reads as missed, the reading that never hides a 漏报 (`check` names the row).
    let end = match end_of(end_state.as_deref(), r.get(10)?) {
        Some((state, at)) => Some(ObligationEnd {
            state,
            reason: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            by: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            at,
        }),
        None => None,
    };
    let done_at = from_ts_opt(r.get(5)?);
    Ok(Obligation {
        confirmed_by: if done_at.is_some() { r.get(9)? } else { None },
        id: r.get(0)?,
        incident_id: r.get(1)?,
        kind: crate::codes::ledger_kind(r, 2)?,
        anchor_at: from_ts(r.get(3)?),
        due_at: from_ts(r.get(4)?),
        done_at,
        late: r.get(6)?,
        end,
        tracking: r.get(11)?,
    })
}

pub(crate) const REPORT_COLS: &str = "id, incident_id, kind, seq, sent_at, recipient, channel, signer, doc_no, sent_by, facts, missing_elements, issue_year, issue_no";

pub(crate) fn report_from_row(r: &Row<'_>) -> rusqlite::Result<Report> {
    Ok(Report {
        id: r.get(0)?,
        incident_id: r.get(1)?,
        kind: code(r, 2)?,
        seq: r.get(3)?,
        sent_at: from_ts(r.get(4)?),
        recipient: r.get(5)?,
        channel: code(r, 6)?,
        signer: r.get(7)?,
        doc_no: r.get(8)?,
        sent_by: r.get(9)?,
        // A snapshot that does not parse reads as none: the page and the draft then say so rather
        // than show figures that were never carried.
        facts: r.get::<_, Option<String>>(10)?.and_then(|j| serde_json::from_str(&j).ok()),
        missing_elements: r.get::<_, Option<String>>(11)?.and_then(|j| serde_json::from_str(&j).ok()),
        issue: match (r.get::<_, Option<i32>>(12)?, r.get::<_, Option<u32>>(13)?) {
            (Some(year), Some(no)) => Some(crate::domain::IssueNo { year, no }),
            _ => None,
        },
    })
}

/// Inserts obligations for an incident, each with its audit event.
pub fn insert_obligations(
    tx: &Transaction<'_>,
    incident_id: i64,
    obligations: &[NewObligation],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    for ob in obligations {
        tx.prepare_cached(
            "INSERT INTO obligation (incident_id, kind, anchor_at, due_at, created_at, tracking, late) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        // A duty entered after its due time (a decision or a call entered late, a 续报 slot grown
        // after it fell due) is 迟报 from the moment it is on the record, as the minute's stamping
        // would make it: an act recorded later with an earlier time must not clear it.
        .execute(params![
            incident_id,
            Code(&ob.kind),
            ts(ob.anchor_at),
            ts(ob.due_at),
            ts(now),
            ob.tracking,
            !ob.tracking && ob.due_at < now
        ])?;
        let id = tx.last_insert_rowid();
        audit::record(tx, now, actor, "obligation.add", "obligation", id)?;
    }
    Ok(())
}

/// Validated, complete incident fields (everything the form requires).
pub struct ValidIncident<'a> {
    pub input: &'a IncidentInput,
    pub category: Category,
    pub grade: Grade,
    pub occurred_at: DateTime<Utc>,
    pub learned_at: DateTime<Utc>,
    pub source: Source,
    /// The year in the unit's time zone, for the reference number.
    pub ref_year: i32,
}

/// The highest reference with a five-character prefix (`2026-`), through `incident_ref_seq`.
pub const LAST_REF_SQL: &str =
    "SELECT ref FROM incident WHERE substr(ref, 1, 5) = ?1 ORDER BY length(ref) DESC, ref DESC LIMIT 1";
/// The same for any other prefix length (a year outside 1000–9999).
const LAST_REF_ANY_SQL: &str =
    "SELECT ref FROM incident WHERE ref LIKE ?1 || '%' ORDER BY length(ref) DESC, ref DESC LIMIT 1";

/// Inserts a new incident (numbered `YYYY-NNNN`), its audit event and its obligations inside the
/// caller's transaction, so callers can add more (the duty-log line) to the same commit.
pub fn insert_incident(
    tx: &Transaction<'_>,
    v: &ValidIncident<'_>,
    obligations: &[NewObligation],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<i64> {
    let i = v.input;
    let prefix = format!("{}-", v.ref_year);
    // By length first: "2026-10000" sorts before "2026-9999" as text, which made the 10,000th
    // incident of a year reuse a number and fail on the UNIQUE constraint. A four-digit year's
    // prefix is one probe of `incident_ref_seq`; any other falls back to the (scanning) LIKE.
    let sql = if prefix.len() == 5 { LAST_REF_SQL } else { LAST_REF_ANY_SQL };
    let last: Option<String> = tx.query_row(sql, params![prefix], |r| r.get(0)).optional()?;
    let next = last.and_then(|r| r.strip_prefix(&prefix).and_then(|n| n.parse::<u32>().ok())).unwrap_or(0) + 1;
    let reference = format!("{prefix}{next:04}");
    tx.execute(
            "INSERT INTO incident (ref, title, category, grade, occurred_at, learned_at, place, source, caller_unit, \
             caller_name, caller_title, caller_phone, informed, dead, injured, missing, trapped, summary, measures, \
             needs, cause, created_at, created_by, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?22, ?23)",
            params![
                reference,
                i.title.trim(),
                v.category.code(),
                v.grade.code(),
                ts(v.occurred_at),
                ts(v.learned_at),
                i.place.trim(),
                v.source.code(),
                i.caller_unit.trim(),
                i.caller_name.trim(),
                i.caller_title.trim(),
                i.caller_phone.trim(),
                i.informed.trim(),
                i.dead,
                i.injured,
                i.missing,
                i.trapped,
                i.summary,
                i.measures,
                i.needs,
                i.cause,
                ts(now),
                actor
            ],
        )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "incident.add", "incident", id)?;
    insert_obligations(tx, id, obligations, now, actor)?;
    Ok(id)
}

impl Store {
    pub fn incident(&self, id: i64) -> Result<Option<Incident>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {INCIDENT_COLS} FROM incident WHERE id = ?1"), params![id], incident_from_row)
            .optional()?)
    }

    /// Finds an incident by numeric id or by reference (`2026-0042`, or `0042` for this year's).
    pub fn find_incident(&self, key: &str) -> Result<Incident> {
        let key = key.trim().trim_start_matches('#');
        let by_ref = self
            .conn
            .query_row(
                &format!("SELECT {INCIDENT_COLS} FROM incident WHERE ref = ?1 OR ref LIKE '%-' || ?1 ORDER BY id DESC LIMIT 1"),
                params![key],
                incident_from_row,
            )
            .optional()?;
        if let Some(i) = by_ref {
            return Ok(i);
        }
        if let Ok(id) = key.parse::<i64>()
            && let Some(i) = self.incident(id)?
        {
            return Ok(i);
        }
        Err(StoreError::NotFound(format!("incident {key}")))
    }

    /// Incidents not yet closed, newest first, at most `limit`.
    pub fn open_incidents(&self, limit: usize) -> Result<Vec<Incident>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INCIDENT_COLS} FROM incident WHERE status IN ('open', 'ended') ORDER BY learned_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map(params![limit as i64], incident_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Incidents learned in `[from, to)`, oldest first.
    pub fn incidents_learned_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Incident>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INCIDENT_COLS} FROM incident WHERE learned_at >= ?1 AND learned_at < ?2 ORDER BY learned_at, id"
        ))?;
        let rows = stmt.query_map(params![ts(from), ts(to)], incident_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// All incidents, newest first, at most `limit` (for `incident list`).
    pub fn recent_incidents(&self, limit: usize) -> Result<Vec<Incident>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INCIDENT_COLS} FROM incident ORDER BY learned_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map(params![limit as i64], incident_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Every obligation of an incident ever created (open, done and ended, duties and tracking items),
    /// by due time: nothing vanishes from the record.
    pub fn obligations(&self, incident_id: i64) -> Result<Vec<Obligation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id = ?1 ORDER BY due_at, id"
        ))?;
        let rows = stmt.query_map(params![incident_id], obligation_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Open duties across all incidents, soonest due first (the board's "Due next"). Tracking items
    /// (what the chain above owes) are not this unit's duties and are left out.
    pub fn due_next(&self, limit: usize) -> Result<Vec<DueRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OBLIGATION_COLS_O}, i.ref, i.title, i.grade \
             FROM obligation o JOIN incident i ON i.id = o.incident_id \
             WHERE o.done_at IS NULL AND o.voided_at IS NULL AND o.tracking = 0 ORDER BY o.due_at, o.id LIMIT ?1"
        ))?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(DueRow {
                obligation: obligation_from_row(r)?,
                incident_ref: r.get(12)?,
                title: r.get(13)?,
                grade: code(r, 14)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The tracking items (levels the chain relays to) of these incidents, in any state, by incident and
    /// due time: the board's escalation pane shows them apart from this unit's own duties.
    pub fn tracking_for(&self, incident_ids: &[i64]) -> Result<Vec<Obligation>> {
        if incident_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = serde_json::to_string(incident_ids).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OBLIGATION_COLS} FROM obligation WHERE incident_id IN (SELECT value FROM json_each(?1)) \
             AND tracking = 1 ORDER BY incident_id, due_at, id"
        ))?;
        let rows = stmt.query_map(params![ids], obligation_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The report chain of an incident, in order sent.
    pub fn reports(&self, incident_id: i64) -> Result<Vec<Report>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {REPORT_COLS} FROM report WHERE incident_id = ?1 ORDER BY sent_at, id"))?;
        let rows = stmt.query_map(params![incident_id], report_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}

/// A report to be written into the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub incident_id: i64,
    pub kind: ReportKind,
    pub sent_at: DateTime<Utc>,
    pub recipient: String,
    pub channel: Channel,
    pub signer: String,
    pub doc_no: String,
    pub sent_by: String,
    /// The facts the report carried (the incident's facts when it was recorded).
    pub facts: crate::domain::facts::Facts,
    /// For a written report: the codes of the elements it was sent without (要素不全).
    pub missing_elements: Option<Vec<String>>,
    /// The year the 信息专报 issue number counts in (the unit's calendar year of `sent_at`); None for a
    /// report that gets no number (by phone).
    pub issue_year: Option<i32>,
}

/// Reads an incident inside a transaction.
pub fn get(tx: &Transaction<'_>, id: i64) -> Result<Incident> {
    tx.query_row(&format!("SELECT {INCIDENT_COLS} FROM incident WHERE id = ?1"), params![id], incident_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("incident {id}")))
}

/// Starts a change to an incident: refuses it if someone else changed the row since `expected`
/// (naming who and when), keeps the current row in `incident_version`, and bumps the version.
pub fn begin_change(
    tx: &Transaction<'_>,
    id: i64,
    expected: Option<i64>,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Incident> {
    let current = get(tx, id)?;
    if let Some(v) = expected
        && v != current.version
    {
        let (by, at): (String, i64) =
            tx.query_row("SELECT updated_by, updated_at FROM incident WHERE id = ?1", params![id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        return Err(StoreError::Conflict { what: format!("#{}", current.reference), by, at: from_ts(at).to_rfc3339() });
    }
    let snapshot = audit::row_json(tx, "incident", id)?;
    tx.execute(
        "INSERT INTO incident_version (incident_id, version, data, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, current.version, snapshot.to_string(), ts(now), actor],
    )?;
    tx.execute(
        "UPDATE incident SET version = version + 1, updated_at = ?1, updated_by = ?2 WHERE id = ?3",
        params![ts(now), actor, id],
    )?;
    Ok(current)
}

pub fn set_grade(tx: &Transaction<'_>, id: i64, grade: Grade) -> Result<()> {
    tx.execute("UPDATE incident SET grade = ?1 WHERE id = ?2", params![grade.code(), id])?;
    Ok(())
}

pub fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: IncidentStatus,
    ended_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
) -> Result<()> {
    tx.execute(
        "UPDATE incident SET status = ?1, ended_at = coalesce(?2, ended_at), closed_at = ?3 WHERE id = ?4",
        params![status.code(), ended_at.map(ts), closed_at.map(ts), id],
    )?;
    Ok(())
}

/// Number of reports of `kind` already in the chain (续报 numbering); a corrected report no longer counts,
/// so the one sent in its place takes its number.
pub fn count_reports(tx: &Transaction<'_>, id: i64, kind: ReportKind) -> Result<u32> {
    Ok(tx.query_row(
        "SELECT count(*) FROM report r WHERE incident_id = ?1 AND kind = ?2 \
         AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.target = 'report' AND c.target_id = r.id)",
        params![id, kind.code()],
        |r| r.get(0),
    )?)
}

pub fn insert_report(tx: &Transaction<'_>, r: &NewReport, seq: u32, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO report (incident_id, kind, seq, sent_at, recipient, channel, signer, doc_no, sent_by, created_at, \
         facts, missing_elements, issue_year, issue_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
         ?13, CASE WHEN ?13 IS NULL THEN NULL ELSE \
         (SELECT coalesce(max(issue_no), 0) + 1 FROM report WHERE issue_year = ?13) END)",
    )?
    .execute(params![
        r.incident_id,
        r.kind.code(),
        seq,
        ts(r.sent_at),
        r.recipient,
        r.channel.code(),
        r.signer,
        r.doc_no,
        r.sent_by,
        ts(now),
        serde_json::to_string(&r.facts).map_err(|e| StoreError::Invalid(e.to_string()))?,
        r.missing_elements
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        r.issue_year
    ])?;
    let rid = tx.last_insert_rowid();
    audit::record(tx, now, actor, "report.add", "report", rid)?;
    Ok(rid)
}

/// Links a report to the escalation step it recorded (the first report to a level), so a correction of
/// the report corrects the step with it.
pub fn link_step(tx: &Transaction<'_>, report_id: i64, step_id: i64, now: DateTime<Utc>, actor: &str) -> Result<()> {
    tx.execute("UPDATE report SET step_id = ?1 WHERE id = ?2", params![step_id, report_id])?;
    audit::record(tx, now, actor, "report.step", "report", report_id)
}

/// The escalation step a report recorded, if it did.
pub fn step_of_report(tx: &rusqlite::Connection, report_id: i64) -> Result<Option<i64>> {
    Ok(tx.query_row("SELECT step_id FROM report WHERE id = ?1", params![report_id], |r| r.get(0)).optional()?.flatten())
}

/// Records the audit event for an incident change made with [`begin_change`] and the setters.
pub fn audit_change(tx: &Transaction<'_>, id: i64, action: &str, now: DateTime<Utc>, actor: &str) -> Result<()> {
    audit::record(tx, now, actor, action, "incident", id)
}
