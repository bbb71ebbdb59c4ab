//! `dutywatch report late|acks|handovers|spot-checks|equipment --from D --to D [filters] [--json|--md]`
//! (issue 16): item-level period reports, rendered here from the typed reports of `ops::report`.

use chrono::{DateTime, Utc};

use super::args_report::{ReportArgs, ReportCmd};
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json_items};
use crate::domain::Level;
use crate::domain::period::parse_duration;
use crate::domain::safe_text::md_cell;
use crate::ops::report::{self as rep, Filters, OnDuty};
use crate::store::reports::IncidentSel;
use crate::ui::labels;
use crate::ui::text::{pad, short, width};
use crate::ui::text_report as tr;
use text::Label;

/// A report as a table: rendered aligned for people or as Markdown.
struct Table {
    title: String,
    summary: Vec<String>,
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn render(t: &Table, md: bool) -> CliResult {
    if md {
        let mut s = format!("# {}\n\n", t.title);
        for line in &t.summary {
            s.push_str(&format!("- {line}\n"));
        }
        s.push('\n');
        if !t.rows.is_empty() {
            s.push_str(&format!("| {} |\n", t.head.join(" | ")));
            s.push_str(&format!("|{}\n", "---|".repeat(t.head.len())));
            for r in &t.rows {
                let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                s.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        return super::out::text(&s);
    }
    outln!("{}", t.title)?;
    for line in &t.summary {
        outln!("  {line}")?;
    }
    if t.rows.is_empty() {
        return Ok(());
    }
    let mut widths: Vec<usize> = t.head.iter().map(|h| width(h)).collect();
    for r in &t.rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c).min(40));
        }
    }
    let line = |cells: Vec<String>| {
        let n = cells.len();
        cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let c = crate::ui::text::truncate(&c, 40);
                if i + 1 == n { c } else { pad(&c, widths[i]) }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    outln!("{}", line(t.head.iter().map(|h| h.to_string()).collect()))?;
    for r in &t.rows {
        outln!("{}", line(r.clone()))?;
    }
    Ok(())
}

fn period(ctx: &Ctx, a: &ReportArgs) -> Result<(DateTime<Utc>, DateTime<Utc>), CliError> {
    let (f, t) = super::stats::period(ctx, Some(&a.from), Some(&a.to))?;
    match (f, t) {
        (Some(f), Some(t)) => Ok((f, t)),
        _ => Err(CliError::Fail("--from: a period needs --from and --to".into())),
    }
}

/// The filters, with category and grade checked (`incident_filters`: whether the report is about
/// incidents; the others refuse them rather than ignore them).
fn filters(a: &ReportArgs, incident_filters: bool, name: &str) -> Result<Filters, CliError> {
    if !incident_filters {
        for (flag, given) in [("category", a.category.is_some()), ("grade", a.grade.is_some())] {
            if given {
                return Err(CliError::Fail(format!(
                    "--{flag}: `report {name}` is not about incidents; --{flag} applies to report late and report acks"
                )));
            }
        }
    }
    let category = a.category.map(|c| c.code().to_string());
    let grade = a.grade.map(|g| g.code().to_string());
    let name_of = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Ok(Filters {
        officer: name_of(&a.officer),
        leader: name_of(&a.leader),
        sel: IncidentSel { category, grade, unit: name_of(&a.unit) },
        as_of: None,
    })
}

/// The report's period, and in review the moment its record is taken at (never a past figure that
/// reads as today's).
fn period_line(ctx: &Ctx, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let (tz, lang) = (ctx.unit.timezone, ctx.lang);
    let range = tr::date_range(from, to, tz, lang);
    match ctx.review {
        Some(t) => format!("{range} · {}", tr::as_of(t, tz, lang)),
        None => range,
    }
}

fn duty(on: &OnDuty) -> (String, String) {
    let j = |v: &Vec<String>| if v.is_empty() { "-".to_string() } else { v.join("、") };
    (j(&on.officer), j(&on.leader))
}

pub fn run(ctx: &Ctx, cmd: &ReportCmd) -> CliResult {
    let lang = ctx.lang;
    let tz = ctx.unit.timezone;
    // Review (the global --at): every report reads the record as it stood then, judged then.
    let now = ctx.seen_at();
    match cmd {
        ReportCmd::Late { common: a, kind } => {
            let (from, to) = period(ctx, a)?;
            let f = Filters { as_of: ctx.review, ..filters(a, true, "late")? };
            let store = ctx.open()?;
            let r = rep::late(&store, from, to, now, kind.as_ref(), &f)?;
            if a.json {
                return print_json_items(&r, &r.items);
            }
            let mut summary = vec![
                period_line(ctx, from, to),
                format!(
                    "{} {} · {} {} · {} {}",
                    tr::class("late", lang),
                    tr::items_incidents(r.late.items, r.late.incidents, lang),
                    tr::class("missed", lang),
                    tr::items_incidents(r.missed.items, r.missed.incidents, lang),
                    tr::word("total", lang),
                    tr::items_incidents(r.total.items, r.total.incidents, lang)
                ),
            ];
            for (k, c) in &r.by_kind {
                summary.push(format!(
                    "{}: {} {} · {} {}",
                    labels::obligation_kind(k, lang),
                    tr::class("late", lang),
                    tr::items_incidents(c.late.items, c.late.incidents, lang),
                    tr::class("missed", lang),
                    tr::items_incidents(c.missed.items, c.missed.incidents, lang)
                ));
            }
            let rows = r
                .items
                .iter()
                .map(|i| {
                    let (officer, leader) = duty(&i.on_duty);
                    vec![
                        format!("#{}", i.incident.reference),
                        i.incident.title.clone(),
                        labels::obligation_kind(&i.kind, lang),
                        tr::class(&i.class, lang).to_string(),
                        short(i.due_at, tz),
                        i.done_at.map(|d| short(d, tz)).unwrap_or_else(|| tr::never(lang).to_string()),
                        i.late_seconds.map(|s| tr::span(s, lang)).unwrap_or_else(|| "-".into()),
                        officer,
                        leader,
                    ]
                })
                .collect();
            let head = ["ref", "title", "kind", "class", "due", "done", "late", "officer", "leader"];
            render(
                &Table {
                    title: tr::title("late", lang).into(),
                    summary,
                    head: head.map(|h| tr::col(h, lang)).to_vec(),
                    rows,
                },
                a.md,
            )
        }
        ReportCmd::Acks { common: a, over } => {
            let (from, to) = period(ctx, a)?;
            let f = Filters { as_of: ctx.review, ..filters(a, true, "acks")? };
            let store = ctx.open()?;
            let over = match over {
                Some(v) => parse_duration(v).map_err(|e| CliError::Fail(format!("--over: {e}")))?,
                None => ctx.book(&store)?.escalation.ack_timeout(),
            };
            let r = rep::acks(&store, from, to, now, over, &f)?;
            if a.json {
                return print_json_items(&r, &r.items);
            }
            let summary = vec![
                format!(
                    "{} · {} {}",
                    period_line(ctx, from, to),
                    tr::word("limit", lang),
                    tr::span(r.over_seconds, lang)
                ),
                format!(
                    "{} {} · {} {} · {} {}",
                    tr::word("acked-late", lang),
                    tr::items_incidents(r.late.items, r.late.incidents, lang),
                    tr::word("never-acked", lang),
                    tr::items_incidents(r.never.items, r.never.incidents, lang),
                    tr::word("total", lang),
                    tr::items_incidents(r.total.items, r.total.incidents, lang)
                ),
            ];
            let rows = r
                .items
                .iter()
                .map(|i| {
                    let (officer, leader) = duty(&i.on_duty);
                    let level = i.level.parse::<Level>().map(|l| l.label(lang).to_string()).unwrap_or(i.level.clone());
                    vec![
                        format!("#{}", i.incident.reference),
                        i.incident.title.clone(),
                        level,
                        short(i.sent_at, tz),
                        i.acked_at.map(|d| short(d, tz)).unwrap_or_else(|| tr::never_acked(lang).to_string()),
                        i.acked_by.clone().unwrap_or_else(|| "-".into()),
                        i.delay_seconds.map(|s| tr::span(s, lang)).unwrap_or_else(|| "-".into()),
                        officer,
                        leader,
                    ]
                })
                .collect();
            let head = ["ref", "title", "level", "sent", "acked", "by", "delay", "officer", "leader"];
            render(
                &Table {
                    title: tr::title("acks", lang).into(),
                    summary,
                    head: head.map(|h| tr::col(h, lang)).to_vec(),
                    rows,
                },
                a.md,
            )
        }
        ReportCmd::Handovers { common: a, late } => {
            let (from, to) = period(ctx, a)?;
            let f = Filters { as_of: ctx.review, ..filters(a, false, "handovers")? };
            let late = parse_duration(late).map_err(|e| CliError::Fail(format!("--late: {e}")))?;
            let store = ctx.open()?;
            let r = rep::handovers(&store, from, to, now, late, &f)?;
            if a.json {
                return print_json_items(&r, &r.items);
            }
            let mut summary = vec![
                format!(
                    "{} · {} {}",
                    period_line(ctx, from, to),
                    tr::word("limit", lang),
                    tr::span(r.late_seconds, lang)
                ),
                format!(
                    "{} {} · {} {}",
                    tr::word("sheets", lang),
                    r.sheets,
                    tr::word("with-problems", lang),
                    r.items.len()
                ),
            ];
            for (p, n) in &r.by_problem {
                summary.push(format!("{}: {n}", tr::problem(p, lang)));
            }
            let sig = |t: Option<DateTime<Utc>>, d: Option<i64>| match (t, d) {
                (Some(t), Some(d)) => format!("{} ({})", short(t, tz), tr::span(d, lang)),
                _ => tr::word("none", lang).to_string(),
            };
            let rows = r
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        short(i.period_end, tz),
                        format!("{} {}", i.outgoing, sig(i.outgoing_signed_at, i.outgoing_delay_seconds)),
                        format!("{} {}", i.incoming, sig(i.incoming_signed_at, i.incoming_delay_seconds)),
                        if i.leader.is_empty() { "-".into() } else { i.leader.clone() },
                        i.problems.iter().map(|p| tr::problem(p, lang)).collect::<Vec<_>>().join("、"),
                    ]
                })
                .collect();
            let head = ["sheet", "change", "outgoing", "incoming", "leader", "problems"];
            render(
                &Table {
                    title: tr::title("handovers", lang).into(),
                    summary,
                    head: head.map(|h| tr::col(h, lang)).to_vec(),
                    rows,
                },
                a.md,
            )
        }
        ReportCmd::SpotChecks { common: a, outside_hours, weekend, holiday, sensitive } => {
            let (from, to) = period(ctx, a)?;
            let f = Filters { as_of: ctx.review, ..filters(a, false, "spot-checks")? };
            let calendar = crate::config::calendar::load()?;
            let hours = crate::config::review::load()?;
            let when = rep::When {
                outside_hours: *outside_hours,
                weekend: *weekend,
                holiday: *holiday,
                sensitive: *sensitive,
            };
            let store = ctx.open()?;
            let r = rep::spot_checks(&store, from, to, tz, &calendar, &hours, when, &f)?;
            if a.json {
                return print_json_items(&r, &r.items);
            }
            let summary = vec![
                period_line(ctx, from, to),
                format!(
                    "{} {} · {} {} · {} {} · {} {} · {} {} · {} {}",
                    tr::word("checks", lang),
                    r.total,
                    tr::word("answered", lang),
                    r.answered,
                    tr::word("unanswered", lang),
                    r.unanswered,
                    tr::word("not-at-post", lang),
                    r.not_at_post,
                    tr::word("forwarded", lang),
                    r.forwarded,
                    tr::word("median-delay", lang),
                    r.median_delay_seconds.map(|s| tr::span(s.round() as i64, lang)).unwrap_or_else(|| "-".into())
                ),
            ];
            let rows = r
                .items
                .iter()
                .map(|i| {
                    let (officer, leader) = duty(&i.on_duty);
                    vec![
                        short(i.at, tz),
                        tr::direction(&i.direction, lang).to_string(),
                        i.unit.clone(),
                        if i.answered {
                            i.delay_seconds
                                .map(|s| tr::span(i64::from(s), lang))
                                .unwrap_or_else(|| tr::yes_no(true, lang).into())
                        } else {
                            tr::not_answered(lang).to_string()
                        },
                        tr::yes_no(i.at_post, lang).to_string(),
                        tr::yes_no(i.forwarded, lang).to_string(),
                        officer,
                        leader,
                    ]
                })
                .collect();
            let head = ["at", "direction", "unit", "answered", "at_post", "forwarded", "officer", "leader"];
            render(
                &Table {
                    title: tr::title("spot-checks", lang).into(),
                    summary,
                    head: head.map(|h| tr::col(h, lang)).to_vec(),
                    rows,
                },
                a.md,
            )
        }
        ReportCmd::Equipment { common: a } => {
            let (from, to) = period(ctx, a)?;
            let f = Filters { as_of: ctx.review, ..filters(a, false, "equipment")? };
            if f.sel.unit.is_some() {
                return Err(CliError::Fail("--unit: `report equipment` has no reporting unit".into()));
            }
            let store = ctx.open()?;
            let r = rep::equipment(&store, from, to, now, &f)?;
            if a.json {
                return print_json_items(&r, &r.items);
            }
            let mut summary = vec![period_line(ctx, from, to)];
            for (d, n) in &r.by_device {
                let secs = r.seconds_by_device.get(d).copied().unwrap_or_default();
                summary.push(format!(
                    "{}: {} {n} · {}",
                    tr::device(d, lang),
                    tr::word("faults", lang),
                    tr::span(secs, lang)
                ));
            }
            let rows = r
                .items
                .iter()
                .map(|i| {
                    let (officer, _) = duty(&i.on_duty);
                    vec![
                        tr::device(&i.device, lang),
                        short(i.started_at, tz),
                        i.repaired_at.map(|t| short(t, tz)).unwrap_or_else(|| tr::word("still", lang).to_string()),
                        tr::span(i.duration_seconds, lang),
                        officer,
                        i.note.clone(),
                    ]
                })
                .collect();
            let head = ["device", "since", "until", "duration", "officer", "note"];
            render(
                &Table {
                    title: tr::title("equipment", lang).into(),
                    summary,
                    head: head.map(|h| tr::col(h, lang)).to_vec(),
                    rows,
                },
                a.md,
            )
        }
    }
}
