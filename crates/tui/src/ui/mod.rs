//! Views. `ui` never writes to the store: it only draws `App`.

pub mod alerts;
pub mod board;
pub mod directory;
pub mod form;
pub mod handover;
pub mod help;
pub mod history;
pub mod incident;
pub use ::text::labels;
pub mod logscreen;
pub mod roster;
pub use ::text;
pub use ::text::docs as text_docs;
pub mod tasks;
pub use ::text::levels as text_levels;
pub mod stats_screen;
pub mod text_link;
pub mod text_report;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay, Screen};
use ::text::screens::shell as words;

/// The smallest terminal the board is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, app, area);
        widgets::strip_hostile(frame.buffer_mut());
        return;
    }
    match &app.screen {
        Screen::Board => board::draw(frame, app, area),
        Screen::Roster(state) => roster::draw(frame, app, state, area),
        Screen::Intake(form) => {
            form::draw(frame, area, form, words::NEW_INCIDENT.get(app.lang), app.lang, app.now, app.unit.timezone)
        }
        Screen::Incident(page) => incident::draw(frame, app, page, area),
        Screen::Directory(screen) => directory::draw(frame, app, screen, area),
        Screen::Handover => handover::draw(frame, app, area),
        Screen::Log => logscreen::draw_log(frame, app, area),
        Screen::Stats => logscreen::draw_stats(frame, app, area),
        Screen::Tasks(selected) => tasks::draw(frame, app, *selected, area),
        Screen::History => history::draw(frame, app, area),
    }
    handover::draw_time_prompt(frame, app, area);
    if let Some(action) = &app.action {
        let title = format!("{} #{}", action.kind.title(app.lang), action.incident_ref);
        form::popup(
            frame,
            area,
            &action.form,
            &title,
            (76, (action.form.fields.len() as u16 + 5).max(10)),
            app.lang,
            app.now,
            app.unit.timezone,
        );
    }
    match &app.overlay {
        Some(Overlay::Help) => help::draw(frame, app, area),
        Some(Overlay::Message { title, body }) => widgets::message(frame, area, title, body, app.lang),
        Some(Overlay::ConfirmQuit) => widgets::confirm(
            frame,
            area,
            words::QUIT.get(app.lang),
            words::A_FORM_HOLDS_UNSAVED_TYPING.get(app.lang),
            &confirm_keys(app),
        ),
        Some(Overlay::Confirm { prompt, .. }) => {
            widgets::confirm(frame, area, words::CONFIRM.get(app.lang), prompt, &confirm_keys(app))
        }
        Some(Overlay::Alerts { selected }) => alerts::draw(frame, app, *selected, area),
        Some(Overlay::Drafts { items, selected }) => draw_drafts(frame, app, items, *selected, area),
        None => {}
    }
    widgets::strip_hostile(frame.buffer_mut());
}

/// The confirmation's keys from its table, every key of each (`y 确认   n/Esc 取消`).
fn confirm_keys(app: &App) -> String {
    let map = &app.keymap;
    let table = crate::keymap::Table::Confirm;
    let keys = |action: crate::keymap::Action| -> String {
        let mut seen: Vec<String> = Vec::new();
        for b in map.bindings(table).iter().filter(|b| b.action == action) {
            for k in &b.keys {
                // `y` and `Y` read as one key.
                let k = k.to_string();
                if !seen.iter().any(|s| s.eq_ignore_ascii_case(&k)) {
                    seen.push(k);
                }
            }
        }
        seen.join("/")
    };
    let yes = crate::keymap::Action::Yes;
    let no = crate::keymap::Action::No;
    format!("{} {}   {} {}", keys(yes), yes.label(app.lang), keys(no), no.label(app.lang))
}

/// A hint line as plain text (`↑↓ 选择  Enter 恢复  Esc 以后再说`), for a popup's last line.
pub fn hint_text(hints: &[(String, &'static str)]) -> String {
    hints.iter().map(|(k, l)| format!("{k} {l}")).collect::<Vec<_>>().join("  ")
}

/// A key-hint bar: each key in reverse video, then its label.
pub fn hint_spans<K: AsRef<str>>(hints: &[(K, &'static str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, label) in hints {
        let k = k.as_ref();
        spans.push(Span::styled(format!(" {k} "), theme::key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}

/// The hint bar fitted to `width` columns: the roomy form when it fits, else a compact one, else
/// the compact one without the middle hints (help and quit are always kept: `?` lists everything).
pub fn hint_line_fit<K: AsRef<str>>(hints: &[(K, &'static str)], width: u16) -> Line<'static> {
    let hints: Vec<(&str, &'static str)> = hints.iter().map(|(k, l)| (k.as_ref(), *l)).collect();
    let hints = &hints[..];
    let width = width as usize;
    let roomy: usize = hints.iter().map(|(k, l)| text::width(k) + text::width(l) + 4).sum();
    if roomy <= width {
        return hint_spans(hints);
    }
    // Keys dropped for room are never dropped silently: `?` says how many more it lists (`?帮助+5`).
    let compact = |hs: &[(&str, &'static str)], dropped: usize| -> (usize, Line<'static>) {
        let mut spans = Vec::new();
        let mut used = 0;
        for (k, l) in hs {
            let label =
                if (*k == "?" || *k == "F1") && dropped > 0 { format!("{l}+{dropped}") } else { (*l).to_string() };
            spans.push(Span::styled((*k).to_string(), theme::key()));
            used += text::width(k) + text::width(&label) + 1;
            spans.push(Span::raw(format!("{label} ")));
        }
        (used, Line::from(spans))
    };
    let mut keep: Vec<(&str, &'static str)> = hints.to_vec();
    loop {
        let dropped = hints.len() - keep.len();
        let (used, line) = compact(&keep, dropped);
        if used <= width || keep.len() <= 2 {
            return line;
        }
        // Drop the last hint that is not help or quit.
        match keep.iter().rposition(|(k, _)| *k != "?" && *k != "q" && *k != "Esc") {
            Some(i) => {
                keep.remove(i);
            }
            None => return line,
        }
    }
}

/// The drafts left by boards that are gone: time and first line, the selected one highlighted.
fn draw_drafts(frame: &mut Frame<'_>, app: &App, items: &[crate::app::DraftItem], selected: usize, area: Rect) {
    let popup = widgets::centered(area, 72, (items.len() as u16).min(12) + 6);
    widgets::clear_popup(frame, popup);
    let title = words::UNSAVED_INTAKE_DRAFTS.get(app.lang);
    let block = ratatui::widgets::Block::bordered().title(Line::styled(title, theme::warning()));
    let mut lines = vec![Line::raw(words::LEFT_BY_BOARDS_THAT_ENDED.get(app.lang))];
    let inner = popup.width.saturating_sub(4) as usize;
    for (i, item) in items.iter().enumerate().take(12) {
        let when = item.saved_at.with_timezone(&app.unit.timezone).format("%Y-%m-%d %H:%M");
        let first = if item.first_line.is_empty() { words::NO_TITLE.get(app.lang) } else { &item.first_line };
        let row = text::truncate(&format!("{when}  {first}"), inner);
        let style = if i == selected { theme::selected() } else { ratatui::style::Style::default() };
        lines.push(Line::styled(row, style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(hint_text(&app.keymap.hints(crate::keymap::Table::Drafts, app.lang)), theme::dim()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn draw_too_small(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let msg = words::TERMINAL_TOO_SMALL.get(app.lang);
    let need = format!("{}×{} ≥ {MIN_WIDTH}×{MIN_HEIGHT}", area.width, area.height);
    let lines = vec![Line::styled(msg, theme::warning()), Line::raw(need)];
    frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), area);
}
