//! The text of the board's screens, one module per screen: the words each screen shows and the
//! functions that put values into them, so the screens themselves (crate `tui`) pick no language.

pub mod alerts;
pub mod board;
pub mod directory;
pub mod form;
pub mod handover;
pub mod help;
pub mod history;
pub mod incident;
pub mod link;
pub mod log;
pub mod report;
pub mod roster;
pub mod shell;
pub mod stats;
pub mod widgets;
