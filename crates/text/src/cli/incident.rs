//! `dutywatch incident …`: the words of `incident show` and `incident update` (labels of codes and
//! fields come from [`crate::codes`]).

use crate::domain::Lang;

crate::words! {
    /// `incident update` on a closed incident: the change is an addendum (补记).
    ADDENDUM = ("补记", "addendum");
    /// `incident update` on an open incident.
    UPDATED = ("更新", "updated");
    /// After an update in the history when it was an addendum.
    ADDENDUM_MARK = (" 补记", " addendum");
    OCCURRED = ("发生", "occurred");
    LEARNED = ("获知", "learned");
    TRACKING = (
        "转报跟踪(上级转报,不计本单位迟报漏报):",
        "tracking (relayed by the chain; not this unit's duties):",
    );
    /// A tracked level the upper room confirmed, before when and by whom (as a filed plan's
    /// acknowledgement: one wording for 已确认).
    ACKNOWLEDGED = ("已确认", "acknowledged");
    CORRECTED = ("已更正", "corrected");
    /// Before the figures a report carried.
    CARRIED = ("所报", "carried");
}

/// A follow-up report by its number: `续报三` / `follow-up 3`.
pub fn followup(seq: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("续报{}", crate::record::written::zh_number(seq)),
        Lang::En => format!("follow-up {seq}"),
    }
}
