//! Demo incidents: filled in once the deadline engine is wired.

use chrono::{DateTime, Utc};

use super::{CliResult, Ctx};
use crate::store::Store;

pub fn load(_ctx: &Ctx, _store: &mut Store, _now: DateTime<Utc>) -> CliResult {
    Ok(())
}
