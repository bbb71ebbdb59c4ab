//! Reads what the board shows, window by window (never the whole history).

use chrono::{DateTime, Duration, Utc};

use crate::app::board::{BoardData, PANE_WINDOW};
use crate::store::{Result, Store};

pub fn board(store: &Store, now: DateTime<Utc>) -> Result<BoardData> {
    let open = store.open_incidents(PANE_WINDOW)?;
    let ids: Vec<i64> = open.iter().map(|i| i.id).collect();
    Ok(BoardData {
        on_duty: store.shifts_at(now)?,
        strip: store.shifts_between(now - Duration::hours(6), now + Duration::hours(18))?,
        next_change: store.next_change_after(now)?,
        due: store.due_next(PANE_WINDOW)?,
        escalations: store.escalations_for(&ids)?,
        open,
        log: store.latest_log(PANE_WINDOW)?,
        equipment: store.equipment_status(now)?,
        review_at: None,
        handover: crate::runtime::effects_handover::current_sheet(store, now)?,
        handovers: store.handovers(None, PANE_WINDOW)?,
    })
}
