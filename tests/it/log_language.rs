//! The record in the reader's language (issue 13): the lines dutywatch writes itself are stored as an event
//! with a zh-CN body whatever the terminal's language, and shown in the reader's; lines without an
//! event (typed by an officer, or written before) are shown as stored.

use crate::common;

use common::cli::{Env, run};
use dutywatch::domain::LogKind;
use dutywatch::store::log::NewLogEntry;
use serde_json::Value;

const CHINESE: &str = "zh_CN.UTF-8";

fn log_json(env: &Env) -> Vec<Value> {
    env.json(&["log", "list", "--json"]).as_array().expect("array").clone()
}

/// Runs `args` at `now` from an English terminal (`--lang en`); its output, after checking it succeeded.
fn english(env: &Env, now: &str, args: &[&str]) -> String {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    let out = run(env.cmd_at(now, &all));
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

fn line_with<'a>(rows: &'a [Value], word: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["body"].as_str().is_some_and(|b| b.contains(word)))
        .unwrap_or_else(|| panic!("no line with {word}: {rows:#?}"))
}

#[test]
fn a_line_written_in_english_is_stored_in_chinese_and_shown_in_each_readers_language() {
    let env = Env::new();
    // Written by an English terminal (LANG=en, and --lang en).
    let v = env.json(&[
        "--lang",
        "en",
        "incident",
        "add",
        "--title",
        "青山村山体滑坡",
        "--category",
        "natural",
        "--grade",
        "IV",
        "--learned",
        "14:00",
        "--json",
    ]);
    let id = v["id"].as_i64().unwrap().to_string();
    env.ok(&["--lang", "en", "escalate", &id, "--to", "county", "--recipient", "县政府总值班室", "--channel", "phone"]);

    // Stored: the body in zh-CN, the event and its fields in data; JSON keeps the body exact.
    let rows = log_json(&env);
    let received = line_with(&rows, "接报");
    assert!(received["body"].as_str().unwrap().contains("青山村山体滑坡"), "{received}");
    let escalated = line_with(&rows, "上报");
    let body = escalated["body"].as_str().unwrap();
    assert!(body.contains("县值班室") && body.contains("(电话)"), "{body}");
    assert!(!body.contains("escalated"), "no English in the record: {body}");
    let store = dutywatch::store::Store::open(&env.db()).unwrap();
    let stored = store.log_for_incident(id.parse().unwrap()).unwrap();
    let ev = stored.iter().find_map(|e| e.event.clone()).expect("an event on the line");
    assert!(ev.to_data()["event"].as_str().is_some(), "{ev:?}");
    assert!(stored.iter().all(|e| !e.body.contains("received") && !e.body.contains("escalated to")), "{stored:#?}");

    // Shown: in English to an English reader, in Chinese to a Chinese one.
    let en = env.ok(&["log", "list"]);
    assert!(en.contains("escalated to county duty room 县政府总值班室 (phone)"), "{en}");
    assert!(en.contains("received #"), "{en}");
    let zh = run(env.cmd_in(CHINESE, &["log", "list"]));
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    assert!(zh.stdout.contains("上报 县值班室 县政府总值班室 (电话)"), "{}", zh.stdout);
    assert!(!zh.stdout.contains("escalated"), "{}", zh.stdout);
}

#[test]
fn a_line_without_an_event_is_shown_as_stored() {
    let env = Env::new();
    env.ok(&["log", "add", "--kind", "note", "--text", "县应急局来电 asked for the figures"]);
    // A line as an older version wrote it: English text, no event in its data.
    let mut store = dutywatch::store::Store::open(&env.db()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-22T14:00:00+08:00").unwrap().with_timezone(&chrono::Utc);
    let old = NewLogEntry {
        at,
        author: "张三".into(),
        kind: LogKind::System,
        incident_id: None,
        body: "old line: waived by 周建国".into(),
        corrects: None,
        data: Some(serde_json::json!({ "act": "waive" })),
    };
    store.write(|tx| dutywatch::store::log::append(tx, &old, at)).unwrap();
    drop(store);
    for lang in [common::cli::ENGLISH, CHINESE] {
        let out = run(env.cmd_in(lang, &["log", "list"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("old line: waived by 周建国"), "{lang}: {}", out.stdout);
        assert!(out.stdout.contains("县应急局来电 asked for the figures"), "{lang}: {}", out.stdout);
    }
    let rows = log_json(&env);
    assert!(rows.iter().any(|r| r["body"] == "old line: waived by 周建国"), "{rows:#?}");
}

/// The acts that wrote their line in the terminal's language until stop 25 — a routine duty done or
/// waived, a zero report answered by the day's incident report, a shift swapped — now store their
/// event: an English terminal writes Chinese into the record, and each reader sees their own language.
#[test]
fn duty_swap_and_zero_report_lines_are_stored_in_chinese_and_shown_in_each_readers_language() {
    let env = Env::new();
    let july = "2026-07-15T10:00:00+08:00";
    let ok = |now: &str, args: &[&str]| english(&env, now, args);
    for (name, roles) in [("周建国", "leader"), ("张伟", "officer"), ("李强", "officer")] {
        ok(july, &["person", "add", "--name", name, "--roles", roles]);
    }
    // The day's incident report answers the zero report.
    ok(july, &["incident", "add", "--title", "内涝", "--category", "natural", "--grade", "IV", "--learned", "-30m"]);
    ok(
        july,
        &[
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
            "--unverified",
            "测试",
        ],
    );
    ok(july, &["duty", "list"]);
    // The next day's zero report done late with its document; the one after waived by the leader.
    ok("2026-07-16T17:00:00+08:00", &["duty", "done", "zero-report", "--ref", "零报告〔2026〕16号"]);
    ok("2026-07-17T09:00:00+08:00", &["duty", "waive", "zero-report", "--reason", "汛期日报已含", "--by", "周建国"]);
    // A shift swapped, approved by the leader.
    ok(
        "2026-07-17T09:00:00+08:00",
        &["roster", "fill", "--pattern", "daily24", "--from", "2026-07-17", "--to", "2026-07-18", "--officers", "张伟"],
    );
    let shifts = env.json_at("2026-07-17T09:00:00+08:00", &["roster", "list", "--json"]);
    let shift = shifts.as_array().unwrap().iter().find(|s| s["name"] == "张伟").unwrap()["shift_id"].as_i64().unwrap();
    ok(
        "2026-07-17T09:00:00+08:00",
        &["roster", "swap", &shift.to_string(), "--to", "李强", "--reason", "病假", "--approved-by", "周建国"],
    );

    let rows = log_json(&env);
    let stored: Vec<&str> = rows.iter().filter_map(|r| r["body"].as_str()).collect();
    for want in [
        "零报告由当日事件报告代替 2026-07-15 (报告) #",
        "已办 零报告 2026-07-16(迟报) [零报告〔2026〕16号]",
        "免报 零报告 2026-07-17 (周建国: 汛期日报已含)",
        &format!("换班 班次 #{shift} → 李强 (批准: 周建国"),
    ] {
        assert!(stored.iter().any(|b| b.contains(want)), "stored in Chinese: {want}\n{stored:#?}");
    }
    for english in ["zero report fulfilled", "done:", "waived:", "swap:"] {
        assert!(stored.iter().all(|b| !b.contains(english)), "no English in the record: {english}\n{stored:#?}");
    }
    let codes: Vec<&str> = rows.iter().filter_map(|r| r["data"]["event"].as_str()).collect();
    for code in ["zero_report_answered", "duty_done", "duty_waived", "shift_swapped"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    // The swap's line keeps what `stats` and the sheet read: the act and the signature.
    let swap = rows.iter().find(|r| r["data"]["event"] == "shift_swapped").unwrap();
    assert_eq!(
        (swap["data"]["act"].as_str(), swap["data"]["signature"]["by"].as_str()),
        (Some("roster.swap"), Some("周建国"))
    );

    let en = run(env.cmd_at("2026-07-17T09:00:00+08:00", &["--lang", "en", "log", "list"]));
    assert_eq!(en.code, 0, "{}", en.stderr);
    for want in [
        "zero report fulfilled by the day's incident report",
        "done: ",
        "(late) [零报告〔2026〕16号]",
        "waived: ",
        "swap: shift #",
    ] {
        assert!(en.stdout.contains(want), "{want}\n{}", en.stdout);
    }
    let zh = run(env.cmd_in(CHINESE, &["log", "list"]));
    assert_eq!(zh.code, 0, "{}", zh.stderr);
    assert!(zh.stdout.contains("已办 零报告") && zh.stdout.contains("换班 班次"), "{}", zh.stdout);
    assert!(!zh.stdout.contains("done:") && !zh.stdout.contains("swap:"), "{}", zh.stdout);
}

/// A spot check and an equipment check written by an English terminal: their lines are the checks'
/// events, stored in Chinese and shown in each reader's language; the officer's own words stay as typed.
#[test]
fn spot_and_equipment_check_lines_are_stored_in_chinese_and_shown_in_each_readers_language() {
    let env = Env::new();
    let en = |args: &[&str]| english(&env, common::NOW, args);
    en(&[
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
    ]);
    en(&[
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
        "--text",
        "已报修",
    ]);
    let rows = log_json(&env);
    let spot = line_with(&rows, "接受抽查");
    assert_eq!(spot["body"], "接受抽查 县应急管理局 · 接听 是 · 延时 8s · 在岗 是 · 转接 否", "{spot}");
    assert_eq!(
        (spot["data"]["event"].as_str(), spot["data"]["unit"].as_str()),
        (Some("spot_check"), Some("县应急管理局"))
    );
    let equipment = line_with(&rows, "传真 故障");
    assert_eq!(equipment["body"], "电话 正常 · 传真 故障(卡纸) · 已报修", "{equipment}");
    assert_eq!(equipment["data"]["event"], "equipment_check", "{equipment}");

    let shown = env.ok(&["--lang", "en", "log", "list"]);
    assert!(shown.contains("check received from 县应急管理局 · answered yes · delay 8s"), "{shown}");
    assert!(shown.contains("phone OK · fax FAULT(卡纸) · 已报修"), "{shown}");
    let zh = run(env.cmd_in(CHINESE, &["log", "list"]));
    assert!(zh.stdout.contains("接受抽查 县应急管理局") && zh.stdout.contains("传真 故障(卡纸)"), "{}", zh.stdout);
    // The equipment state the board's header reads is kept as before.
    let store = dutywatch::store::Store::open(&env.db()).unwrap();
    let now = chrono::Utc::now() + chrono::Duration::days(3650);
    let status = store.equipment_status(now).unwrap();
    assert!(status.iter().any(|d| d.device == "fax" && !d.ok && d.note == "卡纸"), "{status:?}");
}
