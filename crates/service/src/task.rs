//! 督办 tasks (PR-11): set by a leader (or from a leader's 批示 in the log, in one step), owned by a
//! person, due at a time, done with a result; overdue ones stamped 迟报 like every duty on the ledger.

use crate::text::service::shared;
use crate::text::service::task as say;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ledger::require_leader;
use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::log_event::LogEvent;
use crate::domain::task::Task;
use crate::domain::{EndState, LogKind};
use crate::store::log::{self as slog, NewLogEntry};
use crate::store::task::{self as stask, NewTask};
use crate::store::{Store, StoreError, incident as sinc};

/// What `task add` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskInput {
    pub title: String,
    pub owner: String,
    pub due: Option<DateTime<Utc>>,
    pub incident_id: Option<i64>,
    /// The leader who set it (督办人).
    pub from: Option<String>,
    /// The 批示 log entry it comes from (its text is the title when none is given).
    pub log_entry: Option<i64>,
}

fn log_line(ctx: &OpCtx<'_>, incident_id: Option<i64>, event: LogEvent) -> NewLogEntry {
    super::event_line(incident_id, ctx, ctx.now, event)
}

/// Records a task. The owner must be an active person; `from`, when given, a leader; the due time must
/// not be before now (nothing is due before it exists). From a 批示: the entry must be an instruction;
/// its incident and its author (when a leader) carry over, and its text is the title when none is given.
pub fn add(store: &mut Store, ctx: &OpCtx<'_>, input: &TaskInput) -> OpResult<Task> {
    let lang = ctx.lang;
    let mut title = input.title.trim().to_string();
    let mut incident_id = input.incident_id;
    let mut from = input.from.clone().filter(|f| !f.trim().is_empty());
    if let Some(entry) = input.log_entry {
        let row = store
            .log_entry(entry)?
            .ok_or_else(|| OpError::invalid("from-log", format!("{} {entry}", say::NO_LOG_ENTRY.get(lang))))?;
        if row.entry.kind != LogKind::Instruction {
            return Err(OpError::invalid("from-log", format!("{entry}: {}", shared::NOT_AN_INSTRUCTION.get(lang))));
        }
        if title.is_empty() {
            title = row.entry.body.lines().next().unwrap_or_default().trim().to_string();
        }
        incident_id = incident_id.or(row.entry.incident_id);
        if from.is_none() {
            // The leader who gave the instruction (log add --from), if that person is a leader.
            let giver = row.data.as_ref().and_then(|d| d.get("from")).and_then(|v| v.as_str()).map(str::to_string);
            from = giver.and_then(|g| require_leader(store, "from", &g, lang).ok());
        }
    }
    if title.is_empty() {
        return Err(OpError::invalid("title", say::TASK_NEEDS_ITS_TITLE.get(lang)));
    }
    let owner = input.owner.trim();
    let person = store.person_by_name(owner)?;
    match person {
        Some(p) if p.active => {}
        Some(_) => {
            return Err(OpError::invalid("owner", format!("`{owner}` {}", shared::NOT_ACTIVE_PERSON.get(lang))));
        }
        None => {
            return Err(OpError::invalid("owner", format!("`{owner}` {}", shared::NOT_A_PERSON.get(lang))));
        }
    }
    let from = match from {
        Some(f) => Some(require_leader(store, "from", &f, lang)?),
        None => None,
    };
    let Some(due) = input.due else {
        return Err(OpError::invalid("due", say::TASK_NEEDS_ITS_DUE_TIME.get(lang)));
    };
    if due < ctx.now {
        return Err(OpError::invalid("due", say::BEFORE_NOW_TASK_CANNOT_FALL.get(lang)));
    }
    let task = store.write(|tx| {
        if let Some(id) = incident_id {
            sinc::get(tx, id)?;
        }
        let t = stask::insert(
            tx,
            &NewTask {
                title: &title,
                owner,
                from_leader: from.as_deref(),
                incident_id,
                log_entry_id: input.log_entry,
                anchor_at: ctx.now,
                due_at: due,
            },
            ctx.now,
            ctx.actor,
        )?;
        let event = LogEvent::TaskSet {
            task: t.id,
            title: t.title.clone(),
            owner: owner.to_string(),
            due: due.with_timezone(&ctx.tz()).format("%m-%d %H:%M").to_string(),
        };
        slog::append(tx, &log_line(ctx, incident_id, event), ctx.now)?;
        Ok(t)
    })?;
    Ok(task)
}

/// Marks a task done at `at` (default now) with its result; late when after its due time.
pub fn done(store: &mut Store, ctx: &OpCtx<'_>, id: i64, result: &str, at: Option<DateTime<Utc>>) -> OpResult<Task> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if result.trim().is_empty() {
        return Err(OpError::invalid("result", say::DONE_TASK_NEEDS_ITS_RESULT.get(lang)));
    }
    Ok(store.write(|tx| {
        let t = stask::get(tx, id)?;
        if !t.is_open() {
            return Err(StoreError::Invalid(format!("id: {} #{id}", say::NO_LONGER_OPEN_TASK.get(lang))));
        }
        if at < t.anchor_at {
            return Err(StoreError::Invalid(format!("at: {}", say::BEFORE_TASK_WAS_SET.get(lang))));
        }
        let t = stask::done(tx, id, at, result.trim(), ctx.now, ctx.actor)?;
        let event =
            LogEvent::TaskDone { task: id, title: t.title.clone(), late: t.late, result: result.trim().to_string() };
        let mut line = log_line(ctx, t.incident_id, event);
        line.at = at;
        slog::append(tx, &line, ctx.now)?;
        Ok(t)
    })?)
}

/// Waives an open task (a leader decides it is no longer needed), with the reason.
pub fn waive(store: &mut Store, ctx: &OpCtx<'_>, id: i64, reason: &str, by: &str) -> OpResult<Task> {
    let lang = ctx.lang;
    if reason.trim().is_empty() {
        return Err(OpError::invalid("reason", shared::REASON_REQUIRED.get(lang)));
    }
    let by = require_leader(store, "by", by, lang)?;
    Ok(store.write(|tx| {
        let t = stask::end(tx, id, EndState::Waived, reason.trim(), &by, ctx.now, ctx.now, ctx.actor)?;
        let event = LogEvent::TaskWaived {
            task: id,
            title: t.title.clone(),
            by: by.clone(),
            reason: reason.trim().to_string(),
        };
        slog::append(tx, &log_line(ctx, t.incident_id, event), ctx.now)?;
        Ok(t)
    })?)
}

/// One task as `task list --json` gives it.
#[derive(Debug, Serialize)]
pub struct TaskJson {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub from: Option<String>,
    pub incident_id: Option<i64>,
    pub log_entry_id: Option<i64>,
    /// pending, due-soon, overdue, done, done-late, missed, waived, superseded.
    pub state: String,
    pub created_at: String,
    pub due_at: String,
    pub done_at: Option<String>,
    pub result: Option<String>,
    pub late: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// The JSON view of a task at `ctx.now`, times in the unit's offset.
pub fn to_json(t: &Task, ctx: &OpCtx<'_>) -> TaskJson {
    let tz = ctx.tz();
    let fmt = |d: DateTime<Utc>| d.with_timezone(&tz).to_rfc3339();
    TaskJson {
        id: t.id,
        title: t.title.clone(),
        owner: t.owner.clone(),
        from: t.from_leader.clone(),
        incident_id: t.incident_id,
        log_entry_id: t.log_entry_id,
        state: t.state(ctx.now, ctx.book.rules.due_soon()).code().to_string(),
        created_at: fmt(t.anchor_at),
        due_at: fmt(t.due_at),
        done_at: t.done_at.map(fmt),
        result: t.result.clone(),
        late: t.late_at(ctx.now),
        reason: t.end.as_ref().map(|e| e.reason.clone()),
        by: t.end.as_ref().map(|e| e.by.clone()),
    }
}
