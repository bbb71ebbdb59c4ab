//! The directory screen: contacts with phone, fax and last-verified date; stale ones flagged.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, Table};

use super::theme;
use crate::app::App;
use crate::app::directory::DirectoryScreen;
use ::text::screens::directory as words;
use text::Label;

pub fn draw(frame: &mut Frame<'_>, app: &App, screen: &DirectoryScreen, area: Rect) {
    let lang = app.lang;
    let today = app.now.with_timezone(&app.unit.timezone).date_naive();
    let stale_days = i64::from(app.unit.contact_stale_days);
    let [body, hints] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let rows: Vec<Row<'_>> = app
        .data
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let stale = (today - c.contact.last_verified).num_days() > stale_days;
            let mut style = if !c.active { theme::dim() } else { Style::new() };
            if i == screen.selected {
                style = style.patch(theme::selected());
            }
            let verified = format!("{}{}", c.contact.last_verified, if stale { words::VERIFY.get(lang) } else { "" });
            Row::new(vec![
                Cell::from(c.contact.level.label(lang)),
                Cell::from(text::shown(&c.contact.name)),
                Cell::from(text::shown(&c.contact.phone)),
                Cell::from(text::shown(&c.contact.fax)),
                Cell::from(Line::styled(verified, if stale { theme::warning() } else { Style::new() })),
                Cell::from(text::shown(&c.contact.org)),
                Cell::from(if c.active { "" } else { words::INACTIVE.get(lang) }),
            ])
            .style(style)
        })
        .collect();
    let header = Row::new(vec![
        words::LEVEL.get(lang),
        words::NAME.get(lang),
        words::PHONE.get(lang),
        words::FAX.get(lang),
        words::VERIFIED.get(lang),
        words::ORGANISATION.get(lang),
        "",
    ])
    .style(theme::title());
    let table = Table::new(
        rows,
        [
            Constraint::Length(14),
            Constraint::Length(20),
            Constraint::Length(16),
            Constraint::Length(16),
            Constraint::Length(18),
            Constraint::Fill(1),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(Block::bordered().title(Line::styled(words::DIRECTORY.get(lang), theme::title())));
    frame.render_widget(table, body);
    // The keys come from the directory's table (keys.toml [directory]).
    let keys = app.keymap.hints(crate::keymap::Table::Directory, lang);
    frame.render_widget(super::hint_line_fit(&keys, hints.width), hints);
    if let Some((id, _, form)) = &screen.editing {
        let title = if id.is_some() { words::EDIT_CONTACT.get(lang) } else { words::ADD_CONTACT.get(lang) };
        super::form::popup(
            frame,
            area,
            form,
            title,
            (70, form.fields.len() as u16 + 6),
            lang,
            app.now,
            app.unit.timezone,
        );
    }
}
