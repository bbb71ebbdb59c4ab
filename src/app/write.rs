//! Changes the UI asks the runtime to save. Each carries everything the store needs, so the
//! runtime can carry it out without looking back into the UI's state.

/// One change to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// Stamp 迟报 on obligations whose deadline passed (the minute tick).
    MarkOverdue,
    /// Roster: give a shift to another person (the old assignment is kept, superseded).
    SwapShift { shift_id: i64, person_id: i64, reason: String, approved_by: String },
    /// Roster: add shifts in one transaction (the roster screen's fill).
    AddShifts(Vec<crate::domain::roster::ShiftSpec>),
    /// Add (`id: None`) or edit a person.
    SavePerson {
        id: Option<i64>,
        name: String,
        phone: String,
        department: String,
        roles: Vec<crate::domain::Role>,
        active: bool,
    },
}
