//! The help overlay (`?`): every key of every screen, drawn from the keymap (so a rebinding in
//! keys.toml shows here too), and the typing keys of the forms. The current screen's keys come
//! first; the rest follow screen by screen. It is one list laid out in columns (three at 160
//! columns, two at 80) and scrolls with the help table's keys (↑↓ PgUp PgDn Home End): it fits any
//! size from 80×24 without breaking a border. Any other key closes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{text, theme, widgets};
use crate::app::roster::Mode;
use crate::app::{App, Screen};
use crate::domain::Lang;
use crate::keymap::Table;
use ::text::screens::help as words;

/// The widest key column (`Space Enter`, `PgUp PgDn`).
const KEY_COLS: usize = 11;

fn section(title: &str, keys: &[(String, &'static str)], width: usize, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::styled(text::truncate(title, width), theme::title()));
    let key_cols = keys.iter().map(|(k, _)| text::width(k)).max().unwrap_or(1).min(KEY_COLS).min(width / 3);
    for (k, label) in keys {
        let key = text::truncate(k, key_cols);
        let room = width.saturating_sub(key_cols + 3);
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", text::pad(&key, key_cols)), theme::key()),
            Span::raw(format!(" {}", text::truncate(label, room))),
        ]));
    }
    lines.push(Line::raw(""));
}

/// The typing keys inside a form (and the `/` and `t` prompts): not in the keymap.
fn form_keys(lang: Lang) -> Vec<(String, &'static str)> {
    vec![
        ("Tab".into(), words::NEXT_FIELD_SHIFT_TAB_BACK.get(lang)),
        ("←→".into(), words::CHOOSE_AN_OPTION.get(lang)),
        ("Enter".into(), words::NEW_LINE_NEXT.get(lang)),
        ("Ctrl+S".into(), words::SAVE_ALSO_F2.get(lang)),
        ("Esc".into(), words::LEAVE_THE_FORM.get(lang)),
    ]
}

/// The table of what is on screen now: its keys come first in the help.
pub fn current_table(app: &App) -> Table {
    match &app.screen {
        Screen::Board | Screen::Intake(_) => Table::Board,
        Screen::Incident(_) => Table::Incident,
        Screen::History => Table::History,
        Screen::Tasks(_) => Table::Tasks,
        Screen::Log => Table::Log,
        Screen::Handover => Table::Handover,
        Screen::Directory(_) => Table::Directory,
        Screen::Stats if app.log.view.drill.is_some() => Table::StatsItems,
        Screen::Stats => Table::Stats,
        Screen::Roster(state) => match state.mode {
            Mode::People { .. } => Table::People,
            Mode::PickPerson { .. } => Table::Pick,
            _ => Table::Roster,
        },
    }
}

/// Every line of the help: each screen's keys under its title, the current screen first, then the
/// forms' typing keys.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let first = current_table(app);
    let mut out = Vec::new();
    let order = std::iter::once(first).chain(Table::ALL.into_iter().filter(|t| *t != first));
    for t in order {
        section(t.title(lang), &app.keymap.help(t, lang), width, &mut out);
    }
    section(words::FORMS_AND_PROMPTS_FIXED.get(lang), &form_keys(lang), width, &mut out);
    out
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let popup_w = area.width.min(120);
    let popup = widgets::centered(area, popup_w, area.height);
    let inner_w = popup_w.saturating_sub(2);
    let cols: u16 = if inner_w >= 108 {
        3
    } else if inner_w >= 60 {
        2
    } else {
        1
    };
    let col_w = (inner_w / cols) as usize;
    let all = lines(app, col_w.saturating_sub(1));
    // One line for the footer; the rest of the inner height in each column.
    let rows = popup.height.saturating_sub(3).max(1) as usize;
    let shown = rows * cols as usize;
    let max = all.len().saturating_sub(shown);
    app.help_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    app.help_page.set(u16::try_from(shown).unwrap_or(u16::MAX));
    let scroll = (app.help_scroll as usize).min(max);
    widgets::clear_popup(frame, popup);
    let block = Block::bordered().title(Line::styled(words::HELP.get(lang), theme::title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [body, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, u32::from(cols)); cols as usize]).split(body);
    for (i, a) in areas.iter().enumerate() {
        let from = (scroll + i * rows).min(all.len());
        let to = (from + rows).min(all.len());
        frame.render_widget(Paragraph::new(all[from..to].to_vec()), *a);
    }
    // How to close, the keys that move it (from the help table), and where the view is.
    let end = (scroll + shown).min(all.len());
    let moves = super::hint_text(&app.keymap.hints(Table::Help, lang));
    let mut footer = words::footer(&moves, scroll + 1, end, all.len(), lang);
    footer = text::truncate(&footer, foot.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(footer, theme::dim())), foot);
}
