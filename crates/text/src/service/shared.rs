//! The words several service modules say alike (one entry each, so they cannot drift apart).

crate::words! {
    DUTY_OFFICER = ("值班员", "Duty officer");
    INCIDENTS = ("事件", "Incidents");
    NONE = ("无", "none");
    LEADER_ON_DUTY = ("带班领导", "Leader on duty");
    INCIDENTS_RECEIVED_SECTION = ("一、接报事件", "1. Incidents received");
    INCIDENT_CLOSED = ("事件已办结", "the incident is closed");
    BEFORE_LEARNED = ("早于获知时间", "is before the incident was learned of");
    WHO_CONFIRMED_REQUIRED = ("请填写确认人姓名", "the name of who confirmed is required");
    DUE = ("时限", "due");
    NOT_ACTIVE_PERSON = ("已停用", "is not an active person");
    NOT_A_PERSON = ("不在人员名单中", "is not a person on the roster (dutywatch person list)");
    OPEN_ACKS = ("待确认", "open");
    REASON_REQUIRED = ("须写明理由", "a reason is required");
    NOT_AN_INSTRUCTION = ("不是领导批示", "is not a leader's instruction (批示)");
}
