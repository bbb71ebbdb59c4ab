//! The roster screen: a week of duty days (columns) × roles (rows), the selected shift's details,
//! the week's problems, and the popups to swap a shift and edit people.
//!
//! Names are aligned by display width (Chinese characters take two columns). A swapped shift shows
//! `⇄` after the name; a shift in a conflict shows `!` before it; a gap or a missing leader is a
//! `!空档` / `!缺领导` marker. Colours repeat these markers, never replace them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Clear, Paragraph, Row, Table, Wrap};

use super::{text, theme, widgets};
use crate::app::App;
use crate::app::form::Form;
use crate::app::roster::{Mode, ROLES, RosterData, RosterState};
use crate::domain::{Lang, Role};
use ::text::screens::roster as words;

/// Width of the role label column.
const LABEL_W: u16 = 9;

fn role_label(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Officer => words::OFFICER.get(lang),
        Role::Leader => words::LEADER.get(lang),
        Role::Standby => words::STANDBY.get(lang),
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, state: &RosterState, area: Rect) {
    let lang = app.lang;
    let [title, grid, detail, problems, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(grid_height(state)),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let sunday = state.monday + chrono::Days::new(6);
    let heading = words::heading(
        &state.monday.to_string(),
        &sunday.format("%m-%d").to_string(),
        app.unit.display_name(lang),
        lang,
    );
    frame.render_widget(Paragraph::new(text::truncate(&heading, title.width as usize)).style(theme::header()), title);
    match &state.data {
        None => frame.render_widget(Paragraph::new(words::LOADING.get(lang)).style(theme::dim()), grid),
        Some(data) => {
            draw_grid(frame, app, state, data, grid);
            draw_detail(frame, app, state, data, detail);
            draw_problems(frame, lang, data, problems);
        }
    }
    frame.render_widget(Paragraph::new(hint_line(app, state, hints.width)), hints);
    match &state.mode {
        Mode::Grid => {}
        Mode::PickPerson { candidates, index, assign, .. } => {
            let title = if assign.is_some() {
                words::ASSIGN_CHOOSE_WHO_STANDS_IT.get(lang)
            } else {
                words::SWAP_CHOOSE_WHO_TAKES_IT.get(lang)
            };
            let names: Vec<String> = candidates
                .iter()
                .map(
                    |(_, n, chained)| {
                        if *chained { format!("{} {}", pad(n, 8), words::BACK_TO_BACK.get(lang)) } else { n.clone() }
                    },
                )
                .collect();
            draw_list(frame, area, title, &names, *index);
        }
        Mode::SwapForm { person_name, form, .. } => {
            let title = words::swap_to(person_name, lang);
            draw_form(frame, app, area, &title, form);
        }
        Mode::People { index } => {
            let rows: Vec<String> = state
                .data
                .as_ref()
                .map(|d| {
                    d.people
                        .iter()
                        .map(|p| {
                            let roles: Vec<&str> = p.roles.iter().map(|r| role_label(*r, lang)).collect();
                            let status = if p.active { "" } else { words::INACTIVE.get(lang) };
                            format!(
                                "{} {} {} {}{status}",
                                pad(&text::shown(&p.name), 8),
                                pad(&text::shown(&p.phone), 14),
                                pad(&text::truncate(&text::shown(&p.department), 12), 12),
                                roles.join("/")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let title = words::PEOPLE_ENTER_EDIT_N_NEW.get(lang);
            draw_list(frame, area, title, &rows, *index);
        }
        Mode::PersonForm { id, form } => {
            let title = if id.is_some() { words::EDIT_PERSON } else { words::NEW_PERSON };
            draw_form(frame, app, area, title.get(lang), form);
        }
    }
}

/// One-character weekday (一 … 日 / Mo … Su): a grid column is only eight columns wide at 80×24.
fn weekday_short(d: &chrono::NaiveDate, lang: Lang) -> &'static str {
    let i = chrono::Datelike::weekday(d).num_days_from_monday() as usize;
    words::weekday_short(i, lang)
}

/// Pads `s` with spaces to `w` columns (by display width).
fn pad(s: &str, w: usize) -> String {
    let used = text::width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(used)))
}

/// Lines each role row needs: the most shifts any day holds for it, at least one.
fn role_lines(state: &RosterState, role: Role) -> usize {
    state.data.as_ref().map_or(1, |d| {
        (0..7).map(|i| d.cell(i, role).len() + usize::from(extra_marker(d, i, role))).max().unwrap_or(1).max(1)
    })
}

/// True when a cell gets a marker line (gap, missing leader) besides its names.
fn extra_marker(d: &RosterData, day: usize, role: Role) -> bool {
    match role {
        Role::Officer => d.gap_on(day) && !d.cell(day, role).is_empty(),
        _ => false,
    }
}

fn grid_height(state: &RosterState) -> u16 {
    // Borders (2), day header and marks rows (2), then the role rows.
    (4 + ROLES.iter().map(|r| role_lines(state, *r)).sum::<usize>()) as u16
}

fn draw_grid(frame: &mut Frame<'_>, app: &App, state: &RosterState, data: &RosterData, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let today = crate::domain::roster_week::duty_date(app.now, tz, app.unit.shift_change);
    let inner_w = area.width.saturating_sub(2 + LABEL_W);
    let col_w = (inner_w / 7).saturating_sub(1).max(4) as usize;
    let flagged = data.flagged();
    let mut rows = Vec::new();
    let header: Vec<Cell<'_>> = std::iter::once(Cell::from(""))
        .chain(data.days.iter().map(|d| {
            let label = format!("{} {}", d.date.format("%m-%d"), weekday_short(&d.date, lang));
            let mut style = if d.special { theme::warning() } else { theme::title() };
            if d.date == today {
                style = style.add_modifier(ratatui::style::Modifier::UNDERLINED);
            }
            Cell::from(text::truncate(&label, col_w)).style(style)
        }))
        .collect();
    rows.push(Row::new(header));
    let marks: Vec<Cell<'_>> = std::iter::once(Cell::from(""))
        .chain(data.days.iter().map(|d| {
            let style = if d.special { theme::warning() } else { theme::dim() };
            Cell::from(text::truncate(&d.marks.join(" "), col_w)).style(style)
        }))
        .collect();
    rows.push(Row::new(marks));
    for (ri, role) in ROLES.iter().enumerate() {
        let height = role_lines(state, *role);
        let mut cells = vec![Cell::from(role_label(*role, lang)).style(theme::title())];
        for day in 0..7 {
            let shifts = data.cell(day, *role);
            let selected = state.day == day && state.role == ri;
            let mut lines: Vec<Line<'_>> = Vec::new();
            for (k, s) in shifts.iter().enumerate() {
                let conflict = flagged.contains(&s.id);
                let mut name = String::new();
                if conflict {
                    name.push('!');
                }
                name.push_str(&s.person_name);
                if s.replaces.is_some() {
                    name.push('⇄');
                }
                if shifts.len() > 1 {
                    name = format!("{} {name}", text::hhmm(s.start, tz));
                }
                let mut style = if conflict { theme::overdue() } else { Style::new() };
                if selected && k == state.sub.min(shifts.len() - 1) {
                    style = style.patch(theme::selected());
                }
                lines.push(Line::styled(text::truncate(&name, col_w), style));
            }
            let gap = *role == Role::Officer && data.gap_on(day);
            let no_leader = *role == Role::Leader && data.no_leader_on(day);
            if gap || no_leader {
                let marker = if gap { words::GAP.get(lang) } else { words::NO_LEADER.get(lang) };
                let mut style = theme::due_soon();
                if selected && shifts.is_empty() {
                    style = style.patch(theme::selected());
                }
                lines.push(Line::styled(text::truncate(marker, col_w), style));
            } else if shifts.is_empty() {
                let style = if selected { theme::selected() } else { theme::dim() };
                lines.push(Line::styled("—", style));
            }
            cells.push(Cell::from(lines));
        }
        rows.push(Row::new(cells).height(height as u16));
    }
    let widths = std::iter::once(Constraint::Length(LABEL_W)).chain((0..7).map(|_| Constraint::Length(col_w as u16)));
    let table = Table::new(rows, widths).column_spacing(1).block(Block::bordered());
    frame.render_widget(table, area);
}

fn draw_detail(frame: &mut Frame<'_>, app: &App, state: &RosterState, data: &RosterData, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let line = match state.selected_shift() {
        Some(s) => {
            let phone = data.people.iter().find(|p| p.id == s.person_id).map(|p| p.phone.as_str()).unwrap_or("");
            let mut t = format!(
                " #{} {} {} {} · {} → {}",
                s.id,
                role_label(s.role, lang),
                s.person_name,
                phone,
                text::short(s.start, tz),
                text::short(s.end, tz)
            );
            if let Some(info) = data.swap_of(s.id) {
                let reason = s.swap_reason.as_deref().unwrap_or("");
                t.push_str(&words::swapped(&info.replaced_person, reason, &info.approved_by, lang));
            }
            Line::raw(t)
        }
        None => Line::styled(words::NO_SHIFT_HERE_F_FILLS.get(lang), theme::dim()),
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

fn draw_problems(frame: &mut Frame<'_>, lang: Lang, data: &RosterData, area: Rect) {
    let lines: Vec<Line<'_>> = if data.problems.is_empty() {
        vec![Line::styled(words::NO_GAPS_OR_CONFLICTS_THIS.get(lang), theme::ok())]
    } else {
        data.problem_lines(lang).into_iter().map(|l| Line::styled(format!("! {l}"), theme::warning())).collect()
    };
    let title = words::problems_title(data.problems.len(), lang);
    let block = Block::bordered().title(Line::styled(title, theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

fn hint_line(app: &App, state: &RosterState, width: u16) -> Line<'static> {
    let lang = app.lang;
    // The grid and the lists take their keys from the keymap (keys.toml [roster], [pick], [people]);
    // the forms keep their typing keys.
    let table = match state.mode {
        Mode::Grid => Some(crate::keymap::Table::Roster),
        Mode::PickPerson { .. } => Some(crate::keymap::Table::Pick),
        Mode::People { .. } => Some(crate::keymap::Table::People),
        Mode::SwapForm { .. } | Mode::PersonForm { .. } => None,
    };
    let keys: Vec<(String, &'static str)> = match table {
        Some(t) => app.keymap.hints(t, lang),
        None => vec![
            ("Tab".into(), words::NEXT.get(lang)),
            ("Ctrl+S".into(), words::SAVE.get(lang)),
            ("Esc".into(), words::CANCEL.get(lang)),
        ],
    };
    let status = app.status.as_ref().map(|s| format!("  {s}"));
    let room = width.saturating_sub(status.as_ref().map(|s| text::width(s) as u16).unwrap_or(0)).max(width / 2);
    let mut spans = super::hint_line_fit(&keys, room).spans;
    if let Some(s) = status {
        spans.push(Span::styled(s, theme::dim()));
    }
    Line::from(spans)
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, title: &str, rows: &[String], index: usize) {
    let h = (rows.len() as u16 + 2).clamp(3, area.height.saturating_sub(2));
    let popup = widgets::centered(area, 70, h);
    frame.render_widget(Clear, popup);
    let visible = h.saturating_sub(2) as usize;
    let first = index.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let style = if i == index { theme::selected() } else { Style::new() };
            Line::styled(format!("{} {r}", if i == index { "▸" } else { " " }), style)
        })
        .collect();
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A small form popup: the shared form (long values wrap inside it, the terminal cursor on the
/// typing position, width-aware, so the input method opens in the right column).
fn draw_form(frame: &mut Frame<'_>, app: &App, area: Rect, title: &str, form: &Form) {
    let size = (70, form.fields.len() as u16 + 4);
    super::form::popup(frame, area, form, title, size, app.lang, app.now, app.unit.timezone);
}
