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
        Some(h) if h.locked => (lang.pick("已锁定(双方已签字)", "LOCKED (signed by both)"), theme::ok()),
        Some(h) if h.head.outgoing_signed_at.is_some() => {
            (lang.pick("交班人已签字,待接班人签字", "outgoing signed, awaiting incoming"), theme::due_soon())
        }
        Some(_) => (lang.pick("草稿,未签字", "draft, not signed"), theme::warning()),
        None => (lang.pick("本班尚未生成交接班记录", "no sheet for this watch yet"), theme::warning()),
    };
    // Remarks stay in view above the (long) sheet.
    let remarks = shown.map(|h| h.head.remarks.replace('\n', " / ")).unwrap_or_default();
    let remarks_line = format!(
        " {}: {}",
        lang.pick("交班人备注", "Remarks"),
        if remarks.trim().is_empty() { lang.pick("(无)", "(none)") } else { remarks.as_str() }
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!(" {} ", lang.pick("交接班", "Handover")), theme::header()),
                Span::styled(format!(" {} ", state.0), state.1),
            ]),
            Line::raw(text::truncate(&remarks_line, top.width as usize)),
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
    let md = md.unwrap_or_else(|| {
        lang.pick("按 d 生成本班交接班记录。", "Press d to draft the sheet for this watch.").to_string()
    });
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
    let more = if scroll < max_scroll { lang.pick(" ↓ 未完 ", " ↓ more ") } else { "" };
    let title = format!("{}{more}", lang.pick(" 交接班记录 ", " Sheet "));
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
            let mark = if h.locked { lang.pick("锁", "L") } else { lang.pick("草", "D") };
            let s = format!(
                "{mark} #{} {} {}→{}",
                h.head.id,
                text::short(h.head.period_start, tz),
                h.head.outgoing,
                h.head.incoming
            );
            let style = if app.handover.selected == Some(i) { theme::selected() } else { Style::new() };
            Line::styled(text::truncate(&s, list_area.width.saturating_sub(2) as usize), style)
        })
        .collect();
    frame.render_widget(
        Paragraph::new(rows).block(Block::bordered().title(lang.pick(" 交接班记录列表 ", " Review list "))),
        list_area,
    );
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
        HandoverMode::Remarks(form) => draw_form(
            frame,
            area,
            form,
            lang.pick("交班人备注(Ctrl+S 保存,Esc 取消)", "Remarks (Ctrl+S save, Esc cancel)"),
            app,
        ),
        HandoverMode::Sign(form, outgoing) => {
            let t = if *outgoing {
                lang.pick("交班人签字:姓名与 PIN(Ctrl+S)", "Outgoing signature: name and PIN (Ctrl+S)")
            } else {
                lang.pick("接班人签字:姓名与 PIN(Ctrl+S)", "Incoming signature: name and PIN (Ctrl+S)")
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
    let mut lines = vec![
        Line::styled(
            lang.pick(
                "回看:输入时间(2026-11-22 03:00 / -2h),Enter 确认",
                "Review: type a time (2026-11-22 03:00 / -2h), Enter",
            ),
            theme::dim(),
        ),
        Line::raw(format!("> {input}")),
    ];
    if let Some(e) = &app.handover.time_error {
        lines.push(Line::styled(e.clone(), theme::overdue()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(lang.pick(" 回看 ", " Time travel "))),
        popup,
    );
}
