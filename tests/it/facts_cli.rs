//! Incidents that evolve (issue 15) through the real binary on a real SQLite file: `incident update`
//! makes a new version with who and when (stale versions refused), `incident show --json` carries each
//! figure under its flag's name and each update's changes, reports keep the facts they carried
//! (`reports[].facts`), `export written --report N` drafts that report from its own snapshot (a 续报
//! leads with what changed), a closed incident takes only --cause and --progress as addenda, and bad
//! figures are refused changing nothing.

use crate::common;

use common::cli::{Env, assert_error};
use serde_json::Value;

const COUNTY: &str = "县应急管理局值班室";

fn setup(env: &Env) {
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "张伟", "--roles", "officer"]);
    env.ok(&[
        "incident",
        "add",
        "--title",
        "石门村山体滑坡",
        "--category",
        "natural",
        "--grade",
        "IV",
        "--place",
        "某某镇石门村",
        "--learned",
        "-3h",
        "--trapped",
        "2",
        "--injured",
        "1",
    ]);
}

fn count_rows(env: &Env, table: &str) -> i64 {
    rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_update_is_a_new_version_with_who_and_when_and_show_carries_every_figure() {
    let env = Env::new();
    setup(&env);
    let before = env.show("1");
    for key in ["dead", "injured", "missing", "trapped", "rescued", "evacuated", "place", "cause", "progress"] {
        assert!(before.get(key).is_some(), "{key} missing in {before}");
    }
    assert_eq!((before["trapped"].as_u64(), before["rescued"].as_u64()), (Some(2), Some(0)));
    let v = env.json(&[
        "--as",
        "张伟",
        "incident",
        "update",
        "1",
        "--trapped",
        "0",
        "--rescued",
        "2",
        "--evacuated",
        "56",
        "--progress",
        "被困2人已救出",
        "--at",
        "-1h",
        "--json",
    ]);
    assert_eq!((v["trapped"].as_u64(), v["rescued"].as_u64(), v["evacuated"].as_u64()), (Some(0), Some(2), Some(56)));
    assert_eq!(v["progress"], "被困2人已救出");
    assert_eq!(v["version"].as_i64(), before["version"].as_i64().map(|n| n + 1));
    let updates = v["fact_updates"].as_array().expect("fact_updates");
    assert_eq!(updates.len(), 1);
    let u = &updates[0];
    assert_eq!((u["by"].as_str(), u["addendum"].as_bool()), (Some("张伟"), Some(false)));
    assert!(u["at"].as_str().is_some_and(|t| t.starts_with("2026-11-22T13:03:27+08:00")), "{u}");
    let fields: Vec<(&str, &str, &str)> = u["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| (c["field"].as_str().unwrap_or(""), c["old"].as_str().unwrap_or(""), c["new"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        fields,
        [("trapped", "2", "0"), ("rescued", "0", "2"), ("evacuated", "0", "56"), ("progress", "", "被困2人已救出")]
    );
    // The old row is kept as a version, the update and the row change are audited, a log line says it.
    assert_eq!(count_rows(&env, "incident_version"), 1);
    assert_eq!(count_rows(&env, "fact_update"), 1);
    let audited: i64 = rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row("SELECT count(*) FROM audit_event WHERE action IN ('incident.update', 'fact_update.add')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(audited, 2);
    let text = env.ok(&["incident", "show", "1"]);
    assert!(text.contains("trapped 2 → 0, rescued 0 → 2"), "{text}");
    let zh = common::cli::run(env.cmd_in("zh_CN.UTF-8", &["incident", "show", "1"]));
    assert!(zh.stdout.contains("被困 2 → 0, 获救 0 → 2"), "{}", zh.stdout);
    // `check` finds every new row audited.
    env.ok(&["check"]);
}

#[test]
fn a_stale_version_is_refused_and_nothing_changes() {
    let env = Env::new();
    setup(&env);
    let v = env.show("1")["version"].as_i64().expect("version");
    env.ok(&["incident", "update", "1", "--dead", "1", "--expected-version", &v.to_string()]);
    let out = env.run(&["incident", "update", "1", "--dead", "3", "--expected-version", &v.to_string()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(env.show("1")["dead"].as_u64(), Some(1));
    assert_eq!(count_rows(&env, "fact_update"), 1);
}

#[test]
fn bad_figures_and_empty_updates_are_refused_changing_nothing() {
    let env = Env::new();
    setup(&env);
    for args in [
        &["incident", "update", "1", "--trapped", "-1"][..],
        &["incident", "update", "1", "--rescued", "5000000"],
        &["incident", "update", "1", "--dead", "99999999999"],
        &["incident", "update", "1"],
        &["incident", "update", "1", "--trapped", "2"],
        &["incident", "update", "1", "--at", "2026-11-22 08:00", "--dead", "1"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_error(&out);
    }
    let out = env.run(&["incident", "update", "1", "--trapped", "-1"]);
    assert!(out.stderr.contains("--trapped") && out.stderr.contains("negative"), "{}", out.stderr);
    let out = env.run(&["incident", "update", "1", "--rescued", "5000000"]);
    assert!(out.stderr.contains("rescued") && out.stderr.contains("too large"), "{}", out.stderr);
    assert_eq!(count_rows(&env, "fact_update"), 0);
    assert_eq!(count_rows(&env, "incident_version"), 0);
}

#[test]
fn a_closed_incident_takes_cause_and_progress_as_addenda_only() {
    let env = Env::new();
    setup(&env);
    env.ok(&["incident", "end", "1", "--at", "-10m"]);
    let open: Vec<i64> = env.show("1")["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .filter(|o| matches!(o["state"].as_str(), Some("pending" | "due-soon" | "overdue")))
        .filter_map(|o| o["id"].as_i64())
        .collect();
    for id in open {
        env.ok(&["incident", "waive", "1", "--obligation", &id.to_string(), "--reason", "演练", "--by", "周建国"]);
    }
    env.ok(&["incident", "close", "1"]);
    let closed = env.show("1");
    let out = env.run(&["incident", "update", "1", "--dead", "1"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--cause"), "{}", out.stderr);
    let out = env.run(&["incident", "update", "1", "--cause", "连续强降雨", "--trapped", "0"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let v = env.json(&["incident", "update", "1", "--cause", "连续强降雨致山体失稳", "--json"]);
    // The closed record stays as closed; the addendum stands beside it.
    assert_eq!(v["version"], closed["version"]);
    assert_eq!(v["cause"], closed["cause"]);
    let u = v["fact_updates"].as_array().and_then(|a| a.last()).cloned().expect("addendum");
    assert_eq!(u["addendum"], true);
    assert_eq!(u["changes"][0]["field"], "cause");
}

#[test]
fn reports_keep_what_they_said_and_the_written_draft_of_each_uses_it() {
    let env = Env::new();
    setup(&env);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    env.ok(&["--as", "张伟", "incident", "update", "1", "--trapped", "0", "--rescued", "2", "--at", "-1h"]);
    env.ok(&["incident", "report", "1", "--kind", "followup", "--to", COUNTY, "--channel", "phone", "--at", "-30m"]);
    let v = env.show("1");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 2);
    assert_eq!((reports[0]["facts"]["trapped"].as_u64(), reports[0]["facts"]["rescued"].as_u64()), (Some(2), Some(0)));
    assert_eq!((reports[1]["facts"]["trapped"].as_u64(), reports[1]["facts"]["rescued"].as_u64()), (Some(0), Some(2)));
    let first = reports[0]["id"].as_i64().expect("id").to_string();
    let followup = reports[1]["id"].as_i64().expect("id").to_string();
    let zh = |args: &[&str]| {
        let out = common::cli::run(env.cmd_in("zh_CN.UTF-8", args));
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    // The first report's draft still says 2 trapped, whatever is known now.
    let d = zh(&["export", "written", "1", "--format", "txt", "--report", &first]);
    assert!(d.starts_with("关于石门村山体滑坡的信息专报\n"), "place named once in the title: {d}");
    assert!(d.contains("2人被困") && !d.contains("已救出"), "{d}");
    // The 续报 leads with what changed since the first report, and its figures are its own.
    let d = zh(&["export", "written", "1", "--format", "txt", "--report", &followup]);
    assert!(d.starts_with("关于石门村山体滑坡的续报（一）\n"), "{d}");
    assert!(
        d.contains("续报要点：自电话首报（11月22日11时13分）以来，被困人数由2人变为0人；获救人数由0人变为2人。"),
        "{d}"
    );
    assert!(d.contains("0人被困。已救出被困人员2人。"), "{d}");
    // A report that is not this incident's is refused, naming the ones it has.
    let out = env.run(&["export", "written", "1", "--report", "99"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--report") && out.stderr.contains(&first), "{}", out.stderr);
}

#[test]
fn the_final_draft_gives_cause_final_figures_and_measures() {
    let env = Env::new();
    setup(&env);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    env.ok(&[
        "incident",
        "update",
        "1",
        "--trapped",
        "0",
        "--rescued",
        "2",
        "--cause",
        "连续强降雨致山体失稳",
        "--measures",
        "已疏散群众56人",
    ]);
    env.ok(&["incident", "end", "1", "--at", "-20m"]);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "final",
        "--to",
        COUNTY,
        "--channel",
        "fax",
        "--signer",
        "周建国",
        "--at",
        "-5m",
    ]);
    let id = env.show("1")["reports"].as_array().and_then(|r| r.last()).map(|r| r["id"].to_string()).expect("final");
    let out =
        common::cli::run(env.cmd_in("zh_CN.UTF-8", &["export", "written", "1", "--format", "txt", "--report", &id]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d = out.stdout;
    assert!(d.starts_with("关于石门村山体滑坡的终报\n"), "{d}");
    assert!(d.contains("经调查，事件原因：连续强降雨致山体失稳。"), "{d}");
    assert!(d.contains("最终统计：截至2026年11月22日13时58分，事件已造成0人死亡、1人受伤、0人失踪、0人被困。"), "{d}");
    assert!(d.contains("已疏散群众56人。"), "{d}");
    let _: Value = env.show("1");
}

fn refs(v: &Value) -> Vec<String> {
    v.as_array().expect("list").iter().filter_map(|i| i["ref"].as_str().map(str::to_string)).collect()
}

#[test]
fn the_archive_finds_closed_and_open_incidents_by_each_filter() {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    let add = |title: &str, cat: &str, grade: &str, learned: &str, summary: &str| {
        env.ok(&[
            "incident",
            "add",
            "--title",
            title,
            "--category",
            cat,
            "--grade",
            grade,
            "--learned",
            learned,
            "--summary",
            summary,
        ]);
    };
    add("民房火灾", "accident", "IV", "2026-11-20 09:00", "");
    add("山体滑坡", "natural", "III", "2026-11-21 10:00", "后山滑坡");
    add("仓库起火", "accident", "IV", "2026-11-22 08:00", "疑似火灾");
    // The first one: handled, its duties missed at close (the unit's policy) — a 漏报 on the record.
    env.ok(&["incident", "end", "1", "--at", "2026-11-20 12:00"]);
    std::fs::write(env.cfg.path().join("unit.toml"), missed_policy()).expect("unit.toml");
    env.ok(&["incident", "close", "1"]);
    let all = env.json(&["incident", "list", "--json"]);
    assert_eq!(refs(&all).len(), 3);
    let list = |args: &[&str]| {
        let mut a = vec!["incident", "list", "--json"];
        a.extend_from_slice(args);
        refs(&env.json(&a))
    };
    assert_eq!(list(&["--status", "closed"]), ["2026-0001"]);
    assert_eq!(list(&["--missed"]), ["2026-0001"]);
    assert_eq!(list(&["--category", "natural"]), ["2026-0002"]);
    assert_eq!(list(&["--grade", "IV"]), ["2026-0003", "2026-0001"]);
    // Two Chinese characters are enough, in the title or the summary.
    assert_eq!(list(&["--text", "火灾"]), ["2026-0003", "2026-0001"]);
    assert_eq!(list(&["--text", "滑坡"]), ["2026-0002"]);
    // Days of the learned time, both inclusive.
    assert_eq!(list(&["--from", "2026-11-21", "--to", "2026-11-21"]), ["2026-0002"]);
    assert_eq!(list(&["--from", "2026-11-21"]), ["2026-0003", "2026-0002"]);
    // The 迟报 filter: overdue duties of incidents still open count.
    assert!(list(&["--late"]).contains(&"2026-0001".to_string()));
    // A cut list says how many there are in all.
    let out = env.run(&["incident", "list", "--grade", "IV", "--limit", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1 of 2"), "{}", out.stdout);
    // An unknown value is refused with the valid ones listed.
    let out = env.run(&["incident", "list", "--status", "archived"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("open, ended, closed"), "{}", out.stderr);
    let out = env.run(&["incident", "list", "--category", "fire"]);
    assert!(out.code == 2 && out.stderr.contains("natural, accident"), "{}", out.stderr);
}

/// The shipped unit.toml with `close_with_open = "missed"`.
fn missed_policy() -> String {
    let shipped = dutywatch::config::unit::SHIPPED_UNIT;
    if shipped.contains("close_with_open") {
        shipped
            .lines()
            .map(|l| if l.trim_start().starts_with("close_with_open") { "close_with_open = \"missed\"" } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        format!("close_with_open = \"missed\"\n{shipped}")
    }
}

fn open_ids(v: &Value) -> Vec<i64> {
    v["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .filter(|o| matches!(o["state"].as_str(), Some("pending" | "due-soon" | "overdue")))
        .filter_map(|o| o["id"].as_i64())
        .collect()
}

#[test]
fn a_report_to_the_wrong_recipient_is_corrected_by_a_new_entry_and_its_duty_is_owed_again() {
    let env = Env::new();
    setup(&env);
    // Learned 11:03; the phone report is recorded at 11:13 (telling the county: 报上级值班室 done) —
    // against the wrong room, as it turns out.
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    let before = env.show("1");
    let report = before["reports"][0]["id"].as_i64().expect("report id");
    let done: Vec<i64> = before["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .filter(|o| o["done_at"].as_str().is_some())
        .filter_map(|o| o["id"].as_i64())
        .collect();
    assert!(!done.is_empty(), "{before}");
    let v = env.json(&[
        "incident",
        "correct",
        "1",
        "--report",
        &report.to_string(),
        "--reason",
        "误记报送对象",
        "--by",
        "张伟",
        "--json",
    ]);
    // The report stays on the record, pointing at its correction.
    let r = &v["reports"][0];
    assert_eq!(r["id"].as_i64(), Some(report));
    assert_eq!(
        (r["corrected"]["reason"].as_str(), r["corrected"]["by"].as_str()),
        (Some("误记报送对象"), Some("张伟"))
    );
    // The duties it fulfilled are open again at their original due times; past due, they are overdue.
    for id in &done {
        let o = v["obligations"].as_array().expect("obligations").iter().find(|o| o["id"].as_i64() == Some(*id));
        let o = o.expect("duty");
        let was = before["obligations"].as_array().expect("obligations").iter().find(|b| b["id"] == o["id"]);
        assert_eq!(o["due_at"], was.expect("duty")["due_at"]);
        assert_eq!(o["state"], "overdue", "{o}");
        assert_eq!(o["late"], true);
    }
    // Nothing was deleted: the report row and its step are still there; the corrections (of the report
    // and of the step it recorded) are rows of their own.
    assert_eq!(count_rows(&env, "report"), 1);
    assert_eq!(count_rows(&env, "escalation"), 1);
    assert_eq!(count_rows(&env, "correction"), 2);
    // A correction is not corrected again; a report that does not exist is named as such.
    let out = env.run(&["incident", "correct", "1", "--report", &report.to_string(), "--reason", "x", "--by", "张伟"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("already corrected"), "{}", out.stderr);
    let out = env.run(&["incident", "correct", "1", "--report", "77", "--reason", "x", "--by", "张伟"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no report 77"), "{}", out.stderr);
    assert_eq!(count_rows(&env, "correction"), 2);
    // The real send fills the duty again, late.
    env.ok(&["incident", "report", "1", "--kind", "first-phone", "--to", COUNTY, "--channel", "phone", "--at", "-1m"]);
    let after = env.show("1");
    for id in &done {
        let o = after["obligations"].as_array().expect("obligations").iter().find(|o| o["id"].as_i64() == Some(*id));
        assert_eq!(o.expect("duty")["state"], "done-late");
    }
    env.ok(&["check"]);
}

#[test]
fn correcting_a_report_of_a_closed_incident_reopens_it() {
    let env = Env::new();
    setup(&env);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    env.ok(&["incident", "end", "1", "--at", "-10m"]);
    for id in open_ids(&env.show("1")) {
        env.ok(&["incident", "waive", "1", "--obligation", &id.to_string(), "--reason", "演练", "--by", "周建国"]);
    }
    env.ok(&["incident", "close", "1"]);
    assert_eq!(env.show("1")["status"], "closed");
    let report = env.show("1")["reports"][0]["id"].as_i64().expect("id").to_string();
    let v =
        env.json(&["incident", "correct", "1", "--report", &report, "--reason", "报错事件", "--by", "张伟", "--json"]);
    assert_eq!(v["status"], "ended", "reopened: the ledger applies again");
    assert!(!open_ids(&v).is_empty());
    let out = env.run(&["incident", "close", "1"]);
    assert_eq!(out.code, 1, "refused again while the duty is open: {}", out.stderr);
}

#[test]
fn a_step_and_an_ack_recorded_by_mistake_are_corrected_and_kept() {
    let env = Env::new();
    setup(&env);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    env.ok(&["ack", "1", "--level", "county", "--by", "县值班员李", "--at", "-160m"]);
    let v = env.show("1");
    let step = v["escalations"][0]["id"].as_i64().expect("step id").to_string();
    assert_eq!(v["escalations"][0]["acked_by"], "县值班员李");
    // The ack was someone else's: corrected, its who and when kept in the correction.
    let v =
        env.json(&["incident", "correct", "1", "--ack", &step, "--reason", "非县值班室确认", "--by", "张伟", "--json"]);
    let e = &v["escalations"][0];
    assert!(e["acked_at"].is_null(), "{e}");
    assert_eq!(e["ack_corrected"]["original"]["acked_by"], "县值班员李");
    assert_eq!(e["ack_corrected"]["reason"], "非县值班室确认");
    // The real acknowledgement can be recorded.
    env.ok(&["ack", "1", "--level", "county", "--by", "县值班员王", "--at", "-5m"]);
    assert_eq!(env.show("1")["escalations"][0]["acked_by"], "县值班员王");
    // The step itself: corrected, its duty (报上级值班室) owed again; corrected once only.
    let v = env.json(&["incident", "correct", "1", "--step", &step, "--reason", "误记", "--by", "张伟", "--json"]);
    assert_eq!(v["escalations"][0]["corrected"]["reason"], "误记");
    let upper = v["obligations"].as_array().expect("obligations").iter().find(|o| o["kind"] == "notify-upper").cloned();
    assert_eq!(upper.expect("notify-upper")["state"], "overdue");
    let out = env.run(&["incident", "correct", "1", "--step", &step, "--reason", "x", "--by", "张伟"]);
    assert!(out.code == 2 && out.stderr.contains("already corrected"), "{}", out.stderr);
    let out = env.run(&["incident", "correct", "1", "--ack", "99", "--reason", "x", "--by", "张伟"]);
    assert!(out.code == 2 && out.stderr.contains("no acknowledgement of step 99"), "{}", out.stderr);
    let out = env.run(&["incident", "correct", "1", "--reason", "x", "--by", "张伟"]);
    assert_eq!(out.code, 2, "one of --report, --step, --ack is required");
    env.ok(&["check"]);
}

/// An ack corrected, the step acknowledged again, and that second ack corrected in turn: each ack given
/// is an entry of its own, so `--ack N` corrects the ack standing on step N now. Once that one is
/// corrected too and none is given since, a further `--ack N` is a correction of a correction: refused.
#[test]
fn an_ack_given_again_after_a_correction_can_be_corrected_and_a_correction_cannot() {
    let env = Env::new();
    setup(&env);
    env.ok(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-phone",
        "--to",
        COUNTY,
        "--channel",
        "phone",
        "--at",
        "-170m",
    ]);
    env.ok(&["ack", "1", "--level", "county", "--by", "县值班员李", "--at", "-160m"]);
    let step = env.show("1")["escalations"][0]["id"].as_i64().expect("step id").to_string();
    env.ok(&["incident", "correct", "1", "--ack", &step, "--reason", "非县值班室确认", "--by", "张伟"]);
    env.ok(&["ack", "1", "--level", "county", "--by", "县值班员王", "--at", "-100m"]);
    // The second ack is the one standing: corrected in its turn, with its own who and when kept.
    let v = env.json(&["incident", "correct", "1", "--ack", &step, "--reason", "确认人记错", "--by", "张伟", "--json"]);
    let e = &v["escalations"][0];
    assert!(e["acked_at"].is_null(), "{e}");
    assert_eq!(e["ack_corrected"]["original"]["acked_by"], "县值班员王", "the latest: {e}");
    let all = e["ack_corrections"].as_array().expect("ack_corrections");
    let whom: Vec<(&str, &str)> = all
        .iter()
        .map(|c| (c["original"]["acked_by"].as_str().unwrap_or(""), c["reason"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(whom, [("县值班员李", "非县值班室确认"), ("县值班员王", "确认人记错")]);
    assert_ne!(all[0]["original"]["acked_at"], all[1]["original"]["acked_at"]);
    assert_eq!(count_rows(&env, "correction"), 2);
    // No ack stands now: a third --ack would correct a correction. Refused, nothing written.
    let out = env.run(&["incident", "correct", "1", "--ack", &step, "--reason", "再更正", "--by", "张伟"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("already corrected"), "{}", out.stderr);
    assert_eq!(count_rows(&env, "correction"), 2);
    // Acknowledged a third time, that ack can be corrected again.
    env.ok(&["ack", "1", "--level", "county", "--by", "县值班员赵", "--at", "-50m"]);
    env.ok(&["incident", "correct", "1", "--ack", &step, "--reason", "第三次也错", "--by", "张伟"]);
    assert_eq!(count_rows(&env, "correction"), 3);
    // The human text marks each corrected ack with who and when it was, the reason and who corrected it.
    let out = env.run(&["--lang", "en", "incident", "show", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for needle in [
        "ack corrected [acknowledged",
        "县值班员李]: 非县值班室确认 (张伟",
        "县值班员王]: 确认人记错 (张伟",
        "县值班员赵]: 第三次也错 (张伟",
    ] {
        assert!(out.stdout.contains(needle), "`{needle}` not in:\n{}", out.stdout);
    }
    env.ok(&["check"]);
}

/// A corrected step is marked in `incident show` (human text) with the reason, who and when.
#[test]
fn a_corrected_step_is_marked_in_the_human_text() {
    let env = Env::new();
    setup(&env);
    env.ok(&["escalate", "1", "--to", "county", "--recipient", COUNTY, "--channel", "phone", "--at", "-150m"]);
    let step = env.show("1")["escalations"][0]["id"].as_i64().expect("step id").to_string();
    env.ok(&["incident", "correct", "1", "--step", &step, "--reason", "误记上报", "--by", "张伟"]);
    let out = env.run(&["--lang", "zh", "incident", "show", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("上报已更正: 误记上报 (张伟"), "{}", out.stdout);
    // The board's escalation pane no longer counts the corrected step as sent.
    let store = dutywatch::store::Store::open(&env.db()).unwrap();
    let board = dutywatch::runtime::load::board(&store, chrono::Utc::now()).unwrap();
    let steps = board.steps.values().flatten().map(|e| e.id.to_string()).collect::<Vec<_>>();
    assert!(!steps.contains(&step), "{steps:?}");
    env.ok(&["check"]);
}

#[test]
fn written_reports_record_the_elements_they_lacked_without_being_refused() {
    let env = Env::new();
    setup(&env);
    // Sent while verifying (边核实边报告): no caller, no measures — recorded, and said.
    let out = env.run(&[
        "incident",
        "report",
        "1",
        "--kind",
        "first-written",
        "--to",
        COUNTY,
        "--channel",
        "fax",
        "--signer",
        "周建国",
        "--at",
        "-2h",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("note: elements missing:") && out.stderr.contains("measures taken"), "{}", out.stderr);
    let v = env.show("1");
    let missing: Vec<&str> =
        v["reports"][0]["missing_elements"].as_array().expect("list").iter().filter_map(Value::as_str).collect();
    assert_eq!(missing, ["caller", "contact", "scope", "measures", "needs", "outlook"]);
    // A phone report has no such list.
    env.ok(&["incident", "report", "1", "--kind", "first-phone", "--to", COUNTY, "--channel", "phone", "--at", "-1h"]);
    assert!(env.show("1")["reports"][1]["missing_elements"].is_null());
    // The draft says what it still lacks, on stderr; the archive and stats find it.
    env.ok(&["incident", "update", "1", "--measures", "已疏散群众", "--progress", "险情趋于稳定"]);
    let out = env.run(&["export", "written", "1"]);
    assert!(
        out.code == 0 && out.stderr.contains("elements missing") && !out.stderr.contains("measures"),
        "{}",
        out.stderr
    );
    let v = env.json(&["incident", "list", "--incomplete", "--json"]);
    assert_eq!(refs(&v), ["2026-0001"]);
    let s = env.json(&["stats", "--from", "2026-11-22", "--to", "2026-11-22", "--json"]);
    assert_eq!(s["incomplete_reports"], 1);
}
