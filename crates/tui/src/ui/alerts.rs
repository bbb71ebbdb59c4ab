//! The alert list (`!`): every active alert, newest first, each with who acknowledged it and when.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{text, theme, widgets};
use crate::app::App;
use ::text::screens::alerts as words;

pub fn draw(frame: &mut Frame<'_>, app: &App, selected: usize, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let alerts = &app.alerts.active;
    let rows = (area.height.saturating_sub(8) as usize).max(1);
    let more = u16::from(alerts.len() > rows);
    let popup = widgets::centered(area, 100, (alerts.len().clamp(1, rows) as u16) + 4 + more);
    widgets::clear_popup(frame, popup);
    let unacked = app.alerts.unacked().count();
    let title =
        format!(" {} {} · {} {} ", words::ALERTS.get(lang), alerts.len(), words::UNACKNOWLEDGED.get(lang), unacked);
    let block = Block::bordered().title(Line::styled(title, theme::warning()));
    let inner = popup.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'_>> = Vec::new();
    if alerts.is_empty() {
        lines.push(Line::styled(words::NO_ACTIVE_ALERT.get(lang), theme::dim()));
    }
    // The selected row stays visible: the window starts where it must.
    let start = selected.saturating_sub(rows.saturating_sub(1));
    for (i, a) in alerts.iter().enumerate().skip(start).take(rows) {
        let state = match &a.ack {
            Some(ack) if ack.by.is_empty() => format!("✓ {}", text::hhmm(ack.at, tz)),
            Some(ack) => format!("✓ {} {}", text::shown(&ack.by), text::hhmm(ack.at, tz)),
            None => format!("⚠ {}", words::NOT_ACKNOWLEDGED.get(lang)),
        };
        let when = text::hhmm(a.raised, tz);
        let room = inner.saturating_sub(text::width(&state) + 8);
        let body = text::pad(&text::shown(&a.text), room);
        let style = if i == selected { theme::selected() } else { Style::new() };
        let state_style = if a.ack.is_some() { theme::ok() } else { theme::overdue() };
        lines.push(Line::from(vec![
            Span::styled(format!(" {when} "), style),
            Span::styled(format!("{body} "), style),
            Span::styled(state, state_style),
        ]));
    }
    if alerts.len() > rows {
        lines.push(Line::styled(format!("{} {}", words::OF.get(lang), alerts.len()), theme::dim()));
    }
    lines.push(Line::raw(""));
    // The keys come from the alert list's table (keys.toml [alerts]).
    lines.push(Line::styled(
        super::hint_text(&app.keymap.popup_hints(crate::keymap::Table::Alerts, lang)),
        theme::dim(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
