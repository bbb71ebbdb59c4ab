//! End to end, the real binary in a tmux pane (its own `-L` socket, killed on drop), in Chinese:
//! (a) a call through the intake form with a Chinese title, into "Due next" with a live countdown,
//! then the 首报 recorded from the incident page and shown done on time; (b) a skip-level report
//! from the incident page, the own-leader obligation it creates, the upper room's acknowledgement
//! and the ladder updated; (c) the terminal killed while the intake form holds typing, and the draft
//! back on the next start.
//!
//! The clock is NOT pinned: the database is a `demo --reset --no-board` built against the real
//! clock, and the countdowns tick (test (a) checks that they do). Every assertion is about things
//! that hold whatever the time of day (the new incident's deadlines are 30 min or more ahead).

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{demo_script, skip_without_tmux, start_board};

const TITLE: &str = "石门大桥货车侧翻";
const COLS: u16 = 160;
const ROWS: u16 = 60;

fn line_with<'a>(screen: &'a str, needle: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(needle))
}

/// The first `mm:ss` (or `-mm:ss`) token in `s`: two digits, a colon, two digits.
fn mm_ss(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let w = &chars[i..i + 5];
        let digits = [0, 1, 3, 4].iter().all(|&k| w[k].is_ascii_digit());
        let boundary = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars.get(i + 5).is_none_or(|c| !c.is_ascii_digit() && *c != ':');
        (digits && w[2] == ':' && boundary && after).then(|| w.iter().collect())
    })
}

/// True when `prefix` is followed somewhere by a time `HH:MM`.
fn has_time_after(s: &str, prefix: &str) -> bool {
    s.match_indices(prefix)
        .any(|(i, _)| mm_ss(&s[i + prefix.len()..]).is_some_and(|t| s[i + prefix.len()..].starts_with(&t)))
}

fn on_board(s: &str) -> bool {
    s.contains("待办时限") && s.contains("在办事件")
}

/// The first countdown in minutes (`29m`, issue 17: always with its unit) in `s`.
fn minutes_left(s: &str) -> Option<u32> {
    s.split_whitespace().find_map(|w| w.strip_suffix('m').filter(|d| !d.is_empty()).and_then(|d| d.parse().ok()))
}

/// The due-pane line of our incident (the one with a countdown).
fn due_line(screen: &str) -> Option<String> {
    screen
        .lines()
        .filter(|l| l.contains(TITLE))
        .find(|l| l.split(TITLE).nth(1).and_then(minutes_left).is_some())
        .map(str::to_string)
}

#[test]
fn intake_first_report_skip_level_and_ack() {
    if skip_without_tmux() {
        return;
    }
    let (_demo, script) = demo_script("");
    let tmux = start_board("dutywatch-e2e-inc-flow", COLS, ROWS, &script);

    // (a) A call through the intake form: Chinese title, category 事故灾难, Ctrl+S.
    tmux.key("n");
    tmux.wait_for("the intake form", 10, |s| s.contains("接报登记"));
    tmux.text(TITLE);
    tmux.wait_for("the typed title", 10, |s| s.contains(TITLE));
    tmux.key("Tab");
    tmux.choose("类别", "事故灾难");
    tmux.key("C-s");
    // Saved: its page opens by itself.
    let page = tmux.wait_for("the new incident's page", 15, |s| s.contains("事件详情") && s.contains(TITLE));
    assert!(page.contains("电话首报"), "the phone report is owed:\n{page}");

    // Back on the board: in "Due next" with a countdown in minutes (`29m`: the unit always
    // shown, issue 17), at most the phone report's 30 minutes.
    tmux.key("Escape");
    let screen = tmux.wait_for("our row in Due next", 15, |s| on_board(s) && due_line(s).is_some());
    let first = due_line(&screen).unwrap();
    let left = minutes_left(first.split(TITLE).nth(1).unwrap()).unwrap();
    assert!(left <= 30, "the phone report is due within 30 minutes: {first}");

    // Open it again (filter the open incidents, Enter), record the 首报 with `b`, Ctrl+S.
    tmux.key("/");
    tmux.text("大桥");
    tmux.key("Enter");
    tmux.key("Enter");
    tmux.wait_for("the incident page", 10, |s| s.contains("事件详情") && s.contains(TITLE));
    tmux.key("b");
    tmux.wait_for("the report form", 10, |s| s.contains("记录报送"));
    tmux.key("C-s");
    let page = tmux.wait_for("首报 done on time", 15, |s| {
        !s.contains("记录报送") && line_with(s, "电话首报").is_some_and(|l| l.contains("✓按时"))
    });
    assert!(page.contains("— 报送链 —") && !page.contains("尚无报送"), "the chain has the report:\n{page}");

    // (b) Skip-level from the incident page. The 首报 told the county; straight to the province skips
    // the city (detected, issue 11): `e`, the province, 越级上报 = 是, a reason, Ctrl+S.
    tmux.key("e");
    tmux.wait_for("the escalate form", 10, |s| s.contains("越级上报"));
    tmux.choose("上报对象", "省政府总值班室");
    // Now on 方式; on to 上报时间, then 越级上报.
    tmux.key("Tab");
    tmux.key("Tab");
    tmux.choose("越级上报", "是");
    tmux.text("大桥垮塌,县级电话不通");
    tmux.key("C-s");
    let page = tmux.wait_for("the own-leader obligation", 15, |s| s.contains("越级后报本级领导"));
    assert!(line_with(&page, "越级后报本级领导").is_some_and(|l| !l.contains('✓')), "still owed:\n{page}");
    assert!(!page.contains("逐级/越级上报"), "the form closed:\n{page}");

    // The province room confirms: `a`, the level, a name, Ctrl+S; the ladder shows 确认HH:MM.
    assert!(!has_time_after(&page, "确认"), "nothing confirmed yet:\n{page}");
    tmux.key("a");
    tmux.wait_for("the ack form", 10, |s| s.contains("记录上级确认"));
    tmux.choose("确认层级", "省");
    tmux.text("省总值班室 孙科员");
    tmux.key("C-s");
    let page =
        tmux.wait_for("the ladder to show the ack", 15, |s| !s.contains("记录上级确认") && has_time_after(s, "确认"));
    let ladder = page.lines().find(|l| has_time_after(l, "确认")).unwrap();
    assert!(ladder.contains("省"), "the province rung is confirmed: {ladder}");
}

#[test]
fn intake_draft_survives_a_killed_terminal() {
    if skip_without_tmux() {
        return;
    }
    let (demo, script) = demo_script("");
    let tmux = start_board("dutywatch-e2e-inc-draft", COLS, ROWS, &script);
    tmux.key("n");
    tmux.wait_for("the intake form", 10, |s| s.contains("接报登记"));
    tmux.text("青山村山洪草稿");
    tmux.wait_for("the typed title", 10, |s| s.contains("青山村山洪草稿"));

    // The draft is on disk as typed, in this board's own file under `<db>.drafts/`.
    let mut dir = demo.db.clone().into_os_string();
    dir.push(".drafts");
    let dir = PathBuf::from(dir);
    let drafts = || -> Vec<(PathBuf, String)> {
        let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| {
                let t = std::fs::read_to_string(&p).unwrap_or_default();
                (p, t)
            })
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while !drafts().iter().any(|(_, t)| t.contains("青山村山洪草稿")) {
        assert!(Instant::now() < deadline, "no draft in {}", dir.display());
        std::thread::sleep(Duration::from_millis(100));
    }

    // The terminal dies with the form open; the board starts again on the same database.
    tmux.ok(&["kill-session", "-t", "dw"]);
    std::thread::sleep(Duration::from_millis(500));
    tmux.start(COLS, ROWS, &script);
    // The dead board's draft is offered with its first line; Enter brings the form back with the
    // typing. (The "已恢复" notice is not shown on the intake screen: see
    // `restored_draft_is_announced` in tests/ui_incident.rs.)
    tmux.wait_for("the offered draft", 20, |s| s.contains("未保存的接报草稿") && s.contains("青山村山洪草稿"));
    tmux.key("Enter");
    tmux.wait_for("the restored draft", 20, |s| s.contains("接报登记") && s.contains("青山村山洪草稿"));
    // Saving it now works and clears the draft file.
    tmux.key("C-s");
    tmux.wait_for("the saved incident's page", 15, |s| s.contains("事件详情") && s.contains("青山村山洪草稿"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while !drafts().is_empty() {
        assert!(Instant::now() < deadline, "the draft is removed once saved: {:?}", drafts());
        std::thread::sleep(Duration::from_millis(100));
    }
}
