//! Issue 8 benchmarks: the board with years of history.
//!
//! - `render/board_160x48`: one full frame (render + diff) into a `TestBackend`, from a loaded state,
//!   the clock advancing a second each frame (as the 1 Hz tick does);
//! - `pane/*`: each query that feeds a pane of the board (`runtime::load::board` piece by piece),
//!   and `pane/board_all` for the whole load;
//! - `deadlines/plan_and_state_10k`: the deadline engine over 10,000 open incidents;
//! - `save/incident_add_sync_full`: one `ops::incident::add` (incident + obligations + audit + log
//!   line) committed on a file with `synchronous=FULL`, i.e. one fsync;
//! - `replay/board_at_2y`: review mode's board two years back (or half the history if shorter).
//!
//! The database: `DUTYWATCH_BENCH_DB=PATH` (e.g. the 5-year file from
//! `cargo run --release --example gen -- --db PATH --years 5 --incidents 100000`), else a 1-year,
//! 10,000-incident one generated into a temp dir at setup by the same generator (`examples/gen.rs`).
//! The file is opened as the app opens it (WAL, synchronous=FULL); the benches only read it, except
//! the save, which writes to its own temp file.

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod generator;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dutywatch::app::board::PANE_WINDOW;
use dutywatch::app::{self, App, Msg};
use dutywatch::config::UnitConfig;
use dutywatch::config::rules::Rulebook;
use dutywatch::domain::deadlines::{self, IncidentFacts};
use dutywatch::domain::{Category, Grade, Lang, Obligation};
use dutywatch::ops::{self, OpCtx};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

struct Db {
    path: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

fn database() -> Db {
    if let Some(p) = std::env::var_os("DUTYWATCH_BENCH_DB").filter(|p| !p.is_empty()) {
        return Db { path: PathBuf::from(p), _dir: None };
    }
    let dir = tempfile::TempDir::new().expect("temp dir");
    let path = dir.path().join("bench.db");
    eprintln!("bench: generating a 1-year, 10,000-incident database (set DUTYWATCH_BENCH_DB to use another)");
    generator::generate(&generator::Args { db: path.clone(), years: 1, incidents: 10_000, seed: 1, now: None })
        .expect("generate");
    Db { path, _dir: Some(dir) }
}

fn unit() -> UnitConfig {
    dutywatch::config::parse_toml(dutywatch::config::unit::SHIPPED_UNIT, "data/unit.toml").expect("unit")
}

/// "Now" for the board: the latest event in the file (the generator's `--now`), so the board shows
/// the open incidents and the watch on duty then, whenever the bench runs.
fn db_now(store: &Store) -> DateTime<Utc> {
    let at: i64 = store.conn().query_row("SELECT max(at) FROM audit_event", [], |r| r.get(0)).expect("max(at)");
    dutywatch::store::from_ts(at)
}

fn bench_panes(c: &mut Criterion, store: &Store, now: DateTime<Utc>) {
    let mut g = c.benchmark_group("pane");
    g.bench_function("open_incidents", |b| b.iter(|| black_box(store.open_incidents(PANE_WINDOW).expect("q"))));
    let ids: Vec<i64> = store.open_incidents(PANE_WINDOW).expect("q").iter().map(|i| i.id).collect();
    g.bench_function("escalations", |b| b.iter(|| black_box(store.escalations_by_incident(&ids).expect("q"))));
    g.bench_function("due_next", |b| b.iter(|| black_box(store.due_next(PANE_WINDOW).expect("q"))));
    g.bench_function("latest_log", |b| b.iter(|| black_box(store.latest_log(PANE_WINDOW).expect("q"))));
    g.bench_function("shifts_at", |b| b.iter(|| black_box(store.shifts_at(now).expect("q"))));
    g.bench_function("roster_strip", |b| {
        b.iter(|| black_box(store.shifts_between(now - Duration::hours(6), now + Duration::hours(18)).expect("q")))
    });
    g.bench_function("next_change", |b| b.iter(|| black_box(store.next_change_after(now).expect("q"))));
    g.bench_function("contacts", |b| b.iter(|| black_box(store.contacts().expect("q"))));
    g.bench_function("equipment", |b| b.iter(|| black_box(store.equipment_status(now).expect("q"))));
    g.bench_function("handover_current", |b| {
        b.iter(|| black_box(dutywatch::ops::handover::current_sheet(store, now).expect("q")))
    });
    g.bench_function("handovers", |b| b.iter(|| black_box(store.handovers(None, PANE_WINDOW).expect("q"))));
    g.bench_function("board_all", |b| b.iter(|| black_box(dutywatch::runtime::load::board(store, now).expect("q"))));
    g.finish();
}

fn bench_render(c: &mut Criterion, store: &Store, now: DateTime<Utc>) {
    let unit = Arc::new(unit());
    let book = Arc::new(Rulebook::shipped(&unit).expect("rules"));
    let mut app = App::new(Lang::Zh, unit, now, false).with_book(book);
    let data = dutywatch::runtime::load::board(store, now).expect("load");
    app::update(&mut app, Msg::Loaded(Box::new(data)));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let mut t = now;
    c.bench_function("render/board_160x48", |b| {
        b.iter(|| {
            t += Duration::seconds(1);
            app::update(&mut app, Msg::Tick(t));
            terminal.draw(|f| dutywatch::ui::draw(f, &app)).expect("draw");
        })
    });
}

fn bench_deadlines(c: &mut Criterion) {
    let unit = unit();
    let book = Rulebook::shipped(&unit).expect("rules");
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-22T14:03:27+08:00").expect("t").with_timezone(&Utc);
    let grades = [Grade::I, Grade::II, Grade::III, Grade::IV, Grade::Unknown];
    let cats = [Category::Natural, Category::Accident, Category::Health, Category::Social];
    let facts: Vec<IncidentFacts> = (0..10_000)
        .map(|k| {
            let learned = now - Duration::minutes(k % 720);
            IncidentFacts {
                category: cats[k as usize % 4],
                grade: grades[k as usize % 5],
                occurred_at: learned - Duration::minutes(10),
                learned_at: learned,
                ended_at: None,
            }
        })
        .collect();
    let due_soon = book.rules.due_soon();
    c.bench_function("deadlines/plan_and_state_10k", |b| {
        b.iter(|| {
            let mut overdue = 0usize;
            for (k, f) in facts.iter().enumerate() {
                for p in deadlines::plan(f, &book.rules, unit.timezone) {
                    let ob = Obligation {
                        id: k as i64,
                        incident_id: k as i64,
                        kind: p.kind,
                        anchor_at: p.anchor_at,
                        due_at: p.due_at,
                        done_at: None,
                        late: false,
                        end: None,
                        tracking: p.tracking,
                        confirmed_by: None,
                    };
                    if deadlines::state_of(&ob, now, due_soon) == deadlines::ObligationState::Overdue {
                        overdue += 1;
                    }
                }
            }
            black_box(overdue)
        })
    });
}

fn bench_save(c: &mut Criterion) {
    let unit = unit();
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut store = Store::open(&dir.path().join("save.db")).expect("open");
    let sync: i64 = store.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).expect("pragma");
    assert_eq!(sync, 2, "the app's connection runs with synchronous=FULL");
    store.seed_contacts(&unit.contacts, Utc::now() - Duration::days(1), "config").expect("seed");
    let book = Rulebook::shipped(&unit).expect("rules");
    let input = IncidentInput {
        title: "镇区主街道路交通事故".into(),
        category: Some(Category::Accident),
        grade: Some(Grade::III),
        summary: "两车相撞,1人受伤".into(),
        ..Default::default()
    };
    c.bench_function("save/incident_add_sync_full", |b| {
        b.iter(|| {
            let ctx = OpCtx { unit: &unit, book: &book, now: Utc::now(), actor: "值班员", lang: Lang::Zh };
            black_box(ops::incident::add(&mut store, &ctx, &input).expect("add"))
        })
    });
}

fn bench_replay(c: &mut Criterion, store: &Store, now: DateTime<Utc>) {
    let first = store.first_event_at().expect("q").expect("events");
    let back = if now - first > Duration::days(2 * 365 + 30) { Duration::days(2 * 365) } else { (now - first) / 2 };
    let at = now - back;
    eprintln!("bench: replay at {at} ({} days back)", back.num_days());
    c.bench_function("replay/board_at_2y", |b| {
        b.iter_batched(|| at, |at| black_box(ops::replay::board_at(store, at).expect("replay")), BatchSize::SmallInput)
    });
}

fn benches(c: &mut Criterion) {
    let db = database();
    let store = Store::open(&db.path).expect("open");
    let now = db_now(&store);
    bench_render(c, &store, now);
    bench_panes(c, &store, now);
    bench_replay(c, &store, now);
    bench_deadlines(c);
    bench_save(c);
}

criterion_group!(group, benches);
criterion_main!(group);
