//! The facts of an incident as both the intake and the facts form (`u`) label them.

crate::words! {
    DEAD = ("死亡", "Dead");
    INJURED = ("受伤", "Injured");
    MISSING = ("失踪", "Missing");
    TRAPPED = ("被困", "Trapped");
    RESCUED = ("获救", "Rescued");
    EVACUATED = ("转移安置", "Evacuated");
    PLACE = ("地点", "Place");
    SUMMARY = ("事件概要", "Summary");
    MEASURES = ("已采取措施", "Measures taken");
    NEEDS = ("需求/请求", "Needs");
    CAUSE = ("原因", "Cause");
    PROGRESS = ("处置进展", "Progress");
}
