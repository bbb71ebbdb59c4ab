//! The tamper suite (issue 14): the file is edited with raw SQL, the way someone with the file and
//! the `sqlite3` shell would, and `dutywatch check` must name each change (table, row, column,
//! stored and recorded value, or the audit event whose hash no longer matches), exit 1. Also: the
//! chain of a fresh file and of one migrated from schema 6, `check --quick`, `check --head`,
//! `check --json`, the triggers that refuse `INSERT OR REPLACE`, and `backup` refusing a damaged
//! source.

use crate::common;

use common::cli::{Env, Out};
use rusqlite::Connection;
use serde_json::Value;

/// At the 08:30 change of 23 Nov, so a handover of the 22 Nov watch can be drafted and signed.
const AT: &str = "2026-11-23T08:20:00+08:00";

/// People, a two-day roster, an incident whose 首报 went out late (迟报 on record) and a signed,
/// locked handover.
fn world() -> Env {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "张伟", "--roles", "officer"]);
    env.ok(&["person", "add", "--name", "王芳", "--roles", "officer"]);
    let at = |args: &[&str]| {
        let out = common::cli::run(env.cmd_at(AT, args));
        assert_eq!(out.code, 0, "{args:?}\n{}\n{}", out.stdout, out.stderr);
        out.stdout
    };
    at(&[
        "roster",
        "fill",
        "--pattern",
        "daily24",
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-23",
        "--officers",
        "张伟,王芳",
        "--leaders",
        "周建国",
    ]);
    at(&["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "III", "--learned", "-3h"]);
    at(&["incident", "report", "1", "--kind", "first-phone", "--to", "县应急管理局值班室", "--channel", "phone"]);
    let h: Value = serde_json::from_str(&at(&["handover", "draft", "--remarks", "一切正常", "--json"])).expect("json");
    let id = h["id"].as_i64().expect("id").to_string();
    at(&["--as", "张伟", "handover", "sign", &id, "--outgoing"]);
    at(&["--as", "王芳", "handover", "sign", &id, "--incoming"]);
    env
}

fn sql(env: &Env, statements: &str) {
    let conn = Connection::open(env.db()).expect("open");
    // Whoever edits the file by hand turns off what stands in the way.
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
    conn.execute_batch(statements).unwrap_or_else(|e| panic!("{statements}: {e}"));
}

fn check(env: &Env, args: &[&str]) -> Out {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    env.run(&all)
}

/// `check` exits 1 and prints every needle.
fn named(env: &Env, needles: &[&str]) -> String {
    let out = check(env, &[]);
    assert_eq!(out.code, 1, "check must find it\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
    for n in needles {
        assert!(out.stdout.contains(n), "`{n}` not named:\n{}", out.stdout);
    }
    eprintln!("--- check printed:\n{}", out.stdout);
    out.stdout
}

fn head(env: &Env) -> String {
    let v = env.json(&["check", "--json"]);
    assert_eq!(v["ok"], true, "{v}");
    let h = v["head"].as_str().expect("head").to_string();
    assert_eq!(h.len(), 64, "{h}");
    h
}

#[test]
fn an_untouched_file_checks_ok_and_publishes_its_head() {
    let env = world();
    let out = check(&env, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("ok:") && out.stdout.contains("head: "), "{}", out.stdout);
    let h = head(&env);
    // The head moves with every save, and the old head is still extended.
    env.ok(&["log", "add", "--kind", "note", "--text", "巡查"]);
    let h2 = head(&env);
    assert_ne!(h, h2);
    let out = check(&env, &["--head", &h]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains(&format!("the record extends {h}")), "{}", out.stdout);
    // A head this file never had.
    let out = check(&env, &["--head", &"ab".repeat(32)]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("does not extend"), "{}", out.stdout);
    let out = check(&env, &["--head", "xyz"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // The quick check agrees.
    assert_eq!(check(&env, &["--quick"]).code, 0);
}

#[test]
fn insert_or_replace_forging_an_actor_is_refused_and_named_with_triggers_off() {
    let env = world();
    // The trigger refuses REPLACE over an existing event.
    let conn = Connection::open(env.db()).expect("open");
    let e = conn
        .execute_batch(
            "INSERT OR REPLACE INTO audit_event (id, at, actor, action, entity, entity_id, data) \
             SELECT id, at, '王芳', action, entity, entity_id, data FROM audit_event WHERE entity = 'incident'",
        )
        .expect_err("refused");
    assert!(e.to_string().contains("append-only"), "{e}");
    drop(conn);
    let h = head(&env);
    sql(
        &env,
        "DROP TRIGGER audit_event_no_replace;
         INSERT OR REPLACE INTO audit_event (id, at, actor, action, entity, entity_id, data)
         SELECT id, at, '王芳', action, entity, entity_id, data FROM audit_event WHERE entity = 'incident';",
    );
    named(&env, &["chain: audit event", "incident 1, incident.add, by \"王芳\"", "does not match its hash"]);
    // The published head is no longer extended: the events up to it changed.
    let out = check(&env, &["--head", &h]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("does not extend"), "{}", out.stdout);
}

#[test]
fn a_locked_handovers_signer_changed_is_named() {
    let env = world();
    let conn = Connection::open(env.db()).expect("open");
    let e = conn.execute_batch("UPDATE handover SET outgoing = '周建国' WHERE id = 1").expect_err("locked");
    assert!(e.to_string().contains("locked"), "{e}");
    let e = conn
        .execute_batch("INSERT OR REPLACE INTO handover SELECT id, period_start, period_end, '周建国', incoming, leader, sheet, remarks, outgoing_signed_at, incoming_signed_at, version, created_at FROM handover WHERE id = 1")
        .expect_err("locked");
    assert!(e.to_string().contains("locked"), "{e}");
    drop(conn);
    sql(
        &env,
        "DROP TRIGGER handover_locked; UPDATE handover SET outgoing = '周建国', incoming_signed_at = NULL WHERE id = 1;",
    );
    named(
        &env,
        &[
            "row: handover 1, column outgoing: stored \"周建国\", recorded \"张伟\"",
            "row: handover 1, column incoming_signed_at: stored null, recorded",
        ],
    );
}

#[test]
fn a_moved_due_time_with_its_late_mark_cleared_is_named() {
    let env = world();
    let show = env.show("1");
    let late = show["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .find(|o| o["late"] == true)
        .cloned()
        .expect("a 迟报 on record");
    let id = late["id"].as_i64().expect("id");
    sql(&env, &format!("UPDATE obligation SET due_at = due_at + 86400, late = 0 WHERE id = {id}"));
    named(
        &env,
        &[
            &format!("row: obligation {id}, column due_at: stored"),
            &format!("row: obligation {id}, column late: stored 0, recorded 1"),
        ],
    );
}

#[test]
fn a_rewritten_title_is_named() {
    let env = world();
    sql(&env, "UPDATE incident SET title = '一般事故' WHERE id = 1");
    named(&env, &["row: incident 1, column title: stored \"一般事故\", recorded \"山体滑坡\""]);
    // The quick check does not compare rows (that is what makes it quick).
    assert_eq!(check(&env, &["--quick"]).code, 0);
}

#[test]
fn a_delete_with_the_triggers_dropped_is_named() {
    let env = world();
    sql(
        &env,
        "DROP TRIGGER audit_event_no_delete; DROP TRIGGER audit_chain_no_delete; DROP TRIGGER report_no_delete;
         DELETE FROM audit_event WHERE entity = 'report';
         DELETE FROM report;",
    );
    let out = named(&env, &["chain: audit event", "is missing: removed from the record"]);
    // Only the removal is blamed, not the event after it.
    assert!(!out.contains("does not match its hash"), "{out}");
}

#[test]
fn an_event_inserted_outside_dutywatch_and_bad_codes_and_times_are_named() {
    let env = world();
    sql(
        &env,
        "INSERT INTO audit_event (at, actor, action, entity, entity_id, data)
         SELECT at, actor, 'incident.update', entity, entity_id, data FROM audit_event WHERE entity = 'incident' LIMIT 1;",
    );
    named(&env, &["is not in the chain: written outside dutywatch"]);
    let env = world();
    sql(&env, "UPDATE incident SET source = 'boss' WHERE id = 1; UPDATE report SET sent_at = 'yesterday' WHERE id = 1");
    named(
        &env,
        &[
            "value: incident 1, column source: \"boss\" is not a known code",
            "value: report 1, column sent_at: 'yesterday' is not a time",
        ],
    );
}

#[test]
fn json_check_carries_the_head_and_the_problems() {
    let env = world();
    sql(&env, "UPDATE incident SET title = '一般事故' WHERE id = 1");
    let out = check(&env, &["--json"]);
    assert_eq!(out.code, 1);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["ok"], false);
    assert_eq!(v["head"].as_str().map(str::len), Some(64));
    assert!(v["problems"].to_string().contains("column title"), "{v}");
}

#[test]
fn backup_refuses_a_damaged_source_unless_forced() {
    let env = world();
    let dest = env.dir.path().join("copy.db");
    env.ok(&["backup", dest.to_str().expect("utf-8")]);
    sql(
        &env,
        "DROP TRIGGER audit_event_no_replace; INSERT OR REPLACE INTO audit_event SELECT id, at, 'x', action, entity, entity_id, data FROM audit_event WHERE id = 2;",
    );
    let dest2 = env.dir.path().join("copy2.db");
    let out = env.run(&["backup", dest2.to_str().expect("utf-8")]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("does not match its hash") && out.stderr.contains("--force"), "{}", out.stderr);
    assert!(!dest2.exists());
    let out = env.run(&["backup", dest2.to_str().expect("utf-8"), "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dest2.exists() && env.dir.path().join("copy2.db.DAMAGED.txt").exists());
}

/// A file from schema 6: this file with the chain taken out again (what 0007 adds, and nothing
/// else), then opened by this binary.
#[test]
fn a_file_from_schema_6_gets_its_chain_on_migration() {
    // A file as schema 6 left it (the migrations up to 0006, no chain), holding a person with the
    // audit event that recorded it, as dutywatch of that version wrote them.
    let env = Env::new();
    let before: i64 = {
        let conn = Connection::open(env.db()).expect("open");
        for sql in [
            include_str!("../../migrations/0001_init.sql"),
            include_str!("../../migrations/0002_contacts.sql"),
            include_str!("../../migrations/0003_handover.sql"),
            include_str!("../../migrations/0004_perf_indexes.sql"),
            include_str!("../../migrations/0005_ledger.sql"),
            include_str!("../../migrations/0006_shift_person_start.sql"),
        ] {
            conn.execute_batch(sql).expect("schema 6");
        }
        conn.execute_batch(
            "INSERT INTO person (id, name, phone, roles, created_at, updated_at)
                 VALUES (1, '张伟', '138', 'officer', 1795300000, 1795300000);
             INSERT INTO audit_event (at, actor, action, entity, entity_id, data)
                 SELECT 1795300000, 'admin', 'person.add', 'person', id,
                        json_object('id', id, 'name', name, 'phone', phone, 'department', department,
                                    'roles', roles, 'active', active, 'version', version,
                                    'created_at', created_at, 'updated_at', updated_at)
                 FROM person;
             PRAGMA user_version = 6;",
        )
        .expect("schema 6 rows");
        conn.query_row("SELECT count(*) FROM audit_event", [], |r| r.get(0)).expect("count")
    };
    env.ok(&["init"]);
    let conn = Connection::open(env.db()).expect("open");
    let (events, linked, starts): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM audit_event), (SELECT count(*) FROM audit_chain), \
             (SELECT count(*) FROM audit_event WHERE action = 'chain.start' AND actor = 'migration')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts");
    // Every event is linked: the old ones, the migration's own start event, and what `init` then
    // wrote (the directory seeded from unit.toml).
    assert_eq!(linked, events);
    assert_eq!(starts, 1);
    assert!(events > before, "{events} events after, {before} before");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, dutywatch::store::schema_version());
    drop(conn);
    let out = check(&env, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    // And the migrated chain catches tampering like any other.
    sql(&env, "UPDATE person SET phone = '139' WHERE id = 1");
    named(&env, &["column phone"]);
}

/// Two fresh files start from different random ids, so their heads differ for the same record.
#[test]
fn each_file_starts_its_chain_from_its_own_random_id() {
    let a = Env::new();
    let b = Env::new();
    a.ok(&["init"]);
    b.ok(&["init"]);
    let ha = a.json(&["check", "--json"])["head"].clone();
    let hb = b.json(&["check", "--json"])["head"].clone();
    assert!(ha.as_str().is_some_and(|h| h.len() == 64));
    assert_ne!(ha, hb);
}

/// A column a later migration adds is not in older snapshots: it must hold its default until a
/// snapshot includes it.
#[test]
fn a_column_added_later_must_hold_its_default_until_a_snapshot_has_it() {
    let env = world();
    sql(&env, "ALTER TABLE incident ADD COLUMN response_level TEXT NOT NULL DEFAULT 'none'");
    let out = check(&env, &[]);
    assert_eq!(out.code, 0, "the default is what the record implies:\n{}", out.stdout);
    sql(&env, "UPDATE incident SET response_level = 'II' WHERE id = 1");
    named(
        &env,
        &[
            "row: incident 1, column response_level: stored \"II\", recorded (the default, before snapshots held it) \"none\"",
        ],
    );
}

/// An unknown code is damage, not a default (issue 13): reading the row refuses with an error that
/// points at `check`, and `check` names the column and the code.
#[test]
fn an_unknown_code_is_an_error_that_points_at_check_never_a_default() {
    let env = world();
    sql(&env, "PRAGMA ignore_check_constraints = ON; UPDATE incident SET category = 'volcano' WHERE id = 1");
    let out = env.run(&["incident", "list", "--json"]);
    assert_eq!(out.code, 2, "not read as Natural: {}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("volcano") && out.stderr.contains("dutywatch check"), "{}", out.stderr);
    // The schema's CHECK constraint on the column is what `check`'s integrity pass names here.
    named(&env, &["CHECK constraint failed in incident"]);

    let env = world();
    sql(&env, "PRAGMA ignore_check_constraints = ON; UPDATE person SET roles = 'leader,boss' WHERE name = '周建国'");
    let out = env.run(&["person", "list", "--json"]);
    assert_eq!(out.code, 2, "a role list with an unknown role is not cut short: {}", out.stdout);
    assert!(out.stderr.contains("boss"), "{}", out.stderr);
    named(&env, &["column roles"]);

    // An obligation kind is a coded value too: not read as some other duty, nor as a task's kind.
    for bad in ["finale", "task"] {
        let env = world();
        sql(&env, &format!("UPDATE obligation SET kind = '{bad}' WHERE id = 1"));
        let out = env.run(&["incident", "show", "1", "--json"]);
        assert_eq!(out.code, 2, "not read as a kind: {}\n{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(bad) && out.stderr.contains("dutywatch check"), "{}", out.stderr);
        named(&env, &[&format!("value: obligation 1, column kind: \"{bad}\" is not a known code")]);
    }
}

/// A correction row (issue 15) must point at an entry of its own incident that carries its mark:
/// `check` names one whose report is gone, one moved onto another incident's report, one whose report's
/// step was not corrected with it, and an ack "corrected" that was never cleared from its step (the
/// triggers that keep corrections append-only dropped where a row is edited).
#[test]
fn a_correction_pointing_at_nothing_at_another_incident_or_at_an_unmarked_entry_is_named() {
    let at = |env: &Env, args: &[&str]| {
        let out = common::cli::run(env.cmd_at(AT, args));
        assert_eq!(out.code, 0, "{args:?}\n{}\n{}", out.stdout, out.stderr);
        out.stdout
    };
    let corrected = |env: &Env| {
        at(env, &["incident", "correct", "1", "--report", "1", "--reason", "误记报送对象", "--by", "张伟"]);
        // Untouched, the correction checks ok.
        let out = check(env, &[]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    };
    // A report that does not exist.
    let env = world();
    corrected(&env);
    sql(&env, "DROP TRIGGER correction_no_update; UPDATE correction SET target_id = 99 WHERE target = 'report';");
    named(&env, &["correction 1, column target_id: report 99 does not exist"]);
    // Another incident's report.
    let env = world();
    at(
        &env,
        &["incident", "add", "--title", "民房火灾", "--category", "accident", "--grade", "IV", "--learned", "-1h"],
    );
    at(&env, &["incident", "report", "2", "--kind", "first-phone", "--to", "县应急管理局值班室", "--channel", "phone"]);
    corrected(&env);
    let other: i64 = Connection::open(env.db())
        .expect("open")
        .query_row("SELECT id FROM report WHERE incident_id = 2", [], |r| r.get(0))
        .expect("report of incident 2");
    sql(
        &env,
        &format!(
            "DROP TRIGGER correction_no_update; UPDATE correction SET target_id = {other} WHERE target = 'report';"
        ),
    );
    named(&env, &[&format!("correction 1, column target_id: report {other} belongs to incident 2, not to incident 1")]);
    // The step a corrected report recorded, not marked corrected with it.
    let env = world();
    corrected(&env);
    let step: Option<i64> = Connection::open(env.db())
        .expect("open")
        .query_row("SELECT step_id FROM report WHERE id = 1", [], |r| r.get(0))
        .expect("report 1");
    let step = step.expect("the 首报 to the county recorded a step");
    sql(&env, "DROP TRIGGER correction_no_delete; DELETE FROM correction WHERE target = 'step';");
    named(
        &env,
        &[&format!("correction 1, column target_id: report 1 recorded step {step}, which is not marked corrected")],
    );
    // An ack "corrected" by hand, never cleared from its step.
    let env = world();
    at(&env, &["ack", "1", "--level", "county", "--by", "县值班员李"]);
    sql(
        &env,
        &format!(
            "INSERT INTO correction (incident_id, target, target_id, reason, by, at) \
             VALUES (1, 'ack', {step}, '手改', '某人', strftime('%s', 'now'));"
        ),
    );
    named(&env, &[&format!("correction 1, column target_id: the ack of step {step} was not cleared from it")]);
}

/// A row DELETEd with its triggers dropped, its audit events left in place: the chain still holds,
/// so `check` names the row from the log — the entity's last event is not a deletion, so its row
/// must exist (issue 14). Also when several tables lose rows, each is named.
#[test]
fn a_row_deleted_with_the_triggers_off_is_named_by_its_last_event() {
    let env = world();
    sql(
        &env,
        "DROP TRIGGER report_no_delete; DELETE FROM report WHERE id = 1;
         DROP TRIGGER incident_no_delete; DELETE FROM incident WHERE id = 1;",
    );
    let out = named(
        &env,
        &[
            // 08:20 in Beijing is 00:20 UTC; the actor is whoever recorded the last change.
            "row: report 1 is missing (last recorded at 2026-11-23 00:20:00 UTC by ",
            "row: incident 1 is missing (last recorded at 2026-11-23 00:20:00 UTC by ",
        ],
    );
    // The chain is intact: nothing blames an audit event.
    assert!(!out.contains("chain:"), "{out}");
    // `--quick` still names it (it skips only integrity_check and the column comparison).
    let quick = check(&env, &["--quick"]);
    assert_eq!(quick.code, 1, "{}", quick.stdout);
    assert!(quick.stdout.contains("row: report 1 is missing"), "{}", quick.stdout);
    let json = check(&env, &["--json"]);
    assert_eq!(json.code, 1, "{}", json.stdout);
    let v: Value = serde_json::from_str(&json.stdout).expect("json");
    let problems = v["problems"].as_array().expect("problems");
    assert!(problems.iter().any(|p| p.as_str().is_some_and(|p| p.starts_with("row: incident 1 is missing"))), "{v}");
}

/// A row INSERTed outside dutywatch has no audit event at all, in any audited table: named by table
/// and id, alongside the rows that are missing.
#[test]
fn a_row_with_no_audit_event_is_named() {
    let env = world();
    sql(
        &env,
        "INSERT INTO log_entry (at, author, kind, body, created_at) VALUES (1795400000, '张伟', 'note', '补记', 1795400000);
         INSERT INTO person (name, roles, created_at, updated_at)
             SELECT '假人', 'officer', created_at, updated_at FROM person WHERE id = 1;",
    );
    let conn = Connection::open(env.db()).expect("open");
    let line: i64 = conn.query_row("SELECT max(id) FROM log_entry", [], |r| r.get(0)).expect("id");
    let person: i64 = conn.query_row("SELECT id FROM person WHERE name = '假人'", [], |r| r.get(0)).expect("id");
    named(
        &env,
        &[&format!("row: log_entry {line} has no audit event"), &format!("row: person {person} has no audit event")],
    );
}
