//! Labels for codes that are stored as strings (obligation kinds).

use crate::domain::{Lang, ReportKind};

/// The label of an obligation kind: a report kind, or an escalation item.
pub fn obligation_kind(kind: &str, lang: Lang) -> String {
    if let Ok(k) = kind.parse::<ReportKind>() {
        return k.label(lang).to_string();
    }
    match kind {
        "notify-leader" => lang.pick("报本级领导", "tell own leader").into(),
        "notify-upper" => lang.pick("报上级值班室", "tell upper duty room").into(),
        "leader-after-skip" => lang.pick("越级后报本级领导", "tell own leader (after skip)").into(),
        "direct-province" => lang.pick("直报省值班室", "direct report to province").into(),
        other => match other.strip_prefix("reach-").and_then(|l| l.parse::<crate::domain::Level>().ok()) {
            Some(level) => format!("{}{}", lang.pick("报", "report to "), level.label(lang)),
            None => other.to_string(),
        },
    }
}
