//! End to end: a swap made on the roster screen of the real binary, in tmux, is what
//! `dutywatch roster now --json` reports afterwards.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{NOW, Scratch, Tmux, officer_on_duty, quote, skip_without_tmux, wait_for_file, write_script};

/// Opens the demo board, swaps today's duty officer on the roster screen through the keys, quits,
/// and reads the new officer back through `roster now --json`.
#[test]
fn swap_on_the_roster_screen_shows_in_roster_now() {
    if skip_without_tmux() {
        return;
    }
    let Scratch { dir, cfg, db } = Scratch::new();
    let marker = dir.path().join("exited");
    let script = dir.path().join("run.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\n\
             export LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={NOW}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n\
             {bin} --db {db} demo --reset\n\
             code=$?\n\
             echo \"exit=$code\" > {marker}.tmp && mv {marker}.tmp {marker}\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&db),
            marker = quote(&marker),
        ),
    );

    let tmux = Tmux::new("dutywatch-e2e");
    tmux.start(100, 30, &script);
    tmux.wait_for("the board", 15, |s| s.contains("青山镇应急值守") && s.contains("值班日志"));
    let before = officer_on_duty(&db, NOW);

    tmux.text("r");
    let grid = tmux.wait_for("the roster screen", 10, |s| s.contains("值班表 ·") && s.contains("带班领导"));
    // The screen opens on today's duty day with the duty officer selected: the detail line names it.
    assert!(grid.lines().any(|l| l.contains("值班员") && l.contains(&before) && l.contains("·")), "{grid}");

    tmux.text("s");
    let pick = tmux.wait_for("the person picker", 10, |s| s.contains("选择接班人员"));
    let chosen = pick
        .lines()
        .find_map(|l| l.split_once("▸ ").map(|(_, rest)| rest.split_whitespace().next().unwrap_or("").to_string()))
        .expect("a selected candidate");
    assert!(!chosen.is_empty() && chosen != before, "{pick}");
    tmux.press("Enter");
    tmux.wait_for("the swap form", 10, |s| s.contains("换班给"));
    tmux.text("生病");
    tmux.press("Tab");
    tmux.text("周建国");
    // Saved with F2: the approver's PIN and the unverified reason follow (issue 14).
    tmux.press("F2");
    let after = tmux.wait_for("the swapped shift", 10, |s| s.contains(&format!("{chosen}⇄")));
    assert!(after.contains("已换班"), "status line:\n{after}");

    tmux.press("Escape");
    tmux.wait_for("the board again", 10, |s| s.contains("值班日志") && s.contains(&format!("值班员 {chosen}")));
    tmux.text("q");
    assert!(wait_for_file(&marker, 10), "dutywatch did not exit after q; pane:\n{}", tmux.capture());
    assert_eq!(std::fs::read_to_string(&marker).unwrap().trim(), "exit=0");

    let out = Command::new(env!("CARGO_BIN_EXE_dutywatch"))
        .args(["--db", db.to_str().unwrap(), "roster", "now", "--json"])
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env("DUTYWATCH_NOW", NOW)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let now: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(now["officer"][0]["name"], chosen.as_str(), "{now}");
    assert_eq!(now["officer"][0]["swapped"], true);
}
