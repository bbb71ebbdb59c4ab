//! Text of the alerts list.

crate::words! {
    ALERTS = ("告警", "Alerts");
    UNACKNOWLEDGED = ("未知悉", "unacknowledged");
    NO_ACTIVE_ALERT = ("没有告警", "No active alert");
    OF = ("共", "of");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue already words differently in English.
/// They keep their present English so no output changes; they are kept out of
/// [`catalogue`](crate::catalogue) until one wording is chosen for each (issue 13).
pub mod variants {
    crate::words! {
        /// Same Chinese as `alerts::UNACKNOWLEDGED`, which says "unacknowledged".
        NOT_ACKNOWLEDGED = ("未知悉", "not acknowledged");
    }
}
