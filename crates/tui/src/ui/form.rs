//! Draws a `Form`: one row per field (label, value), the focused field highlighted, required fields
//! marked `*`, time fields followed by what was understood, and the terminal cursor placed on the
//! focused input's column (width-aware, so a Chinese input method opens its candidates in the right place).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{text, theme};
use crate::app::form::{FieldKind, Form};
use crate::domain::Lang;
use crate::domain::time_input::{describe_understood, parse_time_input};

/// Width of the label column, in terminal columns.
const LABEL_COLS: usize = 12;

/// Height a field needs: multi-line fields take several rows.
fn field_height(kind: &FieldKind, focused: bool) -> u16 {
    match kind {
        FieldKind::Multi(_) if focused => 4,
        FieldKind::Multi(_) => 2,
        _ => 1,
    }
}

/// Draws the form into `area` (inside a bordered block titled `title`).
pub fn draw(frame: &mut Frame<'_>, area: Rect, form: &Form, title: &str, lang: Lang, now: DateTime<Utc>, tz: Tz) {
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let footer_rows = 2u16;
    let body = Rect { height: inner.height.saturating_sub(footer_rows), ..inner };
    // Scroll so the focused field is visible.
    let heights: Vec<u16> =
        form.fields.iter().enumerate().map(|(i, f)| field_height(&f.kind, i == form.focus)).collect();
    let mut first = 0;
    loop {
        let used: u16 = heights[first..=form.focus.min(heights.len().saturating_sub(1))].iter().sum();
        if used <= body.height || first >= form.focus {
            break;
        }
        first += 1;
    }
    let mut y = body.y;
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        let h = heights[i];
        if y + h > body.y + body.height {
            break;
        }
        let focused = i == form.focus;
        let row = Rect { x: body.x, y, width: body.width, height: h };
        let [label_area, value_area] =
            Layout::horizontal([Constraint::Length(LABEL_COLS as u16 + 2), Constraint::Fill(1)]).areas(row);
        let mark = if field.required { "*" } else { " " };
        let label_style = if focused { theme::title() } else { Style::new() };
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{mark}{}", text::pad(field.label(lang), LABEL_COLS)), label_style)),
            label_area,
        );
        draw_value(frame, value_area, field, focused, lang, now, tz);
        y += h;
    }
    let footer = Rect { y: inner.y + inner.height.saturating_sub(footer_rows), height: footer_rows, ..inner };
    let mut lines = Vec::new();
    if let Some(err) = &form.error {
        lines.push(Line::styled(format!(" ✗ {err}"), theme::overdue()));
    } else if let Some(notice) = &form.notice {
        lines.push(Line::styled(format!(" ● {notice}"), theme::warning()));
    } else {
        lines.push(Line::styled(
            lang.pick(
                " * 为必填;时间可填 14:05、-20m、2026-11-22 14:05",
                " * required; times: 14:05, -20m, 2026-11-22 14:05",
            ),
            theme::dim(),
        ));
    }
    lines.push(Line::from(vec![
        Span::styled(" Ctrl+S ", theme::key()),
        Span::raw(lang.pick(" 保存  ", " save  ")),
        Span::styled(" Tab ", theme::key()),
        Span::raw(lang.pick(" 下一项  ", " next field  ")),
        Span::styled(" ←→ ", theme::key()),
        Span::raw(lang.pick(" 选择  ", " choose  ")),
        Span::styled(" Esc ", theme::key()),
        Span::raw(format!(" {}", lang.pick(form.esc.0, form.esc.1))),
    ]));
    frame.render_widget(Paragraph::new(lines), footer);
}

fn draw_value(
    frame: &mut Frame<'_>,
    area: Rect,
    field: &crate::app::form::Field,
    focused: bool,
    lang: Lang,
    now: DateTime<Utc>,
    tz: Tz,
) {
    let hl = if focused { Style::new().add_modifier(Modifier::UNDERLINED) } else { Style::new() };
    match &field.kind {
        FieldKind::Multi(area_state) => {
            if focused {
                let mut ta = (**area_state).clone();
                ta.set_cursor_line_style(Style::new());
                ta.set_style(hl);
                frame.render_widget(&ta, area);
                let ratatui_textarea::DataCursor(row, col) = ta.cursor();
                let line = ta.lines().get(row).map(String::as_str).unwrap_or("");
                let prefix: String = line.chars().take(col).collect();
                let x = area.x + (text::width(&prefix) as u16).min(area.width.saturating_sub(1));
                let y = area.y + (row as u16).min(area.height.saturating_sub(1));
                frame.set_cursor_position((x, y));
            } else {
                let lines: Vec<Line<'_>> = area_state
                    .lines()
                    .iter()
                    .take(area.height as usize)
                    .map(|l| Line::raw(text::truncate(l, area.width as usize)))
                    .collect();
                frame.render_widget(Paragraph::new(lines), area);
            }
        }
        FieldKind::Choice { options, index } => {
            let mut items = Vec::new();
            for (i, o) in options.iter().enumerate() {
                // The chosen option is bracketed as well as highlighted: colour is never the only signal.
                let (style, text) = if i == *index {
                    (if focused { theme::selected() } else { theme::title() }, format!("[{}]", o.label(lang)))
                } else {
                    (theme::dim(), format!(" {} ", o.label(lang)))
                };
                items.push((text, style));
            }
            // When the options do not fit, scroll them so the chosen one is always in view.
            let room = area.width as usize;
            let total: usize = items.iter().map(|(t, _)| text::width(t)).sum();
            let mut first = 0;
            if total > room {
                let room = room.saturating_sub(2);
                while first < *index && items[first..=*index].iter().map(|(t, _)| text::width(t)).sum::<usize>() > room
                {
                    first += 1;
                }
            }
            let mut spans = Vec::new();
            if first > 0 {
                spans.push(Span::styled("‹", theme::dim()));
            }
            spans.extend(items.into_iter().skip(first).map(|(t, st)| Span::styled(t, st)));
            if !focused {
                // Only the chosen option when not focused, to keep the form calm.
                spans = options
                    .get(*index)
                    .map(|o| vec![Span::styled(format!(" {} ", o.label(lang)), theme::title())])
                    .unwrap_or_default();
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), area);
        }
        kind => {
            let masked = field.shown_value();
            let value = if field.masked { masked.as_str() } else { field.input.value() };
            let understood = match kind {
                FieldKind::Time if value.trim().is_empty() => {
                    let (zh, en) = field.empty_hint.unwrap_or(("现在", "now"));
                    format!("  → {}", lang.pick(zh, en))
                }
                FieldKind::Time => match parse_time_input(value, now, tz) {
                    Ok(t) => format!("  → {}", describe_understood(t, tz, lang)),
                    Err(_) => format!("  → {}", lang.pick("无法识别", "not understood")),
                },
                _ => String::new(),
            };
            let room = area.width as usize;
            let scroll = field.input.visual_scroll(room.saturating_sub(text::width(&understood)).max(1));
            let shown: String = {
                // Skip `scroll` columns of the value, then fit it.
                let mut cols = 0;
                value
                    .chars()
                    .skip_while(|c| {
                        let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                        if cols + w <= scroll {
                            cols += w;
                            true
                        } else {
                            false
                        }
                    })
                    .collect()
            };
            let line = Line::from(vec![Span::styled(shown, hl), Span::styled(understood, theme::dim())]);
            frame.render_widget(Paragraph::new(line), area);
            if focused {
                let x = area.x
                    + (field.input.visual_cursor().saturating_sub(scroll) as u16).min(area.width.saturating_sub(1));
                frame.set_cursor_position((x, area.y));
            }
        }
    }
}
