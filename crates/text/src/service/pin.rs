//! The words of `service::pin`.

crate::words! {
    UNVERIFIED = ("未核验:", "unverified:");
    WRONG_PIN_FOR = ("PIN 错误:", "wrong PIN for");
    PIN_LOCKED_UNTIL = ("的 PIN 因多次输错已锁定至", "'s PIN is locked after 5 wrong PINs until");
    UNVERIFIED_LETS_ACT_GO_ON = (";可用 --unverified 原因 继续", "; --unverified REASON lets the act go on");
    HAS_NO_PIN_SET_ONE = ("尚未设置 PIN(dutywatch person pin)", "has no PIN yet (dutywatch person pin)");
    PIN_OR_UNVERIFIED_REQUIRED = (
        "须输入 PIN(--pin-stdin),或以 --unverified 原因 记录为未核验",
        "must give their PIN (--pin-stdin), or the act is recorded unverified with --unverified REASON",
    );
    NO_PIN_SET = ("未设置 PIN", "no PIN set");
    FIRST_PIN_NEEDS_LEADER = ("尚无 PIN:首次设置须由领导以其 PIN 授权(--by)", "no PIN yet: a first PIN needs a leader's PIN (--by)");
    DOES_NOT_HAVE_LEADER_ROLE = ("不是领导", "does not have the leader role");
    HAS_NO_PIN_YET = ("尚未设置 PIN", "has no PIN yet");
    FIRST_PIN_OR_RESET_NEEDS = (
        "首次设置或重置 PIN 须由一位已有 PIN 的领导授权(--by 领导)",
        "a first PIN or a reset needs the PIN of a leader who has one (--by LEADER)",
    );
}

/// The reason a signature was not verified, as a reader of `lang` sees it. The reasons dutywatch
/// gives itself (no PIN set; an approver not on the person list) are stored in Chinese, the record's
/// language, and shown in the reader's; lines written before stop 25 may hold them in English, which
/// is recognised too. A reason a person typed (`--unverified "PIN pad broken"`) is shown as typed.
pub fn unverified_reason(why: &str, lang: crate::domain::Lang) -> &str {
    for words in [NO_PIN_SET, crate::service::shared::NOT_A_PERSON] {
        if why == words.zh || why == words.en {
            return words.get(lang);
        }
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    #[test]
    fn a_reason_dutywatch_gave_is_shown_in_the_readers_language_and_a_typed_one_as_typed() {
        assert_eq!(unverified_reason("未设置 PIN", Lang::En), "no PIN set");
        assert_eq!(unverified_reason("no PIN set", Lang::Zh), "未设置 PIN");
        assert_eq!(unverified_reason("不在人员名单中", Lang::Zh), "不在人员名单中");
        assert_eq!(unverified_reason("PIN pad broken", Lang::Zh), "PIN pad broken");
    }
}
