//! Review reads (issue 16): what the read commands show for the global `--at T`, rebuilt from the
//! audit log, so that the archive, an incident, the roster and the sheets read as they stood at T.

use chrono::{DateTime, Duration, Utc};

use super::OpResult;
use super::incident::late_at;
use crate::domain::{EndState, Incident, Role, Shift};
use crate::store::Store;
use crate::store::archive::IncidentFilter;
use crate::store::replay::NEXT_CHANGE_HORIZON;

fn contains(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// Whether the incident `i` (as it stood at `t`) passes the archive filter, judged on the record
/// at `t`.
fn passes(store: &Store, i: &Incident, f: &IncidentFilter, t: DateTime<Utc>) -> OpResult<bool> {
    if f.category.is_some_and(|c| c != i.category)
        || f.grade.is_some_and(|g| g != i.grade)
        || f.status.is_some_and(|s| s != i.status)
    {
        return Ok(false);
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|x| !x.is_empty())
        && ![&i.title, &i.place, &i.reference, &i.summary].iter().any(|h| contains(h, text))
    {
        return Ok(false);
    }
    if f.late || f.missed {
        let duties: Vec<_> = store.obligations_at(i.id, t)?.into_iter().filter(|o| !o.tracking).collect();
        if f.late && !duties.iter().any(|o| late_at(o, t)) {
            return Ok(false);
        }
        if f.missed && !duties.iter().any(|o| o.end.as_ref().is_some_and(|e| e.state == EndState::Missed)) {
            return Ok(false);
        }
    }
    if f.incomplete
        && !store.reports_as_of(i.id, t)?.iter().any(|r| r.missing_elements.as_ref().is_some_and(|m| !m.is_empty()))
    {
        return Ok(false);
    }
    Ok(true)
}

/// The archive at `t`: incidents on the record then, as they stood, newest learned first, at most
/// `limit`, with how many the filter finds in all. `open_only`: not closed at `t`.
pub fn incidents_at(
    store: &Store,
    t: DateTime<Utc>,
    f: &IncidentFilter,
    open_only: bool,
    limit: usize,
) -> OpResult<(Vec<Incident>, usize)> {
    let mut out = Vec::new();
    let mut total = 0;
    for id in store.incident_ids_as_of(t, f.from, f.to)? {
        let Some(i) = store.incident_as_of(id, t)? else { continue };
        if open_only && i.status == crate::domain::IncidentStatus::Closed {
            continue;
        }
        if !passes(store, &i, f, t)? {
            continue;
        }
        total += 1;
        if out.len() < limit {
            out.push(i);
        }
    }
    Ok((out, total))
}

/// Who was on duty at `t` as the roster then said, and the next change after it with who comes on.
pub struct RosterAt {
    pub on_duty: Vec<Shift>,
    pub next_change: Option<(DateTime<Utc>, Vec<Shift>)>,
}

/// The roster at `t` as it stood then (swaps recorded later are not applied).
pub fn roster_at(store: &Store, t: DateTime<Utc>) -> OpResult<RosterAt> {
    let on_duty: Vec<Shift> =
        store.shifts_as_of(t, t, t + Duration::seconds(1))?.into_iter().filter(|s| s.covers(t)).collect();
    let ahead = store.shifts_as_of(t, t, t + NEXT_CHANGE_HORIZON)?;
    let next_change =
        ahead.iter().filter(|s| s.role == Role::Officer && s.start > t).map(|s| s.start).min().map(|when| {
            let v: Vec<_> = ahead
                .iter()
                .filter(|s| s.covers(when) && (s.start == when || s.role != Role::Officer))
                .cloned()
                .collect();
            (when, v)
        });
    Ok(RosterAt { on_duty, next_change })
}
