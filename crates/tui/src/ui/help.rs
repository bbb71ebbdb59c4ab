//! The help overlay (`?`): every key of the board and of the incident page, drawn from the keymap
//! (so a rebinding in keys.toml shows here too), and the keys of the forms. Three columns so the
//! whole of it fits 80×24: the board's keys in two, the incident page and the forms in the third.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{text, theme, widgets};
use crate::app::App;
use crate::domain::Lang;
use crate::keymap::Table;

fn section<'a>(title: Option<&'a str>, keys: &[(String, &'static str)], width: usize, lines: &mut Vec<Line<'a>>) {
    if let Some(title) = title {
        lines.push(Line::styled(title.to_string(), theme::title()));
    }
    let key_cols = keys.iter().map(|(k, _)| text::width(k)).max().unwrap_or(1).min(9);
    for (k, label) in keys {
        let key = text::truncate(k, key_cols);
        let room = width.saturating_sub(key_cols + 3);
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", text::pad(&key, key_cols)), theme::key()),
            Span::raw(format!(" {}", text::truncate(label, room))),
        ]));
    }
}

fn form_keys(lang: Lang) -> Vec<(String, &'static str)> {
    vec![
        ("Tab".into(), lang.pick("下一项(Shift+Tab 上一项)", "next field (Shift+Tab back)")),
        ("←→".into(), lang.pick("选择选项", "choose an option")),
        ("Enter".into(), lang.pick("长文本换行/下一项", "new line / next")),
        ("Ctrl+S".into(), lang.pick("保存 (F2 同)", "save (also F2)")),
        ("Esc".into(), lang.pick("返回", "leave the form")),
    ]
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let popup_w = area.width.min(110);
    let col = (popup_w.saturating_sub(2) / 3) as usize;
    let board = app.keymap.help(Table::Board, lang);
    let half = board.len().div_ceil(2);
    let mut first = Vec::new();
    section(Some(lang.pick("值班看板", "Board")), &board[..half], col, &mut first);
    let mut second = vec![Line::raw("")];
    section(None, &board[half..], col, &mut second);
    let mut third = Vec::new();
    section(Some(lang.pick("事件详情页", "Incident page")), &app.keymap.help(Table::Incident, lang), col, &mut third);
    section(Some(lang.pick("表单", "Forms")), &form_keys(lang), col, &mut third);
    second.push(Line::raw(""));
    second.push(Line::styled(lang.pick(" 按任意键关闭帮助", " Any key closes help"), theme::dim()));
    let rows = first.len().max(second.len()).max(third.len()) as u16;
    let height = (rows + 2).min(area.height);
    let popup = widgets::centered(area, popup_w, height);
    widgets::clear_popup(frame, popup);
    let block = Block::bordered().title(Line::styled(lang.pick(" 帮助 Help ", " Help 帮助 "), theme::title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [a, b, c] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(inner);
    frame.render_widget(Paragraph::new(first), a);
    frame.render_widget(Paragraph::new(second), b);
    frame.render_widget(Paragraph::new(third), c);
}
