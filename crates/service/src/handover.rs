//! Shift handover (交接班, docs/rules.md PR-13): the sheet generated from the data, two signatures
//! (outgoing first, then incoming, each a name from the roster), the lock, addenda, Markdown.

use crate::domain::log_event::LogEvent;
use crate::text::service::handover as say;
use crate::text::service::shared;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::pin::{PinProof, authorize};
use super::{OpCtx, OpError, OpResult};
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::domain::safe_text::md_cell;
use crate::domain::{Lang, Level, ObligationKind, Role, Shift};
use crate::store::Store;
use crate::store::equipment::DeviceStatus;
use crate::store::handover::{HandoverContent, HandoverRow, ObligationRow, Side};
use crate::store::log::LogFilter;
use crate::text::Label;
use crate::text::labels;

/// An incident line on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetIncident {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub category: String,
    pub grade: String,
    pub learned_at: DateTime<Utc>,
    pub status: String,
}

/// An obligation line on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetDue {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub kind: ObligationKind,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub late: bool,
    /// How it ended without being sent (missed, waived, superseded), if it did (issue 11). Sheets
    /// signed before this field existed read as `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<String>,
}

/// An escalation step still awaiting acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetStep {
    #[serde(rename = "ref")]
    pub reference: String,
    pub level: String,
    pub recipient: String,
    pub sent_at: DateTime<Utc>,
    pub overdue: bool,
}

/// A log entry on the sheet (instructions, spot checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLog {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: String,
    pub body: String,
    pub from: Option<String>,
}

/// A device in fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetFault {
    pub device: String,
    pub since: DateTime<Utc>,
    pub note: String,
}

/// The generated handover sheet, stored as JSON in `handover.sheet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub generated_at: DateTime<Utc>,
    pub outgoing: Vec<String>,
    pub incoming: Vec<String>,
    pub leader: Vec<String>,
    /// Incidents received (learned) in the period.
    pub received: Vec<SheetIncident>,
    /// Open incidents' next deadlines that fall in the next shift.
    pub next_shift_due: Vec<SheetDue>,
    /// Reports owed and not sent (due before the change).
    pub unsent: Vec<SheetDue>,
    /// Escalation steps sent and not acknowledged.
    pub unacked: Vec<SheetStep>,
    /// 迟报 items due in the period.
    pub late: Vec<SheetDue>,
    /// Leader instructions without feedback.
    pub open_instructions: Vec<SheetLog>,
    pub equipment_faults: Vec<SheetFault>,
    pub spot_checks: Vec<SheetLog>,
    pub remarks: String,
    /// 督办 tasks still open at the handover (issue 18). Sheets from before read as empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<SheetTask>,
    /// Recurring duties (duties.toml) due in this watch or the next, or still owed (issue 18).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<SheetDuty>,
}

/// A recurring duty's occurrence on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetDuty {
    pub name: String,
    pub day: String,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub late: bool,
}

/// An open 督办 task on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetTask {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub from: Option<String>,
    pub due_at: DateTime<Utc>,
    /// Past its due time at the handover (迟报).
    pub late: bool,
}

/// The watch around `at`: the duty officers' shifts covering it, and who comes on at its end.
#[derive(Debug, Clone)]
pub struct Watch {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub outgoing: Vec<Shift>,
    pub incoming: Vec<Shift>,
    pub leader: Vec<Shift>,
}

fn names(v: &[Shift]) -> Vec<String> {
    let mut n: Vec<String> = v.iter().map(|s| s.person_name.clone()).collect();
    n.dedup();
    n
}

/// Finds the current watch at `at` from the roster.
pub fn watch_at(store: &Store, at: DateTime<Utc>, lang: Lang) -> OpResult<Watch> {
    let on = store.shifts_at(at)?;
    let outgoing: Vec<Shift> = on.iter().filter(|s| s.role == Role::Officer).cloned().collect();
    let (Some(start), Some(end)) = (outgoing.iter().map(|s| s.start).min(), outgoing.iter().map(|s| s.end).min())
    else {
        return Err(OpError::invalid("at", say::NO_DUTY_OFFICER_ON_ROSTER.get(lang)));
    };
    let leader = on.iter().filter(|s| s.role == Role::Leader).cloned().collect();
    let incoming = store.shifts_at(end)?.into_iter().filter(|s| s.role == Role::Officer).collect();
    Ok(Watch { start, end, outgoing, incoming, leader })
}

fn due_line(o: &ObligationRow) -> SheetDue {
    SheetDue {
        reference: o.incident_ref.clone(),
        title: o.title.clone(),
        kind: o.obligation.kind.clone(),
        due_at: o.obligation.due_at,
        done_at: o.obligation.done_at,
        late: o.obligation.late || o.obligation.done_at.is_some_and(|d| d > o.obligation.due_at),
        ended: o.obligation.end.as_ref().map(|e| e.state.code().to_string()),
    }
}

/// Builds the sheet for `watch` from the data as it stands at `now`.
pub fn generate(
    store: &Store,
    watch: &Watch,
    now: DateTime<Utc>,
    ack_timeout: Duration,
    remarks: &str,
) -> OpResult<Sheet> {
    let received = store
        .incidents_learned_between(watch.start, watch.end)?
        .into_iter()
        .map(|i| SheetIncident {
            id: i.id,
            reference: i.reference,
            title: i.title,
            category: i.category.code().into(),
            grade: i.grade.code().into(),
            learned_at: i.learned_at,
            status: i.status.code().into(),
        })
        .collect();
    let next_end = watch.incoming.iter().map(|s| s.end).max().unwrap_or(watch.end + Duration::hours(24));
    let open = store.open_incidents(10_000)?;
    let mut next_shift_due = Vec::new();
    let mut unacked = Vec::new();
    for inc in &open {
        let next = store
            .obligations(inc.id)?
            .into_iter()
            .filter(|o| o.is_open() && !o.tracking)
            .min_by_key(|o| (o.due_at, o.id));
        if let Some(o) = next
            && o.due_at >= watch.end
            && o.due_at < next_end
        {
            next_shift_due.push(SheetDue {
                reference: inc.reference.clone(),
                title: inc.title.clone(),
                kind: o.kind.clone(),
                due_at: o.due_at,
                done_at: None,
                late: o.late,
                ended: None,
            });
        }
        let steps = store.escalations(inc.id)?;
        for (level, step) in latest_per_level(&steps, now) {
            if level == Level::Leader {
                continue;
            }
            match step_state(Some(step), now, ack_timeout) {
                StepState::AwaitingAck { .. } | StepState::AckOverdue { .. } => unacked.push(SheetStep {
                    reference: inc.reference.clone(),
                    level: level.code().into(),
                    recipient: step.recipient.clone(),
                    sent_at: step.sent_at,
                    overdue: matches!(step_state(Some(step), now, ack_timeout), StepState::AckOverdue { .. }),
                }),
                _ => {}
            }
        }
    }
    next_shift_due.sort_by_key(|d| d.due_at);
    unacked.sort_by_key(|s| s.sent_at);
    let unsent = store.obligations_open_before(watch.end)?.iter().map(due_line).collect();
    let late = store
        .obligations_due_in(watch.start, watch.end)?
        .iter()
        .filter(|o| super::incident::late_at(&o.obligation, now))
        .map(due_line)
        .map(|mut d| {
            d.late = true;
            d
        })
        .collect();
    let log_line = |r: &crate::store::log::LogRow| SheetLog {
        id: r.entry.id,
        at: r.entry.at,
        author: r.entry.author.clone(),
        body: r.entry.body.clone(),
        from: r.data.as_ref().and_then(|d| d.get("from")).and_then(|v| v.as_str()).map(str::to_string),
    };
    let open_instructions = store.open_instructions(now)?.iter().map(log_line).collect();
    let mut spot_checks: Vec<SheetLog> = store
        .log_between(&LogFilter {
            from: Some(watch.start),
            to: Some(watch.end),
            kind: Some(crate::domain::LogKind::SpotCheck),
            before: None,
            limit: 1000,
            ..Default::default()
        })?
        .iter()
        .map(log_line)
        .collect();
    spot_checks.reverse();
    let equipment_faults = store
        .equipment_status(now)?
        .into_iter()
        .filter(|d: &DeviceStatus| !d.ok)
        .map(|d| SheetFault { device: d.device, since: d.at, note: d.note })
        .collect();
    let tasks = store
        .tasks(true)?
        .into_iter()
        .map(|t| SheetTask {
            late: t.late_at(now),
            id: t.id,
            title: t.title,
            owner: t.owner,
            from: t.from_leader,
            due_at: t.due_at,
        })
        .collect();
    // Due in this watch or the next, or still owed from before.
    let mut duties: Vec<SheetDuty> = store
        .duties(false, 10_000)?
        .into_iter()
        .filter(|d| (d.due_at >= watch.start && d.due_at < next_end) || (d.is_open() && d.due_at < watch.start))
        .map(|d| SheetDuty {
            late: d.late_at(now),
            day: d.day.format("%Y-%m-%d").to_string(),
            name: d.name,
            due_at: d.due_at,
            done_at: d.done_at,
            reference: d.reference,
        })
        .collect();
    duties.sort_by_key(|d| d.due_at);
    Ok(Sheet {
        duties,
        tasks,
        period_start: watch.start,
        period_end: watch.end,
        generated_at: now,
        outgoing: names(&watch.outgoing),
        incoming: names(&watch.incoming),
        leader: names(&watch.leader),
        received,
        next_shift_due,
        unsent,
        unacked,
        late,
        open_instructions,
        equipment_faults,
        spot_checks,
        remarks: remarks.to_string(),
    })
}

fn join(v: &[String]) -> String {
    v.join("、")
}

fn locked_msg(id: i64, lang: Lang) -> OpError {
    OpError::invalid("id", format!("{id}: {}", say::HANDOVER_SIGNED_BY_BOTH_OFFICERS.get(lang)))
}

/// Drafts (or regenerates) the sheet for the watch at `at` (default now) with the outgoing officer's remarks.
pub fn draft(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    at: Option<DateTime<Utc>>,
    remarks: Option<&str>,
) -> OpResult<HandoverRow> {
    let lang = ctx.lang;
    let watch = watch_at(store, at.unwrap_or(ctx.now), lang)?;
    // A sheet already on record for this very watch: a locked one refuses edits with the lock message.
    let existing = store.handovers(None, 50)?.into_iter().find(|h| h.head.period_start == watch.start);
    if let Some(h) = &existing {
        if h.locked {
            return Err(locked_msg(h.head.id, lang));
        }
        if h.head.outgoing_signed_at.is_some() {
            return Err(OpError::invalid(
                "id",
                format!("{}: {}", h.head.id, say::OUTGOING_OFFICER_HAS_SIGNED_CONTENT.get(lang)),
            ));
        }
    }
    let remarks =
        remarks.map(str::to_string).or_else(|| existing.as_ref().map(|h| h.head.remarks.clone())).unwrap_or_default();
    // The ledger as of now (迟报 stamped, recurring duties made and answered) before the sheet reads it.
    let _ = super::ledger::advance(store, ctx);
    let sheet = generate(store, &watch, ctx.now, ctx.book.escalation.ack_timeout(), &remarks)?;
    let content = HandoverContent {
        period_start: watch.start,
        period_end: watch.end,
        outgoing: join(&sheet.outgoing),
        incoming: join(&sheet.incoming),
        leader: join(&sheet.leader),
        remarks: remarks.clone(),
        sheet: serde_json::to_value(&sheet).map_err(|e| OpError::Refused(e.to_string()))?,
    };
    let id = store.save_handover_draft(&content, ctx.now, ctx.actor).map_err(|e| match e {
        crate::store::StoreError::Invalid(m) => OpError::invalid("period", m),
        other => other.into(),
    })?;
    get(store, id, lang)
}

/// Changes the remarks of a draft (and regenerates it). Refused once signed.
pub fn set_remarks(store: &mut Store, ctx: &OpCtx<'_>, id: i64, remarks: &str) -> OpResult<HandoverRow> {
    let h = get(store, id, ctx.lang)?;
    if h.locked {
        return Err(locked_msg(id, ctx.lang));
    }
    let watch = watch_at(store, h.head.period_start, ctx.lang)?;
    let sheet = generate(store, &watch, ctx.now, ctx.book.escalation.ack_timeout(), remarks)?;
    let value = serde_json::to_value(&sheet).map_err(|e| OpError::Refused(e.to_string()))?;
    store.update_handover(id, &value, remarks, ctx.now, ctx.actor).map_err(|e| match e {
        crate::store::StoreError::Invalid(m) => OpError::invalid("id", m),
        other => other.into(),
    })?;
    get(store, id, ctx.lang)
}

pub fn get(store: &Store, id: i64, lang: Lang) -> OpResult<HandoverRow> {
    store.handover(id)?.ok_or_else(|| OpError::invalid("id", format!("{} {id}", say::NO_HANDOVER.get(lang))))
}

/// The officers the roster puts on the outgoing or incoming side of this sheet's change.
pub fn roster_names(store: &Store, h: &HandoverRow, side: Side) -> OpResult<Vec<String>> {
    let t = match side {
        Side::Outgoing => h.head.period_end - Duration::seconds(1),
        Side::Incoming => h.head.period_end,
    };
    Ok(store.shifts_at(t)?.into_iter().filter(|s| s.role == Role::Officer).map(|s| s.person_name).collect())
}

/// Records a signature: `name` must be an officer of that side's shift on the roster; the outgoing
/// officer signs first; nobody signs twice. After both, the sheet is locked.
pub fn sign(store: &mut Store, ctx: &OpCtx<'_>, id: i64, name: &str, side: Side) -> OpResult<HandoverRow> {
    sign_with(store, ctx, id, name, side, &PinProof::default())
}

/// [`sign`] with the signer's PIN, or `--unverified REASON` ([`crate::pin::authorize`]): the
/// signature's duty-log line says when it was not verified.
pub fn sign_with(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    id: i64,
    name: &str,
    side: Side,
    proof: &PinProof,
) -> OpResult<HandoverRow> {
    let lang = ctx.lang;
    let h = get(store, id, lang)?;
    let name = name.trim();
    let allowed = roster_names(store, &h, side)?;
    let side_label = match side {
        Side::Outgoing => say::OUTGOING.get(lang),
        Side::Incoming => say::INCOMING.get(lang),
    };
    if !allowed.iter().any(|n| n == name) {
        return Err(OpError::invalid(
            "as",
            format!(
                "{name} {} {side_label} {}: {}",
                say::IS_NOT_THE.get(lang),
                say::DUTY_OFFICER_ON_ROSTER.get(lang),
                if allowed.is_empty() { say::NONE_ALLOWED.get(lang).to_string() } else { allowed.join("、") }
            ),
        ));
    }
    let already = match side {
        Side::Outgoing => h.head.outgoing_signed_at,
        Side::Incoming => h.head.incoming_signed_at,
    };
    if let Some(t) = already {
        return Err(OpError::invalid(
            "as",
            format!("{side_label} {} {}", say::ALREADY_SIGNED_AT.get(lang), t.to_rfc3339()),
        ));
    }
    if side == Side::Incoming && h.head.outgoing_signed_at.is_none() {
        return Err(OpError::invalid("incoming", say::OUTGOING_OFFICER_SIGNS_FIRST.get(lang)));
    }
    let (open, close) = signing_window(&h, ctx);
    if ctx.now < open || ctx.now > close {
        let tz = ctx.tz();
        return Err(OpError::Refused(format!(
            "{} {} – {} ({} {})",
            say::HANDOVER_CAN_SIGNED_ONLY_FROM.get(lang),
            dt(open, tz),
            dt(close, tz),
            say::NOW.get(lang),
            dt(ctx.now, tz)
        )));
    }
    let late = side == Side::Incoming && ctx.now > h.head.period_end;
    let signed = authorize(store, ctx, "as", name, "handover.sign", proof)?;
    if side == Side::Outgoing {
        // The sheet that is signed is the sheet that is kept (issue 16): regenerated from the data
        // at the moment of the outgoing signature, which both signatures then cover. A draft made
        // hours earlier would miss what became late since (66 迟报 on the sheet, 67 in `stats`).
        let _ = store.mark_overdue(ctx.now, ctx.actor);
        let watch = watch_at(store, h.head.period_start, lang)?;
        let sheet = generate(store, &watch, ctx.now, ctx.book.escalation.ack_timeout(), &h.head.remarks)?;
        let value = serde_json::to_value(&sheet).map_err(|e| OpError::Refused(e.to_string()))?;
        store.update_handover(id, &value, &h.head.remarks, ctx.now, ctx.actor).map_err(|e| match e {
            crate::store::StoreError::Invalid(m) => OpError::invalid("id", m),
            other => other.into(),
        })?;
    }
    let event = LogEvent::HandoverSigned {
        handover: id,
        side: side.code().to_string(),
        name: name.to_string(),
        late,
        unverified: signed.unverified(),
    };
    let body = crate::text::log_events::render(&event, Lang::Zh);
    let mut data = event.to_data();
    if let Some(o) = data.as_object_mut() {
        o.insert("signature".into(), signed.data(name));
    }
    store.sign_handover(id, side, ctx.now, ctx.now, name, late, &body, data)?;
    get(store, id, lang)
}

/// Duties that became late after the outgoing signature (due after it and, at `now`, done late or
/// still owed past due): the signed content does not have them, so the incoming officer is shown
/// them before signing (issue 16). Empty once the incoming officer has signed or before the outgoing one.
pub fn late_since_outgoing(store: &Store, h: &HandoverRow, now: DateTime<Utc>) -> OpResult<Vec<SheetDue>> {
    let (Some(signed), None) = (h.head.outgoing_signed_at, h.head.incoming_signed_at) else {
        return Ok(Vec::new());
    };
    if now <= signed {
        return Ok(Vec::new());
    }
    let rows = store.obligations_due_in(signed + Duration::seconds(1), now + Duration::seconds(1))?;
    Ok(rows
        .iter()
        .filter(|o| {
            let ob = &o.obligation;
            ob.end.is_none() && (ob.done_at.is_none_or(|d| d > ob.due_at)) && ob.due_at < now
        })
        .map(due_line)
        .collect())
}

/// When the sheet may be signed: from `handover_prompt_minutes` before its change until
/// `handover_grace_minutes` after it (unit.toml).
pub fn signing_window(h: &HandoverRow, ctx: &OpCtx<'_>) -> (DateTime<Utc>, DateTime<Utc>) {
    let change = h.head.period_end;
    (
        change - Duration::minutes(i64::from(ctx.unit.handover_prompt_minutes)),
        change + Duration::minutes(i64::from(ctx.unit.handover_grace_minutes)),
    )
}

/// Appends an addendum (the only change a locked sheet accepts).
pub fn addendum(store: &mut Store, ctx: &OpCtx<'_>, id: i64, text: &str) -> OpResult<HandoverRow> {
    get(store, id, ctx.lang)?;
    if text.trim().is_empty() {
        return Err(OpError::invalid("text", say::ADDENDUM_EMPTY.get(ctx.lang)));
    }
    store.add_handover_addendum(id, text, ctx.now, ctx.actor)?;
    get(store, id, ctx.lang)
}

/// The sheet of a stored handover (`None` when its JSON is unreadable).
pub fn sheet_of(h: &HandoverRow) -> Option<Sheet> {
    serde_json::from_str(h.sheet.as_str()).ok()
}

fn dt(t: DateTime<Utc>, ctx_tz: chrono_tz::Tz) -> String {
    t.with_timezone(&ctx_tz).format("%Y-%m-%d %H:%M").to_string()
}

/// [`late_since_outgoing`] of each of `sheets` awaiting its incoming signature, by sheet id.
pub fn late_since_by_sheet<'a>(
    store: &Store,
    sheets: impl IntoIterator<Item = &'a HandoverRow>,
    now: DateTime<Utc>,
) -> OpResult<std::collections::HashMap<i64, Vec<SheetDue>>> {
    let mut out = std::collections::HashMap::new();
    for h in sheets {
        if h.head.outgoing_signed_at.is_some() && h.head.incoming_signed_at.is_none() && !out.contains_key(&h.head.id) {
            let items = late_since_outgoing(store, h, now)?;
            if !items.is_empty() {
                out.insert(h.head.id, items);
            }
        }
    }
    Ok(out)
}

/// The lines shown to the incoming officer for duties late since the outgoing signature.
pub fn late_since_lines(items: &[SheetDue], lang: Lang, tz: chrono_tz::Tz) -> Vec<String> {
    items
        .iter()
        .map(|d| {
            format!(
                "#{} {} · {} · {} {}{}",
                d.reference,
                d.title,
                labels::obligation_kind(&d.kind, lang),
                shared::DUE.get(lang),
                dt(d.due_at, tz),
                d.done_at.map(|t| format!(" · {} {}", say::SENT.get(lang), dt(t, tz))).unwrap_or_default()
            )
        })
        .collect()
}

/// The heading of [`late_since_lines`].
pub fn late_since_heading(lang: Lang) -> &'static str {
    say::LATE_SINCE_OUTGOING_SIGNATURE.get(lang)
}

/// The sheet as Markdown, in `lang`.
pub fn markdown(h: &HandoverRow, lang: Lang, tz: chrono_tz::Tz) -> String {
    use std::fmt::Write as _;
    let mut md = String::new();
    let none = shared::NONE.get(lang);
    let sheet = sheet_of(h);
    let _ = writeln!(md, "# {} #{}", say::SHIFT_HANDOVER.get(lang), h.head.id);
    let _ = writeln!(md);
    let _ =
        writeln!(md, "- {}: {} – {}", say::PERIOD.get(lang), dt(h.head.period_start, tz), dt(h.head.period_end, tz));
    let _ = writeln!(md, "- {}: {}", say::OUTGOING_OFFICER.get(lang), md_cell(&h.head.outgoing));
    let _ = writeln!(md, "- {}: {}", say::INCOMING_OFFICER.get(lang), md_cell(&h.head.incoming));
    let _ = writeln!(
        md,
        "- {}: {}",
        shared::LEADER_ON_DUTY.get(lang),
        if h.head.leader.is_empty() { none.to_string() } else { md_cell(&h.head.leader) }
    );
    let status = if h.locked {
        say::SIGNED_BY_BOTH_LOCKED.get(lang)
    } else if h.head.outgoing_signed_at.is_some() {
        say::OUTGOING_SIGNED_AWAITING_INCOMING.get(lang)
    } else {
        say::DRAFT_NOT_SIGNED.get(lang)
    };
    let _ = writeln!(md, "- {}: {status}", say::STATUS.get(lang));
    if let Some(s) = &sheet {
        // When the content was taken: the outgoing signature regenerates it (issue 16).
        let when = if h.head.outgoing_signed_at.is_some() {
            say::AT_OUTGOING_SIGNATURE.get(lang)
        } else {
            say::DRAFT.get(lang)
        };
        let _ = writeln!(md, "- {}: {}{when}", say::CONTENT_TAKEN_AT.get(lang), dt(s.generated_at, tz));
    }
    if !h.record_head.is_empty() {
        let label = if h.head.outgoing_signed_at.is_some() {
            say::RECORD_HEAD_AT_SIGNATURE.get(lang)
        } else {
            crate::text::docs::head_label(lang)
        };
        let _ = writeln!(md, "- {label}: `{}`", h.record_head);
    }
    // Each signature, flagged when it was not verified by the signer's PIN.
    for (act, by, unverified) in &h.signatures {
        let side = if act.contains("outgoing") {
            say::OUTGOING_SIGNATURE.get(lang)
        } else {
            say::INCOMING_SIGNATURE.get(lang)
        };
        let late = if act.ends_with(".late") { say::LATE_SIGNATURE.get(lang) } else { "" };
        let how = match unverified {
            None => say::PIN_VERIFIED.get(lang).to_string(),
            Some(why) => format!(
                "**{}** ({})",
                say::UNVERIFIED.get(lang),
                md_cell(crate::text::service::pin::unverified_reason(why, lang))
            ),
        };
        let _ = writeln!(md, "- {side}: {}{late} · {how}", md_cell(by));
    }
    let section = |md: &mut String, title: &str, lines: Vec<String>| {
        let _ = writeln!(md, "\n## {title}\n");
        if lines.is_empty() {
            let _ = writeln!(md, "- {none}");
        }
        // Each item holds stored text (titles, instructions, notes): kept to its one line.
        for l in lines {
            let _ = writeln!(md, "- {}", md_cell(&l));
        }
    };
    if let Some(s) = sheet {
        let due = |d: &SheetDue| {
            let done = d.done_at.map(|t| format!(" · {} {}", say::SENT.get(lang), dt(t, tz))).unwrap_or_default();
            let late = match &d.ended {
                // A duty that ended unsent says how (漏报, waived, superseded): lateness is part of it.
                Some(code) => format!(" · {}", labels::obligation_state(code, lang)),
                None if d.late => format!(" ·{}", say::LATE_FLAG.get(lang)),
                None => String::new(),
            };
            format!(
                "#{} {} · {} · {} {}{done}{late}",
                d.reference,
                d.title,
                labels::obligation_kind(&d.kind, lang),
                shared::DUE.get(lang),
                dt(d.due_at, tz)
            )
        };
        section(
            &mut md,
            say::INCIDENTS_RECEIVED_THIS_WATCH.get(lang),
            s.received
                .iter()
                .map(|i| {
                    let cat = i.category.parse::<crate::domain::Category>().map(|c| c.label(lang)).unwrap_or("");
                    let grade = i.grade.parse::<crate::domain::Grade>().map(|g| g.label(lang)).unwrap_or("");
                    format!(
                        "#{} {} · {cat} {grade} · {} {}",
                        i.reference,
                        i.title,
                        say::LEARNED.get(lang),
                        dt(i.learned_at, tz)
                    )
                })
                .collect(),
        );
        section(&mut md, say::DEADLINES_FALLING_IN_NEXT_WATCH.get(lang), s.next_shift_due.iter().map(due).collect());
        section(&mut md, say::REPORTS_OWED_NOT_SENT.get(lang), s.unsent.iter().map(due).collect());
        section(
            &mut md,
            say::ESCALATIONS_NOT_ACKNOWLEDGED.get(lang),
            s.unacked
                .iter()
                .map(|x| {
                    let level = x.level.parse::<Level>().map(|l| l.label(lang)).unwrap_or("");
                    let over = if x.overdue { format!(" · {}", say::ACK_OVERDUE.get(lang)) } else { String::new() };
                    format!(
                        "#{} → {level} {} · {}{over}",
                        x.reference,
                        x.recipient,
                        say::sent_at(&dt(x.sent_at, tz), lang)
                    )
                })
                .collect(),
        );
        section(&mut md, say::LATE_REPORTS.get(lang), s.late.iter().map(due).collect());
        section(
            &mut md,
            say::LEADER_INSTRUCTIONS_AWAITING_FEEDBACK.get(lang),
            s.open_instructions
                .iter()
                .map(|l| format!("[{}] {} {} · {}", l.id, dt(l.at, tz), l.from.clone().unwrap_or_default(), l.body))
                .collect(),
        );
        if !s.duties.is_empty() {
            section(
                &mut md,
                say::RECURRING_DUTIES.get(lang),
                s.duties
                    .iter()
                    .map(|d| {
                        let state = match (d.done_at, d.late) {
                            (Some(t), late) => format!(
                                "{} {}{}",
                                say::DONE.get(lang),
                                dt(t, tz),
                                if late { say::LATE_FLAG.get(lang) } else { "" }
                            ),
                            (None, true) => say::OVERDUE.get(lang).to_string(),
                            (None, false) => say::OWED.get(lang).to_string(),
                        };
                        let doc = d.reference.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
                        format!(
                            "{} · {} {} · {state}{doc}",
                            super::duties::shipped_label(&d.name, lang),
                            shared::DUE.get(lang),
                            dt(d.due_at, tz)
                        )
                    })
                    .collect(),
            );
        }
        if !s.tasks.is_empty() {
            section(
                &mut md,
                say::TASKS_STILL_OPEN.get(lang),
                s.tasks
                    .iter()
                    .map(|t| {
                        let late = if t.late { format!(" · {}", say::TASK_OVERDUE.get(lang)) } else { String::new() };
                        let from =
                            t.from.as_deref().map(|f| format!(" · {} {f}", say::SET_BY.get(lang))).unwrap_or_default();
                        format!(
                            "[{}] {} · {} {} · {} {}{from}{late}",
                            t.id,
                            t.title,
                            say::OWNER.get(lang),
                            t.owner,
                            shared::DUE.get(lang),
                            dt(t.due_at, tz)
                        )
                    })
                    .collect(),
            );
        }
        section(
            &mut md,
            say::EQUIPMENT_FAULTS.get(lang),
            s.equipment_faults
                .iter()
                .map(|f| {
                    format!(
                        "{} · {} {} · {}",
                        crate::log::device_label(&f.device, lang),
                        say::SINCE.get(lang),
                        dt(f.since, tz),
                        f.note
                    )
                })
                .collect(),
        );
        section(
            &mut md,
            say::SPOT_CHECKS.get(lang),
            s.spot_checks.iter().map(|l| format!("{} · {}", dt(l.at, tz), l.body)).collect(),
        );
    }
    let _ = writeln!(md, "\n## {}\n", say::OUTGOING_REMARKS.get(lang));
    let remarks = h.head.remarks.trim();
    let _ = writeln!(md, "{}", if remarks.is_empty() { none.to_string() } else { md_cell(remarks) });
    let _ = writeln!(md, "\n## {}\n", say::SIGNATURES.get(lang));
    let sig = |t: Option<DateTime<Utc>>| t.map(|t| dt(t, tz)).unwrap_or_else(|| say::NOT_SIGNED.get(lang).to_string());
    let _ = writeln!(
        md,
        "- {}: {} · {}",
        say::OUTGOING_SIGNER.get(lang),
        md_cell(&h.head.outgoing),
        sig(h.head.outgoing_signed_at)
    );
    let _ = writeln!(
        md,
        "- {}: {} · {}",
        say::INCOMING_SIGNER.get(lang),
        md_cell(&h.head.incoming),
        sig(h.head.incoming_signed_at)
    );
    if !h.addenda.is_empty() {
        let _ = writeln!(md, "\n## {}\n", say::ADDENDA.get(lang));
        for a in &h.addenda {
            let _ = writeln!(md, "- {} {} · {}", dt(a.at, tz), md_cell(&a.author), md_cell(&a.body));
        }
    }
    md
}

pub use crate::domain::handover::should_prompt;

/// The sheet of the watch covering `now`, if one was drafted.
pub fn current_sheet(
    store: &Store,
    now: DateTime<Utc>,
) -> crate::store::Result<Option<crate::store::handover::HandoverRow>> {
    let Some(h) =
        store.handovers(None, 10)?.into_iter().find(|h| h.head.period_start <= now && now < h.head.period_end)
    else {
        return Ok(None);
    };
    store.handover(h.head.id)
}
