//! Incidents: intake, the report chain, grade changes, end of handling, closing.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::deadlines::{self, IncidentFacts, PlannedObligation};
use crate::domain::escalation::{self as esc, KIND_LEADER_AFTER_SKIP};
use crate::domain::{
    Category, Channel, Escalation, Grade, Incident, IncidentStatus, Lang, LogKind, Obligation, Report, ReportKind,
    Source,
};
use crate::store::incident::{self as sinc, IncidentInput, NewObligation, NewReport, ValidIncident};
use crate::store::log::{self as slog, NewLogEntry};
use crate::store::{Store, escalation as sesc, obligation as sob};

/// Everything owed for an incident with these facts: the deadline rules plus the escalation chain
/// (own leader, next upper room, and each level up to the grade's target). One obligation per kind;
/// where both rule tables name a kind, the earlier deadline wins.
pub fn plan(facts: &IncidentFacts, ctx: &OpCtx<'_>) -> Vec<PlannedObligation> {
    let mut out = deadlines::plan(facts, &ctx.book.rules, ctx.tz());
    let grade = if facts.grade == Grade::Unknown { ctx.book.rules.unknown_grade_as } else { facts.grade };
    if facts.ended_at.is_none() {
        for step in esc::required_steps(ctx.unit.level, grade, &ctx.book.escalation) {
            let due_at = facts.learned_at + chrono::Duration::minutes(step.within_minutes);
            let planned = PlannedObligation { kind: step.kind, due_at, anchor_at: facts.learned_at };
            match out.iter_mut().find(|p| p.kind == planned.kind) {
                Some(existing) if existing.due_at <= planned.due_at => {}
                Some(existing) => *existing = planned,
                None => out.push(planned),
            }
        }
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then(a.kind.cmp(&b.kind)));
    out
}

fn to_new(p: &[PlannedObligation]) -> Vec<NewObligation> {
    p.iter().map(|p| NewObligation { kind: p.kind.clone(), anchor_at: p.anchor_at, due_at: p.due_at }).collect()
}

fn facts(i: &Incident) -> IncidentFacts {
    IncidentFacts {
        category: i.category,
        grade: i.grade,
        occurred_at: i.occurred_at,
        learned_at: i.learned_at,
        ended_at: i.ended_at,
    }
}

fn log_line(incident_id: i64, ctx: &OpCtx<'_>, at: DateTime<Utc>, body: String) -> NewLogEntry {
    NewLogEntry {
        at,
        author: ctx.actor.to_string(),
        kind: LogKind::System,
        incident_id: Some(incident_id),
        body,
        corrects: None,
        data: None,
    }
}

/// Checks the intake form's content; the error names the field.
pub fn validate<'a>(input: &'a IncidentInput, ctx: &OpCtx<'_>) -> OpResult<ValidIncident<'a>> {
    let lang = ctx.lang;
    if input.title.trim().is_empty() {
        return Err(OpError::invalid("title", lang.pick("标题不能为空", "must not be empty")));
    }
    let category = input.category.ok_or_else(|| {
        OpError::invalid("category", format!("{}: {}", lang.pick("请选择类别", "required"), Category::valid_codes()))
    })?;
    let learned_at = input.learned_at.unwrap_or(ctx.now);
    let occurred_at = input.occurred_at.unwrap_or(learned_at);
    not_future("learned", learned_at, ctx.now, lang)?;
    if occurred_at > learned_at {
        return Err(OpError::invalid("occurred", lang.pick("发生时间晚于获知时间", "occurred-at is after learned-at")));
    }
    let ref_year = learned_at.with_timezone(&ctx.tz()).year();
    Ok(ValidIncident {
        input,
        category,
        grade: input.grade.unwrap_or(Grade::Unknown),
        occurred_at,
        learned_at,
        source: input.source.unwrap_or(Source::Phone),
        ref_year,
    })
}

/// Saves a new incident with its obligations and a duty-log line, in one transaction.
pub fn add(store: &mut Store, ctx: &OpCtx<'_>, input: &IncidentInput) -> OpResult<Incident> {
    let v = validate(input, ctx)?;
    let f = IncidentFacts {
        category: v.category,
        grade: v.grade,
        occurred_at: v.occurred_at,
        learned_at: v.learned_at,
        ended_at: None,
    };
    let obligations = to_new(&plan(&f, ctx));
    // The incident, its obligations, their audit events and the duty-log line commit together: a
    // crash between them must not leave an incident without its log line (or the reverse).
    let id = store.write(|tx| {
        let id = sinc::insert_incident(tx, &v, &obligations, ctx.now, ctx.actor)?;
        let incident = sinc::get(tx, id)?;
        let body = format!(
            "{} #{} {} {} {}",
            ctx.lang.pick("接报", "received"),
            incident.reference,
            incident.title,
            incident.category.label(ctx.lang),
            incident.grade.label(ctx.lang)
        );
        slog::append(tx, &log_line(id, ctx, incident.learned_at, body), ctx.now)?;
        Ok(id)
    })?;
    reload(store, id)
}

/// A report the officer records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub kind: ReportKind,
    pub to: String,
    pub channel: Channel,
    pub at: Option<DateTime<Utc>>,
    pub signer: String,
    pub doc_no: String,
}

/// Records a report in the chain, fulfils its obligation (迟报 stays if it was late), numbers 续报,
/// schedules the next follow-up, and — when the recipient is an upper room or the own leader in the
/// directory — records the matching escalation step too (one phone call, one entry).
pub fn record_report(store: &mut Store, ctx: &OpCtx<'_>, incident_id: i64, r: &ReportInput) -> OpResult<Report> {
    let lang = ctx.lang;
    let at = r.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if r.to.trim().is_empty() {
        return Err(OpError::invalid("to", lang.pick("请填写报送对象", "recipient is required")));
    }
    let contact = ctx.book.directory.find(r.to.trim()).cloned();
    if contact.is_none() {
        let all: Vec<String> = ctx.book.directory.contacts.iter().map(|c| c.name.clone()).collect();
        return Err(OpError::invalid(
            "to",
            format!(
                "{} `{}`; {}: {}",
                lang.pick("通讯录中没有", "not in the directory:"),
                r.to.trim(),
                lang.pick("可选", "candidates"),
                all.join(", ")
            ),
        ));
    }
    let is_written =
        matches!(r.kind, ReportKind::FirstWritten | ReportKind::Followup | ReportKind::Final | ReportKind::National);
    if is_written && r.channel != Channel::Phone && r.signer.trim().is_empty() && r.kind != ReportKind::National {
        // 签发: a written report is signed off by the leader; record who.
        return Err(OpError::invalid(
            "signer",
            lang.pick("书面报告须填写签发人", "a written report needs its signer (签发)"),
        ));
    }
    let id = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if inc.status == IncidentStatus::Closed {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                inc.reference,
                lang.pick("事件已办结,不能再报送", "the incident is closed; no more reports")
            )));
        }
        if at < inc.learned_at {
            return Err(crate::store::StoreError::Invalid(format!(
                "at: {}",
                lang.pick("报送时间早于获知时间", "is before the incident was learned of")
            )));
        }
        let seq = match r.kind {
            ReportKind::Followup => sinc::count_reports(tx, incident_id, ReportKind::Followup)? + 1,
            _ => 0,
        };
        let new = NewReport {
            incident_id,
            kind: r.kind,
            sent_at: at,
            recipient: r.to.trim().to_string(),
            channel: r.channel,
            signer: r.signer.trim().to_string(),
            doc_no: r.doc_no.trim().to_string(),
            sent_by: ctx.actor.to_string(),
        };
        let rid = sinc::insert_report(tx, &new, seq, ctx.now, ctx.actor)?;
        let by = format!("report:{rid}");
        let fulfilled = sob::fulfil(tx, incident_id, r.kind.code(), at, &by, ctx.now, ctx.actor)?;
        match r.kind {
            ReportKind::Followup if inc.status == IncidentStatus::Open => {
                let after = fulfilled.as_ref().map(|o| o.due_at.max(at)).unwrap_or(at);
                let still_open = sob::open_of(tx, incident_id)?.iter().any(|o| o.kind == r.kind.code());
                if !still_open && let Some(next) = deadlines::next_followup_slot(after, &ctx.book.rules, ctx.tz()) {
                    sob::add(
                        tx,
                        incident_id,
                        &[NewObligation { kind: r.kind.code().into(), anchor_at: after, due_at: next }],
                        ctx.now,
                        ctx.actor,
                    )?;
                }
            }
            ReportKind::Final if inc.status == IncidentStatus::Open => {
                // A final report means handling has ended: no more follow-ups are owed.
                end_in_tx(tx, ctx, &inc, at, false)?;
            }
            _ => {}
        }
        // The first report to a level also records that the level has been told (one phone call,
        // one entry); later reports to the same level are reports only, not new escalation steps.
        let told = match &contact {
            Some(c) => sesc::latest_to(tx, incident_id, c.level)?.is_some(),
            None => true,
        };
        if let Some(c) = contact.as_ref().filter(|_| !told) {
            let step = sesc::NewStep {
                incident_id,
                level: c.level,
                recipient: c.name.clone(),
                channel: r.channel,
                sent_at: at,
                sent_by: ctx.actor.to_string(),
                skip_level: false,
                reason: String::new(),
            };
            super::escalation::insert_step(tx, ctx, &inc, &step)?;
        }
        let label = match r.kind {
            ReportKind::Followup => format!("{}{}", r.kind.label(lang), crate::domain::written_report::zh_number(seq)),
            k => k.label(lang).to_string(),
        };
        let late = fulfilled.as_ref().is_some_and(|o| o.late);
        let body = format!(
            "#{} {} → {} ({}){}",
            inc.reference,
            label,
            new.recipient,
            r.channel.label(lang),
            if late { lang.pick(" 迟报", " LATE") } else { "" }
        );
        slog::append(tx, &log_line(incident_id, ctx, at, body), ctx.now)?;
        Ok(rid)
    })?;
    store
        .reports(incident_id)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| OpError::Refused("report vanished".into()))
}

/// Re-plans the open obligations for changed facts: done ones are kept (with any 迟报), pending ones
/// move to their new deadlines, ones no longer owed are voided, new ones are added.
fn replan(tx: &rusqlite::Transaction<'_>, ctx: &OpCtx<'_>, inc: &Incident) -> OpResult<()> {
    let existing = store_obligations(tx, inc.id)?;
    let planned = plan(&facts(inc), ctx);
    // Follow-ups and skip-level items are scheduled by events, not by the plan: leave them alone.
    let managed: Vec<Obligation> = existing
        .into_iter()
        .filter(|o| o.kind != ReportKind::Followup.code() && o.kind != KIND_LEADER_AFTER_SKIP)
        .collect();
    let planned_managed: Vec<PlannedObligation> =
        planned.iter().filter(|p| p.kind != ReportKind::Followup.code()).cloned().collect();
    let r = deadlines::regrade(&managed, &planned_managed);
    for (id, due) in r.move_due {
        sob::move_due(tx, id, due, ctx.now, ctx.actor)?;
    }
    for id in r.void {
        sob::void(tx, id, "regrade", ctx.now, ctx.actor)?;
    }
    sob::add(tx, inc.id, &to_new(&r.add), ctx.now, ctx.actor)?;
    // A grade that now owes follow-ups gets its first one if none is pending.
    let has_followup = sob::open_of(tx, inc.id)?.iter().any(|o| o.kind == ReportKind::Followup.code());
    if !has_followup && inc.ended_at.is_none() {
        let first = planned.iter().find(|p| p.kind == ReportKind::Followup.code()).cloned();
        let done_before = store_obligations(tx, inc.id)?.iter().any(|o| o.kind == ReportKind::Followup.code());
        if let Some(p) = first.filter(|_| !done_before) {
            sob::add(tx, inc.id, &to_new(&[p]), ctx.now, ctx.actor)?;
        }
    }
    Ok(())
}

fn store_obligations(tx: &rusqlite::Transaction<'_>, id: i64) -> OpResult<Vec<Obligation>> {
    let mut stmt = tx
        .prepare_cached(&format!(
            "SELECT {} FROM obligation WHERE incident_id = ?1 AND voided_at IS NULL ORDER BY due_at, id",
            sinc::OBLIGATION_COLS
        ))
        .map_err(crate::store::StoreError::from)?;
    let rows = stmt
        .query_map(rusqlite::params![id], sinc::obligation_from_row)
        .map_err(crate::store::StoreError::from)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(crate::store::StoreError::from)?;
    Ok(rows)
}

/// Changes the grade (PR-06: who, when, old → new is logged) and re-plans what is owed.
pub fn change_grade(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    grade: Grade,
    expected_version: Option<i64>,
) -> OpResult<Incident> {
    let lang = ctx.lang;
    store.write(|tx| {
        let old = sinc::begin_change(tx, incident_id, expected_version, ctx.now, ctx.actor)?;
        if old.status == IncidentStatus::Closed {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                old.reference,
                lang.pick("事件已办结", "the incident is closed")
            )));
        }
        sinc::set_grade(tx, incident_id, grade)?;
        sinc::audit_change(tx, incident_id, "incident.grade", ctx.now, ctx.actor)?;
        let new = sinc::get(tx, incident_id)?;
        replan(tx, ctx, &new).map_err(|e| match e {
            OpError::Store(s) => s,
            other => crate::store::StoreError::Invalid(other.to_string()),
        })?;
        let body = format!(
            "#{} {} {} → {} ({})",
            old.reference,
            lang.pick("等级调整", "grade changed"),
            old.grade.label(lang),
            grade.label(lang),
            ctx.actor
        );
        slog::append(tx, &log_line(incident_id, ctx, ctx.now, body), ctx.now)?;
        Ok(())
    })?;
    reload(store, incident_id)
}

fn end_in_tx(
    tx: &rusqlite::Transaction<'_>,
    ctx: &OpCtx<'_>,
    inc: &Incident,
    at: DateTime<Utc>,
    log: bool,
) -> crate::store::Result<()> {
    sinc::begin_change(tx, inc.id, None, ctx.now, ctx.actor)?;
    sinc::set_status(tx, inc.id, IncidentStatus::Ended, Some(at), None)?;
    sinc::audit_change(tx, inc.id, "incident.end", ctx.now, ctx.actor)?;
    for ob in sob::open_of(tx, inc.id)? {
        if ob.kind == ReportKind::Followup.code() {
            sob::void(tx, ob.id, "handling ended", ctx.now, ctx.actor)?;
        }
    }
    let final_done = sinc::count_reports(tx, inc.id, ReportKind::Final)? > 0;
    if !final_done && let Some(w) = ctx.book.rules.final_report.within() {
        sob::add(
            tx,
            inc.id,
            &[NewObligation { kind: ReportKind::Final.code().into(), anchor_at: at, due_at: at + w }],
            ctx.now,
            ctx.actor,
        )?;
    }
    if log {
        let body =
            format!("#{} {}", inc.reference, ctx.lang.pick("处置结束,终报待报", "handling ended; final report due"));
        slog::append(tx, &log_line(inc.id, ctx, at, body), ctx.now)?;
    }
    Ok(())
}

/// Marks handling as ended (处置结束): follow-ups stop, the 终报 becomes due.
pub fn end_handling(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    at: Option<DateTime<Utc>>,
) -> OpResult<Incident> {
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, ctx.lang)?;
    store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if inc.status != IncidentStatus::Open {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                inc.reference,
                ctx.lang.pick("处置已结束", "handling has already ended")
            )));
        }
        end_in_tx(tx, ctx, &inc, at, true)
    })?;
    reload(store, incident_id)
}

/// Closes an incident (办结). Refused without a 终报, or while the own leader has not been told
/// after a skip-level report.
pub fn close(store: &mut Store, ctx: &OpCtx<'_>, incident_id: i64) -> OpResult<Incident> {
    let lang = ctx.lang;
    let inc =
        store.incident(incident_id)?.ok_or_else(|| OpError::Refused(format!("incident {incident_id} not found")))?;
    if inc.status == IncidentStatus::Closed {
        return Err(OpError::Refused(format!("#{}: {}", inc.reference, lang.pick("事件已办结", "already closed"))));
    }
    if !store.reports(incident_id)?.iter().any(|r| r.kind == ReportKind::Final) {
        return Err(OpError::Refused(format!(
            "#{}: {}",
            inc.reference,
            lang.pick("没有终报,不能办结", "cannot close without a final report (终报)")
        )));
    }
    let open = store.obligations(incident_id)?;
    if open.iter().any(|o| o.kind == KIND_LEADER_AFTER_SKIP && o.done_at.is_none()) {
        return Err(OpError::Refused(format!(
            "#{}: {}",
            inc.reference,
            lang.pick(
                "越级上报后尚未向本级领导报告,不能办结",
                "the own leader has not been told after the skip-level report"
            )
        )));
    }
    store.write(|tx| {
        sinc::begin_change(tx, incident_id, None, ctx.now, ctx.actor)?;
        sinc::set_status(tx, incident_id, IncidentStatus::Closed, None, Some(ctx.now))?;
        sinc::audit_change(tx, incident_id, "incident.close", ctx.now, ctx.actor)?;
        for ob in sob::open_of(tx, incident_id)? {
            sob::void(tx, ob.id, "incident closed", ctx.now, ctx.actor)?;
        }
        let body = format!("#{} {}", inc.reference, lang.pick("办结", "closed"));
        slog::append(tx, &log_line(incident_id, ctx, ctx.now, body), ctx.now)?;
        Ok(())
    })?;
    reload(store, incident_id)
}

/// The JSON shape of an incident on the CLI (DESIGN.md §5).
#[derive(Debug, Serialize)]
pub struct IncidentJson {
    /// The record itself (for callers); serialised through `fields`, with times in the unit's offset.
    #[serde(skip)]
    pub incident: Incident,
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub obligations: Vec<ObligationJson>,
    pub reports: Vec<Report>,
    pub escalations: Vec<EscalationJson>,
}

#[derive(Debug, Serialize)]
pub struct ObligationJson {
    pub kind: String,
    pub due_at: String,
    pub done_at: Option<String>,
    pub late: bool,
    pub state: String,
}

#[derive(Debug, Serialize)]
pub struct EscalationJson {
    pub level: String,
    pub recipient: String,
    pub channel: String,
    pub sent_at: String,
    pub acked_at: Option<String>,
    pub acked_by: Option<String>,
    pub skip_level: bool,
    pub reason: String,
}

/// Builds the JSON view, with times in RFC 3339 with the unit's offset.
pub fn to_json(store: &Store, ctx: &OpCtx<'_>, inc: Incident) -> OpResult<IncidentJson> {
    let tz = ctx.tz();
    let fmt = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    let due_soon = ctx.book.rules.due_soon();
    let obligations = store
        .obligations(inc.id)?
        .into_iter()
        .map(|o| ObligationJson {
            state: deadlines::state_of(&o, ctx.now, due_soon).code().to_string(),
            kind: o.kind.clone(),
            due_at: fmt(o.due_at),
            done_at: o.done_at.map(fmt),
            late: o.late || deadlines::is_late(o.due_at, o.done_at, ctx.now),
        })
        .collect();
    let escalations = store
        .escalations(inc.id)?
        .into_iter()
        .map(|e: Escalation| EscalationJson {
            level: e.level.code().into(),
            recipient: e.recipient,
            channel: e.channel.code().into(),
            sent_at: fmt(e.sent_at),
            acked_at: e.acked_at.map(fmt),
            acked_by: e.acked_by,
            skip_level: e.skip_level,
            reason: e.reason,
        })
        .collect();
    let reports = store.reports(inc.id)?;
    let mut fields = match serde_json::to_value(&inc) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    // Every time in the document carries the unit's offset, like the obligations and `list`.
    for (key, t) in [
        ("occurred_at", Some(inc.occurred_at)),
        ("learned_at", Some(inc.learned_at)),
        ("ended_at", inc.ended_at),
        ("closed_at", inc.closed_at),
    ] {
        fields.insert(key.into(), t.map(|t| serde_json::Value::from(fmt(t))).unwrap_or(serde_json::Value::Null));
    }
    Ok(IncidentJson { incident: inc, fields, obligations, reports, escalations })
}

/// The label of a report in the chain: 电话首报, 续报二, 终报 …
pub fn report_label(r: &Report, lang: Lang) -> String {
    match r.kind {
        ReportKind::Followup => match lang {
            Lang::Zh => format!("续报{}", crate::domain::written_report::zh_number(r.seq)),
            Lang::En => format!("follow-up {}", r.seq),
        },
        k => k.label(lang).to_string(),
    }
}

fn reload(store: &Store, incident_id: i64) -> OpResult<Incident> {
    store.incident(incident_id)?.ok_or_else(|| OpError::Refused("incident vanished".into()))
}
