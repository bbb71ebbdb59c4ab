//! Key handling, screen by screen. Every action has a key, and the status bar shows the keys that
//! work on the current screen (`ui::hints`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::actions::{self, ActionForm, ActionKind};
use super::form::FormEvent;
use super::{App, Cmd, Focus, IncidentPage, Overlay, Screen, Write, intake};
use crate::domain::escalation::{StepState, latest_per_level, step_state};
use crate::domain::{Level, ReportKind, Role};

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
    }
}

fn overlay_key(app: &mut App, overlay: Overlay, key: KeyEvent, ctrl_c: bool) -> Vec<Cmd> {
    match overlay {
        // Every confirmation works the same way: y confirms, n or Esc cancels, other keys wait.
        Overlay::ConfirmQuit => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => quit(app),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                app.overlay = None;
                vec![]
            }
            _ if ctrl_c => quit(app),
            _ => vec![],
        },
        Overlay::Confirm { then, .. } => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                app.overlay = None;
                app.status = Some(app.lang.pick("处理中…", "Working…").into());
                vec![Cmd::Write(*then)]
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                app.overlay = None;
                app.status = Some(app.lang.pick("已取消", "Cancelled").into());
                vec![]
            }
            _ if ctrl_c => request_quit(app),
            _ => vec![],
        },
        Overlay::Drafts { items, selected } => {
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => {
                    app.overlay = Some(Overlay::Drafts { items, selected: selected.saturating_sub(1) });
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    let selected = (selected + 1).min(items.len().saturating_sub(1));
                    app.overlay = Some(Overlay::Drafts { items, selected });
                }
                KeyCode::Enter => {
                    app.overlay = None;
                    if let Some(item) = items.get(selected) {
                        return vec![Cmd::AdoptDraft(item.id.clone())];
                    }
                    return vec![Cmd::ReleaseDrafts];
                }
                KeyCode::Esc => {
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
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => {
                    app.overlay = Some(Overlay::Alerts { selected: selected.saturating_sub(1) });
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    app.overlay = Some(Overlay::Alerts { selected: (selected + 1).min(len.saturating_sub(1)) });
                }
                KeyCode::Char(' ') | KeyCode::Enter => {
                    let key = app.alerts.active.get(selected).map(|a| a.key.clone());
                    return match key {
                        Some(k) => super::alerts::acknowledge(app, &k),
                        None => vec![],
                    };
                }
                _ if ctrl_c => {
                    app.overlay = None;
                    return request_quit(app);
                }
                KeyCode::Esc | KeyCode::Char('!') | KeyCode::Char('q') => app.overlay = None,
                _ => {}
            }
            vec![]
        }
        Overlay::Help | Overlay::Message { .. } => {
            if ctrl_c {
                return request_quit(app);
            }
            app.overlay = None;
            vec![]
        }
    }
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
        title: app.lang.pick("只读", "Read-only").into(),
        body: app.lang.pick("数据库只读,无法保存。", "The database is read-only; nothing can be saved.").into(),
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
    // Ctrl+S (and any other Ctrl+letter) means nothing outside a form: it must not open a screen.
    if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char(_)) {
        return vec![];
    }
    match key.code {
        KeyCode::Char('q') => request_quit(app),
        KeyCode::Char('?') | KeyCode::F(1) => {
            app.overlay = Some(Overlay::Help);
            vec![]
        }
        KeyCode::Tab => {
            app.focus = app.focus.next();
            vec![]
        }
        KeyCode::Down | KeyCode::Char('j') => {
            app.move_selection(1);
            vec![]
        }
        KeyCode::Up | KeyCode::Char('k') => {
            app.move_selection(-1);
            vec![]
        }
        // A page of rows at a time (a flood day's long "Due next"); the pane scrolls with it.
        KeyCode::PageDown => {
            app.move_selection(10);
            vec![]
        }
        KeyCode::PageUp => {
            app.move_selection(-10);
            vec![]
        }
        KeyCode::Char('/') => {
            app.filtering = true;
            app.focus = Focus::Incidents;
            vec![]
        }
        // Space acknowledges the alert in the banner (only that one); `!` lists them all.
        KeyCode::Char(' ') => match app.alerts.banner().map(|(a, _)| a.key.clone()) {
            Some(k) => super::alerts::acknowledge(app, &k),
            None => vec![],
        },
        KeyCode::Char('!') => {
            app.overlay = Some(Overlay::Alerts { selected: 0 });
            vec![]
        }
        KeyCode::Char('R') | KeyCode::F(5) => vec![Cmd::Reload],
        KeyCode::Char('h') => {
            app.handover.prompt = false;
            app.screen = Screen::Handover;
            vec![]
        }
        KeyCode::Char('t') => super::handover::open_time_travel(app),
        KeyCode::Char('l') => super::logscreen::open_log(app),
        KeyCode::Char('s') => super::logscreen::open_stats(app),
        KeyCode::Char('H') => super::history::open(app),
        KeyCode::Esc if app.data.review_at.is_some() => vec![Cmd::Review(None)],
        KeyCode::Char('r') => super::roster::open(app),
        KeyCode::Char('n') => open_intake(app),
        KeyCode::Char('d') => {
            app.screen = Screen::Directory(super::directory::DirectoryScreen::default());
            vec![]
        }
        KeyCode::Enter => match app.selected_incident() {
            Some((id, _, _)) => open_incident(app, id),
            None => vec![],
        },
        KeyCode::Char(c @ ('b' | 'e' | 'a' | 'g')) => match app.selected_incident() {
            Some((id, reference, version)) => open_action(app, c, id, &reference, version),
            None => {
                let why = if app.data.due.is_empty() && app.data.open.is_empty() {
                    app.lang.pick("没有在办事件", "No open incident")
                } else {
                    app.lang.pick("先选择一个事件(Tab 切换窗格,↑↓ 选择)", "Select an incident first (Tab pane, ↑↓ row)")
                };
                say(app, c, why)
            }
        },
        _ => vec![],
    }
}

/// Says in the status line why a key cannot act.
fn say(app: &mut App, c: char, why: &str) -> Vec<Cmd> {
    app.status = Some(format!("{c}: {why}"));
    vec![]
}

/// Review mode shows a past moment, read-only: a key that would open a form is refused before the
/// form opens (not after it is typed).
fn refused_in_review(app: &mut App, c: char) -> Option<Vec<Cmd>> {
    app.data.review_at?;
    let why = app.lang.pick("回看模式只读,不能登记;按 Esc 返回实时", "review mode is read-only; Esc back to live");
    Some(say(app, c, why))
}

/// The level an escalation is owed to next: the duties of this incident still open, the selected
/// "Due next" row first (own leader, the next upper room, a level reached directly).
fn owed_level(app: &App, id: i64) -> Option<Level> {
    use crate::domain::escalation::{KIND_LEADER_AFTER_SKIP, KIND_NOTIFY_LEADER, KIND_NOTIFY_UPPER, KIND_REACH_PREFIX};
    let level_of = |kind: &str| match kind {
        KIND_NOTIFY_LEADER | KIND_LEADER_AFTER_SKIP => Some(Level::Leader),
        KIND_NOTIFY_UPPER => crate::domain::escalation::next_level(app.unit.level),
        crate::domain::ledger::KIND_DIRECT_PROVINCE => Some(Level::Province),
        other => other.strip_prefix(KIND_REACH_PREFIX).and_then(|l| l.parse::<Level>().ok()),
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
                app.status =
                    Some(app.lang.pick("接报草稿已保留,按 n 继续", "Intake draft kept; press n to continue").into());
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
    let Screen::Incident(page) = &mut app.screen else { return vec![] };
    let id = page.id;
    // Opened from the history screen: the record is read, not changed (open it from the board to act).
    if app.history.opened == Some(id)
        && matches!(key.code, KeyCode::Char('b' | 'e' | 'a' | 'g' | 'u' | 'C' | 'x' | 'v' | 'c'))
    {
        app.overlay = Some(Overlay::Message {
            title: app.lang.pick("只读", "Read-only").into(),
            body: app
                .lang
                .pick(
                    "从历史事件打开的页面只读;请在看板上打开此事件再操作。",
                    "Opened from the history screen: read-only. Open the incident from the board to act on it.",
                )
                .into(),
        });
        return vec![];
    }
    let (reference, version) =
        page.detail.as_ref().map(|d| (d.incident.reference.clone(), d.incident.version)).unwrap_or_default();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => {
            // Opened from the history screen: back to it, on the same page.
            app.screen = if app.history.opened == Some(id) { Screen::History } else { Screen::Board };
            app.history.opened = None;
            vec![]
        }
        KeyCode::Down | KeyCode::Char('j') => {
            page.scroll = page.scroll.saturating_add(1);
            vec![]
        }
        KeyCode::Up | KeyCode::Char('k') => {
            page.scroll = page.scroll.saturating_sub(1);
            vec![]
        }
        KeyCode::Char('?') | KeyCode::F(1) => {
            app.overlay = Some(Overlay::Help);
            vec![]
        }
        KeyCode::Char(c @ ('b' | 'e' | 'a' | 'g')) => open_action(app, c, id, &reference, version),
        KeyCode::Char('x') if !app.read_only && app.data.review_at.is_none() => {
            let now_text = app.now.with_timezone(&app.unit.timezone).format("%Y-%m-%d %H:%M").to_string();
            app.action = Some(ActionForm::end(id, &reference, version, &now_text));
            vec![]
        }
        KeyCode::Char('v') if !app.read_only && app.data.review_at.is_none() => {
            open_waive(app, id, &reference, version)
        }
        KeyCode::Char('u') if !app.read_only && app.data.review_at.is_none() => {
            if let Some(d) = &page.detail {
                app.action = Some(ActionForm::update(&d.incident));
            }
            vec![]
        }
        KeyCode::Char('C') if !app.read_only && app.data.review_at.is_none() => {
            open_correct(app, id, &reference, version)
        }
        KeyCode::Char('c') if !app.read_only && app.data.review_at.is_none() => {
            app.overlay = Some(Overlay::Confirm {
                prompt: app.lang.pick("确认办结此事件?", "Close this incident?").into(),
                then: Box::new(Write::Close { incident_id: id }),
            });
            vec![]
        }
        KeyCode::Char('w') => vec![Cmd::Write(Write::ExportWritten { incident_id: id })],
        KeyCode::Char(c @ ('x' | 'c' | 'v' | 'u' | 'C')) if app.data.review_at.is_some() => {
            refused_in_review(app, c).unwrap_or_default()
        }
        KeyCode::Char('x' | 'c' | 'v' | 'u' | 'C') => read_only(app),
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
            let label = lang.pick("上报", "step");
            entries.push((
                format!("step:{}", s.id),
                format!("{label} {} {} {}", s.level.label(lang), s.recipient, when(s.sent_at)),
            ));
            if let (Some(at), Some(by)) = (s.acked_at, &s.acked_by)
                && !done("ack", s.id)
            {
                let label = lang.pick("确认", "ack");
                entries.push((format!("ack:{}", s.id), format!("{label} {} {by} {}", s.level.label(lang), when(at))));
            }
        }
    }
    if entries.is_empty() {
        app.overlay = Some(Overlay::Message {
            title: ActionKind::Correct.title(lang).into(),
            body: lang.pick("没有可更正的记录。", "Nothing to correct.").into(),
        });
        return vec![];
    }
    let officer =
        app.data.on_duty.iter().find(|s| s.role == Role::Officer).map(|s| s.person_name.clone()).unwrap_or_default();
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
            body: lang.pick("此事件没有待办时限。", "This incident has no open duty.").into(),
        });
        return vec![];
    }
    let leader =
        app.data.on_duty.iter().find(|s| s.role == Role::Leader).map(|s| s.person_name.clone()).unwrap_or_default();
    app.action = Some(ActionForm::waive(id, reference, version, &duties, &leader));
    vec![]
}

fn open_action(app: &mut App, c: char, id: i64, reference: &str, version: i64) -> Vec<Cmd> {
    if let Some(cmds) = refused_in_review(app, c) {
        return cmds;
    }
    if app.read_only {
        return read_only(app);
    }
    let dir = app.data.directory();
    let lang = app.lang;
    let leader =
        app.data.on_duty.iter().find(|s| s.role == Role::Leader).map(|s| s.person_name.clone()).unwrap_or_default();
    let form = match c {
        'b' => {
            // The selected "Due next" row's kind when it is a report (a 续报 row opens on 续报),
            // else the first report this incident owes.
            let selected = match app.focus {
                Focus::Due => app
                    .selected_due()
                    .iter()
                    .filter(|d| d.obligation.incident_id == id)
                    .find_map(|d| d.obligation.kind.parse::<ReportKind>().ok()),
                _ => None,
            };
            let next = selected
                .or_else(|| {
                    app.data
                        .due
                        .iter()
                        .filter(|d| d.obligation.incident_id == id)
                        .find_map(|d| d.obligation.kind.parse::<ReportKind>().ok())
                })
                .unwrap_or(ReportKind::FirstPhone);
            ActionForm::report(id, reference, version, &dir, next, &leader, lang)
        }
        'e' => {
            let owed = owed_level(app, id);
            ActionForm::escalate(id, reference, version, &dir, app.unit.level, owed, lang)
        }
        'a' => {
            // An incident from below (issue 20): `a` acknowledges its receipt to the room that sent it.
            let from_below = app.data.link.as_ref().and_then(|l| l.from_below.iter().find(|r| r.incident_id == id));
            if let Some(row) = from_below {
                if let Some(by) = &row.acked_by {
                    return say(app, 'a', &crate::ui::text_link::already_acked(reference, by, lang));
                }
                return vec![Cmd::Write(Write::AckFromBelow { incident_id: id })];
            }
            let waiting = awaiting_levels(app, id);
            if waiting.is_empty() {
                let why = lang.pick("没有待上级确认的上报", "no step is awaiting acknowledgement");
                return say(app, 'a', &format!("#{reference} {why}"));
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
                    .value("grade")
                    .parse()
                    .map_err(|_| actions::FieldError { field: "grade", message: "required".into() })
                    .and_then(|grade| {
                        Ok(Write::Grade {
                            incident_id: id,
                            grade,
                            by: action.form.value("by"),
                            at: actions::optional_time(&action.form, "at", now, tz)?,
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
                    reason: action.form.value("reason"),
                    by: action.form.value("by"),
                }),
                ActionKind::End => actions::required_time(&action.form, "at", now, tz)
                    .map(|at| Write::EndHandling { incident_id: id, at: Some(at) }),
                ActionKind::Waive => action
                    .form
                    .value("obligation")
                    .parse::<i64>()
                    .map_err(|_| actions::FieldError { field: "obligation", message: "required".into() })
                    .map(|oid| Write::Waive {
                        incident_id: id,
                        target: crate::ops::ledger::WaiveTarget::Obligation(oid),
                        reason: action.form.value("reason"),
                        by: action.form.value("by"),
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
