//! Recurring and one-off duties (issue 18, PR-12): table tests for each schedule kind across a year with
//! the shipped calendar (holidays, make-up workdays, the flood season, responses), and through the
//! binary: occurrences made as their days begin, done and late, the zero report fulfilled by a report of
//! an incident that day, and a schedule that cannot be used named by file, line and key.

use crate::common;

use chrono::{Datelike, NaiveDate, Weekday};
use common::cli::{Env, assert_error, json_of, run};
use dutywatch::config::calendar::load_shipped;
use dutywatch::config::rules::{SHIPPED_DUTIES, parse_duties};
use dutywatch::domain::calendar::{Calendar, DayKind};
use dutywatch::domain::duties::{DutyDef, DutyFile, dates_owed};
use serde_json::Value;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn shipped() -> (DutyFile, Calendar) {
    (parse_duties(SHIPPED_DUTIES, "duties.toml").expect("shipped duties"), load_shipped().expect("calendar"))
}

fn def<'a>(f: &'a DutyFile, name: &str) -> &'a DutyDef {
    f.get(name).unwrap_or_else(|| panic!("{name}"))
}

fn year(y: i32) -> (NaiveDate, NaiveDate) {
    (d(y, 1, 1), d(y, 12, 31))
}

fn never(_: NaiveDate) -> bool {
    false
}

fn working(cal: &Calendar, day: NaiveDate) -> bool {
    matches!(cal.day_kind(day), DayKind::Workday | DayKind::MakeupWorkday(_))
}

#[test]
fn daily_in_flood_season_is_owed_every_day_of_it_holidays_included_and_never_outside() {
    let (f, cal) = shipped();
    let (from, to) = year(2026);
    let owed = dates_owed(def(&f, "zero-report"), from, to, &cal, &never);
    assert_eq!(owed.first(), Some(&d(2026, 6, 1)));
    assert_eq!(owed.last(), Some(&d(2026, 9, 30)));
    assert_eq!(owed.len(), 122, "June–September, every day");
    // 端午 (a holiday in June) is kept: the watch room works every day.
    let holiday_in_june = (1..=30).map(|n| d(2026, 6, n)).find(|x| matches!(cal.day_kind(*x), DayKind::Holiday(_)));
    if let Some(h) = holiday_in_june {
        assert!(owed.contains(&h), "{h}");
    }
}

#[test]
fn weekly_on_friday_moves_to_the_working_day_before_a_holiday() {
    let (f, cal) = shipped();
    let (from, to) = year(2026);
    let owed = dates_owed(def(&f, "weekly-plan"), from, to, &cal, &never);
    let mut want = std::collections::BTreeSet::new();
    let mut day = d(2026, 1, 1);
    // A Friday just after the year (2027-01-01, New Year) is owed on its last working day.
    while day <= d(2027, 1, 14) {
        if day.weekday() == Weekday::Fri {
            let mut e = day;
            while !working(&cal, e) {
                e = e.pred_opt().expect("date");
            }
            if e >= from && e <= to {
                want.insert(e);
            }
        }
        day = day.succ_opt().expect("date");
    }
    assert_eq!(owed, want.into_iter().collect::<Vec<_>>());
    // National Day (10-01 to 10-07): Friday 10-02 is owed on Wednesday 09-30.
    assert!(owed.contains(&d(2026, 9, 30)) && !owed.contains(&d(2026, 10, 2)));
    // An ordinary Friday stays.
    assert!(owed.contains(&d(2026, 11, 27)));
    // The same duty set to skip holidays: 10-02 is simply not owed.
    let mut skip = def(&f, "weekly-plan").clone();
    skip.on_holiday = dutywatch::domain::duties::OnHoliday::Skip;
    let owed = dates_owed(&skip, from, to, &cal, &never);
    assert!(!owed.contains(&d(2026, 10, 2)) && !owed.contains(&d(2026, 9, 30)));
    assert!(owed.iter().all(|x| x.weekday() == Weekday::Fri && working(&cal, *x)));
}

#[test]
fn half_yearly_yearly_and_once() {
    let (f, cal) = shipped();
    for y in [2026, 2027] {
        let (from, to) = year(y);
        let half = dates_owed(def(&f, "team-filing"), from, to, &cal, &never);
        assert_eq!(half.len(), 2, "{y}: {half:?}");
        assert!(half.iter().all(|x| working(&cal, *x)), "{y}: on working days: {half:?}");
        assert!(half[0] <= d(y, 6, 30) && half[0] > d(y, 6, 20), "{half:?}");
        let yearly = dates_owed(def(&f, "annual-evaluation"), from, to, &cal, &never);
        assert_eq!(yearly.len(), 1, "{y}");
        assert!(yearly[0] <= d(y, 12, 31) && yearly[0] > d(y, 12, 20));
    }
    // 12-31-2026 is a Thursday, a working day: owed on the day.
    assert_eq!(
        dates_owed(def(&f, "annual-evaluation"), d(2026, 1, 1), d(2026, 12, 31), &cal, &never),
        vec![d(2026, 12, 31)]
    );
    let once = def(&f, "ledger-0429");
    assert!(dates_owed(once, d(2026, 1, 1), d(2026, 12, 31), &cal, &never).is_empty());
    assert_eq!(dates_owed(once, d(2027, 1, 1), d(2027, 12, 31), &cal, &never), vec![d(2027, 4, 29)]);
}

#[test]
fn a_duty_active_while_responding_is_owed_only_on_those_days() {
    let (f, cal) = shipped();
    let responding = |x: NaiveDate| x >= d(2026, 7, 10) && x <= d(2026, 7, 14);
    let owed = dates_owed(def(&f, "daily-written"), d(2026, 7, 1), d(2026, 7, 31), &cal, &responding);
    let want: Vec<NaiveDate> = (10..=14).map(|n| d(2026, 7, n)).collect();
    assert_eq!(owed, want);
}

// ── through the binary ──────────────────────────────────────────────────────────────────────────────────

const JULY: &str = "2026-07-15T10:00:00+08:00";

fn duties(env: &Env, now: &str) -> Vec<Value> {
    let args = ["duty", "list", "--json"];
    json_of(&run(env.cmd_at(now, &args)), &args).as_array().expect("array").clone()
}

fn zero(rows: &[Value], day: &str) -> Value {
    rows.iter()
        .find(|r| r["name"] == "zero-report" && r["day"] == day)
        .cloned()
        .unwrap_or_else(|| panic!("{day}: {rows:?}"))
}

#[test]
fn the_zero_report_is_fulfilled_by_a_report_that_day_or_done_and_late_after_its_time() {
    let env = Env::new();
    let ok = |now: &str, args: &[&str]| {
        let out = run(env.cmd_at(now, args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    ok(JULY, &["person", "add", "--name", "周建国", "--roles", "leader"]);
    let rows = duties(&env, JULY);
    let z = zero(&rows, "2026-07-15");
    assert_eq!((z["state"].as_str(), z["due_at"].as_str()), (Some("pending"), Some("2026-07-15T16:00:00+08:00")));
    // An incident reported that day fulfils it.
    ok(JULY, &["incident", "add", "--title", "内涝", "--category", "natural", "--grade", "IV", "--learned", "-30m"]);
    ok(
        JULY,
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
    let z = zero(&duties(&env, JULY), "2026-07-15");
    assert_eq!(z["state"], "done", "{z}");
    assert!(z["fulfilled_by"].as_str().is_some_and(|f| f.starts_with("report:")), "{z}");
    // The next day nothing happened: the zero report is owed, overdue after 16:00, then done late.
    let next = "2026-07-16T17:00:00+08:00";
    let z = zero(&duties(&env, next), "2026-07-16");
    assert_eq!((z["state"].as_str(), z["late"].as_bool()), (Some("overdue"), Some(true)));
    let args = ["duty", "done", "zero-report", "--ref", "零报告〔2026〕16号", "--json"];
    let v = json_of(&run(env.cmd_at(next, &args)), &args);
    assert_eq!(
        (v["state"].as_str(), v["late"].as_bool(), v["ref"].as_str()),
        (Some("done-late"), Some(true), Some("零报告〔2026〕16号"))
    );
    // Nothing open by then: refused.
    let e = assert_error(&run(env.cmd_at(next, &["duty", "done", "zero-report"])));
    assert!(e.contains("zero-report"), "{e}");
    let e = assert_error(&run(env.cmd_at(next, &["duty", "done", "zero"])));
    assert!(e.contains("zero-report") && e.contains("weekly-plan"), "lists the known names: {e}");
}

#[test]
fn a_schedule_that_cannot_be_used_names_file_line_and_key_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["init"]);
    let path = env.cfg.path().join("duties.toml");
    let head = "[[duty]]\nname = \"a\"\nlabel_zh = \"甲\"\nlabel_en = \"a\"\nevery = \"daily\"\nat = \"09:00\"\n\n";
    for (body, line, key) in [
        (
            "[[duty]]\nname = \"x\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nevery = \"weekly\"\nat = \"17:00\"\n",
            8,
            "weekday",
        ),
        ("[[duty]]\nname = \"x\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nevery = \"daily\"\nat = \"25:00\"\n", 13, "at"),
        (
            "[[duty]]\nname = \"x\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nevery = \"fortnightly\"\nat = \"17:00\"\n",
            12,
            "every",
        ),
        (
            "[[duty]]\nname = \"x\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\nevery = \"daily\"\nat = \"17:00\"\nwhen = 3\n",
            14,
            "when",
        ),
    ] {
        std::fs::write(&path, format!("{head}{body}")).expect("write");
        let e = assert_error(&env.run(&["duty", "list"]));
        assert!(e.contains("duties.toml") && e.contains(&format!(":{line}:")) && e.contains(key), "{key}: {e}");
    }
}

#[test]
fn the_handover_sheet_lists_the_recurring_duties_of_the_watch() {
    let env = Env::new();
    let ok = |now: &str, args: &[&str]| {
        let out = run(env.cmd_at(now, args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    ok(JULY, &["demo", "--reset", "--no-board"]);
    let sheet = ok(JULY, &["handover", "draft"]);
    assert!(sheet.contains("Recurring duties") && sheet.contains("zero report"), "{sheet}");
    // The demo's incidents were reported today: the zero report is done by them.
    let line = sheet.lines().find(|l| l.contains("zero report")).expect("the line");
    assert!(line.contains("done"), "{line}");
}

#[test]
fn the_daily_written_report_is_owed_from_the_moment_a_response_is_active_by_its_time() {
    let env = Env::new();
    let ok = |now: &str, args: &[&str]| {
        let out = run(env.cmd_at(now, args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    let morning = "2026-11-10T10:00:00+08:00";
    ok(morning, &["person", "add", "--name", "周建国", "--roles", "leader"]);
    ok(morning, &["incident", "add", "--title", "山洪", "--category", "natural", "--grade", "III", "--learned", "-1h"]);
    let written =
        |now: &str| -> Vec<Value> { duties(&env, now).into_iter().filter(|d| d["name"] == "daily-written").collect() };
    assert!(written(morning).is_empty(), "no response, no daily written report");
    ok(morning, &["incident", "respond", "1", "--level", "IV", "--reason", "降雨", "--by", "周建国"]);
    let w = written(morning);
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0]["day"].as_str(), w[0]["due_at"].as_str()),
        (Some("2026-11-10"), Some("2026-11-10T15:00:00+08:00"))
    );
    // Ended the next morning; a response started after 15:00 on another day owes nothing that day.
    ok("2026-11-11T09:00:00+08:00", &["incident", "respond", "1", "--end", "--conditions", "雨停", "--by", "周建国"]);
    let evening = "2026-11-12T16:00:00+08:00";
    ok(evening, &["incident", "respond", "1", "--level", "IV", "--reason", "再次降雨", "--by", "周建国"]);
    let days: Vec<String> = written(evening).iter().map(|d| d["day"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(days, vec!["2026-11-10", "2026-11-11"], "11-11 (active 00:00–09:00) owed; 11-12 not");
}
