//! The words of `service::plan`.

crate::words! {
    UPPER_DUTY_ROOM_FILED_WITH = ("须填写报送的上级值班室", "the upper duty room filed with is required");
    ROSTER_HAS_COVERAGE_GAPS = ("值班表有空档", "the roster has coverage gaps");
    FILL_THEM_FIRST_OR_FILE = (
        "补齐后再报,或加 --with-gaps 照报(空档随计划记录)",
        "fill them first, or file anyway with --with-gaps (the gaps are recorded with it)",
    );
    WEEKLY_DUTY_PLAN_FILED = ("已报送周值班计划", "weekly duty plan filed:");
    WITH_GAPS = ("含空档", "with gaps:");
    WHO_ACKNOWLEDGED_REQUIRED = ("须填写确认人", "who acknowledged is required");
    NO_PLAN_FILED_FOR_THAT = ("该周计划尚未报送", "no plan filed for that week");
    BEFORE_PLAN_WAS_FILED = ("早于报送时间", "is before the plan was filed");
    WEEKLY_DUTY_PLAN_ACKNOWLEDGED = ("上级已确认周值班计划", "weekly duty plan acknowledged:");
}
