//! Query plans of the board's paths (issue 8): every statement the board, review mode, a save and
//! `incident list --open` run is captured with SQLite's profile trace (the exact SQL, with its
//! `?N` parameters), then `EXPLAIN QUERY PLAN`-ed. A full scan of `incident`, `obligation` or
//! `audit_event` (the tables that grow with the years) fails the test; searches through an index
//! pass, as do walks of the few indexes listed in `BOUNDED_WALKS`, each bounded by design.
//!
//! Run with `--nocapture` to see every statement and its plan.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use chrono::{DateTime, Duration, TimeZone, Utc};
use dutywatch::config::UnitConfig;
use dutywatch::config::rules::Rulebook;
use dutywatch::domain::roster::{self, Pattern};
use dutywatch::domain::{Category, Channel, Grade, Lang, Level, LogKind, ReportKind, Role};
use dutywatch::ops::escalation::EscalateInput;
use dutywatch::ops::incident::ReportInput;
use dutywatch::ops::log::{DeviceCheck, LogInput};
use dutywatch::ops::{self, OpCtx};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// The tables that grow with the history: never scanned whole on the board's paths.
const BIG: &[&str] = &["incident", "obligation", "audit_event"];

/// Index walks (`SCAN t USING INDEX i`) that are bounded by design, with why.
const BOUNDED_WALKS: &[(&str, &str)] = &[
    // Partial index: only duties that ended missed (漏报), few by design; the archive's count of
    // incidents that had one reads them all (migration 0015).
    ("obligation_missed", "partial: missed duties only"),
    // Partial index: only obligations neither done nor voided, i.e. those of the open incidents.
    ("obligation_open_by_due", "partial: open obligations only"),
    // Partial index: open duties only, without the tracking items a closed incident may leave open.
    ("obligation_open_duty_by_due", "partial: open duties only"),
];

static CAPTURED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn on_trace(ev: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, _) = ev {
        // The SQL as prepared, with its `?N` parameters: the plan SQLite runs is made for that text
        // (inlining the bound values could let it fold `?1 IS NULL` and plan differently).
        CAPTURED.lock().unwrap().push(stmt.sql().into_owned());
    }
}

fn start(store: &Store) {
    CAPTURED.lock().unwrap().clear();
    store.conn().trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(on_trace));
}

fn stop(store: &Store) -> Vec<String> {
    store.conn().trace_v2(TraceEventCodes::empty(), None);
    std::mem::take(&mut *CAPTURED.lock().unwrap())
}

fn capture(store: &Store, f: impl FnOnce()) -> Vec<String> {
    start(store);
    f();
    stop(store)
}

const NOW: &str = "2026-11-22T14:03:27+08:00";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().with_timezone(&Utc)
}

/// A small database with every kind of row the board shows (plans do not depend on row counts:
/// the app never runs ANALYZE).
fn fixture(dir: &std::path::Path) -> (Store, UnitConfig, Rulebook) {
    let unit: UnitConfig =
        dutywatch::config::parse_toml(dutywatch::config::unit::SHIPPED_UNIT, "data/unit.toml").unwrap();
    let mut store = Store::open(&dir.join("plans.db")).unwrap();
    let t0 = now() - Duration::days(10);
    store.seed_contacts(&unit.contacts, t0, "config").unwrap();
    let mut book = Rulebook::shipped(&unit).unwrap();
    book.directory = store.directory().unwrap();
    let mut ids = Vec::new();
    for (name, role) in
        [("张伟", Role::Officer), ("王芳", Role::Officer), ("李强", Role::Leader), ("周建国", Role::Leader)]
    {
        let p = store
            .add_person(
                &PersonInput {
                    name: name.into(),
                    phone: "13900000000".into(),
                    department: String::new(),
                    roles: vec![role],
                    active: true,
                },
                t0,
                "admin",
            )
            .unwrap();
        ids.push(p.id);
    }
    let tz = unit.timezone;
    let today = now().with_timezone(&tz).date_naive();
    let specs = roster::fill(
        Pattern::Daily24,
        today - Duration::days(9),
        today + Duration::days(7),
        unit.shift_change,
        tz,
        &ids[..2],
        &ids[2..],
        &[],
    )
    .unwrap();
    let shifts: Vec<NewShift> =
        specs.iter().map(|s| NewShift { person_id: s.person_id, role: s.role, start: s.start, end: s.end }).collect();
    store.add_shifts(&shifts, t0, "admin", &|i| format!("row {i}")).unwrap();

    let officer = "张伟";
    for (k, hours_ago) in [(0, 200), (1, 50), (2, 5), (3, 1)] {
        let at = now() - Duration::hours(hours_ago);
        let ctx = OpCtx { unit: &unit, book: &book, now: at, actor: officer, lang: Lang::Zh };
        let input = IncidentInput {
            title: format!("测试事件{k}"),
            category: Some(Category::Natural),
            grade: Some(if k % 2 == 0 { Grade::III } else { Grade::IV }),
            learned_at: Some(at),
            ..Default::default()
        };
        let inc = ops::incident::add(&mut store, &ctx, &input).unwrap();
        let later =
            |m: i64| OpCtx { unit: &unit, book: &book, now: at + Duration::minutes(m), actor: officer, lang: Lang::Zh };
        let report = |kind, to: &str, m: i64| ReportInput {
            kind,
            to: to.into(),
            channel: Channel::Fax,
            at: Some(at + Duration::minutes(m)),
            signer: "周建国".into(),
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        };
        ops::escalation::escalate(
            &mut store,
            &later(10),
            inc.id,
            &EscalateInput {
                level: Level::Leader,
                recipient: "周建国".into(),
                channel: Channel::Phone,
                at: None,
                skip_level: false,
                reason: String::new(),
            },
        )
        .unwrap();
        ops::incident::record_report(
            &mut store,
            &later(20),
            inc.id,
            &report(ReportKind::FirstWritten, "县应急管理局值班室", 20),
        )
        .unwrap();
        if hours_ago > 2 {
            ops::escalation::ack(&mut store, &later(30), inc.id, Level::County, "县值班员", None).unwrap();
        }
        if hours_ago > 24 {
            ops::incident::end_handling(&mut store, &later(60), inc.id, None).unwrap();
            ops::incident::record_report(
                &mut store,
                &later(90),
                inc.id,
                &report(ReportKind::Final, "县应急管理局值班室", 90),
            )
            .unwrap();
            // Old incidents close with what was never sent ending as missed (issue 11).
            let mut u = unit.clone();
            u.close_with_open = dutywatch::config::unit::CloseWithOpen::Missed;
            let c = OpCtx { unit: &u, ..later(100) };
            ops::incident::close(&mut store, &c, inc.id).unwrap();
        }
    }
    let ctx = OpCtx { unit: &unit, book: &book, now: now() - Duration::hours(3), actor: officer, lang: Lang::Zh };
    let mut eq = LogInput::new(LogKind::Equipment, "");
    eq.devices = vec![DeviceCheck { device: "phone".into(), ok: true, note: String::new() }];
    ops::log::add(&mut store, &ctx, &eq).unwrap();
    ops::log::add(&mut store, &ctx, &LogInput::new(LogKind::Note, "巡查无异常")).unwrap();
    let change = tz.from_local_datetime(&today.and_time(unit.shift_change)).earliest().unwrap().with_timezone(&Utc);
    let draft_at =
        OpCtx { unit: &unit, book: &book, now: change - Duration::minutes(30), actor: officer, lang: Lang::Zh };
    ops::handover::draft(&mut store, &draft_at, None, Some("正常")).unwrap();
    (store, unit, book)
}

/// `alias → table` for the statement, so `SCAN o` is known to be `obligation`.
fn aliases(sql: &str) -> HashMap<String, String> {
    const NOT_ALIAS: &[&str] = &[
        "where", "join", "on", "order", "group", "limit", "set", "values", "union", "inner", "left", "natural",
        "cross", "indexed", "not", "using", "as", "(", ")", ",",
    ];
    let spaced = sql.replace(['(', ')', ','], " ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let mut out = HashMap::new();
    for (i, t) in toks.iter().enumerate() {
        let t = t.to_ascii_lowercase();
        out.entry(t.clone()).or_insert_with(|| t.clone());
        if !BIG.contains(&t.as_str()) {
            continue;
        }
        let next = toks.get(i + 1).map(|s| s.to_ascii_lowercase());
        let alias = match next.as_deref() {
            Some("as") => toks.get(i + 2).map(|s| s.to_ascii_lowercase()),
            Some(n) if !NOT_ALIAS.contains(&n) && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                Some(n.to_string())
            }
            _ => None,
        };
        if let Some(a) = alias {
            out.insert(a, t.clone());
        }
    }
    out
}

fn plan(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // raw_query: the `?N` stay unbound (NULL); EXPLAIN only plans the statement.
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(r) = rows.next().unwrap() {
        out.push(r.get::<_, String>(3).unwrap());
    }
    out
}

/// The plan lines of `sql` that scan a big table without a bounded index.
fn full_scans(store: &Store, sql: &str) -> Vec<String> {
    let names = aliases(sql);
    plan(store, sql)
        .into_iter()
        .filter(|line| {
            // An audit search must name the row (entity_id) or the event: `entity = ?` alone is a
            // range over every event of a whole table.
            if let Some(rest) = line.strip_prefix("SEARCH ") {
                let name = rest.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
                let table = names.get(&name).cloned().unwrap_or(name);
                return table == "audit_event"
                    && !(line.contains("entity_id=?") || line.contains("rowid=") || line.contains("audit_by_time"));
            }
            let Some(rest) = line.strip_prefix("SCAN ") else { return false };
            let name = rest.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
            let table = names.get(&name).cloned().unwrap_or(name);
            if !BIG.contains(&table.as_str()) {
                return false;
            }
            !BOUNDED_WALKS.iter().any(|(idx, _)| {
                line.ends_with(&format!("USING INDEX {idx}")) || line.ends_with(&format!("USING COVERING INDEX {idx}"))
            })
        })
        .collect()
}

fn is_query(sql: &str) -> bool {
    let head = sql.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
    matches!(head.as_str(), "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "WITH")
}

/// Checks every captured statement; returns the distinct ones with their plans (for printing).
fn check(store: &Store, path: &str, captured: Vec<String>) -> BTreeMap<String, Vec<String>> {
    assert!(!captured.is_empty(), "{path}: nothing captured");
    let mut seen = BTreeMap::new();
    let mut bad = Vec::new();
    for sql in captured.into_iter().filter(|s| is_query(s)) {
        if seen.contains_key(&sql) {
            continue;
        }
        let scans = full_scans(store, &sql);
        if !scans.is_empty() {
            bad.push(format!("{sql}\n    → {}", scans.join("; ")));
        }
        let p = plan(store, &sql);
        seen.insert(sql, p);
    }
    println!("== {path}: {} distinct statements", seen.len());
    for (sql, p) in &seen {
        println!("{sql}\n    {}", p.join("\n    "));
    }
    assert!(bad.is_empty(), "{path}: full scans of a table that grows with the years:\n{}", bad.join("\n"));
    seen
}

#[test]
fn board_load_uses_indexes() {
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    let got = capture(&store, || {
        dutywatch::runtime::load::board(&store, now()).unwrap();
    });
    let seen = check(&store, "board", got);
    // The window's escalation steps come in one query, not one per open incident.
    assert_eq!(seen.keys().filter(|s| s.contains("FROM escalation")).count(), 1, "{:#?}", seen.keys());
}

#[test]
fn review_replay_uses_indexes() {
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    let got = capture(&store, || {
        dutywatch::runtime::review::load(&store, now() - Duration::hours(4), now(), Lang::Zh).unwrap();
    });
    check(&store, "review", got);
}

#[test]
fn saves_and_overdue_marking_use_indexes() {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, unit, book) = fixture(dir.path());
    start(&store);
    {
        let ctx = OpCtx { unit: &unit, book: &book, now: now(), actor: "张伟", lang: Lang::Zh };
        let input = IncidentInput {
            title: "新事件".into(),
            category: Some(Category::Accident),
            grade: Some(Grade::II),
            ..Default::default()
        };
        let inc = ops::incident::add(&mut store, &ctx, &input).unwrap();
        ops::incident::record_report(
            &mut store,
            &ctx,
            inc.id,
            &ReportInput {
                kind: ReportKind::FirstPhone,
                to: "县政府总值班室".into(),
                channel: Channel::Phone,
                at: None,
                signer: String::new(),
                doc_no: String::new(),
                skip_level: false,
                reason: String::new(),
            },
        )
        .unwrap();
        ops::escalation::ack(&mut store, &ctx, inc.id, Level::County, "县值班员", None).unwrap();
        store.mark_overdue(now() + Duration::hours(5), "张伟").unwrap();
    }
    let got = stop(&store);
    check(&store, "save", got);
}

#[test]
fn incident_list_open_uses_indexes() {
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    let got = capture(&store, || {
        store.open_incidents(50).unwrap();
    });
    check(&store, "incident list --open", got);
}

#[test]
fn a_full_scan_is_caught() {
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    assert!(!full_scans(&store, "SELECT id FROM incident WHERE title LIKE '%x%'").is_empty());
    assert!(!full_scans(&store, "SELECT o.id FROM obligation o WHERE o.kind = 'x'").is_empty());
    assert!(full_scans(&store, "SELECT id FROM incident WHERE id = 1").is_empty());
    let by_table =
        "SELECT data FROM audit_event WHERE entity = 'x' AND entity_id = 1 AND at <= 5 ORDER BY id DESC LIMIT 1";
    assert!(!full_scans(&store, by_table).is_empty(), "the unhinted snapshot query ranges over a whole table");
}

/// The archive's filters (issue 15): a page newest first by day range, category, grade or status, and
/// the text search bounded by a day range, each through an index; the count for "N of M shown" too.
#[test]
fn archive_filters_use_indexes() {
    use dutywatch::domain::IncidentStatus;
    use dutywatch::store::archive::IncidentFilter;
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    let day = Duration::days(1);
    let filters = [
        IncidentFilter { from: Some(now() - day * 30), to: Some(now()), ..Default::default() },
        IncidentFilter { category: Some(Category::Natural), ..Default::default() },
        IncidentFilter { grade: Some(Grade::II), ..Default::default() },
        IncidentFilter { status: Some(IncidentStatus::Closed), ..Default::default() },
        IncidentFilter {
            from: Some(now() - day * 30),
            to: Some(now()),
            text: Some("火灾".into()),
            late: true,
            missed: true,
            ..Default::default()
        },
        IncidentFilter { category: Some(Category::Accident), before: Some((now(), i64::MAX)), ..Default::default() },
    ];
    let got = capture(&store, || {
        for f in &filters {
            store.search_incidents(f, 50).unwrap();
            store.count_incidents(f).unwrap();
        }
    });
    let seen = check(&store, "archive", got);
    // The count of a text over all years reads the narrow copy of the texts (migration 0016), and
    // finds exactly what the LIKE over the incident's own columns finds.
    let title = store.search_incidents(&IncidentFilter::default(), 1).unwrap()[0].title.clone();
    let term: String = title.chars().take(2).collect();
    let all_years = IncidentFilter { text: Some(term.clone()), ..Default::default() };
    let bounded = IncidentFilter { from: Some(now() - day * 3650), to: Some(now() + day), ..all_years.clone() };
    let n = store.count_incidents(&all_years).unwrap();
    assert!(n > 0, "{term}");
    assert_eq!(n, store.count_incidents(&bounded).unwrap(), "{term}");
    // "Had 漏报" alone is counted in its partial index; with another filter through the incidents.
    let missed = IncidentFilter { missed: true, ..Default::default() };
    let missed_bounded = IncidentFilter { from: Some(now() - day * 3650), to: Some(now() + day), ..missed.clone() };
    assert_eq!(store.count_incidents(&missed).unwrap(), store.count_incidents(&missed_bounded).unwrap());
    let got = capture(&store, || {
        store.count_incidents(&all_years).unwrap();
    });
    let seen_text = check(&store, "archive text count", got);
    assert!(
        seen_text.iter().any(|(sql, p)| sql.contains("FROM incident_search s") && p.iter().any(|l| l == "SCAN s")),
        "{seen_text:#?}"
    );
    // "had 漏报" / "had 迟报" ask a partial index per incident and read no duty row (migration 0015).
    for (term, index) in [("o.end_state = 'missed'", "obligation_missed"), ("o.late = 1", "obligation_late")] {
        let plans: Vec<&Vec<String>> = seen.iter().filter(|(sql, _)| sql.contains(term)).map(|(_, p)| p).collect();
        assert!(!plans.is_empty(), "no statement with {term:?}");
        for p in plans {
            assert!(p.iter().any(|l| l.contains(index)), "{term:?} should read {index}: {p:?}");
        }
    }
}

/// Tables of the reviewer's reports that also grow with the years (issue 16): never scanned whole,
/// not even through an index walked from end to end.
const REPORT_TABLES: &[&str] = &["escalation", "log_entry", "handover", "equipment_check", "report"];

fn report_scans(store: &Store, sql: &str) -> Vec<String> {
    let spaced = sql.replace(['(', ')', ','], " ");
    let toks: Vec<String> = spaced.split_whitespace().map(|t| t.to_ascii_lowercase()).collect();
    let mut names: HashMap<String, String> = HashMap::new();
    for (i, t) in toks.iter().enumerate() {
        if REPORT_TABLES.contains(&t.as_str()) {
            names.insert(t.clone(), t.clone());
            if let Some(a) = toks.get(i + 1).filter(|a| a.len() <= 2) {
                names.insert(a.clone(), t.clone());
            }
        }
    }
    plan(store, sql)
        .into_iter()
        .filter(|line| {
            let Some(rest) = line.strip_prefix("SCAN ") else { return false };
            let name = rest.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
            names.contains_key(&name)
        })
        .collect()
}

/// The reviewer's reports and the statistics (issue 16): every statement searches an index over the
/// period, so a month costs what a month holds whatever the years behind it. `log list --kind`
/// walks `log_by_kind` with or without a period.
#[test]
fn report_queries_use_indexes() {
    use dutywatch::ops::report as rep;
    let dir = tempfile::TempDir::new().unwrap();
    let (store, unit, _) = fixture(dir.path());
    let (from, to) = (now() - Duration::days(30), now());
    let f = rep::Filters::default();
    let calendar = dutywatch::domain::calendar::Calendar::shipped().unwrap();
    let hours = dutywatch::config::review::load().unwrap();
    let got = capture(&store, || {
        let with_unit = rep::Filters {
            officer: Some("张伟".into()),
            sel: dutywatch::store::reports::IncidentSel {
                category: Some("natural".into()),
                grade: Some("II".into()),
                unit: Some("村".into()),
            },
            ..Default::default()
        };
        for f in [&f, &with_unit] {
            rep::late(&store, from, to, now(), Some(&dutywatch::domain::ObligationKind::FirstPhone), f).unwrap();
            rep::late(&store, from, to, now(), None, f).unwrap();
            rep::acks(&store, from, to, now(), Duration::minutes(15), f).unwrap();
        }
        rep::handovers(&store, from, to, now(), Duration::minutes(30), &f).unwrap();
        rep::spot_checks(&store, from, to, unit.timezone, &calendar, &hours, rep::When::default(), &f).unwrap();
        rep::equipment(&store, from, to, now(), &f).unwrap();
        ops::stats::compute(&store, from, to, now(), Lang::Zh).unwrap();
        for (from, to) in [(Some(from), Some(to)), (None, None)] {
            store
                .log_between(&dutywatch::store::log::LogFilter {
                    from,
                    to,
                    kind: Some(LogKind::SpotCheck),
                    limit: 50,
                    ..Default::default()
                })
                .unwrap();
        }
    });
    let seen = check(&store, "reports", got);
    let bad: Vec<String> = seen
        .keys()
        .filter_map(|sql| {
            let scans = report_scans(&store, sql);
            (!scans.is_empty()).then(|| format!("{sql}\n    → {}", scans.join("; ")))
        })
        .collect();
    assert!(bad.is_empty(), "report queries scanning a table that grows with the years:\n{}", bad.join("\n"));
    let by_kind: Vec<&Vec<String>> =
        seen.iter().filter(|(sql, _)| sql.contains("FROM log_entry WHERE kind = ?3")).map(|(_, p)| p).collect();
    assert_eq!(by_kind.len(), 1, "log list --kind: {:#?}", seen.keys());
    assert!(by_kind[0].iter().any(|l| l.contains("log_by_kind")), "log list --kind walks log_by_kind: {by_kind:?}");
}

/// Statistics over five years (issue 16): the signature count, the 要素不全 count, the ack delays and
/// the first phone reports read their partial indexes (migration 0015), never the log, report or escalation rows.
#[test]
fn long_period_stats_read_their_partial_indexes() {
    let dir = tempfile::TempDir::new().unwrap();
    let (store, _, _) = fixture(dir.path());
    let (from, to) = (now() - Duration::days(5 * 366), now());
    let got = capture(&store, || {
        ops::stats::compute(&store, from, to, now(), Lang::Zh).unwrap();
    });
    // Over more than a year the incident and duty tables are read end to end on purpose (cheaper
    // than an index range plus a row lookup each: store::stats), so only the plans are read here.
    let seen: BTreeMap<String, Vec<String>> =
        got.into_iter().filter(|s| is_query(s)).map(|sql| (sql.clone(), plan(&store, &sql))).collect();
    let uses = |needle: &str, index: &str| {
        let plans: Vec<&Vec<String>> = seen.iter().filter(|(sql, _)| sql.contains(needle)).map(|(_, p)| p).collect();
        assert!(!plans.is_empty(), "no statement with {needle:?}: {:#?}", seen.keys());
        for p in plans {
            assert!(p.iter().any(|l| l.contains(index)), "{needle:?} should read {index}: {p:?}");
        }
    };
    uses("$.signature.verified", "log_signature");
    // Read beside the incidents in id order (store::stats::IdCursor), never one seek per incident.
    uses("missing_elements <> '[]' AND incident_id >= ?1", "report_incomplete");
    uses("ack_at IS NOT NULL AND incident_id >= ?1", "escalation_upper_acked");
    uses("kind = 'first-phone' AND incident_id >= ?1", "report_first_phone");
    let seeks: Vec<&String> = seen.keys().filter(|sql| sql.contains("WHERE r.incident_id = i.id")).collect();
    assert!(seeks.is_empty(), "a long period seeks the reports of each incident: {seeks:#?}");
}

/// The history screen's date filter (issue 15): `d` takes a day range as `incident list --from/--to`
/// does, and its pages, the first and one further by keyset, walk `incident_by_learned` bounded by
/// the range and the cursor — never the whole table, never a sort of it.
#[test]
fn the_history_screens_date_filtered_pages_walk_the_learned_index() {
    use crossterm::event::{KeyCode, KeyEvent};
    use dutywatch::app::logscreen::Load;
    use dutywatch::app::{App, Cmd, history};
    let dir = tempfile::TempDir::new().unwrap();
    let (store, unit, _) = fixture(dir.path());
    let mut app = App::new(Lang::En, std::sync::Arc::new(unit), now(), false);
    history::open(&mut app);
    let typed = |app: &mut App, s: &str| {
        for c in s.chars() {
            history::key(app, KeyEvent::from(KeyCode::Char(c)));
        }
        history::key(app, KeyEvent::from(KeyCode::Enter))
    };
    history::key(&mut app, KeyEvent::from(KeyCode::Char('d')));
    assert!(typed(&mut app, "2026-11-01").is_empty(), "the start is kept while the end is asked for");
    let cmds = typed(&mut app, "2026-11-22");
    let [Cmd::Load(Load::HistoryPage(first))] = &cmds[..] else { panic!("{cmds:?}") };
    assert!(first.from.is_some() && first.to.is_some() && first.before.is_none(), "{first:?}");
    let rows = store.search_incidents(first, history::HISTORY_PAGE).unwrap();
    assert!(!rows.is_empty(), "the fixture's incidents fall in November");
    // The next page goes on from the last row by keyset, the range kept.
    let page: Vec<_> = std::iter::repeat_n(rows[rows.len() - 1].clone(), history::HISTORY_PAGE).collect();
    history::loaded(&mut app, page);
    let cmds = history::key(&mut app, KeyEvent::from(KeyCode::PageDown));
    let [Cmd::Load(Load::HistoryPage(next))] = &cmds[..] else { panic!("{cmds:?}") };
    assert_eq!((next.from, next.to), (first.from, first.to));
    assert!(next.before.is_some());
    let got = capture(&store, || {
        for f in [first, next] {
            store.search_incidents(f, history::HISTORY_PAGE).unwrap();
        }
    });
    let seen = check(&store, "history dates", got);
    for (sql, p) in &seen {
        if sql.contains("FROM incident i") && sql.contains("learned_at >=") {
            assert!(p.iter().any(|l| l.contains("incident_by_learned")), "{sql}\n{p:?}");
            assert!(!p.iter().any(|l| l.contains("TEMP B-TREE")), "a page is never sorted: {sql}\n{p:?}");
        }
    }
    assert!(seen.keys().any(|s| s.contains("learned_at >=")), "{seen:?}");
}
