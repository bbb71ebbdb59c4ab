//! The log file (issue 13): warnings the officer is not shown land in `logs/` beside the database,
//! one file a day, 14 kept, at the level `--log-level` or `DUTYWATCH_LOG` sets.

use crate::common;

use common::cli::{Env, assert_error, run};

fn log_files(env: &Env) -> Vec<std::path::PathBuf> {
    let dir = env.dir.path().join("logs");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files
}

fn log_text(env: &Env) -> String {
    log_files(env).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

#[test]
fn a_new_file_s_migration_is_logged_beside_the_database() {
    let env = Env::new();
    env.ok(&["init"]);
    let files = log_files(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("dutywatch.") && name.ends_with(".log"), "{name}");
    let text = log_text(&env);
    assert!(text.contains("migrated"), "{text}");
    assert!(text.contains("INFO"), "{text}");
}

#[test]
fn the_level_comes_from_the_flag_then_the_environment() {
    let env = Env::new();
    env.ok(&["--log-level", "error", "init"]);
    assert!(!log_text(&env).contains("migrated"), "error level keeps info out");

    let env = Env::new();
    let mut c = env.cmd(&["init"]);
    c.env("DUTYWATCH_LOG", "warn");
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!log_text(&env).contains("migrated"), "DUTYWATCH_LOG=warn keeps info out");

    let env = Env::new();
    let mut c = env.cmd(&["--log-level", "debug", "init"]);
    c.env("DUTYWATCH_LOG", "error");
    let out = run(c);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(log_text(&env).contains("migrated"), "the flag wins over the environment");
}

#[test]
fn a_bad_level_is_an_input_error_and_writes_nothing() {
    let env = Env::new();
    let line = assert_error(&run(env.cmd(&["--log-level", "loud=[", "init"])));
    assert!(line.contains("--log-level"), "{line}");
    assert!(!env.db().exists(), "nothing was created");
    assert!(log_files(&env).is_empty());
}

#[test]
fn only_the_last_fourteen_days_are_kept() {
    let env = Env::new();
    let dir = env.dir.path().join("logs");
    std::fs::create_dir_all(&dir).unwrap();
    for day in 1..=20 {
        std::fs::write(dir.join(format!("dutywatch.2025-01-{day:02}.log")), "old\n").unwrap();
    }
    env.ok(&["init"]);
    let files = log_files(&env);
    assert_eq!(files.len(), 14, "{files:?}");
    assert!(!files.iter().any(|f| f.ends_with("dutywatch.2025-01-01.log")), "the oldest went first");
}

#[test]
fn a_command_that_logs_nothing_leaves_nothing_beside_the_database() {
    let env = Env::new();
    env.ok(&["init"]);
    std::fs::remove_dir_all(env.dir.path().join("logs")).unwrap();
    env.ok(&["person", "list"]);
    assert!(log_files(&env).is_empty(), "a read logs nothing and makes no directory");
}

#[test]
fn a_place_where_no_log_can_be_written_does_not_stop_the_command() {
    let env = Env::new();
    // A file where the log directory would be: the command works without a log.
    std::fs::write(env.dir.path().join("logs"), "not a directory").unwrap();
    env.ok(&["init"]);
    assert!(env.db().exists());
}
