//! The board in real terminals (tmux panes), issue 7: two boards and a CLI writer on one file;
//! SIGTERM, SIGHUP, SIGINT and a panic each restore the terminal; a 20×5 terminal and back; the clock
//! pinned backwards. Each test runs its own tmux server (`-L` socket) that is killed on drop.

use crate::common;

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

/// The seven terminating signals sent to a running board each restore the terminal fully (cooked
/// mode, the alternate screen left, the cursor shown again) and end the process with 128 + the
/// signal number. The pane's output is recorded (`pipe-pane`) to see the escape sequences.
#[test]
fn signals_restore_the_terminal() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let signals = [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3), ("USR1", 10), ("USR2", 12), ("ALRM", 14)];
    for (sig, n) in signals {
        let tmux = server(&sig.to_lowercase());
        let b = env.board(&format!("sig{sig}"), NOW, "");
        tmux.session("dw", 120, 40, &b.script);
        tmux.wait_for_pane("dw", "the board", 15, is_board);
        let raw = record_output(&tmux, &env, &format!("sig{sig}"));
        let pid = std::fs::read_to_string(&b.pid).unwrap();
        let out = Command::new("kill").args([&format!("-{sig}"), pid.trim()]).output().unwrap();
        assert!(out.status.success(), "kill -{sig}: {}", String::from_utf8_lossy(&out.stderr));
        let code = wait_exit(&b, 10).unwrap_or_else(|| panic!("no exit after SIG{sig}:\n{}", tmux.capture_pane("dw")));
        assert_eq!(code, format!("exit={}", 128 + n), "SIG{sig}");
        assert_cooked(&b, &format!("SIG{sig}"));
        let after = tmux.capture_pane("dw");
        assert!(!is_board(&after), "board still on screen after SIG{sig}:\n{after}");
        assert_restored_output(&raw, &format!("SIG{sig}"));
        let err = std::fs::read_to_string(&b.stderr).unwrap();
        assert!(err.contains(&format!("SIG{sig}")) && err.contains("restored"), "{err}");
    }
}

/// Starts recording everything the pane's program writes; returns the file it goes to.
fn record_output(tmux: &Tmux, env: &Env, name: &str) -> PathBuf {
    let raw = env.dir.path().join(format!("{name}.raw"));
    tmux.ok(&["pipe-pane", "-t", "dw", "-o", &format!("cat >> {}", quote(&raw))]);
    std::thread::sleep(Duration::from_millis(200));
    raw
}

/// The recorded output left the alternate screen and showed the cursor (after the last frame).
fn assert_restored_output(raw: &Path, after: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let bytes = std::fs::read(raw).unwrap_or_default();
        let has = |seq: &[u8]| bytes.windows(seq.len()).rposition(|w| w == seq);
        let (show, leave) = (has(b"\x1b[?25h"), has(b"\x1b[?1049l"));
        if show.is_some() && leave.is_some() {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "after {after}: cursor shown {show:?}, alternate screen left {leave:?} in the output:\n{:?}",
                String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(200)..])
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The pane's terminal settings as `stty -a` sees them from outside.
fn pane_stty(tmux: &Tmux) -> String {
    let tty = String::from_utf8_lossy(&tmux.run(&["display-message", "-p", "-t", "dw", "#{pane_tty}"]).stdout)
        .trim()
        .to_string();
    let out = Command::new("stty").args(["-a", "-F", &tty]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn has_flag(stty: &str, flag: &str) -> bool {
    stty.split_whitespace().any(|f| f == flag)
}

/// The process state letter from `/proc/PID/stat` (`T` = stopped).
fn proc_state(pid: &str) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')').next().and_then(|rest| rest.trim().chars().next()).unwrap_or('?')
}

/// Ctrl-Z (the key, in raw mode) and SIGTSTP (sent) suspend the board cleanly: the terminal is
/// restored (cooked, main screen, cursor shown) and the process stopped. SIGCONT (`fg`) brings it
/// back in raw mode on the alternate screen, fully redrawn.
#[test]
fn ctrl_z_suspends_cleanly_and_fg_redraws() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let tmux = server("tstp");
    let b = env.board("tstp", NOW, "");
    tmux.session("dw", 120, 40, &b.script);
    tmux.wait_for_pane("dw", "the board", 15, is_board);
    let pid = std::fs::read_to_string(&b.pid).unwrap().trim().to_string();
    for how in ["C-z", "TSTP"] {
        let raw = record_output(&tmux, &env, &format!("tstp-{how}"));
        if how == "C-z" {
            tmux.ok(&["send-keys", "-t", "dw", "C-z"]);
        } else {
            assert!(Command::new("kill").args(["-TSTP", &pid]).status().unwrap().success());
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while proc_state(&pid) != 'T' {
            assert!(Instant::now() < deadline, "not stopped after {how}: {}", proc_state(&pid));
            std::thread::sleep(Duration::from_millis(100));
        }
        let stty = pane_stty(&tmux);
        for flag in ["icanon", "echo", "isig"] {
            assert!(has_flag(&stty, flag), "{flag} not set while suspended by {how}:\n{stty}");
        }
        assert_restored_output(&raw, how);
        let screen = tmux.wait_for_pane("dw", "the main screen", 10, |s| !is_board(s));
        assert!(!is_board(&screen));
        tmux.ok(&["pipe-pane", "-t", "dw"]);
        std::fs::write(&raw, b"").unwrap();
        assert!(Command::new("kill").args(["-CONT", &pid]).status().unwrap().success());
        let back = tmux.wait_for_pane("dw", "the board again", 10, is_board);
        assert!(back.contains("Open incidents") && back.contains("OVERDUE-TEST"), "redrawn fully:\n{back}");
        let stty = pane_stty(&tmux);
        assert!(has_flag(&stty, "-icanon") && has_flag(&stty, "-echo"), "raw mode again after fg:\n{stty}");
    }
    tmux.ok(&["send-keys", "-t", "dw", "-l", "q"]);
    assert_eq!(wait_exit(&b, 10).as_deref(), Some("exit=0"));
    assert_cooked(&b, "q after fg");
}

/// SIGTERM while a save waits for another terminal's write lock: the board exits at once (well
/// inside the 5 s busy wait) with the terminal restored, and nothing of the save is in the file.
#[test]
fn sigterm_during_a_save_blocked_on_a_lock_exits_promptly_and_saves_nothing() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let tmux = server("lock");
    let b = env.board("lock", NOW, "");
    tmux.session("dw", 120, 40, &b.script);
    tmux.wait_for_pane("dw", "the board", 15, is_board);
    tmux.ok(&["send-keys", "-t", "dw", "-l", "n"]);
    tmux.wait_for_pane("dw", "the intake form", 10, |s| s.contains("New incident"));
    tmux.ok(&["send-keys", "-t", "dw", "-l", "BLOCKED-SAVE"]);
    std::thread::sleep(Duration::from_millis(400));
    let holder = rusqlite::Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    tmux.ok(&["send-keys", "-t", "dw", "C-s"]);
    // The save is now waiting in SQLite's busy handler.
    std::thread::sleep(Duration::from_millis(800));
    assert!(!b.marker.exists(), "the board is still waiting");
    let pid = std::fs::read_to_string(&b.pid).unwrap();
    let sent = Instant::now();
    assert!(Command::new("kill").args(["-TERM", pid.trim()]).status().unwrap().success());
    // Bounded well below the busy timeout: the exit does not wait for the lock.
    let code = wait_exit(&b, 3).unwrap_or_else(|| panic!("no exit within 3 s of SIGTERM during a blocked save"));
    note(&format!("SIGTERM during a blocked save: exit seen after {} ms", sent.elapsed().as_millis()));
    assert_eq!(code, "exit=143");
    assert_cooked(&b, "SIGTERM during a blocked save");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 =
        conn.query_row("SELECT count(*) FROM incident WHERE title = 'BLOCKED-SAVE'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "nothing of the save was committed");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    // The typing survives as the dead board's draft.
    let drafts = draft_files(&env);
    assert!(drafts.iter().any(|(_, t)| t.contains("BLOCKED-SAVE")), "{drafts:?}");
}

/// The `.json` drafts in `<db>.drafts/`, with their contents.
fn draft_files(env: &Env) -> Vec<(PathBuf, String)> {
    let mut dir = env.db().into_os_string();
    dir.push(".drafts");
    let Ok(entries) = std::fs::read_dir(PathBuf::from(dir)) else { return Vec::new() };
    let mut v: Vec<(PathBuf, String)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap_or_default();
            (p, t)
        })
        .collect();
    v.sort();
    v
}

/// Two boards typing intakes at once keep separate drafts. One is killed: a third board started
/// later offers only the dead board's draft (with its first line), not the running board's, and
/// restores it when picked. The running board's save removes only its own draft.
#[test]
fn two_boards_keep_their_own_drafts_and_a_dead_boards_draft_is_offered() {
    if !have_tmux() {
        note("note: skipping: tmux is not installed");
        return;
    }
    let env = Env::new();
    let tmux = server("drafts");
    let mut boards = Vec::new();
    for (name, title) in [("a", "DRAFT-OF-A"), ("b", "DRAFT-OF-B")] {
        let b = env.board(name, NOW, "");
        tmux.session(name, 120, 40, &b.script);
        // `=a:` names session `a` exactly (a bare `a` may resolve to a window of another session).
        let pane = format!("={name}:");
        tmux.wait_for_pane(&pane, "the board", 15, is_board);
        tmux.ok(&["send-keys", "-t", &pane, "-l", "n"]);
        tmux.wait_for_pane(&pane, "the intake form", 10, |s| s.contains("New incident"));
        tmux.ok(&["send-keys", "-t", &pane, "-l", title]);
        boards.push(b);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let d = draft_files(&env);
        let a = d.iter().filter(|(_, t)| t.contains("DRAFT-OF-A") && !t.contains("DRAFT-OF-B")).count();
        let b = d.iter().filter(|(_, t)| t.contains("DRAFT-OF-B") && !t.contains("DRAFT-OF-A")).count();
        if d.len() == 2 && a == 1 && b == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "two separate drafts expected: {d:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Board a dies without a word.
    let pid_a = std::fs::read_to_string(&boards[0].pid).unwrap();
    assert!(Command::new("kill").args(["-KILL", pid_a.trim()]).status().unwrap().success());
    wait_exit(&boards[0], 10).expect("a ended");
    // A third board offers a's draft only, with its first line.
    let c = env.board("c", NOW, "");
    tmux.session("c", 120, 40, &c.script);
    let list = tmux.wait_for_pane("=c:", "the draft list", 15, |s| s.contains("Unsaved intake drafts"));
    assert!(list.contains("DRAFT-OF-A"), "{list}");
    assert!(!list.contains("DRAFT-OF-B"), "a running board's draft is not offered:\n{list}");
    tmux.ok(&["send-keys", "-t", "=c:", "Enter"]);
    let form = tmux.wait_for_pane("=c:", "the restored form", 10, |s| s.contains("New incident"));
    assert!(form.contains("DRAFT-OF-A"), "{form}");
    // b saves: only b's draft goes; the one c adopted stays (now c's).
    tmux.ok(&["send-keys", "-t", "=b:", "C-s"]);
    tmux.wait_for_pane("=b:", "b's saved incident", 15, |s| s.contains("DRAFT-OF-B") && !s.contains("New incident"));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let d = draft_files(&env);
        if d.len() == 1 {
            assert!(d[0].1.contains("DRAFT-OF-A"), "{d:?}");
            break;
        }
        assert!(Instant::now() < deadline, "b's save should remove b's draft only: {d:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    for pane in ["=b:", "=c:"] {
        tmux.ok(&["send-keys", "-t", pane, "Escape"]);
        tmux.ok(&["send-keys", "-t", pane, "-l", "q"]);
        tmux.ok(&["send-keys", "-t", pane, "-l", "y"]);
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
    // A draft left by a board that is gone (its lock file is not held).
    let mut dir = env.db().into_os_string();
    dir.push(".drafts");
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("4242-1.json");
    let draft_text = r#"{"form":"incident","title":"半截的报告"}"#;
    std::fs::write(&draft, draft_text).unwrap();
    let tmux = server("panic");
    let b = env.board("panic", NOW, "DUTYWATCH_DEBUG_PANIC_KEY=1");
    tmux.session("dw", 120, 40, &b.script);
    // The draft found at start-up is offered; picked, it reopens the intake form with its text,
    // and typing more updates it (now this board's own draft).
    tmux.wait_for_pane("dw", "the offered draft", 15, |s| s.contains("半截的报告"));
    tmux.ok(&["send-keys", "-t", "dw", "Enter"]);
    tmux.wait_for_pane("dw", "the restored draft", 15, |s| s.contains("New incident") && s.contains("半截的报告"));
    tmux.ok(&["send-keys", "-t", "dw", "-l", "续"]);
    std::thread::sleep(Duration::from_millis(400));
    tmux.ok(&["send-keys", "-t", "dw", "F12"]);
    let code = wait_exit(&b, 10).unwrap_or_else(|| panic!("no exit after the panic:\n{}", tmux.capture_pane("dw")));
    assert_eq!(code, "exit=101");
    assert_cooked(&b, "a panic");
    let err = std::fs::read_to_string(&b.stderr).unwrap();
    assert!(err.contains("panicked") && err.contains("debug panic"), "the error is printed: {err}");
    assert!(!is_board(&tmux.capture_pane("dw")), "alternate screen left");
    let kept = draft_files(&env);
    assert!(
        kept.len() == 1 && kept[0].1.contains("半截的报告续"),
        "the draft is kept, with the typing up to the panic: {kept:?}"
    );

    // Without the variable F12 does nothing (no draft this time, so the board itself opens).
    std::fs::remove_file(&kept[0].0).unwrap();
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

/// True when the line holds a negative countdown (` -29m`, ` -2h30m`, ` -1d02h`, ` -45s`).
fn has_negative_countdown(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    (1..chars.len()).any(|i| {
        chars[i] == '-'
            && chars[i - 1] == ' '
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            && matches!(chars[i + 1..].iter().find(|c| !c.is_ascii_digit()), Some('s' | 'm' | 'h' | 'd'))
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
    assert!(has_negative_countdown("14:23  电话首报  #2026-0042 山体滑坡 Ⅲ  -19m OVERDUE"));
    assert!(has_negative_countdown(" -1h05m"));
    assert!(!has_negative_countdown("2026-11-22 14:03"));
    assert!(!has_negative_countdown("  19m"));
    assert!(!has_negative_countdown(" #2026-0042"));
}
