//! `dutywatch stats --from D --to D [--json|--md]`.

use super::args_handover::StatsArgs;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::period::{End, parse_bound};
use crate::ops::stats;

/// One bound of a period: a day, a month (`2026-11`), a time or `-7d`, read by the one parser every
/// command shares ([`crate::domain::period`]); a day or month as `--to` is inclusive.
pub(super) fn bound(
    ctx: &Ctx,
    flag: &str,
    v: &str,
    end_of_day: bool,
) -> Result<chrono::DateTime<chrono::Utc>, CliError> {
    let end = if end_of_day { End::To } else { End::From };
    parse_bound(v, end, ctx.now(), ctx.unit.timezone).map_err(|e| CliError::Fail(format!("--{flag}: {e}")))
}

/// One end of a period, when given.
pub(super) type Bound = Option<chrono::DateTime<chrono::Utc>>;

/// `--from` and `--to` (either optional), refused when the start is not before the end.
pub(super) fn period(ctx: &Ctx, from: Option<&str>, to: Option<&str>) -> Result<(Bound, Bound), CliError> {
    let f = from.map(|v| bound(ctx, "from", v, false)).transpose()?;
    let t = to.map(|v| bound(ctx, "to", v, true)).transpose()?;
    if let (Some(a), Some(b)) = (f, t)
        && a >= b
    {
        return Err(CliError::Fail(format!(
            "--from: {} is not before --to {}",
            from.unwrap_or_default(),
            to.unwrap_or_default()
        )));
    }
    Ok((f, t))
}

pub fn run(ctx: &Ctx, a: &StatsArgs) -> CliResult {
    let from = bound(ctx, "from", &a.from, false)?;
    let to = bound(ctx, "to", &a.to, true)?;
    if from >= to {
        return Err(CliError::Fail(format!("--from: {} is after --to {}", a.from, a.to)));
    }
    let mut store = ctx.open()?;
    if ctx.review.is_none() {
        // The ledger as of now (迟报 stamped); review reads the record as it stood and writes nothing.
        let book = ctx.book(&store)?;
        let actor = ctx.actor(&store)?;
        crate::ops::ledger::advance(&mut store, &ctx.op(&book, &actor))?;
    }
    let s = stats::compute_as_of(&store, from, to, ctx.now(), ctx.review, ctx.lang)?;
    if a.json {
        // Every time in the unit's offset, like `incident show`.
        let mut v = serde_json::to_value(&s).map_err(|e| CliError::Fail(e.to_string()))?;
        let tz = ctx.unit.timezone;
        if let Some(m) = v.as_object_mut() {
            m.insert("from".into(), s.from.with_timezone(&tz).to_rfc3339().into());
            m.insert("to".into(), s.to.with_timezone(&tz).to_rfc3339().into());
        }
        return print_json(&v);
    }
    if a.md {
        return bulletin(ctx, &store, &s);
    }
    super::out::text(&stats::markdown(&s, ctx.lang, ctx.unit.timezone))
}

/// `stats --md`: the 通报, with the period's problem lists (as of the review moment in review).
fn bulletin(ctx: &Ctx, store: &crate::store::Store, s: &stats::Stats) -> CliResult {
    use crate::ops::report as rep;
    let now = ctx.seen_at();
    let tz = ctx.unit.timezone;
    let f = rep::Filters { as_of: ctx.review, ..Default::default() };
    let book = ctx.book(store)?;
    let late = rep::late(store, s.from, s.to, now, None, &f)?;
    let acks = rep::acks(store, s.from, s.to, now, book.escalation.ack_timeout(), &f)?;
    let calendar = crate::config::calendar::load()?;
    let hours = crate::config::review::load()?;
    let spot = rep::spot_checks(store, s.from, s.to, tz, &calendar, &hours, rep::When::default(), &f)?;
    let equipment = rep::equipment(store, s.from, s.to, now, &f)?;
    let b = crate::ui::text_report::Bulletin {
        unit: ctx.unit.display_name(ctx.lang),
        stats: s,
        late: &late,
        acks: &acks,
        spot: &spot,
        equipment: &equipment,
    };
    super::out::text(&crate::ui::text_report::bulletin(&b, ctx.lang, tz))
}
