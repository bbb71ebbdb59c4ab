//! The harness of the link tests (issue 20): a real `nats-server -js` on 127.0.0.1 with a random
//! port and a temp store, and watch rooms each with a config dir (`unit.toml` with `[link]`) and a file.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

pub const TOWN: &str = "520424101";
pub const TOWN2: &str = "520424102";
pub const COUNTY: &str = "520424";

pub fn nats_available() -> bool {
    if Command::new("nats-server").arg("--version").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "nats-server is required under CI (apt-get install nats-server)");
    eprintln!("nats-server not found: link test skipped");
    false
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A nats-server with JetStream on a temp store; stopped on drop.
pub struct Nats {
    pub port: u16,
    pub store: TempDir,
    child: Option<Child>,
    config: Option<PathBuf>,
}

impl Nats {
    pub fn start() -> Nats {
        let mut n = Nats { port: free_port(), store: TempDir::new().unwrap(), child: None, config: None };
        n.up();
        n
    }

    pub fn with_config(config: PathBuf, port: u16, store: TempDir) -> Nats {
        let mut n = Nats { port, store, child: None, config: Some(config) };
        n.up();
        n
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn up(&mut self) {
        let mut c = Command::new("nats-server");
        match &self.config {
            Some(cfg) => c.arg("-c").arg(cfg),
            None => c.args(["-js", "-a", "127.0.0.1", "-p", &self.port.to_string(), "-sd"]).arg(self.store.path()),
        };
        self.child = Some(c.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start nats-server"));
        let t = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(t.elapsed() < Duration::from_secs(10), "nats-server did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").arg(c.id().to_string()).status();
            let _ = c.wait();
        }
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One watch room: its own config dir (unit.toml with `[link]`) and database.
pub struct Room {
    pub dir: TempDir,
    pub code: &'static str,
    runner: Option<Child>,
}

pub const SHIPPED_UNIT: &str = include_str!("../../../data/unit.toml");

impl Room {
    pub fn new(code: &'static str, level: &str, link: &str) -> Room {
        let dir = TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("cfg")).unwrap();
        let unit = SHIPPED_UNIT.replace("level = \"township\"", &format!("level = \"{level}\""));
        // [link] goes before the first table so it stays a top-level key set of its own table.
        std::fs::write(dir.path().join("cfg/unit.toml"), format!("{unit}\n[link]\n{link}\n")).unwrap();
        let r = Room { dir, code, runner: None };
        r.ok(&["init"]);
        r
    }

    pub fn town(url: &str) -> Room {
        Room::new(TOWN, "township", &format!("code = \"{TOWN}\"\nservers = [\"{url}\"]\nupper = \"{COUNTY}\"\n"))
    }

    pub fn county(url: &str) -> Room {
        Room::new(
            COUNTY,
            "county",
            &format!("code = \"{COUNTY}\"\nservers = [\"{url}\"]\nlower = [\"{TOWN}\", \"{TOWN2}\"]\n"),
        )
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("room.db")
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin("dutywatch"));
        c.env("DUTYWATCH_CONFIG_DIR", self.dir.path().join("cfg"))
            .env("LANG", "en_US.UTF-8")
            .env_remove("DUTYWATCH_NOW")
            .env_remove("DUTYWATCH_DB")
            .arg("--db")
            .arg(self.db())
            .args(args);
        c
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(out.status.success(), "{} {:?}: {}", self.code, args, String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(&a)).unwrap()
    }

    pub fn status(&self) -> Value {
        self.json(&["link", "status"])
    }

    pub fn start(&mut self, env: &[(&str, &str)]) {
        let mut c = self.cmd(&["link", "run"]);
        for (k, v) in env {
            c.env(k, v);
        }
        self.runner = Some(c.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap());
    }

    /// SIGTERM, and the exit status is 0.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.runner.take() {
            Command::new("kill").arg(c.id().to_string()).status().unwrap();
            let status = c.wait().unwrap();
            assert!(status.success(), "{} link run ended {status:?}", self.code);
        }
    }

    /// Waits for a runner that ends by itself (a test hook aborting it).
    pub fn wait_died(&mut self) {
        let mut c = self.runner.take().expect("running");
        let t = Instant::now();
        loop {
            if let Some(s) = c.try_wait().unwrap() {
                assert!(!s.success(), "the hook should have killed it");
                return;
            }
            assert!(t.elapsed() < Duration::from_secs(60), "runner did not die");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A new incident sent up by system: returns its id.
    pub fn incident_sent_up(&self, title: &str) -> String {
        let v = self.json(&[
            "incident",
            "add",
            "--title",
            title,
            "--category",
            "natural",
            "--grade",
            "IV",
            "--trapped",
            "2",
        ]);
        let id = v["id"].as_i64().unwrap().to_string();
        self.ok(&["escalate", &id, "--to", "county", "--recipient", "县政府总值班室", "--channel", "system"]);
        id
    }

    pub fn incoming(&self) -> Vec<Value> {
        let v = self.json(&["incident", "list", "--limit", "100000"]);
        v.as_array().unwrap().iter().filter(|i| i.get("from").is_some()).cloned().collect()
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        if let Some(mut c) = self.runner.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub fn wait_until(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let t = Instant::now();
    while !f() {
        assert!(t.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

pub fn refs(list: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|i| i["title"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}
