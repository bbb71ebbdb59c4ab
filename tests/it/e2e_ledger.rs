//! End to end (issue 11): a night shift's incident through the real board in a tmux pane, in Chinese,
//! checked against the record afterwards through `incident show --json`:
//! the call entered three minutes after it came in (获知时间 = the call); an upgrade to Ⅱ and a
//! downgrade back to Ⅲ by the leader; the 首报 and two early 续报 (the first fills the slot now running,
//! the second fills nothing); handling ended; the close refused while duties are open; each duty waived
//! by the leader with a reason; then the close.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{Scratch, demo_board, skip_without_tmux};
use serde_json::Value;

const TITLE: &str = "青龙村夜间山体滑坡";
const COLS: u16 = 160;
const ROWS: u16 = 60;

fn cli(bin: &str, db: &Path, cfg: &Path, args: &[&str]) -> Value {
    let out = Command::new(bin)
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .env("DUTYWATCH_CONFIG_DIR", cfg)
        .env_remove("DUTYWATCH_NOW")
        .env_remove("DUTYWATCH_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Our incident as `incident show --json` has it (found by its title).
fn show(bin: &str, db: &Path, cfg: &Path) -> Value {
    let list = cli(bin, db, cfg, &["incident", "list", "--json"]);
    let id = list.as_array().unwrap().iter().find(|i| i["title"] == TITLE).expect("our incident")["id"]
        .as_i64()
        .unwrap()
        .to_string();
    cli(bin, db, cfg, &["incident", "show", &id, "--json"])
}

#[test]
fn a_night_shift_incident_ends_on_the_record() {
    if skip_without_tmux() {
        return;
    }
    let (Scratch { dir: _dir, cfg, db }, tmux) = demo_board("dutywatch-e2e-ledger", COLS, ROWS);
    let bin = env!("CARGO_BIN_EXE_dutywatch");

    // The call came in three minutes ago: 获知时间 is prefilled with when the form opened, and changed.
    tmux.key("n");
    tmux.wait_for("the intake form", 10, |s| s.contains("接报登记"));
    let form = tmux
        .wait_for("获知时间 prefilled", 10, |s| s.lines().any(|l| l.contains("获知时间") && l.contains("→ 20")));
    assert!(!form.lines().any(|l| l.contains("获知时间") && l.contains("→ 现在")), "prefilled:\n{form}");
    tmux.text(TITLE);
    tmux.key("Tab");
    tmux.choose("类别", "自然灾害");
    tmux.choose("等级", "Ⅲ");
    tmux.retype("-3m");
    tmux.key("C-s");
    tmux.wait_for("the new incident's page", 15, |s| s.contains("事件详情") && s.contains(TITLE));
    let v = show(bin, &db, &cfg);
    let learned = chrono::DateTime::parse_from_rfc3339(v["learned_at"].as_str().unwrap()).unwrap();
    let created = chrono::Utc::now();
    let minutes = (created - learned.with_timezone(&chrono::Utc)).num_seconds();
    assert!((150..=260).contains(&minutes), "learned three minutes before the save: {minutes} s");

    // The leader upgrades to Ⅱ, then back to Ⅲ.
    for (grade, mark) in [("Ⅱ", "· Ⅱ ·"), ("Ⅲ", "· Ⅲ ·")] {
        tmux.key("g");
        tmux.wait_for("the grade form", 10, |s| s.contains("调整等级"));
        tmux.choose("新等级", grade);
        tmux.retype("周建国");
        tmux.key("C-s");
        tmux.wait_for("the new grade", 15, |s| !s.contains("调整等级") && s.contains(mark));
    }

    // The 首报 by phone, then two early 续报.
    let report = |kind: &str| {
        tmux.key("b");
        tmux.wait_for("the report form", 10, |s| s.contains("记录报送"));
        tmux.choose("报送类型", kind);
        tmux.choose("报送对象", "县政府总值班室");
        tmux.choose("方式", "电话");
        tmux.key("C-s");
        tmux.wait_for("the report saved", 15, |s| !s.contains("记录报送"));
    };
    report("电话首报");
    report("续报");
    report("续报");

    // Handling ended, now.
    tmux.key("x");
    tmux.wait_for("the end form", 10, |s| s.contains("处置结束时间"));
    tmux.key("C-s");
    tmux.wait_for("handling ended", 15, |s| !s.contains("处置结束时间") && s.contains("· 处置结束"));

    // The close is refused while duties are open.
    tmux.key("c");
    tmux.wait_for("the close prompt", 10, |s| s.contains("确认办结"));
    tmux.key("y");
    let refused = tmux.wait_for("the close refused", 15, |s| s.contains("尚有待办时限"));
    assert!(refused.contains("未保存"), "{refused}");
    tmux.key("Escape");

    // The leader waives each open duty with a reason.
    let waived = |s: &str| s.lines().filter(|l| l.contains("免报 电话已报县值班室")).count();
    for _ in 0..12 {
        let before = waived(&tmux.capture());
        tmux.key("v");
        let s = tmux.wait_for("the waive form or nothing to waive", 10, |s| {
            s.contains("免报事项") || s.contains("没有待办时限")
        });
        if s.contains("没有待办时限") {
            tmux.key("Escape");
            break;
        }
        tmux.key("Tab");
        tmux.text("电话已报县值班室,领导同意免报");
        tmux.key("Tab");
        tmux.retype("周建国");
        tmux.key("C-s");
        // Saved, and the page reloaded with it (the next form offers only what is still open).
        tmux.wait_for("the waiver on the page", 15, |s| !s.contains("免报事项") && waived(s) > before);
    }

    tmux.key("c");
    tmux.wait_for("the close prompt", 10, |s| s.contains("确认办结"));
    tmux.key("y");
    tmux.wait_for("closed", 15, |s| s.contains("· 已办结"));

    // The record: nothing vanished, nothing open, every ending says why and who.
    let v = show(bin, &db, &cfg);
    assert_eq!(v["status"], "closed");
    let obligations = v["obligations"].as_array().unwrap();
    for o in obligations {
        let state = o["state"].as_str().unwrap();
        assert!(!matches!(state, "pending" | "due-soon" | "overdue"), "nothing open: {o}");
        if matches!(state, "waived" | "superseded" | "missed") {
            assert!(o["reason"].as_str().is_some_and(|r| !r.is_empty()) && o["by"].as_str().is_some(), "{o}");
        }
    }
    let followups: Vec<&Value> = obligations.iter().filter(|o| o["kind"] == "followup").collect();
    assert_eq!(followups.iter().filter(|o| o["state"] == "done").count(), 1, "the second 续报 filled nothing");
    assert!(obligations.iter().any(|o| o["state"] == "waived" && o["by"] == "周建国"));
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.iter().filter(|r| r["kind"] == "followup").count(), 2, "both 续报 are on the record");
    // The upgrade's relayed levels were superseded by the downgrade, with the leader's name.
    let province = v["tracking"].as_array().unwrap().iter().find(|t| t["level"] == "province").cloned();
    assert_eq!(province.map(|p| p["state"].clone()), Some(Value::from("superseded")));
}
