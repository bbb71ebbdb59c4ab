//! The duty log (值班日志, docs/rules.md PR-14, PR-15, PR-24): entries of every kind, corrections, instruction
//! feedback and equipment checks. Shared by `dutywatch log` and the log screen.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{OpCtx, OpError, OpResult, not_future};
use crate::domain::{Lang, LogKind, Role};
use crate::store::Store;
use crate::store::equipment::{self as seq, DEVICES};
use crate::store::log::{self as slog, LogRow, NewLogEntry};

/// Whether a spot check was received from above or made on a unit below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Received,
    Made,
}

impl std::str::FromStr for Direction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "received" | "收到" => Ok(Direction::Received),
            "made" | "发起" => Ok(Direction::Made),
            other => Err(format!("`{other}` is not received or made")),
        }
    }
}

/// The fields of a spot check (抽查, docs/rules.md PR-15), stored as the entry's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpotCheck {
    pub direction: Direction,
    /// The checking unit (received) or the checked unit (made).
    pub unit: String,
    pub answered: bool,
    pub delay_seconds: u32,
    pub at_post: bool,
    pub forwarded: bool,
    pub findings: String,
}

/// One device's state as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceCheck {
    pub device: String,
    pub ok: bool,
    pub note: String,
}

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

pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b { lang.pick("是", "yes") } else { lang.pick("否", "no") }
}

/// Display name of a device code.
pub fn device_label(device: &str, lang: Lang) -> &'static str {
    match device {
        "phone" => lang.pick("电话", "phone"),
        "fax" => lang.pick("传真", "fax"),
        "network" => lang.pick("网络", "network"),
        "radio" => lang.pick("电台", "radio"),
        _ => lang.pick("设备", "device"),
    }
}

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
        return Err(OpError::invalid(
            "kind",
            lang.pick("系统条目由程序自动记录", "system entries are written by the program"),
        ));
    }
    if let Some(c) = input.corrects
        && store.log_entry(c)?.is_none()
    {
        return Err(OpError::invalid("corrects", format!("{} {c}", lang.pick("没有这条日志:", "no log entry"))));
    }
    if let Some(id) = input.incident_id
        && store.incident(id)?.is_none()
    {
        return Err(OpError::invalid("incident", format!("{} {id}", lang.pick("没有这个事件:", "no incident"))));
    }
    let mut data = serde_json::Map::new();
    let mut body = input.text.trim().to_string();
    match input.kind {
        LogKind::Instruction => {
            let from = input.from_leader.as_deref().map(str::trim).unwrap_or_default();
            if from.is_empty() {
                return Err(OpError::invalid(
                    "from",
                    lang.pick("请填写作出批示的领导", "the leader who gave the instruction is required"),
                ));
            }
            data.insert("from".into(), from.into());
        }
        LogKind::Feedback => {
            let Some(ans) = input.answers else {
                return Err(OpError::invalid(
                    "answers",
                    lang.pick("请填写所反馈的批示编号", "the id of the instruction answered is required"),
                ));
            };
            match store.log_entry(ans)? {
                Some(e) if e.entry.kind == LogKind::Instruction => {}
                Some(_) => {
                    return Err(OpError::invalid(
                        "answers",
                        format!("{ans} {}", lang.pick("不是领导批示", "is not a leader instruction")),
                    ));
                }
                None => {
                    return Err(OpError::invalid(
                        "answers",
                        format!("{} {ans}", lang.pick("没有这条日志:", "no log entry")),
                    ));
                }
            }
            data.insert("answers".into(), ans.into());
        }
        LogKind::SpotCheck => {
            let Some(spot) = &input.spot else {
                return Err(OpError::invalid(
                    "unit",
                    lang.pick("抽查需填写单位与结果", "a spot check needs the unit and the result"),
                ));
            };
            if spot.unit.trim().is_empty() {
                return Err(OpError::invalid(
                    "unit",
                    lang.pick("请填写抽查单位", "the checking or checked unit is required"),
                ));
            }
            if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(spot) {
                data.extend(m);
            }
            if body.is_empty() {
                body = format!(
                    "{} {} · {} {}{} · {} {} · {} {}{}",
                    match spot.direction {
                        Direction::Received => lang.pick("接受抽查", "check received from"),
                        Direction::Made => lang.pick("抽查", "check made on"),
                    },
                    spot.unit.trim(),
                    lang.pick("接听", "answered"),
                    yes_no(lang, spot.answered),
                    // An unanswered check has no delay: it is not "0 s" (issue 16).
                    if spot.answered {
                        format!(" · {} {}s", lang.pick("延时", "delay"), spot.delay_seconds)
                    } else {
                        String::new()
                    },
                    lang.pick("在岗", "at post"),
                    yes_no(lang, spot.at_post),
                    lang.pick("转接", "forwarded"),
                    yes_no(lang, spot.forwarded),
                    if spot.findings.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", spot.findings.trim())
                    }
                );
            }
        }
        LogKind::Equipment => {
            if input.devices.is_empty() {
                return Err(OpError::invalid(
                    "phone",
                    lang.pick("至少填写一项设备状态", "give the state of at least one device"),
                ));
            }
            for d in &input.devices {
                if !DEVICES.contains(&d.device.as_str()) {
                    return Err(OpError::invalid("device", format!("`{}`: phone, fax, network, radio", d.device)));
                }
            }
            data.insert("devices".into(), serde_json::to_value(&input.devices).unwrap_or_default());
            let states: Vec<String> = input
                .devices
                .iter()
                .map(|d| {
                    let mark = if d.ok { lang.pick("正常", "OK") } else { lang.pick("故障", "FAULT") };
                    let note = if d.note.trim().is_empty() { String::new() } else { format!("({})", d.note.trim()) };
                    format!("{} {mark}{note}", device_label(&d.device, lang))
                })
                .collect();
            let summary = states.join(" · ");
            body = if body.is_empty() { summary } else { format!("{summary} · {body}") };
        }
        _ => {}
    }
    if body.is_empty() {
        return Err(OpError::invalid("text", lang.pick("内容不能为空", "must not be empty")));
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
