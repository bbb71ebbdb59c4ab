//! The history screen's line that says which incidents the filters let through.

use crate::domain::Lang;

crate::words! {
    /// No filter in force.
    ALL_INCIDENTS = ("全部事件", "all incidents");
    /// Only incidents with a 迟报.
    HAD_LATE = ("有迟报", "had 迟报");
    /// Only incidents with a 漏报.
    HAD_MISSED = ("有漏报", "had 漏报");
}

/// The grade filter: `等级 Ⅲ级`.
pub fn grade(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("等级 {label}"),
        Lang::En => format!("grade {label}"),
    }
}

/// The status filter: `状态 在办`.
pub fn status(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("状态 {label}"),
        Lang::En => format!("status {label}"),
    }
}

/// The text searched for: `文本 火灾`.
pub fn text(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("文本 {text}"),
        Lang::En => format!("text {text}"),
    }
}
