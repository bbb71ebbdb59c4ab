//! The obligation ledger's CLI contract (issue 11) through the real binary on a real SQLite file: the
//! JSON fields of `incident show` (`obligations[]` with id, kind, state, due_at, done_at, late and, once
//! ended, reason/by/at; `tracking[]` with level, due_at, state, confirmed_at, by), `incident grade --by
//! --at`, `incident waive`, `incident relay`, close refused with exit 1 listing each open duty, written
//! reports by phone refused with exit 2, skip-level detected, and `--as` an unknown name refused.

use crate::common;

use common::NOW;
use common::cli::{Env, assert_error};
use serde_json::Value;

fn people(env: &Env) {
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "张伟", "--roles", "officer"]);
}

fn obligations<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    v["obligations"].as_array().expect("obligations").iter().filter(|o| o["kind"] == kind).collect()
}

#[test]
fn show_lists_every_duty_with_its_state_and_tracking_apart() {
    let env = Env::new();
    people(&env);
    let v = env.json(&[
        "incident",
        "add",
        "--title",
        "山体滑坡",
        "--category",
        "natural",
        "--grade",
        "II",
        "--learned",
        "-30m",
        "--json",
    ]);
    for o in v["obligations"].as_array().expect("array") {
        for key in ["id", "kind", "state", "due_at", "done_at", "late"] {
            assert!(o.get(key).is_some(), "{key} missing in {o}");
        }
        assert!(matches!(o["state"].as_str(), Some("pending" | "due-soon")), "{o}");
        assert!(o["due_at"].as_str().is_some_and(|t| t.ends_with("+08:00")), "unit offset: {o}");
    }
    // A township does not owe the State Council: it tracks it.
    assert!(obligations(&v, "national").is_empty());
    let tracking = v["tracking"].as_array().expect("tracking");
    let levels: Vec<&str> = tracking.iter().filter_map(|t| t["level"].as_str()).collect();
    assert!(levels.contains(&"national") && levels.contains(&"province") && levels.contains(&"city"), "{levels:?}");
    for t in tracking {
        for key in ["level", "due_at", "state", "confirmed_at", "by"] {
            assert!(t.get(key).is_some(), "{key} missing in {t}");
        }
        assert_eq!(t["state"], "open");
    }
    // Confirmed by what the upper room said.
    let v = env.json(&["incident", "relay", "1", "--level", "city", "--by", "市值班员李", "--at", "-1m", "--json"]);
    let city = v["tracking"].as_array().expect("tracking").iter().find(|t| t["level"] == "city").cloned();
    let city = city.expect("city");
    assert_eq!((city["state"].as_str(), city["by"].as_str()), (Some("confirmed"), Some("市值班员李")));
    // No tracking item for a level not tracked.
    let out = env.run(&["incident", "relay", "1", "--level", "county", "--by", "x"]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("level"), "{}", out.stderr);
}

#[test]
fn close_is_refused_listing_open_duties_then_waive_then_close() {
    let env = Env::new();
    people(&env);
    env.ok(&["incident", "add", "--title", "货车侧翻", "--category", "accident", "--grade", "IV"]);
    env.ok(&["incident", "end", "1"]);
    let out = env.run(&["incident", "close", "1"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("final") && out.stderr.contains("id "), "{}", out.stderr);
    let before = env.show("1")["obligations"].as_array().map(Vec::len);
    // Only a leader may waive, and only with a reason.
    let out = env.run(&["incident", "waive", "1", "--kind", "final", "--reason", "x", "--by", "张伟"]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("--by"));
    for kind in ["final", "first-written", "notify-leader", "notify-upper"] {
        env.ok(&["incident", "waive", "1", "--kind", kind, "--reason", "电话已报,领导同意免报", "--by", "周建国"]);
    }
    let v = env.show("1");
    assert_eq!(v["obligations"].as_array().map(Vec::len), before, "nothing vanishes");
    for o in v["obligations"].as_array().expect("array") {
        assert_eq!(o["state"], "waived", "{o}");
        assert_eq!(o["by"], "周建国");
        assert_eq!(o["reason"], "电话已报,领导同意免报");
        assert!(o["at"].as_str().is_some());
    }
    env.ok(&["incident", "close", "1"]);
    assert_eq!(env.show("1")["status"], "closed");
    let s = env.json(&["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--json"]);
    assert_eq!(s["obligations"]["waived"], 4);
    assert!(s["from"].as_str().is_some_and(|t| t.ends_with("+08:00")), "{s}");
}

#[test]
fn written_reports_need_a_written_channel_and_a_leader() {
    let env = Env::new();
    people(&env);
    env.ok(&["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "III"]);
    let out = env.run(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-written",
        "--to",
        "县应急管理局值班室",
        "--channel",
        "phone",
        "--signer",
        "周建国",
    ]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("--channel"), "{}", out.stderr);
    let out = env.run(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-written",
        "--to",
        "县应急管理局值班室",
        "--channel",
        "fax",
        "--signer",
        "张伟",
    ]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("--signer"), "{}", out.stderr);
    // A 续报 before any 首报 is refused; a 终报 before handling ended too.
    let out =
        env.run(&["incident", "report", "1", "--kind", "followup", "--to", "县应急管理局值班室", "--channel", "phone"]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("first report"), "{}", out.stderr);
    let out = env.run(&[
        "incident",
        "report",
        "1",
        "--kind",
        "final",
        "--to",
        "县应急管理局值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
    ]);
    assert_eq!(out.code, 2);
    let v = env.json(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-written",
        "--to",
        "县应急管理局值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
        "--json",
    ]);
    assert_eq!(obligations(&v, "first-written")[0]["state"], "done");
}

#[test]
fn skip_level_is_detected_and_grade_needs_a_leader() {
    let env = Env::new();
    people(&env);
    env.ok(&["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "III", "--learned", "-30m"]);
    let out = env.run(&["escalate", "1", "--to", "city", "--recipient", "市政府总值班室"]);
    assert_eq!(out.code, 2);
    let err = assert_error(&out);
    assert!(err.contains("county"), "the skipped level is named: {err}");
    let v = env.json(&[
        "escalate",
        "1",
        "--to",
        "city",
        "--recipient",
        "市政府总值班室",
        "--skip-level",
        "--reason",
        "县值班室电话占线",
        "--json",
    ]);
    let _ = v;
    let v = env.show("1");
    assert!(!obligations(&v, "notify-leader-after-skip").is_empty());
    let county = obligations(&v, "notify-upper")[0]["state"].as_str().unwrap_or_default().to_string();
    assert!(matches!(county.as_str(), "pending" | "due-soon" | "overdue"), "the county stays owed: {county}");
    // Grade: --by must be a leader; --at is the decision time; nothing is backdated.
    let out = env.run(&["incident", "grade", "1", "II", "--by", "张伟"]);
    assert_eq!(out.code, 2);
    let v = env.json(&["incident", "grade", "1", "II", "--by", "周建国", "--at", "-5m", "--json"]);
    let decided = common::cli::rfc3339(NOW) - chrono::Duration::minutes(5);
    let prov = v["tracking"].as_array().expect("tracking").iter().find(|t| t["level"] == "province").cloned();
    let due = common::cli::rfc3339(prov.expect("province tracked")["due_at"].as_str().expect("due"));
    assert!(due > decided, "counted from the decision");
    // --as must be an active person.
    let out = env.run(&["--as", "无名氏", "incident", "show", "1"]);
    assert_eq!(out.code, 2);
    assert!(assert_error(&out).contains("--as"));
}

/// Rule 10: every time in every JSON output is in the unit's offset, to the second.
#[test]
fn json_times_are_in_the_unit_offset_to_the_second() {
    let env = Env::new();
    people(&env);
    env.ok(&["log", "add", "--kind", "note", "--text", "夜间巡查"]);
    let check = |v: &Value| {
        let text = v.to_string();
        for key in ["\"at\":\"", "\"from\":\"", "\"to\":\""] {
            for part in text.split(key).skip(1) {
                let t = part.split('"').next().unwrap_or_default();
                assert!(t.ends_with("+08:00") && !t.contains('.'), "{key}{t} in {text}");
            }
        }
    };
    check(&env.json(&["log", "list", "--json"]));
    check(&env.json(&["roster", "now", "--json"]));
    check(&env.json(&["stats", "--from", "2026-11-01", "--to", "2026-11-30", "--json"]));
}
