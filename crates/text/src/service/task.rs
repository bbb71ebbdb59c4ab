//! The words of `service::task`.

crate::words! {
    NO_LOG_ENTRY = ("没有这条日志", "no log entry");
    TASK_NEEDS_ITS_TITLE = ("须填写任务内容", "a task needs its title");
    TASK_NEEDS_ITS_DUE_TIME = ("须填写办结时限", "a task needs its due time");
    BEFORE_NOW_TASK_CANNOT_FALL = ("时限早于现在:任务不能在设立之前到期", "is before now: a task cannot fall due before it exists");
    DONE_TASK_NEEDS_ITS_RESULT = ("须填写办理结果", "a done task needs its result");
    NO_LONGER_OPEN_TASK = ("任务已办结", "is no longer open: task");
    BEFORE_TASK_WAS_SET = ("早于任务设立时间", "is before the task was set");
}
