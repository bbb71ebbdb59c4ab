//! zh/en text of the reviewer's period reports (`report …`, issue 16) and the 通报.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

/// A report's title.
pub fn title(which: &str, lang: Lang) -> &'static str {
    match which {
        "late" => lang.pick("迟报漏报明细", "Late and missed reports"),
        "acks" => lang.pick("上级确认超时明细", "Acknowledgements late or missing"),
        "handovers" => lang.pick("交接班签字问题明细", "Handover signatures late or off the roster"),
        "spot-checks" => lang.pick("值班抽查明细", "Spot checks"),
        "equipment" => lang.pick("设备故障明细", "Equipment faults"),
        _ => lang.pick("明细", "Items"),
    }
}

/// `2026年11月1日至11月30日` / `2026-11-01 – 2026-11-30` for `[from, to)` (the end day inclusive when
/// `to` is a midnight).
pub fn date_range(from: DateTime<Utc>, to: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let f = from.with_timezone(&tz);
    let t = to.with_timezone(&tz);
    let midnight = |d: &chrono::DateTime<Tz>| d.format("%H:%M:%S").to_string() == "00:00:00";
    let last = if midnight(&t) { t - chrono::Duration::days(1) } else { t };
    let (fd, ld) = (f.date_naive(), last.date_naive());
    match lang {
        Lang::Zh => {
            let start = format!("{}年{}月{}日", fd.year(), fd.month(), fd.day());
            let end = if ld.year() != fd.year() {
                format!("{}年{}月{}日", ld.year(), ld.month(), ld.day())
            } else {
                format!("{}月{}日", ld.month(), ld.day())
            };
            let time = |d: &chrono::DateTime<Tz>| if midnight(d) { String::new() } else { d.format("%H:%M").to_string() };
            if fd == ld && midnight(&f) && midnight(&t) {
                start
            } else {
                format!("{start}{}至{end}{}", time(&f), if midnight(&t) { String::new() } else { time(&t) })
            }
        }
        Lang::En => {
            let fmt = |d: &chrono::DateTime<Tz>, is_end: bool| {
                if midnight(d) || is_end && midnight(&t) {
                    d.format("%Y-%m-%d").to_string()
                } else {
                    d.format("%Y-%m-%d %H:%M").to_string()
                }
            };
            format!("{} – {}", fmt(&f, false), fmt(&last, true))
        }
    }
}

/// `12 项(9 件)` / `12 items (9 incidents)`.
pub fn items_incidents(items: u32, incidents: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{items} 项({incidents} 件)"),
        Lang::En => format!("{items} items ({incidents} incidents)"),
    }
}

/// A length of time: `1小时20分` / `1 h 20 min`, `45秒` / `45 s`.
pub fn span(seconds: i64, lang: Lang) -> String {
    let neg = seconds < 0;
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
    let body = match lang {
        Lang::Zh => {
            if s < 60 {
                format!("{s}秒")
            } else if d > 0 {
                format!("{d}天{h}小时")
            } else if h > 0 {
                format!("{h}小时{m}分")
            } else {
                format!("{m}分")
            }
        }
        Lang::En => {
            if s < 60 {
                format!("{s} s")
            } else if d > 0 {
                format!("{d} d {h} h")
            } else if h > 0 {
                format!("{h} h {m} min")
            } else {
                format!("{m} min")
            }
        }
    };
    if neg { format!("-{body}") } else { body }
}

/// 迟报 / 漏报.
pub fn class(code: &str, lang: Lang) -> &'static str {
    match code {
        "late" => lang.pick("迟报", "late"),
        "missed" => lang.pick("漏报", "missed"),
        _ => "?",
    }
}

pub fn never(lang: Lang) -> &'static str {
    lang.pick("未报", "never")
}

pub fn never_acked(lang: Lang) -> &'static str {
    lang.pick("未确认", "never")
}

pub fn not_answered(lang: Lang) -> &'static str {
    lang.pick("未接听", "not answered")
}

pub fn yes_no(v: bool, lang: Lang) -> &'static str {
    if v { lang.pick("是", "yes") } else { lang.pick("否", "no") }
}

pub fn nobody(lang: Lang) -> &'static str {
    lang.pick("(无)", "(none)")
}

/// A handover problem code.
pub fn problem(code: &str, lang: Lang) -> &'static str {
    match code {
        "outgoing-late" => lang.pick("交班签字超时", "outgoing signed late"),
        "outgoing-unsigned" => lang.pick("交班未签字", "outgoing never signed"),
        "outgoing-not-rostered" => lang.pick("交班签字人非排班值班员", "outgoing signer not on the roster"),
        "incoming-late" => lang.pick("接班签字超时", "incoming signed late"),
        "incoming-unsigned" => lang.pick("接班未签字", "incoming never signed"),
        "incoming-not-rostered" => lang.pick("接班签字人非排班值班员", "incoming signer not on the roster"),
        _ => "?",
    }
}

/// A device's name.
pub fn device(code: &str, lang: Lang) -> String {
    match code {
        "phone" => lang.pick("电话", "phone").into(),
        "fax" => lang.pick("传真", "fax").into(),
        "network" => lang.pick("网络", "network").into(),
        "radio" => lang.pick("电台", "radio").into(),
        other => other.into(),
    }
}

/// Column headings.
pub fn col(code: &str, lang: Lang) -> &'static str {
    match code {
        "ref" => lang.pick("编号", "Ref"),
        "title" => lang.pick("事件", "Incident"),
        "kind" => lang.pick("事项", "Duty"),
        "class" => lang.pick("类别", "Class"),
        "due" => lang.pick("时限", "Due"),
        "done" => lang.pick("报送", "Done"),
        "late" => lang.pick("迟延", "Late by"),
        "officer" => lang.pick("值班员", "Officer"),
        "leader" => lang.pick("带班领导", "Leader"),
        "level" => lang.pick("层级", "Level"),
        "sent" => lang.pick("报送时间", "Sent"),
        "acked" => lang.pick("确认", "Acked"),
        "by" => lang.pick("确认人", "By"),
        "delay" => lang.pick("用时", "Took"),
        "sheet" => lang.pick("交接单", "Sheet"),
        "change" => lang.pick("交接时间", "Change"),
        "outgoing" => lang.pick("交班", "Outgoing"),
        "incoming" => lang.pick("接班", "Incoming"),
        "problems" => lang.pick("问题", "Problems"),
        "at" => lang.pick("时间", "At"),
        "direction" => lang.pick("方向", "Direction"),
        "unit" => lang.pick("单位", "Unit"),
        "answered" => lang.pick("接听", "Answered"),
        "at_post" => lang.pick("在岗", "At post"),
        "forwarded" => lang.pick("转接", "Forwarded"),
        "device" => lang.pick("设备", "Device"),
        "since" => lang.pick("发现", "Since"),
        "until" => lang.pick("恢复", "Until"),
        "duration" => lang.pick("时长", "Duration"),
        "note" => lang.pick("说明", "Note"),
        _ => "?",
    }
}

/// A spot check's direction.
pub fn direction(code: &str, lang: Lang) -> &'static str {
    match code {
        "received" => lang.pick("接受抽查", "received"),
        "made" => lang.pick("抽查下级", "made"),
        _ => "?",
    }
}

/// Summary words.
pub fn word(code: &str, lang: Lang) -> &'static str {
    match code {
        "total" => lang.pick("合计", "Total"),
        "acked-late" => lang.pick("确认超时", "acknowledged late"),
        "never-acked" => lang.pick("始终未确认", "never acknowledged"),
        "limit" => lang.pick("时限", "limit"),
        "sheets" => lang.pick("交接单", "sheets"),
        "with-problems" => lang.pick("有问题", "with problems"),
        "checks" => lang.pick("抽查", "checks"),
        "answered" => lang.pick("接听", "answered"),
        "unanswered" => lang.pick("未接听", "unanswered"),
        "not-at-post" => lang.pick("不在岗", "not at post"),
        "forwarded" => lang.pick("转接", "forwarded"),
        "median-delay" => lang.pick("接听用时中位数", "median delay"),
        "faults" => lang.pick("故障", "faults"),
        "none" => lang.pick("无", "none"),
        "still" => lang.pick("未恢复", "not yet"),
        _ => "?",
    }
}
