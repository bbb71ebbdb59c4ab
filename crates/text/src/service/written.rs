//! The words of `service::docs::written` (the 信息专报 as a document).

use chrono::NaiveDate;

use crate::domain::Lang;

/// The date under a report, as each language writes it: 2026年3月7日 / 2026-03-07.
pub fn dated(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => day.format("%Y年%-m月%-d日").to_string(),
        Lang::En => day.format("%Y-%m-%d").to_string(),
    }
}
