//! Item-level period reports for the reviewer (issue 16): every 迟报 and 漏报 duty, every late or
//! missing acknowledgement, every sheet signed late or by someone off the roster, every spot check
//! (PR-15), every equipment fault. Each item names the officer and the leader on duty at its moment;
//! counts are given by item and by incident (件). Typed data only: the CLI renders it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use chrono_tz::Tz;
use serde::Serialize;

use super::OpResult;
use crate::domain::calendar::{Calendar, DayKind};
use crate::domain::deadlines::{ObligationState, counts_as_missed, state_of};
use crate::domain::{ObligationKind, Role, Shift};
use crate::store::Store;
use crate::store::reports::{IncidentHead, IncidentSel, Recorded};

/// The filters every report takes.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Only items when this person was the duty officer.
    pub officer: Option<String>,
    /// Only items when this person was the leader on duty.
    pub leader: Option<String>,
    /// Category, grade and reporting unit (incident reports; the unit also filters spot checks).
    pub sel: IncidentSel,
    /// Review (the global `--at`): the record as it stood at this moment: what was recorded by
    /// then, in its state then. The caller passes the same moment as `now`.
    pub as_of: Option<DateTime<Utc>>,
}

/// Who was on duty at an item's moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OnDuty {
    pub officer: Vec<String>,
    pub leader: Vec<String>,
}

/// The roster over a period, loaded once, asked for any moment in it.
pub struct RosterIndex {
    shifts: Vec<Shift>,
}

impl RosterIndex {
    /// Live shifts overlapping `[from, to)` (a day of margin each side).
    pub fn load(store: &Store, from: DateTime<Utc>, to: DateTime<Utc>) -> OpResult<RosterIndex> {
        Self::load_as_of(store, from, to, None)
    }

    /// The same; with `as_of` (review), the roster as it stood then (later swaps not yet made).
    pub fn load_as_of(
        store: &Store,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        as_of: Option<DateTime<Utc>>,
    ) -> OpResult<RosterIndex> {
        let (a, b) = (from - Duration::days(1), to + Duration::days(1));
        let mut shifts = match as_of {
            None => store.shifts_between(a, b)?,
            Some(t) => store.shifts_as_of(t, a, b)?,
        };
        shifts.retain(|s| matches!(s.role, Role::Officer | Role::Leader));
        shifts.sort_by_key(|s| s.start);
        Ok(RosterIndex { shifts })
    }

    /// Every moment the people on duty change, from `from` on, with who is on duty from then (the
    /// officers' and the leaders' names joined with 、, `-` for nobody): asked by binary search, so a
    /// pass over half a million duties in any order allocates nothing per duty.
    pub fn spans(&self, from: DateTime<Utc>) -> Vec<(DateTime<Utc>, String, String)> {
        let mut cuts: Vec<DateTime<Utc>> =
            self.shifts.iter().flat_map(|s| [s.start, s.end]).filter(|t| *t > from).collect();
        cuts.push(from);
        cuts.push(DateTime::<Utc>::MIN_UTC);
        cuts.sort();
        cuts.dedup();
        let name = |v: &[String]| if v.is_empty() { "-".to_string() } else { v.join("、") };
        cuts.into_iter()
            .map(|t| {
                let on = self.at(t);
                (t, name(&on.officer), name(&on.leader))
            })
            .collect()
    }

    /// Officers and leaders whose shift covers `t`.
    pub fn at(&self, t: DateTime<Utc>) -> OnDuty {
        // Shifts are sorted by start: those starting after t are skipped by the partition point.
        let end = self.shifts.partition_point(|s| s.start <= t);
        let mut on = OnDuty::default();
        for s in self.shifts[..end].iter().rev().take(64).filter(|s| s.covers(t)) {
            let v = if s.role == Role::Officer { &mut on.officer } else { &mut on.leader };
            if !v.contains(&s.person_name) {
                v.push(s.person_name.clone());
            }
        }
        on.officer.sort();
        on.leader.sort();
        on
    }
}

impl Filters {
    fn keeps(&self, on: &OnDuty) -> bool {
        self.officer.as_ref().is_none_or(|o| on.officer.iter().any(|n| n == o))
            && self.leader.as_ref().is_none_or(|l| on.leader.iter().any(|n| n == l))
    }
}

/// Items and distinct incidents (件).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub items: u32,
    pub incidents: u32,
}

fn counts<'a>(incidents: impl Iterator<Item = &'a i64>) -> Counts {
    let mut n = 0;
    let set: BTreeSet<i64> = incidents.inspect(|_| n += 1).copied().collect();
    Counts { items: n, incidents: set.len() as u32 }
}

/// The incident an item belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemIncident {
    pub id: i64,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub category: String,
    pub grade: String,
    /// The reporting unit (报告单位: the caller's unit).
    pub reporting_unit: String,
}

impl From<IncidentHead> for ItemIncident {
    fn from(h: IncidentHead) -> Self {
        ItemIncident {
            id: h.id,
            reference: h.reference,
            title: h.title,
            category: h.category,
            grade: h.grade,
            reporting_unit: h.caller_unit,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// report late

/// A duty done late (迟报), still owed past its time, or never sent (漏报).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LateItem {
    pub incident: ItemIncident,
    pub obligation_id: i64,
    pub kind: ObligationKind,
    /// `late` (迟报: sent late, or still owed past due) or `missed` (漏报: never sent; a duty
    /// waived or superseded after its time counts here too).
    pub class: String,
    /// The duty's state: done-late, overdue, missed, waived, superseded.
    pub state: String,
    pub due_at: DateTime<Utc>,
    /// When it was sent; null: never.
    pub done_at: Option<DateTime<Utc>>,
    /// How late it was sent (seconds); for a duty still owed, how long overdue now; null when never sent.
    pub late_seconds: Option<i64>,
    pub on_duty: OnDuty,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Not in the serialised head: `dutywatch report --json` writes the items one by one after it.
    #[serde(skip)]
    pub items: Vec<LateItem>,
    /// 迟报 items and incidents.
    pub late: Counts,
    /// 漏报 items and incidents.
    pub missed: Counts,
    pub total: Counts,
    /// Per duty kind: 迟报 and 漏报 counts.
    pub by_kind: BTreeMap<ObligationKind, LateCounts>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LateCounts {
    pub late: Counts,
    pub missed: Counts,
}

/// `report late`: every 迟报 and 漏报 duty due in `[from, to)`, as the record stands at `now`.
pub fn late(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    kind: Option<&ObligationKind>,
    f: &Filters,
) -> OpResult<LateReport> {
    let roster = RosterIndex::load_as_of(store, from, to, f.as_of)?;
    let mut items = Vec::new();
    let rows = match f.as_of {
        None => store.late_duty_rows(from, to, now, kind, &f.sel)?,
        Some(t) => store.late_duty_rows_as_of(from, to, t, kind, &f.sel)?,
    };
    for row in rows {
        let o = &row.obligation;
        let state = state_of(o, now, Duration::zero());
        let class = match state {
            ObligationState::DoneLate | ObligationState::Overdue => "late",
            ObligationState::Missed => "missed",
            ObligationState::Waived | ObligationState::Superseded if counts_as_missed(o) => "missed",
            _ => continue,
        };
        let on_duty = roster.at(o.due_at);
        if !f.keeps(&on_duty) {
            continue;
        }
        let late_seconds = match (o.done_at, state) {
            (Some(d), _) => Some((d - o.due_at).num_seconds().max(0)),
            (None, ObligationState::Overdue) => Some((now - o.due_at).num_seconds()),
            _ => None,
        };
        items.push(LateItem {
            incident: row.incident.into(),
            obligation_id: o.id,
            kind: o.kind.clone(),
            class: class.into(),
            state: state.code().into(),
            due_at: o.due_at,
            done_at: o.done_at,
            late_seconds,
            on_duty,
        });
    }
    let of = |class: &str| counts(items.iter().filter(|i| i.class == class).map(|i| &i.incident.id));
    let mut by_kind: BTreeMap<ObligationKind, LateCounts> = BTreeMap::new();
    let kinds: BTreeSet<&ObligationKind> = items.iter().map(|i| &i.kind).collect();
    for k in kinds {
        let c = |class: &str| counts(items.iter().filter(|i| &i.kind == k && i.class == class).map(|i| &i.incident.id));
        by_kind.insert(k.clone(), LateCounts { late: c("late"), missed: c("missed") });
    }
    Ok(LateReport {
        from,
        to,
        late: of("late"),
        missed: of("missed"),
        total: counts(items.iter().map(|i| &i.incident.id)),
        by_kind,
        items,
    })
}

// ---------------------------------------------------------------------------------------------
// report acks

/// An escalation step to an upper room acknowledged after the limit, or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AckItem {
    pub incident: ItemIncident,
    pub step_id: i64,
    pub level: String,
    pub recipient: String,
    pub sent_at: DateTime<Utc>,
    pub sent_by: String,
    /// sent_at + the limit.
    pub due_at: DateTime<Utc>,
    /// null: never acknowledged.
    pub acked_at: Option<DateTime<Utc>>,
    pub acked_by: Option<String>,
    /// From sending to acknowledgement (seconds); null when never acknowledged.
    pub delay_seconds: Option<i64>,
    /// How far past the limit (seconds): the acknowledgement's, or now's when none came.
    pub late_seconds: i64,
    pub on_duty: OnDuty,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AckReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub over_seconds: i64,
    /// Not in the serialised head: `dutywatch report --json` writes the items one by one after it.
    #[serde(skip)]
    pub items: Vec<AckItem>,
    /// Acknowledged late.
    pub late: Counts,
    /// Never acknowledged.
    pub never: Counts,
    pub total: Counts,
}

/// `report acks`: steps to upper rooms sent in `[from, to)` acknowledged after `over`, or never.
pub fn acks(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    over: Duration,
    f: &Filters,
) -> OpResult<AckReport> {
    let roster = RosterIndex::load_as_of(store, from, to + over, f.as_of)?;
    let mut items = Vec::new();
    let rows = match f.as_of {
        None => store.late_ack_rows(from, to, over.num_seconds(), now, &f.sel)?,
        Some(t) => store.late_ack_rows_as_of(from, to, over.num_seconds(), t, &f.sel)?,
    };
    for s in rows {
        let due_at = s.sent_at + over;
        let on_duty = roster.at(due_at);
        if !f.keeps(&on_duty) {
            continue;
        }
        items.push(AckItem {
            incident: s.incident.into(),
            step_id: s.id,
            level: s.level,
            recipient: s.recipient,
            sent_at: s.sent_at,
            sent_by: s.sent_by,
            due_at,
            acked_at: s.ack_at,
            acked_by: s.ack_by,
            delay_seconds: s.ack_at.map(|a| (a - s.sent_at).num_seconds()),
            late_seconds: (s.ack_at.unwrap_or(now) - due_at).num_seconds(),
            on_duty,
        });
    }
    Ok(AckReport {
        from,
        to,
        over_seconds: over.num_seconds(),
        late: counts(items.iter().filter(|i| i.acked_at.is_some()).map(|i| &i.incident.id)),
        never: counts(items.iter().filter(|i| i.acked_at.is_none()).map(|i| &i.incident.id)),
        total: counts(items.iter().map(|i| &i.incident.id)),
        items,
    })
}

// ---------------------------------------------------------------------------------------------
// report handovers

/// A sheet signed late, not signed, or signed by someone the roster did not put on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverItem {
    pub id: i64,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub outgoing: String,
    pub incoming: String,
    pub leader: String,
    pub outgoing_signed_at: Option<DateTime<Utc>>,
    pub incoming_signed_at: Option<DateTime<Utc>>,
    /// Seconds from the change to each signature (negative: before it).
    pub outgoing_delay_seconds: Option<i64>,
    pub incoming_delay_seconds: Option<i64>,
    /// The roster's officers going off and coming on at the change.
    pub roster_outgoing: Vec<String>,
    pub roster_incoming: Vec<String>,
    /// What is wrong: `outgoing-late`, `outgoing-unsigned`, `outgoing-not-rostered`, and the same for incoming.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub late_seconds: i64,
    /// Sheets whose watch ended in the period.
    pub sheets: u32,
    /// Not in the serialised head: `dutywatch report --json` writes the items one by one after it.
    #[serde(skip)]
    pub items: Vec<HandoverItem>,
    /// Per problem code, how many sheets.
    pub by_problem: BTreeMap<String, u32>,
}

fn names(field: &str) -> Vec<String> {
    field.split(['、', ',', '，']).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string).collect()
}

/// `report handovers`: sheets of watches ending in `[from, to)` signed more than `late` after the
/// change (or not signed once that time has passed), or by someone off the roster.
pub fn handovers(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    late: Duration,
    f: &Filters,
) -> OpResult<HandoverReport> {
    let roster = RosterIndex::load_as_of(store, from, to, f.as_of)?;
    let rows = match f.as_of {
        None => store.handover_rows(from, to)?,
        Some(t) => store.handover_rows_as_of(from, to, t)?,
    };
    let mut items = Vec::new();
    for h in &rows {
        let change = h.period_end;
        let off = roster.at(change - Duration::seconds(1));
        let on = roster.at(change);
        let on_sheet = OnDuty {
            officer: names(&h.outgoing).into_iter().chain(names(&h.incoming)).collect(),
            leader: names(&h.leader).into_iter().chain(off.leader.iter().cloned()).collect(),
        };
        if !f.keeps(&on_sheet) {
            continue;
        }
        let mut problems = Vec::new();
        for (side, signed, who, rostered) in [
            ("outgoing", h.outgoing_signed_at, &h.outgoing, &off.officer),
            ("incoming", h.incoming_signed_at, &h.incoming, &on.officer),
        ] {
            match signed {
                Some(t) if t - change > late => problems.push(format!("{side}-late")),
                None if now - change > late => problems.push(format!("{side}-unsigned")),
                _ => {}
            }
            let sheet_names = names(who);
            if !rostered.is_empty() && sheet_names.iter().any(|n| !rostered.contains(n)) {
                problems.push(format!("{side}-not-rostered"));
            }
        }
        if problems.is_empty() {
            continue;
        }
        items.push(HandoverItem {
            id: h.id,
            period_start: h.period_start,
            period_end: h.period_end,
            outgoing: h.outgoing.clone(),
            incoming: h.incoming.clone(),
            leader: h.leader.clone(),
            outgoing_signed_at: h.outgoing_signed_at,
            incoming_signed_at: h.incoming_signed_at,
            outgoing_delay_seconds: h.outgoing_signed_at.map(|t| (t - change).num_seconds()),
            incoming_delay_seconds: h.incoming_signed_at.map(|t| (t - change).num_seconds()),
            roster_outgoing: off.officer,
            roster_incoming: on.officer,
            problems,
        });
    }
    let mut by_problem: BTreeMap<String, u32> = BTreeMap::new();
    for p in items.iter().flat_map(|i| &i.problems) {
        *by_problem.entry(p.clone()).or_default() += 1;
    }
    Ok(HandoverReport { from, to, late_seconds: late.num_seconds(), sheets: rows.len() as u32, items, by_problem })
}

// ---------------------------------------------------------------------------------------------
// report spot-checks

/// Which spot checks to keep, by when they came (PR-15).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct When {
    pub outside_hours: bool,
    pub weekend: bool,
    pub holiday: bool,
    pub sensitive: bool,
}

pub use crate::domain::period::OfficeHours;

/// A spot check received or made (抽查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpotItem {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// received | made
    pub direction: String,
    /// The checking (received) or checked (made) unit.
    pub unit: String,
    pub answered: bool,
    /// Seconds until answered; null when not answered (never "0 s").
    pub delay_seconds: Option<u32>,
    pub at_post: bool,
    pub forwarded: bool,
    pub findings: String,
    pub author: String,
    pub outside_hours: bool,
    pub weekend: bool,
    /// The holiday's name, when on one.
    pub holiday: Option<String>,
    /// The sensitive periods it fell in.
    pub sensitive: Vec<String>,
    pub on_duty: OnDuty,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpotReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Not in the serialised head: `dutywatch report --json` writes the items one by one after it.
    #[serde(skip)]
    pub items: Vec<SpotItem>,
    pub total: u32,
    pub answered: u32,
    pub unanswered: u32,
    pub not_at_post: u32,
    pub forwarded: u32,
    /// Median delay of the answered checks (seconds).
    pub median_delay_seconds: Option<f64>,
}

/// `report spot-checks`: checks of `[from, to)`, those corrected by a later entry replaced by it.
#[allow(clippy::too_many_arguments)] // a report's period, clock, calendar and filters, each distinct.
pub fn spot_checks(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
    calendar: &Calendar,
    hours: &OfficeHours,
    when: When,
    f: &Filters,
) -> OpResult<SpotReport> {
    let roster = RosterIndex::load_as_of(store, from, to, f.as_of)?;
    let rows = store.spot_check_rows(from, to, Recorded(f.as_of))?;
    let corrected: BTreeSet<i64> = rows.iter().filter_map(|r| r.corrects).collect();
    let mut items = Vec::new();
    for r in rows.into_iter().filter(|r| !corrected.contains(&r.id)) {
        let d = &r.data;
        let flag = |k: &str| d.get(k).and_then(serde_json::Value::as_bool).unwrap_or(false);
        let text = |k: &str| d.get(k).and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
        let local = r.at.with_timezone(&tz);
        let date = local.date_naive();
        let kind = calendar.day_kind(date);
        let weekend =
            matches!(local.weekday(), Weekday::Sat | Weekday::Sun) && !matches!(kind, DayKind::MakeupWorkday(_));
        let holiday = match kind {
            DayKind::Holiday(h) => Some(h.name.clone()),
            _ => None,
        };
        let working_day = match kind {
            DayKind::Workday | DayKind::MakeupWorkday(_) => true,
            DayKind::Weekend | DayKind::Holiday(_) => false,
        };
        let time = local.time();
        let outside_hours = !working_day || !hours.0.iter().any(|(a, b)| *a <= time && time < *b);
        let sensitive: Vec<String> = calendar.periods_on(date).iter().map(|p| p.name.clone()).collect();
        if (when.outside_hours && !outside_hours)
            || (when.weekend && !weekend)
            || (when.holiday && holiday.is_none())
            || (when.sensitive && sensitive.is_empty())
        {
            continue;
        }
        let unit = text("unit");
        if f.sel.unit.as_ref().is_some_and(|u| !unit.contains(u.as_str())) {
            continue;
        }
        let on_duty = roster.at(r.at);
        if !f.keeps(&on_duty) {
            continue;
        }
        let answered = flag("answered");
        let delay = d.get("delay_seconds").and_then(serde_json::Value::as_u64).map(|v| v as u32);
        items.push(SpotItem {
            id: r.id,
            at: r.at,
            direction: text("direction"),
            unit,
            answered,
            delay_seconds: if answered { delay } else { None },
            at_post: flag("at_post"),
            forwarded: flag("forwarded"),
            findings: text("findings"),
            author: r.author,
            outside_hours,
            weekend,
            holiday,
            sensitive,
            on_duty,
        });
    }
    let answered = items.iter().filter(|i| i.answered).count() as u32;
    let delays: Vec<f64> = items.iter().filter_map(|i| i.delay_seconds.map(f64::from)).collect();
    Ok(SpotReport {
        from,
        to,
        total: items.len() as u32,
        answered,
        unanswered: items.len() as u32 - answered,
        not_at_post: items.iter().filter(|i| !i.at_post).count() as u32,
        forwarded: items.iter().filter(|i| i.forwarded).count() as u32,
        median_delay_seconds: super::stats::median(delays),
        items,
    })
}

// ---------------------------------------------------------------------------------------------
// report equipment

/// A device found in fault, from the check that found it to the first check that found it working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FaultItem {
    pub device: String,
    /// The check that found it in fault.
    pub started_at: DateTime<Utc>,
    /// The first check that found it working again; null: still in fault.
    pub repaired_at: Option<DateTime<Utc>>,
    /// Seconds in fault (until now when not repaired).
    pub duration_seconds: i64,
    pub note: String,
    pub reported_by: String,
    pub on_duty: OnDuty,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EquipmentReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Not in the serialised head: `dutywatch report --json` writes the items one by one after it.
    #[serde(skip)]
    pub items: Vec<FaultItem>,
    /// Faults per device.
    pub by_device: BTreeMap<String, u32>,
    /// Seconds in fault per device (within the whole fault, not clipped to the period).
    pub seconds_by_device: BTreeMap<String, i64>,
}

/// `report equipment`: faults found in `[from, to)`, and one still running at `from`.
pub fn equipment(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    f: &Filters,
) -> OpResult<EquipmentReport> {
    let roster = RosterIndex::load_as_of(store, from, to, f.as_of)?;
    let rec = Recorded(f.as_of);
    let mut items = Vec::new();
    for device in store.checked_devices()? {
        let mut open: Option<crate::store::reports::CheckRow> =
            store.equipment_before(&device, from, rec)?.filter(|c| !c.ok);
        if let Some(c) = open.as_mut() {
            // A fault running at the period's start: from the check that first found it.
            let mut start = c.clone();
            let mut probe = c.at;
            while let Some(prev) = store.equipment_before(&device, probe, rec)? {
                if prev.ok {
                    break;
                }
                probe = prev.at;
                start = prev;
            }
            *c = start;
        }
        let mut runs = Vec::new();
        for c in store.equipment_rows(&device, from, to, rec)? {
            match (&open, c.ok) {
                (None, false) => open = Some(c),
                (Some(_), true) => {
                    if let Some(s) = open.take() {
                        runs.push((s, Some(c.at)));
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = open.take() {
            let until = store.equipment_ok_after(&device, to, rec)?.filter(|u| *u <= now);
            runs.push((s, until));
        }
        for (s, until) in runs {
            let on_duty = roster.at(s.at);
            if !f.keeps(&on_duty) {
                continue;
            }
            items.push(FaultItem {
                device: device.clone(),
                started_at: s.at,
                repaired_at: until,
                duration_seconds: (until.unwrap_or(now) - s.at).num_seconds(),
                note: s.note,
                reported_by: s.author,
                on_duty,
            });
        }
    }
    items.sort_by(|a, b| (a.started_at, &a.device).cmp(&(b.started_at, &b.device)));
    let mut by_device: BTreeMap<String, u32> = BTreeMap::new();
    let mut seconds_by_device: BTreeMap<String, i64> = BTreeMap::new();
    for i in &items {
        *by_device.entry(i.device.clone()).or_default() += 1;
        *seconds_by_device.entry(i.device.clone()).or_default() += i.duration_seconds;
    }
    Ok(EquipmentReport { from, to, items, by_device, seconds_by_device })
}
