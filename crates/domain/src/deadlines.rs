//! The deadline engine: from an incident's facts and the rule table to what is owed and by when, the state of
//! each obligation at a given `now`, what changes when the grade changes, and the countdown text.
//!
//! Everything is a pure function of its arguments. `now` is passed in (read afresh on each tick by the
//! caller; docs/storage-and-performance.md, "Instants and the clock"), so the board can be replayed for any
//! past moment.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::obligation_kind::ObligationKind;
use super::rules::{Anchor, FirstAfter, Rules};
use super::types::{Category, EndState, Grade, Obligation};

/// What the engine needs to know about an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFacts {
    pub category: Category,
    pub grade: Grade,
    pub occurred_at: DateTime<Utc>,
    pub learned_at: DateTime<Utc>,
    /// When handling ended (处置结束); the final report is counted from here.
    pub ended_at: Option<DateTime<Utc>>,
}

/// An obligation the rules say is owed, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedObligation {
    /// A deadline kind from the rules, `followup` or `final`.
    pub kind: ObligationKind,
    pub due_at: DateTime<Utc>,
    /// The moment the deadline is counted from: learned-at or occurred-at for deadline rules, the instant the
    /// follow-up slot search started from (the latest first-report deadline, or learned-at + gap), and ended-at
    /// for the final report. Always at or before `due_at`.
    pub anchor_at: DateTime<Utc>,
    /// A tracking item (a level the chain relays to), not the unit's own duty. See [`super::ledger`].
    #[serde(default)]
    pub tracking: bool,
}

/// The obligations owed for an incident as it stands:
/// - each `[[deadline]]` matching the grade (an unknown grade counts as `unknown_grade_as`) and category; when a
///   category-specific and a general rule give the same kind, the specific one wins; otherwise the earlier due;
/// - the first follow-up slot, if the grade has follow-ups and handling has not ended (later ones are created by
///   the caller with [`next_followup_slot`] as each is sent);
/// - the final report, due `within_hours` after `ended_at`, once handling has ended.
///
/// Sorted by due time, then kind.
pub fn plan(facts: &IncidentFacts, rules: &Rules, tz: Tz) -> Vec<PlannedObligation> {
    let grade = rules.effective_grade(facts.grade);
    // (is the rule category-specific, planned obligation)
    let mut chosen: Vec<(bool, PlannedObligation)> = Vec::new();
    for rule in rules.deadlines.iter().filter(|r| r.matches(grade, facts.category)) {
        let anchor_at = match rule.anchor {
            Anchor::Learned => facts.learned_at,
            Anchor::Occurred => facts.occurred_at,
        };
        let Some(due_at) = rule.within().and_then(|w| anchor_at.checked_add_signed(w)) else {
            continue;
        };
        let specific = rule.categories.is_some();
        let candidate = PlannedObligation { kind: rule.kind.clone(), due_at, anchor_at, tracking: false };
        match chosen.iter_mut().find(|(_, p)| p.kind == rule.kind) {
            None => chosen.push((specific, candidate)),
            Some(slot) => {
                let better = (specific && !slot.0) || (specific == slot.0 && candidate.due_at < slot.1.due_at);
                if better {
                    *slot = (specific, candidate);
                }
            }
        }
    }
    let mut out: Vec<PlannedObligation> = chosen.into_iter().map(|(_, p)| p).collect();

    if let Some(f) = rules.followup.as_ref().filter(|f| f.grades.contains(&grade))
        && facts.ended_at.is_none()
    {
        let after_gap = facts.learned_at.checked_add_signed(f.min_gap());
        let base = match f.first_after {
            FirstAfter::FirstReportDue => {
                out.iter().filter(|p| p.kind.is_first_report()).map(|p| p.due_at).max().or(after_gap)
            }
            FirstAfter::LearnedPlusGap => after_gap,
        };
        if let Some(base) = base
            && let Some(due_at) = next_followup_slot(base, rules, tz)
        {
            // The first slot begins when the incident came to exist; it falls due at the first
            // configured time after `base`.
            out.push(PlannedObligation {
                kind: ObligationKind::Followup,
                due_at,
                anchor_at: facts.learned_at,
                tracking: false,
            });
        }
    }

    if let Some(ended) = facts.ended_at
        && let Some(due_at) = rules.final_report.within().and_then(|w| ended.checked_add_signed(w))
    {
        out.push(PlannedObligation { kind: ObligationKind::Final, due_at, anchor_at: ended, tracking: false });
    }

    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.kind.cmp(&b.kind)));
    out
}

/// The next configured follow-up time strictly after `after`, in the unit's time zone. `None` when the rules
/// have no follow-ups.
///
/// Slots are wall-clock readings, so a day across a DST change is 23 or 25 hours long and the slot stays at
/// 08:00 local. A reading that occurs twice (clocks set back) counts once, at its first occurrence. A reading
/// skipped by clocks going forward moves to the first instant after the gap (a 02:30 slot becomes 03:00), so
/// a follow-up is never silently dropped.
pub fn next_followup_slot(after: DateTime<Utc>, rules: &Rules, tz: Tz) -> Option<DateTime<Utc>> {
    // `slots()` is sorted.
    let slots = rules.followup.as_ref()?.slots();
    let start = after.with_timezone(&tz).date_naive();
    // Two days ahead always holds a slot; the day before guards odd offsets around the date line.
    // Days and, within a day, slots are visited in time order, so the first instant after `after` is
    // the answer (this runs for every open incident on every plan: stopping early matters).
    for offset in -1..=2 {
        let Some(date) = start.checked_add_signed(Duration::days(offset)) else {
            continue;
        };
        for slot in &slots {
            if let Some(t) = slot_instant(date.and_time(*slot), tz)
                && t > after
            {
                return Some(t);
            }
        }
    }
    None
}

/// The instant of a wall-clock reading: its first occurrence, or the end of the DST gap it falls in.
fn slot_instant(naive: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    // Gaps are at most a day long (Samoa skipped 2011-12-30); step by minutes to the first reading that exists.
    for step in 0..=(26 * 60) {
        let reading = naive.checked_add_signed(Duration::minutes(step))?;
        match tz.from_local_datetime(&reading) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                return Some(t.with_timezone(&Utc));
            }
            LocalResult::None => {}
        }
    }
    None
}

/// Where an obligation stands at `now`: open (pending, due soon, overdue) or ended (done, done late,
/// missed, waived, superseded). Exactly one at any moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationState {
    Pending,
    DueSoon,
    Overdue,
    DoneOnTime,
    DoneLate,
    Missed,
    Waived,
    Superseded,
}

impl ObligationState {
    pub const ALL: &'static [ObligationState] = &[
        ObligationState::Pending,
        ObligationState::DueSoon,
        ObligationState::Overdue,
        ObligationState::DoneOnTime,
        ObligationState::DoneLate,
        ObligationState::Missed,
        ObligationState::Waived,
        ObligationState::Superseded,
    ];

    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            ObligationState::Pending => "pending",
            ObligationState::DueSoon => "due-soon",
            ObligationState::Overdue => "overdue",
            ObligationState::DoneOnTime => "done",
            ObligationState::DoneLate => "done-late",
            ObligationState::Missed => "missed",
            ObligationState::Waived => "waived",
            ObligationState::Superseded => "superseded",
        }
    }

    /// True while something is still owed.
    pub fn is_open(self) -> bool {
        matches!(self, ObligationState::Pending | ObligationState::DueSoon | ObligationState::Overdue)
    }
}

impl std::fmt::Display for ObligationState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The state of an obligation at `now`. A done obligation is late if it was sent after its due time or if the
/// store already flagged it (迟报 stays once earned). An ended one is in its end state.
/// Due soon means at most `due_soon` before the deadline; exactly at the deadline is not yet overdue.
///
/// For review (a `now` before the item's end or act), the caller passes the row as it stood then.
pub fn state_of(ob: &Obligation, now: DateTime<Utc>, due_soon: Duration) -> ObligationState {
    DutyTimes::of(ob).state(now, due_soon)
}

/// Whether an obligation counts as 漏报 in a review: it ended missed, or it was waived or superseded after
/// its deadline had passed (an overdue duty never drops out of the on-time rate).
pub fn counts_as_missed(ob: &Obligation) -> bool {
    DutyTimes::of(ob).counts_as_missed()
}

/// The parts of a duty its state is decided from: the rules above in one place, usable on a row read
/// without its texts (the statistics pass over half a million duties reads only these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DutyTimes {
    pub due_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    /// 迟报 as stored (never cleared).
    pub late: bool,
    /// How and when it ended without the act it names.
    pub end: Option<(EndState, DateTime<Utc>)>,
}

impl DutyTimes {
    pub fn of(ob: &Obligation) -> DutyTimes {
        DutyTimes {
            due_at: ob.due_at,
            done_at: ob.done_at,
            late: ob.late,
            end: ob.end.as_ref().map(|e| (e.state, e.at)),
        }
    }

    /// See [`state_of`].
    pub fn state(&self, now: DateTime<Utc>, due_soon: Duration) -> ObligationState {
        if let Some((state, _)) = self.end {
            return match state {
                EndState::Missed => ObligationState::Missed,
                EndState::Waived => ObligationState::Waived,
                EndState::Superseded => ObligationState::Superseded,
            };
        }
        match self.done_at {
            Some(done) if self.late || done > self.due_at => ObligationState::DoneLate,
            Some(_) => ObligationState::DoneOnTime,
            None if now > self.due_at => ObligationState::Overdue,
            None if self.due_at - now <= due_soon => ObligationState::DueSoon,
            None => ObligationState::Pending,
        }
    }

    /// See [`counts_as_missed`].
    pub fn counts_as_missed(&self) -> bool {
        match self.end {
            Some((state, at)) => state == EndState::Missed || self.late || at > self.due_at,
            None => false,
        }
    }

    /// Still owed: neither done nor ended.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.end.is_none()
    }
}

/// Whether 迟报 is earned: still unsent after the deadline, or sent after it. The caller stores the flag and
/// never clears it (docs/rules.md PR-07), so this only ever needs to say when to set it.
pub fn is_late(due: DateTime<Utc>, done_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match done_at {
        Some(done) => done > due,
        None => now > due,
    }
}

/// A deadline countdown for the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countdown {
    pub overdue: bool,
    /// Always with units, so `-29m` and `-2h30m` cannot be mistaken for each other: `45s` under a
    /// minute, `29m` under an hour, `1h05m` under a day, `1d02h` beyond; overdue carries a leading `-`.
    pub text: String,
}

/// Time left until `due` (or past it), e.g. `29m`, `1h05m`, `-2h30m`. The `-` is a marker of lateness
/// next to the overdue flag, not arithmetic: the digits are always the distance from the deadline.
pub fn countdown(due: DateTime<Utc>, now: DateTime<Utc>) -> Countdown {
    let overdue = now > due;
    let secs = (due - now).num_seconds().unsigned_abs();
    let body = if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m", secs / 60)
    } else if secs < 86_400 {
        format!("{}h{:02}m", secs / 3600, (secs % 3600) / 60)
    } else {
        format!("{}d{:02}h", secs / 86_400, (secs % 86_400) / 3600)
    };
    Countdown { overdue, text: if overdue { format!("-{body}") } else { body } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};
    use chrono_tz::Asia::Shanghai;
    use chrono_tz::Europe::Berlin;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const DEFAULTS: &str = include_str!("../../../data/rules.toml");
    const HENAN: &str = include_str!("../../../data/rules/henan.toml");

    fn rules(text: &str) -> Rules {
        Rules::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("test instant").with_timezone(&Utc)
    }

    fn facts(grade: Grade, learned: &str) -> IncidentFacts {
        let learned_at = utc(learned);
        IncidentFacts {
            category: Category::Natural,
            grade,
            occurred_at: learned_at - Duration::minutes(15),
            learned_at,
            ended_at: None,
        }
    }

    /// (kind, minutes after learned-at) for everything but the follow-up, plus the follow-up's local time.
    fn summary(plan: &[PlannedObligation], learned: DateTime<Utc>) -> Vec<(String, i64)> {
        plan.iter()
            .map(|p| {
                let v = if p.kind == ObligationKind::Followup {
                    let l = p.due_at.with_timezone(&Shanghai);
                    i64::from(l.day() * 10_000 + l.hour() * 100 + l.minute())
                } else {
                    (p.due_at - learned).num_minutes()
                };
                (p.kind.to_string(), v)
            })
            .collect()
    }

    fn owned(v: &[(&str, i64)]) -> Vec<(String, i64)> {
        v.iter().map(|(k, m)| (k.to_string(), *m)).collect()
    }

    const LEARNED: &str = "2026-11-22T14:05:00+08:00";

    /// Checks each grade's plan (kinds and minutes after learned-at) against the expected table.
    fn assert_table(r: &Rules, learned: DateTime<Utc>, table: [(Grade, Vec<(String, i64)>); 5]) {
        for (grade, want) in table {
            let got = summary(&plan(&facts(grade, LEARNED), r, Shanghai), learned);
            assert_eq!(got, want, "grade {grade}");
        }
    }

    #[test]
    fn default_profile_by_grade() {
        let r = rules(DEFAULTS);
        let learned = utc(LEARNED);
        // Follow-up shown as day*10000 + HHMM local: the 22nd at 17:00 (after the 15:05 written deadline).
        let high = owned(&[("first-phone", 30), ("first-written", 60), ("followup", 221700), ("national", 240)]);
        let three = owned(&[("first-phone", 30), ("first-written", 60), ("followup", 221700)]);
        let table = [
            (Grade::I, high.clone()),
            (Grade::II, high),
            (Grade::III, three.clone()),
            (Grade::IV, owned(&[("first-written", 360)])),
            (Grade::Unknown, three),
        ];
        assert_table(&r, learned, table);
    }

    #[test]
    fn henan_profile_by_grade() {
        let r = rules(HENAN);
        assert_eq!(r.profile, "henan");
        let learned = utc(LEARNED);
        let high = owned(&[
            ("direct-province", 15),
            ("first-phone", 15),
            ("first-written", 35),
            ("followup", 221700),
            ("national", 240),
        ]);
        let three = owned(&[("first-written", 60), ("followup", 221700)]);
        let table = [
            (Grade::I, high.clone()),
            (Grade::II, high),
            (Grade::III, three.clone()),
            (Grade::IV, owned(&[("first-written", 360)])),
            (Grade::Unknown, three),
        ];
        assert_table(&r, learned, table);
    }

    #[test]
    fn followup_after_an_evening_call_is_next_morning() {
        let r = rules(DEFAULTS);
        // Written due 17:30, so the 17:00 slot is before the first report: next is 08:00 on the 23rd.
        let p = plan(&facts(Grade::III, "2026-11-22T16:30:00+08:00"), &r, Shanghai);
        let f = p.iter().find(|p| p.kind == ObligationKind::Followup).expect("followup");
        assert_eq!(f.due_at, utc("2026-11-23T08:00:00+08:00"));
        // The slot begins when the incident came to exist.
        assert_eq!(f.anchor_at, utc("2026-11-22T16:30:00+08:00"));
        // A written deadline exactly on a slot: the follow-up is the next slot, not the same minute.
        let p = plan(&facts(Grade::III, "2026-11-22T16:00:00+08:00"), &r, Shanghai);
        let f = p.iter().find(|p| p.kind == ObligationKind::Followup).expect("followup");
        assert_eq!(f.due_at, utc("2026-11-23T08:00:00+08:00"));
    }

    #[test]
    fn learned_plus_gap_variant() {
        let text = DEFAULTS.replace("first_after = \"first-report-due\"", "first_after = \"learned-plus-gap\"");
        let r = rules(&text);
        let p = plan(&facts(Grade::III, "2026-11-22T15:30:00+08:00"), &r, Shanghai);
        let f = p.iter().find(|p| p.kind == ObligationKind::Followup).expect("followup");
        assert_eq!(f.due_at, utc("2026-11-22T17:00:00+08:00"));
        let p = plan(&facts(Grade::III, "2026-11-22T16:30:00+08:00"), &r, Shanghai);
        let f = p.iter().find(|p| p.kind == ObligationKind::Followup).expect("followup");
        assert_eq!(f.due_at, utc("2026-11-23T08:00:00+08:00"));
    }

    #[test]
    fn ended_incident_owes_a_final_and_no_followup() {
        let r = rules(DEFAULTS);
        let mut f = facts(Grade::II, LEARNED);
        let ended = utc("2026-11-23T09:00:00+08:00");
        f.ended_at = Some(ended);
        let p = plan(&f, &r, Shanghai);
        assert!(p.iter().all(|p| p.kind != ObligationKind::Followup));
        let fin = p.iter().find(|p| p.kind == ObligationKind::Final).expect("final");
        assert_eq!(fin.due_at, ended + Duration::hours(24));
        assert_eq!(fin.anchor_at, ended);
    }

    #[test]
    fn category_rules_override_general_ones_and_anchor_on_occurred() {
        let text = format!(
            "{HENAN}\n[[deadline]]\nkind = \"report-regulator\"\ngrades = [\"I\", \"II\", \"III\", \"IV\"]\ncategories = [\"accident\"]\nanchor = \"occurred\"\nwithin_minutes = 60\n\n[[deadline]]\nkind = \"first-written\"\ngrades = [\"IV\"]\ncategories = [\"accident\"]\nwithin_minutes = 120\n"
        );
        let r = rules(&text);
        let mut f = facts(Grade::IV, LEARNED);
        f.category = Category::Accident;
        let p = plan(&f, &r, Shanghai);
        let reg = p.iter().find(|p| p.kind == ObligationKind::ReportRegulator).expect("regulator");
        assert_eq!(reg.anchor_at, f.occurred_at);
        assert_eq!(reg.due_at, f.occurred_at + Duration::minutes(60));
        let written: Vec<_> = p.iter().filter(|p| p.kind == ObligationKind::FirstWritten).collect();
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].due_at, f.learned_at + Duration::minutes(120));
        // Other categories keep the general rule and owe nothing to the regulator.
        f.category = Category::Natural;
        let p = plan(&f, &r, Shanghai);
        assert!(p.iter().all(|p| p.kind != ObligationKind::ReportRegulator));
        let written = p.iter().find(|p| p.kind == ObligationKind::FirstWritten).expect("written");
        assert_eq!(written.due_at, f.learned_at + Duration::minutes(360));
    }

    #[test]
    fn followup_slots_across_midnight_month_and_year_ends() {
        let r = rules(DEFAULTS);
        let next = |s: &str| next_followup_slot(utc(s), &r, Shanghai);
        assert_eq!(next("2026-11-22T07:59:00+08:00"), Some(utc("2026-11-22T08:00:00+08:00")));
        // Strictly after: a slot exactly at `after` is not the next one.
        assert_eq!(next("2026-11-22T08:00:00+08:00"), Some(utc("2026-11-22T17:00:00+08:00")));
        assert_eq!(next("2026-11-22T23:59:00+08:00"), Some(utc("2026-11-23T08:00:00+08:00")));
        assert_eq!(next("2027-02-28T17:00:00+08:00"), Some(utc("2027-03-01T08:00:00+08:00")));
        assert_eq!(next("2026-12-31T18:00:00+08:00"), Some(utc("2027-01-01T08:00:00+08:00")));
        // 16:30 UTC on 31 Dec is already 00:30 on 1 Jan in Shanghai.
        assert_eq!(next("2026-12-31T16:30:00Z"), Some(utc("2027-01-01T08:00:00+08:00")));
        let none = rules(MINIMAL_NO_FOLLOWUP);
        assert_eq!(next_followup_slot(utc(LEARNED), &none, Shanghai), None);
    }

    const MINIMAL_NO_FOLLOWUP: &str =
        "profile = \"x\"\n[[deadline]]\nkind = \"first-written\"\ngrades = [\"I\"]\nwithin_minutes = 60\n";

    #[test]
    fn followup_slots_across_daylight_saving() {
        let text = DEFAULTS.replace("local_times = [\"08:00\", \"17:00\"]", "local_times = [\"02:30\", \"08:00\"]");
        let r = rules(&text);
        let next = |s: &str| next_followup_slot(utc(s), &r, Berlin);
        // Spring forward 2026-03-29 02:00 CET → 03:00 CEST: 08:00 stays 08:00 local, 23 h after the day before.
        assert_eq!(
            next("2026-03-28T08:00:00+01:00"),
            Some(utc("2026-03-29T03:00:00+02:00")),
            "02:30 is skipped that night, so the slot moves to the end of the gap"
        );
        assert_eq!(next("2026-03-29T03:00:00+02:00"), Some(utc("2026-03-29T08:00:00+02:00")));
        // Fall back 2026-10-25 03:00 CEST → 02:00 CET: 02:30 happens twice and counts once (the first).
        assert_eq!(next("2026-10-25T00:00:00+02:00"), Some(utc("2026-10-25T02:30:00+02:00")));
        assert_eq!(next("2026-10-25T02:30:00+02:00"), Some(utc("2026-10-25T08:00:00+01:00")));
    }

    fn ob(id: i64, kind: &str, due: DateTime<Utc>, done: Option<DateTime<Utc>>) -> Obligation {
        Obligation {
            id,
            incident_id: 1,
            kind: kind.parse().expect("a kind"),
            anchor_at: due - Duration::hours(1),
            due_at: due,
            done_at: done,
            late: false,
            end: None,
            tracking: false,
            confirmed_by: None,
        }
    }

    #[test]
    fn states_lateness_and_countdown() {
        let due = utc("2026-11-22T15:05:00+08:00");
        let soon = Duration::minutes(10);
        let at = |m: i64| due + Duration::minutes(m);
        assert_eq!(state_of(&ob(1, "final", due, None), at(-11), soon), ObligationState::Pending);
        assert_eq!(state_of(&ob(1, "final", due, None), at(-10), soon), ObligationState::DueSoon);
        assert_eq!(state_of(&ob(1, "final", due, None), at(0), soon), ObligationState::DueSoon);
        assert_eq!(state_of(&ob(1, "final", due, None), at(1), soon), ObligationState::Overdue);
        assert_eq!(state_of(&ob(1, "final", due, Some(at(0))), at(90), soon), ObligationState::DoneOnTime);
        assert_eq!(state_of(&ob(1, "final", due, Some(at(1))), at(90), soon), ObligationState::DoneLate);
        let mut flagged = ob(1, "final", at(60), Some(at(30)));
        flagged.late = true;
        assert_eq!(state_of(&flagged, at(90), soon), ObligationState::DoneLate);

        assert!(!is_late(due, None, at(0)));
        assert!(is_late(due, None, at(1)));
        assert!(is_late(due, Some(at(1)), at(1)));
        assert!(!is_late(due, Some(at(-1)), at(100)));

        let cd = |secs: i64| countdown(due, due - Duration::seconds(secs));
        assert_eq!(cd(19 * 60 + 33), Countdown { overdue: false, text: "19m".into() });
        assert_eq!(cd(0).text, "0s");
        assert!(!cd(0).overdue);
        assert_eq!(cd(45).text, "45s");
        assert_eq!(cd(3599).text, "59m");
        assert_eq!(cd(3600).text, "1h00m");
        assert_eq!(cd(2 * 3600 + 5 * 60 + 59).text, "2h05m");
        assert_eq!(cd(26 * 3600 + 5 * 60).text, "1d02h");
        assert_eq!(cd(-(3 * 60 + 10)), Countdown { overdue: true, text: "-3m".into() });
        // Issue 17: 29 minutes and two and a half hours overdue read differently.
        assert_eq!(cd(-29 * 60).text, "-29m");
        assert_eq!(cd(-(2 * 3600 + 30 * 60)).text, "-2h30m");
    }

    fn any_grade() -> impl Strategy<Value = Grade> {
        prop::sample::select(Grade::ALL.to_vec())
    }
    fn any_category() -> impl Strategy<Value = Category> {
        prop::sample::select(Category::ALL.to_vec())
    }
    fn any_tz() -> impl Strategy<Value = Tz> {
        prop::sample::select(vec![Shanghai, Berlin, chrono_tz::America::New_York])
    }

    /// 2000-01-01 .. 2100-01-01.
    const SECS: std::ops::Range<i64> = 946_684_800..4_102_444_800;

    proptest! {
        #[test]
        fn nothing_is_due_before_its_anchor(
            henan in any::<bool>(),
            grade in any_grade(),
            category in any_category(),
            tz in any_tz(),
            learned in SECS,
            occurred_before in 0i64..200_000,
            ended_after in prop::option::of(0i64..2_000_000),
        ) {
            let r = rules(if henan { HENAN } else { DEFAULTS });
            let learned_at = DateTime::from_timestamp(learned, 0).unwrap_or_default();
            let f = IncidentFacts {
                category,
                grade,
                occurred_at: learned_at - Duration::seconds(occurred_before),
                learned_at,
                ended_at: ended_after.map(|s| learned_at + Duration::seconds(s)),
            };
            let p = plan(&f, &r, tz);
            prop_assert!(!p.is_empty());
            for o in &p {
                prop_assert!(o.due_at > o.anchor_at, "{o:?}");
                prop_assert!(o.anchor_at >= f.occurred_at, "{o:?}");
            }
            let kinds: BTreeSet<&ObligationKind> = p.iter().map(|o| &o.kind).collect();
            prop_assert_eq!(kinds.len(), p.len(), "one obligation per kind");
            prop_assert_eq!(kinds.contains(&ObligationKind::Final), f.ended_at.is_some());
        }

        #[test]
        fn followups_fall_on_configured_local_times(
            tz in any_tz(),
            after in SECS,
            times in prop::sample::subsequence(vec!["00:00", "08:00", "12:30", "17:00", "23:59"], 1..=5),
        ) {
            let text = DEFAULTS.replace(
                "local_times = [\"08:00\", \"17:00\"]",
                &format!("local_times = [{}]", times.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")),
            );
            let r = rules(&text);
            let after = DateTime::from_timestamp(after, 0).unwrap_or_default();
            let next = next_followup_slot(after, &r, tz);
            prop_assert!(next.is_some());
            let next = next.unwrap_or_default();
            prop_assert!(next > after);
            let local = next.with_timezone(&tz);
            let hhmm = format!("{:02}:{:02}", local.hour(), local.minute());
            prop_assert!(times.contains(&hhmm.as_str()), "{hhmm} not in {times:?}");
            prop_assert_eq!(local.second(), 0);
            // It is the next one: no configured reading lies strictly between `after` and it.
            prop_assert!(next - after <= Duration::hours(25));
            // Walk every whole minute in (after, next): none may read as a configured time.
            let first_minute = (after.timestamp().div_euclid(60) + 1) * 60;
            let mut probe = DateTime::from_timestamp(first_minute, 0).unwrap_or_default();
            while probe < next {
                let l = probe.with_timezone(&tz);
                let hhmm = format!("{:02}:{:02}", l.hour(), l.minute());
                prop_assert!(!times.contains(&hhmm.as_str()), "{hhmm} at {probe} skipped");
                probe += Duration::minutes(1);
            }
        }

        #[test]
        fn berlin_followups_near_dst_changes(
            // Minutes around the 2026 spring (29 Mar) and autumn (25 Oct) changes, ± 3 days.
            spring in any::<bool>(),
            minute in -4320i64..4320,
        ) {
            let r = rules(DEFAULTS);
            let pivot = if spring { utc("2026-03-29T01:00:00Z") } else { utc("2026-10-25T01:00:00Z") };
            let after = pivot + Duration::minutes(minute);
            let next = next_followup_slot(after, &r, Berlin).unwrap_or_default();
            prop_assert!(next > after);
            let local = next.with_timezone(&Berlin);
            prop_assert!(matches!((local.hour(), local.minute()), (8, 0) | (17, 0)), "{local}");
            prop_assert!(next - after <= Duration::hours(16));
        }
    }
}
