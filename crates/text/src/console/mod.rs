//! The console's words outside its drawing code (issue 13): the keymap's labels, the status line
//! after a write, the alerts, why a key cannot act, the roster's marks and the action forms'
//! titles. The board's key handlers and runtime name these entries and call these functions; none
//! of them picks a language itself, so a text said in two places cannot drift into two wordings.

pub mod alerts;
pub mod forms;
pub mod history;
pub mod keys;
pub mod refused;
pub mod roster;
pub mod saved;
