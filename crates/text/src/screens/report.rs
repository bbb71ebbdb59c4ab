//! zh/en text of the reviewer's period reports (`report …`, issue 16) and the 通报.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

crate::words! {
    LATE_AND_MISSED_REPORTS = ("迟报漏报明细", "Late and missed reports");
    ACKNOWLEDGEMENTS_LATE_OR_MISSING = ("上级确认超时明细", "Acknowledgements late or missing");
    HANDOVER_SIGNATURES_LATE_OR_OFF = ("交接班签字问题明细", "Handover signatures late or off the roster");
    SPOT_CHECKS = ("值班抽查明细", "Spot checks");
    EQUIPMENT_FAULTS = ("设备故障明细", "Equipment faults");
    ITEMS = ("明细", "Items");
    LATE = ("迟报", "late");
    MISSED = ("漏报", "missed");
    NEVER = ("未报", "never");
    NEVER_2 = ("未确认", "never");
    NOT_ANSWERED = ("未接听", "not answered");
    YES = ("是", "yes");
    NO = ("否", "no");
    NONE = ("(无)", "(none)");
    OUTGOING_SIGNED_LATE = ("交班签字超时", "outgoing signed late");
    OUTGOING_NEVER_SIGNED = ("交班未签字", "outgoing never signed");
    OUTGOING_SIGNER_NOT_ON_THE = ("交班签字人非排班值班员", "outgoing signer not on the roster");
    INCOMING_SIGNED_LATE = ("接班签字超时", "incoming signed late");
    INCOMING_NEVER_SIGNED = ("接班未签字", "incoming never signed");
    INCOMING_SIGNER_NOT_ON_THE = ("接班签字人非排班值班员", "incoming signer not on the roster");
    PHONE = ("电话", "phone");
    FAX = ("传真", "fax");
    NETWORK = ("网络", "network");
    RADIO = ("电台", "radio");
    REF = ("编号", "Ref");
    INCIDENT = ("事件", "Incident");
    DUTY = ("事项", "Duty");
    CLASS = ("类别", "Class");
    DUE = ("时限", "Due");
    DONE = ("报送", "Done");
    LATE_BY = ("迟延", "Late by");
    OFFICER = ("值班员", "Officer");
    LEADER = ("带班领导", "Leader");
    LEVEL = ("层级", "Level");
    SENT = ("报送时间", "Sent");
    ACKED = ("确认", "Acked");
    BY = ("确认人", "By");
    TOOK = ("用时", "Took");
    SHEET = ("交接单", "Sheet");
    CHANGE = ("交接时间", "Change");
    OUTGOING = ("交班", "Outgoing");
    INCOMING = ("接班", "Incoming");
    PROBLEMS = ("问题", "Problems");
    AT = ("时间", "At");
    DIRECTION = ("方向", "Direction");
    UNIT = ("单位", "Unit");
    ANSWERED = ("接听", "Answered");
    AT_POST = ("在岗", "At post");
    FORWARDED = ("转接", "Forwarded");
    DEVICE = ("设备", "Device");
    SINCE = ("发现", "Since");
    UNTIL = ("恢复", "Until");
    DURATION = ("时长", "Duration");
    NOTE = ("说明", "Note");
    RECEIVED = ("接受抽查", "received");
    MADE = ("抽查下级", "made");
    TOTAL = ("合计", "Total");
    ACKNOWLEDGED_LATE = ("确认超时", "acknowledged late");
    NEVER_ACKNOWLEDGED = ("始终未确认", "never acknowledged");
    WITH_PROBLEMS = ("有问题", "with problems");
    CHECKS = ("抽查", "checks");
    NOT_AT_POST = ("不在岗", "not at post");
    MEDIAN_DELAY = ("接听用时中位数", "median delay");
    FAULTS = ("故障", "faults");
    NONE_2 = ("无", "none");
    NOT_YET = ("未恢复", "not yet");
    DUTIES = ("报送事项:", "duties:");
    ESCALATION_LADDER = ("逐级上报:", "escalation ladder:");
    REPORT_CHAIN = ("报送记录:", "report chain:");
    SKIP_LEVEL = ("越级", "skip-level");
    SIGNED_OFF_BY = ("签发", "signed off by");
    ACK_CORRECTED = ("确认已更正", "ack corrected");
    STEP_CORRECTED = ("上报已更正", "step corrected");
    DUTY_REPORTING_BULLETIN = ("值班信息报送情况通报", "Duty reporting bulletin");
    FIGURES_AS_OF = ("数据截至", "Figures as of");
    N1_OVERVIEW = ("一、基本情况", "1. Overview");
    DUE_3 = ("应报", "Due");
    ON_TIME = ("按时", "On time");
    RATE = ("按时率", "Rate");
    N2_DELAYS = ("二、信息获知与报送时效", "2. Delays");
    OCCURRENCE_TO_LEARNING_MEDIAN = ("事发至获知（中位数）", "Occurrence to learning (median)");
    LEARNING_TO_FIRST_PHONE_REPORT = ("获知至电话首报（中位数）", "Learning to first phone report (median)");
    UPPER_ROOMS_ACKNOWLEDGEMENT_MEDIAN = ("上级值班室确认用时（中位数）", "Upper rooms' acknowledgement (median)");
    N3_PROBLEMS = ("三、存在问题", "3. Problems");
    NONE_3 = ("无。", "None.");
    SENT_2 = ("报送于", "sent");
    N4_CORRECTIVE_REQUIREMENTS = ("四、整改要求", "4. Corrective requirements");
    FOR_THE_SUPERVISOR_TO_WRITE = ("（由审核人填写。）", "(For the supervisor to write.)");
    LATE_AND_MISSED = ("迟报、漏报", "Late and missed reports");
    ACKS_LATE_OR_MISSING = ("上级确认超时", "Acknowledgements late or missing");
    SPOT_CHECKS_NOT_ANSWERED = ("值班抽查未接听", "Spot checks not answered");
    EQUIPMENT_FAULTS_SECTION = ("设备故障", "Equipment faults");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::DUE`, which says "Due".
        LIMIT = ("时限", "limit");
        /// Same Chinese as `report::SHEET`, which says "Sheet".
        SHEETS = ("交接单", "sheets");
        /// Same Chinese as `report::ANSWERED`, which says "Answered".
        ANSWERED_2 = ("接听", "answered");
        /// Same Chinese as `report::NOT_ANSWERED`, which says "not answered".
        UNANSWERED = ("未接听", "unanswered");
        /// Same Chinese as `report::FORWARDED`, which says "Forwarded".
        FORWARDED_2 = ("转接", "forwarded");
        /// Same Chinese as `report::DUE`, which says "Due".
        DUE_2 = ("时限", "due");
        /// Same Chinese as `report::DONE`, which says "Done".
        DONE_2 = ("报送", "done");
        /// Same Chinese as `report::ACKED`, which says "Acked".
        ACKNOWLEDGED = ("确认", "acknowledged");
        /// Same Chinese as `report::NONE_2`, which says "none".
        N_A = ("无", "n/a");
        /// Same Chinese as `report::LATE`, which says "late".
        LATE_2 = ("迟报", "Late");
        /// Same Chinese as `report::MISSED`, which says "missed".
        MISSED_2 = ("漏报", "Missed");
        /// Same Chinese as `report::NEVER`, which says "never".
        NEVER_SENT = ("未报", "never sent");
    }
}

/// A report's title.
pub fn title(which: &str, lang: Lang) -> &'static str {
    match which {
        "late" => LATE_AND_MISSED_REPORTS.get(lang),
        "acks" => ACKNOWLEDGEMENTS_LATE_OR_MISSING.get(lang),
        "handovers" => HANDOVER_SIGNATURES_LATE_OR_OFF.get(lang),
        "spot-checks" => SPOT_CHECKS.get(lang),
        "equipment" => EQUIPMENT_FAULTS.get(lang),
        _ => ITEMS.get(lang),
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
        "late" => LATE.get(lang),
        "missed" => MISSED.get(lang),
        _ => "?",
    }
}

pub fn never(lang: Lang) -> &'static str {
    NEVER.get(lang)
}

pub fn never_acked(lang: Lang) -> &'static str {
    NEVER_2.get(lang)
}

pub fn not_answered(lang: Lang) -> &'static str {
    NOT_ANSWERED.get(lang)
}

pub fn yes_no(v: bool, lang: Lang) -> &'static str {
    if v { YES.get(lang) } else { NO.get(lang) }
}

pub fn nobody(lang: Lang) -> &'static str {
    NONE.get(lang)
}

/// A handover problem code.
pub fn problem(code: &str, lang: Lang) -> &'static str {
    match code {
        "outgoing-late" => OUTGOING_SIGNED_LATE.get(lang),
        "outgoing-unsigned" => OUTGOING_NEVER_SIGNED.get(lang),
        "outgoing-not-rostered" => OUTGOING_SIGNER_NOT_ON_THE.get(lang),
        "incoming-late" => INCOMING_SIGNED_LATE.get(lang),
        "incoming-unsigned" => INCOMING_NEVER_SIGNED.get(lang),
        "incoming-not-rostered" => INCOMING_SIGNER_NOT_ON_THE.get(lang),
        _ => "?",
    }
}

/// A device's name.
pub fn device(code: &str, lang: Lang) -> String {
    match code {
        "phone" => PHONE.get(lang).into(),
        "fax" => FAX.get(lang).into(),
        "network" => NETWORK.get(lang).into(),
        "radio" => RADIO.get(lang).into(),
        other => other.into(),
    }
}

/// Column headings.
pub fn col(code: &str, lang: Lang) -> &'static str {
    match code {
        "ref" => REF.get(lang),
        "title" => INCIDENT.get(lang),
        "kind" => DUTY.get(lang),
        "class" => CLASS.get(lang),
        "due" => DUE.get(lang),
        "done" => DONE.get(lang),
        "late" => LATE_BY.get(lang),
        "officer" => OFFICER.get(lang),
        "leader" => LEADER.get(lang),
        "level" => LEVEL.get(lang),
        "sent" => SENT.get(lang),
        "acked" => ACKED.get(lang),
        "by" => BY.get(lang),
        "delay" => TOOK.get(lang),
        "sheet" => SHEET.get(lang),
        "change" => CHANGE.get(lang),
        "outgoing" => OUTGOING.get(lang),
        "incoming" => INCOMING.get(lang),
        "problems" => PROBLEMS.get(lang),
        "at" => AT.get(lang),
        "direction" => DIRECTION.get(lang),
        "unit" => UNIT.get(lang),
        "answered" => ANSWERED.get(lang),
        "at_post" => AT_POST.get(lang),
        "forwarded" => FORWARDED.get(lang),
        "device" => DEVICE.get(lang),
        "since" => SINCE.get(lang),
        "until" => UNTIL.get(lang),
        "duration" => DURATION.get(lang),
        "note" => NOTE.get(lang),
        _ => "?",
    }
}

/// A spot check's direction.
pub fn direction(code: &str, lang: Lang) -> &'static str {
    match code {
        "received" => RECEIVED.get(lang),
        "made" => MADE.get(lang),
        _ => "?",
    }
}

/// Summary words.
pub fn word(code: &str, lang: Lang) -> &'static str {
    match code {
        "total" => TOTAL.get(lang),
        "acked-late" => ACKNOWLEDGED_LATE.get(lang),
        "never-acked" => NEVER_ACKNOWLEDGED.get(lang),
        "limit" => LIMIT.get(lang),
        "sheets" => SHEETS.get(lang),
        "with-problems" => WITH_PROBLEMS.get(lang),
        "checks" => CHECKS.get(lang),
        "answered" => ANSWERED_2.get(lang),
        "unanswered" => UNANSWERED.get(lang),
        "not-at-post" => NOT_AT_POST.get(lang),
        "forwarded" => FORWARDED_2.get(lang),
        "median-delay" => MEDIAN_DELAY.get(lang),
        "faults" => FAULTS.get(lang),
        "none" => NONE_2.get(lang),
        "still" => NOT_YET.get(lang),
        _ => "?",
    }
}

/// Section headings of `incident show` (human output).
pub fn incident_heading(code: &str, lang: Lang) -> &'static str {
    match code {
        "duties" => DUTIES.get(lang),
        "escalations" => ESCALATION_LADDER.get(lang),
        "reports" => REPORT_CHAIN.get(lang),
        _ => "",
    }
}

/// Words of `incident show` (human output).
pub fn incident_word(code: &str, lang: Lang) -> &'static str {
    match code {
        "due" => DUE_2.get(lang),
        "done" => DONE_2.get(lang),
        "acked" => ACKNOWLEDGED.get(lang),
        "skip" => SKIP_LEVEL.get(lang),
        "signer" => SIGNED_OFF_BY.get(lang),
        "ack-corrected" => ACK_CORRECTED.get(lang),
        "step-corrected" => STEP_CORRECTED.get(lang),
        _ => "",
    }
}

/// The 通报's sections are numbered the Chinese way: （一）, （二）…
fn cn_number(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(n).copied().unwrap_or("十")
}

/// A rate in percent, or 无 / n/a when nothing fell due.
pub fn rate(r: Option<f64>, lang: Lang) -> String {
    r.map(|r| format!("{r:.1}%")).unwrap_or_else(|| N_A.get(lang).to_string())
}

/// A median in minutes as a span, or 无 / n/a when there is none.
pub fn minutes(m: Option<f64>, lang: Lang) -> String {
    m.map(|m| span((m * 60.0).round() as i64, lang)).unwrap_or_else(|| N_A.get(lang).to_string())
}

/// Who was on duty: `值班员张三，带班领导李四` / `officer 张三, leader 李四` (`-` for nobody).
pub fn on_duty(officer: &[String], leader: &[String], lang: Lang) -> String {
    let j = |v: &[String]| if v.is_empty() { "-".to_string() } else { v.join("、") };
    match lang {
        Lang::Zh => format!("值班员{}，带班领导{}", j(officer), j(leader)),
        Lang::En => format!("officer {}, leader {}", j(officer), j(leader)),
    }
}

/// The brackets and the colon of the reader's script: full-width in Chinese.
pub fn brackets_and_colon(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Zh => ("（", "）", "："),
        Lang::En => (" (", ")", ": "),
    }
}

/// The 通报's unit line: `某市应急管理局（2026年11月1日至11月30日）`.
pub fn unit_and_period(unit: &str, period: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{unit}（{period}）"),
        Lang::En => format!("{unit} ({period})"),
    }
}

/// One count of a breakdown: `自然灾害3件` / `Natural disaster 3`.
pub fn counted(label: &str, n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label}{n}件"),
        Lang::En => format!("{label} {n}"),
    }
}

/// The figures of the 通报's 基本情况 paragraph.
pub struct Overview<'a> {
    pub incidents: u32,
    pub categories: &'a [String],
    pub grades: &'a [String],
    pub due: u32,
    pub on_time: u32,
    pub late: u32,
    pub late_incidents: u32,
    pub missed: u32,
    pub missed_incidents: u32,
    pub waived: u32,
    pub within_time: u32,
    pub rate: String,
}

/// The 基本情况 paragraph (with its blank line after).
pub fn overview(o: &Overview<'_>, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "本期共接报突发事件{}件，其中{}；按等级分，{}。\n\n应报事项{}项：按时报送{}项，迟报{}项（涉及{}件），漏报{}项（涉及{}件），免报{}项，尚在时限内{}项；按时率{}。\n",
            o.incidents,
            o.categories.join("、"),
            if o.grades.is_empty() { "无".to_string() } else { o.grades.join("、") },
            o.due,
            o.on_time,
            o.late,
            o.late_incidents,
            o.missed,
            o.missed_incidents,
            o.waived,
            o.within_time,
            o.rate
        ),
        Lang::En => format!(
            "{} incidents were received: {}; by grade: {}.\n\n{} duties fell due: {} on time, {} late (in {} incidents), {} missed (in {} incidents), {} waived, {} still within their time; on-time rate {}.\n",
            o.incidents,
            o.categories.join(", "),
            if o.grades.is_empty() { "none".to_string() } else { o.grades.join(", ") },
            o.due,
            o.on_time,
            o.late,
            o.late_incidents,
            o.missed,
            o.missed_incidents,
            o.waived,
            o.within_time,
            o.rate
        ),
    }
}

/// The line under a problem list cut at its first items: where to read the rest.
pub fn more_items(more: usize, cmd: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另有{more}项，详见 `dutywatch report {cmd}`。"),
        Lang::En => format!("{more} more: see `dutywatch report {cmd}`."),
    }
}

/// A sub-heading of 三、存在问题, numbered from 0: `### （一）迟报、漏报` / `### 3.1 Late and missed reports`.
pub fn problem_heading(section: usize, title: crate::Words, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("### （{}）{}\n", cn_number(section), title.zh),
        Lang::En => format!("### 3.{} {}\n", section + 1, title.en),
    }
}

/// A late report that was sent: `11-03 14:20报送，迟1小时20分`.
pub fn sent_late(sent: &str, late: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{sent}报送，迟{late}"),
        Lang::En => format!("sent {sent}, {late} late"),
    }
}

/// A report still not sent past its time.
pub fn not_sent_overdue(overdue: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("至今未报，已超时{overdue}"),
        Lang::En => format!("not sent yet, {overdue} overdue"),
    }
}

/// An acknowledgement that came, and how long it took.
pub fn acked_took(at: &str, took: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{at}确认（用时{took}）"),
        Lang::En => format!("acknowledged {at} (took {took})"),
    }
}

/// The figures under 整改要求 that prompt the supervisor's requirements.
pub struct Figures {
    pub late: u32,
    pub late_incidents: u32,
    pub missed: u32,
    pub missed_incidents: u32,
    pub rate: String,
    pub acks: u32,
    pub unanswered: usize,
    pub faults: usize,
}

/// The 参考数据 line of 整改要求.
pub fn figures(f: &Figures, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "参考数据：迟报{}项（{}件）、漏报{}项（{}件），按时率{}；上级确认超时{}项；抽查未接听{}次；设备故障{}次。",
            f.late, f.late_incidents, f.missed, f.missed_incidents, f.rate, f.acks, f.unanswered, f.faults
        ),
        Lang::En => format!(
            "Figures: {} late ({} incidents), {} missed ({} incidents), on-time rate {}; {} acknowledgements late or missing; {} spot checks not answered; {} equipment faults.",
            f.late, f.late_incidents, f.missed, f.missed_incidents, f.rate, f.acks, f.unanswered, f.faults
        ),
    }
}
