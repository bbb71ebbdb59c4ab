//! The log screen's forms: a log entry, a spot check (抽查), an equipment check, a task (督办)
//! made from a leader's instruction.

crate::words! {
    // A log entry.
    KIND = ("类型", "Kind");
    TEXT = ("内容", "Text");
    AT = ("时间", "At");
    INCIDENT = ("关联事件", "Incident");
    LEADER = ("批示领导(批示时填)", "Leader (instruction)");
    ANSWERS = ("反馈的批示(反馈时选)", "Instruction answered (feedback)");
    /// No incident, no instruction answered.
    NONE = ("(无)", "(none)");
    // A spot check.
    DIRECTION = ("方向", "Direction");
    RECEIVED = ("接受上级抽查", "received");
    MADE = ("抽查下级", "made");
    UNIT = ("抽查/被查单位", "Unit");
    ANSWERED = ("是否接听", "Answered");
    DELAY = ("接听用时(秒)", "Delay (s)");
    AT_POST = ("是否在岗", "At post");
    FORWARDED = ("是否转接", "Forwarded");
    FINDINGS = ("发现问题", "Findings");
    // An equipment check (the fax is [`super::FAX`]).
    OK = ("正常", "OK");
    FAULT = ("故障", "fault");
    DUTY_PHONE = ("值班电话", "Duty phone");
    NETWORK = ("网络", "Network");
    RADIO = ("电台", "Radio");
    NOTE_PHONE = ("电话说明", "Phone note");
    NOTE_FAX = ("传真说明", "Fax note");
    NOTE_NETWORK = ("网络说明", "Network note");
    NOTE_RADIO = ("电台说明", "Radio note");
    NOTE = ("总体说明", "Note");
    // A task from an instruction.
    INSTRUCTION_NO = ("批示编号", "Instruction no.");
    TASK = ("督办事项", "Task");
    OWNER = ("承办人", "Owner");
    DUE_HOURS = ("办结时限(小时)", "Due in (hours)");
    TASK_HELP = ("* 为必填;督办人即批示领导", "* required; set by the instruction's leader");
}
