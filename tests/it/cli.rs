//! The command-line contract (README, *Command line*) through the real binary: exit codes, `error:` lines,
//! JSON output, refusals that leave files untouched, config errors that name file, line and key.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::cli::{Env, assert_error, chmod, have_setpriv, is_root, run};

fn people_json(env: &Env) -> Vec<Value> {
    let out = run(env.cmd(&["person", "list", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

fn find<'a>(people: &'a [Value], name: &str) -> &'a Value {
    people.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name} not in {people:?}"))
}

#[test]
fn init_then_person_add_list_edit() {
    let env = Env::new();
    let out = run(env.cmd(&["init"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("database ready"), "{}", out.stdout);
    assert!(env.db().is_file());
    // init again: still fine.
    assert_eq!(run(env.cmd(&["init"])).code, 0);

    let out = run(env.cmd(&["person", "add", "--name", "张三", "--roles", "officer,leader", "--phone", "138"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("张三"), "{}", out.stdout);

    let people = people_json(&env);
    assert_eq!(people.len(), 1);
    let p = find(&people, "张三");
    assert_eq!(p["roles"], serde_json::json!(["officer", "leader"]));
    assert_eq!(p["phone"], "138");
    assert_eq!(p["active"], true);

    let out = run(env.cmd(&["person", "edit", "张三", "--phone", "123"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let people = people_json(&env);
    let p = find(&people, "张三");
    assert_eq!(p["phone"], "123");
    assert_eq!(p["roles"], serde_json::json!(["officer", "leader"]), "roles are kept when not given");

    // Plain listing shows the person with role labels.
    let out = run(env.cmd(&["person", "list"]));
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("张三") && out.stdout.contains("123"), "{}", out.stdout);

    // Editing someone who does not exist.
    let line = assert_error(&run(env.cmd(&["person", "edit", "李四", "--phone", "1"])));
    assert!(line.contains("李四"), "{line}");
}

#[test]
fn bad_person_input_exits_2_with_an_error_line() {
    let env = Env::new();
    assert_eq!(run(env.cmd(&["person", "add", "--name", "张三"])).code, 0);

    let line = assert_error(&run(env.cmd(&["person", "add", "--name", ""])));
    assert!(line.contains("name"), "{line}");
    let line = assert_error(&run(env.cmd(&["person", "add", "--name", "   "])));
    assert!(line.contains("name"), "{line}");

    let line = assert_error(&run(env.cmd(&["person", "add", "--name", "张三"])));
    assert!(line.contains("张三") && line.contains("already exists"), "{line}");

    let line = assert_error(&run(env.cmd(&["person", "add", "--name", "王五", "--roles", "pilot"])));
    assert!(line.contains("pilot"), "{line}");
    for role in ["officer", "leader", "standby"] {
        assert!(line.contains(role), "valid roles listed: {line}");
    }

    // Nothing of the refused commands was saved.
    let people = people_json(&env);
    assert_eq!(people.len(), 1, "{people:?}");
}

#[test]
fn a_text_file_as_db_is_refused_and_untouched() {
    let env = Env::new();
    let path = env.dir.path().join("notes.txt");
    let text = "交接班记录\n这不是数据库。\n".repeat(20);
    std::fs::write(&path, &text).unwrap();
    for args in [&["person", "list"][..], &["init"], &["person", "add", "--name", "张三"], &["check"]] {
        let line = assert_error(&run(env.cmd_db(&path, args)));
        assert!(line.contains("is not a dutywatch database"), "{args:?}: {line}");
        assert!(line.contains("notes.txt"), "names the file: {line}");
    }
    assert!(std::fs::read_to_string(&path).unwrap() == text, "file changed");
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 1, "no -wal/-shm beside it");
}

#[test]
fn a_too_new_database_is_refused() {
    let env = Env::new();
    assert_eq!(run(env.cmd(&["init"])).code, 0);
    let newer = dutywatch::store::schema_version() + 1;
    rusqlite::Connection::open(env.db()).unwrap().pragma_update(None, "user_version", newer).unwrap();
    for args in [&["person", "list"][..], &["init"]] {
        let line = assert_error(&run(env.cmd(args)));
        assert!(line.contains("newer"), "{line}");
    }
}

fn write_unit_toml(env: &Env, text: &str) -> PathBuf {
    let path = env.cfg.path().join("unit.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn malformed_unit_toml_names_file_line_and_key() {
    let env = Env::new();
    let shipped = dutywatch::config::unit::SHIPPED_UNIT;
    assert!(shipped.contains("level = \"township\""));
    let text = shipped.replace("level = \"township\"", "level = = \"township\"");
    let path = write_unit_toml(&env, &text);
    let line = assert_error(&run(env.cmd(&["person", "list"])));
    let want = format!("error: {}:{}: key `level`: ", path.display(), line_of(&text, "level = ="));
    assert!(line.starts_with(&want), "want prefix {want:?}\ngot {line:?}");
    assert!(!env.db().exists(), "no database is created when the config is bad");
}

#[test]
fn unknown_key_in_unit_toml_names_file_line_and_key() {
    let env = Env::new();
    let shipped = dutywatch::config::unit::SHIPPED_UNIT;
    let text = shipped.replace("level = \"township\"", "level = \"township\"\nshift_lenght = 24");
    let path = write_unit_toml(&env, &text);
    let line = assert_error(&run(env.cmd(&["person", "list"])));
    let want = format!("error: {}:{}: key `shift_lenght`: ", path.display(), line_of(&text, "shift_lenght"));
    assert!(line.starts_with(&want), "want prefix {want:?}\ngot {line:?}");
}

#[test]
fn bad_value_in_unit_toml_names_the_key() {
    let env = Env::new();
    let shipped = dutywatch::config::unit::SHIPPED_UNIT;
    let text = shipped.replace("shift_change = \"08:30\"", "shift_change = \"8 o'clock\"");
    assert_ne!(text, shipped);
    let path = write_unit_toml(&env, &text);
    let line = assert_error(&run(env.cmd(&["init"])));
    let want = format!("error: {}:{}: key `shift_change`: ", path.display(), line_of(&text, "shift_change ="));
    assert!(line.starts_with(&want), "want prefix {want:?}\ngot {line:?}");
}

#[test]
fn demo_then_list_and_check() {
    let env = Env::new();
    let out = run(env.cmd(&["demo", "--reset", "--no-board"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let people = people_json(&env);
    assert!((8..=14).contains(&people.len()), "{} people", people.len());
    assert!(people.iter().any(|p| p["roles"].as_array().unwrap().contains(&Value::from("leader"))));

    let out = run(env.cmd(&["check"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.starts_with("ok"), "{}", out.stdout);

    let out = run(env.cmd(&["check", "--json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["problems"], serde_json::json!([]));

    // demo again without --reset keeps the data; with --reset rebuilds the same.
    assert_eq!(run(env.cmd(&["demo", "--no-board"])).code, 0);
    assert_eq!(people_json(&env).len(), people.len());
    assert_eq!(run(env.cmd(&["demo", "--reset", "--no-board"])).code, 0);
    assert_eq!(people_json(&env).len(), people.len());
}

#[test]
fn check_reports_problems_with_exit_1() {
    let env = Env::new();
    assert_eq!(run(env.cmd(&["person", "add", "--name", "张三"])).code, 0);
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute("INSERT INTO person (name, roles, created_at, updated_at) VALUES ('幽灵', 'officer', 0, 0)", [])
        .unwrap();
    let out = run(env.cmd(&["check"]));
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("no audit event"), "{}", out.stdout);
    let out = run(env.cmd(&["check", "--json"]));
    assert_eq!(out.code, 1);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn check_and_backup_of_a_missing_db_fail() {
    let env = Env::new();
    let line = assert_error(&run(env.cmd(&["check"])));
    assert!(line.contains("does not exist"), "{line}");
    let dest = env.dir.path().join("b.db");
    let line = assert_error(&run(env.cmd(&["backup", dest.to_str().unwrap()])));
    assert!(line.contains("does not exist"), "{line}");
    assert!(!env.db().exists() && !dest.exists());
}

#[test]
fn backup_copies_and_refuses_an_existing_path() {
    let env = Env::new();
    assert_eq!(run(env.cmd(&["demo", "--reset", "--no-board"])).code, 0);
    let dest = env.dir.path().join("backup-1.db");
    let out = run(env.cmd(&["backup", dest.to_str().unwrap()]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dest.is_file());
    let copy: Value = {
        let out = run(env.cmd_db(&dest, &["person", "list", "--json"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    assert_eq!(copy.as_array().unwrap(), &people_json(&env));
    assert_eq!(run(env.cmd_db(&dest, &["check"])).code, 0);

    let before = std::fs::read(&dest).unwrap();
    let line = assert_error(&run(env.cmd(&["backup", dest.to_str().unwrap()])));
    assert!(line.contains("already exists"), "{line}");
    assert!(std::fs::read(&dest).unwrap() == before, "existing backup was changed");

    // Nor over some other existing file.
    let other = env.dir.path().join("notes.txt");
    std::fs::write(&other, "keep me").unwrap();
    assert_error(&run(env.cmd(&["backup", other.to_str().unwrap()])));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
}

#[test]
fn db_in_a_missing_directory_is_created() {
    let env = Env::new();
    let db = env.dir.path().join("x").join("y").join("dw.db");
    let out = run(env.cmd_db(&db, &["person", "add", "--name", "张三"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(db.is_file());
}

/// A database the user cannot write (file 0444 in a dir 0555, run as `nobody`): writes are refused
/// with a read-only message and the file is untouched; reads still work.
#[test]
fn read_only_database_refuses_writes_but_reads() {
    if !is_root() {
        eprintln!("note: skipping read_only_database_refuses_writes_but_reads: needs root to switch to nobody");
        return;
    }
    if !have_setpriv() {
        eprintln!("note: skipping read_only_database_refuses_writes_but_reads: setpriv is not installed");
        return;
    }
    let env = Env::new();
    chmod(env.dir.path(), 0o755);
    chmod(env.cfg.path(), 0o755);
    let ro_dir = env.dir.path().join("ro");
    std::fs::create_dir(&ro_dir).unwrap();
    let db = ro_dir.join("dutywatch.db");
    assert_eq!(run(env.cmd_db(&db, &["demo", "--reset", "--no-board"])).code, 0);
    assert!(!ro_dir.join("dutywatch.db-wal").exists(), "WAL is checkpointed away on close");
    chmod(&db, 0o444);
    chmod(&ro_dir, 0o555);
    let before = std::fs::read(&db).unwrap();

    // As `nobody`, with the binary copied where `nobody` can run it.
    let as_nobody = |args: &[&str]| env.as_nobody(&db, args);

    let line = assert_error(&as_nobody(&["person", "add", "--name", "新人"]));
    assert!(line.contains("read-only"), "{line}");
    let line = assert_error(&as_nobody(&["person", "edit", "张伟", "--phone", "1"]));
    assert!(line.contains("read-only"), "{line}");

    let out = as_nobody(&["person", "list", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let people: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(people.as_array().unwrap().iter().any(|p| p["name"] == "张伟"), "{people}");
    assert!(!people.as_array().unwrap().iter().any(|p| p["name"] == "新人"));
    let out = as_nobody(&["check"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    assert!(std::fs::read(&db).unwrap() == before, "read-only database file changed");
    // `logs/` is the log file's directory, made when the owner created the file.
    let names: Vec<_> =
        std::fs::read_dir(&ro_dir).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n != "logs").collect();
    assert_eq!(names.len(), 1, "nothing created beside it: {names:?}");
    // Let TempDir clean up.
    chmod(&ro_dir, 0o755);
}

/// `demo --reset` deletes the file at `--db` before looking at it: a text file (or another
/// program's database) given by mistake is destroyed and replaced by the demo.
#[test]
fn demo_reset_refuses_a_file_that_is_not_dutywatch() {
    let env = Env::new();
    let path = env.dir.path().join("notes.txt");
    std::fs::write(&path, "precious notes\n").unwrap();
    let line = assert_error(&run(env.cmd_db(&path, &["demo", "--reset", "--no-board"])));
    assert!(line.contains("is not a dutywatch database"), "{line}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious notes\n");
}

/// Names are stored NFC; a name holding a control, zero-width or bidi character is refused with
/// one `error:` line naming the field; a name that differs from a stored one only by width or by
/// such characters is a duplicate. People and contacts alike.
#[test]
fn names_are_normalised_and_look_alikes_refused() {
    let env = Env::new();
    // `é` typed as `e` + combining acute is stored as the one character U+00E9.
    assert_eq!(run(env.cmd(&["person", "add", "--name", "Ame\u{301}lie"])).code, 0);
    let people = people_json(&env);
    find(&people, "Am\u{e9}lie");
    // …and is found under either form.
    assert_eq!(run(env.cmd(&["person", "edit", "Ame\u{301}lie", "--phone", "1"])).code, 0);

    for (bad, code) in [
        ("张\u{1b}[2J伟", "U+001B"),
        ("张\n伟", "U+000A"),
        ("张\u{9b}伟", "U+009B"),
        ("张\u{200b}伟", "U+200B"),
        ("\u{feff}张伟", "U+FEFF"),
        ("张\u{202e}伟", "U+202E"),
        ("张\u{2066}伟", "U+2066"),
    ] {
        let line = assert_error(&run(env.cmd(&["person", "add", "--name", bad])));
        assert!(line.starts_with("error: name:") && line.contains(code), "{bad:?}: {line}");
        let line = assert_error(&run(env.cmd(&["contact", "add", "--name", bad, "--level", "county", "--phone", "1"])));
        assert!(line.starts_with("error: name:") && line.contains(code), "{bad:?}: {line}");
    }

    // Width: fullwidth letters and halfwidth katakana are the same name as their usual forms.
    assert_eq!(run(env.cmd(&["person", "add", "--name", "ZHANG Wei"])).code, 0);
    let line = assert_error(&run(env.cmd(&["person", "add", "--name", "ＺＨＡＮＧ Wei"])));
    assert!(line.contains("ZHANG Wei") && line.contains("width"), "{line}");
    assert_eq!(run(env.cmd(&["person", "add", "--name", "カタカナ"])).code, 0);
    assert_error(&run(env.cmd(&["person", "add", "--name", "ｶﾀｶﾅ"])));
    // Case is not width: a different name.
    assert_eq!(run(env.cmd(&["person", "add", "--name", "zhang wei"])).code, 0);
    // Renaming onto a look-alike is refused too.
    assert_error(&run(env.cmd(&["person", "edit", "zhang wei", "--name", "ＺＨＡＮＧ Wei"])));

    // A name stored before the check (raw SQL) with a zero-width space still blocks its look-alike.
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute("UPDATE person SET name = '李\u{200b}强' WHERE name = 'zhang wei'", [])
        .unwrap();
    let line = assert_error(&run(env.cmd(&["person", "add", "--name", "李强"])));
    assert!(line.contains("invisible"), "{line}");

    // Contacts: the same rules.
    let add = |name: &str| run(env.cmd(&["contact", "add", "--name", name, "--level", "county", "--phone", "1"]));
    assert_eq!(add("测试联络室").code, 0);
    let line = assert_error(&add("测试联络室\u{200d}"));
    assert!(line.contains("U+200D"), "{line}");
    assert_eq!(add("ABC room").code, 0);
    let line = assert_error(&add("ＡＢＣ room"));
    assert!(line.contains("ABC room"), "{line}");
    assert_eq!(add("Cafe\u{301}").code, 0);
    let contacts: Value = serde_json::from_str(&run(env.cmd(&["contact", "list", "--json"])).stdout).unwrap();
    assert!(contacts.as_array().unwrap().iter().any(|c| c["name"] == "Caf\u{e9}"), "{contacts}");

    let people = people_json(&env);
    assert_eq!(people.len(), 4, "only the good names were saved: {people:?}");
}

/// A clap usage error is one `error:` line plus one `hint:` line, exit 2, nothing on stdout;
/// `--help` and `--version` still print and exit 0.
#[test]
fn a_usage_error_is_one_error_line_and_a_hint() {
    let env = Env::new();
    for (args, command, says) in [
        (vec!["incident", "add", "--bogus"], "dutywatch incident add", "--bogus"),
        (vec!["incident", "frobnicate"], "dutywatch incident", "frobnicate"),
        (vec!["incident"], "dutywatch incident", "needs a subcommand"),
        (vec!["roster", "export", "--format", "pdf"], "dutywatch roster export", "pdf"),
        (vec!["--bogus"], "dutywatch", "--bogus"),
        (vec!["incident", "show"], "dutywatch incident show", "required"),
        (vec!["person", "add", "--name", "\u{1b}]0;x\u{7}", "--oops"], "dutywatch person add", "--oops"),
    ] {
        let out = run(env.cmd(&args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: two lines:\n{}", out.stderr);
        assert!(lines[0].starts_with("error: ") && lines[0].contains(says), "{args:?}: {}", lines[0]);
        assert!(lines[1].starts_with("hint: "), "{args:?}: {}", lines[1]);
        assert!(lines[1].contains(&format!("{command} --help")), "{args:?}: {}", lines[1]);
        assert!(!out.stderr.contains('\u{1b}'), "{args:?}: {}", out.stderr);
    }
    // clap's tip is kept, in the hint.
    let out = run(env.cmd(&["incident", "add", "--titel", "x"]));
    assert!(out.stderr.lines().nth(1).unwrap_or("").contains("--title"), "{}", out.stderr);

    for args in [vec!["--help"], vec!["--version"], vec!["incident", "add", "--help"]] {
        let out = run(env.cmd(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

/// Every print in `src/cli` goes through `cli::out`, which neutralises human output; a stray
/// `println!` would print stored text raw again.
#[test]
fn the_cli_prints_only_through_its_output_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "out.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            if ["println!", "print!(", "eprint!(", "eprintln!", "dbg!"].iter().any(|m| line.contains(m)) {
                stray.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(stray.is_empty(), "print through cli::out instead:\n{}", stray.join("\n"));
}
