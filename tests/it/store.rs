//! The store on real SQLite files in temp dirs: migrations, PRAGMAs, the append-only audit,
//! refusals that leave no trace, foreign and too-new files, swaps, backup and check.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{LogKind, Role};
use dutywatch::store::log::NewLogEntry;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use dutywatch::store::{Store, StoreError, audit, schema_version};
use rusqlite::Connection;
use tempfile::TempDir;

const ACTOR: &str = "test";

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn db_in(dir: &TempDir) -> PathBuf {
    dir.path().join("dutywatch.db")
}

fn person(name: &str, roles: &[Role]) -> PersonInput {
    PersonInput {
        name: name.into(),
        phone: "138 0000 0000".into(),
        department: "应急办".into(),
        roles: roles.to_vec(),
        active: true,
    }
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

fn log_line(body: &str, author: &str) -> NewLogEntry {
    NewLogEntry {
        at: now() - Duration::minutes(5),
        author: author.into(),
        kind: LogKind::Note,
        incident_id: None,
        body: body.into(),
        corrects: None,
        data: None,
    }
}

/// A shift of `hours` starting `from_now_h` hours from the pinned now.
fn shift(person_id: i64, role: Role, from_now_h: i64, hours: i64) -> NewShift {
    let start = now() + Duration::hours(from_now_h);
    NewShift { person_id, role, start, end: start + Duration::hours(hours) }
}

#[test]
fn migrations_run_on_a_new_file_and_reopen_is_a_no_op() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    assert!(!path.exists());
    {
        let mut store = Store::open(&path).unwrap();
        assert!(!store.is_read_only());
        assert_eq!(user_version(store.conn()), schema_version());
        assert!(schema_version() >= 1);
        let app: String =
            store.conn().query_row("SELECT value FROM meta WHERE key = 'application'", [], |r| r.get(0)).unwrap();
        assert_eq!(app, "dutywatch");
        store.add_person(&person("张三", &[Role::Officer]), now(), ACTOR).unwrap();
    }
    let schema_before: Vec<String> = {
        let c = Connection::open(&path).unwrap();
        let mut stmt = c.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(user_version(store.conn()), schema_version());
    assert_eq!(count(&store, "person"), 1);
    // The person's event and the chain's start (0007: the migration is itself an event).
    assert_eq!(count(&store, "audit_event"), 2);
    // `application` (0001), `max_shift_secs` (0006) and `chain_genesis` (0007).
    assert_eq!(count(&store, "meta"), 3, "re-open must not run the migrations (and their INSERTs) again");
    let schema_after: Vec<String> = {
        let mut stmt =
            store.conn().prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(schema_before, schema_after);
}

#[test]
fn pragmas_are_in_effect_on_an_opened_store() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&db_in(&dir)).unwrap();
    let c = store.conn();
    let journal: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal.to_lowercase(), "wal");
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let busy: i64 = c.query_row("PRAGMA busy_timeout", [], |r| r.get(0)).unwrap();
    assert!(busy > 0, "busy_timeout = {busy}");
}

#[test]
fn audit_and_log_tables_refuse_update_and_delete() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db_in(&dir)).unwrap();
    store.add_person(&person("张三", &[Role::Officer]), now(), ACTOR).unwrap();
    store.add_log(&log_line("接县应急局电话", "张三"), now()).unwrap();
    let audits = count(&store, "audit_event");
    // With the chain's start event.
    assert_eq!(audits, 3);
    let c = store.conn();
    for sql in ["UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event"] {
        let err = c.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    for sql in ["UPDATE log_entry SET body = 'rewritten'", "DELETE FROM log_entry"] {
        let err = c.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(count(&store, "audit_event"), audits);
    assert_eq!(count(&store, "log_entry"), 1);
    let body: String = c.query_row("SELECT body FROM log_entry", [], |r| r.get(0)).unwrap();
    assert_eq!(body, "接县应急局电话");
}

#[test]
fn every_mutation_writes_its_audit_row() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db_in(&dir)).unwrap();

    let p = store.add_person(&person("张三", &[Role::Officer]), now(), "admin").unwrap();
    let h = audit::history(store.conn(), "person", p.id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].entity, "person");
    assert_eq!(h[0].action, "person.add");
    assert_eq!(h[0].actor, "admin");
    assert_eq!(h[0].at, now().timestamp());
    assert_eq!(h[0].data["name"], "张三");

    let mut edit = person("张三", &[Role::Officer, Role::Leader]);
    edit.phone = "123".into();
    store.update_person(p.id, &edit, store.person_version(p.id).unwrap(), now(), "admin").unwrap();
    let h = audit::history(store.conn(), "person", p.id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].action, "person.update");
    assert_eq!(h[1].data["phone"], "123");
    assert_eq!(h[0].data["phone"], "138 0000 0000", "the old version stays in the audit log");

    let s = store.add_shift(&shift(p.id, Role::Officer, -2, 24), now(), "admin").unwrap();
    let h = audit::history(store.conn(), "shift", s).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].entity, "shift");
    assert_eq!(h[0].action, "shift.add");
    assert_eq!(h[0].data["person_id"], p.id);

    let l = store.add_log(&log_line("巡查", "张三"), now()).unwrap();
    let h = audit::history(store.conn(), "log_entry", l).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].entity, "log_entry");
    assert_eq!(h[0].actor, "张三");
    assert_eq!(h[0].data["body"], "巡查");

    // With the chain's start event.
    assert_eq!(count(&store, "audit_event"), 5);
}

#[test]
fn a_failed_mutation_leaves_no_trace() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db_in(&dir)).unwrap();
    let a = store.add_person(&person("张三", &[Role::Officer]), now(), ACTOR).unwrap();
    store.add_shift(&shift(a.id, Role::Officer, -2, 24), now(), ACTOR).unwrap();
    let counts = |s: &Store| (count(s, "person"), count(s, "shift"), count(s, "audit_event"));
    let before = counts(&store);
    assert_eq!(before, (1, 1, 3), "with the chain's start event");

    let err = store.add_person(&person("张三", &[Role::Leader]), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("张三"), "{err}");
    // Surrounding spaces are trimmed: still the same name.
    let err = store.add_person(&person(" 张三 ", &[Role::Leader]), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(counts(&store), before);

    let err = store.add_person(&person("   ", &[Role::Leader]), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let err = store.add_person(&person("无角色", &[]), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(counts(&store), before);

    // Overlapping the same person's live shift (a double booking).
    let err = store.add_shift(&shift(a.id, Role::Standby, 10, 4), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("overlaps"), "{err}");
    // End before start.
    let err = store.add_shift(&shift(a.id, Role::Officer, 30, -1), now(), ACTOR).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    // A person who does not exist: the foreign key refuses it.
    assert!(store.add_shift(&shift(9999, Role::Officer, 30, 4), now(), ACTOR).is_err());
    assert_eq!(counts(&store), before);

    // An empty log line and a log line without an author.
    assert!(store.add_log(&log_line("  ", "张三"), now()).is_err());
    assert!(store.add_log(&log_line("正文", " "), now()).is_err());
    assert_eq!(count(&store, "log_entry"), 0);
    assert_eq!(counts(&store), before);

    // Back to back is not an overlap.
    store.add_shift(&shift(a.id, Role::Officer, 22, 24), now(), ACTOR).unwrap();
    assert_eq!(count(&store, "shift"), 2);
}

#[test]
fn a_text_file_is_not_a_dutywatch_database_and_is_left_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("notes.txt");
    let bytes = "值班记录\nthis is not a database, please do not touch it\n".repeat(50);
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotDutywatch(_)), "{err:?}");
    assert!(err.to_string().contains("is not a dutywatch database"), "{err}");
    assert!(std::fs::read(&path).unwrap() == bytes.as_bytes(), "the text file was changed");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no -wal/-shm beside the file");

    // A short file too (less than the 16-byte SQLite header).
    let short = dir.path().join("short");
    std::fs::write(&short, b"hello").unwrap();
    assert!(matches!(Store::open(&short).unwrap_err(), StoreError::NotDutywatch(_)));
    assert_eq!(std::fs::read(&short).unwrap(), b"hello");
}

fn foreign_sqlite(path: &Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch("CREATE TABLE foo (id INTEGER PRIMARY KEY, x TEXT); INSERT INTO foo (x) VALUES ('bar');").unwrap();
}

#[test]
fn an_sqlite_file_of_another_program_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.sqlite");
    foreign_sqlite(&path);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotDutywatch(_)), "{err:?}");
    // Its data is still there and no dutywatch table was added.
    let c = Connection::open(&path).unwrap();
    let names: Vec<String> = {
        let mut stmt = c.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(names, vec!["foo".to_string()]);
    assert_eq!(user_version(&c), 0);
}

/// Refusing another program's database must not change it at all. Today `open_rw` switches the
/// file to WAL (a persistent change to its header) before `check_identity` refuses it.
#[test]
fn refusing_an_sqlite_file_of_another_program_does_not_modify_it() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.sqlite");
    foreign_sqlite(&path);
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Store::open(&path).unwrap_err(), StoreError::NotDutywatch(_)));
    let after = std::fs::read(&path).unwrap();
    assert!(after == before, "file bytes changed (header bytes 18-19: {:?} -> {:?})", &before[18..20], &after[18..20]);
    let c = Connection::open(&path).unwrap();
    let journal: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "delete");
}

#[test]
fn a_database_from_a_newer_dutywatch_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = db_in(&dir);
    drop(Store::open(&path).unwrap());
    let newer = schema_version() + 1;
    Connection::open(&path).unwrap().pragma_update(None, "user_version", newer).unwrap();
    match Store::open(&path).unwrap_err() {
        StoreError::TooNew { found, known, .. } => {
            assert_eq!(found, newer);
            assert_eq!(known, schema_version());
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    // Still untouched: the version was not rolled back or migrated.
    assert_eq!(user_version(&Connection::open(&path).unwrap()), newer);
}

#[test]
fn parent_directories_are_created() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a").join("b").join("c").join("dutywatch.db");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(user_version(store.conn()), schema_version());
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = TempDir::new().unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
}

#[test]
fn swap_keeps_the_old_assignment_and_shows_the_new_person() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db_in(&dir)).unwrap();
    let a = store.add_person(&person("张三", &[Role::Officer]), now(), ACTOR).unwrap();
    let b = store.add_person(&person("王五", &[Role::Officer]), now(), ACTOR).unwrap();
    let old = store.add_shift(&shift(a.id, Role::Officer, -6, 24), now(), ACTOR).unwrap();
    assert_eq!(store.shifts_at(now()).unwrap()[0].person_name, "张三");

    // A swap needs a reason and an approver.
    assert!(store.swap_shift(old, b.id, "", "李四", now(), ACTOR).is_err());
    assert!(store.swap_shift(old, b.id, "病假", " ", now(), ACTOR).is_err());

    let new = store.swap_shift(old, b.id, "病假", "李四", now(), ACTOR).unwrap();
    assert_ne!(new, old);
    let on = store.shifts_at(now()).unwrap();
    assert_eq!(on.len(), 1, "{on:?}");
    assert_eq!(on[0].id, new);
    assert_eq!(on[0].person_name, "王五");
    assert_eq!(on[0].replaces, Some(old));
    assert_eq!(on[0].swap_reason.as_deref(), Some("病假"));

    // The old row is kept, marked superseded, same times.
    let kept = store.shift(old).unwrap().expect("old shift is kept");
    assert_eq!(kept.person_name, "张三");
    assert_eq!((kept.start, kept.end), (on[0].start, on[0].end));
    let superseded: Option<i64> =
        store.conn().query_row("SELECT superseded_at FROM shift WHERE id = ?1", [old], |r| r.get(0)).unwrap();
    assert_eq!(superseded, Some(now().timestamp()));
    assert_eq!(count(&store, "shift"), 2);
    let approved: String =
        store.conn().query_row("SELECT swap_approved_by FROM shift WHERE id = ?1", [new], |r| r.get(0)).unwrap();
    assert_eq!(approved, "李四");

    // Both halves are audited.
    let old_h = audit::history(store.conn(), "shift", old).unwrap();
    assert_eq!(old_h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["shift.add", "shift.superseded"]);
    let new_h = audit::history(store.conn(), "shift", new).unwrap();
    assert_eq!(new_h.len(), 1);
    assert_eq!(new_h[0].action, "shift.swap");

    // A superseded shift cannot be swapped again.
    let audits = count(&store, "audit_event");
    assert!(store.swap_shift(old, a.id, "再换", "李四", now(), ACTOR).is_err());
    assert_eq!(count(&store, "audit_event"), audits);
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn backup_opens_with_the_same_people_and_check_is_clean() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db_in(&dir)).unwrap();
    let a = store.add_person(&person("张三", &[Role::Officer]), now(), ACTOR).unwrap();
    let b = store.add_person(&person("李四", &[Role::Leader]), now(), ACTOR).unwrap();
    store.add_shift(&shift(a.id, Role::Officer, -2, 24), now(), ACTOR).unwrap();
    store.add_shift(&shift(b.id, Role::Leader, -2, 24), now(), ACTOR).unwrap();
    store.add_log(&log_line("交接班", "张三"), now()).unwrap();
    assert_eq!(store.check().unwrap(), Vec::<String>::new());

    let dest = dir.path().join("backups").join("copy.db");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    store.backup_to(&dest).unwrap();
    let copy = Store::open(&dest).unwrap();
    let names = |s: &Store| s.people().unwrap().into_iter().map(|p| (p.name, p.roles)).collect::<Vec<_>>();
    assert_eq!(names(&copy), names(&store));
    assert_eq!(count(&copy, "audit_event"), count(&store, "audit_event"));
    assert_eq!(copy.check().unwrap(), Vec::<String>::new());

    // Never over an existing file.
    let err = store.backup_to(&dest).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
}

#[test]
fn check_notices_a_row_without_its_audit_event() {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&db_in(&dir)).unwrap();
    // Written behind the store's back: no audit event.
    store
        .conn()
        .execute("INSERT INTO person (name, roles, created_at, updated_at) VALUES ('幽灵', 'officer', 0, 0)", [])
        .unwrap();
    let problems = store.check().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("person") && problems[0].contains("no audit event"), "{problems:?}");
}
