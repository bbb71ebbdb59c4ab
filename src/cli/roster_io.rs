//! Roster file formats: CSV in and out, iCalendar (RFC 5545) and the weekly duty plan (周值班计划)
//! in Markdown. Pure text functions, so the tests can call them without a database.
//!
//! CSV columns (header required, any order, names case-insensitive):
//! `role` (officer|leader|standby or 值班员|带班领导|备班), `person` (a known name), `start`, `end`
//! (`YYYY-MM-DD HH:MM` in the unit's time zone, or RFC 3339), and optionally `date` (the duty day,
//! informational: export writes it, import checks it is a date and otherwise ignores it). A column
//! named twice is refused. Export guards cells a spreadsheet would run as a formula with a leading
//! `'` ([`csv_guard`]); import takes the guard off ([`csv_unguard`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::calendar::{Calendar, DayKind};
use crate::domain::roster::local_to_utc;
use crate::domain::roster_week::{duty_date, week_days};
use crate::domain::safe_text::{csv_guard, csv_unguard, md_cell, visible};
use crate::domain::{Lang, Person, Role, Shift};
use crate::store::shift::NewShift;
use text::cli::roster as w;
use text::{DisplayName, Label};

/// The columns a roster CSV must have.
pub const REQUIRED_COLUMNS: [&str; 4] = ["role", "person", "start", "end"];
/// All columns a roster CSV may have, in the order export writes them.
pub const COLUMNS: [&str; 5] = ["date", "role", "person", "start", "end"];

/// One good row of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub shift: NewShift,
}

/// Why a roster file cannot be read or written. Every read error names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum RosterFileError {
    /// A field of a line (or a column of the header, line 1).
    #[error("{label}:{line}: field `{field}`: {message}")]
    Field { label: String, line: u64, field: String, message: String },
    /// A line the CSV reader could not read.
    #[error("{label}:{line}: {source}")]
    Csv { label: String, line: u64, source: csv::Error },
    /// Writing the CSV.
    #[error(transparent)]
    Write(#[from] csv::Error),
    /// The written CSV could not be taken out of its buffer.
    #[error("{0}")]
    Buffer(String),
    #[error(transparent)]
    Utf8(#[from] std::string::FromUtf8Error),
}

/// Why a typed time cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("`{0}` is not a time YYYY-MM-DD HH:MM")]
    NotATime(String),
    #[error("`{0}` does not exist in {1}")]
    Nonexistent(String, Tz),
}

fn err(label: &str, line: u64, field: &str, message: impl std::fmt::Display) -> RosterFileError {
    RosterFileError::Field { label: label.to_string(), line, field: field.to_string(), message: message.to_string() }
}

/// Parses a local time `YYYY-MM-DD HH:MM` (or `T` in the middle, or RFC 3339 with its offset).
pub fn parse_time(raw: &str, tz: Tz) -> Result<DateTime<Utc>, TimeError> {
    let t = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .ok_or_else(|| TimeError::NotATime(t.to_string()))?;
    local_to_utc(local, tz).ok_or_else(|| TimeError::Nonexistent(t.to_string(), tz))
}

/// Refuses a row longer than `max_hours` (unit.toml `[roster] max_shift_hours`), naming the line.
pub fn check_lengths(rows: &[ImportRow], label: &str, max_hours: u32) -> Result<(), RosterFileError> {
    let limit = chrono::Duration::hours(i64::from(max_hours));
    for r in rows {
        let len = r.shift.end - r.shift.start;
        if len > limit {
            let hours = len.num_minutes() as f64 / 60.0;
            return Err(err(
                label,
                r.line,
                "end",
                format!("the shift is {hours:.1} h long; at most {max_hours} h (max_shift_hours in unit.toml)"),
            ));
        }
    }
    Ok(())
}

/// One person's rows of an import so far, by start: (end, line).
type Taken = BTreeMap<DateTime<Utc>, (DateTime<Utc>, u64)>;

/// Parses and checks a whole roster CSV. Every error names the file, the line and the field; the
/// first one found is returned, so a file with any bad row imports nothing.
pub fn parse_csv(text: &str, label: &str, tz: Tz, people: &[Person]) -> Result<Vec<ImportRow>, RosterFileError> {
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(true).flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers =
        rdr.headers().map_err(|source| RosterFileError::Csv { label: label.to_string(), line: 1, source })?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    for need in REQUIRED_COLUMNS {
        if !names.iter().any(|h| h == need) {
            return Err(err(
                label,
                1,
                need,
                format!("missing column; a header line is required, e.g. `{}`", COLUMNS.join(",")),
            ));
        }
    }
    for (i, h) in names.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            return Err(err(label, 1, h, format!("unknown column; the header must name {}", COLUMNS.join(","))));
        }
        // Which of the two would be read is a guess; a guess about whose shift it is is not made.
        if names[..i].contains(h) {
            return Err(err(label, 1, h, "column named twice"));
        }
    }
    let col = |name: &str| names.iter().position(|h| h == name);
    let by_name: HashMap<&str, &Person> = people.iter().map(|p| (p.name.as_str(), p)).collect();
    let known = || people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    let mut rows: Vec<ImportRow> = Vec::new();
    // Each person's rows so far by start: (end, line). They never overlap each other (the first
    // overlap is refused), so only the one starting last before a new row's end can overlap it:
    // one lookup per row instead of a scan of every earlier row (100,000 rows: 30 s → well under 1).
    let mut taken: HashMap<i64, Taken> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|source| {
            let line = source.position().map_or(0, |p| p.line());
            RosterFileError::Csv { label: label.to_string(), line, source }
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |name: &str| csv_unguard(col(name).and_then(|i| rec.get(i)).unwrap_or("").trim());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if let Some(d) = col("date").map(|_| get("date")).filter(|d| !d.is_empty()) {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| err(label, line, "date", format!("`{d}` is not a date YYYY-MM-DD")))?;
        }
        let role: Role = get("role").parse().map_err(|e| err(label, line, "role", e))?;
        let name = get("person");
        if name.is_empty() {
            return Err(err(label, line, "person", "empty; every shift needs a person"));
        }
        let person = by_name
            .get(name)
            .ok_or_else(|| err(label, line, "person", format!("no person named `{name}`; known: {}", known())))?;
        let start = parse_time(get("start"), tz).map_err(|m| err(label, line, "start", m))?;
        let end = parse_time(get("end"), tz).map_err(|m| err(label, line, "end", m))?;
        if end <= start {
            return Err(err(label, line, "end", format!("`{}` is not after start `{}`", get("end"), get("start"))));
        }
        let mine = taken.entry(person.id).or_default();
        if let Some((_, &(other_end, other_line))) = mine.range(..end).next_back()
            && other_end > start
        {
            return Err(err(
                label,
                line,
                "start",
                format!("{name} is already on duty then (line {other_line}): rows of one person must not overlap"),
            ));
        }
        mine.insert(start, (end, line));
        rows.push(ImportRow { line, shift: NewShift { person_id: person.id, role, start, end } });
    }
    Ok(rows)
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// CSV that `parse_csv` reads back to the same shifts.
pub fn to_csv(shifts: &[Shift], tz: Tz, change: NaiveTime) -> Result<String, RosterFileError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for s in shifts {
        let date = duty_date(s.start, tz, change).to_string();
        let cells = [date.as_str(), s.role.code(), &s.person_name, &local(s.start, tz), &local(s.end, tz)];
        // A name like `=cmd|…` must not run when the file is opened in a spreadsheet.
        w.write_record(cells.map(csv_guard).iter().map(|c| c.as_bytes()))?;
    }
    let bytes = w.into_inner().map_err(|e| RosterFileError::Buffer(e.to_string()))?;
    Ok(String::from_utf8(bytes)?)
}

/// One shift as an iCalendar event.
#[derive(Debug, Clone)]
pub struct IcsEvent<'a> {
    pub shift: &'a Shift,
    /// The first assignment of the slot: the UID stays the same when the shift is swapped.
    pub root_id: i64,
    /// Number of swaps: a calendar that imported the earlier version sees an update (RFC 5545 §3.8.7.4).
    pub sequence: u32,
    pub phone: String,
    /// Shown in the description for a swapped shift.
    pub swap_note: Option<String>,
}

/// A TEXT value (RFC 5545 §3.3.11) may not hold control characters other than tab: any other (in a
/// name stored before names were checked) is shown as [`visible`] shows it. The icalendar crate then
/// escapes `\\ ; ,` and newlines and folds the lines.
fn ics_text(s: &str) -> String {
    s.split('\n').map(|line| visible(&line.replace('\r', "")).into_owned()).collect::<Vec<_>>().join("\n")
}

/// An iCalendar document (written by the icalendar crate): one VEVENT per shift, times in UTC
/// (`Z`), which every client places correctly in any zone, so no VTIMEZONE is needed.
/// `X-WR-TIMEZONE` tells clients the unit's zone.
pub fn to_ics(events: &[IcsEvent<'_>], unit_name: &str, tz: Tz, stamp: DateTime<Utc>, lang: Lang) -> String {
    use icalendar::{Component, EventLike};
    let mut cal = icalendar::Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//dutywatch//roster//ZH"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .append_property(icalendar::Property::new(
            "X-WR-CALNAME",
            ics_text(&format!("{unit_name} {}", w::DUTY_ROSTER.get(lang))),
        ))
        .append_property(("X-WR-TIMEZONE", tz.name()));
    for e in events {
        let s = e.shift;
        let mut desc = format!("{}: {}", s.role.label(lang), s.person_name);
        if !e.phone.is_empty() {
            desc.push_str(&format!("\n{}: {}", text::codes::channel::PHONE.get(lang), e.phone));
        }
        if let Some(note) = &e.swap_note {
            desc.push('\n');
            desc.push_str(note);
        }
        let event = icalendar::Event::new()
            .uid(&format!("shift-{}@dutywatch", e.root_id))
            .sequence(e.sequence)
            .timestamp(stamp)
            .starts(s.start)
            .ends(s.end)
            .summary(&ics_text(&format!("{} {}", s.role.label(lang), s.person_name)))
            .description(&ics_text(&desc))
            .add_property("CATEGORIES", s.role.code().to_uppercase())
            .add_property("TRANSP", "OPAQUE")
            .done();
        cal.push(event);
    }
    cal.to_string()
}

/// What the weekly plan needs besides the shifts.
pub struct PlanContext<'a> {
    pub unit_name: &'a str,
    pub tz: Tz,
    pub change: NaiveTime,
    pub calendar: &'a Calendar,
    pub people: &'a [Person],
    /// The upper duty room the plan is filed with (报备), and its phone/fax.
    pub upper_room: Option<(String, String)>,
    pub problems: Vec<String>,
    pub lang: Lang,
}

/// Marks of one day: holiday / make-up workday / weekend, and the sensitive periods in force.
pub fn day_marks(calendar: &Calendar, date: NaiveDate, lang: Lang) -> Vec<String> {
    let mut marks = Vec::new();
    match calendar.day_kind(date) {
        DayKind::Holiday(h) => marks.push(w::holiday_mark(&h.name, &h.name_en, lang)),
        DayKind::MakeupWorkday(_) => marks.push(w::MAKEUP_WORKDAY.get(lang).to_string()),
        DayKind::Weekend => marks.push(w::WEEKEND.get(lang).to_string()),
        DayKind::Workday => {}
    }
    for p in calendar.periods_on(date) {
        marks.push(format!("[{}]", p.display_name(lang)));
    }
    marks
}

/// The weekly duty plan (周值班计划) for the week starting `monday`, ready to file upward.
pub fn weekly_plan_md(shifts: &[Shift], monday: NaiveDate, cx: &PlanContext<'_>) -> String {
    let lang = cx.lang;
    let days = week_days(monday);
    let phone_of: HashMap<i64, &str> = cx.people.iter().map(|p| (p.id, p.phone.as_str())).collect();
    let cell = |date: NaiveDate, role: Role| -> String {
        let mut in_cell: Vec<&Shift> =
            shifts.iter().filter(|s| s.role == role && duty_date(s.start, cx.tz, cx.change) == date).collect();
        in_cell.sort_by_key(|s| s.start);
        let full_day = in_cell.len() == 1;
        let parts: Vec<String> = in_cell
            .iter()
            .map(|s| {
                let phone = phone_of.get(&s.person_id).copied().unwrap_or("");
                let mut t = s.person_name.clone();
                if !phone.is_empty() {
                    t.push_str(&format!(" {phone}"));
                }
                if s.replaces.is_some() {
                    t.push_str(w::SWAPPED.get(lang));
                }
                if !full_day {
                    let f = s.start.with_timezone(&cx.tz).format("%H:%M");
                    let e = s.end.with_timezone(&cx.tz).format("%H:%M");
                    t = format!("{f}–{e} {t}");
                }
                md_cell(&t)
            })
            .collect();
        if parts.is_empty() { "—".to_string() } else { parts.join("<br>") }
    };
    let last = days.last().copied().unwrap_or(monday);
    let mut out = String::new();
    out.push_str(&w::plan_heading(&md_cell(cx.unit_name), lang));
    out.push_str(&w::plan_span(
        &monday.to_string(),
        text::weekday(chrono::Datelike::weekday(&monday), lang),
        &last.to_string(),
        text::weekday(chrono::Datelike::weekday(&last), lang),
        &cx.change.format("%H:%M").to_string(),
        cx.tz.name(),
        lang,
    ));
    let head = w::plan_head(lang);
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    out.push_str("|---|---|---|---|---|---|\n");
    for d in &days {
        let marks = day_marks(cx.calendar, *d, lang);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            d.format("%m-%d"),
            text::weekday(chrono::Datelike::weekday(d), lang),
            md_cell(&marks.join(" ")),
            cell(*d, Role::Officer),
            cell(*d, Role::Leader),
            cell(*d, Role::Standby),
        ));
    }
    out.push('\n');
    if cx.problems.is_empty() {
        out.push_str(w::PLAN_NO_PROBLEMS.get(lang));
    } else {
        out.push_str(w::PLAN_PROBLEMS.get(lang));
        for p in &cx.problems {
            out.push_str(&format!("- {}\n", md_cell(p)));
        }
        out.push('\n');
    }
    let room = cx.upper_room.as_ref().map(|(name, contact)| (md_cell(name), md_cell(contact)));
    out.push_str(&w::plan_footer(room.as_ref().map(|(n, c)| (n.as_str(), c.as_str())), lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_shift(name: &str) -> Shift {
        Shift {
            id: 1,
            person_id: 1,
            person_name: name.to_string(),
            role: Role::Officer,
            start: DateTime::from_timestamp(1_763_800_000, 0).expect("t"),
            end: DateTime::from_timestamp(1_763_886_400, 0).expect("t"),
            replaces: None,
            swap_reason: None,
        }
    }

    #[test]
    fn long_lines_are_folded_whole_and_text_is_escaped_and_neutralised() {
        let shift = sample_shift(&format!("{}a,b;c\\d\x1b[2J\u{202e}", "值班员张伟".repeat(10)));
        let ev = IcsEvent { shift: &shift, root_id: 7, sequence: 2, phone: "110".into(), swap_note: None };
        let ics = to_ics(&[ev], "青山镇", chrono_tz::Asia::Shanghai, shift.start, Lang::Zh);
        for l in ics.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("a\\,b\\;c\\\\d␛[2J⟨U+202E⟩"), "{unfolded}");
        assert!(!ics.contains('\x1b'));
        assert!(unfolded.contains("UID:shift-7@dutywatch") && unfolded.contains("SEQUENCE:2"), "{unfolded}");
    }
}
