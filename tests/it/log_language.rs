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
