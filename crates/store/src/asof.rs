//! Review reads (issue 16): the records a read command shows, as they stood at a past moment T.
//! Rows that change (incident, handover) come from their audit snapshot at T; append-only rows
//! (reports, addenda, log lines) are those recorded by T.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde_json::Value;

use super::handover::{Addendum, HandoverRow, SheetJson};
use super::replay::incident_from;
use super::{Result, Store, from_ts, ts};
use crate::domain::{Handover, Incident, Report};

fn text(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or_default().to_string()
}
fn time(v: &Value, k: &str) -> Option<DateTime<Utc>> {
    v.get(k).and_then(Value::as_i64).map(from_ts)
}

impl Store {
    /// The contact directory as it stood at `t` (review mode): each entry's snapshot then, in the
    /// order of [`Store::contacts`]; entries added later are left out.
    pub fn contacts_as_of(&self, t: DateTime<Utc>) -> Result<Vec<super::contact::ContactRow>> {
        let mut out = Vec::new();
        for row in self.contacts()? {
            let Some(v) = self.snapshot("contact", row.id, t)? else { continue };
            let int = |k: &str| v.get(k).and_then(Value::as_i64).unwrap_or_default();
            out.push(super::contact::ContactRow {
                id: row.id,
                version: int("version"),
                active: int("active") != 0,
                contact: crate::domain::directory::Contact {
                    name: text(&v, "name"),
                    level: text(&v, "level").parse().unwrap_or(row.contact.level),
                    org: text(&v, "org"),
                    phone: text(&v, "phone"),
                    fax: text(&v, "fax"),
                    last_verified: chrono::NaiveDate::parse_from_str(&text(&v, "last_verified"), "%Y-%m-%d")
                        .unwrap_or(row.contact.last_verified),
                },
            });
        }
        out.sort_by_key(|c| !c.active);
        Ok(out)
    }

    /// An incident as it stood at `t`; None if it was not on the record yet.
    pub fn incident_as_of(&self, id: i64, t: DateTime<Utc>) -> Result<Option<Incident>> {
        Ok(self.snapshot("incident", id, t)?.map(|v| incident_from(&v)))
    }

    /// Ids of the incidents on the record at `t` learned in `[from, to)`, newest learned first
    /// (`incident_by_learned`).
    pub fn incident_ids_as_of(
        &self,
        t: DateTime<Utc>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM incident WHERE learned_at >= ?2 AND learned_at < ?3 AND created_at <= ?1 \
             ORDER BY learned_at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map(params![ts(t), from.map(ts).unwrap_or(i64::MIN), to.map(ts).unwrap_or(i64::MAX)], |r| {
                r.get(0)
            })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The report chain of an incident as recorded by `t`.
    pub fn reports_as_of(&self, incident_id: i64, t: DateTime<Utc>) -> Result<Vec<Report>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM report WHERE incident_id = ?1 AND created_at <= ?2 ORDER BY sent_at, id",
            super::incident::REPORT_COLS
        ))?;
        let rows = stmt.query_map(params![incident_id, ts(t)], super::incident::report_from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// A handover sheet as it stood at `t` (content, signatures), with the addenda written by
    /// then; None if it was not drafted yet.
    pub fn handover_as_of(&self, id: i64, t: DateTime<Utc>) -> Result<Option<HandoverRow>> {
        let Some(v) = self.snapshot("handover", id, t)? else { return Ok(None) };
        let head = Handover {
            id,
            period_start: time(&v, "period_start").unwrap_or_default(),
            period_end: time(&v, "period_end").unwrap_or_default(),
            outgoing: text(&v, "outgoing"),
            incoming: text(&v, "incoming"),
            leader: text(&v, "leader"),
            remarks: text(&v, "remarks"),
            outgoing_signed_at: time(&v, "outgoing_signed_at"),
            incoming_signed_at: time(&v, "incoming_signed_at"),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, author, body FROM handover_addendum WHERE handover_id = ?1 AND created_at <= ?2 ORDER BY id",
        )?;
        let addenda = stmt
            .query_map(params![id, ts(t)], |r| {
                Ok(Addendum { id: r.get(0)?, at: from_ts(r.get(1)?), author: r.get(2)?, body: r.get(3)? })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(Some(HandoverRow {
            locked: head.locked(),
            head,
            sheet: SheetJson(text(&v, "sheet").into()),
            created_at: time(&v, "created_at").unwrap_or_default(),
            addenda,
            record_head: String::new(),
            signatures: Vec::new(),
        }))
    }

    /// The sheets on the record at `t`, newest period first, as they stood then (at most
    /// `limit`), and how many there were in all.
    pub fn handovers_as_of(
        &self,
        person: Option<&str>,
        limit: usize,
        t: DateTime<Utc>,
    ) -> Result<(Vec<HandoverRow>, usize)> {
        const WHERE: &str = "WHERE created_at <= ?1 AND (?2 IS NULL OR outgoing = ?2 OR incoming = ?2 OR leader = ?2)";
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id FROM handover {WHERE} ORDER BY period_start DESC, id DESC LIMIT ?3"
            ))?;
            let rows =
                stmt.query_map(params![ts(t), person, i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let total: i64 =
            self.conn
                .query_row(&format!("SELECT count(*) FROM handover {WHERE}"), params![ts(t), person], |r| r.get(0))?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(h) = self.handover_as_of(id, t)? {
                out.push(h);
            }
        }
        Ok((out, total.max(0) as usize))
    }
}

/// The reviewer's reports as they stood at a past moment (issue 16): rows that change (duties,
/// steps, sheets) from their audit snapshots at `t`; the incident each belongs to as it stood then.
impl Store {
    /// What a report line names of an incident, as it stood at `t`, if it was on record and matches `sel`.
    fn head_as_of(
        &self,
        id: i64,
        t: DateTime<Utc>,
        sel: &super::reports::IncidentSel,
        cache: &mut std::collections::HashMap<i64, Option<super::reports::IncidentHead>>,
    ) -> Result<Option<super::reports::IncidentHead>> {
        if let Some(h) = cache.get(&id) {
            return Ok(h.clone());
        }
        let head = self.incident_as_of(id, t)?.map(|i| super::reports::IncidentHead {
            id,
            reference: i.reference,
            title: i.title,
            category: i.category.code().to_string(),
            grade: i.grade.code().to_string(),
            caller_unit: i.caller_unit,
        });
        let head = head.filter(|h| sel.keeps(h));
        cache.insert(id, head.clone());
        Ok(head)
    }

    /// [`Store::late_duty_rows`] as the record stood at `t`: the duties due in `[from, to)` on
    /// record then, in their state then (the caller judges them at `t`).
    pub fn late_duty_rows_as_of(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        t: DateTime<Utc>,
        kind: Option<&crate::domain::ObligationKind>,
        sel: &super::reports::IncidentSel,
    ) -> Result<Vec<super::reports::DutyRow>> {
        let mut heads = std::collections::HashMap::new();
        let mut out = Vec::new();
        for ob in self.duties_due_in_as_of(from, to, t)? {
            if kind.is_some_and(|k| *k != ob.kind) {
                continue;
            }
            let Some(incident) = self.head_as_of(ob.incident_id, t, sel, &mut heads)? else { continue };
            out.push(super::reports::DutyRow { obligation: ob, incident });
        }
        Ok(out)
    }

    /// [`Store::late_ack_rows`] as the record stood at `t`: steps sent in `[from, to)` on record
    /// then, acknowledged after `over_secs` or not acknowledged by `t` once that time had passed;
    /// steps corrected by `t` are left out.
    pub fn late_ack_rows_as_of(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        over_secs: i64,
        t: DateTime<Utc>,
        sel: &super::reports::IncidentSel,
    ) -> Result<Vec<super::reports::StepRow>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM escalation WHERE sent_at >= ?1 AND sent_at < ?2 AND created_at <= ?3 \
                 ORDER BY sent_at, id",
            )?;
            let rows = stmt.query_map(params![ts(from), ts(to), ts(t)], |r| r.get(0))?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let mut corrected = self
            .conn
            .prepare_cached("SELECT 1 FROM correction WHERE target = 'step' AND target_id = ?1 AND at <= ?2 LIMIT 1")?;
        let mut heads = std::collections::HashMap::new();
        let mut out = Vec::new();
        for id in ids {
            let Some(v) = self.snapshot("escalation", id, t)? else { continue };
            let e = super::replay::escalation_from(&v);
            if e.level == crate::domain::Level::Leader {
                continue;
            }
            let late = match e.acked_at {
                Some(a) => (a - e.sent_at).num_seconds() > over_secs,
                None => (t - e.sent_at).num_seconds() > over_secs,
            };
            if !late || corrected.exists(params![id, ts(t)])? {
                continue;
            }
            let Some(incident) = self.head_as_of(e.incident_id, t, sel, &mut heads)? else { continue };
            out.push(super::reports::StepRow {
                id,
                level: e.level.code().to_string(),
                recipient: e.recipient,
                sent_at: e.sent_at,
                sent_by: e.sent_by,
                ack_at: e.acked_at,
                ack_by: e.acked_by,
                incident,
            });
        }
        Ok(out)
    }

    /// [`Store::handover_rows`] as the record stood at `t`: the sheets drafted by then, with the
    /// signatures they had then.
    pub fn handover_rows_as_of(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        t: DateTime<Utc>,
    ) -> Result<Vec<super::reports::SheetRow>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM handover WHERE period_end >= ?1 AND period_end < ?2 AND created_at <= ?3 \
                 ORDER BY period_end, id",
            )?;
            let rows = stmt.query_map(params![ts(from), ts(to), ts(t)], |r| r.get(0))?;
            rows.collect::<std::result::Result<Vec<_>, _>>()?
        };
        let mut out = Vec::new();
        for id in ids {
            let Some(v) = self.snapshot("handover", id, t)? else { continue };
            out.push(super::reports::SheetRow {
                id,
                period_start: time(&v, "period_start").unwrap_or_default(),
                period_end: time(&v, "period_end").unwrap_or_default(),
                outgoing: text(&v, "outgoing"),
                incoming: text(&v, "incoming"),
                leader: text(&v, "leader"),
                outgoing_signed_at: time(&v, "outgoing_signed_at"),
                incoming_signed_at: time(&v, "incoming_signed_at"),
            });
        }
        Ok(out)
    }
}
