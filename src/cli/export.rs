//! `dutywatch export written|cap`.

use std::borrow::Cow;
use std::path::Path;

use super::args::ExportCmd;
use super::incident::find;
use super::{CliError, CliResult, Ctx, out};
use crate::domain::safe_text;
use crate::domain::cap::{CapInput, MsgType, to_cap};
use crate::domain::written_report::{Format, WrittenInput, render_written};
use crate::domain::{Incident, Role};
use crate::store::Store;

/// How an export is written: a report for people is neutralised ([`safe_text::visible`]) in the
/// file as on the terminal, since the file is read with `cat` too; CAP is XML that is already clean
/// ([`crate::domain::cap`]) and must stay exact.
#[derive(Clone, Copy)]
enum Kind {
    Human,
    Machine,
}

fn emit(text: &str, kind: Kind, output: Option<&Path>, lang: crate::domain::Lang) -> CliResult {
    let text = match kind {
        Kind::Human => safe_text::visible(text),
        Kind::Machine => Cow::Borrowed(text),
    };
    match output {
        Some(p) => {
            std::fs::write(p, text.as_bytes()).map_err(|e| CliError::Fail(format!("{}: {e}", p.display())))?;
            out::err_line(&format!("{} {}", lang.pick("已写入", "written to"), p.display()));
            Ok(())
        }
        None => out::raw(&text),
    }
}

/// The written-report text for an incident, as the CLI and the board both produce it.
pub fn written_text(
    ctx: &Ctx,
    store: &Store,
    i: &Incident,
    signer: Option<&str>,
    format: Format,
) -> Result<String, CliError> {
    let now = ctx.now();
    let on_duty = store.shifts_at(now)?;
    let leader = on_duty.iter().find(|s| s.role == Role::Leader).map(|s| s.person_name.clone()).unwrap_or_default();
    let officer = on_duty.iter().find(|s| s.role == Role::Officer).map(|s| s.person_name.clone()).unwrap_or_default();
    let reports = store.reports(i.id)?;
    let input = WrittenInput {
        incident: i,
        reports: &reports,
        unit: ctx.unit.display_name(ctx.lang),
        signer: signer.unwrap_or(&leader),
        contact_person: &officer,
        contact_phone: &ctx.unit.duty_phone,
        drafted_at: now,
        tz: ctx.unit.timezone,
    };
    Ok(render_written(&input, ctx.lang, format))
}

pub fn run(ctx: &Ctx, cmd: &ExportCmd) -> CliResult {
    let store = ctx.open()?;
    match cmd {
        ExportCmd::Written { id, format, signer, output } => {
            let format = match format.as_str() {
                "md" => Format::Md,
                "txt" => Format::Txt,
                other => return Err(CliError::Fail(format!("--format: `{other}` is not md or txt"))),
            };
            let i = find(&store, id)?;
            let text = written_text(ctx, &store, &i, signer.as_deref(), format)?;
            emit(&text, Kind::Human, output.as_deref(), ctx.lang)
        }
        ExportCmd::Cap { id, output } => {
            let i = find(&store, id)?;
            let msg_type = if i.version > 1 { MsgType::Update } else { MsgType::Alert };
            let input = CapInput {
                incident: &i,
                sender: &ctx.unit.cap_sender,
                sender_name: ctx.unit.display_name(ctx.lang),
                contact: &ctx.unit.duty_phone,
                sent: ctx.now(),
                tz: ctx.unit.timezone,
                previous_sent: None,
            };
            let xml = to_cap(&input, msg_type).map_err(|e| CliError::Fail(e.to_string()))?;
            emit(&xml, Kind::Machine, output.as_deref(), ctx.lang)
        }
    }
}
