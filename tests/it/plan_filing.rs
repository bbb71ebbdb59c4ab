//! The weekly duty plan filed with the upper duty room (issue 18, PR-04) through the binary: refused with
//! the gaps named (nothing recorded) unless --with-gaps; the Markdown sent kept with its SHA-256, equal to
//! what `roster export --format md` prints; the acknowledgement; the Friday 17:00 duty fulfilled by it.

use crate::common;

use common::cli::{Env, assert_error, json_of, run};
use rusqlite::Connection;
use serde_json::Value;
use sha2::{Digest, Sha256};

const WED: &str = "2026-12-02T10:00:00+08:00";
const FRI_EVENING: &str = "2026-12-04T18:00:00+08:00";

fn at(env: &Env, now: &str, args: &[&str]) -> Value {
    json_of(&run(env.cmd_at(now, args)), args)
}

fn filings(env: &Env) -> i64 {
    Connection::open(env.db())
        .expect("open")
        .query_row("SELECT count(*) FROM plan_filing", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_plan_with_gaps_is_refused_naming_them_then_filed_with_them_and_acknowledged() {
    let env = Env::new();
    let out = run(env.cmd_at(WED, &["demo", "--reset", "--no-board"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The demo's roster ends on 12-10: next week has a gap.
    let e =
        assert_error(&run(env.cmd_at(WED, &["roster", "file", "--week", "2026-12-07", "--to", "县应急管理局值班室"])));
    assert!(
        e.contains("2026-12-07") && e.contains("gap") && e.contains("2026-12-10 08:30") && e.contains("--with-gaps"),
        "{e}"
    );
    assert_eq!(filings(&env), 0, "nothing recorded");
    let v = at(
        &env,
        WED,
        &["roster", "file", "--week", "2026-12-09", "--to", "县应急管理局值班室", "--with-gaps", "--json"],
    );
    assert_eq!((v["week"].as_str(), v["recipient"].as_str()), (Some("2026-12-07"), Some("县应急管理局值班室")));
    assert_eq!(v["gaps"].as_array().map(Vec::len), Some(1));
    assert!(v["ack_at"].is_null());
    // What was sent is on record, and its hash is the hash of what the export prints.
    let sha = v["content_sha256"].as_str().expect("sha").to_string();
    let content: String = Connection::open(env.db())
        .expect("open")
        .query_row("SELECT content FROM plan_filing WHERE id = ?1", [v["id"].as_i64().expect("id")], |r| r.get(0))
        .expect("content");
    let hex = |b: &[u8]| Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect::<String>();
    assert_eq!(hex(content.as_bytes()), sha);
    let export = run(env.cmd_at(WED, &["roster", "export", "--format", "md", "--week", "2026-12-07"]));
    assert_eq!(export.stdout.trim_end(), content.trim_end(), "the filing is the exported plan");
    // Friday's duty (next week's plan) is done by the filing, on time.
    let duties = at(&env, FRI_EVENING, &["duty", "list", "--json"]);
    let plan = duties.as_array().expect("array").iter().find(|d| d["name"] == "weekly-plan").expect("duty").clone();
    assert_eq!((plan["state"].as_str(), plan["fulfilled_by"].as_str()), (Some("done"), Some("filing:1")), "{plan}");
    // Acknowledged by the upper room; an unfiled week cannot be.
    let v = at(&env, FRI_EVENING, &["roster", "file", "--ack", "--week", "2026-12-07", "--by", "县值班员李", "--json"]);
    assert_eq!(v["ack_by"], "县值班员李");
    assert!(v["ack_at"].as_str().is_some_and(|t| t.starts_with("2026-12-04T18:00")));
    let e =
        assert_error(&run(env.cmd_at(FRI_EVENING, &["roster", "file", "--ack", "--week", "2026-12-14", "--by", "李"])));
    assert!(e.contains("2026-12-14"), "{e}");
    // The following Friday nothing was filed: the duty is overdue (迟报).
    let duties = at(&env, "2026-12-11T18:00:00+08:00", &["duty", "list", "--open", "--json"]);
    let plan = duties.as_array().expect("array").iter().find(|d| d["name"] == "weekly-plan").expect("duty").clone();
    assert_eq!((plan["state"].as_str(), plan["late"].as_bool()), (Some("overdue"), Some(true)));
    let check = run(env.cmd_at(FRI_EVENING, &["check"]));
    assert_eq!(check.code, 0, "{}", check.stdout);
}
