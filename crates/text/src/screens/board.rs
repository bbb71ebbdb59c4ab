//! Text of the board, the screen the officer on duty watches.

use crate::domain::Lang;

crate::words! {
    NONE = ("(无)", "(none)");
    OFFICER = ("值班员", "Officer");
    LEADER = ("带班领导", "Leader");
    STANDBY = ("备班", "Standby");
    REVIEW = ("回看", "REVIEW");
    READ_ONLY_1H_SHIFT_CHANGE = ("只读 · [ ]前后一小时 { }交接班 w写出 · Esc返回实时", "read-only · [ ]±1h { }shift change w write · Esc live");
    SHIFT_CHANGE_AT = ("即将交班", "Shift change at");
    PRESS_H_FOR_THE_HANDOVER = ("按 h 办理交接班", "press h for the handover");
    ALL_ALERTS = ("全部", "all");
    SPACE_TO_ACKNOWLEDGE = ("(空格 知悉)", "(Space to acknowledge)");
    READ_ONLY_THE_DATABASE_CANNOT = (" 只读:数据库不可写,无法保存任何内容 ", " READ-ONLY: the database cannot be written; nothing can be saved ");
    NO_OFFICER = (" ░=无人值班", " ░=no officer");
    NOTHING_FROM_BELOW_YET = ("暂无下级报送", "Nothing from below yet");
    DUE_NEXT = ("待办时限 Due next", "Due next 待办时限");
    MORE = ("更多", "more");
    NOTHING_OWED = ("没有待报事项", "Nothing owed");
    RELAYED = ("✓转报", "✓relayed ");
    AWAITING_RELAY = ("待转报", "awaiting relay");
    ESCALATION = ("上报状态 Escalation", "Escalation 上报状态");
    NOTHING_TO_ESCALATE = ("没有需上报的事件", "Nothing to escalate");
    OPEN_INCIDENTS_FILTER = ("在办事件 查找", "Open incidents, filter");
    OPEN_INCIDENTS = ("在办事件 Open incidents", "Open incidents 在办事件");
    NO_OPEN_INCIDENTS = ("没有在办事件", "No open incidents");
    DUTY_LOG = ("值班日志 Duty log", "Duty log 值班日志");
    THE_LOG_IS_EMPTY = ("日志为空", "The log is empty");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::OUTGOING`, which says "Outgoing".
        NEXT = ("交班", "Next");
        /// Same Chinese as `report::EQUIPMENT_FAULTS_SECTION`, which says "Equipment faults".
        EQUIPMENT_FAULT = ("设备故障", "Equipment fault");
    }
}

/// The count of unacknowledged alerts on the status line.
pub fn alerts_count(unacked: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("⚠告警{unacked}"),
        Lang::En => format!("⚠{unacked} alert{}", if unacked == 1 { "" } else { "s" }),
    }
}
