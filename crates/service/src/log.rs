//! The duty log (值班日志, docs/rules.md PR-14, PR-15, PR-24): entries of every kind, corrections, instruction
//! feedback and equipment checks. Shared by `dutywatch log` and the log screen.

use crate::domain::log_event::LogEvent;
use crate::text::service::log as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::{Lang, LogKind, Role};
use crate::store::Store;
use crate::store::equipment::{self as seq, DEVICES};
use crate::store::log::{self as slog, LogRow, NewLogEntry};

// The spot and equipment checks' fields are the duty-log events' (`domain::log_event`): their line is
// rendered from them in the reader's language.
pub use crate::domain::log_event::{DeviceCheck, Direction, SpotCheck};

/// What is typed for a new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogInput {
    pub kind: LogKind,
    pub at: Option<DateTime<Utc>>,
    /// Default: the duty officer on duty at `at`, else the acting user.
    pub author: Option<String>,
    pub incident_id: Option<i64>,
    pub corrects: Option<i64>,
    pub text: String,
    /// Instruction: the leader who gave it.
    pub from_leader: Option<String>,
    /// Feedback: the instruction it answers.
    pub answers: Option<i64>,
    pub spot: Option<SpotCheck>,
    pub devices: Vec<DeviceCheck>,
}

impl LogInput {
    pub fn new(kind: LogKind, text: &str) -> LogInput {
        LogInput {
            kind,
            at: None,
            author: None,
            incident_id: None,
            corrects: None,
            text: text.to_string(),
            from_leader: None,
            answers: None,
            spot: None,
            devices: Vec::new(),
        }
    }
}

pub use crate::text::service::log::{device_label, yes_no};

/// The author by default: whoever is the duty officer at `at` (docs/rules.md PR-14: the log is kept by the officer).
pub fn officer_at(store: &Store, at: DateTime<Utc>) -> OpResult<Option<String>> {
    Ok(crate::domain::roster::on_duty(&store.shifts_at(at)?, Role::Officer).map(str::to_string))
}

/// Validates and appends one entry (and, for an equipment check, one `equipment_check` row per device),
/// all in one transaction. Returns the new entry's id.
pub fn add(store: &mut Store, ctx: &OpCtx<'_>, input: &LogInput) -> OpResult<i64> {
    let lang = ctx.lang;
    let at = input.at.unwrap_or(ctx.now);
    not_future("at", at, ctx.now, lang)?;
    if input.kind == LogKind::System {
        return Err(OpError::invalid("kind", say::SYSTEM_ENTRIES_ARE_AUTOMATIC.get(lang)));
    }
    if let Some(c) = input.corrects
        && store.log_entry(c)?.is_none()
    {
        return Err(OpError::invalid("corrects", format!("{} {c}", say::NO_LOG_ENTRY.get(lang))));
    }
    if let Some(id) = input.incident_id
        && store.incident(id)?.is_none()
    {
        return Err(OpError::invalid("incident", format!("{} {id}", say::NO_INCIDENT.get(lang))));
    }
    let mut data = serde_json::Map::new();
    let mut body = input.text.trim().to_string();
    match input.kind {
        LogKind::Instruction => {
            let from = input.from_leader.as_deref().map(str::trim).unwrap_or_default();
            if from.is_empty() {
                return Err(OpError::invalid("from", say::LEADER_WHO_GAVE_INSTRUCTION_REQUIRED.get(lang)));
            }
            data.insert("from".into(), from.into());
        }
        LogKind::Feedback => {
            let Some(ans) = input.answers else {
                return Err(OpError::invalid("answers", say::ID_INSTRUCTION_ANSWERED_REQUIRED.get(lang)));
            };
            match store.log_entry(ans)? {
                Some(e) if e.entry.kind == LogKind::Instruction => {}
                Some(_) => {
                    return Err(OpError::invalid("answers", format!("{ans} {}", shared::NOT_AN_INSTRUCTION.get(lang))));
                }
                None => {
                    return Err(OpError::invalid("answers", format!("{} {ans}", say::NO_LOG_ENTRY.get(lang))));
                }
            }
            data.insert("answers".into(), ans.into());
        }
        LogKind::SpotCheck => {
            let Some(spot) = &input.spot else {
                return Err(OpError::invalid("unit", say::SPOT_CHECK_NEEDS_UNIT_AND.get(lang)));
            };
            if spot.unit.trim().is_empty() {
                return Err(OpError::invalid("unit", say::CHECKING_OR_CHECKED_UNIT_REQUIRED.get(lang)));
            }
            // The line is the check's event when the officer typed no text: stored in Chinese, the
            // record's language, and shown in each reader's; a typed text is kept as typed.
            let event = body.is_empty().then(|| LogEvent::SpotCheck(spot.clone()));
            if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(spot) {
                data.extend(m);
            }
            if let Some(ev) = event {
                body = crate::text::log_events::render(&ev, Lang::Zh);
                if let serde_json::Value::Object(m) = ev.to_data() {
                    data.extend(m);
                }
            }
        }
        LogKind::Equipment => {
            if input.devices.is_empty() {
                return Err(OpError::invalid("phone", say::GIVE_STATE_AT_LEAST_ONE.get(lang)));
            }
            for d in &input.devices {
                if !DEVICES.contains(&d.device.as_str()) {
                    return Err(OpError::invalid("device", format!("`{}`: phone, fax, network, radio", d.device)));
                }
            }
            // The devices' states and the typed text as the check's event: stored in Chinese, shown in
            // each reader's language.
            let event = LogEvent::EquipmentCheck { devices: input.devices.clone(), text: body.clone() };
            body = crate::text::log_events::render(&event, Lang::Zh);
            if let serde_json::Value::Object(m) = event.to_data() {
                data.extend(m);
            }
        }
        _ => {}
    }
    if body.is_empty() {
        return Err(OpError::invalid("text", say::TEXT_EMPTY.get(lang)));
    }
    let author = match input.author.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => a.to_string(),
        None => officer_at(store, at)?.unwrap_or_else(|| ctx.actor.to_string()),
    };
    let entry = NewLogEntry {
        at,
        author: author.clone(),
        kind: input.kind,
        incident_id: input.incident_id,
        body,
        corrects: input.corrects,
        data: if data.is_empty() { None } else { Some(serde_json::Value::Object(data)) },
    };
    let now = ctx.now;
    let devices = input.devices.clone();
    let id = store.write(|tx| {
        let id = slog::append(tx, &entry, now)?;
        for d in &devices {
            seq::insert(tx, &d.device, d.ok, d.note.trim(), at, &author, Some(id), now)?;
        }
        Ok(id)
    })?;
    Ok(id)
}

/// Open leader instructions at `at` (no feedback yet), oldest first.
pub fn open_instructions(store: &Store, at: DateTime<Utc>) -> OpResult<Vec<LogRow>> {
    Ok(store.open_instructions(at)?)
}

/// One unanswered leader instruction (批示) as a feedback form offers it: its id, when it was given,
/// by whom, and the first line of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenInstruction {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub from: String,
    pub first_line: String,
}

/// Every leader instruction still unanswered at `at`, newest first, from the whole log (not only the
/// page a screen has loaded): what the feedback form picks from (issue 17).
pub fn open_instruction_picks(store: &Store, at: DateTime<Utc>) -> OpResult<Vec<OpenInstruction>> {
    let mut rows = store.open_instructions(at)?;
    rows.reverse();
    Ok(rows
        .into_iter()
        .map(|r| OpenInstruction {
            id: r.entry.id,
            at: r.entry.at,
            from: r.data.as_ref().and_then(|d| d.get("from")).and_then(|v| v.as_str()).unwrap_or_default().to_string(),
            first_line: r.entry.body.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string(),
        })
        .collect())
}

/// Why a `--device-note` value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceNoteError {
    /// No `=` in it.
    #[error("`{0}` is not DEVICE=NOTE (devices: {devices})", devices = DEVICES.join(", "))]
    NotDeviceNote(String),
    /// The device is neither a code nor a Chinese device name.
    #[error("`{0}` is not a device (devices: {devices})", devices = DEVICES.join(", "))]
    UnknownDevice(String),
}

/// Reads one per-device note as typed on the command line: `DEVICE=NOTE`, the device by its code
/// (`fax`) or its Chinese name (`传真`). An unknown device names the devices there are.
pub fn parse_device_note(s: &str) -> Result<(&'static str, String), DeviceNoteError> {
    let Some((device, note)) = s.split_once('=') else {
        return Err(DeviceNoteError::NotDeviceNote(s.to_string()));
    };
    let device = device.trim();
    let code = DEVICES
        .iter()
        .find(|d| **d == device || device_label(d, Lang::Zh) == device)
        .ok_or_else(|| DeviceNoteError::UnknownDevice(device.to_string()))?;
    Ok((*code, note.trim().to_string()))
}
