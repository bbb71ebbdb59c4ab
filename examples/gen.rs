//! A realistic database of years of history, written through the same store and ops code as the
//! app (issue 8): `cargo run --release --example gen -- --db PATH --years 5 --incidents 100000`.
//!
//! - a daily 24 h roster with a leader on duty, from `--years` before `--now` to two weeks after;
//! - `--incidents` incidents spread over those years, across categories and grades, each with the
//!   obligations the rule book plans, its reports (首报, 书面首报, 续报, 终报), escalation steps and
//!   acknowledgements, end of handling and closing; the last day's are still open;
//! - every day an equipment check, a few duty-log notes, a handover drafted and signed by both sides,
//!   and now and then a leader instruction with its feedback.
//!
//! Everything happens in time order (an event queue), each action with its own historical
//! `OpCtx.now`, so audit events, review mode and handover sheets see the data as it stood.
//! Deterministic for a given `--seed` and `--now` (default `--now`: today 12:00 in the unit's zone,
//! or `DUTYWATCH_NOW`).
//!
//! Speed: the ops each commit their own `BEGIN IMMEDIATE` transaction, so saves cannot be batched.
//! The generator sets `PRAGMA synchronous=OFF` on its own connection only (the app always opens with
//! FULL); the rows still go through the real code paths. A crash while generating loses the file,
//! which is fine for a generator.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use dutywatch::config::UnitConfig;
use dutywatch::config::rules::Rulebook;
use dutywatch::config::unit::SHIPPED_UNIT;
use dutywatch::domain::roster::{self, Pattern};
use dutywatch::domain::{Category, Channel, Grade, IncidentStatus, Lang, Level, LogKind, ReportKind, Role, Source};
use dutywatch::ops::escalation::EscalateInput;
use dutywatch::ops::incident::ReportInput;
use dutywatch::ops::log::{DeviceCheck, LogInput};
use dutywatch::ops::{self, OpCtx};
use dutywatch::store::Store;
use dutywatch::store::handover::Side;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;

pub type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `[lo, hi)`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % (hi - lo) as u64) as i64
    }
    /// True with probability `p` percent.
    fn pct(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

/// What to generate (the command line, or a benchmark's setup: `benches/board.rs` includes this file).
pub struct Args {
    pub db: PathBuf,
    pub years: i64,
    pub incidents: usize,
    pub seed: u64,
    pub now: Option<DateTime<Utc>>,
}

#[allow(dead_code)]
fn parse_args() -> BoxResult<Args> {
    let mut a = Args { db: PathBuf::new(), years: 5, incidents: 100_000, seed: 1, now: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => a.db = PathBuf::from(val()?),
            "--years" => a.years = val()?.parse()?,
            "--incidents" => a.incidents = val()?.parse()?,
            "--seed" => a.seed = val()?.parse()?,
            "--now" => a.now = Some(DateTime::parse_from_rfc3339(&val()?)?.with_timezone(&Utc)),
            "-h" | "--help" => {
                println!("gen --db PATH [--years 5] [--incidents 100000] [--seed 1] [--now RFC3339]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if a.db.as_os_str().is_empty() {
        return Err("--db PATH is required".into());
    }
    if a.years < 1 {
        return Err("--years must be at least 1".into());
    }
    Ok(a)
}

/// What happens next, in time order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    /// Incident number k (index into the plan) is learned of.
    Learn(usize),
    /// A step of an incident's life: (incident id, step).
    Step(i64, Step),
    /// The daily round at the shift change of day `d` (equipment, handover, notes).
    Equipment(i64),
    HandoverDraft(i64),
    SignOut(i64),
    SignIn(i64),
    Note(i64),
    Instruction(i64),
    Feedback(i64, i64),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    NotifyLeader,
    FirstPhone,
    AckCounty,
    FirstWritten,
    ReachCity,
    AckCity,
    ReachProvince,
    National,
    Followup(u32),
    LinkedNote,
    End,
    Final,
    Close,
}

const TITLES: &[(&str, Category)] = &[
    ("山体滑坡", Category::Natural),
    ("暴雨内涝", Category::Natural),
    ("森林火情", Category::Natural),
    ("河道水位超警", Category::Natural),
    ("道路交通事故", Category::Accident),
    ("民房火灾", Category::Accident),
    ("燃气泄漏", Category::Accident),
    ("工地坍塌", Category::Accident),
    ("食物中毒", Category::Health),
    ("疑似传染病聚集", Category::Health),
    ("群体性上访", Category::Social),
    ("人员走失", Category::Social),
];
const PLACES: &[&str] = &["青山村", "河口村", "石桥社区", "东湾村", "镇区主街", "北岭林场", "西河大桥", "工业园区"];
const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛"];

#[allow(dead_code)] // unused when a benchmark includes this file
fn main() -> BoxResult<()> {
    generate(&parse_args()?)
}

/// Writes the database described by `args` (replacing any file there) and prints a summary.
pub fn generate(args: &Args) -> BoxResult<()> {
    let started = Instant::now();
    let mut unit: UnitConfig = dutywatch::config::parse_toml(SHIPPED_UNIT, "data/unit.toml")?;
    // Years of history include the duties nobody sent: a close ends them as missed (漏报) instead of
    // leaving the incident open for ever, so the file holds every ledger state.
    unit.close_with_open = dutywatch::config::unit::CloseWithOpen::Missed;
    let tz = unit.timezone;
    let now = match (args.now, std::env::var("DUTYWATCH_NOW").ok().filter(|v| !v.is_empty())) {
        (Some(t), _) => t,
        (None, Some(v)) => DateTime::parse_from_rfc3339(&v)?.with_timezone(&Utc),
        (None, None) => {
            let today = Utc::now().with_timezone(&tz).date_naive();
            local(tz, today, NaiveTime::from_hms_opt(12, 0, 0).ok_or("time")?)?
        }
    };
    let today = now.with_timezone(&tz).date_naive();
    let first_day = today - Duration::days(365 * args.years);
    let history_start = local(tz, first_day, unit.shift_change)?;
    let mut rng = Rng::new(args.seed);

    for suffix in ["", "-wal", "-shm"] {
        let mut p = args.db.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let mut store = Store::open(&args.db)?;
    // The generator's own connection only: see the module comment.
    store.conn().pragma_update(None, "synchronous", "OFF")?;
    store.conn().pragma_update(None, "cache_size", -65536)?;
    let setup_at = history_start - Duration::days(30);
    store.seed_contacts(&unit.contacts, setup_at, "config")?;
    let mut book = Rulebook::shipped(&unit)?;
    book.directory = store.directory()?;

    // People: ten duty officers, three leaders.
    let mut officers = Vec::new();
    let mut leaders = Vec::new();
    let mut used = std::collections::HashSet::new();
    for k in 0..13 {
        // The first leader is the directory's own leader (unit.toml): the one who signs and decides.
        let name = if k == 10 {
            used.insert("周建国".to_string());
            "周建国".to_string()
        } else {
            loop {
                let n = format!("{}{}{}", rng.pick(SURNAMES), rng.pick(GIVEN), rng.pick(GIVEN));
                if used.insert(n.clone()) {
                    break n;
                }
            }
        };
        let role = if k < 10 { Role::Officer } else { Role::Leader };
        let p = store.add_person(
            &PersonInput {
                name,
                phone: format!("139{:08}", rng.range(0, 99_999_999)),
                department: "应急办".into(),
                roles: vec![role],
                active: true,
            },
            setup_at,
            "admin",
        )?;
        if role == Role::Officer { officers.push(p.id) } else { leaders.push(p.id) }
    }
    let names: std::collections::HashMap<i64, String> = store.people()?.into_iter().map(|p| (p.id, p.name)).collect();

    // The roster, entered month by month ten days ahead of each month.
    let roster_to = today + Duration::days(14);
    let specs = roster::fill(Pattern::Daily24, first_day, roster_to, unit.shift_change, tz, &officers, &leaders, &[])?;
    let mut officer_of_day: std::collections::BTreeMap<NaiveDate, String> = Default::default();
    for s in &specs {
        if s.role == Role::Officer {
            officer_of_day.insert(s.start.with_timezone(&tz).date_naive(), names[&s.person_id].clone());
        }
    }
    for chunk in specs.chunks(62) {
        let created = chunk[0].start - Duration::days(10);
        let shifts: Vec<NewShift> = chunk
            .iter()
            .map(|s| NewShift { person_id: s.person_id, role: s.role, start: s.start, end: s.end })
            .collect();
        store.add_shifts(&shifts, created, "admin", &|i| format!("roster row {i}"))?;
    }
    let roster_done = started.elapsed();

    // Incidents: learned at random instants across the history, sorted.
    let span = (now - history_start).num_seconds();
    let mut learn_at: Vec<i64> = (0..args.incidents).map(|_| rng.range(60, span - 60)).collect();
    learn_at.sort_unstable();
    let mut queue: BinaryHeap<Reverse<(i64, u64, Ev)>> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut push = |q: &mut BinaryHeap<Reverse<(i64, u64, Ev)>>, at: DateTime<Utc>, ev: Ev| {
        seq += 1;
        q.push(Reverse((at.timestamp(), seq, ev)));
    };
    for (k, off) in learn_at.iter().enumerate() {
        push(&mut queue, history_start + Duration::seconds(*off), Ev::Learn(k));
    }
    let days = (today - first_day).num_days();
    for d in 0..=days {
        let day = first_day + Duration::days(d);
        let change = local(tz, day, unit.shift_change)?;
        push(&mut queue, change + Duration::minutes(20), Ev::Equipment(d));
        push(&mut queue, change + Duration::hours(10) + Duration::minutes(rng.range(0, 60)), Ev::Note(d));
        push(&mut queue, change + Duration::hours(16) + Duration::minutes(rng.range(0, 120)), Ev::Note(d));
        if d % 7 == 3 {
            push(&mut queue, change + Duration::hours(3), Ev::Instruction(d));
        }
        // The handover at the end of day d's watch (the change into day d+1).
        let next = local(tz, day + Duration::days(1), unit.shift_change)?;
        push(&mut queue, next - Duration::minutes(30), Ev::HandoverDraft(d));
        push(&mut queue, next - Duration::minutes(5), Ev::SignOut(d));
        push(&mut queue, next + Duration::minutes(5), Ev::SignIn(d));
    }

    let mut counts: std::collections::BTreeMap<&'static str, u64> = Default::default();
    let mut failures: std::collections::BTreeMap<String, u64> = Default::default();
    let mut handover_of_day: std::collections::HashMap<i64, i64> = Default::default();
    let mut stuck = 0usize;
    let mut last_report = Instant::now();
    let total_events = queue.len();
    let mut done_events = 0usize;

    while let Some(Reverse((at_s, _, ev))) = queue.pop() {
        let at = Utc.timestamp_opt(at_s, 0).single().ok_or("time")?;
        if at > now {
            break;
        }
        done_events += 1;
        if last_report.elapsed().as_secs() >= 10 {
            last_report = Instant::now();
            eprintln!(
                "gen: {} … {} events, {:.0} s",
                at.with_timezone(&tz).date_naive(),
                done_events,
                started.elapsed().as_secs_f64()
            );
        }
        // The watch day: a watch runs from one shift change to the next.
        let local_day = (at.with_timezone(&tz).naive_local() - (unit.shift_change - NaiveTime::MIN)).date();
        let actor = officer_of_day.get(&local_day).cloned().unwrap_or_else(|| "值班员".into());
        let ctx = OpCtx { unit: &unit, book: &book, now: at, actor: &actor, lang: Lang::Zh };
        let mut fail = |what: &str, e: &dyn std::fmt::Display| {
            // Group by the reason, without the incident reference that starts many messages.
            let msg = e.to_string();
            let reason = match msg.split_once(": ") {
                Some((head, rest)) if head.starts_with('#') => rest.to_string(),
                _ => msg,
            };
            let key = format!("{what}: {}", reason.chars().take(60).collect::<String>());
            *failures.entry(key).or_default() += 1;
        };
        match ev {
            Ev::Learn(_) => {
                let (title, category) = *rng.pick(TITLES);
                let grade = match rng.range(0, 100) {
                    0 => Grade::I,
                    1..=4 => Grade::II,
                    5..=24 => Grade::III,
                    25..=28 => Grade::Unknown,
                    _ => Grade::IV,
                };
                let place = *rng.pick(PLACES);
                let input = IncidentInput {
                    title: format!("{place}{title}"),
                    category: Some(category),
                    grade: Some(grade),
                    occurred_at: Some(at - Duration::minutes(rng.range(0, 90))),
                    learned_at: Some(at),
                    place: place.into(),
                    source: Some(*rng.pick(&[
                        Source::Phone,
                        Source::Phone,
                        Source::Grid,
                        Source::Hotline,
                        Source::Upper,
                    ])),
                    caller_unit: format!("{place}村委会"),
                    caller_name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
                    caller_phone: format!("138{:08}", rng.range(0, 99_999_999)),
                    dead: if rng.pct(3) { rng.range(1, 4) as u32 } else { 0 },
                    injured: if rng.pct(15) { rng.range(1, 10) as u32 } else { 0 },
                    summary: format!("{place}发生{title},现场人员已开展先期处置。"),
                    measures: "已通知相关部门赶赴现场".into(),
                    ..Default::default()
                };
                match ops::incident::add(&mut store, &ctx, &input) {
                    Ok(inc) => {
                        *counts.entry("incidents").or_default() += 1;
                        let id = inc.id;
                        let m = |lo: i64, hi: i64, r: &mut Rng| at + Duration::minutes(r.range(lo, hi));
                        push(&mut queue, m(3, 35, &mut rng), Ev::Step(id, Step::NotifyLeader));
                        let serious = grade != Grade::IV;
                        if serious {
                            let phone = m(5, 40, &mut rng);
                            push(&mut queue, phone, Ev::Step(id, Step::FirstPhone));
                            push(
                                &mut queue,
                                phone + Duration::minutes(rng.range(1, 25)),
                                Ev::Step(id, Step::AckCounty),
                            );
                            push(&mut queue, m(30, 80, &mut rng), Ev::Step(id, Step::FirstWritten));
                            let city = m(20, 75, &mut rng);
                            push(&mut queue, city, Ev::Step(id, Step::ReachCity));
                            push(&mut queue, city + Duration::minutes(rng.range(2, 30)), Ev::Step(id, Step::AckCity));
                        } else {
                            let written = m(30, 330, &mut rng);
                            push(&mut queue, written, Ev::Step(id, Step::FirstWritten));
                            push(
                                &mut queue,
                                written + Duration::minutes(rng.range(1, 25)),
                                Ev::Step(id, Step::AckCounty),
                            );
                        }
                        if matches!(grade, Grade::I | Grade::II) {
                            push(&mut queue, m(15, 40, &mut rng), Ev::Step(id, Step::ReachProvince));
                            push(&mut queue, m(60, 250, &mut rng), Ev::Step(id, Step::National));
                        }
                        if rng.pct(20) {
                            push(&mut queue, m(10, 600, &mut rng), Ev::Step(id, Step::LinkedNote));
                        }
                        // One incident in 5,000 is left hanging (ended, the 终报 never sent).
                        let hang = rng.range(0, 5000) == 0;
                        let end = m(60, 30 * 60, &mut rng);
                        if serious {
                            let mut t = at + Duration::minutes(rng.range(100, 200));
                            let mut k = 1;
                            while t < end {
                                push(&mut queue, t, Ev::Step(id, Step::Followup(k)));
                                t += Duration::minutes(rng.range(180, 480));
                                k += 1;
                            }
                        }
                        push(&mut queue, end, Ev::Step(id, Step::End));
                        if hang {
                            stuck += 1;
                        } else {
                            let fin = end + Duration::minutes(rng.range(30, 8 * 60));
                            push(&mut queue, fin, Ev::Step(id, Step::Final));
                            push(&mut queue, fin + Duration::minutes(rng.range(10, 120)), Ev::Step(id, Step::Close));
                        }
                    }
                    Err(e) => fail("add", &e),
                }
            }
            Ev::Step(id, step) => {
                let signer = "周建国".to_string();
                let report = |kind: ReportKind, to: &str, channel: Channel| ReportInput {
                    kind,
                    to: to.into(),
                    channel,
                    at: Some(at),
                    signer: if channel == Channel::Phone { String::new() } else { signer.clone() },
                    doc_no: String::new(),
                    // History holds urgent skips too: where the step skips a level, it says why.
                    skip_level: true,
                    reason: "情况紧急,逐级报告电话占线".into(),
                };
                let esc = |level: Level, to: &str| EscalateInput {
                    level,
                    recipient: to.into(),
                    channel: Channel::Phone,
                    at: Some(at),
                    skip_level: true,
                    reason: "情况紧急,逐级报告电话占线".into(),
                };
                let (name, r): (&'static str, Result<(), ops::OpError>) = match step {
                    Step::NotifyLeader => (
                        "escalate",
                        ops::escalation::escalate(&mut store, &ctx, id, &esc(Level::Leader, "周建国")).map(drop),
                    ),
                    Step::FirstPhone => (
                        "report",
                        ops::incident::record_report(
                            &mut store,
                            &ctx,
                            id,
                            &report(ReportKind::FirstPhone, "县政府总值班室", Channel::Phone),
                        )
                        .map(drop),
                    ),
                    Step::AckCounty => (
                        "ack",
                        ops::escalation::ack(&mut store, &ctx, id, Level::County, "县值班员", Some(at)).map(drop),
                    ),
                    Step::FirstWritten => (
                        "report",
                        ops::incident::record_report(
                            &mut store,
                            &ctx,
                            id,
                            &report(ReportKind::FirstWritten, "县应急管理局值班室", Channel::Fax),
                        )
                        .map(drop),
                    ),
                    Step::ReachCity => (
                        "escalate",
                        ops::escalation::escalate(&mut store, &ctx, id, &esc(Level::City, "市政府总值班室")).map(drop),
                    ),
                    Step::AckCity => {
                        ("ack", ops::escalation::ack(&mut store, &ctx, id, Level::City, "市值班员", Some(at)).map(drop))
                    }
                    Step::ReachProvince => (
                        "escalate",
                        ops::escalation::escalate(&mut store, &ctx, id, &esc(Level::Province, "省政府总值班室"))
                            .map(drop),
                    ),
                    Step::National => (
                        "report",
                        ops::incident::record_report(
                            &mut store,
                            &ctx,
                            id,
                            &report(ReportKind::National, "省政府总值班室", Channel::System),
                        )
                        .map(drop),
                    ),
                    Step::Followup(_) => {
                        let still_open = store.incident(id)?.is_some_and(|i| i.status == IncidentStatus::Open);
                        if !still_open {
                            continue;
                        }
                        (
                            "report",
                            ops::incident::record_report(
                                &mut store,
                                &ctx,
                                id,
                                &report(ReportKind::Followup, "县应急管理局值班室", Channel::Fax),
                            )
                            .map(drop),
                        )
                    }
                    Step::LinkedNote => {
                        let mut input = LogInput::new(LogKind::CallIn, "现场来电:情况稳定,正在处置");
                        input.at = Some(at);
                        input.incident_id = Some(id);
                        ("log", ops::log::add(&mut store, &ctx, &input).map(drop))
                    }
                    Step::End => ("end", ops::incident::end_handling(&mut store, &ctx, id, Some(at)).map(drop)),
                    Step::Final => (
                        "report",
                        ops::incident::record_report(
                            &mut store,
                            &ctx,
                            id,
                            &report(ReportKind::Final, "县应急管理局值班室", Channel::Fax),
                        )
                        .map(drop),
                    ),
                    Step::Close => ("close", ops::incident::close(&mut store, &ctx, id).map(drop)),
                };
                match r {
                    Ok(()) => *counts.entry(name).or_default() += 1,
                    Err(e) => fail(name, &e),
                }
            }
            Ev::Equipment(_) => {
                let mut input = LogInput::new(LogKind::Equipment, "");
                input.at = Some(at);
                input.devices = ["phone", "fax", "network", "radio"]
                    .iter()
                    .map(|d| {
                        let ok = !rng.pct(2);
                        DeviceCheck {
                            device: d.to_string(),
                            ok,
                            note: if ok { String::new() } else { "线路故障,已报修".into() },
                        }
                    })
                    .collect();
                match ops::log::add(&mut store, &ctx, &input) {
                    Ok(_) => *counts.entry("equipment").or_default() += 1,
                    Err(e) => fail("equipment", &e),
                }
            }
            Ev::Note(_) => {
                let texts = ["镇区巡查,无异常", "接气象台预警,已转发各村", "与县值班室核对通讯录", "夜间巡查,正常"];
                let mut input = LogInput::new(LogKind::Note, texts[rng.range(0, texts.len() as i64) as usize]);
                input.at = Some(at);
                match ops::log::add(&mut store, &ctx, &input) {
                    Ok(_) => *counts.entry("notes").or_default() += 1,
                    Err(e) => fail("note", &e),
                }
            }
            Ev::Instruction(d) => {
                let mut input = LogInput::new(LogKind::Instruction, "请各村加强巡查,发现险情立即报告");
                input.at = Some(at);
                input.from_leader = Some("周建国".into());
                match ops::log::add(&mut store, &ctx, &input) {
                    Ok(id) => {
                        *counts.entry("instructions").or_default() += 1;
                        push(&mut queue, at + Duration::minutes(rng.range(30, 300)), Ev::Feedback(d, id));
                    }
                    Err(e) => fail("instruction", &e),
                }
            }
            Ev::Feedback(_, instruction) => {
                let mut input = LogInput::new(LogKind::Feedback, "已传达各村,落实巡查");
                input.at = Some(at);
                input.answers = Some(instruction);
                match ops::log::add(&mut store, &ctx, &input) {
                    Ok(_) => *counts.entry("feedback").or_default() += 1,
                    Err(e) => fail("feedback", &e),
                }
            }
            Ev::HandoverDraft(d) => match ops::handover::draft(&mut store, &ctx, Some(at), Some("交接正常")) {
                Ok(h) => {
                    *counts.entry("handovers").or_default() += 1;
                    handover_of_day.insert(d, h.head.id);
                }
                Err(e) => fail("handover", &e),
            },
            Ev::SignOut(d) | Ev::SignIn(d) => {
                let Some(&hid) = handover_of_day.get(&d) else { continue };
                let outgoing = matches!(ev, Ev::SignOut(_));
                // Five minutes before the change it is still the outgoing officer's day, five after the incoming's.
                let side = if outgoing { Side::Outgoing } else { Side::Incoming };
                let Some(name) = officer_of_day.get(&local_day).cloned() else { continue };
                let sctx = OpCtx { unit: &unit, book: &book, now: at, actor: &name, lang: Lang::Zh };
                match ops::handover::sign(&mut store, &sctx, hid, &name, side) {
                    Ok(_) => *counts.entry("signatures").or_default() += 1,
                    Err(e) => fail("sign", &e),
                }
            }
        }
    }
    drop(store);
    // Fold the WAL into the file so the size printed is the database's.
    {
        let conn = rusqlite::Connection::open(&args.db)?;
        // No ANALYZE: the app never runs it, so the plans measured are the ones users get.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    let size = std::fs::metadata(&args.db)?.len();
    let open_now = Store::open(&args.db)?.open_incidents(10_000)?.len();
    println!("gen: {} ({} years to {}, seed {})", args.db.display(), args.years, now.to_rfc3339(), args.seed);
    println!(
        "gen: roster in {:.1} s; {done_events} events ({total_events} scheduled up front)",
        roster_done.as_secs_f64()
    );
    for (k, v) in &counts {
        println!("gen:   {k:<12} {v}");
    }
    println!("gen:   open now     {open_now} (of which left hanging: {stuck})");
    for (k, v) in &failures {
        println!("gen:   refused {v:>6} × {k}");
    }
    println!("gen: took {:.1} s, file {:.1} MiB", started.elapsed().as_secs_f64(), size as f64 / 1048576.0);
    Ok(())
}

fn local(tz: chrono_tz::Tz, day: NaiveDate, t: NaiveTime) -> BoxResult<DateTime<Utc>> {
    Ok(tz.from_local_datetime(&day.and_time(t)).earliest().ok_or("no such local time")?.with_timezone(&Utc))
}
