//! Demo incidents from `data/demo/incidents.toml`, entered through the same operations the officer
//! uses, each at its own moment, so the audit log, the 迟报 flags and the board are all real.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::{CliError, CliResult, Ctx};
use crate::config::parse_toml;
use crate::domain::{Category, Channel, Grade, Level, ReportKind, Role, Source};
use crate::ops::{OpCtx, escalation as oe, incident as oi};
use crate::store::Store;
use crate::store::incident::IncidentInput;

const INCIDENTS_TOML: &str = include_str!("../../data/demo/incidents.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    incident: Vec<DemoIncident>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoIncident {
    title: String,
    category: Category,
    grade: Grade,
    occurred_minutes_ago: i64,
    learned_minutes_ago: i64,
    place: String,
    source: Source,
    #[serde(default)]
    caller_unit: String,
    #[serde(default)]
    caller_name: String,
    #[serde(default)]
    caller_title: String,
    #[serde(default)]
    caller_phone: String,
    #[serde(default)]
    informed: String,
    #[serde(default)]
    dead: u32,
    #[serde(default)]
    injured: u32,
    #[serde(default)]
    missing: u32,
    #[serde(default)]
    trapped: u32,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    measures: String,
    #[serde(default)]
    needs: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    report: Vec<DemoReport>,
    #[serde(default)]
    escalation: Vec<DemoStep>,
    end_minutes_ago: Option<i64>,
    close_minutes_ago: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoReport {
    kind: ReportKind,
    to: String,
    channel: Channel,
    minutes_ago: i64,
    #[serde(default)]
    signer: String,
    #[serde(default)]
    doc_no: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoStep {
    level: Level,
    recipient: String,
    minutes_ago: i64,
    #[serde(default)]
    skip_level: bool,
    #[serde(default)]
    reason: String,
    ack_minutes_ago: Option<i64>,
    #[serde(default)]
    ack_by: String,
}

/// One demo action, at its own moment.
enum Action<'a> {
    Report(&'a DemoReport),
    Step(&'a DemoStep),
    Ack(&'a DemoStep),
    End,
    Close,
}

fn officer_at(store: &Store, t: DateTime<Utc>) -> String {
    store
        .shifts_at(t)
        .ok()
        .and_then(|s| s.into_iter().find(|s| s.role == Role::Officer))
        .map(|s| s.person_name)
        .unwrap_or_else(|| "demo".into())
}

pub fn load(ctx: &Ctx, store: &mut Store, now: DateTime<Utc>) -> CliResult {
    let file: File = parse_toml(INCIDENTS_TOML, "data/demo/incidents.toml")?;
    let book = ctx.book(store)?;
    let ago = |m: i64| now - Duration::minutes(m);
    for d in &file.incident {
        let learned = ago(d.learned_minutes_ago);
        let actor = officer_at(store, learned);
        let op = OpCtx { unit: &ctx.unit, book: &book, now: learned, actor: &actor, lang: ctx.lang };
        let input = IncidentInput {
            title: d.title.clone(),
            category: Some(d.category),
            grade: Some(d.grade),
            occurred_at: Some(ago(d.occurred_minutes_ago)),
            learned_at: Some(learned),
            place: d.place.clone(),
            source: Some(d.source),
            caller_unit: d.caller_unit.clone(),
            caller_name: d.caller_name.clone(),
            caller_title: d.caller_title.clone(),
            caller_phone: d.caller_phone.clone(),
            informed: d.informed.clone(),
            dead: d.dead,
            injured: d.injured,
            missing: d.missing,
            trapped: d.trapped,
            summary: d.summary.clone(),
            measures: d.measures.clone(),
            needs: d.needs.clone(),
            cause: d.cause.clone(),
        };
        let inc = oi::add(store, &op, &input).map_err(|e| CliError::Fail(format!("demo {}: {e}", d.title)))?;
        let mut actions: Vec<(i64, Action<'_>)> = Vec::new();
        actions.extend(d.report.iter().map(|r| (r.minutes_ago, Action::Report(r))));
        for s in &d.escalation {
            actions.push((s.minutes_ago, Action::Step(s)));
            if let Some(a) = s.ack_minutes_ago {
                actions.push((a, Action::Ack(s)));
            }
        }
        if let Some(m) = d.end_minutes_ago {
            actions.push((m, Action::End));
        }
        if let Some(m) = d.close_minutes_ago {
            actions.push((m, Action::Close));
        }
        // Oldest first, as they happened.
        actions.sort_by_key(|(m, _)| -m);
        for (m, action) in actions {
            let at = ago(m);
            let actor = officer_at(store, at);
            let op = OpCtx { unit: &ctx.unit, book: &book, now: at, actor: &actor, lang: ctx.lang };
            let done = match action {
                Action::Report(r) => oi::record_report(
                    store,
                    &op,
                    inc.id,
                    &oi::ReportInput {
                        kind: r.kind,
                        to: r.to.clone(),
                        channel: r.channel,
                        at: Some(at),
                        signer: r.signer.clone(),
                        doc_no: r.doc_no.clone(),
                        skip_level: false,
                        reason: String::new(),
                    },
                )
                .map(|_| ()),
                Action::Step(s) => oe::escalate(
                    store,
                    &op,
                    inc.id,
                    &oe::EscalateInput {
                        level: s.level,
                        recipient: s.recipient.clone(),
                        channel: Channel::Phone,
                        at: Some(at),
                        skip_level: s.skip_level,
                        reason: s.reason.clone(),
                    },
                )
                .map(|_| ()),
                Action::Ack(s) => oe::ack(store, &op, inc.id, s.level, &s.ack_by, Some(at)).map(|_| ()),
                Action::End => oi::end_handling(store, &op, inc.id, Some(at)).map(|_| ()),
                Action::Close => oi::close(store, &op, inc.id).map(|_| ()),
            };
            done.map_err(|e| CliError::Fail(format!("demo {}: {e}", d.title)))?;
        }
    }
    // The ledger as of now: 迟报 stamped, each open incident's 续报 slot now running in place.
    let op = OpCtx { unit: &ctx.unit, book: &book, now, actor: "demo", lang: ctx.lang };
    crate::ops::ledger::advance(store, &op)?;
    Ok(())
}
