//! `dutywatch incident add|list|show|report|grade|end|close`.

use super::args::{IncidentAddArgs, IncidentCmd, ListArgs, ReportArgs, UpdateArgs};
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::{Channel, Incident, Level, ReportKind};
use crate::ops::{self, incident as inc};
use crate::store::Store;
use crate::store::incident::IncidentInput;
use crate::ui::{text_levels, text_report};
use text::cli::incident as w;
use text::labels;
use text::{FiguresText, Label};

fn parse<T: std::str::FromStr<Err = crate::domain::UnknownCode>>(flag: &str, v: &str) -> Result<T, CliError> {
    v.parse::<T>().map_err(|e| CliError::Fail(format!("--{flag}: {e}")))
}

fn count(flag: &str, v: i64) -> Result<u32, CliError> {
    u32::try_from(v).map_err(|_| {
        let why = if v < 0 { "must not be negative" } else { "is too large" };
        CliError::Fail(format!("--{flag}: {why} (got {v}; 0 to {})", u32::MAX))
    })
}

/// Finds an incident by id or reference, with a clear error.
pub fn find(store: &Store, key: &str) -> Result<Incident, CliError> {
    store
        .find_incident(key)
        .map_err(|_| CliError::Fail(format!("no incident `{key}` (give an id or a reference like 2026-0042)")))
}

pub fn run(ctx: &Ctx, cmd: &IncidentCmd) -> CliResult {
    match cmd {
        IncidentCmd::Add(a) => add(ctx, a),
        IncidentCmd::List(a) => list(ctx, a),
        IncidentCmd::Show { id, json } if ctx.review.is_some() => show_at(ctx, id, *json),
        IncidentCmd::Show { id, json } => {
            let mut store = ctx.open()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            // The ledger as of now: 迟报 stamped, the 续报 slot now running in place (a read-only file
            // is shown as it is).
            ops::ledger::advance(&mut store, &op)?;
            let i = find(&store, id)?;
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Report(r) => report(ctx, r),
        IncidentCmd::Update(u) => update(ctx, u),
        IncidentCmd::Correct(c) => {
            let target = match (c.report, c.step, c.ack) {
                (Some(n), _, _) => ops::correct::Target::Report(n),
                (None, Some(n), _) => ops::correct::Target::Step(n),
                (None, None, Some(n)) => ops::correct::Target::Ack(n),
                (None, None, None) => {
                    return Err(CliError::Fail("--report: give --report N, --step N or --ack N".into()));
                }
            };
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, &c.id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            ops::correct::correct(&mut store, &op, i.id, target, &c.reason, &c.by)?;
            super::out::saved_incident(&i);
            // The reopened duties: 迟报 stamped at once when their due time has passed.
            ops::ledger::advance(&mut store, &op)?;
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, c.json)
        }
        IncidentCmd::Grade { id, grade, by, at, json, pin_stdin, unverified } => {
            let g = *grade;
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let change = inc::GradeChange { grade: g, by: by.clone(), at };
            let proof = super::pin::proof(ctx, &store, by, *pin_stdin, unverified.as_deref())?;
            let i = inc::change_grade_with(&mut store, &op, i.id, &change, None, &proof)?;
            super::out::saved_incident(&i);
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::End { id, at, json } => {
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let at = ctx.time("at", at.as_deref())?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let i = inc::end_handling(&mut store, &op, i.id, at)?;
            super::out::saved_incident(&i);
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Close { id, json } => {
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let i = inc::close(&mut store, &op, i.id)?;
            super::out::saved_incident(&i);
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Waive(w) => {
            let target = match (&w.obligation, &w.kind) {
                (Some(n), _) => ops::ledger::WaiveTarget::Obligation(*n),
                (None, Some(k)) => ops::ledger::WaiveTarget::Kind(k.clone()),
                (None, None) => return Err(CliError::Fail("--obligation: give --obligation N or --kind KIND".into())),
            };
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, &w.id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let proof = super::pin::proof(ctx, &store, &w.by, w.pin_stdin, w.unverified.as_deref())?;
            ops::ledger::waive_with(&mut store, &op, i.id, &target, &w.reason, &w.by, &proof)?;
            super::out::saved_incident(&i);
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, w.json)
        }
        IncidentCmd::Respond(r) => respond(ctx, r),
        IncidentCmd::Warn { id, level, reason, by, at, json } => {
            let level = level.0;
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::response::warn(&mut store, &op, i.id, level, reason, by, at)?;
            super::out::saved_incident(&i);
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Ready { id, item, at, json } => {
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            ops::response::ready(&mut store, &op, i.id, item, at)?;
            super::out::saved_incident(&i);
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Finding { id, kind, text, by, json } => {
            let kind = *kind;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::response::finding(&mut store, &op, i.id, kind, text, by)?;
            super::out::saved_incident(&i);
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, *json)
        }
        IncidentCmd::Relay { id, level, by, at, json } => {
            let level: Level = *level;
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let i = find(&store, id)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::relay(&mut store, &op, i.id, level, by, at)?;
            super::out::saved_incident(&i);
            let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
            show(ctx, &store, &op, i, *json)
        }
    }
}

fn respond(ctx: &Ctx, r: &super::args::RespondArgs) -> CliResult {
    let act = match (&r.level, r.end) {
        (Some(level), false) => {
            let level = *level;
            let reason = r.reason.clone().unwrap_or_default();
            if reason.trim().is_empty() {
                return Err(CliError::Fail("--reason: a response level needs its reason (the trigger)".into()));
            }
            ops::response::ResponseAct::Level { level, reason }
        }
        (None, true) => {
            let conditions = r.conditions.clone().unwrap_or_default();
            if conditions.trim().is_empty() {
                return Err(CliError::Fail("--conditions: ending a response needs its end conditions".into()));
            }
            ops::response::ResponseAct::End { conditions }
        }
        _ => {
            return Err(CliError::Fail("--level: give --level LEVEL --reason TEXT, or --end --conditions TEXT".into()));
        }
    };
    let at = ctx.time("at", r.at.as_deref())?;
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let i = find(&store, &r.id)?;
    let op = ctx.op(&book, &actor);
    ops::ledger::advance(&mut store, &op)?;
    ops::response::respond(&mut store, &op, i.id, &act, &r.by, at)?;
    super::out::saved_incident(&i);
    ops::ledger::advance(&mut store, &op)?;
    let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
    show(ctx, &store, &op, i, r.json)
}

fn add(ctx: &Ctx, a: &IncidentAddArgs) -> CliResult {
    let input = IncidentInput {
        title: a.title.clone(),
        category: Some(a.category),
        grade: Some(a.grade),
        occurred_at: ctx.time("occurred", a.occurred.as_deref())?,
        learned_at: ctx.time("learned", a.learned.as_deref())?,
        place: a.place.clone(),
        source: Some(a.source),
        caller_unit: a.caller_unit.clone(),
        caller_name: a.caller_name.clone(),
        caller_title: a.caller_title.clone(),
        caller_phone: a.caller_phone.clone(),
        informed: a.informed.clone(),
        dead: count("dead", a.dead)?,
        injured: count("injured", a.injured)?,
        missing: count("missing", a.missing)?,
        trapped: count("trapped", a.trapped)?,
        summary: a.summary.clone(),
        measures: a.measures.clone(),
        needs: a.needs.clone(),
        cause: a.cause.clone(),
    };
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let op = ctx.op(&book, &actor);
    let i = inc::add(&mut store, &op, &input)?;
    super::out::saved_incident(&i);
    show(ctx, &store, &op, i, a.json)
}

fn report(ctx: &Ctx, r: &ReportArgs) -> CliResult {
    let input = inc::ReportInput {
        kind: r.kind,
        to: r.to.clone(),
        channel: r.channel,
        at: ctx.time("at", r.at.as_deref())?,
        signer: r.signer.clone(),
        doc_no: r.doc_no.clone(),
        skip_level: r.skip_level,
        reason: r.reason.clone(),
    };
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let i = find(&store, &r.id)?;
    let op = ctx.op(&book, &actor);
    let proof = if input.signer.trim().is_empty() || !inc::is_written_kind(input.kind) {
        crate::ops::pin::PinProof::default()
    } else {
        super::pin::proof(ctx, &store, &input.signer, r.pin_stdin, r.unverified.as_deref())?
    };
    let recorded = inc::record_report_with(&mut store, &op, i.id, &input, &proof)?;
    super::out::saved_incident(&i);
    // 边核实边报告: sent, and what it lacked said (and recorded with it).
    let note = inc::missing_note(&recorded, ctx.lang);
    if !note.is_empty() {
        super::out::err_line(&format!("note: {note}"));
    }
    let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
    show(ctx, &store, &op, i, r.json)
}

fn update(ctx: &Ctx, u: &UpdateArgs) -> CliResult {
    let fig = |flag: &str, v: Option<i64>| v.map(|v| count(flag, v)).transpose();
    let patch = crate::domain::facts::FactPatch {
        dead: fig("dead", u.dead)?,
        injured: fig("injured", u.injured)?,
        missing: fig("missing", u.missing)?,
        trapped: fig("trapped", u.trapped)?,
        rescued: fig("rescued", u.rescued)?,
        evacuated: fig("evacuated", u.evacuated)?,
        place: u.place.clone(),
        summary: u.summary.clone(),
        measures: u.measures.clone(),
        needs: u.needs.clone(),
        cause: u.cause.clone(),
        progress: u.progress.clone(),
    };
    let at = ctx.time("at", u.at.as_deref())?;
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let i = find(&store, &u.id)?;
    let op = ctx.op(&book, &actor);
    let done = ops::facts::update(&mut store, &op, i.id, &patch, at, u.expected_version)?;
    super::out::saved_incident(&done.incident);
    if !u.json {
        let what = if done.addendum { w::ADDENDUM.get(ctx.lang) } else { w::UPDATED.get(ctx.lang) };
        outln!("{what}: {}", text::record::facts::changes_text(&done.changes, ctx.lang, 60))?;
    }
    show(ctx, &store, &op, done.incident, u.json)
}

/// The archive filter from `incident list`'s flags; an unknown value lists the valid ones.
fn filter(ctx: &Ctx, a: &ListArgs) -> Result<Option<crate::store::archive::IncidentFilter>, CliError> {
    let f = crate::store::archive::IncidentFilter {
        from: a.from.as_deref().map(|d| super::stats::bound(ctx, "from", d, false)).transpose()?,
        to: a.to.as_deref().map(|d| super::stats::bound(ctx, "to", d, true)).transpose()?,
        category: a.category,
        grade: a.grade,
        status: a.status.as_deref().map(|v| parse::<crate::domain::IncidentStatus>("status", v)).transpose()?,
        late: a.late,
        missed: a.missed,
        incomplete: a.incomplete,
        text: a.text.clone().filter(|t| !t.trim().is_empty()),
        before: None,
    };
    if let (Some(from), Some(to)) = (f.from, f.to)
        && from >= to
    {
        return Err(CliError::Fail(format!(
            "--from: {} is after --to {}",
            a.from.as_deref().unwrap_or(""),
            a.to.as_deref().unwrap_or("")
        )));
    }
    Ok((f != crate::store::archive::IncidentFilter::default()).then_some(f))
}

/// `dutywatch --at T incident show ID`: the incident as it stood at T, its duties' states then.
fn show_at(ctx: &Ctx, id: &str, json: bool) -> CliResult {
    let t = ctx.review.ok_or_else(|| CliError::Fail("--at: no review moment".into()))?;
    let store = ctx.open()?;
    let book = ctx.book(&store)?;
    let live = find(&store, id)?;
    let i = store.incident_as_of(live.id, t)?.ok_or_else(|| {
        CliError::Fail(format!("#{}: not on the record yet at {}", live.reference, text::short(t, ctx.unit.timezone)))
    })?;
    let mut op = ctx.op(&book, "review");
    op.now = t;
    let view = inc::to_json_as_of(&store, &op, i, Some(t))?;
    show_view(ctx, view, json)
}

/// One row of `incident list --json`.
fn list_row(ctx: &Ctx, store: &Store, i: &Incident) -> serde_json::Value {
    let tz = ctx.unit.timezone;
    let mut v = serde_json::json!({
        "id": i.id, "ref": i.reference, "title": i.title, "category": i.category, "grade": i.grade,
        "occurred_at": i.occurred_at.with_timezone(&tz).to_rfc3339(),
        "learned_at": i.learned_at.with_timezone(&tz).to_rfc3339(),
        "place": i.place, "status": i.status,
    });
    // Linked rooms (issue 20): an incident that came in from below names its room.
    if ctx.unit.link.is_some()
        && let Ok(Some(from)) = crate::ops::link::from_of(store, i.id)
    {
        v["from"] = serde_json::Value::String(from);
    }
    v
}

/// `incident list --json` written row by row as the rows are read: the same document `print_json`
/// would print for the whole array, in constant memory however many rows (issue 16: 100,000 rows
/// took 230 MB when the array was built first).
fn stream_json(ctx: &Ctx, store: &Store, f: &crate::store::archive::IncidentFilter, limit: usize) -> CliResult {
    let mut first = true;
    let mut failed: Option<CliError> = None;
    let shown = store.for_each_incident(f, limit, |i| {
        let item = serde_json::to_string_pretty(&list_row(ctx, store, &i)).unwrap_or_default();
        let mut chunk = String::with_capacity(item.len() + 16);
        chunk.push_str(if first { "[\n" } else { ",\n" });
        first = false;
        for (n, line) in item.lines().enumerate() {
            if n > 0 {
                chunk.push('\n');
            }
            chunk.push_str("  ");
            chunk.push_str(line);
        }
        if let Err(e) = super::out::raw(&chunk) {
            failed.get_or_insert(e);
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    super::out::raw(if first { "[]\n" } else { "\n]\n" })?;
    let total = if shown >= limit { store.count_incidents(f)? } else { shown };
    super::out::limit_note(shown, total, true);
    Ok(())
}

fn list(ctx: &Ctx, a: &ListArgs) -> CliResult {
    let (open, limit, json) = (a.open, a.limit, a.json);
    let found = filter(ctx, a)?;
    let store = ctx.open()?;
    if json && ctx.review.is_none() && !open {
        return stream_json(ctx, &store, &found.clone().unwrap_or_default(), limit);
    }
    let (rows, total) = match (&found, open, ctx.review) {
        (_, _, Some(t)) => {
            crate::ops::review::incidents_at(&store, t, &found.clone().unwrap_or_default(), open, limit)?
        }
        (Some(f), _, None) if !open => {
            let rows = store.search_incidents(f, limit)?;
            let total = if rows.len() >= limit { store.count_incidents(f)? } else { rows.len() };
            (rows, total)
        }
        (Some(_), _, None) => {
            return Err(CliError::Fail("--open: use --status open (or ended) together with the other filters".into()));
        }
        (None, _, None) => {
            let rows = if open { store.open_incidents(limit)? } else { store.recent_incidents(limit)? };
            let total = if rows.len() >= limit { store.incident_count(open)? } else { rows.len() };
            (rows, total)
        }
    };
    let shown = rows.len();
    if json {
        let out: Vec<serde_json::Value> = rows.iter().map(|i| list_row(ctx, &store, i)).collect();
        print_json(&out)?;
        super::out::limit_note(shown, total, true);
        return Ok(());
    }
    let lang = ctx.lang;
    for i in rows {
        outln!(
            "#{}  {}  {}  {}  {}  {}",
            i.reference,
            text::short(i.learned_at, ctx.unit.timezone),
            i.grade.label(lang),
            i.category.label(lang),
            i.status.label(lang),
            i.title
        )?;
    }
    super::out::limit_note(shown, total, false);
    Ok(())
}

/// An RFC 3339 time from the JSON view, as people read it (`12-01 18:08`).
fn short(t: &str, tz: chrono_tz::Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|t| text::short(t.with_timezone(&chrono::Utc), tz))
        .unwrap_or_else(|_| t.to_string())
}

/// Prints an incident: JSON (README, *Command line*) or a readable summary with its obligations.
pub fn show(ctx: &Ctx, store: &Store, op: &ops::OpCtx<'_>, i: Incident, json: bool) -> CliResult {
    let mut view = inc::to_json(store, op, i)?;
    // Linked rooms (issue 20): an incident from below names the room it came from.
    if ctx.unit.link.is_some()
        && let Some(from) = ops::link::from_of(store, view.incident.id)?
    {
        view.fields.insert("from".into(), serde_json::Value::String(from));
    }
    show_view(ctx, view, json)
}

fn show_view(ctx: &Ctx, view: inc::IncidentJson, json: bool) -> CliResult {
    if json {
        return print_json(&view);
    }
    let lang = ctx.lang;
    let tz = ctx.unit.timezone;
    let i = &view.incident;
    outln!(
        "#{} {} [{} {} {}]",
        i.reference,
        i.title,
        i.category.label(lang),
        i.grade.label(lang),
        i.status.label(lang)
    )?;
    outln!(
        "  {} {}  {} {}  {}",
        w::OCCURRED.get(lang),
        text::short(i.occurred_at, tz),
        w::LEARNED.get(lang),
        text::short(i.learned_at, tz),
        i.place
    )?;
    for (label, level, history) in [
        (text::codes::level_which::WARNING.get(lang), &view.warning_level, &view.warning_history),
        (text::codes::level_which::RESPONSE.get(lang), &view.response_level, &view.response_history),
    ] {
        if history.is_empty() {
            continue;
        }
        outln!("  {label}: {}", text_levels::level_name(level.as_deref(), lang))?;
        for c in history {
            outln!(
                "    {} {} → {}  {} ({})",
                short(&c.at, tz),
                text_levels::level_name(c.old.as_deref(), lang),
                text_levels::level_name(c.new.as_deref(), lang),
                c.reason,
                c.by
            )?;
        }
    }
    for f in &view.findings {
        outln!("  {} {}: {} ({})", short(&f.at, tz), text_levels::finding_name(&f.kind, lang), f.text, f.by)?;
    }
    let now_facts = crate::domain::facts::Facts::of(i);
    outln!("  {}", now_facts.figures_text(lang))?;
    for (label, body) in [
        (text::codes::fact_field::CAUSE.get(lang), &i.cause),
        (text::codes::fact_field::PROGRESS.get(lang), &i.progress),
    ] {
        if !body.is_empty() {
            outln!("  {label}: {}", text::first_line(body))?;
        }
    }
    for u in &view.fact_updates {
        let what = if u.addendum { w::ADDENDUM_MARK.get(lang) } else { "" };
        outln!("  {} {}{what}  {}", short(&u.at, tz), u.by, text::record::facts::changes_text(&u.changes, lang, 40))?;
    }
    // Each duty once, with its label, due and done in local time, and its state (issue 16).
    let kinds: Vec<String> = view.obligations.iter().map(|o| labels::obligation_kind(&o.kind, lang)).collect();
    let kind_w = kinds.iter().map(|k| text::width(k)).max().unwrap_or(0);
    if !view.obligations.is_empty() {
        outln!("  {}", text_report::incident_heading("duties", lang))?;
    }
    for (o, kind) in view.obligations.iter().zip(&kinds) {
        let state = labels::obligation_state(&o.state, lang);
        let late = if o.late && o.state != "done-late" {
            format!(" · {}", text_report::class("late", lang))
        } else {
            String::new()
        };
        let why = match (&o.reason, &o.by) {
            (Some(r), Some(b)) => format!(" — {r} ({b})"),
            _ => String::new(),
        };
        let done = o.done_at.as_deref().map(|d| short(d, tz)).unwrap_or_else(|| "-".into());
        outln!(
            "  [{}] {}  {} {}  {} {}  {state}{late}{why}",
            o.id,
            text::pad(kind, kind_w),
            text_report::incident_word("due", lang),
            short(&o.due_at, tz),
            text_report::incident_word("done", lang),
            text::pad(&done, 11),
        )?;
    }
    if !view.tracking.is_empty() {
        outln!("  {}", w::TRACKING.get(lang))?;
        for t in &view.tracking {
            let level = t.level.parse::<Level>().map(|l| l.label(lang).to_string()).unwrap_or_else(|_| t.level.clone());
            let state = match t.state.as_str() {
                "confirmed" => format!(
                    "{} {} {}",
                    w::ACKNOWLEDGED.get(lang),
                    t.confirmed_at.as_deref().map(|t| short(t, tz)).unwrap_or_default(),
                    t.by.as_deref().unwrap_or("")
                ),
                "open" => text::record::ladder::words::AWAITING_ACK.get(lang).to_string(),
                other => labels::obligation_state(other, lang),
            };
            outln!("    {} {} {state}", text::pad(&level, 18), short(&t.due_at, tz))?;
        }
    }
    if !view.escalations.is_empty() {
        outln!("  {}", text_report::incident_heading("escalations", lang))?;
    }
    for e in &view.escalations {
        let level = e.level.parse::<Level>().map(|l| l.label(lang).to_string()).unwrap_or_else(|_| e.level.clone());
        let channel =
            e.channel.parse::<Channel>().map(|c| c.label(lang).to_string()).unwrap_or_else(|_| e.channel.clone());
        let skip = if e.skip_level { format!(" {}", text_report::incident_word("skip", lang)) } else { String::new() };
        let ack = match (&e.acked_at, &e.acked_by) {
            _ if e.level == "leader" => String::new(),
            (Some(t), by) => format!(
                " → {} {} {}",
                text_report::incident_word("acked", lang),
                short(t, tz),
                by.as_deref().unwrap_or("")
            ),
            (None, _) => format!(" → {}", text_report::never_acked(lang)),
        };
        outln!("  [{}] {level} {} ({channel}) {}{skip}{ack}", e.id, e.recipient, short(&e.sent_at, tz))?;
        // A step or an ack recorded by mistake stays on the ladder, marked with the reason (issue 15).
        if let Some(c) = &e.corrected {
            outln!(
                "      {}: {} ({} {})",
                text_report::incident_word("step-corrected", lang),
                c.reason,
                c.by,
                short(&c.at, tz)
            )?;
        }
        for c in &e.ack_corrections {
            let was = |k: &str| c.original.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
            let when = Some(was("acked_at")).filter(|t| !t.is_empty()).map(|t| short(t, tz)).unwrap_or_default();
            outln!(
                "      {} [{} {when} {}]: {} ({} {})",
                text_report::incident_word("ack-corrected", lang),
                text_report::incident_word("acked", lang),
                was("acked_by"),
                c.reason,
                c.by,
                short(&c.at, tz)
            )?;
        }
    }
    if !view.reports.is_empty() {
        outln!("  {}", text_report::incident_heading("reports", lang))?;
    }
    for r in &view.reports {
        let label = match r.kind.as_str() {
            "followup" => w::followup(r.seq, lang),
            k => k.parse::<ReportKind>().map(|k| k.label(lang).to_string()).unwrap_or_else(|_| k.to_string()),
        };
        let channel =
            r.channel.parse::<Channel>().map(|c| c.label(lang).to_string()).unwrap_or_else(|_| r.channel.clone());
        let signer = if r.signer.is_empty() {
            String::new()
        } else {
            format!(" · {} {}", text_report::incident_word("signer", lang), r.signer)
        };
        outln!("  [{}] {label} → {} ({channel}) {}{signer}", r.id, r.recipient, short(&r.sent_at, tz))?;
        if let Some(c) = &r.corrected {
            outln!("      {}: {} ({})", w::CORRECTED.get(lang), c.reason, c.by)?;
        }
        if let Some(f) = &r.facts {
            outln!("      {}: {}", w::CARRIED.get(lang), f.figures_text(lang))?;
        }
    }
    Ok(())
}
