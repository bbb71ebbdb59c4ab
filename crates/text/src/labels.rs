//! Labels for codes that are stored as strings (obligation kinds, obligation states).

use crate::codes::Label;
use crate::domain::deadlines::ObligationState;
use crate::domain::{Lang, ObligationKind};

/// The labels of the duties that are not reports.
pub mod kind_words {
    crate::words! {
        NOTIFY_LEADER = ("报本级领导", "tell own leader");
        NOTIFY_UPPER = ("报上级值班室", "tell upper duty room");
        LEADER_AFTER_SKIP = ("越级后报本级领导", "tell own leader (after skip)");
        SUMMARY = ("总结评估", "summary evaluation");
    }
}

/// The labels of the obligation kinds a deadline rule may name that are not reports.
pub mod rule_kind_words {
    crate::words! {
        DIRECT_PROVINCE = ("直报省值班室", "direct report to province");
        NOTIFY_LEADER = ("报告本级领导", "notify own leader");
        NOTIFY_UPPER = ("报告上级值班室", "notify upper duty room");
        REPORT_REGULATOR = ("报告监管部门", "report to regulator");
    }
}

/// The label of an obligation kind, for any code a deadline rule may put in the obligation table
/// (`None` for another code).
pub fn kind_label(kind: &ObligationKind, lang: Lang) -> Option<&'static str> {
    if let Some(k) = kind.report_kind() {
        return Some(k.label(lang));
    }
    Some(
        match kind {
            ObligationKind::DirectProvince => rule_kind_words::DIRECT_PROVINCE,
            ObligationKind::NotifyLeader => rule_kind_words::NOTIFY_LEADER,
            ObligationKind::NotifyUpper => rule_kind_words::NOTIFY_UPPER,
            ObligationKind::ReportRegulator => rule_kind_words::REPORT_REGULATOR,
            _ => return None,
        }
        .get(lang),
    )
}

/// The label of an obligation kind: a report kind, a deadline-rule kind, or an escalation item.
/// A task or a routine duty read as a ledger item is named by its code.
pub fn obligation_kind(kind: &ObligationKind, lang: Lang) -> String {
    if let Some(k) = kind.report_kind() {
        return k.label(lang).to_string();
    }
    match kind {
        ObligationKind::NotifyLeader => return kind_words::NOTIFY_LEADER.get(lang).into(),
        ObligationKind::NotifyUpper => return kind_words::NOTIFY_UPPER.get(lang).into(),
        ObligationKind::LeaderAfterSkip => return kind_words::LEADER_AFTER_SKIP.get(lang).into(),
        ObligationKind::SummaryEval => return kind_words::SUMMARY.get(lang).into(),
        ObligationKind::Ready(item) => return super::levels::ready_label(item, lang),
        _ => {}
    }
    if let Some(l) = kind_label(kind, lang) {
        return l.to_string();
    }
    match kind.tracking_level() {
        Some(level) => format!("{}{}", lang.pick("报", "report to "), level.label(lang)),
        None => kind.to_string(),
    }
}

/// The label of a kind as statistics tally it, by the code read from the row: a code that names no
/// kind (a damaged row, which `check` names) is shown as it is.
pub fn obligation_kind_code(code: &str, lang: Lang) -> String {
    code.parse().map(|k| obligation_kind(&k, lang)).unwrap_or_else(|_| code.to_string())
}

/// [`obligation_kind_code`] for narrow columns ([`obligation_kind_short`]).
pub fn obligation_kind_code_short(code: &str, lang: Lang) -> String {
    code.parse().map(|k| obligation_kind_short(&k, lang)).unwrap_or_else(|_| code.to_string())
}

/// The label of an obligation state code (as in the JSON output).
pub fn obligation_state(code: &str, lang: Lang) -> String {
    ObligationState::ALL
        .iter()
        .find(|s| s.code() == code)
        .map(|s| s.label(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// A short label for narrow columns (the board's "Due next"): in English the long names would be
/// cut to the same prefix ("first report (…"), so each kind gets a distinct short form.
pub fn obligation_kind_short(kind: &ObligationKind, lang: Lang) -> String {
    if lang == Lang::Zh {
        return obligation_kind(kind, lang);
    }
    let short = match kind {
        ObligationKind::FirstPhone => "1st phone",
        ObligationKind::FirstWritten => "1st written",
        ObligationKind::National => "State Council",
        ObligationKind::Followup => "follow-up",
        ObligationKind::Final => "final",
        ObligationKind::DirectProvince => "direct prov.",
        ObligationKind::NotifyLeader => "tell leader",
        ObligationKind::NotifyUpper => "tell upper",
        ObligationKind::LeaderAfterSkip => "leader (skip)",
        ObligationKind::Reach(level) => return format!("to {}", level.code()),
        other => return obligation_kind(other, lang),
    };
    short.to_string()
}

/// The mark beside an entry recorded by mistake and corrected (issue 15), by what it was: a report,
/// an escalation step, or the acknowledgement of a step.
pub fn correction_mark(target: &str, lang: Lang) -> &'static str {
    match target {
        "step" => lang.pick("上报已更正:", "step corrected:"),
        "ack" => lang.pick("确认已更正:", "ack corrected:"),
        _ => lang.pick("已更正:", "corrected:"),
    }
}

/// "acknowledged by" in a line that names who acknowledged a step and when.
pub fn acked_by(lang: Lang) -> &'static str {
    lang.pick("确认人", "acked by")
}

/// Date-range filter words of the history screen (issue 15): the prompt for each end and the label
/// of the range in force.
pub fn date_filter(code: &str, lang: Lang) -> &'static str {
    match code {
        "from" => lang.pick("起(日期/月份/时间/-7d,空为不限)", "from (day/month/time/-7d, empty: any)"),
        "to" => lang.pick("止(含当日,空为不限)", "to (inclusive, empty: any)"),
        "range" => lang.pick("获知", "learned"),
        _ => "",
    }
}

/// A long migration's progress on stderr (the audit chain linking every event of a file from before
/// schema 7, issue 14): "migrating… 250,000 of 3,127,727 events". `done` and `total` are already
/// formatted (thousands separated).
pub fn migrating(done: &str, total: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("正在升级数据文件…已校链 {done} / {total} 条审计事件（期间其他终端无法写入）"),
        Lang::En => format!("migrating… {done} of {total} events (other terminals cannot write meanwhile)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_labels_exist_for_every_known_kind() {
        for k in ObligationKind::DEADLINE.iter().chain([&ObligationKind::Followup, &ObligationKind::Final]) {
            assert!(kind_label(k, Lang::Zh).is_some(), "{k}");
            assert!(kind_label(k, Lang::En).is_some(), "{k}");
        }
        assert_eq!(kind_label(&ObligationKind::Task, Lang::Zh), None);
    }
}
