//! The duty-log screen (`l`) and the statistics screen (`s`): state, keys, and the loads they ask
//! the runtime for. The log is paged with a keyset (never everything at once).

use crossterm::event::KeyEvent;

use crate::keymap::{Action, Table};

use super::form::{Choice, Field, FieldKey, Form, FormEvent};
use super::{App, Cmd, Screen, Write};
use crate::domain::LogKind;
use crate::ops::log::{DeviceCheck, Direction, LogInput, SpotCheck};
use crate::ops::stats::Stats;
use crate::store::log::LogRow;
use text::Label;
use text::console::forms::{self, log as words};

/// How many log lines one page holds.
pub const LOG_PAGE: usize = 100;
/// The statistics screen covers this many days up to now.
pub const STATS_DAYS: i64 = 30;

/// A read the runtime carries out for these screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// A page of the log, newest first, strictly older than `before` (None: the newest page).
    LogPage {
        before: Option<(chrono::DateTime<chrono::Utc>, i64)>,
    },
    Stats,
    /// Every leader instruction still unanswered, from the whole log (the feedback form's list).
    OpenInstructions,
    /// The statistics of `[from, to)` (the screen's chosen period).
    StatsFor {
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
    },
    /// The late and missed items behind a bar (drill-down), with its filters.
    LateItems {
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
        kind: Option<String>,
        officer: Option<String>,
        leader: Option<String>,
    },
    /// A page of the archive (history screen), with its filter and keyset cursor.
    HistoryPage(Box<crate::store::archive::IncidentFilter>),
}

/// What such a read returned.
#[derive(Debug, Clone)]
pub enum Loaded {
    LogPage(Vec<LogRow>),
    Stats(Box<Stats>),
    HistoryPage(Vec<crate::domain::Incident>),
    LateItems(Box<crate::ops::report::LateReport>),
    OpenInstructions(Vec<crate::ops::log::OpenInstruction>),
}

#[derive(Debug, Clone, Default)]
pub struct LogUi {
    pub rows: Vec<LogRow>,
    pub selected: usize,
    /// Cursors of the pages before the current one, to go back with PgUp.
    pub pages: Vec<Option<(chrono::DateTime<chrono::Utc>, i64)>>,
    pub form: Option<Box<Form>>,
    /// Every unanswered leader instruction, newest first, whatever page is shown (issue 17).
    pub open_instructions: Vec<crate::ops::log::OpenInstruction>,
    pub stats: Option<Box<Stats>>,
    /// The statistics screen's period, breakdown, selected bar and drill-down (issue 16).
    pub view: super::stats_screen::StatsView,
}

/// The kinds the log screen's form offers (spot checks and equipment checks have their own fields
/// and are entered with `dutywatch log add`).
const KINDS: &[LogKind] = &[LogKind::Note, LogKind::CallIn, LogKind::CallOut, LogKind::Instruction, LogKind::Feedback];

/// The add form: kind, text, time (empty = now; `14:05`, `-20m`), an optional open incident and,
/// for feedback, the instruction it answers, both picked from lists (issue 17).
fn entry_form(app: &App) -> Form {
    let none = || Choice::fixed("", words::NONE);
    let mut incidents = vec![none()];
    incidents.extend(app.data.open.iter().map(|i| {
        let label =
            format!("#{} {}", i.reference, crate::ui::text::truncate(crate::ui::text::first_line(&i.title), 24));
        Choice::untranslated(i.id.to_string(), label)
    }));
    // Every instruction of the log that no feedback answers yet, newest first (loaded with the
    // screen, not only those on the page shown): its time and first line.
    let mut instructions = vec![none()];
    let tz = app.unit.timezone;
    for i in &app.log.open_instructions {
        let when = i.at.with_timezone(&tz).format("%m-%d %H:%M");
        let from = if i.from.is_empty() { String::new() } else { format!("{}:", i.from) };
        let label = format!("{when} {}", crate::ui::text::truncate(&format!("{from}{}", i.first_line), 40));
        instructions.push(Choice::untranslated(i.id.to_string(), label));
    }
    Form::new(vec![
        Field::choice(FieldKey::Kind, words::KIND, super::intake::choices(KINDS, |k| k.code()), 0),
        Field::text(FieldKey::Text, words::TEXT).required(),
        Field::time(FieldKey::At, words::AT),
        Field::choice(FieldKey::Incident, words::INCIDENT, incidents, 0),
        Field::text(FieldKey::From, words::LEADER),
        Field::choice(FieldKey::Answers, words::ANSWERS, instructions, 0),
    ])
    .with_help(forms::REQUIRED_EMPTY_TIME_NOW, forms::CANCEL)
}

pub fn open_log(app: &mut App) -> Vec<Cmd> {
    app.screen = Screen::Log;
    app.log.pages.clear();
    app.log.selected = 0;
    vec![Cmd::Load(Load::LogPage { before: None }), Cmd::Load(Load::OpenInstructions)]
}

pub fn open_stats(app: &mut App) -> Vec<Cmd> {
    app.screen = Screen::Stats;
    app.log.view.drill = None;
    vec![super::stats_screen::load(app)]
}

pub fn on_loaded(app: &mut App, l: Loaded) -> Vec<Cmd> {
    match l {
        Loaded::LogPage(rows) => {
            app.log.rows = rows;
            app.log.selected = app.log.selected.min(app.log.rows.len().saturating_sub(1));
        }
        Loaded::Stats(s) => app.log.stats = Some(s),
        Loaded::OpenInstructions(list) => app.log.open_instructions = list,
        Loaded::LateItems(r) => {
            app.log.view.drill = Some(r);
            app.log.view.drill_selected = 0;
        }
        Loaded::HistoryPage(rows) => super::history::loaded(app, rows),
    }
    vec![]
}

pub fn stats_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    super::stats_screen::key(app, key)
}

/// The spot-check form (抽查, docs/rules.md PR-15): received or made, which unit, answered, delay, at post,
/// forwarded (呼叫转移, the named defect D18 in docs/rules.md), findings.
fn spot_form() -> Form {
    let yes_no = || vec![Choice::fixed("yes", forms::YES), Choice::fixed("no", forms::NO)];
    let no_yes = || vec![Choice::fixed("no", forms::NO), Choice::fixed("yes", forms::YES)];
    Form::new(vec![
        Field::choice(
            FieldKey::Direction,
            words::DIRECTION,
            vec![Choice::fixed("received", words::RECEIVED), Choice::fixed("made", words::MADE)],
            0,
        ),
        Field::text(FieldKey::Unit, words::UNIT).required(),
        Field::choice(FieldKey::Answered, words::ANSWERED, yes_no(), 0),
        Field::number(FieldKey::Delay, words::DELAY),
        Field::choice(FieldKey::AtPost, words::AT_POST, yes_no(), 0),
        Field::choice(FieldKey::Forwarded, words::FORWARDED, no_yes(), 0),
        Field::multi(FieldKey::Findings, words::FINDINGS),
    ])
}

/// The equipment-check form (docs/rules.md PR-24): duty phone, fax, network, radio, each OK or fault.
fn equipment_form() -> Form {
    let state = || vec![Choice::fixed("ok", words::OK), Choice::fixed("fault", words::FAULT)];
    Form::new(vec![
        Field::choice(FieldKey::Phone, words::DUTY_PHONE, state(), 0),
        Field::choice(FieldKey::Fax, forms::FAX, state(), 0),
        Field::choice(FieldKey::Network, words::NETWORK, state(), 0),
        Field::choice(FieldKey::Radio, words::RADIO, state(), 0),
        Field::text(FieldKey::NotePhone, words::NOTE_PHONE),
        Field::text(FieldKey::NoteFax, words::NOTE_FAX),
        Field::text(FieldKey::NoteNetwork, words::NOTE_NETWORK),
        Field::text(FieldKey::NoteRadio, words::NOTE_RADIO),
        Field::text(FieldKey::Note, words::NOTE),
    ])
}

/// The 督办 form for a leader's instruction (批示 → task in one step): the instruction's number and text
/// prefilled, the owner and the hours it is due in.
fn task_form(entry: &crate::domain::LogEntry) -> Form {
    let mut form = Form::new(vec![
        Field::number(FieldKey::Entry, words::INSTRUCTION_NO),
        Field::text(FieldKey::Title, words::TASK).required(),
        Field::text(FieldKey::Owner, words::OWNER).required(),
        Field::number(FieldKey::Hours, words::DUE_HOURS).required(),
    ])
    .with_help(words::TASK_HELP, forms::CANCEL);
    form.set(FieldKey::Entry, &entry.id.to_string());
    form.set(FieldKey::Title, crate::ui::text::first_line(&entry.body));
    form.focus_on(FieldKey::Owner);
    form
}

/// The task a submitted task form describes.
fn task_input(form: &Form, now: chrono::DateTime<chrono::Utc>) -> Result<Write, (FieldKey, String)> {
    let hours = form.value(FieldKey::Hours).trim().to_string();
    let hours: i64 = hours
        .parse()
        .ok()
        .filter(|h| (1..=24 * 366).contains(h))
        .ok_or((FieldKey::Hours, format!("`{hours}`: 1 to 8784")))?;
    Ok(Write::AddTask(Box::new(crate::ops::task::TaskInput {
        title: form.value(FieldKey::Title).trim().to_string(),
        owner: form.value(FieldKey::Owner).trim().to_string(),
        due: Some(now + chrono::Duration::hours(hours)),
        incident_id: None,
        from: None,
        log_entry: form.value(FieldKey::Entry).trim().parse().ok(),
    })))
}

/// Builds the entry a kind-specific form describes.
fn special_entry(form: &Form) -> Result<Write, (FieldKey, String)> {
    let is_spot = form.field(FieldKey::Unit).is_some();
    let mut input = if is_spot {
        let unit = form.value(FieldKey::Unit).trim().to_string();
        if unit.is_empty() {
            return Err((FieldKey::Unit, "required".into()));
        }
        let delay = form.value(FieldKey::Delay).trim().to_string();
        let delay_seconds = if delay.is_empty() {
            0
        } else {
            delay.parse::<u32>().map_err(|_| (FieldKey::Delay, format!("`{delay}`: a whole number of seconds")))?
        };
        let mut i = LogInput::new(LogKind::SpotCheck, &form.value(FieldKey::Findings));
        i.spot = Some(SpotCheck {
            direction: form.value(FieldKey::Direction).parse().unwrap_or(Direction::Received),
            unit,
            answered: form.value(FieldKey::Answered) == "yes",
            delay_seconds,
            at_post: form.value(FieldKey::AtPost) == "yes",
            forwarded: form.value(FieldKey::Forwarded) == "yes",
            findings: form.value(FieldKey::Findings),
        });
        i
    } else {
        let mut i = LogInput::new(LogKind::Equipment, &form.value(FieldKey::Note));
        let devices = [
            (FieldKey::Phone, FieldKey::NotePhone),
            (FieldKey::Fax, FieldKey::NoteFax),
            (FieldKey::Network, FieldKey::NoteNetwork),
            (FieldKey::Radio, FieldKey::NoteRadio),
        ];
        for (device, note) in devices {
            // Each device keeps its own note (one note copied onto every device said nothing); the
            // device is recorded by its field's code.
            i.devices.push(DeviceCheck {
                device: device.code().into(),
                ok: form.value(device) != "fault",
                note: form.value(note).trim().to_string(),
            });
        }
        i
    };
    input.text = input.text.trim().to_string();
    Ok(Write::LogEntry(Box::new(input)))
}

pub fn log_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    if let Some(mut form) = app.log.form.take() {
        match form.handle_key(key) {
            FormEvent::Close => app.unsaved_typing = false,
            FormEvent::Submit if form.field(FieldKey::Owner).is_some() => match task_input(&form, app.now) {
                Ok(w) => {
                    app.unsaved_typing = false;
                    app.log.form = Some(form);
                    return vec![Cmd::Write(w)];
                }
                Err((field, msg)) => {
                    form.focus_on(field);
                    form.error = Some(format!("{field}: {msg}"));
                    app.log.form = Some(form);
                    return vec![Cmd::Bell];
                }
            },
            FormEvent::Submit if form.field(FieldKey::Text).is_none() => match special_entry(&form) {
                Ok(w) => {
                    app.unsaved_typing = false;
                    app.log.form = Some(form);
                    return vec![Cmd::Write(w)];
                }
                Err((field, msg)) => {
                    form.focus_on(field);
                    form.error = Some(format!("{field}: {msg}"));
                    app.log.form = Some(form);
                    return vec![Cmd::Bell];
                }
            },
            FormEvent::Submit => {
                let kind = form.value(FieldKey::Kind).parse::<LogKind>().unwrap_or(LogKind::Note);
                let mut input = LogInput::new(kind, &form.value(FieldKey::Text));
                match super::actions::optional_time(&form, FieldKey::At, app.now, app.unit.timezone) {
                    Ok(at) => input.at = at,
                    Err(e) => {
                        form.focus_on(e.field);
                        form.error = Some(format!("{}: {}", e.field, e.message));
                        app.log.form = Some(form);
                        return vec![Cmd::Bell];
                    }
                }
                input.incident_id = form.value(FieldKey::Incident).trim().parse::<i64>().ok();
                input.answers = form.value(FieldKey::Answers).trim().parse::<i64>().ok();
                input.from_leader = Some(form.value(FieldKey::From).trim().to_string()).filter(|s| !s.is_empty());
                app.unsaved_typing = false;
                app.log.form = Some(form);
                return vec![Cmd::Write(Write::LogEntry(Box::new(input)))];
            }
            _ => {
                app.unsaved_typing = form.has_typing();
                app.log.form = Some(form);
            }
        }
        return vec![];
    }
    let read_only = app.read_only || app.data.review_at.is_some();
    // What a key means comes from the log's table (keys.toml [log]).
    let Some(action) = app.keymap.action(Table::Log, &key) else { return vec![] };
    match action {
        Action::Back => app.screen = Screen::Board,
        Action::Help => return super::keys::open_help(app),
        Action::Add if !read_only => app.log.form = Some(Box::new(entry_form(app))),
        // The selected entry in full: every line, and what a check recorded.
        Action::Open => {
            if let Some(r) = app.log.rows.get(app.log.selected) {
                let e = &r.entry;
                let tz = app.unit.timezone;
                let mut body = crate::ui::text::log_events::entry_text(e, app.lang).into_owned();
                if let Some(inc) = e.incident_id {
                    let reference = app.data.open.iter().find(|i| i.id == inc).map(|i| i.reference.clone());
                    body.push_str(&format!("\n#{}", reference.unwrap_or_else(|| inc.to_string())));
                }
                if let Some(d) = &r.data {
                    body.push_str(&format!("\n{}", crate::ui::logscreen::data_text(d, app.lang)));
                }
                app.overlay = Some(super::Overlay::Message {
                    title: format!(
                        "{} {} {} {}",
                        e.id,
                        e.kind.label(app.lang),
                        e.at.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                        e.author
                    ),
                    body: crate::domain::safe_text::visible(&body).into_owned(),
                });
            }
        }
        Action::SpotCheck if !read_only => app.log.form = Some(Box::new(spot_form())),
        // The duty day of the selected entry (else today's) as .docx and .md (issue 19).
        Action::WriteFile => {
            let tz = app.unit.timezone;
            let at = app.log.rows.get(app.log.selected).map(|r| r.entry.at).unwrap_or(app.now);
            let local = at.with_timezone(&tz);
            let mut day = local.date_naive();
            if local.time() < app.unit.shift_change {
                day = day.pred_opt().unwrap_or(day);
            }
            return vec![Cmd::Write(Write::ExportDayLog { day })];
        }
        // A leader's instruction becomes a 督办 task in one step.
        Action::InstructionTask if !read_only => match app.log.rows.get(app.log.selected).map(|r| &r.entry) {
            Some(e) if e.kind == LogKind::Instruction => app.log.form = Some(Box::new(task_form(e))),
            _ => app.status = Some(crate::ui::text_levels::not_an_instruction(app.lang).to_string()),
        },
        Action::EquipmentCheck if !read_only => app.log.form = Some(Box::new(equipment_form())),
        Action::Down => {
            app.log.selected = (app.log.selected + 1).min(app.log.rows.len().saturating_sub(1));
        }
        Action::Up => app.log.selected = app.log.selected.saturating_sub(1),
        Action::Older => {
            if let Some(last) = app.log.rows.last() {
                let cursor = Some((last.entry.at, last.entry.id));
                let current = app.log.rows.first().map(|r| (r.entry.at, r.entry.id + 1));
                app.log.pages.push(current);
                app.log.selected = 0;
                return vec![Cmd::Load(Load::LogPage { before: cursor })];
            }
        }
        Action::Newer => {
            if let Some(before) = app.log.pages.pop() {
                app.log.selected = 0;
                return vec![Cmd::Load(Load::LogPage { before })];
            }
        }
        _ => {}
    }
    vec![]
}

/// After a successful save on the log screen: close the form and show the newest page.
pub fn after_save(app: &mut App) -> Vec<Cmd> {
    if matches!(app.screen, Screen::Log) {
        app.log.form = None;
        app.log.pages.clear();
        return vec![Cmd::Load(Load::LogPage { before: None }), Cmd::Load(Load::OpenInstructions)];
    }
    if matches!(app.screen, Screen::Stats) {
        return vec![super::stats_screen::load(app)];
    }
    vec![]
}
