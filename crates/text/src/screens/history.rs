//! Text of the history screen.

crate::words! {
    HISTORY = ("历史事件", "History");
    REF = ("编号", "Ref");
    LEARNED = ("获知", "Learned");
    GRADE = ("等级", "Grade");
    STATUS = ("状态", "Status");
    TITLE_PLACE = ("标题 地点", "Title place");
    NO_INCIDENT_MATCHES = ("没有符合条件的事件", "No incident matches");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::CLASS`, which says "Class".
        CATEGORY = ("类别", "Category");
    }
}
