//! The weekly duty plan filed with the upper duty room (issue 18, PR-04): what was sent (its Markdown and
//! SHA-256), to whom, when, with which gaps, and the acknowledgement. Each change with its audit event.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Result, Store, StoreError, audit, from_ts, from_ts_opt, ts};

/// One filing as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanFiling {
    pub id: i64,
    pub week: NaiveDate,
    pub recipient: String,
    pub filed_at: DateTime<Utc>,
    pub filed_by: String,
    pub content_sha256: String,
    pub gaps: Vec<String>,
    pub ack_at: Option<DateTime<Utc>>,
    pub ack_by: Option<String>,
}

const COLS: &str = "id, week, recipient, filed_at, filed_by, content_sha256, gaps, ack_at, ack_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlanFiling> {
    let week: String = r.get(1)?;
    let gaps: String = r.get(6)?;
    Ok(PlanFiling {
        id: r.get(0)?,
        week: NaiveDate::parse_from_str(&week, "%Y-%m-%d")
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?,
        recipient: r.get(2)?,
        filed_at: from_ts(r.get(3)?),
        filed_by: r.get(4)?,
        content_sha256: r.get(5)?,
        // Written by this module only; unreadable reads as none rather than failing the page.
        gaps: serde_json::from_str(&gaps).unwrap_or_default(),
        ack_at: from_ts_opt(r.get(7)?),
        ack_by: r.get(8)?,
    })
}

/// The SHA-256 of a plan's Markdown, lower-case hex.
pub fn sha256(content: &str) -> String {
    audit::hex(&Sha256::digest(content.as_bytes()))
}

/// Records a filing with its audit event.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    tx: &Transaction<'_>,
    week: NaiveDate,
    recipient: &str,
    filed_at: DateTime<Utc>,
    filed_by: &str,
    content: &str,
    gaps: &[String],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<PlanFiling> {
    tx.execute(
        "INSERT INTO plan_filing (week, recipient, filed_at, filed_by, content, content_sha256, gaps, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            week.format("%Y-%m-%d").to_string(),
            recipient,
            ts(filed_at),
            filed_by,
            content,
            sha256(content),
            serde_json::to_string(gaps).unwrap_or_else(|_| "[]".into()),
            ts(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "plan.file", "plan_filing", id)?;
    get(tx, id)
}

pub fn get(conn: &rusqlite::Connection, id: i64) -> Result<PlanFiling> {
    conn.query_row(&format!("SELECT {COLS} FROM plan_filing WHERE id = ?1"), params![id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("plan filing {id}")))
}

/// The latest filing of the week starting `week`, if any.
pub fn latest(conn: &rusqlite::Connection, week: NaiveDate) -> Result<Option<PlanFiling>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM plan_filing WHERE week = ?1 ORDER BY id DESC LIMIT 1"),
            params![week.format("%Y-%m-%d").to_string()],
            from_row,
        )
        .optional()?)
}

/// Records the upper room's acknowledgement of a filing.
pub fn ack(
    tx: &Transaction<'_>,
    id: i64,
    at: DateTime<Utc>,
    by: &str,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<PlanFiling> {
    let n = tx.execute(
        "UPDATE plan_filing SET ack_at = ?1, ack_by = ?2 WHERE id = ?3 AND ack_at IS NULL",
        params![ts(at), by, id],
    )?;
    if n == 0 {
        return Err(StoreError::Invalid(format!("plan filing {id} is already acknowledged")));
    }
    audit::record(tx, now, actor, "plan.ack", "plan_filing", id)?;
    get(tx, id)
}

impl Store {
    /// The Markdown a filing sent, exactly.
    pub fn plan_content(&self, id: i64) -> Result<String> {
        Ok(self.conn.query_row("SELECT content FROM plan_filing WHERE id = ?1", params![id], |r| r.get(0))?)
    }
}
