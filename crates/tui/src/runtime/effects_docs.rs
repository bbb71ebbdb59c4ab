//! `w` on the incident page, the handover screen and the log screen (issue 19): the document as
//! a Word file and as Markdown, both beside the database, and a popup that says where in full.

use std::path::{Path, PathBuf};

use crate::app::{Msg, Write};
use crate::domain::written_report::Format;
use crate::ops::context::Ctx;
use crate::ops::docs::{self, Doc};
use crate::store::Store;
use crate::ui::text_docs as t;

use super::error::RuntimeResult;

/// The directory of the database (documents go beside it).
fn dir_of(ctx: &Ctx) -> PathBuf {
    ctx.db_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Writes `stem.docx` and `stem.md`, replacing earlier copies (pressing `w` again refreshes them).
fn write_both(ctx: &Ctx, stem: &str, doc: &Doc, md: &str) -> RuntimeResult<Vec<String>> {
    let dir = dir_of(ctx);
    let docx = dir.join(format!("{stem}.docx"));
    let mdp = dir.join(format!("{stem}.md"));
    let bytes = docs::docx::render(doc)?;
    docs::write_file(&docx, &bytes, true)?;
    docs::write_file(&mdp, md.as_bytes(), true)?;
    Ok(vec![docx.display().to_string(), mdp.display().to_string()])
}

fn made(ctx: &Ctx, what: &str, paths: RuntimeResult<Vec<String>>) -> Msg {
    match paths {
        Ok(p) => Msg::DocumentWritten {
            title: t::written_title(ctx.lang).to_string(),
            body: t::written_body(what, &p, ctx.lang),
        },
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// Runs one document write.
pub fn run(write: &Write, store: &Store, ctx: &Ctx) -> Msg {
    let lang = ctx.lang;
    match *write {
        Write::ExportWritten { incident_id } => {
            let inc = match store.incident(incident_id) {
                Ok(Some(i)) => i,
                Ok(None) => return Msg::Failed(format!("incident {incident_id}")),
                Err(e) => return Msg::Failed(e.to_string()),
            };
            let pick = docs::written::Pick { signer: None, report: None };
            let w = match docs::written::gather(store, &ctx.unit, lang, ctx.now(), &inc, &pick) {
                Ok(w) => w,
                Err(e) => return Msg::Failed(e.to_string()),
            };
            let stem = format!("{}-{}", inc.reference, t::file_stem("written", lang));
            made(ctx, t::doc_name("written", lang), write_both(ctx, &stem, &w.doc(), w.text(Format::Md)))
        }
        Write::ExportHandover { id } => {
            let h = match crate::ops::handover::get(store, id, lang) {
                Ok(h) => h,
                Err(e) => return Msg::Failed(e.to_string()),
            };
            let md = crate::domain::safe_text::visible(&crate::ops::handover::markdown(&h, lang, ctx.unit.timezone))
                .into_owned();
            let doc = docs::handover_doc(&h, lang, ctx.unit.timezone);
            let stem = format!("{}-{id}", t::file_stem("handover", lang));
            made(ctx, t::doc_name("handover", lang), write_both(ctx, &stem, &doc, &md))
        }
        Write::ExportDayLog { day } => {
            let (md, head) = match docs::daylog::markdown(store, &ctx.unit, lang, day) {
                Ok(x) => x,
                Err(e) => return Msg::Failed(e.to_string()),
            };
            let stem = format!("{}-{day}", t::file_stem("log", lang));
            made(ctx, t::doc_name("log", lang), write_both(ctx, &stem, &docs::daylog::doc(&md, &head, lang), &md))
        }
        _ => Msg::Failed(String::new()),
    }
}
