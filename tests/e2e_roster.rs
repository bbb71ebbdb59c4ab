//! End to end: a swap made on the roster screen of the real binary, in tmux, is what
//! `dutywatch roster now --json` reports afterwards.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use dutywatch::domain::Role;
use dutywatch::domain::clock::parse_pinned;
use dutywatch::store::Store;
use tempfile::TempDir;

const NOW: &str = "2026-11-22T14:03:27+08:00";

/// A private tmux server (its own socket), killed when dropped, whatever happens in the test.
struct Tmux {
    socket: String,
    /// The socket file, removed on drop (tmux leaves it behind after kill-server).
    socket_path: Option<PathBuf>,
}

impl Tmux {
    fn new() -> Tmux {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        Tmux { socket: format!("dutywatch-e2e-{}-{nanos}", std::process::id()), socket_path: None }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env("LC_ALL", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "dw"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, literal: &str) {
        self.ok(&["send-keys", "-t", "dw", "-l", literal]);
    }

    /// Polls the pane until `pred` holds, up to `secs`; returns the last capture.
    fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the pane shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        if let Some(p) = &self.socket_path {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn wait_for_file(path: &Path, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

fn have_tmux() -> bool {
    Command::new("tmux").arg("-V").output().map(|o| o.status.success()).unwrap_or(false)
}

/// Opens the demo board, swaps today's duty officer on the roster screen through the keys, quits,
/// and reads the new officer back through `roster now --json`.
#[test]
fn swap_on_the_roster_screen_shows_in_roster_now() {
    if !have_tmux() {
        eprintln!("note: skipping the tmux end-to-end test: tmux is not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    let cfg = dir.path().join("config");
    std::fs::create_dir(&cfg).unwrap();
    let db: PathBuf = dir.path().join("demo.db");
    let marker = dir.path().join("exited");
    let script = dir.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
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
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut tmux = Tmux::new();
    tmux.ok(&["new-session", "-d", "-s", "dw", "-x", "100", "-y", "30", &format!("sh {}", quote(&script))]);
    let socket_path =
        String::from_utf8_lossy(&tmux.run(&["display-message", "-p", "#{socket_path}"]).stdout).trim().to_string();
    if !socket_path.is_empty() {
        tmux.socket_path = Some(PathBuf::from(socket_path));
    }
    tmux.wait_for("the board", 15, |s| s.contains("青山镇应急值守") && s.contains("值班日志"));
    let before = {
        let store = Store::open(&db).unwrap();
        let on = store.shifts_at(parse_pinned(NOW).unwrap()).unwrap();
        on.into_iter().find(|s| s.role == Role::Officer).expect("the demo has an officer on duty now").person_name
    };

    tmux.keys("r");
    let grid = tmux.wait_for("the roster screen", 10, |s| s.contains("值班表 ·") && s.contains("带班领导"));
    // The screen opens on today's duty day with the duty officer selected: the detail line names it.
    assert!(grid.lines().any(|l| l.contains("值班员") && l.contains(&before) && l.contains("·")), "{grid}");

    tmux.keys("s");
    let pick = tmux.wait_for("the person picker", 10, |s| s.contains("选择接班人员"));
    let chosen = pick
        .lines()
        .find_map(|l| l.split_once("▸ ").map(|(_, rest)| rest.split_whitespace().next().unwrap_or("").to_string()))
        .expect("a selected candidate");
    assert!(!chosen.is_empty() && chosen != before, "{pick}");
    tmux.ok(&["send-keys", "-t", "dw", "Enter"]);
    tmux.wait_for("the swap form", 10, |s| s.contains("换班给"));
    tmux.keys("生病");
    tmux.ok(&["send-keys", "-t", "dw", "Tab"]);
    tmux.keys("周建国");
    tmux.ok(&["send-keys", "-t", "dw", "Enter"]);
    let after = tmux.wait_for("the swapped shift", 10, |s| s.contains(&format!("{chosen}⇄")));
    assert!(after.contains("已换班"), "status line:\n{after}");

    tmux.ok(&["send-keys", "-t", "dw", "Escape"]);
    tmux.wait_for("the board again", 10, |s| s.contains("值班日志") && s.contains(&format!("值班员 {chosen}")));
    tmux.keys("q");
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
