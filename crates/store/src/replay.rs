//! Review mode: rows as they stood at a past instant, rebuilt from `audit_event` alone.
//!
//! Each audit event holds the whole row after the change, so "the row at T" is the latest event of
//! that row with `at <= T`. To stay fast on years of data, the candidate rows come from indexed
//! ranges of the live tables (incidents not closed by T, their obligations and escalation steps,
//! shifts around T); only their snapshots are read, each through `audit_by_entity`.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Result, Store, StoreError, from_ts, ts};
use crate::domain::{
    Channel, EndState, Escalation, Incident, IncidentStatus, Level, Obligation, ObligationEnd, ObligationKind, Role,
    Shift,
};

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or_default().to_string()
}
fn i(v: &Value, k: &str) -> i64 {
    v.get(k).and_then(Value::as_i64).unwrap_or_default()
}
fn oi(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_i64)
}
fn t(v: &Value, k: &str) -> DateTime<Utc> {
    from_ts(i(v, k))
}
fn ot(v: &Value, k: &str) -> Option<DateTime<Utc>> {
    oi(v, k).map(from_ts)
}
fn code<T: std::str::FromStr>(v: &Value, k: &str, fallback: T) -> T {
    s(v, k).parse().unwrap_or(fallback)
}
fn count(v: &Value, k: &str) -> u32 {
    u32::try_from(i(v, k)).unwrap_or(0)
}

/// An incident row from its audit snapshot.
pub fn incident_from(v: &Value) -> Incident {
    Incident {
        id: i(v, "id"),
        reference: s(v, "ref"),
        version: i(v, "version"),
        title: s(v, "title"),
        category: code(v, "category", crate::domain::Category::Natural),
        grade: code(v, "grade", crate::domain::Grade::Unknown),
        occurred_at: t(v, "occurred_at"),
        learned_at: t(v, "learned_at"),
        place: s(v, "place"),
        source: code(v, "source", crate::domain::Source::Other),
        caller_unit: s(v, "caller_unit"),
        caller_name: s(v, "caller_name"),
        caller_title: s(v, "caller_title"),
        caller_phone: s(v, "caller_phone"),
        informed: s(v, "informed"),
        dead: count(v, "dead"),
        injured: count(v, "injured"),
        missing: count(v, "missing"),
        trapped: count(v, "trapped"),
        rescued: count(v, "rescued"),
        evacuated: count(v, "evacuated"),
        summary: s(v, "summary"),
        measures: s(v, "measures"),
        needs: s(v, "needs"),
        cause: s(v, "cause"),
        progress: s(v, "progress"),
        status: code(v, "status", IncidentStatus::Open),
        ended_at: ot(v, "ended_at"),
        closed_at: ot(v, "closed_at"),
    }
}

/// An obligation row from its snapshot, and whether it had ended (missed, waived, superseded) by then.
/// A snapshot taken before the ledger migration has no `end_state`: a voided row then reads as
/// superseded, as the migration reads it. A kind that is not one of the ledger's is damage made
/// outside dutywatch, as in the live row.
pub fn obligation_from(v: &Value) -> Result<(Obligation, bool)> {
    let voided_at = ot(v, "voided_at");
    let opt_s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let end = voided_at.map(|at| ObligationEnd {
        state: opt_s("end_state").as_deref().and_then(EndState::parse).unwrap_or(EndState::Superseded),
        reason: s(v, "void_reason"),
        by: s(v, "ended_by"),
        at,
    });
    let done_at = ot(v, "done_at");
    let ob = Obligation {
        id: i(v, "id"),
        incident_id: i(v, "incident_id"),
        kind: ledger_kind(v)?,
        anchor_at: t(v, "anchor_at"),
        due_at: t(v, "due_at"),
        done_at,
        late: i(v, "late") != 0,
        end,
        tracking: i(v, "tracking") != 0,
        confirmed_by: if done_at.is_some() { opt_s("ended_by") } else { None },
    };
    Ok((ob, voided_at.is_some()))
}

/// The kind of an obligation snapshot.
fn ledger_kind(v: &Value) -> Result<ObligationKind> {
    let text = s(v, "kind");
    match text.parse::<ObligationKind>() {
        Ok(kind) if kind.is_ledger() => Ok(kind),
        _ => Err(StoreError::Corrupt(format!(
            "obligation {} was recorded with the kind `{text}`, not one of the ledger's; the file was changed outside dutywatch",
            i(v, "id")
        ))),
    }
}

pub fn escalation_from(v: &Value) -> Escalation {
    Escalation {
        id: i(v, "id"),
        incident_id: i(v, "incident_id"),
        level: code(v, "level", Level::Leader),
        recipient: s(v, "recipient"),
        channel: code(v, "channel", Channel::Other),
        sent_at: t(v, "sent_at"),
        sent_by: s(v, "sent_by"),
        acked_at: ot(v, "ack_at"),
        acked_by: v.get("ack_by").and_then(Value::as_str).map(str::to_string),
        skip_level: i(v, "skip_level") != 0,
        reason: s(v, "reason"),
    }
}

impl Store {
    /// The row `table`/`id` as it stood at `at` (its latest audit snapshot then), or None if it did
    /// not exist yet.
    pub fn snapshot(&self, table: &str, id: i64, at: DateTime<Utc>) -> Result<Option<Value>> {
        let data: Option<String> = self
            .conn
            .prepare_cached(
                // INDEXED BY: left to itself SQLite (3.53, no ANALYZE) picks `audit_by_entity_time`
                // for `entity = ? AND at <= ?`, a range over every event of that table before T
                // (millions after a few years), then sorts it. `audit_by_entity` reads this row's
                // events newest first and stops at the first one at or before T.
                "SELECT data FROM audit_event INDEXED BY audit_by_entity \
                 WHERE entity = ?1 AND entity_id = ?2 AND at <= ?3 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![table, id, ts(at)], |r| r.get(0))
            .optional()?;
        Ok(data.and_then(|d| serde_json::from_str(&d).ok()))
    }

    fn ids(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The time of the first audit event, i.e. the earliest moment review mode can show.
    pub fn first_event_at(&self) -> Result<Option<DateTime<Utc>>> {
        let v: Option<i64> = self.conn.query_row("SELECT min(at) FROM audit_event", [], |r| r.get(0))?;
        Ok(v.map(from_ts))
    }

    /// Incidents that were open or ended (not closed) at `at`, newest learned first.
    pub fn incidents_open_at(&self, at: DateTime<Utc>) -> Result<Vec<Incident>> {
        let ids = self.ids(
            // UNION ALL: the branches are disjoint, and a plain UNION let SQLite merge them in id
            // order, which it did by scanning the whole incident table for the second branch.
            "SELECT id FROM incident WHERE closed_at IS NULL AND created_at <= ?1 \
             UNION ALL SELECT id FROM incident WHERE closed_at > ?1 AND created_at <= ?1",
            params![ts(at)],
        )?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = self.snapshot("incident", id, at)? {
                let inc = incident_from(&v);
                if inc.status != IncidentStatus::Closed {
                    out.push(inc);
                }
            }
        }
        out.sort_by_key(|b| std::cmp::Reverse((b.learned_at, b.id)));
        Ok(out)
    }

    /// Every obligation of an incident as it stood at `at` (open, done or ended), like [`Store::obligations`].
    pub fn obligations_at(&self, incident_id: i64, at: DateTime<Utc>) -> Result<Vec<Obligation>> {
        let ids = self.ids(
            "SELECT id FROM obligation WHERE incident_id = ?1 AND created_at <= ?2",
            params![incident_id, ts(at)],
        )?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = self.snapshot("obligation", id, at)? {
                out.push(obligation_from(&v)?.0);
            }
        }
        out.sort_by_key(|a| (a.due_at, a.id));
        Ok(out)
    }

    /// Escalation steps of an incident as they stood at `at`.
    pub fn escalations_at(&self, incident_id: i64, at: DateTime<Utc>) -> Result<Vec<Escalation>> {
        let ids = self.ids(
            "SELECT id FROM escalation WHERE incident_id = ?1 AND created_at <= ?2",
            params![incident_id, ts(at)],
        )?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(v) = self.snapshot("escalation", id, at)? {
                out.push(escalation_from(&v));
            }
        }
        out.sort_by_key(|a| (a.sent_at, a.id));
        Ok(out)
    }

    /// Shifts overlapping `[from, to)` that were live (recorded and not yet swapped away) at `at`.
    pub fn shifts_as_of(&self, at: DateTime<Utc>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Shift>> {
        // No shift is longer than the longest stored (see `shift::longest`): an index range scan.
        let longest = super::shift::longest(&self.conn)?;
        let ids = self.ids(
            "SELECT id FROM shift WHERE start_at < ?2 AND end_at > ?1 AND start_at >= ?1 - ?4 AND created_at <= ?3",
            params![ts(from), ts(to), ts(at), longest],
        )?;
        let mut out = Vec::new();
        for id in ids {
            let Some(v) = self.snapshot("shift", id, at)? else { continue };
            if oi(&v, "superseded_at").is_some() {
                continue;
            }
            let person_id = i(&v, "person_id");
            let name = match self.snapshot("person", person_id, at)? {
                Some(p) => s(&p, "name"),
                None => self.person(person_id)?.map(|p| p.name).unwrap_or_default(),
            };
            out.push(Shift {
                id,
                person_id,
                person_name: name,
                role: code(&v, "role", Role::Officer),
                start: t(&v, "start_at"),
                end: t(&v, "end_at"),
                replaces: oi(&v, "replaces"),
                swap_reason: v.get("swap_reason").and_then(Value::as_str).map(str::to_string),
            });
        }
        out.sort_by(|a, b| (a.start, a.role.code(), a.id).cmp(&(b.start, b.role.code(), b.id)));
        Ok(out)
    }
}

/// How far ahead review mode looks for the next shift change.
pub const NEXT_CHANGE_HORIZON: Duration = Duration::days(7);
