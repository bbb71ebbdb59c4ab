//! The words of `service::log`.

crate::words! {
    YES = ("是", "yes");
    NO = ("否", "no");
    PHONE = ("电话", "phone");
    FAX = ("传真", "fax");
    NETWORK = ("网络", "network");
    RADIO = ("电台", "radio");
    DEVICE = ("设备", "device");
    SYSTEM_ENTRIES_ARE_AUTOMATIC = ("系统条目由程序自动记录", "system entries are written by the program");
    NO_LOG_ENTRY = ("没有这条日志:", "no log entry");
    NO_INCIDENT = ("没有这个事件:", "no incident");
    LEADER_WHO_GAVE_INSTRUCTION_REQUIRED = ("请填写作出批示的领导", "the leader who gave the instruction is required");
    ID_INSTRUCTION_ANSWERED_REQUIRED = ("请填写所反馈的批示编号", "the id of the instruction answered is required");
    SPOT_CHECK_NEEDS_UNIT_AND = ("抽查需填写单位与结果", "a spot check needs the unit and the result");
    CHECKING_OR_CHECKED_UNIT_REQUIRED = ("请填写抽查单位", "the checking or checked unit is required");
    CHECK_RECEIVED_FROM = ("接受抽查", "check received from");
    CHECK_MADE_ON = ("抽查", "check made on");
    ANSWERED = ("接听", "answered");
    DELAY = ("延时", "delay");
    AT_POST = ("在岗", "at post");
    FORWARDED = ("转接", "forwarded");
    GIVE_STATE_AT_LEAST_ONE = ("至少填写一项设备状态", "give the state of at least one device");
    OK = ("正常", "OK");
    FAULT = ("故障", "FAULT");
    TEXT_EMPTY = ("内容不能为空", "must not be empty");
}

/// 是 / 否 in the reader's language.
pub fn yes_no(lang: crate::domain::Lang, b: bool) -> &'static str {
    if b { YES.get(lang) } else { NO.get(lang) }
}

/// Display name of a device code.
pub fn device_label(device: &str, lang: crate::domain::Lang) -> &'static str {
    match device {
        "phone" => PHONE.get(lang),
        "fax" => FAX.get(lang),
        "network" => NETWORK.get(lang),
        "radio" => RADIO.get(lang),
        _ => DEVICE.get(lang),
    }
}
