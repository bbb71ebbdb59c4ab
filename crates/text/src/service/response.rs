//! The words of `service::response`.

crate::words! {
    RED = ("红色", "red");
    ORANGE = ("橙色", "orange");
    YELLOW = ("黄色", "yellow");
    BLUE = ("蓝色", "blue");
    LEVEL_CHANGE_NEEDS_ITS_REASON = ("须写明启动或调整的理由", "a level change needs its reason");
    ENDING_RESPONSE_NEEDS_ITS_END = ("终止响应须写明终止条件", "ending a response needs its end conditions");
    BEFORE_LAST_RESPONSE_CHANGE = ("早于上一次响应级别调整", "is before the last response change");
    HAS_NO_ACTIVE_RESPONSE_END = ("没有正在实施的应急响应", "has no active response to end");
    ALREADY_AT_RESPONSE_LEVEL = ("已在实施", "is already at response level");
    RESPONSE_ENDED = ("响应终止", "response ended");
    RESPONSE_LEVEL_CHANGED = ("响应级别调整", "response level changed");
    WARNING_LEVEL_ALREADY = ("预警级别已是", "warning level is already");
    HAS_NO_OPEN_READINESS_ITEM = ("没有待确认的就绪事项", "has no open readiness item");
    FINDING_NEEDS_ITS_TEXT = ("须写明认定内容", "a finding needs its text");
}
