//! Period statistics for a 通报 (docs/rules.md PR-16): incidents by category and grade; obligations on time
//! versus late, by kind and by the officer on duty when each fell due; median minutes from
//! learning of an incident to its first phone report; median acknowledgement delay of upper rooms.

use crate::text::service::shared;
use crate::text::service::stats as say;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{OpError, OpResult};
use crate::domain::deadlines::{DutyTimes, counts_as_missed, state_of};
use crate::domain::{Category, Grade, Lang, Level, Obligation, ReportKind};
use crate::store::Store;
use crate::text::Label;

/// Duties by state: each duty in exactly one of done, done-late, missed, waived, superseded, open.
/// `missed_total` adds to `missed` the waived and superseded duties that were already overdue when
/// they ended: an overdue duty never drops out of the on-time rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Done on time.
    pub done: u32,
    /// Done after the deadline (迟报).
    pub done_late: u32,
    /// Never sent (漏报).
    pub missed: u32,
    pub waived: u32,
    pub superseded: u32,
    /// Still owed.
    pub open: u32,
    /// Of `open`, past the deadline now.
    pub open_overdue: u32,
    /// `missed` plus the waived and superseded ones that were overdue when they ended.
    pub missed_total: u32,
}

impl Tally {
    /// Counts one duty at `now`.
    pub fn add(&mut self, o: &Obligation, now: DateTime<Utc>) {
        self.add_state(state_of(o, now, chrono::Duration::zero()), counts_as_missed(o));
    }

    /// Counts one duty whose state (and whether it counts as missed) is already known: a pass over
    /// half a million duties works each out once, not once per tally it lands in.
    pub fn add_state(&mut self, state: crate::domain::deadlines::ObligationState, missed: bool) {
        use crate::domain::deadlines::ObligationState as S;
        match state {
            S::DoneOnTime => self.done += 1,
            S::DoneLate => self.done_late += 1,
            S::Missed => self.missed += 1,
            S::Waived => self.waived += 1,
            S::Superseded => self.superseded += 1,
            S::Overdue => {
                self.open += 1;
                self.open_overdue += 1;
            }
            S::Pending | S::DueSoon => self.open += 1,
        }
        if missed {
            self.missed_total += 1;
        }
    }

    /// Adds another pass's counts (the two halves of a long period's duties).
    fn absorb(&mut self, o: &Tally) {
        // Destructured so a field added to Tally cannot be forgotten here.
        let Tally { done, done_late, missed, waived, superseded, open, open_overdue, missed_total } = *o;
        self.done += done;
        self.done_late += done_late;
        self.missed += missed;
        self.waived += waived;
        self.superseded += superseded;
        self.open += open;
        self.open_overdue += open_overdue;
        self.missed_total += missed_total;
    }

    /// All duties counted.
    pub fn total(&self) -> u32 {
        self.done + self.done_late + self.missed + self.waived + self.superseded + self.open
    }

    /// done / (done + done-late + missed + open overdue), in percent, where "missed" includes the waived and
    /// superseded duties that were overdue; None when nothing is decided yet.
    pub fn on_time_rate(&self) -> Option<f64> {
        let decided = self.done + self.done_late + self.missed_total + self.open_overdue;
        (decided > 0).then(|| f64::from(self.done) * 100.0 / f64::from(decided))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub incidents: u32,
    pub by_category: BTreeMap<String, u32>,
    pub by_grade: BTreeMap<String, u32>,
    pub obligations: Tally,
    pub on_time_rate: Option<f64>,
    pub by_kind: BTreeMap<String, Tally>,
    pub by_officer: BTreeMap<String, Tally>,
    /// The same, by the leader on duty (带班领导) when each fell due.
    pub by_leader: BTreeMap<String, Tally>,
    /// Incidents (件) with at least one 迟报 duty (done late or still owed past due).
    pub late_incidents: u32,
    /// Incidents (件) with at least one 漏报 duty.
    pub missed_incidents: u32,
    /// Minutes from learned-at to the first phone report, median over the period's incidents that have one.
    pub median_first_phone_minutes: Option<f64>,
    /// Minutes from sending to acknowledgement of steps to upper rooms, median.
    pub median_ack_minutes: Option<f64>,
    /// Minutes from occurrence to learning of it (the delay before the duty room knew), median.
    pub median_learn_minutes: Option<f64>,
    /// Signatures of responsible acts in the period (handover, 签发, regrade, waiver, swap), and
    /// how many of them were not verified by a PIN (issue 14).
    pub signatures: u32,
    pub unverified_signatures: u32,
    /// Written reports (书面首报, 终报) of the period's incidents sent with elements missing (要素不全).
    pub incomplete_reports: u32,
    /// 谎报 and 瞒报 findings on the period's incidents (issue 18, PR-16).
    pub findings: FindingCounts,
    /// 督办 tasks due in the period, by the ledger's states (PR-11).
    pub tasks: Tally,
    /// Per reporting unit (the incident's caller unit; `-` when none was recorded): 迟报, 漏报, 谎报, 瞒报.
    pub by_unit: BTreeMap<String, UnitFlags>,
    /// Review: the moment the figures are taken as of (null: now).
    pub review_at: Option<DateTime<Utc>>,
}

/// Findings by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    #[serde(rename = "false")]
    pub false_reports: u32,
    pub concealed: u32,
}

/// The four flags of a 通报, for one reporting unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UnitFlags {
    pub incidents: u32,
    /// Duties stamped 迟报.
    pub late: u32,
    /// Duties missed (漏报), including those waived or superseded after they were overdue.
    pub missed: u32,
    pub findings: FindingCounts,
}

/// The median of `v` (mean of the two middle values for an even count).
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

fn minutes(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    (b - a).num_seconds() as f64 / 60.0
}

/// Statistics over `[from, to)` as the data stands at `now`.
pub fn compute(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: Lang,
) -> OpResult<Stats> {
    compute_as_of(store, from, to, now, None, lang)
}

/// What the tallies need of the period's incidents, however they were read.
#[derive(Default)]
struct IncidentFigures {
    count: u32,
    by_category: BTreeMap<String, u32>,
    by_grade: BTreeMap<String, u32>,
    first_phone: Vec<f64>,
    acks: Vec<f64>,
    learn_delay: Vec<f64>,
    incomplete_reports: u32,
}

/// What one pass over the period's duties adds up: the tallies by state, kind, officer and leader
/// (people by slot), and per incident its 迟报 and 漏报 duties.
struct DutyPass {
    total: Tally,
    kinds: Vec<(String, Tally)>,
    officers: Vec<Tally>,
    leaders: Vec<Tally>,
    /// Incident → (duties stamped 迟报 or owed past due, duties counted as 漏报), when either is not 0.
    per_incident: IdMap<(u32, u32)>,
    late_incidents: IdSet,
    missed_incidents: IdSet,
}

/// Hashes an incident id with one multiply. The ids are row ids SQLite hands out, not keys anyone
/// could choose to collide, and SipHash (std's default) took a tenth of the five-year duty pass.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type IdMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<IdHasher>>;
type IdSet = std::collections::HashSet<i64, std::hash::BuildHasherDefault<IdHasher>>;

impl DutyPass {
    fn new(people: usize) -> DutyPass {
        DutyPass {
            total: Tally::default(),
            kinds: Vec::new(),
            officers: vec![Tally::default(); people],
            leaders: vec![Tally::default(); people],
            per_incident: IdMap::default(),
            late_incidents: Default::default(),
            missed_incidents: Default::default(),
        }
    }

    /// Adds the other half of a long period's duties.
    fn absorb(&mut self, other: DutyPass) {
        let DutyPass { total, kinds, officers, leaders, per_incident, late_incidents, missed_incidents } = other;
        self.total.absorb(&total);
        for (kind, t) in kinds {
            match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, mine)) => mine.absorb(&t),
                None => self.kinds.push((kind, t)),
            }
        }
        for (mine, t) in self.officers.iter_mut().zip(&officers) {
            mine.absorb(t);
        }
        for (mine, t) in self.leaders.iter_mut().zip(&leaders) {
            mine.absorb(t);
        }
        for (id, (late, missed)) in per_incident {
            let e = self.per_incident.entry(id).or_default();
            e.0 += late;
            e.1 += missed;
        }
        self.late_incidents.extend(late_incidents);
        self.missed_incidents.extend(missed_incidents);
    }

    /// Counts one duty; `slots` are the roster's spans (start, officer slot, leader slot).
    fn count(
        &mut self,
        slots: &[(DateTime<Utc>, usize, usize)],
        now: DateTime<Utc>,
        incident_id: i64,
        kind: &str,
        d: DutyTimes,
    ) {
        let i = slots.partition_point(|s| s.0 <= d.due_at).saturating_sub(1);
        let Some(&(_, officer, leader)) = slots.get(i) else { return };
        let state = d.state(now, chrono::Duration::zero());
        let missed = d.counts_as_missed();
        self.total.add_state(state, missed);
        let late = d.late || (d.is_open() && d.due_at < now);
        if late || missed {
            let e = self.per_incident.entry(incident_id).or_default();
            e.0 += u32::from(late);
            e.1 += u32::from(missed);
        }
        let k = match self.kinds.iter().position(|(k, _)| k == kind) {
            Some(k) => k,
            None => {
                self.kinds.push((kind.to_string(), Tally::default()));
                self.kinds.len() - 1
            }
        };
        self.kinds[k].1.add_state(state, missed);
        self.officers[officer].add_state(state, missed);
        self.leaders[leader].add_state(state, missed);
        use crate::domain::deadlines::ObligationState as S;
        match state {
            S::DoneLate | S::Overdue => {
                self.late_incidents.insert(incident_id);
            }
            _ if missed => {
                self.missed_incidents.insert(incident_id);
            }
            _ => {}
        }
    }
}

/// The reporting unit (caller unit) of each incident counted, the names kept once each: five years
/// hold 100,000 incidents and a handful of units.
#[derive(Default)]
struct Units {
    names: Vec<String>,
    index: HashMap<String, usize>,
    of: IdMap<usize>,
}

impl Units {
    /// Records the unit of an incident; an empty one reads `-`.
    fn add(&mut self, incident_id: i64, caller_unit: &str) {
        let u = caller_unit.trim();
        let u = if u.is_empty() { "-" } else { u };
        let i = match self.index.get(u) {
            Some(&i) => i,
            None => {
                self.names.push(u.to_string());
                self.index.insert(u.to_string(), self.names.len() - 1);
                self.names.len() - 1
            }
        };
        self.of.insert(incident_id, i);
    }

    /// The unit names in order, and each incident's unit as an index into them.
    fn sorted(self) -> (Vec<String>, IdMap<usize>) {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|a, b| self.names[*a].cmp(&self.names[*b]));
        let mut rank = vec![0; order.len()];
        for (r, i) in order.iter().enumerate() {
            rank[*i] = r;
        }
        let of = self.of.into_iter().map(|(id, i)| (id, rank[i])).collect();
        let mut names = self.names;
        let names = order.iter().map(|i| std::mem::take(&mut names[*i])).collect();
        (names, of)
    }
}

/// Everything but the duties: the incidents' figures and reporting units, findings, 督办 tasks and
/// signatures.
struct IncidentPart {
    fig: IncidentFigures,
    units: Units,
    findings_rows: Vec<(i64, crate::domain::response::FindingKind, DateTime<Utc>)>,
    tasks: Tally,
    signatures: u32,
    unverified_signatures: u32,
}

fn incident_part(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    as_of: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> OpResult<IncidentPart> {
    let mut fig = IncidentFigures {
        by_category: Category::ALL.iter().map(|c| (c.code().to_string(), 0)).collect(),
        by_grade: Grade::ALL.iter().map(|g| (g.code().to_string(), 0)).collect(),
        ..Default::default()
    };
    // Per reporting unit (issue 18): the period's incidents by their caller unit (`-` when none was
    // recorded), their findings, and (in the duty pass below) their late and missed duties.
    let mut units = Units::default();
    fn bump(map: &mut BTreeMap<String, u32>, key: &str) {
        match map.get_mut(key) {
            Some(n) => *n += 1,
            None => {
                map.insert(key.to_string(), 1);
            }
        }
    }
    match as_of {
        None => {
            let acks = store.for_each_incident_learned_in(from, to, |i| {
                fig.count += 1;
                bump(&mut fig.by_category, i.category);
                bump(&mut fig.by_grade, i.grade);
                fig.learn_delay.push(minutes(i.occurred_at, i.learned_at));
                if let Some(sent) = i.first_phone_at {
                    fig.first_phone.push(minutes(i.learned_at, sent));
                }
                fig.incomplete_reports += i.incomplete_reports;
                units.add(i.id, i.caller_unit);
            })?;
            fig.acks = acks.into_iter().map(|(sent, ack)| minutes(sent, ack)).collect();
        }
        Some(t) => {
            // In review, only the incidents on record at that moment, as they stood then.
            for id in store.incident_ids_as_of(t, Some(from), Some(to))? {
                let Some(i) = store.incident_as_of(id, t)? else { continue };
                fig.count += 1;
                bump(&mut fig.by_category, i.category.code());
                bump(&mut fig.by_grade, i.grade.code());
                fig.learn_delay.push(minutes(i.occurred_at, i.learned_at));
                units.add(i.id, &i.caller_unit);
                let reports = store.reports_as_of(i.id, t)?;
                fig.incomplete_reports +=
                    reports.iter().filter(|r| r.missing_elements.as_ref().is_some_and(|m| !m.is_empty())).count()
                        as u32;
                if let Some(r) = reports.iter().filter(|r| r.kind == ReportKind::FirstPhone).min_by_key(|r| r.sent_at) {
                    fig.first_phone.push(minutes(i.learned_at, r.sent_at));
                }
                for e in store.escalations_at(i.id, t)? {
                    if e.level != Level::Leader
                        && let Some(a) = e.acked_at
                    {
                        fig.acks.push(minutes(e.sent_at, a));
                    }
                }
            }
        }
    }
    let mut tasks = Tally::default();
    for t in store.tasks_due_in(from, to)? {
        tasks.add(&t.as_obligation(), now);
    }
    let (signatures, unverified_signatures) =
        store.signature_counts(from, as_of.map_or(to, |t| to.min(t + chrono::Duration::seconds(1))))?;
    Ok(IncidentPart { fig, units, findings_rows: store.findings_all()?, tasks, signatures, unverified_signatures })
}

/// Statistics over `[from, to)`; with `as_of`, as the record stood at that moment (review: the
/// rows recorded by then, duties and steps in their state then, counted at that moment).
///
/// As it stands now, everything comes from a few indexed range queries over the period and one
/// streamed pass over its duties (the roster read once), so five years take well under a second
/// and little memory (README, "Performance").
pub fn compute_as_of(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    as_of: Option<DateTime<Utc>>,
    lang: Lang,
) -> OpResult<Stats> {
    if from >= to {
        return Err(OpError::invalid("from", say::START_AFTER_END.get(lang)));
    }
    let now = as_of.unwrap_or(now);
    // The people on duty change once per shift: the names of each span are made once, and each
    // duty finds its span by binary search.
    let roster = super::report::RosterIndex::load_as_of(store, from, to, as_of)?;
    let spans = roster.spans(from);
    let mut people: Vec<String> = spans.iter().flat_map(|(_, o, l)| [o.clone(), l.clone()]).collect();
    people.sort();
    people.dedup();
    let slot = |name: &str| people.binary_search_by(|p| p.as_str().cmp(name)).unwrap_or_default();
    let slots: Vec<(DateTime<Utc>, usize, usize)> = spans.iter().map(|(t, o, l)| (*t, slot(o), slot(l))).collect();
    let new_pass = || DutyPass::new(people.len());

    // Over more than a year, most of the duties are read on a second connection on another thread
    // while this one reads the incidents and then the rest of the duties (split by row id), both in
    // read transactions on the same snapshot (same audit head; retried otherwise), so the figures
    // are those of one moment.
    let mut parallel = None;
    if as_of.is_none()
        && crate::store::stats::long_period(from, to)
        && let Some(mut reader) = store.second_reader()?
    {
        for _ in 0..3 {
            let mine = store.read_snapshot()?;
            // The other thread takes the rows below the split, this one the rest, new rows included.
            // 80 %: the incidents take this thread about as long as 60 % of the duties (callgrind,
            // five years: 1.1 G against 1.9 G instructions for all the duties).
            let split = store.duty_row_bounds()?.map_or(0, |(lo, hi)| lo + (hi - lo) / 10 * 8);
            let (back, incidents, duties) = std::thread::scope(|s| {
                let slots = &slots;
                let duties = s.spawn(move || {
                    let run = || -> OpResult<(i64, DutyPass)> {
                        let snap = reader.read_snapshot()?;
                        let mut pass = new_pass();
                        reader.for_each_duty_times_in(
                            from,
                            to,
                            Some((i64::MIN, split.saturating_sub(1))),
                            |id, kind, d| pass.count(slots, now, id, kind, d),
                        )?;
                        Ok((snap.head, pass))
                    };
                    let got = run();
                    (reader, got)
                });
                let incidents = incident_part(store, from, to, None, now).and_then(|part| {
                    let mut pass = new_pass();
                    store.for_each_duty_times_in(from, to, Some((split, i64::MAX)), |id, kind, d| {
                        pass.count(slots, now, id, kind, d)
                    })?;
                    Ok((part, pass))
                });
                match duties.join() {
                    Ok((reader, got)) => (Some(reader), incidents, got),
                    Err(_) => (None, incidents, Err(OpError::invalid("stats", "the duty pass stopped"))),
                }
            });
            let (head, mut pass) = duties?;
            let (part, rest) = incidents?;
            let same = head == mine.head;
            drop(mine);
            if same {
                pass.absorb(rest);
                parallel = Some((part, pass));
                break;
            }
            // Another terminal wrote between the two snapshots: read both again.
            match back {
                Some(r) => reader = r,
                None => break,
            }
        }
    }
    let (part, pass) = match parallel {
        Some(done) => done,
        None => {
            let part = incident_part(store, from, to, as_of, now)?;
            let mut pass = new_pass();
            match as_of {
                None => {
                    store.for_each_duty_times_in(from, to, None, |id, kind, d| pass.count(&slots, now, id, kind, d))?
                }
                Some(t) => {
                    for ob in store.duties_due_in_as_of(from, to, t)? {
                        pass.count(&slots, now, ob.incident_id, &ob.kind.code(), DutyTimes::of(&ob));
                    }
                }
            }
            (part, pass)
        }
    };
    let IncidentPart { fig, units, findings_rows, tasks, signatures, unverified_signatures } = part;

    // Per reporting unit (issue 18): the period's incidents by their caller unit, their findings,
    // and their late and missed duties.
    let (unit_names, unit_of) = units.sorted();
    let mut unit_flags = vec![UnitFlags::default(); unit_names.len()];
    for i in unit_of.values() {
        unit_flags[*i].incidents += 1;
    }
    for (incident_id, (late, missed)) in &pass.per_incident {
        if let Some(&u) = unit_of.get(incident_id) {
            unit_flags[u].late += late;
            unit_flags[u].missed += missed;
        }
    }
    let mut findings = FindingCounts::default();
    for (incident_id, kind, at) in findings_rows {
        let Some(&u) = unit_of.get(&incident_id) else { continue };
        if as_of.is_some_and(|t| at > t) {
            continue;
        }
        for c in [&mut findings, &mut unit_flags[u].findings] {
            match kind {
                crate::domain::response::FindingKind::False => c.false_reports += 1,
                crate::domain::response::FindingKind::Concealed => c.concealed += 1,
            }
        }
    }
    let DutyPass { total, kinds, officers, leaders, late_incidents, missed_incidents, .. } = pass;
    let by_unit: BTreeMap<String, UnitFlags> = unit_names.into_iter().zip(unit_flags).collect();
    let by_kind: BTreeMap<String, Tally> = kinds.into_iter().collect();
    let used = |v: Vec<Tally>| -> BTreeMap<String, Tally> {
        people.iter().cloned().zip(v).filter(|(_, t)| t.total() > 0).collect()
    };
    let (by_officer, by_leader) = (used(officers), used(leaders));
    Ok(Stats {
        from,
        to,
        incidents: fig.count,
        by_category: fig.by_category,
        by_grade: fig.by_grade,
        on_time_rate: total.on_time_rate(),
        obligations: total,
        by_kind,
        by_officer,
        by_leader,
        late_incidents: late_incidents.len() as u32,
        missed_incidents: missed_incidents.len() as u32,
        median_first_phone_minutes: median(fig.first_phone),
        median_ack_minutes: median(fig.acks),
        median_learn_minutes: median(fig.learn_delay),
        signatures,
        unverified_signatures,
        incomplete_reports: fig.incomplete_reports,
        findings,
        tasks,
        by_unit,
        review_at: as_of,
    })
}

/// Markdown fit for a periodic 通报.
pub fn markdown(s: &Stats, lang: Lang, tz: chrono_tz::Tz) -> String {
    use std::fmt::Write as _;
    let d = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", say::DUTY_REPORTING_BULLETIN.get(lang));
    let _ = writeln!(md, "{}: {} – {}\n", say::PERIOD.get(lang), d(s.from), d(s.to));
    let _ = writeln!(md, "## {}\n", shared::INCIDENTS_RECEIVED_SECTION.get(lang));
    let _ = writeln!(md, "{}: {}\n", say::TOTAL.get(lang), s.incidents);
    let _ = writeln!(md, "| {} | {} |\n|---|---:|", say::CATEGORY.get(lang), say::COUNT.get(lang));
    for (c, n) in &s.by_category {
        let label = c.parse::<Category>().map(|c| c.label(lang)).unwrap_or("?");
        let _ = writeln!(md, "| {label} | {n} |");
    }
    let _ = writeln!(md, "\n| {} | {} |\n|---|---:|", say::GRADE.get(lang), say::COUNT.get(lang));
    for (g, n) in &s.by_grade {
        let label = g.parse::<Grade>().map(|g| g.label(lang)).unwrap_or("?");
        let _ = writeln!(md, "| {label} | {n} |");
    }
    let _ = writeln!(md, "\n## {}\n", say::TIMELINESS_SECTION.get(lang));
    let o = s.obligations;
    let counts = [o.done, o.done_late, o.missed, o.waived, o.superseded, o.open, o.open_overdue];
    let _ = writeln!(md, "{}\n", say::tally_line(counts, &say::rate(s.on_time_rate, lang), lang));
    let table = |md: &mut String, head: &str, rows: &BTreeMap<String, Tally>, label: &dyn Fn(&str) -> String| {
        let _ = writeln!(
            md,
            "| {head} | {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|---:|",
            say::ON_TIME.get(lang),
            say::LATE.get(lang),
            say::MISSED.get(lang),
            say::WAIVED.get(lang),
            say::SUPERSEDED.get(lang),
            say::OPEN.get(lang),
            say::RATE.get(lang)
        );
        for (k, t) in rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                label(k),
                t.done,
                t.done_late,
                t.missed,
                t.waived,
                t.superseded,
                t.open,
                say::rate(t.on_time_rate(), lang)
            );
        }
        let _ = writeln!(md);
    };
    table(&mut md, say::KIND.get(lang), &s.by_kind, &|k| crate::text::labels::obligation_kind_code(k, lang));
    table(&mut md, shared::DUTY_OFFICER.get(lang), &s.by_officer, &|k| crate::domain::safe_text::md_cell(k));
    let _ = writeln!(md, "## {}\n", say::MEDIANS_SECTION.get(lang));
    let _ = writeln!(
        md,
        "- {}: {}",
        say::LEARNED_FIRST_PHONE_REPORT.get(lang),
        say::minutes(s.median_first_phone_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}: {}",
        say::UPPER_DUTY_ROOMS_ACKNOWLEDGEMENT_DELAY.get(lang),
        say::minutes(s.median_ack_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}: {} / {}",
        say::UNVERIFIED_SIGNATURES_SIGNATURES.get(lang),
        s.unverified_signatures,
        s.signatures
    );
    let _ = writeln!(md, "- {}: {}", say::WRITTEN_REPORTS_SENT_WITH_ELEMENTS.get(lang), s.incomplete_reports);
    md.push_str(&findings_section(s, lang));
    md
}

/// The 迟报/漏报/谎报/瞒报 figures per reporting unit (issue 18, PR-16), as a Markdown section: part of
/// the plain `stats` text and of the 通报 (`stats --md`).
pub fn findings_section(s: &Stats, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut md = String::new();
    let _ = writeln!(md, "\n### {}\n", say::LATE_MISSED_FALSE_AND_CONCEALED.get(lang));
    let _ = writeln!(md, "{}\n", say::findings_line(s.findings.false_reports, s.findings.concealed, lang));
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|",
        say::REPORTING_UNIT.get(lang),
        shared::INCIDENTS.get(lang),
        say::LATE.get(lang),
        say::MISSED.get(lang),
        say::FALSE.get(lang),
        say::CONCEALED.get(lang)
    );
    for (unit, f) in &s.by_unit {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            crate::domain::safe_text::md_cell(unit),
            f.incidents,
            f.late,
            f.missed,
            f.findings.false_reports,
            f.findings.concealed
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_empty() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn on_time_rate_counts_overdue_and_ended_late_as_missed() {
        let t = Tally {
            done: 3,
            done_late: 1,
            missed: 1,
            waived: 2,
            superseded: 0,
            open: 5,
            open_overdue: 1,
            missed_total: 2,
        };
        // 3 / (3 + 1 + 2 + 1)
        assert_eq!(t.on_time_rate().map(|r| (r * 10.0).round()), Some(429.0));
        assert_eq!(Tally::default().on_time_rate(), None);
        assert_eq!(t.total(), 12);
    }
}
