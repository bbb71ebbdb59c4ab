//! Alerts: once when an obligation becomes due soon, once when it becomes overdue, once when an
//! upper room's acknowledgement is overdue. Each rings the bell (if configured) and raises a banner
//! that stays until the officer acknowledges it (Space). Deadlines are compared with the wall clock
//! read on each tick, never with a sleeping timer.

use std::collections::HashSet;

use chrono::Duration;

use super::{App, Cmd};
use crate::domain::deadlines::{ObligationState, state_of};
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::ui::labels;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alerts {
    /// (what, id, stage) already alerted; stage 1 = due soon, 2 = overdue, 3 = ack overdue.
    fired: HashSet<(u8, i64)>,
    /// The banner text, until acknowledged.
    pub banner: Option<String>,
    /// Whether this is the first check (alerts already past at start-up are not rung, only shown).
    primed: bool,
}

impl Alerts {
    pub fn acknowledge(&mut self) {
        self.banner = None;
    }
}

/// Fires the alerts that became due since the last check. Returns `Cmd::Bell` when one fired.
pub fn check(app: &mut App) -> Vec<Cmd> {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let (due_soon, ack_timeout) = match &app.book {
        Some(b) => (b.rules.due_soon(), b.escalation.ack_timeout()),
        None => (Duration::minutes(10), Duration::minutes(15)),
    };
    let mut newly: Vec<String> = Vec::new();
    for row in &app.data.due {
        let ob = &row.obligation;
        let stage = match state_of(ob, app.now, due_soon) {
            ObligationState::DueSoon => 1u8,
            ObligationState::Overdue => 2,
            _ => continue,
        };
        if app.alerts.fired.insert((stage, ob.id)) {
            let what = labels::obligation_kind(&ob.kind, lang);
            let when = crate::ui::text::hhmm(ob.due_at, tz);
            newly.push(match stage {
                1 => format!(
                    "{} #{} {what} {} {when}",
                    lang.pick("将到期", "DUE SOON"),
                    row.incident_ref,
                    lang.pick("时限", "due")
                ),
                _ => format!(
                    "{} #{} {what} {} {when}",
                    lang.pick("已超时", "OVERDUE"),
                    row.incident_ref,
                    lang.pick("时限", "was due")
                ),
            });
        }
    }
    for (incident_id, steps) in &app.data.steps {
        for (level, step) in latest_per_level(steps, app.now) {
            if let StepState::AckOverdue { waiting } = step_state(Some(step), app.now, ack_timeout)
                && app.alerts.fired.insert((3, step.id))
            {
                let reference = app.data.open.iter().find(|i| i.id == *incident_id).map(|i| i.reference.clone());
                newly.push(format!(
                    "{} #{} {} {}",
                    lang.pick("上级未确认", "ACK OVERDUE"),
                    reference.unwrap_or_default(),
                    level.label(lang),
                    crate::domain::escalation::format_wait(waiting)
                ));
            }
        }
    }
    let first = !app.alerts.primed;
    app.alerts.primed = true;
    if newly.is_empty() {
        return vec![];
    }
    let count = newly.len();
    let mut text = newly.swap_remove(0);
    if count > 1 {
        text.push_str(&format!(" (+{})", count - 1));
    }
    app.alerts.banner = Some(text);
    if first { vec![] } else { vec![Cmd::Bell] }
}
