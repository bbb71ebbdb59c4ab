//! The handover screen: the current watch's sheet (or the one picked in the review list), its
//! signatures and lock, the remarks and signature prompts; and the review-mode time prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{text, theme, widgets};
use crate::app::App;
use crate::app::form::Form;
use crate::app::handover::HandoverMode;
use crate::ops::handover as oh;
use ::text::screens::handover as words;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let [top, body, hints] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(5), Constraint::Length(1)]).areas(area);
    let [sheet_area, list_area] =
        Layout::horizontal([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(body);
    let shown = match app.handover.selected {
        Some(i) => app.data.handovers.get(i),
        None => app.data.handover.as_ref(),
    };
    let state = match shown {
        Some(h) if h.locked => (words::LOCKED_SIGNED_BY_BOTH.get(lang), theme::ok()),
        Some(h) if h.head.outgoing_signed_at.is_some() => {
            (words::OUTGOING_SIGNED_AWAITING_INCOMING.get(lang), theme::due_soon())
        }
        Some(_) => (words::DRAFT_NOT_SIGNED.get(lang), theme::warning()),
        None => (words::NO_SHEET_FOR_THIS_WATCH.get(lang), theme::warning()),
    };
    // Remarks stay in view above the (long) sheet.
    let remarks = shown.map(|h| h.head.remarks.replace('\n', " / ")).unwrap_or_default();
    let remarks_line = format!(
        " {}: {}",
        words::REMARKS.get(lang),
        if remarks.trim().is_empty() { words::NONE.get(lang) } else { remarks.as_str() }
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!(" {} ", words::HANDOVER.get(lang)), theme::header()),
                Span::styled(format!(" {} ", state.0), state.1),
            ]),
            Line::raw(text::truncate(&text::shown(&remarks_line), top.width as usize)),
        ]),
        top,
    );
    let md = shown.map(|h| {
        let mut md = oh::markdown(h, lang, tz);
        // What became late after the outgoing signature: on the sheet, so the incoming officer reads
        // it before signing (signing is offered once the sheet was shown to its end).
        if let Some(items) = app.data.late_since_outgoing.get(&h.head.id) {
            md.push_str(&format!("\n## {}\n\n", oh::late_since_heading(lang)));
            for l in oh::late_since_lines(items, lang, tz) {
                md.push_str(&format!("- {}\n", crate::domain::safe_text::md_cell(&l)));
            }
        }
        md
    });
    // The sheet's text is stored text (remarks, titles, names): shown with its hostile characters
    // visible, and measured for wrapping as it is drawn.
    let md = md.map_or_else(|| words::PRESS_D_TO_DRAFT_THE.get(lang).to_string(), |m| text::shown_lines(&m));
    let lines: Vec<Line<'_>> = md
        .lines()
        .map(|l| {
            if let Some(h) = l.strip_prefix("## ").or_else(|| l.strip_prefix("# ")) {
                Line::styled(h.to_string(), theme::title())
            } else {
                Line::raw(l.to_string())
            }
        })
        .collect();
    // The sheet scrolls (↑↓ PgUp/PgDn Home/End); long CJK lines wrap at the pane's width. The
    // wrapped height is kept for the keys, which offer signing only once the end was shown.
    let inner_w = sheet_area.width.saturating_sub(2).max(1) as usize;
    let inner_h = sheet_area.height.saturating_sub(2);
    let total: usize = md.lines().map(|l| text::width(l).max(1).div_ceil(inner_w)).sum();
    let total = u16::try_from(total).unwrap_or(u16::MAX);
    let max_scroll = total.saturating_sub(inner_h);
    let scroll = app.handover.scroll.min(max_scroll);
    app.handover.view.set((inner_h, total));
    let more = if scroll < max_scroll { words::MORE.get(lang) } else { "" };
    let title = format!("{}{more}", words::SHEET.get(lang));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).block(Block::bordered().title(title)),
        sheet_area,
    );
    let rows: Vec<Line<'_>> = app
        .data
        .handovers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mark = if h.locked { words::L.get(lang) } else { words::D.get(lang) };
            let s = format!(
                "{mark} #{} {} {}→{}",
                h.head.id,
                text::short(h.head.period_start, tz),
                text::shown(&h.head.outgoing),
                text::shown(&h.head.incoming)
            );
            let style = if app.handover.selected == Some(i) { theme::selected() } else { Style::new() };
            Line::styled(text::truncate(&s, list_area.width.saturating_sub(2) as usize), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows).block(Block::bordered().title(words::REVIEW_LIST.get(lang))), list_area);
    // A status (e.g. "read the sheet to its end first") comes first: at 80 columns the key list
    // would push it off the line. The keys come from the handover's table (keys.toml [handover]).
    let mut spans = Vec::new();
    let mut room = hints.width;
    if let Some(s) = &app.status {
        let s = format!(" {s} ");
        room = room.saturating_sub(text::width(&s) as u16);
        spans.push(Span::styled(s, theme::due_soon()));
    }
    spans.extend(super::hint_line_fit(&app.keymap.hints(crate::keymap::Table::Handover, lang), room).spans);
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
    match &app.handover.mode {
        HandoverMode::View => {}
        HandoverMode::Remarks(form) => draw_form(frame, area, form, words::REMARKS_CTRL_S_SAVE_ESC.get(lang), app),
        HandoverMode::Sign(form, outgoing) => {
            let t = if *outgoing {
                words::OUTGOING_SIGNATURE_NAME_AND_PIN.get(lang)
            } else {
                words::INCOMING_SIGNATURE_NAME_AND_PIN.get(lang)
            };
            draw_form(frame, area, form, t, app)
        }
    }
}

fn draw_form(frame: &mut Frame<'_>, area: Rect, form: &Form, title: &str, app: &App) {
    // The shared form: long remarks and names wrap inside it, the cursor stays on the typing.
    let size = (area.width.saturating_sub(10).min(70), 10);
    super::form::popup(frame, area, form, title, size, app.lang, app.now, app.unit.timezone);
}

/// The time-travel prompt (`t`): a small popup over the board.
pub fn draw_time_prompt(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(input) = &app.handover.time_input else { return };
    let lang = app.lang;
    let popup = widgets::centered(area, 60, 6);
    frame.render_widget(Clear, popup);
    let mut lines =
        vec![Line::styled(words::REVIEW_TYPE_A_TIME_2026.get(lang), theme::dim()), Line::raw(format!("> {input}"))];
    if let Some(e) = &app.handover.time_error {
        lines.push(Line::styled(e.clone(), theme::overdue()));
    }
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(words::TIME_TRAVEL.get(lang))), popup);
}
