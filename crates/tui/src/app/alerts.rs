//! Alerts: raised when an obligation becomes due soon, when it becomes overdue, and when an upper
//! room's acknowledgement is overdue. Each rings the bell (if configured) and shows in the banner;
//! every active alert is listed (`!`) and acknowledged on its own, recording who and when in the
//! store, so every terminal on the file shows the acknowledgement. An alert clears itself when its
//! cause is resolved. While a duty is overdue and its alert unacknowledged, the bell and banner come
//! back every `alert_repeat_minutes`.
//!
//! Deadlines are compared with the wall clock read on each tick, never with a sleeping timer.
//! Nothing fires for moments that passed while the board showed a past moment (review mode) or
//! was closed: on start, what is already overdue is one summary alert, rung once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::{App, Cmd};
use crate::domain::deadlines::{ObligationState, state_of};
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::store::alert::AlertAck;
use crate::ui::labels;
use text::{Label, Named};

/// What an alert is about; it clears itself when this no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// An obligation became due soon.
    DueSoon(i64),
    /// An obligation became overdue.
    Overdue(i64),
    /// An escalation step's acknowledgement is overdue.
    AckOverdue(i64),
    /// At start: these obligations were already overdue.
    AtStart(Vec<i64>),
    /// A 督办 task became overdue (issue 18).
    TaskOverdue(i64),
    /// An occurrence of a recurring duty (duties.toml) became overdue (issue 18).
    DutyOverdue(i64),
}

/// One active alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The cause as a stable key, shared by every terminal (`due:42:overdue`, `ack:7`, `start:…`).
    pub key: String,
    pub cause: Cause,
    pub text: String,
    pub raised: DateTime<Utc>,
    /// When the bell last rang (or the banner last came back) for it.
    pub rung: DateTime<Utc>,
    /// Who acknowledged it and when (`by` is empty until the store has answered).
    pub ack: Option<AlertAck>,
}

impl Alert {
    /// Whether it rings again while unacknowledged.
    fn repeats(&self) -> bool {
        matches!(self.cause, Cause::Overdue(_) | Cause::AtStart(_) | Cause::TaskOverdue(_) | Cause::DutyOverdue(_))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alerts {
    /// (stage, id) already alerted; stage 1 = due soon, 2 = overdue, 3 = ack overdue, 4 = task overdue,
    /// 5 = recurring duty overdue.
    fired: HashSet<(u8, i64)>,
    /// The active alerts, newest (or latest rung) first.
    pub active: Vec<Alert>,
    /// Whether the first live data has been seen (what is past at start is summed up, not rung).
    primed: bool,
    /// The board showed a past moment: on the way back, what fell due meanwhile is not rung.
    paused: bool,
}

impl Alerts {
    /// Whether the first live data has been checked (ticks before that raise nothing).
    pub fn primed(&self) -> bool {
        self.primed
    }

    /// The alerts nobody has acknowledged yet, newest first.
    pub fn unacked(&self) -> impl Iterator<Item = &Alert> {
        self.active.iter().filter(|a| a.ack.is_none())
    }

    /// The banner: the newest unacknowledged alert, and how many more there are.
    pub fn banner(&self) -> Option<(&Alert, usize)> {
        let mut it = self.unacked();
        let first = it.next()?;
        Some((first, it.count()))
    }

    /// Marks `key` acknowledged here at once (the store's answer fills in who).
    pub fn acknowledge_local(&mut self, key: &str, at: DateTime<Utc>) {
        if let Some(a) = self.active.iter_mut().find(|a| a.key == key && a.ack.is_none()) {
            a.ack = Some(AlertAck { by: String::new(), at });
        }
    }
}

/// Acknowledges one alert: at once on this board, and in the store for every terminal.
pub fn acknowledge(app: &mut App, key: &str) -> Vec<Cmd> {
    if !app.alerts.active.iter().any(|a| a.key == key && a.ack.is_none()) {
        return vec![];
    }
    app.alerts.acknowledge_local(key, app.now);
    if app.read_only || app.data.review_at.is_some() {
        return vec![];
    }
    vec![Cmd::Write(super::Write::AckAlert { key: key.to_string() })]
}

fn obligation_text(app: &App, row: &crate::store::incident::DueRow, overdue: bool) -> String {
    let lang = app.lang;
    let what = labels::obligation_kind(&row.obligation.kind, lang);
    let when = crate::ui::text::hhmm(row.obligation.due_at, app.unit.timezone);
    if overdue {
        text::console::alerts::overdue(&row.incident_ref, &what, &when, lang)
    } else {
        text::console::alerts::due_soon(&row.incident_ref, &what, &when, lang)
    }
}

/// Raises the alerts that became due since the last check, clears those whose cause is resolved,
/// takes in the acknowledgements other terminals recorded, and rings again for overdue duties
/// nobody acknowledged. Returns `Cmd::Bell` when something rang.
pub fn check(app: &mut App) -> Vec<Cmd> {
    // A past moment on screen: nothing fires, and on the way back what fell due meanwhile is
    // taken as seen.
    if app.data.review_at.is_some() {
        app.alerts.paused = true;
        return vec![];
    }
    let (due_soon, ack_timeout) = match &app.book {
        Some(b) => (b.rules.due_soon(), b.escalation.ack_timeout()),
        None => (Duration::minutes(10), Duration::minutes(15)),
    };
    let now = app.now;
    let lang = app.lang;
    // The current causes: obligations due soon / overdue, steps whose ack is overdue.
    let mut states: HashMap<i64, u8> = HashMap::new();
    for row in &app.data.due {
        match state_of(&row.obligation, now, due_soon) {
            ObligationState::DueSoon => states.insert(row.obligation.id, 1),
            ObligationState::Overdue => states.insert(row.obligation.id, 2),
            _ => continue,
        };
    }
    let mut ack_overdue: Vec<(i64, String)> = Vec::new();
    for (incident_id, steps) in &app.data.steps {
        for (level, step) in latest_per_level(steps, now) {
            if let StepState::AckOverdue { waiting } = step_state(Some(step), now, ack_timeout) {
                let reference = app
                    .data
                    .open
                    .iter()
                    .find(|i| i.id == *incident_id)
                    .map(|i| i.reference.clone())
                    .unwrap_or_default();
                ack_overdue.push((
                    step.id,
                    text::console::alerts::ack_overdue(
                        &reference,
                        level.label(lang),
                        &crate::domain::escalation::format_wait(waiting),
                        lang,
                    ),
                ));
            }
        }
    }
    let steps_overdue: HashSet<i64> = ack_overdue.iter().map(|(id, _)| *id).collect();
    // 督办 tasks past their due time, with their alert text.
    let tasks_overdue: Vec<(i64, String)> = app
        .data
        .tasks
        .iter()
        .filter(|t| t.is_open() && now > t.due_at)
        .map(|t| (t.id, crate::ui::text_levels::task_overdue(t.id, &t.title, &t.owner, lang)))
        .collect();
    let task_ids: HashSet<i64> = tasks_overdue.iter().map(|(id, _)| *id).collect();
    // Recurring duties past their due time.
    let duties_overdue: Vec<(i64, String)> = app
        .data
        .duties
        .iter()
        .filter(|d| d.is_open() && now > d.due_at)
        .map(|d| {
            let label = app
                .book
                .as_ref()
                .and_then(|b| b.duties.get(&d.name))
                .map(|def| def.label(lang).to_string())
                .unwrap_or_else(|| d.name.clone());
            let when = crate::ui::text::hhmm(d.due_at, app.unit.timezone);
            (d.id, crate::ui::text_levels::duty_overdue(&label, &when, lang))
        })
        .collect();
    let duty_ids: HashSet<i64> = duties_overdue.iter().map(|(id, _)| *id).collect();

    // Clear what is resolved: the duty sent, waived or no longer in that state; the ack recorded.
    app.alerts.active.retain(|a| match &a.cause {
        Cause::DueSoon(id) => states.get(id) == Some(&1),
        Cause::Overdue(id) => states.get(id) == Some(&2),
        Cause::AckOverdue(id) => steps_overdue.contains(id),
        Cause::AtStart(ids) => ids.iter().any(|id| states.get(id) == Some(&2)),
        Cause::TaskOverdue(id) => task_ids.contains(id),
        Cause::DutyOverdue(id) => duty_ids.contains(id),
    });

    let mut newly: Vec<Alert> = Vec::new();
    let new_alert =
        |key: String, cause: Cause, text: String| Alert { key, cause, text, raised: now, rung: now, ack: None };
    let first = !app.alerts.primed || app.alerts.paused;
    if first {
        // At start (or back from review): what is already past is seen, not rung one by one.
        let starting = !app.alerts.primed;
        app.alerts.primed = true;
        app.alerts.paused = false;
        let mut overdue: Vec<i64> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        for row in &app.data.due {
            if let Some(stage) = states.get(&row.obligation.id) {
                app.alerts.fired.insert((*stage, row.obligation.id));
                if *stage == 2 {
                    overdue.push(row.obligation.id);
                    texts.push(format!(
                        "#{} {}",
                        row.incident_ref,
                        labels::obligation_kind_short(&row.obligation.kind, lang)
                    ));
                }
            }
        }
        for id in &steps_overdue {
            app.alerts.fired.insert((3, *id));
        }
        for id in &task_ids {
            app.alerts.fired.insert((4, *id));
        }
        for id in &duty_ids {
            app.alerts.fired.insert((5, *id));
        }
        if starting && !overdue.is_empty() {
            let text = text::console::alerts::overdue_at_start(&texts, lang);
            app.alerts.active.insert(0, new_alert(format!("start:{}", now.timestamp()), Cause::AtStart(overdue), text));
        }
    } else {
        for row in &app.data.due {
            let id = row.obligation.id;
            let Some(stage) = states.get(&id).copied() else { continue };
            if app.alerts.fired.insert((stage, id)) {
                if stage == 2 {
                    // Overdue supersedes the due-soon alert of the same duty.
                    app.alerts.active.retain(|a| a.cause != Cause::DueSoon(id));
                    newly.push(new_alert(
                        format!("due:{id}:overdue"),
                        Cause::Overdue(id),
                        obligation_text(app, row, true),
                    ));
                } else {
                    newly.push(new_alert(
                        format!("due:{id}:soon"),
                        Cause::DueSoon(id),
                        obligation_text(app, row, false),
                    ));
                }
            }
        }
        for (step, text) in ack_overdue {
            if app.alerts.fired.insert((3, step)) {
                newly.push(new_alert(format!("ack:{step}"), Cause::AckOverdue(step), text));
            }
        }
        for (id, text) in tasks_overdue {
            if app.alerts.fired.insert((4, id)) {
                newly.push(new_alert(format!("task:{id}:overdue"), Cause::TaskOverdue(id), text));
            }
        }
        for (id, text) in duties_overdue {
            if app.alerts.fired.insert((5, id)) {
                newly.push(new_alert(format!("duty:{id}:overdue"), Cause::DutyOverdue(id), text));
            }
        }
    }
    let rang = !newly.is_empty();
    for a in newly.into_iter().rev() {
        app.alerts.active.insert(0, a);
    }

    // Acknowledgements recorded on any terminal.
    for a in app.alerts.active.iter_mut() {
        if let Some(ack) = app.data.alert_acks.get(&a.key) {
            a.ack = Some(ack.clone());
        }
    }

    // Ring again for what is still overdue and unacknowledged; it comes back to the banner.
    let mut repeated = false;
    let every = Duration::minutes(i64::from(app.unit.alert_repeat_minutes));
    if app.unit.alert_repeat_minutes > 0 {
        let mut again: Vec<usize> = Vec::new();
        for (i, a) in app.alerts.active.iter_mut().enumerate() {
            if a.ack.is_none() && a.repeats() && now - a.rung >= every {
                a.rung = now;
                again.push(i);
            }
        }
        repeated = !again.is_empty();
        for (n, i) in again.into_iter().enumerate() {
            let a = app.alerts.active.remove(i);
            app.alerts.active.insert(n, a);
        }
    }
    if (rang || repeated) && !first { vec![Cmd::Bell] } else { vec![] }
}
