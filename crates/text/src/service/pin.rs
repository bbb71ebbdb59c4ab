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
