//! The words of `service::escalation`.

crate::words! {
    WAS_NEVER_SENT_STEP_NOTHING = ("尚未报送,无从确认", "was never sent a step; nothing to acknowledge");
}

use crate::domain::Lang;

/// The refusal of an acknowledgement timed before its step was sent (times as the officer typed them).
pub fn ack_before_sent(at: &str, sent: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("确认时间 {at} 早于报送时间 {sent}"),
        Lang::En => format!("the acknowledgement at {at} is before the step was sent at {sent}"),
    }
}
