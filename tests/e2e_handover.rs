//! End to end: a whole shift handover in the real binary in a tmux pane — draft, remarks, both
//! signatures, the locked sheet, and the sheet in the review list — then checked through the CLI.

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

fn special(tmux: &Tmux, key: &str) {
    tmux.ok(&["send-keys", "-t", "dw", key]);
}

#[test]
fn whole_handover_in_the_board() {
    if !have_tmux() {
        eprintln!("note: skipping the tmux end-to-end test: tmux is not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    let cfg = dir.path().join("config");
    std::fs::create_dir(&cfg).unwrap();
    let db: PathBuf = dir.path().join("demo.db");
    let bin = Path::new(env!("CARGO_BIN_EXE_dutywatch"));
    let built = Command::new(bin)
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env("DUTYWATCH_NOW", NOW)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("DUTYWATCH_DB")
        .args(["--db"])
        .arg(&db)
        .args(["demo", "--reset", "--no-board"])
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let (outgoing, incoming) = {
        let store = Store::open(&db).unwrap();
        let now = parse_pinned(NOW).unwrap();
        let on = store.shifts_at(now).unwrap();
        let out = on.into_iter().find(|s| s.role == Role::Officer).expect("officer on duty");
        let inc =
            store.shifts_at(out.end).unwrap().into_iter().find(|s| s.role == Role::Officer).expect("next officer");
        (out.person_name, inc.person_name)
    };
    let marker = dir.path().join("exited");
    let script = dir.path().join("run.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             export LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={NOW}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n\
             {bin} --db {db}\n\
             echo \"exit=$?\" > {marker}.tmp && mv {marker}.tmp {marker}\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(bin),
            db = quote(&db),
            marker = quote(&marker),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut tmux = Tmux::new();
    tmux.ok(&["new-session", "-d", "-s", "dw", "-x", "140", "-y", "45", &format!("sh {}", quote(&script))]);
    let socket_path =
        String::from_utf8_lossy(&tmux.run(&["display-message", "-p", "#{socket_path}"]).stdout).trim().to_string();
    if !socket_path.is_empty() {
        tmux.socket_path = Some(PathBuf::from(socket_path));
    }
    tmux.wait_for("the board", 15, |s| s.contains("青山镇应急值守") && s.contains("值班日志"));

    tmux.keys("h");
    tmux.wait_for("the handover screen", 10, |s| s.contains("本班尚未生成交接班记录"));
    tmux.keys("d");
    tmux.wait_for("the draft", 10, |s| s.contains("草稿,未签字") && s.contains("本班接报事件"));

    tmux.keys("m");
    tmux.wait_for("the remarks form", 10, |s| s.contains("交班人备注(Ctrl+S"));
    tmux.keys("滑坡点夜间巡查");
    special(&tmux, "Enter");
    tmux.keys("传真待修");
    special(&tmux, "F2");
    tmux.wait_for("the remarks on the sheet", 10, |s| s.contains("滑坡点夜间巡查") && s.contains("传真待修"));

    // Someone not on the outgoing shift is refused.
    tmux.keys("o");
    tmux.wait_for("the signature prompt", 10, |s| s.contains("交班人签字"));
    tmux.keys(&incoming);
    special(&tmux, "Enter");
    tmux.wait_for("the refusal", 10, |s| s.contains("未保存") && s.contains("不是"));
    tmux.keys("x");

    tmux.keys("o");
    tmux.wait_for("the signature prompt", 10, |s| s.contains("交班人签字"));
    tmux.keys(&outgoing);
    special(&tmux, "Enter");
    tmux.wait_for("the outgoing signature", 10, |s| s.contains("交班人已签字,待接班人签字"));

    tmux.keys("i");
    tmux.wait_for("the incoming prompt", 10, |s| s.contains("接班人签字"));
    tmux.keys(&incoming);
    special(&tmux, "Enter");
    let locked = tmux.wait_for("the lock", 10, |s| s.contains("已锁定(双方已签字)"));
    assert!(locked.contains("锁 #1"), "review list shows the locked sheet:\n{locked}");

    // Editing is no longer offered to succeed: regenerating is refused with the lock message.
    tmux.keys("d");
    tmux.wait_for("the lock refusal", 10, |s| s.contains("locked") || s.contains("锁定"));
    tmux.keys("x");
    tmux.keys("q");
    tmux.keys("q");
    assert!(wait_for_file(&marker, 10), "dutywatch did not exit; pane:\n{}", tmux.capture());

    let out = Command::new(bin)
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env("DUTYWATCH_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(&db)
        .args(["handover", "list", "--person", &incoming, "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["locked"], true, "{list}");
    assert_eq!(list[0]["outgoing"], outgoing.as_str());
}
