//! The words of `service::ledger`.

crate::words! {
    NAME_LEADER_REQUIRED = ("须填写带班领导姓名", "the name of a leader is required");
    DOES_NOT_HAVE_LEADER_ROLE = ("不是领导(无带班领导角色)", "does not have the leader role");
    WAIVER_NEEDS_ITS_REASON = ("免报须写明理由", "a waiver needs its reason");
    HAS_NO_OPEN_DUTY = ("没有待办时限", "has no open duty");
    WHO_SAID_SO_REQUIRED = ("须填写告知人", "who said so is required");
    TRACKS_NO_OPEN_RELAY = ("没有待确认的转报层级", "tracks no open relay to");
}

use crate::domain::Lang;

/// The open duties offered when a waiver names none of them: `待办: 3 (phone_first), 4 (written_first)`.
pub fn open_duties(list: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("待办: {list}"),
        Lang::En => format!("open duties: {list}"),
    }
}
