//! Issue 17 end to end: the real binary in tmux, in Chinese, on a `demo --reset --no-board`
//! database built against the real clock. `b` on a 续报 row opens the report form on 续报; `e` on
//! an own-leader row starts on the own leader; review mode refuses `n` before the form opens.
//! Every assertion holds whatever the time of day (the demo's times are moved to now).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Scratch, Tmux, demo_script, quote, skip_without_tmux, write_script};
use tempfile::TempDir;

const COLS: u16 = 160;
const ROWS: u16 = 48;

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
    let (_demo, script) = demo_script("--lang zh");
    let tmux = Tmux::new("dutywatch-e2e-2am-b");
    tmux.start(COLS, ROWS, &script);
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
    let (_demo, script) = demo_script("--lang zh");
    let tmux = Tmux::new("dutywatch-e2e-2am-e");
    tmux.start(COLS, ROWS, &script);
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
    let (_demo, script) = demo_script("--lang zh --at -1m");
    let tmux = Tmux::new("dutywatch-e2e-2am-review");
    tmux.start(COLS, ROWS, &script);
    tmux.wait_for("the review board", 20, |s| on_board(s) && s.contains("回看"));
    tmux.press("n");
    let screen = tmux.wait_for("the refusal", 10, |s| s.contains("回看模式只读"));
    assert!(!screen.contains("接报登记"), "no intake form in review mode:\n{screen}");
}

/// Runs the CLI on `db` with the clock pinned at `now`; panics with its stderr when it fails.
fn cli(db: &Path, cfg: &Path, now: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_dutywatch"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("DUTYWATCH_CONFIG_DIR", cfg)
        .env("DUTYWATCH_NOW", now)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("DUTYWATCH_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn local(hhmm: &str) -> String {
    format!("2026-11-22T{hhmm}:00+08:00")
}

/// Three duties fall overdue together: three alerts, listed; two acknowledged one by one (recorded
/// with who and when); the third rings again after `alert_repeat_minutes` (5), not before. The
/// clock is pinned through a file (`DUTYWATCH_NOW=@FILE`) that the test moves; the bells are
/// counted in the pane's recorded output.
/// A file with three Ⅳ incidents learned at 13:00 (each owes only the own leader, due 13:30), the
/// board's script with its clock pinned through a file (`DUTYWATCH_NOW=@FILE`, set to 13:10), and
/// where its output is recorded.
struct AlertBoard {
    dir: TempDir,
    db: PathBuf,
    clock: PathBuf,
    raw: PathBuf,
    script: PathBuf,
}

fn alert_board() -> AlertBoard {
    let Scratch { dir, cfg, db } = Scratch::new();
    let t = local("13:05");
    cli(&db, &cfg, &t, &["person", "add", "--name", "张三", "--roles", "officer"]);
    cli(&db, &cfg, &t, &["person", "add", "--name", "李四", "--roles", "leader"]);
    for title in ["G321线货车侧翻", "石门村山体滑坡", "东河村民房失火"] {
        let out = cli(
            &db,
            &cfg,
            &t,
            &[
                "--as",
                "张三",
                "incident",
                "add",
                "--title",
                title,
                "--category",
                "accident",
                "--grade",
                "IV",
                "--learned",
                "2026-11-22 13:00",
                "--json",
            ],
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let id = v["id"].as_i64().unwrap().to_string();
        cli(
            &db,
            &cfg,
            &t,
            &["--as", "张三", "escalate", &id, "--to", "county", "--recipient", "县政府总值班室", "--at", "13:01"],
        );
        cli(&db, &cfg, &t, &["--as", "张三", "ack", &id, "--level", "county", "--by", "县值班员", "--at", "13:02"]);
    }
    let clock = dir.path().join("now.txt");
    std::fs::write(&clock, local("13:10")).unwrap();
    let raw = dir.path().join("pane.raw");
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let script = dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\n\
             export LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW=@{clock}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n\
             {bin} --db {db} --lang zh --as 张三\n\
             echo \"exit=$?\"\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            clock = quote(&clock),
            bin = quote(Path::new(bin)),
            db = quote(&db),
        ),
    );
    AlertBoard { dir, db, clock, raw, script }
}

fn bell_count(raw: &Path) -> usize {
    std::fs::read(raw).map(|b| b.iter().filter(|c| **c == 0x07).count()).unwrap_or(0)
}

#[test]
fn three_alerts_two_acknowledged_one_by_one_the_third_rings_again() {
    if skip_without_tmux() {
        return;
    }
    let AlertBoard { dir: _dir, db, clock, raw, script } = alert_board();
    let tmux = Tmux::new("dutywatch-e2e-2am-alerts");
    tmux.start(120, 40, &script);
    tmux.wait_for("the board", 20, on_board);
    tmux.ok(&["pipe-pane", "-t", common::PANE, "-o", &format!("cat >> {}", quote(&raw))]);
    let bells = || bell_count(&raw);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(bells(), 0);

    // 13:31: the three own-leader duties are overdue at once.
    std::fs::write(&clock, local("13:31")).unwrap();
    let screen = tmux.wait_for("three alerts", 15, |s| s.contains("⚠告警3") && s.contains("(+2 · ! 全部)"));
    assert!(screen.contains("已超时"), "{screen}");
    tmux.wait_for("the bell", 5, |_| bells() >= 1);

    // `!` lists them; Space acknowledges the first, Down Space the second.
    tmux.press("!");
    let list = tmux.wait_for("the alert list", 10, |s| s.contains("告警 3 · 未知悉 3"));
    assert_eq!(list.matches("已超时").count(), 3 + 1, "three in the list, one in the banner:\n{list}");
    tmux.press("Space");
    tmux.wait_for("one acknowledged", 10, |s| s.contains("未知悉 2") && s.contains("✓ 张三 13:31"));
    tmux.press("Down");
    std::thread::sleep(Duration::from_millis(150));
    tmux.press("Space");
    tmux.wait_for("two acknowledged", 10, |s| s.contains("未知悉 1") && s.matches("✓ 张三 13:31").count() == 2);
    tmux.press("Escape");
    tmux.wait_for("one left in the header", 10, |s| s.contains("⚠告警1") && !s.contains("(+"));

    // Recorded in the file, who and when: every terminal on it shows them.
    let store = dutywatch::store::Store::open(&db).unwrap();
    let acks = store.alert_acks().unwrap();
    assert_eq!(acks.len(), 2, "{acks:?}");
    assert!(
        acks.values()
            .all(|a| a.by == "张三" && a.at == dutywatch::domain::clock::parse_pinned(&local("13:31")).unwrap())
    );
    drop(store);

    // Not again before five minutes; at 13:36 the third rings again.
    let before = bells();
    std::fs::write(&clock, local("13:35")).unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(bells(), before, "quiet before the interval");
    std::fs::write(&clock, local("13:36")).unwrap();
    tmux.wait_for("the third to ring again", 10, |_| bells() > before);
    let screen = tmux.capture();
    assert!(screen.contains("⚠告警1") && screen.contains("已超时"), "{screen}");
}

/// Review mode shows 13:08; meanwhile the 13:30 deadlines pass; back to live at 13:40 nothing
/// rings and no alert from the past is raised (they are overdue on the board, not alerts).
#[test]
fn leaving_review_mode_raises_no_alert_from_the_past() {
    if skip_without_tmux() {
        return;
    }
    let AlertBoard { dir: _dir, clock, raw, script, .. } = alert_board();
    let tmux = Tmux::new("dutywatch-e2e-2am-review-alerts");
    tmux.start(120, 40, &script);
    tmux.wait_for("the board", 20, on_board);
    tmux.ok(&["pipe-pane", "-t", common::PANE, "-o", &format!("cat >> {}", quote(&raw))]);
    tmux.press("t");
    std::thread::sleep(Duration::from_millis(300));
    tmux.text("13:08");
    tmux.press("Enter");
    tmux.wait_for("review mode", 10, |s| s.contains("回看 2026-11-22 13:08"));
    std::fs::write(&clock, local("13:40")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    tmux.press("Escape");
    let live = tmux.wait_for("live again", 10, |s| on_board(s) && !s.contains("回看 2026") && s.contains("13:40"));
    std::thread::sleep(Duration::from_millis(2500));
    let screen = tmux.capture();
    assert_eq!(bell_count(&raw), 0, "no bell:\n{screen}");
    assert!(!screen.contains("⚠告警") && !screen.contains("已超时 #"), "no alert from the past:\n{live}\n{screen}");
    assert!(screen.contains("超时"), "the duties are overdue on the board:\n{screen}");
}

/// A long Chinese title typed into the intake form at 80×24 wraps inside the form (issue 17): the
/// title's rows read back in order give the whole title, no row runs past the right border, and
/// the terminal cursor (where the input method opens) sits right after the last character.
#[test]
fn a_long_cjk_title_wraps_inside_the_intake_form_at_80x24() {
    if skip_without_tmux() {
        return;
    }
    const TITLE: &str = "石门村三组后山发生山体滑坡灾害造成村道中断两户民房受损村委会正在组织群众紧急转移安置";
    let (_demo, script) = demo_script("--lang zh");
    let tmux = Tmux::new("dutywatch-e2e-2am-wrap");
    tmux.start(80, 24, &script);
    tmux.wait_for("the board", 20, |s| s.contains("待办时限"));
    tmux.press("n");
    tmux.wait_for("the intake form", 10, |s| s.contains("接报登记"));
    tmux.text(TITLE);
    let tail: String = TITLE.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let screen = tmux.wait_for("the whole title", 10, |s| s.contains(&tail));
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines.iter().position(|l| l.contains("标题")).unwrap_or_else(|| panic!("no title row:\n{screen}"));
    // The value column starts after the 14-column label; each row ends at the form's right border.
    let value = |l: &str| -> String {
        let mut col = 0;
        l.chars()
            .filter(|c| {
                let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                let keep = (15..79).contains(&col);
                col += w;
                keep
            })
            .collect::<String>()
            .trim()
            .to_string()
    };
    // The title's rows: its first, then those whose label column is blank (the next field has a label).
    let label_blank = |l: &str| l.chars().skip(1).take(7).all(|c| c == ' ');
    let mut rows = vec![value(lines[first])];
    rows.extend(lines[first + 1..].iter().take_while(|l| label_blank(l)).map(|l| value(l)).filter(|v| !v.is_empty()));
    assert!(rows.len() >= 2, "the title wraps onto a second row: {rows:?}\n{screen}");
    assert_eq!(rows.concat(), TITLE, "the rows read back give the title:\n{screen}");
    for l in &lines[first..first + rows.len()] {
        assert!(l.trim_end().ends_with('│'), "the right border stays: {l:?}\n{screen}");
    }
    let out = tmux.run(&["display-message", "-p", "-t", common::PANE, "#{cursor_x} #{cursor_y}"]);
    let pos = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let last_row = first + rows.len() - 1;
    let last_width = unicode_width::UnicodeWidthStr::width(rows[rows.len() - 1].as_str());
    assert_eq!(pos, format!("{} {last_row}", 15 + last_width), "the cursor after the last character:\n{screen}");
    tmux.press("Escape");
}
