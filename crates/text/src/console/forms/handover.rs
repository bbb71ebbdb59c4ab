//! The handover's forms: the signer of a sign-out or take-over, the outgoing officer's remarks.

crate::words! {
    SIGNER_NAME = ("签字人姓名(须为值班表上的值班员)", "Signer's name (an officer on the roster)");
    PIN = ("PIN(已设置者必填)", "PIN (required once set)");
    NO_PIN_REASON = ("无法输入 PIN 时的原因(记为未核验)", "No PIN: the reason (recorded unverified)");
    REMARKS = ("交班人备注", "Outgoing officer's remarks");
}
