//! The board read model as it stands now: what the board shows, window by window (never the whole
//! history). Review mode reads the same [`BoardData`] for a past moment through [`crate::replay`].

use chrono::{DateTime, Duration, Utc};

use crate::board::{BoardData, IncidentDetail, PANE_WINDOW};
use crate::store::{Result, Store, StoreError, audit};

pub fn board(store: &Store, now: DateTime<Utc>) -> Result<BoardData> {
    let mut data = board_rows(store, now)?;
    data.late_since_outgoing =
        crate::handover::late_since_by_sheet(store, data.handover.iter().chain(&data.handovers), now)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(data)
}

fn board_rows(store: &Store, now: DateTime<Utc>) -> Result<BoardData> {
    let open = store.open_incidents(PANE_WINDOW)?;
    // One query for the whole window's escalation steps (it was one per open incident).
    let ids: Vec<i64> = open.iter().map(|i| i.id).collect();
    let steps = store.escalations_by_incident(&ids)?;
    let tracking = store.tracking_for(&ids)?;
    Ok(BoardData {
        on_duty: store.shifts_at(now)?,
        strip: store.shifts_between(now - Duration::hours(6), now + Duration::hours(18))?,
        next_change: store.next_change_after(now)?,
        due: store.due_next(PANE_WINDOW)?,
        open,
        steps,
        tracking,
        log: store.latest_log(PANE_WINDOW)?,
        // Filled by the runtime from the unit's calendar (`roster::sensitive_today`).
        sensitive: Vec::new(),
        contacts: store.contacts()?,
        equipment: store.equipment_status(now)?,
        review_at: None,
        handover: crate::handover::current_sheet(store, now)?,
        handovers: store.handovers(None, PANE_WINDOW)?,
        alert_acks: store.alert_acks()?,
        // Filled by the runtime when the unit is linked (`link_view`).
        link: None,
        responses: store.active_responses(now)?,
        tasks: store.tasks(true)?,
        duties: store.duties(true, PANE_WINDOW)?,
        late_since_outgoing: Default::default(),
    })
}

/// The link's state and the incidents from below (issue 20), for a linked unit's board.
pub fn link_view(
    store: &Store,
    link: &crate::config::link::LinkConfig,
    now: DateTime<Utc>,
) -> crate::OpResult<crate::board::LinkView> {
    let status = crate::link::status(store, link, now)?;
    let mut from_below = Vec::new();
    for f in crate::store::link::from_below(store.conn(), PANE_WINDOW as i64)? {
        let Some(i) = store.incident(f.incident_id)? else { continue };
        from_below.push(crate::board::FromBelowRow {
            incident_id: f.incident_id,
            reference: i.reference,
            title: i.title,
            from_room: f.from_room,
            remote_ref: f.remote_ref,
            acked_by: f.acked_by,
        });
    }
    Ok(crate::board::LinkView { status, from_below })
}

pub fn incident(store: &Store, id: i64) -> Result<IncidentDetail> {
    let incident = store.incident(id)?.ok_or_else(|| StoreError::NotFound(format!("incident {id}")))?;
    Ok(IncidentDetail {
        obligations: store.obligations(id)?,
        reports: store.reports(id)?,
        steps: store.escalations(id)?,
        log: store.log_for_incident(id)?,
        history: audit::history(store.conn(), "incident", id)?,
        fact_updates: store.fact_updates(id)?,
        corrections: store.corrections(id)?,
        incident,
    })
}

/// The incident page as it stood at `t` (review mode, issue 16): the incident, its duties and steps
/// from their snapshots, the reports, log lines, updates and corrections recorded by then.
pub fn incident_at(store: &Store, id: i64, t: DateTime<Utc>) -> Result<IncidentDetail> {
    let incident =
        store.incident_as_of(id, t)?.ok_or_else(|| StoreError::NotFound(format!("incident {id} at that moment")))?;
    let at = ts_of(t);
    Ok(IncidentDetail {
        obligations: store.obligations_at(id, t)?,
        reports: store.reports_as_of(id, t)?,
        steps: store.escalations_at(id, t)?,
        log: store.log_for_incident(id)?.into_iter().filter(|e| e.at <= t).collect(),
        history: audit::history(store.conn(), "incident", id)?.into_iter().filter(|e| e.at <= at).collect(),
        fact_updates: store.fact_updates(id)?.into_iter().filter(|u| u.recorded_at <= t).collect(),
        corrections: store.corrections(id)?.into_iter().filter(|c| c.at <= t).collect(),
        incident,
    })
}

fn ts_of(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}
