//! The CLI contract tests' environment: the real binary run through `assert_cmd` on a database in a
//! temp dir, with an empty config dir, the clock pinned and the language set.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use super::NOW;

/// The language the commands run in unless told otherwise.
pub const ENGLISH: &str = "en_US.UTF-8";

/// A database in a temp dir and an empty config dir, so the user's own config cannot interfere.
pub struct Env {
    pub dir: TempDir,
    pub cfg: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: TempDir::new().unwrap(), cfg: TempDir::new().unwrap() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("dutywatch.db")
    }

    /// `dutywatch --db <db> ARGS…` as a plain process, with the clock pinned at `now`, in `lang`,
    /// config-free: every command of these tests is built here. A test that spawns the binary,
    /// pipes or redirects it takes this one; the others take an `assert_cmd` [`Command`].
    pub fn process_with(&self, lang: &str, now: &str, db: &Path, args: &[&str]) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dutywatch"));
        c.env("DUTYWATCH_CONFIG_DIR", self.cfg.path())
            .env("LANG", lang)
            .env("DUTYWATCH_NOW", now)
            .env_remove("DUTYWATCH_DB")
            .env_remove("LC_ALL")
            .arg("--db")
            .arg(db)
            .args(args);
        c
    }

    /// The process on this env's database at [`NOW`], in English.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        self.process_db(&self.db(), NOW, args)
    }

    /// The process on another database file at `now`, in English.
    pub fn process_db(&self, db: &Path, now: &str, args: &[&str]) -> std::process::Command {
        self.process_with(ENGLISH, now, db, args)
    }

    /// `dutywatch --db <db> ARGS…` with the clock pinned at `now`, in `lang`, config-free.
    pub fn command(&self, lang: &str, now: &str, args: &[&str]) -> Command {
        Command::from_std(self.process_with(lang, now, &self.db(), args))
    }

    /// The command on another database file (a copy, a path to create, a file that is not one),
    /// at [`NOW`], in English.
    pub fn cmd_db(&self, db: &Path, args: &[&str]) -> Command {
        Command::from_std(self.process_db(db, NOW, args))
    }

    /// The command at [`NOW`], in English.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.command(ENGLISH, NOW, args)
    }

    /// The command at `now`, in English.
    pub fn cmd_at(&self, now: &str, args: &[&str]) -> Command {
        self.command(ENGLISH, now, args)
    }

    /// The command at [`NOW`], in `lang`.
    pub fn cmd_in(&self, lang: &str, args: &[&str]) -> Command {
        self.command(lang, NOW, args)
    }

    pub fn run(&self, args: &[&str]) -> Out {
        run(self.cmd(args))
    }

    /// Runs on another database file, at [`NOW`], in English.
    pub fn run_db(&self, db: &Path, args: &[&str]) -> Out {
        run(self.cmd_db(db, args))
    }

    /// Runs at `now`, in English.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Out {
        run(self.cmd_at(now, args))
    }

    /// Runs the binary on `db` as user `nobody` (via `setpriv`; see [`is_root`], [`have_setpriv`]),
    /// in English at [`NOW`]. The binary is copied into the temp dir first, where `nobody` can
    /// execute it (the target dir may not be traversable).
    pub fn as_nobody(&self, db: &Path, args: &[&str]) -> Out {
        let bin = self.dir.path().join("dutywatch-bin");
        if !bin.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_dutywatch"), &bin).unwrap();
            chmod(&bin, 0o755);
        }
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .env("DUTYWATCH_CONFIG_DIR", self.cfg.path())
            .env("LANG", ENGLISH)
            .env("DUTYWATCH_NOW", NOW)
            .env("HOME", self.dir.path())
            .env_remove("DUTYWATCH_DB")
            .arg("--db")
            .arg(db)
            .args(args);
        // The fresh copy can be "Text file busy" for a moment: a process forked by another test
        // thread holds its write descriptor until that child's exec. Try again rather than fail.
        for _ in 0..50 {
            let o = Out::from(c.output().unwrap());
            if !(o.code == 126 && o.stderr.contains("Text file busy")) {
                return o;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Out::from(c.output().unwrap())
    }

    /// Runs and expects exit 0 (for the steps leading up to what a test checks); returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.code, 0, "{args:?}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
        out.stdout
    }

    /// Runs, expects exit 0 and one JSON document on stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        json_of(&self.run(args), args)
    }

    pub fn json_at(&self, now: &str, args: &[&str]) -> Value {
        json_of(&run(self.cmd_at(now, args)), args)
    }

    pub fn show(&self, id: &str) -> Value {
        self.json(&["incident", "show", id, "--json"])
    }
}

/// What a command did: its exit code and its output, as text.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Out {
    fn from(o: Output) -> Out {
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn run(mut c: Command) -> Out {
    Out::from(c.output().unwrap())
}

/// Expects exit 0 (a step leading up to what a test checks).
pub fn assert_ok(out: &Out) {
    assert_eq!(out.code, 0, "exit {}\nstdout: {}\nstderr: {}", out.code, out.stdout, out.stderr);
}

/// Expects exit 0 and one JSON document on stdout.
pub fn json_of(out: &Out, args: &[&str]) -> Value {
    assert_eq!(out.code, 0, "{args:?}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", out.stdout))
}

/// Exit 2 with exactly one `error:` line on stderr, no panic; returns that line.
pub fn assert_error(out: &Out) -> String {
    assert_eq!(out.code, 2, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    assert!(out.stderr.starts_with("error:"), "stderr: {}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "one line: {}", out.stderr);
    out.stderr.trim_end().to_string()
}

/// Parses an RFC 3339 time with an offset (the JSON contract).
pub fn rfc3339(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
}

/// Whether the tests run as root (they can then act as `nobody`, see [`Env::as_nobody`]).
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Whether `setpriv` (util-linux) is installed, for [`Env::as_nobody`].
pub fn have_setpriv() -> bool {
    std::process::Command::new("setpriv").arg("--version").output().map(|o| o.status.success()).unwrap_or(false)
}

pub fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The rows of a table of a database file, read directly.
pub fn count(db: &Path, table: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
