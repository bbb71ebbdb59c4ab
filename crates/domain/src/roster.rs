//! Duty roster (值班表): filling a roster from a pattern, and checking one.
//!
//! The checks are the product rules docs/rules.md PR-01 (every minute covered by a 值班员, D1/D2) and PR-02 (a
//! named 带班领导 on holidays, weekends and sensitive periods, D4/D5), plus the hygiene a watch room needs
//! before filing a roster upward (docs/rules.md, Roster rules): nobody booked twice, nobody on duty too long,
//! nobody inactive.
//!
//! All instants are UTC. Local wall-clock times (the change-of-shift time, calendar days) are converted
//! with an explicit time zone and an explicit DST policy, see [`local_to_utc`].

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, LeaderReason};
use super::types::{Person, Role, Shift, UnknownCode};

/// Unit rules for checking a roster. The change-of-shift time is not here: the caller passes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RosterRules {
    /// Longest continuous duty of one person, in hours. 24 because the usual pattern is one 24-hour
    /// shift (24小时值班, D1/D2 and Roster rules in docs/rules.md) with a rest day after; anything longer means
    /// somebody was chained into a second shift, which fatigues the officer answering the line.
    pub max_continuous_hours: u32,
    /// Ask for a 带班领导 every day, not only on weekends, holidays and sensitive periods. Some units
    /// run 领导带班 daily; the national rule (docs/rules.md PR-02: D4, D5) only requires it on holidays and
    /// sensitive periods.
    pub leader_every_day: bool,
}

impl Default for RosterRules {
    fn default() -> Self {
        RosterRules { max_continuous_hours: 24, leader_every_day: false }
    }
}

coded_enum!(
    /// How a day is cut into officer shifts when filling a roster.
    Pattern, "pattern" {
        Daily24 => "daily24", "24小时班";
        DayNight12 => "day-night-12", "白夜班";
        Three8 => "three-8", "三班倒";
    }
);

impl Pattern {
    /// Number of officer shifts per day.
    pub fn shifts_per_day(self) -> u32 {
        match self {
            Pattern::Daily24 => 1,
            Pattern::DayNight12 => 2,
            Pattern::Three8 => 3,
        }
    }
}

/// A shift to be created; the store gives it an id and the person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftSpec {
    pub person_id: i64,
    pub role: Role,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Why a roster could not be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("no duty officers given: every shift needs a 值班员")]
    NoOfficers,
    #[error("the range ends ({to}) before it starts ({from})")]
    ReversedRange { from: NaiveDate, to: NaiveDate },
    #[error("local time {0} cannot be placed in the time zone")]
    Unmappable(NaiveDateTime),
}

/// Who stands `role` among `shifts` (those covering a moment): the one answer to "who is the officer
/// / the leader on duty", for the board, the CLI, the documents and the acting officer alike.
pub fn on_duty(shifts: &[Shift], role: Role) -> Option<&str> {
    shifts.iter().find(|s| s.role == role).map(|s| s.person_name.as_str())
}

/// Converts a local wall-clock time to an instant, with an explicit DST policy:
///
/// * ambiguous (the repeated hour when clocks go back): the **earliest** instant, so a shift that
///   starts then starts at the first occurrence and nobody waits an extra hour to be relieved;
/// * non-existent (the skipped hour when clocks go forward): the **first valid instant after** it,
///   i.e. the moment of the transition (02:30 in Berlin on spring-forward day becomes 03:00 CEST).
///   The previous shift then simply ends at the transition, so coverage has no hole.
///
/// Returns `None` only if no valid local time exists within two days after `local` (never for real
/// zones; the bound keeps the search finite).
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        LocalResult::None => first_valid_after(local, tz),
    }
}

/// Walks forward minute by minute from a non-existent local time. Transitions happen on whole
/// minutes, so the first local minute that exists is the transition itself. Gaps are an hour in
/// practice (at most a day, e.g. Samoa 2011), so this runs only a few dozen steps once a year.
fn first_valid_after(local: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    let start = local.with_second(0)?.with_nanosecond(0)?;
    (1..=2 * 24 * 60).find_map(|m| {
        let candidate = start + Duration::minutes(m);
        tz.from_local_datetime(&candidate).earliest().map(|t| t.with_timezone(&Utc))
    })
}

/// The instant a local calendar day starts (its first valid local minute).
pub fn local_day_start(date: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    local_to_utc(date.and_time(NaiveTime::MIN), tz)
}

/// Fills a roster for the local dates `from..=to`.
///
/// Each duty day starts at `change_time` (local) and ends at the next day's `change_time`; the
/// officer shifts cut it into 1, 2 or 3 equal wall-clock parts. Officers rotate round-robin across
/// all shifts; leader and standby rotate one per duty day, when their lists are non-empty. Shift
/// boundaries are computed once per wall-clock time and shared, so consecutive shifts never have a
/// gap or an overlap, even across DST changes (a 24 h shift over spring-forward lasts 23 h).
#[allow(clippy::too_many_arguments)] // the brief's signature: each argument is a distinct input.
pub fn fill(
    pattern: Pattern,
    from: NaiveDate,
    to: NaiveDate,
    change_time: NaiveTime,
    tz: Tz,
    officers: &[i64],
    leaders: &[i64],
    standby: &[i64],
) -> Result<Vec<ShiftSpec>, RosterError> {
    if officers.is_empty() {
        return Err(RosterError::NoOfficers);
    }
    if to < from {
        return Err(RosterError::ReversedRange { from, to });
    }
    let per_day = pattern.shifts_per_day();
    let step = Duration::hours(i64::from(24 / per_day));
    let mut out = Vec::new();
    let mut officer_turn = 0usize;
    for (day_index, date) in from.iter_days().take_while(|d| *d <= to).enumerate() {
        let day_start_local = date.and_time(change_time);
        let boundary = |k: u32| -> Result<DateTime<Utc>, RosterError> {
            let local = day_start_local + step * k as i32;
            local_to_utc(local, tz).ok_or(RosterError::Unmappable(local))
        };
        let bounds = (0..=per_day).map(boundary).collect::<Result<Vec<_>, _>>()?;
        for w in bounds.windows(2) {
            let person_id = officers[officer_turn % officers.len()];
            officer_turn += 1;
            out.push(spec(person_id, Role::Officer, w[0], w[1]));
        }
        let (day_start, day_end) = (bounds[0], bounds[bounds.len() - 1]);
        for (list, role) in [(leaders, Role::Leader), (standby, Role::Standby)] {
            if !list.is_empty() {
                out.push(spec(list[day_index % list.len()], role, day_start, day_end));
            }
        }
    }
    Ok(out)
}

fn spec(person_id: i64, role: Role, start: DateTime<Utc>, end: DateTime<Utc>) -> ShiftSpec {
    ShiftSpec { person_id, role, start, end }
}

/// Something wrong with a roster. Every variant can describe itself in zh and en.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Time with no 值班员 on duty (docs/rules.md PR-01). Maximal: adjacent gaps are one problem.
    Gap { from: DateTime<Utc>, to: DateTime<Utc> },
    /// One person on two shifts at once (any roles).
    Overlap { person_id: i64, person_name: String, a: i64, b: i64, from: DateTime<Utc>, to: DateTime<Utc> },
    /// A local day that needs a 带班领导 has none (docs/rules.md PR-02).
    NoLeader { date: NaiveDate, reason: LeaderReason },
    /// One person's continuous duty is longer than the rules allow.
    OverLong { person_id: i64, person_name: String, from: DateTime<Utc>, to: DateTime<Utc>, hours: f64 },
    /// A person marked inactive (left, on leave) is still on a shift.
    Inactive { person_id: i64, person_name: String, shift_id: i64 },
}

impl Problem {
    /// Rank among problems at the same instant, so the order is total and stable.
    fn rank(&self) -> u8 {
        match self {
            Problem::Gap { .. } => 0,
            Problem::NoLeader { .. } => 1,
            Problem::Overlap { .. } => 2,
            Problem::OverLong { .. } => 3,
            Problem::Inactive { .. } => 4,
        }
    }
}

/// Checks the shifts against the rules for the window `[from, to)`.
///
/// `shifts` are the current assignments (a shift replaced by a swap must not be passed in). Shifts
/// outside the window still count for chains and double bookings that reach into it. Problems come
/// sorted by the instant they start. Runs in O(n log n + d log n) for n shifts and d days.
pub fn check(
    shifts: &[Shift],
    people: &[Person],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
    calendar: &Calendar,
    rules: &RosterRules,
) -> Vec<Problem> {
    if to <= from {
        return Vec::new();
    }
    let people: HashMap<i64, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let name_of =
        |s: &Shift| -> String { people.get(&s.person_id).map_or_else(|| s.person_name.clone(), |p| p.name.clone()) };
    let in_window = |s: &&Shift| s.start < to && s.end > from && s.start < s.end;

    let mut found: Vec<(DateTime<Utc>, Problem)> = Vec::new();
    let officer_spans = spans(shifts.iter().filter(in_window), Role::Officer);
    found.extend(gaps(&officer_spans, from, to).into_iter().map(|(f, t)| (f, Problem::Gap { from: f, to: t })));
    found.extend(missing_leaders(shifts, from, to, tz, calendar, rules));
    found.extend(per_person(shifts, from, to, rules, &name_of));
    for s in shifts.iter().filter(in_window) {
        if people.get(&s.person_id).is_some_and(|p| !p.active) {
            let p = Problem::Inactive { person_id: s.person_id, person_name: name_of(s), shift_id: s.id };
            found.push((s.start, p));
        }
    }
    found.sort_by(|(ta, a), (tb, b)| ta.cmp(tb).then(a.rank().cmp(&b.rank())));
    found.into_iter().map(|(_, p)| p).collect()
}

type Span = (DateTime<Utc>, DateTime<Utc>);

/// The `[start, end)` spans of shifts with `role`, sorted by start.
fn spans<'a>(shifts: impl Iterator<Item = &'a Shift>, role: Role) -> Vec<Span> {
    let mut v: Vec<Span> = shifts.filter(|s| s.role == role).map(|s| (s.start, s.end)).collect();
    v.sort_unstable();
    v
}

/// Maximal sub-intervals of `[from, to)` covered by none of the sorted `spans`.
fn gaps(spans: &[Span], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut covered_until = from;
    for &(s, e) in spans {
        if covered_until >= to {
            break;
        }
        if s > covered_until {
            out.push((covered_until, s.min(to)));
        }
        covered_until = covered_until.max(e);
    }
    if covered_until < to {
        out.push((covered_until, to));
    }
    out
}

/// Merges sorted spans into disjoint ones; touching spans join (end == start is continuous).
fn union(spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for &(s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// True when the disjoint sorted `merged` spans meet `[s, e)`.
fn meets(merged: &[Span], s: DateTime<Utc>, e: DateTime<Utc>) -> bool {
    let i = merged.partition_point(|&(_, end)| end <= s);
    merged.get(i).is_some_and(|&(start, _)| start < e)
}

/// docs/rules.md PR-02: every local day touched by the window that needs a leader must meet a leader shift. Any
/// overlap counts (a 24 h leader shift from 08:00 leads two calendar days), because units differ on
/// whether the duty day starts at midnight or at the change time and both must pass.
fn missing_leaders(
    shifts: &[Shift],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
    calendar: &Calendar,
    rules: &RosterRules,
) -> Vec<(DateTime<Utc>, Problem)> {
    // All leader shifts, not only those in the window: a day at the window's edge may be led by a
    // shift that lies outside the window.
    let leaders = union(&spans(shifts.iter().filter(|s| s.start < s.end), Role::Leader));
    let first = from.with_timezone(&tz).date_naive();
    let last = (to - Duration::nanoseconds(1)).with_timezone(&tz).date_naive();
    let mut out = Vec::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let Some(reason) = calendar.leader_required(date, rules.leader_every_day) else {
            continue;
        };
        let (Some(ds), Some(de)) =
            (local_day_start(date, tz), date.checked_add_days(Days::new(1)).and_then(|n| local_day_start(n, tz)))
        else {
            continue;
        };
        if !meets(&leaders, ds, de) {
            out.push((ds, Problem::NoLeader { date, reason }));
        }
    }
    out
}

/// Double bookings and over-long chains, one person at a time.
fn per_person(
    shifts: &[Shift],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    rules: &RosterRules,
    name_of: &dyn Fn(&Shift) -> String,
) -> Vec<(DateTime<Utc>, Problem)> {
    let mut sorted: Vec<&Shift> = shifts.iter().filter(|s| s.start < s.end).collect();
    sorted.sort_by_key(|s| (s.person_id, s.start, s.end, s.id));
    let limit = Duration::hours(i64::from(rules.max_continuous_hours));
    let mut out = Vec::new();
    for group in sorted.chunk_by(|a, b| a.person_id == b.person_id) {
        overlaps_of(group, from, to, name_of, &mut out);
        over_long_of(group, from, to, limit, name_of, &mut out);
    }
    out
}

/// Each shift that starts before the longest-running earlier shift ends is a double booking with it.
fn overlaps_of(
    group: &[&Shift],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    name_of: &dyn Fn(&Shift) -> String,
    out: &mut Vec<(DateTime<Utc>, Problem)>,
) {
    let mut running: Option<&Shift> = None;
    for &b in group {
        if let Some(a) = running.filter(|a| b.start < a.end) {
            let (f, t) = (b.start, a.end.min(b.end));
            if f < to && t > from {
                let p = Problem::Overlap {
                    person_id: b.person_id,
                    person_name: name_of(b),
                    a: a.id,
                    b: b.id,
                    from: f,
                    to: t,
                };
                out.push((f, p));
            }
        }
        if running.is_none_or(|a| b.end > a.end) {
            running = Some(b);
        }
    }
}

/// Chains of shifts that touch or overlap longer than `limit`, reported if they reach the window.
fn over_long_of(
    group: &[&Shift],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: Duration,
    name_of: &dyn Fn(&Shift) -> String,
    out: &mut Vec<(DateTime<Utc>, Problem)>,
) {
    let (Some(first), spans) = (group.first(), union(&spans_all(group))) else {
        return;
    };
    for (f, t) in spans {
        if t - f > limit && f < to && t > from {
            let p = Problem::OverLong {
                person_id: first.person_id,
                person_name: name_of(first),
                from: f,
                to: t,
                hours: (t - f).num_seconds() as f64 / 3600.0,
            };
            out.push((f, p));
        }
    }
}

/// Spans of already sorted shifts, any role.
fn spans_all(group: &[&Shift]) -> Vec<Span> {
    group.iter().map(|s| (s.start, s.end)).collect()
}

/// Who is on duty at one instant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OnDuty<'a> {
    pub officer: Vec<&'a Shift>,
    pub leader: Vec<&'a Shift>,
    pub standby: Vec<&'a Shift>,
}

/// The shifts covering `t`, by role (start inclusive, end exclusive).
pub fn on_duty_at(shifts: &[Shift], t: DateTime<Utc>) -> OnDuty<'_> {
    let mut on = OnDuty::default();
    for s in shifts.iter().filter(|s| s.covers(t)) {
        match s.role {
            Role::Officer => on.officer.push(s),
            Role::Leader => on.leader.push(s),
            Role::Standby => on.standby.push(s),
        }
    }
    on
}

/// The next change of duty officer strictly after `t`: the earliest start of an officer shift after
/// `t`, and all officer shifts starting then (usually one).
pub fn next_change_after(shifts: &[Shift], t: DateTime<Utc>) -> Option<(DateTime<Utc>, Vec<&Shift>)> {
    let officers = || shifts.iter().filter(move |s| s.role == Role::Officer && s.start > t);
    let at = officers().map(|s| s.start).min()?;
    Some((at, officers().filter(|s| s.start == at).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{CalendarFile, PeriodKind};
    use chrono_tz::Asia::Shanghai;
    use chrono_tz::Europe::Berlin;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("rfc3339").with_timezone(&Utc)
    }

    fn person(id: i64, active: bool) -> Person {
        Person {
            id,
            name: format!("P{id}"),
            phone: String::new(),
            department: String::new(),
            roles: vec![Role::Officer, Role::Leader],
            active,
        }
    }

    fn shift(id: i64, person_id: i64, role: Role, start: &str, end: &str) -> Shift {
        Shift {
            id,
            person_id,
            person_name: format!("P{person_id}"),
            role,
            start: utc(start),
            end: utc(end),
            replaces: None,
            swap_reason: None,
        }
    }

    fn to_shifts(specs: &[ShiftSpec]) -> Vec<Shift> {
        specs
            .iter()
            .enumerate()
            .map(|(i, s)| Shift {
                id: i as i64 + 1,
                person_id: s.person_id,
                person_name: format!("P{}", s.person_id),
                role: s.role,
                start: s.start,
                end: s.end,
                replaces: None,
                swap_reason: None,
            })
            .collect()
    }

    fn empty_calendar() -> Calendar {
        Calendar::merge(&[])
    }

    fn shipped() -> Calendar {
        Calendar::shipped().expect("shipped calendar")
    }

    fn assert_contiguous(specs: &[ShiftSpec]) {
        let officers: Vec<_> = specs.iter().filter(|s| s.role == Role::Officer).collect();
        for w in officers.windows(2) {
            assert_eq!(w[0].end, w[1].start, "gap or overlap between {w:?}");
        }
    }

    #[test]
    fn fill_daily24_rotates_officers_leaders_standby() {
        let specs =
            fill(Pattern::Daily24, d(2026, 6, 1), d(2026, 6, 3), hm(8, 30), Shanghai, &[1, 2], &[10], &[20, 21, 22])
                .expect("fills");
        let officers: Vec<i64> = specs.iter().filter(|s| s.role == Role::Officer).map(|s| s.person_id).collect();
        assert_eq!(officers, vec![1, 2, 1]);
        let standby: Vec<i64> = specs.iter().filter(|s| s.role == Role::Standby).map(|s| s.person_id).collect();
        assert_eq!(standby, vec![20, 21, 22]);
        assert_eq!(specs[0].start, utc("2026-06-01T00:30:00Z"));
        assert_eq!(specs[0].end, utc("2026-06-02T00:30:00Z"));
        assert_contiguous(&specs);
    }

    #[test]
    fn fill_three8_and_day_night() {
        let specs = fill(Pattern::Three8, d(2026, 6, 1), d(2026, 6, 2), hm(8, 0), Shanghai, &[1, 2, 3, 4], &[], &[])
            .expect("fills");
        assert_eq!(specs.len(), 6);
        assert!(specs.iter().all(|s| s.end - s.start == Duration::hours(8)));
        assert_eq!(specs.iter().map(|s| s.person_id).collect::<Vec<_>>(), vec![1, 2, 3, 4, 1, 2]);
        assert_contiguous(&specs);
        let dn = fill(Pattern::DayNight12, d(2026, 6, 1), d(2026, 6, 1), hm(8, 0), Shanghai, &[1, 2], &[9], &[])
            .expect("fills");
        assert_eq!(dn.len(), 3);
        assert_eq!(dn[1].start, utc("2026-06-01T12:00:00Z"));
        assert_eq!(dn[2].role, Role::Leader);
        assert_eq!(dn[2].end - dn[2].start, Duration::hours(24));
    }

    #[test]
    fn fill_rejects_bad_input() {
        let r = fill(Pattern::Daily24, d(2026, 6, 2), d(2026, 6, 1), hm(8, 0), Shanghai, &[1], &[], &[]);
        assert!(matches!(r, Err(RosterError::ReversedRange { .. })));
        let r = fill(Pattern::Daily24, d(2026, 6, 1), d(2026, 6, 1), hm(8, 0), Shanghai, &[], &[1], &[]);
        assert_eq!(r, Err(RosterError::NoOfficers));
    }

    #[test]
    fn berlin_spring_forward_shift_is_23_hours() {
        // 2026-03-29: clocks go 02:00 CET → 03:00 CEST.
        let specs =
            fill(Pattern::Daily24, d(2026, 3, 27), d(2026, 3, 30), hm(8, 0), Berlin, &[1, 2], &[], &[]).expect("fills");
        let lens: Vec<i64> = specs.iter().map(|s| (s.end - s.start).num_hours()).collect();
        assert_eq!(lens, vec![24, 23, 24, 24]);
        assert_eq!(specs[1].end, utc("2026-03-29T06:00:00Z"));
        assert_contiguous(&specs);
    }

    #[test]
    fn berlin_change_time_inside_the_skipped_hour_moves_to_the_transition() {
        let specs =
            fill(Pattern::Daily24, d(2026, 3, 28), d(2026, 3, 29), hm(2, 30), Berlin, &[1], &[], &[]).expect("fills");
        // 02:30 does not exist on 03-29: the shift changes at 03:00 CEST = 01:00 UTC.
        assert_eq!(specs[0].end, utc("2026-03-29T01:00:00Z"));
        assert_eq!(specs[0].end - specs[0].start, Duration::minutes(23 * 60 + 30));
        assert_contiguous(&specs);
    }

    #[test]
    fn berlin_fall_back_uses_the_earliest_instant() {
        // 2026-10-25: clocks go 03:00 CEST → 02:00 CET; 02:30 happens twice.
        let specs = fill(Pattern::Daily24, d(2026, 10, 24), d(2026, 10, 25), hm(2, 30), Berlin, &[1, 2], &[], &[])
            .expect("fills");
        assert_eq!(specs[0].end, utc("2026-10-25T00:30:00Z"));
        assert_eq!(specs[0].end - specs[0].start, Duration::hours(24));
        assert_eq!(specs[1].end - specs[1].start, Duration::hours(25));
        assert_contiguous(&specs);
        let three = fill(Pattern::Three8, d(2026, 10, 24), d(2026, 10, 26), hm(8, 0), Berlin, &[1, 2, 3], &[], &[])
            .expect("fills");
        assert_contiguous(&three);
        let total: i64 = three.iter().map(|s| (s.end - s.start).num_hours()).sum();
        assert_eq!(total, 3 * 24 + 1);
    }

    #[test]
    fn filled_roster_checks_clean() {
        let specs =
            fill(Pattern::Daily24, d(2026, 1, 1), d(2026, 12, 31), hm(8, 0), Shanghai, &[1, 2, 3], &[10, 11], &[])
                .expect("fills");
        let shifts = to_shifts(&specs);
        let people: Vec<Person> = [1, 2, 3, 10, 11].map(|id| person(id, true)).to_vec();
        let from = utc("2026-01-01T00:00:00Z");
        let to = utc("2026-12-31T00:00:00Z");
        let problems = check(
            &shifts,
            &people,
            from,
            to,
            Shanghai,
            &shipped(),
            &RosterRules { leader_every_day: true, max_continuous_hours: 24 },
        );
        assert_eq!(problems, vec![]);
    }

    #[test]
    fn gap_is_reported_maximal_and_at_window_edges() {
        let shifts = vec![
            shift(1, 1, Role::Officer, "2026-06-01T00:00:00Z", "2026-06-01T08:00:00Z"),
            shift(2, 2, Role::Officer, "2026-06-01T04:00:00Z", "2026-06-01T10:00:00Z"),
            shift(3, 3, Role::Officer, "2026-06-01T10:00:00Z", "2026-06-01T12:00:00Z"),
            // A leader does not cover the officer gap.
            shift(4, 4, Role::Leader, "2026-06-01T12:00:00Z", "2026-06-01T20:00:00Z"),
            shift(5, 1, Role::Officer, "2026-06-01T20:00:00Z", "2026-06-02T00:00:00Z"),
        ];
        let people: Vec<Person> = (1..=4).map(|id| person(id, true)).collect();
        let problems = check(
            &shifts,
            &people,
            utc("2026-05-31T23:00:00Z"),
            utc("2026-06-02T01:00:00Z"),
            chrono_tz::UTC,
            &empty_calendar(),
            &RosterRules::default(),
        );
        // 2026-05-31 is a Sunday: its missing leader is reported too, first.
        assert!(matches!(problems[0], Problem::NoLeader { reason: LeaderReason::Weekend, .. }));
        let problems = problems[1..].to_vec();
        assert_eq!(
            problems,
            vec![
                Problem::Gap { from: utc("2026-05-31T23:00:00Z"), to: utc("2026-06-01T00:00:00Z") },
                Problem::Gap { from: utc("2026-06-01T12:00:00Z"), to: utc("2026-06-01T20:00:00Z") },
                Problem::Gap { from: utc("2026-06-02T00:00:00Z"), to: utc("2026-06-02T01:00:00Z") },
            ]
        );
    }

    #[test]
    fn overlap_of_one_person_any_roles() {
        let shifts = vec![
            shift(1, 1, Role::Officer, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
            shift(2, 1, Role::Leader, "2026-06-01T20:00:00Z", "2026-06-02T04:00:00Z"),
            shift(3, 2, Role::Officer, "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
        ];
        let people = vec![person(1, true), person(2, true)];
        let problems = check(
            &shifts,
            &people,
            utc("2026-06-01T00:00:00Z"),
            utc("2026-06-03T00:00:00Z"),
            chrono_tz::UTC,
            &empty_calendar(),
            &RosterRules { max_continuous_hours: 48, ..RosterRules::default() },
        );
        assert_eq!(
            problems,
            vec![Problem::Overlap {
                person_id: 1,
                person_name: "P1".into(),
                a: 1,
                b: 2,
                from: utc("2026-06-01T20:00:00Z"),
                to: utc("2026-06-02T00:00:00Z"),
            }]
        );
    }

    #[test]
    fn over_long_chain_and_inactive_person() {
        let shifts = vec![
            shift(1, 1, Role::Officer, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
            shift(2, 1, Role::Officer, "2026-06-02T00:00:00Z", "2026-06-02T08:00:00Z"),
            shift(3, 2, Role::Officer, "2026-06-02T08:00:00Z", "2026-06-03T08:00:00Z"),
        ];
        let people = vec![person(1, true), person(2, false)];
        let problems = check(
            &shifts,
            &people,
            utc("2026-06-01T00:00:00Z"),
            utc("2026-06-03T08:00:00Z"),
            chrono_tz::UTC,
            &empty_calendar(),
            &RosterRules::default(),
        );
        assert_eq!(
            problems,
            vec![
                Problem::OverLong {
                    person_id: 1,
                    person_name: "P1".into(),
                    from: utc("2026-06-01T00:00:00Z"),
                    to: utc("2026-06-02T08:00:00Z"),
                    hours: 32.0,
                },
                Problem::Inactive { person_id: 2, person_name: "P2".into(), shift_id: 3 },
            ]
        );
    }

    /// Officer coverage all day so only leader problems show; leader on the days listed.
    fn leader_check(days: &[(u32, u32)], leader_days: &[(u32, u32)], cal: &Calendar) -> Vec<Problem> {
        let mut shifts = Vec::new();
        let mut id = 0;
        for &(m, day) in days {
            let start = local_day_start(d(2026, m, day), Shanghai).expect("start");
            id += 1;
            shifts.push(Shift {
                id,
                person_id: id,
                person_name: String::new(),
                role: Role::Officer,
                start,
                end: start + Duration::hours(24),
                replaces: None,
                swap_reason: None,
            });
            if leader_days.contains(&(m, day)) {
                id += 1;
                shifts.push(Shift {
                    id,
                    person_id: 1000 + id,
                    person_name: String::new(),
                    role: Role::Leader,
                    start: start + Duration::hours(9),
                    end: start + Duration::hours(17),
                    replaces: None,
                    swap_reason: None,
                });
            }
        }
        let first = days[0];
        let last = days[days.len() - 1];
        let from = local_day_start(d(2026, first.0, first.1), Shanghai).expect("from");
        let to = local_day_start(d(2026, last.0, last.1), Shanghai).expect("to") + Duration::hours(24);
        check(&shifts, &[], from, to, Shanghai, cal, &RosterRules::default())
    }

    fn no_leader_dates(problems: &[Problem]) -> Vec<NaiveDate> {
        problems
            .iter()
            .filter_map(|p| match p {
                Problem::NoLeader { date, .. } => Some(*date),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn leader_required_on_weekend_holiday_period_not_on_makeup_day() {
        let cal = shipped();
        // 2026-10-08 Thu (workday) .. 2026-10-11 Sun; 10-10 is a make-up workday (Sat).
        let p = leader_check(&[(10, 8), (10, 9), (10, 10), (10, 11)], &[], &cal);
        assert_eq!(no_leader_dates(&p), vec![d(2026, 10, 11)]);
        assert!(matches!(&p[0], Problem::NoLeader { reason: LeaderReason::Weekend, .. }), "{p:?}");
        // Holiday 10-01..10-03, leader only on 10-02.
        let p = leader_check(&[(10, 1), (10, 2), (10, 3)], &[(10, 2)], &cal);
        assert_eq!(no_leader_dates(&p), vec![d(2026, 10, 1), d(2026, 10, 3)]);
        assert!(matches!(&p[0], Problem::NoLeader { reason: LeaderReason::Holiday { .. }, .. }));
        // 两会 on a Tuesday.
        let p = leader_check(&[(3, 10)], &[], &cal);
        assert!(matches!(
            &p[0],
            Problem::NoLeader { reason: LeaderReason::Period { kind: PeriodKind::Lianghui, .. }, .. }
        ));
        // Custom period that requires a leader, on a plain Wednesday.
        let user = CalendarFile::parse(
            "[[period]]\nkind='special'\nname='特防期'\nstart=2026-07-15\nend=2026-07-15\nleader_required=true\n",
        )
        .expect("parses");
        let cal = Calendar::merge(&[user]);
        let p = leader_check(&[(7, 14), (7, 15)], &[], &cal);
        assert_eq!(no_leader_dates(&p), vec![d(2026, 7, 15)]);
    }

    #[test]
    fn problems_are_sorted_by_time() {
        let shifts = vec![
            shift(1, 1, Role::Officer, "2026-06-06T00:00:00Z", "2026-06-06T12:00:00Z"),
            shift(2, 1, Role::Officer, "2026-06-06T06:00:00Z", "2026-06-06T10:00:00Z"),
        ];
        let p = check(
            &shifts,
            &[person(1, false)],
            utc("2026-06-06T00:00:00Z"),
            utc("2026-06-07T00:00:00Z"),
            chrono_tz::UTC,
            &empty_calendar(),
            &RosterRules::default(),
        );
        let times: Vec<u8> = p.iter().map(Problem::rank).collect();
        // NoLeader (Saturday) and Inactive #1 at 00:00, Overlap + Inactive #2 at 06:00, Gap at 12:00.
        assert_eq!(times, vec![1, 4, 2, 4, 0]);
    }

    #[test]
    fn on_duty_and_next_change() {
        let shifts = vec![
            shift(1, 1, Role::Officer, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
            shift(2, 2, Role::Leader, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"),
            shift(3, 3, Role::Officer, "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
            shift(4, 4, Role::Standby, "2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z"),
        ];
        let on = on_duty_at(&shifts, utc("2026-06-01T12:00:00Z"));
        assert_eq!(on.officer.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1]);
        assert_eq!(on.leader.iter().map(|s| s.id).collect::<Vec<_>>(), vec![2]);
        assert!(on.standby.is_empty());
        let on = on_duty_at(&shifts, utc("2026-06-02T00:00:00Z"));
        assert_eq!(on.officer.iter().map(|s| s.id).collect::<Vec<_>>(), vec![3]);
        let (at, next) = next_change_after(&shifts, utc("2026-06-01T12:00:00Z")).expect("next");
        assert_eq!(at, utc("2026-06-02T00:00:00Z"));
        assert_eq!(next.iter().map(|s| s.id).collect::<Vec<_>>(), vec![3]);
        assert!(next_change_after(&shifts, utc("2026-06-02T00:00:00Z")).is_none());
    }

    #[test]
    fn rules_deserialize_with_defaults_and_reject_unknown_keys() {
        let r: RosterRules = toml::from_str("leader_every_day = true").expect("parses");
        assert_eq!(r.max_continuous_hours, 24);
        assert!(r.leader_every_day);
        assert!(toml::from_str::<RosterRules>("max_hours = 3").is_err());
    }

    #[test]
    fn five_years_of_daily_shifts_check_quickly_enough_to_run() {
        let specs = fill(
            Pattern::Daily24,
            d(2026, 1, 1),
            d(2030, 12, 31),
            hm(8, 0),
            Shanghai,
            &[1, 2, 3, 4, 5],
            &[10, 11, 12],
            &[20, 21],
        )
        .expect("fills");
        let shifts = to_shifts(&specs);
        assert!(shifts.len() > 5400);
        let p = check(
            &shifts,
            &[],
            utc("2026-01-01T00:00:00Z"),
            utc("2030-12-31T00:00:00Z"),
            Shanghai,
            &shipped(),
            &RosterRules::default(),
        );
        assert!(p.iter().all(|p| matches!(p, Problem::Gap { .. })), "{p:?}");
    }

    const BASE: &str = "2026-06-01T00:00:00Z";

    /// Minute-resolution officer shifts in a small window, plus the odd leader as noise.
    fn arb_shifts() -> impl Strategy<Value = Vec<(i64, i64, bool)>> {
        proptest::collection::vec((0i64..300, 0i64..120, proptest::bool::weighted(0.8)), 0..12)
    }

    proptest! {
        #[test]
        fn gaps_agree_with_minute_by_minute_check(raw in arb_shifts(), win_from in 0i64..100, win_len in 1i64..300) {
            let base = utc(BASE);
            let shifts: Vec<Shift> = raw.iter().enumerate().map(|(i, &(start, len, officer))| Shift {
                id: i as i64,
                person_id: i as i64,
                person_name: String::new(),
                role: if officer { Role::Officer } else { Role::Leader },
                start: base + Duration::minutes(start),
                end: base + Duration::minutes(start + len),
                replaces: None,
                swap_reason: None,
            }).collect();
            let from = base + Duration::minutes(win_from);
            let to = from + Duration::minutes(win_len);
            let reported: Vec<Span> = check(&shifts, &[], from, to, chrono_tz::UTC, &empty_calendar(), &RosterRules::default())
                .into_iter()
                .filter_map(|p| match p { Problem::Gap { from, to } => Some((from, to)), _ => None })
                .collect();
            // Brute force: uncovered minutes, grouped into maximal runs.
            let mut expected: Vec<Span> = Vec::new();
            for m in 0..win_len {
                let t = from + Duration::minutes(m);
                let covered = shifts.iter().any(|s| s.role == Role::Officer && s.covers(t));
                if covered { continue; }
                match expected.last_mut() {
                    Some(last) if last.1 == t => last.1 = t + Duration::minutes(1),
                    _ => expected.push((t, t + Duration::minutes(1))),
                }
            }
            prop_assert_eq!(reported, expected);
        }
    }
}
