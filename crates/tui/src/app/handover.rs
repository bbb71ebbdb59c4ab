//! The handover screen (`h`) and the review-mode time prompt (`t`): state and keys. Pure: it
//! returns `Cmd`s for the runtime to carry out.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::form::{Field, FieldKey, Form, FormEvent};
use super::{App, Cmd, Screen, Write};
use crate::domain::time_input::parse_time_input;
use crate::keymap::{Action, Table};
use text::console::forms::handover as form_words;

/// What the handover screen is doing.
#[derive(Debug, Clone, Default)]
pub enum HandoverMode {
    #[default]
    View,
    /// Typing the outgoing officer's remarks.
    Remarks(Box<Form>),
    /// Typing the signer's name to confirm a signature (`true` = outgoing).
    Sign(Box<Form>, bool),
}

/// Handover and review state kept across reloads.
#[derive(Debug, Clone, Default)]
pub struct HandoverUi {
    /// The change time already prompted for (the prompt shows once per watch).
    pub prompted_for: Option<DateTime<Utc>>,
    /// True while the prompt banner shows.
    pub prompt: bool,
    pub mode: HandoverMode,
    /// Selected row of the review list; `None` shows the current watch's sheet.
    pub selected: Option<usize>,
    /// Typed text of the time-travel prompt while it is open.
    pub time_input: Option<String>,
    pub time_error: Option<String>,
    /// First shown line of the sheet (↑↓ PgUp/PgDn Home/End).
    pub scroll: u16,
    /// The sheet whose end has been shown (its id): signing is offered only then.
    pub read_to_end: Option<i64>,
    /// The sheet pane's inner height and the sheet's wrapped height, as last drawn.
    pub view: std::cell::Cell<(u16, u16)>,
}

/// The 1 Hz check for the handover prompt (the decision itself is pure domain code).
pub fn on_tick(app: &mut App) -> Vec<Cmd> {
    if app.data.review_at.is_some() {
        return vec![];
    }
    let change = app.data.next_change.as_ref().map(|(t, _)| *t);
    let has_sheet = app.data.handover.is_some();
    if crate::domain::handover::should_prompt(
        app.now,
        change,
        app.unit.handover_prompt_minutes,
        has_sheet,
        app.handover.prompted_for,
    ) {
        app.handover.prompted_for = change;
        app.handover.prompt = true;
        return vec![Cmd::Bell];
    }
    if app.handover.prompt && (has_sheet || change.is_none_or(|c| app.now >= c)) {
        app.handover.prompt = false;
    }
    vec![]
}

/// Keys of the time-travel prompt. Enter asks the runtime for the board at that moment.
pub fn time_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let Some(input) = app.handover.time_input.as_mut() else { return vec![] };
    match key.code {
        KeyCode::Esc => {
            app.handover.time_input = None;
            app.handover.time_error = None;
        }
        KeyCode::Backspace => {
            input.pop();
        }
        KeyCode::Char(c) => input.push(c),
        KeyCode::Enter => {
            let typed = input.trim().to_string();
            let now = if app.data.review_at.is_some() { chrono::Utc::now().max(app.now) } else { app.now };
            match parse_time_input(&typed, now, app.unit.timezone) {
                Ok(t) => {
                    app.handover.time_input = None;
                    app.handover.time_error = None;
                    return vec![Cmd::Review(Some(t))];
                }
                Err(e) => app.handover.time_error = Some(e.to_string()),
            }
        }
        _ => {}
    }
    vec![]
}

/// Opens the time-travel prompt (`t`), or leaves review mode when already in it.
pub fn open_time_travel(app: &mut App) -> Vec<Cmd> {
    if app.data.review_at.is_some() {
        return vec![Cmd::Review(None)];
    }
    app.handover.time_input = Some(String::new());
    app.handover.time_error = None;
    vec![]
}

fn name_form() -> Form {
    Form::new(vec![
        Field::text(FieldKey::Name, form_words::SIGNER_NAME).required(),
        Field::secret(FieldKey::Pin, form_words::PIN),
        Field::text(FieldKey::Unverified, form_words::NO_PIN_REASON),
    ])
}

/// Moves the sheet by `delta` lines (clamped to what was drawn) and notes when its end is shown.
fn scroll_sheet(app: &mut App, to: Option<u16>, delta: i32) {
    let (height, total) = app.handover.view.get();
    let max = total.saturating_sub(height);
    let next = match to {
        Some(t) => t,
        None => (i32::from(app.handover.scroll.min(max)) + delta).clamp(0, i32::from(max)) as u16,
    };
    app.handover.scroll = next.min(max);
    note_read(app);
}

/// The shown sheet counts as read once its last line was on screen.
fn note_read(app: &mut App) {
    let (height, total) = app.handover.view.get();
    if app.handover.scroll.saturating_add(height) >= total
        && let Some(h) = &app.data.handover
        && app.handover.selected.is_none()
    {
        app.handover.read_to_end = Some(h.head.id);
    }
}

/// Signing is offered once the current sheet was shown to its end.
fn may_sign(app: &mut App) -> bool {
    note_read(app);
    let id = app.data.handover.as_ref().map(|h| h.head.id);
    if id.is_some() && app.handover.read_to_end == id {
        return true;
    }
    app.status = Some(text::console::refused::READ_TO_THE_END.get(app.lang).to_string());
    false
}

/// Keys of the handover screen.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    match std::mem::take(&mut app.handover.mode) {
        HandoverMode::Remarks(mut form) => match form.handle_key(key) {
            FormEvent::Close => {
                app.unsaved_typing = false;
            }
            FormEvent::Submit => {
                app.unsaved_typing = false;
                let remarks = form.value(FieldKey::Remarks);
                return vec![Cmd::Write(Write::HandoverDraft { remarks: Some(remarks) })];
            }
            _ => {
                app.unsaved_typing = form.has_typing();
                app.handover.mode = HandoverMode::Remarks(form);
            }
        },
        HandoverMode::Sign(mut form, outgoing) => match form.handle_key(key) {
            FormEvent::Close => {}
            FormEvent::Submit => {
                let name = form.value(FieldKey::Name).trim().to_string();
                let pin = form.value(FieldKey::Pin);
                let unverified = form.value(FieldKey::Unverified).trim().to_string();
                let Some(h) = &app.data.handover else { return vec![] };
                return vec![Cmd::Write(Write::HandoverSign { id: h.head.id, name, outgoing, pin, unverified })];
            }
            _ => app.handover.mode = HandoverMode::Sign(form, outgoing),
        },
        HandoverMode::View => return view_key(app, key),
    }
    vec![]
}

fn view_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let read_only = app.read_only || app.data.review_at.is_some();
    // What a key means comes from the handover's table (keys.toml [handover]).
    let Some(action) = app.keymap.action(Table::Handover, &key) else { return vec![] };
    match action {
        Action::Back => {
            app.screen = Screen::Board;
            app.handover.selected = None;
        }
        Action::Help => return super::keys::open_help(app),
        Action::Draft if !read_only => return vec![Cmd::Write(Write::HandoverDraft { remarks: None })],
        // The sheet shown (a reviewed one, else the current watch's) as .docx and .md (issue 19).
        Action::WriteFile => {
            let shown = match app.handover.selected {
                Some(i) => app.data.handovers.get(i).map(|h| h.head.id),
                None => app.data.handover.as_ref().map(|h| h.head.id),
            };
            match shown {
                Some(id) => return vec![Cmd::Write(Write::ExportHandover { id })],
                None => {
                    app.status = Some(crate::ui::text_docs::nothing_to_write("handover", app.lang).to_string());
                }
            }
        }
        Action::Remarks if !read_only && app.data.handover.is_some() => {
            let mut form = Form::new(vec![Field::multi(FieldKey::Remarks, form_words::REMARKS)]);
            if let Some(h) = &app.data.handover {
                form.set(FieldKey::Remarks, &h.head.remarks);
            }
            app.handover.mode = HandoverMode::Remarks(Box::new(form));
        }
        Action::SignOut if !read_only && app.data.handover.is_some() => {
            app.handover.selected = None;
            if may_sign(app) {
                app.handover.mode = HandoverMode::Sign(Box::new(name_form()), true);
            }
        }
        Action::SignIn if !read_only && app.data.handover.is_some() => {
            app.handover.selected = None;
            if may_sign(app) {
                app.handover.mode = HandoverMode::Sign(Box::new(name_form()), false);
            }
        }
        Action::Down => scroll_sheet(app, None, 1),
        Action::Up => scroll_sheet(app, None, -1),
        Action::PageDown => {
            let page = i32::from(app.handover.view.get().0.saturating_sub(1).max(1));
            scroll_sheet(app, None, page)
        }
        Action::PageUp => {
            let page = i32::from(app.handover.view.get().0.saturating_sub(1).max(1));
            scroll_sheet(app, None, -page)
        }
        Action::Top => scroll_sheet(app, Some(0), 0),
        Action::Bottom => scroll_sheet(app, Some(u16::MAX), 0),
        Action::ListNext => {
            app.handover.scroll = 0;
            let n = app.data.handovers.len();
            if n > 0 {
                app.handover.selected = Some(app.handover.selected.map_or(0, |i| (i + 1).min(n - 1)));
            }
        }
        Action::ListPrev => {
            app.handover.scroll = 0;
            app.handover.selected = match app.handover.selected {
                Some(0) | None => None,
                Some(i) => Some(i - 1),
            };
        }
        _ => {}
    }
    vec![]
}
