//! What the board shows, as loaded from the store. Kept small: only the visible windows.

use chrono::{DateTime, Utc};

use crate::domain::{Incident, LogEntry, Shift};
use crate::store::incident::DueRow;

/// How many rows each pane loads: enough for a tall terminal, never the whole history.
pub const PANE_WINDOW: usize = 60;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardData {
    /// Live shifts covering now.
    pub on_duty: Vec<Shift>,
    /// Shifts over the strip's window (for the 24 h roster strip).
    pub strip: Vec<Shift>,
    /// Next shift change and who comes on.
    pub next_change: Option<(DateTime<Utc>, Vec<Shift>)>,
    pub due: Vec<DueRow>,
    pub open: Vec<Incident>,
    pub log: Vec<LogEntry>,
    /// Sensitive periods in force today (汛期 …), for the header.
    pub sensitive: Vec<crate::domain::calendar::SensitivePeriod>,
}
