//! The board at a past moment (review mode), rebuilt from the audit log, and the semantic summary
//! used to compare a replay with what the live board showed.

use crate::text::service::replay as say;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{OpError, OpResult};
use crate::board::{BoardData, PANE_WINDOW};
use crate::domain::deadlines::state_of;
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::domain::{Lang, Role};
use crate::store::Store;
use crate::store::incident::DueRow;
use crate::store::replay::NEXT_CHANGE_HORIZON;

/// Refuses a review moment in the future or before the first recorded event.
pub fn check_moment(store: &Store, at: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> OpResult<()> {
    if at > now {
        return Err(OpError::invalid("at", say::IN_FUTURE_REVIEW_SHOWS_ONLY.get(lang)));
    }
    match store.first_event_at()? {
        Some(first) if at >= first => Ok(()),
        Some(first) => Err(OpError::invalid(
            "at",
            format!("{} {}", say::BEFORE_DATABASE_S_FIRST_EVENT.get(lang), first.to_rfc3339()),
        )),
        None => Err(OpError::invalid("at", say::DATABASE_HAS_NO_EVENTS_YET.get(lang))),
    }
}

/// The same [`BoardData`] the live board loads, as it stood at `at`.
pub fn board_at(store: &Store, at: DateTime<Utc>) -> OpResult<BoardData> {
    let open = store.incidents_open_at(at)?;
    let mut due = Vec::new();
    let mut steps = std::collections::HashMap::new();
    let mut tracking = Vec::new();
    for inc in open.iter().take(PANE_WINDOW) {
        tracking.extend(store.obligations_at(inc.id, at)?.into_iter().filter(|o| o.tracking));
    }
    for inc in &open {
        for ob in store.obligations_at(inc.id, at)? {
            if ob.is_open() && !ob.tracking {
                due.push(DueRow {
                    obligation: ob,
                    incident_ref: inc.reference.clone(),
                    title: inc.title.clone(),
                    grade: inc.grade,
                });
            }
        }
        steps.insert(inc.id, store.escalations_at(inc.id, at)?);
    }
    due.sort_by_key(|a| (a.obligation.due_at, a.obligation.id));
    due.truncate(PANE_WINDOW);
    let strip = store.shifts_as_of(at, at - Duration::hours(6), at + Duration::hours(18))?;
    let on_duty: Vec<_> = strip.iter().filter(|s| s.covers(at)).cloned().collect();
    let ahead = store.shifts_as_of(at, at, at + NEXT_CHANGE_HORIZON)?;
    let next_change =
        ahead.iter().filter(|s| s.role == Role::Officer && s.start > at).map(|s| s.start).min().map(|when| {
            let v: Vec<_> = ahead
                .iter()
                .filter(|s| s.covers(when) && (s.start == when || s.role != Role::Officer))
                .cloned()
                .collect();
            (when, v)
        });
    let mut open = open;
    open.truncate(PANE_WINDOW);
    let sheets = store.handovers_as_of(None, PANE_WINDOW, at)?.0;
    let late_since_outgoing = super::handover::late_since_by_sheet(store, &sheets, at)?;
    Ok(BoardData {
        link: None,
        on_duty,
        strip,
        next_change,
        due,
        open,
        log: store.log_as_of(at, PANE_WINDOW)?,
        equipment: store.equipment_status(at)?,
        steps,
        tracking,
        review_at: Some(at),
        // The sheets as they stood at T (issue 16): the watch's own, and the review list.
        handover: sheets.iter().find(|h| h.head.period_start <= at && at < h.head.period_end).cloned(),
        handovers: sheets,
        // The directory as it stood at T (its entries' snapshots); the calendar is today's.
        contacts: store.contacts_as_of(at)?,
        sensitive: Vec::new(),
        // Review mode raises no alerts.
        alert_acks: Default::default(),
        responses: store.active_responses(at)?,
        // Open then: set by `at`, neither done nor ended by `at`.
        tasks: store
            .tasks(false)?
            .into_iter()
            .filter(|t| {
                t.anchor_at <= at && t.done_at.is_none_or(|d| d > at) && t.end.as_ref().is_none_or(|e| e.at > at)
            })
            .collect(),
        duties: store
            .duties(false, 10_000)?
            .into_iter()
            .filter(|d| {
                d.anchor_at <= at && d.done_at.is_none_or(|t| t > at) && d.end.as_ref().is_none_or(|e| e.at > at)
            })
            .collect(),
        late_since_outgoing,
    })
}

/// What a board means, independent of how it was loaded: compared in the replay tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardSummary {
    /// `ref status grade` of each open incident.
    pub open: Vec<String>,
    /// `ref kind state` of each owed obligation.
    pub due: Vec<String>,
    /// `ref level state` of each incident's latest step per level.
    pub escalations: Vec<String>,
    /// `role name` of who is on duty.
    pub on_duty: Vec<String>,
    /// `device ok|fault`.
    pub equipment: Vec<String>,
}

fn step_code(s: StepState) -> &'static str {
    match s {
        StepState::NotSent => "not-sent",
        StepState::AwaitingAck { .. } => "awaiting-ack",
        StepState::Acked { .. } => "acked",
        StepState::AckOverdue { .. } => "ack-overdue",
    }
}

/// The summary of `data` at `at` (states computed at that moment).
pub fn summary(data: &BoardData, at: DateTime<Utc>, due_soon: Duration, ack_timeout: Duration) -> BoardSummary {
    let mut open: Vec<String> =
        data.open.iter().map(|i| format!("{} {} {}", i.reference, i.status.code(), i.grade.code())).collect();
    open.sort();
    let mut due: Vec<String> = data
        .due
        .iter()
        .map(|d| format!("{} {} {}", d.incident_ref, d.obligation.kind, state_of(&d.obligation, at, due_soon).code()))
        .collect();
    due.sort();
    let mut escalations = Vec::new();
    for inc in &data.open {
        let steps = data.steps.get(&inc.id).map(Vec::as_slice).unwrap_or(&[]);
        for (level, step) in latest_per_level(steps, at) {
            escalations.push(format!(
                "{} {} {}",
                inc.reference,
                level.code(),
                step_code(step_state(Some(step), at, ack_timeout))
            ));
        }
    }
    escalations.sort();
    let mut on_duty: Vec<String> =
        data.on_duty.iter().map(|s| format!("{} {}", s.role.code(), s.person_name)).collect();
    on_duty.sort();
    let equipment =
        data.equipment.iter().map(|d| format!("{} {}", d.device, if d.ok { "ok" } else { "fault" })).collect();
    BoardSummary { open, due, escalations, on_duty, equipment }
}
