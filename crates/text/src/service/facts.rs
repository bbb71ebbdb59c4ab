//! The words of `service::facts`.

crate::words! {
    TOO_LARGE = ("数字过大", "is too large");
    NOTHING_TO_UPDATE = (
        "没有要更新的内容(--dead、--trapped、--rescued、--cause、--progress …)",
        "nothing to update: give at least one of --dead, --trapped, --rescued, --cause, --progress …",
    );
    SAME_AS_ON_RECORD = ("与现有记录相同,没有变化", "the same as on record: nothing changed");
    CLOSED_ONLY_CAUSE_AND_PROGRESS = (
        "事件已办结,只能补记原因和进展(--cause、--progress)",
        "is closed: only --cause and --progress can be added, as addenda",
    );
}
