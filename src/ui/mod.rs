//! Views. `ui` never writes to the store: it only draws `App`.

pub mod board;
pub mod handover;
pub mod help;
pub mod labels;
pub mod logscreen;
pub mod text;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::{App, Overlay};

/// The smallest terminal the board is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, app, area);
        return;
    }
    match app.screen {
        crate::app::Screen::Handover => handover::draw(frame, app, area),
        crate::app::Screen::Log => logscreen::draw_log(frame, app, area),
        crate::app::Screen::Stats => logscreen::draw_stats(frame, app, area),
        _ => board::draw(frame, app, area),
    }
    handover::draw_time_prompt(frame, app, area);
    match &app.overlay {
        Some(Overlay::Help) => help::draw(frame, app, area),
        Some(Overlay::Message { title, body }) => widgets::message(frame, area, title, body, app.lang),
        Some(Overlay::ConfirmQuit) => widgets::message(
            frame,
            area,
            app.lang.pick("确认退出", "Quit?"),
            app.lang.pick(
                "表单中有未保存的内容。按 y 退出,其他键返回。",
                "A form holds unsaved typing. Press y to quit, any other key to go back.",
            ),
            app.lang,
        ),
        None => {}
    }
}

fn draw_too_small(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let msg = app.lang.pick("终端太小", "Terminal too small");
    let need = format!("{}×{} ≥ {MIN_WIDTH}×{MIN_HEIGHT}", area.width, area.height);
    let lines = vec![Line::styled(msg, theme::warning()), Line::raw(need)];
    frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), area);
}
