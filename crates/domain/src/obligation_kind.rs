//! What an obligation owes, typed (issue 13). The codes are a contract: they are stored in the
//! `obligation.kind` column, written in JSON and typed on the command line, so each variant keeps the
//! exact code the strings had before. Readiness items (`ready-ITEM`) are named by the profile and keep
//! their item as text.
//!
//! Ordering compares the codes, not the declaration order: every list "sorted by due time, then kind"
//! was sorted by the code string, and a derived order would reshuffle boards, sheets and exports.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::types::{Level, ReportKind, UnknownCode};

/// Prefix of a readiness timer's kind, `ready-<item>`.
const READY_PREFIX: &str = "ready-";
/// Prefix of a routine duty read as a ledger item, `duty:<name>`.
const DUTY_PREFIX: &str = "duty:";

/// The kind of an obligation on the ledger, or of a task or routine duty read as one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ObligationKind {
    /// `first-phone`: the phone 首报.
    FirstPhone,
    /// `first-written`: the written 首报.
    FirstWritten,
    /// `national`: the report to the State Council (报国务院).
    National,
    /// `direct-province`: the direct report to the province some profiles require (henan).
    DirectProvince,
    /// `notify-leader`: tell the own leader.
    NotifyLeader,
    /// `notify-upper`: tell the next upper duty room.
    NotifyUpper,
    /// `report-regulator`: the report to the sector regulator.
    ReportRegulator,
    /// `followup`: a 续报 slot.
    Followup,
    /// `final`: the 终报.
    Final,
    /// `notify-leader-after-skip`: the blocking call to the own leader after a skip-level report (PR-10).
    LeaderAfterSkip,
    /// `reach-<level>`: tracking that the chain reached a level above the next.
    Reach(Level),
    /// `summary-eval`: the 总结评估 owed after a response ends.
    SummaryEval,
    /// `ready-<item>`: a readiness timer; the item is named by the profile.
    Ready(String),
    /// `task`: a 督办 task read as a ledger item (never stored in the obligation table).
    Task,
    /// `duty:<name>`: a routine duty read as a ledger item (never stored in the obligation table).
    Duty(String),
}

impl ObligationKind {
    /// The kinds a `[[deadline]]` rule may name, in the order the rules file's error lists them.
    pub const DEADLINE: &'static [ObligationKind] = &[
        ObligationKind::FirstPhone,
        ObligationKind::FirstWritten,
        ObligationKind::National,
        ObligationKind::DirectProvince,
        ObligationKind::NotifyLeader,
        ObligationKind::NotifyUpper,
        ObligationKind::ReportRegulator,
    ];

    /// The levels a tracking kind can name: every unit level (the own leader is never tracked, it is
    /// owed), so `reach-leader` is not a kind.
    pub const TRACKED_LEVELS: &'static [Level] =
        &[Level::Village, Level::Township, Level::County, Level::City, Level::Province, Level::National];

    /// The code of a kind whose code is fixed (everything but a readiness item and a duty).
    pub fn fixed_code(&self) -> Option<&'static str> {
        use ObligationKind as K;
        Some(match self {
            K::FirstPhone => "first-phone",
            K::FirstWritten => "first-written",
            K::National => "national",
            K::DirectProvince => "direct-province",
            K::NotifyLeader => "notify-leader",
            K::NotifyUpper => "notify-upper",
            K::ReportRegulator => "report-regulator",
            K::Followup => "followup",
            K::Final => "final",
            K::LeaderAfterSkip => "notify-leader-after-skip",
            K::Reach(level) => match level {
                Level::Leader => "reach-leader",
                Level::Village => "reach-village",
                Level::Township => "reach-township",
                Level::County => "reach-county",
                Level::City => "reach-city",
                Level::Province => "reach-province",
                Level::National => "reach-national",
            },
            K::SummaryEval => "summary-eval",
            K::Task => "task",
            K::Ready(_) | K::Duty(_) => return None,
        })
    }

    /// The stable code, as stored, serialized and typed.
    pub fn code(&self) -> Cow<'static, str> {
        match self {
            ObligationKind::Ready(item) => Cow::Owned(format!("{READY_PREFIX}{item}")),
            ObligationKind::Duty(name) => Cow::Owned(format!("{DUTY_PREFIX}{name}")),
            fixed => Cow::Borrowed(fixed.fixed_code().unwrap_or_default()),
        }
    }

    /// Every kind of the ledger with a fixed code (the deadline rules' kinds, the follow-ups and the
    /// final report, the escalation item after a skip, one tracking kind per level, the summary
    /// evaluation), so the command line can list them; a readiness item's kind is named by the profile.
    pub fn fixed() -> Vec<ObligationKind> {
        let mut kinds = Self::DEADLINE.to_vec();
        kinds.extend([ObligationKind::Followup, ObligationKind::Final, ObligationKind::LeaderAfterSkip]);
        kinds.extend(Self::TRACKED_LEVELS.iter().map(|l| ObligationKind::Reach(*l)));
        kinds.push(ObligationKind::SummaryEval);
        kinds
    }

    /// The codes of [`ObligationKind::fixed`].
    pub fn fixed_codes() -> Vec<&'static str> {
        Self::fixed().iter().filter_map(ObligationKind::fixed_code).collect()
    }

    /// Whether this kind is one of an incident's ledger (not a task or a routine duty read as one).
    pub fn is_ledger(&self) -> bool {
        !matches!(self, ObligationKind::Task | ObligationKind::Duty(_))
    }

    /// Whether this kind may be named by a `[[deadline]]` rule.
    pub fn is_deadline(&self) -> bool {
        Self::DEADLINE.contains(self)
    }

    /// Part of the first report (首报); the first follow-up is placed after the latest of them.
    pub fn is_first_report(&self) -> bool {
        matches!(self, ObligationKind::FirstPhone | ObligationKind::FirstWritten)
    }

    /// The level a tracking kind names (`reach-city` → city).
    pub fn tracking_level(&self) -> Option<Level> {
        match self {
            ObligationKind::Reach(level) => Some(*level),
            _ => None,
        }
    }

    /// The report this kind is owed as, for the kinds that are reports of the chain (首报, 报国务院, 续报,
    /// 终报).
    pub fn report_kind(&self) -> Option<ReportKind> {
        Some(match self {
            ObligationKind::FirstPhone => ReportKind::FirstPhone,
            ObligationKind::FirstWritten => ReportKind::FirstWritten,
            ObligationKind::National => ReportKind::National,
            ObligationKind::Followup => ReportKind::Followup,
            ObligationKind::Final => ReportKind::Final,
            _ => return None,
        })
    }

    /// The item of a readiness kind (`ready-hotline` → `hotline`).
    pub fn ready_item(&self) -> Option<&str> {
        match self {
            ObligationKind::Ready(item) => Some(item),
            _ => None,
        }
    }
}

/// Every kind with a fixed code that a code can name ([`ObligationKind::fixed`] and the task).
const FIXED: &[ObligationKind] = &[
    ObligationKind::FirstPhone,
    ObligationKind::FirstWritten,
    ObligationKind::National,
    ObligationKind::DirectProvince,
    ObligationKind::NotifyLeader,
    ObligationKind::NotifyUpper,
    ObligationKind::ReportRegulator,
    ObligationKind::Followup,
    ObligationKind::Final,
    ObligationKind::LeaderAfterSkip,
    ObligationKind::Reach(Level::Village),
    ObligationKind::Reach(Level::Township),
    ObligationKind::Reach(Level::County),
    ObligationKind::Reach(Level::City),
    ObligationKind::Reach(Level::Province),
    ObligationKind::Reach(Level::National),
    ObligationKind::SummaryEval,
    ObligationKind::Task,
];

impl From<ReportKind> for ObligationKind {
    /// The duty a report fulfils is owed under the report's own code.
    fn from(report: ReportKind) -> Self {
        match report {
            ReportKind::FirstPhone => ObligationKind::FirstPhone,
            ReportKind::FirstWritten => ObligationKind::FirstWritten,
            ReportKind::National => ObligationKind::National,
            ReportKind::Followup => ObligationKind::Followup,
            ReportKind::Final => ObligationKind::Final,
        }
    }
}

impl FromStr for ObligationKind {
    type Err = UnknownCode;

    /// Exactly a code: no trimming and no other case, as the codes are compared byte for byte in
    /// the store. A readiness item or a duty name must not be blank; `reach-leader` is not a kind.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // No allocation for a fixed code: statistics read every duty of a period.
        if let Some(kind) = FIXED.iter().find(|k| k.fixed_code() == Some(s)) {
            return Ok(kind.clone());
        }
        if let Some(item) = s.strip_prefix(READY_PREFIX).filter(|i| !i.trim().is_empty()) {
            return Ok(ObligationKind::Ready(item.to_string()));
        }
        if let Some(name) = s.strip_prefix(DUTY_PREFIX).filter(|n| !n.trim().is_empty()) {
            return Ok(ObligationKind::Duty(name.to_string()));
        }
        Err(UnknownCode {
            what: "obligation kind",
            given: s.to_string(),
            valid: format!("{}, {READY_PREFIX}ITEM", Self::fixed_codes().join(", ")),
        })
    }
}

impl fmt::Display for ObligationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl PartialOrd for ObligationKind {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ObligationKind {
    /// By code, as the strings were sorted (see the module doc).
    fn cmp(&self, other: &Self) -> Ordering {
        self.code().cmp(&other.code())
    }
}

impl Serialize for ObligationKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for ObligationKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<ObligationKind> {
        let mut all = ObligationKind::fixed();
        all.extend([
            ObligationKind::Ready("hotline".into()),
            ObligationKind::Ready("team-2".into()),
            ObligationKind::Task,
            ObligationKind::Duty("交班".into()),
        ]);
        all
    }

    #[test]
    fn every_code_reads_back_as_its_kind_in_text_and_json() {
        for kind in every_kind() {
            let code = kind.code();
            assert_eq!(code.parse::<ObligationKind>().as_ref(), Ok(&kind), "{code}");
            assert_eq!(kind.to_string(), code);
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<ObligationKind>(&json).expect("reads back"), kind);
        }
    }

    #[test]
    fn the_parsed_codes_are_the_fixed_kinds_and_the_task() {
        let mut want = ObligationKind::fixed();
        want.push(ObligationKind::Task);
        assert_eq!(FIXED, want.as_slice());
    }

    #[test]
    fn the_codes_are_the_ones_stored_before() {
        assert_eq!(
            ObligationKind::fixed_codes(),
            [
                "first-phone",
                "first-written",
                "national",
                "direct-province",
                "notify-leader",
                "notify-upper",
                "report-regulator",
                "followup",
                "final",
                "notify-leader-after-skip",
                "reach-village",
                "reach-township",
                "reach-county",
                "reach-city",
                "reach-province",
                "reach-national",
                "summary-eval",
            ]
        );
    }

    #[test]
    fn unknown_codes_are_refused_with_the_valid_ones() {
        for bad in ["", "finale", "reach-moon", "reach-leader", "ready-", "ready- ", "duty:", "Final", " final", "城市"]
        {
            let e = bad.parse::<ObligationKind>().expect_err(bad);
            assert_eq!(e.given, bad);
            assert!(
                e.to_string().starts_with(&format!("unknown obligation kind `{bad}`; valid: first-phone, ")),
                "{e}"
            );
            assert!(e.to_string().ends_with("summary-eval, ready-ITEM"), "{e}");
        }
    }

    #[test]
    fn the_order_is_the_order_of_the_codes() {
        let mut kinds = every_kind();
        kinds.sort();
        let codes: Vec<String> = kinds.iter().map(|k| k.code().into_owned()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        for a in every_kind() {
            for b in every_kind() {
                assert_eq!(a.cmp(&b), a.code().cmp(&b.code()), "{a} {b}");
            }
        }
    }

    #[test]
    fn only_reach_kinds_name_a_level_and_only_incident_kinds_are_on_the_ledger() {
        assert_eq!(ObligationKind::Reach(Level::City).tracking_level(), Some(Level::City));
        assert_eq!(ObligationKind::National.tracking_level(), None);
        assert!(!ObligationKind::Task.is_ledger() && !ObligationKind::Duty("x".into()).is_ledger());
        assert!(ObligationKind::Ready("x".into()).is_ledger());
    }

    #[test]
    fn a_report_kind_is_owed_under_its_own_code() {
        for kind in every_kind() {
            if let Some(report) = kind.report_kind() {
                assert_eq!(report.code(), kind.code());
                assert_eq!(ObligationKind::from(report), kind);
            }
        }
        assert_eq!(every_kind().iter().filter_map(ObligationKind::report_kind).count(), ReportKind::ALL.len());
    }
}
