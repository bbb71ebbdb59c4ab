//! End to end (issue 15) through the real board in a tmux pane, in Chinese: intake with 2 trapped, the
//! 首报, `u` to 0 trapped and 2 rescued, a 续报, `w`. The written draft says 2 rescued, and the first
//! report's snapshot (`incident show --json` → reports[0].facts) still says 2 trapped.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{Scratch, demo_board, skip_without_tmux, wait_for_file};
use serde_json::Value;

const TITLE: &str = "石门村夜间山体滑坡";

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

#[test]
fn facts_updated_on_the_board_reach_the_draft_and_the_first_report_keeps_its_own() {
    if skip_without_tmux() {
        return;
    }
    let (Scratch { dir, cfg, db }, tmux) = demo_board("dutywatch-e2e-facts", 160, 60);
    let bin = env!("CARGO_BIN_EXE_dutywatch");

    // Intake: 2 trapped.
    tmux.key("n");
    tmux.wait_for("the intake form", 10, |s| s.contains("接报登记"));
    tmux.text(TITLE);
    tmux.key("Tab");
    tmux.choose("类别", "自然灾害");
    tmux.choose("等级", "Ⅳ");
    // From 获知时间 to 被困: 发生时间, 地点, 来源, 来电单位, 来电人, 职务, 联系电话, 已告知, 死亡, 受伤, 失踪.
    for _ in 0..12 {
        tmux.key("Tab");
    }
    tmux.text("2");
    tmux.key("C-s");
    tmux.wait_for("the new incident's page", 15, |s| s.contains("事件详情") && s.contains("被困 2"));

    // The 首报 by phone.
    tmux.key("b");
    tmux.wait_for("the report form", 10, |s| s.contains("记录报送"));
    tmux.choose("报送类型", "电话首报");
    tmux.choose("报送对象", "县政府总值班室");
    tmux.choose("方式", "电话");
    tmux.key("C-s");
    tmux.wait_for("the 首报 saved", 15, |s| !s.contains("记录报送") && s.contains("所报 死亡 0"));

    // `u`: the two trapped are rescued.
    tmux.key("u");
    tmux.wait_for("the facts form", 10, |s| s.contains("更新事实") && s.contains("获救"));
    for _ in 0..3 {
        tmux.key("Tab");
    }
    tmux.key("C-u");
    tmux.text("0");
    tmux.key("Tab");
    tmux.key("C-u");
    tmux.text("2");
    tmux.key("C-s");
    tmux.wait_for("the change on the page", 15, |s| s.contains("被困 2 → 0, 获救 0 → 2"));

    // A 续报, then `w`.
    tmux.key("b");
    tmux.wait_for("the report form", 10, |s| s.contains("记录报送"));
    tmux.choose("报送类型", "续报");
    tmux.choose("报送对象", "县政府总值班室");
    tmux.choose("方式", "电话");
    tmux.key("C-s");
    tmux.wait_for("the 续报 saved", 15, |s| !s.contains("记录报送") && s.contains("续报一"));
    tmux.key("w");

    let list = cli(bin, &db, &cfg, &["incident", "list", "--json"]);
    let found = list.as_array().unwrap().iter().find(|i| i["title"] == TITLE).cloned().expect("our incident");
    let (id, reference) = (found["id"].as_i64().unwrap().to_string(), found["ref"].as_str().unwrap().to_string());
    let draft = dir.path().join(format!("{reference}-信息专报.md"));
    assert!(wait_for_file(&draft, 15), "no draft at {}:\n{}", draft.display(), tmux.capture());
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("已救出被困人员2人") && !text.contains("2人被困"), "{text}");

    let v = cli(bin, &db, &cfg, &["incident", "show", &id, "--json"]);
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports[0]["kind"], "first-phone");
    assert_eq!((reports[0]["facts"]["trapped"].as_u64(), reports[0]["facts"]["rescued"].as_u64()), (Some(2), Some(0)));
    assert_eq!((reports[1]["facts"]["trapped"].as_u64(), reports[1]["facts"]["rescued"].as_u64()), (Some(0), Some(2)));
    assert_eq!((v["trapped"].as_u64(), v["rescued"].as_u64()), (Some(0), Some(2)));
    let u = &v["fact_updates"][0];
    assert!(u["by"].as_str().is_some_and(|b| !b.is_empty()), "{u}");
}

/// The history screen's date range through the real board (issue 15): `H`, then `d` asks from and to
/// in the forms of `incident list --from/--to`; the range shows in the title, a range with no
/// incident says so, and `c` clears it.
#[test]
fn the_history_screen_filters_by_learned_days_on_the_board() {
    if skip_without_tmux() {
        return;
    }
    let (_scratch, tmux) = demo_board("dutywatch-e2e-history", 120, 40);
    tmux.text("H");
    tmux.wait_for("the history screen", 10, |s| s.contains("历史事件 (1) · 全部事件") && s.contains("日期"));
    // The last seven days, open-ended: the demo's incidents are recent.
    tmux.text("d");
    tmux.wait_for("the from prompt", 10, |s| s.contains("起("));
    tmux.text("-7d");
    tmux.key("Enter");
    tmux.wait_for("the to prompt", 10, |s| s.contains("止("));
    tmux.key("Enter");
    let screen = tmux.wait_for("the range in the title", 10, |s| s.contains("获知 -7d~ "));
    assert!(screen.contains("#20"), "the demo's incidents are listed:\n{screen}");
    // A month long before: no incident.
    tmux.text("d");
    tmux.wait_for("the from prompt", 10, |s| s.contains("起(") && s.contains("-7d▏"));
    tmux.key("C-u");
    tmux.text("2000-01");
    tmux.key("Enter");
    tmux.wait_for("the to prompt", 10, |s| s.contains("止("));
    tmux.text("2000-01");
    tmux.key("Enter");
    tmux.wait_for("an empty range", 10, |s| s.contains("获知 2000-01~2000-01") && s.contains("没有符合条件的事件"));
    tmux.text("c");
    tmux.wait_for("the filters cleared", 10, |s| s.contains("历史事件 (1) · 全部事件") && s.contains("#20"));
}
