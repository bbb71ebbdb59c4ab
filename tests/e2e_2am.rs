//! Issue 17 end to end: the real binary in tmux, in Chinese, on a `demo --reset --no-board`
//! database built against the real clock. `b` on a 续报 row opens the report form on 续报; `e` on
//! an own-leader row starts on the own leader; review mode refuses `n` before the form opens.
//! Every assertion holds whatever the time of day (the demo's times are moved to now).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Scratch, Tmux, quote, skip_without_tmux, write_script};
use tempfile::TempDir;

const COLS: u16 = 160;
const ROWS: u16 = 48;

struct Board {
    _dir: TempDir,
    script: PathBuf,
}

/// A demo database and the script that opens the board on it (`extra` are more arguments, e.g.
/// `--at -1m` for review mode).
fn board(extra: &str) -> Board {
    let Scratch { dir, cfg, db } = Scratch::new();
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let out = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "demo", "--reset", "--no-board"])
        .env("LANG", "zh_CN.UTF-8")
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env_remove("DUTYWATCH_NOW")
        .env_remove("DUTYWATCH_DB")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    let script = dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\n\
             export LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB DUTYWATCH_NOW\n\
             {bin} --db {db} --lang zh {extra}\n\
             echo \"exit=$?\"\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(Path::new(bin)),
            db = quote(&db),
        ),
    );
    Board { _dir: dir, script }
}

fn on_board(s: &str) -> bool {
    s.contains("待办时限") && s.contains("在办事件")
}

/// The rows of the "Due next" pane, in order (between its title and its bottom border).
fn due_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("待办时限"))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.split("┐┌").next().unwrap_or(l).split("││").next().unwrap_or(l).to_string())
        .filter(|l| l.trim_matches(|c| c == '│' || c == ' ').chars().count() > 0)
        .collect()
}

/// Moves the selection of "Due next" to the first row holding `needle`, returns that row.
fn select_due(tmux: &Tmux, needle: &str) -> String {
    let screen = tmux.wait_for("the board", 20, on_board);
    let rows = due_rows(&screen);
    let n = rows.iter().position(|r| r.contains(needle)).unwrap_or_else(|| panic!("no `{needle}` row:\n{screen}"));
    for _ in 0..n {
        tmux.press("Down");
        std::thread::sleep(Duration::from_millis(120));
    }
    rows[n].clone()
}

/// The chosen option (between brackets) on the form row of `label`.
fn chosen(screen: &str, label: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.contains(&format!("{label} ")) && !l.contains('┌'))
        .and_then(|l| l.split('[').nth(1))
        .and_then(|r| r.split(']').next())
        .map(str::to_string)
}

#[test]
fn b_on_a_followup_row_opens_the_followup_form() {
    if skip_without_tmux() {
        return;
    }
    let b = board("");
    let tmux = Tmux::new("dutywatch-e2e-2am-b");
    tmux.start(COLS, ROWS, &b.script);
    let row = select_due(&tmux, "续报");
    tmux.press("b");
    let form = tmux.wait_for("the report form", 10, |s| s.contains("记录报送"));
    assert_eq!(chosen(&form, "报送类型").as_deref(), Some("续报"), "on the row {row}:\n{form}");
}

#[test]
fn e_on_an_own_leader_row_starts_on_the_own_leader() {
    if skip_without_tmux() {
        return;
    }
    let b = board("");
    let tmux = Tmux::new("dutywatch-e2e-2am-e");
    tmux.start(COLS, ROWS, &b.script);
    let row = select_due(&tmux, "报本级领导");
    tmux.press("e");
    let form = tmux.wait_for("the escalation form", 10, |s| s.contains("逐级/越级上报"));
    let recipient = chosen(&form, "上报对象").unwrap_or_default();
    assert!(recipient.contains("本级领导"), "on the row {row}: {recipient}\n{form}");
}

#[test]
fn review_mode_refuses_n_before_the_form_opens() {
    if skip_without_tmux() {
        return;
    }
    let b = board("--at -1m");
    let tmux = Tmux::new("dutywatch-e2e-2am-review");
    tmux.start(COLS, ROWS, &b.script);
    tmux.wait_for("the review board", 20, |s| on_board(s) && s.contains("回看"));
    tmux.press("n");
    let screen = tmux.wait_for("the refusal", 10, |s| s.contains("回看模式只读"));
    assert!(!screen.contains("接报登记"), "no intake form in review mode:\n{screen}");
}
