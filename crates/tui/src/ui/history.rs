//! The history screen (`H`): one page of the archive, newest first, with the filters in force.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::{text, theme};
use crate::app::App;
use crate::app::history::filter_text;
use ::text::screens::history as words;
use text::Label;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let h = &app.history;
    let [body, hints] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let visible = body.height.saturating_sub(3) as usize;
    // Keep the selection in view: the window scrolls with it.
    let first = h.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row<'_>> = h
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(n, i)| {
            let style = if n == h.selected { theme::selected() } else { Style::new() };
            Row::new(vec![
                Cell::from(format!("#{}", i.reference)),
                Cell::from(text::short(i.learned_at, tz)),
                Cell::from(i.grade.label(lang)),
                Cell::from(i.category.label(lang)),
                Cell::from(i.status.label(lang)),
                Cell::from(format!("{} {}", text::shown(&i.title), text::shown(&i.place))),
            ])
            .style(style)
        })
        .collect();
    let typing = h
        .typing
        .as_ref()
        .map(|t| match h.prompt {
            crate::app::history::Prompt::Text => format!(" / {t}▏"),
            crate::app::history::Prompt::From => format!(" · {} {t}▏", super::labels::date_filter("from", lang)),
            crate::app::history::Prompt::To => format!(" · {} {t}▏", super::labels::date_filter("to", lang)),
        })
        .unwrap_or_default();
    let title = format!(
        " {} ({}) · {}{typing} ",
        words::HISTORY.get(lang),
        h.pages.len() + 1,
        filter_text(&h.filter, &h.dates, lang)
    );
    let header = Row::new(vec![
        words::REF.get(lang),
        words::LEARNED.get(lang),
        words::GRADE.get(lang),
        words::CATEGORY.get(lang),
        words::STATUS.get(lang),
        words::TITLE_PLACE.get(lang),
    ])
    .style(theme::dim());
    let widths = [
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let empty = h.rows.is_empty();
    frame.render_widget(
        Table::new(rows, widths).header(header).block(Block::bordered().title(Line::styled(title, theme::title()))),
        body,
    );
    if empty {
        let inner = Rect { x: body.x + 2, y: body.y + 2, width: body.width.saturating_sub(4), height: 1 };
        frame.render_widget(Paragraph::new(words::NO_INCIDENT_MATCHES.get(lang)).style(theme::dim()), inner);
    }
    // The keys come from the history table of the keymap (keys.toml may rebind them).
    let status = app.status.as_ref().map(|s| format!("  {s}"));
    let room =
        hints.width.saturating_sub(status.as_ref().map(|s| text::width(s) as u16).unwrap_or(0)).max(hints.width / 2);
    let mut spans = super::hint_line_fit(&app.keymap.hints(crate::keymap::Table::History, lang), room).spans;
    if let Some(s) = status {
        spans.push(Span::styled(s, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
}
