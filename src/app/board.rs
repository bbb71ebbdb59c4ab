//! What the board shows, as loaded from the store. Kept small: only the visible windows.

use chrono::{DateTime, Utc};

use crate::domain::{Escalation, Incident, LogEntry, Shift};
use crate::store::equipment::DeviceStatus;
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
    /// Latest check of each device (PR-24): a fault stays until a later check clears it.
    pub equipment: Vec<DeviceStatus>,
    /// Escalation steps of the open incidents.
    pub escalations: Vec<Escalation>,
    /// Set when this is the board rebuilt for a past moment (review mode, read-only).
    pub review_at: Option<DateTime<Utc>>,
    /// The handover sheet of the current watch, if drafted.
    pub handover: Option<crate::store::handover::HandoverRow>,
    /// The latest handover sheets, newest first (the review list).
    pub handovers: Vec<crate::store::handover::HandoverRow>,
}
