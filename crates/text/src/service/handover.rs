//! The words of `service::handover`.

crate::words! {
    NO_DUTY_OFFICER_ON_ROSTER = (
        "此时值班表上没有值班员,无法确定交接班时段",
        "no duty officer on the roster at that time, so there is no watch to hand over",
    );
    HANDOVER_SIGNED_BY_BOTH_OFFICERS = (
        "交接班记录已由双方签字并锁定,不能修改;请用 handover addendum 补记",
        "the handover is signed by both officers and locked; it cannot be edited — add an addendum (handover addendum ID --text)",
    );
    OUTGOING_OFFICER_HAS_SIGNED_CONTENT = (
        "交班人已签字,内容不能再改",
        "the outgoing officer has signed; the content can no longer change",
    );
    NO_HANDOVER = ("没有这份交接班记录:", "no handover");
    OUTGOING = ("交班", "outgoing");
    INCOMING = ("接班", "incoming");
    IS_NOT_THE = ("不是", "is not the");
    DUTY_OFFICER_ON_ROSTER = ("值班员(以值班表为准)", "duty officer on the roster");
    NONE_ALLOWED = ("(无)", "(none)");
    ALREADY_SIGNED_AT = ("已于此时签字,不能重复签字:", "already signed at");
    OUTGOING_OFFICER_SIGNS_FIRST = ("交班人须先签字", "the outgoing officer signs first");
    HANDOVER_CAN_SIGNED_ONLY_FROM = ("交接班只能在此时段内签字:", "the handover can be signed only from");
    NOW = ("现在", "now");
    LATE_SIGNATURE = ("(迟签)", " (late)");
    ADDENDUM_EMPTY = ("补记内容不能为空", "must not be empty");
    SENT = ("已报", "sent");
    LATE_SINCE_OUTGOING_SIGNATURE = (
        "交班签字后新增迟报(未列入已签内容,接班前请知悉)",
        "Late since the outgoing signature (not in the signed content; for the incoming officer before signing)",
    );
    SHIFT_HANDOVER = ("交接班记录", "Shift handover");
    PERIOD = ("时段", "Period");
    OUTGOING_OFFICER = ("交班值班员", "Outgoing officer");
    INCOMING_OFFICER = ("接班值班员", "Incoming officer");
    SIGNED_BY_BOTH_LOCKED = ("双方已签字,已锁定", "signed by both, locked");
    OUTGOING_SIGNED_AWAITING_INCOMING = ("交班人已签字,待接班人签字", "outgoing signed, awaiting incoming");
    DRAFT_NOT_SIGNED = ("草稿,待签字", "draft, not signed");
    STATUS = ("状态", "Status");
    AT_OUTGOING_SIGNATURE = ("(交班签字时)", " (at the outgoing signature)");
    DRAFT = ("(草稿)", " (draft)");
    CONTENT_TAKEN_AT = ("内容截至", "Content taken at");
    RECORD_HEAD_AT_SIGNATURE = ("记录校验码（签字时）", "Record head (at the signature)");
    OUTGOING_SIGNATURE = ("交班签字", "Outgoing signature");
    INCOMING_SIGNATURE = ("接班签字", "Incoming signature");
    PIN_VERIFIED = ("PIN 已核验", "PIN verified");
    UNVERIFIED = ("未核验", "UNVERIFIED");
    INCIDENTS_RECEIVED_THIS_WATCH = ("本班接报事件", "Incidents received this watch");
    LEARNED = ("获知", "learned");
    DEADLINES_FALLING_IN_NEXT_WATCH = ("下一班到期的时限", "Deadlines falling in the next watch");
    REPORTS_OWED_NOT_SENT = ("未报送事项", "Reports owed, not sent");
    ESCALATIONS_NOT_ACKNOWLEDGED = ("未确认的上报", "Escalations not acknowledged");
    ACK_OVERDUE = ("确认超时", "ack overdue");
    LATE_REPORTS = ("迟报事项", "Late reports (迟报)");
    LEADER_INSTRUCTIONS_AWAITING_FEEDBACK = ("未反馈的领导批示", "Leader instructions awaiting feedback");
    RECURRING_DUTIES = ("例行报送事项", "Recurring duties");
    DONE = ("已办", "done");
    /// A flag put after a word, with its leading space.
    LATE_FLAG = (" 迟报", " LATE");
    OVERDUE = ("超时未办", "OVERDUE");
    OWED = ("待办", "owed");
    TASKS_STILL_OPEN = ("未办结的督办任务", "督办 tasks still open");
    TASK_OVERDUE = ("超时", "OVERDUE");
    SET_BY = ("督办", "set by");
    OWNER = ("承办", "owner");
    EQUIPMENT_FAULTS = ("设备故障", "Equipment faults");
    SINCE = ("自", "since");
    SPOT_CHECKS = ("抽查情况", "Spot checks");
    OUTGOING_REMARKS = ("交班人备注", "Outgoing officer's remarks");
    SIGNATURES = ("签字", "Signatures");
    NOT_SIGNED = ("未签", "not signed");
    OUTGOING_SIGNER = ("交班人", "Outgoing");
    INCOMING_SIGNER = ("接班人", "Incoming");
    ADDENDA = ("补记", "Addenda");
}

use crate::domain::Lang;

/// The log line of a handover signature, before the late flag and the PIN mark. The name follows
/// the label with no space, as the line has always been written.
pub fn signed_line(id: i64, side: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("交接班记录 #{id} {side} 签字:{name}"),
        Lang::En => format!("handover #{id} {side} signed by {name}"),
    }
}

/// When an escalation step was sent, in the sheet's list of unacknowledged steps.
pub fn sent_at(at: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("报送 {at}"),
        Lang::En => format!("sent {at}"),
    }
}
