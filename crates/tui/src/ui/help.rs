//! The help overlay (`?`): every key, in the officer's language, in two columns: the board on the
//! left; the incident page and forms on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{board, incident, text, theme, widgets};
use crate::app::App;
use crate::domain::Lang;

fn section<'a>(title: &'a str, keys: &[(&'static str, &'static str)], lines: &mut Vec<Line<'a>>) {
    lines.push(Line::styled(title.to_string(), theme::title()));
    for (k, label) in keys {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", text::pad(k, 5)), theme::key()),
            Span::raw(format!(" {label}")),
        ]));
    }
    lines.push(Line::raw(""));
}

fn form_keys(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![
        ("Tab", lang.pick("下一项(Shift+Tab 上一项)", "next field (Shift+Tab back)")),
        ("←→", lang.pick("选择选项", "choose an option")),
        ("Enter", lang.pick("长文本换行 / 下一项", "new line in long text / next")),
        ("^S", lang.pick("保存 (F2 同)", "save (also F2)")),
        ("Esc", lang.pick("返回", "leave the form")),
    ]
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let mut left = Vec::new();
    section(lang.pick("值班看板", "Board"), &board::hints(lang), &mut left);
    left.push(Line::from(vec![
        Span::styled(format!(" {} ", text::pad("Space", 5)), theme::key()),
        Span::raw(format!(" {}", lang.pick("知悉横幅中的这一条告警", "ack the banner's alert"))),
    ]));
    left.push(Line::from(vec![
        Span::styled(format!(" {} ", text::pad("!", 5)), theme::key()),
        Span::raw(format!(" {}", lang.pick("告警列表,逐条知悉", "all alerts, ack each"))),
    ]));
    let mut right = Vec::new();
    section(lang.pick("事件详情页", "Incident page"), &incident::page_hints(app), &mut right);
    section(lang.pick("表单", "Forms"), &form_keys(lang), &mut right);
    right.push(Line::styled(lang.pick("按任意键关闭帮助", "Press any key to close help"), theme::dim()));
    let height = (left.len().max(right.len()) as u16 + 2).min(area.height);
    let popup = widgets::centered(area, 78, height);
    widgets::clear_popup(frame, popup);
    let block = Block::bordered().title(Line::styled(lang.pick(" 帮助 Help ", " Help 帮助 "), theme::title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [l, r] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(inner);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(right), r);
}
