//! Operations: the use cases shared by the command line and the board. Each validates its input,
//! applies the rules (pure `domain` code), and saves through the store in one transaction with its
//! audit events and duty-log line. The CLI and the TUI call the same functions, so a rule cannot be
//! enforced in one and forgotten in the other.

/// The crates below the service, under the paths its modules use for them.
pub use domain;
pub use store;
pub use text;

pub mod board;
pub mod config;
pub mod context;
pub mod correct;
pub mod docs;
pub mod duties;
pub mod escalation;
pub mod facts;
pub mod handover;
pub mod incident;
pub mod ledger;
pub mod link;
pub mod live;
pub mod log;
pub mod outcome;
pub mod people;
pub mod pin;
pub mod plan;
pub mod replay;
pub mod report;
pub mod response;
pub mod review;
pub mod roster;
pub mod stats;
pub mod task;

use crate::text::service::checks as say;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::UnitConfig;
use crate::config::rules::Rulebook;
use crate::domain::Lang;
use crate::store::StoreError;

/// Why an operation refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// Bad input: the field it concerns (a form focuses it) and the reason.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The operation cannot proceed in the record's current state (e.g. closing without a 终报).
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OpError {
    pub fn invalid(field: &str, message: impl Into<String>) -> OpError {
        OpError::Invalid { field: field.to_string(), message: message.into() }
    }

    /// The field a form should focus, if the error names one.
    pub fn field(&self) -> Option<&str> {
        match self {
            OpError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

pub type OpResult<T> = Result<T, OpError>;

/// What every operation needs besides its own input.
pub struct OpCtx<'a> {
    pub unit: &'a UnitConfig,
    pub book: &'a Rulebook,
    pub now: DateTime<Utc>,
    pub actor: &'a str,
    pub lang: Lang,
}

impl OpCtx<'_> {
    pub fn tz(&self) -> Tz {
        self.unit.timezone
    }
}

/// The duty-log line an operation writes in its own transaction (docs/rules.md PR-14: every act is on
/// the log), by the acting officer, at `at` (when it happened, which may be earlier than now). The line is
/// stored as its event (`data.event` and fields) with a zh-CN body, the record's language, whatever the
/// terminal's language; readers see it rendered in theirs (`text::log_events`).
pub fn event_line(
    incident_id: Option<i64>,
    ctx: &OpCtx<'_>,
    at: DateTime<Utc>,
    event: crate::domain::log_event::LogEvent,
) -> crate::store::log::NewLogEntry {
    crate::store::log::NewLogEntry {
        at,
        author: ctx.actor.to_string(),
        kind: crate::domain::LogKind::System,
        incident_id,
        body: text::log_events::render(&event, Lang::Zh),
        corrects: None,
        data: Some(event.to_data()),
    }
}

/// [`event_line`] for a line on an incident.
pub fn system_line(
    incident_id: i64,
    ctx: &OpCtx<'_>,
    at: DateTime<Utc>,
    event: crate::domain::log_event::LogEvent,
) -> crate::store::log::NewLogEntry {
    event_line(Some(incident_id), ctx, at, event)
}

/// Adds `extra`'s keys (e.g. `act`, `signature`) to a line's `data`, keeping its event.
pub fn merge_data(line: &mut crate::store::log::NewLogEntry, extra: serde_json::Value) {
    match (&mut line.data, extra) {
        (Some(serde_json::Value::Object(have)), serde_json::Value::Object(more)) => have.extend(more),
        (data, extra) => *data = Some(extra),
    }
}

/// How far into the future a typed time may lie before it is refused as a typo (5 min of clock skew
/// between terminals and phones is normal; more means a wrong date).
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;

/// Refuses a time more than [`FUTURE_TOLERANCE_MINUTES`] after now.
pub fn not_future(field: &str, t: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> OpResult<()> {
    if t > now + chrono::Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        return Err(OpError::invalid(field, say::TOO_FAR_IN_FUTURE.get(lang)));
    }
    Ok(())
}
