//! Handover sheets (交接班) and their addenda. The sheet is stored as JSON, generated from the
//! data; once both officers have signed, a trigger refuses any UPDATE (the record is kept as
//! signed) and later information goes into `handover_addendum`.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};
use crate::domain::Handover;

/// A sheet's JSON as stored, parsed only when it is read. The board lists 60 sheets and shows one:
/// with years of data a sheet is ~20 KB, and parsing all 60 on every reload cost ~10 ms.
/// Serialises as the JSON value itself (`null` when unreadable), as the parsed value did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetJson(pub std::sync::Arc<str>);

impl SheetJson {
    /// The parsed sheet (`Null` when the stored text is not JSON).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.0).unwrap_or(serde_json::Value::Null)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for SheetJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

/// A stored sheet with its JSON content and addenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverRow {
    #[serde(flatten)]
    pub head: Handover,
    pub locked: bool,
    pub sheet: SheetJson,
    pub created_at: DateTime<Utc>,
    pub addenda: Vec<Addendum>,
    /// The audit chain's head as it stood at the latest signature (that signature's own event
    /// included), or the current head for a sheet not yet signed: printed on the sheet so a paper
    /// copy can later prove the record was not rewritten. Filled by [`Store::handover`] only.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub record_head: String,
    /// The signatures' verification as their duty-log lines recorded it: (`handover.sign.outgoing`
    /// or `…incoming[.late]`, signer, `None` when verified by PIN, else why not). Filled by
    /// [`Store::handover`] only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<(String, String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addendum {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: String,
    pub body: String,
}

/// What a draft stores.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverContent {
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub outgoing: String,
    pub incoming: String,
    pub leader: String,
    pub remarks: String,
    pub sheet: serde_json::Value,
}

/// Which signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Outgoing,
    Incoming,
}

impl Side {
    /// The side's code, as a signature's duty-log event stores it.
    pub fn code(self) -> &'static str {
        match self {
            Side::Outgoing => "outgoing",
            Side::Incoming => "incoming",
        }
    }
}

/// A signature's duty-log `data`: what the service gave (the line's event and the signature), with the
/// sheet's id and the act, which the store knows.
fn with_act(mut data: serde_json::Value, id: i64, action: &str) -> serde_json::Value {
    match data.as_object_mut() {
        Some(o) => {
            o.insert("handover".into(), id.into());
            o.insert("act".into(), action.into());
            data
        }
        None => serde_json::json!({ "handover": id, "act": action, "signature": data }),
    }
}

const COLS: &str = "id, period_start, period_end, outgoing, incoming, leader, remarks, outgoing_signed_at, \
                    incoming_signed_at, sheet, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<HandoverRow> {
    let head = Handover {
        id: r.get(0)?,
        period_start: from_ts(r.get(1)?),
        period_end: from_ts(r.get(2)?),
        outgoing: r.get(3)?,
        incoming: r.get(4)?,
        leader: r.get(5)?,
        remarks: r.get(6)?,
        outgoing_signed_at: from_ts_opt(r.get(7)?),
        incoming_signed_at: from_ts_opt(r.get(8)?),
    };
    let sheet: String = r.get(9)?;
    Ok(HandoverRow {
        locked: head.locked(),
        head,
        sheet: SheetJson(sheet.into()),
        created_at: from_ts(r.get(10)?),
        addenda: Vec::new(),
        record_head: String::new(),
        signatures: Vec::new(),
    })
}

fn get_tx(tx: &Transaction<'_>, id: i64) -> Result<HandoverRow> {
    tx.query_row(&format!("SELECT {COLS} FROM handover WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("handover {id}")))
}

/// A signed handover whose period overlaps `[start, end)`, other than `ignore`.
fn signed_overlap(tx: &Transaction<'_>, start: i64, end: i64, ignore: Option<i64>) -> Result<Option<(i64, i64, i64)>> {
    Ok(tx
        .query_row(
            "SELECT id, period_start, period_end FROM handover WHERE period_start < ?2 AND period_end > ?1 \
             AND (outgoing_signed_at IS NOT NULL OR incoming_signed_at IS NOT NULL) AND id IS NOT ?3 LIMIT 1",
            params![start, end, ignore],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

impl Store {
    /// Saves a draft: updates the unsigned draft for the same period start, or inserts a new one.
    /// A period overlapping a signed sheet is refused (the signed record must not be contradicted).
    pub fn save_handover_draft(&mut self, c: &HandoverContent, now: DateTime<Utc>, actor: &str) -> Result<i64> {
        let sheet = c.sheet.to_string();
        self.write(|tx| {
            let (s, e) = (ts(c.period_start), ts(c.period_end));
            if e <= s {
                return Err(StoreError::Invalid("period: end must be after start".into()));
            }
            let draft: Option<i64> = tx
                .query_row(
                    "SELECT id FROM handover WHERE period_start = ?1 AND outgoing_signed_at IS NULL \
                     AND incoming_signed_at IS NULL ORDER BY id DESC LIMIT 1",
                    params![s],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some((id, a, b)) = signed_overlap(tx, s, e, draft)? {
                return Err(StoreError::Invalid(format!(
                    "period: overlaps signed handover {id} ({} – {}); a signed sheet is never replaced — add an addendum to it",
                    from_ts(a).to_rfc3339(),
                    from_ts(b).to_rfc3339()
                )));
            }
            let id = match draft {
                Some(id) => {
                    tx.execute(
                        "UPDATE handover SET period_end = ?2, outgoing = ?3, incoming = ?4, leader = ?5, sheet = ?6, \
                         remarks = ?7, version = version + 1 WHERE id = ?1",
                        params![id, e, c.outgoing, c.incoming, c.leader, sheet, c.remarks],
                    )?;
                    audit::record(tx, now, actor, "handover.regenerate", "handover", id)?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO handover (period_start, period_end, outgoing, incoming, leader, sheet, remarks, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![s, e, c.outgoing, c.incoming, c.leader, sheet, c.remarks, ts(now)],
                    )?;
                    let id = tx.last_insert_rowid();
                    audit::record(tx, now, actor, "handover.draft", "handover", id)?;
                    id
                }
            };
            Ok(id)
        })
    }

    /// Changes the remarks and the regenerated sheet of an unsigned draft. Refused once anyone signed:
    /// the signature covers what was on the sheet.
    pub fn update_handover(
        &mut self,
        id: i64,
        sheet: &serde_json::Value,
        remarks: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let h = get_tx(tx, id)?;
            if h.locked {
                return Err(StoreError::Invalid(format!(
                    "handover {id} is signed by both officers and locked; add an addendum instead"
                )));
            }
            if h.head.outgoing_signed_at.is_some() {
                return Err(StoreError::Invalid(format!(
                    "handover {id} is already signed by the outgoing officer; its content can no longer change"
                )));
            }
            tx.execute(
                "UPDATE handover SET sheet = ?2, remarks = ?3, version = version + 1 WHERE id = ?1",
                params![id, sheet.to_string(), remarks],
            )?;
            audit::record(tx, now, actor, "handover.edit", "handover", id)?;
            Ok(())
        })
    }

    /// Records one signature, and its duty-log line (`log_body`), in one transaction. The caller
    /// has checked the name against the roster, the time against the signing window and the PIN.
    /// `late` marks an incoming signature after the change (action `handover.sign.incoming.late`).
    #[allow(clippy::too_many_arguments)]
    pub fn sign_handover(
        &mut self,
        id: i64,
        side: Side,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        actor: &str,
        late: bool,
        log_body: &str,
        log_data: serde_json::Value,
    ) -> Result<()> {
        self.write(|tx| {
            let h = get_tx(tx, id)?;
            let col = match side {
                Side::Outgoing => "outgoing_signed_at",
                Side::Incoming => "incoming_signed_at",
            };
            tx.execute(
                &format!("UPDATE handover SET {col} = ?2, version = version + 1 WHERE id = ?1"),
                params![h.head.id, ts(at)],
            )?;
            let action = match (side, late) {
                (Side::Outgoing, _) => "handover.sign.outgoing",
                (Side::Incoming, false) => "handover.sign.incoming",
                (Side::Incoming, true) => "handover.sign.incoming.late",
            };
            super::log::append(
                tx,
                &super::log::NewLogEntry {
                    at,
                    author: actor.to_string(),
                    kind: crate::domain::LogKind::Note,
                    incident_id: None,
                    body: log_body.to_string(),
                    corrects: None,
                    data: Some(with_act(log_data.clone(), id, action)),
                },
                now,
            )?;
            // The signature's event last, so the head printed on the sheet includes everything the
            // signature wrote.
            audit::record(tx, now, actor, action, "handover", id)?;
            Ok(())
        })
    }

    /// Appends an addendum (allowed on a locked sheet; that is what it is for).
    pub fn add_handover_addendum(&mut self, id: i64, body: &str, now: DateTime<Utc>, actor: &str) -> Result<i64> {
        if body.trim().is_empty() {
            return Err(StoreError::Invalid("text: must not be empty".into()));
        }
        self.write(|tx| {
            get_tx(tx, id)?;
            tx.execute(
                "INSERT INTO handover_addendum (handover_id, at, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?2)",
                params![id, ts(now), actor, body.trim()],
            )?;
            let aid = tx.last_insert_rowid();
            audit::record(tx, now, actor, "handover.addendum", "handover_addendum", aid)?;
            Ok(aid)
        })
    }

    /// One sheet with its addenda.
    pub fn handover(&self, id: i64) -> Result<Option<HandoverRow>> {
        let h = self
            .conn
            .query_row(&format!("SELECT {COLS} FROM handover WHERE id = ?1"), params![id], from_row)
            .optional()?;
        let Some(mut h) = h else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, at, author, body FROM handover_addendum WHERE handover_id = ?1 ORDER BY id")?;
        h.addenda = stmt
            .query_map(params![id], |r| {
                Ok(Addendum { id: r.get(0)?, at: from_ts(r.get(1)?), author: r.get(2)?, body: r.get(3)? })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let signed: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT c.hash FROM audit_event e JOIN audit_chain c ON c.event_id = e.id \
                 WHERE e.entity = 'handover' AND e.entity_id = ?1 AND e.action LIKE 'handover.sign.%' \
                 ORDER BY e.id DESC LIMIT 1",
                params![id],
                |r| r.get(0),
            )
            .optional()?;
        // The signatures' log lines lie within the signing window around the change (a day covers
        // any window unit.toml can reasonably set); the time index keeps this off a full scan.
        let mut stmt = self.conn.prepare_cached(
            "SELECT json_extract(data, '$.act'), json_extract(data, '$.signature.by'), \
             json_extract(data, '$.signature.verified'), json_extract(data, '$.signature.unverified') \
             FROM log_entry WHERE kind = 'note' AND at >= ?2 AND at <= ?3 \
             AND data IS NOT NULL AND json_valid(data) AND json_extract(data, '$.handover') = ?1 ORDER BY id",
        )?;
        let window = 86_400;
        h.signatures = stmt
            .query_map(params![id, ts(h.head.period_end) - window, ts(h.head.period_end) + window], |r| {
                let verified: Option<i64> = r.get(2)?;
                let why: Option<String> = r.get(3)?;
                Ok((
                    r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    if verified == Some(1) { None } else { Some(why.unwrap_or_default()) },
                ))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        drop(stmt);
        h.record_head = match signed {
            Some(hash) => audit::hex(&hash),
            None => audit::head_hex(&self.conn)?,
        };
        Ok(Some(h))
    }

    /// Sheets newest first, optionally only those where `person` is outgoing, incoming or leader.
    pub fn handovers(&self, person: Option<&str>, limit: usize) -> Result<Vec<HandoverRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM handover WHERE (?1 IS NULL OR outgoing = ?1 OR incoming = ?1 OR leader = ?1) \
             ORDER BY period_start DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![person, limit as i64], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}

/// An obligation with its incident's reference and title (handover sheet, statistics).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObligationRow {
    #[serde(flatten)]
    pub obligation: crate::domain::Obligation,
    pub incident_ref: String,
    pub title: String,
}

impl Store {
    /// This unit's duties (not tracking items) due in `[from, to)`, in any state, by due time.
    pub fn obligations_due_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<ObligationRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.incident_id, o.kind, o.anchor_at, o.due_at, o.done_at, o.late, o.end_state, o.void_reason, \
             o.ended_by, o.voided_at, o.tracking, i.ref, i.title \
             FROM obligation o JOIN incident i ON i.id = o.incident_id \
             WHERE o.due_at >= ?1 AND o.due_at < ?2 AND o.tracking = 0 ORDER BY o.due_at, o.id",
        )?;
        let rows = stmt.query_map(params![ts(from), ts(to)], |r| {
            Ok(ObligationRow {
                obligation: super::incident::obligation_from_row(r)?,
                incident_ref: r.get(12)?,
                title: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// Open (not done, not voided) obligations due before `to`, by due time: what is still owed.
    pub fn obligations_open_before(&self, to: DateTime<Utc>) -> Result<Vec<ObligationRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.incident_id, o.kind, o.anchor_at, o.due_at, o.done_at, o.late, o.end_state, o.void_reason, \
             o.ended_by, o.voided_at, o.tracking, i.ref, i.title \
             FROM obligation o JOIN incident i ON i.id = o.incident_id \
             WHERE o.done_at IS NULL AND o.voided_at IS NULL AND o.tracking = 0 AND o.due_at < ?1 \
             ORDER BY o.due_at, o.id",
        )?;
        let rows = stmt.query_map(params![ts(to)], |r| {
            Ok(ObligationRow {
                obligation: super::incident::obligation_from_row(r)?,
                incident_ref: r.get(12)?,
                title: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}
