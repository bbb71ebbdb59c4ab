//! The duty-log lines dutywatch writes itself, as data: one variant per kind of line with its fields.
//! A line is stored with its event in the entry's `data` JSON (`{"event": "<code>", …fields}`) and a
//! body written in zh-CN (the record's language); every screen and document renders the event in the
//! reader's language (`text::log_events`). Lines without an event (older ones, or typed by an
//! officer) are shown as stored.

use serde::{Deserialize, Serialize};

use crate::facts::FactChange;
use crate::obligation_kind::ObligationKind;
use crate::response::{FindingKind, RespLevel};
use crate::types::{Category, Channel, Grade, Level, ReportKind};

/// The JSON a log entry's `data` column holds.
pub type Data = serde_json::Value;

/// A label taken from configuration (a readiness item's name, a report's label), in both languages,
/// captured when the line was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bi {
    pub zh: String,
    pub en: String,
}

impl Bi {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Bi { zh: zh.into(), en: en.into() }
    }
}

/// One kind of system line and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LogEvent {
    /// 接报: an incident received.
    Received {
        reference: String,
        title: String,
        category: Category,
        grade: Grade,
        /// Sent up by a lower room (issue 20): its code and its own reference.
        from_below: Option<(String, String)>,
    },
    /// A report sent (首报/续报/终报…), with its recipient and channel.
    Report {
        reference: String,
        kind: ReportKind,
        seq: u32,
        recipient: String,
        channel: Channel,
        late: bool,
        /// A follow-up sent while no follow-up slot had begun.
        no_slot: bool,
        signer: Option<String>,
        unverified: Option<String>,
    },
    /// 免报: a leader waived a duty.
    Waived { reference: String, kind: ObligationKind, by: String, reason: String, unverified: Option<String> },
    /// The chain confirmed to have reached a level.
    Relayed { reference: String, level: Level, by: String },
    /// Facts updated (or, after the close, an addendum).
    Facts { reference: String, addendum: bool, changes: Vec<FactChange> },
    /// The response level activated, raised, lowered or ended.
    Response { reference: String, old: Option<RespLevel>, new: Option<RespLevel>, reason: String, by: String },
    /// The warning level changed.
    Warning { reference: String, old: Option<RespLevel>, new: Option<RespLevel>, reason: String, by: String },
    /// A readiness item confirmed.
    Ready { reference: String, item: String, label: Bi, late: bool },
    /// A 谎报/瞒报 finding.
    Finding { reference: String, kind: FindingKind, text: String, by: String },
    /// The grade changed.
    Regraded { reference: String, old: Grade, new: Grade, by: String, unverified: Option<String> },
    /// Handling ended; the final report falls due.
    HandlingEnded { reference: String },
    /// 办结.
    Closed { reference: String },
    /// An escalation step sent.
    Escalated { reference: String, level: Level, recipient: String, channel: Channel, skip_reason: Option<String> },
    /// The upper room acknowledged a step.
    Acked { reference: String, level: Level, by: String, waited: String },
    /// A report, step or acknowledgement corrected.
    Corrected {
        reference: String,
        target: Bi,
        what: Bi,
        reason: String,
        by: String,
        reopened: usize,
        reopens_incident: bool,
    },
    /// A linked room acknowledged a step by link.
    LinkAcked { reference: String, level: Level, by: String, from: String },
    /// A message from a lower room.
    FromBelow { reference: String, from: String, msg_type: String, report: String },
    /// This room acknowledged a lower room's message.
    FromBelowAcked { reference: String, by: String, room: String },
    /// 督办: a task set.
    TaskSet { task: i64, title: String, owner: String, due: String },
    /// A task done.
    TaskDone { task: i64, title: String, late: bool, result: String },
    /// A task waived.
    TaskWaived { task: i64, title: String, by: String, reason: String },
    /// A routine duty (duties.toml) done: its name, its label as configured, the day it was owed, whether
    /// late, and the document that did it.
    DutyDone { name: String, label: Bi, day: String, late: bool, doc: Option<String> },
    /// A routine duty waived by a leader.
    DutyWaived { name: String, label: Bi, day: String, by: String, reason: String },
    /// A day's zero report answered by an incident report made that day.
    ZeroReportAnswered { day: String, report: i64 },
    /// The week's duty plan filed with the upper room (its content's SHA-256, first 12 hex digits).
    PlanFiled { week: String, recipient: String, sha256: String, gaps: usize },
    /// The upper room acknowledged the week's plan.
    PlanAcked { week: String, by: String },
    /// A handover sheet signed (`side`: `outgoing` or `incoming`).
    HandoverSigned { handover: i64, side: String, name: String, late: bool, unverified: Option<String> },
    /// A shift given to another person, with the approver and the reason.
    ShiftSwapped { shift: i64, person: String, approver: String, reason: String, unverified: Option<String> },
    /// A spot check (抽查) whose line dutywatch wrote from its fields (the officer typed no text).
    SpotCheck(SpotCheck),
    /// An equipment check: each device's state, and what the officer typed with it (may be empty).
    EquipmentCheck { devices: Vec<DeviceCheck>, text: String },
}

/// Whether a spot check was received from above or made on a unit below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Received,
    Made,
}

impl std::str::FromStr for Direction {
    type Err = crate::types::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "received" | "收到" => Ok(Direction::Received),
            "made" | "发起" => Ok(Direction::Made),
            other => Err(crate::types::UnknownCode {
                what: "direction",
                given: other.to_string(),
                valid: "received, made".to_string(),
            }),
        }
    }
}

/// The fields of a spot check (抽查, docs/rules.md PR-15), stored as the entry's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotCheck {
    pub direction: Direction,
    /// The checking unit (received) or the checked unit (made).
    pub unit: String,
    pub answered: bool,
    pub delay_seconds: u32,
    pub at_post: bool,
    pub forwarded: bool,
    pub findings: String,
}

/// One device's state as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceCheck {
    pub device: String,
    pub ok: bool,
    pub note: String,
}

impl LogEvent {
    /// The event as the `data` JSON of its line: `{"event": "<code>", …fields}`.
    pub fn to_data(&self) -> Data {
        serde_json::to_value(self).unwrap_or(Data::Null)
    }

    /// The event a line's `data` carries, if any (None for lines without one, or with one this version
    /// does not know).
    pub fn from_data(data: &Data) -> Option<LogEvent> {
        data.get("event")?;
        serde_json::from_value(data.clone()).ok()
    }

    /// The stable code stored under `event`.
    pub fn code(&self) -> String {
        self.to_data().get("event").and_then(|v| v.as_str()).unwrap_or_default().to_string()
    }
}
