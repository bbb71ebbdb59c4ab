//! The alerts the board raises: a duty due soon or overdue, a step nobody above acknowledged, and
//! what was already overdue when the board started.

use crate::domain::Lang;

/// A duty due soon: `将到期 #2026-0001 首报(电话) 时限 14:35`.
pub fn due_soon(reference: &str, what: &str, when: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("将到期 #{reference} {what} 时限 {when}"),
        Lang::En => format!("DUE SOON #{reference} {what} due {when}"),
    }
}

/// A duty overdue: `已超时 #2026-0001 首报(电话) 时限 14:35`, worded as an overdue recurring duty
/// ([`crate::levels::duty_overdue`]).
pub fn overdue(reference: &str, what: &str, when: &str, lang: Lang) -> String {
    crate::levels::duty_overdue(&format!("#{reference} {what}"), when, lang)
}

/// A step whose acknowledgement is overdue: `上级未确认 #2026-0001 省级 20分钟`.
pub fn ack_overdue(reference: &str, level: &str, waiting: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("上级未确认 #{reference} {level} {waiting}"),
        Lang::En => format!("ACK OVERDUE #{reference} {level} {waiting}"),
    }
}

/// The duties already overdue when the board started, in one alert.
pub fn overdue_at_start(texts: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("启动时已超时 {} 项: {}", texts.len(), texts.join("、")),
        Lang::En => format!("Overdue at start ({}): {}", texts.len(), texts.join(", ")),
    }
}
