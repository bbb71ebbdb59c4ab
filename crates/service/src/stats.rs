//! Period statistics for a 通报 (docs/rules.md PR-16): incidents by category and grade; obligations on time
//! versus late, by kind and by the officer on duty when each fell due; median minutes from
//! learning of an incident to its first phone report; median acknowledgement delay of upper rooms.

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
    per_incident: HashMap<i64, (u32, u32)>,
    late_incidents: std::collections::HashSet<i64>,
    missed_incidents: std::collections::HashSet<i64>,
}

impl DutyPass {
    fn new(people: usize) -> DutyPass {
        DutyPass {
            total: Tally::default(),
            kinds: Vec::new(),
            officers: vec![Tally::default(); people],
            leaders: vec![Tally::default(); people],
            per_incident: HashMap::new(),
            late_incidents: Default::default(),
            missed_incidents: Default::default(),
        }
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

/// Everything but the duties: the incidents' figures and reporting units, findings, 督办 tasks and
/// signatures.
struct IncidentPart {
    fig: IncidentFigures,
    units: HashMap<i64, String>,
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
    let mut units: HashMap<i64, String> = HashMap::new();
    let unit_name = |u: &str| {
        let u = u.trim();
        if u.is_empty() { "-".to_string() } else { u.to_string() }
    };
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
            store.for_each_incident_learned_in(from, to, |i| {
                fig.count += 1;
                bump(&mut fig.by_category, i.category);
                bump(&mut fig.by_grade, i.grade);
                fig.learn_delay.push(minutes(i.occurred_at, i.learned_at));
                if let Some(sent) = i.first_phone_at {
                    fig.first_phone.push(minutes(i.learned_at, sent));
                }
                fig.incomplete_reports += i.incomplete_reports;
                units.insert(i.id, unit_name(i.caller_unit));
            })?;
            fig.acks = store.upper_ack_delays(from, to)?.into_iter().map(|(sent, ack)| minutes(sent, ack)).collect();
        }
        Some(t) => {
            // In review, only the incidents on record at that moment, as they stood then.
            for id in store.incident_ids_as_of(t, Some(from), Some(to))? {
                let Some(i) = store.incident_as_of(id, t)? else { continue };
                fig.count += 1;
                bump(&mut fig.by_category, i.category.code());
                bump(&mut fig.by_grade, i.grade.code());
                fig.learn_delay.push(minutes(i.occurred_at, i.learned_at));
                units.insert(i.id, unit_name(&i.caller_unit));
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
        return Err(OpError::invalid("from", lang.pick("起始时间须早于结束时间", "the start must be before the end")));
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

    // Over more than a year, the duties are read on a second connection on another thread while
    // this one reads the incidents, both in read transactions on the same snapshot (same audit
    // head; retried otherwise), so the figures are those of one moment.
    let mut parallel = None;
    if as_of.is_none()
        && to - from > chrono::Duration::days(366)
        && let Some(mut reader) = store.second_reader()?
    {
        for _ in 0..3 {
            let mine = store.read_snapshot()?;
            let (back, incidents, duties) = std::thread::scope(|s| {
                let slots = &slots;
                let duties = s.spawn(move || {
                    let run = || -> OpResult<(i64, DutyPass)> {
                        let snap = reader.read_snapshot()?;
                        let mut pass = new_pass();
                        reader.for_each_duty_times_in(from, to, |id, kind, d| pass.count(slots, now, id, kind, d))?;
                        Ok((snap.head, pass))
                    };
                    let got = run();
                    (reader, got)
                });
                let incidents = incident_part(store, from, to, None, now);
                match duties.join() {
                    Ok((reader, got)) => (Some(reader), incidents, got),
                    Err(_) => (None, incidents, Err(OpError::invalid("stats", "the duty pass stopped"))),
                }
            });
            let (head, pass) = duties?;
            let part = incidents?;
            let same = head == mine.head;
            drop(mine);
            if same {
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
                None => store.for_each_duty_times_in(from, to, |id, kind, d| pass.count(&slots, now, id, kind, d))?,
                Some(t) => {
                    for ob in store.duties_due_in_as_of(from, to, t)? {
                        pass.count(&slots, now, ob.incident_id, &ob.kind, DutyTimes::of(&ob));
                    }
                }
            }
            (part, pass)
        }
    };
    let IncidentPart { fig, units, findings_rows, tasks, signatures, unverified_signatures } = part;

    // Per reporting unit (issue 18): the period's incidents by their caller unit, their findings,
    // and their late and missed duties.
    let unit_names: Vec<String> =
        units.values().cloned().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut unit_flags = vec![UnitFlags::default(); unit_names.len()];
    let unit_of: HashMap<i64, usize> =
        units.iter().filter_map(|(id, u)| unit_names.binary_search(u).ok().map(|i| (*id, i))).collect();
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

fn rate(r: Option<f64>, lang: Lang) -> String {
    r.map(|r| format!("{r:.1}%")).unwrap_or_else(|| lang.pick("无", "n/a").to_string())
}

fn mins(m: Option<f64>, lang: Lang) -> String {
    m.map(|m| format!("{m:.1} {}", lang.pick("分钟", "min"))).unwrap_or_else(|| lang.pick("无", "n/a").to_string())
}

/// Markdown fit for a periodic 通报.
pub fn markdown(s: &Stats, lang: Lang, tz: chrono_tz::Tz) -> String {
    use std::fmt::Write as _;
    let d = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", lang.pick("值班信息报送情况通报", "Duty reporting bulletin"));
    let _ = writeln!(md, "{}: {} – {}\n", lang.pick("统计时段", "Period"), d(s.from), d(s.to));
    let _ = writeln!(md, "## {}\n", lang.pick("一、接报事件", "1. Incidents received"));
    let _ = writeln!(md, "{}: {}\n", lang.pick("合计", "Total"), s.incidents);
    let _ = writeln!(md, "| {} | {} |\n|---|---:|", lang.pick("类别", "Category"), lang.pick("件数", "Count"));
    for (c, n) in &s.by_category {
        let label = c.parse::<Category>().map(|c| c.label(lang)).unwrap_or("?");
        let _ = writeln!(md, "| {label} | {n} |");
    }
    let _ = writeln!(md, "\n| {} | {} |\n|---|---:|", lang.pick("等级", "Grade"), lang.pick("件数", "Count"));
    for (g, n) in &s.by_grade {
        let label = g.parse::<Grade>().map(|g| g.label(lang)).unwrap_or("?");
        let _ = writeln!(md, "| {label} | {n} |");
    }
    let _ = writeln!(md, "\n## {}\n", lang.pick("二、报送时效", "2. Timeliness of reports"));
    let o = s.obligations;
    let _ = writeln!(
        md,
        "{} {} · {} {} · {} {} · {} {} · {} {} · {} {} ({} {}) · {} {}\n",
        lang.pick("按时", "On time"),
        o.done,
        lang.pick("迟报", "late"),
        o.done_late,
        lang.pick("漏报", "missed"),
        o.missed,
        lang.pick("免报", "waived"),
        o.waived,
        lang.pick("撤销", "superseded"),
        o.superseded,
        lang.pick("待报", "open"),
        o.open,
        lang.pick("其中超时", "overdue"),
        o.open_overdue,
        lang.pick("按时率", "on-time rate"),
        rate(s.on_time_rate, lang)
    );
    let table = |md: &mut String, head: &str, rows: &BTreeMap<String, Tally>, label: &dyn Fn(&str) -> String| {
        let _ = writeln!(
            md,
            "| {head} | {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|---:|",
            lang.pick("按时", "On time"),
            lang.pick("迟报", "Late"),
            lang.pick("漏报", "Missed"),
            lang.pick("免报", "Waived"),
            lang.pick("撤销", "Superseded"),
            lang.pick("待报", "Open"),
            lang.pick("按时率", "Rate")
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
                rate(t.on_time_rate(), lang)
            );
        }
        let _ = writeln!(md);
    };
    table(&mut md, lang.pick("事项", "Kind"), &s.by_kind, &|k| crate::text::labels::obligation_kind(k, lang));
    table(&mut md, lang.pick("值班员", "Officer"), &s.by_officer, &|k| crate::domain::safe_text::md_cell(k));
    let _ = writeln!(md, "## {}\n", lang.pick("三、时效中位数", "3. Medians"));
    let _ = writeln!(
        md,
        "- {}: {}",
        lang.pick("获知至电话首报", "Learned to first phone report"),
        mins(s.median_first_phone_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}: {}",
        lang.pick("上级值班室确认用时", "Upper duty rooms' acknowledgement delay"),
        mins(s.median_ack_minutes, lang)
    );
    let _ = writeln!(
        md,
        "- {}: {} / {}",
        lang.pick("未核验签字 / 签字", "Unverified signatures / signatures"),
        s.unverified_signatures,
        s.signatures
    );
    let _ = writeln!(
        md,
        "- {}: {}",
        lang.pick("要素不全的书面报告(边核实边报告)", "Written reports sent with elements missing"),
        s.incomplete_reports
    );
    md.push_str(&findings_section(s, lang));
    md
}

/// The 迟报/漏报/谎报/瞒报 figures per reporting unit (issue 18, PR-16), as a Markdown section: part of
/// the plain `stats` text and of the 通报 (`stats --md`).
pub fn findings_section(s: &Stats, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut md = String::new();
    let _ =
        writeln!(md, "\n### {}\n", lang.pick("迟报、漏报、谎报、瞒报", "Late, missed, false and concealed reports"));
    let _ = writeln!(
        md,
        "{} {} · {} {}\n",
        lang.pick("谎报", "False reports"),
        s.findings.false_reports,
        lang.pick("瞒报", "Concealed"),
        s.findings.concealed
    );
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|",
        lang.pick("报送单位", "Reporting unit"),
        lang.pick("事件", "Incidents"),
        lang.pick("迟报", "Late"),
        lang.pick("漏报", "Missed"),
        lang.pick("谎报", "False"),
        lang.pick("瞒报", "Concealed")
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
