//! 督办 tasks (PR-11): a leader sets a task with an owner and a due time and chases it. A task is a duty
//! with the ledger's states (pending, due soon, overdue, done, done late, missed, waived, superseded) and
//! its rules: 迟报 stamped when open past due and never cleared; nothing due before it existed.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::deadlines::{ObligationState, state_of};
use super::obligation_kind::ObligationKind;
use super::types::{Obligation, ObligationEnd};

/// One task as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub owner: String,
    /// The leader who set it (督办人), if recorded.
    pub from_leader: Option<String>,
    pub incident_id: Option<i64>,
    /// The 批示 log entry it came from.
    pub log_entry_id: Option<i64>,
    /// When it came to exist.
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub result: Option<String>,
    pub late: bool,
    pub end: Option<ObligationEnd>,
}

impl Task {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.end.is_none()
    }

    /// The task as a ledger item, so the ledger's state rules apply to it unchanged.
    pub fn as_obligation(&self) -> Obligation {
        Obligation {
            id: self.id,
            incident_id: self.incident_id.unwrap_or(0),
            kind: ObligationKind::Task,
            anchor_at: self.anchor_at,
            due_at: self.due_at,
            done_at: self.done_at,
            late: self.late,
            end: self.end.clone(),
            tracking: false,
            confirmed_by: None,
        }
    }

    /// The ledger state at `now`.
    pub fn state(&self, now: DateTime<Utc>, due_soon: Duration) -> ObligationState {
        state_of(&self.as_obligation(), now, due_soon)
    }

    /// 迟报 as of `now`: stamped, or open past due.
    pub fn late_at(&self, now: DateTime<Utc>) -> bool {
        self.late || (self.is_open() && now > self.due_at) || self.done_at.is_some_and(|d| d > self.due_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EndState;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, h, 0, 0).single().expect("valid")
    }

    fn task() -> Task {
        Task {
            id: 1,
            title: "核查河口村转移人数".into(),
            owner: "张伟".into(),
            from_leader: Some("周建国".into()),
            incident_id: None,
            log_entry_id: None,
            anchor_at: t(8),
            due_at: t(12),
            done_at: None,
            result: None,
            late: false,
            end: None,
        }
    }

    #[test]
    fn a_task_goes_through_the_ledgers_states() {
        let mut k = task();
        let soon = Duration::minutes(10);
        assert_eq!(k.state(t(9), soon), ObligationState::Pending);
        assert_eq!(k.state(t(13), soon), ObligationState::Overdue);
        assert!(k.late_at(t(13)) && !k.late_at(t(11)));
        k.done_at = Some(t(11));
        assert_eq!(k.state(t(13), soon), ObligationState::DoneOnTime);
        k.late = true;
        assert_eq!(k.state(t(13), soon), ObligationState::DoneLate, "a stamped 迟报 stays");
        let mut w = task();
        w.end = Some(ObligationEnd { state: EndState::Waived, reason: "x".into(), by: "周建国".into(), at: t(10) });
        assert_eq!(w.state(t(13), soon), ObligationState::Waived);
    }
}
