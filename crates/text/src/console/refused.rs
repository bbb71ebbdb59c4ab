//! Why a key or a write cannot act: the status line's refusals and the popups that say so.

use crate::domain::Lang;

crate::words! {
    /// The title of a popup refusing a write on a read-only record.
    READ_ONLY = ("只读", "Read-only");
    /// The database file cannot be written.
    DATABASE_READ_ONLY = ("数据库只读,无法保存。", "The database is read-only; nothing can be saved.");
    /// An incident page opened from the history screen is for reading.
    OPENED_FROM_HISTORY = (
        "从历史事件打开的页面只读;请在看板上打开此事件再操作。",
        "Opened from the history screen: read-only. Open the incident from the board to act on it.",
    );
    /// A write reached the runtime while the board shows a past moment.
    REVIEW_CANNOT_SAVE = ("回看模式只读,不能保存", "review mode is read-only");
    /// A key that would open a form, while the board shows a past moment.
    REVIEW_CANNOT_RECORD = ("回看模式只读,不能登记;按 Esc 返回实时", "review mode is read-only; Esc back to live");
    /// The title of the popup of a write that failed.
    NOT_SAVED = ("未保存", "Not saved");
    /// An incident action on an empty board.
    NO_OPEN_INCIDENT = ("没有在办事件", "No open incident");
    /// An incident action with no incident selected.
    SELECT_AN_INCIDENT = ("先选择一个事件(Tab 切换窗格,↑↓ 选择)", "Select an incident first (Tab pane, ↑↓ row)");
    /// Review: the next shift change is more than a week ahead.
    NO_SHIFT_CHANGE = ("七日内没有交接班", "no shift change within a week");
    /// A correction with every entry already corrected.
    NOTHING_TO_CORRECT = ("没有可更正的记录。", "Nothing to correct.");
    /// A waiver with no duty open.
    NO_OPEN_DUTY = ("此事件没有待办时限。", "This incident has no open duty.");
    /// Signing a handover sheet not yet read to its end.
    READ_TO_THE_END = (
        "请先把交接班记录翻阅到最后(↓ PgDn End)再签字",
        "read the sheet to its end first (↓ PgDn End), then sign",
    );
}

/// An acknowledgement with no step waiting for one: `#2026-0001 没有待上级确认的上报`.
pub fn nothing_awaiting_ack(reference: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 没有待上级确认的上报"),
        Lang::En => format!("#{reference} no step is awaiting acknowledgement"),
    }
}
