//! The reporting-deadline rule table (报送时限), as data.
//!
//! Time limits are local (docs/rules.md, "Where the numbers come from"), so every number lives in a TOML
//! file under `data/` and can be swapped for the unit's own 报告范围与标准. This module only describes and
//! checks that file; the caller reads it from disk and formats errors, and [`super::deadlines`] turns it into
//! obligations.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveTime};
use serde::{Deserialize, Serialize};

use super::obligation_kind::ObligationKind;
use super::types::{Category, Grade, Level};

/// The words that refuse a kind a `[[deadline]]` rule may not name. Follow-ups and the final report
/// have their own sections (`[followup]`, `[final]`) because they are not counted from the incident's
/// first moments.
fn unknown_deadline_kind(given: &str) -> String {
    let valid: Vec<&str> = ObligationKind::DEADLINE.iter().filter_map(ObligationKind::fixed_code).collect();
    format!("unknown kind `{given}`; valid: {}", valid.join(", "))
}

/// Reads a `[[deadline]]` kind: any obligation kind (the rules check which ones a rule may name), or
/// the refusal [`Rules::validate`] gives, for a code that names no kind.
fn deadline_kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ObligationKind, D::Error> {
    let code = String::deserialize(d)?;
    code.parse().map_err(|_| serde::de::Error::custom(unknown_deadline_kind(&code)))
}

/// Upper bound for any configured span, so that a typo such as `within_minutes = 6000000000` is refused
/// instead of overflowing date arithmetic. One year is far beyond any real limit (the longest in docs/rules.md is the
/// 30-day 补报).
const MAX_MINUTES: i64 = 366 * 24 * 60;

/// Which moment a deadline is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// 接报时间: when the watch room learned of the event (docs/rules.md PR-07's default).
    #[default]
    Learned,
    /// 事发时间: when the event happened (some sector rules count from here).
    Occurred,
}

/// The whole rule table of one profile (national defaults, a province, a city …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Name of the rule set, shown on the board so the officer knows whose limits apply.
    pub profile: String,
    /// A pending obligation turns "due soon" this many minutes before its deadline.
    #[serde(default = "default_due_soon_minutes")]
    pub due_soon_minutes: i64,
    /// An incident whose grade is not yet known is planned as this grade until the grade is set, so that
    /// an unassessed call still gets deadlines (边核实边报告).
    #[serde(default = "default_unknown_grade_as")]
    pub unknown_grade_as: Grade,
    /// An escalation step not acknowledged within this many minutes nags.
    #[serde(default = "default_ack_timeout_minutes")]
    pub ack_timeout_minutes: i64,
    #[serde(default, rename = "deadline")]
    pub deadlines: Vec<DeadlineRule>,
    /// Absent: no scheduled follow-ups.
    #[serde(default)]
    pub followup: Option<FollowupRule>,
    #[serde(default, rename = "final")]
    pub final_report: FinalRule,
    /// `[response]`: readiness timers per response level and the 总结评估 span (issue 18).
    #[serde(default)]
    pub response: super::response::ResponseRules,
}

fn default_due_soon_minutes() -> i64 {
    10
}
fn default_unknown_grade_as() -> Grade {
    Grade::III
}
fn default_ack_timeout_minutes() -> i64 {
    15
}

/// One `[[deadline]]`: an obligation of `kind`, owed `within_minutes` after the anchor, for the listed grades
/// (and categories, when given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    /// One of [`ObligationKind::DEADLINE`]. Any other kind is refused by [`Rules::validate`]; a code
    /// that names no kind at all is refused while reading, with the same words.
    #[serde(deserialize_with = "deadline_kind")]
    pub kind: ObligationKind,
    pub grades: Vec<Grade>,
    /// Absent: every category. Present: only these — and then this rule wins over a general one of the same
    /// kind, so a category can have its own limit.
    #[serde(default)]
    pub categories: Option<Vec<Category>>,
    #[serde(default)]
    pub anchor: Anchor,
    /// The levels of reporting unit this rule binds (henan's direct report to the province binds
    /// counties and cities). Absent: every level.
    #[serde(default)]
    pub unit_levels: Option<Vec<Level>>,
    /// Required; must be > 0.
    pub within_minutes: i64,
    #[serde(default)]
    pub label_zh: Option<String>,
    #[serde(default)]
    pub label_en: Option<String>,
}

impl DeadlineRule {
    /// True when the rule applies to an incident of this (effective, known) grade and category.
    pub fn matches(&self, grade: Grade, category: Category) -> bool {
        self.grades.contains(&grade) && self.categories.as_ref().is_none_or(|cats| cats.contains(&category))
    }

    /// The span after the anchor; `None` only for a rule that failed [`Rules::validate`].
    pub fn within(&self) -> Option<Duration> {
        positive_minutes(self.within_minutes)
    }
}

/// Where the first follow-up slot is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FirstAfter {
    /// The first configured local time strictly after the latest first-report (首报) deadline. A 续报 follows
    /// the 首报 it continues, so a slot at or before that deadline would ask for a follow-up to a report
    /// that is not yet owed. When no first report is planned, falls back to `learned-plus-gap`.
    #[default]
    FirstReportDue,
    /// The first configured local time strictly after learned-at + `min_gap_minutes`.
    LearnedPlusGap,
}

/// `[followup]`: 续报 at fixed local times while handling is open (docs/rules.md, Follow-up and final reports: Henan,
/// "daily before 08:00 and 17:00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupRule {
    pub grades: Vec<Grade>,
    /// `HH:MM` in the unit's time zone.
    pub local_times: Vec<String>,
    #[serde(default)]
    pub first_after: FirstAfter,
    /// Used by `learned-plus-gap`, and as its fallback.
    #[serde(default = "default_min_gap_minutes")]
    pub min_gap_minutes: i64,
}

fn default_min_gap_minutes() -> i64 {
    60
}

impl FollowupRule {
    /// The configured slot times, sorted and without duplicates; unreadable entries (refused by
    /// [`Rules::validate`]) are skipped.
    pub fn slots(&self) -> Vec<NaiveTime> {
        let set: BTreeSet<NaiveTime> = self.local_times.iter().filter_map(|s| parse_slot(s)).collect();
        set.into_iter().collect()
    }

    pub fn min_gap(&self) -> Duration {
        Duration::try_minutes(self.min_gap_minutes.clamp(0, MAX_MINUTES)).unwrap_or_default()
    }
}

/// `[final]`: the 终报 is owed this long after handling ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalRule {
    #[serde(default = "default_final_within_hours")]
    pub within_hours: i64,
}

fn default_final_within_hours() -> i64 {
    24
}

impl Default for FinalRule {
    fn default() -> Self {
        FinalRule { within_hours: default_final_within_hours() }
    }
}

impl FinalRule {
    pub fn within(&self) -> Option<Duration> {
        self.within_hours.checked_mul(60).and_then(positive_minutes)
    }
}

/// A rule file that parsed but makes no sense. `path` is the key, e.g. `deadline[2].within_minutes`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct RulesError {
    pub path: String,
    pub problem: String,
}

/// Either failure of [`Rules::parse`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadRulesError {
    #[error("rules file is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("rules file is not valid: {0}")]
    Invalid(#[from] RulesError),
}

impl Rules {
    /// Parses a rules file. Unknown keys, a missing `within_minutes` and wrong types are refused here, with the
    /// line and key in the `toml` error. Call [`Rules::validate`] next (or use [`Rules::parse`]).
    pub fn from_toml_str(s: &str) -> Result<Rules, toml::de::Error> {
        toml::from_str(s)
    }

    /// Parses and validates in one go.
    pub fn parse(s: &str) -> Result<Rules, LoadRulesError> {
        let rules = Rules::from_toml_str(s)?;
        rules.validate()?;
        Ok(rules)
    }

    /// Checks what serde cannot: positive spans, known kinds, readable local times, and that no two rules can
    /// claim the same obligation for the same incident (which would make the deadline depend on file order).
    pub fn validate(&self) -> Result<(), RulesError> {
        let err = |path: String, problem: String| Err(RulesError { path, problem });
        if self.profile.trim().is_empty() {
            return err("profile".into(), "must not be empty".into());
        }
        check_minutes("due_soon_minutes", self.due_soon_minutes)?;
        check_minutes("ack_timeout_minutes", self.ack_timeout_minutes)?;
        if self.unknown_grade_as == Grade::Unknown {
            return err("unknown_grade_as".into(), "must be a real grade (I, II, III or IV)".into());
        }
        for (i, rule) in self.deadlines.iter().enumerate() {
            let at = |key: &str| format!("deadline[{i}].{key}");
            if !rule.kind.is_deadline() {
                let hint = if matches!(rule.kind, ObligationKind::Followup | ObligationKind::Final) {
                    format!("; `{}` is configured in its own [{}] section", rule.kind, rule.kind)
                } else {
                    String::new()
                };
                return err(at("kind"), format!("{}{hint}", unknown_deadline_kind(&rule.kind.code())));
            }
            check_grades(&at("grades"), &rule.grades)?;
            if rule.categories.as_ref().is_some_and(|c| c.is_empty()) {
                return err(at("categories"), "must not be empty (leave it out to mean every category)".into());
            }
            check_minutes(&at("within_minutes"), rule.within_minutes)?;
            for (j, earlier) in self.deadlines[..i].iter().enumerate() {
                if let Some(clash) = overlap(earlier, rule) {
                    return err(
                        format!("deadline[{i}]"),
                        format!(
                            "overlaps deadline[{j}]: both give `{}` for {clash}; narrow grades or categories",
                            rule.kind
                        ),
                    );
                }
            }
        }
        self.response.validate()?;
        if let Some(f) = &self.followup {
            check_grades("followup.grades", &f.grades)?;
            if f.local_times.is_empty() {
                return err(
                    "followup.local_times".into(),
                    "must list at least one HH:MM (leave out [followup] for none)".into(),
                );
            }
            let mut seen = BTreeSet::new();
            for (i, t) in f.local_times.iter().enumerate() {
                let path = format!("followup.local_times[{i}]");
                match parse_slot(t) {
                    None => return err(path, format!("`{t}` is not a time HH:MM (00:00–23:59)")),
                    Some(slot) if !seen.insert(slot) => {
                        return err(path, format!("`{t}` is listed twice"));
                    }
                    Some(_) => {}
                }
            }
            if !(0..=MAX_MINUTES).contains(&f.min_gap_minutes) {
                return err(
                    "followup.min_gap_minutes".into(),
                    format!("must be between 0 and {MAX_MINUTES}, got {}", f.min_gap_minutes),
                );
            }
        }
        if self.final_report.within().is_none() {
            return err(
                "final.within_hours".into(),
                format!("must be between 1 and {}, got {}", MAX_MINUTES / 60, self.final_report.within_hours),
            );
        }
        Ok(())
    }

    /// The grade deadlines are planned for: the incident's own, or `unknown_grade_as` while unknown.
    pub fn effective_grade(&self, grade: Grade) -> Grade {
        if grade == Grade::Unknown { self.unknown_grade_as } else { grade }
    }

    /// Span before a deadline at which an obligation shows as due soon.
    pub fn due_soon(&self) -> Duration {
        positive_minutes(self.due_soon_minutes).unwrap_or_default()
    }

    /// Span after which an unacknowledged escalation nags.
    pub fn ack_timeout(&self) -> Duration {
        positive_minutes(self.ack_timeout_minutes).unwrap_or_default()
    }
}

fn positive_minutes(m: i64) -> Option<Duration> {
    if (1..=MAX_MINUTES).contains(&m) { Duration::try_minutes(m) } else { None }
}

fn check_minutes(path: &str, m: i64) -> Result<(), RulesError> {
    if positive_minutes(m).is_some() {
        Ok(())
    } else {
        Err(RulesError {
            path: path.to_string(),
            problem: format!("must be a number of minutes between 1 and {MAX_MINUTES}, got {m}"),
        })
    }
}

fn check_grades(path: &str, grades: &[Grade]) -> Result<(), RulesError> {
    let problem = if grades.is_empty() {
        "must list at least one grade".to_string()
    } else if grades.contains(&Grade::Unknown) {
        "`unknown` never matches: an unknown grade is planned as `unknown_grade_as`".to_string()
    } else {
        return Ok(());
    };
    Err(RulesError { path: path.to_string(), problem })
}

/// Reads a slot `HH:MM` (one- or two-digit hour).
fn parse_slot(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Describes a (grade, category) both rules would claim for the same kind at the same specificity, if any.
/// A category-specific rule deliberately overrides a general one, so that pair is not a clash.
fn overlap(a: &DeadlineRule, b: &DeadlineRule) -> Option<String> {
    if a.kind != b.kind || a.categories.is_some() != b.categories.is_some() {
        return None;
    }
    let grade = a.grades.iter().find(|g| b.grades.contains(g))?;
    match (&a.categories, &b.categories) {
        (Some(ca), Some(cb)) => {
            let cat = ca.iter().find(|c| cb.contains(c))?;
            Some(format!("grade {grade}, category {cat}"))
        }
        _ => Some(format!("grade {grade}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULTS: &str = include_str!("../../../data/rules.toml");
    const HENAN: &str = include_str!("../../../data/rules/henan.toml");

    const MINIMAL: &str = r#"
profile = "test"
[[deadline]]
kind = "first-phone"
grades = ["I"]
within_minutes = 30
[[deadline]]
kind = "first-written"
grades = ["I"]
within_minutes = 60
[[deadline]]
kind = "national"
grades = ["I"]
within_minutes = 240
"#;

    #[test]
    fn shipped_files_parse_and_validate() {
        for (name, text) in [("rules.toml", DEFAULTS), ("henan.toml", HENAN)] {
            let rules = Rules::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!rules.deadlines.is_empty(), "{name}");
            assert!(rules.followup.is_some(), "{name}");
        }
    }

    #[test]
    fn defaults_apply_when_keys_are_left_out() {
        let rules = Rules::parse(MINIMAL).expect("minimal rules");
        assert_eq!(rules.due_soon_minutes, 10);
        assert_eq!(rules.unknown_grade_as, Grade::III);
        assert_eq!(rules.ack_timeout_minutes, 15);
        assert_eq!(rules.final_report.within_hours, 24);
        assert_eq!(rules.followup, None);
        assert_eq!(rules.deadlines[0].anchor, Anchor::Learned);
    }

    #[test]
    fn negative_within_minutes_names_the_key() {
        let text = MINIMAL.replace("within_minutes = 240", "within_minutes = -5");
        let rules = Rules::from_toml_str(&text).expect("parses");
        let e = rules.validate().expect_err("negative");
        assert_eq!(e.path, "deadline[2].within_minutes");
        assert!(e.to_string().starts_with("deadline[2].within_minutes: "), "{e}");
        let zero = MINIMAL.replace("within_minutes = 60", "within_minutes = 0");
        let e = Rules::parse(&zero).expect_err("zero");
        assert!(e.to_string().contains("deadline[1].within_minutes"), "{e}");
    }

    #[test]
    fn missing_within_minutes_names_the_key() {
        let text = MINIMAL.replace("within_minutes = 240\n", "");
        let e = Rules::from_toml_str(&text).expect_err("missing");
        assert!(e.to_string().contains("within_minutes"), "{e}");
        let e = Rules::parse(&text).expect_err("missing");
        assert!(e.to_string().contains("within_minutes"), "{e}");
    }

    #[test]
    fn unknown_keys_and_kinds_are_refused() {
        let typo = MINIMAL.replace("within_minutes = 240", "within_minute = 240");
        let e = Rules::from_toml_str(&typo).expect_err("typo");
        assert!(e.to_string().contains("within_minute"), "{e}");
        let kind = MINIMAL.replace("\"national\"", "\"followup\"");
        let e = Rules::parse(&kind).expect_err("followup in deadline");
        assert!(e.to_string().contains("deadline[2].kind"), "{e}");
        assert!(e.to_string().contains("[followup]"), "{e}");
        // A code that names no kind at all is refused while reading, in the same words.
        let garbage = MINIMAL.replace("\"national\"", "\"nationale\"");
        let e = Rules::parse(&garbage).expect_err("no such kind");
        assert!(
            e.to_string().contains("unknown kind `nationale`; valid: first-phone, first-written, national, "),
            "{e}"
        );
        let tracking = MINIMAL.replace("\"national\"", "\"reach-city\"");
        let e = Rules::parse(&tracking).expect_err("not a deadline kind");
        assert!(e.to_string().contains("deadline[2].kind: unknown kind `reach-city`"), "{e}");
        let unknown = MINIMAL.replacen("grades = [\"I\"]", "grades = [\"unknown\"]", 1);
        let e = Rules::parse(&unknown).expect_err("unknown grade");
        assert!(e.to_string().contains("deadline[0].grades"), "{e}");
    }

    #[test]
    fn overlapping_rules_are_refused_but_category_overrides_are_not() {
        let dup =
            format!("{MINIMAL}\n[[deadline]]\nkind = \"national\"\ngrades = [\"II\", \"I\"]\nwithin_minutes = 120\n");
        let e = Rules::parse(&dup).expect_err("overlap");
        assert_eq!(
            e.to_string(),
            "rules file is not valid: deadline[3]: overlaps deadline[2]: both give `national` for grade I; narrow grades or categories"
        );
        let specific = format!(
            "{MINIMAL}\n[[deadline]]\nkind = \"national\"\ngrades = [\"I\"]\ncategories = [\"accident\"]\nwithin_minutes = 120\n"
        );
        Rules::parse(&specific).expect("category override is allowed");
    }

    #[test]
    fn followup_times_are_checked() {
        let base = format!("{MINIMAL}\n[followup]\ngrades = [\"I\"]\nlocal_times = [\"08:00\", \"TIMES\"]\n");
        let bad = base.replace("TIMES", "24:00");
        let e = Rules::parse(&bad).expect_err("24:00");
        assert!(e.to_string().contains("followup.local_times[1]"), "{e}");
        let dup = base.replace("TIMES", "8:00");
        let e = Rules::parse(&dup).expect_err("twice");
        assert!(e.to_string().contains("listed twice"), "{e}");
        let ok = base.replace("TIMES", "17:00");
        let rules = Rules::parse(&ok).expect("ok");
        let slots = rules.followup.as_ref().map(FollowupRule::slots).unwrap_or_default();
        assert_eq!(slots.len(), 2);
    }
}
