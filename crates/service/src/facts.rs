//! Updating the facts of an incident (issue 15): `incident update` and `u` on the incident page.
//!
//! Each update is a new version of the incident (the old row kept in `incident_version`, refused when
//! the caller's expected version is stale), one `fact_update` row naming what changed (old → new), who
//! and when, their audit events and a duty-log line, in one transaction. A closed incident takes only
//! the cause and the progress, as addenda (补记) beside the closed record, which stays as it was closed.

use crate::text::service::facts as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::facts::{self, FactChange, FactField, FactPatch, Facts, MAX_FIGURE};
use crate::domain::{Incident, IncidentStatus};
use crate::store::facts::{self as sfacts, NewFactUpdate};
use crate::store::incident as sinc;
use crate::store::log as slog;
use crate::store::{Store, StoreError};

/// What an update recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub incident: Incident,
    pub changes: Vec<FactChange>,
    /// Recorded as an addendum to a closed incident.
    pub addendum: bool,
}

/// Checks the figures of a patch: each at most [`MAX_FIGURE`] (negative ones never get this far: the
/// CLI and the form refuse them when parsing, naming the field).
pub fn validate(patch: &FactPatch, ctx: &OpCtx<'_>) -> OpResult<()> {
    for (f, v) in patch.figures() {
        if v > MAX_FIGURE {
            return Err(OpError::invalid(f.code(), format!("{} ({v}; 0–{MAX_FIGURE})", say::TOO_LARGE.get(ctx.lang))));
        }
    }
    if patch.is_empty() {
        return Err(OpError::invalid("facts", say::NOTHING_TO_UPDATE.get(ctx.lang)));
    }
    Ok(())
}

/// Records an update of the facts, as known at `at` (default now). `expected_version` is the version
/// the form was opened on (None from the CLI without `--expected-version`).
pub fn update(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    patch: &FactPatch,
    at: Option<DateTime<Utc>>,
    expected_version: Option<i64>,
) -> OpResult<Updated> {
    let lang = ctx.lang;
    validate(patch, ctx)?;
    let at = at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    let (changes, addendum) = store.write(|tx| update_in(tx, ctx, incident_id, patch, at, expected_version))?;
    let incident = store.incident(incident_id)?.ok_or_else(|| OpError::Refused("incident vanished".into()))?;
    Ok(Updated { incident, changes, addendum })
}

/// The transaction of [`update`] (the caller checked the patch and the time): also used when a linked
/// room's update is stored with the message. Returns the changes and whether it was an addendum.
pub fn update_in(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    patch: &FactPatch,
    at: DateTime<Utc>,
    expected_version: Option<i64>,
) -> crate::store::Result<(Vec<FactChange>, bool)> {
    let lang = ctx.lang;
    let current = sinc::get(tx, incident_id)?;
    if let Some(v) = expected_version
        && v != current.version
    {
        // The same refusal as any stale edit (who changed it and when).
        sinc::begin_change(tx, incident_id, expected_version, ctx.now, ctx.actor)?;
    }
    if at < current.learned_at {
        return Err(StoreError::Invalid(format!("at: {}", shared::BEFORE_LEARNED.get(lang))));
    }
    let old = Facts::of(&current);
    let new = patch.apply(&old);
    let changes = facts::diff(&old, &new);
    if changes.is_empty() {
        return Err(StoreError::Invalid(format!("facts: {}", say::SAME_AS_ON_RECORD.get(lang))));
    }
    let closed = current.status == IncidentStatus::Closed;
    if closed {
        let refused: Vec<&str> = changes
            .iter()
            .filter_map(|c| FactField::parse(&c.field))
            .filter(|f| !f.allowed_after_close())
            .map(|f| f.code())
            .collect();
        if !refused.is_empty() {
            return Err(StoreError::Invalid(format!(
                "{}: #{} {} ({})",
                refused[0],
                current.reference,
                say::CLOSED_ONLY_CAUSE_AND_PROGRESS.get(lang),
                refused.iter().map(|r| format!("--{r}")).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    let version = if closed {
        current.version
    } else {
        sinc::begin_change(tx, incident_id, expected_version, ctx.now, ctx.actor)?;
        sfacts::set_facts(tx, incident_id, &new)?;
        sinc::audit_change(tx, incident_id, "incident.update", ctx.now, ctx.actor)?;
        current.version + 1
    };
    let u = NewFactUpdate { incident_id, version, at, by: ctx.actor, addendum: closed, changes: &changes };
    sfacts::insert_update(tx, &u, ctx.now, ctx.actor)?;
    let event = crate::domain::log_event::LogEvent::Facts {
        reference: current.reference.clone(),
        addendum: closed,
        changes: changes.clone(),
    };
    let line = super::system_line(incident_id, ctx, at, event);
    slog::append(tx, &line, ctx.now)?;
    // Linked rooms (issue 20): an incident already sent up sends the change as an Update.
    super::link::enqueue_facts(tx, ctx, incident_id)?;
    Ok((changes, closed))
}
