//! The TEA core: state, messages, effects. `update` is pure: it never touches the terminal, the
//! database or the clock; the runtime feeds it `Msg`s and carries out the `Cmd`s it returns.

pub mod actions;
pub mod alerts;
pub use service::board;
pub mod debug;
pub mod directory;
pub mod field_key;
pub mod form;
pub mod handover;
pub mod history;
pub mod intake;
pub mod keys;
pub mod logscreen;
pub mod roster;
pub mod stats_screen;
pub mod write;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, KeyEventKind};

pub use board::{BoardData, IncidentDetail};
pub use write::Write;

use crate::keymap::Keymap;

use crate::config::UnitConfig;
use crate::config::rules::Rulebook;
use crate::domain::Lang;
use actions::ActionForm;
use form::Form;

/// A layer drawn over the current screen; it takes the keys while open.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    /// A message the officer must acknowledge (an error, a refused save).
    Message {
        title: String,
        body: String,
    },
    /// "Really quit?" while a form holds unsaved typing.
    ConfirmQuit,
    /// "Really …?" for an action that cannot be undone (end handling, close).
    Confirm {
        prompt: String,
        then: Box<Write>,
    },
    /// Intake drafts left by boards that are gone, offered at start-up: Enter restores the
    /// selected one, Esc leaves them all for later.
    Drafts {
        items: Vec<DraftItem>,
        selected: usize,
    },
    /// Every active alert (`!`): each acknowledged on its own (Space or Enter), who and when shown.
    Alerts {
        selected: usize,
    },
}

/// One intake draft left by a board that is gone: when it was last typed, and its first line.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftItem {
    pub id: String,
    pub saved_at: DateTime<Utc>,
    pub first_line: String,
}

/// The screen that has the keys. Each feature adds its screen here, its key handler in its own
/// module, and its view in `ui/`.
#[derive(Debug, Clone, Default)]
pub enum Screen {
    #[default]
    Board,
    /// The week roster (`r`), see [`roster`].
    Roster(Box<roster::RosterState>),
    /// The intake form (`n`).
    Intake(Box<Form>),
    /// One incident's page and timeline (Enter).
    Incident(Box<IncidentPage>),
    /// The contact directory (`d`).
    Directory(directory::DirectoryScreen),
    /// Handover: the current watch's sheet, remarks, signatures, and the review list.
    Handover,
    /// The duty log, paged.
    Log,
    /// Statistics of the last days, as charts.
    Stats,
    /// The archive (`H`): every incident, closed or open, filtered and paged.
    History,
    /// 督办 tasks still open (`k`), the selected row.
    Tasks(usize),
}

/// The incident page's state: which incident, and its detail once loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentPage {
    pub id: i64,
    pub detail: Option<IncidentDetail>,
    pub scroll: u16,
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
    pub fn next(self) -> Focus {
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
    /// The rules, for the escalation ladder and the forms' choices (None only in bare tests).
    pub book: Option<Arc<Rulebook>>,
    pub now: DateTime<Utc>,
    pub read_only: bool,
    pub data: BoardData,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// A modal form acting on one incident (report, escalate, ack, grade).
    pub action: Option<ActionForm>,
    pub focus: Focus,
    /// Selected row in each pane.
    pub selected: [usize; 3],
    /// The `/` filter of the open-incident pane, and whether it is being typed.
    pub filter: String,
    pub filtering: bool,
    /// Due-soon / overdue alerts already fired, and the banner of the latest unacknowledged one.
    pub alerts: alerts::Alerts,
    /// True while a form holds typing that is not saved yet.
    pub unsaved_typing: bool,
    /// The intake form as last closed with Esc: reopening `n` brings it back (the draft file keeps it
    /// across restarts).
    pub parked_intake: Option<Box<Form>>,
    pub quit: bool,
    /// A transient line in the status bar (saved, reloaded …).
    pub status: Option<String>,
    /// Handover screen, prompt and time-travel state.
    pub handover: handover::HandoverUi,
    /// Duty-log and statistics screens.
    pub log: logscreen::LogUi,
    /// The history screen.
    pub history: history::HistoryUi,
    /// What each key does, screen by screen (the shipped tables and `keys.toml`).
    pub keymap: Arc<Keymap>,
    /// The help overlay's first shown line, and (as last drawn) the furthest it may go and a page.
    pub help_scroll: u16,
    pub help_max: std::cell::Cell<u16>,
    pub help_page: std::cell::Cell<u16>,
}

/// How the minute's background write ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Background {
    /// Nothing changed: nothing to reload.
    Unchanged,
    /// Something changed (a 迟报 stamped, a slot grown): reload.
    Changed,
    /// It failed: the reason goes to the status line.
    Failed(String),
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
    /// The incident page's data.
    IncidentLoaded(Box<IncidentDetail>),
    /// A draft of the intake form to restore (the one picked from [`Overlay::Drafts`]).
    DraftFound(BTreeMap<String, String>),
    /// Drafts left by boards that are gone, found at start-up: offered in a list.
    DraftsFound(Vec<DraftItem>),
    /// A store operation failed; the message is for the officer. `field` names the form field.
    Failed(String),
    /// Documents were written (issue 19): where, shown whole.
    DocumentWritten {
        title: String,
        body: String,
    },
    FieldFailed {
        field: String,
        message: String,
    },
    /// A write succeeded; the text is for the status bar.
    Saved(String),
    /// A background write (the minute's 迟报 stamping) finished. Forms stay as they are.
    Background(Background),
    /// A week of the roster, for the roster screen.
    RosterLoaded(Box<roster::RosterData>),
    /// A new incident was saved: close the form, drop the draft, open its page.
    IncidentSaved {
        id: i64,
        text: String,
    },
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
    /// Load the roster week starting on this Monday; answered with `Msg::RosterLoaded`.
    LoadRoster(chrono::NaiveDate),
    LoadIncident(i64),
    /// Keep the intake form's typing in the draft file.
    SaveDraft(BTreeMap<String, String>),
    ClearDraft,
    /// Restore this left-behind draft (answered with `Msg::DraftFound`); the others stay on disk.
    AdoptDraft(String),
    /// The offered drafts were declined: leave them on disk for a later start.
    ReleaseDrafts,
    /// Show the board as it stood at this past moment (read-only), or live again (`None`).
    Review(Option<DateTime<Utc>>),
    /// A screen's own read (log page, statistics); answered with `Msg::Extra`.
    Load(logscreen::Load),
    /// Review: write the board as it stands on screen to a text file beside the database.
    WriteBoard,
}

impl App {
    pub fn new(lang: Lang, unit: Arc<UnitConfig>, now: DateTime<Utc>, read_only: bool) -> App {
        let book = Rulebook::shipped(&unit).ok().map(Arc::new);
        App {
            lang,
            unit,
            book,
            now,
            read_only,
            data: BoardData::default(),
            screen: Screen::Board,
            overlay: None,
            action: None,
            focus: Focus::Due,
            selected: [0; 3],
            filter: String::new(),
            filtering: false,
            alerts: alerts::Alerts::default(),
            unsaved_typing: false,
            parked_intake: None,
            quit: false,
            status: None,
            handover: handover::HandoverUi::default(),
            log: logscreen::LogUi::default(),
            history: history::HistoryUi::default(),
            keymap: Arc::new(Keymap::default()),
            help_scroll: 0,
            help_max: std::cell::Cell::new(0),
            help_page: std::cell::Cell::new(1),
        }
    }

    /// Uses the keymap loaded from `keys.toml`.
    pub fn with_keymap(mut self, keymap: Arc<Keymap>) -> App {
        self.keymap = keymap;
        self
    }

    /// Uses the rule book loaded from the unit's configuration.
    pub fn with_book(mut self, book: Arc<Rulebook>) -> App {
        self.book = Some(book);
        self
    }

    /// Open incidents after the `/` filter (title, place, reference).
    pub fn visible_incidents(&self) -> Vec<&crate::domain::Incident> {
        let f = self.filter.trim();
        self.data
            .open
            .iter()
            .filter(|i| f.is_empty() || i.title.contains(f) || i.place.contains(f) || i.reference.contains(f))
            .collect()
    }

    pub(crate) fn pane_len(&self, focus: Focus) -> usize {
        match focus {
            Focus::Due => self.due_groups().len(),
            Focus::Incidents => self.visible_incidents().len(),
            Focus::Log => self.data.log.len(),
        }
    }

    pub(crate) fn move_selection(&mut self, delta: isize) {
        let idx = self.focus as usize;
        let len = self.pane_len(self.focus);
        if len == 0 {
            self.selected[idx] = 0;
            return;
        }
        let cur = self.selected[idx] as isize;
        self.selected[idx] = (cur + delta).clamp(0, len as isize - 1) as usize;
    }

    /// The rows of "Due next" as shown: the duties of one incident that fall due at the same minute
    /// (and stand in the same state) are one row, e.g. `16:58 电话首报·报本级领导·报上级值班室 #0001`.
    /// On a flood day 300 open incidents read as 300 rows, not 900. Each group is a range of
    /// `data.due` (kept in that order by [`App::order_due`]).
    pub fn due_groups(&self) -> Vec<std::ops::Range<usize>> {
        let due = &self.data.due;
        let key = |d: &crate::store::incident::DueRow| (d.obligation.incident_id, d.obligation.due_at.timestamp() / 60);
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, d) in due.iter().enumerate() {
            match out.last_mut() {
                Some(g) if key(&due[g.start]) == key(d) => g.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    }

    /// The duties of the selected "Due next" row (one, or the group falling due at that minute).
    pub fn selected_due(&self) -> &[crate::store::incident::DueRow] {
        match self.due_groups().get(self.selected[0]) {
            Some(g) => &self.data.due[g.clone()],
            None => &[],
        }
    }

    /// "Due next" in the order it must be read: due soon first (still to be made on time), then
    /// overdue, then the rest, each by due time. An item due in a minute never sits hidden under
    /// overdue rows. The selection stays on the same duty.
    pub fn order_due(&mut self) {
        let selected = self.selected_due().first().map(|d| d.obligation.id);
        self.order_due_keeping(selected);
    }

    /// [`App::order_due`], then the selection on the duty `selected` (when it is still owed).
    fn order_due_keeping(&mut self, selected: Option<i64>) {
        let soon = self.book.as_ref().map(|b| b.rules.due_soon()).unwrap_or(chrono::Duration::minutes(10));
        let now = self.now;
        let rank =
            |d: &crate::store::incident::DueRow| match crate::domain::deadlines::state_of(&d.obligation, now, soon) {
                crate::domain::deadlines::ObligationState::DueSoon => 0u8,
                crate::domain::deadlines::ObligationState::Overdue => 1,
                _ => 2,
            };
        // Within a minute, one incident's duties stay together (they show as one row).
        let key = |d: &crate::store::incident::DueRow| {
            (
                rank(d),
                d.obligation.due_at.timestamp() / 60,
                d.obligation.incident_id,
                d.obligation.due_at,
                d.obligation.id,
            )
        };
        let sorted = self.data.due.windows(2).all(|w| key(&w[0]) <= key(&w[1]));
        if !sorted {
            self.data.due.sort_by_key(key);
        }
        if let Some(id) = selected
            && let Some(i) = self.data.due.iter().position(|d| d.obligation.id == id)
            && let Some(g) = self.due_groups().iter().position(|g| g.contains(&i))
        {
            self.selected[0] = g;
        }
    }

    fn clamp_selection(&mut self) {
        for f in [Focus::Due, Focus::Incidents, Focus::Log] {
            let len = self.pane_len(f);
            let i = f as usize;
            self.selected[i] = self.selected[i].min(len.saturating_sub(1));
        }
    }

    /// The incident the board's selection points at (a due row or an open incident).
    pub fn selected_incident(&self) -> Option<(i64, String, i64)> {
        match self.focus {
            Focus::Due => self.selected_due().first().map(|d| {
                let inc = self.data.open.iter().find(|i| i.id == d.obligation.incident_id);
                (d.obligation.incident_id, d.incident_ref.clone(), inc.map(|i| i.version).unwrap_or(0))
            }),
            Focus::Incidents => {
                self.visible_incidents().get(self.selected[1]).map(|i| (i.id, i.reference.clone(), i.version))
            }
            Focus::Log => self
                .data
                .log
                .get(self.selected[2])
                .and_then(|e| e.incident_id)
                .and_then(|id| self.data.open.iter().find(|i| i.id == id))
                .map(|i| (i.id, i.reference.clone(), i.version)),
        }
    }

    fn refresh_typing_flag(&mut self) {
        self.unsaved_typing = match &self.screen {
            Screen::Intake(f) => f.has_typing(),
            Screen::Directory(d) => d.editing.is_some(),
            Screen::Roster(r) => r.has_typing(),
            _ => false,
        } || self.action.is_some();
    }
}

/// The one place state changes.
pub fn update(app: &mut App, msg: Msg) -> Vec<Cmd> {
    let cmds = match msg {
        Msg::Tick(now) => {
            // In review mode the board stays at the reviewed moment.
            if app.data.review_at.is_none() {
                app.now = now;
            }
            app.order_due();
            // Alerts start from the first data loaded (what is past then is summed up, not rung).
            let mut cmds = if app.alerts.primed() { alerts::check(app) } else { vec![] };
            cmds.extend(handover::on_tick(app));
            cmds
        }
        Msg::Resize => vec![],
        Msg::Loaded(data) => {
            // Back from review mode: the clock still reads the reviewed moment until the next tick,
            // so the alerts wait for that tick (then what fell due meanwhile is taken as seen).
            let leaving_review = app.data.review_at.is_some() && data.review_at.is_none();
            if let Some(t) = data.review_at {
                app.now = t;
            }
            // The selection stays on the same duty across the reload (the rows may move).
            let selected = app.selected_due().first().map(|d| d.obligation.id);
            app.data = *data;
            app.order_due_keeping(selected);
            app.clamp_selection();
            let mut cmds = if leaving_review { vec![] } else { alerts::check(app) };
            if let Screen::Incident(page) = &app.screen {
                cmds.push(Cmd::LoadIncident(page.id));
            }
            // The roster screen shows the same database: refresh its week too.
            if let Screen::Roster(r) = &app.screen {
                cmds.push(Cmd::LoadRoster(r.monday));
            }
            cmds
        }
        Msg::IncidentLoaded(detail) => {
            if let Screen::Incident(page) = &mut app.screen
                && page.id == detail.incident.id
            {
                page.detail = Some(*detail);
            }
            vec![]
        }
        Msg::DraftFound(values) => {
            let mut form = intake::new_form();
            form.restore(&values);
            let notice = text::console::saved::INTAKE_DRAFT_RESTORED.get(app.lang);
            form.notice = Some(notice.into());
            app.screen = Screen::Intake(Box::new(form));
            app.status = Some(notice.into());
            vec![]
        }
        Msg::DraftsFound(items) => {
            if !items.is_empty() {
                app.overlay = Some(Overlay::Drafts { items, selected: 0 });
            }
            vec![]
        }
        Msg::RosterLoaded(data) => roster::loaded(app, *data),
        Msg::DocumentWritten { title, body } => {
            // Paths are long: a popup that wraps them whole, not a status line that cuts them.
            app.overlay = Some(Overlay::Message { title, body });
            vec![]
        }
        Msg::Failed(body) => {
            app.overlay =
                Some(Overlay::Message { title: text::console::refused::NOT_SAVED.get(app.lang).into(), body });
            vec![Cmd::Bell]
        }
        Msg::FieldFailed { field, message } => {
            let form = match (&mut app.action, &mut app.screen) {
                (Some(a), _) => Some(&mut a.form),
                (None, Screen::Intake(f)) => Some(f.as_mut()),
                (None, Screen::Directory(d)) => d.editing.as_mut().map(|(_, _, f)| f.as_mut()),
                _ => None,
            };
            if let Some(f) = form {
                // The service names the field by its code; one no form shows moves no focus.
                if let Some(key) = field_key::FieldKey::from_code(&field) {
                    f.focus_on(key);
                }
                f.error = Some(format!("{field}: {message}"));
            }
            app.overlay = Some(Overlay::Message {
                title: text::console::refused::NOT_SAVED.get(app.lang).into(),
                body: format!("{field}: {message}"),
            });
            vec![Cmd::Bell]
        }
        Msg::Background(Background::Unchanged) => vec![],
        Msg::Background(Background::Changed) => vec![Cmd::Reload],
        Msg::Background(Background::Failed(text)) => {
            app.status = Some(text);
            vec![Cmd::Reload]
        }
        Msg::Saved(text) => {
            app.action = None;
            directory::saved(app);
            if !text.is_empty() {
                app.status = Some(text);
            }
            let mut cmds = vec![Cmd::Reload];
            cmds.extend(logscreen::after_save(app));
            cmds
        }
        Msg::IncidentSaved { id, text } => {
            app.status = Some(text);
            app.parked_intake = None;
            app.screen = Screen::Incident(Box::new(IncidentPage { id, detail: None, scroll: 0 }));
            vec![Cmd::ClearDraft, Cmd::Reload, Cmd::LoadIncident(id)]
        }
        Msg::Extra(l) => logscreen::on_loaded(app, *l),
        Msg::Key(key) if key.kind == KeyEventKind::Release => vec![],
        Msg::Key(key) => keys::on_key(app, key),
    };
    app.refresh_typing_flag();
    cmds
}

#[cfg(test)]
mod tests {
    use super::field_key::FieldKey;
    use super::*;
    use crate::config::{parse_toml, unit::SHIPPED_UNIT};
    use crossterm::event::{KeyCode, KeyModifiers};

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
        update(&mut a, key('n'));
        update(&mut a, key('山'));
        assert!(a.unsaved_typing);
        update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert_eq!(a.overlay, Some(Overlay::ConfirmQuit));
        update(&mut a, key('n'));
        assert!(!a.quit);
        update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        assert_eq!(update(&mut a, key('y')), vec![Cmd::Quit]);
        assert!(a.quit);
    }

    #[test]
    fn typing_in_the_intake_form_saves_a_draft() {
        let mut a = app();
        update(&mut a, key('n'));
        let cmds = update(&mut a, key('山'));
        assert!(matches!(cmds.as_slice(), [Cmd::SaveDraft(v)] if v.get("title").map(String::as_str) == Some("山")));
    }

    #[test]
    fn the_minute_background_write_keeps_an_open_form() {
        let mut a = app();
        update(&mut a, key('n'));
        update(&mut a, key('山'));
        a.action = Some(actions::ActionForm::grade(1, "2026-0001", 1, crate::domain::Grade::III, "张三"));
        let cmds = update(&mut a, Msg::Background(Background::Changed));
        assert_eq!(cmds, vec![Cmd::Reload]);
        assert!(matches!(&a.screen, Screen::Intake(f) if f.value(FieldKey::Title) == "山"), "the form stays open");
        assert!(a.action.is_some(), "an open action form stays open");
        assert!(a.unsaved_typing);
    }

    #[test]
    fn the_log_screen_form_saves_one_log_entry() {
        let mut a = app();
        update(&mut a, key('l'));
        update(&mut a, key('a'));
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Tab)));
        for c in "县应急局来电".chars() {
            update(&mut a, key(c));
        }
        let cmds = update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(
            matches!(cmds.as_slice(), [Cmd::Write(Write::LogEntry(i))] if i.text == "县应急局来电" && i.kind == crate::domain::LogKind::Note),
            "{cmds:?}"
        );
    }

    #[test]
    fn a_leaders_instruction_becomes_a_task_in_one_step_on_the_log_screen() {
        let mut a = app();
        update(&mut a, key('l'));
        let entry = crate::domain::LogEntry {
            id: 42,
            at: a.now,
            author: "张三".into(),
            kind: crate::domain::LogKind::Instruction,
            incident_id: None,
            body: "请各村22:00前上报转移人数\n第二行".into(),
            corrects: None,
            event: None,
        };
        a.log.rows = vec![crate::store::log::LogRow { entry, data: None, answers: None }];
        update(&mut a, key('T'));
        let form = a.log.form.as_ref().expect("the task form");
        assert_eq!(
            (form.value(FieldKey::Entry).as_str(), form.value(FieldKey::Title).as_str()),
            ("42", "请各村22:00前上报转移人数")
        );
        for c in "张伟".chars() {
            update(&mut a, key(c));
        }
        update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Tab)));
        update(&mut a, key('2'));
        let cmds = update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        let want_due = a.now + chrono::Duration::hours(2);
        assert!(
            matches!(cmds.as_slice(), [Cmd::Write(Write::AddTask(t))]
                if t.owner == "张伟" && t.log_entry == Some(42) && t.due == Some(want_due)),
            "{cmds:?}"
        );
    }

    #[test]
    fn an_overdue_task_and_an_overdue_recurring_duty_each_raise_an_alert() {
        let mut a = app();
        let due = a.now + chrono::Duration::minutes(5);
        a.data.tasks = vec![crate::domain::task::Task {
            id: 7,
            title: "核查转移人数".into(),
            owner: "张伟".into(),
            from_leader: None,
            incident_id: None,
            log_entry_id: None,
            anchor_at: a.now,
            due_at: due,
            done_at: None,
            result: None,
            late: false,
            end: None,
        }];
        a.data.duties = vec![crate::store::duty::DutyRow {
            id: 3,
            name: "zero-report".into(),
            day: a.now.date_naive(),
            anchor_at: a.now,
            due_at: due,
            done_at: None,
            reference: None,
            fulfilled_by: None,
            late: false,
            end: None,
        }];
        alerts::check(&mut a);
        assert!(a.alerts.active.is_empty(), "nothing overdue yet");
        a.now = due + chrono::Duration::minutes(1);
        let cmds = alerts::check(&mut a);
        assert_eq!(cmds, vec![Cmd::Bell]);
        let keys: Vec<&str> = a.alerts.active.iter().map(|x| x.key.as_str()).collect();
        assert!(keys.contains(&"task:7:overdue") && keys.contains(&"duty:3:overdue"), "{keys:?}");
        // Done: the alerts clear themselves.
        a.data.tasks.clear();
        a.data.duties.clear();
        alerts::check(&mut a);
        assert!(a.alerts.active.is_empty());
    }

    #[test]
    fn plain_quit() {
        let mut a = app();
        assert_eq!(update(&mut a, key('q')), vec![Cmd::Quit]);
    }
}
