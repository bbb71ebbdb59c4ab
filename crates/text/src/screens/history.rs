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

/// Texts whose Chinese another entry of the catalogue already words differently in English.
/// They keep their present English so no output changes; they are kept out of
/// [`catalogue`](crate::catalogue) until one wording is chosen for each (issue 13).
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::CLASS`, which says "Class".
        CATEGORY = ("类别", "Category");
    }
}
