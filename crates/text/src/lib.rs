//! The text catalogue: every zh/en label of the domain's codes, and the width- and time-aware
//! formatting every screen and document shares (Chinese characters take two columns, times are
//! shown in the unit's zone).

/// The domain crate, under the path the catalogue's modules use for it.
pub use domain;

pub mod docs;
mod format;
pub mod labels;
pub mod levels;
pub mod log_events;

pub use format::*;
