//! Corrections (issue 15): `incident correct ID --report N --reason TEXT --by NAME`. The report stays on
//! the record (shown struck through with the reason); the duties it fulfilled are open again at their
//! original due times (overdue if that time has passed; 迟报 then follows from the real send); a closed
//! incident whose duty opens again is reopened (handling ended, not closed), with the reason on record.
//! Nothing is deleted, and a correction is never itself corrected.

use super::{OpCtx, OpError, OpResult};
use crate::domain::{IncidentStatus, LogKind};
use crate::store::correction::{self as scor, Correction, NewCorrection};
use crate::store::incident as sinc;
use crate::store::log::{self as slog, NewLogEntry};
use crate::store::{Store, StoreError};

/// Corrects report `report_id` of the incident.
pub fn correct_report(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    report_id: i64,
    reason: &str,
    by: &str,
) -> OpResult<Correction> {
    let lang = ctx.lang;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OpError::invalid("reason", lang.pick("须填写更正理由", "a correction needs its reason")));
    }
    let by = by.trim();
    if by.is_empty() {
        return Err(OpError::invalid("by", lang.pick("须填写更正人", "who corrects it is required")));
    }
    let reports = store.reports(incident_id)?;
    let Some(report) = reports.iter().find(|r| r.id == report_id) else {
        let ids: Vec<String> =
            reports.iter().map(|r| format!("{} ({})", r.id, super::incident::report_label(r, lang))).collect();
        return Err(OpError::invalid(
            "report",
            format!(
                "{} {report_id}; {}: {}",
                lang.pick("此事件没有报送记录", "this incident has no report"),
                lang.pick("现有", "its reports"),
                if ids.is_empty() { lang.pick("无", "none").to_string() } else { ids.join(", ") }
            ),
        ));
    };
    let label = super::incident::report_label(report, lang);
    let id = store.write(|tx| {
        if let Some(c) = scor::of(tx, "report", report_id)? {
            return Err(StoreError::Invalid(format!(
                "report: {} {report_id} {} ({}, {})",
                lang.pick("报送", "report"),
                lang.pick("已更正过,更正不能再更正", "is already corrected; a correction is not corrected again"),
                c.reason,
                c.by
            )));
        }
        let inc = sinc::get(tx, incident_id)?;
        let mut reopened = scor::reopen_fulfilled(tx, &format!("report:{report_id}"), ctx.now, ctx.actor)?;
        // The step the report recorded (it told that level) is corrected with it.
        let step = sinc::step_of_report(tx, report_id)?.filter(|s| scor::of(tx, "step", *s).ok().flatten().is_none());
        if let Some(s) = step {
            reopened.extend(scor::reopen_fulfilled(tx, &format!("escalation:{s}"), ctx.now, ctx.actor)?);
        }
        // Tracking items reopened (a relay no longer confirmed) never block a close: only own duties reopen it.
        let own_duty = !reopened.is_empty()
            && crate::store::obligation::all_of(tx, incident_id)?
                .iter()
                .any(|o| reopened.contains(&o.id) && !o.tracking);
        let reopens_incident = inc.status == IncidentStatus::Closed && own_duty;
        if reopens_incident {
            sinc::begin_change(tx, incident_id, None, ctx.now, ctx.actor)?;
            tx.execute("UPDATE incident SET status = 'ended', closed_at = NULL WHERE id = ?1", [incident_id])?;
            sinc::audit_change(tx, incident_id, "incident.reopen", ctx.now, ctx.actor)?;
        }
        let c = NewCorrection {
            incident_id,
            target: "report",
            target_id: report_id,
            reason,
            by,
            at: ctx.now,
            reopened: &reopened,
        };
        let cid = scor::insert(tx, &c, ctx.now, ctx.actor)?;
        if let Some(s) = step {
            let c = NewCorrection { target: "step", target_id: s, reopened: &[], ..c };
            scor::insert(tx, &c, ctx.now, ctx.actor)?;
        }
        let mut body = format!(
            "#{} {} {label} → {} ({}: {reason}; {by})",
            inc.reference,
            lang.pick("更正报送", "report corrected:"),
            report.recipient,
            lang.pick("理由", "reason")
        );
        if !reopened.is_empty() {
            body.push_str(&format!(" {} {}", lang.pick("重新待办时限", "duties open again:"), reopened.len()));
        }
        if reopens_incident {
            body.push_str(lang.pick(" 事件重新打开", "; the incident is reopened"));
        }
        let line = NewLogEntry {
            at: ctx.now,
            author: ctx.actor.to_string(),
            kind: LogKind::System,
            incident_id: Some(incident_id),
            body,
            corrects: None,
            data: None,
        };
        slog::append(tx, &line, ctx.now)?;
        Ok(cid)
    })?;
    store
        .corrections(incident_id)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| OpError::Refused("correction vanished".into()))
}
