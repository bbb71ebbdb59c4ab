//! dutywatch: the console of a Chinese government emergency watch room, in the terminal.
//!
//! This package is the `dutywatch` binary and its command line (`cli`). The rest lives in the
//! workspace's crates (see README.md, "Architecture"): `domain` ← `store` ← `service` ← `tui`, with
//! `text` (the zh/en catalogue) beside them. They are re-exported here under the paths the command
//! line, the tests and the benches use.

pub use domain;
pub use link;
pub use service as ops;
pub use service::config;
pub use service::docs;
pub use store;
pub use text;
pub use tui::{app, keymap, runtime, ui};

pub mod cli;
