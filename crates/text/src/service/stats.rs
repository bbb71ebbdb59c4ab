//! The words of `service::stats`.

crate::words! {
    START_AFTER_END = ("起始时间须早于结束时间", "the start must be before the end");
    DUTY_REPORTING_BULLETIN = ("值班信息报送情况通报", "Duty reporting bulletin");
    PERIOD = ("统计时段", "Period");
    TOTAL = ("合计", "Total");
    CATEGORY = ("类别", "Category");
    COUNT = ("件数", "Count");
    GRADE = ("等级", "Grade");
    TIMELINESS_SECTION = ("二、报送时效", "2. Timeliness of reports");
    ON_TIME = ("按时", "On time");
    LATE = ("迟报", "Late");
    MISSED = ("漏报", "Missed");
    WAIVED = ("免报", "Waived");
    SUPERSEDED = ("撤销", "Superseded");
    OPEN = ("待报", "Open");
    RATE = ("按时率", "Rate");
    KIND = ("事项", "Kind");
    MEDIANS_SECTION = ("三、时效中位数", "3. Medians");
    LEARNED_FIRST_PHONE_REPORT = ("获知至电话首报", "Learned to first phone report");
    UPPER_DUTY_ROOMS_ACKNOWLEDGEMENT_DELAY = ("上级值班室确认用时", "Upper duty rooms' acknowledgement delay");
    UNVERIFIED_SIGNATURES_SIGNATURES = ("未核验签字 / 签字", "Unverified signatures / signatures");
    WRITTEN_REPORTS_SENT_WITH_ELEMENTS = ("要素不全的书面报告(边核实边报告)", "Written reports sent with elements missing");
    LATE_MISSED_FALSE_AND_CONCEALED = ("迟报、漏报、谎报、瞒报", "Late, missed, false and concealed reports");
    CONCEALED = ("瞒报", "Concealed");
    REPORTING_UNIT = ("报送单位", "Reporting unit");
    FALSE = ("谎报", "False");
}

use crate::domain::Lang;

/// A rate in the bulletin, `n/a` when nothing was due.
pub fn rate(r: Option<f64>, lang: Lang) -> String {
    match r {
        Some(r) => format!("{r:.1}%"),
        None => lang.pick("无", "n/a").to_string(),
    }
}

/// A median in minutes, `n/a` when there was nothing to measure.
pub fn minutes(m: Option<f64>, lang: Lang) -> String {
    match (m, lang) {
        (Some(m), Lang::Zh) => format!("{m:.1} 分钟"),
        (Some(m), Lang::En) => format!("{m:.1} min"),
        (None, _) => rate(None, lang),
    }
}

/// How the duties of a period ended, in one line. The counts are, in order: on time, late, missed,
/// waived, superseded, open and (of open) overdue; `rate` is the on-time rate as [`rate`] gives it.
pub fn tally_line(counts: [u32; 7], rate: &str, lang: Lang) -> String {
    let [done, late, missed, waived, superseded, open, overdue] = counts;
    match lang {
        Lang::Zh => format!(
            "按时 {done} · 迟报 {late} · 漏报 {missed} · 免报 {waived} · 撤销 {superseded} · 待报 {open} (其中超时 {overdue}) · 按时率 {rate}"
        ),
        Lang::En => format!(
            "On time {done} · late {late} · missed {missed} · waived {waived} · superseded {superseded} · open {open} (overdue {overdue}) · on-time rate {rate}"
        ),
    }
}

/// The 谎报 and 瞒报 findings of a period, in one line.
pub fn findings_line(false_reports: u32, concealed: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("谎报 {false_reports} · 瞒报 {concealed}"),
        Lang::En => format!("False reports {false_reports} · Concealed {concealed}"),
    }
}
