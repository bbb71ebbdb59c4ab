//! Text of the statistics screen.

crate::words! {
    LAST_30_DAYS = ("近30天", "Last 30 days");
    THIS_WEEK = ("本周", "This week");
    THIS_MONTH = ("本月", "This month");
    LAST_MONTH = ("上月", "Last month");
    BY_DUTY = ("按事项", "by duty");
    BY_OFFICER = ("按值班员", "by officer");
    BY_LEADER = ("按带班领导", "by leader");
    COMPUTING = ("正在统计…", "Computing…");
    LATE = ("迟报", "late");
    MISSED = ("漏报", "missed");
    OCCURRED_LEARNED = ("事发至获知", "occurred→learned");
    LEARNED_1ST_PHONE = ("获知至首报", "learned→1st phone");
    UPPER_ACK = ("上级确认", "upper ack");
    INCIDENTS_2 = (" 事件:类别/等级 ", " Incidents ");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::INCIDENT`, which says "Incident".
        INCIDENTS = ("事件", "incidents");
        /// Same Chinese as `report::ON_TIME`, which says "On time".
        ON_TIME = ("按时", "on time");
        /// Same Chinese as `report::RATE`, which says "Rate".
        RATE = ("按时率", "rate");
        /// Same Chinese as `report::DUE`, which says "Due".
        DEADLINES = ("时限", "Deadlines");
        /// Same Chinese as `report::DUE`, which says "Due".
        DUE = ("时限", "due");
    }
}
