//! dutywatch: the console of a Chinese government emergency watch room, in the terminal.
//!
//! Data flows one way: terminal event → `app::Msg` → `app::update` → state + `app::Cmd` → `store` → view.
//! See README.md ("Architecture") for the map of modules.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod link;
pub mod ops;
pub mod runtime;
pub mod store;
pub mod ui;
