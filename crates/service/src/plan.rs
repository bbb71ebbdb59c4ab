//! Filing the weekly duty plan (周值班计划) with the upper duty room (PR-04): the Markdown sent is kept
//! with its SHA-256; a week with coverage gaps is refused, naming them, unless filed `--with-gaps`; the
//! upper room's acknowledgement is recorded. Filing next week's plan fulfils the weekly-plan duty.

use crate::domain::log_event::LogEvent;
use crate::text::service::plan as say;
use chrono::{DateTime, NaiveDate, Utc};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::roster_week::week_start;
use crate::store::log as slog;
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

/// Records the filing. Refused (nothing recorded) when the week has gaps and `with_gaps` is not set.
pub fn file(store: &mut Store, ctx: &OpCtx<'_>, f: &Filing<'_>) -> OpResult<PlanFiling> {
    let lang = ctx.lang;
    let at = f.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let recipient = f.recipient.trim();
    if recipient.is_empty() {
        return Err(OpError::invalid("to", say::UPPER_DUTY_ROOM_FILED_WITH.get(lang)));
    }
    let monday = week_start(f.week);
    if !f.gaps.is_empty() && !f.with_gaps {
        return Err(OpError::invalid(
            "week",
            format!(
                "{monday}: {} ({}): {}; {}",
                say::ROSTER_HAS_COVERAGE_GAPS.get(lang),
                f.gaps.len(),
                f.gaps.join("; "),
                say::FILL_THEM_FIRST_OR_FILE.get(lang)
            ),
        ));
    }
    let gaps: Vec<String> = if f.with_gaps { f.gaps.to_vec() } else { Vec::new() };
    let filing = store.write(|tx| {
        let p = splan::insert(tx, monday, recipient, at, ctx.actor, f.content, &gaps, ctx.now, ctx.actor)?;
        let event = LogEvent::PlanFiled {
            week: monday.to_string(),
            recipient: recipient.to_string(),
            sha256: p.content_sha256.chars().take(12).collect(),
            gaps: gaps.len(),
        };
        slog::append(tx, &crate::event_line(None, ctx, at, event), ctx.now)?;
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
        return Err(OpError::invalid("by", say::WHO_ACKNOWLEDGED_REQUIRED.get(lang)));
    }
    let monday = week_start(week);
    Ok(store.write(|tx| {
        let Some(p) = splan::latest(tx, monday)? else {
            return Err(StoreError::Invalid(format!("week: {monday}: {}", say::NO_PLAN_FILED_FOR_THAT.get(lang))));
        };
        if at < p.filed_at {
            return Err(StoreError::Invalid(format!("at: {}", say::BEFORE_PLAN_WAS_FILED.get(lang))));
        }
        let p = splan::ack(tx, p.id, at, by.trim(), ctx.now, ctx.actor)?;
        let event = LogEvent::PlanAcked { week: monday.to_string(), by: by.trim().to_string() };
        slog::append(tx, &crate::event_line(None, ctx, at, event), ctx.now)?;
        Ok(p)
    })?)
}
