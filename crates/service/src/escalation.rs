//! Escalation up the chain (逐级上报 / 越级上报) and acknowledgements (确认).

use crate::text::service::escalation as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::escalation as esc;
use crate::domain::log_event::LogEvent;
use crate::domain::{Channel, Escalation, Incident, IncidentStatus, Level, ObligationKind};
use crate::store::incident::{self as sinc, NewObligation};
use crate::store::log as slog;
use crate::store::{Store, StoreError, escalation as sesc, obligation as sob};
use crate::text::{Describe, Label};

/// An escalation step as the officer enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalateInput {
    pub level: Level,
    pub recipient: String,
    pub channel: Channel,
    pub at: Option<DateTime<Utc>>,
    pub skip_level: bool,
    pub reason: String,
}

/// Inserts a step and settles what it fulfils, inside the caller's transaction:
/// the own leader (`notify-leader`, and `notify-leader-after-skip` once a skip-level step was made),
/// the next upper room (`notify-upper`), a direct report the profile requires (`direct-province`), and
/// the tracking item for that level (the level now knows). A skip-level step creates the duty to tell
/// the own leader afterwards (docs/rules.md E1, PR-10); the skipped levels stay owed.
pub fn insert_step(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    inc: &Incident,
    step: &sesc::NewStep,
) -> crate::store::Result<i64> {
    let id = sesc::insert(tx, step, ctx.now, ctx.actor)?;
    let by = format!("escalation:{id}");
    let at = step.sent_at;
    let mut kinds: Vec<ObligationKind> = Vec::new();
    if step.level == Level::Leader {
        kinds.push(ObligationKind::NotifyLeader);
        kinds.push(ObligationKind::LeaderAfterSkip);
    } else {
        if esc::next_level(ctx.unit.level) == Some(step.level) {
            kinds.push(ObligationKind::NotifyUpper);
        }
        if step.level == Level::Province {
            kinds.push(ObligationKind::DirectProvince);
        }
    }
    for kind in &kinds {
        sob::fulfil(tx, inc.id, kind, at, &by, ctx.now, ctx.actor)?;
    }
    if step.level != Level::Leader {
        super::ledger::confirm_level(tx, ctx, inc.id, step.level, at, &step.recipient, &by)?;
    }
    if step.skip_level {
        let pending = sob::open_of(tx, inc.id)?.iter().any(|o| o.kind == ObligationKind::LeaderAfterSkip);
        if !pending {
            let due = at + chrono::Duration::minutes(ctx.book.escalation.skip_level_leader_within_minutes);
            sob::add(
                tx,
                inc.id,
                &[NewObligation { kind: ObligationKind::LeaderAfterSkip, anchor_at: at, due_at: due, tracking: false }],
                ctx.now,
                ctx.actor,
            )?;
        }
    }
    Ok(id)
}

/// Records an escalation step after checking the level, the skip-level reason and the recipient
/// (which must be in the directory at that level; the error lists the candidates).
pub fn escalate(store: &mut Store, ctx: &OpCtx<'_>, incident_id: i64, input: &EscalateInput) -> OpResult<Escalation> {
    let lang = ctx.lang;
    let at = input.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    // Skip-level is detected from the record, not declared: the basic checks run as an ordinary step.
    esc::validate_step(ctx.unit.level, input.level, false, "").map_err(|e| OpError::invalid("to", e.describe(lang)))?;
    let contact = ctx
        .book
        .directory
        .resolve(input.level, input.recipient.trim())
        .map_err(|e| OpError::invalid("recipient", e.describe(lang)))?
        .clone();
    let id = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if inc.status == IncidentStatus::Closed {
            return Err(StoreError::Invalid(format!("#{}: {}", inc.reference, shared::INCIDENT_CLOSED.get(lang))));
        }
        if at < inc.learned_at {
            return Err(StoreError::Invalid(format!("at: {}", shared::BEFORE_LEARNED.get(lang))));
        }
        let skipped = super::incident::skipped_levels(tx, ctx, &inc, input.level, at)?;
        if !skipped.is_empty() {
            if !input.skip_level {
                return Err(StoreError::Invalid(format!(
                    "to: {}",
                    super::incident::skip_error(&skipped, input.level, lang)
                )));
            }
            if input.reason.trim().is_empty() {
                return Err(StoreError::Invalid(format!(
                    "reason: {}",
                    esc::EscalationError::MissingReason.describe(lang)
                )));
            }
        }
        let step = sesc::NewStep {
            incident_id,
            level: input.level,
            recipient: contact.name.clone(),
            channel: input.channel,
            sent_at: at,
            sent_by: ctx.actor.to_string(),
            skip_level: !skipped.is_empty(),
            reason: input.reason.trim().to_string(),
        };
        let id = insert_step(tx, ctx, &inc, &step)?;
        super::link::enqueue_step(tx, ctx, incident_id, input.level, input.channel, "step")?;
        let event = LogEvent::Escalated {
            reference: inc.reference.clone(),
            level: input.level,
            recipient: contact.name.clone(),
            channel: input.channel,
            skip_reason: step.skip_level.then(|| step.reason.clone()),
        };
        slog::append(tx, &super::system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(id)
    })?;
    store
        .escalations(incident_id)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| OpError::Refused("step vanished".into()))
}

/// Records who at the upper room confirmed the latest step to `level`, and when.
pub fn ack(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    level: Level,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<Escalation> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if by.trim().is_empty() {
        return Err(OpError::invalid("by", shared::WHO_CONFIRMED_REQUIRED.get(lang)));
    }
    let id = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        let Some(step) = sesc::latest_to(tx, incident_id, level)? else {
            return Err(StoreError::Invalid(format!(
                "level: {} {}",
                level.label(lang),
                say::WAS_NEVER_SENT_STEP_NOTHING.get(lang)
            )));
        };
        esc::validate_ack(&step, at).map_err(|e| {
            let text = match &e {
                // Times in the unit's zone, as the officer typed them.
                esc::EscalationError::AckBeforeSend { at, sent } => {
                    let local = |t: DateTime<Utc>| t.with_timezone(&ctx.tz()).format("%Y-%m-%d %H:%M").to_string();
                    say::ack_before_sent(&local(*at), &local(*sent), lang)
                }
                other => other.describe(lang),
            };
            StoreError::Invalid(format!("at: {text}"))
        })?;
        sesc::set_ack(tx, step.id, at, by.trim(), ctx.now, ctx.actor)?;
        if level != Level::Leader {
            super::ledger::confirm_level(tx, ctx, incident_id, level, at, by.trim(), &format!("ack:{}", step.id))?;
        }
        let waited = esc::format_wait(at - step.sent_at);
        let event = LogEvent::Acked { reference: inc.reference.clone(), level, by: by.trim().to_string(), waited };
        slog::append(tx, &super::system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(step.id)
    })?;
    store
        .escalations(incident_id)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| OpError::Refused("step vanished".into()))
}
