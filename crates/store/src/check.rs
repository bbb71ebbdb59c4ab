//! `dutywatch check`: SQLite's own integrity check plus the invariants dutywatch promises, the
//! audit hash chain, every row against its last audit snapshot, and valid times and codes.

use rusqlite::{Connection, OptionalExtension, params, types::ValueRef};
use serde_json::Value;

use super::audit::{self, AUDITED, ChainReport};
use super::{Result, Store};
use crate::domain::types::{
    Category, Channel, EndState, Grade, IncidentStatus, Level, LogKind, ReportKind, Role, Source,
};

/// Tables whose every row must have at least one audit event.
const AUDITED_ROWS: &[&str] = &[
    "person",
    "shift",
    "incident",
    "obligation",
    "report",
    "escalation",
    "log_entry",
    "handover",
    "alert_ack",
    "fact_update",
    "correction",
    "level_change",
    "finding",
    "task",
    "duty",
    "plan_filing",
];

/// Most findings of one kind that are listed one by one; the rest are counted.
const LIST_AT_MOST: usize = 50;

/// What `check` found, with the chain's head (published on sheets and exports).
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Vec<String>,
    /// The newest link of the chain, hex (empty for a file without a chain).
    pub head: String,
    /// The event the head belongs to.
    pub head_event: Option<i64>,
    pub chain: ChainReport,
}

impl Store {
    /// Every problem found by the full check, as one line each. Empty means healthy.
    pub fn check(&self) -> Result<Vec<String>> {
        Ok(self.check_with(false, |_| {})?.problems)
    }

    /// The check: `quick` skips SQLite's full `integrity_check` and the row-by-row comparison (the
    /// chain and the invariants are still checked). `progress` hears how many events the chain
    /// walk has covered, every 100,000, so a large file shows it is moving.
    pub fn check_with(&self, quick: bool, progress: impl FnMut(u64)) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        if !quick {
            report.problems = self.integrity_check()?.into_iter().map(|p| format!("integrity: {p}")).collect();
            if !report.problems.is_empty() {
                return Ok(report);
            }
        }
        report.problems.extend(self.invariants()?);
        report.chain = audit::verify_chain(&self.conn, progress)?;
        cap(&mut report.problems, report.chain.problems.clone(), "chain problems");
        if let Some((id, h)) = audit::head(&self.conn)? {
            report.head = audit::hex(&h);
            report.head_event = Some(id);
        }
        if !quick {
            let mut diffs = Vec::new();
            for table in AUDITED {
                compare_rows(&self.conn, table, &mut diffs)?;
            }
            cap(&mut report.problems, diffs, "differences from the record");
        }
        let mut bad = Vec::new();
        valid_values(&self.conn, &mut bad)?;
        cap(&mut report.problems, bad, "invalid values");
        Ok(report)
    }

    /// dutywatch's own invariants (what `check` did before the chain).
    fn invariants(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM obligation o LEFT JOIN incident i ON i.id = o.incident_id WHERE i.id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!("{orphans} obligation(s) without their incident"));
        }
        for table in AUDITED_ROWS {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT t.id FROM {table} t WHERE NOT EXISTS \
                 (SELECT 1 FROM audit_event a WHERE a.entity = ?1 AND a.entity_id = t.id) LIMIT 20"
            ))?;
            let ids =
                stmt.query_map(params![table], |r| r.get::<_, i64>(0))?.collect::<std::result::Result<Vec<_>, _>>()?;
            for id in ids {
                problems.push(format!("{table} {id} has no audit event"));
            }
        }
        // The other direction: an audit event whose row is gone (records are never deleted).
        for table in AUDITED_ROWS {
            let lost: i64 = self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM audit_event a WHERE a.entity = ?1 \
                     AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = a.entity_id)"
                ),
                params![table],
                |r| r.get(0),
            )?;
            if lost > 0 {
                let what = if *table == "incident" { "incidents".to_string() } else { format!("{table} rows") };
                problems.push(format!("{lost} audit event(s) for {what} that do not exist"));
            }
        }
        // Every reference between records (report → incident, log line → incident, shift → person …).
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        drop(stmt);
        for (table, rowid, parent) in dangling.into_iter().take(50) {
            // Obligations without their incident are already counted above.
            if table == "obligation" && parent == "incident" {
                continue;
            }
            let row = rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into());
            problems.push(format!("{table} {row} points at a {parent} that does not exist"));
        }
        problems.extend(correction_targets(&self.conn)?);
        // A signed handover must still equal what was audited when it was locked.
        let mut stmt = self.conn.prepare(
            "SELECT h.id, (SELECT a.data FROM audit_event a WHERE a.entity = 'handover' AND a.entity_id = h.id \
             ORDER BY a.id DESC LIMIT 1) FROM handover h \
             WHERE h.outgoing_signed_at IS NOT NULL AND h.incoming_signed_at IS NOT NULL",
        )?;
        let locked = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        drop(stmt);
        for (id, audited) in locked {
            let now = self.conn.query_row(
                "SELECT sheet || '|' || remarks || '|' || outgoing || '|' || incoming FROM handover WHERE id = ?1",
                params![id],
                |r| r.get::<_, String>(0),
            )?;
            let then = audited
                .and_then(|a| serde_json::from_str::<serde_json::Value>(&a).ok())
                .map(|v| {
                    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
                    format!("{}|{}|{}|{}", s("sheet"), s("remarks"), s("outgoing"), s("incoming"))
                })
                .unwrap_or_default();
            if now != then {
                problems.push(format!("handover {id} was changed after it was signed and locked"));
            }
        }
        Ok(problems)
    }
}

/// Every correction points at an entry of its own incident that carries the correction's mark
/// (issue 15): the report, step or ack must exist and belong to the correction's incident; a report
/// that recorded a step has that step corrected with it; a corrected ack was cleared from its step
/// (one `escalation.ack-corrected` event per ack corrected); the duties it lists as opened again are
/// duties of that incident. Each finding names the table, the row and the column.
fn correction_targets(conn: &Connection) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stmt =
        conn.prepare("SELECT id, incident_id, target, target_id, ack_seq, reopened FROM correction ORDER BY id")?;
    type Row = (i64, i64, String, i64, i64, String);
    let rows: Vec<Row> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<std::result::Result<_, _>>()?;
    drop(stmt);
    for (id, incident, target, target_id, ack_seq, reopened) in rows {
        let at = |col: &str, what: String| format!("correction {id}, column {col}: {what}");
        let (table, noun) = match target.as_str() {
            "report" => ("report", "report"),
            "step" | "ack" => ("escalation", "step"),
            other => {
                found.push(at("target", format!("'{other}' is not report, step or ack")));
                continue;
            }
        };
        let owner: Option<i64> = conn
            .query_row(&format!("SELECT incident_id FROM {table} WHERE id = ?1"), params![target_id], |r| r.get(0))
            .optional()?;
        match owner {
            None => {
                found.push(at("target_id", format!("{noun} {target_id} does not exist")));
                continue;
            }
            Some(o) if o != incident => {
                found.push(at(
                    "target_id",
                    format!("{noun} {target_id} belongs to incident {o}, not to incident {incident}"),
                ));
                continue;
            }
            Some(_) => {}
        }
        match target.as_str() {
            "report" => {
                let step: Option<i64> =
                    conn.query_row("SELECT step_id FROM report WHERE id = ?1", params![target_id], |r| r.get(0))?;
                if let Some(step) = step {
                    let marked: i64 = conn.query_row(
                        "SELECT count(*) FROM correction WHERE target = 'step' AND target_id = ?1",
                        params![step],
                        |r| r.get(0),
                    )?;
                    if marked == 0 {
                        found.push(at(
                            "target_id",
                            format!("report {target_id} recorded step {step}, which is not marked corrected with it"),
                        ));
                    }
                }
            }
            "ack" => {
                let cleared: i64 = conn.query_row(
                    "SELECT count(*) FROM audit_event WHERE entity = 'escalation' AND entity_id = ?1 \
                     AND action = 'escalation.ack-corrected'",
                    params![target_id],
                    |r| r.get(0),
                )?;
                if cleared <= ack_seq {
                    found.push(at(
                        "target_id",
                        format!(
                            "the ack of step {target_id} was not cleared from it (ack {} corrected, {cleared} cleared)",
                            ack_seq + 1
                        ),
                    ));
                }
            }
            _ => {}
        }
        let ids: Vec<i64> = match serde_json::from_str(&reopened) {
            Ok(ids) => ids,
            Err(_) => {
                found.push(at("reopened", format!("{reopened} is not a list of duty ids")));
                continue;
            }
        };
        for duty in ids {
            let owner: Option<i64> = conn
                .query_row("SELECT incident_id FROM obligation WHERE id = ?1", params![duty], |r| r.get(0))
                .optional()?;
            match owner {
                Some(o) if o == incident => {}
                Some(o) => found
                    .push(at("reopened", format!("duty {duty} belongs to incident {o}, not to incident {incident}"))),
                None => found.push(at("reopened", format!("duty {duty} does not exist"))),
            }
        }
    }
    Ok(found)
}

/// Appends `found` to `problems`, listing at most [`LIST_AT_MOST`] and counting the rest.
fn cap(problems: &mut Vec<String>, found: Vec<String>, what: &str) {
    let n = found.len();
    problems.extend(found.into_iter().take(LIST_AT_MOST));
    if n > LIST_AT_MOST {
        problems.push(format!("… and {} more {what}", n - LIST_AT_MOST));
    }
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        // Snapshots store blobs as null (see `audit::row_json`).
        ValueRef::Blob(_) => Value::Null,
    }
}

/// A column's declared default as a value: `Some(Null)` for none, `None` for an expression this
/// check does not evaluate (then the column is not compared while snapshots lack it).
fn default_value(dflt: Option<&str>) -> Option<Value> {
    let Some(d) = dflt.map(str::trim) else { return Some(Value::Null) };
    if d.eq_ignore_ascii_case("null") {
        return Some(Value::Null);
    }
    if let Ok(n) = d.parse::<i64>() {
        return Some(Value::from(n));
    }
    if let Ok(f) = d.parse::<f64>() {
        return Some(Value::from(f));
    }
    if d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'') {
        return Some(Value::from(d[1..d.len() - 1].replace("''", "'")));
    }
    None
}

/// Every row of `table` against its last audit snapshot, column by column. A column the snapshot
/// does not hold (added by a later migration) must still hold its default.
fn compare_rows(conn: &Connection, table: &str, diffs: &mut Vec<String>) -> Result<()> {
    let mut info = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let defaults: Vec<(String, Option<String>)> = info
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, Option<String>>(4)?)))?
        .collect::<std::result::Result<_, _>>()?;
    drop(info);
    let mut stmt = conn.prepare(&format!(
        "SELECT t.*, (SELECT a.data FROM audit_event a WHERE a.entity = ?1 AND a.entity_id = t.id \
         ORDER BY a.id DESC LIMIT 1) FROM {table} t ORDER BY t.id"
    ))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let snap_col = names.len() - 1;
    let mut rows = stmt.query(params![table])?;
    while let Some(row) = rows.next()? {
        let Some(data) = row.get::<_, Option<String>>(snap_col)? else { continue };
        let id = row.get::<_, i64>(0).unwrap_or_default();
        let Ok(Value::Object(snap)) = serde_json::from_str::<Value>(&data) else {
            diffs.push(format!("row: {table} {id}: its last audit snapshot cannot be read"));
            continue;
        };
        for (i, name) in names.iter().take(snap_col).enumerate() {
            let (name, stored) = audit::snapshot_value(table, name, row.get_ref(i)?);
            let name = &name;
            let (recorded, how) = match snap.get(name) {
                Some(v) => (v.clone(), "recorded"),
                None => {
                    let dflt = defaults.iter().find(|(n, _)| n == name).and_then(|(_, d)| default_value(d.as_deref()));
                    match dflt {
                        Some(v) => (v, "recorded (the default, before snapshots held it)"),
                        None => continue,
                    }
                }
            };
            if !same(&stored, &recorded) {
                diffs.push(format!("row: {table} {id}, column {name}: stored {stored}, {how} {recorded}"));
            }
        }
    }
    Ok(())
}

/// JSON equality that takes 1 and 1.0 as the same number (a REAL column read back).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// What a time column may hold: integer seconds from the epoch to the end of 2100 UTC (what
/// dutywatch writes lies in 2000–2100; the epoch itself is a time, if an odd one).
const TIME_RANGE: (i64, i64) = (0, 4_133_980_800);

fn is_code<T: Copy>(all: &[T], code: fn(T) -> &'static str, s: &str) -> bool {
    all.iter().any(|v| code(*v) == s)
}

/// A code column and the test of its values.
type CodeCheck = (&'static str, &'static str, fn(&str) -> bool);

const CODE_COLUMNS: &[CodeCheck] = &[
    ("incident", "category", |s| is_code(Category::ALL, Category::code, s)),
    ("incident", "grade", |s| is_code(Grade::ALL, Grade::code, s)),
    ("incident", "source", |s| is_code(Source::ALL, Source::code, s)),
    ("incident", "status", |s| is_code(IncidentStatus::ALL, IncidentStatus::code, s)),
    ("report", "kind", |s| is_code(ReportKind::ALL, ReportKind::code, s)),
    ("report", "channel", |s| is_code(Channel::ALL, Channel::code, s)),
    ("escalation", "channel", |s| is_code(Channel::ALL, Channel::code, s)),
    ("escalation", "level", |s| is_code(Level::ALL, Level::code, s)),
    ("shift", "role", |s| is_code(Role::ALL, Role::code, s)),
    ("person", "roles", |s| s.split(',').all(|r| is_code(Role::ALL, Role::code, r.trim()))),
    ("log_entry", "kind", |s| is_code(LogKind::ALL, LogKind::code, s)),
    ("obligation", "end_state", |s| EndState::parse(s).is_some()),
];

/// Every time column holds a time, every date column a date, every code column a known code.
fn valid_values(conn: &Connection, bad: &mut Vec<String>) -> Result<()> {
    for table in AUDITED {
        let mut info = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let cols: Vec<String> =
            info.query_map([], |r| r.get::<_, String>(1))?.collect::<std::result::Result<_, _>>()?;
        drop(info);
        for col in cols {
            if col == "at" || col.ends_with("_at") {
                let mut stmt = conn.prepare(&format!(
                    "SELECT id, quote({col}) FROM {table} WHERE {col} IS NOT NULL \
                     AND (typeof({col}) != 'integer' OR {col} < ?1 OR {col} >= ?2) ORDER BY id LIMIT 20"
                ))?;
                let found = stmt
                    .query_map(params![TIME_RANGE.0, TIME_RANGE.1], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                    })?
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                for (id, v) in found {
                    bad.push(format!("value: {table} {id}, column {col}: {v} is not a time"));
                }
            } else if col.ends_with("_date") || col == "last_verified" {
                let mut stmt =
                    conn.prepare(&format!("SELECT id, {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY id"))?;
                let found = stmt
                    .query_map([], |r| Ok((r.get::<_, i64>(0)?, to_json(r.get_ref(1)?))))?
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                for (id, v) in found {
                    let ok = v.as_str().is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok());
                    if !ok {
                        bad.push(format!("value: {table} {id}, column {col}: {v} is not a date"));
                    }
                }
            }
        }
    }
    for (table, col, valid) in CODE_COLUMNS {
        let mut stmt = conn.prepare(&format!("SELECT id, {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY id"))?;
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, to_json(r.get_ref(1)?))))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for (id, v) in found {
            if !v.as_str().is_some_and(valid) {
                bad.push(format!("value: {table} {id}, column {col}: {v} is not a known code"));
            }
        }
    }
    Ok(())
}
