//! The day's duty record (值班记录) as filed: the duty day from one shift change to the next, with
//! the incidents received, calls in and out, leader instructions with their feedback, spot checks,
//! equipment checks and notes. Markdown first (what `log export --day` prints); the Word file is the
//! same Markdown laid out ([`super::from_md`]).

use crate::text::service::daylog as say;
use crate::text::service::shared;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::{Doc, DocError, from_md, head_label};
use crate::domain::safe_text::md_cell;
use crate::domain::{LogKind, Role};
use crate::store::Store;
use crate::store::log::{LogFilter, LogRow};
use crate::text::Label;

/// The most log lines a day's record holds (a flood day's log is a few hundred).
const MAX_LINES: usize = 100_000;

/// The duty day `day`: from its shift change to the next day's, in the unit's zone.
pub fn day_window(day: NaiveDate, change: chrono::NaiveTime, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |d: NaiveDate| {
        tz.from_local_datetime(&d.and_time(change)).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    };
    (at(day), at(day.succ_opt().unwrap_or(day)))
}

/// The day's record as Markdown, or why there is none (a day with no log line and no incident).
pub fn markdown(
    store: &Store,
    unit: &crate::config::UnitConfig,
    lang: crate::domain::Lang,
    day: NaiveDate,
) -> Result<(String, String), DocError> {
    let tz = unit.timezone;
    let (from, to) = day_window(day, unit.shift_change, tz);
    let filter =
        LogFilter { from: Some(from), to: Some(to), kind: None, before: None, limit: MAX_LINES, recorded_by: None };
    let mut rows = store.log_between(&filter)?;
    rows.reverse();
    let incidents = store.incidents_learned_between(from, to)?;
    // System lines (what the program logged of each act) are not the officer's record.
    let rows: Vec<LogRow> = rows.into_iter().filter(|r| r.entry.kind != LogKind::System).collect();
    if rows.is_empty() && incidents.is_empty() {
        return Err(DocError::Invalid(format!("--day {day}: {}", say::NO_DUTY_RECORD_THAT_DAY.get(lang))));
    }
    let t = |d: DateTime<Utc>| d.with_timezone(&tz).format("%m-%d %H:%M").to_string();
    let on_duty = store.shifts_at(from + chrono::Duration::minutes(1))?;
    let who = |role: Role| {
        let names: Vec<String> = on_duty.iter().filter(|s| s.role == role).map(|s| md_cell(&s.person_name)).collect();
        if names.is_empty() { "—".to_string() } else { names.join("、") }
    };
    let mut md = String::new();
    let _ = writeln!(md, "# {} {}\n", md_cell(unit.display_name(lang)), say::DUTY_RECORD.get(lang));
    let _ = writeln!(
        md,
        "- {}: {} – {}",
        say::DUTY_DAY.get(lang),
        from.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
        to.with_timezone(&tz).format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(md, "- {}: {}", shared::DUTY_OFFICER.get(lang), who(Role::Officer));
    let _ = writeln!(md, "- {}: {}", shared::LEADER_ON_DUTY.get(lang), who(Role::Leader));
    let table = |md: &mut String, title: &str, head: &[&str], lines: Vec<Vec<String>>| {
        let _ = writeln!(md, "\n## {title}\n");
        if lines.is_empty() {
            let _ = writeln!(md, "{}", say::NONE_SENTENCE.get(lang));
            return;
        }
        let _ = writeln!(md, "| {} |", head.join(" | "));
        let _ = writeln!(md, "|{}", "---|".repeat(head.len()));
        for l in lines {
            let cells: Vec<String> = l.iter().map(|c| md_cell(c)).collect();
            let _ = writeln!(md, "| {} |", cells.join(" | "));
        }
    };
    table(
        &mut md,
        shared::INCIDENTS_RECEIVED_SECTION.get(lang),
        &[say::LEARNED.get(lang), say::REF.get(lang), shared::INCIDENTS.get(lang), say::CATEGORY_GRADE.get(lang)],
        incidents
            .iter()
            .map(|i| {
                vec![
                    t(i.learned_at),
                    format!("#{}", i.reference),
                    format!("{} {}", i.title, i.place),
                    format!("{} {}", i.category.label(lang), i.grade.label(lang)),
                ]
            })
            .collect(),
    );
    let of = |kinds: &[LogKind]| -> Vec<&LogRow> { rows.iter().filter(|r| kinds.contains(&r.entry.kind)).collect() };
    let simple = |r: &LogRow| {
        let body = text::log_events::entry_text(&r.entry, lang).into_owned();
        vec![t(r.entry.at), r.entry.kind.label(lang).to_string(), body, r.entry.author.clone()]
    };
    let head4 = [say::TIME.get(lang), say::KIND.get(lang), say::CONTENT.get(lang), say::BY.get(lang)];
    table(
        &mut md,
        say::CALLS_SECTION.get(lang),
        &head4,
        of(&[LogKind::CallIn, LogKind::CallOut]).into_iter().map(simple).collect(),
    );
    // Each instruction with the feedback that answers it (feedback to an earlier day's instruction
    // is listed on its own).
    let feedback = of(&[LogKind::Feedback]);
    let mut lines: Vec<Vec<String>> = Vec::new();
    for i in of(&[LogKind::Instruction]) {
        let from = i.data.as_ref().and_then(|d| d.get("from")).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let answers: Vec<String> = feedback
            .iter()
            .filter(|f| f.answers == Some(i.entry.id))
            .map(|f| format!("{} {}", t(f.entry.at), f.entry.body))
            .collect();
        let answered =
            if answers.is_empty() { say::AWAITING_FEEDBACK.get(lang).to_string() } else { answers.join("\n") };
        lines.push(vec![t(i.entry.at), from, i.entry.body.clone(), answered]);
    }
    let ids: Vec<i64> = of(&[LogKind::Instruction]).iter().map(|r| r.entry.id).collect();
    for f in feedback.iter().filter(|f| f.answers.is_none_or(|a| !ids.contains(&a))) {
        lines.push(vec![t(f.entry.at), String::new(), String::new(), f.entry.body.clone()]);
    }
    table(
        &mut md,
        say::INSTRUCTIONS_SECTION.get(lang),
        &[say::TIME.get(lang), say::FROM.get(lang), say::INSTRUCTION.get(lang), say::FEEDBACK.get(lang)],
        lines,
    );
    table(
        &mut md,
        say::SPOT_CHECKS_SECTION.get(lang),
        &head4,
        of(&[LogKind::SpotCheck]).into_iter().map(simple).collect(),
    );
    table(
        &mut md,
        say::EQUIPMENT_SECTION.get(lang),
        &head4,
        of(&[LogKind::Equipment]).into_iter().map(simple).collect(),
    );
    table(&mut md, say::NOTES_SECTION.get(lang), &head4, of(&[LogKind::Note]).into_iter().map(simple).collect());
    let _ = writeln!(md, "\n{}", say::DUTY_OFFICER_LEADER_ON_DUTY.get(lang));
    let head = crate::store::audit::head_hex(store.conn())?;
    if !head.is_empty() {
        let _ = writeln!(md, "\n{}: `{head}`", crate::text::docs::head_label(lang));
    }
    let md = crate::domain::safe_text::visible(&md).into_owned();
    Ok((md, head))
}

/// The day's record as a document (the Markdown laid out; the head also in the footer).
pub fn doc(md: &str, head: &str, lang: crate::domain::Lang) -> Doc {
    Doc { masthead: None, blocks: from_md(md), head: head.to_string(), head_label: head_label(lang) }
}
