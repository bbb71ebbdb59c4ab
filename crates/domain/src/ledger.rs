//! The obligation ledger's rules: what a unit at its level owes for an incident (and what it only tracks
//! because the chain above relays it), what a regrade adds and supersedes, which 续报 slot a follow-up
//! fills, how the follow-up chain grows with the clock, and which levels an escalation skips.
//!
//! The rules the record must keep (issue 11):
//! - nothing vanishes: an item ends done, done late, missed, waived or superseded — never deleted;
//! - no item is due before the moment it came to exist (`anchor_at <= due_at`);
//! - no due time ever moves: a regrade adds and supersedes, it never re-times;
//! - a unit owes its own leader and the next level up; the levels above are relayed by the chain and
//!   are tracking items, never this unit's 迟报 or 漏报 — unless the profile requires a direct report.
//!
//! Everything here is a pure function; `ops` applies the results in one transaction.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::deadlines::{self, IncidentFacts, PlannedObligation, next_followup_slot};
use super::escalation::{self as esc, EscalationRules, next_level};
use super::obligation_kind::ObligationKind;
use super::rules::Rules;
use super::types::{EndState, Level, Obligation};

/// Most follow-up slots one call adds to a chain; a chain left unattended for years catches up over
/// several calls instead of holding the write lock for long.
pub const MAX_SLOTS_PER_CALL: usize = 64;

/// The unit level a deadline kind is addressed to, when it is addressed above the next level.
fn addressed_level(kind: &ObligationKind) -> Option<Level> {
    match kind {
        ObligationKind::National => Some(Level::National),
        ObligationKind::DirectProvince => Some(Level::Province),
        _ => None,
    }
}

/// Everything a unit at `own_level` owes for an incident with these facts, plus the tracking items for
/// the levels the chain relays:
/// - the deadline rules that bind this unit's level (a rule's `unit_levels`, when given);
/// - `national` (报国务院) is this unit's own duty only where the State Council is the next level up;
///   below that it becomes the tracking item `reach-national`;
/// - `direct-province` is dropped for a unit at or above the province;
/// - the own leader and the next upper room (`notify-leader`, `notify-upper`);
/// - `reach-<level>` tracking items for the levels above the next, up to the grade's target, except
///   levels this unit reports to directly.
///
/// One item per kind (the earlier due wins), sorted by due time then kind.
pub fn plan(
    facts: &IncidentFacts,
    own_level: Level,
    rules: &Rules,
    escalation: &EscalationRules,
    tz: Tz,
) -> Vec<PlannedObligation> {
    let mut bound = rules.clone();
    bound.deadlines.retain(|r| r.unit_levels.as_ref().is_none_or(|ls| ls.contains(&own_level)));
    let next = next_level(own_level);
    let mut out: Vec<PlannedObligation> = Vec::new();
    let push = |p: PlannedObligation, out: &mut Vec<PlannedObligation>| match out.iter_mut().find(|q| q.kind == p.kind)
    {
        Some(q) if q.due_at <= p.due_at => {}
        Some(q) => *q = p,
        None => out.push(p),
    };
    for mut p in deadlines::plan(facts, &bound, tz) {
        match addressed_level(&p.kind) {
            Some(level) if level <= own_level => continue,
            Some(level) if p.kind == ObligationKind::National && next != Some(level) => {
                p.kind = ObligationKind::Reach(level);
                p.tracking = true;
            }
            _ => {}
        }
        push(p, &mut out);
    }
    let direct: BTreeSet<Level> = direct_levels(&out);
    let grade = rules.effective_grade(facts.grade);
    for step in esc::required_steps(own_level, grade, escalation) {
        let tracking = step.kind.tracking_level().is_some();
        if tracking && direct.contains(&step.level) {
            continue;
        }
        let due_at = facts.learned_at + Duration::minutes(step.within_minutes);
        push(PlannedObligation { kind: step.kind, due_at, anchor_at: facts.learned_at, tracking }, &mut out);
    }
    // The upper room is told within the profile's phone window where it has one (henan: 15 min for
    // Ⅰ/Ⅱ): the phone 首报 *is* the call to the upper duty room.
    if let Some(phone) = out.iter().find(|p| p.kind == ObligationKind::FirstPhone && !p.tracking).map(|p| p.due_at)
        && let Some(upper) = out.iter_mut().find(|p| p.kind == ObligationKind::NotifyUpper)
        && phone < upper.due_at
    {
        upper.due_at = phone;
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.kind.cmp(&b.kind)));
    out
}

/// The levels above the next one that this unit reports to directly, by its own duties.
pub fn direct_levels(plan: &[PlannedObligation]) -> BTreeSet<Level> {
    plan.iter().filter(|p| !p.tracking).filter_map(|p| addressed_level(&p.kind)).collect()
}

/// The levels an escalation to `to` skips: each level from the next one up to (not including) `to` that
/// has not been told by then. Empty for the own leader, the next level, and a level the profile makes
/// this unit report to directly.
pub fn skipped_levels(own_level: Level, to: Level, told: &BTreeSet<Level>, direct: &BTreeSet<Level>) -> Vec<Level> {
    let Some(next) = next_level(own_level) else { return Vec::new() };
    if to == Level::Leader || to <= next || direct.contains(&to) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut level = next;
    while level < to {
        if !told.contains(&level) {
            out.push(level);
        }
        match next_level(level) {
            Some(up) => level = up,
            None => break,
        }
    }
    out
}

/// What a regrade changes on the ledger. Due times are never moved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegradeChanges {
    /// Open items the new grade does not require: they end `superseded`.
    pub supersede: Vec<i64>,
    /// Items the new grade adds, counted from the regrade's decision time.
    pub add: Vec<PlannedObligation>,
}

/// Kinds scheduled by events rather than by the grade's plan.
fn event_kind(kind: &ObligationKind) -> bool {
    matches!(kind, ObligationKind::Final | ObligationKind::LeaderAfterSkip)
}

/// Reconciles the ledger with a grade change:
/// - `old_plan` is what the old grade required, `new_plan` what the new grade requires with every
///   duty counted from the decision time `at` (plan the facts with learned-at = occurred-at = `at`);
/// - open items whose kind the new grade does not require are superseded (follow-up slots too, when the
///   new grade has no follow-ups);
/// - kinds the new grade requires and the old did not are added, counted from `at`, unless an item of
///   that kind is already open or done (or was waived or missed: a leader's decision stands);
/// - a follow-up chain starts when the new grade has follow-ups, the old had none and none is open.
pub fn regrade(
    existing: &[Obligation],
    old_plan: &[PlannedObligation],
    new_plan: &[PlannedObligation],
    handling_ended: bool,
) -> RegradeChanges {
    let old: BTreeSet<&ObligationKind> = old_plan.iter().map(|p| &p.kind).collect();
    let new: BTreeSet<&ObligationKind> = new_plan.iter().map(|p| &p.kind).collect();
    let mut out = RegradeChanges::default();
    for o in existing.iter().filter(|o| o.is_open() && !event_kind(&o.kind)) {
        if !new.contains(&o.kind) {
            out.supersede.push(o.id);
        }
    }
    for p in new_plan.iter().filter(|p| !event_kind(&p.kind)) {
        if old.contains(&p.kind) {
            continue;
        }
        // Open, done, waived or missed: the kind stands. Only a superseded one is owed afresh.
        let standing =
            existing.iter().any(|o| o.kind == p.kind && o.end.as_ref().is_none_or(|e| e.state != EndState::Superseded));
        if p.kind == ObligationKind::Followup && handling_ended {
            continue;
        }
        if !standing {
            out.add.push(p.clone());
        }
    }
    out
}

/// The follow-up slots to add so the chain reaches past `now`: while the latest slot is done, ended or
/// already due, the next one is appended. A slot begins where the previous one falls due (its anchor),
/// and falls due at the next configured local time. `active` is false once handling ended, the incident
/// closed, or the grade has no follow-ups: then the chain does not grow. At most
/// [`MAX_SLOTS_PER_CALL`] are returned.
pub fn extend_followups(
    slots: &[Obligation],
    now: DateTime<Utc>,
    active: bool,
    rules: &Rules,
    tz: Tz,
) -> Vec<PlannedObligation> {
    let mut out = Vec::new();
    if !active {
        return out;
    }
    let Some(last) = slots.iter().filter(|o| o.kind == ObligationKind::Followup).max_by_key(|o| (o.due_at, o.id))
    else {
        return out;
    };
    let mut due = last.due_at;
    let mut open = last.is_open();
    while !(open && due > now) && out.len() < MAX_SLOTS_PER_CALL {
        let Some(next) = next_followup_slot(due, rules, tz) else { break };
        out.push(PlannedObligation { kind: ObligationKind::Followup, due_at: next, anchor_at: due, tracking: false });
        due = next;
        open = true;
    }
    out
}

/// Open follow-up slots that handling's end at `ended_at` stops: those not yet due then. A slot already
/// overdue when handling ended stays owed.
pub fn stopped_by_end(existing: &[Obligation], ended_at: DateTime<Utc>) -> Vec<i64> {
    existing
        .iter()
        .filter(|o| o.kind == ObligationKind::Followup && o.is_open() && o.due_at > ended_at)
        .map(|o| o.id)
        .collect()
}

/// The state of a tracking item, as the JSON and the screens name it.
pub fn tracking_state(o: &Obligation) -> &'static str {
    match (&o.end, o.done_at) {
        (Some(e), _) => e.state.code(),
        (None, Some(_)) => "confirmed",
        (None, None) => "open",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::types::{Category, Grade};
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    const DEFAULTS: &str = include_str!("../../../data/rules.toml");
    const HENAN: &str = include_str!("../../../data/rules/henan.toml");

    fn rules(text: &str) -> Rules {
        Rules::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Shanghai.with_ymd_and_hms(2026, 11, d, h, m, 0).single().expect("valid").with_timezone(&Utc)
    }

    fn facts(grade: Grade, learned: DateTime<Utc>) -> IncidentFacts {
        IncidentFacts { category: Category::Natural, grade, occurred_at: learned, learned_at: learned, ended_at: None }
    }

    fn kinds(p: &[PlannedObligation]) -> Vec<(String, bool)> {
        let mut v: Vec<(String, bool)> = p.iter().map(|p| (p.kind.to_string(), p.tracking)).collect();
        v.sort();
        v
    }

    fn own(v: &[&str], tracking: &[&str]) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = v.iter().map(|k| (k.to_string(), false)).collect();
        out.extend(tracking.iter().map(|k| (k.to_string(), true)));
        out.sort();
        out
    }

    #[test]
    fn a_township_owes_its_leader_and_the_county_and_tracks_the_rest() {
        let e = EscalationRules::default();
        for text in [DEFAULTS, HENAN] {
            let r = rules(text);
            let p = plan(&facts(Grade::I, at(22, 2, 10)), Level::Township, &r, &e, Shanghai);
            let want_own = ["first-phone", "first-written", "followup", "notify-leader", "notify-upper"];
            assert_eq!(
                kinds(&p),
                own(&want_own, &["reach-city", "reach-national", "reach-province"]),
                "profile {}",
                r.profile
            );
            // The State Council is tracked with the earlier of its two limits (4 h either way).
            let nat = p.iter().find(|p| p.kind == ObligationKind::Reach(Level::National)).expect("tracked");
            assert_eq!(nat.due_at, at(22, 6, 10));
        }
    }

    #[test]
    fn a_county_in_henan_reports_to_the_province_directly() {
        let e = EscalationRules::default();
        let r = rules(HENAN);
        let p = plan(&facts(Grade::II, at(22, 2, 10)), Level::County, &r, &e, Shanghai);
        assert_eq!(
            kinds(&p),
            own(
                &["direct-province", "first-phone", "first-written", "followup", "notify-leader", "notify-upper"],
                &["reach-national"]
            )
        );
        let direct = direct_levels(&p);
        assert!(direct.contains(&Level::Province));
        // Under the national defaults the county relays the province and the State Council through the city.
        let p = plan(&facts(Grade::II, at(22, 2, 10)), Level::County, &rules(DEFAULTS), &e, Shanghai);
        assert_eq!(
            kinds(&p),
            own(
                &["first-phone", "first-written", "followup", "notify-leader", "notify-upper"],
                &["reach-national", "reach-province"]
            )
        );
    }

    #[test]
    fn the_upper_room_is_told_within_the_profiles_phone_window() {
        let e = EscalationRules::default();
        let due = |text: &str, grade| {
            let p = plan(&facts(grade, at(22, 2, 10)), Level::Township, &rules(text), &e, Shanghai);
            p.iter().find(|p| p.kind == ObligationKind::NotifyUpper).map(|p| p.due_at)
        };
        assert_eq!(due(HENAN, Grade::II), Some(at(22, 2, 25)), "henan: 15 min for Ⅱ");
        assert_eq!(due(HENAN, Grade::III), Some(at(22, 2, 40)), "no phone window for Ⅲ: escalation.toml's 30 min");
        assert_eq!(due(DEFAULTS, Grade::II), Some(at(22, 2, 40)));
    }

    #[test]
    fn a_province_owes_the_state_council_itself() {
        let e = EscalationRules::default();
        let p = plan(&facts(Grade::I, at(22, 2, 10)), Level::Province, &rules(DEFAULTS), &e, Shanghai);
        assert!(p.iter().any(|p| p.kind == ObligationKind::National && !p.tracking));
        assert!(p.iter().all(|p| !p.tracking));
    }

    #[test]
    fn skipped_levels_are_named() {
        let told: BTreeSet<Level> = BTreeSet::new();
        let none = BTreeSet::new();
        assert_eq!(skipped_levels(Level::Township, Level::City, &told, &none), vec![Level::County]);
        assert_eq!(skipped_levels(Level::Township, Level::Province, &told, &none), vec![Level::County, Level::City]);
        assert!(skipped_levels(Level::Township, Level::County, &told, &none).is_empty());
        assert!(skipped_levels(Level::Township, Level::Leader, &told, &none).is_empty());
        let told: BTreeSet<Level> = [Level::County].into_iter().collect();
        assert!(skipped_levels(Level::Township, Level::City, &told, &none).is_empty());
        let direct: BTreeSet<Level> = [Level::Province].into_iter().collect();
        assert!(skipped_levels(Level::County, Level::Province, &BTreeSet::new(), &direct).is_empty());
    }

    fn ob(id: i64, kind: &str, anchor: DateTime<Utc>, due: DateTime<Utc>, done: Option<DateTime<Utc>>) -> Obligation {
        Obligation {
            id,
            incident_id: 1,
            kind: kind.parse().expect("a kind"),
            anchor_at: anchor,
            due_at: due,
            done_at: done,
            late: false,
            end: None,
            tracking: false,
            confirmed_by: None,
        }
    }

    #[test]
    fn the_chain_grows_one_slot_past_now() {
        let r = rules(DEFAULTS);
        // 08:00 slot open, now 10:00: the 17:00 slot begins at 08:00.
        let slots = [ob(1, "followup", at(22, 2, 10), at(22, 8, 0), None)];
        let add = extend_followups(&slots, at(22, 10, 0), true, &r, Shanghai);
        assert_eq!(add.len(), 1);
        assert_eq!((add[0].anchor_at, add[0].due_at), (at(22, 8, 0), at(22, 17, 0)));
        // Done early, before its due: the next one already exists (it begins at 08:00).
        let slots = [ob(1, "followup", at(22, 2, 10), at(22, 8, 0), Some(at(22, 7, 0)))];
        let add = extend_followups(&slots, at(22, 7, 1), true, &r, Shanghai);
        assert_eq!(add.len(), 1);
        assert_eq!(add[0].due_at, at(22, 17, 0));
        // Two days unattended: four slots.
        let slots = [ob(1, "followup", at(22, 2, 10), at(22, 8, 0), None)];
        let add = extend_followups(&slots, at(24, 9, 0), true, &r, Shanghai);
        let dues: Vec<_> = add.iter().map(|p| p.due_at).collect();
        assert_eq!(dues, vec![at(22, 17, 0), at(23, 8, 0), at(23, 17, 0), at(24, 8, 0), at(24, 17, 0)]);
        assert!(extend_followups(&slots, at(24, 9, 0), false, &r, Shanghai).is_empty());
    }

    #[test]
    fn handling_ended_stops_slots_not_yet_due() {
        let slots = [
            ob(1, "followup", at(22, 2, 10), at(22, 8, 0), None),
            ob(2, "followup", at(22, 8, 0), at(22, 17, 0), None),
        ];
        assert_eq!(stopped_by_end(&slots, at(22, 9, 0)), vec![2]);
    }

    #[test]
    fn regrade_adds_from_the_decision_and_supersedes_what_is_no_longer_owed() {
        let e = EscalationRules::default();
        let r = rules(DEFAULTS);
        let learned = at(22, 2, 10);
        let old = plan(&facts(Grade::III, learned), Level::Township, &r, &e, Shanghai);
        let decision = at(22, 4, 20);
        let new = plan(&facts(Grade::II, decision), Level::Township, &r, &e, Shanghai);
        let existing: Vec<Obligation> = old
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut o = ob(i as i64 + 1, &p.kind.code(), p.anchor_at, p.due_at, None);
                o.tracking = p.tracking;
                o
            })
            .collect();
        let ch = regrade(&existing, &old, &new, false);
        assert!(ch.supersede.is_empty());
        let added: Vec<String> = ch.add.iter().map(|p| p.kind.to_string()).collect();
        assert_eq!(added, vec!["reach-province", "reach-national"]);
        assert!(ch.add.iter().all(|p| p.anchor_at == decision && p.due_at > decision));
        // Down to Ⅳ: no phone report, no follow-ups, no city tracking.
        let new = plan(&facts(Grade::IV, decision), Level::Township, &r, &e, Shanghai);
        let ch = regrade(&existing, &old, &new, false);
        let gone: Vec<String> = ch
            .supersede
            .iter()
            .filter_map(|id| existing.iter().find(|o| o.id == *id))
            .map(|o| o.kind.to_string())
            .collect();
        let mut gone = gone;
        gone.sort();
        assert_eq!(gone, vec!["first-phone", "followup", "reach-city"]);
        assert!(ch.add.is_empty());
    }
}
