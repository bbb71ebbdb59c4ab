//! zh/en text of the reviewer's period reports (`report …`, issue 16) and the 通报.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;
use text::Label;

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
/// In review: the moment the record is read as of.
pub fn as_of(t: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = t.with_timezone(&tz).format("%Y-%m-%d %H:%M");
    match lang {
        Lang::Zh => format!("回看：截至 {local} 的记录"),
        Lang::En => format!("review: the record as it stood at {local}"),
    }
}

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
            let time =
                |d: &chrono::DateTime<Tz>| if midnight(d) { String::new() } else { d.format("%H:%M").to_string() };
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
        Lang::En => format!(
            "{items} item{} ({incidents} incident{})",
            if items == 1 { "" } else { "s" },
            if incidents == 1 { "" } else { "s" }
        ),
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

/// Section headings of `incident show` (human output).
pub fn incident_heading(code: &str, lang: Lang) -> &'static str {
    match code {
        "duties" => lang.pick("报送事项:", "duties:"),
        "escalations" => lang.pick("逐级上报:", "escalation ladder:"),
        "reports" => lang.pick("报送记录:", "report chain:"),
        _ => "",
    }
}

/// Words of `incident show` (human output).
pub fn incident_word(code: &str, lang: Lang) -> &'static str {
    match code {
        "due" => lang.pick("时限", "due"),
        "done" => lang.pick("报送", "done"),
        "acked" => lang.pick("确认", "acknowledged"),
        "skip" => lang.pick("越级", "skip-level"),
        "signer" => lang.pick("签发", "signed off by"),
        "ack-corrected" => lang.pick("确认已更正", "ack corrected"),
        "step-corrected" => lang.pick("上报已更正", "step corrected"),
        _ => "",
    }
}

/// What the 通报 is written from: the statistics and the problem lists of the period.
pub struct Bulletin<'a> {
    pub unit: &'a str,
    pub stats: &'a crate::ops::stats::Stats,
    pub late: &'a crate::ops::report::LateReport,
    pub acks: &'a crate::ops::report::AckReport,
    pub spot: &'a crate::ops::report::SpotReport,
    pub equipment: &'a crate::ops::report::EquipmentReport,
}

/// How many items of each problem list the 通报 names (the rest: see `report …`).
pub const BULLETIN_ITEMS: usize = 30;

fn cn_number(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(n).copied().unwrap_or("十")
}

fn rate(r: Option<f64>, lang: Lang) -> String {
    r.map(|r| format!("{r:.1}%")).unwrap_or_else(|| lang.pick("无", "n/a").to_string())
}

fn minutes(m: Option<f64>, lang: Lang) -> String {
    m.map(|m| span((m * 60.0).round() as i64, lang)).unwrap_or_else(|| lang.pick("无", "n/a").to_string())
}

fn duty_names(on: &crate::ops::report::OnDuty, lang: Lang) -> String {
    let j = |v: &Vec<String>| if v.is_empty() { "-".to_string() } else { v.join("、") };
    match lang {
        Lang::Zh => format!("值班员{}，带班领导{}", j(&on.officer), j(&on.leader)),
        Lang::En => format!("officer {}, leader {}", j(&on.officer), j(&on.leader)),
    }
}

/// The 通报 (`stats --md`): a bulletin a supervisor can send upward with light edits — the unit and
/// the Chinese date range; 基本情况; the delay from occurrence to learning; 存在问题 with the people on
/// duty; 整改要求 left for the supervisor with the figures that prompt it.
pub fn bulletin(b: &Bulletin<'_>, lang: Lang, tz: Tz) -> String {
    use crate::domain::safe_text::md_cell;
    use std::fmt::Write as _;
    let s = b.stats;
    let o = s.obligations;
    let short = |t: DateTime<Utc>| crate::ui::text::short(t, tz);
    let (lp, rp, colon) = match lang {
        Lang::Zh => ("（", "）", "："),
        Lang::En => (" (", ")", ": "),
    };
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", lang.pick("值班信息报送情况通报", "Duty reporting bulletin"));
    let _ = writeln!(
        md,
        "{}\n",
        match lang {
            Lang::Zh => format!("{}（{}）", b.unit, date_range(s.from, s.to, tz, lang)),
            Lang::En => format!("{} ({})", b.unit, date_range(s.from, s.to, tz, lang)),
        }
    );
    if let Some(t) = s.review_at {
        let _ = writeln!(md, "{} {}\n", lang.pick("数据截至", "Figures as of"), crate::ui::text::short(t, tz));
    }
    // 一、基本情况
    let _ = writeln!(md, "## {}\n", lang.pick("一、基本情况", "1. Overview"));
    let cats: Vec<String> = s
        .by_category
        .iter()
        .map(|(c, n)| {
            let label = c.parse::<crate::domain::Category>().map(|c| c.label(lang)).unwrap_or("?");
            match lang {
                Lang::Zh => format!("{label}{n}件"),
                Lang::En => format!("{label} {n}"),
            }
        })
        .collect();
    let grades: Vec<String> = s
        .by_grade
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| {
            let label = g.parse::<crate::domain::Grade>().map(|g| g.label(lang)).unwrap_or("?");
            match lang {
                Lang::Zh => format!("{label}{n}件"),
                Lang::En => format!("{label} {n}"),
            }
        })
        .collect();
    let _ = match lang {
        Lang::Zh => writeln!(
            md,
            "本期共接报突发事件{}件，其中{}；按等级分，{}。\n\n应报事项{}项：按时报送{}项，迟报{}项（涉及{}件），漏报{}项（涉及{}件），免报{}项，尚在时限内{}项；按时率{}。\n",
            s.incidents,
            cats.join("、"),
            if grades.is_empty() { "无".to_string() } else { grades.join("、") },
            o.total(),
            o.done,
            o.done_late + o.open_overdue,
            s.late_incidents,
            o.missed_total,
            s.missed_incidents,
            o.waived,
            o.open - o.open_overdue,
            rate(s.on_time_rate, lang)
        ),
        Lang::En => writeln!(
            md,
            "{} incidents were received: {}; by grade: {}.\n\n{} duties fell due: {} on time, {} late (in {} incidents), {} missed (in {} incidents), {} waived, {} still within their time; on-time rate {}.\n",
            s.incidents,
            cats.join(", "),
            if grades.is_empty() { "none".to_string() } else { grades.join(", ") },
            o.total(),
            o.done,
            o.done_late + o.open_overdue,
            s.late_incidents,
            o.missed_total,
            s.missed_incidents,
            o.waived,
            o.open - o.open_overdue,
            rate(s.on_time_rate, lang)
        ),
    };
    let table = |md: &mut String,
                 head: &str,
                 rows: &std::collections::BTreeMap<String, crate::ops::stats::Tally>,
                 label: &dyn Fn(&str) -> String| {
        let _ = writeln!(
            md,
            "| {head} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|",
            lang.pick("应报", "Due"),
            lang.pick("按时", "On time"),
            lang.pick("迟报", "Late"),
            lang.pick("漏报", "Missed"),
            lang.pick("按时率", "Rate")
        );
        for (k, t) in rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                label(k),
                t.total(),
                t.done,
                t.done_late + t.open_overdue,
                t.missed_total,
                rate(t.on_time_rate(), lang)
            );
        }
        let _ = writeln!(md);
    };
    table(&mut md, lang.pick("事项", "Duty"), &s.by_kind, &|k| crate::ui::labels::obligation_kind(k, lang));
    table(&mut md, lang.pick("值班员", "Officer"), &s.by_officer, &|k| md_cell(k));
    table(&mut md, lang.pick("带班领导", "Leader"), &s.by_leader, &|k| md_cell(k));
    // 二、时效
    let _ = writeln!(md, "## {}\n", lang.pick("二、信息获知与报送时效", "2. Delays"));
    let _ = writeln!(
        md,
        "- {}{colon}{}",
        lang.pick("事发至获知（中位数）", "Occurrence to learning (median)"),
        minutes(s.median_learn_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}{colon}{}",
        lang.pick("获知至电话首报（中位数）", "Learning to first phone report (median)"),
        minutes(s.median_first_phone_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}{colon}{}\n",
        lang.pick("上级值班室确认用时（中位数）", "Upper rooms' acknowledgement (median)"),
        minutes(s.median_ack_minutes, lang)
    );
    // 三、存在问题
    let _ = writeln!(md, "## {}\n", lang.pick("三、存在问题", "3. Problems"));
    let more = |md: &mut String, shown: usize, all: usize, cmd: &str| {
        if all > shown {
            let _ = writeln!(
                md,
                "- {}",
                match lang {
                    Lang::Zh => format!("另有{}项，详见 `dutywatch report {cmd}`。", all - shown),
                    Lang::En => format!("{} more: see `dutywatch report {cmd}`.", all - shown),
                }
            );
        }
    };
    let mut section = 0;
    let mut heading = |md: &mut String, zh: &str, en: &str| {
        let _ = match lang {
            Lang::Zh => writeln!(md, "### （{}）{zh}\n", cn_number(section)),
            Lang::En => writeln!(md, "### 3.{} {en}\n", section + 1),
        };
        section += 1;
    };
    heading(&mut md, "迟报、漏报", "Late and missed reports");
    if b.late.items.is_empty() {
        let _ = writeln!(md, "{}\n", lang.pick("无。", "None."));
    } else {
        for i in b.late.items.iter().take(BULLETIN_ITEMS) {
            let when = match (i.done_at, i.late_seconds) {
                (Some(d), Some(l)) => match lang {
                    Lang::Zh => format!("{}报送，迟{}", short(d), span(l, lang)),
                    Lang::En => format!("sent {}, {} late", short(d), span(l, lang)),
                },
                (None, Some(l)) => match lang {
                    Lang::Zh => format!("至今未报，已超时{}", span(l, lang)),
                    Lang::En => format!("not sent yet, {} overdue", span(l, lang)),
                },
                _ => lang.pick("未报", "never sent").to_string(),
            };
            let _ = writeln!(
                md,
                "- {} #{} {} · {} · {} {} · {}{lp}{}{rp}",
                class(&i.class, lang),
                i.incident.reference,
                md_cell(&i.incident.title),
                crate::ui::labels::obligation_kind(&i.kind, lang),
                lang.pick("时限", "due"),
                short(i.due_at),
                when,
                duty_names(&i.on_duty, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(b.late.items.len()), b.late.items.len(), "late");
        let _ = writeln!(md);
    }
    heading(&mut md, "上级确认超时", "Acknowledgements late or missing");
    if b.acks.items.is_empty() {
        let _ = writeln!(md, "{}\n", lang.pick("无。", "None."));
    } else {
        for i in b.acks.items.iter().take(BULLETIN_ITEMS) {
            let level =
                i.level.parse::<crate::domain::Level>().map(|l| l.label(lang).to_string()).unwrap_or(i.level.clone());
            let got = match (i.acked_at, i.delay_seconds) {
                (Some(a), Some(d)) => match lang {
                    Lang::Zh => format!("{}确认（用时{}）", short(a), span(d, lang)),
                    Lang::En => format!("acknowledged {} (took {})", short(a), span(d, lang)),
                },
                _ => lang.pick("始终未确认", "never acknowledged").to_string(),
            };
            let _ = writeln!(
                md,
                "- #{} {} · {} {} {} · {}{lp}{}{rp}",
                i.incident.reference,
                md_cell(&i.incident.title),
                level,
                lang.pick("报送于", "sent"),
                short(i.sent_at),
                got,
                duty_names(&i.on_duty, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(b.acks.items.len()), b.acks.items.len(), "acks");
        let _ = writeln!(md);
    }
    heading(&mut md, "值班抽查未接听", "Spot checks not answered");
    let unanswered: Vec<_> = b.spot.items.iter().filter(|i| !i.answered).collect();
    if unanswered.is_empty() {
        let _ = writeln!(md, "{}\n", lang.pick("无。", "None."));
    } else {
        for i in unanswered.iter().take(BULLETIN_ITEMS) {
            let _ = writeln!(
                md,
                "- {} {} {}{lp}{}{rp}",
                short(i.at),
                direction(&i.direction, lang),
                md_cell(&i.unit),
                duty_names(&i.on_duty, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(unanswered.len()), unanswered.len(), "spot-checks");
        let _ = writeln!(md);
    }
    heading(&mut md, "设备故障", "Equipment faults");
    if b.equipment.items.is_empty() {
        let _ = writeln!(md, "{}\n", lang.pick("无。", "None."));
    } else {
        for i in b.equipment.items.iter().take(BULLETIN_ITEMS) {
            let until = i.repaired_at.map(short).unwrap_or_else(|| word("still", lang).to_string());
            let _ = writeln!(
                md,
                "- {} {} – {}{lp}{}{rp} {}",
                device(&i.device, lang),
                short(i.started_at),
                until,
                span(i.duration_seconds, lang),
                md_cell(&i.note)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(b.equipment.items.len()), b.equipment.items.len(), "equipment");
        let _ = writeln!(md);
    }
    // 迟报、漏报、谎报、瞒报 per reporting unit (issue 18), the same section the plain `stats` prints.
    md.push_str(&crate::ops::stats::findings_section(s, lang));
    let _ = writeln!(md);
    // 四、整改要求
    let _ = writeln!(md, "## {}\n", lang.pick("四、整改要求", "4. Corrective requirements"));
    let _ = writeln!(md, "{}\n", lang.pick("（由审核人填写。）", "(For the supervisor to write.)"));
    let _ = match lang {
        Lang::Zh => writeln!(
            md,
            "参考数据：迟报{}项（{}件）、漏报{}项（{}件），按时率{}；上级确认超时{}项；抽查未接听{}次；设备故障{}次。",
            b.late.late.items,
            b.late.late.incidents,
            b.late.missed.items,
            b.late.missed.incidents,
            rate(s.on_time_rate, lang),
            b.acks.total.items,
            unanswered.len(),
            b.equipment.items.len()
        ),
        Lang::En => writeln!(
            md,
            "Figures: {} late ({} incidents), {} missed ({} incidents), on-time rate {}; {} acknowledgements late or missing; {} spot checks not answered; {} equipment faults.",
            b.late.late.items,
            b.late.late.incidents,
            b.late.missed.items,
            b.late.missed.incidents,
            rate(s.on_time_rate, lang),
            b.acks.total.items,
            unanswered.len(),
            b.equipment.items.len()
        ),
    };
    md
}
