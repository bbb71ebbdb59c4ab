//! Carries out the handover screen's writes through the same ops as the CLI.

use crate::app::Write;
use crate::ops::context::Ctx;
use crate::ops::handover as oh;
use crate::store::Store;
use crate::store::handover::Side;
use chrono::{DateTime, Utc};
use text::console::saved;

use super::error::{RuntimeError, RuntimeResult};

pub fn run(write: &Write, store: &mut Store, ctx: &Ctx, actor: &str) -> RuntimeResult<String> {
    let book = ctx.book(store)?;
    let lang = ctx.lang;
    match write {
        Write::HandoverDraft { remarks } => {
            let op = ctx.op(&book, actor);
            oh::draft(store, &op, None, remarks.as_deref())
                .map(|h| saved::handover_sheet(h.head.id, lang))
                .map_err(RuntimeError::from)
        }
        Write::HandoverSign { id, name, outgoing, pin, unverified } => {
            let op = ctx.op(&book, name);
            let side = if *outgoing { Side::Outgoing } else { Side::Incoming };
            let proof = crate::ops::pin::PinProof {
                pin: Some(pin.clone()).filter(|p| !p.is_empty()),
                unverified: Some(unverified.clone()).filter(|u| !u.is_empty()),
            };
            oh::sign_with(store, &op, *id, name, side, &proof)
                .map(|h| {
                    if h.locked {
                        saved::SIGNED_BY_BOTH.get(lang).to_string()
                    } else {
                        saved::SIGNED_OUTGOING.get(lang).to_string()
                    }
                })
                .map_err(RuntimeError::from)
        }
        Write::LogEntry(input) => {
            let op = ctx.op(&book, actor);
            crate::ops::log::add(store, &op, input).map(|id| saved::log_entry(id, lang)).map_err(RuntimeError::from)
        }
        Write::AddTask(input) => {
            let op = ctx.op(&book, actor);
            crate::ops::task::add(store, &op, input)
                .map(|t| crate::ui::text_levels::task_saved(t.id, &t.title, lang))
                .map_err(RuntimeError::from)
        }
        // `effects::run` routes only the writes above here; anything else is a routing bug, said so
        // rather than silently reported as saved.
        other => Err(RuntimeError::Misrouted(format!("not a handover or log write: {other:?}"))),
    }
}

/// Carries out a screen's read and answers with the message for `update`.
pub fn load(l: crate::app::logscreen::Load, store: &Store, ctx: &Ctx) -> crate::app::Msg {
    load_at(l, store, ctx, None)
}

/// [`load`]; in review (`review`: the reviewed moment) the log and the statistics are those of that moment.
pub fn load_at(
    l: crate::app::logscreen::Load,
    store: &Store,
    ctx: &Ctx,
    review: Option<DateTime<Utc>>,
) -> crate::app::Msg {
    use crate::app::Msg;
    use crate::app::logscreen::{LOG_PAGE, Load, Loaded, STATS_DAYS};
    let result = match l {
        Load::LogPage { before } => store
            .log_between(&crate::store::log::LogFilter {
                before,
                limit: LOG_PAGE,
                to: review.map(|t| t + chrono::Duration::seconds(1)),
                recorded_by: review,
                ..Default::default()
            })
            .map(Loaded::LogPage)
            .map_err(|e| e.to_string()),
        Load::OpenInstructions => crate::ops::log::open_instruction_picks(store, review.unwrap_or_else(|| ctx.now()))
            .map(Loaded::OpenInstructions)
            .map_err(|e| e.to_string()),
        Load::HistoryPage(filter) => store
            .search_incidents(&filter, crate::app::history::HISTORY_PAGE)
            .map(Loaded::HistoryPage)
            .map_err(|e| e.to_string()),
        Load::StatsFor { from, to } => {
            let now = review.unwrap_or_else(|| ctx.now());
            crate::ops::stats::compute_as_of(store, from, to, now, review, ctx.lang)
                .map(|s| Loaded::Stats(Box::new(s)))
                .map_err(|e| e.to_string())
        }
        Load::LateItems { from, to, kind, officer, leader } => {
            let now = review.unwrap_or_else(|| ctx.now());
            let f = crate::ops::report::Filters { officer, leader, as_of: review, ..Default::default() };
            // The kind is a statistics key, the code as read from the rows.
            let kind = kind.as_deref().map(str::parse::<crate::domain::ObligationKind>).transpose();
            kind.map_err(|e| e.to_string()).and_then(|kind| {
                crate::ops::report::late(store, from, to, now, kind.as_ref(), &f)
                    .map(|r| Loaded::LateItems(Box::new(r)))
                    .map_err(|e| e.to_string())
            })
        }
        Load::Stats => {
            let now = review.unwrap_or_else(|| ctx.now());
            crate::ops::stats::compute_as_of(
                store,
                now - chrono::Duration::days(STATS_DAYS),
                now,
                now,
                review,
                ctx.lang,
            )
            .map(|s| Loaded::Stats(Box::new(s)))
            .map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(l) => Msg::Extra(Box::new(l)),
        Err(e) => Msg::Failed(e),
    }
}
