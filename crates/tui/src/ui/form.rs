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
use crate::domain::time_input::parse_time_input;
use ::text::screens::form as words;
use text::record::time_input::describe_understood;

/// Width of the label column, in terminal columns, at least.
const LABEL_COLS: usize = 12;
/// The label column grows to the longest label up to this, and to a third of the form at most.
const LABEL_COLS_MAX: usize = 20;

/// The label column of `form` drawn `width` columns wide (borders included): wide enough for its
/// longest label (`批示领导(批示时填)` is not cut), within [LABEL_COLS, LABEL_COLS_MAX] and a third of the form.
fn label_cols(form: &Form, width: u16, lang: Lang) -> usize {
    let longest = form.fields.iter().map(|f| text::width(f.label(lang))).max().unwrap_or(0);
    let cap = LABEL_COLS_MAX.min(width.saturating_sub(2) as usize / 3).max(LABEL_COLS);
    longest.clamp(LABEL_COLS, cap)
}

/// One single-line field's value laid out in rows of at most `room` columns, by display width (a
/// Chinese character takes two and is never split), with the row and column of the cursor
/// (`cursor`: a character index; None when the field is not focused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub rows: Vec<String>,
    pub cursor: Option<(usize, usize)>,
}

pub fn wrap_value(value: &str, cursor: Option<usize>, room: usize) -> Wrapped {
    let room = room.max(2);
    let mut rows = vec![String::new()];
    let mut col = 0;
    let mut at = None;
    let mut count = 0;
    for (i, c) in value.chars().enumerate() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if col + w > room {
            rows.push(String::new());
            col = 0;
        }
        if cursor == Some(i) {
            at = Some((rows.len() - 1, col));
        }
        if let Some(row) = rows.last_mut() {
            row.push(c);
        }
        col += w;
        count = i + 1;
    }
    if cursor.is_some_and(|c| c >= count) {
        // After the last character: on a full row, the cursor starts the next one.
        if col >= room {
            rows.push(String::new());
            col = 0;
        }
        at = Some((rows.len() - 1, col));
    }
    Wrapped { rows, cursor: at }
}

/// A field as drawn in the value column: its rows and, when focused, where the cursor is.
enum Laid {
    Rows { lines: Vec<Line<'static>>, cursor: Option<(usize, usize)> },
    Multi,
    Choice,
}

impl Laid {
    fn height(&self, focused: bool) -> u16 {
        match self {
            Laid::Rows { lines, .. } => lines.len().max(1) as u16,
            Laid::Multi if focused => 4,
            Laid::Multi => 2,
            Laid::Choice => 1,
        }
    }
}

/// Lays out a one-line field (text, time, number, PIN): a value wider than `room` wraps onto more
/// rows (issue 17: it never scrolls sideways); a time field's "→ understood" follows on the last
/// row, or on a row of its own when it does not fit.
fn lay_out(
    field: &crate::app::form::Field,
    focused: bool,
    room: usize,
    lang: Lang,
    now: DateTime<Utc>,
    tz: Tz,
) -> Laid {
    let value = match &field.kind {
        FieldKind::Multi(_) => return Laid::Multi,
        FieldKind::Choice { .. } => return Laid::Choice,
        _ if field.masked => field.shown_value(),
        _ => field.input.value().to_string(),
    };
    let understood = match field.kind {
        FieldKind::Time if value.trim().is_empty() => {
            let hint = field.empty_hint.unwrap_or(words::NOW);
            format!("  → {}", hint.get(lang))
        }
        FieldKind::Time => match parse_time_input(&value, now, tz) {
            Ok(t) => format!("  → {}", describe_understood(t, tz, lang)),
            Err(_) => format!("  → {}", words::NOT_UNDERSTOOD.get(lang)),
        },
        _ => String::new(),
    };
    let hl = if focused { Style::new().add_modifier(Modifier::UNDERLINED) } else { Style::new() };
    let wrapped = wrap_value(&value, focused.then(|| field.input.cursor()), room);
    let last = wrapped.rows.len() - 1;
    let mut lines: Vec<Line<'static>> =
        wrapped.rows.iter().map(|r| Line::from(vec![Span::styled(r.clone(), hl)])).collect();
    if !understood.is_empty() {
        let used = text::width(&wrapped.rows[last]);
        if used + text::width(&understood) <= room {
            lines[last].spans.push(Span::styled(understood, theme::dim()));
        } else {
            lines.push(Line::styled(text::truncate(understood.trim_start(), room), theme::dim()));
        }
    }
    Laid::Rows { lines, cursor: wrapped.cursor }
}

/// The value column's width in a form drawn `width` columns wide (borders included).
fn value_room(width: u16, label_cols: usize) -> usize {
    (width.saturating_sub(2) as usize).saturating_sub(label_cols + 2).max(2)
}

/// The height a form wants when drawn `width` columns wide: borders, every field with its long
/// values wrapped, and the footer. A popup sizes itself with this (then clamps to the screen).
pub fn needed_height(form: &Form, width: u16, lang: Lang, now: DateTime<Utc>, tz: Tz) -> u16 {
    let label_w = label_cols(form, width, lang);
    let room = value_room(width, label_w);
    let fields: u16 = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let value = lay_out(f, i == form.focus, room, lang, now, tz).height(i == form.focus);
            value.max(label_rows(f, label_w, lang).len() as u16)
        })
        .sum();
    fields + 2 + footer_rows(form, width.saturating_sub(2), lang)
}

/// The footer's guidance: the form's own help (`Form.help`: what the act records and what it costs,
/// e.g. "a waiver needs a reason and a leader; a duty already overdue still counts as missed"),
/// wrapped to the form's inner width so it is read whole at 80 columns. An error or a notice takes
/// its first row while it stands; the footer keeps its height, so the form does not jump.
fn help_rows(form: &Form, inner_width: u16, lang: Lang) -> Vec<String> {
    text::wrap_words(&format!(" {}", form.help.get(lang)), (inner_width as usize).max(8), " ")
}

/// Rows under the fields: the guidance, then the key line.
fn footer_rows(form: &Form, inner_width: u16, lang: Lang) -> u16 {
    help_rows(form, inner_width, lang).len() as u16 + 1
}

/// A field's label in rows of the label column: a label longer than the column wraps (never cut).
fn label_rows(field: &crate::app::form::Field, label_w: usize, lang: Lang) -> Vec<String> {
    wrap_value(field.label(lang), None, label_w).rows
}

/// Draws the form as a popup over `area`: `width` columns (at most the screen's), at least
/// `min_height` rows and as tall as its fields need with long values wrapped, clamped to the screen
/// (beyond that, the form scrolls to its focused field). Every form of the board is drawn this way.
#[allow(clippy::too_many_arguments)]
pub fn popup(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &Form,
    title: &str,
    (width, min_height): (u16, u16),
    lang: Lang,
    now: DateTime<Utc>,
    tz: Tz,
) {
    let w = width.min(area.width);
    let h = needed_height(form, w, lang, now, tz).max(min_height).min(area.height);
    let rect = super::widgets::centered(area, w, h);
    super::widgets::clear_popup(frame, rect);
    draw(frame, rect, form, title, lang, now, tz);
}

/// Draws the form into `area` (inside a bordered block titled `title`).
pub fn draw(frame: &mut Frame<'_>, area: Rect, form: &Form, title: &str, lang: Lang, now: DateTime<Utc>, tz: Tz) {
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let footer_rows = footer_rows(form, inner.width, lang);
    let body = Rect { height: inner.height.saturating_sub(footer_rows), ..inner };
    let label_w = label_cols(form, area.width, lang);
    let room = value_room(area.width, label_w);
    let laid: Vec<Laid> =
        form.fields.iter().enumerate().map(|(i, f)| lay_out(f, i == form.focus, room, lang, now, tz)).collect();
    // A field taller than the whole body shows the rows around its cursor.
    let labels: Vec<Vec<String>> = form.fields.iter().map(|f| label_rows(f, label_w, lang)).collect();
    let heights: Vec<u16> = laid
        .iter()
        .enumerate()
        .map(|(i, l)| l.height(i == form.focus).max(labels[i].len() as u16).min(body.height.max(1)))
        .collect();
    // Scroll so the focused field is visible.
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
            Layout::horizontal([Constraint::Length(label_w as u16 + 2), Constraint::Fill(1)]).areas(row);
        let mark = if field.required { "*" } else { " " };
        let label_style = if focused { theme::title() } else { Style::new() };
        let label: Vec<Line<'_>> = labels[i]
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let lead = if n == 0 { mark } else { " " };
                Line::styled(format!("{lead}{}", text::pad(r, label_w)), label_style)
            })
            .collect();
        frame.render_widget(Paragraph::new(label), label_area);
        match &laid[i] {
            Laid::Rows { lines, cursor } => {
                let h = h as usize;
                let skip = cursor.map_or(0, |(r, _)| (r + 1).saturating_sub(h));
                let shown: Vec<Line<'_>> = lines.iter().skip(skip).take(h).cloned().collect();
                frame.render_widget(Paragraph::new(shown), value_area);
                if let Some((r, c)) = cursor {
                    let x = value_area.x + (*c as u16).min(value_area.width.saturating_sub(1));
                    let y = value_area.y + ((r - skip) as u16).min(value_area.height.saturating_sub(1));
                    frame.set_cursor_position((x, y));
                }
            }
            _ => draw_value(frame, value_area, field, focused, lang),
        }
        y += h;
    }
    let footer = Rect { y: inner.y + inner.height.saturating_sub(footer_rows), height: footer_rows, ..inner };
    let mut lines = Vec::new();
    let help = help_rows(form, inner.width, lang);
    let note_rows = help.len();
    let width = (inner.width as usize).max(8);
    let (note, style) = match (&form.error, &form.notice) {
        (Some(err), _) => (text::wrap_words(&format!(" ✗ {err}"), width, "   "), theme::overdue()),
        (None, Some(notice)) => (text::wrap_words(&format!(" ● {notice}"), width, "   "), theme::warning()),
        (None, None) => (help, theme::dim()),
    };
    lines.extend(note.into_iter().take(note_rows).map(|l| Line::styled(l, style)));
    lines.resize(note_rows, Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" Ctrl+S ", theme::key()),
        Span::raw(words::SAVE.get(lang)),
        Span::styled(" Tab ", theme::key()),
        Span::raw(words::NEXT_FIELD.get(lang)),
        Span::styled(" ←→ ", theme::key()),
        Span::raw(words::CHOOSE.get(lang)),
        Span::styled(" Esc ", theme::key()),
        Span::raw(format!(" {}", form.esc.get(lang))),
    ]));
    frame.render_widget(Paragraph::new(lines), footer);
}

fn draw_value(frame: &mut Frame<'_>, area: Rect, field: &crate::app::form::Field, focused: bool, lang: Lang) {
    let hl = if focused { Style::new().add_modifier(Modifier::UNDERLINED) } else { Style::new() };
    match &field.kind {
        FieldKind::Multi(area_state) => {
            if focused {
                let mut ta = (**area_state).clone();
                ta.set_cursor_line_style(Style::new());
                ta.set_style(hl);
                // A long line wraps (by display width) rather than scrolling sideways (issue 17).
                ta.set_wrap_mode(ratatui_textarea::WrapMode::Glyph);
                frame.render_widget(&ta, area);
                // Where the textarea drew the cursor: its display row less the rows scrolled off.
                let at = ta.screen_cursor();
                let (top, _) = ta.scroll_offset();
                let x = area.x + (at.col as u16).min(area.width.saturating_sub(1));
                let y = area.y + (at.row as u16).saturating_sub(top).min(area.height.saturating_sub(1));
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
        // One-line fields are laid out by `lay_out` and drawn by `draw`.
        _ => {}
    }
}
