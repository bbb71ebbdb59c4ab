//! `dutywatch stats --from D --to D [--json|--md]`.

use chrono::{Duration, NaiveDate};

use super::args_handover::StatsArgs;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::roster::local_day_start;
use crate::ops::stats;

/// A day (`YYYY-MM-DD`, its start; `end_of_day` gives the next day's start) or any TIME.
pub(super) fn bound(
    ctx: &Ctx,
    flag: &str,
    v: &str,
    end_of_day: bool,
) -> Result<chrono::DateTime<chrono::Utc>, CliError> {
    if let Ok(d) = NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d") {
        let d = if end_of_day { d + Duration::days(1) } else { d };
        return local_day_start(d, ctx.unit.timezone)
            .ok_or_else(|| CliError::Fail(format!("--{flag}: `{v}`: no such local day")));
    }
    ctx.time(flag, Some(v))?.ok_or_else(|| CliError::Fail(format!("--{flag}: `{v}` is not a date")))
}

pub fn run(ctx: &Ctx, a: &StatsArgs) -> CliResult {
    let from = bound(ctx, "from", &a.from, false)?;
    let to = bound(ctx, "to", &a.to, true)?;
    if from >= to {
        return Err(CliError::Fail(format!("--from: {} is after --to {}", a.from, a.to)));
    }
    let mut store = ctx.open()?;
    {
        let book = ctx.book(&store)?;
        let actor = ctx.actor(&store)?;
        crate::ops::ledger::advance(&mut store, &ctx.op(&book, &actor))?;
    }
    let s = stats::compute(&store, from, to, ctx.now(), ctx.lang)?;
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
    super::out::text(&stats::markdown(&s, ctx.lang, ctx.unit.timezone))
}
