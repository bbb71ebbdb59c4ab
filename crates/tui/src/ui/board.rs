//! The board: header, 24 h roster strip, due next, open incidents, latest duty log, key hints.

use chrono::{Duration, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::{labels, text, theme};
use crate::app::{App, Focus};
use crate::domain::deadlines::{countdown, state_of};
use crate::domain::escalation::{StepState, required_steps};
use crate::domain::{Lang, Role, Shift};
use crate::keymap;
use ::text::screens::board as words;
use text::record::ladder::ladder;
use text::{DisplayName, Label, Named};

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let banner = banner_line(app, area.width as usize);
    let banners = [banner, review_banner(app)].into_iter().flatten().collect::<Vec<_>>();
    let [header, banner_area, strip, body, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banners.len().min(2) as u16),
        Constraint::Length(2),
        Constraint::Min(10),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header_line(app, header.width)).style(theme::header()), header);
    if !banners.is_empty() {
        frame.render_widget(Paragraph::new(banners), banner_area);
    }
    draw_strip(frame, app, strip);
    // What is owed comes first: on a short terminal it gets the larger share.
    let (due_pct, inc_pct, log_pct) = if body.height < 30 { (55, 25, 20) } else { (45, 30, 25) };
    // A linked unit (issue 20) also shows the link state and the incidents from below, in a pane
    // sized to its rows (up to 5 lines with its borders), taken from the due and log panes.
    let (top, incidents, below, log) = match &app.data.link {
        None => {
            let [top, incidents, log] = Layout::vertical([
                Constraint::Percentage(due_pct),
                Constraint::Percentage(inc_pct),
                Constraint::Percentage(log_pct),
            ])
            .areas(body);
            (top, incidents, None, log)
        }
        Some(l) => {
            let want = (l.from_below.len().max(1) as u16 + 2).min(if body.height < 30 { 3 } else { 6 });
            let [top, incidents, below, log] = Layout::vertical([
                Constraint::Percentage(due_pct - 10),
                Constraint::Percentage(inc_pct),
                Constraint::Length(want),
                Constraint::Fill(1),
            ])
            .areas(body);
            (top, incidents, Some(below), log)
        }
    };
    if let (Some(area), Some(l)) = (below, &app.data.link) {
        draw_from_below(frame, app, l, area);
    }
    if app.book.is_some() && top.width >= 140 {
        let [due, ladder] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        draw_due(frame, app, due);
        draw_ladders(frame, app, ladder);
    } else if app.book.is_some() {
        // The escalation pane is sized to its content (one line per open incident), up to 2/5.
        let ladders = app.data.open.iter().filter(|i| i.status == crate::domain::IncidentStatus::Open).count();
        let want = (ladders.max(1) as u16 + 2).min(top.height * 2 / 5).max(3);
        let [due, ladder] = Layout::vertical([Constraint::Fill(1), Constraint::Length(want)]).areas(top);
        draw_due(frame, app, due);
        draw_ladders(frame, app, ladder);
    } else {
        draw_due(frame, app, top);
    }
    draw_incidents(frame, app, incidents);
    draw_log(frame, app, log);
    frame.render_widget(Paragraph::new(hint_line(app, hints.width)), hints);
}

fn names(shifts: &[Shift], role: Role) -> String {
    let v: Vec<&str> = shifts.iter().filter(|s| s.role == role).map(|s| s.person_name.as_str()).collect();
    v.join("、")
}

fn header_line(app: &App, width: u16) -> Line<'static> {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let officer = names(&app.data.on_duty, Role::Officer);
    let leader = names(&app.data.on_duty, Role::Leader);
    let none = words::NONE.get(lang);
    let short = |role: Role| match role {
        Role::Officer => words::OFFICER.get(lang),
        Role::Leader => words::LEADER.get(lang),
        Role::Standby => words::STANDBY.get(lang),
    };
    let who = |role: Role, n: &str| format!("{} {}", short(role), if n.is_empty() { none } else { n });
    let handover = app.data.next_change.as_ref().map(|(at, incoming)| {
        format!("{} {} → {}", words::NEXT.get(lang), text::hhmm(*at, tz), names(incoming, Role::Officer))
    });
    let unit = app.unit.display_name(lang).to_string();
    let local = app.now.with_timezone(&tz);
    // The unacknowledged alerts, counted first on the line (`!` lists them).
    let unacked = app.alerts.unacked().count();
    let alerts = (unacked > 0 && app.data.review_at.is_none()).then(|| words::alerts_count(unacked, lang));
    let tags: Vec<String> = app.data.sensitive.iter().map(|p| format!("[{}]", p.display_name(lang))).collect();
    let equipment: Vec<String> = equipment_text(app).into_iter().collect();
    // From the fullest form to the most compact. The date, the unit, who is on duty and the
    // handover always stay; the equipment marks and the period tags go first (both have their own
    // banner or screen), then the weekday and seconds, then the unit's name is shortened.
    let full = text::clock(app.now, tz, lang);
    let date_time = local.format("%Y-%m-%d %H:%M").to_string();
    let short_date = local.format("%m-%d %H:%M").to_string();
    let candidates: [(String, &String, bool, bool); 7] = [
        (unit.clone(), &full, true, true),
        (unit.clone(), &full, true, false),
        (unit.clone(), &full, false, false),
        (unit.clone(), &date_time, false, false),
        (unit.clone(), &short_date, false, false),
        (text::truncate(&unit, 12), &short_date, false, false),
        (text::truncate(&unit, 8), &short_date, false, false),
    ];
    let last = candidates.len() - 1;
    // A response in force leads the line in its level's colour, always kept (`Ⅲ级响应 #0001 +1`).
    let response = response_tag(app);
    let width = width.saturating_sub(response.as_ref().map(|(t, _)| text::width(t) as u16 + 1).unwrap_or(0));
    let mut line = String::new();
    for (n, (u, clock, with_tags, with_equipment)) in candidates.into_iter().enumerate() {
        // The narrowest form counts the alerts in two columns (`⚠3`).
        let mut parts: Vec<String> = if n == last {
            alerts.iter().map(|_| format!("⚠{unacked}")).collect()
        } else {
            alerts.iter().cloned().collect()
        };
        parts.extend([u, clock.clone(), who(Role::Officer, &officer), who(Role::Leader, &leader)]);
        parts.extend(handover.clone());
        if with_tags {
            parts.extend(tags.iter().cloned());
        }
        if with_equipment {
            parts.extend(equipment.iter().cloned());
        }
        line = format!(" {}", parts.join(" · "));
        if text::width(&line) <= width as usize {
            break;
        }
    }
    let rest = Span::raw(text::truncate(&line, width as usize));
    match response {
        Some((tag, style)) => Line::from(vec![Span::raw(" "), Span::styled(tag, style), rest]),
        None => Line::from(rest),
    }
}

/// The header tag of the highest response in force and its style (the level's colour, with its
/// numeral in the text so the colour is never the only signal).
fn response_tag(app: &App) -> Option<(String, Style)> {
    let first = app.data.responses.first()?;
    let more = app.data.responses.len() - 1;
    let reference = first.reference.rsplit('-').next().unwrap_or(&first.reference);
    let mut tag = format!("{} #{reference}", super::text_levels::response_tag(first.level, app.lang));
    if more > 0 {
        tag.push_str(&format!(" +{more}"));
    }
    Some((tag, theme::response_level(first.level)))
}

/// Equipment state for the header: `电话✓ 传真✗` (the mark, not only colour, carries the meaning).
fn equipment_text(app: &App) -> Option<String> {
    if app.data.equipment.is_empty() {
        return None;
    }
    let v: Vec<String> = app
        .data
        .equipment
        .iter()
        .map(|d| format!("{}{}", crate::ops::log::device_label(&d.device, app.lang), if d.ok { "✓" } else { "✗" }))
        .collect();
    Some(v.join(" "))
}

/// Review mode, the handover prompt and equipment faults: a second banner line, by priority.
fn review_banner(app: &App) -> Option<Line<'static>> {
    let lang = app.lang;
    let tz = app.unit.timezone;
    if let Some(t) = app.data.review_at {
        let when = t.with_timezone(&tz).format("%Y-%m-%d %H:%M");
        return Some(Line::styled(
            format!(" {} {when} {}", words::REVIEW.get(lang), words::READ_ONLY_1H_SHIFT_CHANGE.get(lang)),
            theme::read_only_banner(),
        ));
    }
    if app.handover.prompt {
        let at = app.data.next_change.as_ref().map(|(t, _)| text::hhmm(*t, tz)).unwrap_or_default();
        return Some(Line::styled(
            format!(" {} {at} · {}", words::SHIFT_CHANGE_AT.get(lang), words::PRESS_H_FOR_THE_HANDOVER.get(lang)),
            theme::banner(),
        ));
    }
    let faults: Vec<String> = app
        .data
        .equipment
        .iter()
        .filter(|d| !d.ok)
        .map(|d| {
            let note = if d.note.is_empty() { String::new() } else { format!("({})", text::shown(&d.note)) };
            format!("{}{note}", crate::ops::log::device_label(&d.device, lang))
        })
        .collect();
    if !faults.is_empty() {
        return Some(Line::styled(
            format!(" {} ✗ {}", words::EQUIPMENT_FAULT.get(lang), faults.join("、")),
            theme::warning(),
        ));
    }
    None
}

fn banner_line(app: &App, width: usize) -> Option<Line<'static>> {
    if app.data.review_at.is_some() {
        return None;
    }
    if let Some((alert, more)) = app.alerts.banner() {
        let lang = app.lang;
        let more = if more > 0 { format!(" (+{more} · ! {})", words::ALL_ALERTS.get(lang)) } else { String::new() };
        let text = format!(" ⚠ {}{more}  {} ", text::shown(&alert.text), words::SPACE_TO_ACKNOWLEDGE.get(lang));
        return Some(Line::styled(text::truncate(&text, width), theme::banner()));
    }
    if app.read_only {
        return Some(Line::styled(words::READ_ONLY_THE_DATABASE_CANNOT.get(app.lang), theme::read_only_banner()));
    }
    None
}

/// The 24 h roster strip: one column per slice of time from 6 h ago to 18 h ahead, filled where a
/// duty officer is on, a warning colour and `░` where nobody is, a marker at now; hour ticks below
/// and, when there is a gap, a text legend (colour is never the only signal).
fn draw_strip(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let cols = area.width.saturating_sub(2) as i64;
    if cols <= 0 {
        return;
    }
    let start = app.now - Duration::hours(6);
    let span = Duration::hours(24).num_seconds();
    let at = |c: i64| start + Duration::seconds(span * c / cols);
    let now_col = 6 * cols / 24;
    let mut bar = vec![Span::raw(" ")];
    let mut gap = false;
    for c in 0..cols {
        let t = at(c);
        let covered = app.data.strip.iter().any(|s| s.role == Role::Officer && s.covers(t));
        let (ch, style) = if c == now_col {
            ("┃", theme::title())
        } else if covered {
            ("━", theme::ok())
        } else {
            gap = true;
            ("░", theme::warning())
        };
        bar.push(Span::styled(ch, style));
    }
    let legend = if gap { words::NO_OFFICER.get(app.lang) } else { "" };
    let room = (cols as usize).saturating_sub(text::width(legend));
    // Ticks on whole local hours, every 3 h (every 6 h when narrow), placed at their columns.
    let tz = app.unit.timezone;
    let step = if cols >= 120 { 3 } else { 6 };
    let mut ticks: Vec<char> = vec![' '; room];
    let local_start = start.with_timezone(&tz);
    let first_hour = local_start.with_minute(0).and_then(|t| t.with_second(0)).map(|t| t + Duration::hours(1));
    if let Some(mut t) = first_hour {
        let end = start + Duration::hours(24);
        while t.with_timezone(&chrono::Utc) < end {
            if t.hour() % step == 0 {
                let col = ((t.with_timezone(&chrono::Utc) - start).num_seconds() * cols / span) as usize;
                let label = t.format("%H:%M").to_string();
                if col + label.len() <= room
                    && ticks[col.saturating_sub(1)..col + label.len()].iter().all(|c| *c == ' ')
                {
                    for (k, ch) in label.chars().enumerate() {
                        ticks[col + k] = ch;
                    }
                }
            }
            t += Duration::hours(1);
        }
    }
    let ticks_line = Line::from(vec![
        Span::styled(format!(" {}", ticks.into_iter().collect::<String>()), theme::dim()),
        Span::styled(legend.to_string(), theme::warning()),
    ]);
    frame.render_widget(Paragraph::new(vec![Line::from(bar), ticks_line]), area);
}

/// The 下级报送 pane of a linked unit: its title carries the link state ("link ok", or "link down since
/// 03:12 · 4 queued"); a row per incident from below, newest first.
fn draw_from_below(frame: &mut Frame<'_>, app: &App, l: &crate::app::board::LinkView, area: Rect) {
    let lang = app.lang;
    let state = super::text_link::link_line(&l.status, app.unit.timezone, lang);
    let title = format!("{} · {state}", super::text_link::from_below_title(lang));
    let width = area.width.saturating_sub(2) as usize;
    let visible = area.height.saturating_sub(2) as usize;
    let rows: Vec<Line<'_>> = l
        .from_below
        .iter()
        .take(visible)
        .map(|r| {
            let row = super::text_link::from_below_row(
                &r.from_room,
                &r.remote_ref,
                &r.reference,
                &r.title,
                r.acked_by.as_deref(),
                lang,
            );
            let style = if r.acked_by.is_none() { theme::title() } else { Style::new() };
            Line::styled(text::truncate(&crate::domain::safe_text::visible_line(&row), width), style)
        })
        .collect();
    let block = pane(text::truncate(&title, width.saturating_sub(2)), false);
    let empty = rows.is_empty();
    frame.render_widget(Paragraph::new(rows).block(block), area);
    if empty {
        empty_hint(frame, area, words::NOTHING_FROM_BELOW_YET.get(lang));
    }
}

fn pane<'a>(title: String, focused: bool) -> Block<'a> {
    let style = if focused { theme::title() } else { Style::new() };
    Block::bordered().title(Line::styled(format!(" {title} "), style))
}

/// The first row of a window of `visible` rows that keeps row `selected` in view.
pub(crate) fn window_start(len: usize, visible: usize, selected: usize) -> usize {
    if visible == 0 || len <= visible {
        return 0;
    }
    selected.saturating_sub(visible - 1).min(len - visible)
}

/// The columns "Due next" keeps for an incident before it widens the kind column: `#2026-0001 `,
/// eight Chinese characters of title, and ` 未定` or ` III`.
const INCIDENT_ROOM: usize = 11 + 16 + 5;

fn draw_due(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let soon = app.book.as_ref().map(|b| b.rules.due_soon()).unwrap_or(Duration::minutes(10));
    let visible = area.height.saturating_sub(2) as usize;
    // One row per incident and minute (see `App::due_groups`).
    let groups = app.due_groups();
    let total = groups.len();
    let start = window_start(total, visible, app.selected[0]);
    let shown: Vec<&[crate::store::incident::DueRow]> =
        groups.iter().skip(start).take(visible).map(|g| &app.data.due[g.clone()]).collect();
    // A due time that is not today shows its date.
    let today = app.now.with_timezone(&tz).date_naive();
    let other_day =
        shown.iter().flat_map(|g| g.first()).any(|d| d.obligation.due_at.with_timezone(&tz).date_naive() != today);
    let kinds: Vec<String> = shown
        .iter()
        .map(|g| {
            g.iter().map(|d| labels::obligation_kind_short(&d.obligation.kind, lang)).collect::<Vec<_>>().join("·")
        })
        .collect();
    // The kind column grows for grouped rows, up to a third of the pane, and leaves the incident
    // column room for its reference, eight characters of title and the grade.
    let when_width = if other_day { 11 } else { 5 };
    let rest = (area.width as usize).saturating_sub(2 + when_width + 7 + 8 + 4);
    let kind_cap = rest.saturating_sub(INCIDENT_ROOM).min((area.width / 3) as usize).max(14);
    let kind_width = kinds.iter().map(|k| text::width(k)).max().unwrap_or(14).clamp(14, kind_cap);
    // The incident column gets what the others leave (borders, four gaps of one column): its title
    // is cut there, never its grade, which a cut at the end would change ("III" read as "II").
    let incident_width = rest.saturating_sub(kind_width);
    let incident_cell = |d: &crate::store::incident::DueRow| {
        let head = format!("#{} ", d.incident_ref);
        let grade = format!(" {}", d.grade.label(lang));
        let room = incident_width.saturating_sub(text::width(&head) + text::width(&grade));
        format!("{head}{}{grade}", text::truncate(&text::shown(&d.title), room))
    };
    let rows: Vec<Row<'_>> = shown
        .iter()
        .zip(kinds)
        .enumerate()
        .filter_map(|(n, (g, kind))| {
            let d = g.first()?;
            let i = start + n;
            let ob = &d.obligation;
            let state = state_of(ob, app.now, soon);
            let style = super::incident::state_style(state);
            let marker = text::screens::incident::state_marker(state, lang);
            let style =
                if app.focus == Focus::Due && app.selected[0] == i { style.patch(theme::selected()) } else { style };
            let when = if ob.due_at.with_timezone(&tz).date_naive() == today {
                text::hhmm(ob.due_at, tz)
            } else {
                text::short(ob.due_at, tz)
            };
            Some(
                Row::new(vec![
                    Cell::from(when),
                    Cell::from(text::truncate(&kind, kind_width)),
                    Cell::from(incident_cell(d)),
                    Cell::from(countdown(ob.due_at, app.now).text),
                    Cell::from(marker),
                ])
                .style(style),
            )
        })
        .collect();
    // Rows that do not fit are said, never silently dropped.
    let hidden = total.saturating_sub(rows.len());
    // Recurring duties and 督办 tasks owed this watch follow, in the room left.
    let mut rows = rows;
    let (routine, hidden_routine) = routine_rows(app, visible.saturating_sub(rows.len()), other_day);
    let total = total + routine.len() + hidden_routine;
    rows.extend(routine);
    let hidden = hidden + hidden_routine;
    let empty = rows.is_empty();
    let mut title = words::DUE_NEXT.get(lang).to_string();
    if hidden > 0 {
        title.push_str(&format!(" {}–{}/{total} (+{hidden} {})", start + 1, start + rows.len(), words::MORE.get(lang)));
    }
    let table = Table::new(
        rows,
        [
            Constraint::Length(when_width as u16),
            Constraint::Length(kind_width as u16),
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(8),
        ],
    )
    .block(pane(title, app.focus == Focus::Due));
    frame.render_widget(table, area);
    if empty {
        empty_hint(frame, area, words::NOTHING_OWED.get(lang));
    }
}

/// Rows for the recurring duties and 督办 tasks owed by the end of this watch (or overdue), after the
/// incidents' duties, in the room left (`room` rows); not selectable. Returns them and how many did not fit.
fn routine_rows(app: &App, room: usize, other_day: bool) -> (Vec<Row<'static>>, usize) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let soon = app.book.as_ref().map(|b| b.rules.due_soon()).unwrap_or(Duration::minutes(10));
    let until = app.data.next_change.as_ref().map(|(t, _)| *t).unwrap_or(app.now + Duration::hours(24));
    let mut items: Vec<(chrono::DateTime<chrono::Utc>, crate::domain::Obligation, String, String)> = Vec::new();
    for d in app.data.duties.iter().filter(|d| d.due_at <= until) {
        let label = app
            .book
            .as_ref()
            .and_then(|b| b.duties.get(&d.name))
            .map(|def| def.label(lang).to_string())
            .unwrap_or_else(|| text::shown(&d.name).into_owned());
        items.push((d.due_at, d.as_obligation(), label, super::text_levels::routine_tag(lang).to_string()));
    }
    for t in app.data.tasks.iter().filter(|t| t.due_at <= until) {
        let what = format!("#{} {} → {}", t.id, text::shown(&t.title), text::shown(&t.owner));
        items.push((t.due_at, t.as_obligation(), super::text_levels::task_tag(lang).to_string(), what));
    }
    items.sort_by_key(|(due, o, _, _)| (*due, o.id));
    let hidden = items.len().saturating_sub(room);
    let today = app.now.with_timezone(&tz).date_naive();
    let rows = items
        .into_iter()
        .take(room)
        .map(|(due, ob, kind, what)| {
            let state = state_of(&ob, app.now, soon);
            let style = super::incident::state_style(state);
            // The time column is as wide as the incidents' rows made it.
            let when = if other_day && due.with_timezone(&tz).date_naive() != today {
                text::short(due, tz)
            } else {
                text::hhmm(due, tz)
            };
            Row::new(vec![
                Cell::from(when),
                Cell::from(kind),
                Cell::from(what),
                Cell::from(countdown(due, app.now).text),
                Cell::from(text::screens::incident::state_marker(state, lang)),
            ])
            .style(style)
        })
        .collect();
    (rows, hidden)
}

/// One rung of a ladder, styled by its state. A level the chain relays to (a tracking item) is not ours
/// to send: it reads "awaiting relay" or "relayed HH:MM", never "not sent".
pub(crate) fn rung_span<'a>(
    r: &text::record::ladder::LadderRung,
    tracking: impl IntoIterator<Item = &'a crate::domain::Obligation>,
    lang: Lang,
    tz: chrono_tz::Tz,
) -> Span<'static> {
    let style = match r.state {
        StepState::NotSent => theme::warning(),
        StepState::AckOverdue { .. } => theme::overdue(),
        StepState::AwaitingAck { .. } => theme::due_soon(),
        StepState::Acked { .. } => theme::ok(),
    };
    let relayed = tracking.into_iter().find(|o| o.kind.tracking_level() == Some(r.level) && o.end.is_none());
    let name = r.level.label(lang);
    match (r.state, relayed) {
        (StepState::NotSent, Some(t)) if t.done_at.is_some() => {
            let at = t.done_at.map(|d| crate::ui::text::hhmm(d, tz)).unwrap_or_default();
            Span::styled(format!("{name} {}{at}", words::RELAYED.get(lang)), theme::ok())
        }
        (StepState::NotSent, Some(_)) => {
            Span::styled(format!("{name} {}", words::AWAITING_RELAY.get(lang)), theme::dim())
        }
        _ => Span::styled(text::shown(&r.text).into_owned(), style),
    }
}

/// The escalation pane: one compact ladder per open incident, e.g.
/// `#0042 本级领导 ✓14:05 · 县值班室 ✓14:06 确认14:09 · 市值班室 待确认 12m`.
fn draw_ladders(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(book) = &app.book else { return };
    let lang = app.lang;
    let tz = app.unit.timezone;
    let visible = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'_>> = Vec::new();
    for inc in app.data.open.iter().filter(|i| i.status == crate::domain::IncidentStatus::Open).take(visible) {
        let grade =
            if inc.grade == crate::domain::Grade::Unknown { book.escalation.unknown_grade_as } else { inc.grade };
        let required: Vec<_> =
            required_steps(app.unit.level, grade, &book.escalation).into_iter().map(|s| s.level).collect();
        let steps = app.data.steps.get(&inc.id).map(Vec::as_slice).unwrap_or(&[]);
        let rungs = ladder(app.unit.level, steps, &required, app.now, &book.escalation, lang, tz);
        let short_ref = inc.reference.rsplit('-').next().unwrap_or(&inc.reference).to_string();
        let mut spans = vec![Span::raw(format!("#{short_ref} "))];
        for (n, r) in rungs.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" · ", theme::dim()));
            }
            spans.push(rung_span(r, app.data.tracking.iter().filter(|o| o.incident_id == inc.id), lang, tz));
        }
        // Cut with "…" when the ladder is wider than the pane (never silently at the border).
        lines.push(Line::from(super::widgets::fit_spans(spans, width)));
    }
    let empty = lines.is_empty();
    let total = app.data.open.iter().filter(|i| i.status == crate::domain::IncidentStatus::Open).count();
    let mut title = words::ESCALATION.get(lang).to_string();
    if total > lines.len() {
        title.push_str(&format!(" (+{} {})", total - lines.len(), words::MORE.get(lang)));
    }
    frame.render_widget(Paragraph::new(lines).block(pane(title, false)), area);
    if empty {
        empty_hint(frame, area, words::NOTHING_TO_ESCALATE.get(lang));
    }
}

fn draw_incidents(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let visible = area.height.saturating_sub(2) as usize;
    let shown = app.visible_incidents();
    // References are never cut: `#2026-18291` and `#2026-18290` must not both read `#2026-1829`.
    let ref_width = shown.iter().map(|i| text::width(&i.reference) + 1).max().unwrap_or(10).max(10) as u16;
    let start = window_start(shown.len(), visible, app.selected[1]);
    let rows: Vec<Row<'_>> = shown
        .into_iter()
        .enumerate()
        .skip(start)
        .take(visible)
        .map(|(i, inc)| {
            let style =
                if app.focus == Focus::Incidents && app.selected[1] == i { theme::selected() } else { Style::new() };
            Row::new(vec![
                Cell::from(format!("#{}", inc.reference)),
                Cell::from(inc.grade.label(lang)),
                Cell::from(inc.category.label(lang)),
                Cell::from(text::shown(&inc.title)),
                Cell::from(text::shown(&inc.place)),
                Cell::from(text::short(inc.learned_at, tz)),
                Cell::from(inc.status.label(lang)),
            ])
            .style(style)
        })
        .collect();
    let empty = rows.is_empty();
    let table = Table::new(
        rows,
        [
            Constraint::Length(ref_width),
            Constraint::Length(4),
            Constraint::Length(8),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(11),
            Constraint::Length(8),
        ],
    )
    .block(pane(
        if app.filtering || !app.filter.is_empty() {
            format!(
                "{} / {}{}",
                words::OPEN_INCIDENTS_FILTER.get(lang),
                app.filter,
                if app.filtering { "▏" } else { "" }
            )
        } else {
            words::OPEN_INCIDENTS.get(lang).into()
        },
        app.focus == Focus::Incidents,
    ));
    frame.render_widget(table, area);
    if empty {
        empty_hint(frame, area, words::NO_OPEN_INCIDENTS.get(lang));
    }
}

fn draw_log(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let visible = area.height.saturating_sub(2) as usize;
    let start = window_start(app.data.log.len(), visible, app.selected[2]);
    let rows: Vec<Row<'_>> = app
        .data
        .log
        .iter()
        .enumerate()
        .skip(start)
        .take(visible)
        .map(|(i, e)| {
            let style = if app.focus == Focus::Log && app.selected[2] == i { theme::selected() } else { Style::new() };
            Row::new(vec![
                Cell::from(text::short(e.at, tz)),
                Cell::from(e.kind.label(lang)),
                Cell::from(text::shown(&e.author)),
                Cell::from(text::shown(&text::log_events::entry_text(e, lang)).into_owned()),
            ])
            .style(style)
        })
        .collect();
    let empty = rows.is_empty();
    let table =
        Table::new(rows, [Constraint::Length(11), Constraint::Length(10), Constraint::Length(8), Constraint::Fill(1)])
            .block(pane(words::DUTY_LOG.get(lang).into(), app.focus == Focus::Log));
    frame.render_widget(table, area);
    if empty {
        empty_hint(frame, area, words::THE_LOG_IS_EMPTY.get(lang));
    }
}

fn empty_hint(frame: &mut Frame<'_>, area: Rect, msg: &str) {
    if area.height > 2 && area.width > 4 {
        let inner = Rect { x: area.x + 2, y: area.y + 1, width: area.width - 4, height: 1 };
        frame.render_widget(Paragraph::new(Line::styled(msg.to_string(), theme::dim())), inner);
    }
}

fn hint_line(app: &App, width: u16) -> Line<'static> {
    // The status (why a key could not act, what was saved) must be read: the hints give it room.
    let status = app.status.as_ref().map(|s| format!("  {s}"));
    let room = width.saturating_sub(status.as_ref().map(|s| text::width(s) as u16).unwrap_or(0)).max(width / 2);
    let mut spans = super::hint_line_fit(&app.keymap.hints(keymap::Table::Board, app.lang), room).spans;
    if let Some(s) = status {
        let left = (width as usize).saturating_sub(spans.iter().map(|s| text::width(&s.content)).sum());
        spans.push(Span::styled(text::truncate(&s, left), theme::dim()));
    }
    Line::from(spans)
}
