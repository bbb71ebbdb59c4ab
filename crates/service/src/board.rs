//! What the board shows, as loaded from the store. Kept small: only the visible windows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::directory::Directory;
use crate::domain::{Escalation, Incident, LogEntry, Obligation, Report, Shift};
use crate::store::audit::AuditEvent;
use crate::store::contact::ContactRow;
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
    /// Escalation steps of the open incidents shown, by incident id (the ladder pane).
    pub steps: HashMap<i64, Vec<Escalation>>,
    /// Tracking items (levels the chain relays to) of the open incidents shown: the ladder shows them
    /// as "awaiting relay" or "relayed", never as this unit's unsent report.
    pub tracking: Vec<crate::domain::Obligation>,
    pub log: Vec<LogEntry>,
    /// Sensitive periods in force today (汛期 …), for the header.
    pub sensitive: Vec<crate::domain::calendar::SensitivePeriod>,
    /// The contact directory (recipients for reports and escalations; the directory screen).
    pub contacts: Vec<ContactRow>,
    /// Latest check of each device (docs/rules.md PR-24): a fault stays until a later check clears it.
    pub equipment: Vec<DeviceStatus>,
    /// Set when this is the board rebuilt for a past moment (review mode, read-only).
    pub review_at: Option<DateTime<Utc>>,
    /// The handover sheet of the current watch, if drafted.
    pub handover: Option<crate::store::handover::HandoverRow>,
    /// The latest handover sheets, newest first (the review list).
    pub handovers: Vec<crate::store::handover::HandoverRow>,
    /// Alert acknowledgements recorded on any terminal, by alert key.
    pub alert_acks: HashMap<String, crate::store::alert::AlertAck>,
    /// Responses in force (应急响应), highest level first: the header shows the first in its colour.
    pub responses: Vec<crate::store::level::ActiveResponse>,
    /// 督办 tasks open at the moment shown, by due time (the Tasks screen `k`, alerts when overdue).
    pub tasks: Vec<crate::domain::task::Task>,
    /// Occurrences of recurring and one-off duties still owed (duties.toml), by due time.
    pub duties: Vec<crate::store::duty::DutyRow>,
    /// For each sheet signed by the outgoing officer only: the duties that became late since that
    /// signature, shown to the incoming officer on the sheet before signing (issue 16).
    pub late_since_outgoing: HashMap<i64, Vec<crate::handover::SheetDue>>,
    /// Linked rooms (issue 20): the link's state and the incidents from below; `None` without `[link]`.
    pub link: Option<LinkView>,
}

/// The link as the board shows it: the state line and the 下级报送 pane.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    pub status: crate::link::Status,
    pub from_below: Vec<FromBelowRow>,
}

/// An incident that came in from a room below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromBelowRow {
    pub incident_id: i64,
    pub reference: String,
    pub title: String,
    pub from_room: String,
    pub remote_ref: String,
    pub acked_by: Option<String>,
}

impl BoardData {
    /// The active contacts as a directory, for picking recipients.
    pub fn directory(&self) -> Directory {
        Directory { contacts: self.contacts.iter().filter(|c| c.active).map(|c| c.contact.clone()).collect() }
    }
}

/// Everything the incident page shows: the record and its whole timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentDetail {
    pub incident: Incident,
    pub obligations: Vec<Obligation>,
    pub reports: Vec<Report>,
    pub steps: Vec<Escalation>,
    pub log: Vec<LogEntry>,
    /// Changes to the incident row (versions), oldest first.
    pub history: Vec<AuditEvent>,
    /// Updates of the facts (old → new, who, when), in the order they became known.
    pub fact_updates: Vec<crate::domain::facts::FactUpdate>,
    /// Corrections of entries recorded by mistake (each report it names is shown struck through).
    pub corrections: Vec<crate::store::correction::Correction>,
}
