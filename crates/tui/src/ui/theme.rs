//! Colours carry meaning (due soon, overdue, unacknowledged) and are never the only signal: every
//! coloured state also has a text marker.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn header() -> Style {
    Style::new().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}
pub fn due_soon() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}
pub fn overdue() -> Style {
    Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn key() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan)
}
pub fn banner() -> Style {
    Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn read_only_banner() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// A warning or response level in its colour: Ⅳ blue, Ⅲ yellow, Ⅱ orange, Ⅰ red (the numeral is always
/// written beside it).
pub fn response_level(level: crate::domain::response::RespLevel) -> Style {
    use crate::domain::response::LevelColour as C;
    let (fg, bg) = match level.colour() {
        C::Blue => (Color::Black, Color::LightBlue),
        C::Yellow => (Color::Black, Color::Yellow),
        C::Orange => (Color::Black, Color::Indexed(208)),
        C::Red => (Color::White, Color::Red),
    };
    Style::new().fg(fg).bg(bg).add_modifier(Modifier::BOLD)
}
