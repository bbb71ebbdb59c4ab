//! The console's forms: every field label, choice, hint and help line, one submodule per form
//! file of the board (the intake, an incident's actions, the log, the directory, the roster, the
//! handover), the words several forms share here; the action forms' titles, and the entries
//! offered for a correction.

use crate::domain::Lang;

pub mod actions;
pub mod directory;
pub mod facts;
pub mod handover;
pub mod intake;
pub mod log;
pub mod roster;

/// Esc on a form: the words of the confirmation's "no" key, one entry for one meaning.
pub use super::keys::action::NO as CANCEL;

/// The title of each action form (the popup names the incident after it). Ending handling and
/// updating the facts are titled as their keys are labelled: the catalogue has one English for
/// 处置结束 and 更新事实 ([`super::keys::action`]).
pub mod title {
    crate::words! {
        REPORT = ("记录报送", "Record a report");
        ESCALATE = ("逐级/越级上报", "Escalate");
        ACK = ("记录上级确认", "Record acknowledgement");
        GRADE = ("调整等级", "Change grade");
        WAIVE = ("免报(须领导批准)", "Waive a duty (leader's decision)");
        CORRECT = ("更正(原记录保留)", "Correct an entry (the original stays)");
    }
}

crate::words! {
    /// `c` on the incident page asks first.
    CONFIRM_CLOSE = ("确认办结此事件?", "Close this incident?");
    /// A form's help line unless it says more.
    REQUIRED = ("* 为必填", "* required");
    /// The help line of a form with one optional time.
    REQUIRED_EMPTY_TIME_NOW = ("* 为必填;时间留空即现在,可填 14:05、-20m", "* required; empty time = now; or 14:05, -20m");
    YES = ("是", "yes");
    NO = ("否", "no");
    /// A contact or a person no longer in use.
    INACTIVE = ("停用", "inactive");
    STATUS = ("状态", "Status");
    PHONE = ("电话", "Phone");
    FAX = ("传真", "Fax");
    /// Why an act names a person without their PIN (issue 14): recorded "unverified".
    NO_PIN_REASON = ("无 PIN 的原因(记为未核验)", "No PIN: the reason (recorded unverified)");
}

/// An escalation step offered for correction: `上报 省级 省应急厅 11-22 14:05`.
pub fn step_entry(level: &str, recipient: &str, when: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("上报 {level} {recipient} {when}"),
        Lang::En => format!("step {level} {recipient} {when}"),
    }
}

/// The acknowledgement of a step offered for correction: `确认 省级 王五 11-22 14:30`.
pub fn ack_entry(level: &str, by: &str, when: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("确认 {level} {by} {when}"),
        Lang::En => format!("ack {level} {by} {when}"),
    }
}

/// A label made at run time in both languages (a choice offering a contact, a level, an entry),
/// for the language the form is drawn in: the [`Words`](crate::Words) of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

impl Label {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Label {
        Label { zh: zh.into(), en: en.into() }
    }

    /// The label in the reader's language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
