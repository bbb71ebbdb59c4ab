//! The reviewer's desk (issue 16): review mode for every read command (the global `--at`), the
//! item-level period reports against a fixture of known 迟报, 漏报, late acks, late signatures,
//! unanswered spot checks and an equipment fault, the one period parser, and the 通报.
//!
//! The fixture week is written through the real binary, each command at its own pinned clock.

use crate::common;

use common::cli::{Env, assert_error, run};
use serde_json::Value;

/// When the reports are read.
const NOW: &str = "2026-11-25T12:00:00+08:00";

fn at(env: &Env, now: &str, args: &[&str]) {
    let out = run(env.cmd_at(now, args));
    assert_eq!(out.code, 0, "{now} {args:?}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
}

/// 22–25 Nov 2026 (22 Nov is a Sunday). Roster: 甲 / 周建国 on 22 and 24 Nov, 乙 / 李强 on 23 and
/// 25 Nov (duty days from 08:30).
///
/// - #2026-0001 山体滑坡 (natural, IV, 青山村委会), learned 22 Nov 10:00: escalated to the county at
///   10:10, acknowledged 10:40 (30 min: late); 书面首报 due 16:00 sent 16:20 (迟报 20 min).
/// - #2026-0002 货车侧翻 (accident, IV, 县交通局), learned 23 Nov 09:00: escalated 09:10, never
///   acknowledged; 书面首报 due 15:00 never sent (迟报, still owed).
/// - #2026-0003 食物中毒 (health, IV, 青山小学), learned 23 Nov 10:00: escalated 10:05, acknowledged
///   10:10 (on time); 书面首报 due 16:00 waived at 17:00 (after its time: 漏报).
/// - None of the three told the own leader (报本级领导, due 30 min after learning): 迟报, still owed.
/// - Spot checks: 22 Nov 20:00 answered in 8 s; 23 Nov 03:00 not answered; 24 Nov 10:00 answered
///   in 5 s, forwarded.
/// - Equipment: fax in fault from 23 Nov 09:00 (卡纸) until 24 Nov 09:00.
/// - Handover #1 (22→23 Nov): outgoing 甲 08:10, incoming 乙 09:30 (an hour after the change: late).
///   Handover #2 (23→24 Nov): 08:20 and 08:35 (on time).
fn week() -> Env {
    week_capturing(|_, _| {})
}

/// [`week`], calling `capture(env, now)` after each step (at that step's clock).
fn week_capturing(mut capture: impl FnMut(&Env, &str)) -> Env {
    let env = Env::new();
    let s = "2026-11-20T12:00:00+08:00";
    for (name, role) in [("甲", "officer"), ("乙", "officer"), ("周建国", "leader"), ("李强", "leader")] {
        at(&env, s, &["person", "add", "--name", name, "--roles", role]);
    }
    at(
        &env,
        s,
        &[
            "roster",
            "fill",
            "--pattern",
            "daily24",
            "--from",
            "2026-11-22",
            "--to",
            "2026-11-25",
            "--officers",
            "甲,乙",
            "--leaders",
            "周建国,李强",
        ],
    );
    let steps: &[(&str, &[&str])] = &[
        (
            "2026-11-22T09:00:00+08:00",
            &["log", "add", "--kind", "equipment", "--phone", "ok", "--fax", "ok", "--as", "甲"],
        ),
        (
            "2026-11-22T10:00:00+08:00",
            &[
                "incident",
                "add",
                "--title",
                "山体滑坡",
                "--category",
                "natural",
                "--grade",
                "IV",
                "--caller-unit",
                "青山村委会",
                "--as",
                "甲",
            ],
        ),
        (
            "2026-11-22T10:10:00+08:00",
            &["escalate", "2026-0001", "--to", "county", "--recipient", "县应急管理局值班室", "--as", "甲"],
        ),
        ("2026-11-22T10:40:00+08:00", &["ack", "2026-0001", "--level", "county", "--by", "王值班", "--as", "甲"]),
        (
            "2026-11-22T16:20:00+08:00",
            &[
                "incident",
                "report",
                "2026-0001",
                "--kind",
                "first-written",
                "--to",
                "县应急管理局值班室",
                "--channel",
                "fax",
                "--signer",
                "周建国",
                "--as",
                "甲",
            ],
        ),
        (
            "2026-11-22T20:00:00+08:00",
            &[
                "log",
                "add",
                "--kind",
                "spot-check",
                "--direction",
                "received",
                "--unit",
                "县应急管理局",
                "--answered",
                "yes",
                "--delay-seconds",
                "8",
                "--at-post",
                "yes",
                "--as",
                "甲",
            ],
        ),
        (
            "2026-11-23T03:00:00+08:00",
            &[
                "log",
                "add",
                "--kind",
                "spot-check",
                "--direction",
                "received",
                "--unit",
                "市应急管理局",
                "--answered",
                "no",
                "--as",
                "甲",
            ],
        ),
        ("2026-11-23T08:00:00+08:00", &["handover", "draft", "--as", "甲"]),
        ("2026-11-23T08:10:00+08:00", &["handover", "sign", "1", "--outgoing", "--as", "甲"]),
        (
            "2026-11-23T09:00:00+08:00",
            &[
                "incident",
                "add",
                "--title",
                "货车侧翻",
                "--category",
                "accident",
                "--grade",
                "IV",
                "--caller-unit",
                "县交通局",
                "--as",
                "乙",
            ],
        ),
        (
            "2026-11-23T09:00:00+08:00",
            &[
                "log",
                "add",
                "--kind",
                "equipment",
                "--phone",
                "ok",
                "--fax",
                "fault",
                "--device-note",
                "fax=卡纸",
                "--as",
                "乙",
            ],
        ),
        (
            "2026-11-23T09:10:00+08:00",
            &["escalate", "2026-0002", "--to", "county", "--recipient", "县应急管理局值班室", "--as", "乙"],
        ),
        ("2026-11-23T09:30:00+08:00", &["handover", "sign", "1", "--incoming", "--as", "乙"]),
        (
            "2026-11-23T10:00:00+08:00",
            &[
                "incident",
                "add",
                "--title",
                "食物中毒",
                "--category",
                "health",
                "--grade",
                "IV",
                "--caller-unit",
                "青山小学",
                "--as",
                "乙",
            ],
        ),
        (
            "2026-11-23T10:05:00+08:00",
            &["escalate", "2026-0003", "--to", "county", "--recipient", "县应急管理局值班室", "--as", "乙"],
        ),
        ("2026-11-23T10:10:00+08:00", &["ack", "2026-0003", "--level", "county", "--by", "王值班", "--as", "乙"]),
        (
            "2026-11-23T17:00:00+08:00",
            &[
                "incident",
                "waive",
                "2026-0003",
                "--kind",
                "first-written",
                "--reason",
                "已由县卫健局直报",
                "--by",
                "李强",
                "--unverified",
                "无PIN",
            ],
        ),
        ("2026-11-24T08:00:00+08:00", &["handover", "draft", "--as", "乙"]),
        ("2026-11-24T08:20:00+08:00", &["handover", "sign", "2", "--outgoing", "--as", "乙"]),
        ("2026-11-24T08:35:00+08:00", &["handover", "sign", "2", "--incoming", "--as", "甲"]),
        (
            "2026-11-24T09:00:00+08:00",
            &["log", "add", "--kind", "equipment", "--phone", "ok", "--fax", "ok", "--as", "甲"],
        ),
        (
            "2026-11-24T10:00:00+08:00",
            &[
                "log",
                "add",
                "--kind",
                "spot-check",
                "--direction",
                "received",
                "--unit",
                "县应急管理局",
                "--answered",
                "yes",
                "--delay-seconds",
                "5",
                "--at-post",
                "yes",
                "--forwarded",
                "yes",
                "--as",
                "甲",
            ],
        ),
    ];
    for (now, args) in steps {
        at(&env, now, args);
        capture(&env, now);
    }
    env
}

fn report(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--json");
    env.json_at(NOW, &all)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

/// `ref kind class due done late officer leader` of each row.
fn late_rows(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {} {} {} {}",
                s(&i["incident"]["ref"]),
                s(&i["kind"]),
                s(&i["class"]),
                s(&i["due_at"]),
                s(&i["done_at"]),
                s(&i["late_seconds"]),
                i["on_duty"]["officer"].as_array().unwrap().iter().map(s).collect::<Vec<_>>().join(","),
                i["on_duty"]["leader"].as_array().unwrap().iter().map(s).collect::<Vec<_>>().join(","),
            )
        })
        .collect()
}

#[test]
fn reports_give_exactly_the_expected_rows() {
    let env = week();
    // report late: three 报本级领导 still owed, two 书面首报 late (one sent 20 min late, one still owed)
    // and one waived after its time (漏报).
    let late = report(&env, &["late", "--from", "2026-11", "--to", "2026-11"]);
    assert_eq!(
        late_rows(&late),
        [
            "2026-0001 notify-leader late 2026-11-22T10:30:00+08:00 - 264600 甲 周建国",
            "2026-0001 first-written late 2026-11-22T16:00:00+08:00 2026-11-22T16:20:00+08:00 1200 甲 周建国",
            "2026-0002 notify-leader late 2026-11-23T09:30:00+08:00 - 181800 乙 李强",
            "2026-0003 notify-leader late 2026-11-23T10:30:00+08:00 - 178200 乙 李强",
            "2026-0002 first-written late 2026-11-23T15:00:00+08:00 - 162000 乙 李强",
            "2026-0003 first-written missed 2026-11-23T16:00:00+08:00 - - 乙 李强",
        ]
    );
    assert_eq!(late["late"], serde_json::json!({"items": 5, "incidents": 3}));
    assert_eq!(late["missed"], serde_json::json!({"items": 1, "incidents": 1}));
    assert_eq!(late["total"], serde_json::json!({"items": 6, "incidents": 3}));
    assert_eq!(late["by_kind"]["first-written"]["late"], serde_json::json!({"items": 2, "incidents": 2}));
    // Filters: kind, officer, leader, category, grade, reporting unit.
    let only = |args: &[&str]| {
        let mut a = vec!["late", "--from", "2026-11-22", "--to", "2026-11-30"];
        a.extend_from_slice(args);
        late_rows(&report(&env, &a)).len()
    };
    assert_eq!(only(&["--kind", "first-written"]), 3);
    assert_eq!(only(&["--officer", "甲"]), 2);
    assert_eq!(only(&["--leader", "李强"]), 4);
    assert_eq!(only(&["--category", "health"]), 2);
    assert_eq!(only(&["--grade", "III"]), 0);
    assert_eq!(only(&["--unit", "交通"]), 2);
    assert_eq!(only(&["--officer", "甲", "--category", "accident"]), 0);

    // report acks: #0001 acknowledged after 30 min, #0002 never; #0003's 5 min is on time.
    let acks = report(&env, &["acks", "--from", "2026-11-22", "--to", "2026-11-24", "--over", "15m"]);
    let rows: Vec<String> = acks["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {} {}",
                s(&i["incident"]["ref"]),
                s(&i["level"]),
                s(&i["acked_at"]),
                s(&i["acked_by"]),
                s(&i["delay_seconds"]),
                s(&i["on_duty"]["officer"][0])
            )
        })
        .collect();
    assert_eq!(rows, ["2026-0001 county 2026-11-22T10:40:00+08:00 王值班 1800 甲", "2026-0002 county - - - 乙"]);
    assert_eq!(acks["late"], serde_json::json!({"items": 1, "incidents": 1}));
    assert_eq!(acks["never"], serde_json::json!({"items": 1, "incidents": 1}));
    // A longer limit leaves only the one never acknowledged.
    let acks = report(&env, &["acks", "--from", "2026-11-22", "--to", "2026-11-24", "--over", "45m"]);
    assert_eq!(acks["items"].as_array().unwrap().len(), 1);

    // report handovers: #1's incoming signature an hour after the change.
    let h = report(&env, &["handovers", "--from", "2026-11-22", "--to", "2026-11-24", "--late", "30m"]);
    assert_eq!(h["sheets"], 2);
    let items = h["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{h:#}");
    assert_eq!((items[0]["id"].as_i64(), items[0]["incoming_delay_seconds"].as_i64()), (Some(1), Some(3600)));
    assert_eq!(items[0]["problems"], serde_json::json!(["incoming-late"]));
    let h = report(&env, &["handovers", "--from", "2026-11-22", "--to", "2026-11-24", "--late", "90m"]);
    assert!(h["items"].as_array().unwrap().is_empty());

    // report spot-checks: the unanswered one has no delay (not 0 s).
    let sc = report(&env, &["spot-checks", "--from", "2026-11", "--to", "2026-11"]);
    let rows: Vec<String> = sc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {} {} {} {}",
                s(&i["at"]),
                s(&i["unit"]),
                i["answered"],
                s(&i["delay_seconds"]),
                i["at_post"],
                i["forwarded"],
                i["outside_hours"],
                i["weekend"]
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "2026-11-22T20:00:00+08:00 县应急管理局 true 8 true false true true",
            "2026-11-23T03:00:00+08:00 市应急管理局 false - false false true false",
            "2026-11-24T10:00:00+08:00 县应急管理局 true 5 true true false false",
        ]
    );
    assert_eq!(
        (sc["answered"].as_u64(), sc["unanswered"].as_u64(), sc["forwarded"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let count =
        |flag: &str| report(&env, &["spot-checks", "--from", "2026-11", "--to", "2026-11", flag])["total"].as_u64();
    assert_eq!(count("--outside-hours"), Some(2));
    assert_eq!(count("--weekend"), Some(1));
    assert_eq!(count("--holiday"), Some(0));

    // report equipment: the fax, 24 h.
    let eq = report(&env, &["equipment", "--from", "2026-11-22", "--to", "2026-11-30"]);
    let items = eq["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{eq:#}");
    assert_eq!(
        (
            s(&items[0]["device"]),
            s(&items[0]["started_at"]),
            s(&items[0]["repaired_at"]),
            items[0]["duration_seconds"].as_i64()
        ),
        ("fax".into(), "2026-11-23T09:00:00+08:00".into(), "2026-11-24T09:00:00+08:00".into(), Some(86_400))
    );
    // A period starting inside the fault still finds it from its first check.
    let eq = report(&env, &["equipment", "--from", "2026-11-23 12:00", "--to", "2026-11-30"]);
    assert_eq!(s(&eq["items"][0]["started_at"]), "2026-11-23T09:00:00+08:00");
}

#[test]
fn report_text_and_markdown_count_items_and_incidents() {
    let env = week();
    let out = run(env.command("zh_CN.UTF-8", NOW, &["report", "late", "--from", "2026-11", "--to", "2026-11"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("迟报 5 项(3 件)") && out.stdout.contains("漏报 1 项(1 件)"), "{}", out.stdout);
    assert!(out.stdout.contains("未报"), "never sent reads 未报: {}", out.stdout);
    let md = run(env.cmd_at(NOW, &["report", "acks", "--from", "2026-11", "--to", "2026-11", "--md"])).stdout;
    assert!(md.starts_with("# Acknowledgements late or missing"), "{md}");
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 4, "head, rule, two rows: {md}");
}

#[test]
fn report_bad_input_is_one_error_line() {
    let env = week();
    for (args, needle) in [
        (&["report", "late", "--from", "2026-13", "--to", "2026-11"][..], "--from"),
        (&["report", "late", "--from", "2026-11-30", "--to", "2026-11-01"], "--from"),
        (&["report", "acks", "--from", "2026-11", "--to", "2026-11", "--over", "soon"], "--over"),
        (&["report", "late", "--from", "2026-11", "--to", "2026-11", "--category", "weather"], "--category"),
        (&["report", "equipment", "--from", "2026-11", "--to", "2026-11", "--grade", "IV"], "--grade"),
        (&["report", "handovers", "--from", "2026-11", "--to", "2026-11", "--late", "x"], "--late"),
    ] {
        let line = assert_error(&run(env.cmd_at(NOW, args)));
        assert!(line.contains(needle), "{args:?}: {line}");
    }
}

#[test]
fn every_from_to_takes_a_day_a_month_a_time_and_a_relative_time() {
    let env = week();
    // The same month four ways, in three commands.
    for (from, to) in [
        ("2026-11", "2026-11"),
        ("2026-11-01", "2026-11-30"),
        ("2026-11-01 00:00", "2026-12-01 00:00"),
        ("-30d", "now"),
    ] {
        let list = env.json_at(NOW, &["incident", "list", "--from", from, "--to", to, "--json"]);
        assert_eq!(list.as_array().unwrap().len(), 3, "incident list {from} {to}");
        let stats = env.json_at(NOW, &["stats", "--from", from, "--to", to, "--json"]);
        assert_eq!(stats["incidents"], 3, "stats {from} {to}");
        let late = report(&env, &["late", "--from", from, "--to", to]);
        assert_eq!(late["total"]["items"], 6, "report late {from} {to}");
    }
    let log = env
        .json_at(NOW, &["log", "list", "--from", "2026-11-23", "--to", "2026-11-23", "--kind", "spot-check", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    let log = env.json_at(NOW, &["log", "list", "--from", "-2d", "--kind", "spot-check", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 1, "only 24 Nov's check lies within two days of 25 Nov 12:00");
    // The roster's duty days, the same forms.
    let days = |from: &str, to: &str| {
        env.json_at(NOW, &["roster", "list", "--from", from, "--to", to, "--json"]).as_array().unwrap().len()
    };
    assert_eq!(days("2026-11", "2026-11"), days("2026-11-01", "2026-11-30"));
    assert_eq!(days("2026-11-23", "2026-11-23"), 2, "乙 and 李强 on 23 Nov");
    assert_eq!(days("-2d", "-2d"), days("2026-11-23", "2026-11-23"), "-2d from 25 Nov 12:00 is 23 Nov");
}

#[test]
fn global_at_is_review_for_reads_and_refused_for_writes() {
    let env = week();
    let review = |t: &str, args: &[&str]| {
        let mut all = vec!["--at", t];
        all.extend_from_slice(args);
        env.json_at(NOW, &all)
    };
    // incident list: at 22 Nov 16:10 only #0001 existed.
    let list = review("2026-11-22 16:10", &["incident", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().iter().map(|i| s(&i["ref"])).collect::<Vec<_>>(), ["2026-0001"]);
    // incident show: the 书面首报 overdue at 16:10, done late at 16:30; the ack not yet at 10:30.
    let state = |t: &str| {
        let v = review(t, &["incident", "show", "2026-0001", "--json"]);
        let ob = v["obligations"].as_array().unwrap().iter().find(|o| o["kind"] == "first-written").cloned().unwrap();
        (s(&ob["state"]), v["reports"].as_array().unwrap().len(), s(&v["escalations"][0]["acked_at"]))
    };
    assert_eq!(state("2026-11-22 10:30"), ("pending".into(), 0, "-".into()));
    assert_eq!(state("2026-11-22 16:10"), ("overdue".into(), 0, "2026-11-22T10:40:00+08:00".into()));
    assert_eq!(state("2026-11-22 16:30"), ("done-late".into(), 1, "2026-11-22T10:40:00+08:00".into()));
    // #0003's 书面首报 was waived at 17:00 on 23 Nov: overdue just before.
    let v = review("2026-11-23 16:30", &["incident", "show", "2026-0003", "--json"]);
    assert!(
        v["obligations"].as_array().unwrap().iter().any(|o| o["kind"] == "first-written" && o["state"] == "overdue")
    );
    // An incident not yet on the record at T is refused.
    let out = run(env.cmd_at(NOW, &["--at", "2026-11-22 12:00", "incident", "show", "2026-0002"]));
    assert!(assert_error(&out).contains("2026-0002"));
    // log list: up to T.
    let log = review("2026-11-22 12:00", &["log", "list", "--json"]);
    assert!(log.as_array().unwrap().iter().all(|e| s(&e["at"]).as_str() <= "2026-11-22T12:00:00+08:00"));
    assert_eq!(log.as_array().unwrap().len(), 4, "equipment, intake, escalation, ack: {log:#}");
    // handover list/show: #1 awaiting the incoming signature at 09:00, #2 not drafted.
    let list = review("2026-11-23 09:00", &["handover", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["incoming_signed_at"].is_null() && !list[0]["outgoing_signed_at"].is_null());
    let out = run(env.cmd_at(NOW, &["--at", "2026-11-23 09:00", "handover", "show", "2"]));
    assert_eq!(out.code, 2);
    // roster now: 乙 and 李强 on 23 Nov.
    let r = review("2026-11-23 12:00", &["roster", "now", "--json"]);
    assert_eq!((s(&r["officer"][0]["name"]), s(&r["leader"][0]["name"])), ("乙".into(), "李强".into()));
    // stats: as of 22 Nov 16:10 the 书面首报 is still owed past due; as of 16:30 it is done late.
    let st = |t: &str| review(t, &["stats", "--from", "2026-11-22", "--to", "2026-11-22", "--json"]);
    assert_eq!(st("2026-11-22 16:10")["by_kind"]["first-written"]["open_overdue"], 1);
    assert_eq!(st("2026-11-22 16:30")["by_kind"]["first-written"]["done_late"], 1);
    assert_eq!(st("2026-11-22 16:30")["review_at"], "2026-11-22T16:30:00+08:00");
    // report: at 10:30 the county's ack of #0001 (sent 10:10, limit 15 min) had not come; it came at 10:40.
    let acks = |t: &str| {
        let v = review(t, &["report", "acks", "--from", "2026-11-22", "--to", "2026-11-22", "--over", "15m", "--json"]);
        v["items"].as_array().unwrap().iter().map(|i| s(&i["acked_at"])).collect::<Vec<_>>()
    };
    assert_eq!(acks("2026-11-22 10:30"), ["-"]);
    assert_eq!(acks("2026-11-22 11:00"), ["2026-11-22T10:40:00+08:00"]);
    // The 书面首报 of #0001 (due 16:00, sent 16:20): owed past due at 16:10, done late at 16:30.
    let late = |t: &str| {
        let v = review(
            t,
            &["report", "late", "--from", "2026-11-22", "--to", "2026-11-22", "--kind", "first-written", "--json"],
        );
        v["items"].as_array().unwrap().iter().map(|i| s(&i["state"])).collect::<Vec<_>>()
    };
    assert_eq!(late("2026-11-22 16:10"), ["overdue"]);
    assert_eq!(late("2026-11-22 16:30"), ["done-late"]);
    // Handover #1's incoming signature came at 09:30 on 23 Nov: unsigned at 09:20 in review.
    let sheets = review(
        "2026-11-23 09:20",
        &["report", "handovers", "--from", "2026-11-23", "--to", "2026-11-23", "--late", "30m", "--json"],
    );
    assert!(sheets["items"][0]["incoming_signed_at"].is_null(), "{sheets:#}");

    // Writes are refused with exit 2 and change nothing; a subcommand's own --at stays the event time.
    let before = env.json_at(NOW, &["log", "list", "--json"]).as_array().unwrap().len();
    for args in [
        &["--at", "2026-11-23 09:00", "log", "add", "--kind", "note", "--text", "x"][..],
        &["--at", "2026-11-23 09:00", "incident", "add", "--title", "x", "--category", "natural"],
        &["--at", "2026-11-23 09:00", "handover", "draft"],
        &["--at", "2026-11-23 09:00", "ack", "2026-0002", "--level", "county", "--by", "x"],
    ] {
        let line = assert_error(&run(env.cmd_at(NOW, args)));
        assert!(line.contains("read-only"), "{args:?}: {line}");
    }
    // Read commands that cannot show the past say so rather than ignore --at.
    let line = assert_error(&run(env.cmd_at(NOW, &["--at", "2026-11-23 09:00", "person", "list"])));
    assert!(line.contains("cannot show a past moment"), "{line}");
    assert_eq!(env.json_at(NOW, &["log", "list", "--json"]).as_array().unwrap().len(), before);
    at(&env, NOW, &["log", "add", "--kind", "note", "--text", "补记", "--at", "2026-11-25 11:00", "--as", "乙"]);
    // A future review moment is refused.
    assert!(assert_error(&run(env.cmd_at(NOW, &["--at", "2026-11-26 09:00", "incident", "list"]))).contains("future"));
}

#[test]
fn the_tongbao_snapshot() {
    let env = week();
    let out = run(env.command("zh_CN.UTF-8", NOW, &["stats", "--from", "2026-11", "--to", "2026-11", "--md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("tongbao_zh_md", out.stdout);
    let out = run(env.cmd_at(NOW, &["stats", "--from", "2026-11", "--to", "2026-11", "--md"]));
    insta::assert_snapshot!("tongbao_en_md", out.stdout);
}

/// The sheet that was signed is the sheet that is kept: regenerated at the outgoing signature; what
/// became late after it is shown to the incoming officer; review shows the sheet as it stood.
#[test]
fn the_sheet_is_taken_at_the_outgoing_signature() {
    let env = week();
    at(&env, "2026-11-25T07:50:00+08:00", &["handover", "draft", "--as", "甲"]);
    at(
        &env,
        "2026-11-25T07:55:00+08:00",
        &["incident", "add", "--title", "落石", "--category", "natural", "--grade", "IV", "--as", "甲"],
    );
    at(&env, "2026-11-25T08:10:00+08:00", &["handover", "sign", "3", "--outgoing", "--as", "甲"]);
    let show = |now: &str, args: &[&str]| run(env.cmd_at(now, args));
    let sheet = env.json_at("2026-11-25T08:30:00+08:00", &["handover", "show", "3", "--json"]);
    assert_eq!(sheet["sheet"]["generated_at"], "2026-11-25T08:10:00+08:00", "{sheet:#}");
    let received: Vec<String> = sheet["sheet"]["received"].as_array().unwrap().iter().map(|i| s(&i["ref"])).collect();
    assert!(received.contains(&"2026-0004".to_string()), "the incident of 07:55 is on the signed sheet: {received:?}");
    let text = show("2026-11-25T08:30:00+08:00", &["handover", "show", "3"]).stdout;
    assert!(text.contains("Content taken at: 2026-11-25 08:10 (at the outgoing signature)"), "{text}");
    assert!(
        text.contains("Late since the outgoing signature") && text.contains("#2026-0004 落石 · tell own leader"),
        "{text}"
    );
    // On the board's handover screen too: the sheet carries the list before the incoming signature.
    {
        let store = dutywatch::store::Store::open(&env.db()).unwrap();
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-25T08:30:00+08:00").unwrap().with_timezone(&chrono::Utc);
        let board = dutywatch::runtime::load::board(&store, t).unwrap();
        let items = board.late_since_outgoing.get(&3).expect("sheet 3 awaits its incoming signature");
        assert!(items.iter().any(|d| d.reference == "2026-0004" && d.kind.code() == "notify-leader"), "{items:?}");
    }
    // The incoming officer is shown the list as the signature is recorded.
    let out = show("2026-11-25T08:40:00+08:00", &["handover", "sign", "3", "--incoming", "--as", "乙"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("note: Late since the outgoing signature") && out.stderr.contains("落石"),
        "{}",
        out.stderr
    );
    // The signed sheet #1 agrees with `stats` for its watch as of the moment its content was taken.
    let one = env.json_at(NOW, &["handover", "show", "1", "--json"]);
    let taken = s(&one["sheet"]["generated_at"]);
    assert_eq!(taken, "2026-11-23T08:10:00+08:00");
    let st = env
        .json_at(NOW, &["--at", &taken, "stats", "--from", "2026-11-22 08:30", "--to", "2026-11-23 08:30", "--json"]);
    let o = &st["obligations"];
    let late =
        o["done_late"].as_u64().unwrap() + o["open_overdue"].as_u64().unwrap() + o["missed_total"].as_u64().unwrap();
    assert_eq!(one["sheet"]["late"].as_array().unwrap().len() as u64, late, "{st:#}");
    assert_eq!(late, 2, "#0001's 报本级领导 still owed and its 书面首报 sent late");
    // Review: at 08:00 the draft of 07:50 had no 落石, and no signature.
    let then = env.json_at(NOW, &["--at", "2026-11-25 08:00", "handover", "show", "3", "--json"]);
    assert!(then["outgoing_signed_at"].is_null(), "{then:#}");
    assert!(!then["sheet"]["received"].as_array().unwrap().iter().any(|i| i["ref"] == "2026-0004"));
}

/// Review mode in the real binary: `t` to a moment, `[` `]` an hour, `{` `}` the shift changes,
/// Enter on an incident, `h` and `l` show that moment, `w` writes the board to a file.
#[test]
fn review_keys_in_tmux() {
    use common::{Tmux, quote, skip_without_tmux, write_script};
    use std::path::Path;
    if skip_without_tmux() {
        return;
    }
    let env = week();
    let script = env.dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\nexport LANG=en_US.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={NOW}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n{bin} --db {db} --lang en\necho \"exit=$?\"\nexec sleep 120\n",
            cfg = quote(env.cfg.path()),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&env.db()),
        ),
    );
    let tmux = Tmux::new("dutywatch-review-desk");
    tmux.start(120, 40, &script);
    tmux.wait_for("the board", 20, |s| s.contains("Due next"));
    let go = |t: &str| {
        tmux.press("t");
        std::thread::sleep(std::time::Duration::from_millis(300));
        tmux.text(t);
        tmux.press("Enter");
    };
    go("2026-11-22 16:10");
    let screen = tmux.wait_for("review at 16:10", 10, |s| s.contains("REVIEW 2026-11-22 16:10"));
    assert!(screen.contains("山体滑坡") && !screen.contains("货车侧翻"), "only #0001 existed:\n{screen}");
    tmux.press("]");
    tmux.wait_for("an hour on", 10, |s| s.contains("REVIEW 2026-11-22 17:10"));
    tmux.press("[");
    tmux.wait_for("an hour back", 10, |s| s.contains("REVIEW 2026-11-22 16:10"));
    tmux.press("[");
    tmux.wait_for("two hours back", 10, |s| s.contains("REVIEW 2026-11-22 15:10"));
    tmux.press("}");
    tmux.wait_for("the next shift change", 10, |s| s.contains("REVIEW 2026-11-23 08:30"));
    tmux.press("{");
    tmux.wait_for("the previous shift change", 10, |s| s.contains("REVIEW 2026-11-22 08:30"));
    // The board as it stood, to a file beside the database.
    tmux.press("w");
    let file = env.dir.path().join("board-20261122-0830.txt");
    assert!(common::wait_for_file(&file, 10), "{}", tmux.capture());
    assert!(std::fs::read_to_string(&file).unwrap().contains("REVIEW 2026-11-22 08:30"));
    // Enter on the incident: its page at that moment (the 书面首报 overdue at 16:10, not yet sent).
    tmux.press("Escape");
    tmux.wait_for("live", 10, |s| s.contains("Due next") && !s.contains("REVIEW"));
    go("2026-11-22 16:10");
    tmux.wait_for("review at 16:10", 10, |s| s.contains("REVIEW 2026-11-22 16:10"));
    tmux.press("Tab");
    tmux.press("Enter");
    let page = tmux.wait_for("the incident page", 10, |s| s.contains("#2026-0001") && s.contains("OVERDUE"));
    assert!(!page.contains("16:20"), "the report of 16:20 is not on the page at 16:10:\n{page}");
    tmux.press("Escape");
    tmux.wait_for("the board in review", 10, |s| s.contains("Due next") && s.contains("REVIEW"));
    // `h`: the sheets as they stood on 23 Nov 09:00 — #1 signed by 甲 only; `l`: the log up to then.
    tmux.press("Escape");
    tmux.wait_for("live", 10, |s| s.contains("Due next") && !s.contains("REVIEW"));
    go("2026-11-23 09:00");
    tmux.wait_for("review at 09:00", 10, |s| s.contains("REVIEW 2026-11-23 09:00"));
    tmux.press("h");
    let h = tmux.wait_for("the handover list", 10, |s| s.contains("Review list") && s.contains("#1"));
    assert!(!h.contains("#2 "), "sheet #2 was drafted on 24 Nov:\n{h}");
    tmux.press("Escape");
    tmux.press("l");
    let l = tmux.wait_for("the log", 10, |s| s.contains("check received from 市应急管理局"));
    assert!(
        !l.contains("货车侧翻 (") && !l.contains("escalated to county duty room 县应急管理局值班室 (phone)\n"),
        "{l}"
    );
    assert!(!l.contains("09:10"), "nothing after 09:00 in the log:\n{l}");
}

/// The statistics screen at 80×24: the period, the breakdown by officer, numbers beside the bars,
/// and the drill-down from a bar to its items and from an item to its incident.
#[test]
fn statistics_screen_drills_down_to_an_item_in_tmux() {
    use common::{Tmux, quote, skip_without_tmux, write_script};
    use std::path::Path;
    if skip_without_tmux() {
        return;
    }
    let env = week();
    let script = env.dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\nexport LANG=en_US.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={NOW}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n{bin} --db {db} --lang en\necho \"exit=$?\"\nexec sleep 120\n",
            cfg = quote(env.cfg.path()),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&env.db()),
        ),
    );
    let tmux = Tmux::new("dutywatch-stats-screen");
    tmux.start(80, 24, &script);
    tmux.wait_for("the board", 20, |s| s.contains("Due next"));
    tmux.press("s");
    // The worst duty kind first, with its numbers beside the bar.
    let screen = tmux.wait_for("the statistics", 10, |s| s.contains("Deadlines by duty") && s.contains("0✓ 3✗"));
    assert!(screen.contains("Last 30 days") && screen.contains("late 5") && screen.contains("missed 1"), "{screen}");
    tmux.press("o");
    let by_officer = tmux.wait_for("by officer", 10, |s| s.contains("Deadlines by officer"));
    assert!(by_officer.contains("乙") && by_officer.contains("2✓ 4✗"), "{by_officer}");
    tmux.press("o");
    tmux.press("o");
    tmux.wait_for("back to duties", 10, |s| s.contains("Deadlines by duty"));
    tmux.press("p");
    tmux.wait_for("this week", 10, |s| s.contains("This week"));
    tmux.press("p");
    tmux.press("p");
    tmux.press("p");
    tmux.wait_for("the 30 days again", 10, |s| s.contains("Last 30 days"));
    tmux.press("Enter");
    let items = tmux.wait_for("the items of the bar", 10, |s| s.contains("Late and missed reports 3 items"));
    assert!(items.contains("#2026-0002") && items.contains("missed #2026-0003"), "{items}");
    tmux.press("Enter");
    let page = tmux.wait_for("the incident", 10, |s| s.contains("#2026-0001 山体滑坡") && s.contains("What is owed"));
    assert!(page.contains("first report"), "{page}");
}

/// Each read command under review at T shows exactly what it showed live at T: captured after every
/// step of the scripted week (at that step's clock), compared with `--at T` once the week is over.
#[test]
fn review_at_each_step_equals_what_was_live_then() {
    const READS: &[&[&str]] = &[
        &["incident", "list", "--json"],
        &["incident", "show", "2026-0001", "--json"],
        &["log", "list", "--json"],
        &["handover", "list", "--json"],
        &["roster", "now", "--json"],
        &["stats", "--from", "2026-11-22", "--to", "2026-11-24", "--json"],
        // Over more than a year, live statistics read the duties on a second connection beside the
        // incidents (one snapshot); review reads them one by one as they stood: the same figures.
        &["stats", "--from", "2025-11-01", "--to", "2026-11-30", "--json"],
        &["report", "late", "--from", "2026-11-22", "--to", "2026-11-24", "--json"],
        &["report", "acks", "--from", "2026-11-22", "--to", "2026-11-24", "--over", "15m", "--json"],
        &["report", "handovers", "--from", "2026-11-22", "--to", "2026-11-24", "--late", "30m", "--json"],
        &["report", "spot-checks", "--from", "2026-11-22", "--to", "2026-11-24", "--json"],
        &["report", "equipment", "--from", "2026-11-22", "--to", "2026-11-24", "--json"],
    ];
    let mut live: Vec<(String, Vec<Option<Value>>)> = Vec::new();
    let env = week_capturing(|env, now| {
        let got = READS
            .iter()
            .map(|args| {
                let out = run(env.cmd_at(now, args));
                (out.code == 0).then(|| serde_json::from_str(&out.stdout).unwrap())
            })
            .collect();
        // Two steps at the same second: review at that second shows both, so the later capture counts.
        live.retain(|(t, _)| t != now);
        live.push((now.to_string(), got));
    });
    let mut compared = 0;
    for (now, got) in &live {
        for (args, want) in READS.iter().zip(got) {
            let mut all = vec!["--at", now.as_str()];
            all.extend_from_slice(args);
            let out = run(env.cmd_at(NOW, &all));
            let then = (out.code == 0).then(|| serde_json::from_str::<Value>(&out.stdout).unwrap());
            let mut then = then;
            // The review JSON of stats says which moment it is; the live one has none.
            if let Some(Value::Object(m)) = then.as_mut() {
                m.remove("review_at");
            }
            let mut want = want.clone();
            if let Some(Value::Object(m)) = want.as_mut() {
                m.remove("review_at");
            }
            assert_eq!(then, want, "{now} {args:?}");
            compared += 1;
        }
    }
    assert!(compared >= 200, "{compared}");
}

/// The directory on the review board is the directory of the reviewed moment.
#[test]
fn review_board_shows_the_directory_as_it_stood() {
    let env = week();
    let before = env.json_at(NOW, &["contact", "list", "--json"]);
    let old = before.as_array().unwrap().iter().find(|c| c["name"] == "县应急管理局值班室").cloned().unwrap();
    at(&env, "2026-11-25T09:00:00+08:00", &["contact", "edit", "县应急管理局值班室", "--phone", "0851-0000 0000"]);
    let store = dutywatch::store::Store::open(&env.db()).unwrap();
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
    let phone_at = |when: &str| {
        let board = dutywatch::ops::replay::board_at(&store, t(when)).unwrap();
        board.contacts.iter().find(|c| c.contact.name == "县应急管理局值班室").map(|c| c.contact.phone.clone())
    };
    assert_eq!(phone_at("2026-11-24T12:00:00+08:00").as_deref(), old["phone"].as_str());
    assert_eq!(phone_at("2026-11-25T10:00:00+08:00").as_deref(), Some("0851-0000 0000"));
}
