//! The words of `service::incident`.

crate::words! {
    TITLE_EMPTY = ("标题不能为空", "must not be empty");
    CATEGORY_REQUIRED = ("请选择类别", "required");
    OCCURRED_AT_AFTER_LEARNED_AT = ("发生时间晚于获知时间", "occurred-at is after learned-at");
    RECIPIENT_REQUIRED = ("请填写报送对象", "recipient is required");
    NOT_IN_DIRECTORY = ("通讯录中没有", "not in the directory:");
    CANDIDATES = ("可选", "candidates");
    WRITTEN_REPORT_GOES_BY_FAX = (
        "书面报告须以传真、系统或其他书面方式报送，不能用电话",
        "a written report goes by fax, system or other written means, not by phone",
    );
    WRITTEN_REPORT_NEEDS_ITS_SIGNER = ("书面报告须填写签发人", "a written report needs its signer (签发)");
    INCIDENT_CLOSED_NO_MORE_REPORTS = ("事件已办结,不能再报送", "the incident is closed; no more reports");
    SENT_BEFORE_LEARNED = ("报送时间早于获知时间", "is before the incident was learned of");
    FOLLOW_UP_NEEDS_FIRST_REPORT = (
        "续报须在首报(电话或书面)之后：尚无首报记录",
        "a follow-up (续报) needs a first report (phone or written) on record first",
    );
    FINAL_REPORT_NEEDS_HANDLING_ENDED = (
        "终报须在处置结束之后：请先记录处置结束(x / incident end)",
        "a final report (终报) needs handling ended first (x on the incident page, or `incident end`)",
    );
    GRADE_CHANGE_NEEDS_GRADE_I = ("请选择等级 Ⅰ–Ⅳ", "a grade change needs a grade: I, II, III or IV");
    DECIDED_BEFORE_LEARNED = ("决定时间早于获知时间", "is before the incident was learned of");
    HANDLING_HAS_ALREADY_ENDED = ("处置已结束", "handling has already ended");
    HANDLING_ENDED = ("处置结束", "handling ended");
    HANDLING_HAS_NOT_ENDED_RECORD = (
        "处置尚未结束,不能办结:请先记录处置结束(x / incident end),再报终报",
        "handling has not ended: record its end (x, or `incident end`) and send the final report first",
    );
    CANNOT_CLOSE_WHILE_DUTIES_OPEN = ("尚有待办时限,不能办结", "cannot close while duties are open");
    SEND_EACH_OR_HAVE_LEADER = (
        "请逐项报送,或由领导批准免报(事件页按 v;命令行 incident waive ID --obligation N --reason … --by 领导)",
        "send each, or have a leader waive it (v on the incident page; incident waive ID --obligation N \
                 --reason … --by LEADER)",
    );
    STILL_OWED_WHEN_INCIDENT_WAS = ("办结时仍未报送", "still owed when the incident was closed");
}

use crate::Label;
use crate::domain::{Grade, Lang};

/// The refusal for an undeclared skip-level step: `to` is the level reported to, `skipped` the
/// levels not yet told (labels in the reader's language).
pub fn skip_level_refused(to: &str, skipped: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "报送{to}属越级上报：{}尚未报告。请先逐级上报，或注明越级上报及理由（--skip-level --reason）",
            skipped.join("、")
        ),
        Lang::En => format!(
            "reporting to the {to} skips {} (not yet told): report level by level, or give --skip-level --reason WHY",
            skipped.join(", ")
        ),
    }
}

/// The reason logged for a grade change. The English names the grade by its Chinese label, the
/// one the rules and upper duty rooms use.
pub fn regraded(grade: Grade, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("等级调整为{}", grade.label(lang)),
        Lang::En => format!("regraded to {}", grade.label(Lang::Zh)),
    }
}

/// The label of the `seq`-th 续报 in the chain: 续报二 / follow-up 2.
pub fn followup_label(seq: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("续报{}", crate::record::written::zh_number(seq)),
        Lang::En => format!("follow-up {seq}"),
    }
}
