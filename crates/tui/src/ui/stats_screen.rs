//! The statistics screen (`s`, issue 16): the period's summary, incidents by category and grade,
//! and the duties broken down by kind, officer or leader as horizontal bars with their numbers
//! beside them, the worst first; Enter drills into a bar's late and missed items.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{labels, text, text_report, theme};
use crate::app::App;
use crate::app::stats_screen::{By, Period, groups};
use crate::domain::{Category, Grade, Lang};
use ::text::screens::stats as words;
use text::Label;

fn period_label(p: Period, lang: Lang) -> &'static str {
    match p {
        Period::Last30Days => words::LAST_30_DAYS.get(lang),
        Period::ThisWeek => words::THIS_WEEK.get(lang),
        Period::ThisMonth => words::THIS_MONTH.get(lang),
        Period::LastMonth => words::LAST_MONTH.get(lang),
    }
}

fn by_label(b: By, lang: Lang) -> &'static str {
    match b {
        By::Kind => words::BY_DUTY.get(lang),
        By::Officer => words::BY_OFFICER.get(lang),
        By::Leader => words::BY_LEADER.get(lang),
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let view = &app.log.view;
    let [top, body, hints] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(6), Constraint::Length(1)]).areas(area);
    // The keys come from the statistics tables (keys.toml [stats], [stats_items]).
    let table = if view.drill.is_some() { crate::keymap::Table::StatsItems } else { crate::keymap::Table::Stats };
    frame.render_widget(Paragraph::new(super::hint_line_fit(&app.keymap.hints(table, lang), hints.width)), hints);
    let Some(s) = &app.log.stats else {
        frame.render_widget(Paragraph::new(words::COMPUTING.get(lang)), top);
        return;
    };
    let o = s.obligations;
    let tz = app.unit.timezone;
    let w = top.width as usize;
    let mins = |m: Option<f64>| m.map(|m| text_report::span((m * 60.0) as i64, lang)).unwrap_or_else(|| "-".into());
    let summary = vec![
        Line::styled(
            text::truncate(
                &format!(
                    " {} · {} {} · {} {} · {} {} · {} {} · {} {}",
                    period_label(view.period, lang),
                    words::INCIDENTS.get(lang),
                    s.incidents,
                    words::ON_TIME.get(lang),
                    o.done,
                    words::LATE.get(lang),
                    o.done_late + o.open_overdue,
                    words::MISSED.get(lang),
                    o.missed_total,
                    words::RATE.get(lang),
                    s.on_time_rate.map(|r| format!("{r:.1}%")).unwrap_or_else(|| "-".into())
                ),
                w,
            ),
            theme::title(),
        ),
        Line::raw(text::truncate(&format!(" {}", text_report::date_range(s.from, s.to, tz, lang)), w)),
        Line::raw(text::truncate(
            &format!(
                " {} {} · {} {} · {} {}",
                words::OCCURRED_LEARNED.get(lang),
                mins(s.median_learn_minutes),
                words::LEARNED_1ST_PHONE.get(lang),
                mins(s.median_first_phone_minutes),
                words::UPPER_ACK.get(lang),
                mins(s.median_ack_minutes),
            ),
            w,
        )),
    ];
    frame.render_widget(Paragraph::new(summary), top);
    if let Some(d) = &view.drill {
        draw_drill(frame, app, d, body);
        return;
    }
    let [left, right] = Layout::horizontal([Constraint::Percentage(35), Constraint::Percentage(65)]).areas(body);
    // Incidents by category and by grade: a bar each with its number beside it.
    let inner_w = left.width.saturating_sub(2) as usize;
    let label_w = 8.min(inner_w / 2);
    let bar_w = inner_w.saturating_sub(label_w + 6).max(1);
    let max = s.by_category.values().chain(s.by_grade.values()).copied().max().unwrap_or(0).max(1) as usize;
    let bar = |label: &str, n: u32| {
        let w = (n as usize * bar_w).div_ceil(max).min(bar_w);
        Line::from(vec![
            Span::raw(text::pad(&text::truncate(label, label_w), label_w)),
            Span::raw(" "),
            Span::styled("█".repeat(w), theme::title()),
            Span::raw(format!("{} {n}", " ".repeat(bar_w - w))),
        ])
    };
    let mut lines: Vec<Line<'_>> = s
        .by_category
        .iter()
        .map(|(c, n)| bar(c.parse::<Category>().map(|c| c.label(lang)).unwrap_or("?"), *n))
        .collect();
    lines.push(Line::raw(""));
    lines.extend(s.by_grade.iter().map(|(g, n)| bar(g.parse::<Grade>().map(|g| g.label(lang)).unwrap_or("?"), *n)));
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(words::INCIDENTS_2.get(lang))), left);
    draw_breakdown(frame, app, right);
}

/// One line per group: label, a bar of on-time (✓) and late or missed (✗), the numbers beside it.
fn draw_breakdown(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let view = &app.log.view;
    let Some(s) = &app.log.stats else { return };
    let map = match view.by {
        By::Kind => &s.by_kind,
        By::Officer => &s.by_officer,
        By::Leader => &s.by_leader,
    };
    let keys = groups(app);
    let inner_w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let label_w = 10.min(inner_w / 3);
    let numbers_w = 16;
    let bar_w = inner_w.saturating_sub(label_w + numbers_w + 2).max(1);
    let max = map.values().map(|t| t.done + t.done_late + t.open_overdue + t.missed_total).max().unwrap_or(0).max(1);
    // Keep the selected line in view (the worst is first, so it shows unless scrolled past).
    let first = view.selected.saturating_sub(inner_h.saturating_sub(1));
    let lines: Vec<Line<'_>> = keys
        .iter()
        .enumerate()
        .skip(first)
        .take(inner_h)
        .filter_map(|(i, k)| {
            let t = map.get(k)?;
            let bad = t.done_late + t.open_overdue + t.missed_total;
            let scale = |n: u32| (n as usize * bar_w).div_ceil(max as usize).min(bar_w);
            let (ok_w, bad_w) = (scale(t.done), scale(bad).min(bar_w - scale(t.done).min(bar_w)));
            let label = match view.by {
                By::Kind => labels::obligation_kind_code_short(k, lang),
                _ => k.clone(),
            };
            let style = if i == view.selected { theme::selected() } else { Style::new() };
            Some(Line::from(vec![
                Span::styled(text::pad(&text::truncate(&label, label_w), label_w), style),
                Span::raw(" "),
                Span::styled("█".repeat(ok_w), theme::ok()),
                Span::styled("█".repeat(bad_w), theme::overdue()),
                Span::raw(" ".repeat(bar_w - ok_w - bad_w + 1)),
                Span::raw(format!(
                    "{}✓ {}✗ {}",
                    t.done,
                    bad,
                    t.on_time_rate().map(|r| format!("{r:.0}%")).unwrap_or_else(|| "-".into())
                )),
            ]))
        })
        .collect();
    let title = format!(" {} {} ✓/✗ ", words::DEADLINES.get(lang), by_label(view.by, lang));
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(title)), area);
}

fn draw_drill(frame: &mut Frame<'_>, app: &App, d: &crate::ops::report::LateReport, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let inner_w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let sel = app.log.view.drill_selected;
    let first = sel.saturating_sub(inner_h.saturating_sub(1));
    let lines: Vec<Line<'_>> = d
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(inner_h)
        .map(|(i, it)| {
            let done = it.done_at.map(|t| text::short(t, tz)).unwrap_or_else(|| text_report::never(lang).into());
            let who = if it.on_duty.officer.is_empty() { "-".to_string() } else { it.on_duty.officer.join("、") };
            let s = format!(
                "{} #{} {} · {} · {} {} → {} · {}",
                text_report::class(&it.class, lang),
                it.incident.reference,
                text::shown(&it.incident.title),
                labels::obligation_kind_short(&it.kind, lang),
                words::DUE.get(lang),
                text::short(it.due_at, tz),
                done,
                who
            );
            let style = if i == sel { theme::selected() } else { Style::new() };
            Line::styled(text::truncate(&s, inner_w), style)
        })
        .collect();
    let title = format!(
        " {} {} ",
        text_report::title("late", lang),
        text_report::items_incidents(d.total.items, d.total.incidents, lang)
    );
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(title)), area);
}
