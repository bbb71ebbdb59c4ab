//! The nouns of the watch room. Each coded enum has a stable machine code (stored in SQLite, used on
//! the CLI) and the Chinese label a person may type for it; what people read is in the text
//! catalogue (`text::codes`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// User-facing language. zh-CN is the default for this product's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the language from `--lang`, else the environment's `LANG` (zh when it starts with zh).
    pub fn from_env_lang(lang_env: Option<&str>) -> Lang {
        match lang_env {
            Some(l) if l.starts_with("en") => Lang::En,
            Some(l) if l.starts_with("zh") => Lang::Zh,
            Some("C") | Some("POSIX") | Some("C.UTF-8") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Chooses between the Chinese and English form of a text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Error for a code that is not one of an enum's valid values. The message lists the valid ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`; valid: {valid}")]
pub struct UnknownCode {
    pub what: &'static str,
    pub given: String,
    pub valid: String,
}

/// What every coded enum offers generically: its values and their stable codes (the command line
/// lists the values of a flag from here, so `--help` and the parser agree with the domain).
pub trait Coded: Copy + Send + Sync + 'static + std::str::FromStr<Err = UnknownCode> {
    fn values() -> &'static [Self];
    fn code_of(self) -> &'static str;
}

/// Declares a coded enum: stable code, the Chinese label accepted as input (the catalogue shows the
/// same words; its test reads each one back), `ALL`, `FromStr`, serde as the code.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal, $zh:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable machine code, as stored and as typed on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Comma-separated list of the valid codes, for error messages.
            pub fn valid_codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($code) || t == $zh { return Ok($name::$variant); })+
                Err(UnknownCode { what: $what, given: s.to_string(), valid: Self::valid_codes() })
            }
        }

        impl $crate::types::Coded for $name {
            fn values() -> &'static [Self] {
                Self::ALL
            }
            fn code_of(self) -> &'static str {
                self.code()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

coded_enum!(
    /// The role a person takes on a shift (docs/rules.md, Roster rules).
    Role, "role" {
        Officer => "officer", "值班员";
        Leader => "leader", "带班领导";
        Standby => "standby", "备班";
    }
);

coded_enum!(
    /// The four kinds of emergency of the national framework.
    Category, "category" {
        Natural => "natural", "自然灾害";
        Accident => "accident", "事故灾难";
        Health => "health", "公共卫生";
        Social => "social", "社会安全";
    }
);

coded_enum!(
    /// Event grade Ⅰ (特别重大) to Ⅳ (一般), or not yet known.
    Grade, "grade" {
        I => "I", "Ⅰ";
        II => "II", "Ⅱ";
        III => "III", "Ⅲ";
        IV => "IV", "Ⅳ";
        Unknown => "unknown", "未定";
    }
);

coded_enum!(
    /// How the information reached the watch room.
    Source, "source" {
        Phone => "phone", "电话";
        Fax => "fax", "传真";
        Hotline => "hotline", "热线";
        Grid => "grid", "网格员";
        Upper => "upper", "上级通报";
        Media => "media", "媒体";
        Other => "other", "其他";
    }
);

coded_enum!(
    /// How a report or escalation was sent.
    Channel, "channel" {
        Phone => "phone", "电话";
        Fax => "fax", "传真";
        System => "system", "系统";
        Other => "other", "其他";
    }
);

coded_enum!(
    /// Entries of the report chain 首报 → 续报 → 终报.
    ReportKind, "report kind" {
        FirstPhone => "first-phone", "电话首报";
        FirstWritten => "first-written", "书面首报";
        National => "national", "报国务院";
        Followup => "followup", "续报";
        Final => "final", "终报";
    }
);

coded_enum!(
    /// Administrative levels, own leader first, then upwards (docs/rules.md, Administrative levels).
    Level, "level" {
        Leader => "leader", "本级领导";
        Village => "village", "村(社区)";
        Township => "township", "乡镇(街道)";
        County => "county", "县值班室";
        City => "city", "市值班室";
        Province => "province", "省值班室";
        National => "national", "国务院总值班室";
    }
);

coded_enum!(
    /// Status of an incident record.
    IncidentStatus, "status" {
        Open => "open", "在办";
        Ended => "ended", "处置结束";
        Closed => "closed", "已办结";
    }
);

coded_enum!(
    /// Kinds of duty-log entry (docs/rules.md PR-14, PR-15).
    LogKind, "log kind" {
        CallIn => "call-in", "来电";
        CallOut => "call-out", "去电";
        Instruction => "instruction", "领导批示";
        Feedback => "feedback", "批示反馈";
        SpotCheck => "spot-check", "抽查";
        Equipment => "equipment", "设备检查";
        Note => "note", "记事";
        System => "system", "系统";
    }
);

/// A person who may stand duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub department: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

/// One assignment of a person to a role for a span of time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub role: Role,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Set when this assignment replaced an earlier one (a swap or cover).
    pub replaces: Option<i64>,
    pub swap_reason: Option<String>,
}

impl Shift {
    /// True when the shift covers `t` (start inclusive, end exclusive).
    pub fn covers(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }
}

/// An incident record (信息接报).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub version: i64,
    pub title: String,
    pub category: Category,
    pub grade: Grade,
    pub occurred_at: DateTime<Utc>,
    pub learned_at: DateTime<Utc>,
    pub place: String,
    pub source: Source,
    pub caller_unit: String,
    pub caller_name: String,
    pub caller_title: String,
    pub caller_phone: String,
    pub informed: String,
    pub dead: u32,
    pub injured: u32,
    pub missing: u32,
    pub trapped: u32,
    /// 获救: people rescued so far (issue 15; 0 on records from before).
    pub rescued: u32,
    /// 转移安置: people evacuated so far.
    pub evacuated: u32,
    pub summary: String,
    pub measures: String,
    pub needs: String,
    pub cause: String,
    /// 处置进展: the latest progress of handling, as last updated.
    pub progress: String,
    pub status: IncidentStatus,
    pub ended_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Something owed for an incident, with its deadline. Never deleted: it ends done (`done_at`) or through an
/// [`ObligationEnd`] (missed, waived, superseded), each with who, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    pub id: i64,
    pub incident_id: i64,
    /// What is owed: a report, an escalation step, a tracking item, a readiness timer …
    pub kind: super::obligation_kind::ObligationKind,
    /// The moment the duty came to exist (for a 续报 slot: the moment the slot begins). Never after `due_at`.
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// 迟报: set once the obligation is overdue and never cleared.
    pub late: bool,
    /// How it ended without the act it names, if it did.
    pub end: Option<ObligationEnd>,
    /// A tracking item: what the chain above owes (a relayed level), never this unit's 迟报 or 漏报.
    pub tracking: bool,
    /// For a confirmed tracking item: who said the chain reached that level.
    pub confirmed_by: Option<String>,
}

impl Obligation {
    /// Still owed: neither done nor ended.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.end.is_none()
    }
}

/// How a duty ended without being done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum EndState {
    /// 漏报: never sent, and the record closed over it.
    Missed,
    /// Declared not needed by a leader, with a reason.
    Waived,
    /// No longer owed after a regrade or the end of handling.
    Superseded,
}

impl EndState {
    pub const ALL: &'static [EndState] = &[EndState::Missed, EndState::Waived, EndState::Superseded];

    pub fn code(self) -> &'static str {
        match self {
            EndState::Missed => "missed",
            EndState::Waived => "waived",
            EndState::Superseded => "superseded",
        }
    }

    pub fn parse(code: &str) -> Option<EndState> {
        EndState::ALL.iter().copied().find(|e| e.code() == code)
    }
}

/// The end of a duty that was not done: which way, why, who, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationEnd {
    pub state: EndState,
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One entry of an incident's report chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: i64,
    pub incident_id: i64,
    pub kind: ReportKind,
    /// 续报 number (1 for 续报一 …); 0 for other kinds.
    pub seq: u32,
    pub sent_at: DateTime<Utc>,
    pub recipient: String,
    pub channel: Channel,
    pub signer: String,
    pub doc_no: String,
    pub sent_by: String,
    /// The facts this report carried when it was recorded (None for reports recorded before facts were
    /// kept, issue 15).
    pub facts: Option<super::facts::Facts>,
    /// For a written report (书面首报, 终报): the codes of the elements it was sent without (要素不全).
    pub missing_elements: Option<Vec<String>>,
    /// The 信息专报 issue number (〔year〕N期), given when a report sent by written means is recorded
    /// (issue 19); None for phone reports and reports recorded before numbers were kept.
    #[serde(default)]
    pub issue: Option<IssueNo>,
}

/// A written report's issue number: 〔2026〕7期, counted per unit (database) and per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueNo {
    pub year: i32,
    pub no: u32,
}

/// One step up the chain: who was told, how, and whether they confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub id: i64,
    pub incident_id: i64,
    pub level: Level,
    pub recipient: String,
    pub channel: Channel,
    pub sent_at: DateTime<Utc>,
    pub sent_by: String,
    pub acked_at: Option<DateTime<Utc>>,
    pub acked_by: Option<String>,
    pub skip_level: bool,
    pub reason: String,
}

/// One line of the append-only duty log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub author: String,
    pub kind: LogKind,
    pub incident_id: Option<i64>,
    pub body: String,
    /// The entry this one corrects, if it is a correction.
    pub corrects: Option<i64>,
    /// What a line dutywatch wrote itself says, as data (`data.event`), rendered in the reader's
    /// language; None for a line typed by an officer or written before events were stored.
    #[serde(skip)]
    pub event: Option<crate::log_event::LogEvent>,
}

/// A shift handover sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub id: i64,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub outgoing: String,
    pub incoming: String,
    pub leader: String,
    pub remarks: String,
    pub outgoing_signed_at: Option<DateTime<Utc>>,
    pub incoming_signed_at: Option<DateTime<Utc>>,
}

impl Handover {
    /// A sheet signed by both officers is locked: edits are refused, addenda allowed.
    pub fn locked(&self) -> bool {
        self.outgoing_signed_at.is_some() && self.incoming_signed_at.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_errors_list_valid_values() {
        for g in Grade::ALL {
            assert_eq!(g.code().parse::<Grade>(), Ok(*g));
        }
        assert_eq!("Ⅱ".parse::<Grade>(), Ok(Grade::II));
        let err = "V".parse::<Grade>().expect_err("V is not a grade");
        assert!(err.to_string().contains("I, II, III, IV, unknown"), "{err}");
        assert_eq!("自然灾害".parse::<Category>(), Ok(Category::Natural));
    }

    #[test]
    fn lang_from_env() {
        assert_eq!(Lang::from_env_lang(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_env_lang(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_env_lang(None), Lang::Zh);
    }
}
