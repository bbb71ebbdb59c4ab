//! The 督办 tasks screen (`k`): the tasks still open, by due time, each with its ledger state and
//! countdown; overdue ones marked 超时 (the mark, not only the colour).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::{labels, text, text_levels, theme};
use crate::app::App;
use crate::domain::deadlines::{ObligationState, countdown};

pub fn draw(frame: &mut Frame<'_>, app: &App, selected: usize, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let due_soon = app.book.as_ref().map(|b| b.rules.due_soon()).unwrap_or_else(|| chrono::Duration::minutes(10));
    let [body, hints] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let visible = body.height.saturating_sub(3) as usize;
    let first = selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row<'_>> = app
        .data
        .tasks
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(n, t)| {
            let state = t.state(app.now, due_soon);
            let style = match (n == selected, state) {
                (true, _) => theme::selected(),
                (false, ObligationState::Overdue) => theme::overdue(),
                (false, ObligationState::DueSoon) => theme::due_soon(),
                _ => Style::new(),
            };
            Row::new(vec![
                Cell::from(format!("{}", t.id)),
                Cell::from(text::short(t.due_at, tz)),
                Cell::from(countdown(t.due_at, app.now).text),
                Cell::from(labels::obligation_state(state.code(), lang)),
                Cell::from(text::shown(&t.owner)),
                Cell::from(t.from_leader.as_deref().map_or(std::borrow::Cow::Borrowed("-"), text::shown)),
                Cell::from(text::shown(&t.title)),
            ])
            .style(style)
        })
        .collect();
    let title = format!(" {} ({}) ", text_levels::tasks_title(lang), app.data.tasks.len());
    let header = Row::new(text_levels::tasks_header(lang).to_vec()).style(theme::dim());
    let widths = [
        Constraint::Length(4),
        Constraint::Length(11),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).block(Block::bordered().title(Line::styled(title, theme::title()))),
        body,
    );
    if app.data.tasks.is_empty() {
        let inner = Rect { x: body.x + 2, y: body.y + 2, width: body.width.saturating_sub(4), height: 1 };
        frame.render_widget(Paragraph::new(text_levels::no_tasks(lang)).style(theme::dim()), inner);
    }
    frame.render_widget(
        Paragraph::new(super::hint_line_fit(&app.keymap.hints(crate::keymap::Table::Tasks, lang), hints.width)),
        hints,
    );
}
