//! `dutywatch check`: SQLite's own integrity check plus the invariants dutywatch promises, the
//! audit hash chain, every row against its last audit snapshot, and valid times and codes.

use rusqlite::{Connection, OptionalExtension, params, types::ValueRef};
use serde_json::Value;

use super::audit::{self, AUDITED, ChainReport};
use super::{Result, Store, StoreError};
use crate::domain::types::{
    Category, Channel, EndState, Grade, IncidentStatus, Level, LogKind, ReportKind, Role, Source,
};

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
        let (missing, unrecorded) = rows_against_events(&self.conn)?;
        cap(&mut report.problems, missing, "missing rows");
        cap(&mut report.problems, unrecorded, "rows without an audit event");
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

/// Whether an audit action removed its row. dutywatch deletes no audited record today; an action
/// named `….delete` or `….remove` would be the one that may.
fn is_deletion(action: &str) -> bool {
    action.rsplit('.').next().is_some_and(|last| matches!(last, "delete" | "deleted" | "remove" | "removed"))
}

/// Every audited row against the audit log, both ways, in one ordered pass per table: the row ids
/// (the table's own key) merged with the ids the log names (`audit_by_entity`, already in order).
/// - An entity whose last event is not a deletion must still have its row, else
///   `row: <table> <id> is missing (last recorded at <time> by <actor>)`: a DELETE run with the
///   triggers off. (When its events were removed too, there is nothing left to name the row by: the
///   chain names the removed events.)
/// - A row with no audit event at all: `row: <table> <id> has no audit event` (an INSERT made
///   outside dutywatch).
///
/// Returns (missing rows, rows without an event), in table then id order.
fn rows_against_events(conn: &Connection) -> Result<(Vec<String>, Vec<String>)> {
    let (mut missing, mut unrecorded) = (Vec::new(), Vec::new());
    let mut last_of = conn.prepare(
        "SELECT entity_id, max(id) FROM audit_event WHERE entity = ?1 GROUP BY entity_id ORDER BY entity_id",
    )?;
    let mut event = conn.prepare("SELECT at, actor, action FROM audit_event WHERE id = ?1")?;
    for table in AUDITED {
        let mut ids = conn.prepare(&format!("SELECT id FROM {table} ORDER BY id"))?;
        let rows = ids.query_map([], |r| r.get::<_, i64>(0))?.map(|r| r.map_err(Into::into));
        let events = last_of
            .query_map(params![table], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
            .map(|r| r.map_err(Into::into));
        merge_ids::<StoreError>(rows, events, |m| {
            match m {
                Mismatch::Unrecorded(id) => unrecorded.push(format!("row: {table} {id} has no audit event")),
                Mismatch::Missing { id, last_event } => {
                    let (at, actor, action) = event.query_row(params![last_event], |r| {
                        Ok((to_json(r.get_ref(0)?), r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
                    })?;
                    if !action.as_deref().is_some_and(is_deletion) {
                        let actor = crate::domain::safe_text::visible_line(actor.as_deref().unwrap_or(""));
                        missing.push(format!(
                            "row: {table} {id} is missing (last recorded at {} by {actor})",
                            time_text(&at)
                        ));
                    }
                }
            }
            Ok(())
        })?;
    }
    Ok((missing, unrecorded))
}

/// A difference between a table's row ids and the entity ids its audit events name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mismatch {
    /// A row no event names.
    Unrecorded(i64),
    /// An entity the log names with no row; `last_event` is its newest event's id.
    Missing { id: i64, last_event: i64 },
}

/// Merges the ascending row ids with the ascending (entity id, last event id) pairs, calling `each`
/// for every id found on one side only: one pass over each, in id order.
fn merge_ids<E>(
    mut rows: impl Iterator<Item = std::result::Result<i64, E>>,
    mut events: impl Iterator<Item = std::result::Result<(i64, i64), E>>,
    mut each: impl FnMut(Mismatch) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut row = rows.next().transpose()?;
    let mut ev = events.next().transpose()?;
    loop {
        match (row, ev) {
            (None, None) => return Ok(()),
            (Some(r), Some((e, _))) if r == e => {
                row = rows.next().transpose()?;
                ev = events.next().transpose()?;
            }
            (Some(r), Some((e, _))) if r < e => {
                each(Mismatch::Unrecorded(r))?;
                row = rows.next().transpose()?;
            }
            (Some(r), None) => {
                each(Mismatch::Unrecorded(r))?;
                row = rows.next().transpose()?;
            }
            (_, Some((id, last_event))) => {
                each(Mismatch::Missing { id, last_event })?;
                ev = events.next().transpose()?;
            }
        }
    }
}

/// A stored time (seconds) as `2026-11-23 00:20:00 UTC`; anything else as stored.
fn time_text(v: &Value) -> String {
    v.as_i64()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| v.to_string())
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
    ("obligation", "kind", crate::codes::is_ledger_kind),
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn deletions_are_actions_that_end_in_delete_or_remove() {
        for (action, deletes) in [
            ("incident.delete", true),
            ("contact.remove", true),
            ("x.removed", true),
            ("report.add", false),
            ("handover.sign.incoming.late", false),
            ("obligation.missed", false),
            ("delete.add", false),
            ("", false),
        ] {
            assert_eq!(is_deletion(action), deletes, "{action}");
        }
    }

    proptest! {
        /// Whatever the two sides hold, the merge names exactly the ids on one side only, each
        /// once, in order: rows without an event, and entities without a row (with their last event).
        #[test]
        fn merge_names_exactly_the_ids_on_one_side(
            rows in proptest::collection::btree_set(1i64..200, 0..60),
            entities in proptest::collection::btree_map(1i64..200, 1i64..10_000, 0..60),
        ) {
            let mut found = Vec::new();
            merge_ids(
                rows.iter().map(|r| Ok::<_, ()>(*r)),
                entities.iter().map(|(e, l)| Ok((*e, *l))),
                |m| { found.push(m); Ok(()) },
            ).expect("merge");
            let ids: BTreeSet<i64> = entities.keys().copied().collect();
            let want_unrecorded: Vec<Mismatch> = rows.difference(&ids).map(|r| Mismatch::Unrecorded(*r)).collect();
            let want_missing: Vec<Mismatch> = ids
                .difference(&rows)
                .map(|e| Mismatch::Missing { id: *e, last_event: entities[e] })
                .collect();
            let got_unrecorded: Vec<Mismatch> =
                found.iter().copied().filter(|m| matches!(m, Mismatch::Unrecorded(_))).collect();
            let got_missing: Vec<Mismatch> =
                found.iter().copied().filter(|m| matches!(m, Mismatch::Missing { .. })).collect();
            prop_assert_eq!(got_unrecorded, want_unrecorded);
            prop_assert_eq!(got_missing, want_missing);
        }
    }
}
