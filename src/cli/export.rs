//! `dutywatch export written|cap`.

use std::path::Path;

use super::args::ExportCmd;
use super::incident::find;
use super::{CliError, CliResult, Ctx, out};
use crate::domain::cap::{CapInput, MsgType, to_cap};
use crate::domain::facts::Facts;
use crate::domain::safe_text;
use crate::domain::written_report::{Format, WrittenInput, render_written, written_kind_of};
use crate::domain::{Incident, Role};
use crate::store::Store;

/// Writes an export as made: the written report is neutralised where it is made ([`written_text`]),
/// CAP is XML that is already clean ([`crate::domain::cap`]) and must stay exact.
fn emit(text: &str, output: Option<&Path>, lang: crate::domain::Lang) -> CliResult {
    match output {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| CliError::Fail(format!("{}: {e}", p.display())))?;
            out::err_line(&format!("{} {}", lang.pick("已写入", "written to"), p.display()));
            Ok(())
        }
        None => out::raw(text),
    }
}

/// The written-report text for an incident, as the CLI and the board both produce it. It is for
/// people and may be read with `cat`, so stored text is neutralised here, for the terminal and the
/// file alike ([`safe_text::visible`]).
///
/// With `report`, the draft of that recorded report: its kind, the facts it carried (issue 15: the
/// figures are always the report's own), the chain before it, and for a 续报 what changed since the
/// report before it. Without, the next written report owed, from the facts now.
pub fn written_text(
    ctx: &Ctx,
    store: &Store,
    i: &Incident,
    signer: Option<&str>,
    format: Format,
    report: Option<i64>,
) -> Result<String, CliError> {
    let now = ctx.now();
    let on_duty = store.shifts_at(now)?;
    let leader = on_duty.iter().find(|s| s.role == Role::Leader).map(|s| s.person_name.clone()).unwrap_or_default();
    let officer = on_duty.iter().find(|s| s.role == Role::Officer).map(|s| s.person_name.clone()).unwrap_or_default();
    // A corrected report is not part of the chain the draft tells of (it stays on the record).
    let corrected: Vec<i64> =
        store.corrections(i.id)?.iter().filter(|c| c.target == "report").map(|c| c.target_id).collect();
    let mut reports: Vec<_> = store.reports(i.id)?.into_iter().filter(|r| !corrected.contains(&r.id)).collect();
    reports.sort_by_key(|r| (r.sent_at, r.id));
    let now_facts = Facts::of(i);
    let (chain, facts, kind, previous, as_of) = match report {
        None => (&reports[..], &now_facts, None, reports.last(), now),
        Some(n) => {
            let Some(pos) = reports.iter().position(|r| r.id == n) else {
                let ids: Vec<String> = reports
                    .iter()
                    .map(|r| format!("{} ({})", r.id, crate::ops::incident::report_label(r, ctx.lang)))
                    .collect();
                let have = if ids.is_empty() { "none".to_string() } else { ids.join(", ") };
                return Err(CliError::Fail(format!(
                    "--report: incident #{} has no report {n}; its reports: {have}",
                    i.reference
                )));
            };
            let r = &reports[pos];
            let previous = pos.checked_sub(1).map(|p| &reports[p]);
            // A report recorded before facts were kept carries the facts now, and says so.
            let facts = r.facts.as_ref().unwrap_or(&now_facts);
            (&reports[..pos], facts, Some(written_kind_of(r)), previous, r.sent_at)
        }
    };
    let input = WrittenInput {
        incident: i,
        reports: chain,
        unit: ctx.unit.display_name(ctx.lang),
        signer: signer.unwrap_or(&leader),
        contact_person: &officer,
        contact_phone: &ctx.unit.duty_phone,
        drafted_at: now,
        tz: ctx.unit.timezone,
        facts,
        kind,
        previous,
        as_of,
    };
    let mut text = safe_text::visible(&render_written(&input, ctx.lang, format)).into_owned();
    // The record head as it stood when this was written: whoever receives the report can later ask
    // `dutywatch check --head` whether the sender's record still extends it.
    let head = crate::store::audit::head_hex(store.conn())?;
    if !head.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let label = ctx.lang.pick("记录校验码", "Record head");
        match format {
            Format::Md => text.push_str(&format!("\n---\n\n{label}: `{head}`\n")),
            Format::Txt => text.push_str(&format!("\n{label}: {head}\n")),
        }
    }
    Ok(text)
}

pub fn run(ctx: &Ctx, cmd: &ExportCmd) -> CliResult {
    let store = ctx.open()?;
    match cmd {
        ExportCmd::Written { id, format, signer, output, report } => {
            let format = match format.as_str() {
                "md" => Format::Md,
                "txt" => Format::Txt,
                other => return Err(CliError::Fail(format!("--format: `{other}` is not md or txt"))),
            };
            let i = find(&store, id)?;
            let text = written_text(ctx, &store, &i, signer.as_deref(), format, *report)?;
            // The elements the draft lacks (要素不全), on stderr so the draft itself stays clean.
            let facts = match report {
                Some(n) => store.reports(i.id)?.into_iter().find(|r| r.id == *n).and_then(|r| r.facts),
                None => None,
            }
            .unwrap_or_else(|| Facts::of(&i));
            let missing = crate::domain::facts::missing_elements(&i, &facts);
            if !missing.is_empty() {
                out::err_line(&format!("note: {}", crate::domain::facts::missing_text(&missing, ctx.lang)));
            }
            emit(&text, output.as_deref(), ctx.lang)
        }
        ExportCmd::Cap { id, output } => {
            let i = find(&store, id)?;
            let head = crate::store::audit::head_hex(store.conn())?;
            let msg_type = if i.version > 1 { MsgType::Update } else { MsgType::Alert };
            let input = CapInput {
                incident: &i,
                sender: &ctx.unit.cap_sender,
                sender_name: ctx.unit.display_name(ctx.lang),
                contact: &ctx.unit.duty_phone,
                sent: ctx.now(),
                tz: ctx.unit.timezone,
                previous_sent: None,
                record_head: &head,
                identifier: None,
                references: None,
                params: &[],
            };
            let xml = to_cap(&input, msg_type).map_err(|e| CliError::Fail(e.to_string()))?;
            emit(&xml, output.as_deref(), ctx.lang)
        }
    }
}
