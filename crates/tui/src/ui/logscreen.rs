//! The duty-log screen (a window of one page) and the statistics screen (bar charts).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

use super::{text, theme};
use crate::app::App;
use crate::app::form::FieldKey;
use ::text::screens::log as words;
use text::Label;

/// What a check recorded (spot check, equipment), one `key: value` per line, for the entry opened
/// in full.
pub fn data_text(d: &serde_json::Value, lang: crate::domain::Lang) -> String {
    fn value(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(a) => a.iter().map(value).collect::<Vec<_>>().join("; "),
            serde_json::Value::Object(m) => {
                m.iter().map(|(k, v)| format!("{k} {}", value(v))).collect::<Vec<_>>().join(" ")
            }
            other => other.to_string(),
        }
    }
    let mut lines = vec![words::RECORDED.get(lang).to_string()];
    if let serde_json::Value::Object(m) = d {
        lines.extend(m.iter().map(|(k, v)| format!("{k}: {}", value(v))));
    } else {
        lines.push(value(d));
    }
    lines.join("\n")
}

pub fn draw_log(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let [body, hints] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let visible = body.height.saturating_sub(2) as usize;
    // Keep the selection in view: the window scrolls with it.
    let first = app.log.selected.saturating_sub(visible.saturating_sub(1));
    let rows: Vec<Row<'_>> = app
        .log
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let e = &r.entry;
            let corr = e.corrects.map(|c| format!("[{} {c}] ", words::CORRECTS.get(lang))).unwrap_or_default();
            let style = if i == app.log.selected { theme::selected() } else { Style::new() };
            // A spot check names the unit checked, even when its text is only the findings.
            let unit = r
                .data
                .as_ref()
                .and_then(|d| d.get("unit"))
                .and_then(|v| v.as_str())
                .filter(|u| !e.body.contains(*u))
                .map(|u| format!("[{}] ", text::shown(u)))
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(e.id.to_string()),
                Cell::from(text::short(e.at, tz)),
                Cell::from(e.kind.label(lang)),
                Cell::from(text::shown(&e.author)),
                Cell::from(format!("{corr}{unit}{}", text::shown(&text::log_events::entry_text(e, lang)))),
            ])
            .style(style)
        })
        .collect();
    let title = format!(" {} ({}) ", words::DUTY_LOG.get(lang), app.log.pages.len() + 1);
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(6),
                Constraint::Length(11),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
        )
        .block(Block::bordered().title(title)),
        body,
    );
    // The keys come from the log's table (keys.toml [log]); a status keeps room beside them.
    let status = app.status.as_ref().map(|s| format!("  {s}"));
    let room =
        hints.width.saturating_sub(status.as_ref().map(|s| text::width(s) as u16).unwrap_or(0)).max(hints.width / 2);
    let mut spans = super::hint_line_fit(&app.keymap.hints(crate::keymap::Table::Log, lang), room).spans;
    if let Some(s) = status {
        spans.push(Span::styled(s, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), hints);
    if let Some(form) = &app.log.form {
        let t = words::NEW_ENTRY_TAB_NEXT_CTRL.get(lang);
        let t = if form.field(FieldKey::Unit).is_some() {
            words::SPOT_CHECK_TAB_NEXT_CTRL.get(lang)
        } else if form.field(FieldKey::Owner).is_some() {
            crate::ui::text_levels::task_form_title(lang)
        } else if form.field(FieldKey::Radio).is_some() {
            words::EQUIPMENT_CHECK_TAB_NEXT_CTRL.get(lang)
        } else {
            t
        };
        // Long values wrap inside the form; the cursor stays where the typing goes (issue 17).
        let size = (area.width.saturating_sub(10).min(72), 12);
        super::form::popup(frame, area, form, t.trim(), size, lang, app.now, app.unit.timezone);
    }
}

pub fn draw_stats(frame: &mut Frame<'_>, app: &App, area: Rect) {
    super::stats_screen::draw(frame, app, area)
}
