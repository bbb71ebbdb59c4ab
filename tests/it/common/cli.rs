//! The CLI contract tests' environment: the real binary run through `assert_cmd` on a database in a
//! temp dir, with an empty config dir, the clock pinned and the language set.

use std::path::PathBuf;

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

    /// `dutywatch --db <db> ARGS…` with the clock pinned at `now`, in `lang`, config-free.
    pub fn command(&self, lang: &str, now: &str, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("dutywatch").unwrap();
        c.env("DUTYWATCH_CONFIG_DIR", self.cfg.path())
            .env("LANG", lang)
            .env("DUTYWATCH_NOW", now)
            .env_remove("DUTYWATCH_DB")
            .env_remove("LC_ALL")
            .arg("--db")
            .arg(self.db())
            .args(args);
        c
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

pub fn run(mut c: Command) -> Out {
    let o = c.output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Expects exit 0 and one JSON document on stdout.
pub fn json_of(out: &Out, args: &[&str]) -> Value {
    assert_eq!(out.code, 0, "{args:?}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", out.stdout))
}

/// Exit 2 with exactly one `error:` line on stderr and nothing on stdout; returns that line.
pub fn assert_error(out: &Out) -> String {
    assert_eq!(out.code, 2, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    assert!(out.stderr.starts_with("error:"), "stderr: {}", out.stderr);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "one line: {}", out.stderr);
    out.stderr.trim_end().to_string()
}

/// Parses an RFC 3339 time with an offset (the JSON contract).
pub fn rfc3339(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
}
