//! `dutywatch roster import|export|check|fill|now|swap|list` (README, *Command line*; issue 3).

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};

use super::out::outln;
use super::person::find_person;
use super::roster_args::{DateRange, DayRange, ExportArgs, ExportFormat, FillArgs, RosterCmd};
use super::roster_io::{self, IcsEvent, PlanContext};
use super::{CliError, CliResult, Ctx, print_json};
use crate::config;
use crate::domain::calendar::Calendar;
use crate::domain::roster::{self, Pattern, Problem, RosterRules};
use crate::domain::roster_week::{duty_date, duty_window, week_start};
use crate::domain::{Lang, Level, Person, Role, Shift};
use crate::store::Store;
use crate::store::shift::NewShift;
use text::cli::roster as w;
use text::{DescribeAt, Label};

pub fn run(ctx: &Ctx, cmd: &RosterCmd) -> CliResult {
    match cmd {
        RosterCmd::Import { file } => import(ctx, file),
        RosterCmd::Export(a) => export(ctx, a),
        RosterCmd::File(a) => file(ctx, a),
        RosterCmd::Check { range, json } => check(ctx, days(ctx, range)?, *json),
        RosterCmd::Fill(a) => fill(ctx, a),
        RosterCmd::Now { json } => now(ctx, *json),
        RosterCmd::Swap { shift_id, to, reason, approved_by, pin_stdin, unverified } => {
            swap(ctx, *shift_id, to, reason, approved_by, *pin_stdin, unverified.as_deref())
        }
        RosterCmd::List { range, json } => list(ctx, days(ctx, range)?, *json),
    }
}

/// The unit's roster policy as the domain's rules.
pub fn rules_of(ctx: &Ctx) -> RosterRules {
    RosterRules {
        max_continuous_hours: ctx.unit.roster.max_continuous_hours,
        leader_every_day: ctx.unit.roster.leader_every_day,
    }
}

/// Today's duty day in the unit's zone.
fn today(ctx: &Ctx) -> NaiveDate {
    duty_date(ctx.now(), ctx.unit.timezone, ctx.unit.shift_change)
}

/// The duty days `--from` and `--to` name (see [`DayRange`]): the local date of the instant each
/// reads as, a `--to` day or month being inclusive.
fn days(ctx: &Ctx, r: &DayRange) -> Result<DateRange, CliError> {
    use crate::domain::period::{End, parse_bound};
    let tz = ctx.unit.timezone;
    let read = |flag: &str, v: &Option<String>, end: End| -> Result<Option<NaiveDate>, CliError> {
        let Some(v) = v else { return Ok(None) };
        let t = parse_bound(v, end, ctx.now(), tz).map_err(|e| CliError::Fail(format!("--{flag}: {e}")))?;
        // An inclusive end (a day or a month) comes back as the next one's start: its last day is before.
        let t = if end == End::To && t != parse_bound(v, End::From, ctx.now(), tz).unwrap_or(t) {
            t - chrono::Duration::seconds(1)
        } else {
            t
        };
        Ok(Some(t.with_timezone(&tz).date_naive()))
    };
    Ok(DateRange { from: read("from", &r.from, End::From)?, to: read("to", &r.to, End::To)? })
}

/// The instants of a range of duty days, or everything when neither end is given.
fn window(ctx: &Ctx, range: DateRange, default_days: Option<u64>) -> Result<(DateTime<Utc>, DateTime<Utc>), CliError> {
    let (from, to) = match (range.from, range.to, default_days) {
        (None, None, None) => return Ok((far_past(), far_future())),
        (f, t, days) => {
            let from = f.unwrap_or_else(|| today(ctx));
            let to = t.unwrap_or_else(|| from.checked_add_days(Days::new(days.unwrap_or(7) - 1)).unwrap_or(from));
            (from, to)
        }
    };
    if to < from {
        return Err(CliError::Fail(format!("--to: {to} is before --from {from}")));
    }
    duty_window(from, to, ctx.unit.timezone, ctx.unit.shift_change)
        .ok_or_else(|| CliError::Fail(format!("--from/--to: {from}..{to} cannot be placed in {}", ctx.unit.timezone)))
}

fn far_past() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn far_future() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0).single().unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn load_calendar() -> Result<Calendar, CliError> {
    Ok(config::calendar::load()?)
}

fn import(ctx: &Ctx, file: &std::path::Path) -> CliResult {
    let label = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| CliError::Fail(format!("{label}: cannot read: {e}")))?;
    let mut store = ctx.open_rw()?;
    let people = store.people()?;
    let rows =
        roster_io::parse_csv(&text, &label, ctx.unit.timezone, &people).map_err(|e| CliError::Fail(e.to_string()))?;
    roster_io::check_lengths(&rows, &label, ctx.unit.roster.max_shift_hours)
        .map_err(|e| CliError::Fail(e.to_string()))?;
    let shifts: Vec<NewShift> = rows.iter().map(|r| r.shift.clone()).collect();
    let actor = ctx.actor(&store)?;
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    let label_of = |i: usize| format!("{label}:{}", lines.get(i).copied().unwrap_or(0));
    let out = crate::ops::people::add_shifts(&mut store, &shifts, ctx.now(), &actor, &label_of)?;
    outln!("{}", w::imported(out.added, out.unchanged, ctx.lang))?;
    Ok(())
}

fn export(ctx: &Ctx, a: &ExportArgs) -> CliResult {
    let store = ctx.open()?;
    let tz = ctx.unit.timezone;
    match a.format {
        ExportFormat::Csv => {
            let (from, to) = window(ctx, days(ctx, &a.range)?, None)?;
            let shifts = store.shifts_between(from, to)?;
            super::out::raw(
                &roster_io::to_csv(&shifts, tz, ctx.unit.shift_change).map_err(|e| CliError::Fail(e.to_string()))?,
            )?;
        }
        ExportFormat::Ics => {
            let (from, to) = window(ctx, days(ctx, &a.range)?, None)?;
            let shifts = store.shifts_between(from, to)?;
            let people = store.people()?;
            let mut events = Vec::with_capacity(shifts.len());
            for s in &shifts {
                let info = if s.replaces.is_some() { store.swap_info(s.id)? } else { None };
                let phone = people.iter().find(|p| p.id == s.person_id).map(|p| p.phone.clone()).unwrap_or_default();
                events.push(IcsEvent {
                    shift: s,
                    root_id: info.as_ref().map_or(s.id, |i| i.root_id),
                    sequence: info.as_ref().map_or(0, |i| i.swaps),
                    phone,
                    swap_note: info.map(|i| swap_note(ctx.lang, s, &i.replaced_person, &i.approved_by)),
                });
            }
            super::out::raw(&roster_io::to_ics(&events, ctx.unit.display_name(ctx.lang), tz, ctx.now(), ctx.lang))?;
        }
        ExportFormat::Md | ExportFormat::Docx => {
            if let Some(p) = a.output.as_deref() {
                crate::docs::check_target(p, a.force)?;
            }
            let monday = week_start(a.week.or(days(ctx, &a.range)?.from).unwrap_or_else(|| today(ctx)));
            let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
            let range = DateRange { from: Some(monday), to: Some(sunday) };
            let (from, to) = window(ctx, range, None)?;
            let shifts = store.shifts_between(from, to)?;
            let people = store.people()?;
            let calendar = load_calendar()?;
            let problems = roster::check(&shifts, &people, from, to, tz, &calendar, &rules_of(ctx));
            let cx = PlanContext {
                unit_name: ctx.unit.display_name(ctx.lang),
                tz,
                change: ctx.unit.shift_change,
                calendar: &calendar,
                people: &people,
                upper_room: upper_room(ctx),
                problems: problems.iter().map(|p| p.describe(ctx.lang, tz)).collect(),
                lang: ctx.lang,
            };
            let md = crate::domain::safe_text::visible(&roster_io::weekly_plan_md(&shifts, monday, &cx)).into_owned();
            match (a.format, a.output.as_deref()) {
                (ExportFormat::Docx, output) => {
                    let doc = crate::docs::Doc { blocks: crate::docs::from_md(&md), ..Default::default() };
                    super::export::emit_docx(&doc, output, a.force, ctx.lang)?;
                }
                (_, Some(p)) => {
                    crate::docs::write_file(p, md.as_bytes(), a.force)?;
                    super::out::err_line(&crate::ui::text_docs::written_to(&p.display().to_string(), ctx.lang));
                }
                (_, None) => super::out::text(&md)?,
            }
        }
    }
    Ok(())
}

/// `roster file`: the week's plan as `roster export --format md --week D` prints it, filed with its
/// SHA-256 (refused with the gaps named unless --with-gaps), or the acknowledgement recorded.
fn file(ctx: &Ctx, a: &super::roster_args::FileArgs) -> CliResult {
    let at = ctx.time("at", a.at.as_deref())?;
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let op = ctx.op(&book, &actor);
    let tz = ctx.unit.timezone;
    let p = if a.ack {
        crate::ops::plan::ack(&mut store, &op, a.week, a.by.as_deref().unwrap_or_default(), at)?
    } else {
        let monday = week_start(a.week);
        let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
        let (from, to) = window(ctx, DateRange { from: Some(monday), to: Some(sunday) }, None)?;
        let shifts = store.shifts_between(from, to)?;
        let people = store.people()?;
        let calendar = load_calendar()?;
        let problems = roster::check(&shifts, &people, from, to, tz, &calendar, &rules_of(ctx));
        let gaps: Vec<String> =
            problems.iter().filter(|p| matches!(p, Problem::Gap { .. })).map(|p| p.describe(ctx.lang, tz)).collect();
        let cx = PlanContext {
            unit_name: ctx.unit.display_name(ctx.lang),
            tz,
            change: ctx.unit.shift_change,
            calendar: &calendar,
            people: &people,
            upper_room: upper_room(ctx),
            problems: problems.iter().map(|p| p.describe(ctx.lang, tz)).collect(),
            lang: ctx.lang,
        };
        let content = roster_io::weekly_plan_md(&shifts, monday, &cx);
        let filing = crate::ops::plan::Filing {
            week: monday,
            recipient: a.to.as_deref().unwrap_or_default(),
            at,
            content: &content,
            gaps: &gaps,
            with_gaps: a.with_gaps,
        };
        crate::ops::plan::file(&mut store, &op, &filing)?
    };
    let t = |x: DateTime<Utc>| x.with_timezone(&tz).to_rfc3339();
    if a.json {
        return print_json(&json!({
            "id": p.id,
            "week": p.week.format("%Y-%m-%d").to_string(),
            "recipient": p.recipient,
            "filed_at": t(p.filed_at),
            "filed_by": p.filed_by,
            "content_sha256": p.content_sha256,
            "gaps": p.gaps,
            "ack_at": p.ack_at.map(t),
            "ack_by": p.ack_by,
        }));
    }
    super::out::outln!("{}", plan_filing_line(&p, ctx.lang, tz))
}

/// The first upper duty room in the directory (the one the weekly plan is filed with).
fn upper_room(ctx: &Ctx) -> Option<(String, String)> {
    ctx.unit.contacts.iter().find(|c| c.level != Level::Leader).map(|c| {
        let mut contact = format!("{} {}", text::codes::channel::PHONE.get(ctx.lang), c.phone);
        if !c.fax.is_empty() {
            contact.push_str(&format!(", {} {}", text::codes::channel::FAX.get(ctx.lang), c.fax));
        }
        (c.name.clone(), contact)
    })
}

fn swap_note(lang: Lang, s: &Shift, replaced: &str, approved_by: &str) -> String {
    let reason = s.swap_reason.as_deref().unwrap_or("");
    w::swap_note(replaced, reason, approved_by, lang)
}

fn problem_json(p: &Problem, lang: Lang, tz: chrono_tz::Tz) -> Value {
    let t = |x: &DateTime<Utc>| x.with_timezone(&tz).to_rfc3339();
    let mut v = match p {
        Problem::Gap { from, to } => json!({"kind": "gap", "from": t(from), "to": t(to)}),
        Problem::Overlap { person_name, a, b, from, to, .. } => {
            json!({"kind": "overlap", "person": person_name, "shifts": [a, b], "from": t(from), "to": t(to)})
        }
        Problem::NoLeader { date, .. } => json!({"kind": "no_leader", "date": date.to_string()}),
        Problem::OverLong { person_name, from, to, hours, .. } => {
            json!({"kind": "over_long", "person": person_name, "from": t(from), "to": t(to), "hours": hours})
        }
        Problem::Inactive { person_name, shift_id, .. } => {
            json!({"kind": "inactive", "person": person_name, "shift": shift_id})
        }
    };
    v["description"] = Value::String(p.describe(lang, tz));
    v
}

fn check(ctx: &Ctx, range: DateRange, as_json: bool) -> CliResult {
    let store = ctx.open()?;
    let tz = ctx.unit.timezone;
    let (from, to) = window(ctx, range, Some(7))?;
    // Shifts a day either side count for chains and double bookings reaching into the window.
    let margin = chrono::Duration::days(2);
    let shifts = store.shifts_between(from - margin, to + margin)?;
    let people = store.people()?;
    let calendar = load_calendar()?;
    // While a response is active (PR-23, D13: 24 h unbroken duty), every day needs a leader on duty.
    let mut rules = rules_of(ctx);
    let responding = store.active_responses(ctx.now())?;
    rules.leader_every_day |= !responding.is_empty();
    let problems = roster::check(&shifts, &people, from, to, tz, &calendar, &rules);
    if as_json {
        print_json(&json!({
            "from": from.with_timezone(&tz).to_rfc3339(),
            "to": to.with_timezone(&tz).to_rfc3339(),
            "ok": problems.is_empty(),
            "problems": problems.iter().map(|p| problem_json(p, ctx.lang, tz)).collect::<Vec<_>>(),
        }))?;
    } else {
        let span = format!(
            "{} – {}",
            from.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
            to.with_timezone(&tz).format("%Y-%m-%d %H:%M")
        );
        if problems.is_empty() {
            outln!("{} {span}", w::ROSTER_CHECK_PASSED.get(ctx.lang))?;
        } else {
            outln!("{}", w::check_found(&span, problems.len(), ctx.lang))?;
            for p in &problems {
                outln!("  {}", p.describe(ctx.lang, tz))?;
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(CliError::Problems(String::new())) }
}

fn people_ids(store: &Store, names: &[String], flag: &str) -> Result<Vec<i64>, CliError> {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| find_person(store, n).map(|p| p.id).map_err(|e| CliError::Fail(format!("{flag}: {e}"))))
        .collect()
}

fn fill(ctx: &Ctx, a: &FillArgs) -> CliResult {
    let pattern: Pattern = a.pattern.parse().map_err(|e| CliError::Fail(format!("--pattern: {e}")))?;
    let mut store = ctx.open_rw()?;
    let officers = people_ids(&store, &a.officers, "--officers")?;
    let leaders = people_ids(&store, &a.leaders, "--leaders")?;
    let standby = people_ids(&store, &a.standby, "--standby")?;
    let tz = ctx.unit.timezone;
    let specs = roster::fill(pattern, a.from, a.to, ctx.unit.shift_change, tz, &officers, &leaders, &standby)
        .map_err(|e| CliError::Fail(format!("--from/--to/--officers: {e}")))?;
    // A fill adds to an empty stretch: any live shift of the same role there would double the
    // coverage (or, for the same person, double-book them), so it is refused with its id.
    if let (Some(first), Some(last)) = (specs.iter().map(|s| s.start).min(), specs.iter().map(|s| s.end).max()) {
        let existing = store.shifts_between(first, last)?;
        for s in &specs {
            if let Some(e) = existing.iter().find(|e| e.role == s.role && e.start < s.end && s.start < e.end) {
                return Err(CliError::Fail(format!(
                    "--from/--to: {} {} – {} overlaps existing shift #{} ({} {}); nothing was added",
                    s.role.label(ctx.lang),
                    s.start.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                    s.end.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                    e.id,
                    e.role.label(ctx.lang),
                    e.person_name
                )));
            }
        }
    }
    let shifts: Vec<NewShift> =
        specs.iter().map(|s| NewShift { person_id: s.person_id, role: s.role, start: s.start, end: s.end }).collect();
    let actor = ctx.actor(&store)?;
    let out =
        crate::ops::people::add_shifts(&mut store, &shifts, ctx.now(), &actor, &|i| format!("fill shift {}", i + 1))?;
    outln!("{}", w::filled(out.added, pattern.label(ctx.lang), ctx.lang))?;
    Ok(())
}

fn shift_json(s: &Shift, people: &[Person], tz: chrono_tz::Tz) -> Value {
    let phone = people.iter().find(|p| p.id == s.person_id).map(|p| p.phone.as_str()).unwrap_or("");
    json!({
        "shift_id": s.id,
        "role": s.role.code(),
        "name": s.person_name,
        "phone": phone,
        "start": s.start.with_timezone(&tz).to_rfc3339(),
        "end": s.end.with_timezone(&tz).to_rfc3339(),
        "swapped": s.replaces.is_some(),
    })
}

fn now(ctx: &Ctx, as_json: bool) -> CliResult {
    let store = ctx.open()?;
    let tz = ctx.unit.timezone;
    let at = ctx.seen_at();
    let (on, mut next) = match ctx.review {
        // Review: the roster as it stood at T (swaps recorded later not applied).
        Some(t) => {
            let r = crate::ops::review::roster_at(&store, t)?;
            (r.on_duty, r.next_change)
        }
        None => (store.shifts_at(at)?, store.next_change_after(at)?),
    };
    let people = store.people()?;
    // The incoming duty officer first, then the leader and the standby.
    if let Some((_, incoming)) = next.as_mut() {
        incoming.sort_by_key(|s| (Role::ALL.iter().position(|r| *r == s.role), s.start, s.id));
    }
    let of = |role: Role| on.iter().filter(|s| s.role == role).collect::<Vec<_>>();
    if as_json {
        let list = |role: Role| of(role).into_iter().map(|s| shift_json(s, &people, tz)).collect::<Vec<_>>();
        let next_json = next.as_ref().map(|(t, incoming)| {
            json!({
                "at": t.with_timezone(&tz).to_rfc3339(),
                "incoming": incoming.iter().filter(|s| s.start == *t).map(|s| shift_json(s, &people, tz)).collect::<Vec<_>>(),
            })
        });
        return print_json(&json!({
            "at": at.with_timezone(&tz).to_rfc3339(),
            "officer": list(Role::Officer),
            "leader": list(Role::Leader),
            "standby": list(Role::Standby),
            "next_change": next_json,
        }));
    }
    let lang = ctx.lang;
    let none = w::NONE.get(lang);
    for role in Role::ALL {
        let names: Vec<String> = of(*role)
            .iter()
            .map(|s| {
                let phone = people.iter().find(|p| p.id == s.person_id).map(|p| p.phone.as_str()).unwrap_or("");
                format!("{} {phone}", s.person_name).trim().to_string()
            })
            .collect();
        outln!("{}: {}", role.label(lang), if names.is_empty() { none.to_string() } else { names.join(", ") })?;
    }
    match next {
        Some((t, incoming)) => {
            let names: Vec<String> = incoming
                .iter()
                .filter(|s| s.start == t)
                .map(|s| format!("{} {}", s.role.label(lang), s.person_name))
                .collect();
            outln!(
                "{}: {} → {}",
                w::NEXT_CHANGE.get(lang),
                t.with_timezone(&tz).format("%Y-%m-%d %H:%M"),
                names.join(", ")
            )?;
        }
        None => outln!("{}: {none}", w::NEXT_CHANGE.get(lang))?,
    }
    Ok(())
}

fn swap(
    ctx: &Ctx,
    shift_id: i64,
    to: &str,
    reason: &str,
    approved_by: &str,
    pin_stdin: bool,
    unverified: Option<&str>,
) -> CliResult {
    let mut store = ctx.open_rw()?;
    let shift = store.shift(shift_id)?.ok_or_else(|| CliError::Fail(format!("SHIFT_ID: no shift {shift_id}")))?;
    let person = find_person(&store, to).map_err(|e| CliError::Fail(format!("--to: {e}")))?;
    if !person.active {
        return Err(CliError::Fail(format!("--to: {} is inactive", person.name)));
    }
    if !person.roles.contains(&shift.role) {
        return Err(CliError::Fail(format!("--to: {} may not take the role {}", person.name, shift.role.code())));
    }
    let actor = ctx.actor(&store)?;
    let book = ctx.book(&store)?;
    let proof = super::pin::proof(ctx, &store, approved_by, pin_stdin, unverified)?;
    let op = ctx.op(&book, &actor);
    let new_id =
        crate::ops::roster::swap(&mut store, &op, shift_id, person.id, &person.name, reason, approved_by, &proof)?;
    outln!("{}", w::swapped(shift_id, &shift.person_name, &person.name, new_id, ctx.lang))?;
    Ok(())
}

fn list(ctx: &Ctx, range: DateRange, as_json: bool) -> CliResult {
    let store = ctx.open()?;
    let tz = ctx.unit.timezone;
    let (from, to) = window(ctx, range, None)?;
    let shifts = store.shifts_between(from, to)?;
    let people = store.people()?;
    if as_json {
        let mut rows = Vec::with_capacity(shifts.len());
        for s in &shifts {
            let mut v = shift_json(s, &people, tz);
            if let Some(info) = store.swap_info(s.id)? {
                v["replaces"] = json!(info.replaced_id);
                v["replaced_person"] = json!(info.replaced_person);
                v["swap_reason"] = json!(s.swap_reason);
                v["approved_by"] = json!(info.approved_by);
            }
            rows.push(v);
        }
        return print_json(&rows);
    }
    for s in &shifts {
        let mark = match store.swap_info(s.id)? {
            Some(i) => format!("  ⇄ {}", swap_note(ctx.lang, s, &i.replaced_person, &i.approved_by)),
            None => String::new(),
        };
        outln!(
            "{:>5}  {}  {}  {} – {}  {}{mark}",
            s.id,
            duty_date(s.start, tz, ctx.unit.shift_change),
            text::truncate(s.role.label(ctx.lang), 14),
            s.start.with_timezone(&tz).format("%m-%d %H:%M"),
            s.end.with_timezone(&tz).format("%m-%d %H:%M"),
            s.person_name,
        )?;
    }
    Ok(())
}

/// `roster file`: what is on record for the week.
pub fn plan_filing_line(p: &crate::store::plan::PlanFiling, lang: Lang, tz: chrono_tz::Tz) -> String {
    let t = |x: chrono::DateTime<chrono::Utc>| x.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let ack = match (&p.ack_at, &p.ack_by) {
        (Some(at), Some(by)) => format!(" · {} {} {}", text::cli::incident::ACKNOWLEDGED.get(lang), t(*at), by),
        _ => format!(" · {}", w::AWAITING_ACK.get(lang)),
    };
    let gaps =
        if p.gaps.is_empty() { String::new() } else { format!(" · {} {}", w::WITH_GAPS.get(lang), p.gaps.len()) };
    format!(
        "{} {} → {} {} · SHA-256 {}{gaps}{ack}",
        w::WEEKLY_PLAN.get(lang),
        p.week,
        crate::domain::safe_text::visible_line(&p.recipient),
        t(p.filed_at),
        p.content_sha256
    )
}
