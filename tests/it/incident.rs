//! The incident CLI contract (issue 4, README, *Command line*) through the real binary, on real SQLite in temp
//! dirs: `incident add` with every flag and its JSON, the obligations planned for each grade under
//! the default and the Henan rule profiles, the report chain (首报, 迟报, numbered 续报), grade
//! changes, end and close, list and show; and bad input, each exit 2 with one `error:` line and
//! nothing changed.

use crate::common;

use std::path::{Path, PathBuf};

use common::NOW;
use common::cli::{Env, assert_error, rfc3339};
use serde_json::Value;

const SHIPPED_UNIT: &str = include_str!("../../data/unit.toml");
const SHIPPED_HENAN: &str = include_str!("../../data/rules/henan.toml");

/// The kinds that come from the deadline rule table (the escalation items are tested in
/// `tests/escalation.rs`).
const DEADLINE_KINDS: &[&str] = &["first-phone", "first-written", "national", "direct-province", "followup", "final"];

/// This file's own steps on the shared environment.
impl Env {
    /// An environment whose config dir holds the shipped `unit.toml` with `rules = "<profile>"`.
    fn with_profile(profile: &str) -> Env {
        let env = Env::new();
        assert!(SHIPPED_UNIT.contains("rules = \"default\""), "the shipped unit.toml names its profile");
        let unit = SHIPPED_UNIT.replace("rules = \"default\"", &format!("rules = \"{profile}\""));
        std::fs::write(env.cfg.path().join("unit.toml"), unit).unwrap();
        env
    }

    /// A file next to the database (rules files for `--rules`).
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    /// `incident add --json` with a title, a category and whatever else is given.
    fn add(&self, extra: &[&str]) -> Value {
        let mut args = vec!["incident", "add", "--category", "natural", "--json"];
        if !extra.contains(&"--title") {
            args.extend(["--title", "山体滑坡"]);
        }
        args.extend_from_slice(extra);
        self.leader();
        self.json(&args)
    }

    /// Waives every open duty of an incident (a leader's decision), so that it may close (issue 11).
    fn waive_open(&self, id: &str) {
        let v = self.show(id);
        let kinds: std::collections::BTreeSet<String> = v["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| matches!(o["state"].as_str(), Some("pending" | "due-soon" | "overdue")))
            .map(|o| o["kind"].as_str().unwrap().to_string())
            .collect();
        for k in kinds {
            self.ok(&["incident", "waive", id, "--kind", &k, "--reason", "测试:领导同意免报", "--by", "周建国"]);
        }
    }

    /// The leader who signs written reports and decides grades (issue 11: an active person with the
    /// leader role). Added once.
    fn leader(&self) {
        let _ = self.run(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    }

    fn list(&self) -> Value {
        self.json(&["incident", "list", "--json"])
    }
}

/// An obligation as the JSON gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ob {
    kind: String,
    due_at: String,
    done_at: Option<String>,
    late: bool,
}

fn obligations(v: &Value) -> Vec<Ob> {
    v["obligations"]
        .as_array()
        .unwrap_or_else(|| panic!("no obligations array in {v}"))
        .iter()
        .map(|o| Ob {
            kind: o["kind"].as_str().unwrap_or_else(|| panic!("kind in {o}")).to_string(),
            due_at: o["due_at"].as_str().unwrap_or_else(|| panic!("due_at in {o}")).to_string(),
            done_at: match &o["done_at"] {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => panic!("done_at is {other}"),
            },
            late: o["late"].as_bool().unwrap_or_else(|| panic!("late in {o}")),
        })
        .collect()
}

/// The obligations of one kind, in the order given.
fn of_kind(v: &Value, kind: &str) -> Vec<Ob> {
    obligations(v).into_iter().filter(|o| o.kind == kind).collect()
}

/// The one obligation of a kind.
fn one(v: &Value, kind: &str) -> Ob {
    let all = of_kind(v, kind);
    assert_eq!(all.len(), 1, "exactly one `{kind}` in {:#?}", obligations(v));
    all.into_iter().next().unwrap()
}

/// (kind, due_at) of the deadline-rule obligations, sorted by kind.
/// The deadline-table items of an incident of this (township) unit. The report to the State Council is
/// relayed by the chain, so it is the tracking item for the national level (issue 11, rule 8).
fn deadline_plan(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = obligations(v)
        .into_iter()
        .filter(|o| DEADLINE_KINDS.contains(&o.kind.as_str()))
        .map(|o| (o.kind, o.due_at))
        .collect();
    for t in v["tracking"].as_array().into_iter().flatten() {
        if t["level"] == "national" {
            out.push(("national".into(), t["due_at"].as_str().unwrap_or_default().to_string()));
        }
    }
    out.sort();
    out
}

/// The expected table as a township owes it: henan's direct report to the province binds counties and
/// cities only (a township's report reaches the province through the county).
fn expected(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        rows.iter().filter(|(k, _)| *k != "direct-province").map(|(k, t)| (k.to_string(), t.to_string())).collect();
    out.sort();
    out
}

fn id_of(v: &Value) -> String {
    v["id"].as_i64().unwrap_or_else(|| panic!("id in {v}")).to_string()
}

#[test]
fn add_with_every_flag_prints_the_contract_json() {
    let env = Env::new();
    let v = env.json(&[
        "incident",
        "add",
        "--title",
        "青山村山体滑坡",
        "--category",
        "natural",
        "--grade",
        "III",
        "--occurred",
        "13:40",
        "--learned",
        "2026-11-22 13:52",
        "--place",
        "青山镇青山村三组",
        "--source",
        "grid",
        "--caller-unit",
        "青山村委会",
        "--caller-name",
        "王立群",
        "--caller-title",
        "村支书",
        "--caller-phone",
        "138 0000 1111",
        "--informed",
        "已报镇国土所",
        "--dead",
        "1",
        "--injured",
        "2",
        "--missing",
        "3",
        "--trapped",
        "4",
        "--summary",
        "连续降雨引发山体滑坡\n冲毁民房两间",
        "--measures",
        "已疏散群众40人",
        "--needs",
        "请求派出救援队",
        "--cause",
        "连续强降雨",
        "--json",
    ]);
    for key in ["id", "ref", "title", "category", "grade", "occurred_at", "learned_at", "status", "obligations"] {
        assert!(!v[key].is_null(), "`{key}` missing in {v:#}");
    }
    assert!(v["escalations"].is_array(), "`escalations` is an array: {v:#}");
    assert_eq!(v["escalations"].as_array().unwrap().len(), 0);
    assert!(v["id"].is_i64());
    let reference = v["ref"].as_str().unwrap();
    assert!(reference.starts_with("2026-") && reference.len() == 9, "ref like 2026-0001: {reference}");
    assert_eq!(v["title"], "青山村山体滑坡");
    assert_eq!(v["category"], "natural");
    assert_eq!(v["grade"], "III");
    assert_eq!(v["status"], "open");
    assert_eq!(rfc3339(v["occurred_at"].as_str().unwrap()), rfc3339("2026-11-22T13:40:00+08:00"));
    assert_eq!(rfc3339(v["learned_at"].as_str().unwrap()), rfc3339("2026-11-22T13:52:00+08:00"));
    for (key, want) in [
        ("place", "青山镇青山村三组"),
        ("source", "grid"),
        ("caller_unit", "青山村委会"),
        ("caller_name", "王立群"),
        ("caller_title", "村支书"),
        ("caller_phone", "138 0000 1111"),
        ("informed", "已报镇国土所"),
        ("summary", "连续降雨引发山体滑坡\n冲毁民房两间"),
        ("measures", "已疏散群众40人"),
        ("needs", "请求派出救援队"),
        ("cause", "连续强降雨"),
    ] {
        assert_eq!(v[key], want, "`{key}` in {v:#}");
    }
    for (key, want) in [("dead", 1), ("injured", 2), ("missing", 3), ("trapped", 4)] {
        assert_eq!(v[key], want, "`{key}`");
    }
    // Every obligation has kind, due_at (RFC 3339 with offset), done_at and late.
    let obs = v["obligations"].as_array().unwrap();
    assert!(!obs.is_empty());
    for o in obs {
        for key in ["kind", "due_at", "done_at", "late"] {
            assert!(o.get(key).is_some(), "`{key}` missing in {o}");
        }
        let due = rfc3339(o["due_at"].as_str().unwrap());
        assert!(due >= rfc3339("2026-11-22T13:52:00+08:00"), "nothing due before learned-at: {o}");
        assert!(o["done_at"].is_null() && o["late"] == false, "{o}");
    }
    // `show --json` prints the same document, by id and by reference.
    assert_eq!(env.show(&id_of(&v)), v);
    assert_eq!(env.show(reference), v);
}

/// The same field must read the same in `list --json` and `show --json`, and all times of one
/// document in the unit's offset like the obligations' (README, *Command line*: "RFC 3339 in the unit's offset").
#[test]
fn json_times_use_the_units_offset_everywhere() {
    let env = Env::new();
    let v = env.add(&["--grade", "III", "--learned", "14:00", "--occurred", "13:50"]);
    let list = env.list();
    let row = &list.as_array().unwrap()[0];
    assert_eq!(v["learned_at"], row["learned_at"], "show and list agree");
    assert_eq!(v["occurred_at"], row["occurred_at"], "show and list agree");
    assert_eq!(v["learned_at"], "2026-11-22T14:00:00+08:00");
}

/// One row of a planning table: the grade, learned-at, and the deadline obligations expected.
type PlanRow<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn check_plan(env: &Env, extra: &[&str], rows: &[PlanRow<'_>]) {
    for (grade, learned, want) in rows {
        let mut args: Vec<&str> = extra.to_vec();
        args.extend(["incident", "add", "--title", "山体滑坡", "--category", "natural", "--json"]);
        args.extend(["--grade", grade, "--learned", learned]);
        let v = env.json(&args);
        assert_eq!(deadline_plan(&v), expected(want), "grade {grade}, learned {learned}, {extra:?}");
        for o in obligations(&v) {
            assert!(
                rfc3339(&o.due_at) >= rfc3339(v["learned_at"].as_str().unwrap()),
                "nothing due before learned-at: {o:?}"
            );
        }
    }
}

const DEFAULT_TABLE: &[PlanRow<'static>] = &[
    (
        "I",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:30:00+08:00"),
            ("first-written", "2026-11-22T15:00:00+08:00"),
            ("national", "2026-11-22T18:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    (
        "II",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:30:00+08:00"),
            ("first-written", "2026-11-22T15:00:00+08:00"),
            ("national", "2026-11-22T18:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    (
        "III",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:30:00+08:00"),
            ("first-written", "2026-11-22T15:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    ("IV", "14:00", &[("first-written", "2026-11-22T20:00:00+08:00")]),
    // Unknown is planned as Ⅲ.
    (
        "unknown",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:30:00+08:00"),
            ("first-written", "2026-11-22T15:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    // Learned late yesterday: written due 17:30, so the first follow-up is today's 08:00.
    (
        "III",
        "2026-11-21 16:30",
        &[
            ("first-phone", "2026-11-21T17:00:00+08:00"),
            ("first-written", "2026-11-21T17:30:00+08:00"),
            ("followup", "2026-11-22T08:00:00+08:00"),
        ],
    ),
    // Just before midnight: written due 00:50, follow-up at 08:00 the next morning.
    (
        "II",
        "2026-11-21 23:50",
        &[
            ("first-phone", "2026-11-22T00:20:00+08:00"),
            ("first-written", "2026-11-22T00:50:00+08:00"),
            ("national", "2026-11-22T03:50:00+08:00"),
            ("followup", "2026-11-22T08:00:00+08:00"),
        ],
    ),
    // Written due exactly 08:00: the follow-up is the next slot, 17:00, not the same instant.
    (
        "III",
        "07:00",
        &[
            ("first-phone", "2026-11-22T07:30:00+08:00"),
            ("first-written", "2026-11-22T08:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    ("IV", "2026-11-21 20:00", &[("first-written", "2026-11-22T02:00:00+08:00")]),
];

const HENAN_TABLE: &[PlanRow<'static>] = &[
    (
        "I",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:15:00+08:00"),
            ("first-written", "2026-11-22T14:35:00+08:00"),
            ("direct-province", "2026-11-22T14:15:00+08:00"),
            ("national", "2026-11-22T18:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    (
        "II",
        "14:00",
        &[
            ("first-phone", "2026-11-22T14:15:00+08:00"),
            ("first-written", "2026-11-22T14:35:00+08:00"),
            ("direct-province", "2026-11-22T14:15:00+08:00"),
            ("national", "2026-11-22T18:00:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    ("III", "14:00", &[("first-written", "2026-11-22T15:00:00+08:00"), ("followup", "2026-11-22T17:00:00+08:00")]),
    ("IV", "14:00", &[("first-written", "2026-11-22T20:00:00+08:00")]),
    ("unknown", "14:00", &[("first-written", "2026-11-22T15:00:00+08:00"), ("followup", "2026-11-22T17:00:00+08:00")]),
    // Written due 07:35: follow-up at 08:00 the same morning.
    (
        "II",
        "07:00",
        &[
            ("first-phone", "2026-11-22T07:15:00+08:00"),
            ("first-written", "2026-11-22T07:35:00+08:00"),
            ("direct-province", "2026-11-22T07:15:00+08:00"),
            ("national", "2026-11-22T11:00:00+08:00"),
            ("followup", "2026-11-22T08:00:00+08:00"),
        ],
    ),
    // Written due 08:05: just past the morning slot, so 17:00.
    (
        "I",
        "07:30",
        &[
            ("first-phone", "2026-11-22T07:45:00+08:00"),
            ("first-written", "2026-11-22T08:05:00+08:00"),
            ("direct-province", "2026-11-22T07:45:00+08:00"),
            ("national", "2026-11-22T11:30:00+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ],
    ),
    // Learned 16:30 yesterday: written 17:30, follow-up 08:00 today.
    (
        "III",
        "2026-11-21 16:30",
        &[("first-written", "2026-11-21T17:30:00+08:00"), ("followup", "2026-11-22T08:00:00+08:00")],
    ),
];

#[test]
fn obligations_by_grade_under_the_default_profile() {
    check_plan(&Env::new(), &[], DEFAULT_TABLE);
}

#[test]
fn obligations_by_grade_under_henan_via_rules_flag() {
    let env = Env::new();
    let rules = env.file("henan-copy.toml", SHIPPED_HENAN);
    let rules = rules.to_str().unwrap().to_string();
    check_plan(&env, &["--rules", &rules], HENAN_TABLE);
}

#[test]
fn obligations_by_grade_under_henan_via_unit_toml() {
    check_plan(&Env::with_profile("henan"), &[], HENAN_TABLE);
}

#[test]
fn a_unit_toml_naming_the_default_profile_plans_the_default_table() {
    check_plan(&Env::with_profile("default"), &[], &DEFAULT_TABLE[..5]);
}

#[test]
fn first_phone_report_marks_the_obligation_done_on_time() {
    let env = Env::new();
    let v = env.add(&["--grade", "III", "--learned", "14:00"]);
    let id = id_of(&v);
    assert_eq!(one(&v, "first-phone").done_at, None);
    let v = env.json(&[
        "incident",
        "report",
        &id,
        "--kind",
        "first-phone",
        "--to",
        "县政府总值班室",
        "--channel",
        "phone",
        "--json",
    ]);
    let ob = one(&v, "first-phone");
    assert_eq!(ob.due_at, "2026-11-22T14:30:00+08:00");
    assert_eq!(rfc3339(ob.done_at.as_deref().expect("done_at set")), rfc3339(NOW));
    assert!(!ob.late, "{ob:?}");
    let state = v["obligations"].as_array().unwrap().iter().find(|o| o["kind"] == "first-phone").unwrap();
    assert_eq!(state["state"], "done");
    // The written report is still owed.
    assert_eq!(one(&v, "first-written").done_at, None);
    // The report is in the chain, and show gives the same.
    assert_eq!(v["reports"][0]["kind"], "first-phone");
    assert_eq!(v["reports"][0]["recipient"], "县政府总值班室");
    assert_eq!(env.show(&id), v);
}

#[test]
fn a_late_report_keeps_late_true_forever() {
    let env = Env::new();
    let v = env.add(&["--grade", "III", "--learned", "14:00"]);
    let id = id_of(&v);
    // 15:10 now; the phone report went out at 14:45, 15 min after its 14:30 deadline.
    let later = "2026-11-22T15:10:00+08:00";
    let v = env.json_at(
        later,
        &[
            "incident",
            "report",
            &id,
            "--kind",
            "first-phone",
            "--to",
            "县政府总值班室",
            "--channel",
            "phone",
            "--at",
            "14:45",
            "--json",
        ],
    );
    let ob = one(&v, "first-phone");
    assert_eq!(rfc3339(ob.done_at.as_deref().unwrap()), rfc3339("2026-11-22T14:45:00+08:00"));
    assert!(ob.late, "迟报: {ob:?}");
    // A written report on time next: not late.
    let v = env.json_at(
        later,
        &[
            "incident",
            "report",
            &id,
            "--kind",
            "first-written",
            "--to",
            "县政府总值班室",
            "--channel",
            "fax",
            "--signer",
            "周建国",
            "--at",
            "14:55",
            "--json",
        ],
    );
    assert!(!one(&v, "first-written").late);
    assert!(one(&v, "first-phone").late, "still late after another report");
    // Days later, and after a grade change that would have given more time: still 迟报.
    let v = env.json_at("2026-11-23T09:00:00+08:00", &["incident", "grade", &id, "IV", "--by", "周建国", "--json"]);
    let ob = one(&v, "first-phone");
    assert!(ob.late, "迟报 stays after a regrade: {ob:?}");
    assert!(ob.done_at.is_some());
    let v = env.json_at("2026-12-01T09:00:00+08:00", &["incident", "show", &id, "--json"]);
    assert!(one(&v, "first-phone").late);
}

#[test]
fn followups_are_numbered_and_the_next_one_scheduled() {
    let env = Env::new();
    let v = env.add(&["--grade", "II", "--learned", "14:00"]);
    let id = id_of(&v);
    assert_eq!(one(&v, "followup").due_at, "2026-11-22T17:00:00+08:00");
    let report = |kind: &str, at: &str| {
        env.json(&[
            "incident",
            "report",
            &id,
            "--kind",
            kind,
            "--to",
            "县政府总值班室",
            "--channel",
            "fax",
            "--signer",
            "周建国",
            "--at",
            at,
            "--json",
        ])
    };
    // A 续报 continues a 首报 (issue 11, rule 4).
    report("first-written", "14:01");
    // The first slot began when the call came in: a 续报 at 14:02 fills it, on time; the next slot
    // (tomorrow 08:00) exists and begins at 17:00.
    let v = report("followup", "14:02");
    let f = of_kind(&v, "followup");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert_eq!(f[0].due_at, "2026-11-22T17:00:00+08:00");
    assert!(f[0].done_at.is_some() && !f[0].late);
    assert_eq!((f[1].due_at.as_str(), f[1].done_at.as_ref()), ("2026-11-23T08:00:00+08:00", None));
    // A second early 续报 fills nothing: tomorrow's slot has not begun; it is still owed.
    let v = report("followup", "14:03");
    let f = of_kind(&v, "followup");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f[1].done_at.is_none(), "a slot not yet begun is not filled: {f:#?}");
    // Numbered 1, 2 in the chain all the same.
    let seqs: Vec<(String, i64)> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "followup")
        .map(|r| (r["kind"].as_str().unwrap().to_string(), r["seq"].as_i64().unwrap()))
        .collect();
    assert_eq!(seqs, vec![("followup".to_string(), 1), ("followup".to_string(), 2)]);
    // The readable summary names them.
    let out = env.run(&["incident", "show", &id]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("follow-up 1") && out.stdout.contains("follow-up 2"), "{}", out.stdout);
}

#[test]
fn grade_change_keeps_done_moves_pending_and_is_logged() {
    let env = Env::new();
    let v = env.add(&["--grade", "IV", "--learned", "14:00"]);
    let id = id_of(&v);
    assert_eq!(deadline_plan(&v), expected(&[("first-written", "2026-11-22T20:00:00+08:00")]));
    // The own leader is told (done, on time) before the regrade.
    env.json(&["escalate", &id, "--to", "leader", "--recipient", "周建国", "--at", "14:02", "--json"]);
    let v = env.json(&["incident", "grade", &id, "II", "--by", "周建国", "--json"]);
    assert_eq!(v["grade"], "II");
    // Issue 11: no due time moves; the duties Ⅱ adds count from the decision (now, 14:03:27).
    assert_eq!(
        deadline_plan(&v),
        expected(&[
            ("first-phone", "2026-11-22T14:33:27+08:00"),
            ("first-written", "2026-11-22T20:00:00+08:00"),
            ("national", "2026-11-22T18:03:27+08:00"),
            ("followup", "2026-11-22T17:00:00+08:00"),
        ])
    );
    // The done one is kept as it was.
    let leader = one(&v, "notify-leader");
    assert_eq!(rfc3339(leader.done_at.as_deref().unwrap()), rfc3339("2026-11-22T14:02:00+08:00"));
    assert!(!leader.late);

    // A written report done under Ⅱ stays done when the grade goes back to Ⅲ (Ⅱ written as `Ⅱ` too).
    env.json(&[
        "incident",
        "report",
        &id,
        "--kind",
        "first-written",
        "--to",
        "县政府总值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
        "--json",
    ]);
    let _ = env.run(&["person", "add", "--name", "吴海燕", "--roles", "leader"]);
    let v = env.json(&["incident", "grade", &id, "Ⅲ", "--by", "吴海燕", "--json"]);
    assert_eq!(v["grade"], "III");
    let written = one(&v, "first-written");
    assert!(written.done_at.is_some(), "{written:?}");
    // National is no longer tracked under Ⅲ: its tracking item is superseded.
    let national = v["tracking"].as_array().unwrap().iter().find(|t| t["level"] == "national").cloned().unwrap();
    assert_eq!(national["state"], "superseded");

    // Logged: who, when, old → new.
    let store = dutywatch::store::Store::open(&env.db()).unwrap();
    let log = store.log_for_incident(v["id"].as_i64().unwrap()).unwrap();
    // Stored in the record's language (zh-CN) although the terminal is English; shown in the reader's.
    let changes: Vec<_> = log.iter().filter(|e| e.body.contains("等级调整")).collect();
    assert_eq!(changes.len(), 2, "{log:#?}");
    let en = dutywatch::text::log_events::entry_text(changes[0], dutywatch::domain::Lang::En);
    assert!(en.contains("grade changed"), "{en}");
    // The decider is named in the entry; its author is who entered it.
    assert!(changes[0].body.contains("周建国"), "{}", changes[0].body);
    assert!(changes[0].body.contains('→'), "{}", changes[0].body);
    assert!(changes[1].body.contains("吴海燕"), "{}", changes[1].body);
    assert_eq!(changes[0].at, rfc3339(NOW).with_timezone(&chrono::Utc));
}

#[test]
fn grade_change_needs_a_grade_and_a_name() {
    let env = Env::new();
    let id = id_of(&env.add(&["--grade", "III"]));
    let before = env.show(&id);
    for args in [
        vec!["incident", "grade", &id, "unknown", "--by", "周建国"],
        vec!["incident", "grade", &id, "V", "--by", "周建国"],
        vec!["incident", "grade", &id, "II", "--by", "  "],
    ] {
        assert_error(&env.run(&args));
        assert_eq!(env.show(&id), before, "{args:?} changed nothing");
    }
}

#[test]
fn end_then_close_needs_a_final_report() {
    let env = Env::new();
    let v = env.add(&["--grade", "III", "--learned", "14:00"]);
    let id = id_of(&v);
    let v = env.json(&["incident", "end", &id, "--json"]);
    assert_eq!(v["status"], "ended");
    // Follow-ups stop; the final report is due 24 h after the end.
    assert!(of_kind(&v, "followup").iter().all(|o| o.done_at.is_none()), "{:#?}", obligations(&v));
    assert!(
        v["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "followup")
            .all(|o| o["state"] == "superseded")
    );
    assert_eq!(rfc3339(&one(&v, "final").due_at), rfc3339("2026-11-23T14:03:27+08:00"));

    let out = env.run(&["incident", "close", &id]);
    assert_eq!(out.code, 1, "refused: {}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("final report") || out.stderr.contains("终报"), "reason given: {}", out.stderr);
    assert_eq!(env.show(&id)["status"], "ended", "still not closed");

    let v = env.json(&[
        "incident",
        "report",
        &id,
        "--kind",
        "final",
        "--to",
        "县政府总值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
        "--json",
    ]);
    assert!(one(&v, "final").done_at.is_some());
    env.waive_open(&id);
    let v = env.json(&["incident", "close", &id, "--json"]);
    assert_eq!(v["status"], "closed");
    // Closing again is refused.
    assert_eq!(env.run(&["incident", "close", &id]).code, 1);
}

#[test]
fn list_open_and_show_by_id_and_ref() {
    let env = Env::new();
    let a = env.add(&["--grade", "III", "--title", "甲事件"]);
    let b = env.add(&["--grade", "IV", "--title", "乙事件"]);
    let (ida, idb) = (id_of(&a), id_of(&b));
    env.ok(&["incident", "end", &idb]);
    env.ok(&[
        "incident",
        "report",
        &idb,
        "--kind",
        "final",
        "--to",
        "县政府总值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
    ]);
    env.waive_open(&idb);
    env.ok(&["incident", "close", &idb]);

    let open = env.json(&["incident", "list", "--open", "--json"]);
    let refs: Vec<&str> = open.as_array().unwrap().iter().map(|r| r["ref"].as_str().unwrap()).collect();
    assert_eq!(refs, vec![a["ref"].as_str().unwrap()], "{open:#}");
    let row = &open[0];
    for key in ["id", "ref", "title", "category", "grade", "occurred_at", "learned_at", "status"] {
        assert!(!row[key].is_null(), "`{key}` in {row}");
    }
    assert_eq!(row["title"], "甲事件");

    let all = env.list();
    assert_eq!(all.as_array().unwrap().len(), 2, "{all:#}");
    assert!(all.as_array().unwrap().iter().any(|r| r["status"] == "closed" && r["title"] == "乙事件"));

    // show by id and by reference give the same document.
    for v in [&a, &b] {
        let by_id = env.show(&id_of(v));
        let by_ref = env.show(v["ref"].as_str().unwrap());
        assert_eq!(by_id, by_ref);
        assert_eq!(by_id["title"], v["title"]);
    }
    assert_eq!(env.show(&ida)["status"], "open");
    // An unknown id: exit 2 with one error line.
    let line = assert_error(&env.run(&["incident", "show", "2026-9999", "--json"]));
    assert!(line.contains("2026-9999"), "{line}");
}

/// Runs a bad command against a database holding one incident and checks exit 2, one `error:`
/// line, and that neither the list nor the incident changed. Returns the error line.
fn refused(env: &Env, id: &str, args: &[&str]) -> String {
    let (list, show) = (env.list(), env.show(id));
    let line = assert_error(&env.run(args));
    assert_eq!(env.list(), list, "{args:?} changed the list");
    assert_eq!(env.show(id), show, "{args:?} changed the incident");
    line
}

fn seeded() -> (Env, String) {
    let env = Env::new();
    let id = id_of(&env.add(&["--grade", "III", "--title", "已有事件"]));
    (env, id)
}

fn add_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "III"];
    a.extend_from_slice(extra);
    a
}

#[test]
fn occurred_after_learned_is_refused() {
    let (env, id) = seeded();
    let line = refused(&env, &id, &add_args(&["--occurred", "14:01", "--learned", "14:00"]));
    assert!(line.contains("occurred"), "{line}");
}

#[test]
fn learned_more_than_five_minutes_ahead_is_refused() {
    let (env, id) = seeded();
    // Now is 14:03:27: 14:09 is 5 min 33 s ahead, refused; 14:08 is within the tolerance.
    // (A bare `14:09` would be read as yesterday's 14:09, so the date is given.)
    let line = refused(&env, &id, &add_args(&["--learned", "2026-11-22 14:09"]));
    assert!(line.contains("learned") && line.contains("future"), "{line}");
    refused(&env, &id, &add_args(&["--learned", "2026-11-23 14:00"]));
    refused(&env, &id, &add_args(&["--learned", "2026-11-22T14:10:00+08:00"]));
    let v = env.json(&add_args(&["--learned", "2026-11-22 14:08", "--json"]));
    assert_eq!(rfc3339(v["learned_at"].as_str().unwrap()), rfc3339("2026-11-22T14:08:00+08:00"));
}

#[test]
fn unknown_category_lists_the_valid_ones() {
    let (env, id) = seeded();
    let line = refused(&env, &id, &["incident", "add", "--title", "X", "--category", "weather", "--grade", "III"]);
    for c in ["weather", "natural", "accident", "health", "social"] {
        assert!(line.contains(c), "`{c}` in {line}");
    }
}

#[test]
fn unknown_grade_lists_the_valid_ones() {
    let (env, id) = seeded();
    let line = refused(&env, &id, &["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "V"]);
    for g in ["I", "II", "III", "IV", "unknown"] {
        assert!(line.contains(g), "`{g}` in {line}");
    }
    assert!(line.contains("`V`") || line.contains(" V"), "{line}");
}

#[test]
fn negative_casualties_are_refused() {
    let (env, id) = seeded();
    for flag in ["--dead", "--injured", "--missing", "--trapped"] {
        let line = refused(&env, &id, &add_args(&[flag, "-1"]));
        assert!(line.contains(flag.trim_start_matches('-')), "{flag}: {line}");
    }
}

#[test]
fn an_empty_title_is_refused() {
    let (env, id) = seeded();
    for title in ["", "   "] {
        let line =
            refused(&env, &id, &["incident", "add", "--title", title, "--category", "natural", "--grade", "III"]);
        assert!(line.contains("title"), "{line}");
    }
}

#[test]
fn a_report_for_a_closed_incident_is_refused() {
    let env = Env::new();
    let id = id_of(&env.add(&["--grade", "IV"]));
    env.ok(&["incident", "end", &id]);
    env.ok(&[
        "incident",
        "report",
        &id,
        "--kind",
        "final",
        "--to",
        "县政府总值班室",
        "--channel",
        "fax",
        "--signer",
        "周建国",
    ]);
    env.waive_open(&id);
    env.ok(&["incident", "close", &id]);
    let line = refused(
        &env,
        &id,
        &[
            "incident",
            "report",
            &id,
            "--kind",
            "followup",
            "--to",
            "县政府总值班室",
            "--channel",
            "fax",
            "--signer",
            "x",
        ],
    );
    assert!(line.contains("closed"), "{line}");
    refused(
        &env,
        &id,
        &["incident", "report", &id, "--kind", "first-phone", "--to", "县政府总值班室", "--channel", "phone"],
    );
}

#[test]
fn a_10000_character_summary_is_stored_whole() {
    let env = Env::new();
    let summary: String = "连续降雨引发山体滑坡。".chars().cycle().take(10_000).collect();
    assert_eq!(summary.chars().count(), 10_000);
    let v = env.add(&["--grade", "III", "--summary", &summary]);
    assert_eq!(v["summary"].as_str().unwrap(), summary);
    let shown = env.show(&id_of(&v));
    assert_eq!(shown["summary"].as_str().unwrap().chars().count(), 10_000);
    assert_eq!(shown["summary"].as_str().unwrap(), summary);
}

/// `--rules FILE` with a bad time limit: exit 2, and the error names the file and the key.
fn bad_rules(env: &Env, name: &str, text: &str) -> String {
    let path = env.file(name, text);
    let id = id_of(&env.add(&["--grade", "II"]));
    let (list, show) = (env.list(), env.show(&id));
    let line = assert_error(&env.run(&[
        "--rules",
        path.to_str().unwrap(),
        "incident",
        "add",
        "--title",
        "山体滑坡",
        "--category",
        "natural",
        "--grade",
        "II",
    ]));
    assert_eq!(env.list(), list);
    assert_eq!(env.show(&id), show);
    assert!(line.contains(&path.display().to_string()), "names the file {}: {line}", path.display());
    assert!(line.contains("within_minutes"), "names the key: {line}");
    line
}

#[test]
fn a_rules_file_with_a_negative_limit_names_file_and_key() {
    let env = Env::new();
    let text = SHIPPED_HENAN.replacen("within_minutes = 35", "within_minutes = -35", 1);
    assert_ne!(text, SHIPPED_HENAN);
    let line = bad_rules(&env, "negative.toml", &text);
    // The line of the bad value is named too.
    let n = text.lines().position(|l| l.contains("= -35")).unwrap() + 1;
    assert!(line.contains(&format!(":{n}:")), "line {n}: {line}");
    assert!(line.contains("-35"), "{line}");
}

#[test]
fn a_rules_file_with_a_missing_limit_names_file_and_key() {
    let env = Env::new();
    let text = SHIPPED_HENAN.replacen("within_minutes = 35\n", "", 1);
    assert_ne!(text, SHIPPED_HENAN);
    let line = bad_rules(&env, "missing.toml", &text);
    assert!(line.contains("missing"), "{line}");
}

#[test]
fn a_rules_file_that_does_not_exist_is_an_error() {
    let env = Env::new();
    let missing: &Path = &env.dir.path().join("nope.toml");
    let line = assert_error(&env.run(&[
        "--rules",
        missing.to_str().unwrap(),
        "incident",
        "add",
        "--title",
        "X",
        "--category",
        "natural",
    ]));
    assert!(line.contains("nope.toml"), "{line}");
}
