//! Reads what the board shows, window by window (never the whole history).

use chrono::{DateTime, Duration, Utc};

use crate::app::board::{BoardData, PANE_WINDOW};
use crate::store::{Result, Store};

pub fn board(store: &Store, now: DateTime<Utc>) -> Result<BoardData> {
    Ok(BoardData {
        on_duty: store.shifts_at(now)?,
        strip: store.shifts_between(now - Duration::hours(6), now + Duration::hours(18))?,
        next_change: store.next_change_after(now)?,
        due: store.due_next(PANE_WINDOW)?,
        open: store.open_incidents(PANE_WINDOW)?,
        log: store.latest_log(PANE_WINDOW)?,
        // Filled by the runtime from the unit's calendar (`roster::sensitive_today`).
        sensitive: Vec::new(),
    })
}
