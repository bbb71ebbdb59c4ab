//! The bad-input suite (issue 7). Each case gives a clear message, does not panic, and changes
//! nothing. (The exclusive lock held past the busy timeout is in `tests/concurrency.rs`; the 20×5
//! terminal and the board with the clock pinned backwards are in `tests/terminals.rs`.)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::time_input::parse_time_input;
use dutywatch::domain::{Category, Grade, Lang};
use dutywatch::ops::{self, OpCtx};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::NOW;
use crate::common::cli::{Env, Out, assert_error, assert_ok, chmod, count, have_setpriv, is_root};

const EARLIER: &str = "2026-11-19T09:00:00+08:00";

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

const ADD: &[&str] = &["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "IV"];

/// A binary file with no SQLite header (a zip, an image …): every command refuses it, untouched.
#[test]
fn a_binary_file_that_is_not_sqlite() {
    let env = Env::new();
    let path = env.dir.path().join("photo.db");
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    for args in [&["incident", "list"][..], ADD, &["check"], &["backup", "/nonexistent/x.db"]] {
        let line = assert_error(&env.run_db(&path, args));
        assert!(line.contains("not a dutywatch database") && line.contains("photo.db"), "{args:?}: {line}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(files_in(env.dir.path()), vec!["photo.db"]);
}

/// A file from a newer dutywatch: refused for reads and writes, bytes unchanged.
#[test]
fn a_newer_schema_is_refused_and_untouched() {
    let env = Env::new();
    env.ok(ADD);
    Connection::open(env.db()).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(env.db()).unwrap();
    for args in [&["incident", "list"][..], ADD, &["check"], &["init"]] {
        let line = assert_error(&env.run(args));
        assert!(line.contains("newer") && line.contains("99"), "{args:?}: {line}");
    }
    assert!(std::fs::read(env.db()).unwrap() == before, "file changed");
}

/// A read-only file (0444, directory writable) and a read-only directory (file writable, directory
/// 0555), as `nobody`: writes refused with a read-only message, reads work, the file is unchanged.
#[test]
fn read_only_file_and_read_only_directory() {
    if !is_root() || !have_setpriv() {
        eprintln!("note: skipping read-only cases: needs root and setpriv to act as nobody");
        return;
    }
    let env = Env::new();
    chmod(env.dir.path(), 0o755);
    chmod(env.cfg.path(), 0o755);
    for case in ["file", "dir"] {
        let dir = env.dir.path().join(case);
        std::fs::create_dir(&dir).unwrap();
        let db = dir.join("dw.db");
        let o = env.run_db(&db, ADD);
        assert_eq!(o.code, 0, "{}", o.stderr);
        match case {
            "file" => {
                chmod(&db, 0o444);
                chmod(&dir, 0o777);
            }
            _ => {
                chmod(&db, 0o666);
                chmod(&dir, 0o555);
            }
        }
        let before = std::fs::read(&db).unwrap();
        for args in [ADD, &["person", "add", "--name", "新人"][..]] {
            let line = assert_error(&env.as_nobody(&db, args));
            assert!(line.contains("read-only") && line.contains("dw.db"), "{case} {args:?}: {line}");
        }
        let o = env.as_nobody(&db, &["incident", "list", "--json"]);
        assert_eq!(o.code, 0, "{case}: {}", o.stderr);
        let list: Value = serde_json::from_str(&o.stdout).unwrap();
        assert_eq!(list.as_array().map(|a| a.len()), Some(1), "{case}: {list}");
        let o = env.as_nobody(&db, &["check"]);
        assert_eq!(o.code, 0, "{case}: {}{}", o.stdout, o.stderr);
        assert!(std::fs::read(&db).unwrap() == before, "{case}: the database changed");
        chmod(&dir, 0o755);
    }
}

/// Exit code and output of a disk-full run, and the ids it acknowledged.
fn fill_with_writer(env: &Env, db: &Path, wrapper: Option<&str>) -> (Out, Vec<i64>) {
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let mut c = match wrapper {
        None => env.process_db(db, NOW, &["stress-writer", "--count", "100000", "--tag", "full"]),
        Some(prefix) => {
            let mut c = Command::new("bash");
            c.arg("-c")
                .arg(format!("{prefix}; exec \"$0\" --db \"$1\" stress-writer --count 100000 --tag full"))
                .arg(bin)
                .arg(db)
                .env("DUTYWATCH_CONFIG_DIR", env.cfg.path())
                .env("LANG", "en_US.UTF-8")
                .env("DUTYWATCH_NOW", NOW)
                .env_remove("DUTYWATCH_DB");
            c
        }
    };
    let o = Out::from(c.output().unwrap());
    let ids = o.stdout.lines().map(|l| l.trim().parse::<i64>().unwrap()).collect();
    (o, ids)
}

fn assert_full_and_intact(env: &Env, db: &Path, o: &Out, acked: &[i64], earlier: i64, how: &str) {
    let line = assert_error(o);
    assert!(line.contains("disk is full") || line.contains("disk may be full"), "{how}: {line}");
    assert!(line.contains("nothing was saved"), "{how}: {line}");
    assert!(!acked.is_empty(), "{how}: some saves went through before the disk filled");
    let store = Store::open(db).unwrap();
    assert!(store.check().unwrap().is_empty(), "{how}: check after the disk filled");
    let n: i64 = store.conn().query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap();
    assert!(
        n >= earlier + acked.len() as i64,
        "{how}: {n} incidents, {earlier} earlier + {} acknowledged",
        acked.len()
    );
    for id in acked {
        assert!(store.incident(*id).unwrap().is_some(), "{how}: acknowledged incident {id} missing");
    }
    let o = env.run_db(db, &["check"]);
    assert_eq!(o.code, 0, "{how}: {}{}", o.stdout, o.stderr);
    eprintln!("{how}: {} saves before the disk filled; then `{line}`", acked.len());
}

/// The disk fills while writing (a 2 MiB tmpfs, when this test may mount one): the failed save is
/// reported clearly, everything acknowledged earlier is there, `check` is ok.
#[test]
fn disk_fills_while_writing_tmpfs() {
    let env = Env::new();
    let mnt = env.dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&mnt)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !mounted {
        eprintln!("note: cannot mount a tmpfs here; the ulimit -f case covers a failing write");
        return;
    }
    struct Umount(PathBuf);
    impl Drop for Umount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).output();
        }
    }
    let _guard = Umount(mnt.clone());
    let db = mnt.join("dw.db");
    for _ in 0..3 {
        assert_eq!(env.run_db(&db, ADD).code, 0);
    }
    let (o, acked) = fill_with_writer(&env, &db, None);
    // Reading back works on the full disk, too.
    assert_full_and_intact(&env, &db, &o, &acked, 3, "tmpfs 2 MiB");
}

/// The same with a file-size limit (`ulimit -f`, SIGXFSZ ignored so the write fails with EFBIG).
#[test]
fn file_size_limit_while_writing() {
    let env = Env::new();
    for _ in 0..3 {
        env.ok(ADD);
    }
    let (o, acked) = fill_with_writer(&env, &env.db(), Some("trap '' XFSZ; ulimit -f 1024"));
    assert_full_and_intact(&env, &env.db(), &o, &acked, 3, "ulimit -f 1024");
}

fn demo(env: &Env) {
    env.ok(&["demo", "--reset", "--no-board"]);
    // Fold the WAL into the file so byte surgery hits the real pages.
    Connection::open(env.db()).unwrap().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
}

/// A truncated file: `check` names the damage (exit 1, or 2 when it cannot even open it), never 0.
#[test]
fn a_truncated_file_is_named_by_check() {
    let env = Env::new();
    demo(&env);
    let len = std::fs::metadata(env.db()).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(env.db()).unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let o = env.run(&["check"]);
    assert!(o.code == 1 || o.code == 2, "exit {}: {}{}", o.code, o.stdout, o.stderr);
    assert!(!o.stderr.contains("panicked"));
    let all = format!("{}{}", o.stdout, o.stderr);
    assert!(all.contains("integrity") || all.contains("damaged") || all.contains("malformed"), "{all}");
    eprintln!("truncated file: exit {}: {}", o.code, all.lines().next().unwrap_or(""));
}

/// A page in the middle overwritten with 0xFF: ordinary reads may not notice, `check` does (exit 1,
/// the damaged page listed, even though the damage stops SQLite's own check part-way).
#[test]
fn a_page_overwritten_with_ff_is_named_by_check() {
    let env = Env::new();
    demo(&env);
    let mut bytes = std::fs::read(env.db()).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages >= 4, "demo database has {pages} pages");
    // A page of the record tables, not of the schema (whose loss stops SQLite before any check):
    // the root page of the audit table, which the demo fills.
    let root: usize = Connection::open(env.db())
        .unwrap()
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'audit_event'", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    let victim = root - 1;
    bytes[victim * page..(victim + 1) * page].fill(0xFF);
    std::fs::write(env.db(), &bytes).unwrap();
    let o = env.run(&["check"]);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    let all = format!("{}{}", o.stdout, o.stderr);
    assert!(all.contains("integrity") && all.contains(&format!("page {}", victim + 1)), "names the page: {all}");
    assert!(!all.contains("panicked"));
    eprintln!("0xFF page {victim}: exit {}: {}", o.code, all.lines().next().unwrap_or(""));
}

/// A malformed rules file given with `--rules`: located error, nothing written.
#[test]
fn malformed_rules_toml_names_the_file_and_changes_nothing() {
    let env = Env::new();
    env.ok(ADD);
    let rules = env.dir.path().join("rules.toml");
    std::fs::write(&rules, "[first_phone\nwithin = \"30m\"\n").unwrap();
    let before = count(&env.db(), "incident");
    let line = assert_error(&env.run(&[
        "--rules",
        rules.to_str().unwrap(),
        "incident",
        "add",
        "--title",
        "x",
        "--category",
        "natural",
    ]));
    assert!(line.contains("rules.toml"), "{line}");
    assert!(line.contains(":1"), "names the line: {line}");
    assert_eq!(count(&env.db(), "incident"), before);
}

fn ctx_parts() -> (Arc<UnitConfig>, Rulebook) {
    let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").unwrap();
    let book = Rulebook::shipped(&unit).unwrap();
    (Arc::new(unit), book)
}

fn pinned(s: &str) -> DateTime<Utc> {
    dutywatch::domain::clock::parse_pinned(s).unwrap()
}

/// A 1 MB summary is stored whole and `incident show --json` returns it whole.
#[test]
fn a_one_megabyte_summary_is_kept_whole() {
    let env = Env::new();
    let (unit, book) = ctx_parts();
    let summary: String = "山体滑坡，道路中断。".repeat(1_000_000 / 30 + 1) + "END";
    assert!(summary.len() >= 1_000_000);
    let mut store = Store::open(&env.db()).unwrap();
    let ctx = OpCtx { unit: &unit, book: &book, now: pinned(NOW), actor: "张三", lang: Lang::En };
    let input = IncidentInput {
        title: "大段续报".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::III),
        summary: summary.clone(),
        ..IncidentInput::default()
    };
    let inc = ops::incident::add(&mut store, &ctx, &input).unwrap();
    drop(store);
    let o = env.ok(&["incident", "show", &inc.reference, "--json"]);
    let v: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(v["summary"].as_str().map(str::len), Some(summary.len()));
    assert!(v["summary"] == summary.as_str(), "the summary came back changed");
    env.ok(&["incident", "list"]);
    env.ok(&["check"]);
}

/// The clock pinned three days back, before every record: list, show and check do not panic, a new
/// intake still works, and the check stays clean.
#[test]
fn clock_pinned_backwards_between_runs() {
    let env = Env::new();
    env.ok(&["demo", "--reset", "--no-board"]);
    env.ok(&["incident", "add", "--title", "两小时前", "--category", "accident", "--grade", "IV", "--learned", "-2h"]);
    for args in
        [&["incident", "list"][..], &["incident", "list", "--json"], &["incident", "show", "两小时前"], &["check"]]
    {
        let o = env.run_at(EARLIER, args);
        assert!(!o.stderr.contains("panicked"), "{args:?}: {}", o.stderr);
        if args[0] != "incident" || args.get(1) != Some(&"show") {
            assert_eq!(o.code, 0, "{args:?}: {}{}", o.stdout, o.stderr);
        }
    }
    let list: Value = serde_json::from_str(&env.run_at(EARLIER, &["incident", "list", "--json"]).stdout).unwrap();
    let first = list.as_array().and_then(|a| a.first()).cloned().unwrap();
    let reference = first["ref"].as_str().unwrap().to_string();
    let o = env.run_at(EARLIER, &["incident", "show", &reference, "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let shown: Value = serde_json::from_str(&o.stdout).unwrap();
    assert!(shown["obligations"].is_array(), "{shown}");
    let o = env.run_at(EARLIER, &["incident", "add", "--title", "时钟回拨", "--category", "natural", "--grade", "IV"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    env.ok(&["check"]);
}

/// `dutywatch check` on a copy damaged with raw SQL (triggers dropped first): exit 1 and one line
/// per problem.
#[test]
fn check_lists_each_broken_invariant() {
    let env = Env::new();
    env.ok(&["demo", "--reset", "--no-board"]);
    let copy = env.dir.path().join("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(env.run_db(&copy, &["check"]).code, 0);
    let c = Connection::open(&copy).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER audit_event_no_delete;
         DROP TRIGGER incident_no_delete;
         DROP TRIGGER handover_locked;
         -- an incident deleted under its obligations and log lines
         DELETE FROM incident WHERE id = (SELECT min(incident_id) FROM obligation);
         -- a person whose audit trail is gone
         DELETE FROM audit_event WHERE entity = 'person' AND entity_id = (SELECT min(id) FROM person);
         -- a signed handover, then changed after it was locked
         INSERT INTO handover (id, period_start, period_end, outgoing, incoming, sheet, remarks, outgoing_signed_at, incoming_signed_at, created_at)
             VALUES (900, 0, 60, '张三', '李四', '{}', 'ok', 60, 61, 61);
         INSERT INTO audit_event (at, actor, action, entity, entity_id, data)
             VALUES (61, '李四', 'handover.sign', 'handover', 900,
                     '{\"sheet\":\"{}\",\"remarks\":\"ok\",\"outgoing\":\"张三\",\"incoming\":\"李四\"}');
         UPDATE handover SET remarks = 'rewritten' WHERE id = 900;",
    )
    .unwrap();
    drop(c);
    let o = env.run_db(&copy, &["check"]);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    for needle in [
        "without their incident",
        "row: person 1 has no audit event",
        "is missing (last recorded at",
        "handover 900",
        "points at a incident",
    ] {
        assert!(o.stdout.contains(needle), "`{needle}` missing from:\n{}", o.stdout);
    }
    let o = env.run_db(&copy, &["check", "--json"]);
    assert_eq!(o.code, 1);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(v["problems"].as_array().unwrap().len() >= 5, "{v}");
    // The original is untouched and clean.
    env.ok(&["check"]);
}

/// The 10,000th incident of a year gets number 10000 (text order put 9999 after 10000 and the
/// number was reused: every later intake failed).
#[test]
fn the_ten_thousandth_incident_of_a_year_is_numbered() {
    let env = Env::new();
    env.ok(ADD);
    Connection::open(env.db()).unwrap().execute("UPDATE incident SET ref = '2026-9999' WHERE id = 1", []).unwrap();
    for want in ["2026-10000", "2026-10001"] {
        let o = env.ok(&["incident", "add", "--title", "又一起", "--category", "natural", "--json"]);
        let v: Value = serde_json::from_str(&o).unwrap();
        assert_eq!(v["ref"], want);
    }
}

fn tz() -> chrono_tz::Tz {
    chrono_tz::Asia::Shanghai
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any string at all: an answer or an error, never a panic.
    #[test]
    fn time_input_never_panics_on_any_string(s in any::<String>()) {
        let _ = parse_time_input(&s, pinned(NOW), tz());
    }

    /// Strings built from the characters time input is made of (digits, separators, units, full-width
    /// forms, signs), where the edge cases live: 24:00, 25:61, huge offsets, stray signs.
    #[test]
    fn time_input_never_panics_on_near_miss_input(
        s in "[-+0-9:：/ T.hmdsZz现在now０-９]{0,24}",
        offset_days in -40_000i64..40_000,
    ) {
        let now = pinned(NOW) + Duration::days(offset_days);
        if let Ok(t) = parse_time_input(&s, now, tz()) {
            // Whatever is accepted is a real instant that formats.
            let _ = t.to_rfc3339();
        }
    }

    /// Relative offsets of any size: too large is an error, not an overflow panic.
    #[test]
    fn relative_offsets_of_any_size(n in any::<u64>(), unit in "[mhd]") {
        let _ = parse_time_input(&format!("-{n}{unit}"), pinned(NOW), tz());
        let _ = parse_time_input(&format!("-{n}h{n}m"), pinned(NOW), tz());
    }
}

// ── Output that cannot attack the terminal or the reader (issue 12) ──────────────────────────────

/// Every trick at once: OSC 52 (writes the clipboard), a screen clear, OSC 0 (window title), an
/// 8-bit CSI (C1 U+009B), a right-to-left override, a bell and a carriage return that would
/// overwrite the start of the line.
const HOSTILE: &str = "滑坡\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b]0;title\x07\u{9b}31m\u{202e}gnp.exe\rX";

/// True for what must never reach a terminal from a human-readable output: C0 other than newline
/// and tab, DEL, C1, and the bidi formatting characters. (Written out here rather than taken from
/// `safe_text`, so the test does not grade the code with its own answer.)
fn dangerous(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_harmless(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| dangerous(*c)) {
        panic!("{what}: holds U+{:04X}:\n{text}", u32::from(c));
    }
}

/// Every row of each Markdown table has as many cells as its header: a `|` in a value is escaped
/// and a line break cannot end a row early.
fn assert_md_tables_aligned(what: &str, md: &str) {
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let mut header: Option<usize> = None;
    for line in md.lines() {
        match (line.starts_with('|'), header) {
            (true, None) => header = Some(cells(line)),
            (true, Some(n)) => {
                assert_eq!(cells(line), n, "{what}: a row with other cells than its header: {line}\n{md}")
            }
            (false, _) => header = None,
        }
    }
}

/// XML 1.0 well-formedness: only characters XML 1.0 allows (§2.2), and a parser reads it to the end
/// with balanced elements; where xmllint is installed (CI installs it), libxml2's strict parser too.
fn assert_well_formed_xml(what: &str, xml: &str) {
    let legal =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    if let Some(c) = xml.chars().find(|c| !legal(*c)) {
        panic!("{what}: U+{:04X} is not allowed in XML 1.0:\n{xml}", u32::from(c));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed: {e}\n{xml}"),
        }
    }
    assert_eq!(depth, 0, "{what}: unbalanced elements\n{xml}");
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("alert.xml");
    std::fs::write(&file, xml).unwrap();
    if let Ok(o) = Command::new("xmllint").arg("--noout").arg(&file).output() {
        assert!(o.status.success(), "{what}: xmllint: {}\n{xml}", String::from_utf8_lossy(&o.stderr));
    }
}

/// A hostile title, place, summary and caller through `incident add`, then every human output:
/// no escape, C1 or bidi character reaches stdout or stderr, `␛` shows where the ESC was, and
/// `--json` still returns the exact text.
#[test]
fn stored_escape_sequences_are_shown_not_run() {
    let env = Env::new();
    let add = env.ok(&[
        "incident",
        "add",
        "--title",
        HOSTILE,
        "--place",
        HOSTILE,
        "--summary",
        HOSTILE,
        "--caller-name",
        HOSTILE,
        "--category",
        "natural",
        "--grade",
        "IV",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&add).unwrap();
    assert_eq!(v["title"], HOSTILE, "--json keeps the exact text");
    let id = v["id"].to_string();
    let mut human = vec![
        ("incident list", env.ok(&["incident", "list"])),
        ("incident list --open", env.ok(&["incident", "list", "--open"])),
        ("incident show", env.ok(&["incident", "show", &id])),
        ("export written md", env.ok(&["export", "written", &id, "--format", "md"])),
        ("export written txt", env.ok(&["export", "written", &id, "--format", "txt"])),
        ("export written zh", env.ok(&["--lang", "zh", "export", "written", &id])),
    ];
    let file = env.dir.path().join("report.md");
    env.ok(&["export", "written", &id, "--format", "md", "-o", file.to_str().unwrap()]);
    human.push(("export written -o FILE", std::fs::read_to_string(&file).unwrap()));
    for (what, text) in &human {
        assert_harmless(what, text);
        assert!(text.contains("␛]52;c;") && text.contains("␛[2J"), "{what} shows the ESC visibly:\n{text}");
        assert!(text.contains("⟨U+009B⟩") && text.contains("⟨U+202E⟩"), "{what} names C1 and bidi:\n{text}");
    }
    // The line cannot be overwritten by its carriage return, nor split by the title.
    let list = &human[0].1;
    assert_eq!(list.lines().count(), 1, "{list}");
    assert!(list.contains("␍X"), "{list}");

    // JSON stays exact, in list and show.
    let listed: Value = serde_json::from_str(&env.ok(&["incident", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["title"], HOSTILE);
    assert_eq!(listed[0]["place"], HOSTILE);
    let shown: Value = serde_json::from_str(&env.ok(&["incident", "show", &id, "--json"])).unwrap();
    assert_eq!(shown["title"], HOSTILE);
    assert_eq!(shown["summary"], HOSTILE);

    // Markdown: a `|` and a line break in the title stay inside their place.
    let md = env.ok(&[
        "incident",
        "add",
        "--title",
        "桥梁|垮塌\n# 伪标题",
        "--category",
        "accident",
        "--grade",
        "IV",
        "--json",
    ]);
    let md_id = serde_json::from_str::<Value>(&md).unwrap()["id"].to_string();
    let md = env.ok(&["export", "written", &md_id, "--format", "md"]);
    assert!(md.contains("桥梁\\|垮塌<br># 伪标题"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# 伪标题")), "{md}");

    // An `error:` line that quotes what was typed is neutralised too, and stays one line.
    let e = env.run(&["incident", "show", "\x1b]0;pwned\x07\n\u{9b}2J"]);
    let line = assert_error(&e);
    assert_harmless("error line", &e.stderr);
    assert!(line.contains("␛]0;pwned␇"), "{line}");

    // CAP is XML, not shown text: exact where XML allows, and well-formed whatever the title holds.
    let cap = env.ok(&["export", "cap", &id]);
    assert_well_formed_xml("export cap", &cap);
    assert!(cap.contains("<event>滑坡\u{fffd}]52;c;"), "{cap}");
    assert!(cap.contains("\u{202e}gnp.exe"), "bidi is legal XML and kept: {cap}");
}

/// The documents made from the duty log, the roster and the handover: a hostile log line, remark
/// and addendum, and a person's name stored before names were checked (written with raw SQL) are
/// shown visibly in `log list`, `person list`, `roster list`, `roster now`, the weekly plan, the
/// handover sheet and `stats --md`; Markdown cells and items keep to their line.
#[test]
fn logs_names_and_handover_sheets_are_neutralised() {
    let env = Env::new();
    env.ok(&["demo", "--reset", "--no-board"]);
    let people: Value = serde_json::from_str(&env.ok(&["person", "list", "--json"])).unwrap();
    let officer = people.as_array().unwrap().iter().find(|p| p["roles"].to_string().contains("officer")).unwrap();
    let legacy = "老\x1b[31m王|伪造\n| 列 |\u{202e}";
    Connection::open(env.db())
        .unwrap()
        .execute("UPDATE person SET name = ?1 WHERE id = ?2", rusqlite::params![legacy, officer["id"].as_i64()])
        .unwrap();
    env.ok(&["log", "add", "--kind", "note", "--text", HOSTILE]);
    let draft = env.ok(&["handover", "draft", "--remarks", HOSTILE, "--json"]);
    let h: Value = serde_json::from_str(&draft).unwrap();
    let hid = h["head"]["id"].as_i64().or_else(|| h["id"].as_i64()).expect("handover id").to_string();
    env.ok(&["handover", "addendum", &hid, "--text", HOSTILE]);
    let outputs = [
        ("log list", env.ok(&["log", "list"])),
        ("person list", env.ok(&["person", "list"])),
        ("roster list", env.ok(&["roster", "list"])),
        ("roster now", env.ok(&["roster", "now"])),
        ("roster export md", env.ok(&["roster", "export", "--format", "md"])),
        ("handover show", env.ok(&["handover", "show", &hid, "--md"])),
        ("handover list", env.ok(&["handover", "list"])),
        ("stats md", env.ok(&["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--md"])),
    ];
    for (what, text) in &outputs {
        assert_harmless(what, text);
        assert_md_tables_aligned(what, text);
    }
    // The checks print what they find (exit 0 or 1); stdout and stderr are neutralised either way.
    for args in [&["check"][..], &["roster", "check"]] {
        let o = env.run(args);
        assert!(o.code == 0 || o.code == 1, "{args:?}: {}", o.stderr);
        assert_harmless(&args.join(" "), &o.stdout);
        assert_harmless(&args.join(" "), &o.stderr);
    }
    // iCalendar TEXT may not hold controls (RFC 5545 §3.3.11); its lines end in CRLF by rule.
    let ics = env.ok(&["roster", "export", "--format", "ics"]);
    assert_harmless("roster export ics", &ics.replace("\r\n", "\n"));
    let [log, person, ..] = &outputs;
    assert!(log.1.contains("␛]52;c;"), "{}", log.1);
    assert!(person.1.contains("老␛[31m王|伪造␊| 列 |⟨U+202E⟩"), "{}", person.1);
    // Markdown: the name cannot open a column or a row of the weekly plan; the remark and the
    // addendum stay one item each.
    let plan = &outputs[4].1;
    assert!(plan.contains("老␛[31m王\\|伪造<br>\\| 列 \\|⟨U+202E⟩"), "{plan}");
    let sheet = &outputs[5].1;
    assert!(sheet.contains("滑坡␛]52;c;ZWNobyBwd25lZA==␇␛[2J"), "{sheet}");
    assert!(!sheet.lines().any(|l| l.starts_with("X")), "the CR cannot start a line: {sheet}");
}

proptest! {
    // Each case runs the binary several times: few cases, random text (the pure functions are
    // tested with many more cases in `domain::safe_text` and `domain::cap`).
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random Unicode mixed with controls, bidi and zero-width characters in every text field of
    /// an incident and in a person's name: no human output holds ESC, C1 or bidi, CAP parses, a
    /// name is either refused with one `error:` line or stored, and `--json` gives back the text.
    #[test]
    fn random_text_never_reaches_the_terminal_raw(
        title in "(\\PC|[\\x01-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{200b}-\\u{200f}<&|])*",
        place in "(\\PC|[\\x01-\\x1f\\x7f-\\x9f\\u{202e}])*",
        summary in "(\\PC|[\\x01-\\x1f\\x7f-\\x9f\\u{202e}\\u{fffe}])*",
        caller in "(\\PC|[\\x01-\\x1f\\x9b\\u{202e}])*",
        name in "(\\PC|[\\x1b\\x9b\\u{200b}\\u{202e}\\uff21-\\uff3a])*",
    ) {
        let env = Env::new();
        // `--flag=VALUE` keeps a value that starts with `-` from being read as a flag.
        let title = format!("t{title}");
        let add = env.run(&[
            "incident", "add", &format!("--title={title}"), &format!("--place={place}"),
            &format!("--summary={summary}"), &format!("--caller-name={caller}"),
            "--category", "accident", "--grade", "III", "--json",
        ]);
        prop_assert_eq!(add.code, 0, "{}", add.stderr);
        let v: Value = serde_json::from_str(&add.stdout).unwrap();
        prop_assert_eq!(v["title"].as_str(), Some(title.trim()));
        let id = v["id"].to_string();
        for args in [
            vec!["incident", "list"],
            vec!["incident", "show", &id],
            vec!["export", "written", &id, "--format", "md"],
            vec!["export", "written", &id, "--format", "txt"],
        ] {
            let o = env.run(&args);
            assert_ok(&o);
            assert_harmless(&args.join(" "), &o.stdout);
            assert_harmless(&args.join(" "), &o.stderr);
        }
        assert_well_formed_xml("export cap", &env.ok(&["export", "cap", &id]));

        let name = format!("n{name}");
        let p = env.run(&["person", "add", &format!("--name={name}"), "--roles", "officer"]);
        assert_harmless("person add", &p.stdout);
        assert_harmless("person add", &p.stderr);
        if p.code != 0 {
            let line = assert_error(&p);
            prop_assert!(line.contains("name"), "{}", line);
        }
        let list = env.ok(&["person", "list"]);
        assert_harmless("person list", &list);
    }
}

// ---- Issue 12: processes and files ----

/// Exit 2 with an `error:` line that names `what`; nothing was created beside the path.
fn refused_naming(o: &Out, what: &str) -> String {
    let line = assert_error(o);
    assert!(line.contains(what), "{line}");
    line
}

/// A FIFO, a character device (`/dev/null`) and a socket are refused from `stat` alone, before
/// anything opens them: the FIFO does not hang (nothing ever writes to it here).
#[test]
fn a_fifo_a_device_and_a_socket_are_refused_before_opening() {
    let env = Env::new();
    let fifo = env.dir.path().join("pipe.db");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let sock_path = env.dir.path().join("sock.db");
    let _listener = std::os::unix::net::UnixListener::bind(&sock_path).unwrap();
    for (path, what) in [(fifo.as_path(), "FIFO"), (Path::new("/dev/null"), "device"), (&sock_path, "socket")] {
        for args in [&["incident", "list"][..], ADD, &["init"]] {
            // Bounded: a FIFO opened for reading would wait for a writer forever.
            let mut child = env
                .process_db(path, NOW, args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while child.try_wait().unwrap().is_none() {
                if std::time::Instant::now() > deadline {
                    let _ = child.kill();
                    panic!("{} {args:?} hung", path.display());
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let line = refused_naming(&Out::from(child.wait_with_output().unwrap()), what);
            assert!(line.contains(&path.display().to_string()), "{line}");
        }
    }
    assert_eq!(files_in(env.dir.path()), vec!["pipe.db", "sock.db"], "no -wal/-shm made");
}

/// Another program's SQLite file is refused even with no tables: a view alone, or only its
/// `application_id`. Neither file changes.
#[test]
fn an_sqlite_file_with_only_a_view_or_an_application_id_is_refused() {
    let env = Env::new();
    let view = env.dir.path().join("view.sqlite");
    Connection::open(&view).unwrap().execute_batch("CREATE VIEW v AS SELECT 1 AS one;").unwrap();
    let app_id = env.dir.path().join("appid.sqlite");
    {
        let c = Connection::open(&app_id).unwrap();
        c.pragma_update(None, "application_id", 0x0f0f_0f0f).unwrap();
        c.execute_batch("CREATE TABLE t (x); DROP TABLE t;").unwrap();
    }
    for path in [&view, &app_id] {
        let before = std::fs::read(path).unwrap();
        for args in [&["incident", "list"][..], ADD] {
            let line = assert_error(&env.run_db(path, args));
            assert!(line.contains("not a dutywatch database"), "{}: {line}", path.display());
        }
        assert!(std::fs::read(path).unwrap() == before, "{} changed", path.display());
    }
}

/// A file that carries dutywatch's `user_version` but none of its tables is damaged, not new:
/// refused as damaged, nothing created in it.
#[test]
fn our_user_version_without_our_tables_is_refused_as_damaged() {
    let env = Env::new();
    let db = env.dir.path().join("emptied.db");
    Connection::open(&db).unwrap().pragma_update(None, "user_version", 2).unwrap();
    let line = assert_error(&env.run_db(&db, ADD));
    assert!(line.contains("damaged") && line.contains("schema version 2"), "{line}");
    let tables: i64 =
        Connection::open(&db).unwrap().query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "nothing was created in it");
}

/// `--db //path` (a doubled leading slash) is the same file as `/path`, for writes and reads, and
/// also when the file is read-only (where the path goes through a `file:` URI).
#[test]
fn a_db_path_with_a_doubled_leading_slash_works() {
    let env = Env::new();
    let doubled = PathBuf::from(format!("/{}", env.db().display()));
    assert!(doubled.to_string_lossy().starts_with("//"));
    assert_eq!(env.run_db(&doubled, ADD).code, 0);
    let o = env.run_db(&doubled, &["incident", "list", "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(count(&env.db(), "incident"), 1);
    if is_root() && have_setpriv() {
        chmod(env.dir.path(), 0o755);
        chmod(env.cfg.path(), 0o755);
        chmod(&env.db(), 0o444);
        let o = env.as_nobody(&doubled, &["incident", "list", "--json"]);
        assert_eq!(o.code, 0, "read-only through //: {}", o.stderr);
    }
}

/// A read-only open (as `nobody`, file 0444 in a writable directory) leaves no `-wal`/`-shm`
/// behind; after the permissions are fixed the owner writes as before.
#[test]
fn a_read_only_open_leaves_no_sidecars_that_block_writes() {
    if !is_root() || !have_setpriv() {
        eprintln!("note: skipping: needs root and setpriv to act as nobody");
        return;
    }
    let env = Env::new();
    let dir = env.dir.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    chmod(env.dir.path(), 0o755);
    chmod(env.cfg.path(), 0o755);
    let db = dir.join("dw.db");
    assert_eq!(env.run_db(&db, ADD).code, 0);
    chmod(&db, 0o444);
    chmod(&dir, 0o777);
    for args in [&["incident", "list"][..], &["check"], ADD] {
        let _ = env.as_nobody(&db, args);
        // `logs/` is the log file's directory, made when the file was created.
        let files: Vec<String> = files_in(&dir).into_iter().filter(|f| f != "logs").collect();
        assert_eq!(files, vec!["dw.db"], "after {args:?} as nobody");
    }
    // While another process has the file open, the sidecars are in use: they stay, and its writes
    // keep working.
    let holder = Connection::open(&db).unwrap();
    let _: i64 = holder.query_row("SELECT count(*) FROM incident", [], |r| r.get(0)).unwrap();
    let o = env.as_nobody(&db, &["incident", "list", "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(dir.join("dw.db-wal").exists() && dir.join("dw.db-shm").exists(), "{:?}", files_in(&dir));
    holder.execute("UPDATE incident SET place = 'still writable' WHERE id = 1", []).unwrap();
    drop(holder);
    chmod(&db, 0o666);
    chmod(&dir, 0o755);
    assert_eq!(env.run_db(&db, ADD).code, 0, "the owner writes again");
    assert_eq!(count(&db, "incident"), 2);
}

/// The read-only fallback never shows the file without its WAL: when the WAL holds commits this
/// user cannot read, the open is refused with a clear error instead of stale data.
#[test]
fn a_read_only_open_refuses_rather_than_ignore_an_unreadable_wal() {
    if !is_root() || !have_setpriv() {
        eprintln!("note: skipping: needs root and setpriv to act as nobody");
        return;
    }
    let env = Env::new();
    let dir = env.dir.path().join("walled");
    std::fs::create_dir(&dir).unwrap();
    chmod(env.dir.path(), 0o755);
    chmod(env.cfg.path(), 0o755);
    let db = dir.join("dw.db");
    assert_eq!(env.run_db(&db, ADD).code, 0);
    // A writer keeps the file open with a commit still in the WAL (no checkpoint).
    let holder = Connection::open(&db).unwrap();
    holder.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    holder.execute("UPDATE incident SET title = 'IN-THE-WAL' WHERE id = 1", []).unwrap();
    let wal = dir.join("dw.db-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    chmod(&db, 0o444);
    chmod(&wal, 0o600);
    chmod(&dir.join("dw.db-shm"), 0o600);
    chmod(&dir, 0o555);
    let o = env.as_nobody(&db, &["incident", "list", "--json"]);
    if o.code == 0 {
        assert!(o.stdout.contains("IN-THE-WAL"), "stale data shown: {}", o.stdout);
    } else {
        let line = assert_error(&o);
        assert!(line.contains("write-ahead log") && line.contains("stale"), "{line}");
    }
    chmod(&dir, 0o755);
    drop(holder);
}

/// The `-wal` removed while the store is open (as under a running board): the next save is
/// refused with a message that says so, not "disk full".
#[test]
fn a_wal_removed_under_an_open_store_is_named() {
    let env = Env::new();
    env.ok(ADD);
    let (unit, book) = ctx_parts();
    let mut store = Store::open(&env.db()).unwrap();
    std::fs::remove_file(env.dir.path().join("dutywatch.db-wal")).unwrap();
    let op = OpCtx { unit: &unit, book: &book, lang: Lang::En, now: pinned(NOW), actor: "test" };
    let input = IncidentInput {
        title: "after the WAL went".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::IV),
        ..Default::default()
    };
    let err = ops::incident::add(&mut store, &op, &input).unwrap_err().to_string();
    assert!(err.contains("write-ahead log") && err.contains("removed"), "{err}");
    assert!(!err.contains("disk"), "{err}");
}

/// Output to a pipe whose reader is gone: no panic. A read command stops quietly with its own
/// status; a save says on one `error:` line what it saved, so nobody repeats it.
#[test]
fn output_into_a_closed_pipe_never_panics() {
    let env = Env::new();
    for _ in 0..3 {
        env.ok(ADD);
    }
    let run_closed = |args: &[&str]| {
        let mut child = env
            .process_db(&env.db(), NOW, args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        Out::from(child.wait_with_output().unwrap())
    };
    for args in [&["incident", "list"][..], &["incident", "list", "--json"], &["roster", "now"]] {
        let o = run_closed(args);
        assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
        assert!(o.stderr.is_empty(), "{args:?}: nothing on stderr: {}", o.stderr);
    }
    let o = run_closed(ADD);
    let line = assert_error(&o);
    assert!(line.contains("saved incident #2026-0004 (id 4)") && line.contains("could not print"), "{line}");
    assert_eq!(count(&env.db(), "incident"), 4, "saved once");
}

/// Output to a full disk (`/dev/full`): one `error:` line, exit 2, no panic; after a save the
/// line names the saved record.
#[test]
fn output_to_a_full_disk_is_one_error_line() {
    let env = Env::new();
    env.ok(ADD);
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = Out::from(env.process_db(&env.db(), NOW, &["incident", "list"]).stdout(full()).output().unwrap());
    let line = assert_error(&o);
    assert!(line.contains("could not write the output") && line.contains("No space left"), "{line}");
    let o = Out::from(env.process_db(&env.db(), NOW, ADD).stdout(full()).output().unwrap());
    let line = assert_error(&o);
    assert!(line.contains("saved incident #2026-0002 (id 2) but could not print the result"), "{line}");
    assert_eq!(count(&env.db(), "incident"), 2);
}

/// A file-size limit without any trap set by the caller: dutywatch ignores SIGXFSZ itself, so the
/// write fails with EFBIG and the clear disk error, instead of the process being killed.
#[test]
fn file_size_limit_without_a_trap_is_the_disk_error_not_a_kill() {
    let env = Env::new();
    for _ in 0..3 {
        env.ok(ADD);
    }
    let (o, acked) = fill_with_writer(&env, &env.db(), Some("ulimit -f 1024"));
    assert_full_and_intact(&env, &env.db(), &o, &acked, 3, "ulimit -f 1024, no trap");
}

/// The board without a terminal (stdin and stdout not a tty): exit 2, the error line and a hint
/// to the CLI; no panic, no source path.
#[test]
fn the_board_without_a_terminal_says_so() {
    let env = Env::new();
    env.ok(ADD);
    for args in [&[][..], &["demo", "--reset"]] {
        let o = Out::from(env.process_db(&env.db(), NOW, args).stdin(std::process::Stdio::null()).output().unwrap());
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        let lines: Vec<&str> = o.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", o.stderr);
        assert!(lines[0].starts_with("error: the board needs a terminal"), "{}", lines[0]);
        assert!(lines[1].starts_with("hint:") && lines[1].contains("dutywatch --help"), "{}", lines[1]);
        assert!(!o.stderr.contains("panicked") && !o.stderr.contains(".rs"), "{}", o.stderr);
    }
}

// ---- Issue 12: inputs ----

/// Times outside 2000–2100 are refused, and the message gives the accepted range.
#[test]
fn times_outside_2000_to_2100_are_refused_with_the_range() {
    let env = Env::new();
    env.ok(&["init"]);
    for t in ["1999-12-31 23:59", "2101-01-01 00:00", "1970-01-01T08:00:00+08:00", "-300000h"] {
        let mut args = ADD.to_vec();
        args.extend(["--learned", t]);
        let line = assert_error(&env.run(&args));
        assert!(line.contains("--learned") && line.contains("2000–2100"), "{t}: {line}");
    }
    let tz = tz();
    let err = parse_time_input("1999-12-31 10:00", pinned(NOW), tz).unwrap_err().to_string();
    assert!(err.contains("2000–2100"), "{err}");
    assert!(parse_time_input("2000-01-01 00:00", pinned(NOW), tz).is_ok());
    assert!(parse_time_input("2100-12-31 23:59", pinned(NOW), tz).is_ok());
    assert_eq!(count(&env.db(), "incident"), 0);
}

/// A count too large for its field says "too large", not "negative".
#[test]
fn numbers_too_large_for_their_field_say_too_large() {
    let env = Env::new();
    for flag in ["--dead", "--injured", "--missing", "--trapped"] {
        let mut args = ADD.to_vec();
        args.extend([flag, "99999999999"]);
        let line = assert_error(&env.run(&args));
        assert!(line.contains(flag) && line.contains("too large") && !line.contains("negative"), "{line}");
    }
    let mut args = ADD.to_vec();
    args.extend(["--dead", "-1"]);
    let line = assert_error(&env.run(&args));
    assert!(line.contains("negative"), "{line}");
}

/// `--at -2h` and `--at -20m` are times, not flags: review mode takes them (and, without a
/// terminal, gets as far as saying the board needs one).
#[test]
fn at_with_a_relative_time_is_not_read_as_a_flag() {
    let env = Env::new();
    let o = env.run_at(EARLIER, ADD);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for at in ["-2h", "-20m"] {
        let o = Out::from(
            env.process_db(&env.db(), NOW, &["--at", at]).stdin(std::process::Stdio::null()).output().unwrap(),
        );
        assert_eq!(o.code, 2, "{at}: {}", o.stderr);
        assert!(o.stderr.starts_with("error: the board needs a terminal"), "--at {at}: {}", o.stderr);
    }
    // And on a subcommand.
    let mut args = ADD.to_vec();
    args.extend(["--learned", "-20m"]);
    env.ok(&args);
}

/// A list cut by its limit says so, with the total: on the last line, or on stderr with `--json`
/// (stdout stays one JSON document). Uncut, nothing is added.
#[test]
fn lists_say_when_the_limit_cut_them() {
    let env = Env::new();
    for _ in 0..3 {
        env.ok(ADD);
    }
    let o = env.ok(&["incident", "list", "--limit", "2"]);
    assert_eq!(o.lines().count(), 3, "{}", o);
    assert_eq!(o.lines().last(), Some("2 of 3 shown; --limit N for more"), "{}", o);
    let o = env.run(&["incident", "list", "--limit", "2", "--json"]);
    assert_ok(&o);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(o.stderr.trim(), "note: 2 of 3 shown; --limit N for more");
    let o = env.ok(&["incident", "list"]);
    assert!(!o.contains("shown"), "{}", o);
    let o = env.ok(&["log", "list", "--limit", "1"]);
    assert!(o.trim_end().ends_with("1 of 3 shown; --limit N for more"), "{}", o);
    assert_eq!(dutywatch::cli::out::thousands(1234), "1,234");
    assert_eq!(dutywatch::cli::out::thousands(1_234_567), "1,234,567");
    assert_eq!(dutywatch::cli::out::thousands(200), "200");
}

/// The calendar takes years 2000–2100 only; the error names the file, the line and the range.
#[test]
fn the_calendar_accepts_years_2000_to_2100_only() {
    let env = Env::new();
    env.ok(ADD);
    let file = env.cfg.path().join("calendar.toml");
    for year in ["1999", "2101"] {
        std::fs::write(&file, format!("[[holiday]]\nname = \"typo\"\nstart = {year}-10-01\nend = {year}-10-03\n"))
            .unwrap();
        let line = assert_error(&env.run(&["roster", "check"]));
        assert!(line.contains("calendar.toml:") && line.contains("2000–2100"), "{year}: {line}");
    }
}

/// A config file that is not TOML at all: the error says what the file should have been and never
/// echoes its contents.
#[test]
fn a_config_file_that_is_not_toml_is_not_echoed() {
    let env = Env::new();
    env.ok(ADD);
    let secret = "-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    for name in ["unit.toml", "rules.toml"] {
        let file = env.cfg.path().join(name);
        std::fs::write(&file, format!("{secret}\nsecond line\n")).unwrap();
        let line = assert_error(&env.run(ADD));
        assert!(!line.contains("PRIVATE") && !line.contains("MIIE"), "{name}: echoed: {line}");
        assert!(line.contains(name) && line.contains("not TOML") && line.contains("should hold"), "{line}");
        std::fs::remove_file(&file).unwrap();
    }
    assert_eq!(count(&env.db(), "incident"), 1, "nothing saved with a broken config");
}
