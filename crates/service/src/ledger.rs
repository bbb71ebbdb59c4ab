//! The obligation ledger's use cases: waiving a duty, confirming what the chain relayed, and keeping the
//! ledger current as the clock moves (迟报 stamped, the 续报 chain grown). Rules live in
//! [`crate::domain::ledger`]; each function here is one store transaction with its audit events.

use crate::text::service::ledger as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::deadlines::IncidentFacts;
use crate::domain::ledger;
use crate::domain::log_event::LogEvent;
use crate::domain::{EndState, Incident, IncidentStatus, Lang, Level, Obligation, ObligationKind, Role};
use crate::store::incident::{self as sinc, NewObligation};
use crate::store::log as slog;
use crate::store::{Store, StoreError, obligation as sob};

/// The facts the planner needs, as the incident stands.
pub fn facts(i: &Incident) -> IncidentFacts {
    IncidentFacts {
        category: i.category,
        grade: i.grade,
        occurred_at: i.occurred_at,
        learned_at: i.learned_at,
        ended_at: i.ended_at,
    }
}

/// What this unit owes (and tracks) for an incident with these facts.
pub fn plan(f: &IncidentFacts, ctx: &OpCtx<'_>) -> Vec<crate::domain::deadlines::PlannedObligation> {
    ledger::plan(f, ctx.unit.level, &ctx.book.rules, &ctx.book.escalation, ctx.tz())
}

/// Planned items as rows to insert.
pub fn to_new(p: &[crate::domain::deadlines::PlannedObligation]) -> Vec<NewObligation> {
    p.iter()
        .map(|p| NewObligation { kind: p.kind.clone(), anchor_at: p.anchor_at, due_at: p.due_at, tracking: p.tracking })
        .collect()
}

/// A person who may decide for the unit: active, with the leader role. The error names the field.
pub fn require_leader(store: &Store, field: &str, name: &str, lang: Lang) -> OpResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(OpError::invalid(field, say::NAME_LEADER_REQUIRED.get(lang)));
    }
    let person = store.person_by_name(name)?;
    match person {
        Some(p) if p.active && p.roles.contains(&Role::Leader) => Ok(p.name),
        Some(p) if !p.active => {
            Err(OpError::invalid(field, format!("`{name}` {}", shared::NOT_ACTIVE_PERSON.get(lang))))
        }
        Some(_) => Err(OpError::invalid(field, format!("`{name}` {}", say::DOES_NOT_HAVE_LEADER_ROLE.get(lang)))),
        None => Err(OpError::invalid(field, format!("`{name}` {}", shared::NOT_A_PERSON.get(lang)))),
    }
}

/// Grows the incident's 续报 chain past `ctx.now` when it is active (handling open, the grade owes
/// follow-ups), inside the caller's transaction.
pub fn grow_chain(tx: &crate::store::Transaction<'_>, ctx: &OpCtx<'_>, inc: &Incident) -> crate::store::Result<()> {
    let grade = ctx.book.rules.effective_grade(inc.grade);
    let active = inc.status == IncidentStatus::Open
        && ctx.book.rules.followup.as_ref().is_some_and(|f| f.grades.contains(&grade));
    let slots: Vec<Obligation> =
        sob::all_of(tx, inc.id)?.into_iter().filter(|o| o.kind == ObligationKind::Followup && !o.tracking).collect();
    let add = ledger::extend_followups(&slots, ctx.now, active, &ctx.book.rules, ctx.tz());
    if !add.is_empty() {
        sob::add(tx, inc.id, &to_new(&add), ctx.now, ctx.actor)?;
    }
    Ok(())
}

/// Keeps the ledger current at `ctx.now`: stamps 迟报 on every duty past its deadline, and grows each
/// open incident's 续报 chain so the slot now running exists. Run on the board's minute tick and before
/// the CLI reads the ledger. A read-only file is left as it is.
pub fn advance(store: &mut Store, ctx: &OpCtx<'_>) -> OpResult<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let due = sob::chains_to_extend(store.conn(), ctx.now)?;
    if !due.is_empty() {
        store.write(|tx| {
            for id in &due {
                let inc = sinc::get(tx, *id)?;
                grow_chain(tx, ctx, &inc)?;
            }
            Ok(())
        })?;
    }
    store.mark_overdue(ctx.now, ctx.actor)?;
    // 督办 tasks are duties too: 迟报 stamped the same way (issue 18).
    store.mark_tasks_overdue(ctx.now, ctx.actor)?;
    // Recurring duties: today's occurrences made, zero reports answered, 迟报 stamped.
    super::duties::advance(store, ctx)?;
    Ok(())
}

/// Which duties a waive names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiveTarget {
    /// One duty by its id (`incident show --json` → `obligations[].id`).
    Obligation(i64),
    /// Every open duty of this kind.
    Kind(ObligationKind),
}

/// Waives open duties (经批准免报): a leader decides a duty is not needed, with a reason. Each ends
/// `waived`, with who, when and why; one already overdue keeps its 迟报 and counts as missed.
pub fn waive(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    target: &WaiveTarget,
    reason: &str,
    by: &str,
) -> OpResult<Vec<Obligation>> {
    waive_with(store, ctx, incident_id, target, reason, by, &super::pin::PinProof::default())
}

/// [`waive`] with the deciding leader's PIN or `--unverified REASON` ([`super::pin::authorize`]).
pub fn waive_with(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    target: &WaiveTarget,
    reason: &str,
    by: &str,
    proof: &super::pin::PinProof,
) -> OpResult<Vec<Obligation>> {
    let lang = ctx.lang;
    if reason.trim().is_empty() {
        return Err(OpError::invalid("reason", say::WAIVER_NEEDS_ITS_REASON.get(lang)));
    }
    let by = require_leader(store, "by", by, lang)?;
    let signed = super::pin::authorize(store, ctx, "by", &by, "waive", proof)?;
    let ids = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        let open: Vec<Obligation> = sob::open_of(tx, incident_id)?.into_iter().filter(|o| !o.tracking).collect();
        let chosen: Vec<&Obligation> = match target {
            WaiveTarget::Obligation(id) => open.iter().filter(|o| o.id == *id).collect(),
            WaiveTarget::Kind(k) => open.iter().filter(|o| &o.kind == k).collect(),
        };
        if chosen.is_empty() {
            let list: Vec<String> = open.iter().map(|o| format!("{} ({})", o.id, o.kind)).collect();
            let (field, what) = match target {
                WaiveTarget::Obligation(id) => ("obligation", id.to_string()),
                WaiveTarget::Kind(k) => ("kind", k.to_string()),
            };
            return Err(StoreError::Invalid(format!(
                "{field}: #{} {} `{what}`; {}",
                inc.reference,
                say::HAS_NO_OPEN_DUTY.get(lang),
                say::open_duties(&if list.is_empty() { "-".to_string() } else { list.join(", ") }, lang)
            )));
        }
        let mut ids = Vec::new();
        for o in chosen {
            sob::end(tx, o.id, EndState::Waived, reason.trim(), &by, ctx.now, ctx.now, ctx.actor)?;
            let event = LogEvent::Waived {
                reference: inc.reference.clone(),
                kind: o.kind.clone(),
                by: by.clone(),
                reason: reason.trim().to_string(),
                unverified: signed.unverified(),
            };
            let mut line = super::system_line(incident_id, ctx, ctx.now, event);
            super::merge_data(&mut line, serde_json::json!({ "act": "waive", "signature": signed.data(&by) }));
            slog::append(tx, &line, ctx.now)?;
            ids.push(o.id);
        }
        // A waived running slot: the chain moves on to the next one.
        grow_chain(tx, ctx, &inc)?;
        Ok(ids)
    })?;
    let all = store.obligations(incident_id)?;
    Ok(all.into_iter().filter(|o| ids.contains(&o.id)).collect())
}

/// Confirms that the chain reached `level` (what the upper room said on the phone): the tracking item
/// for that level is confirmed at `at` by `by`.
pub fn relay(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    level: Level,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<Obligation> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if by.trim().is_empty() {
        return Err(OpError::invalid("by", say::WHO_SAID_SO_REQUIRED.get(lang)));
    }
    let id = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if at < inc.learned_at {
            return Err(StoreError::Invalid(format!("at: {}", shared::BEFORE_LEARNED.get(lang))));
        }
        let Some(id) = sob::open_tracking(tx, incident_id, &ObligationKind::Reach(level))? else {
            let tracked: Vec<String> = sob::open_of(tx, incident_id)?
                .iter()
                .filter(|o| o.tracking)
                .filter_map(|o| o.kind.tracking_level())
                .map(|l| l.code().to_string())
                .collect();
            return Err(StoreError::Invalid(format!(
                "level: #{} {} `{}`; {}: {}",
                inc.reference,
                say::TRACKS_NO_OPEN_RELAY.get(lang),
                level.code(),
                shared::OPEN_ACKS.get(lang),
                if tracked.is_empty() { "-".to_string() } else { tracked.join(", ") }
            )));
        };
        sob::confirm(tx, id, at, by.trim(), "relay", ctx.now, ctx.actor)?;
        let event = LogEvent::Relayed { reference: inc.reference.clone(), level, by: by.trim().to_string() };
        slog::append(tx, &super::system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(id)
    })?;
    store
        .obligations(incident_id)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| OpError::Refused("tracking item vanished".into()))
}

/// Confirms the open tracking item for `level`, if there is one (our own step to that level, or its
/// acknowledgement, proves the chain reached it).
pub fn confirm_level(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    level: Level,
    at: DateTime<Utc>,
    by: &str,
    source: &str,
) -> crate::store::Result<()> {
    if let Some(id) = sob::open_tracking(tx, incident_id, &ObligationKind::Reach(level))? {
        sob::confirm(tx, id, at, by, source, ctx.now, ctx.actor)?;
    }
    Ok(())
}
