//! Pure domain logic: no terminal, no database, no async runtime.
//!
//! Everything here takes `now` (or a [`clock::Clock`]) as an argument and never reads the wall clock
//! itself, so every rule can be tested with a pinned time and replayed for any past moment.

// `macro_use` makes `coded_enum!` available to the modules declared after `types`.
#[macro_use]
pub mod types;
pub mod calendar;
pub mod cap;
pub mod clock;
pub mod deadlines;
pub mod directory;
pub mod duties;
pub mod escalation;
pub mod facts;
/// Sample records for the tests of this crate and of the crates above it (feature `fixtures`).
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod handover;
pub mod ledger;
pub mod link;
pub mod log_event;
pub mod obligation_kind;
pub mod period;
pub mod pin;
pub mod response;
pub mod roster;
pub mod roster_week;
pub mod rules;
pub mod safe_text;
pub mod task;
pub mod time_input;
pub mod written_report;

pub use clock::{Clock, FixedClock, SystemClock};
pub use obligation_kind::ObligationKind;
pub use types::*;
