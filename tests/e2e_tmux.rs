//! End to end: the real binary in a tmux pane, driven with send-keys and read with capture-pane,
//! as an officer would use it. Checks the board appears with the unit and the officer on duty, the
//! help opens and closes, `q` quits, and the terminal is back in cooked mode afterwards.

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

#[test]
fn demo_board_help_quit_restores_the_terminal() {
    if !have_tmux() {
        eprintln!("note: skipping the tmux end-to-end test: tmux is not installed");
        return;
    }
    let dir = TempDir::new().unwrap();
    let cfg = dir.path().join("config");
    std::fs::create_dir(&cfg).unwrap();
    let db: PathBuf = dir.path().join("demo.db");
    let stty = dir.path().join("stty.txt");
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
             stty -a > {stty} 2>&1\n\
             echo \"exit=$code\" > {marker}.tmp && mv {marker}.tmp {marker}\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&db),
            stty = quote(&stty),
            marker = quote(&marker),
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut tmux = Tmux::new();
    tmux.ok(&["new-session", "-d", "-s", "dw", "-x", "120", "-y", "40", &format!("sh {}", quote(&script))]);
    let socket_path =
        String::from_utf8_lossy(&tmux.run(&["display-message", "-p", "#{socket_path}"]).stdout).trim().to_string();
    if !socket_path.is_empty() {
        tmux.socket_path = Some(PathBuf::from(socket_path));
    }

    let board = tmux.wait_for("the board", 15, |s| s.contains("青山镇应急值守") && s.contains("值班日志"));
    assert!(!marker.exists(), "dutywatch exited early:\n{board}");

    // Who is on duty, read through the library from the same database.
    let officer = {
        let store = Store::open(&db).unwrap();
        let on = store.shifts_at(parse_pinned(NOW).unwrap()).unwrap();
        on.into_iter().find(|s| s.role == Role::Officer).expect("the demo has an officer on duty now").person_name
    };
    let header = board.lines().next().unwrap_or("");
    assert!(header.contains("青山镇应急值守"), "header: {header}");
    assert!(header.contains(&format!("值班员 {officer}")), "officer {officer} in header: {header}");
    assert!(header.contains("14:03:27"), "pinned clock in header: {header}");

    tmux.keys("?");
    let help = tmux.wait_for("the help overlay", 10, |s| s.contains("按任意键关闭帮助"));
    assert!(help.contains("帮助 Help"), "{help}");
    assert!(help.contains("退出"), "{help}");

    tmux.keys("x");
    tmux.wait_for("the help to close", 10, |s| !s.contains("按任意键关闭帮助") && s.contains("值班日志"));
    assert!(!marker.exists(), "a key that closes help must not quit");

    tmux.keys("q");
    assert!(wait_for_file(&marker, 10), "dutywatch did not exit after q; pane:\n{}", tmux.capture());
    let exit = std::fs::read_to_string(&marker).unwrap();
    assert_eq!(exit.trim(), "exit=0");

    // Cooked mode again: canonical input and echo on.
    let stty = std::fs::read_to_string(&stty).unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(flags.contains(&flag), "`{flag}` not set after exit:\n{stty}");
        let neg = format!("-{flag}");
        assert!(!flags.contains(&neg.as_str()), "`{neg}` after exit:\n{stty}");
    }
    // The alternate screen was left: the board is gone from the pane.
    let after = tmux.capture();
    assert!(!after.contains("值班日志"), "board still on screen after exit:\n{after}");
}
