//! Incidents: intake, the report chain, grade changes, end of handling, closing.

use crate::text::service::incident as say;
use crate::text::service::shared;
use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use super::{OpCtx, OpError, OpResult, not_future};
use crate::config::unit::CloseWithOpen;
use crate::domain::deadlines::{self, IncidentFacts, PlannedObligation};
use crate::domain::ledger;
use crate::domain::log_event::LogEvent;
use crate::domain::response::LevelWhich;
use crate::domain::{
    Category, Channel, EndState, Escalation, Grade, Incident, IncidentStatus, Lang, Level, Obligation, ObligationKind,
    Report, ReportKind, Source,
};
use crate::store::incident::{self as sinc, IncidentInput, NewObligation, NewReport, ValidIncident};
use crate::store::log as slog;
use crate::store::{Store, escalation as sesc, obligation as sob};
use crate::text::Label;

/// Everything owed (and tracked) for an incident with these facts; see [`crate::domain::ledger::plan`].
pub fn plan(facts: &IncidentFacts, ctx: &OpCtx<'_>) -> Vec<PlannedObligation> {
    super::ledger::plan(facts, ctx)
}

fn to_new(p: &[PlannedObligation]) -> Vec<NewObligation> {
    super::ledger::to_new(p)
}

fn facts(i: &Incident) -> IncidentFacts {
    super::ledger::facts(i)
}

/// Checks the intake form's content; the error names the field.
pub fn validate<'a>(input: &'a IncidentInput, ctx: &OpCtx<'_>) -> OpResult<ValidIncident<'a>> {
    let lang = ctx.lang;
    if input.title.trim().is_empty() {
        return Err(OpError::invalid("title", say::TITLE_EMPTY.get(lang)));
    }
    let category = input.category.ok_or_else(|| {
        OpError::invalid("category", format!("{}: {}", say::CATEGORY_REQUIRED.get(lang), Category::valid_codes()))
    })?;
    let learned_at = input.learned_at.unwrap_or(ctx.now);
    let occurred_at = input.occurred_at.unwrap_or(learned_at);
    not_future("learned", learned_at, ctx.now, lang)?;
    if occurred_at > learned_at {
        return Err(OpError::invalid("occurred", say::OCCURRED_AT_AFTER_LEARNED_AT.get(lang)));
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
    // The incident, its obligations, their audit events and the duty-log line commit together: a
    // crash between them must not leave an incident without its log line (or the reverse).
    let id = store.write(|tx| add_in(tx, ctx, &v, None))?;
    reload(store, id)
}

/// [`add`] inside the caller's transaction (a message from a linked room is stored with the incident
/// it creates). `from_below` (room code, its reference) is added to the duty-log line.
pub fn add_in(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    v: &ValidIncident<'_>,
    from_below: Option<(&str, &str)>,
) -> crate::store::Result<i64> {
    let f = IncidentFacts {
        category: v.category,
        grade: v.grade,
        occurred_at: v.occurred_at,
        learned_at: v.learned_at,
        ended_at: None,
    };
    let obligations = to_new(&plan(&f, ctx));
    let id = sinc::insert_incident(tx, v, &obligations, ctx.now, ctx.actor)?;
    let incident = sinc::get(tx, id)?;
    let event = LogEvent::Received {
        reference: incident.reference.clone(),
        title: incident.title.clone(),
        category: incident.category,
        grade: incident.grade,
        from_below: from_below.map(|(f, r)| (f.to_string(), r.to_string())),
    };
    slog::append(tx, &super::system_line(id, ctx, incident.learned_at, event), ctx.now)?;
    Ok(id)
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
    /// The recipient is above the next level while a level in between was not told: the officer says so
    /// (越级上报) with the reason. Detected, not declared: without it such a report is refused.
    pub skip_level: bool,
    pub reason: String,
}

/// Whether a report kind is a written document that a leader signs off (签发).
pub fn is_written_kind(kind: ReportKind) -> bool {
    matches!(kind, ReportKind::FirstWritten | ReportKind::Final)
}

fn invalid(field: &str, message: String) -> crate::store::StoreError {
    crate::store::StoreError::Invalid(format!("{field}: {message}"))
}

/// The levels an escalation to `to` at `at` would skip (see [`ledger::skipped_levels`]).
pub fn skipped_levels(
    tx: &crate::store::Connection,
    ctx: &OpCtx<'_>,
    inc: &Incident,
    to: Level,
    at: DateTime<Utc>,
) -> crate::store::Result<Vec<Level>> {
    let told: BTreeSet<Level> =
        sesc::steps_of(tx, inc.id)?.iter().filter(|s| s.sent_at <= at).map(|s| s.level).collect();
    let direct = ledger::direct_levels(&plan(&facts(inc), ctx));
    Ok(ledger::skipped_levels(ctx.unit.level, to, &told, &direct))
}

/// The refusal for an undeclared skip-level step, naming the skipped levels.
pub fn skip_error(skipped: &[Level], to: Level, lang: Lang) -> String {
    let names: Vec<&str> = skipped.iter().map(|l| l.label(lang)).collect();
    say::skip_level_refused(to.label(lang), &names, lang)
}

/// Records a report in the chain and settles what it satisfies:
/// - 书面首报 and 终报 are written: a written channel and a 签发 with the leader role;
/// - a 续报 needs a 首报 on record, and fills the earliest open slot that has begun (late if overdue);
///   one with no begun open slot is recorded and fills nothing;
/// - a 终报 needs handling ended;
/// - a report to a directory recipient records the escalation step for that level the first time
///   (one phone call, one entry); a recipient above a level not yet told is a skip-level step.
pub fn record_report(store: &mut Store, ctx: &OpCtx<'_>, incident_id: i64, r: &ReportInput) -> OpResult<Report> {
    record_report_with(store, ctx, incident_id, r, &super::pin::PinProof::default())
}

/// [`record_report`] with the 签发 leader's PIN or `--unverified REASON` ([`super::pin::authorize`]),
/// asked for when the report names a signer.
pub fn record_report_with(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    r: &ReportInput,
    proof: &super::pin::PinProof,
) -> OpResult<Report> {
    let lang = ctx.lang;
    let at = r.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if r.to.trim().is_empty() {
        return Err(OpError::invalid("to", say::RECIPIENT_REQUIRED.get(lang)));
    }
    let contact = ctx.book.directory.find(r.to.trim()).cloned();
    let Some(contact) = contact else {
        let all: Vec<String> = ctx.book.directory.contacts.iter().map(|c| c.name.clone()).collect();
        return Err(OpError::invalid(
            "to",
            format!(
                "{} `{}`; {}: {}",
                say::NOT_IN_DIRECTORY.get(lang),
                r.to.trim(),
                say::CANDIDATES.get(lang),
                all.join(", ")
            ),
        ));
    };
    let signer = if is_written_kind(r.kind) {
        if r.channel == Channel::Phone {
            return Err(OpError::invalid(
                "channel",
                format!("{}: {}", r.kind.label(lang), say::WRITTEN_REPORT_GOES_BY_FAX.get(lang)),
            ));
        }
        super::ledger::require_leader(store, "signer", &r.signer, lang)?
    } else {
        if r.channel != Channel::Phone && r.kind == ReportKind::Followup && r.signer.trim().is_empty() {
            // 签发: a written follow-up is signed off too; record who.
            return Err(OpError::invalid("signer", say::WRITTEN_REPORT_NEEDS_ITS_SIGNER.get(lang)));
        }
        r.signer.trim().to_string()
    };
    // 签发 is a leader's act on a written report; elsewhere the signer is a name as typed.
    let signed = if signer.is_empty() || !is_written_kind(r.kind) {
        None
    } else {
        Some(super::pin::authorize(store, ctx, "signer", &signer, "report.sign", proof)?)
    };
    let id = store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if inc.status == IncidentStatus::Closed {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                inc.reference,
                say::INCIDENT_CLOSED_NO_MORE_REPORTS.get(lang)
            )));
        }
        if at < inc.learned_at {
            return Err(invalid("at", say::SENT_BEFORE_LEARNED.get(lang).into()));
        }
        match r.kind {
            ReportKind::Followup if !sob::first_report_by(tx, incident_id, at)? => {
                return Err(invalid("kind", say::FOLLOW_UP_NEEDS_FIRST_REPORT.get(lang).into()));
            }
            ReportKind::Final if inc.ended_at.is_none_or(|e| e > at) => {
                return Err(invalid("kind", say::FINAL_REPORT_NEEDS_HANDLING_ENDED.get(lang).into()));
            }
            _ => {}
        }
        // The first report to a level also records that the level has been told.
        let first_to_level = sesc::latest_to(tx, incident_id, contact.level)?.is_none();
        let skipped = if first_to_level { skipped_levels(tx, ctx, &inc, contact.level, at)? } else { Vec::new() };
        if !skipped.is_empty() && (!r.skip_level || r.reason.trim().is_empty()) {
            return Err(invalid("to", skip_error(&skipped, contact.level, lang)));
        }
        let seq = match r.kind {
            ReportKind::Followup => sinc::count_reports(tx, incident_id, ReportKind::Followup)? + 1,
            _ => 0,
        };
        let new = NewReport {
            incident_id,
            kind: r.kind,
            sent_at: at,
            recipient: contact.name.clone(),
            channel: r.channel,
            signer: signer.clone(),
            doc_no: r.doc_no.trim().to_string(),
            sent_by: ctx.actor.to_string(),
            // What this report carried: the facts on record as it is recorded (issue 15).
            facts: crate::domain::facts::Facts::of(&inc),
            // 要素不全 is recorded with a written report, never a reason to refuse it (边核实边报告).
            missing_elements: is_written_kind(r.kind).then(|| {
                let f = crate::domain::facts::Facts::of(&inc);
                crate::domain::facts::missing_elements(&inc, &f).iter().map(|e| e.code().to_string()).collect()
            }),
            // A report that leaves as a document (fax, system, other written means) gets its 信息专报
            // issue number now, counted in the unit's calendar year of its send time (issue 19).
            issue_year: (r.channel != Channel::Phone).then(|| {
                use chrono::Datelike;
                at.with_timezone(&ctx.tz()).year()
            }),
        };
        let rid = sinc::insert_report(tx, &new, seq, ctx.now, ctx.actor)?;
        let by = format!("report:{rid}");
        let fulfilled = sob::fulfil(tx, incident_id, &r.kind.into(), at, &by, ctx.now, ctx.actor)?;
        if r.kind == ReportKind::Followup {
            super::ledger::grow_chain(tx, ctx, &inc)?;
        }
        if first_to_level {
            let step = sesc::NewStep {
                incident_id,
                level: contact.level,
                recipient: contact.name.clone(),
                channel: r.channel,
                sent_at: at,
                sent_by: ctx.actor.to_string(),
                skip_level: !skipped.is_empty(),
                reason: if skipped.is_empty() { String::new() } else { r.reason.trim().to_string() },
            };
            let step_id = super::escalation::insert_step(tx, ctx, &inc, &step)?;
            sinc::link_step(tx, rid, step_id, ctx.now, ctx.actor)?;
        }
        // Linked rooms (issue 20): by `system` to the next level up, the message goes in this transaction.
        super::link::enqueue_step(tx, ctx, incident_id, contact.level, r.channel, r.kind.code())?;
        let event = LogEvent::Report {
            reference: inc.reference.clone(),
            kind: r.kind,
            seq,
            recipient: new.recipient.clone(),
            channel: r.channel,
            late: matches!(&fulfilled, Some(o) if o.late),
            no_slot: fulfilled.is_none() && r.kind == ReportKind::Followup,
            signer: signed.as_ref().map(|_| signer.clone()),
            unverified: signed.as_ref().and_then(|s| s.unverified()),
        };
        let mut line = super::system_line(incident_id, ctx, at, event);
        if let Some(s) = &signed {
            super::merge_data(&mut line, serde_json::json!({ "act": "report.sign", "signature": s.data(&signer) }));
        }
        slog::append(tx, &line, ctx.now)?;
        Ok(rid)
    })?;
    store
        .reports(incident_id)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| OpError::Refused("report vanished".into()))
}

/// A grade change as decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeChange {
    pub grade: Grade,
    /// 决定人: an active person with the leader role.
    pub by: String,
    /// When the decision was made (default now; earlier when entered late).
    pub at: Option<DateTime<Utc>>,
}

fn grade_reason(grade: Grade, lang: Lang) -> String {
    say::regraded(grade, lang)
}

/// Changes the grade (docs/rules.md PR-06: who, when, old → new is logged). No due time moves: duties the new grade
/// adds count from the decision, open duties it no longer requires end `superseded`, done stays done.
pub fn change_grade(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    change: &GradeChange,
    expected_version: Option<i64>,
) -> OpResult<Incident> {
    change_grade_with(store, ctx, incident_id, change, expected_version, &super::pin::PinProof::default())
}

/// [`change_grade`] with the deciding leader's PIN or `--unverified REASON`
/// ([`super::pin::authorize`]).
pub fn change_grade_with(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    change: &GradeChange,
    expected_version: Option<i64>,
    proof: &super::pin::PinProof,
) -> OpResult<Incident> {
    let lang = ctx.lang;
    let grade = change.grade;
    if grade == Grade::Unknown {
        return Err(OpError::invalid("grade", say::GRADE_CHANGE_NEEDS_GRADE_I.get(lang)));
    }
    let at = change.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let by = super::ledger::require_leader(store, "by", &change.by, lang)?;
    let signed = super::pin::authorize(store, ctx, "by", &by, "grade", proof)?;
    store.write(|tx| {
        let old = sinc::begin_change(tx, incident_id, expected_version, ctx.now, ctx.actor)?;
        if old.status == IncidentStatus::Closed {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                old.reference,
                shared::INCIDENT_CLOSED.get(lang)
            )));
        }
        if at < old.learned_at {
            return Err(invalid("at", say::DECIDED_BEFORE_LEARNED.get(lang).into()));
        }
        sinc::set_grade(tx, incident_id, grade)?;
        sinc::audit_change(tx, incident_id, "incident.grade", ctx.now, ctx.actor)?;
        let new = sinc::get(tx, incident_id)?;
        // Plans compared as if handling were open, so the follow-up kind reflects the grade alone.
        let old_plan = plan(&IncidentFacts { ended_at: None, ..facts(&old) }, ctx);
        let from_decision =
            IncidentFacts { occurred_at: at, learned_at: at, ended_at: None, grade, category: new.category };
        let new_plan = plan(&from_decision, ctx);
        let existing = sob::all_of(tx, incident_id)?;
        let changes = ledger::regrade(&existing, &old_plan, &new_plan, new.status != IncidentStatus::Open);
        let reason = grade_reason(grade, lang);
        for id in changes.supersede {
            sob::end(tx, id, EndState::Superseded, &reason, &by, at, ctx.now, ctx.actor)?;
        }
        sob::add(tx, incident_id, &to_new(&changes.add), ctx.now, ctx.actor)?;
        super::ledger::grow_chain(tx, ctx, &new)?;
        let event = LogEvent::Regraded {
            reference: old.reference.clone(),
            old: old.grade,
            new: grade,
            by: by.clone(),
            unverified: signed.unverified(),
        };
        let mut line = super::system_line(incident_id, ctx, at, event);
        super::merge_data(&mut line, serde_json::json!({ "act": "grade", "signature": signed.data(&by) }));
        slog::append(tx, &line, ctx.now)?;
        Ok(())
    })?;
    reload(store, incident_id)
}

/// Marks handling as ended (处置结束) at `at`: follow-up slots not yet due then stop (an overdue one
/// stays owed), and the 终报 falls due, counted from `at`.
pub fn end_handling(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    at: Option<DateTime<Utc>>,
) -> OpResult<Incident> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        if inc.status != IncidentStatus::Open {
            return Err(crate::store::StoreError::Invalid(format!(
                "#{}: {}",
                inc.reference,
                say::HANDLING_HAS_ALREADY_ENDED.get(lang)
            )));
        }
        if at < inc.learned_at {
            return Err(invalid("at", shared::BEFORE_LEARNED.get(lang).into()));
        }
        sinc::begin_change(tx, inc.id, None, ctx.now, ctx.actor)?;
        sinc::set_status(tx, inc.id, IncidentStatus::Ended, Some(at), None)?;
        sinc::audit_change(tx, inc.id, "incident.end", ctx.now, ctx.actor)?;
        let reason = say::HANDLING_ENDED.get(lang);
        for id in ledger::stopped_by_end(&sob::all_of(tx, inc.id)?, at) {
            sob::end(tx, id, EndState::Superseded, reason, ctx.actor, at, ctx.now, ctx.actor)?;
        }
        if let Some(w) = ctx.book.rules.final_report.within() {
            sob::add(
                tx,
                inc.id,
                &[NewObligation { kind: ObligationKind::Final, anchor_at: at, due_at: at + w, tracking: false }],
                ctx.now,
                ctx.actor,
            )?;
        }
        let event = LogEvent::HandlingEnded { reference: inc.reference.clone() };
        slog::append(tx, &super::system_line(inc.id, ctx, at, event), ctx.now)?;
        Ok(())
    })?;
    reload(store, incident_id)
}

/// One line per open duty, for a refused close: label, due time, id.
fn open_duty_lines(open: &[Obligation], ctx: &OpCtx<'_>) -> Vec<String> {
    let tz = ctx.tz();
    open.iter()
        .map(|o| {
            format!(
                "{} {} {} (id {})",
                crate::text::labels::kind_label(&o.kind, ctx.lang)
                    .map(str::to_string)
                    .unwrap_or_else(|| o.kind.to_string()),
                shared::DUE.get(ctx.lang),
                o.due_at.with_timezone(&tz).format("%m-%d %H:%M"),
                o.id
            )
        })
        .collect()
}

/// Closes an incident (办结). Handling must have ended. While any duty is open the close is refused,
/// listing each — unless the unit's `close_with_open = "missed"`, when each open duty ends as missed
/// (漏报) with the reason on the record. Tracking items never block a close.
pub fn close(store: &mut Store, ctx: &OpCtx<'_>, incident_id: i64) -> OpResult<Incident> {
    let lang = ctx.lang;
    let inc =
        store.incident(incident_id)?.ok_or_else(|| OpError::Refused(format!("incident {incident_id} not found")))?;
    if inc.status == IncidentStatus::Closed {
        return Err(OpError::Refused(format!("#{}: {}", inc.reference, shared::INCIDENT_CLOSED.get(lang))));
    }
    if inc.status == IncidentStatus::Open {
        return Err(OpError::Refused(format!("#{}: {}", inc.reference, say::HANDLING_HAS_NOT_ENDED_RECORD.get(lang))));
    }
    let open: Vec<Obligation> =
        store.obligations(incident_id)?.into_iter().filter(|o| o.is_open() && !o.tracking).collect();
    let policy = ctx.unit.close_with_open;
    if !open.is_empty() && policy == CloseWithOpen::Refuse {
        return Err(OpError::Refused(format!(
            "#{}: {} {}: {}. {}",
            inc.reference,
            say::CANNOT_CLOSE_WHILE_DUTIES_OPEN.get(lang),
            open.len(),
            open_duty_lines(&open, ctx).join("; "),
            say::SEND_EACH_OR_HAVE_LEADER.get(lang)
        )));
    }
    store.write(|tx| {
        sinc::begin_change(tx, incident_id, None, ctx.now, ctx.actor)?;
        sinc::set_status(tx, incident_id, IncidentStatus::Closed, inc.ended_at, Some(ctx.now))?;
        sinc::audit_change(tx, incident_id, "incident.close", ctx.now, ctx.actor)?;
        let reason = say::STILL_OWED_WHEN_INCIDENT_WAS.get(lang);
        for o in sob::open_of(tx, incident_id)?.iter().filter(|o| !o.tracking) {
            sob::end(tx, o.id, EndState::Missed, reason, ctx.actor, ctx.now, ctx.now, ctx.actor)?;
        }
        let event = LogEvent::Closed { reference: inc.reference.clone() };
        slog::append(tx, &super::system_line(incident_id, ctx, ctx.now, event), ctx.now)?;
        Ok(())
    })?;
    reload(store, incident_id)
}

/// The JSON shape of an incident on the CLI (README, *Command line*): the record, every duty ever created in
/// `obligations` (in exactly one state each), the tracking items apart in `tracking`, the report chain and
/// the escalation steps. Times are RFC 3339 in the unit's offset.
#[derive(Debug, Serialize)]
pub struct IncidentJson {
    /// The record itself (for callers); serialised through `fields`, with times in the unit's offset.
    #[serde(skip)]
    pub incident: Incident,
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// I–IV, or null when none (issue 18).
    pub warning_level: Option<String>,
    pub response_level: Option<String>,
    pub warning_history: Vec<LevelChangeJson>,
    pub response_history: Vec<LevelChangeJson>,
    pub findings: Vec<FindingJson>,
    pub obligations: Vec<ObligationJson>,
    pub tracking: Vec<TrackingJson>,
    pub reports: Vec<ReportJson>,
    pub escalations: Vec<EscalationJson>,
    /// Every update of the facts, in the order they became known (addenda after the close included).
    pub fact_updates: Vec<FactUpdateJson>,
}

/// One update of the facts: the version it made, when the facts became known (`at`), who, when it was
/// recorded, whether it is an addendum to a closed incident, and each field old → new.
#[derive(Debug, Serialize)]
pub struct FactUpdateJson {
    pub id: i64,
    pub version: i64,
    pub at: String,
    pub by: String,
    pub recorded_at: String,
    pub addendum: bool,
    pub changes: Vec<crate::domain::facts::FactChange>,
}

#[derive(Debug, Serialize)]
pub struct ObligationJson {
    pub id: i64,
    pub kind: ObligationKind,
    /// pending, due-soon, overdue, done, done-late, missed, waived, superseded.
    pub state: String,
    pub due_at: String,
    pub done_at: Option<String>,
    /// 迟报: true from the moment an open duty passed its due time, never false again.
    pub late: bool,
    /// For missed, waived and superseded: why, who and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// A level the chain relays to: what this unit confirms, never its own 迟报 or 漏报.
#[derive(Debug, Serialize)]
pub struct TrackingJson {
    pub id: i64,
    pub level: String,
    /// When the chain should have reached it.
    pub due_at: String,
    /// open, confirmed (or superseded after a downgrade).
    pub state: String,
    pub confirmed_at: Option<String>,
    pub by: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportJson {
    pub id: i64,
    pub kind: String,
    pub seq: u32,
    pub sent_at: String,
    pub recipient: String,
    pub channel: String,
    pub signer: String,
    pub doc_no: String,
    pub sent_by: String,
    /// The facts the report carried when it was recorded; null for reports from before they were kept.
    pub facts: Option<crate::domain::facts::Facts>,
    /// For 书面首报 and 终报: the elements it was sent without (要素不全), e.g. `["place", "outlook"]`;
    /// null for other kinds.
    pub missing_elements: Option<Vec<String>>,
    /// The 信息专报 issue number 〔issue_year〕issue_no期, given when a report sent by written means is
    /// recorded; null for phone reports and reports recorded before numbers were kept.
    pub issue_year: Option<i32>,
    pub issue_no: Option<u32>,
    /// Set when the report was recorded by mistake and corrected: the correction's reason, who, when,
    /// and the duties it opened again. The report stays on the record.
    pub corrected: Option<CorrectedJson>,
}

#[derive(Debug, Serialize)]
pub struct CorrectedJson {
    pub id: i64,
    pub reason: String,
    pub by: String,
    pub at: String,
    pub reopened: Vec<i64>,
    /// The entry as it stood.
    pub original: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct EscalationJson {
    /// The step's id (for `incident correct --step N` / `--ack N`).
    pub id: i64,
    pub level: String,
    pub recipient: String,
    pub channel: String,
    pub sent_at: String,
    pub acked_at: Option<String>,
    pub acked_by: Option<String>,
    pub skip_level: bool,
    pub reason: String,
    /// Set when the step was recorded by mistake and corrected (it no longer tells its level).
    pub corrected: Option<CorrectedJson>,
    /// Set when an acknowledgement of this step was corrected: `original` keeps who and when (the
    /// latest, when the step was acknowledged again and that ack corrected too).
    pub ack_corrected: Option<CorrectedJson>,
    /// Every corrected acknowledgement of this step, oldest first (empty when none was).
    pub ack_corrections: Vec<CorrectedJson>,
}

/// Whether a duty is late at `now`: stamped, done after its due time, or still open past it.
pub fn late_at(o: &Obligation, now: DateTime<Utc>) -> bool {
    if o.tracking {
        return false;
    }
    o.late
        || match (&o.end, o.done_at) {
            (Some(e), _) => e.at > o.due_at,
            (None, done) => deadlines::is_late(o.due_at, done, now),
        }
}

/// Builds the JSON view, with times in RFC 3339 with the unit's offset.
pub fn to_json(store: &Store, ctx: &OpCtx<'_>, inc: Incident) -> OpResult<IncidentJson> {
    to_json_as_of(store, ctx, inc, None)
}

/// The JSON view as the record stood at `as_of` (review, issue 16; `inc` is then the incident's
/// snapshot at that moment and `ctx.now` that moment): duties and steps from their snapshots, the
/// reports, updates and corrections recorded by then. `None`: as it stands now.
pub fn to_json_as_of(
    store: &Store,
    ctx: &OpCtx<'_>,
    inc: Incident,
    as_of: Option<DateTime<Utc>>,
) -> OpResult<IncidentJson> {
    let tz = ctx.tz();
    let fmt = |t: DateTime<Utc>| t.with_timezone(&tz).to_rfc3339();
    let due_soon = ctx.book.rules.due_soon();
    let by_then = |t: DateTime<Utc>| as_of.is_none_or(|a| t <= a);
    let all = match as_of {
        Some(t) => store.obligations_at(inc.id, t)?,
        None => store.obligations(inc.id)?,
    };
    let obligations = all
        .iter()
        .filter(|o| !o.tracking)
        .map(|o| ObligationJson {
            id: o.id,
            state: deadlines::state_of(o, ctx.now, due_soon).code().to_string(),
            kind: o.kind.clone(),
            due_at: fmt(o.due_at),
            done_at: o.done_at.map(fmt),
            late: late_at(o, ctx.now),
            reason: o.end.as_ref().map(|e| e.reason.clone()),
            by: o.end.as_ref().map(|e| e.by.clone()),
            at: o.end.as_ref().map(|e| fmt(e.at)),
        })
        .collect();
    let tracking = all
        .iter()
        .filter(|o| o.tracking)
        .map(|o| TrackingJson {
            id: o.id,
            level: o.kind.tracking_level().map(|l| l.code().to_string()).unwrap_or_else(|| o.kind.to_string()),
            due_at: fmt(o.due_at),
            state: ledger::tracking_state(o).to_string(),
            confirmed_at: o.done_at.map(fmt),
            by: o.confirmed_by.clone(),
        })
        .collect::<Vec<_>>();
    let mut corrections = store.corrections(inc.id)?;
    corrections.retain(|c| by_then(c.at));
    let json = |c: &crate::store::correction::Correction| CorrectedJson {
        id: c.id,
        reason: c.reason.clone(),
        by: c.by.clone(),
        at: fmt(c.at),
        reopened: c.reopened.clone(),
        original: c.original.clone(),
    };
    let corrected =
        |target: &str, id: i64| corrections.iter().rfind(|c| c.target == target && c.target_id == id).map(json);
    let ack_corrections =
        |id: i64| corrections.iter().filter(|c| c.target == "ack" && c.target_id == id).map(json).collect::<Vec<_>>();
    let steps = match as_of {
        Some(t) => store.escalations_at(inc.id, t)?,
        None => store.escalations(inc.id)?,
    };
    let escalations = steps
        .into_iter()
        .map(|e: Escalation| EscalationJson {
            id: e.id,
            corrected: corrected("step", e.id),
            ack_corrected: corrected("ack", e.id),
            ack_corrections: ack_corrections(e.id),
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
    let reports = match as_of {
        Some(t) => store.reports_as_of(inc.id, t)?,
        None => store.reports(inc.id)?,
    };
    let reports = reports
        .into_iter()
        .map(|r| ReportJson {
            corrected: corrected("report", r.id),
            id: r.id,
            kind: r.kind.code().into(),
            seq: r.seq,
            sent_at: fmt(r.sent_at),
            recipient: r.recipient,
            channel: r.channel.code().into(),
            signer: r.signer,
            doc_no: r.doc_no,
            sent_by: r.sent_by,
            facts: r.facts,
            missing_elements: r.missing_elements,
            issue_year: r.issue.map(|n| n.year),
            issue_no: r.issue.map(|n| n.no),
        })
        .collect();
    let fact_updates = store
        .fact_updates(inc.id)?
        .into_iter()
        .filter(|u| by_then(u.recorded_at))
        .map(|u| FactUpdateJson {
            id: u.id,
            version: u.version,
            at: fmt(u.at),
            by: u.by,
            recorded_at: fmt(u.recorded_at),
            addendum: u.addendum,
            changes: u.changes,
        })
        .collect();
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
    let levels = crate::store::level::changes_of(store.conn(), inc.id)?;
    let history = |which: LevelWhich| -> Vec<LevelChangeJson> {
        levels
            .iter()
            .filter(|c| c.which == which)
            .map(|c| LevelChangeJson {
                id: c.id,
                old: c.old.map(|l| l.code().to_string()),
                new: c.new.map(|l| l.code().to_string()),
                colour: c.new.map(|l| l.colour().code().to_string()),
                reason: c.reason.clone(),
                by: c.by.clone(),
                at: fmt(c.at),
            })
            .collect()
    };
    let current = |which: LevelWhich| crate::domain::response::current(&levels, which).map(|l| l.code().to_string());
    let findings = crate::store::level::findings_of(store.conn(), inc.id)?
        .into_iter()
        .map(|f| FindingJson { id: f.id, kind: f.kind.code().to_string(), text: f.text, by: f.by, at: fmt(f.at) })
        .collect();
    Ok(IncidentJson {
        incident: inc,
        fields,
        warning_level: current(LevelWhich::Warning),
        response_level: current(LevelWhich::Response),
        warning_history: history(LevelWhich::Warning),
        response_history: history(LevelWhich::Response),
        findings,
        obligations,
        tracking,
        reports,
        escalations,
        fact_updates,
    })
}

/// One change of a warning or response level: old → new (null = none), the new level's colour, the
/// reason (for an end: the end conditions), who decided and when.
#[derive(Debug, Serialize)]
pub struct LevelChangeJson {
    pub id: i64,
    pub old: Option<String>,
    pub new: Option<String>,
    pub colour: Option<String>,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// A 谎报 (`false`) or 瞒报 (`concealed`) finding from review.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    pub id: i64,
    pub kind: String,
    pub text: String,
    pub by: String,
    pub at: String,
}

/// `要素不全：发生地点、发展趋势` for a written report sent with elements missing (empty otherwise).
pub fn missing_note(r: &Report, lang: Lang) -> String {
    let codes = r.missing_elements.as_deref().unwrap_or_default();
    let missing: Vec<crate::domain::facts::Element> =
        crate::domain::facts::Element::ALL.iter().copied().filter(|e| codes.iter().any(|c| c == e.code())).collect();
    crate::text::record::facts::missing_text(&missing, lang)
}

/// The label of a report in the chain: 电话首报, 续报二, 终报 …
pub fn report_label(r: &Report, lang: Lang) -> String {
    match r.kind {
        ReportKind::Followup => say::followup_label(r.seq, lang),
        k => k.label(lang).to_string(),
    }
}

fn reload(store: &Store, incident_id: i64) -> OpResult<Incident> {
    store.incident(incident_id)?.ok_or_else(|| OpError::Refused("incident vanished".into()))
}
