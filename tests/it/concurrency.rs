//! Several terminals on one file (issue 7): writes wait for another terminal's lock and never show
//! SQLITE_BUSY unless the lock outlasts the bound (then a clear message and nothing changed);
//! concurrent edits of one record are refused, naming who changed it; `backup` while others write.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::{Category, Grade, Lang};
use dutywatch::ops::{self, OpCtx, OpError};
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::{BUSY_TIMEOUT, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;

use crate::common::NOW;
use crate::common::cli::{Env, Out, assert_ok};

fn incidents(db: &Path) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap()
}

const ADD: &[&str] = &["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "IV"];

/// Another terminal holds the write lock (`BEGIN EXCLUSIVE`) for less than the busy timeout: the CLI
/// write waits for it and succeeds; the officer never sees SQLITE_BUSY.
#[test]
fn a_short_lock_is_waited_for() {
    let env = Env::new();
    env.ok(&["init"]);
    let holder = Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let child = env.process(ADD).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    holder.execute_batch("COMMIT").unwrap();
    let out = Out::from(child.wait_with_output().unwrap());
    assert_ok(&out);
    assert!(started.elapsed() >= Duration::from_millis(1400), "the write did not wait for the lock");
    assert_eq!(incidents(&env.db()), 1);
}

/// The lock is held longer than the bound: a clear `error:` line about the busy database, exit 2,
/// within a bounded time, and nothing was saved.
#[test]
fn a_lock_held_too_long_gives_a_clear_message_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    env.ok(ADD);
    let holder = Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let out = env.run(ADD);
    let waited = started.elapsed();
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.code, 2, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    let err = &out.stderr;
    assert!(err.starts_with("error:"), "{err}");
    assert!(err.contains("busy") || err.contains("locked"), "{err}");
    assert!(err.contains("nothing was saved"), "{err}");
    assert!(!err.to_lowercase().contains("sqlite"), "no SQLite jargon: {err}");
    assert!(waited >= BUSY_TIMEOUT, "gave up after {waited:?}, before the busy timeout");
    assert!(waited < BUSY_TIMEOUT * 3, "waited {waited:?}: the retry must be bounded");
    assert_eq!(incidents(&env.db()), 1, "nothing changed");
    env.ok(&["check"]);
}

fn person_json(env: &Env, name: &str) -> serde_json::Value {
    let out = env.run(&["person", "list", "--json"]);
    assert_ok(&out);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v.as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap()
}

/// Two terminals read person 张三 at version 1 and both save: the second save is refused, naming
/// who changed the person and when, and the first save stands.
#[test]
fn two_stale_person_edits_the_second_is_refused_naming_who() {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "张三", "--phone", "100"]);
    // `--as` names an active person (issue 11).
    env.ok(&["person", "add", "--name", "王五"]);
    env.ok(&["person", "add", "--name", "李四"]);
    env.ok(&["--as", "王五", "person", "edit", "张三", "--phone", "111", "--if-version", "1"]);
    let out = env.run(&["--as", "李四", "person", "edit", "张三", "--phone", "222", "--if-version", "1"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let err = &out.stderr;
    assert!(err.starts_with("error:") && err.contains("张三") && err.contains("王五"), "{err}");
    assert!(err.contains("changed"), "{err}");
    assert_eq!(person_json(&env, "张三")["phone"], "111", "the first save stands");
    // Based on the current version, the edit goes through.
    env.ok(&["--as", "李四", "person", "edit", "张三", "--phone", "222", "--if-version", "2"]);
    assert_eq!(person_json(&env, "张三")["phone"], "222");
}

fn now() -> DateTime<Utc> {
    dutywatch::domain::clock::parse_pinned(NOW).unwrap()
}

/// The same through the store, as the board's person form uses it: two handles, one stale.
#[test]
fn store_update_person_refuses_a_stale_version() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("p.db");
    let mut a = Store::open(&db).unwrap();
    let mut b = Store::open(&db).unwrap();
    let input = PersonInput {
        name: "张三".into(),
        roles: vec![dutywatch::domain::Role::Officer],
        active: true,
        ..PersonInput::default()
    };
    let p = a.add_person(&input, now(), "admin").unwrap();
    let read_a = a.person_version(p.id).unwrap();
    let read_b = b.person_version(p.id).unwrap();
    a.update_person(p.id, &PersonInput { phone: "111".into(), ..input.clone() }, read_a, now(), "王五").unwrap();
    let err = b
        .update_person(p.id, &PersonInput { phone: "222".into(), ..input.clone() }, read_b, now(), "李四")
        .unwrap_err();
    match &err {
        StoreError::Conflict { what, by, at } => {
            assert!(what.contains("张三"), "{what}");
            assert_eq!(by, "王五");
            assert!(at.starts_with("2026-11-22"), "{at}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("王五"), "{err}");
    assert_eq!(b.person(p.id).unwrap().unwrap().phone, "111");
}

fn op_ctx<'a>(unit: &'a UnitConfig, book: &'a Rulebook, actor: &'a str) -> OpCtx<'a> {
    OpCtx { unit, book, now: now(), actor, lang: Lang::En }
}

/// `change_grade` with a stale expected version is refused with the name of who regraded it.
#[test]
fn change_grade_with_a_stale_version_is_refused_naming_who() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("g.db");
    let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").unwrap();
    let unit = Arc::new(unit);
    let book = Rulebook::shipped(&unit).unwrap();
    let mut a = Store::open(&db).unwrap();
    let mut b = Store::open(&db).unwrap();
    let input = IncidentInput {
        title: "山体滑坡".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::IV),
        ..IncidentInput::default()
    };
    let inc = ops::incident::add(&mut a, &op_ctx(&unit, &book, "张三"), &input).unwrap();
    let seen = inc.version;
    for name in ["王五", "李四"] {
        let p = PersonInput {
            name: name.into(),
            phone: String::new(),
            department: String::new(),
            roles: vec![dutywatch::domain::Role::Leader],
            active: true,
        };
        a.add_person(&p, now(), "test").unwrap();
    }
    let change = |grade, by: &str| ops::incident::GradeChange { grade, by: by.into(), at: None };
    let after = ops::incident::change_grade(
        &mut a,
        &op_ctx(&unit, &book, "王五"),
        inc.id,
        &change(Grade::III, "王五"),
        Some(seen),
    )
    .unwrap();
    assert_eq!(after.grade, Grade::III);
    let err = ops::incident::change_grade(
        &mut b,
        &op_ctx(&unit, &book, "李四"),
        inc.id,
        &change(Grade::II, "李四"),
        Some(seen),
    )
    .unwrap_err();
    match &err {
        OpError::Store(StoreError::Conflict { by, .. }) => assert_eq!(by, "王五"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(err.to_string().contains("王五") && err.to_string().contains(&inc.reference), "{err}");
    let now_in_b = b.incident(inc.id).unwrap().unwrap();
    assert_eq!(now_in_b.grade, Grade::III, "the first change stands");
    assert_eq!(now_in_b.version, seen + 1);
    assert!(b.check().unwrap().is_empty());
}

/// `dutywatch backup` while a writer process is adding incidents: every backup finishes, opens,
/// passes `check`, and holds at least what had been acknowledged before it started.
#[test]
fn backup_while_another_process_writes() {
    let env = Env::new();
    env.ok(&["init"]);
    let mut writer = env
        .process(&["--as", "writer", "stress-writer", "--count", "100000", "--tag", "bk"])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(env.dir.path().join("writer.err")).unwrap())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<i64>();
    let stdout = writer.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line.trim().parse().unwrap()).is_err() {
                break;
            }
        }
    });
    let mut acked = 0usize;
    let drain = |acked: &mut usize| {
        while rx.try_recv().is_ok() {
            *acked += 1;
        }
    };
    // Let the database grow to a about 1,500 incidents first (several backup steps).
    let t0 = Instant::now();
    while acked < 1500 && t0.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
        drain(&mut acked);
    }
    eprintln!("{acked} acknowledged after {:?}", t0.elapsed());
    for round in 0..3 {
        drain(&mut acked);
        let before = acked;
        let dest = env.dir.path().join(format!("backup-{round}.db"));
        let started = Instant::now();
        let out = env.run(&["backup", dest.to_str().unwrap()]);
        let took = started.elapsed();
        eprintln!("backup {round} took {took:?}; {before} acknowledged before");
        assert!(
            writer.try_wait().unwrap().is_none(),
            "the writer must still be running during the backup; it said: {}",
            std::fs::read_to_string(env.dir.path().join("writer.err")).unwrap_or_default()
        );
        assert_ok(&out);
        assert_ok(&env.run_db(&dest, &["check"]));
        let copied = incidents(&dest);
        assert!(copied as usize >= before, "backup {round} has {copied} incidents, {before} were acknowledged before");
        eprintln!("backup {round}: {copied} incidents, {took:?}, writer running");
    }
    let _ = writer.kill();
    let _ = writer.wait();
    env.ok(&["check"]);
}

/// Issue 12, first open: 8 processes open the same brand-new file at once, 50 rounds with a fresh
/// file each; every one succeeds (the schema is created once, under an exclusive lock) and the
/// file is whole afterwards.
#[test]
fn eight_processes_opening_a_new_file_at_once_all_succeed() {
    let env = Env::new();
    for round in 0..50 {
        let db = env.dir.path().join(format!("fresh-{round}.db"));
        let children: Vec<_> = (0..8)
            .map(|_| env.process_db(&db, NOW, &["init"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
            .collect();
        for child in children {
            let out = Out::from(child.wait_with_output().unwrap());
            assert!(out.code == 0, "round {round}: {}", out.stderr);
        }
        let conn = Connection::open(&db).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, dutywatch::store::schema_version(), "round {round}");
        let meta: i64 =
            conn.query_row("SELECT count(*) FROM meta WHERE key = 'application'", [], |r| r.get(0)).unwrap();
        assert_eq!(meta, 1, "round {round}: the schema was created once");
    }
}
