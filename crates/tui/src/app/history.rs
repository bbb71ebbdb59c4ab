//! The history screen (`H`, issue 15): every incident, closed or open, newest first, keyset-paged (one
//! page in memory, never everything), with filters: text (`/`), category (`t`), grade (`g`) and status
//! (`s`) each cycling through their values, 迟报 (`L`) and 漏报 (`M`), and the range of learned days
//! (`d`: from, then to; both inclusive, the forms of `incident list --from/--to`: a day, a month
//! `2026-11`, a time, `-7d`, read by the same parser). Enter opens the incident's page with its whole
//! timeline; Esc there comes back here.

use crate::keymap::{Action, Table};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::logscreen::Load;
use super::{App, Cmd, IncidentPage, Screen};
use crate::domain::{Incident, IncidentStatus};
use crate::store::archive::IncidentFilter;
use text::Label;

/// How many incidents one page holds.
pub const HISTORY_PAGE: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct HistoryUi {
    pub rows: Vec<Incident>,
    pub selected: usize,
    /// Cursors of the pages before the current one, to go back with PgUp.
    pub pages: Vec<Option<(chrono::DateTime<chrono::Utc>, i64)>>,
    /// The current page's cursor.
    pub cursor: Option<(chrono::DateTime<chrono::Utc>, i64)>,
    pub filter: IncidentFilter,
    /// The text filter being typed (`/`), or an end of the date range (`d`), if one is.
    pub typing: Option<String>,
    /// What is being typed.
    pub prompt: Prompt,
    /// The date range in force as it was typed (from, to; empty: that end open), for the title.
    pub dates: (String, String),
    /// The start typed at the first prompt of `d`, kept while the end is typed.
    pending_from: Option<(String, Option<chrono::DateTime<chrono::Utc>>)>,
    /// The incident opened from here: Esc on its page comes back.
    pub opened: Option<i64>,
}

/// What the prompt of the history screen reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Prompt {
    /// The text filter (`/`).
    #[default]
    Text,
    /// The start of the date range (`d`, first).
    From,
    /// The end of the date range (`d`, second).
    To,
}

fn load(app: &App) -> Vec<Cmd> {
    let mut filter = app.history.filter.clone();
    filter.before = app.history.cursor;
    vec![Cmd::Load(Load::HistoryPage(Box::new(filter)))]
}

/// Opens the screen on the newest page with the filters kept from last time.
pub fn open(app: &mut App) -> Vec<Cmd> {
    app.screen = Screen::History;
    app.history.pages.clear();
    app.history.cursor = None;
    app.history.selected = 0;
    app.history.opened = None;
    load(app)
}

fn first_page(app: &mut App) -> Vec<Cmd> {
    app.history.pages.clear();
    app.history.cursor = None;
    app.history.selected = 0;
    load(app)
}

pub fn loaded(app: &mut App, rows: Vec<Incident>) {
    app.history.rows = rows;
    app.history.selected = app.history.selected.min(app.history.rows.len().saturating_sub(1));
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    if let Some(t) = app.history.typing.as_mut() {
        match key.code {
            KeyCode::Enter if app.history.prompt != Prompt::Text => return date_entered(app),
            KeyCode::Enter => {
                let t = app.history.typing.take().unwrap_or_default();
                app.history.filter.text = Some(t).filter(|t| !t.trim().is_empty());
                return first_page(app);
            }
            KeyCode::Esc => {
                app.history.typing = None;
                app.history.pending_from = None;
                app.history.prompt = Prompt::Text;
            }
            KeyCode::Backspace => {
                t.pop();
            }
            // Ctrl+U clears the field, as in the forms; no other chord is typed as text.
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => t.clear(),
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => t.push(c),
            _ => {}
        }
        return vec![];
    }
    let Some(action) = app.keymap.action(Table::History, &key) else { return vec![] };
    let h = &mut app.history;
    match action {
        Action::Back => {
            app.screen = Screen::Board;
            vec![]
        }
        Action::Down => {
            h.selected = (h.selected + 1).min(h.rows.len().saturating_sub(1));
            vec![]
        }
        Action::Up => {
            h.selected = h.selected.saturating_sub(1);
            vec![]
        }
        Action::Older if h.rows.len() >= HISTORY_PAGE => {
            let Some(last) = h.rows.last() else { return vec![] };
            h.pages.push(h.cursor);
            h.cursor = Some((last.learned_at, last.id));
            h.selected = 0;
            load(app)
        }
        Action::Newer if !h.pages.is_empty() => {
            h.cursor = h.pages.pop().flatten();
            h.selected = 0;
            load(app)
        }
        Action::Find => {
            h.prompt = Prompt::Text;
            h.typing = Some(h.filter.text.clone().unwrap_or_default());
            vec![]
        }
        Action::FilterDates => {
            h.prompt = Prompt::From;
            h.pending_from = None;
            h.typing = Some(h.dates.0.clone());
            vec![]
        }
        Action::FilterStatus => {
            h.filter.status = match h.filter.status {
                None => Some(IncidentStatus::Open),
                Some(IncidentStatus::Open) => Some(IncidentStatus::Ended),
                Some(IncidentStatus::Ended) => Some(IncidentStatus::Closed),
                Some(IncidentStatus::Closed) => None,
            };
            first_page(app)
        }
        Action::FilterGrade => {
            h.filter.grade = cycle(crate::domain::Grade::ALL, h.filter.grade);
            first_page(app)
        }
        Action::FilterCategory => {
            h.filter.category = cycle(crate::domain::Category::ALL, h.filter.category);
            first_page(app)
        }
        Action::FilterLate => {
            h.filter.late = !h.filter.late;
            first_page(app)
        }
        Action::FilterMissed => {
            h.filter.missed = !h.filter.missed;
            first_page(app)
        }
        Action::ClearFilters => {
            h.filter = IncidentFilter::default();
            h.dates = Default::default();
            first_page(app)
        }
        Action::Open => {
            let Some(i) = h.rows.get(h.selected) else { return vec![] };
            let id = i.id;
            h.opened = Some(id);
            app.screen = Screen::Incident(Box::new(IncidentPage { id, detail: None, scroll: 0 }));
            vec![Cmd::LoadIncident(id)]
        }
        Action::Help => super::keys::open_help(app),
        _ => vec![],
    }
}

/// Enter at a date prompt: the start is read and the end asked for; the end is read and the range
/// applied from the first page. A value the parser refuses stays in the prompt, the reason in the
/// status line; an empty one leaves that end open.
fn date_entered(app: &mut App) -> Vec<Cmd> {
    use crate::domain::period::{End, parse_bound};
    let lang = app.lang;
    let typed = app.history.typing.clone().unwrap_or_default().trim().to_string();
    let (end, word) = match app.history.prompt {
        Prompt::From => (End::From, "from"),
        _ => (End::To, "to"),
    };
    let parsed = if typed.is_empty() {
        None
    } else {
        match parse_bound(&typed, end, app.now, app.unit.timezone) {
            Ok(t) => Some(t),
            Err(e) => {
                app.status = Some(format!("{}: {e}", crate::ui::labels::date_filter(word, lang)));
                return vec![];
            }
        }
    };
    if app.history.prompt == Prompt::From {
        app.history.pending_from = Some((typed, parsed));
        app.history.prompt = Prompt::To;
        app.history.typing = Some(app.history.dates.1.clone());
        app.status = None;
        return vec![];
    }
    let (from_text, from) = app.history.pending_from.take().unwrap_or_default();
    if let (Some(a), Some(b)) = (from, parsed)
        && a >= b
    {
        app.status = Some(format!("{}: {from_text} > {typed}", crate::ui::labels::date_filter("to", lang)));
        app.history.pending_from = Some((from_text, from));
        return vec![];
    }
    app.history.typing = None;
    app.history.prompt = Prompt::Text;
    app.history.filter.from = from;
    app.history.filter.to = parsed;
    app.history.dates = (from_text, typed);
    app.status = None;
    first_page(app)
}

/// The next value of a cycling filter: none, each value in turn, none again.
fn cycle<T: Copy + PartialEq>(all: &[T], now: Option<T>) -> Option<T> {
    match now {
        None => all.first().copied(),
        Some(v) => all.iter().position(|x| *x == v).and_then(|i| all.get(i + 1)).copied(),
    }
}

/// The filters in force, as one line (`获知 2026-11-01~2026-11-30 · 状态 已办结 · 迟报 · 文本 火灾`);
/// `dates` is the range as typed.
pub fn filter_text(f: &IncidentFilter, dates: &(String, String), lang: crate::domain::Lang) -> String {
    use text::console::history as words;
    let mut parts = Vec::new();
    if f.from.is_some() || f.to.is_some() {
        parts.push(format!("{} {}~{}", crate::ui::labels::date_filter("range", lang), dates.0, dates.1));
    }
    if let Some(c) = f.category {
        parts.push(c.label(lang).to_string());
    }
    if let Some(g) = f.grade {
        parts.push(words::grade(g.label(lang), lang));
    }
    if let Some(s) = f.status {
        parts.push(words::status(s.label(lang), lang));
    }
    if f.late {
        parts.push(words::HAD_LATE.get(lang).to_string());
    }
    if f.missed {
        parts.push(words::HAD_MISSED.get(lang).to_string());
    }
    if let Some(t) = &f.text {
        parts.push(words::text(t, lang));
    }
    if parts.is_empty() { words::ALL_INCIDENTS.get(lang).to_string() } else { parts.join(" · ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn filters_restart_at_the_first_page_and_pages_go_by_keyset() {
        let unit: Arc<crate::config::UnitConfig> =
            Arc::new(crate::config::parse_toml(crate::config::unit::SHIPPED_UNIT, "unit.toml").expect("shipped unit"));
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let mut app = App::new(crate::domain::Lang::Zh, unit, now, false);
        let cmds = open(&mut app);
        assert!(matches!(&cmds[..], [Cmd::Load(Load::HistoryPage(f))] if f.before.is_none()));
        let rows: Vec<Incident> =
            (0..HISTORY_PAGE as i64).map(|n| Incident { id: 100 - n, ..crate::domain::fixtures::incident() }).collect();
        loaded(&mut app, rows);
        let cmds = key(&mut app, KeyEvent::from(KeyCode::PageDown));
        let want = Some((crate::domain::fixtures::incident().learned_at, 100 - HISTORY_PAGE as i64 + 1));
        assert!(matches!(&cmds[..], [Cmd::Load(Load::HistoryPage(f))] if f.before == want), "{cmds:?}");
        let cmds = key(&mut app, KeyEvent::from(KeyCode::Char('s')));
        assert!(
            matches!(&cmds[..], [Cmd::Load(Load::HistoryPage(f))] if f.before.is_none() && f.status == Some(IncidentStatus::Open))
        );
        key(&mut app, KeyEvent::from(KeyCode::Char('/')));
        for c in "火灾".chars() {
            key(&mut app, KeyEvent::from(KeyCode::Char(c)));
        }
        let cmds = key(&mut app, KeyEvent::from(KeyCode::Enter));
        assert!(matches!(&cmds[..], [Cmd::Load(Load::HistoryPage(f))] if f.text.as_deref() == Some("火灾")));
        loaded(&mut app, vec![crate::domain::fixtures::incident()]);
        let cmds = key(&mut app, KeyEvent::from(KeyCode::Enter));
        assert_eq!(cmds, vec![Cmd::LoadIncident(42)]);
        assert_eq!(app.history.opened, Some(42));
        // Grade cycles I → II → … → none.
        app.screen = Screen::History;
        let mut seen = Vec::new();
        for _ in 0..6 {
            key(&mut app, KeyEvent::from(KeyCode::Char('g')));
            seen.push(app.history.filter.grade);
        }
        assert_eq!(seen.first(), Some(&Some(crate::domain::Grade::I)));
        assert_eq!(seen.last(), Some(&None));
    }
}
