//! `dutywatch export written|cap`.

use std::path::Path;

use super::args::ExportCmd;
use super::incident::find;
use super::{CliError, CliResult, Ctx, out};
use crate::domain::Incident;
use crate::domain::cap::{CapInput, MsgType, to_cap};
use crate::domain::written_report::Format;
use crate::store::Store;

/// Writes an export as made: the written report is neutralised where it is made ([`written`]),
/// CAP is XML that is already clean ([`crate::domain::cap`]) and must stay exact.
fn emit(text: &str, output: Option<&Path>, force: bool, lang: crate::domain::Lang) -> CliResult {
    match output {
        Some(p) => {
            crate::docs::write_file(p, text.as_bytes(), force)?;
            out::err_line(&format!("{} {}", text::cli::export::WRITTEN_TO.get(lang), p.display()));
            Ok(())
        }
        None => out::raw(text),
    }
}

/// The written report of an incident, as the CLI and the board both gather it
/// ([`crate::docs::written::gather`]): its text is for people and may be read with `cat`, so
/// stored text is neutralised there, for the terminal and the file alike.
pub fn written(
    ctx: &Ctx,
    store: &Store,
    i: &Incident,
    signer: Option<&str>,
    report: Option<i64>,
) -> Result<crate::docs::written::Written, CliError> {
    let pick = crate::docs::written::Pick { signer, report };
    Ok(crate::docs::written::gather(store, &ctx.unit, ctx.lang, ctx.now(), i, &pick)?)
}

/// Writes a Word document to `-o` (required), refusing a missing directory and, without
/// `--force`, an existing file, before anything is made.
pub fn emit_docx(doc: &crate::docs::Doc, output: Option<&Path>, force: bool, lang: crate::domain::Lang) -> CliResult {
    let Some(p) = output else {
        return Err(CliError::Fail("-o: a Word document is written to a file: give -o FILE.docx".into()));
    };
    crate::docs::check_target(p, force)?;
    let bytes = crate::docs::docx::render(doc)?;
    crate::docs::write_file(p, &bytes, force)?;
    out::err_line(&crate::ui::text_docs::written_to(&p.display().to_string(), lang));
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: &ExportCmd) -> CliResult {
    let store = ctx.open()?;
    match cmd {
        ExportCmd::Written { id, format, signer, output, report, force } => {
            let format = match format.as_str() {
                "md" => Some(Format::Md),
                "txt" => Some(Format::Txt),
                "docx" => None,
                other => return Err(CliError::Fail(format!("--format: `{other}` is not md, txt or docx"))),
            };
            match output.as_deref() {
                Some(p) => crate::docs::check_target(p, *force)?,
                None if format.is_none() => {
                    return Err(CliError::Fail("-o: a Word document is written to a file: give -o FILE.docx".into()));
                }
                None => {}
            }
            let i = find(&store, id)?;
            let w = written(ctx, &store, &i, signer.as_deref(), *report)?;
            // The elements the draft lacks (要素不全), on stderr so the draft itself stays clean.
            if let Some(m) = &w.missing {
                out::err_line(&format!("note: {m}"));
            }
            match format {
                Some(format) => emit(w.text(format), output.as_deref(), *force, ctx.lang),
                None => {
                    if w.issue.is_none() {
                        out::err_line(crate::ui::text_docs::unnumbered(ctx.lang));
                    }
                    emit_docx(&w.doc(), output.as_deref(), *force, ctx.lang)
                }
            }
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
            let xml =
                to_cap(&input, msg_type, &crate::text::record::cap::BOTH).map_err(|e| CliError::Fail(e.to_string()))?;
            emit(&xml, output.as_deref(), true, ctx.lang)
        }
    }
}
