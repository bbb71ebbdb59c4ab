//! Review mode: the board as it stood at a past moment, read-only, rebuilt from the audit log.

use chrono::{DateTime, Utc};

use crate::app::BoardData;
use crate::ops::context::Ctx;
use crate::ops::outcome::{CommandError as CliError, CommandResult as CliResult};
use crate::ops::replay;
use crate::store::Store;

/// `dutywatch --at TIME`: checks the moment (not in the future, not before the first event), then
/// runs the board on the replayed data.
pub fn run_review(ctx: &Ctx, at: &str) -> CliResult {
    let t = ctx.time("at", Some(at))?.ok_or_else(|| CliError::Fail("--at: a time is required".into()))?;
    let store = ctx.open()?;
    replay::check_moment(&store, t, ctx.now(), ctx.lang)?;
    drop(store);
    super::run_board_at(ctx, Some(t))
}

/// Loads the replayed board for `t`, refusing moments review mode cannot show.
pub fn load(
    store: &Store,
    t: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: crate::domain::Lang,
) -> Result<BoardData, String> {
    replay::check_moment(store, t, now, lang).map_err(|e| e.to_string())?;
    replay::board_at(store, t).map_err(|e| e.to_string())
}
