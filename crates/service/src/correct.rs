//! Corrections (issue 15): `incident correct ID --report N | --step N | --ack N --reason TEXT --by NAME`.
//! The entry stays on the record (a report or step is shown struck through with the reason; a corrected
//! ack's who and when are kept in the correction); the duties it fulfilled are open again at their
//! original due times (overdue if that time has passed; 迟报 then follows from the real send); a closed
//! incident whose own duty opens again is reopened (handling ended, not closed), with the reason on
//! record. Nothing is deleted, and an entry is corrected once: a correction is never corrected.

use super::{OpCtx, OpError, OpResult};
use crate::domain::log_event::Bi;
use crate::domain::{IncidentStatus, Lang};
use crate::store::correction::{self as scor, Correction, NewCorrection};
use crate::store::incident as sinc;
use crate::store::log as slog;
use crate::store::{Store, StoreError};
use crate::text::Label;
use crate::text::service::correct as say;
use crate::text::service::shared;

/// What is corrected: a report, an escalation step, or the acknowledgement of a step (ids as
/// `incident show --json` gives them: `reports[].id`, `escalations[].id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Report(i64),
    Step(i64),
    Ack(i64),
}

impl Target {
    fn code(self) -> &'static str {
        match self {
            Target::Report(_) => "report",
            Target::Step(_) => "step",
            Target::Ack(_) => "ack",
        }
    }

    fn id(self) -> i64 {
        match self {
            Target::Report(n) | Target::Step(n) | Target::Ack(n) => n,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Target::Report(_) => say::REPORT.get(lang),
            Target::Step(_) => say::STEP.get(lang),
            Target::Ack(_) => say::ACKNOWLEDGEMENT_STEP.get(lang),
        }
    }
}

fn not_found(t: Target, have: Vec<String>, lang: Lang) -> OpError {
    OpError::invalid(
        t.code(),
        format!(
            "{} {} {}; {}: {}",
            say::THIS_INCIDENT_HAS_NO.get(lang),
            t.label(lang),
            t.id(),
            say::IT_HAS.get(lang),
            if have.is_empty() { shared::NONE.get(lang).to_string() } else { have.join(", ") }
        ),
    )
}

/// "already corrected; a correction is not corrected again", with the correction's reason and who.
fn already_msg(t: Target, c: &Correction, lang: Lang) -> String {
    format!(
        "{} {} {} ({}, {})",
        t.label(lang),
        t.id(),
        say::ALREADY_CORRECTED_CORRECTION_NOT_CORRECTED.get(lang),
        c.reason,
        c.by
    )
}

fn already_text(t: Target, c: &Correction, lang: Lang) -> String {
    format!("{}: {}", t.code(), already_msg(t, c, lang))
}

fn already(t: Target, c: &Correction, lang: Lang) -> OpError {
    OpError::invalid(t.code(), already_msg(t, c, lang))
}

/// Records the correction of `target` on the incident.
pub fn correct(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    target: Target,
    reason: &str,
    by: &str,
) -> OpResult<Correction> {
    let lang = ctx.lang;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OpError::invalid("reason", say::CORRECTION_NEEDS_ITS_REASON.get(lang)));
    }
    let by = by.trim();
    if by.is_empty() {
        return Err(OpError::invalid("by", say::WHO_CORRECTS_IT_REQUIRED.get(lang)));
    }
    // What the entry is, for the log line and the checks, read before the write.
    // A report or step that went to a linked room by `system` is withdrawn there too (a CAP Cancel).
    let by_system;
    let (what, step_of_report, original) = match target {
        Target::Report(n) => {
            let reports = store.reports(incident_id)?;
            let Some(r) = reports.iter().find(|r| r.id == n) else {
                let have =
                    reports.iter().map(|r| format!("{} ({})", r.id, super::incident::report_label(r, lang))).collect();
                return Err(not_found(target, have, lang));
            };
            by_system = r.channel == crate::domain::Channel::System;
            let what = Bi::new(
                format!("{} → {}", super::incident::report_label(r, Lang::Zh), r.recipient),
                format!("{} → {}", super::incident::report_label(r, Lang::En), r.recipient),
            );
            (what, true, serde_json::json!({ "kind": r.kind.code(), "recipient": r.recipient }))
        }
        Target::Step(n) | Target::Ack(n) => {
            let steps = store.escalations(incident_id)?;
            let Some(s) = steps.iter().find(|s| s.id == n) else {
                let have =
                    steps.iter().map(|s| format!("{} ({} {})", s.id, s.level.label(lang), s.recipient)).collect();
                return Err(not_found(target, have, lang));
            };
            if let Target::Ack(_) = target
                && s.acked_at.is_none()
            {
                // The ack given was corrected and none was given since: that correction is not corrected.
                if let Some(c) =
                    store.corrections(incident_id)?.into_iter().rfind(|c| c.target == "ack" && c.target_id == n)
                {
                    return Err(already(target, &c, lang));
                }
                return Err(OpError::invalid(
                    "ack",
                    format!("{} {n} {}", say::STEP.get(lang), say::HAS_NO_ACKNOWLEDGEMENT.get(lang)),
                ));
            }
            by_system = s.channel == crate::domain::Channel::System && target == Target::Step(n);
            let what = Bi::new(
                format!("{} {}", s.level.label(Lang::Zh), s.recipient),
                format!("{} {}", s.level.label(Lang::En), s.recipient),
            );
            let original = match target {
                Target::Ack(_) => serde_json::json!({
                    "acked_at": s.acked_at.map(|t| t.with_timezone(&ctx.tz()).to_rfc3339()),
                    "acked_by": s.acked_by,
                }),
                _ => serde_json::json!({ "level": s.level.code(), "recipient": s.recipient }),
            };
            (what, false, original)
        }
    };
    let id = store.write(|tx| {
        // An ack is corrected once per ack given: the one standing on the step now (a step acknowledged
        // again after a correction has a new ack, which can be corrected in its turn).
        let mut ack_seq = 0;
        let mut original = original.clone();
        if let Target::Ack(n) = target {
            let Some((at, who)) = scor::current_ack(tx, n)? else {
                let prior = scor::acks_of(tx, n)?;
                return Err(match prior.last() {
                    Some(c) => StoreError::Invalid(already_text(target, c, lang)),
                    None => StoreError::Invalid(format!(
                        "ack: {} {n} {}",
                        say::STEP.get(lang),
                        say::HAS_NO_ACKNOWLEDGEMENT.get(lang)
                    )),
                });
            };
            ack_seq = scor::acks_of(tx, n)?.len() as i64;
            original = serde_json::json!({
                "acked_at": at.with_timezone(&ctx.tz()).to_rfc3339(),
                "acked_by": who,
            });
        } else if let Some(c) = scor::of(tx, target.code(), target.id())? {
            return Err(StoreError::Invalid(already_text(target, &c, lang)));
        }
        let inc = sinc::get(tx, incident_id)?;
        let mut reopened = Vec::new();
        // The steps corrected with this entry: the step itself, or the one a report recorded.
        let mut steps: Vec<i64> = Vec::new();
        match target {
            Target::Report(n) => {
                reopened.extend(scor::reopen_fulfilled(tx, &format!("report:{n}"), ctx.now, ctx.actor)?);
                if step_of_report
                    && let Some(s) = sinc::step_of_report(tx, n)?
                    && scor::of(tx, "step", s)?.is_none()
                {
                    steps.push(s);
                }
            }
            Target::Step(n) => steps.push(n),
            Target::Ack(n) => {
                scor::clear_ack(tx, n, ctx.now, ctx.actor)?;
                reopened.extend(scor::reopen_fulfilled(tx, &format!("ack:{n}"), ctx.now, ctx.actor)?);
            }
        }
        for s in &steps {
            // A step that stands no more: what it did and the ack it received are undone.
            reopened.extend(scor::reopen_fulfilled(tx, &format!("escalation:{s}"), ctx.now, ctx.actor)?);
            reopened.extend(scor::reopen_fulfilled(tx, &format!("ack:{s}"), ctx.now, ctx.actor)?);
        }
        // Tracking items reopened (a relay no longer confirmed) never block a close: own duties reopen it.
        let own_duty =
            crate::store::obligation::all_of(tx, incident_id)?.iter().any(|o| reopened.contains(&o.id) && !o.tracking);
        let reopens_incident = inc.status == IncidentStatus::Closed && own_duty;
        if reopens_incident {
            sinc::begin_change(tx, incident_id, None, ctx.now, ctx.actor)?;
            tx.execute("UPDATE incident SET status = 'ended', closed_at = NULL WHERE id = ?1", [incident_id])?;
            sinc::audit_change(tx, incident_id, "incident.reopen", ctx.now, ctx.actor)?;
        }
        let c = NewCorrection {
            incident_id,
            target: target.code(),
            target_id: target.id(),
            reason,
            by,
            at: ctx.now,
            reopened: &reopened,
            original: &original,
            ack_seq,
        };
        let cid = scor::insert(tx, &c, ctx.now, ctx.actor)?;
        let none = serde_json::json!({});
        for s in steps.iter().filter(|s| target != Target::Step(**s)) {
            let c = NewCorrection { target: "step", target_id: *s, reopened: &[], original: &none, ack_seq: 0, ..c };
            scor::insert(tx, &c, ctx.now, ctx.actor)?;
        }
        let event = crate::domain::log_event::LogEvent::Corrected {
            reference: inc.reference.clone(),
            target: Bi::new(target.label(Lang::Zh), target.label(Lang::En)),
            what: what.clone(),
            reason: reason.to_string(),
            by: by.to_string(),
            reopened: reopened.len(),
            reopens_incident,
        };
        let line = super::system_line(incident_id, ctx, ctx.now, event);
        slog::append(tx, &line, ctx.now)?;
        if by_system {
            super::link::enqueue_cancel(tx, ctx, incident_id)?;
        }
        Ok(cid)
    })?;
    store
        .corrections(incident_id)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| OpError::Refused("correction vanished".into()))
}
