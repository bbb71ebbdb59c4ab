//! Measures big roster imports (issue 12): `cargo run --release --example roster_import`.
//!
//! 1. 100,000 rows into an empty file;
//! 2. 10,000 rows into a file already holding 130,000 shifts.
//!
//! Each import runs the same steps as `dutywatch roster import` (parse and check the CSV, then one
//! `BEGIN IMMEDIATE` transaction through `Store::add_shifts`, with `synchronous=FULL`), timed in
//! this process; when the `dutywatch` binary of the same profile exists beside the examples
//! directory, the real command is timed too, end to end. Prints one line per measurement; no
//! figure is asserted anywhere (README, Performance).
//!
//! Options: `--dir DIR` (default: a new temp dir), `--rows N` (default 100000), `--base N` (default
//! 130000), `--extra N` (default 10000).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use dutywatch::cli::roster_io;
use dutywatch::domain::Role;
use dutywatch::store::Store;
use dutywatch::store::person::PersonInput;

/// People sharing the rows; each holds one 24 h shift a day, so rows never overlap.
const PEOPLE: usize = 150;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn num(name: &str, default: usize) -> usize {
    arg(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `rows` rows, `PEOPLE` people on consecutive 24 h shifts from `first_day`, officer/standby/leader.
fn csv(rows: usize, first_day: NaiveDate) -> String {
    let mut out = String::from("date,role,person,start,end\n");
    for i in 0..rows {
        let person = i % PEOPLE;
        let day = first_day + Duration::days((i / PEOPLE) as i64);
        let next = day + Duration::days(1);
        let role = ["officer", "standby", "leader"][person % 3];
        let _ = writeln!(out, "{day},{role},P{person:03},{day} 08:30,{next} 08:30");
    }
    out
}

fn setup(db: &Path) -> Store {
    let mut store = Store::open(db).expect("open");
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 6, 0, 0).single().expect("now");
    for p in 0..PEOPLE {
        let input = PersonInput {
            name: format!("P{p:03}"),
            phone: String::new(),
            department: String::new(),
            roles: vec![Role::Officer, Role::Standby, Role::Leader],
            active: true,
        };
        store.add_person(&input, now, "bench").expect("person");
    }
    store
}

/// One import through the library, as the CLI does it; returns (parse ms, write ms, rows added).
fn import(store: &mut Store, text: &str, label: &str) -> (f64, f64, usize) {
    let tz = chrono_tz::Asia::Shanghai;
    let t0 = Instant::now();
    let people = store.people().expect("people");
    let rows = roster_io::parse_csv(text, label, tz, &people).expect("parse");
    roster_io::check_lengths(&rows, label, 72).expect("lengths");
    let parsed = t0.elapsed();
    let shifts: Vec<_> = rows.iter().map(|r| r.shift.clone()).collect();
    let t1 = Instant::now();
    let now = Utc::now();
    let out = store.add_shifts(&shifts, now, "bench", &|i| format!("{label}:{}", i + 2)).expect("import");
    (parsed.as_secs_f64() * 1e3, t1.elapsed().as_secs_f64() * 1e3, out.added)
}

/// The `dutywatch` binary of this profile (target/<profile>/dutywatch), if built.
fn binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?.parent()?.join("dutywatch");
    bin.exists().then_some(bin)
}

fn cli_import(db: &Path, file: &Path) -> Option<f64> {
    let bin = binary()?;
    let cfg = db.parent()?.join("config");
    std::fs::create_dir_all(&cfg).ok()?;
    let t = Instant::now();
    let out = Command::new(bin)
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(db)
        .args(["roster", "import"])
        .arg(file)
        .output()
        .ok()?;
    let ms = t.elapsed().as_secs_f64() * 1e3;
    if !out.status.success() {
        eprintln!("cli import failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(ms)
}

fn main() {
    let rows = num("--rows", 100_000);
    let base = num("--base", 130_000);
    let extra = num("--extra", 10_000);
    let tmp = tempfile_dir();
    let dir = arg("--dir").map(PathBuf::from).unwrap_or(tmp);
    std::fs::create_dir_all(&dir).expect("dir");
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");

    // 1. `rows` rows into an empty file (library path, then the CLI on a second file).
    let text = csv(rows, day(2027, 1, 1));
    let db = dir.join("empty.db");
    let mut store = setup(&db);
    let (p, w, added) = import(&mut store, &text, "rows.csv");
    println!(
        "{rows} rows into an empty file: parse {p:.0} ms + write {w:.0} ms = {:.2} s ({added} added)",
        (p + w) / 1e3
    );
    drop(store);
    let file = dir.join("rows.csv");
    std::fs::write(&file, &text).expect("csv");
    let db2 = dir.join("empty-cli.db");
    drop(setup(&db2));
    if let Some(ms) = cli_import(&db2, &file) {
        println!("{rows} rows into an empty file, `dutywatch roster import` end to end: {:.2} s", ms / 1e3);
    }

    // 2. `extra` rows into a file holding `base` shifts.
    let db = dir.join("full.db");
    let mut store = setup(&db);
    let (p, w, _) = import(&mut store, &csv(base, day(2030, 1, 1)), "base.csv");
    println!("(setup: {base} shifts stored in {:.2} s)", (p + w) / 1e3);
    let extra_text = csv(extra, day(2045, 1, 1));
    let db_cli = dir.join("full-cli.db");
    store.backup_to(&db_cli).expect("copy");
    let (p, w, added) = import(&mut store, &extra_text, "extra.csv");
    println!(
        "{extra} rows into a file holding {base} shifts: parse {p:.0} ms + write {w:.0} ms = {:.2} s ({added} added)",
        (p + w) / 1e3
    );
    drop(store);
    let file = dir.join("extra.csv");
    std::fs::write(&file, &extra_text).expect("csv");
    if let Some(ms) = cli_import(&db_cli, &file) {
        println!("{extra} rows into {base} shifts, `dutywatch roster import` end to end: {:.2} s", ms / 1e3);
    }
}

fn tempfile_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("dw-roster-import-{}-{nanos}", std::process::id()))
}
