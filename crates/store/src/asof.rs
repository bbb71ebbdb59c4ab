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
