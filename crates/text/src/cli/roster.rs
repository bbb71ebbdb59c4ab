//! `dutywatch roster …`: the lines the roster commands print, the calendar (.ics) and the weekly
//! duty plan (周值班计划) they write.

use crate::domain::Lang;

crate::words! {
    ROSTER_CHECK_PASSED = ("排班检查通过:无问题", "roster check passed, no problems:");
    /// `roster now` with nobody in a role, or no next change.
    NONE = ("(无)", "(none)");
    NEXT_CHANGE = ("下次交班", "next change");
    AWAITING_ACK = ("待上级确认", "awaiting acknowledgement");
    WITH_GAPS = ("含空档", "with gaps:");
    WEEKLY_PLAN = ("周值班计划", "weekly plan");
    /// The calendar's name after the unit's.
    DUTY_ROSTER = ("值班表", "duty roster");
    MAKEUP_WORKDAY = ("班·调休上班", "make-up workday");
    WEEKEND = ("周末", "weekend");
    /// After a person who took a swapped shift, in the weekly plan.
    SWAPPED = ("(换班)", " (swapped)");
    PLAN_NO_PROBLEMS = ("排班检查:无空档、无冲突。\n\n", "Roster check: no gaps, no conflicts.\n\n");
    PLAN_PROBLEMS = (
        "排班检查发现以下问题,报送前请处理:\n\n",
        "Roster check found these problems; fix them before filing:\n\n",
    );
}

/// `roster import`: how many shifts were added and how many were already there.
pub fn imported(added: usize, unchanged: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已导入 {added} 个班次,{unchanged} 个已存在未重复导入"),
        Lang::En => format!("imported {added} shifts; {unchanged} already present and left as they were"),
    }
}

/// The note on a swapped shift.
pub fn swap_note(replaced: &str, reason: &str, approved_by: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("换班:原 {replaced},事由 {reason},批准 {approved_by}"),
        Lang::En => format!("swapped: was {replaced}, reason {reason}, approved by {approved_by}"),
    }
}

/// `roster check` that found problems.
pub fn check_found(span: &str, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("排班检查 {span}:发现 {count} 个问题"),
        Lang::En => format!("roster check {span}: {count} problem(s)"),
    }
}

/// `roster fill`: how many shifts, of which pattern.
pub fn filled(added: usize, pattern: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已生成 {added} 个班次({pattern})"),
        Lang::En => format!("added {added} shifts ({pattern})"),
    }
}

/// `roster swap`: who replaced whom.
pub fn swapped(shift_id: i64, was: &str, now: &str, new_id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("班次 #{shift_id} 已由 {was} 换为 {now}(新班次 #{new_id})"),
        Lang::En => format!("shift #{shift_id}: {was} replaced by {now} (new shift #{new_id})"),
    }
}

/// A holiday's mark in the weekly plan.
pub fn holiday_mark(name: &str, name_en: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("休·{name}"),
        Lang::En => format!("holiday: {name_en}"),
    }
}

/// The weekly plan's heading (the unit's name already escaped for Markdown).
pub fn plan_heading(unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("# {unit} 周值班计划\n\n"),
        Lang::En => format!("# {unit} — weekly duty plan\n\n"),
    }
}

/// The weekly plan's span line: the week, the daily change time and the zone. `first_day` and
/// `last_day` are the weekdays of its ends (shown in Chinese only).
pub fn plan_span(
    monday: &str,
    first_day: &str,
    last: &str,
    last_day: &str,
    change: &str,
    zone: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "时间:{monday}({first_day})至 {last}({last_day}),每日 {change} 交接班;24 小时值班,时间为 {zone}。\n\n"
        ),
        Lang::En => {
            format!("Week: {monday} to {last}; shifts change daily at {change}; 24-hour watch; times in {zone}.\n\n")
        }
    }
}

/// The column heads of the weekly plan.
pub fn plan_head(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => ["日期", "星期", "节假日/敏感时期", "值班员", "带班领导", "备班"],
        Lang::En => ["Date", "Day", "Holiday / sensitive period", "Duty officer", "Leader on duty", "Standby"],
    }
}

/// The weekly plan's footer: filed with the upper room (its name and contact when known), and the
/// lines to sign.
pub fn plan_footer(room: Option<(&str, &str)>, lang: Lang) -> String {
    match (lang, room) {
        (Lang::Zh, Some((name, contact))) => {
            format!("本计划报{name}备案({contact})。\n\n编制:__________  带班领导审核:__________  日期:__________\n")
        }
        (Lang::Zh, None) => "本计划报上级值班室备案。\n\n编制:__________  带班领导审核:__________  日期:__________\n".to_string(),
        (Lang::En, Some((name, contact))) => format!(
            "Filed with {name} ({contact}).\n\nPrepared by: __________  Approved (leader on duty): __________  Date: __________\n"
        ),
        (Lang::En, None) => "Filed with the upper duty room.\n\nPrepared by: __________  Approved (leader on duty): __________  Date: __________\n".to_string(),
    }
}
