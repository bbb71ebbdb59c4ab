//! Changes the UI asks the runtime to save. Each carries everything the store needs, so the
//! runtime can carry it out without looking back into the UI's state.

use chrono::{DateTime, Utc};

use crate::domain::{Grade, Level};
use crate::ops::escalation::EscalateInput;
use crate::ops::incident::ReportInput;
use crate::store::incident::IncidentInput;

/// One change to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Stamp 迟报 on obligations whose deadline passed (the minute tick).
    MarkOverdue,
    /// Acknowledge the receipt of an incident from below (issue 20): a CAP Ack goes back.
    AckFromBelow {
        incident_id: i64,
    },
    /// Record that this board's officer acknowledged the alert with this key (shared by terminals).
    AckAlert {
        key: String,
    },
    /// Roster: give a shift to another person (the old assignment is kept, superseded).
    SwapShift {
        shift_id: i64,
        person_id: i64,
        reason: String,
        approved_by: String,
        /// The approver's PIN or why not (issue 14).
        proof: crate::ops::pin::PinProof,
    },
    /// Roster: add shifts in one transaction (the roster screen's fill).
    AddShifts(Vec<crate::domain::roster::ShiftSpec>),
    /// Add (`id: None`) or edit a person.
    SavePerson {
        id: Option<i64>,
        /// The version the form was opened on (ignored for a new person).
        version: i64,
        name: String,
        phone: String,
        department: String,
        roles: Vec<crate::domain::Role>,
        active: bool,
    },
    AddIncident(Box<IncidentInput>),
    Report {
        incident_id: i64,
        input: ReportInput,
        /// The 签发 leader's PIN or why not (issue 14).
        proof: crate::ops::pin::PinProof,
    },
    Escalate {
        incident_id: i64,
        input: EscalateInput,
    },
    Ack {
        incident_id: i64,
        level: Level,
        by: String,
        at: Option<DateTime<Utc>>,
    },
    Grade {
        incident_id: i64,
        grade: Grade,
        by: String,
        /// When the decision was made (None: now).
        at: Option<DateTime<Utc>>,
        expected_version: i64,
        /// The deciding leader's PIN or why not (issue 14).
        proof: crate::ops::pin::PinProof,
    },
    /// Update the facts (`u` on the incident page), against the version the form was opened on.
    UpdateFacts {
        incident_id: i64,
        patch: crate::domain::facts::FactPatch,
        /// When the facts became known (None: now).
        at: Option<DateTime<Utc>>,
        expected_version: i64,
    },
    /// Correct an entry recorded by mistake (更正).
    Correct {
        incident_id: i64,
        target: crate::ops::correct::Target,
        reason: String,
        by: String,
    },
    EndHandling {
        incident_id: i64,
        /// When handling ended (None: now); the 终报 counts from it.
        at: Option<DateTime<Utc>>,
    },
    /// A leader waives open duties (免报) with a reason.
    Waive {
        incident_id: i64,
        target: crate::ops::ledger::WaiveTarget,
        reason: String,
        by: String,
        /// The deciding leader's PIN or why not (issue 14).
        proof: crate::ops::pin::PinProof,
    },
    Close {
        incident_id: i64,
    },
    /// Add (`id` None) or edit a directory entry.
    SaveContact {
        id: Option<i64>,
        version: i64,
        contact: Box<crate::domain::directory::Contact>,
        active: bool,
    },
    /// Write the 信息专报 draft to a file next to the database and show its path.
    ExportWritten {
        incident_id: i64,
    },
    /// Write the handover sheet as .docx and .md next to the database (issue 19).
    ExportHandover {
        id: i64,
    },
    /// Write the duty day's record (值班记录) as .docx and .md next to the database (issue 19).
    ExportDayLog {
        day: chrono::NaiveDate,
    },
    /// Draft or regenerate the current watch's handover sheet (with new remarks when given).
    HandoverDraft {
        remarks: Option<String>,
    },
    /// Sign a handover sheet as `name` (outgoing or incoming).
    HandoverSign {
        id: i64,
        name: String,
        outgoing: bool,
        /// The PIN typed in the masked field (empty: none).
        pin: String,
        /// Why no PIN is given (empty: none): the signature is recorded unverified.
        unverified: String,
    },
    /// Append a duty-log entry from the log screen (note, call, instruction, feedback, spot check,
    /// equipment check): the same `ops::log` input the CLI builds.
    LogEntry(Box<crate::ops::log::LogInput>),
    /// A 督办 task (from a leader's instruction on the log screen).
    AddTask(Box<crate::ops::task::TaskInput>),
}
