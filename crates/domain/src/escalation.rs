//! Escalation up the administrative chain (逐级上报, 越级上报): what must be notified, whether a step may be
//! recorded, where each step stands, and the one-line ladder the board shows.
//!
//! # The model
//!
//! docs/rules.md E1 (seed 003): on an incident the duty room reports **at once to its own leader (本级领导) and
//! to the higher duty room (上级值班室)**; if urgent it may **skip levels** (越级上报), and then must still report
//! to its own leader. Grades decide how far up the news must travel (docs/rules.md, Escalation up the chain).
//! So, for a unit at `own_level`:
//!
//! | kind            | level                    | within                                   |
//! |-----------------|--------------------------|------------------------------------------|
//! | `notify-leader` | [`Level::Leader`]        | `own_leader_within_minutes`              |
//! | `notify-upper`  | the next level above own | `upper_room_within_minutes`              |
//! | `reach-<level>` | each level above the next, up to the grade's target | the reach rules (see [`required_steps`]) |
//!
//! A `reach-<level>` step is met by any recorded step at that level: either our own skip-level report or a
//! record that the level was reached through the chain (the upper room confirming it relayed the report).
//!
//! Steps are [`Escalation`] records. A re-notification is a new record; for each level the latest record
//! wins. A step is acknowledged (确认) by the recipient, except a step to the own leader, which needs no
//! acknowledgement: telling one's own leader in person or by phone *is* the confirmation.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::obligation_kind::ObligationKind;
use super::types::{Escalation, Grade, Level};

/// How far up one grade must reach, and how fast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReachRule {
    pub grade: Grade,
    pub up_to: Level,
    pub within_minutes: i64,
}

/// The escalation rule table (`data/escalation.toml`); every number is a local default (docs/rules.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationRules {
    /// A sent step unconfirmed for longer than this shows as overdue (docs/rules.md, Alerts and acknowledgement).
    pub ack_timeout_minutes: i64,
    /// Own leader (本级领导) to be told within this, from learned-at (docs/rules.md E1, PR-09).
    pub own_leader_within_minutes: i64,
    /// Next upper duty room (上级值班室) to be told within this, from learned-at (docs/rules.md E1, PR-09).
    pub upper_room_within_minutes: i64,
    /// After a skip-level step, the own leader to be told within this, from the skip (docs/rules.md E1, PR-10).
    pub skip_level_leader_within_minutes: i64,
    /// The grade an unknown grade is escalated as.
    pub unknown_grade_as: Grade,
    /// One rule per grade Ⅰ–Ⅳ.
    pub reach: Vec<ReachRule>,
}

impl Default for EscalationRules {
    /// The same values as the shipped `data/escalation.toml` (a test keeps them equal); sources are there.
    fn default() -> Self {
        let reach = |grade, up_to, within_minutes| ReachRule { grade, up_to, within_minutes };
        EscalationRules {
            ack_timeout_minutes: 15,
            own_leader_within_minutes: 30,
            upper_room_within_minutes: 30,
            skip_level_leader_within_minutes: 30,
            unknown_grade_as: Grade::III,
            reach: vec![
                reach(Grade::IV, Level::County, 120),
                reach(Grade::III, Level::City, 60),
                reach(Grade::II, Level::Province, 30),
                reach(Grade::I, Level::National, 240),
            ],
        }
    }
}

/// A rule table that parses but makes no sense. Messages name the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("escalation rules: {0}")]
    Parse(String),
    #[error("escalation rules: `{field}` must be a positive number of minutes, got {value}")]
    NotPositive { field: String, value: i64 },
    #[error("escalation rules: no [[reach]] rule for grade {0}")]
    MissingGrade(Grade),
    #[error("escalation rules: two [[reach]] rules for grade {0}")]
    DuplicateGrade(Grade),
    #[error("escalation rules: `{0}` must be a known grade (I, II, III or IV)")]
    UnknownGrade(&'static str),
    #[error("escalation rules: grade {0} cannot reach `leader`; use a unit level")]
    ReachLeader(Grade),
}

impl EscalationRules {
    /// Parses and checks a rule table (the contents of `escalation.toml`).
    pub fn from_toml_str(s: &str) -> Result<Self, RulesError> {
        let rules: EscalationRules = toml::from_str(s).map_err(|e| RulesError::Parse(e.to_string()))?;
        rules.validate()?;
        Ok(rules)
    }

    /// Checks what serde cannot: positive minutes, exactly one reach rule per known grade.
    pub fn validate(&self) -> Result<(), RulesError> {
        let minutes = [
            ("ack_timeout_minutes", self.ack_timeout_minutes),
            ("own_leader_within_minutes", self.own_leader_within_minutes),
            ("upper_room_within_minutes", self.upper_room_within_minutes),
            ("skip_level_leader_within_minutes", self.skip_level_leader_within_minutes),
        ];
        for (field, value) in minutes {
            if value <= 0 {
                return Err(RulesError::NotPositive { field: field.to_string(), value });
            }
        }
        if self.unknown_grade_as == Grade::Unknown {
            return Err(RulesError::UnknownGrade("unknown_grade_as"));
        }
        for r in &self.reach {
            if r.grade == Grade::Unknown {
                return Err(RulesError::UnknownGrade("reach.grade"));
            }
            if r.within_minutes <= 0 {
                return Err(RulesError::NotPositive {
                    field: format!("reach.within_minutes (grade {})", r.grade),
                    value: r.within_minutes,
                });
            }
            if r.up_to == Level::Leader {
                return Err(RulesError::ReachLeader(r.grade));
            }
        }
        for g in [Grade::I, Grade::II, Grade::III, Grade::IV] {
            match self.reach.iter().filter(|r| r.grade == g).count() {
                0 => return Err(RulesError::MissingGrade(g)),
                1 => {}
                _ => return Err(RulesError::DuplicateGrade(g)),
            }
        }
        Ok(())
    }

    /// The acknowledgement timeout as a duration.
    pub fn ack_timeout(&self) -> Duration {
        Duration::minutes(self.ack_timeout_minutes)
    }
}

/// Severity rank: Ⅳ = 1 … Ⅰ = 4; unknown = 0 (callers substitute the fallback grade first).
fn severity(g: Grade) -> u8 {
    match g {
        Grade::I => 4,
        Grade::II => 3,
        Grade::III => 2,
        Grade::IV => 1,
        Grade::Unknown => 0,
    }
}

/// The next administrative level above `level`; `None` above the State Council and for [`Level::Leader`],
/// which is a person, not a unit level.
pub fn next_level(level: Level) -> Option<Level> {
    match level {
        Level::Leader | Level::National => None,
        Level::Village => Some(Level::Township),
        Level::Township => Some(Level::County),
        Level::County => Some(Level::City),
        Level::City => Some(Level::Province),
        Level::Province => Some(Level::National),
    }
}

/// One thing the duty room owes for an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredStep {
    /// `notify-leader`, `notify-upper` or `reach-<level code>`.
    pub kind: ObligationKind,
    pub level: Level,
    /// Counted from the incident's learned-at time.
    pub within_minutes: i64,
}

/// What the duty room at `own_level` owes for an incident of `grade` (see the module table).
///
/// An unknown grade is treated as `rules.unknown_grade_as`. The own leader and the next upper room are always
/// owed, whatever the grade (E1 does not depend on it). Each level above the next one, up to the grade's
/// target, gets a `reach-<level>` step whose limit is the tightest `within_minutes` among the reach rules of
/// this grade *and every milder grade* that reach that level: an especially major event (Ⅰ, 4 h to the State
/// Council) must still reach the province as fast as a major one (Ⅱ, 30 min). Levels at or below our own are
/// never owed. A grade missing from the rules (an unvalidated table) adds no reach steps.
pub fn required_steps(own_level: Level, grade: Grade, rules: &EscalationRules) -> Vec<RequiredStep> {
    let grade = if grade == Grade::Unknown { rules.unknown_grade_as } else { grade };
    let mut steps = vec![RequiredStep {
        kind: ObligationKind::NotifyLeader,
        level: Level::Leader,
        within_minutes: rules.own_leader_within_minutes,
    }];
    let Some(next) = next_level(own_level) else {
        return steps;
    };
    steps.push(RequiredStep {
        kind: ObligationKind::NotifyUpper,
        level: next,
        within_minutes: rules.upper_room_within_minutes,
    });
    let Some(target) = rules.reach.iter().find(|r| r.grade == grade).map(|r| r.up_to) else {
        return steps;
    };
    let mut level = next;
    while let Some(up) = next_level(level) {
        if up > target {
            break;
        }
        let within = rules
            .reach
            .iter()
            .filter(|r| severity(r.grade) <= severity(grade) && r.up_to >= up)
            .map(|r| r.within_minutes)
            .min();
        if let Some(within_minutes) = within {
            steps.push(RequiredStep { kind: ObligationKind::Reach(up), level: up, within_minutes });
        }
        level = up;
    }
    steps
}

/// Why a step or an acknowledgement is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EscalationError {
    #[error("`{0}` is not a unit level; the own level must be village, township, county, city, province or national")]
    NotAUnitLevel(Level),
    #[error("cannot escalate to {to}: it is not above our own level ({own})")]
    NotAbove { own: Level, to: Level },
    #[error("a skip-level report (越级上报) needs a reason: say why it is urgent")]
    MissingReason,
    #[error("a skip-level report must go above the next level ({next}); {to} is reached the ordinary way")]
    SkipNotBeyondNext { next: Level, to: Level },
    #[error("the own leader is not a skip-level target; record a normal step to `leader`")]
    SkipToLeader,
    #[error("acknowledgement at {at} is before the step was sent ({sent})")]
    AckBeforeSend { at: DateTime<Utc>, sent: DateTime<Utc> },
    #[error("this step was already acknowledged at {at} by {by}; a new notification is a new step")]
    AlreadyAcked { at: DateTime<Utc>, by: String },
}

/// Checks a step before it is recorded.
///
/// - `to == Leader` (the own leader) is always allowed, but never as a skip-level step.
/// - Otherwise `to` must be above `own_level` (reporting down or sideways is not escalation).
/// - A skip-level step needs a non-blank reason (docs/rules.md PR-10) and a target above the next level (a step to the
///   next level *is* the ordinary route).
/// - A non-skip step above the next level is allowed: it records that the level was reached through the
///   chain (relayed by the upper room), which is how `reach-<level>` steps are usually met.
pub fn validate_step(own_level: Level, to: Level, skip_level: bool, reason: &str) -> Result<(), EscalationError> {
    if to == Level::Leader {
        return if skip_level { Err(EscalationError::SkipToLeader) } else { Ok(()) };
    }
    if own_level == Level::Leader {
        return Err(EscalationError::NotAUnitLevel(own_level));
    }
    if to <= own_level {
        return Err(EscalationError::NotAbove { own: own_level, to });
    }
    if skip_level {
        if reason.trim().is_empty() {
            return Err(EscalationError::MissingReason);
        }
        if let Some(next) = next_level(own_level)
            && to <= next
        {
            return Err(EscalationError::SkipNotBeyondNext { next, to });
        }
    }
    Ok(())
}

/// Checks an acknowledgement at `at` of `step`: not before it was sent, and only once (a second confirmation
/// belongs to a new notification, which is a new step).
pub fn validate_ack(step: &Escalation, at: DateTime<Utc>) -> Result<(), EscalationError> {
    if let Some(acked) = step.acked_at {
        return Err(EscalationError::AlreadyAcked { at: acked, by: step.acked_by.clone().unwrap_or_default() });
    }
    if at < step.sent_at {
        return Err(EscalationError::AckBeforeSend { at, sent: step.sent_at });
    }
    Ok(())
}

/// Where one level's step stands at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    NotSent,
    /// Sent, not yet confirmed, still within the acknowledgement timeout.
    AwaitingAck {
        waiting: Duration,
    },
    Acked {
        at: DateTime<Utc>,
    },
    /// Sent and unconfirmed for longer than the timeout: the board nags.
    AckOverdue {
        waiting: Duration,
    },
}

/// The state of `step` at `now`.
///
/// Times after `now` are treated as not yet happened, so the same records replay correctly for any past
/// moment (review mode): a step sent later is `NotSent`, an acknowledgement given later is still awaited.
/// A step to the own leader needs no acknowledgement and counts as acknowledged when sent. A step becomes
/// overdue once it has waited strictly longer than `ack_timeout`.
pub fn step_state(step: Option<&Escalation>, now: DateTime<Utc>, ack_timeout: Duration) -> StepState {
    let Some(step) = step else {
        return StepState::NotSent;
    };
    if step.sent_at > now {
        return StepState::NotSent;
    }
    if step.level == Level::Leader {
        return StepState::Acked { at: step.sent_at };
    }
    match step.acked_at {
        Some(at) if at <= now => StepState::Acked { at },
        _ => {
            let waiting = now - step.sent_at;
            if waiting > ack_timeout { StepState::AckOverdue { waiting } } else { StepState::AwaitingAck { waiting } }
        }
    }
}

/// The latest step per level among those sent by `now` (a re-notification supersedes the earlier one;
/// equal send times are broken by the higher id, i.e. the later record).
pub fn latest_per_level(steps: &[Escalation], now: DateTime<Utc>) -> BTreeMap<Level, &Escalation> {
    let mut latest: BTreeMap<Level, &Escalation> = BTreeMap::new();
    for s in steps.iter().filter(|s| s.sent_at <= now) {
        let replace = latest.get(&s.level).is_none_or(|cur| (s.sent_at, s.id) > (cur.sent_at, cur.id));
        if replace {
            latest.insert(s.level, s);
        }
    }
    latest
}

/// The follow-up a skip-level report creates: tell the own leader afterwards (docs/rules.md E1, PR-10). It blocks
/// closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderAfterSkip {
    /// The earliest skip-level step sent by `now`.
    pub skip_sent_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// The first step to the own leader at or after the skip, if any by `now`.
    pub done_at: Option<DateTime<Utc>>,
}

/// The follow-up owed after the first skip-level step, or `None` when no skip-level step was sent by `now`.
/// A leader notified *before* the skip does not count: the leader must hear of the skip itself.
pub fn leader_after_skip(steps: &[Escalation], now: DateTime<Utc>, rules: &EscalationRules) -> Option<LeaderAfterSkip> {
    let skip_sent_at = steps.iter().filter(|s| s.skip_level && s.sent_at <= now).map(|s| s.sent_at).min()?;
    let done_at = steps
        .iter()
        .filter(|s| s.level == Level::Leader && s.sent_at >= skip_sent_at && s.sent_at <= now)
        .map(|s| s.sent_at)
        .min();
    Some(LeaderAfterSkip {
        skip_sent_at,
        due_at: skip_sent_at + Duration::minutes(rules.skip_level_leader_within_minutes),
        done_at,
    })
}

/// `12m`, `1h05m`: compact, and the same in both languages (the board uses it in zh too).
pub fn format_wait(d: Duration) -> String {
    let m = d.num_minutes().max(0);
    if m < 60 { format!("{m}m") } else { format!("{}h{:02}m", m / 60, m % 60) }
}

/// The rungs of the escalation ladder for one incident: one per level that is required or has a
/// step, own leader first, then upwards, each with the latest step at that level (a re-notification
/// wins) and its state; levels below or at our own are left out. `text::record::ladder` says them.
pub fn ladder_steps<'a>(
    own_level: Level,
    steps: &'a [Escalation],
    required_levels: &[Level],
    now: DateTime<Utc>,
    rules: &EscalationRules,
) -> Vec<(Level, Option<&'a Escalation>, StepState)> {
    let latest = latest_per_level(steps, now);
    let mut levels: Vec<Level> = required_levels
        .iter()
        .copied()
        .chain(latest.keys().copied())
        .filter(|l| *l == Level::Leader || *l > own_level)
        .collect();
    levels.sort();
    levels.dedup();
    levels
        .into_iter()
        .map(|level| {
            let step = latest.get(&level).copied();
            (level, step, step_state(step, now, rules.ack_timeout()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{at, step};

    fn kinds(steps: &[RequiredStep]) -> Vec<(String, i64)> {
        steps.iter().map(|s| (s.kind.to_string(), s.within_minutes)).collect()
    }

    #[test]
    fn shipped_rules_equal_the_defaults() {
        let shipped = include_str!("../../../data/escalation.toml");
        let rules = EscalationRules::from_toml_str(shipped).expect("shipped rules are valid");
        assert_eq!(rules, EscalationRules::default());
    }

    #[test]
    fn rules_are_checked() {
        let mut r = EscalationRules::default();
        r.reach.pop();
        assert_eq!(r.validate(), Err(RulesError::MissingGrade(Grade::I)));
        let r = EscalationRules { ack_timeout_minutes: 0, ..EscalationRules::default() };
        let err = r.validate().expect_err("zero timeout");
        assert!(err.to_string().contains("ack_timeout_minutes"));
        let r = EscalationRules { unknown_grade_as: Grade::Unknown, ..EscalationRules::default() };
        assert!(r.validate().is_err());
        let bad = include_str!("../../../data/escalation.toml")
            .replace("ack_timeout_minutes = 15", "ack_timeout_minutes = 15\nnag = true");
        assert!(matches!(EscalationRules::from_toml_str(&bad), Err(RulesError::Parse(_))));
    }

    #[test]
    fn required_steps_by_grade() {
        let r = EscalationRules::default();
        // Township, grade Ⅳ: the county is the next level and the target; nothing further.
        assert_eq!(
            kinds(&required_steps(Level::Township, Grade::IV, &r)),
            vec![("notify-leader".to_string(), 30), ("notify-upper".to_string(), 30)]
        );
        // Township, grade Ⅲ: the city must also be reached, within an hour.
        assert_eq!(
            kinds(&required_steps(Level::Township, Grade::III, &r)),
            vec![("notify-leader".to_string(), 30), ("notify-upper".to_string(), 30), ("reach-city".to_string(), 60)]
        );
        // Unknown is escalated as the fallback (Ⅲ).
        assert_eq!(
            required_steps(Level::Township, Grade::Unknown, &r),
            required_steps(Level::Township, Grade::III, &r)
        );
        // Township, grade Ⅰ: city and province as fast as for Ⅱ, the State Council within 4 h.
        let s = required_steps(Level::Township, Grade::I, &r);
        assert_eq!(
            kinds(&s),
            vec![
                ("notify-leader".to_string(), 30),
                ("notify-upper".to_string(), 30),
                ("reach-city".to_string(), 30),
                ("reach-province".to_string(), 30),
                ("reach-national".to_string(), 240)
            ]
        );
        assert_eq!(s[1].level, Level::County);
        assert_eq!(s[4].level, Level::National);
        // A city room with a Ⅳ event: the province duty room is still told (E1 does not depend on grade).
        let s = required_steps(Level::City, Grade::IV, &r);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].level, Level::Province);
        // The State Council duty room has nobody above: only its own leader.
        assert_eq!(required_steps(Level::National, Grade::I, &r).len(), 1);
    }

    #[test]
    fn validate_step_rules() {
        use EscalationError::*;
        assert_eq!(validate_step(Level::Township, Level::Leader, false, ""), Ok(()));
        assert_eq!(validate_step(Level::Township, Level::Leader, true, "急"), Err(SkipToLeader));
        assert_eq!(validate_step(Level::Township, Level::County, false, ""), Ok(()));
        assert_eq!(
            validate_step(Level::Township, Level::Township, false, ""),
            Err(NotAbove { own: Level::Township, to: Level::Township })
        );
        assert_eq!(
            validate_step(Level::County, Level::Village, false, ""),
            Err(NotAbove { own: Level::County, to: Level::Village })
        );
        assert_eq!(validate_step(Level::Township, Level::City, true, "  "), Err(MissingReason));
        assert_eq!(
            validate_step(Level::Township, Level::County, true, "山体仍在滑动"),
            Err(SkipNotBeyondNext { next: Level::County, to: Level::County })
        );
        assert_eq!(validate_step(Level::Township, Level::City, true, "山体仍在滑动"), Ok(()));
        // Recorded as reached through the chain.
        assert_eq!(validate_step(Level::Township, Level::Province, false, ""), Ok(()));
        assert_eq!(validate_step(Level::Leader, Level::County, false, ""), Err(NotAUnitLevel(Level::Leader)));
        let e = validate_step(Level::Township, Level::County, true, "急").expect_err("refused");
        assert_eq!(
            e.to_string(),
            "a skip-level report must go above the next level (county); county is reached the ordinary way"
        );
    }

    #[test]
    fn validate_ack_rules() {
        let s = step(1, Level::County, at(14, 6), None);
        assert_eq!(validate_ack(&s, at(14, 9)), Ok(()));
        assert_eq!(validate_ack(&s, at(14, 6)), Ok(()));
        let e = validate_ack(&s, at(14, 5)).expect_err("before send");
        assert!(matches!(e, EscalationError::AckBeforeSend { .. }));
        let acked = step(1, Level::County, at(14, 6), Some(at(14, 9)));
        let e = validate_ack(&acked, at(14, 20)).expect_err("second ack");
        assert_eq!(e, EscalationError::AlreadyAcked { at: at(14, 9), by: "值班员".to_string() });
    }

    #[test]
    fn step_state_machine() {
        let timeout = Duration::minutes(15);
        assert_eq!(step_state(None, at(14, 0), timeout), StepState::NotSent);
        let s = step(1, Level::County, at(14, 6), None);
        // Not yet sent at 14:05 (replay of the past).
        assert_eq!(step_state(Some(&s), at(14, 5), timeout), StepState::NotSent);
        assert_eq!(
            step_state(Some(&s), at(14, 18), timeout),
            StepState::AwaitingAck { waiting: Duration::minutes(12) }
        );
        // Exactly at the timeout: still awaiting; one minute past: overdue.
        assert_eq!(
            step_state(Some(&s), at(14, 21), timeout),
            StepState::AwaitingAck { waiting: Duration::minutes(15) }
        );
        assert_eq!(step_state(Some(&s), at(14, 22), timeout), StepState::AckOverdue { waiting: Duration::minutes(16) });
        let acked = step(1, Level::County, at(14, 6), Some(at(14, 30)));
        assert_eq!(
            step_state(Some(&acked), at(14, 29), timeout),
            StepState::AckOverdue { waiting: Duration::minutes(23) }
        );
        assert_eq!(step_state(Some(&acked), at(14, 30), timeout), StepState::Acked { at: at(14, 30) });
        // The own leader needs no acknowledgement.
        let leader = step(2, Level::Leader, at(14, 5), None);
        assert_eq!(step_state(Some(&leader), at(15, 0), timeout), StepState::Acked { at: at(14, 5) });
    }

    #[test]
    fn latest_step_per_level_wins() {
        let first = step(1, Level::County, at(14, 6), Some(at(14, 9)));
        let again = step(2, Level::County, at(14, 40), None);
        let steps = [first, again];
        let l = latest_per_level(&steps, at(14, 45));
        assert_eq!(l.get(&Level::County).map(|s| s.id), Some(2));
        let l = latest_per_level(&steps, at(14, 30));
        assert_eq!(l.get(&Level::County).map(|s| s.id), Some(1));
    }

    #[test]
    fn skip_level_creates_leader_follow_up() {
        let r = EscalationRules::default();
        let early_leader = step(1, Level::Leader, at(14, 0), None);
        let mut skip = step(2, Level::City, at(14, 10), None);
        skip.skip_level = true;
        skip.reason = "山体仍在滑动，县值班室电话占线".to_string();
        assert_eq!(leader_after_skip(std::slice::from_ref(&early_leader), at(15, 0), &r), None);
        let f = leader_after_skip(&[early_leader.clone(), skip.clone()], at(14, 20), &r).expect("owed");
        assert_eq!(f.due_at, at(14, 40));
        assert_eq!(f.done_at, None);
        let later_leader = step(3, Level::Leader, at(14, 25), None);
        let f = leader_after_skip(&[early_leader, skip, later_leader], at(14, 30), &r).expect("owed");
        assert_eq!(f.done_at, Some(at(14, 25)));
    }

    #[test]
    fn waits_read_compactly() {
        assert_eq!(format_wait(Duration::minutes(12)), "12m");
        assert_eq!(format_wait(Duration::minutes(125)), "2h05m");
    }
}
