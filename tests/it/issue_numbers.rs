//! The 信息专报 issue number (issue 19) as a rule, on real SQLite files: a property test over random
//! sequences of intakes, reports by phone and by written means, corrections and clock moves across the
//! new year. After every sequence: a report has a number exactly when it was sent by written means;
//! the numbers of each year are 1, 2, 3 … in the order the reports were recorded (a corrected report
//! keeps its number and the next one is not reused); the year is the unit's calendar year of the send
//! time. Exports never change them (`tests/documents.rs`).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::unit::SHIPPED_UNIT;
use dutywatch::config::{UnitConfig, parse_toml};
use dutywatch::domain::{Category, Channel, Grade, Lang, ReportKind, Role};
use dutywatch::ops::{OpCtx, incident as oi};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use proptest::prelude::*;
use tempfile::TempDir;

const LEADER: &str = "周建国";
const OFFICER: &str = "张伟";

#[derive(Debug, Clone)]
enum Step {
    Intake,
    /// A report on the `n % count`-th incident: (kind, by written means).
    Report(usize, ReportKind, bool),
    /// Correct the `n % count`-th report recorded so far.
    Correct(usize),
    /// Move the clock on this many minutes.
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => Just(Step::Intake),
        4 => (0usize..8, prop_oneof![Just(ReportKind::FirstPhone), Just(ReportKind::FirstWritten), Just(ReportKind::Followup)], any::<bool>())
            .prop_map(|(n, k, w)| Step::Report(n, k, w)),
        1 => (0usize..8).prop_map(Step::Correct),
        2 => (10i64..240).prop_map(Step::Wait),
    ]
}

struct World {
    _dir: TempDir,
    store: Store,
    unit: UnitConfig,
    book: Rulebook,
    now: DateTime<Utc>,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new().expect("tmp");
        let mut store = Store::open(&dir.path().join("issues.db")).expect("open");
        let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").expect("unit");
        let mut book = Rulebook::shipped(&unit).expect("rules");
        // 31 December, 20:00 in Shanghai: a few hours of steps cross into the new year.
        let now = chrono_tz::Asia::Shanghai
            .with_ymd_and_hms(2026, 12, 31, 20, 0, 0)
            .single()
            .expect("valid")
            .with_timezone(&Utc);
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

    fn ctx<T>(&mut self, f: impl FnOnce(&mut Store, &OpCtx<'_>) -> T) -> T {
        let (unit, book, now) = (self.unit.clone(), self.book.clone(), self.now);
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: OFFICER, lang: Lang::En };
        f(&mut self.store, &ctx)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn issue_numbers_count_per_year_in_record_order(steps in prop::collection::vec(step(), 1..40)) {
        let mut w = World::new();
        let mut incidents: Vec<i64> = Vec::new();
        // (report id, by written means) of every report recorded.
        let mut recorded: Vec<(i64, i64, bool)> = Vec::new();
        for s in steps {
            match s {
                Step::Intake => {
                    let input = IncidentInput {
                        title: "山体滑坡".into(),
                        category: Some(Category::Natural),
                        grade: Some(Grade::III),
                        learned_at: Some(w.now),
                        ..IncidentInput::default()
                    };
                    incidents.push(w.ctx(|s, c| oi::add(s, c, &input).expect("intake").id));
                }
                Step::Report(n, kind, written) if !incidents.is_empty() => {
                    let id = incidents[n % incidents.len()];
                    let written = written || kind == ReportKind::FirstWritten;
                    let input = oi::ReportInput {
                        kind,
                        to: "县应急管理局值班室".into(),
                        channel: if written { Channel::Fax } else { Channel::Phone },
                        at: None,
                        signer: if written { LEADER.into() } else { String::new() },
                        doc_no: String::new(),
                        skip_level: false,
                        reason: String::new(),
                    };
                    // A rule may refuse it (a 续报 before any 首报): then nothing is numbered.
                    if let Ok(r) = w.ctx(|s, c| oi::record_report(s, c, id, &input)) {
                        recorded.push((r.id, id, written));
                    }
                }
                Step::Correct(n) if !recorded.is_empty() => {
                    let (rid, iid, _) = recorded[n % recorded.len()];
                    let _ = w.ctx(|s, c| dutywatch::ops::correct::correct(
                        s, c, iid, dutywatch::ops::correct::Target::Report(rid), "recorded by mistake", LEADER,
                    ));
                }
                Step::Wait(m) => w.now += Duration::minutes(m),
                _ => {}
            }
        }
        let mut per_year: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
        for (rid, iid, written) in &recorded {
            let r = w.store.reports(*iid).expect("reports").into_iter().find(|r| r.id == *rid).expect("report");
            match (written, r.issue) {
                (false, None) => {}
                (true, Some(n)) => {
                    let year = r.sent_at.with_timezone(&chrono_tz::Asia::Shanghai).year();
                    prop_assert_eq!(n.year, year, "report {}: year of its send time", rid);
                    per_year.entry(year).or_default().push(n.no);
                }
                (written, issue) => prop_assert!(false, "report {rid}: written {written}, issue {issue:?}"),
            }
        }
        for (year, nos) in per_year {
            let want: Vec<u32> = (1..=nos.len() as u32).collect();
            prop_assert_eq!(nos, want, "year {}", year);
        }
    }
}

/// One sequence, table-style: numbers across the new year, a phone report without one, a corrected
/// report keeping its number.
#[test]
fn numbers_restart_with_the_year_and_are_never_reused() {
    let mut w = World::new();
    let input = IncidentInput {
        title: "山体滑坡".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::III),
        learned_at: Some(w.now),
        ..IncidentInput::default()
    };
    let id = w.ctx(|s, c| oi::add(s, c, &input).expect("intake").id);
    let report = |w: &mut World, kind: ReportKind, written: bool| {
        let input = oi::ReportInput {
            kind,
            to: "县应急管理局值班室".into(),
            channel: if written { Channel::Fax } else { Channel::Phone },
            at: None,
            signer: if written { LEADER.into() } else { String::new() },
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        };
        let r = w.ctx(|s, c| oi::record_report(s, c, id, &input)).expect("report");
        (r.id, r.issue.map(|n| (n.year, n.no)))
    };
    assert_eq!(report(&mut w, ReportKind::FirstPhone, false).1, None);
    assert_eq!(report(&mut w, ReportKind::FirstWritten, true).1, Some((2026, 1)));
    let (second, issue) = report(&mut w, ReportKind::Followup, true);
    assert_eq!(issue, Some((2026, 2)));
    w.now += Duration::hours(5);
    assert_eq!(report(&mut w, ReportKind::Followup, true).1, Some((2027, 1)));
    assert_eq!(report(&mut w, ReportKind::Followup, false).1, None);
    w.ctx(|s, c| {
        dutywatch::ops::correct::correct(s, c, id, dutywatch::ops::correct::Target::Report(second), "mistake", LEADER)
    })
    .expect("correct");
    let r = w.store.reports(id).expect("reports").into_iter().find(|r| r.id == second).expect("kept");
    assert_eq!(r.issue.map(|n| (n.year, n.no)), Some((2026, 2)), "a corrected report keeps its number");
    assert_eq!(report(&mut w, ReportKind::Followup, true).1, Some((2027, 2)));
}
