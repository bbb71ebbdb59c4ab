//! Warning and response levels (PR-06, PR-23), readiness confirmations, and 谎报/瞒报 findings (PR-16).
//! Each function is one store transaction with its audit events and duty-log line; the rules live in
//! [`crate::domain::response`].

use crate::text::service::response as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};

use super::ledger::{require_leader, to_new};
use super::{OpCtx, OpError, OpResult, not_future, system_line};
use crate::domain::log_event::{Bi, LogEvent};
use crate::domain::response::{self as resp, Finding, FindingKind, LevelChange, LevelWhich, RespLevel};
use crate::domain::{EndState, Incident, IncidentStatus, Lang};
use crate::store::level::{self as slevel, NewLevelChange};
use crate::store::log as slog;
use crate::store::{Store, StoreError, incident as sinc, obligation as sob};
use crate::text::{Label, Named};

/// What a `respond` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseAct {
    /// Activate, raise or lower to this level, for this reason.
    Level { level: RespLevel, reason: String },
    /// End the response, with its end conditions.
    End { conditions: String },
}

fn refuse(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(format!("{field}: {}", message.into()))
}

fn level_text(l: Option<RespLevel>, lang: Lang) -> String {
    match l {
        Some(l) => format!("{}({})", l.label(lang), colour_word(l, lang)),
        None => shared::NONE.get(lang).to_string(),
    }
}

fn colour_word(l: RespLevel, lang: Lang) -> &'static str {
    match l {
        RespLevel::I => say::RED.get(lang),
        RespLevel::II => say::ORANGE.get(lang),
        RespLevel::III => say::YELLOW.get(lang),
        RespLevel::IV => say::BLUE.get(lang),
    }
}

fn open_incident(tx: &crate::store::Transaction<'_>, id: i64, lang: Lang) -> crate::store::Result<Incident> {
    let inc = sinc::get(tx, id)?;
    if inc.status == IncidentStatus::Closed {
        return Err(StoreError::Invalid(format!("#{}: {}", inc.reference, shared::INCIDENT_CLOSED.get(lang))));
    }
    Ok(inc)
}

/// Activates, raises, lowers (`--level`) or ends (`--end --conditions`) the incident's response level,
/// decided by a leader at `at` (default now). Activation and a raise start the level's readiness timers;
/// a lowering supersedes the timers the new level does not start; an end supersedes the open timers and
/// creates the 总结评估 duty. Refused: ending a response that is not active; the level already in force.
pub fn respond(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    act: &ResponseAct,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<LevelChange> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let (new, reason) = match act {
        ResponseAct::Level { level, reason } => {
            if reason.trim().is_empty() {
                return Err(OpError::invalid("reason", say::LEVEL_CHANGE_NEEDS_ITS_REASON.get(lang)));
            }
            (Some(*level), reason.trim().to_string())
        }
        ResponseAct::End { conditions } => {
            if conditions.trim().is_empty() {
                return Err(OpError::invalid("conditions", say::ENDING_RESPONSE_NEEDS_ITS_END.get(lang)));
            }
            (None, conditions.trim().to_string())
        }
    };
    let by = require_leader(store, "by", by, lang)?;
    let id = store.write(|tx| {
        let inc = open_incident(tx, incident_id, lang)?;
        if at < inc.learned_at {
            return Err(refuse("at", shared::BEFORE_LEARNED.get(lang)));
        }
        let history = slevel::changes_of(tx, incident_id)?;
        if let Some(last) = history.iter().rfind(|c| c.which == LevelWhich::Response)
            && at < last.at
        {
            return Err(refuse("at", say::BEFORE_LAST_RESPONSE_CHANGE.get(lang)));
        }
        let old = resp::current(&history, LevelWhich::Response);
        let existing = sob::all_of(tx, incident_id)?;
        let changes = resp::respond(&existing, old, new, at, &ctx.book.rules.response).map_err(|r| match r {
            resp::ResponseRefusal::NotActive => {
                refuse("end", format!("#{} {}", inc.reference, say::HAS_NO_ACTIVE_RESPONSE_END.get(lang)))
            }
            resp::ResponseRefusal::Unchanged => refuse(
                "level",
                format!("#{} {} {}", inc.reference, say::ALREADY_AT_RESPONSE_LEVEL.get(lang), level_text(old, lang)),
            ),
        })?;
        let why = match new {
            None => say::RESPONSE_ENDED.get(lang),
            Some(_) => say::RESPONSE_LEVEL_CHANGED.get(lang),
        };
        for oid in &changes.supersede {
            sob::end(tx, *oid, EndState::Superseded, why, &by, at, ctx.now, ctx.actor)?;
        }
        sob::add(tx, incident_id, &to_new(&changes.add), ctx.now, ctx.actor)?;
        let id = slevel::insert_change(
            tx,
            &NewLevelChange { incident_id, which: LevelWhich::Response, old, new, reason: &reason, by: &by, at },
            ctx.now,
            ctx.actor,
        )?;
        let event =
            LogEvent::Response { reference: inc.reference.clone(), old, new, reason: reason.clone(), by: by.clone() };
        slog::append(tx, &system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(id)
    })?;
    change(store, incident_id, id)
}

/// Sets the incident's warning level (`None`: lifted), decided by a leader at `at`, with the reason.
pub fn warn(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    level: Option<RespLevel>,
    reason: &str,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<LevelChange> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if reason.trim().is_empty() {
        return Err(OpError::invalid("reason", shared::REASON_REQUIRED.get(lang)));
    }
    let by = require_leader(store, "by", by, lang)?;
    let id = store.write(|tx| {
        let inc = open_incident(tx, incident_id, lang)?;
        if at < inc.learned_at {
            return Err(refuse("at", shared::BEFORE_LEARNED.get(lang)));
        }
        let history = slevel::changes_of(tx, incident_id)?;
        let old = resp::current(&history, LevelWhich::Warning);
        if old == level {
            return Err(refuse(
                "level",
                format!("#{} {} {}", inc.reference, say::WARNING_LEVEL_ALREADY.get(lang), level_text(old, lang)),
            ));
        }
        let id = slevel::insert_change(
            tx,
            &NewLevelChange {
                incident_id,
                which: LevelWhich::Warning,
                old,
                new: level,
                reason: reason.trim(),
                by: &by,
                at,
            },
            ctx.now,
            ctx.actor,
        )?;
        let event = LogEvent::Warning {
            reference: inc.reference.clone(),
            old,
            new: level,
            reason: reason.trim().to_string(),
            by: by.clone(),
        };
        slog::append(tx, &system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(id)
    })?;
    change(store, incident_id, id)
}

fn change(store: &Store, incident_id: i64, id: i64) -> OpResult<LevelChange> {
    slevel::changes_of(store.conn(), incident_id)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| OpError::Refused("level change vanished".into()))
}

/// Confirms a readiness item (`--item township-squad`) at `at`: the open timer of that item is done, late
/// when `at` is past its due time. The error lists the open items when there is none of that name.
pub fn ready(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    item: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<crate::domain::Obligation> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let item = item.trim();
    let kind = crate::domain::ObligationKind::Ready(item.to_string());
    let ob = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        let done = sob::fulfil(tx, incident_id, &kind, at, "ready", ctx.now, ctx.actor)?;
        let Some(ob) = done else {
            let open: Vec<String> =
                sob::open_of(tx, incident_id)?.iter().filter_map(|o| o.kind.ready_item().map(str::to_string)).collect();
            return Err(refuse(
                "item",
                format!(
                    "#{} {} `{item}`; {}: {}",
                    inc.reference,
                    say::HAS_NO_OPEN_READINESS_ITEM.get(lang),
                    shared::OPEN_ACKS.get(lang),
                    if open.is_empty() { "-".to_string() } else { open.join(", ") }
                ),
            ));
        };
        let label = |l: Lang| {
            ctx.book.rules.response.rule_of(&kind).map(|r| r.label(l).to_string()).unwrap_or_else(|| kind.to_string())
        };
        let event = LogEvent::Ready {
            reference: inc.reference.clone(),
            item: item.to_string(),
            label: Bi::new(label(Lang::Zh), label(Lang::En)),
            late: ob.late,
        };
        slog::append(tx, &system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(ob)
    })?;
    Ok(ob)
}

/// Records a 谎报 or 瞒报 finding from review, by a leader. Findings are never changed or deleted.
pub fn finding(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    kind: FindingKind,
    text: &str,
    by: &str,
) -> OpResult<Finding> {
    let lang = ctx.lang;
    if text.trim().is_empty() {
        return Err(OpError::invalid("text", say::FINDING_NEEDS_ITS_TEXT.get(lang)));
    }
    let by = require_leader(store, "by", by, lang)?;
    Ok(store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        let f = slevel::insert_finding(tx, incident_id, kind, text.trim(), &by, ctx.now, ctx.now, ctx.actor)?;
        let event =
            LogEvent::Finding { reference: inc.reference.clone(), kind, text: text.trim().to_string(), by: by.clone() };
        slog::append(tx, &system_line(incident_id, ctx, ctx.now, event), ctx.now)?;
        Ok(f)
    })?)
}
