//! The 通报 (`stats --md`), written from the service's statistics and problem lists; every other
//! text of the period reports is in the catalogue, `text::screens::report`, re-exported here for
//! the commands that name it by this path.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;
use ::text::screens::report as words;
pub use ::text::screens::report::*;
use text::Label;

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

/// The 通报 (`stats --md`): a bulletin a supervisor can send upward with light edits — the unit and
/// the Chinese date range; 基本情况; the delay from occurrence to learning; 存在问题 with the people on
/// duty; 整改要求 left for the supervisor with the figures that prompt it.
pub fn bulletin(b: &Bulletin<'_>, lang: Lang, tz: Tz) -> String {
    use crate::domain::safe_text::md_cell;
    use std::fmt::Write as _;
    let s = b.stats;
    let o = s.obligations;
    let short = |t: DateTime<Utc>| crate::ui::text::short(t, tz);
    let (lp, rp, colon) = brackets_and_colon(lang);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", words::DUTY_REPORTING_BULLETIN.get(lang));
    let _ = writeln!(md, "{}\n", unit_and_period(b.unit, &date_range(s.from, s.to, tz, lang), lang));
    if let Some(t) = s.review_at {
        let _ = writeln!(md, "{} {}\n", words::FIGURES_AS_OF.get(lang), crate::ui::text::short(t, tz));
    }
    // 一、基本情况
    let _ = writeln!(md, "## {}\n", words::N1_OVERVIEW.get(lang));
    let cats: Vec<String> = s
        .by_category
        .iter()
        .map(|(c, n)| {
            let label = c.parse::<crate::domain::Category>().map(|c| c.label(lang)).unwrap_or("?");
            counted(label, *n, lang)
        })
        .collect();
    let grades: Vec<String> = s
        .by_grade
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(g, n)| {
            let label = g.parse::<crate::domain::Grade>().map(|g| g.label(lang)).unwrap_or("?");
            counted(label, *n, lang)
        })
        .collect();
    let overview_figures = Overview {
        incidents: s.incidents,
        categories: &cats,
        grades: &grades,
        due: o.total(),
        on_time: o.done,
        late: o.done_late + o.open_overdue,
        late_incidents: s.late_incidents,
        missed: o.missed_total,
        missed_incidents: s.missed_incidents,
        waived: o.waived,
        within_time: o.open - o.open_overdue,
        rate: rate(s.on_time_rate, lang),
    };
    let _ = writeln!(md, "{}", overview(&overview_figures, lang));
    let table = |md: &mut String,
                 head: &str,
                 rows: &std::collections::BTreeMap<String, crate::ops::stats::Tally>,
                 label: &dyn Fn(&str) -> String| {
        let _ = writeln!(
            md,
            "| {head} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|",
            words::DUE_3.get(lang),
            words::ON_TIME.get(lang),
            words::LATE_2.get(lang),
            words::MISSED_2.get(lang),
            words::RATE.get(lang)
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
    table(&mut md, words::DUTY.get(lang), &s.by_kind, &|k| crate::ui::labels::obligation_kind_code(k, lang));
    table(&mut md, words::OFFICER.get(lang), &s.by_officer, &|k| md_cell(k));
    table(&mut md, words::LEADER.get(lang), &s.by_leader, &|k| md_cell(k));
    // 二、时效
    let _ = writeln!(md, "## {}\n", words::N2_DELAYS.get(lang));
    let _ = writeln!(
        md,
        "- {}{colon}{}",
        words::OCCURRENCE_TO_LEARNING_MEDIAN.get(lang),
        minutes(s.median_learn_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}{colon}{}",
        words::LEARNING_TO_FIRST_PHONE_REPORT.get(lang),
        minutes(s.median_first_phone_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}{colon}{}\n",
        words::UPPER_ROOMS_ACKNOWLEDGEMENT_MEDIAN.get(lang),
        minutes(s.median_ack_minutes, lang)
    );
    // 三、存在问题
    let _ = writeln!(md, "## {}\n", words::N3_PROBLEMS.get(lang));
    let more = |md: &mut String, shown: usize, all: usize, cmd: &str| {
        if all > shown {
            let _ = writeln!(md, "- {}", more_items(all - shown, cmd, lang));
        }
    };
    let mut section = 0;
    let mut heading = |md: &mut String, title: ::text::Words| {
        let _ = writeln!(md, "{}", problem_heading(section, title, lang));
        section += 1;
    };
    heading(&mut md, words::LATE_AND_MISSED);
    if b.late.items.is_empty() {
        let _ = writeln!(md, "{}\n", words::NONE_3.get(lang));
    } else {
        for i in b.late.items.iter().take(BULLETIN_ITEMS) {
            let when = match (i.done_at, i.late_seconds) {
                (Some(d), Some(l)) => sent_late(&short(d), &span(l, lang), lang),
                (None, Some(l)) => not_sent_overdue(&span(l, lang), lang),
                _ => words::NEVER_SENT.get(lang).to_string(),
            };
            let _ = writeln!(
                md,
                "- {} #{} {} · {} · {} {} · {}{lp}{}{rp}",
                class(&i.class, lang),
                i.incident.reference,
                md_cell(&i.incident.title),
                crate::ui::labels::obligation_kind(&i.kind, lang),
                words::DUE_2.get(lang),
                short(i.due_at),
                when,
                on_duty(&i.on_duty.officer, &i.on_duty.leader, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(b.late.items.len()), b.late.items.len(), "late");
        let _ = writeln!(md);
    }
    heading(&mut md, words::ACKS_LATE_OR_MISSING);
    if b.acks.items.is_empty() {
        let _ = writeln!(md, "{}\n", words::NONE_3.get(lang));
    } else {
        for i in b.acks.items.iter().take(BULLETIN_ITEMS) {
            let level =
                i.level.parse::<crate::domain::Level>().map(|l| l.label(lang).to_string()).unwrap_or(i.level.clone());
            let got = match (i.acked_at, i.delay_seconds) {
                (Some(a), Some(d)) => acked_took(&short(a), &span(d, lang), lang),
                _ => words::NEVER_ACKNOWLEDGED.get(lang).to_string(),
            };
            let _ = writeln!(
                md,
                "- #{} {} · {} {} {} · {}{lp}{}{rp}",
                i.incident.reference,
                md_cell(&i.incident.title),
                level,
                words::SENT_2.get(lang),
                short(i.sent_at),
                got,
                on_duty(&i.on_duty.officer, &i.on_duty.leader, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(b.acks.items.len()), b.acks.items.len(), "acks");
        let _ = writeln!(md);
    }
    heading(&mut md, words::SPOT_CHECKS_NOT_ANSWERED);
    let unanswered: Vec<_> = b.spot.items.iter().filter(|i| !i.answered).collect();
    if unanswered.is_empty() {
        let _ = writeln!(md, "{}\n", words::NONE_3.get(lang));
    } else {
        for i in unanswered.iter().take(BULLETIN_ITEMS) {
            let _ = writeln!(
                md,
                "- {} {} {}{lp}{}{rp}",
                short(i.at),
                direction(&i.direction, lang),
                md_cell(&i.unit),
                on_duty(&i.on_duty.officer, &i.on_duty.leader, lang)
            );
        }
        more(&mut md, BULLETIN_ITEMS.min(unanswered.len()), unanswered.len(), "spot-checks");
        let _ = writeln!(md);
    }
    heading(&mut md, words::EQUIPMENT_FAULTS_SECTION);
    if b.equipment.items.is_empty() {
        let _ = writeln!(md, "{}\n", words::NONE_3.get(lang));
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
    let _ = writeln!(md, "## {}\n", words::N4_CORRECTIVE_REQUIREMENTS.get(lang));
    let _ = writeln!(md, "{}\n", words::FOR_THE_SUPERVISOR_TO_WRITE.get(lang));
    let requirement_figures = Figures {
        late: b.late.late.items,
        late_incidents: b.late.late.incidents,
        missed: b.late.missed.items,
        missed_incidents: b.late.missed.incidents,
        rate: rate(s.on_time_rate, lang),
        acks: b.acks.total.items,
        unanswered: unanswered.len(),
        faults: b.equipment.items.len(),
    };
    let _ = writeln!(md, "{}", figures(&requirement_figures, lang));
    md
}
