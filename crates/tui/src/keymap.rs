//! The keymap: one table per screen from a key (with its modifiers) to an [`Action`]. The key
//! handlers ask the table what a key means; the hint bar and the help overlay are drawn from the same
//! table, so a key cannot work without being listed, or be listed without working.
//!
//! `keys.toml` in the config directory may rebind actions, as gitui and yazi allow:
//!
//! ```toml
//! [board]
//! report = "b"              # one key
//! new_incident = ["n", "F3"] # or several
//! [incident]
//! waive = "ctrl+v"
//! ```
//!
//! Every screen has its table (board, incident page, history, tasks, duty log, handover, directory,
//! statistics and its items, roster, its people list and person picker), and so have the alert list,
//! the confirmations, the drafts offered at start and the help overlay. The typing keys inside a form
//! or a prompt (`/`, the review time) are the form's own and are not in any table.
//!
//! A rebound action loses its default keys in that table. Two actions of one table on the same key,
//! an unknown table, action or key name are errors that name the file, the line and the key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use text::Words;
use text::console::keys::pair;

use crate::domain::Lang;

/// What a key does. Named in `keys.toml` by [`Action::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    NewIncident,
    Open,
    Report,
    Escalate,
    Ack,
    Grade,
    Handover,
    Log,
    Roster,
    Directory,
    Find,
    Stats,
    Review,
    History,
    /// The 督办 tasks screen.
    Tasks,
    NextPane,
    Help,
    Quit,
    Down,
    Up,
    PageDown,
    PageUp,
    AckBanner,
    Alerts,
    Reload,
    /// Back to where the screen was opened from.
    Back,
    /// The board in review: back to the live board.
    Live,
    /// Review: an hour back.
    HourBack,
    /// Review: an hour forward.
    HourForward,
    /// Review: the previous shift change.
    ShiftBack,
    /// Review: the next shift change.
    ShiftForward,
    /// Review: the board as it stood, written to a text file.
    WriteBoard,
    /// History: the next (older) page.
    Older,
    /// History: the previous (newer) page.
    Newer,
    /// History: cycle the category filter.
    FilterCategory,
    /// History: cycle the grade filter.
    FilterGrade,
    /// History: cycle the status filter.
    FilterStatus,
    /// History: only incidents with a 迟报.
    FilterLate,
    /// History: only incidents with a 漏报.
    FilterMissed,
    /// History: the range of learned days (from, to; both inclusive).
    FilterDates,
    /// History: clear every filter.
    ClearFilters,
    UpdateFacts,
    Correct,
    EndHandling,
    Waive,
    CloseIncident,
    WriteReport,
    /// A list: add an entry (log, directory, people).
    Add,
    /// A list: edit the selected entry (directory, people).
    Edit,
    /// Directory: the selected contact verified today.
    Verify,
    /// Log: a spot check (抽查).
    SpotCheck,
    /// Log: an equipment check.
    EquipmentCheck,
    /// Log: the selected instruction becomes a 督办 task.
    InstructionTask,
    /// Log and handover: write the shown day or sheet to .docx and .md.
    WriteFile,
    /// Handover: draft or update the sheet.
    Draft,
    /// Handover: the outgoing officer's remarks.
    Remarks,
    /// Handover: the outgoing officer signs.
    SignOut,
    /// Handover: the incoming officer signs.
    SignIn,
    /// To the first line.
    Top,
    /// To the last line.
    Bottom,
    /// Handover: the next (older) sheet of the review list.
    ListNext,
    /// Handover: the previous sheet of the review list (back to the current one).
    ListPrev,
    /// Statistics: the next period.
    Period,
    /// Statistics: the next breakdown.
    Breakdown,
    Left,
    Right,
    /// Roster: the next shift of a cell that holds several.
    CellNext,
    /// Roster: the week before.
    WeekBack,
    /// Roster: the week after.
    WeekForward,
    /// Roster: this week, today selected.
    ThisWeek,
    /// Roster: fill an empty cell.
    Assign,
    /// Roster: swap the selected shift.
    Swap,
    /// Roster: fill the week's empty days.
    Fill,
    /// Roster: the people list.
    People,
    /// A pick list: take the selected entry.
    Choose,
    /// Alert list: acknowledge the selected alert.
    AckAlert,
    /// A confirmation: yes.
    Yes,
    /// A confirmation: no.
    No,
    /// Drafts left behind: restore the selected one.
    Restore,
    /// Drafts left behind: not now (they stay on disk).
    Later,
}

/// The screens that have a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Board,
    Incident,
    History,
    Tasks,
    /// The duty log (`l`).
    Log,
    /// The handover sheet and its review list (`h`).
    Handover,
    /// The directory (`d`).
    Directory,
    /// The statistics charts (`s`).
    Stats,
    /// The late and missed items behind a statistics bar.
    StatsItems,
    /// The roster week (`r`).
    Roster,
    /// The roster's people list (`p` there).
    People,
    /// The roster's list of who may take a shift.
    Pick,
    /// The alert list (`!`).
    Alerts,
    /// Every y/n confirmation.
    Confirm,
    /// The intake drafts left by boards that are gone, offered at start.
    Drafts,
    /// The help overlay itself.
    Help,
}

impl Table {
    pub const ALL: [Table; 16] = [
        Table::Board,
        Table::Incident,
        Table::History,
        Table::Tasks,
        Table::Log,
        Table::Handover,
        Table::Directory,
        Table::Stats,
        Table::StatsItems,
        Table::Roster,
        Table::People,
        Table::Pick,
        Table::Alerts,
        Table::Confirm,
        Table::Drafts,
        Table::Help,
    ];

    /// The section name in `keys.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Board => "board",
            Table::Incident => "incident",
            Table::History => "history",
            Table::Tasks => "tasks",
            Table::Log => "log",
            Table::Handover => "handover",
            Table::Directory => "directory",
            Table::Stats => "stats",
            Table::StatsItems => "stats_items",
            Table::Roster => "roster",
            Table::People => "people",
            Table::Pick => "pick",
            Table::Alerts => "alerts",
            Table::Confirm => "confirm",
            Table::Drafts => "drafts",
            Table::Help => "help",
        }
    }

    /// The screen's title in the help overlay.
    pub fn title(self, lang: Lang) -> &'static str {
        use text::console::keys::table as T;
        let words = match self {
            Table::Board => T::BOARD,
            Table::Incident => T::INCIDENT,
            Table::History => T::HISTORY,
            Table::Tasks => T::TASKS,
            Table::Log => T::LOG,
            Table::Handover => T::HANDOVER,
            Table::Directory => T::DIRECTORY,
            Table::Stats => T::STATS,
            Table::StatsItems => T::STATS_ITEMS,
            Table::Roster => T::ROSTER,
            Table::People => T::PEOPLE,
            Table::Pick => T::PICK,
            Table::Alerts => T::ALERTS,
            Table::Confirm => T::CONFIRM,
            Table::Drafts => T::DRAFTS,
            Table::Help => text::console::keys::action::HELP,
        };
        words.get(lang)
    }

    /// The label of the ↑↓ pair in the hint bar.
    fn vertical_hint(self, lang: Lang) -> &'static str {
        match self {
            Table::Board | Table::Incident | Table::History | Table::Tasks | Table::Handover | Table::Help => {
                pair::SCROLL.get(lang)
            }
            Table::Roster => pair::ROLE.get(lang),
            _ => pair::SELECT.get(lang),
        }
    }

    /// The label of the ←→ pair in the hint bar.
    fn horizontal_hint(self, lang: Lang) -> &'static str {
        match self {
            Table::Roster => pair::DAY.get(lang),
            _ => pair::SELECT.get(lang),
        }
    }
}

impl Action {
    /// The name in `keys.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::NewIncident => "new_incident",
            Action::Open => "open",
            Action::Report => "report",
            Action::Escalate => "escalate",
            Action::Ack => "ack",
            Action::Grade => "grade",
            Action::Handover => "handover",
            Action::Log => "log",
            Action::Roster => "roster",
            Action::Directory => "directory",
            Action::Find => "find",
            Action::Stats => "stats",
            Action::Review => "review",
            Action::History => "history",
            Action::Tasks => "tasks",
            Action::NextPane => "next_pane",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Down => "down",
            Action::Up => "up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::AckBanner => "ack_banner",
            Action::Alerts => "alerts",
            Action::Reload => "reload",
            Action::Back => "back",
            Action::Live => "live",
            Action::HourBack => "hour_back",
            Action::HourForward => "hour_forward",
            Action::ShiftBack => "shift_back",
            Action::ShiftForward => "shift_forward",
            Action::WriteBoard => "write_board",
            Action::Older => "older",
            Action::Newer => "newer",
            Action::FilterCategory => "filter_category",
            Action::FilterGrade => "filter_grade",
            Action::FilterStatus => "filter_status",
            Action::FilterLate => "filter_late",
            Action::FilterMissed => "filter_missed",
            Action::FilterDates => "filter_dates",
            Action::ClearFilters => "clear_filters",
            Action::UpdateFacts => "update_facts",
            Action::Correct => "correct",
            Action::EndHandling => "end_handling",
            Action::Waive => "waive",
            Action::CloseIncident => "close",
            Action::WriteReport => "write_report",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Verify => "verify",
            Action::SpotCheck => "spot_check",
            Action::EquipmentCheck => "equipment_check",
            Action::InstructionTask => "instruction_task",
            Action::WriteFile => "write_file",
            Action::Draft => "draft",
            Action::Remarks => "remarks",
            Action::SignOut => "sign_out",
            Action::SignIn => "sign_in",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::ListNext => "list_next",
            Action::ListPrev => "list_prev",
            Action::Period => "period",
            Action::Breakdown => "breakdown",
            Action::Left => "left",
            Action::Right => "right",
            Action::CellNext => "cell_next",
            Action::WeekBack => "week_back",
            Action::WeekForward => "week_forward",
            Action::ThisWeek => "this_week",
            Action::Assign => "assign",
            Action::Swap => "swap",
            Action::Fill => "fill",
            Action::People => "people",
            Action::Choose => "choose",
            Action::AckAlert => "ack_alert",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Restore => "restore",
            Action::Later => "later",
        }
    }

    /// The short label of the hint bar and the help overlay.
    pub fn label(self, lang: Lang) -> &'static str {
        self.words().get(lang)
    }

    /// The catalogue's entry for the action's label.
    fn words(self) -> Words {
        use text::console::keys::action as A;
        match self {
            Action::NewIncident => A::NEW_INCIDENT,
            Action::Open => A::OPEN,
            Action::Report => A::REPORT,
            Action::Escalate => A::ESCALATE,
            Action::Ack => A::ACK,
            Action::Grade => A::GRADE,
            Action::Handover => A::HANDOVER,
            Action::Log => A::LOG,
            Action::Roster => A::ROSTER,
            Action::Directory => A::DIRECTORY,
            Action::Find => A::FIND,
            Action::Stats => A::STATS,
            Action::Review => A::REVIEW,
            Action::History => A::HISTORY,
            Action::Tasks => A::TASKS,
            Action::NextPane => A::NEXT_PANE,
            Action::Help => A::HELP,
            Action::Quit => A::QUIT,
            Action::Down => A::DOWN,
            Action::Up => A::UP,
            Action::PageDown => A::PAGE_DOWN,
            Action::PageUp => A::PAGE_UP,
            Action::AckBanner => A::ACK_BANNER,
            Action::Alerts => A::ALERTS,
            Action::Reload => A::RELOAD,
            Action::Back => A::BACK,
            Action::Live => A::LIVE,
            Action::HourBack => A::HOUR_BACK,
            Action::HourForward => A::HOUR_FORWARD,
            Action::ShiftBack => A::SHIFT_BACK,
            Action::ShiftForward => A::SHIFT_FORWARD,
            Action::WriteBoard => A::WRITE_BOARD,
            Action::Older => A::OLDER,
            Action::Newer => A::NEWER,
            Action::FilterCategory => A::FILTER_CATEGORY,
            Action::FilterGrade => A::FILTER_GRADE,
            Action::FilterStatus => A::FILTER_STATUS,
            Action::FilterLate => A::FILTER_LATE,
            Action::FilterMissed => A::FILTER_MISSED,
            Action::FilterDates => A::FILTER_DATES,
            Action::ClearFilters => A::CLEAR_FILTERS,
            Action::UpdateFacts => A::UPDATE_FACTS,
            Action::Correct => A::CORRECT,
            Action::EndHandling => A::END_HANDLING,
            Action::Waive => A::WAIVE,
            Action::CloseIncident => A::CLOSE,
            Action::WriteReport => A::WRITE_REPORT,
            Action::Add => A::ADD,
            Action::Edit => A::EDIT,
            Action::Verify => A::VERIFY,
            Action::SpotCheck => A::SPOT_CHECK,
            Action::EquipmentCheck => A::EQUIPMENT_CHECK,
            Action::InstructionTask => A::INSTRUCTION_TASK,
            Action::WriteFile => A::WRITE_FILE,
            Action::Draft => A::DRAFT,
            Action::Remarks => A::REMARKS,
            Action::SignOut => A::SIGN_OUT,
            Action::SignIn => A::SIGN_IN,
            Action::Top => A::TOP,
            Action::Bottom => A::BOTTOM,
            Action::ListNext => A::LIST_NEXT,
            Action::ListPrev => A::LIST_PREV,
            Action::Period => A::PERIOD,
            Action::Breakdown => A::BREAKDOWN,
            Action::Left => A::LEFT,
            Action::Right => A::RIGHT,
            Action::CellNext => A::CELL_NEXT,
            Action::WeekBack => A::WEEK_BACK,
            Action::WeekForward => A::WEEK_FORWARD,
            Action::ThisWeek => A::THIS_WEEK,
            Action::Assign => A::ASSIGN,
            Action::Swap => A::SWAP,
            Action::Fill => A::FILL,
            Action::People => A::PEOPLE,
            Action::Choose => A::CHOOSE,
            Action::AckAlert => A::ACK_ALERT,
            Action::Yes => A::ACK,
            Action::No => A::NO,
            Action::Restore => A::RESTORE,
            Action::Later => A::LATER,
        }
    }

    fn all() -> impl Iterator<Item = Action> {
        DEFAULTS.iter().flat_map(|(_, bindings)| bindings.iter().map(|b| b.1))
    }
}

/// A key with its modifiers. For a character the case is the key (`H` is not `h`), so Shift is not
/// kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::NONE }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The key of a terminal event, normalised as the tables hold keys.
    pub fn of(event: &KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code: event.code, mods }
    }

    /// Parses a key as written in `keys.toml`: `b`, `H`, `?`, `enter`, `f5`, `ctrl+s`, `alt+x`,
    /// `space`, `tab`, `esc`, `up`, `down`, `pageup`, `pagedown`.
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl+") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt+") {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
                _ => return None,
            },
        };
        Some(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Whether a binding is offered in the hint bar (most needed first; the help lists every one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Hint,
    HelpOnly,
}

use KeyCode as K;
use Shown::{HelpOnly, Hint};

/// The shipped bindings, table by table, in the order the hint bar offers them.
/// A shipped binding: shown in the hint bar or not, the action, its keys.
type Shipped = (Shown, Action, &'static [Key]);

const DEFAULTS: &[(Table, &[Shipped])] = &[
    (
        Table::Board,
        &[
            (Hint, Action::NewIncident, &[Key::ch('n')]),
            (Hint, Action::Open, &[Key::plain(K::Enter)]),
            (Hint, Action::Report, &[Key::ch('b')]),
            (Hint, Action::Escalate, &[Key::ch('e')]),
            (Hint, Action::Ack, &[Key::ch('a')]),
            (HelpOnly, Action::Grade, &[Key::ch('g')]),
            (Hint, Action::Handover, &[Key::ch('h')]),
            (Hint, Action::Log, &[Key::ch('l')]),
            (Hint, Action::Roster, &[Key::ch('r')]),
            (Hint, Action::Directory, &[Key::ch('d')]),
            (Hint, Action::Find, &[Key::ch('/')]),
            (Hint, Action::Stats, &[Key::ch('s')]),
            (Hint, Action::Review, &[Key::ch('t')]),
            (Hint, Action::History, &[Key::ch('H')]),
            (Hint, Action::Tasks, &[Key::ch('k')]),
            (Hint, Action::NextPane, &[Key::plain(K::Tab)]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
            (Hint, Action::Quit, &[Key::ch('q')]),
            (HelpOnly, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            // `k` is the tasks screen on the board (issue 18): ↑ alone moves up.
            (HelpOnly, Action::Up, &[Key::plain(K::Up)]),
            (HelpOnly, Action::PageDown, &[Key::plain(K::PageDown)]),
            (HelpOnly, Action::PageUp, &[Key::plain(K::PageUp)]),
            (HelpOnly, Action::AckBanner, &[Key::ch(' ')]),
            (HelpOnly, Action::Alerts, &[Key::ch('!')]),
            (HelpOnly, Action::Reload, &[Key::ch('R'), Key::plain(K::F(5))]),
            (HelpOnly, Action::Live, &[Key::plain(K::Esc)]),
            (HelpOnly, Action::HourBack, &[Key::ch('[')]),
            (HelpOnly, Action::HourForward, &[Key::ch(']')]),
            (HelpOnly, Action::ShiftBack, &[Key::ch('{')]),
            (HelpOnly, Action::ShiftForward, &[Key::ch('}')]),
            (HelpOnly, Action::WriteBoard, &[Key::ch('w')]),
        ],
    ),
    (
        Table::Incident,
        &[
            (Hint, Action::Report, &[Key::ch('b')]),
            (Hint, Action::Escalate, &[Key::ch('e')]),
            (Hint, Action::Ack, &[Key::ch('a')]),
            (Hint, Action::Grade, &[Key::ch('g')]),
            (Hint, Action::UpdateFacts, &[Key::ch('u')]),
            (Hint, Action::Correct, &[Key::ch('C')]),
            (Hint, Action::EndHandling, &[Key::ch('x')]),
            (Hint, Action::Waive, &[Key::ch('v')]),
            (Hint, Action::CloseIncident, &[Key::ch('c')]),
            (Hint, Action::WriteReport, &[Key::ch('w')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q')]),
            (HelpOnly, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::History,
        &[
            (Hint, Action::Open, &[Key::plain(K::Enter)]),
            (Hint, Action::Find, &[Key::ch('/')]),
            (Hint, Action::FilterCategory, &[Key::ch('t')]),
            (Hint, Action::FilterGrade, &[Key::ch('g')]),
            (Hint, Action::FilterStatus, &[Key::ch('s')]),
            (Hint, Action::FilterLate, &[Key::ch('L')]),
            (Hint, Action::FilterMissed, &[Key::ch('M')]),
            (Hint, Action::FilterDates, &[Key::ch('d')]),
            (Hint, Action::ClearFilters, &[Key::ch('c')]),
            (Hint, Action::Older, &[Key::plain(K::PageDown), Key::ch(' ')]),
            (Hint, Action::Newer, &[Key::plain(K::PageUp)]),
            (HelpOnly, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q')]),
            (HelpOnly, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Tasks,
        &[
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Reload, &[Key::ch('R'), Key::plain(K::F(5))]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q')]),
            (HelpOnly, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Log,
        &[
            (Hint, Action::Add, &[Key::ch('a'), Key::ch('n')]),
            (Hint, Action::SpotCheck, &[Key::ch('c')]),
            (Hint, Action::EquipmentCheck, &[Key::ch('e')]),
            (Hint, Action::InstructionTask, &[Key::ch('T')]),
            (Hint, Action::WriteFile, &[Key::ch('w')]),
            (Hint, Action::Open, &[Key::plain(K::Enter)]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::Older, &[Key::plain(K::PageDown)]),
            (Hint, Action::Newer, &[Key::plain(K::PageUp)]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q'), Key::ch('l')]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Handover,
        &[
            (Hint, Action::Draft, &[Key::ch('d')]),
            (Hint, Action::Remarks, &[Key::ch('m')]),
            (Hint, Action::SignOut, &[Key::ch('o')]),
            (Hint, Action::SignIn, &[Key::ch('i')]),
            (Hint, Action::WriteFile, &[Key::ch('w')]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up)]),
            (Hint, Action::Down, &[Key::plain(K::Down)]),
            (HelpOnly, Action::PageUp, &[Key::plain(K::PageUp)]),
            (Hint, Action::PageDown, &[Key::plain(K::PageDown)]),
            (HelpOnly, Action::Top, &[Key::plain(K::Home)]),
            (HelpOnly, Action::Bottom, &[Key::plain(K::End)]),
            (Hint, Action::ListNext, &[Key::ch('j')]),
            (HelpOnly, Action::ListPrev, &[Key::ch('k')]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q'), Key::ch('h')]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Directory,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::Edit, &[Key::plain(K::Enter), Key::ch('e')]),
            (Hint, Action::Add, &[Key::ch('n')]),
            (Hint, Action::Verify, &[Key::ch('v')]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q')]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Stats,
        &[
            (Hint, Action::Period, &[Key::ch('p')]),
            (Hint, Action::Breakdown, &[Key::ch('o')]),
            (HelpOnly, Action::Left, &[Key::plain(K::Left)]),
            (Hint, Action::Right, &[Key::plain(K::Right)]),
            (Hint, Action::Open, &[Key::plain(K::Enter)]),
            (Hint, Action::Reload, &[Key::ch('R')]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('q'), Key::ch('s')]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::StatsItems,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up)]),
            (Hint, Action::Down, &[Key::plain(K::Down)]),
            (Hint, Action::Open, &[Key::plain(K::Enter)]),
            (Hint, Action::Back, &[Key::plain(K::Esc)]),
            (HelpOnly, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::Roster,
        &[
            (HelpOnly, Action::Left, &[Key::plain(K::Left), Key::ch('h')]),
            (Hint, Action::Right, &[Key::plain(K::Right), Key::ch('l')]),
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (HelpOnly, Action::CellNext, &[Key::plain(K::Tab)]),
            (HelpOnly, Action::WeekBack, &[Key::ch('[')]),
            (Hint, Action::WeekForward, &[Key::ch(']')]),
            (HelpOnly, Action::ThisWeek, &[Key::ch('t')]),
            (Hint, Action::Assign, &[Key::ch('a')]),
            (Hint, Action::Swap, &[Key::ch('s')]),
            (Hint, Action::Fill, &[Key::ch('f')]),
            (Hint, Action::People, &[Key::ch('p')]),
            (Hint, Action::Back, &[Key::plain(K::Esc)]),
            (Hint, Action::Quit, &[Key::ch('q')]),
            (Hint, Action::Help, &[Key::ch('?'), Key::plain(K::F(1))]),
        ],
    ),
    (
        Table::People,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::Edit, &[Key::plain(K::Enter), Key::ch('e')]),
            (Hint, Action::Add, &[Key::ch('n')]),
            (Hint, Action::Back, &[Key::plain(K::Esc)]),
        ],
    ),
    (
        Table::Pick,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::Choose, &[Key::plain(K::Enter)]),
            (Hint, Action::Back, &[Key::plain(K::Esc)]),
        ],
    ),
    (
        Table::Alerts,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::AckAlert, &[Key::ch(' '), Key::plain(K::Enter)]),
            (Hint, Action::Back, &[Key::plain(K::Esc), Key::ch('!'), Key::ch('q')]),
        ],
    ),
    (
        Table::Confirm,
        &[
            (Hint, Action::Yes, &[Key::ch('y'), Key::ch('Y')]),
            (Hint, Action::No, &[Key::ch('n'), Key::ch('N'), Key::plain(K::Esc)]),
        ],
    ),
    (
        Table::Drafts,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (Hint, Action::Restore, &[Key::plain(K::Enter)]),
            (Hint, Action::Later, &[Key::plain(K::Esc)]),
        ],
    ),
    (
        Table::Help,
        &[
            (HelpOnly, Action::Up, &[Key::plain(K::Up), Key::ch('k')]),
            (Hint, Action::Down, &[Key::plain(K::Down), Key::ch('j')]),
            (HelpOnly, Action::PageUp, &[Key::plain(K::PageUp)]),
            (Hint, Action::PageDown, &[Key::plain(K::PageDown)]),
            (HelpOnly, Action::Top, &[Key::plain(K::Home)]),
            (HelpOnly, Action::Bottom, &[Key::plain(K::End)]),
        ],
    ),
];

/// One action of a table with its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    hint: bool,
}

/// Every table. Built from the defaults, then `keys.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    tables: BTreeMap<Table, Vec<Binding>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let tables = DEFAULTS
            .iter()
            .map(|(t, bindings)| {
                let list = bindings
                    .iter()
                    .map(|(shown, action, keys)| Binding { action: *action, keys: keys.to_vec(), hint: *shown == Hint })
                    .collect();
                (*t, list)
            })
            .collect();
        Keymap { tables }
    }
}

/// A `keys.toml` that cannot be used: where, which key, why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {key}: {message}")]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub key: String,
    pub message: String,
}

/// A key or a list of keys, as `keys.toml` writes them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeysValue {
    One(String),
    Many(Vec<String>),
}

type RawFile = BTreeMap<toml::Spanned<String>, BTreeMap<toml::Spanned<String>, toml::Spanned<KeysValue>>>;

impl Keymap {
    /// What `key` does on `table`'s screen.
    pub fn action(&self, table: Table, key: &KeyEvent) -> Option<Action> {
        let key = Key::of(key);
        self.tables.get(&table)?.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
    }

    /// The first key of `action` on `table` (for a message that names the key the officer used),
    /// or the action's name when it has none there.
    pub fn key_of(&self, table: Table, action: Action) -> String {
        self.bindings(table)
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::to_string)
            .unwrap_or_else(|| action.name().to_string())
    }

    /// The bindings of a table, in the order they are offered.
    pub fn bindings(&self, table: Table) -> &[Binding] {
        self.tables.get(&table).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The hint bar of a table: the first key of each action offered there, with its label. The two
    /// halves of a pair (↑↓, ←→, PgUp PgDn, `[` `]`) read as one hint when the first is not offered alone.
    pub fn hints(&self, table: Table, lang: Lang) -> Vec<(String, &'static str)> {
        self.hints_with(table, lang, false)
    }

    /// The hints of a popup's last line, where there is room for every key of an action
    /// (`Space/Enter 知悉  Esc/!/q 返回`).
    pub fn popup_hints(&self, table: Table, lang: Lang) -> Vec<(String, &'static str)> {
        self.hints_with(table, lang, true)
    }

    fn hints_with(&self, table: Table, lang: Lang, every_key: bool) -> Vec<(String, &'static str)> {
        let binding = |action: Action| self.bindings(table).iter().find(|b| b.action == action);
        let first = |action: Action| binding(action)?.keys.first().copied();
        let alone = |action: Action| binding(action).is_some_and(|b| b.hint);
        self.bindings(table)
            .iter()
            .filter(|b| b.hint)
            .filter_map(|b| {
                match b.action {
                    // ↑ and ↓ side by side read as one hint: scroll.
                    Action::Down
                        if first(Action::Up) == Some(Key::plain(KeyCode::Up))
                            && first(Action::Down) == Some(Key::plain(KeyCode::Down)) =>
                    {
                        return Some(("↑↓".to_string(), table.vertical_hint(lang)));
                    }
                    Action::Right
                        if first(Action::Left) == Some(Key::plain(KeyCode::Left))
                            && first(Action::Right) == Some(Key::plain(KeyCode::Right)) =>
                    {
                        return Some(("←→".to_string(), table.horizontal_hint(lang)));
                    }
                    Action::PageDown if !alone(Action::PageUp) => {
                        if let (Some(up), Some(down)) = (first(Action::PageUp), first(Action::PageDown)) {
                            return Some((format!("{up}/{down}"), pair::PAGE.get(lang)));
                        }
                    }
                    Action::WeekForward if !alone(Action::WeekBack) => {
                        if let (Some(back), Some(on)) = (first(Action::WeekBack), first(Action::WeekForward)) {
                            return Some((format!("{back} {on}"), pair::WEEK.get(lang)));
                        }
                    }
                    _ => {}
                }
                if every_key {
                    let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
                    return (!keys.is_empty()).then(|| (keys.join("/"), b.action.label(lang)));
                }
                Some((b.keys.first()?.to_string(), b.action.label(lang)))
            })
            .collect()
    }

    /// Every binding of a table for the help overlay: all the keys of each action, with the
    /// up/down, left/right, page and week pairs on one row each.
    pub fn help(&self, table: Table, lang: Lang) -> Vec<(String, &'static str)> {
        let keys_of = |action: Action| -> Vec<String> {
            self.bindings(table)
                .iter()
                .find(|b| b.action == action)
                .map(|b| b.keys.iter().map(Key::to_string).collect())
                .unwrap_or_default()
        };
        // (first, second, label of the pair)
        let pairs: [(Action, Action, &'static str); 4] = [
            (Action::Up, Action::Down, pair::MOVE.get(lang)),
            (Action::PageUp, Action::PageDown, pair::PAGE.get(lang)),
            (Action::Left, Action::Right, pair::LEFT_RIGHT.get(lang)),
            (Action::WeekBack, Action::WeekForward, pair::WEEK_BACK_ON.get(lang)),
        ];
        let mut rows = Vec::new();
        for b in self.bindings(table) {
            let paired_first = pairs.iter().any(|(a, z, _)| b.action == *a && !keys_of(*z).is_empty());
            if paired_first {
                continue;
            }
            let (keys, label) = match pairs.iter().find(|(_, z, _)| *z == b.action) {
                Some((a, _, label)) if !keys_of(*a).is_empty() => {
                    let mut keys = keys_of(*a);
                    keys.extend(keys_of(b.action));
                    (keys, *label)
                }
                _ => (b.keys.iter().map(Key::to_string).collect(), b.action.label(lang)),
            };
            if !keys.is_empty() {
                rows.push((keys.join(" "), label));
            }
        }
        rows
    }

    /// The shipped keymap with `keys.toml` from `dir` applied, when there is one.
    pub fn load(dir: Option<&Path>) -> Result<Keymap, KeymapError> {
        let Some(path) = dir.map(|d| d.join("keys.toml")).filter(|p| p.exists()) else {
            return Ok(Keymap::default());
        };
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| KeymapError {
            file: file.clone(),
            line: 0,
            key: String::new(),
            message: format!("cannot read: {e}"),
        })?;
        Keymap::from_toml(&text, &file)
    }

    /// The shipped keymap with the rebindings of `text` (the contents of `file`) applied.
    pub fn from_toml(text: &str, file: &str) -> Result<Keymap, KeymapError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let err = |offset: usize, key: &str, message: String| KeymapError {
            file: file.to_string(),
            line: line_of(offset),
            key: key.to_string(),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let start = e.span().map(|s| s.start).unwrap_or(0);
            let key = e.span().map(|s| text[s.start..s.end.min(text.len())].trim().to_string()).unwrap_or_default();
            let key = if key.contains('\n') || key.len() > 40 { String::new() } else { key };
            err(start, &key, e.message().trim().to_string())
        })?;
        let mut map = Keymap::default();
        // In the file's order, so an error names the later of two lines.
        let mut tables: Vec<_> = raw.into_iter().collect();
        tables.sort_by_key(|(name, _)| name.span().start);
        for (table_name, actions) in tables {
            let mut actions: Vec<_> = actions.into_iter().collect();
            actions.sort_by_key(|(name, _)| name.span().start);
            let Some(table) = Table::ALL.into_iter().find(|t| t.name() == table_name.get_ref()) else {
                let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
                return Err(err(
                    table_name.span().start,
                    table_name.get_ref(),
                    format!("no such screen; the screens are {}", names.join(", ")),
                ));
            };
            // Where each key was bound in this file, to name both lines of a conflict.
            let mut placed: Vec<(Key, Action, usize)> = Vec::new();
            let bindings = map.tables.entry(table).or_default();
            for (action_name, value) in actions {
                let offered: Vec<Action> = bindings.iter().map(|b| b.action).collect();
                let Some(action) = offered.iter().copied().find(|a| a.name() == action_name.get_ref()) else {
                    let mut names: Vec<&str> = offered.iter().map(|a| a.name()).collect();
                    names.sort_unstable();
                    let known = Action::all().any(|a| a.name() == action_name.get_ref());
                    let why = if known { "is not an action of this screen" } else { "no such action" };
                    return Err(err(
                        action_name.span().start,
                        action_name.get_ref(),
                        format!("{why}; [{}] has {}", table.name(), names.join(", ")),
                    ));
                };
                let written = match value.get_ref() {
                    KeysValue::One(k) => vec![k.clone()],
                    KeysValue::Many(ks) => ks.clone(),
                };
                let mut keys = Vec::new();
                for k in &written {
                    let key = Key::parse(k).ok_or_else(|| {
                        err(
                            value.span().start,
                            action_name.get_ref(),
                            format!("`{k}` is not a key (a character, enter, esc, tab, space, up, down, pageup, pagedown, f1…f12, ctrl+…, alt+…)"),
                        )
                    })?;
                    if let Some((_, other, line)) = placed.iter().find(|(pk, a, _)| *pk == key && *a != action) {
                        return Err(err(
                            value.span().start,
                            action_name.get_ref(),
                            format!("`{k}` is already bound to {} on line {line}", other.name()),
                        ));
                    }
                    placed.push((key, action, line_of(value.span().start)));
                    keys.push(key);
                }
                if let Some(b) = bindings.iter_mut().find(|b| b.action == action) {
                    b.keys = keys;
                }
            }
            // A key this file bound that a default binding still holds: the file's action wins only if
            // the default is moved too, else the two would meet on one key.
            for (key, action, line) in &placed {
                if let Some(b) = bindings.iter().find(|b| b.action != *action && b.keys.contains(key)) {
                    return Err(KeymapError {
                        file: file.to_string(),
                        line: *line,
                        key: action.name().to_string(),
                        message: format!(
                            "`{key}` is already bound to {} in [{}] by default; rebind {} too",
                            b.action.name(),
                            table.name(),
                            b.action.name()
                        ),
                    });
                }
            }
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_shipped_tables_have_no_key_twice() {
        let map = Keymap::default();
        for t in Table::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in map.bindings(t) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{} twice in [{}]", k, t.name());
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn modifiers_are_part_of_the_key() {
        let map = Keymap::default();
        assert_eq!(map.action(Table::Board, &ev(KeyCode::Char('s'), KeyModifiers::NONE)), Some(Action::Stats));
        // Ctrl+S on the board is not `s`: it must not open the statistics.
        assert_eq!(map.action(Table::Board, &ev(KeyCode::Char('s'), KeyModifiers::CONTROL)), None);
        // Shift is the case of a character, not a modifier of it.
        assert_eq!(map.action(Table::Board, &ev(KeyCode::Char('H'), KeyModifiers::SHIFT)), Some(Action::History));
        assert_eq!(map.action(Table::Board, &ev(KeyCode::F(5), KeyModifiers::NONE)), Some(Action::Reload));
    }

    #[test]
    fn a_rebound_action_loses_its_default_keys() {
        let map = Keymap::from_toml("[board]\nstats = \"S\"\nnew_incident = [\"n\", \"f3\"]\n", "keys.toml").unwrap();
        assert_eq!(map.action(Table::Board, &ev(KeyCode::Char('S'), KeyModifiers::SHIFT)), Some(Action::Stats));
        assert_eq!(map.action(Table::Board, &ev(KeyCode::Char('s'), KeyModifiers::NONE)), None);
        assert_eq!(map.action(Table::Board, &ev(KeyCode::F(3), KeyModifiers::NONE)), Some(Action::NewIncident));
        let hints = map.hints(Table::Board, Lang::En);
        assert!(hints.contains(&("S".to_string(), "stats")), "{hints:?}");
        let help = map.help(Table::Board, Lang::En);
        assert!(help.contains(&("n F3".to_string(), "new")), "{help:?}");
    }

    #[test]
    fn conflicts_and_unknown_names_are_errors_with_file_line_and_key() {
        let cases: &[(&str, usize, &str, &str)] = &[
            ("[board]\nstats = \"x\"\nlog = \"x\"\n", 3, "log", "already bound to stats on line 2"),
            ("[board]\n\nstats = \"n\"\n", 3, "stats", "already bound to new_incident"),
            ("[board]\nstatistics = \"x\"\n", 2, "statistics", "no such action"),
            ("[board]\nwaive = \"x\"\n", 2, "waive", "not an action of this screen"),
            ("[boards]\nstats = \"x\"\n", 1, "boards", "no such screen"),
            ("[board]\nstats = \"ctrl+\"\n", 2, "stats", "is not a key"),
            ("[board]\nstats = 5\n", 2, "5", ""),
        ];
        for (text, line, key, message) in cases {
            let e = Keymap::from_toml(text, "/cfg/keys.toml").unwrap_err();
            assert_eq!((e.line, e.key.as_str()), (*line, *key), "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
            assert!(e.to_string().starts_with(&format!("/cfg/keys.toml:{line}: {key}")), "{e}");
        }
    }

    #[test]
    fn every_action_has_a_zh_and_an_en_label_and_a_name() {
        let mut names = std::collections::HashSet::new();
        for t in Table::ALL {
            assert!(!t.title(Lang::Zh).is_empty() && !t.title(Lang::En).is_empty(), "[{}]", t.name());
            assert_ne!(t.title(Lang::Zh), t.title(Lang::En), "[{}]", t.name());
            for b in Keymap::default().bindings(t) {
                let (zh, en) = (b.action.label(Lang::Zh), b.action.label(Lang::En));
                assert!(!zh.is_empty() && !en.is_empty(), "{:?}", b.action);
                assert_ne!(zh, en, "{:?} has one label for both languages", b.action);
                assert!(!zh.is_ascii(), "{:?}: the zh label is Chinese", b.action);
                names.insert(b.action.name());
            }
        }
        // Names are what keys.toml writes: no two actions share one.
        let all: std::collections::HashSet<Action> = Action::all().collect();
        let named: std::collections::HashSet<&str> = all.iter().map(|a| a.name()).collect();
        assert_eq!(all.len(), named.len());
        assert_eq!(names.len(), named.len());
    }

    /// One table per screen: what its shipped keys do (the key handlers ask these), table by table.
    #[test]
    fn the_new_tables_map_their_keys() {
        let map = Keymap::default();
        let ch = |c: char| ev(KeyCode::Char(c), KeyModifiers::NONE);
        let k = |code: KeyCode| ev(code, KeyModifiers::NONE);
        let cases: &[(Table, KeyEvent, Action)] = &[
            (Table::Log, ch('a'), Action::Add),
            (Table::Log, ch('n'), Action::Add),
            (Table::Log, ch('c'), Action::SpotCheck),
            (Table::Log, ch('e'), Action::EquipmentCheck),
            (Table::Log, ev(KeyCode::Char('T'), KeyModifiers::SHIFT), Action::InstructionTask),
            (Table::Log, ch('w'), Action::WriteFile),
            (Table::Log, k(KeyCode::Enter), Action::Open),
            (Table::Log, k(KeyCode::PageDown), Action::Older),
            (Table::Log, k(KeyCode::PageUp), Action::Newer),
            (Table::Log, ch('l'), Action::Back),
            (Table::Handover, ch('d'), Action::Draft),
            (Table::Handover, ch('m'), Action::Remarks),
            (Table::Handover, ch('o'), Action::SignOut),
            (Table::Handover, ch('i'), Action::SignIn),
            (Table::Handover, k(KeyCode::Home), Action::Top),
            (Table::Handover, k(KeyCode::End), Action::Bottom),
            (Table::Handover, ch('j'), Action::ListNext),
            (Table::Handover, ch('k'), Action::ListPrev),
            (Table::Handover, k(KeyCode::Down), Action::Down),
            (Table::Handover, ch('h'), Action::Back),
            (Table::Directory, k(KeyCode::Enter), Action::Edit),
            (Table::Directory, ch('e'), Action::Edit),
            (Table::Directory, ch('n'), Action::Add),
            (Table::Directory, ch('v'), Action::Verify),
            (Table::Directory, ch('q'), Action::Back),
            (Table::Stats, ch('p'), Action::Period),
            (Table::Stats, ch('o'), Action::Breakdown),
            (Table::Stats, k(KeyCode::Left), Action::Left),
            (Table::Stats, k(KeyCode::Right), Action::Right),
            (Table::Stats, ev(KeyCode::Char('R'), KeyModifiers::SHIFT), Action::Reload),
            (Table::Stats, ch('s'), Action::Back),
            (Table::StatsItems, k(KeyCode::Enter), Action::Open),
            (Table::StatsItems, k(KeyCode::Esc), Action::Back),
            (Table::Roster, ch('h'), Action::Left),
            (Table::Roster, ch('l'), Action::Right),
            (Table::Roster, k(KeyCode::Tab), Action::CellNext),
            (Table::Roster, ch('['), Action::WeekBack),
            (Table::Roster, ch(']'), Action::WeekForward),
            (Table::Roster, ch('t'), Action::ThisWeek),
            (Table::Roster, ch('a'), Action::Assign),
            (Table::Roster, ch('s'), Action::Swap),
            (Table::Roster, ch('f'), Action::Fill),
            (Table::Roster, ch('p'), Action::People),
            (Table::Roster, ch('q'), Action::Quit),
            (Table::Roster, k(KeyCode::Esc), Action::Back),
            (Table::People, ch('e'), Action::Edit),
            (Table::People, ch('n'), Action::Add),
            (Table::Pick, k(KeyCode::Enter), Action::Choose),
            (Table::Alerts, ch(' '), Action::AckAlert),
            (Table::Alerts, k(KeyCode::Enter), Action::AckAlert),
            (Table::Alerts, ch('!'), Action::Back),
            (Table::Confirm, ch('y'), Action::Yes),
            (Table::Confirm, ev(KeyCode::Char('Y'), KeyModifiers::SHIFT), Action::Yes),
            (Table::Confirm, k(KeyCode::Esc), Action::No),
            (Table::Drafts, k(KeyCode::Enter), Action::Restore),
            (Table::Drafts, k(KeyCode::Esc), Action::Later),
            (Table::Help, k(KeyCode::PageDown), Action::PageDown),
            (Table::Help, k(KeyCode::End), Action::Bottom),
        ];
        for (t, e, want) in cases {
            assert_eq!(map.action(*t, e), Some(*want), "[{}] {:?}", t.name(), e.code);
        }
        // Keys a screen does not hold do nothing there (no key falls through to another screen's).
        assert_eq!(map.action(Table::Log, &ch('s')), None);
        assert_eq!(map.action(Table::Confirm, &ch('x')), None);
        assert_eq!(map.action(Table::Log, &ev(KeyCode::Char('a'), KeyModifiers::CONTROL)), None);
    }

    /// Every table's help lists every key it binds, and its hint bar names only keys it binds.
    #[test]
    fn help_lists_every_key_and_hints_name_bound_keys() {
        let map = Keymap::default();
        for t in Table::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let help = map.help(t, lang);
                let listed: Vec<&str> = help.iter().flat_map(|(k, _)| k.split(' ')).collect();
                for b in map.bindings(t) {
                    for k in &b.keys {
                        let k = k.to_string();
                        assert!(listed.contains(&k.as_str()), "[{}] {k} missing from help: {help:?}", t.name());
                    }
                }
                assert!(!map.hints(t, lang).is_empty(), "[{}] has a hint bar", t.name());
            }
        }
    }

    #[test]
    fn the_new_screens_rebind_with_the_same_checks() {
        let map = Keymap::from_toml(
            "[log]
add = \"+\"
[roster]
swap = \"x\"
",
            "keys.toml",
        )
        .unwrap();
        assert_eq!(map.action(Table::Log, &ev(KeyCode::Char('+'), KeyModifiers::NONE)), Some(Action::Add));
        assert_eq!(map.action(Table::Log, &ev(KeyCode::Char('a'), KeyModifiers::NONE)), None);
        assert_eq!(map.action(Table::Roster, &ev(KeyCode::Char('x'), KeyModifiers::NONE)), Some(Action::Swap));
        let cases: &[(&str, usize, &str, &str)] = &[
            (
                "[log]
add = \"c\"
",
                2,
                "add",
                "already bound to spot_check",
            ),
            (
                "[handover]
draft = \"x\"
remarks = \"x\"
",
                3,
                "remarks",
                "already bound to draft on line 2",
            ),
            (
                "[directory]
swap = \"x\"
",
                2,
                "swap",
                "not an action of this screen",
            ),
            (
                "[stats]
periods = \"x\"
",
                2,
                "periods",
                "no such action",
            ),
            (
                "[statistics]
period = \"x\"
",
                1,
                "statistics",
                "no such screen",
            ),
            (
                "[confirm]
yes = \"ctrl+\"
",
                2,
                "yes",
                "is not a key",
            ),
        ];
        for (text, line, key, message) in cases {
            let e = Keymap::from_toml(text, "/cfg/keys.toml").unwrap_err();
            assert_eq!((e.line, e.key.as_str()), (*line, *key), "{text}: {e}");
            assert!(e.message.contains(message), "{text}: {e}");
        }
    }

    #[test]
    fn key_names_read_back_as_written() {
        for (written, shown) in
            [("ctrl+s", "Ctrl+S"), ("f5", "F5"), ("space", "Space"), ("H", "H"), ("pagedown", "PgDn")]
        {
            let k = Key::parse(written).unwrap();
            assert_eq!(k.to_string().to_lowercase(), shown.to_lowercase(), "{written}");
        }
    }
}
