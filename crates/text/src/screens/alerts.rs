//! Text of the alerts list.

crate::words! {
    ALERTS = ("告警", "Alerts");
    UNACKNOWLEDGED = ("未知悉", "unacknowledged");
    NO_ACTIVE_ALERT = ("没有告警", "No active alert");
    OF = ("共", "of");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `alerts::UNACKNOWLEDGED`, which says "unacknowledged".
        NOT_ACKNOWLEDGED = ("未知悉", "not acknowledged");
    }
}
