//! Key handling, screen by screen. Every action has a key, and the status bar shows the keys that
//! work on the current screen (`ui::hints`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keymap::{Action, Key, Table};
use text::console::{forms, refused, saved};

use super::actions::{self, ActionForm, ActionKind};
use super::form::{FieldKey, FormEvent};
use super::{App, Cmd, Focus, IncidentPage, Overlay, Screen, Write, intake};
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::domain::{Level, ReportKind, Role};
use text::Label;

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    if key.code == KeyCode::F(12) && super::debug::panic_key_enabled() {
        panic!("debug panic requested with F12 (DUTYWATCH_DEBUG_PANIC_KEY=1)")
    }
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    if let Some(overlay) = app.overlay.clone() {
        return overlay_key(app, overlay, key, ctrl_c);
    }
    if ctrl_c {
        return request_quit(app);
    }
    if app.action.is_some() {
        return action_key(app, key);
    }
    if app.handover.time_input.is_some() {
        return super::handover::time_key(app, key);
    }
    match &app.screen {
        Screen::Board => board_key(app, key),
        Screen::Intake(_) => intake_key(app, key),
        Screen::Incident(_) => incident_key(app, key),
        Screen::Directory(_) => super::directory::on_key(app, key),
        Screen::Handover => super::handover::key(app, key),
        Screen::Log => super::logscreen::log_key(app, key),
        Screen::Stats => super::logscreen::stats_key(app, key),
        Screen::History => super::history::key(app, key),
        Screen::Roster(_) => super::roster::on_key(app, key),
        Screen::Tasks(_) => tasks_key(app, key),
    }
}

fn overlay_key(app: &mut App, overlay: Overlay, key: KeyEvent, ctrl_c: bool) -> Vec<Cmd> {
    match overlay {
        // Every confirmation works the same way (the `confirm` table): y confirms, n or Esc cancels,
        // other keys wait.
        Overlay::ConfirmQuit => match app.keymap.action(Table::Confirm, &key) {
            Some(Action::Yes) => quit(app),
            Some(Action::No) => {
                app.overlay = None;
                vec![]
            }
            _ if ctrl_c => quit(app),
            _ => vec![],
        },
        Overlay::Confirm { then, .. } => match app.keymap.action(Table::Confirm, &key) {
            Some(Action::Yes) => {
                app.overlay = None;
                app.status = Some(saved::WORKING.get(app.lang).into());
                vec![Cmd::Write(*then)]
            }
            Some(Action::No) => {
                app.overlay = None;
                app.status = Some(saved::CANCELLED.get(app.lang).into());
                vec![]
            }
            _ if ctrl_c => request_quit(app),
            _ => vec![],
        },
        Overlay::Drafts { items, selected } => {
            match app.keymap.action(Table::Drafts, &key) {
                Some(Action::Up) => {
                    app.overlay = Some(Overlay::Drafts { items, selected: selected.saturating_sub(1) });
                }
                Some(Action::Down) => {
                    let selected = (selected + 1).min(items.len().saturating_sub(1));
                    app.overlay = Some(Overlay::Drafts { items, selected });
                }
                Some(Action::Restore) => {
                    app.overlay = None;
                    if let Some(item) = items.get(selected) {
                        return vec![Cmd::AdoptDraft(item.id.clone())];
                    }
                    return vec![Cmd::ReleaseDrafts];
                }
                Some(Action::Later) => {
                    app.overlay = None;
                    return vec![Cmd::ReleaseDrafts];
                }
                _ if ctrl_c => {
                    app.overlay = None;
                    let mut cmds = vec![Cmd::ReleaseDrafts];
                    cmds.extend(request_quit(app));
                    return cmds;
                }
                _ => {}
            }
            vec![]
        }
        Overlay::Alerts { selected } => {
            let len = app.alerts.active.len();
            if ctrl_c {
                app.overlay = None;
                return request_quit(app);
            }
            match app.keymap.action(Table::Alerts, &key) {
                Some(Action::Up) => {
                    app.overlay = Some(Overlay::Alerts { selected: selected.saturating_sub(1) });
                }
                Some(Action::Down) => {
                    app.overlay = Some(Overlay::Alerts { selected: (selected + 1).min(len.saturating_sub(1)) });
                }
                Some(Action::AckAlert) => {
                    let key = app.alerts.active.get(selected).map(|a| a.key.clone());
                    return match key {
                        Some(k) => super::alerts::acknowledge(app, &k),
                        None => vec![],
                    };
                }
                Some(Action::Back) => app.overlay = None,
                _ => {}
            }
            vec![]
        }
        // The help scrolls with the keys of its own table; any other key closes it.
        Overlay::Help => {
            if ctrl_c {
                return request_quit(app);
            }
            let max = app.help_max.get();
            let page = app.help_page.get().max(1);
            let scroll = app.help_scroll.min(max);
            app.help_scroll = match app.keymap.action(Table::Help, &key) {
                Some(Action::Down) => scroll.saturating_add(1).min(max),
                Some(Action::Up) => scroll.saturating_sub(1),
                Some(Action::PageDown) => scroll.saturating_add(page).min(max),
                Some(Action::PageUp) => scroll.saturating_sub(page),
                Some(Action::Top) => 0,
                Some(Action::Bottom) => max,
                _ => {
                    app.overlay = None;
                    0
                }
            };
            vec![]
        }
        Overlay::Message { .. } => {
            if ctrl_c {
                return request_quit(app);
            }
            app.overlay = None;
            vec![]
        }
    }
}

/// Opens the help overlay at its top (the current screen's keys come first).
pub(crate) fn open_help(app: &mut App) -> Vec<Cmd> {
    app.help_scroll = 0;
    app.overlay = Some(Overlay::Help);
    vec![]
}

pub(crate) fn request_quit(app: &mut App) -> Vec<Cmd> {
    if app.unsaved_typing {
        app.overlay = Some(Overlay::ConfirmQuit);
        vec![]
    } else {
        quit(app)
    }
}

fn quit(app: &mut App) -> Vec<Cmd> {
    app.quit = true;
    vec![Cmd::Quit]
}

fn read_only(app: &mut App) -> Vec<Cmd> {
    app.overlay = Some(Overlay::Message {
        title: refused::READ_ONLY.get(app.lang).into(),
        body: refused::DATABASE_READ_ONLY.get(app.lang).into(),
    });
    vec![]
}

fn board_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    if app.filtering {
        match key.code {
            KeyCode::Enter => app.filtering = false,
            KeyCode::Esc => {
                app.filtering = false;
                app.filter.clear();
            }
            KeyCode::Backspace => {
                app.filter.pop();
            }
            KeyCode::Char(c) => app.filter.push(c),
            _ => {}
        }
        app.selected[1] = 0;
        return vec![];
    }
    // What a key means comes from the board's table; a key it does not hold (Ctrl+S among them)
    // does nothing here.
    let Some(action) = app.keymap.action(Table::Board, &key) else { return vec![] };
    match action {
        Action::Quit => request_quit(app),
        Action::Help => open_help(app),
        Action::NextPane => {
            app.focus = app.focus.next();
            vec![]
        }
        Action::Down => {
            app.move_selection(1);
            vec![]
        }
        Action::Up => {
            app.move_selection(-1);
            vec![]
        }
        // The 督办 tasks (issue 18).
        Action::Tasks => {
            app.screen = Screen::Tasks(0);
            vec![]
        }
        // A page of rows at a time (a flood day's long "Due next"); the pane scrolls with it.
        Action::PageDown => {
            app.move_selection(10);
            vec![]
        }
        Action::PageUp => {
            app.move_selection(-10);
            vec![]
        }
        Action::Find => {
            app.filtering = true;
            app.focus = Focus::Incidents;
            vec![]
        }
        // The banner's alert only; `Alerts` lists them all.
        Action::AckBanner => match app.alerts.banner().map(|(a, _)| a.key.clone()) {
            Some(k) => super::alerts::acknowledge(app, &k),
            None => vec![],
        },
        Action::Alerts => {
            app.overlay = Some(Overlay::Alerts { selected: 0 });
            vec![]
        }
        Action::Reload => vec![Cmd::Reload],
        Action::Handover => {
            app.handover.prompt = false;
            app.screen = Screen::Handover;
            vec![]
        }
        Action::Review => super::handover::open_time_travel(app),
        Action::Log => super::logscreen::open_log(app),
        Action::Stats => super::logscreen::open_stats(app),
        Action::History => super::history::open(app),
        Action::Live if app.data.review_at.is_some() => vec![Cmd::Review(None)],
        // Review navigation (issue 16): an hour back or forward, the previous or next shift change,
        // the board as it stood written to a text file.
        Action::HourBack | Action::HourForward | Action::ShiftBack | Action::ShiftForward | Action::WriteBoard
            if app.data.review_at.is_some() =>
        {
            review_step(app, action, key_name(&key))
        }
        Action::Roster => super::roster::open(app),
        Action::NewIncident => open_intake(app),
        Action::Directory => {
            app.screen = Screen::Directory(super::directory::DirectoryScreen::default());
            vec![]
        }
        Action::Open => match app.selected_incident() {
            Some((id, _, _)) => open_incident(app, id),
            None => vec![],
        },
        Action::Report | Action::Escalate | Action::Ack | Action::Grade => match app.selected_incident() {
            Some((id, reference, version)) => open_action(app, Table::Board, action, id, &reference, version),
            None => {
                let why = if app.data.due.is_empty() && app.data.open.is_empty() {
                    refused::NO_OPEN_INCIDENT.get(app.lang)
                } else {
                    refused::SELECT_AN_INCIDENT.get(app.lang)
                };
                say(app, key_name(&key), why)
            }
        },
        _ => vec![],
    }
}

/// The key as the officer pressed it, for a status line that says why it did nothing.
fn key_name(key: &KeyEvent) -> String {
    Key::of(key).to_string()
}

/// The Tasks screen: ↑↓ (j/k) select, Esc or q back to the board.
fn tasks_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let Screen::Tasks(selected) = app.screen else { return vec![] };
    let last = app.data.tasks.len().saturating_sub(1);
    match app.keymap.action(Table::Tasks, &key) {
        Some(Action::Down) => app.screen = Screen::Tasks((selected + 1).min(last)),
        Some(Action::Up) => app.screen = Screen::Tasks(selected.saturating_sub(1)),
        Some(Action::Back) => app.screen = Screen::Board,
        Some(Action::Reload) => return vec![Cmd::Reload],
        Some(Action::Help) => return open_help(app),
        _ => {}
    }
    vec![]
}

/// The review keys: `[` `]` an hour back or forward, `{` `}` the previous or next shift change, `w`
/// the board to a text file. A step past now returns to the live board.
fn review_step(app: &mut App, action: Action, pressed: String) -> Vec<Cmd> {
    let Some(t) = app.data.review_at else { return vec![] };
    let hour = chrono::Duration::hours(1);
    let target = match action {
        Action::HourBack => Some(t - hour),
        Action::HourForward => Some(t + hour),
        Action::ShiftBack => app
            .data
            .strip
            .iter()
            .filter(|s| s.role == crate::domain::Role::Officer && s.start < t)
            .map(|s| s.start)
            .max()
            .or_else(|| Some(t - chrono::Duration::hours(24))),
        Action::ShiftForward => match &app.data.next_change {
            Some((when, _)) => Some(*when),
            None => return say(app, pressed, refused::NO_SHIFT_CHANGE.get(app.lang)),
        },
        Action::WriteBoard => return vec![Cmd::WriteBoard],
        _ => None,
    };
    match target {
        Some(t) => {
            // The next key steps from here, even before the moment's data has arrived.
            app.data.review_at = Some(t);
            vec![Cmd::Review(Some(t))]
        }
        None => vec![],
    }
}

/// Says in the status line why a key cannot act.
fn say(app: &mut App, key: impl std::fmt::Display, why: &str) -> Vec<Cmd> {
    app.status = Some(format!("{key}: {why}"));
    vec![]
}

/// Review mode shows a past moment, read-only: a key that would open a form is refused before the
/// form opens (not after it is typed).
fn refused_in_review(app: &mut App, c: impl std::fmt::Display) -> Option<Vec<Cmd>> {
    app.data.review_at?;
    let why = refused::REVIEW_CANNOT_RECORD.get(app.lang);
    Some(say(app, c, why))
}

/// The level an escalation is owed to next: the duties of this incident still open, the selected
/// "Due next" row first (own leader, the next upper room, a level reached directly).
fn owed_level(app: &App, id: i64) -> Option<Level> {
    use crate::domain::ObligationKind as K;
    let level_of = |kind: &K| match kind {
        K::NotifyLeader | K::LeaderAfterSkip => Some(Level::Leader),
        K::NotifyUpper => crate::domain::escalation::next_level(app.unit.level),
        K::DirectProvince => Some(Level::Province),
        other => other.tracking_level(),
    };
    let selected = match app.focus {
        Focus::Due => app.data.due.get(app.selected[0]).filter(|d| d.obligation.incident_id == id),
        _ => None,
    };
    selected.and_then(|d| level_of(&d.obligation.kind)).or_else(|| {
        app.data.due.iter().filter(|d| d.obligation.incident_id == id).find_map(|d| level_of(&d.obligation.kind))
    })
}

fn open_intake(app: &mut App) -> Vec<Cmd> {
    if let Some(cmds) = refused_in_review(app, 'n') {
        return cmds;
    }
    if app.read_only {
        return read_only(app);
    }
    // 接报 time is the call: a new form's 获知时间 is the moment it was opened (editable), and goes into
    // the draft at once so a crash brings it back unchanged.
    let (form, fresh) = match app.parked_intake.take() {
        Some(f) => (f, false),
        None => (Box::new(intake::new_form_at(app.now, app.unit.timezone)), true),
    };
    let save = if fresh { vec![Cmd::SaveDraft(form.values())] } else { vec![] };
    app.screen = Screen::Intake(form);
    save
}

fn open_incident(app: &mut App, id: i64) -> Vec<Cmd> {
    app.screen = Screen::Incident(Box::new(IncidentPage { id, detail: None, scroll: 0 }));
    vec![Cmd::LoadIncident(id)]
}

fn intake_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let Screen::Intake(form) = &mut app.screen else { return vec![] };
    match form.handle_key(key) {
        FormEvent::None => vec![],
        FormEvent::Changed => {
            form.error = None;
            form.notice = None;
            vec![Cmd::SaveDraft(form.values())]
        }
        FormEvent::Close => {
            // The typing is parked (and stays in the draft file); `n` brings it back.
            let screen = std::mem::take(&mut app.screen);
            if let Screen::Intake(form) = screen
                && form.has_typing()
            {
                app.parked_intake = Some(form);
                app.status = Some(saved::INTAKE_DRAFT_KEPT.get(app.lang).into());
            }
            vec![]
        }
        FormEvent::Submit => match intake::to_input(form, app.now, app.unit.timezone) {
            Ok(input) => vec![Cmd::Write(Write::AddIncident(Box::new(input)))],
            Err(e) => {
                form.focus_on(e.field);
                form.error = Some(format!("{}: {}", e.field, e.message));
                vec![Cmd::Bell]
            }
        },
    }
}

fn incident_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let Some(action) = app.keymap.action(Table::Incident, &key) else { return vec![] };
    let Screen::Incident(page) = &mut app.screen else { return vec![] };
    let id = page.id;
    let changes = matches!(
        action,
        Action::Report
            | Action::Escalate
            | Action::Ack
            | Action::Grade
            | Action::UpdateFacts
            | Action::Correct
            | Action::EndHandling
            | Action::Waive
            | Action::CloseIncident
    );
    // Opened from the history screen: the record is read, not changed (open it from the board to act).
    if app.history.opened == Some(id) && changes {
        app.overlay = Some(Overlay::Message {
            title: refused::READ_ONLY.get(app.lang).into(),
            body: refused::OPENED_FROM_HISTORY.get(app.lang).into(),
        });
        return vec![];
    }
    let (reference, version) =
        page.detail.as_ref().map(|d| (d.incident.reference.clone(), d.incident.version)).unwrap_or_default();
    match action {
        Action::Back => {
            // Opened from the history screen: back to it, on the same page.
            app.screen = if app.history.opened == Some(id) { Screen::History } else { Screen::Board };
            app.history.opened = None;
            vec![]
        }
        Action::Down => {
            page.scroll = page.scroll.saturating_add(1);
            vec![]
        }
        Action::Up => {
            page.scroll = page.scroll.saturating_sub(1);
            vec![]
        }
        Action::Help => open_help(app),
        Action::Report | Action::Escalate | Action::Ack | Action::Grade => {
            open_action(app, Table::Incident, action, id, &reference, version)
        }
        Action::WriteReport => vec![Cmd::Write(Write::ExportWritten { incident_id: id })],
        _ if app.data.review_at.is_some() => {
            let pressed = key_name(&key);
            refused_in_review(app, pressed).unwrap_or_default()
        }
        _ if app.read_only => read_only(app),
        Action::EndHandling => {
            let now_text = app.now.with_timezone(&app.unit.timezone).format("%Y-%m-%d %H:%M").to_string();
            app.action = Some(ActionForm::end(id, &reference, version, &now_text));
            vec![]
        }
        Action::Waive => open_waive(app, id, &reference, version),
        Action::UpdateFacts => {
            if let Some(d) = &page.detail {
                app.action = Some(ActionForm::update(&d.incident));
            }
            vec![]
        }
        Action::Correct => open_correct(app, id, &reference, version),
        Action::CloseIncident => {
            app.overlay = Some(Overlay::Confirm {
                prompt: forms::CONFIRM_CLOSE.get(app.lang).into(),
                then: Box::new(Write::Close { incident_id: id }),
            });
            vec![]
        }
        _ => vec![],
    }
}

/// The correction form for the entries of the incident not yet corrected: reports, steps, acks.
fn open_correct(app: &mut App, id: i64, reference: &str, version: i64) -> Vec<Cmd> {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let mut entries: Vec<(String, String)> = Vec::new();
    if let Screen::Incident(p) = &app.screen
        && let Some(d) = &p.detail
    {
        let done = |target: &str, n: i64| d.corrections.iter().any(|c| c.target == target && c.target_id == n);
        let when = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).format("%m-%d %H:%M").to_string();
        for r in d.reports.iter().filter(|r| !done("report", r.id)) {
            let label = crate::ops::incident::report_label(r, lang);
            entries.push((format!("report:{}", r.id), format!("{label} → {} {}", r.recipient, when(r.sent_at))));
        }
        for s in d.steps.iter().filter(|s| !done("step", s.id)) {
            entries.push((
                format!("step:{}", s.id),
                forms::step_entry(s.level.label(lang), &s.recipient, &when(s.sent_at), lang),
            ));
            // The ack standing now (a corrected one is cleared; one given after it is a new entry).
            if let (Some(at), Some(by)) = (s.acked_at, &s.acked_by) {
                let entry = forms::ack_entry(s.level.label(lang), by, &when(at), lang);
                entries.push((format!("ack:{}", s.id), entry));
            }
        }
    }
    if entries.is_empty() {
        app.overlay = Some(Overlay::Message {
            title: ActionKind::Correct.title(lang).into(),
            body: refused::NOTHING_TO_CORRECT.get(lang).into(),
        });
        return vec![];
    }
    let officer = crate::domain::roster::on_duty(&app.data.on_duty, Role::Officer).unwrap_or_default().to_string();
    app.action = Some(ActionForm::correct(id, reference, version, &entries, &officer));
    vec![]
}

/// Levels whose latest step is sent but not yet confirmed.
fn awaiting_levels(app: &App, id: i64) -> Vec<Level> {
    let steps = match &app.screen {
        Screen::Incident(p) if p.id == id => p.detail.as_ref().map(|d| d.steps.clone()),
        _ => None,
    }
    .or_else(|| app.data.steps.get(&id).cloned())
    .unwrap_or_default();
    let timeout = chrono::Duration::minutes(15);
    latest_per_level(&steps, app.now)
        .into_iter()
        .filter(|(l, s)| {
            *l != Level::Leader
                && matches!(
                    step_state(Some(s), app.now, timeout),
                    StepState::AwaitingAck { .. } | StepState::AckOverdue { .. }
                )
        })
        .map(|(l, _)| l)
        .collect()
}

/// The waive form for the incident's open duties (tracking items are not this unit's to waive).
fn open_waive(app: &mut App, id: i64, reference: &str, version: i64) -> Vec<Cmd> {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let duties: Vec<(i64, String)> = match &app.screen {
        Screen::Incident(p) => p
            .detail
            .as_ref()
            .map(|d| {
                d.obligations
                    .iter()
                    .filter(|o| o.is_open() && !o.tracking)
                    .map(|o| {
                        let label = crate::ui::labels::obligation_kind(&o.kind, lang);
                        (o.id, format!("{label} {}", o.due_at.with_timezone(&tz).format("%m-%d %H:%M")))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    if duties.is_empty() {
        app.overlay = Some(Overlay::Message {
            title: ActionKind::Waive.title(lang).into(),
            body: refused::NO_OPEN_DUTY.get(lang).into(),
        });
        return vec![];
    }
    let leader = crate::domain::roster::on_duty(&app.data.on_duty, Role::Leader).unwrap_or_default().to_string();
    app.action = Some(ActionForm::waive(id, reference, version, &duties, &leader));
    vec![]
}

fn open_action(app: &mut App, table: Table, action: Action, id: i64, reference: &str, version: i64) -> Vec<Cmd> {
    let pressed = app.keymap.key_of(table, action);
    if let Some(cmds) = refused_in_review(app, &pressed) {
        return cmds;
    }
    if app.read_only {
        return read_only(app);
    }
    let dir = app.data.directory();
    let lang = app.lang;
    let leader = crate::domain::roster::on_duty(&app.data.on_duty, Role::Leader).unwrap_or_default().to_string();
    let form = match action {
        Action::Report => {
            // The selected "Due next" row's kind when it is a report (a 续报 row opens on 续报),
            // else the first report this incident owes.
            let selected = match app.focus {
                Focus::Due => app
                    .selected_due()
                    .iter()
                    .filter(|d| d.obligation.incident_id == id)
                    .find_map(|d| d.obligation.kind.report_kind()),
                _ => None,
            };
            let next = selected
                .or_else(|| {
                    app.data
                        .due
                        .iter()
                        .filter(|d| d.obligation.incident_id == id)
                        .find_map(|d| d.obligation.kind.report_kind())
                })
                .unwrap_or(ReportKind::FirstPhone);
            ActionForm::report(id, reference, version, &dir, next, &leader)
        }
        Action::Escalate => {
            let owed = owed_level(app, id);
            ActionForm::escalate(id, reference, version, &dir, app.unit.level, owed)
        }
        Action::Ack => {
            // An incident from below (issue 20): `a` acknowledges its receipt to the room that sent it.
            let from_below = app.data.link.as_ref().and_then(|l| l.from_below.iter().find(|r| r.incident_id == id));
            if let Some(row) = from_below {
                if let Some(by) = &row.acked_by {
                    return say(app, pressed.clone(), &crate::ui::text_link::already_acked(reference, by, lang));
                }
                return vec![Cmd::Write(Write::AckFromBelow { incident_id: id })];
            }
            let waiting = awaiting_levels(app, id);
            if waiting.is_empty() {
                return say(app, pressed, &refused::nothing_awaiting_ack(reference, lang));
            }
            ActionForm::ack(id, reference, version, &waiting)
        }
        _ => {
            let current =
                app.data.open.iter().find(|i| i.id == id).map(|i| i.grade).unwrap_or(crate::domain::Grade::III);
            ActionForm::grade(id, reference, version, current, &leader)
        }
    };
    app.action = Some(form);
    vec![]
}

fn action_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let Some(action) = app.action.as_mut() else { return vec![] };
    let event = action.form.handle_key(key);
    match event {
        FormEvent::None => vec![],
        FormEvent::Changed => {
            action.form.error = None;
            vec![]
        }
        FormEvent::Close => {
            app.action = None;
            vec![]
        }
        FormEvent::Submit => {
            let (now, tz) = (app.now, app.unit.timezone);
            let id = action.incident_id;
            let built = match action.kind {
                ActionKind::Report => actions::report_input(&action.form, now, tz).map(|input| Write::Report {
                    incident_id: id,
                    input,
                    proof: actions::pin_proof(&action.form),
                }),
                ActionKind::Escalate => actions::escalate_input(&action.form, &app.data.directory(), now, tz)
                    .map(|input| Write::Escalate { incident_id: id, input }),
                ActionKind::Ack => actions::ack_input(&action.form, now, tz).map(|(level, by, at)| Write::Ack {
                    incident_id: id,
                    level,
                    by,
                    at,
                }),
                ActionKind::Grade => action
                    .form
                    .value(FieldKey::Grade)
                    .parse()
                    .map_err(|_| actions::FieldError { field: FieldKey::Grade, message: "required".into() })
                    .and_then(|grade| {
                        Ok(Write::Grade {
                            incident_id: id,
                            grade,
                            by: action.form.value(FieldKey::By),
                            at: actions::optional_time(&action.form, FieldKey::At, now, tz)?,
                            expected_version: action.version,
                            proof: actions::pin_proof(&action.form),
                        })
                    }),
                ActionKind::Update => actions::update_input(&action.form, now, tz).map(|(patch, at)| {
                    Write::UpdateFacts { incident_id: id, patch, at, expected_version: action.version }
                }),
                ActionKind::Correct => actions::correct_target(&action.form).map(|target| Write::Correct {
                    incident_id: id,
                    target,
                    reason: action.form.value(FieldKey::Reason),
                    by: action.form.value(FieldKey::By),
                }),
                ActionKind::End => actions::required_time(&action.form, FieldKey::At, now, tz)
                    .map(|at| Write::EndHandling { incident_id: id, at: Some(at) }),
                ActionKind::Waive => action
                    .form
                    .value(FieldKey::Obligation)
                    .parse::<i64>()
                    .map_err(|_| actions::FieldError { field: FieldKey::Obligation, message: "required".into() })
                    .map(|oid| Write::Waive {
                        incident_id: id,
                        target: crate::ops::ledger::WaiveTarget::Obligation(oid),
                        reason: action.form.value(FieldKey::Reason),
                        by: action.form.value(FieldKey::By),
                        proof: actions::pin_proof(&action.form),
                    }),
            };
            match built {
                Ok(w) => vec![Cmd::Write(w)],
                Err(e) => {
                    action.form.focus_on(e.field);
                    action.form.error = Some(format!("{}: {}", e.field, e.message));
                    vec![Cmd::Bell]
                }
            }
        }
    }
}
