//! The board in real terminals (tmux panes), issue 7: two boards and a CLI writer on one file;
//! SIGTERM, SIGHUP, SIGINT and a panic each restore the terminal; a 20×5 terminal and back; the clock
//! pinned backwards. Each test runs its own tmux server (`-L` socket) that is killed on drop.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{NOW, Tmux, have_tmux, quote, write_script};
use tempfile::TempDir;

/// Three days before NOW: the clock pinned backwards, before every record in the file.
const EARLIER: &str = "2026-11-19T09:00:00+08:00";

/// A private tmux server for one test, its panes polled every 100 ms.
fn server(tag: &str) -> Tmux {
    Tmux::new(&format!("dw-rel-{tag}")).polling_every(Duration::from_millis(100))
}

/// One board run: a script that records the board's pid, runs it, then writes its exit code and
/// `stty -a` (the terminal state it left behind), and stays open so the pane can be read.
struct Board {
    script: PathBuf,
    pid: PathBuf,
    stty: PathBuf,
    marker: PathBuf,
    stderr: PathBuf,
}

struct Env {
    dir: TempDir,
    cfg: TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env { dir: TempDir::new().unwrap(), cfg: TempDir::new().unwrap() };
        // The demo database at NOW, plus an incident learned 2 h ago whose first report is overdue.
        env.cli(NOW, &["demo", "--reset", "--no-board"]);
        env.cli(
            NOW,
            &[
                "incident",
                "add",
                "--title",
                "OVERDUE-TEST",
                "--category",
                "accident",
                "--grade",
                "IV",
                "--learned",
                "-2h",
            ],
        );
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("dw.db")
    }

    fn cli(&self, now: &str, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_dutywatch"))
            .env("DUTYWATCH_CONFIG_DIR", self.cfg.path())
            .env("LANG", "en_US.UTF-8")
            .env("DUTYWATCH_NOW", now)
            .env_remove("DUTYWATCH_DB")
            .env_remove("LC_ALL")
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn board(&self, name: &str, now: &str, extra_env: &str) -> Board {
        let p = |s: &str| self.dir.path().join(format!("{name}.{s}"));
        let b = Board { script: p("sh"), pid: p("pid"), stty: p("stty"), marker: p("exit"), stderr: p("err") };
        write_script(
            &b.script,
            &format!(
                "#!/bin/sh\n\
                 export LANG=en_US.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={now} {extra_env}\n\
                 unset LC_ALL LC_CTYPE DUTYWATCH_DB\n\
                 sh -c 'echo $$ > \"$1\"; shift; exec \"$@\"' sh {pid} {bin} --db {db} 2> {err}\n\
                 code=$?\n\
                 stty -a > {stty} 2>&1\n\
                 echo \"exit=$code\" > {marker}.tmp && mv {marker}.tmp {marker}\n\
                 exec sleep 120\n",
                cfg = quote(self.cfg.path()),
                pid = quote(&b.pid),
                bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
                db = quote(&self.db()),
                err = quote(&b.stderr),
                stty = quote(&b.stty),
                marker = quote(&b.marker),
            ),
        );
        b
    }
}

fn is_board(s: &str) -> bool {
    s.contains("Due next") && s.contains("Duty log")
}

fn wait_exit(b: &Board, secs: u64) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if let Ok(s) = std::fs::read_to_string(&b.marker) {
            return Some(s.trim().to_string());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// `stty -a` shows canonical input and echo on (no leading `-`).
fn assert_cooked(b: &Board, after: &str) {
    common::assert_cooked(&b.stty, after);
}

fn note(s: &str) {
    // Straight to stderr: shows without --nocapture.
    let _ = writeln!(std::io::stderr(), "{s}");
}

/// Two boards on one file and a CLI writer: each commit appears on both boards. Records the longest
/// delay observed (the poll is every 250 ms; the bound asserted is a generous 5 s).
#[test]
fn two_boards_show_a_change_made_by_another_terminal() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let tmux = server("two");
    for name in ["a", "b"] {
        let b = env.board(name, NOW, "");
        tmux.session(name, 120, 40, &b.script);
    }
    for name in ["a", "b"] {
        tmux.wait_for_pane(name, "the board", 15, is_board);
    }
    let mut longest = Duration::ZERO;
    for round in 0..5 {
        let title = format!("REMOTE{round}");
        env.cli(NOW, &["incident", "add", "--title", &title, "--category", "natural", "--grade", "IV"]);
        let committed = Instant::now();
        let mut pending = vec!["a", "b"];
        while !pending.is_empty() {
            assert!(
                committed.elapsed() < Duration::from_secs(5),
                "{title} not shown on {pending:?} after 5 s:\n{}",
                tmux.capture_pane(pending[0])
            );
            pending.retain(|name| !tmux.capture_pane(name).contains(&title));
            std::thread::sleep(Duration::from_millis(20));
        }
        longest = longest.max(committed.elapsed());
    }
    note(&format!("two boards: longest time for a CLI commit to show on both boards: {} ms", longest.as_millis()));
    // Writes from one board's file are seen by the other too: quit both cleanly.
    for name in ["a", "b"] {
        tmux.ok(&["send-keys", "-t", name, "-l", "q"]);
    }
    for name in ["a", "b"] {
        let b = env.board(name, NOW, "");
        assert_eq!(wait_exit(&b, 10).as_deref(), Some("exit=0"));
        assert_cooked(&b, "q");
    }
}

/// SIGTERM, SIGHUP and SIGINT sent to a running board each restore the terminal (cooked mode, the
/// alternate screen left) and end the process with 128 + the signal number.
#[test]
fn signals_restore_the_terminal() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    for (sig, n) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let tmux = server(&sig.to_lowercase());
        let b = env.board(&format!("sig{sig}"), NOW, "");
        tmux.session("dw", 120, 40, &b.script);
        tmux.wait_for_pane("dw", "the board", 15, is_board);
        let pid = std::fs::read_to_string(&b.pid).unwrap();
        let out = Command::new("kill").args([&format!("-{sig}"), pid.trim()]).output().unwrap();
        assert!(out.status.success(), "kill -{sig}: {}", String::from_utf8_lossy(&out.stderr));
        let code = wait_exit(&b, 10).unwrap_or_else(|| panic!("no exit after SIG{sig}:\n{}", tmux.capture_pane("dw")));
        assert_eq!(code, format!("exit={}", 128 + n), "SIG{sig}");
        assert_cooked(&b, &format!("SIG{sig}"));
        let after = tmux.capture_pane("dw");
        assert!(!is_board(&after), "board still on screen after SIG{sig}:\n{after}");
        let err = std::fs::read_to_string(&b.stderr).unwrap();
        assert!(err.contains(&format!("SIG{sig}")) && err.contains("restored"), "{err}");
    }
}

/// A panic inside `update` (the opt-in debug key F12) restores the terminal, prints the error and
/// leaves a form draft file in place.
#[test]
fn a_panic_restores_the_terminal_prints_the_error_and_keeps_the_draft() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let mut draft = env.db().into_os_string();
    draft.push(".draft.json");
    let draft = PathBuf::from(draft);
    let draft_text = r#"{"form":"incident","title":"半截的报告"}"#;
    std::fs::write(&draft, draft_text).unwrap();
    let tmux = server("panic");
    let b = env.board("panic", NOW, "DUTYWATCH_DEBUG_PANIC_KEY=1");
    tmux.session("dw", 120, 40, &b.script);
    // The draft found at start-up reopens the intake form with its text; typing more updates it.
    tmux.wait_for_pane("dw", "the restored draft", 15, |s| s.contains("半截的报告"));
    tmux.ok(&["send-keys", "-t", "dw", "-l", "续"]);
    std::thread::sleep(Duration::from_millis(400));
    tmux.ok(&["send-keys", "-t", "dw", "F12"]);
    let code = wait_exit(&b, 10).unwrap_or_else(|| panic!("no exit after the panic:\n{}", tmux.capture_pane("dw")));
    assert_eq!(code, "exit=101");
    assert_cooked(&b, "a panic");
    let err = std::fs::read_to_string(&b.stderr).unwrap();
    assert!(err.contains("panicked") && err.contains("debug panic"), "the error is printed: {err}");
    assert!(!is_board(&tmux.capture_pane("dw")), "alternate screen left");
    let kept = std::fs::read_to_string(&draft).unwrap();
    assert!(kept.contains("半截的报告续"), "the draft is kept, with the typing up to the panic: {kept}");

    // Without the variable F12 does nothing (no draft this time, so the board itself opens).
    std::fs::remove_file(&draft).unwrap();
    let tmux = server("nopanic");
    let b = env.board("nopanic", NOW, "");
    tmux.session("dw", 120, 40, &b.script);
    tmux.wait_for_pane("dw", "the board", 15, is_board);
    tmux.ok(&["send-keys", "-t", "dw", "F12"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(!b.marker.exists(), "F12 must not quit without DUTYWATCH_DEBUG_PANIC_KEY=1");
    tmux.ok(&["send-keys", "-t", "dw", "-l", "q"]);
    assert_eq!(wait_exit(&b, 10).as_deref(), Some("exit=0"));
}

/// The terminal shrunk to 20×5 shows "terminal too small"; back at 120×40 the board is whole again.
#[test]
fn resize_to_20x5_and_back() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let tmux = server("resize");
    let b = env.board("resize", NOW, "");
    tmux.session("dw", 120, 40, &b.script);
    tmux.wait_for_pane("dw", "the board", 15, is_board);
    tmux.ok(&["resize-window", "-t", "dw", "-x", "20", "-y", "5"]);
    let small = tmux.wait_for_pane("dw", "the too-small notice", 10, |s| s.contains("Terminal too small"));
    assert!(!is_board(&small), "{small}");
    tmux.ok(&["resize-window", "-t", "dw", "-x", "120", "-y", "40"]);
    let back = tmux.wait_for_pane("dw", "the board again", 10, |s| is_board(s) && !s.contains("too small"));
    assert!(back.contains("Open incidents") && back.contains("OVERDUE-TEST"), "redrawn fully:\n{back}");
    assert!(!b.marker.exists(), "still running");
    tmux.ok(&["send-keys", "-t", "dw", "-l", "q"]);
    assert_eq!(wait_exit(&b, 10).as_deref(), Some("exit=0"));
    assert_cooked(&b, "q");
}

/// True when the line holds a negative countdown (` -mm:ss` or ` -h:mm`).
fn has_negative_countdown(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    (1..chars.len()).any(|i| {
        chars[i] == '-'
            && chars[i - 1] == ' '
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            && chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count() >= 1
            && chars[i + 1..].iter().find(|c| !c.is_ascii_digit()) == Some(&':')
    })
}

/// A negative countdown always carries the overdue marker; with the clock pinned three days back
/// (before every record) the board still draws, and nothing negative appears unmarked.
#[test]
fn clock_pinned_backwards_board_does_not_panic_and_marks_negatives() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    for (name, now) in [("now", NOW), ("earlier", EARLIER)] {
        let tmux = server(name);
        let b = env.board(name, now, "");
        tmux.session("dw", 120, 40, &b.script);
        let screen = tmux.wait_for_pane("dw", "the board", 15, is_board);
        let negatives: Vec<&str> = screen.lines().filter(|l| has_negative_countdown(l)).collect();
        for line in &negatives {
            assert!(line.contains("OVERDUE"), "a negative time without its marker at {now}:\n{line}");
        }
        if now == NOW {
            assert!(!negatives.is_empty(), "the overdue report shows a negative countdown:\n{screen}");
        }
        // A few ticks later it is still running.
        std::thread::sleep(Duration::from_millis(1500));
        assert!(
            !b.marker.exists(),
            "the board ended at {now}: {}",
            std::fs::read_to_string(&b.stderr).unwrap_or_default()
        );
        tmux.ok(&["send-keys", "-t", "dw", "-l", "q"]);
        assert_eq!(wait_exit(&b, 10).as_deref(), Some("exit=0"), "at {now}");
        assert_cooked(&b, "q");
    }
}

#[test]
fn negative_countdown_detector() {
    assert!(has_negative_countdown("14:23  电话首报  #2026-0042 山体滑坡 Ⅲ  -19:33 OVERDUE"));
    assert!(has_negative_countdown(" -1:05"));
    assert!(!has_negative_countdown("2026-11-22 14:03"));
    assert!(!has_negative_countdown("  19:33"));
}
