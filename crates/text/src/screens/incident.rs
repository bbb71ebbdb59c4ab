//! Text of the incident page: its duties, escalation ladder, report chain and facts.

use crate::domain::Lang;
use crate::domain::deadlines::ObligationState;

crate::words! {
    LOADING = ("载入中…", "Loading…");
    OCCURRED = ("发生", "Occurred");
    LEARNED = ("获知", "Learned");
    PLACE = ("地点", "Place");
    CALLER = ("来电", "Caller");
    INFORMED = ("已告知", "informed");
    SUMMARY = ("概要", "Summary");
    MEASURES = ("措施", "Measures");
    NEEDS = ("需求", "Needs");
    CAUSE = ("原因", "Cause");
    PROGRESS = ("进展", "Progress");
    CHANGES_OF_THE_FACTS = ("— 事实变更 —", "— Changes of the facts —");
    ADDENDUM = (" 补记", " addendum");
    WHAT_IS_OWED = ("— 报送时限 —", "— What is owed —");
    DONE = ("完成", "done");
    LATE = (" 迟报", " LATE");
    RELAYED_BY_THE_CHAIN_TRACKING = ("— 转报跟踪(由上级逐级转报,不计本单位迟报漏报) —", "— Relayed by the chain (tracking, not our duties) —");
    TO_CONFIRM = ("待确认", "to confirm");
    BY = ("应达", "by");
    REPORT_CHAIN = ("— 报送链 —", "— Report chain —");
    NONE_YET = ("  尚无报送", "  none yet");
    CORRECTED = ("已更正:", "corrected:");
    WHAT_IT_SAID_WAS_NOT = ("(未留存所报情况)", "(what it said was not kept)");
    SAID = ("所报", "said");
    ESCALATION = ("— 上报状态 —", "— Escalation —");
    TIMELINE = ("— 时间线 —", "— Timeline —");
    VERSIONS_IN_THE_AUDIT_LOG = ("个版本(审计日志)", "versions in the audit log");
    INCIDENT = (" 事件详情 ", " Incident ");
    STATE_SOON = ("将到", "SOON");
    STATE_OVERDUE = ("超时", "OVERDUE");
    STATE_ON_TIME = ("✓按时", "✓on time");
    STATE_LATE = ("✓迟报", "✓LATE");
    STATE_WAIVED = ("免报", "waived");
    STATE_SUPERSEDED = ("撤销", "superseded");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::DUE`, which says "Due".
        DUE = ("时限", "due");
        /// Same Chinese as `link::ACKED_BY`, which says "acked by".
        CONFIRMED = ("已确认", "confirmed");
        /// Same Chinese as `report::SIGNED_OFF_BY`, which says "signed off by".
        SIGNED = ("签发", "signed");
        /// Same Chinese as `report::MISSED`, which says "missed".
        STATE_MISSED = ("漏报", "MISSED");
    }
}

/// The marker of a duty's state (nothing while it is pending and not yet due soon).
pub fn state_marker(state: ObligationState, lang: Lang) -> &'static str {
    match state {
        ObligationState::Pending => "",
        ObligationState::DueSoon => STATE_SOON.get(lang),
        ObligationState::Overdue => STATE_OVERDUE.get(lang),
        ObligationState::DoneOnTime => STATE_ON_TIME.get(lang),
        ObligationState::DoneLate => STATE_LATE.get(lang),
        ObligationState::Missed => STATE_MISSED.get(lang),
        ObligationState::Waived => STATE_WAIVED.get(lang),
        ObligationState::Superseded => STATE_SUPERSEDED.get(lang),
    }
}
