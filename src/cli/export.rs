//! `dutywatch export written|cap`.

use std::path::Path;

use super::args::ExportCmd;
use super::incident::find;
use super::{CliError, CliResult, Ctx, out};
use crate::domain::cap::{CapInput, MsgType, to_cap};
use crate::domain::facts::Facts;
use crate::domain::written_report::Format;

/// Writes an export as made: the written report is neutralised where it is made ([`service::written::written_text`]),
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
            let text = service::written::written_text(ctx, &store, &i, signer.as_deref(), format, *report)?;
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
            };
            let xml = to_cap(&input, msg_type).map_err(|e| CliError::Fail(e.to_string()))?;
            emit(&xml, output.as_deref(), ctx.lang)
        }
    }
}
