//! The forms that act on one incident: record a report, escalate, record an acknowledgement,
//! change the grade, end handling, waive a duty, update the facts ([`super::facts`]), correct an
//! entry. One label per field; the PIN and its reason are shared ([`super::NO_PIN_REASON`]).

crate::words! {
    // Record a report (报送).
    REPORT_KIND = ("报送类型", "Report");
    REPORT_TO = ("报送对象", "Recipient");
    CHANNEL = ("方式", "Channel");
    REPORT_AT = ("报送时间", "Sent at");
    SIGNER = ("签发人", "Signer (签发)");
    DOC_NO = ("文号", "Doc. number");
    SIGNER_PIN = ("签发人 PIN", "PIN of the signer (签发)");
    // Escalate (上报).
    STEP_TO = ("上报对象", "Recipient");
    STEP_AT = ("上报时间", "Sent at");
    SKIP_LEVEL = ("越级上报", "Skip-level");
    SKIP_REASON = ("越级理由", "Reason (skip-level)");
    // Record an acknowledgement (确认).
    ACK_LEVEL = ("确认层级", "Level");
    ACK_BY = ("确认人", "Confirmed by");
    ACK_AT = ("确认时间", "At");
    // Change the grade.
    NEW_GRADE = ("新等级", "New grade");
    DECIDED_BY = ("决定人(领导)", "Decided by (leader)");
    DECIDED_AT = ("决定时间", "Decided at");
    DECIDER_PIN = ("决定人 PIN", "PIN of the leader deciding");
    GRADE_HELP = ("决定时间留空即现在;可填 04:20、-20m", "empty time = now; or 04:20, -20m");
    // Handling ended (处置结束).
    ENDED_AT = ("处置结束时间", "Handling ended at");
    END_HELP = (
        "续报随即停止(已超时的仍须补报),终报自此时起计时限",
        "follow-ups not yet due stop (overdue ones stay owed); the final report counts from this time",
    );
    // Waive a duty (免报).
    WAIVED_DUTY = ("免报事项", "Duty");
    WAIVE_REASON = ("理由", "Reason");
    WAIVE_BY = ("批准领导", "Leader deciding");
    WAIVE_PIN = ("批准领导 PIN", "PIN of the leader deciding");
    WAIVE_HELP = (
        "免报须写明理由并由领导批准;已超时的事项免报后仍计为漏报",
        "a waiver needs a reason and a leader; a duty already overdue still counts as missed",
    );
    // Update the facts: when the new facts became known.
    KNOWN_AT = ("获知时间", "Known at");
    UPDATE_HELP = (
        "改动的项记入更新记录(谁、何时);时间留空即现在,可填 05:30、-20m",
        "what you change is recorded (who, when); empty time = now; or 05:30, -20m",
    );
    // Correct an entry (更正).
    CORRECTED_ENTRY = ("更正哪一条", "Entry");
    CORRECT_REASON = ("更正理由", "Reason");
    CORRECTED_BY = ("更正人", "Corrected by");
    CORRECT_HELP = (
        "原记录保留并标注;其完成的时限重新待办(原时限)",
        "the original stays, marked; the duties it fulfilled are owed again (original due times)",
    );
}
