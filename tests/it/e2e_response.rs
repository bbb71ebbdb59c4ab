//! End to end (issue 18): a response activated to Ⅲ while the board is open in a tmux pane, in Chinese.
//! The header shows 「Ⅲ级响应」 in yellow, Due next lists the readiness timers; the village squad is
//! confirmed late; the response is ended with its end conditions: the tag goes, 总结评估 is owed, and
//! the record says so through `incident show --json`.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{PANE, board_script, demo_db, skip_without_tmux, start_board};
use serde_json::Value;

fn cli(bin: &str, db: &Path, cfg: &Path, args: &[&str]) -> Value {
    let out = Command::new(bin)
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .env("DUTYWATCH_CONFIG_DIR", cfg)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("DUTYWATCH_NOW")
        .env_remove("DUTYWATCH_DB")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The "Due next" pane's lines (the duty log below may name the same items).
fn due_pane(screen: &str) -> String {
    screen
        .lines()
        .skip_while(|l| !l.contains("待办时限"))
        .take_while(|l| !l.contains("在办事件"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn header(screen: &str) -> String {
    screen.lines().next().unwrap_or_default().to_string()
}

#[test]
fn a_response_to_iii_with_its_timers_one_late_then_ended_with_conditions() {
    if skip_without_tmux() {
        return;
    }
    let demo = demo_db();
    let (db, cfg) = (demo.db.clone(), demo.cfg.clone());
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let inc = cli(
        bin,
        &db,
        &cfg,
        &[
            "incident",
            "add",
            "--title",
            "河口村山洪",
            "--category",
            "natural",
            "--grade",
            "III",
            "--learned",
            "-2h",
            "--json",
        ],
    );
    let id = inc["id"].as_i64().unwrap().to_string();
    let reference = inc["ref"].as_str().unwrap().to_string();
    let short_ref = reference.rsplit('-').next().unwrap().to_string();
    // The board opens on the incident added before it.
    let tmux = start_board("dutywatch-e2e-response", 160, 48, &board_script(&demo, ""));
    assert!(!header(&tmux.capture()).contains("响应"), "no response yet");

    // Activated to Ⅲ 90 minutes ago: the hotline (30 min) and the village squad (1 h) are overdue, the
    // township squad (2 h) is still running.
    let v = cli(
        bin,
        &db,
        &cfg,
        &[
            "incident",
            "respond",
            &id,
            "--level",
            "III",
            "--reason",
            "河道水位超警戒",
            "--by",
            "周建国",
            "--at",
            "-90m",
            "--json",
        ],
    );
    assert_eq!(v["response_level"], "III");
    let tag = format!("Ⅲ级响应 #{short_ref}");
    let board = tmux.wait_for("the response in the header and its timers", 30, |s| {
        header(s).contains(&tag) && due_pane(s).contains("村级队伍集结") && due_pane(s).contains("乡镇队伍集结")
    });
    assert!(board.contains("24小时热线值守"), "{board}");
    // The tag is painted yellow (the numeral says it too).
    let painted = tmux.run(&["capture-pane", "-e", "-p", "-t", PANE]);
    let first = String::from_utf8_lossy(&painted.stdout).lines().next().unwrap_or_default().to_string();
    let before = &first[..first.find("Ⅲ级响应").expect("the tag")];
    let paint = &before[before.rfind("\u{1b}[48").expect("a background")..];
    assert!(paint.starts_with("\u{1b}[48;5;3m") || paint.starts_with("\u{1b}[43m"), "yellow background: {first:?}");

    // The village squad reports ready now, half an hour after its hour: done late (迟报).
    let v = cli(bin, &db, &cfg, &["incident", "ready", &id, "--item", "village-squad", "--json"]);
    let village = v["obligations"].as_array().unwrap().iter().find(|o| o["kind"] == "ready-village-squad").unwrap();
    assert_eq!((village["state"].as_str(), village["late"].as_bool()), (Some("done-late"), Some(true)));
    tmux.wait_for("the confirmed timer leaves Due next", 30, |s| !due_pane(s).contains("村级队伍集结"));

    // Ended with its conditions: the tag goes, the running timers are superseded, 总结评估 is owed.
    let v = cli(
        bin,
        &db,
        &cfg,
        &[
            "incident",
            "respond",
            &id,
            "--end",
            "--conditions",
            "水位回落至警戒线以下,险情解除",
            "--by",
            "周建国",
            "--json",
        ],
    );
    assert!(v["response_level"].is_null());
    let board = tmux
        .wait_for("the tag gone and 总结评估 owed", 30, |s| !header(s).contains("响应") && s.contains("总结评估"));
    assert!(!due_pane(&board).contains("乡镇队伍集结"), "{board}");
    let states: Vec<(String, String, bool)> = v["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"].as_str().is_some_and(|k| k.starts_with("ready-") || k == "summary-eval"))
        .map(|o| {
            (o["kind"].as_str().unwrap().into(), o["state"].as_str().unwrap().into(), o["late"].as_bool().unwrap())
        })
        .collect();
    let want = |k: &str, s: &str, late: bool| states.contains(&(k.to_string(), s.to_string(), late));
    assert!(want("ready-hotline", "superseded", true), "{states:?}");
    assert!(want("ready-village-squad", "done-late", true), "{states:?}");
    assert!(want("ready-township-squad", "superseded", false), "{states:?}");
    assert!(want("summary-eval", "pending", false), "{states:?}");
    let h = v["response_history"].as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[1]["reason"], "水位回落至警戒线以下,险情解除");
    tmux.press("q");
}
