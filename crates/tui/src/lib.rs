//! The board: application state and its pure `update` (app), the screens (ui) and the terminal
//! runtime that runs effects against the service (runtime).
//!
//! Data flows one way: terminal event → `app::Msg` → `app::update` → state + `app::Cmd` → service →
//! view.

/// The crates below the board, under the paths its modules use for them.
pub use domain;
pub use link;
pub use service as ops;
pub use service::config;
pub use store;

pub mod app;
pub mod keymap;
pub mod runtime;
pub mod ui;
