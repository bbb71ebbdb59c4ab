//! `dutywatch handover draft|sign|show|list|addendum`.

use super::args_handover::HandoverCmd;
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::ops::handover as oh;
use crate::store::handover::{HandoverRow, Side};
use text::cli::handover as w;

fn print(ctx: &Ctx, h: &HandoverRow, json: bool) -> CliResult {
    if json {
        return print_json(h);
    }
    super::out::text(&oh::markdown(h, ctx.lang, ctx.unit.timezone))
}

/// Duties late since the outgoing signature, as a section after the sheet (human output).
fn late_since(ctx: &Ctx, store: &crate::store::Store, h: &HandoverRow) -> CliResult {
    let items = oh::late_since_outgoing(store, h, ctx.seen_at())?;
    if items.is_empty() {
        return Ok(());
    }
    let mut s = format!("\n## {}\n\n", oh::late_since_heading(ctx.lang));
    for l in oh::late_since_lines(&items, ctx.lang, ctx.unit.timezone) {
        s.push_str(&format!("- {}\n", crate::domain::safe_text::md_cell(&l)));
    }
    super::out::text(&s)
}

pub fn run(ctx: &Ctx, cmd: &HandoverCmd) -> CliResult {
    match cmd {
        HandoverCmd::Draft { remarks, at, json } => {
            let mut store = ctx.open_rw()?;
            let at = ctx.time("at", at.as_deref())?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let h = oh::draft(&mut store, &ctx.op(&book, &actor), at, remarks.as_deref())?;
            print(ctx, &h, *json)
        }
        HandoverCmd::Sign { id, outgoing: _, incoming, json, pin_stdin, unverified } => {
            let name = ctx
                .actor_flag()
                .ok_or_else(|| {
                    CliError::Fail("--as: the signer's name is required (handover sign ID --as NAME)".into())
                })?
                .to_string();
            let side = if *incoming { Side::Incoming } else { Side::Outgoing };
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            if *incoming {
                // What became late after the outgoing signature is not in the signed content: the
                // incoming officer sees it before the signature is recorded.
                if let Ok(h) = oh::get(&store, *id, ctx.lang) {
                    let items = oh::late_since_outgoing(&store, &h, ctx.now())?;
                    if !items.is_empty() {
                        super::out::err_line(&format!("note: {}", oh::late_since_heading(ctx.lang)));
                        for l in oh::late_since_lines(&items, ctx.lang, ctx.unit.timezone) {
                            super::out::err_line(&format!("note:   {l}"));
                        }
                    }
                }
            }
            let proof = super::pin::proof(ctx, &store, &name, *pin_stdin, unverified.as_deref())?;
            let h = oh::sign_with(&mut store, &ctx.op(&book, &name), *id, &name, side, &proof)?;
            if *json {
                return print_json(&h);
            }
            let msg = if h.locked { w::SIGNED_BY_BOTH.get(ctx.lang) } else { w::OUTGOING_SIGNED.get(ctx.lang) };
            outln!("{} {id}: {msg}", w::HANDOVER.get(ctx.lang))?;
            Ok(())
        }
        HandoverCmd::Show { id, json, md: _, docx, output, force } => {
            if let Some(p) = output.as_deref() {
                crate::docs::check_target(p, *force)?;
            }
            let store = ctx.open()?;
            let h = match ctx.review {
                Some(t) => store.handover_as_of(*id, t)?.ok_or_else(|| {
                    CliError::Fail(format!("handover {id}: not drafted yet at {}", text::short(t, ctx.unit.timezone)))
                })?,
                None => oh::get(&store, *id, ctx.lang)?,
            };
            if *docx {
                let doc = crate::docs::handover_doc(&h, ctx.lang, ctx.unit.timezone);
                return super::export::emit_docx(&doc, output.as_deref(), *force, ctx.lang);
            }
            match output.as_deref() {
                Some(p) => {
                    let text = if *json {
                        serde_json::to_string_pretty(&h).map_err(|e| CliError::Fail(e.to_string()))? + "\n"
                    } else {
                        crate::domain::safe_text::visible(&oh::markdown(&h, ctx.lang, ctx.unit.timezone)).into_owned()
                    };
                    crate::docs::write_file(p, text.as_bytes(), *force)?;
                    super::out::err_line(&crate::ui::text_docs::written_to(&p.display().to_string(), ctx.lang));
                    Ok(())
                }
                None => {
                    print(ctx, &h, *json)?;
                    if *json { Ok(()) } else { late_since(ctx, &store, &h) }
                }
            }
        }
        HandoverCmd::List { person, limit, json } => {
            let store = ctx.open()?;
            let person = person.as_deref().map(str::trim);
            let (rows, total) = match ctx.review {
                Some(t) => store.handovers_as_of(person, *limit, t)?,
                None => {
                    let rows = store.handovers(person, *limit)?;
                    let total = if rows.len() >= *limit { store.handover_count(person)? } else { rows.len() };
                    (rows, total)
                }
            };
            let shown = rows.len();
            if *json {
                let out: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|h| {
                        serde_json::json!({
                            "id": h.head.id, "period_start": h.head.period_start, "period_end": h.head.period_end,
                            "outgoing": h.head.outgoing, "incoming": h.head.incoming, "leader": h.head.leader,
                            "outgoing_signed_at": h.head.outgoing_signed_at, "incoming_signed_at": h.head.incoming_signed_at,
                            "locked": h.locked,
                        })
                    })
                    .collect();
                print_json(&out)?;
                super::out::limit_note(shown, total, true);
                return Ok(());
            }
            let lang = ctx.lang;
            for h in rows {
                let state = if h.locked {
                    w::LOCKED.get(lang)
                } else if h.head.outgoing_signed_at.is_some() {
                    w::AWAITING_INCOMING.get(lang)
                } else {
                    w::DRAFT.get(lang)
                };
                outln!(
                    "{:>4}  {} – {}  {} → {}  {state}",
                    h.head.id,
                    text::short(h.head.period_start, ctx.unit.timezone),
                    text::short(h.head.period_end, ctx.unit.timezone),
                    h.head.outgoing,
                    h.head.incoming
                )?;
            }
            super::out::limit_note(shown, total, false);
            Ok(())
        }
        HandoverCmd::Addendum { id, text, json } => {
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let h = oh::addendum(&mut store, &ctx.op(&book, &actor), *id, text)?;
            print(ctx, &h, *json)
        }
    }
}
