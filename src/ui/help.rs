//! The help overlay (`?`): every key, in the officer's language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{board, theme, widgets};
use crate::app::App;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let keys = board::hints(lang);
    let popup = widgets::centered(area, 60, keys.len() as u16 + 7);
    widgets::clear_popup(frame, popup);
    let mut lines = vec![Line::styled(lang.pick("按键", "Keys"), theme::title()), Line::raw("")];
    for (k, label) in keys {
        lines.push(Line::from(vec![Span::styled(format!(" {k:<5}"), theme::key()), Span::raw(format!("  {label}"))]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(lang.pick("按任意键关闭帮助", "Press any key to close help"), theme::dim()));
    let block = Block::bordered().title(Line::styled(lang.pick(" 帮助 Help ", " Help 帮助 "), theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
