//! Pure domain logic: no terminal, no database, no async runtime.
//!
//! Everything here takes `now` (or a [`clock::Clock`]) as an argument and never reads the wall clock
//! itself, so every rule can be tested with a pinned time and replayed for any past moment.

pub mod clock;
pub mod deadlines;
pub mod rules;
pub mod time_input;
pub mod types;

pub use clock::{Clock, FixedClock, SystemClock};
pub use types::*;
