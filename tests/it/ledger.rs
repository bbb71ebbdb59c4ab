//! The obligation ledger (issue 11) on real SQLite files in temp dirs: a property test over random
//! sequences of operations and clock moves with the ledger's invariants checked after every step, and a
//! table test per rule under both shipped profiles.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use dutywatch::config::rules::{Rulebook, SHIPPED_HENAN, parse_rules};
use dutywatch::config::unit::{CloseWithOpen, SHIPPED_UNIT};
use dutywatch::config::{UnitConfig, parse_toml};
use dutywatch::domain::deadlines::{ObligationState, counts_as_missed, state_of};
use dutywatch::domain::response::RespLevel;
use dutywatch::domain::{
    Category, Channel, Grade, IncidentStatus, Lang, Level, Obligation, ObligationKind, ReportKind, Role,
};
use dutywatch::ops::ledger::{self as oled, WaiveTarget};
use dutywatch::ops::response::{self as oresp, ResponseAct};
use dutywatch::ops::{OpCtx, OpError, duties as oduty, escalation as oe, incident as oi, replay, stats, task as otask};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use proptest::prelude::*;
use tempfile::TempDir;

const LEADER: &str = "周建国";
const OFFICER: &str = "张伟";

/// Shanghai local time on a November 2026 day.
fn local(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Shanghai.with_ymd_and_hms(2026, 11, d, h, m, 0).single().expect("valid").with_timezone(&Utc)
}

struct World {
    _dir: TempDir,
    store: Store,
    unit: UnitConfig,
    book: Rulebook,
    now: DateTime<Utc>,
}

impl World {
    fn new(profile: &str, level: Level) -> World {
        let dir = TempDir::new().expect("tmp");
        let mut store = Store::open(&dir.path().join("ledger.db")).expect("open");
        let mut unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").expect("unit");
        unit.rules = profile.into();
        unit.level = level;
        let mut book = Rulebook::shipped(&unit).expect("rules");
        if profile == "henan" {
            book.rules = parse_rules(SHIPPED_HENAN, "henan.toml").expect("henan");
        }
        let now = local(22, 1, 0);
        for (name, role) in [(LEADER, Role::Leader), (OFFICER, Role::Officer)] {
            let p = PersonInput {
                name: name.into(),
                phone: String::new(),
                department: String::new(),
                roles: vec![role],
                active: true,
            };
            store.add_person(&p, now, "setup").expect("person");
        }
        store.seed_contacts(&unit.contacts, now, "setup").expect("contacts");
        book.directory = store.directory().expect("directory");
        World { _dir: dir, store, unit, book, now }
    }

    fn tick(&mut self, minutes: i64) {
        self.now += Duration::minutes(minutes);
        let (unit, book, now) = (self.unit.clone(), self.book.clone(), self.now);
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: OFFICER, lang: Lang::En };
        oled::advance(&mut self.store, &ctx).expect("advance");
    }

    fn intake(&mut self, grade: Grade, learned_ago: i64) -> i64 {
        let input = IncidentInput {
            title: "山体滑坡".into(),
            category: Some(Category::Natural),
            grade: Some(grade),
            learned_at: Some(self.now - Duration::minutes(learned_ago)),
            ..IncidentInput::default()
        };
        self.with_ctx(|s, c| oi::add(s, c, &input).expect("intake").id)
    }

    fn report(&mut self, id: i64, kind: ReportKind, ago: i64) -> Result<(), OpError> {
        let written = matches!(kind, ReportKind::FirstWritten | ReportKind::Final | ReportKind::Followup);
        let input = oi::ReportInput {
            kind,
            to: "县应急管理局值班室".into(),
            channel: if written { Channel::Fax } else { Channel::Phone },
            at: Some(self.now - Duration::minutes(ago)),
            signer: if written { LEADER.into() } else { String::new() },
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        };
        self.with_ctx(|s, c| oi::record_report(s, c, id, &input).map(drop))
    }

    fn grade(&mut self, id: i64, grade: Grade, ago: i64) -> Result<(), OpError> {
        let change = oi::GradeChange { grade, by: LEADER.into(), at: Some(self.now - Duration::minutes(ago)) };
        self.with_ctx(|s, c| oi::change_grade(s, c, id, &change, None).map(drop))
    }

    fn escalate(&mut self, id: i64, level: Level, skip: bool) -> Result<(), OpError> {
        let recipient = match level {
            Level::Leader => LEADER,
            Level::County => "县政府总值班室",
            Level::City => "市政府总值班室",
            Level::Province => "省政府总值班室",
            _ => "国务院总值班室",
        };
        let input = oe::EscalateInput {
            level,
            recipient: recipient.into(),
            channel: Channel::Phone,
            at: None,
            skip_level: skip,
            reason: if skip { "山体仍在滑动".into() } else { String::new() },
        };
        self.with_ctx(|s, c| oe::escalate(s, c, id, &input).map(drop))
    }

    fn with_ctx<T>(&mut self, f: impl FnOnce(&mut Store, &OpCtx<'_>) -> T) -> T {
        let (unit, book, now) = (self.unit.clone(), self.book.clone(), self.now);
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: OFFICER, lang: Lang::En };
        f(&mut self.store, &ctx)
    }

    fn obligations(&self, id: i64) -> Vec<Obligation> {
        self.store.obligations(id).expect("obligations")
    }

    fn duty(&self, id: i64, kind: &str) -> Vec<Obligation> {
        self.obligations(id).into_iter().filter(|o| o.kind.code() == kind && !o.tracking).collect()
    }

    fn state(&self, o: &Obligation) -> ObligationState {
        state_of(o, self.now, Duration::minutes(10))
    }
}

// ── the property test ────────────────────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
enum Op {
    Intake {
        grade: Grade,
        learned_ago: i64,
    },
    Regrade {
        grade: Grade,
        ago: i64,
    },
    Report {
        kind: ReportKind,
        ago: i64,
    },
    Escalate {
        level: Level,
        skip: bool,
    },
    Ack {
        level: Level,
    },
    Relay {
        level: Level,
    },
    End {
        ago: i64,
    },
    Waive,
    Close,
    Clock {
        minutes: i64,
    },
    /// Activate, raise or lower (Some) or end (None) the response level (issue 18).
    Respond {
        level: Option<RespLevel>,
        ago: i64,
    },
    /// Confirm a readiness item.
    Ready {
        item: usize,
        ago: i64,
    },
    /// Set a 督办 task due this many minutes ahead.
    TaskAdd {
        due_in: i64,
    },
    /// Finish the oldest open task, this many minutes ago.
    TaskDone {
        ago: i64,
    },
    /// Fulfil the earliest open occurrence of a recurring duty, this many minutes ago.
    DutyDone {
        which: usize,
        ago: i64,
    },
}

const DUTIES: [&str; 3] = ["weekly-plan", "daily-written", "zero-report"];

const READY_ITEMS: [&str; 3] = ["township-squad", "village-squad", "hotline"];

fn any_op() -> impl Strategy<Value = Op> {
    let grade = prop::sample::select(vec![Grade::I, Grade::II, Grade::III, Grade::IV]);
    let level = prop::sample::select(vec![Level::Leader, Level::County, Level::City, Level::Province]);
    prop_oneof![
        (prop::sample::select(Grade::ALL.to_vec()), 0i64..20)
            .prop_map(|(grade, learned_ago)| Op::Intake { grade, learned_ago }),
        (grade, 0i64..40).prop_map(|(grade, ago)| Op::Regrade { grade, ago }),
        (prop::sample::select(ReportKind::ALL.to_vec()), 0i64..90).prop_map(|(kind, ago)| Op::Report { kind, ago }),
        (level.clone(), any::<bool>()).prop_map(|(level, skip)| Op::Escalate { level, skip }),
        level.clone().prop_map(|level| Op::Ack { level }),
        level.prop_map(|level| Op::Relay { level }),
        (0i64..30).prop_map(|ago| Op::End { ago }),
        Just(Op::Waive),
        Just(Op::Close),
        (1i64..900).prop_map(|minutes| Op::Clock { minutes }),
        (1i64..30).prop_map(|minutes| Op::Clock { minutes }),
        (prop::option::of(prop::sample::select(RespLevel::ALL.to_vec())), 0i64..40)
            .prop_map(|(level, ago)| Op::Respond { level, ago }),
        (0usize..3, 0i64..90).prop_map(|(item, ago)| Op::Ready { item, ago }),
        (0i64..600).prop_map(|due_in| Op::TaskAdd { due_in }),
        (0i64..60).prop_map(|ago| Op::TaskDone { ago }),
        (0usize..3, 0i64..120).prop_map(|(which, ago)| Op::DutyDone { which, ago }),
    ]
}

/// What the test remembers of each obligation to check that nothing vanishes or moves.
#[derive(Debug, Clone)]
struct Seen {
    kind: String,
    anchor: DateTime<Utc>,
    due: DateTime<Utc>,
    was_late: bool,
    /// Observed still open at a moment after its due time.
    open_past_due: bool,
}

fn run_sequence(profile: &str, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut w = World::new(profile, Level::Township);
    let mut incidents: Vec<i64> = Vec::new();
    let mut seen: BTreeMap<i64, Seen> = BTreeMap::new();
    let mut captures: Vec<(DateTime<Utc>, replay::BoardSummary)> = Vec::new();
    // Task id → (due time, was late, seen open past due).
    let mut task_seen: BTreeMap<i64, (DateTime<Utc>, bool, bool)> = BTreeMap::new();
    let mut duty_seen: BTreeMap<i64, (DateTime<Utc>, bool, bool)> = BTreeMap::new();
    let due_soon = Duration::minutes(10);
    let ack_timeout = w.book.escalation.ack_timeout();
    for (step, op) in ops.iter().enumerate() {
        let target = incidents.last().copied();
        let before: BTreeSet<i64> = seen.keys().copied().collect();
        // The lower bound for new items' anchors made by this step.
        let mut anchor_floor: Option<DateTime<Utc>> = None;
        match (op, target) {
            (Op::Intake { grade, learned_ago }, _) => {
                incidents.push(w.intake(*grade, *learned_ago));
                anchor_floor = Some(w.now - Duration::minutes(*learned_ago));
            }
            (Op::Regrade { grade, ago }, Some(id)) => {
                let at = w.now - Duration::minutes(*ago);
                if w.grade(id, *grade, *ago).is_ok() {
                    anchor_floor = Some(at);
                }
            }
            (Op::Report { kind, ago }, Some(id)) => {
                let _ = w.report(id, *kind, *ago);
            }
            (Op::Escalate { level, skip }, Some(id)) => {
                let _ = w.escalate(id, *level, *skip);
            }
            (Op::Ack { level }, Some(id)) => {
                let _ = w.with_ctx(|s, c| oe::ack(s, c, id, *level, "县值班员", None));
            }
            (Op::Relay { level }, Some(id)) => {
                let _ = w.with_ctx(|s, c| oled::relay(s, c, id, *level, "县值班员", None));
            }
            (Op::End { ago }, Some(id)) => {
                let _ = w.with_ctx(|s, c| oi::end_handling(s, c, id, Some(c.now - Duration::minutes(*ago))));
            }
            (Op::Waive, Some(id)) => {
                if let Some(o) = w.obligations(id).into_iter().find(|o| o.is_open() && !o.tracking) {
                    let r =
                        w.with_ctx(|s, c| oled::waive(s, c, id, &WaiveTarget::Obligation(o.id), "不再需要", LEADER));
                    prop_assert!(r.is_ok(), "waive: {r:?}");
                }
            }
            (Op::Close, Some(id)) => {
                let open = w.obligations(id).iter().filter(|o| o.is_open() && !o.tracking).count();
                let r = w.with_ctx(|s, c| oi::close(s, c, id));
                if open > 0 {
                    prop_assert!(r.is_err(), "a close with {open} open duties must be refused");
                }
            }
            (Op::Clock { minutes }, _) => w.tick(*minutes),
            (Op::Respond { level, ago }, Some(id)) => {
                let at = w.now - Duration::minutes(*ago);
                let act = match level {
                    Some(level) => ResponseAct::Level { level: *level, reason: "水位超警戒".into() },
                    None => ResponseAct::End { conditions: "险情解除".into() },
                };
                if w.with_ctx(|s, c| oresp::respond(s, c, id, &act, LEADER, Some(at))).is_ok() {
                    anchor_floor = Some(at);
                }
            }
            (Op::Ready { item, ago }, Some(id)) => {
                let at = w.now - Duration::minutes(*ago);
                let _ = w.with_ctx(|s, c| oresp::ready(s, c, id, READY_ITEMS[*item], Some(at)));
            }
            (Op::TaskAdd { due_in }, _) => {
                let input = otask::TaskInput {
                    title: "核查转移人数".into(),
                    owner: OFFICER.into(),
                    due: Some(w.now + Duration::minutes(*due_in)),
                    from: Some(LEADER.into()),
                    ..otask::TaskInput::default()
                };
                let t = w.with_ctx(|s, c| otask::add(s, c, &input));
                prop_assert!(t.is_ok(), "task add: {t:?}");
            }
            (Op::TaskDone { ago }, _) => {
                if let Some(t) = w.store.tasks(true).expect("tasks").into_iter().min_by_key(|t| t.anchor_at) {
                    let at = (w.now - Duration::minutes(*ago)).max(t.anchor_at);
                    let r = w.with_ctx(|s, c| otask::done(s, c, t.id, "已办结", Some(at)));
                    prop_assert!(r.is_ok(), "task done: {r:?}");
                }
            }
            (Op::DutyDone { which, ago }, _) => {
                let at = w.now - Duration::minutes(*ago);
                let _ = w.with_ctx(|s, c| oduty::done(s, c, DUTIES[*which], Some(at), Some("文号")));
            }
            (_, None) => {}
        }
        // Recurring duties too: made from the start of their day, never moved or deleted, 迟报 kept.
        let occurrences = w.store.duties(false, 100_000).expect("duties");
        prop_assert!(occurrences.len() >= duty_seen.len(), "step {step}: an occurrence vanished");
        for d in &occurrences {
            prop_assert!(d.anchor_at <= d.due_at, "step {step}: due before it existed: {d:?}");
            prop_assert!(d.anchor_at <= w.now, "step {step}: made before its day began: {d:?}");
            prop_assert!(!(d.done_at.is_some() && d.end.is_some()), "step {step}: two states: {d:?}");
            prop_assert!(d.done_at.is_none_or(|t| t >= d.anchor_at), "step {step}: done before it existed: {d:?}");
            let late = d.late_at(w.now);
            let s = duty_seen.entry(d.id).or_insert((d.due_at, late, false));
            prop_assert_eq!(s.0, d.due_at, "step {}: occurrence due time moved", step);
            prop_assert!(!s.1 || late, "step {step}: occurrence 迟报 cleared: {d:?}");
            s.1 |= late;
            if d.is_open() && w.now > d.due_at {
                s.2 = true;
            }
            let expected = s.2 || d.done_at.is_some_and(|t| t > d.due_at);
            prop_assert_eq!(late, expected, "step {}: occurrence late flag wrong: {:?}", step, d);
        }
        // 督办 tasks keep the ledger's rules: nothing vanishes or moves, 迟报 stays, one state each.
        let tasks = w.store.tasks(false).expect("tasks");
        prop_assert!(tasks.len() >= task_seen.len(), "step {step}: a task vanished");
        for t in &tasks {
            prop_assert!(t.anchor_at <= t.due_at, "step {step}: task due before it existed: {t:?}");
            prop_assert!(!(t.done_at.is_some() && t.end.is_some()), "step {step}: two states: {t:?}");
            let late = t.late_at(w.now);
            let s = task_seen.entry(t.id).or_insert((t.due_at, late, false));
            prop_assert_eq!(s.0, t.due_at, "step {}: task due time moved", step);
            prop_assert!(!s.1 || late, "step {step}: task 迟报 cleared: {t:?}");
            s.1 |= late;
            if t.is_open() && w.now > t.due_at {
                s.2 = true;
            }
            let expected = s.2 || t.done_at.is_some_and(|d| d > t.due_at);
            prop_assert_eq!(late, expected, "step {}: task late flag wrong: {:?}", step, t);
        }
        // Invariants after every step.
        let mut now_ids = BTreeSet::new();
        for &id in &incidents {
            let inc = w.store.incident(id).expect("read").expect("incident");
            for o in w.obligations(id) {
                now_ids.insert(o.id);
                prop_assert!(o.anchor_at <= o.due_at, "step {step}: due before it came to exist: {o:?}");
                prop_assert!(o.anchor_at >= inc.learned_at, "step {step}: anchored before the call: {o:?}");
                prop_assert!(!(o.done_at.is_some() && o.end.is_some()), "step {step}: two states: {o:?}");
                let late = oi::late_at(&o, w.now);
                match seen.get_mut(&o.id) {
                    Some(s) => {
                        prop_assert_eq!(&s.kind, &o.kind.to_string(), "step {}: kind changed", step);
                        prop_assert_eq!(s.anchor, o.anchor_at, "step {}: anchor moved", step);
                        prop_assert_eq!(s.due, o.due_at, "step {}: due time moved: {:?}", step, o);
                        prop_assert!(!s.was_late || late, "step {step}: 迟报 cleared: {o:?}");
                        s.was_late |= late;
                    }
                    None => {
                        if let Some(floor) = anchor_floor
                            && !before.contains(&o.id)
                            && o.kind.code() != "followup"
                        {
                            prop_assert!(o.anchor_at >= floor, "step {step}: added before its decision: {o:?}");
                        }
                        seen.insert(
                            o.id,
                            Seen {
                                kind: o.kind.to_string(),
                                anchor: o.anchor_at,
                                due: o.due_at,
                                was_late: late,
                                open_past_due: false,
                            },
                        );
                    }
                }
                let s = seen.get_mut(&o.id).expect("seen");
                if o.is_open() && w.now > o.due_at {
                    s.open_past_due = true;
                }
                if !o.tracking {
                    let expected = s.open_past_due
                        || o.done_at.is_some_and(|d| d > o.due_at)
                        || o.end.as_ref().is_some_and(|e| e.at > o.due_at);
                    prop_assert_eq!(late, expected, "step {}: late flag wrong: {:?}", step, o);
                } else {
                    prop_assert!(!late, "a tracking item is never late");
                }
            }
        }
        prop_assert!(before.is_subset(&now_ids), "step {step}: an obligation vanished");
        // Stats equal the ledger.
        // Stats count the duties due in the period (a 7-day 总结评估 duty may fall after it).
        let (from, to) = (local(1, 0, 0), local(30, 0, 0));
        let s = stats::compute(&w.store, from, to, w.now, Lang::En).expect("stats");
        let mut want = stats::Tally::default();
        let mut count = 0u32;
        for &id in &incidents {
            for o in w.obligations(id).iter().filter(|o| !o.tracking && o.due_at >= from && o.due_at < to) {
                want.add(o, w.now);
                count += 1;
                let _ = counts_as_missed(o);
            }
        }
        prop_assert_eq!(s.obligations, want, "step {}: stats differ from the ledger", step);
        prop_assert_eq!(s.obligations.total(), count);
        let mut want_tasks = stats::Tally::default();
        for t in tasks.iter().filter(|t| t.due_at >= local(1, 0, 0) && t.due_at < local(30, 0, 0)) {
            want_tasks.add(&t.as_obligation(), w.now);
        }
        prop_assert_eq!(s.tasks, want_tasks, "step {}: task stats differ from the tasks", step);
        // The board as it is live now, for the replay check at the end.
        let live = dutywatch::runtime::load::board(&w.store, w.now).expect("live board");
        captures.push((w.now, replay::summary(&live, w.now, due_soon, ack_timeout)));
    }
    // Several steps at one instant: the board as it stood then is the last of them.
    let mut last: BTreeMap<DateTime<Utc>, replay::BoardSummary> = BTreeMap::new();
    for (t, live) in captures {
        last.insert(t, live);
    }
    for (t, live) in &last {
        let past = replay::board_at(&w.store, *t).expect("replay");
        let past = replay::summary(&past, *t, due_soon, ack_timeout);
        prop_assert_eq!(&past.open, &live.open, "review at {} differs (open)", t);
        prop_assert_eq!(&past.due, &live.due, "review at {} differs (due)", t);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_keeps_its_invariants_over_random_nights(
        henan in any::<bool>(),
        ops in prop::collection::vec(any_op(), 1..28),
    ) {
        let mut ops = ops;
        ops.insert(0, Op::Intake { grade: Grade::III, learned_ago: 3 });
        run_sequence(if henan { "henan" } else { "default" }, &ops)?;
    }
}

// ── table tests, one per rule, under both profiles ───────────────────────────────────────────────────────────

const PROFILES: [&str; 2] = ["default", "henan"];

/// Rule 1 and 6: a close is refused while duties are open; waived duties end with who/when/why; with
/// `close_with_open = "missed"` the open ones end missed. Nothing vanishes.
#[test]
fn rule_close_refused_waive_then_close() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::IV, 0);
        w.tick(30);
        w.with_ctx(|s, c| oi::end_handling(s, c, id, None)).expect("end");
        let e = w.with_ctx(|s, c| oi::close(s, c, id)).expect_err("open duties");
        assert!(matches!(e, OpError::Refused(ref m) if m.contains("final report") && m.contains("id ")), "{p}: {e}");
        let before = w.obligations(id).len();
        for o in w.obligations(id).into_iter().filter(|o| o.is_open() && !o.tracking) {
            w.with_ctx(|s, c| oled::waive(s, c, id, &WaiveTarget::Obligation(o.id), "电话已报,书面免报", LEADER))
                .expect("waive");
        }
        let all = w.obligations(id);
        assert_eq!(all.len(), before, "{p}: nothing vanishes");
        let waived: Vec<&Obligation> = all.iter().filter(|o| w.state(o) == ObligationState::Waived).collect();
        assert!(!waived.is_empty());
        assert!(waived.iter().all(|o| o.end.as_ref().is_some_and(|e| e.by == LEADER && e.reason.contains("免报"))));
        let inc = w.with_ctx(|s, c| oi::close(s, c, id)).expect("close");
        assert_eq!(inc.status, IncidentStatus::Closed);
    }
    // Under close_with_open = "missed" the open duties end as missed.
    let mut w = World::new("default", Level::Township);
    w.unit.close_with_open = CloseWithOpen::Missed;
    let id = w.intake(Grade::III, 0);
    w.tick(90);
    w.with_ctx(|s, c| oi::end_handling(s, c, id, None)).expect("end");
    w.with_ctx(|s, c| oi::close(s, c, id)).expect("close anyway");
    let all = w.obligations(id);
    let missed = all.iter().filter(|o| w.state(o) == ObligationState::Missed).count();
    assert!(missed >= 3, "{all:?}");
    let s = stats::compute(&w.store, local(1, 0, 0), local(30, 0, 0), w.now, Lang::En).expect("stats");
    assert_eq!(s.obligations.missed, missed as u32);
    assert!(s.on_time_rate.is_some_and(|r| r < 100.0));
}

/// Rule 1: late becomes true the moment an open duty passes its due time, and never false again;
/// a waived overdue duty keeps it and counts as missed.
#[test]
fn rule_late_is_stamped_and_kept() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 0);
        let written = w.duty(id, "first-written")[0].clone();
        w.tick((written.due_at - w.now).num_minutes() + 1);
        let o = w.duty(id, "first-written")[0].clone();
        assert!(o.late, "{p}: stamped in the store: {o:?}");
        w.with_ctx(|s, c| {
            oled::waive(s, c, id, &WaiveTarget::Kind(ObligationKind::FirstWritten), "改为电话报告", LEADER)
        })
        .expect("waive");
        let o = w.duty(id, "first-written")[0].clone();
        assert!(oi::late_at(&o, w.now) && counts_as_missed(&o), "{p}: {o:?}");
    }
}

/// Rule 2: deadlines count from the call (learned-at), so a call entered late is late.
#[test]
fn rule_deadlines_count_from_the_call() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 3);
        let inc = w.store.incident(id).expect("read").expect("incident");
        assert_eq!(inc.learned_at, w.now - Duration::minutes(3));
        for o in w.obligations(id) {
            assert!(o.anchor_at >= inc.learned_at && o.due_at > inc.learned_at);
        }
        let phone = w.duty(id, "notify-leader")[0].clone();
        assert_eq!(phone.due_at, inc.learned_at + Duration::minutes(30), "{p}");
    }
}

/// Rule 3: an upgrade adds duties counted from the decision; nothing is backdated or moved; a downgrade
/// supersedes what the new grade does not require, and the follow-ups stop.
#[test]
fn rule_regrade_never_backdates_or_moves() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 0); // 01:00
        let before: BTreeMap<i64, DateTime<Utc>> = w.obligations(id).iter().map(|o| (o.id, o.due_at)).collect();
        w.tick(190); // 04:10
        w.grade(id, Grade::II, 0).expect("upgrade at 04:10");
        let decision = w.now;
        for o in w.obligations(id) {
            match before.get(&o.id) {
                Some(due) => assert_eq!(*due, o.due_at, "{p}: moved {o:?}"),
                None => assert!(o.anchor_at >= decision && o.due_at > decision, "{p}: backdated {o:?}"),
            }
        }
        assert!(w.obligations(id).iter().any(|o| o.kind.code() == "reach-province" && o.tracking));
        w.tick(10);
        w.grade(id, Grade::IV, 0).expect("downgrade");
        let fu = w.duty(id, "followup");
        assert!(fu.iter().all(|o| !o.is_open()), "{p}: follow-ups stop: {fu:?}");
        assert!(fu.iter().any(|o| w.state(o) == ObligationState::Superseded));
        let sup = fu.iter().find(|o| o.end.is_some()).and_then(|o| o.end.clone()).expect("ended");
        assert_eq!((sup.by.as_str(), sup.reason.as_str()), (LEADER, "regraded to Ⅳ"));
        // The decision needs a leader.
        let e = w
            .with_ctx(|s, c| {
                oi::change_grade(s, c, id, &oi::GradeChange { grade: Grade::II, by: OFFICER.into(), at: None }, None)
            })
            .expect_err("an officer cannot decide a grade");
        assert_eq!(e.field(), Some("by"));
    }
}

/// Rule 4: a 续报 needs a 首报; slots fill by when they begin; a 续报 never fills a slot not yet begun.
#[test]
fn rule_followup_slots() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        w.now = local(22, 6, 0);
        let id = w.intake(Grade::III, 0);
        let e = w.report(id, ReportKind::Followup, 0).expect_err("no 首报 yet");
        assert!(e.to_string().starts_with("kind:"), "{p}: {e}");
        w.report(id, ReportKind::FirstPhone, 0).expect("首报");
        // 08:00 missed; a 续报 at 10:05 fills 08:00, late; 17:00 still owed.
        w.tick(245); // 10:05
        w.report(id, ReportKind::Followup, 0).expect("续报 1");
        let fu = w.duty(id, "followup");
        let eight = fu.iter().find(|o| o.due_at == local(22, 8, 0)).expect("08:00 slot");
        assert_eq!(w.state(eight), ObligationState::DoneLate, "{p}");
        let five = fu.iter().find(|o| o.due_at == local(22, 17, 0)).expect("17:00 slot");
        assert!(five.is_open(), "{p}");
        // Two early 续报 at 10:40 and 10:50: the first fills 17:00, the second nothing; tomorrow 08:00 owed.
        w.tick(35);
        w.report(id, ReportKind::Followup, 0).expect("续报 2");
        w.tick(10);
        w.report(id, ReportKind::Followup, 0).expect("续报 3");
        let fu = w.duty(id, "followup");
        let five = fu.iter().find(|o| o.due_at == local(22, 17, 0)).expect("17:00");
        assert_eq!(w.state(five), ObligationState::DoneOnTime, "{p}");
        let tomorrow = fu.iter().find(|o| o.due_at == local(23, 8, 0)).expect("tomorrow 08:00");
        assert!(tomorrow.is_open(), "{p}: {fu:?}");
        assert_eq!(tomorrow.anchor_at, local(22, 17, 0), "a slot begins at the previous slot's due time");
        // A final report needs handling ended.
        let e = w.report(id, ReportKind::Final, 0).expect_err("handling open");
        assert!(e.to_string().starts_with("kind:"), "{e}");
        // Handling ended at 11:00: tomorrow's slot stops; the 终报 falls due from 11:00.
        w.tick(10);
        w.with_ctx(|s, c| oi::end_handling(s, c, id, None)).expect("end");
        let tomorrow = w.duty(id, "followup").into_iter().find(|o| o.due_at == local(23, 8, 0)).expect("slot");
        assert_eq!(w.state(&tomorrow), ObligationState::Superseded);
        assert_eq!(w.duty(id, "final")[0].due_at, w.now + Duration::hours(24));
        w.report(id, ReportKind::Final, 0).expect("终报");
    }
}

/// Rule 5: written means written: a written 首报 by phone is refused; the signer must be a leader.
#[test]
fn rule_written_means_written() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 0);
        let mut input = oi::ReportInput {
            kind: ReportKind::FirstWritten,
            to: "县应急管理局值班室".into(),
            channel: Channel::Phone,
            at: None,
            signer: LEADER.into(),
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        };
        let e = w.with_ctx(|s, c| oi::record_report(s, c, id, &input)).expect_err("by phone");
        assert_eq!(e.field(), Some("channel"), "{p}");
        input.channel = Channel::Fax;
        input.signer = OFFICER.into();
        let e = w.with_ctx(|s, c| oi::record_report(s, c, id, &input)).expect_err("not a leader");
        assert_eq!(e.field(), Some("signer"), "{p}");
        input.signer = LEADER.into();
        w.with_ctx(|s, c| oi::record_report(s, c, id, &input)).expect("signed by a leader, by fax");
        assert_eq!(w.state(&w.duty(id, "first-written")[0]), ObligationState::DoneOnTime);
    }
}

/// Rule 7: an escalation over a level not yet told is refused unless declared with a reason; then it
/// creates the duty to tell the own leader, and the skipped level stays owed.
#[test]
fn rule_skip_level_is_detected() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 0);
        let e = w.escalate(id, Level::City, false).expect_err("county never told");
        assert!(e.to_string().contains("county"), "{p}: {e}");
        w.escalate(id, Level::City, true).expect("declared, with a reason");
        let steps = w.store.escalations(id).expect("steps");
        assert!(steps.iter().any(|s| s.level == Level::City && s.skip_level));
        assert!(w.duty(id, "notify-leader-after-skip")[0].is_open());
        assert!(w.duty(id, "notify-upper")[0].is_open(), "{p}: the county stays owed");
        // Once the county is told, the city is no longer a skip.
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::III, 0);
        w.escalate(id, Level::County, false).expect("county");
        w.escalate(id, Level::City, false).expect("city after county");
    }
    // A direct report the profile requires is not a skip (henan: a county to the province).
    let mut w = World::new("henan", Level::County);
    let id = w.intake(Grade::II, 0);
    w.escalate(id, Level::Province, false).expect("direct report to the province");
    assert!(!w.duty(id, "direct-province")[0].is_open());
}

/// Rule 8: a township owes its leader and the county; the city, province and State Council are tracked,
/// never its 迟报 or 漏报, and are confirmed by a relay or an ack.
#[test]
fn rule_a_unit_owes_what_its_level_owes() {
    for p in PROFILES {
        let mut w = World::new(p, Level::Township);
        let id = w.intake(Grade::I, 0);
        let all = w.obligations(id);
        assert!(all.iter().all(|o| o.kind.code() != "national" && o.kind.code() != "direct-province"), "{p}: {all:?}");
        let tracked: BTreeSet<String> = all.iter().filter(|o| o.tracking).map(|o| o.kind.to_string()).collect();
        assert_eq!(
            tracked,
            ["reach-city", "reach-national", "reach-province"].iter().map(|s| s.to_string()).collect(),
            "{p}"
        );
        w.tick(600);
        assert!(all.iter().filter(|o| o.tracking).all(|o| !oi::late_at(o, w.now)));
        w.with_ctx(|s, c| oled::relay(s, c, id, Level::City, "市值班员李", None)).expect("relay");
        let city = w.obligations(id).into_iter().find(|o| o.kind.code() == "reach-city").expect("city");
        assert_eq!(city.confirmed_by.as_deref(), Some("市值班员李"));
        let e = w.with_ctx(|s, c| oled::relay(s, c, id, Level::City, "x", None)).expect_err("already confirmed");
        assert!(e.to_string().contains("level"), "{e}");
    }
}

/// Rule 1: a file from before the ledger migrates forward: a duty a close silently voided becomes
/// missed (漏报), one voided by a regrade superseded, `reach-<level>` items tracking; each change has
/// its audit event.
#[test]
fn a_file_from_before_the_ledger_migrates_forward() {
    let dir = TempDir::new().expect("tmp");
    let path = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        for sql in [
            include_str!("../../migrations/0001_init.sql"),
            include_str!("../../migrations/0002_contacts.sql"),
            include_str!("../../migrations/0003_handover.sql"),
            include_str!("../../migrations/0004_perf_indexes.sql"),
        ] {
            c.execute_batch(sql).expect("old schema");
        }
        c.pragma_update(None, "user_version", 4).expect("version 4");
        c.execute_batch(
            "INSERT INTO incident (id, ref, title, category, grade, occurred_at, learned_at, status, closed_at, \
             created_at, updated_at) VALUES (1, '2026-0001', '旧事件', 'natural', 'III', 100, 100, 'closed', 9000, 100, 9000);
             INSERT INTO obligation (id, incident_id, kind, anchor_at, due_at, late, voided_at, void_reason, created_at)
               VALUES (1, 1, 'first-written', 100, 3700, 1, 9000, 'incident closed', 100),
                      (2, 1, 'national', 100, 14500, 0, 5000, 'regrade', 100),
                      (3, 1, 'reach-city', 100, 3700, 0, NULL, NULL, 100);
             INSERT INTO obligation (id, incident_id, kind, anchor_at, due_at, done_at, late, created_at)
               VALUES (4, 1, 'first-phone', 100, 1900, 1000, 0, 100);",
        )
        .expect("old rows");
    }
    let store = Store::open(&path).expect("migrated");
    let obs = store.obligations(1).expect("obligations");
    assert_eq!(obs.len(), 4, "nothing vanished");
    let state = |id: i64| {
        let o = obs.iter().find(|o| o.id == id).expect("row");
        (state_of(o, local(30, 0, 0), Duration::minutes(10)), o.tracking, counts_as_missed(o))
    };
    assert_eq!(state(1), (ObligationState::Missed, false, true), "voided by a close → 漏报");
    assert_eq!(state(2), (ObligationState::Superseded, false, false));
    assert!(state(3).1, "reach-city is a tracking item");
    assert_eq!(state(4).0, ObligationState::DoneOnTime);
    let events: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_event WHERE action = 'obligation.migrate'", [], |r| r.get(0))
        .expect("events");
    assert_eq!(events, 3, "each migrated row has its audit event");
}
