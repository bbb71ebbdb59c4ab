//! Signatures that mean something (issue 14) through the real binary: PINs (bootstrap, a leader
//! authorising a first PIN, a change, wrong PINs recorded, five wrong lock for 10 minutes, the hash
//! absent from every output), handover signatures with PINs or `--unverified`, `require_pin`, and
//! the signing window (refused outside it, a late incoming signature recorded late, each signature a
//! duty-log line).

use crate::common;

use common::cli::{Env, Out, run};
use rusqlite::Connection;
use serde_json::Value;

/// Ten minutes before the 08:30 change of 23 Nov.
const AT: &str = "2026-11-23T08:20:00+08:00";

fn world() -> Env {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "李强", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "张伟", "--roles", "officer"]);
    env.ok(&["person", "add", "--name", "王芳", "--roles", "officer"]);
    at(
        &env,
        AT,
        &[
            "roster",
            "fill",
            "--pattern",
            "daily24",
            "--from",
            "2026-11-22",
            "--to",
            "2026-11-23",
            "--officers",
            "张伟,王芳",
            "--leaders",
            "周建国",
        ],
        "",
    );
    env
}

/// Runs at `now` with `stdin`.
fn at(env: &Env, now: &str, args: &[&str], stdin: &str) -> Out {
    let mut c = env.cmd_at(now, args);
    c.write_stdin(stdin.as_bytes().to_vec());
    run(c)
}

fn ok(out: Out, what: &str) -> Out {
    assert_eq!(out.code, 0, "{what}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
    out
}

fn refused(out: &Out, code: i32, needle: &str) {
    assert_eq!(out.code, code, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    assert!(out.stderr.contains(needle), "`{needle}` not in {}", out.stderr);
}

fn pin(env: &Env, now: &str, who: &str, by: Option<&str>, stdin: &str) -> Out {
    let mut args = vec!["person", "pin", who, "--pin-stdin"];
    if let Some(b) = by {
        args.extend(["--by", b]);
    }
    at(env, now, &args, stdin)
}

fn draft(env: &Env, now: &str) -> String {
    let out = ok(at(env, now, &["handover", "draft", "--json"], ""), "draft");
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    v["id"].as_i64().expect("id").to_string()
}

/// The duty-log lines as an English reader sees them: rendered from their event, which is stored with
/// a Chinese body whatever the terminal's language (issue 13).
fn log_lines(env: &Env) -> Vec<String> {
    let conn = Connection::open(env.db()).expect("open");
    let mut stmt = conn.prepare("SELECT body, data FROM log_entry ORDER BY id").expect("prepare");
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))
        .expect("query")
        .map(|r| {
            let (body, data) = r.expect("row");
            let data: Option<serde_json::Value> = data.map(|d| serde_json::from_str(&d).expect("json"));
            dutywatch::text::log_events::shown(&body, data.as_ref(), dutywatch::domain::Lang::En).into_owned()
        })
        .collect()
}

#[test]
fn pins_bootstrap_leader_authorisation_change_and_the_hash_never_shown() {
    let env = world();
    // An officer's first PIN needs a leader's PIN; no leader has one yet, so only a leader's own.
    refused(&pin(&env, AT, "张伟", None, "2468\n"), 2, "leader");
    ok(pin(&env, AT, "周建国", None, "1357\n"), "bootstrap");
    // Once a leader has a PIN, another leader's first PIN needs one too.
    refused(&pin(&env, AT, "李强", None, "9753\n"), 2, "leader");
    refused(&pin(&env, AT, "张伟", Some("周建国"), "0000\n2468\n"), 2, "wrong PIN");
    ok(pin(&env, AT, "张伟", Some("周建国"), "1357\n2468\n"), "first PIN by a leader");
    // A change needs the old PIN.
    refused(&pin(&env, AT, "张伟", None, "1111\n8642\n"), 2, "wrong PIN");
    ok(pin(&env, AT, "张伟", None, "2468\n8642\n"), "change");
    // A PIN is never taken from argv: there is no flag for it.
    let out = env.run(&["person", "pin", "张伟", "--pin", "1234"]);
    assert_eq!(out.code, 2);
    // The hash is in person_pin only; its snapshot holds a SHA-256 of it.
    let conn = Connection::open(env.db()).expect("open");
    let hash: String =
        conn.query_row("SELECT hash FROM person_pin WHERE person_id = 3", [], |r| r.get(0)).expect("hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let snaps: Vec<String> = conn
        .prepare("SELECT data FROM audit_event WHERE entity = 'person_pin'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    assert!(snaps.iter().all(|s| s.contains("hash_sha256") && !s.contains("argon2")), "{snaps:?}");
    let salt_part = hash.rsplit('$').next().expect("hash part").to_string();
    let id = draft(&env, AT);
    for args in [
        vec!["person", "list", "--json"],
        vec!["check", "--json"],
        vec!["handover", "show", &id, "--json"],
        vec!["handover", "show", &id, "--md"],
        vec!["log", "list", "--json"],
    ] {
        let out = env.run(&args);
        assert!(!out.stdout.contains(&salt_part) && !out.stdout.contains("argon2"), "{args:?}: {}", out.stdout);
    }
    // `check` still sees a swapped hash.
    conn.execute(
        "UPDATE person_pin SET hash = (SELECT hash FROM person_pin WHERE person_id = 1) WHERE person_id = 3",
        [],
    )
    .expect("swap");
    let out = env.run(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("row: person_pin 3, column hash_sha256"), "{}", out.stdout);
}

#[test]
fn handover_signatures_need_the_pin_once_set_and_unverified_is_recorded() {
    let env = world();
    ok(pin(&env, AT, "周建国", None, "1357\n"), "bootstrap");
    ok(pin(&env, AT, "张伟", Some("周建国"), "1357\n2468\n"), "first PIN");
    let id = draft(&env, AT);
    let sign = |who: &str, side: &str, extra: &[&str], stdin: &str| {
        let mut args = vec!["--as", who, "handover", "sign", id.as_str(), side];
        args.extend_from_slice(extra);
        at(&env, AT, &args, stdin)
    };
    // 张伟 has a PIN: neither PIN nor --unverified is refused.
    refused(&sign("张伟", "--outgoing", &[], ""), 2, "PIN");
    refused(&sign("张伟", "--outgoing", &["--pin-stdin"], "0000\n"), 2, "wrong PIN");
    ok(sign("张伟", "--outgoing", &["--pin-stdin"], "2468\n"), "outgoing with PIN");
    // 王芳 has none: she signs by name, and the record says unverified.
    ok(sign("王芳", "--incoming", &[], ""), "incoming without a PIN");
    let lines = log_lines(&env);
    let out_line = lines.iter().find(|l| l.contains("outgoing")).expect("outgoing line");
    assert!(!out_line.contains("unverified"), "{out_line}");
    let in_line = lines.iter().find(|l| l.contains("incoming")).expect("incoming line");
    assert!(in_line.contains("王芳") && in_line.contains("unverified: no PIN set"), "{in_line}");
    // The sheet flags the unverified signature; stats count it.
    let md = env.ok(&["handover", "show", &id, "--md"]);
    assert!(md.contains("Outgoing signature: 张伟 · PIN verified"), "{md}");
    assert!(md.contains("Incoming signature: 王芳 · **UNVERIFIED** (no PIN set)"), "{md}");
    let stats = env.json(&["stats", "--from", "2026-11-22", "--to", "2026-11-24", "--json"]);
    assert_eq!((stats["signatures"].as_i64(), stats["unverified_signatures"].as_i64()), (Some(2), Some(1)), "{stats}");
    // The wrong PIN is on the record.
    let conn = Connection::open(env.db()).expect("open");
    let wrong: i64 = conn
        .query_row("SELECT count(*) FROM pin_attempt WHERE kind = 'wrong' AND person_id = 3", [], |r| r.get(0))
        .expect("count");
    assert_eq!(wrong, 1);
}

#[test]
fn five_wrong_pins_lock_for_ten_minutes_and_unverified_still_lets_the_act_go_on() {
    let env = world();
    ok(pin(&env, AT, "周建国", None, "1357\n"), "bootstrap");
    ok(pin(&env, AT, "张伟", Some("周建国"), "1357\n2468\n"), "first PIN");
    let id = draft(&env, AT);
    let sign = |now: &str, extra: &[&str], stdin: &str| {
        let mut args = vec!["--as", "张伟", "handover", "sign", id.as_str(), "--outgoing"];
        args.extend_from_slice(extra);
        at(&env, now, &args, stdin)
    };
    for i in 0..4 {
        let out = sign(AT, &["--pin-stdin"], "9999\n");
        refused(&out, 2, "wrong PIN");
        assert!(!out.stderr.contains("locked"), "attempt {i}: {}", out.stderr);
    }
    refused(&sign(AT, &["--pin-stdin"], "9999\n"), 2, "locked");
    // Locked: even the right PIN is refused.
    refused(&sign("2026-11-23T08:25:00+08:00", &["--pin-stdin"], "2468\n"), 2, "locked");
    let conn = Connection::open(env.db()).expect("open");
    let locks: i64 =
        conn.query_row("SELECT count(*) FROM pin_attempt WHERE kind = 'lock'", [], |r| r.get(0)).expect("count");
    assert_eq!(locks, 1);
    // Never block the act: --unverified goes on, and says so.
    ok(sign("2026-11-23T08:26:00+08:00", &["--unverified", "PIN locked, leader approved by phone"], ""), "unverified");
    let lines = log_lines(&env);
    assert!(lines.iter().any(|l| l.contains("unverified: PIN locked, leader approved by phone")), "{lines:?}");
}

#[test]
fn after_the_lock_the_right_pin_works_again() {
    let env = world();
    ok(pin(&env, AT, "周建国", None, "1357\n"), "bootstrap");
    for _ in 0..5 {
        let _ = pin(&env, AT, "周建国", None, "0000\n2222\n");
    }
    refused(&pin(&env, "2026-11-23T08:29:00+08:00", "周建国", None, "1357\n2222\n"), 2, "locked");
    ok(pin(&env, "2026-11-23T08:31:00+08:00", "周建国", None, "1357\n2222\n"), "after 10 minutes");
}

#[test]
fn require_pin_refuses_a_signature_without_one() {
    let env = world();
    let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/unit.toml")).expect("unit");
    let unit = shipped.replace("require_pin = false", "require_pin = true");
    assert_ne!(unit, shipped);
    std::fs::write(env.cfg.path().join("unit.toml"), unit).expect("write");
    let id = draft(&env, AT);
    let out = at(&env, AT, &["--as", "张伟", "handover", "sign", &id, "--outgoing"], "");
    refused(&out, 2, "PIN");
    ok(
        at(&env, AT, &["--as", "张伟", "handover", "sign", &id, "--outgoing", "--unverified", "新同事"], ""),
        "unverified",
    );
}

#[test]
fn handover_signing_window_and_late_incoming() {
    let env = world();
    // Drafted in the evening of the 22nd: the 08:30 change is hours away.
    let id = draft(&env, "2026-11-22T20:00:00+08:00");
    let out = at(&env, "2026-11-22T20:00:00+08:00", &["--as", "张伟", "handover", "sign", &id, "--outgoing"], "");
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("2026-11-23 08:00") && out.stderr.contains("2026-11-23 10:30"), "{}", out.stderr);
    ok(at(&env, "2026-11-23T08:05:00+08:00", &["--as", "张伟", "handover", "sign", &id, "--outgoing"], ""), "outgoing");
    // The wrong officer is refused: the incoming signature is the next shift's officer.
    let out = at(&env, "2026-11-23T08:40:00+08:00", &["--as", "张伟", "handover", "sign", &id, "--incoming"], "");
    assert_eq!(out.code, 2, "{}", out.stderr);
    // After the grace period, refused; within it, recorded as late.
    let out = at(&env, "2026-11-23T10:31:00+08:00", &["--as", "王芳", "handover", "sign", &id, "--incoming"], "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    ok(at(&env, "2026-11-23T09:10:00+08:00", &["--as", "王芳", "handover", "sign", &id, "--incoming"], ""), "late");
    let lines = log_lines(&env);
    assert!(lines.iter().any(|l| l.contains("incoming") && l.contains("(late)")), "{lines:?}");
    let conn = Connection::open(env.db()).expect("open");
    let late: i64 = conn
        .query_row("SELECT count(*) FROM audit_event WHERE action = 'handover.sign.incoming.late'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(late, 1);
    // The signed sheet prints the head as it stood at the signature, and the record extends it.
    let md = env.ok(&["handover", "show", &id, "--md"]);
    let head = md
        .lines()
        .find(|l| l.contains("Record head"))
        .and_then(|l| l.split('`').nth(1))
        .expect("head on the sheet")
        .to_string();
    env.ok(&["log", "add", "--kind", "note", "--text", "之后的记录"]);
    let out = env.run(&["check", "--head", &head]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

/// A roster swap's approver signs with their PIN; a standby who covered through that recorded swap
/// is the officer who signs the handover, and the officer replaced no longer may.
#[test]
fn swap_approver_needs_the_pin_and_a_covering_standby_signs_the_handover() {
    let env = world();
    env.ok(&["person", "add", "--name", "赵六", "--roles", "standby,officer"]);
    ok(pin(&env, AT, "周建国", None, "1357\n"), "bootstrap");
    let list: Value = serde_json::from_str(&env.ok(&["roster", "list", "--json"])).expect("json");
    let shift = list
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["name"] == "张伟" && r["role"] == "officer")
        .and_then(|r| r["shift_id"].as_i64())
        .expect("张伟's shift")
        .to_string();
    let swap = |extra: &[&str], stdin: &str| {
        let mut args =
            vec!["roster", "swap", shift.as_str(), "--to", "赵六", "--reason", "病假", "--approved-by", "周建国"];
        args.extend_from_slice(extra);
        at(&env, AT, &args, stdin)
    };
    refused(&swap(&[], ""), 2, "PIN");
    refused(&swap(&["--pin-stdin"], "0000\n"), 2, "wrong PIN");
    ok(swap(&["--pin-stdin"], "1357\n"), "swap with the approver's PIN");
    let lines = log_lines(&env);
    let line = lines.iter().find(|l| l.contains("赵六") && l.contains("周建国")).expect("the swap's log line");
    assert!(!line.contains("unverified"), "{line}");
    let id = draft(&env, AT);
    let out = at(&env, AT, &["--as", "张伟", "handover", "sign", &id, "--outgoing"], "");
    assert_eq!(out.code, 2, "the replaced officer may not sign: {}", out.stderr);
    ok(at(&env, AT, &["--as", "赵六", "handover", "sign", &id, "--outgoing"], ""), "the covering standby signs");
}

/// Runs at `now` in `lang`.
fn at_in(env: &Env, lang: &str, now: &str, args: &[&str], stdin: &str) -> Out {
    let mut c = env.command(lang, now, args);
    c.write_stdin(stdin.as_bytes().to_vec());
    run(c)
}

/// `word/document.xml` of a Word file.
fn docx_document(path: &std::path::Path) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut z = zip::ZipArchive::new(f).expect("a zip file");
    let mut s = String::new();
    z.by_name("word/document.xml").expect("document.xml").read_to_string(&mut s).expect("utf-8");
    s
}

/// The written report (信息专报) flags an unverified 签发 wherever the 签发人 is named, as the
/// handover sheet flags an unverified signature: the header and closing lines of `export written`
/// (md and text) and the 报头 of the Word file, in zh-CN and en. A 签发 verified by the PIN, and a
/// draft (nobody has signed it yet), carry no flag.
#[test]
fn an_unverified_signoff_is_flagged_on_the_written_report_and_its_word_file() {
    const ZH: &str = "zh_CN.UTF-8";
    const EN: &str = "en_US.UTF-8";
    let env = world();
    ok(pin(&env, "2026-11-23T06:00:00+08:00", "周建国", None, "1357\n"), "bootstrap");
    // Two incidents, each with its 书面首报 (the 签发 is a leader's act on a written report): one
    // signed off with the leader's PIN, one without it (the PIN pad is broken), the reason stored
    // with a control character that must not reach any output raw.
    let incident = |title: &str, extra: &[&str], stdin: &str| -> String {
        let add = ok(
            at(
                &env,
                "2026-11-23T07:00:00+08:00",
                &["incident", "add", "--title", title, "--category", "natural", "--grade", "III", "--json"],
                "",
            ),
            "add",
        );
        let v: Value = serde_json::from_str(&add.stdout).expect("json");
        let id = v["id"].as_i64().expect("id").to_string();
        let phone =
            ["incident", "report", &id, "--kind", "first-phone", "--to", "县应急管理局值班室", "--channel", "phone"];
        ok(at_in(&env, ZH, "2026-11-23T07:10:00+08:00", &phone, ""), "phone");
        let mut written = vec![
            "incident",
            "report",
            &id,
            "--kind",
            "first-written",
            "--to",
            "县应急管理局值班室",
            "--channel",
            "fax",
            "--signer",
            "周建国",
        ];
        written.extend_from_slice(extra);
        ok(at_in(&env, ZH, "2026-11-23T07:40:00+08:00", &written, stdin), "written");
        id
    };
    let with_pin = incident("山体滑坡", &["--pin-stdin"], "1357\n");
    let without = incident("道路塌方", &["--unverified", "PIN 键盘故障\u{7}"], "");
    let written_report = |id: &str| -> String {
        let show = env.show(id);
        let r = show["reports"].as_array().expect("reports").iter().find(|r| r["kind"] == "first-written");
        r.and_then(|r| r["id"].as_i64()).unwrap_or_else(|| panic!("no written report: {show}")).to_string()
    };
    let (verified, unverified) = (written_report(&with_pin), written_report(&without));
    let export = |lang: &str, id: &str, extra: &[&str]| {
        let mut a = vec!["export", "written", id];
        a.extend_from_slice(extra);
        ok(at_in(&env, lang, AT, &a, ""), "export").stdout
    };

    // zh, Markdown and text: the header line and the closing 签发人 line both carry the flag.
    let flag = "签发人：周建国（未核验：PIN 键盘故障␇）";
    for format in ["md", "txt"] {
        let out = export(ZH, &without, &["--report", &unverified, "--format", format]);
        assert_eq!(out.matches(flag).count(), 2, "{format}: header and footer flag it:\n{out}");
        assert!(!out.contains('\u{7}'), "{format}: the control character is shown, never sent raw");
        let out = export(ZH, &with_pin, &["--report", &verified, "--format", format]);
        assert!(
            out.contains("签发人：周建国") && !out.contains("未核验"),
            "{format}: a PIN 签发 is not flagged:\n{out}"
        );
    }
    // en.
    let out = export(EN, &without, &["--report", &unverified]);
    assert_eq!(out.matches("Signed off by: 周建国 (unverified: PIN 键盘故障␇)").count(), 2, "{out}");
    let out = export(EN, &with_pin, &["--report", &verified]);
    assert!(out.contains("Signed off by: 周建国") && !out.contains("unverified"), "{out}");
    // A draft of the next report: nobody has signed it yet, so nothing to flag.
    let out = export(ZH, &without, &[]);
    assert!(!out.contains("未核验"), "{out}");

    // The Word file: the 报头's 签发人 (name in 楷体, then the flag) and the closing line.
    let dir = env.dir.path();
    for (lang, name, flag) in
        [(ZH, "zh.docx", "（未核验：PIN 键盘故障␇）"), (EN, "en.docx", " (unverified: PIN 键盘故障␇)")]
    {
        let file = dir.join(name);
        let path = file.to_str().expect("path");
        export(lang, &without, &["--report", &unverified, "--format", "docx", "-o", path]);
        let xml = docx_document(&file);
        assert!(!xml.contains('\u{7}'), "{lang}: no control character in the XML");
        assert!(xml.matches(flag).count() >= 2, "{lang}: 报头 and closing line flag it");
        let file = dir.join(format!("ok-{name}"));
        let path = file.to_str().expect("path");
        export(lang, &with_pin, &["--report", &verified, "--format", "docx", "-o", path]);
        let xml = docx_document(&file);
        assert!(!xml.contains("未核验") && !xml.contains("unverified"), "{lang}: a PIN 签发 is not flagged");
    }
}
