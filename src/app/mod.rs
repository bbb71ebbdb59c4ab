//! The TEA core: state, messages, effects. `update` is pure: it never touches the terminal, the
//! database or the clock; the runtime feeds it `Msg`s and carries out the `Cmd`s it returns.

pub mod board;
pub mod form;
pub mod handover;
pub mod logscreen;
pub mod write;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use board::BoardData;
pub use write::Write;

use crate::config::UnitConfig;
use crate::domain::Lang;

/// A layer drawn over the current screen; it takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// A message the officer must acknowledge (an error, a refused save).
    Message {
        title: String,
        body: String,
    },
    /// "Really quit?" while a form holds unsaved typing.
    ConfirmQuit,
}

/// The screen that has the keys. Each feature adds its screen here, its key handler in its own
/// module, and its view in `ui/`.
#[derive(Debug, Clone, Default)]
pub enum Screen {
    #[default]
    Board,
    /// Handover: the current watch's sheet, remarks, signatures, and the review list.
    Handover,
    /// The duty log, paged.
    Log,
    /// Statistics of the last days, as charts.
    Stats,
}

/// Which pane of the board has the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Due,
    Incidents,
    Log,
}

impl Focus {
    fn next(self) -> Focus {
        match self {
            Focus::Due => Focus::Incidents,
            Focus::Incidents => Focus::Log,
            Focus::Log => Focus::Due,
        }
    }
}

/// Everything the view needs.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub unit: Arc<UnitConfig>,
    pub now: DateTime<Utc>,
    pub read_only: bool,
    pub data: BoardData,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    /// Selected row in each pane.
    pub selected: [usize; 3],
    /// True while a form holds typing that is not saved yet.
    pub unsaved_typing: bool,
    pub quit: bool,
    /// A transient line in the status bar (saved, reloaded …).
    pub status: Option<String>,
    /// Handover screen, prompt and time-travel state.
    pub handover: handover::HandoverUi,
    /// Duty-log and statistics screens.
    pub log: logscreen::LogUi,
}

/// Inputs to `update`.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// The 1 Hz tick, with the wall clock read afresh.
    Tick(DateTime<Utc>),
    Resize,
    /// Fresh board data from the store (after a change here or in another terminal).
    Loaded(Box<BoardData>),
    /// A store operation failed; the message is for the officer.
    Failed(String),
    /// A write succeeded; the text is for the status bar.
    Saved(String),
    /// A screen's own read (log page, statistics) came back.
    Extra(Box<logscreen::Loaded>),
}

/// Effects for the runtime to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    Reload,
    Bell,
    Quit,
    /// A change to save; the runtime answers with `Msg::Saved` or `Msg::Failed`.
    Write(Write),
    /// Show the board as it stood at this past moment (read-only), or live again (`None`).
    Review(Option<DateTime<Utc>>),
    /// A screen's own read (log page, statistics); answered with `Msg::Extra`.
    Load(logscreen::Load),
}

impl App {
    pub fn new(lang: Lang, unit: Arc<UnitConfig>, now: DateTime<Utc>, read_only: bool) -> App {
        App {
            lang,
            unit,
            now,
            read_only,
            data: BoardData::default(),
            screen: Screen::Board,
            overlay: None,
            focus: Focus::Due,
            selected: [0; 3],
            unsaved_typing: false,
            quit: false,
            status: None,
            handover: handover::HandoverUi::default(),
            log: logscreen::LogUi::default(),
        }
    }

    fn pane_len(&self, focus: Focus) -> usize {
        match focus {
            Focus::Due => self.data.due.len(),
            Focus::Incidents => self.data.open.len(),
            Focus::Log => self.data.log.len(),
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let idx = self.focus as usize;
        let len = self.pane_len(self.focus);
        if len == 0 {
            self.selected[idx] = 0;
            return;
        }
        let cur = self.selected[idx] as isize;
        self.selected[idx] = (cur + delta).clamp(0, len as isize - 1) as usize;
    }
}

/// The one place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Tick(now) => {
            // In review mode the board stays at the reviewed moment.
            if app.data.review_at.is_none() {
                app.now = now;
            }
            handover::on_tick(app)
        }
        Msg::Resize => vec![],
        Msg::Loaded(data) => {
            if let Some(t) = data.review_at {
                app.now = t;
            }
            app.data = *data;
            for f in [Focus::Due, Focus::Incidents, Focus::Log] {
                let len = app.pane_len(f);
                let i = f as usize;
                app.selected[i] = app.selected[i].min(len.saturating_sub(1));
            }
            vec![]
        }
        Msg::Failed(body) => {
            app.overlay = Some(Overlay::Message { title: app.lang.pick("出错了", "Error").into(), body });
            vec![Cmd::Bell]
        }
        Msg::Saved(text) => {
            app.status = Some(text);
            let mut cmds = vec![Cmd::Reload];
            cmds.extend(logscreen::after_save(app));
            cmds
        }
        Msg::Extra(l) => logscreen::on_loaded(app, *l),
        Msg::Key(key) if key.kind == KeyEventKind::Release => vec![],
        Msg::Key(key) => on_key(app, key),
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
    if let Some(overlay) = app.overlay.clone() {
        return match overlay {
            Overlay::ConfirmQuit => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => quit(app),
                _ => {
                    app.overlay = None;
                    vec![]
                }
            },
            Overlay::Help | Overlay::Message { .. } => {
                if ctrl_c {
                    return request_quit(app);
                }
                app.overlay = None;
                vec![]
            }
        };
    }
    if ctrl_c {
        return request_quit(app);
    }
    if app.handover.time_input.is_some() {
        return handover::time_key(app, key);
    }
    match app.screen {
        Screen::Board => board_key(app, key),
        Screen::Handover => handover::key(app, key),
        Screen::Log => logscreen::log_key(app, key),
        Screen::Stats => logscreen::stats_key(app, key),
    }
}

fn board_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
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
        KeyCode::Char('R') | KeyCode::F(5) => vec![Cmd::Reload],
        KeyCode::Char('h') => {
            app.handover.prompt = false;
            app.screen = Screen::Handover;
            vec![]
        }
        KeyCode::Char('t') => handover::open_time_travel(app),
        KeyCode::Char('l') => logscreen::open_log(app),
        KeyCode::Char('s') => logscreen::open_stats(app),
        KeyCode::Esc if app.data.review_at.is_some() => vec![Cmd::Review(None)],
        _ => vec![],
    }
}

fn request_quit(app: &mut App) -> Vec<Cmd> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse_toml, unit::SHIPPED_UNIT};

    pub(crate) fn app() -> App {
        let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").expect("unit");
        App::new(Lang::Zh, Arc::new(unit), DateTime::UNIX_EPOCH, false)
    }

    fn key(c: char) -> Msg {
        Msg::Key(KeyEvent::from(KeyCode::Char(c)))
    }

    #[test]
    fn help_opens_and_any_key_closes_it() {
        let mut a = app();
        update(&mut a, key('?'));
        assert_eq!(a.overlay, Some(Overlay::Help));
        update(&mut a, key('x'));
        assert_eq!(a.overlay, None);
        assert!(!a.quit);
    }

    #[test]
    fn quit_asks_first_when_typing_is_unsaved() {
        let mut a = app();
        a.unsaved_typing = true;
        assert!(update(&mut a, key('q')).is_empty());
        assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
        update(&mut a, key('n'));
        assert!(!a.quit);
        update(&mut a, key('q'));
        assert_eq!(update(&mut a, key('y')), vec![Cmd::Quit]);
        assert!(a.quit);
    }

    #[test]
    fn plain_quit() {
        let mut a = app();
        assert_eq!(update(&mut a, key('q')), vec![Cmd::Quit]);
    }
}
