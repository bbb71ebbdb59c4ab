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
