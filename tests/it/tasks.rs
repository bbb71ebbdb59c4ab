//! 督办 tasks (issue 18, PR-11) through the real binary: the ledger's states in `task list --json`,
//! 迟报 once overdue and never cleared, a leader's 批示 made a task in one step, open tasks on the
//! handover sheet and in `stats`, and bad input refused with nothing changed.

use crate::common;

use common::NOW;
use common::cli::{Env, assert_error, json_of, run};
use serde_json::Value;

const LATER: &str = "2026-11-22T16:03:27+08:00";

fn setup() -> Env {
    let env = Env::new();
    env.ok(&["demo", "--reset", "--no-board"]);
    env
}

fn list(env: &Env, now: &str, open: bool) -> Vec<Value> {
    let mut args = vec!["task", "list", "--json"];
    if open {
        args.push("--open");
    }
    json_of(&run(env.cmd_at(now, &args)), &args).as_array().expect("array").clone()
}

#[test]
fn a_task_goes_through_the_ledgers_states_and_its_late_flag_stays() {
    let env = setup();
    let t = env.json(&[
        "task",
        "add",
        "--title",
        "核查河口村转移人数",
        "--owner",
        "张伟",
        "--due",
        "+1h",
        "--from",
        "周建国",
        "--json",
    ]);
    assert_eq!(
        (t["state"].as_str(), t["late"].as_bool(), t["from"].as_str()),
        (Some("pending"), Some(false), Some("周建国"))
    );
    env.ok(&["task", "add", "--title", "统计受损房屋", "--owner", "李强", "--due", "+3h"]);
    // Two hours later the first is overdue (迟报), the second still pending.
    let l = list(&env, LATER, true);
    let states: Vec<(&str, bool)> =
        l.iter().map(|t| (t["state"].as_str().unwrap(), t["late"].as_bool().unwrap())).collect();
    assert_eq!(states, vec![("overdue", true), ("pending", false)]);
    // Done then: done late, and the flag stays.
    let args = ["task", "done", "1", "--result", "已核实 35 人", "--json"];
    let d = json_of(&run(env.cmd_at(LATER, &args)), &args);
    assert_eq!((d["state"].as_str(), d["late"].as_bool()), (Some("done-late"), Some(true)));
    let args = ["task", "done", "2", "--result", "12 户", "--at", "-10m", "--json"];
    let d = json_of(&run(env.cmd_at(LATER, &args)), &args);
    assert_eq!((d["state"].as_str(), d["late"].as_bool()), (Some("done"), Some(false)));
    assert!(list(&env, LATER, true).is_empty());
    assert_eq!(list(&env, LATER, false).len(), 2);
    // Done twice: refused.
    assert_error(&run(env.cmd_at(LATER, &["task", "done", "1", "--result", "x"])));
    // The stats count them by the ledger's states.
    let args = ["stats", "--from", "2026-11-22", "--to", "2026-11-22", "--json"];
    let s = json_of(&run(env.cmd_at(LATER, &args)), &args);
    assert_eq!((s["tasks"]["done"].as_u64(), s["tasks"]["done_late"].as_u64()), (Some(1), Some(1)), "{}", s["tasks"]);
}

#[test]
fn a_leaders_instruction_becomes_a_task_in_one_step_and_open_tasks_are_handed_over() {
    let env = setup();
    env.ok(&["log", "add", "--kind", "instruction", "--from", "周建国", "--text", "请各村22:00前上报转移人数"]);
    let logs: Value = serde_json::from_str(&env.ok(&["log", "list", "--json"])).expect("json");
    let id = logs
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "instruction" && e["body"].as_str().unwrap().contains("22:00"))
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let t = env.json(&["task", "add", "--from-log", &id, "--owner", "王芳", "--due", "+2h", "--json"]);
    assert_eq!(t["title"], "请各村22:00前上报转移人数");
    assert_eq!(t["from"], "周建国");
    assert_eq!(t["log_entry_id"].as_i64().map(|v| v.to_string()), Some(id));
    let sheet = env.ok(&["handover", "draft"]);
    assert!(sheet.contains("请各村22:00前上报转移人数") && sheet.contains("王芳"), "{sheet}");
}

#[test]
fn bad_task_input_is_refused_and_changes_nothing() {
    let env = setup();
    for (args, needle) in [
        (vec!["--title", "x", "--owner", "王五五", "--due", "+1h"], "王五五"),
        (vec!["--title", "x", "--owner", "张伟", "--due", "-1h"], "before now"),
        (vec!["--title", "x", "--owner", "张伟", "--due", "+1h", "--from", "张伟"], "leader"),
        (vec!["--title", " ", "--owner", "张伟", "--due", "+1h"], "title"),
        (vec!["--title", "x", "--owner", "张伟", "--due", "soon"], "--due"),
        (vec!["--title", "x", "--owner", "张伟", "--due", "+1h", "--incident", "9999"], "9999"),
    ] {
        let mut full = vec!["task", "add"];
        full.extend(args.iter());
        let e = assert_error(&env.run(&full));
        assert!(e.contains(needle), "{full:?}: {e}");
    }
    assert!(list(&env, NOW, false).is_empty(), "nothing recorded");
    let e = assert_error(&env.run(&["task", "done", "7", "--result", "x"]));
    assert!(e.contains('7'), "{e}");
}
