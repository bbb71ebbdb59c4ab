//! Helpers shared by the integration tests (`tests/it/main.rs` declares `mod common;` once; a test
//! file brings it in with `use crate::common;`).
//!
//! This module holds the tmux harness of the end-to-end tests (the real binary in a tmux pane,
//! driven with send-keys and read with capture-pane); [`cli`] holds the temp-dir environment of the
//! CLI contract tests.
//!
//! A helper may serve only some builds of the tests (a filtered run, a test skipped without tmux):
//! `dead_code` is allowed for the whole module rather than item by item.
#![allow(dead_code)]

pub mod cli;
pub mod link;
pub mod screen;

use std::cell::OnceCell;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use dutywatch::domain::Role;
use dutywatch::domain::clock::parse_pinned;
use dutywatch::store::Store;
use tempfile::TempDir;

/// The pinned clock of the tests that pin it.
pub const NOW: &str = "2026-11-22T14:03:27+08:00";

/// The session name of the tests that run a single pane; [`Tmux::capture`], [`Tmux::wait_for`],
/// [`Tmux::text`] and [`Tmux::press`] address it.
pub const PANE: &str = "dw";

/// A private tmux server (its own `-L` socket), killed when dropped, whatever happens in the test.
pub struct Tmux {
    socket: String,
    /// The socket file, removed on drop (tmux leaves it behind after kill-server); learnt when the
    /// first session starts.
    socket_path: OnceCell<PathBuf>,
    /// How often [`Tmux::wait_for`] reads the pane again.
    poll: Duration,
}

impl Tmux {
    /// A server on the socket `{prefix}-{pid}-{nanos}`, polled every 150 ms. Nothing runs until
    /// [`Tmux::session`].
    pub fn new(prefix: &str) -> Tmux {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        Tmux {
            socket: format!("{prefix}-{}-{nanos}", std::process::id()),
            socket_path: OnceCell::new(),
            poll: Duration::from_millis(150),
        }
    }

    /// The same server, with the panes polled every `poll` while waiting.
    pub fn polling_every(mut self, poll: Duration) -> Tmux {
        self.poll = poll;
        self
    }

    /// Runs `tmux ARGS…` against this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env("LC_ALL", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .unwrap()
    }

    /// Runs `tmux ARGS…` and asserts it succeeded.
    pub fn ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Starts (or restarts) a detached session `name`, `cols`×`rows`, running `sh script`.
    pub fn session(&self, name: &str, cols: u16, rows: u16, script: &Path) {
        let (cols, rows) = (cols.to_string(), rows.to_string());
        self.ok(&["new-session", "-d", "-s", name, "-x", &cols, "-y", &rows, &format!("sh {}", quote(script))]);
        if self.socket_path.get().is_none() {
            let p = String::from_utf8_lossy(&self.run(&["display-message", "-p", "#{socket_path}"]).stdout)
                .trim()
                .to_string();
            if !p.is_empty() {
                let _ = self.socket_path.set(PathBuf::from(p));
            }
        }
    }

    /// Starts (or restarts) the session [`PANE`], `cols`×`rows`, running `sh script`.
    pub fn start(&self, cols: u16, rows: u16, script: &Path) {
        self.session(PANE, cols, rows, script);
    }

    /// The visible text of the pane [`PANE`].
    pub fn capture(&self) -> String {
        self.capture_pane(PANE)
    }

    /// The visible text of the pane `target`.
    pub fn capture_pane(&self, target: &str) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Typed text, sent literally (Chinese included) to [`PANE`].
    pub fn text(&self, literal: &str) {
        // `--`: a text starting with `-` (`-3m`) is typing, not a tmux flag.
        self.ok(&["send-keys", "-t", PANE, "-l", "--", literal]);
    }

    /// A named key (`Enter`, `Tab`, `Escape`, `F2`, `C-s` …) sent to [`PANE`], unpaced.
    pub fn press(&self, name: &str) {
        self.ok(&["send-keys", "-t", PANE, name]);
    }

    /// A named key (`Tab`, `BTab`, `Right`, `Enter`, `Escape`, `C-s` …), paced so that an escape
    /// sequence (arrows, BTab) is never read in two halves as Esc.
    pub fn key(&self, name: &str) {
        self.press(name);
        std::thread::sleep(Duration::from_millis(150));
    }

    /// On a form whose focused field is a choice: types the option's number (1–9) until the field's
    /// row shows `want` bracketed as the chosen one, then Tab. Digits are single bytes: unlike arrow
    /// keys they cannot be split into a stray Esc on a loaded machine. Leaves the focus on the next field.
    pub fn choose(&self, label: &str, want: &str) {
        let row_of = |screen: &str| {
            screen.lines().find(|l| l.contains(&format!("{label} ")) && !l.contains('┌')).map(str::to_string)
        };
        let bracketed = |screen: &str| {
            row_of(screen).and_then(|l| l.split('[').nth(1).and_then(|r| r.split(']').next()).map(str::to_string))
        };
        for n in 1..=9 {
            let before = bracketed(&self.capture());
            if before.as_deref().is_some_and(|b| b.starts_with(want)) {
                self.key("Tab");
                return;
            }
            self.text(&n.to_string());
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline && bracketed(&self.capture()) == before {
                std::thread::sleep(Duration::from_millis(60));
            }
        }
        if bracketed(&self.capture()).is_some_and(|b| b.starts_with(want)) {
            self.key("Tab");
            return;
        }
        panic!("could not choose `{want}` for `{label}`:\n{}", self.capture());
    }

    /// Replaces the focused text field's content.
    pub fn retype(&self, text: &str) {
        self.key("C-u");
        self.text(text);
    }

    /// Polls the pane [`PANE`] until `pred` holds, up to `secs`; returns the last capture.
    pub fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        self.poll_until(PANE, what, secs, pred)
    }

    /// Polls the pane `target` until `pred` holds, up to `secs`; returns the last capture.
    pub fn wait_for_pane(&self, target: &str, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        self.poll_until(target, &format!("{what} in {target}"), secs, pred)
    }

    fn poll_until(&self, target: &str, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture_pane(target);
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the pane shows:\n{screen}");
            }
            std::thread::sleep(self.poll);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        if let Some(p) = self.socket_path.get() {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Whether a `tmux` binary is on the PATH.
pub fn have_tmux() -> bool {
    Command::new("tmux").arg("-V").output().map(|o| o.status.success()).unwrap_or(false)
}

/// True, with a note on stderr, when tmux is missing and an end-to-end test should return early.
pub fn skip_without_tmux() -> bool {
    if have_tmux() {
        return false;
    }
    eprintln!("note: skipping the tmux end-to-end test: tmux is not installed");
    true
}

/// `p` quoted for `sh`.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// Writes an executable shell script.
pub fn write_script(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Polls until `path` exists, up to `secs`.
pub fn wait_for_file(path: &Path, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The `stty -a` output in `stty` shows a cooked terminal: canonical input, echo, signals, CR→NL
/// and output processing on (no leading `-`). `after` names what ended the program.
pub fn assert_cooked(stty: &Path, after: &str) {
    let stty = std::fs::read_to_string(stty).unwrap();
    let flags: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(flags.contains(&flag), "`{flag}` not set after {after}:\n{stty}");
        let neg = format!("-{flag}");
        assert!(!flags.contains(&neg.as_str()), "`{neg}` after {after}:\n{stty}");
    }
}

/// A temp dir holding an empty config dir `config` and the path `demo.db` for a database.
pub struct Scratch {
    pub dir: TempDir,
    pub cfg: PathBuf,
    pub db: PathBuf,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = TempDir::new().unwrap();
        let cfg = dir.path().join("config");
        std::fs::create_dir(&cfg).unwrap();
        let db = dir.path().join("demo.db");
        Scratch { dir, cfg, db }
    }
}

/// The name of the duty officer on duty at `now` in the database `db`, read through the library.
pub fn officer_on_duty(db: &Path, now: &str) -> String {
    let store = Store::open(db).unwrap();
    let on = store.shifts_at(parse_pinned(now).unwrap()).unwrap();
    on.into_iter().find(|s| s.role == Role::Officer).expect("the demo has an officer on duty now").person_name
}

/// A fresh demo database (zh) built against the real clock (`demo --reset --no-board`), in a
/// scratch dir with an empty config dir.
pub fn demo_db() -> Scratch {
    let scratch = Scratch::new();
    let out = Command::new(env!("CARGO_BIN_EXE_dutywatch"))
        .args(["--db", scratch.db.to_str().unwrap(), "demo", "--reset", "--no-board"])
        .env("LANG", "zh_CN.UTF-8")
        .env("DUTYWATCH_CONFIG_DIR", &scratch.cfg)
        .env_remove("DUTYWATCH_NOW")
        .env_remove("DUTYWATCH_DB")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    scratch
}

/// The script that opens the real board (zh, the real clock) on the scratch's database, with `args`
/// after `--db` (e.g. `--at -1m` for review mode); when the board ends it prints `exit=N` and
/// stays, so the pane can be read. Written into the scratch dir.
pub fn board_script(scratch: &Scratch, args: &str) -> PathBuf {
    let script = scratch.dir.path().join("board.sh");
    let args = if args.is_empty() { String::new() } else { format!(" {args}") };
    write_script(
        &script,
        &format!(
            "#!/bin/sh\nexport LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg}\nunset LC_ALL LC_CTYPE DUTYWATCH_DB DUTYWATCH_NOW\n\
             {bin} --db {db}{args}\necho \"exit=$?\"\nexec sleep 120\n",
            cfg = quote(&scratch.cfg),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&scratch.db),
        ),
    );
    script
}

/// A fresh demo database and the script that opens the board on it ([`demo_db`], [`board_script`]).
/// The scratch dir must outlive the pane: keep it.
pub fn demo_script(args: &str) -> (Scratch, PathBuf) {
    let scratch = demo_db();
    let script = board_script(&scratch, args);
    (scratch, script)
}

/// The board run by `script` in a tmux pane of `cols`×`rows` on a new server (`prefix`), waited for
/// until its panes show.
pub fn start_board(prefix: &str, cols: u16, rows: u16, script: &Path) -> Tmux {
    let tmux = Tmux::new(prefix);
    tmux.start(cols, rows, script);
    tmux.wait_for("the board", 20, |s| s.contains("待办时限") && s.contains("在办事件"));
    tmux
}

/// A fresh demo database (zh) and the real board on it in a tmux pane of `cols`×`rows`, waited for
/// until its panes show. The scratch dir must outlive the pane: both are returned.
pub fn demo_board(prefix: &str, cols: u16, rows: u16) -> (Scratch, Tmux) {
    let (scratch, script) = demo_script("");
    let tmux = start_board(prefix, cols, rows, &script);
    (scratch, tmux)
}
