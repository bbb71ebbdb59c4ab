//! The words of `service::duties`.

crate::words! {
    ZERO_REPORT_FULFILLED_BY_DAY = ("零报告由当日事件报告代替", "zero report fulfilled by the day's incident report");
    REPORT = ("报告", "report");
    NOT_IN_DUTIES_TOML_KNOWN = ("不在 duties.toml 中;可用", "is not in duties.toml; known");
    HAS_NO_OPEN_OCCURRENCE_BY = ("此时没有待办的这项事项", "has no open occurrence by then");
    LATE = ("(迟报)", " (late)");
    HAS_NO_OPEN_OCCURRENCE = ("没有待办的这项事项", "has no open occurrence");
}

use crate::domain::Lang;

/// The log line of a recurring duty done: 已办 值班日报 2026-03-07.
pub fn done_line(duty: &str, day: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已办 {duty} {day}"),
        Lang::En => format!("done: {duty} {day}"),
    }
}

/// The log line of a recurring duty waived, with who waived it and why.
pub fn waived_line(duty: &str, day: &str, by: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("免报 {duty} {day} ({by}: {reason})"),
        Lang::En => format!("waived: {duty} {day} ({by}: {reason})"),
    }
}
