//! Filing the weekly duty plan (周值班计划) with the upper duty room (PR-04): the Markdown sent is kept
//! with its SHA-256; a week with coverage gaps is refused, naming them, unless filed `--with-gaps`; the
//! upper room's acknowledgement is recorded. Filing next week's plan fulfils the weekly-plan duty.

use chrono::{DateTime, NaiveDate, Utc};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::LogKind;
use crate::domain::roster_week::week_start;
use crate::store::log::{self as slog, NewLogEntry};
use crate::store::plan::{self as splan, PlanFiling};
use crate::store::{Store, StoreError};

/// What `roster file` sends.
pub struct Filing<'a> {
    /// Any date in the week; the week starts on its Monday.
    pub week: NaiveDate,
    pub recipient: &'a str,
    pub at: Option<DateTime<Utc>>,
    /// The plan's Markdown, as exported.
    pub content: &'a str,
    /// The coverage gaps the roster check found in the week, described.
    pub gaps: &'a [String],
    pub with_gaps: bool,
}

fn line(ctx: &OpCtx<'_>, at: DateTime<Utc>, body: String) -> NewLogEntry {
    NewLogEntry {
        at,
        author: ctx.actor.to_string(),
        kind: LogKind::System,
        incident_id: None,
        body,
        corrects: None,
        data: None,
    }
}

/// Records the filing. Refused (nothing recorded) when the week has gaps and `with_gaps` is not set.
pub fn file(store: &mut Store, ctx: &OpCtx<'_>, f: &Filing<'_>) -> OpResult<PlanFiling> {
    let lang = ctx.lang;
    let at = f.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let recipient = f.recipient.trim();
    if recipient.is_empty() {
        return Err(OpError::invalid(
            "to",
            lang.pick("须填写报送的上级值班室", "the upper duty room filed with is required"),
        ));
    }
    let monday = week_start(f.week);
    if !f.gaps.is_empty() && !f.with_gaps {
        return Err(OpError::invalid(
            "week",
            format!(
                "{monday}: {} ({}): {}; {}",
                lang.pick("值班表有空档", "the roster has coverage gaps"),
                f.gaps.len(),
                f.gaps.join("; "),
                lang.pick(
                    "补齐后再报,或加 --with-gaps 照报(空档随计划记录)",
                    "fill them first, or file anyway with --with-gaps (the gaps are recorded with it)"
                )
            ),
        ));
    }
    let gaps: Vec<String> = if f.with_gaps { f.gaps.to_vec() } else { Vec::new() };
    let filing = store.write(|tx| {
        let p = splan::insert(tx, monday, recipient, at, ctx.actor, f.content, &gaps, ctx.now, ctx.actor)?;
        let body = format!(
            "{} {monday} → {recipient} (SHA-256 {}){}",
            lang.pick("已报送周值班计划", "weekly duty plan filed:"),
            &p.content_sha256[..12],
            if gaps.is_empty() {
                String::new()
            } else {
                format!(" {} {}", lang.pick("含空档", "with gaps:"), gaps.len())
            }
        );
        slog::append(tx, &line(ctx, at, body), ctx.now)?;
        Ok(p)
    })?;
    // The weekly-plan duty of the week before is fulfilled by it.
    super::duties::advance(store, ctx)?;
    Ok(filing)
}

/// Records the upper room's acknowledgement of the week's latest filing.
pub fn ack(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    week: NaiveDate,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<PlanFiling> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if by.trim().is_empty() {
        return Err(OpError::invalid("by", lang.pick("须填写确认人", "who acknowledged is required")));
    }
    let monday = week_start(week);
    Ok(store.write(|tx| {
        let Some(p) = splan::latest(tx, monday)? else {
            return Err(StoreError::Invalid(format!(
                "week: {monday}: {}",
                lang.pick("该周计划尚未报送", "no plan filed for that week")
            )));
        };
        if at < p.filed_at {
            return Err(StoreError::Invalid(format!(
                "at: {}",
                lang.pick("早于报送时间", "is before the plan was filed")
            )));
        }
        let p = splan::ack(tx, p.id, at, by.trim(), ctx.now, ctx.actor)?;
        let body =
            format!("{} {monday} ({})", lang.pick("上级已确认周值班计划", "weekly duty plan acknowledged:"), by.trim());
        slog::append(tx, &line(ctx, at, body), ctx.now)?;
        Ok(p)
    })?)
}
