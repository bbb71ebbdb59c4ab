//! Recurring and one-off duties (PR-12) on the ledger: occurrences made as their local days begin,
//! 迟报 stamped past due, zero reports (零报告) fulfilled by a report of an incident that day, and
//! `duty done NAME [--at] [--ref]` / `duty waive NAME --reason --by`.

use crate::domain::log_event::{Bi, LogEvent};
use crate::text::service::duties as say;
use crate::text::service::shared;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use super::ledger::require_leader;
use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::EndState;
use crate::domain::duties::{self, DutyDef};
use crate::domain::roster::local_day_start;
use crate::store::duty::{self as sduty, DutyRow};
use crate::store::log as slog;
use crate::store::{Store, StoreError};
use crate::text::Named;

/// Meta key: the last local day whose occurrences are all on record.
const HORIZON_KEY: &str = "duty_horizon";
/// Most days one call catches up (a file left closed for a long time catches up over several calls).
const MAX_DAYS_PER_CALL: u64 = 400;

fn day_bounds(day: NaiveDate, tz: chrono_tz::Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((local_day_start(day, tz)?, local_day_start(day.succ_opt()?, tz)?))
}

/// Makes the occurrences of every day since the last call up to today, fulfils zero reports answered by
/// a report that day, and stamps 迟报 on occurrences past due. Inside the caller's write.
pub fn advance(store: &mut Store, ctx: &OpCtx<'_>) -> OpResult<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let tz = ctx.tz();
    let today = ctx.now.with_timezone(&tz).date_naive();
    let horizon = store
        .meta(HORIZON_KEY)?
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| today.pred_opt().unwrap_or(today));
    let from = horizon
        .succ_opt()
        .unwrap_or(horizon)
        .max(today.checked_sub_days(Days::new(MAX_DAYS_PER_CALL)).unwrap_or(today));
    let defs = ctx.book.duties.duties.clone();
    // Whether a response was active at some moment of `day` (up to now).
    let mut responding_days = std::collections::BTreeSet::new();
    let mut d = from;
    while d <= today {
        if let Some((start, end)) = day_bounds(d, tz) {
            let end = end.min(ctx.now);
            if crate::store::level::response_active_during(store.conn(), start, end)? {
                responding_days.insert(d);
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    let responding = |day: NaiveDate| responding_days.contains(&day);
    let mut wanted = Vec::new();
    for def in &defs {
        for day in duties::dates_owed(def, from, today, &ctx.book.calendar, &responding) {
            let Some(mut o) = duties::occurrence(def, day, tz) else { continue };
            // Owed while a response is active: only when one is in force by its due time, and it comes
            // to exist when the response does (nothing is due before it exists).
            if def.active == duties::Active::Response {
                let until = o.due_at.min(ctx.now);
                match crate::store::level::response_start_within(store.conn(), o.anchor_at, until)? {
                    Some(start) => o.anchor_at = o.anchor_at.max(start),
                    None => continue,
                }
            }
            if o.anchor_at <= ctx.now && o.anchor_at <= o.due_at {
                wanted.push(o);
            }
        }
    }
    let zero: Vec<String> = defs.iter().filter(|d| d.zero_report).map(|d| d.name.clone()).collect();
    let answered = sduty::zero_reports_answered(store.conn(), &zero, |day| day_bounds(day, tz))?;
    let mut missing = Vec::new();
    for o in wanted {
        if !sduty::exists(store.conn(), &o.name, o.day)? {
            missing.push(o);
        }
    }
    let wanted = missing;
    let late_due = sduty::open_past_due(store.conn(), ctx.now)?;
    let yesterday = today.pred_opt().unwrap_or(today);
    let plan_defs: Vec<String> = defs.iter().filter(|d| d.plan_filing).map(|d| d.name.clone()).collect();
    let mut plan_open = false;
    for name in &plan_defs {
        for d in sduty::open_named(store.conn(), name)? {
            if let Some(next) = crate::domain::roster_week::week_start(d.day).checked_add_days(Days::new(7)) {
                plan_open |= crate::store::plan::latest(store.conn(), next)?.is_some();
            }
        }
    }
    // A plan duty made now may be answered by a filing made before its day.
    plan_open |= wanted.iter().any(|o| plan_defs.contains(&o.name));
    if wanted.is_empty() && answered.is_empty() && !plan_open && late_due == 0 && horizon >= yesterday {
        return Ok(());
    }
    store.write(|tx| {
        for o in &wanted {
            sduty::ensure(tx, &o.name, o.day, o.anchor_at, o.due_at, ctx.now, ctx.actor)?;
        }
        for (id, report, at) in &answered {
            let d = sduty::get(tx, *id)?;
            if d.is_open() && *at >= d.anchor_at {
                sduty::done(tx, *id, *at, None, &format!("report:{report}"), ctx.now, ctx.actor)?;
                let event = LogEvent::ZeroReportAnswered { day: d.day.to_string(), report: *report };
                slog::append(tx, &crate::event_line(None, ctx, *at, event), ctx.now)?;
            }
        }
        // Next week's plan filed: the weekly-plan duty is done (`filing:N`); one filed before the
        // duty's day began is done as the duty came to exist (on time).
        for name in &plan_defs {
            for d in sduty::open_named(tx, name)? {
                let Some(next) = crate::domain::roster_week::week_start(d.day).checked_add_days(Days::new(7)) else {
                    continue;
                };
                if let Some(p) = crate::store::plan::latest(tx, next)? {
                    let at = p.filed_at.max(d.anchor_at);
                    sduty::done(tx, d.id, at, None, &format!("filing:{}", p.id), ctx.now, ctx.actor)?;
                }
            }
        }
        sduty::stamp_late(tx, ctx.now, ctx.actor)?;
        let keep = today.pred_opt().unwrap_or(today).format("%Y-%m-%d").to_string();
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [HORIZON_KEY, keep.as_str()])?;
        Ok(())
    })?;
    Ok(())
}

/// The label of a duty of the shipped `duties.toml` by its name (a sheet is read without the rule book;
/// a unit's own duty shows its code).
pub fn shipped_label(name: &str, lang: crate::domain::Lang) -> String {
    crate::config::rules::parse_duties(crate::config::rules::SHIPPED_DUTIES, "data/duties.toml")
        .ok()
        .and_then(|f| f.get(name).map(|d| d.label(lang).to_string()))
        .unwrap_or_else(|| name.to_string())
}

fn def_of<'a>(ctx: &'a OpCtx<'_>, name: &str) -> OpResult<&'a DutyDef> {
    ctx.book.duties.get(name.trim()).ok_or_else(|| {
        let names: Vec<&str> = ctx.book.duties.duties.iter().map(|d| d.name.as_str()).collect();
        OpError::invalid(
            "name",
            format!("`{}` {}: {}", name.trim(), say::NOT_IN_DUTIES_TOML_KNOWN.get(ctx.lang), names.join(", ")),
        )
    })
}

/// Fulfils the earliest open occurrence of `name` that existed by `at` (default now), with the document.
pub fn done(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    name: &str,
    at: Option<DateTime<Utc>>,
    reference: Option<&str>,
) -> OpResult<DutyRow> {
    let lang = ctx.lang;
    let def = def_of(ctx, name)?.clone();
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let reference = reference.map(str::trim).filter(|r| !r.is_empty());
    Ok(store.write(|tx| {
        let Some(d) = sduty::open_by(tx, &def.name, at)? else {
            return Err(StoreError::Invalid(format!(
                "name: `{}` {}",
                def.name,
                say::HAS_NO_OPEN_OCCURRENCE_BY.get(lang)
            )));
        };
        let d = sduty::done(tx, d.id, at, reference, "done", ctx.now, ctx.actor)?;
        let event = LogEvent::DutyDone {
            name: def.name.clone(),
            label: Bi::new(def.label_zh.clone(), def.label_en.clone()),
            day: d.day.to_string(),
            late: d.late,
            doc: reference.map(str::to_string),
        };
        slog::append(tx, &crate::event_line(None, ctx, at, event), ctx.now)?;
        Ok(d)
    })?)
}

/// Waives the earliest open occurrence of `name` (a leader decides it is not owed), with the reason.
pub fn waive(store: &mut Store, ctx: &OpCtx<'_>, name: &str, reason: &str, by: &str) -> OpResult<DutyRow> {
    let lang = ctx.lang;
    let def = def_of(ctx, name)?.clone();
    if reason.trim().is_empty() {
        return Err(OpError::invalid("reason", shared::REASON_REQUIRED.get(lang)));
    }
    let by = require_leader(store, "by", by, lang)?;
    Ok(store.write(|tx| {
        let Some(d) = sduty::open_by(tx, &def.name, ctx.now)? else {
            return Err(StoreError::Invalid(format!("name: `{}` {}", def.name, say::HAS_NO_OPEN_OCCURRENCE.get(lang))));
        };
        let d = sduty::end(tx, d.id, EndState::Waived, reason.trim(), &by, ctx.now, ctx.now, ctx.actor)?;
        let event = LogEvent::DutyWaived {
            name: def.name.clone(),
            label: Bi::new(def.label_zh.clone(), def.label_en.clone()),
            day: d.day.to_string(),
            by: by.clone(),
            reason: reason.trim().to_string(),
        };
        slog::append(tx, &crate::event_line(None, ctx, ctx.now, event), ctx.now)?;
        Ok(d)
    })?)
}

/// One occurrence as `duty list --json` gives it.
#[derive(Debug, Serialize)]
pub struct DutyJson {
    pub id: i64,
    pub name: String,
    pub label: String,
    pub day: String,
    /// pending, due-soon, overdue, done, done-late, missed, waived, superseded.
    pub state: String,
    pub due_at: String,
    pub done_at: Option<String>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub fulfilled_by: Option<String>,
    pub late: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

pub fn to_json(d: &DutyRow, ctx: &OpCtx<'_>) -> DutyJson {
    let tz = ctx.tz();
    let fmt = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    DutyJson {
        id: d.id,
        name: d.name.clone(),
        label: ctx
            .book
            .duties
            .get(&d.name)
            .map(|def| def.label(ctx.lang).to_string())
            .unwrap_or_else(|| d.name.clone()),
        day: d.day.format("%Y-%m-%d").to_string(),
        state: crate::domain::deadlines::state_of(&d.as_obligation(), ctx.now, ctx.book.rules.due_soon())
            .code()
            .to_string(),
        due_at: fmt(d.due_at),
        done_at: d.done_at.map(fmt),
        reference: d.reference.clone(),
        fulfilled_by: d.fulfilled_by.clone(),
        late: d.late_at(ctx.now),
        reason: d.end.as_ref().map(|e| e.reason.clone()),
        by: d.end.as_ref().map(|e| e.by.clone()),
    }
}
