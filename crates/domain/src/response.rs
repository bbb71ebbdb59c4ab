//! Warning and response levels (预警级别, 响应级别; docs/rules.md PR-06, PR-23), their readiness timers
//! and the 总结评估 duty, and the 谎报 / 瞒报 findings (PR-16). Pure: `ops` applies the results.
//!
//! A level is Ⅳ blue, Ⅲ yellow, Ⅱ orange or Ⅰ red; "none" is the absence of a level. Readiness timers are
//! duties on the incident's ledger (kind `ready-<item>`), counted from the decision that activated or
//! raised the level; a raise adds the new level's timers that are not already standing, a lowering
//! supersedes open timers the new level does not require, an end supersedes every open one and adds the
//! 总结评估 duty (kind `summary-eval`).

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::deadlines::PlannedObligation;
use super::obligation_kind::ObligationKind;
use super::rules::RulesError;
use super::types::{EndState, Obligation, UnknownCode};

coded_enum!(
    /// A warning or response level: Ⅰ (red, the highest) to Ⅳ (blue).
    RespLevel, "level" {
        I => "I", "Ⅰ级";
        II => "II", "Ⅱ级";
        III => "III", "Ⅲ级";
        IV => "IV", "Ⅳ级";
    }
);

impl RespLevel {
    /// The colour that names the level (Ⅳ 蓝 blue, Ⅲ 黄 yellow, Ⅱ 橙 orange, Ⅰ 红 red).
    pub fn colour(self) -> LevelColour {
        match self {
            RespLevel::I => LevelColour::Red,
            RespLevel::II => LevelColour::Orange,
            RespLevel::III => LevelColour::Yellow,
            RespLevel::IV => LevelColour::Blue,
        }
    }

    /// Severity rank: Ⅳ = 1 … Ⅰ = 4 (none = 0).
    pub fn rank(self) -> u8 {
        match self {
            RespLevel::I => 4,
            RespLevel::II => 3,
            RespLevel::III => 2,
            RespLevel::IV => 1,
        }
    }

    /// Parses a level as typed: I–IV, Ⅰ–Ⅳ, 1–4 or a colour (red, orange, yellow, blue, 红, 橙, 黄, 蓝).
    pub fn parse_any(s: &str) -> Result<RespLevel, UnknownCode> {
        let t = s.trim();
        let by_alias = match t.to_ascii_lowercase().as_str() {
            "1" | "red" | "红" | "红色" | "ⅰ" => Some(RespLevel::I),
            "2" | "orange" | "橙" | "橙色" => Some(RespLevel::II),
            "3" | "yellow" | "黄" | "黄色" => Some(RespLevel::III),
            "4" | "blue" | "蓝" | "蓝色" => Some(RespLevel::IV),
            _ => None,
        };
        if let Some(l) = by_alias {
            return Ok(l);
        }
        match t {
            "Ⅰ" => return Ok(RespLevel::I),
            "Ⅱ" => return Ok(RespLevel::II),
            "Ⅲ" => return Ok(RespLevel::III),
            "Ⅳ" => return Ok(RespLevel::IV),
            _ => {}
        }
        t.parse::<RespLevel>().map_err(|_| UnknownCode {
            what: "level",
            given: s.to_string(),
            valid: "I, II, III, IV (Ⅰ–Ⅳ, or red, orange, yellow, blue)".into(),
        })
    }
}

/// The colour of a level, as the board paints it (the level's numeral is always shown beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelColour {
    Blue,
    Yellow,
    Orange,
    Red,
}

impl LevelColour {
    pub fn code(self) -> &'static str {
        match self {
            LevelColour::Blue => "blue",
            LevelColour::Yellow => "yellow",
            LevelColour::Orange => "orange",
            LevelColour::Red => "red",
        }
    }
}

coded_enum!(
    /// Which of an incident's two levels a change concerns.
    LevelWhich, "which" {
        Warning => "warning", "预警级别";
        Response => "response", "响应级别";
    }
);

coded_enum!(
    /// A finding from review (PR-16): 谎报 (a false report) or 瞒报 (a concealed one).
    FindingKind, "kind" {
        False => "false", "谎报";
        Concealed => "concealed", "瞒报";
    }
);

/// One change of a level: old → new (None = no level), why, who, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelChange {
    pub id: i64,
    pub incident_id: i64,
    pub which: LevelWhich,
    pub old: Option<RespLevel>,
    pub new: Option<RespLevel>,
    /// The trigger reason; for an end, the end conditions.
    pub reason: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub id: i64,
    pub incident_id: i64,
    pub kind: FindingKind,
    pub text: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// The level in force after these changes (in order), if any.
pub fn current(changes: &[LevelChange], which: LevelWhich) -> Option<RespLevel> {
    changes.iter().rfind(|c| c.which == which).and_then(|c| c.new)
}

/// `[response]` in rules.toml: the readiness timers per level and the 总结评估 span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseRules {
    /// The 总结评估 is due this many days after the response ends.
    #[serde(default = "default_summary_days")]
    pub summary_within_days: i64,
    #[serde(default)]
    pub readiness: Vec<ReadinessRule>,
}

fn default_summary_days() -> i64 {
    7
}

impl Default for ResponseRules {
    fn default() -> Self {
        ResponseRules { summary_within_days: default_summary_days(), readiness: Vec::new() }
    }
}

/// `[[response.readiness]]`: an item to be ready within a time of the level's activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessRule {
    /// Short code, typed as `incident ready ID --item ITEM`.
    pub item: String,
    /// The response levels that start this timer.
    pub levels: Vec<RespLevel>,
    pub within_minutes: i64,
    pub label_zh: String,
    pub label_en: String,
}

impl ReadinessRule {
    pub fn kind(&self) -> ObligationKind {
        ObligationKind::Ready(self.item.clone())
    }
}

impl ResponseRules {
    pub fn validate(&self) -> Result<(), RulesError> {
        let err = |path: String, problem: &str| Err(RulesError { path, problem: problem.to_string() });
        if !(1..=366).contains(&self.summary_within_days) {
            return err("response.summary_within_days".into(), "must be 1 to 366 days");
        }
        let mut seen = BTreeSet::new();
        for (i, r) in self.readiness.iter().enumerate() {
            let at = |k: &str| format!("response.readiness[{i}].{k}");
            let ok = !r.item.is_empty() && r.item.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                return err(at("item"), "must be a code of letters, digits and '-'");
            }
            if !seen.insert(r.item.clone()) {
                return err(at("item"), "is listed twice");
            }
            if r.levels.is_empty() {
                return err(at("levels"), "must list at least one level (I–IV)");
            }
            if !(1..=366 * 24 * 60).contains(&r.within_minutes) {
                return err(at("within_minutes"), "must be 1 minute to one year");
            }
            if r.label_zh.trim().is_empty() || r.label_en.trim().is_empty() {
                return err(at("label_zh"), "label_zh and label_en are required");
            }
        }
        Ok(())
    }

    /// The rule of a readiness kind (`ready-<item>`).
    pub fn rule_of(&self, kind: &ObligationKind) -> Option<&ReadinessRule> {
        let item = kind.ready_item()?;
        self.readiness.iter().find(|r| r.item == item)
    }

    /// The readiness timers a level starts, counted from `at`.
    pub fn timers(&self, level: RespLevel, at: DateTime<Utc>) -> Vec<PlannedObligation> {
        self.readiness
            .iter()
            .filter(|r| r.levels.contains(&level))
            .map(|r| PlannedObligation {
                kind: r.kind(),
                anchor_at: at,
                due_at: at + Duration::minutes(r.within_minutes),
                tracking: false,
            })
            .collect()
    }

    pub fn summary_within(&self) -> Duration {
        Duration::days(self.summary_within_days.clamp(1, 366))
    }
}

/// What a response-level change does to the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseChanges {
    /// Open readiness timers no longer required: they end `superseded`.
    pub supersede: Vec<i64>,
    /// Timers (and on an end, the 总结评估) to add.
    pub add: Vec<PlannedObligation>,
}

/// Why a response change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseRefusal {
    /// `--end` with no response active.
    NotActive,
    /// The level asked is the one in force.
    Unchanged,
}

/// Reconciles the ledger with a response change from `old` to `new` (None = ended) decided at `at`:
/// - activation or a raise adds the new level's timers whose kind is not already standing (open, done,
///   waived or missed: a decision stands; a superseded one is owed afresh);
/// - a lowering supersedes the open timers the new level does not start;
/// - an end supersedes every open timer and adds the 总结评估, due `summary_within` after `at`.
pub fn respond(
    existing: &[Obligation],
    old: Option<RespLevel>,
    new: Option<RespLevel>,
    at: DateTime<Utc>,
    rules: &ResponseRules,
) -> Result<ResponseChanges, ResponseRefusal> {
    if old == new {
        return Err(if new.is_none() { ResponseRefusal::NotActive } else { ResponseRefusal::Unchanged });
    }
    let mut out = ResponseChanges::default();
    let open_timers = existing.iter().filter(|o| o.is_open() && o.kind.ready_item().is_some());
    match new {
        None => {
            out.supersede = open_timers.map(|o| o.id).collect();
            out.add.push(PlannedObligation {
                kind: ObligationKind::SummaryEval,
                anchor_at: at,
                due_at: at + rules.summary_within(),
                tracking: false,
            });
        }
        Some(level) => {
            let wanted = rules.timers(level, at);
            let kinds: BTreeSet<&ObligationKind> = wanted.iter().map(|p| &p.kind).collect();
            out.supersede = open_timers.filter(|o| !kinds.contains(&o.kind)).map(|o| o.id).collect();
            for p in wanted {
                let standing = existing
                    .iter()
                    .any(|o| o.kind == p.kind && o.end.as_ref().is_none_or(|e| e.state != EndState::Superseded));
                if !standing {
                    out.add.push(p);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ObligationEnd;
    use chrono::TimeZone;

    fn rules() -> ResponseRules {
        let text = include_str!("../../../data/rules.toml");
        crate::rules::Rules::parse(text).map(|r| r.response).unwrap_or_else(|e| panic!("{e}"))
    }

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 20, h, m, 0).single().expect("valid")
    }

    fn ob(id: i64, kind: &str, due: DateTime<Utc>) -> Obligation {
        Obligation {
            id,
            incident_id: 1,
            kind: kind.parse().expect("a kind"),
            anchor_at: t(0, 0),
            due_at: due,
            done_at: None,
            late: false,
            end: None,
            tracking: false,
            confirmed_by: None,
        }
    }

    #[test]
    fn levels_parse_in_every_spelling_and_carry_their_colour() {
        for (s, l) in [("III", RespLevel::III), ("Ⅲ", RespLevel::III), ("yellow", RespLevel::III), ("1", RespLevel::I)]
        {
            assert_eq!(RespLevel::parse_any(s), Ok(l), "{s}");
        }
        assert!(RespLevel::parse_any("V").is_err());
        assert!(RespLevel::parse_any("none").is_err());
        assert_eq!(RespLevel::IV.colour(), LevelColour::Blue);
        assert_eq!(RespLevel::I.colour(), LevelColour::Red);
    }

    #[test]
    fn activation_starts_the_levels_timers_from_the_decision() {
        let r = rules();
        let ch = respond(&[], None, Some(RespLevel::III), t(2, 0), &r).expect("activates");
        assert!(!ch.add.is_empty());
        assert!(ch.add.iter().all(|p| p.anchor_at == t(2, 0) && p.due_at > t(2, 0)));
        assert!(ch.supersede.is_empty());
    }

    #[test]
    fn a_lowering_supersedes_what_the_new_level_does_not_start_and_an_end_adds_the_summary() {
        let r = rules();
        let mut all: Vec<Obligation> = Vec::new();
        for (i, p) in r.timers(RespLevel::I, t(1, 0)).iter().enumerate() {
            all.push(ob(i as i64 + 1, &p.kind.code(), p.due_at));
        }
        let low = r.timers(RespLevel::IV, t(2, 0));
        let ch = respond(&all, Some(RespLevel::I), Some(RespLevel::IV), t(2, 0), &r).expect("lowers");
        for id in &ch.supersede {
            let o = all.iter().find(|o| o.id == *id).expect("exists");
            assert!(!low.iter().any(|p| p.kind == o.kind));
        }
        assert!(ch.add.is_empty(), "what IV needs was already standing");
        let ch = respond(&all, Some(RespLevel::IV), None, t(3, 0), &r).expect("ends");
        assert_eq!(ch.supersede.len(), all.len());
        assert_eq!(ch.add.len(), 1);
        assert_eq!(ch.add[0].kind, ObligationKind::SummaryEval);
        assert_eq!(ch.add[0].due_at, t(3, 0) + Duration::days(7));
        // A timer done, waived or missed stands; a superseded one is owed afresh on a raise.
        all[0].end =
            Some(ObligationEnd { state: EndState::Superseded, reason: "x".into(), by: "x".into(), at: t(2, 0) });
        let ch = respond(&all, Some(RespLevel::IV), Some(RespLevel::I), t(4, 0), &r).expect("raises");
        assert!(ch.add.iter().any(|p| p.kind == all[0].kind));
    }

    #[test]
    fn ending_what_is_not_active_is_refused() {
        let r = rules();
        assert_eq!(respond(&[], None, None, t(1, 0), &r), Err(ResponseRefusal::NotActive));
        assert_eq!(
            respond(&[], Some(RespLevel::II), Some(RespLevel::II), t(1, 0), &r),
            Err(ResponseRefusal::Unchanged)
        );
    }
}
