//! The words of `service::docs::daylog`.

crate::words! {
    NO_DUTY_RECORD_THAT_DAY = (
        "当日没有值班记录（无日志、无接报事件）",
        "no duty record that day (no log entries, no incidents received)",
    );
    DUTY_RECORD = ("值班记录", "duty record");
    DUTY_DAY = ("值班日", "Duty day");
    NONE_SENTENCE = ("无。", "None.");
    LEARNED = ("获知时间", "Learned");
    REF = ("编号", "Ref.");
    CATEGORY_GRADE = ("类别/等级", "Category / grade");
    TIME = ("时间", "Time");
    KIND = ("类型", "Kind");
    CONTENT = ("内容", "Content");
    BY = ("记录人", "By");
    CALLS_SECTION = ("二、来电去电", "2. Calls in and out");
    AWAITING_FEEDBACK = ("（待反馈）", "(awaiting feedback)");
    INSTRUCTIONS_SECTION = ("三、领导批示及反馈", "3. Leader instructions and feedback");
    FROM = ("批示领导", "From");
    INSTRUCTION = ("批示内容", "Instruction");
    FEEDBACK = ("反馈", "Feedback");
    SPOT_CHECKS_SECTION = ("四、抽查情况", "4. Spot checks");
    EQUIPMENT_SECTION = ("五、设备检查", "5. Equipment checks");
    NOTES_SECTION = ("六、记事", "6. Notes");
    DUTY_OFFICER_LEADER_ON_DUTY = (
        "值班员签字:__________  带班领导签字:__________",
        "Duty officer: __________  Leader on duty: __________",
    );
}
