//! `dutywatch log add|list`.

use super::args_handover::{LogAddArgs, LogCmd, LogListArgs};
use super::incident::find;
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::LogKind;
use crate::ops::log::{self as olog, DeviceCheck, Direction, LogInput, SpotCheck};
use crate::store::log::LogFilter;
use text::Label;

fn yes_no(flag: &str, v: Option<&str>) -> Result<Option<bool>, CliError> {
    match v.map(str::trim) {
        None => Ok(None),
        Some("yes" | "y" | "是" | "true") => Ok(Some(true)),
        Some("no" | "n" | "否" | "false") => Ok(Some(false)),
        Some(other) => Err(CliError::Fail(format!("--{flag}: `{other}` is not yes or no"))),
    }
}

fn ok_fault(flag: &str, v: &str) -> Result<bool, CliError> {
    match v.trim() {
        "ok" | "正常" => Ok(true),
        "fault" | "故障" => Ok(false),
        other => Err(CliError::Fail(format!("--{flag}: `{other}` is not ok or fault"))),
    }
}

/// The `--device-note DEVICE=NOTE` flags by device code. A device given twice, or one without its
/// `--phone/--fax/--network/--radio` state, is refused.
fn device_notes(a: &LogAddArgs) -> Result<std::collections::BTreeMap<&'static str, String>, CliError> {
    let mut notes = std::collections::BTreeMap::new();
    for raw in &a.device_note {
        let (device, note) = olog::parse_device_note(raw).map_err(|e| CliError::Fail(format!("--device-note: {e}")))?;
        let state = match device {
            "phone" => &a.phone,
            "fax" => &a.fax,
            "network" => &a.network,
            _ => &a.radio,
        };
        if state.is_none() {
            return Err(CliError::Fail(format!("--device-note {device}: give --{device} ok|fault as well")));
        }
        if notes.insert(device, note).is_some() {
            return Err(CliError::Fail(format!("--device-note {device}: given twice")));
        }
    }
    Ok(notes)
}

pub fn run(ctx: &Ctx, cmd: &LogCmd) -> CliResult {
    match cmd {
        LogCmd::Add(a) => add(ctx, a),
        LogCmd::List(a) => list(ctx, a),
        LogCmd::Export { day, docx, output, force } => {
            if let Some(p) = output.as_deref() {
                crate::docs::check_target(p, *force)?;
            }
            let store = ctx.open()?;
            let (md, head) = crate::docs::daylog::markdown(&store, &ctx.unit, ctx.lang, *day)?;
            match (docx, output.as_deref()) {
                (true, output) => {
                    super::export::emit_docx(&crate::docs::daylog::doc(&md, &head, ctx.lang), output, *force, ctx.lang)
                }
                (false, Some(p)) => {
                    crate::docs::write_file(p, md.as_bytes(), *force)?;
                    super::out::err_line(&crate::ui::text_docs::written_to(&p.display().to_string(), ctx.lang));
                    Ok(())
                }
                (false, None) => super::out::text(&md),
            }
        }
    }
}

fn add(ctx: &Ctx, a: &LogAddArgs) -> CliResult {
    let kind: LogKind = a.kind;
    let mut input = LogInput::new(kind, &a.text);
    input.at = ctx.time("at", a.at.as_deref())?;
    input.author = a.author.clone();
    input.corrects = a.corrects;
    input.from_leader = a.from.clone();
    input.answers = a.answers;
    let mut store = ctx.open_rw()?;
    if let Some(key) = &a.incident {
        input.incident_id = Some(find(&store, key)?.id);
    }
    if kind == LogKind::SpotCheck {
        let direction: Direction = a
            .direction
            .as_deref()
            .ok_or_else(|| CliError::Fail("--direction: received or made is required for a spot check".into()))?
            .parse()
            .map_err(|e| CliError::Fail(format!("--direction: {e}")))?;
        let answered = yes_no("answered", a.answered.as_deref())?
            .ok_or_else(|| CliError::Fail("--answered: yes or no is required for a spot check".into()))?;
        input.spot = Some(SpotCheck {
            direction,
            unit: a.unit.clone().unwrap_or_default(),
            answered,
            delay_seconds: a.delay_seconds,
            at_post: yes_no("at-post", a.at_post.as_deref())?.unwrap_or(answered),
            forwarded: yes_no("forwarded", a.forwarded.as_deref())?.unwrap_or(false),
            findings: a.findings.clone(),
        });
    }
    if kind == LogKind::Equipment {
        let notes = device_notes(a)?;
        for (device, v) in [("phone", &a.phone), ("fax", &a.fax), ("network", &a.network), ("radio", &a.radio)] {
            if let Some(v) = v {
                input.devices.push(DeviceCheck {
                    device: device.into(),
                    ok: ok_fault(device, v)?,
                    note: notes.get(device).cloned().unwrap_or_default(),
                });
            }
        }
        // The general note belongs to the entry, once (issue 17: it was copied onto every device).
        let general: Vec<&str> = [a.note.trim(), a.text.trim()].into_iter().filter(|t| !t.is_empty()).collect();
        input.text = general.join(" · ");
    } else if let Some(first) = a.device_note.first() {
        return Err(CliError::Fail(format!("--device-note {first}: only for --kind equipment")));
    }
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let op = ctx.op(&book, &actor);
    let id = olog::add(&mut store, &op, &input)?;
    super::out::saved(format!("duty-log entry {id}"));
    let row = store.log_entry(id)?.ok_or_else(|| CliError::Fail("the entry vanished".into()))?;
    if a.json {
        return print_json(&row);
    }
    outln!("{} {id}", text::cli::log::LOGGED.get(ctx.lang))?;
    Ok(())
}

fn list(ctx: &Ctx, a: &LogListArgs) -> CliResult {
    let store = ctx.open()?;
    let mut total = 0;
    let rows = if a.open_instructions {
        olog::open_instructions(&store, ctx.seen_at())?
    } else {
        let kind = a.kind;
        let (from, mut to) = super::stats::period(ctx, a.from.as_deref(), a.to.as_deref())?;
        // Review: the log up to T, as it was written by then.
        if let Some(t) = ctx.review {
            let end = t + chrono::Duration::seconds(1);
            to = Some(to.map_or(end, |x| x.min(end)));
        }
        let filter = LogFilter { from, to, kind, before: None, limit: a.limit, recorded_by: ctx.review };
        let rows = store.log_between(&filter)?;
        if rows.len() >= a.limit {
            total = store.log_count(&filter)?;
        }
        rows
    };
    let shown = rows.len();
    if a.json {
        print_json(&rows)?;
        super::out::limit_note(shown, total, true);
        return Ok(());
    }
    let lang = ctx.lang;
    for r in rows {
        let e = &r.entry;
        let corr = e.corrects.map(|c| format!(" [{} {c}]", text::cli::log::CORRECTS.get(lang))).unwrap_or_default();
        outln!(
            "{:>5}  {}  {}  {}  {}{corr}",
            e.id,
            text::short(e.at, ctx.unit.timezone),
            text::pad(e.kind.label(lang), 10),
            text::pad(&e.author, 8),
            text::first_line(&text::log_events::entry_text(e, lang))
        )?;
    }
    super::out::limit_note(shown, total, false);
    Ok(())
}
