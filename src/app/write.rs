//! Changes the UI asks the runtime to save. Each carries everything the store needs, so the
//! runtime can carry it out without looking back into the UI's state.

/// One change to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Stamp 迟报 on obligations whose deadline passed (the minute tick).
    MarkOverdue,
    /// Draft or regenerate the current watch's handover sheet (with new remarks when given).
    HandoverDraft { remarks: Option<String> },
    /// Sign a handover sheet as `name` (outgoing or incoming).
    HandoverSign { id: i64, name: String, outgoing: bool },
    /// Append a duty-log entry from the log screen's form.
    LogAdd { kind: String, text: String, from: Option<String>, answers: Option<i64> },
}
