//! Roster through the real binary (issue 3): CSV import/export round trip and every bad row, ics
//! that an iCalendar parser reads with stable UIDs, `check` exit codes, `now --json`, swaps that
//! keep history, Europe/Berlin across the spring-forward night; plus a snapshot of the roster screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use dutywatch::app::form::FieldKey;
use dutywatch::app::{App, Screen, roster::RosterState};
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::Lang;
use dutywatch::domain::calendar::Calendar;
use dutywatch::domain::clock::parse_pinned;
use dutywatch::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::common::NOW;
use crate::common::cli::{Env, Out};

/// A database with the roster's people: three officers (one also standby) and two leaders.
fn staffed() -> Env {
    let env = Env::new();
    for (name, roles) in [
        ("张伟", "officer"),
        ("王芳", "officer,standby"),
        ("李强", "officer"),
        ("周建国", "leader"),
        ("吴海燕", "leader"),
    ] {
        let o = env.run(&["person", "add", "--name", name, "--phone", "138 0000 0000", "--roles", roles]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    env
}

/// Same, with the unit in another time zone.
fn staffed_in(tz: &str) -> Env {
    let env = Env::new();
    let unit = SHIPPED_UNIT.replace("timezone = \"Asia/Shanghai\"", &format!("timezone = \"{tz}\""));
    assert!(unit.contains(tz));
    std::fs::write(env.cfg.path().join("unit.toml"), unit).unwrap();
    for (name, roles) in [("Anna", "officer"), ("Ben", "officer"), ("Clara", "leader"), ("Dora", "leader")] {
        assert_eq!(env.run(&["person", "add", "--name", name, "--roles", roles]).code, 0);
    }
    env
}

/// A file in the temp dir (a CSV to import), written with `text`.
fn file(env: &Env, name: &str, text: &str) -> PathBuf {
    let p = env.dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn shift_count(env: &Env) -> usize {
    env.json(&["roster", "list", "--json"]).as_array().unwrap().len()
}

fn import(env: &Env, path: &Path) -> Out {
    env.run(&["roster", "import", path.to_str().unwrap()])
}

/// Two duty days of the usual pattern, written exactly as export writes them.
const GOOD_CSV: &str = "date,role,person,start,end\n\
2026-11-23,officer,张伟,2026-11-23 08:30,2026-11-24 08:30\n\
2026-11-23,leader,周建国,2026-11-23 08:30,2026-11-24 08:30\n\
2026-11-24,officer,王芳,2026-11-24 08:30,2026-11-25 08:30\n\
2026-11-24,standby,李强,2026-11-24 08:30,2026-11-25 08:30\n";

#[test]
fn csv_round_trips_and_a_second_import_adds_nothing() {
    let env = staffed();
    let path = file(&env, "plan.csv", GOOD_CSV);
    let o = import(&env, &path);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(shift_count(&env), 4);
    let exported = env.run(&["roster", "export", "--format", "csv"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let mut want: Vec<&str> = GOOD_CSV.lines().collect();
    let mut got: Vec<&str> = exported.stdout.lines().collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);

    // Import the export into a fresh database: the same shifts again.
    let again = import(&env, &file(&env, "again.csv", &exported.stdout));
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("imported 0") && again.stdout.contains("4 already"), "{}", again.stdout);
    assert_eq!(shift_count(&env), 4, "importing twice creates no duplicates");

    // Other column order and Chinese role names are accepted too.
    let fresh = staffed();
    let reordered = "start,end,role,person\n2026-11-23 08:30,2026-11-24 08:30,值班员,张伟\n";
    assert_eq!(import(&fresh, &file(&fresh, "r.csv", reordered)).code, 0);
    assert_eq!(shift_count(&fresh), 1);
}

#[test]
fn every_bad_row_names_line_and_field_and_changes_nothing() {
    let env = staffed();
    let good = "2026-11-23,officer,张伟,2026-11-23 08:30,2026-11-24 08:30\n";
    let head = "date,role,person,start,end\n";
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("missing header", good.to_string(), ":1: field `role`", "header"),
        (
            "bad time",
            format!("{head}{good}2026-11-24,officer,王芳,2026-11-24 8h30,2026-11-25 08:30\n"),
            ":3: field `start`",
            "not a time",
        ),
        (
            "end before start",
            format!("{head}{good}2026-11-24,officer,王芳,2026-11-24 08:30,2026-11-24 07:30\n"),
            ":3: field `end`",
            "not after start",
        ),
        (
            "unknown role",
            format!("{head}{good}2026-11-24,driver,王芳,2026-11-24 08:30,2026-11-25 08:30\n"),
            ":3: field `role`",
            "officer, leader, standby",
        ),
        (
            "unknown person",
            format!("{head}{good}2026-11-24,officer,赵六,2026-11-24 08:30,2026-11-25 08:30\n"),
            ":3: field `person`",
            "known: ",
        ),
        (
            "overlapping rows",
            format!("{head}{good}2026-11-23,leader,张伟,2026-11-24 08:00,2026-11-25 08:30\n"),
            ":3: field `start`",
            "line 2",
        ),
        (
            "blank person",
            format!("{head}{good}2026-11-24,officer,,2026-11-24 08:30,2026-11-25 08:30\n"),
            ":3: field `person`",
            "empty",
        ),
        (
            "a column named twice",
            format!("date,role,person,start,end,Person\n{}", good.replace('\n', ",王芳\n")),
            ":1: field `person`",
            "column named twice",
        ),
    ];
    for (what, text, located, says) in cases {
        let path = file(&env, "bad.csv", &text);
        let o = import(&env, &path);
        assert_eq!(o.code, 2, "{what}: {}", o.stderr);
        let line = o.stderr.lines().next().unwrap_or("");
        assert!(line.starts_with("error: "), "{what}: {line}");
        assert!(line.contains(&format!("bad.csv{located}")), "{what}: {line}");
        assert!(line.contains(says), "{what}: {line}");
        assert_eq!(shift_count(&env), 0, "{what}: nothing imported");
    }
    // The unknown-person error lists who is known.
    let o = import(
        &env,
        &file(&env, "p.csv", &format!("{head}2026-11-24,officer,赵六,2026-11-24 08:30,2026-11-25 08:30\n")),
    );
    assert!(o.stderr.contains("张伟") && o.stderr.contains("周建国"), "{}", o.stderr);
    // A row that overlaps a shift already in the database is refused with its line too.
    assert_eq!(import(&env, &file(&env, "ok.csv", &format!("{head}{good}"))).code, 0);
    let clash = format!("{head}2026-11-23,standby,张伟,2026-11-23 20:00,2026-11-24 10:00\n");
    let o = import(&env, &file(&env, "clash.csv", &clash));
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("clash.csv:2: field `start`"), "{}", o.stderr);
    assert_eq!(shift_count(&env), 1);
}

/// CSV export neutralises cells a spreadsheet would run as a formula (a leading `=`, `+`, `-`,
/// `@`, tab or CR get a `'`, as OWASP advises); import takes the `'` off again, so the file round-trips.
#[test]
fn csv_formulas_are_neutralised_and_the_import_reverses_it() {
    let env = staffed();
    let names = ["=cmd|' /C calc'!A0", "+1", "-x", "@SUM(1)", "'=own quote"];
    for name in names {
        let o = env.run(&["person", "add", &format!("--name={name}"), "--roles", "officer"]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
    }
    // One day each; the names go in guarded, as a spreadsheet user would save them.
    let mut csv = String::from("role,person,start,end\n");
    for (i, name) in names.iter().enumerate() {
        let day = 23 + i;
        let guarded = format!("'{name}").replace('"', "\"\"");
        csv.push_str(&format!("officer,\"{guarded}\",2026-11-{day} 08:30,2026-11-{} 08:30\n", day + 1));
    }
    let o = import(&env, &file(&env, "formulas.csv", &csv));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let listed = env.json(&["roster", "list", "--json"]);
    let mut got: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    got.sort();
    let mut want = names.to_vec();
    want.sort();
    assert_eq!(got, want, "the import took the guard off");

    let exported = env.run(&["roster", "export", "--format", "csv", "--from", "2026-11-20", "--to", "2026-12-05"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let mut rdr = csv::Reader::from_reader(exported.stdout.as_bytes());
    let mut persons = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for cell in rec.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}\n{}",
                exported.stdout
            );
        }
        persons.push(rec[2].to_string());
    }
    persons.sort();
    assert_eq!(persons, ["''=own quote", "'+1", "'-x", "'=cmd|' /C calc'!A0", "'@SUM(1)"]);

    // The export imports back to the same shifts: nothing new.
    let again = import(&env, &file(&env, "again.csv", &exported.stdout));
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("imported 0"), "{}", again.stdout);
    assert_eq!(shift_count(&env), names.len());
}

fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn ics_parses_and_uids_are_stable_across_exports_and_swaps() {
    let env = staffed();
    assert_eq!(import(&env, &file(&env, "plan.csv", GOOD_CSV)).code, 0);
    let first = env.run(&["roster", "export", "--format", "ics"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let ics = &first.stdout;
    assert!(ics.contains("\r\n") && !ics.replace("\r\n", "").contains('\n'), "CRLF line endings only");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
    }
    let unfolded = unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("ics parses");
    let events: Vec<_> = cal.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 4);
    let uids = |text: &str| -> Vec<String> {
        let unfolded = unfold(text);
        let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
        let mut v: Vec<String> = cal
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .filter_map(|c| c.find_prop("UID").map(|p| p.val.to_string()))
            .collect();
        v.sort();
        v
    };
    let before = uids(ics);
    assert!(before.iter().all(|u| u.starts_with("shift-") && u.ends_with("@dutywatch")), "{before:?}");
    let dtstart: Vec<String> =
        events.iter().filter_map(|c| c.find_prop("DTSTART").map(|p| p.val.to_string())).collect();
    assert!(dtstart.contains(&"20261123T003000Z".to_string()), "08:30 Shanghai is 00:30 UTC: {dtstart:?}");

    let second = env.run(&["roster", "export", "--format", "ics"]);
    assert_eq!(uids(&second.stdout), before, "same UIDs on a second export");

    // A swap keeps the UID of the slot and raises SEQUENCE, so calendars update the event.
    let list = env.json(&["roster", "list", "--json"]);
    let id = list.as_array().unwrap().iter().find(|s| s["name"] == "张伟").unwrap()["shift_id"].as_i64().unwrap();
    let o =
        env.run(&["roster", "swap", &id.to_string(), "--to", "李强", "--reason", "病假", "--approved-by", "周建国"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let third = env.run(&["roster", "export", "--format", "ics"]);
    assert_eq!(uids(&third.stdout), before);
    assert!(third.stdout.contains("SEQUENCE:1"), "{}", third.stdout);
}

#[test]
fn check_exits_1_with_the_gap_and_0_when_covered() {
    let env = staffed();
    let csv = "role,person,start,end\n\
officer,张伟,2026-11-23 08:30,2026-11-23 20:30\n\
officer,王芳,2026-11-23 22:30,2026-11-24 08:30\n";
    assert_eq!(import(&env, &file(&env, "gap.csv", csv)).code, 0);
    let o = env.run(&["roster", "check", "--from", "2026-11-23", "--to", "2026-11-23"]);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stdout.contains("coverage gap: no duty officer from 2026-11-23 20:30 to 2026-11-23 22:30"),
        "{}",
        o.stdout
    );
    let j = env.run(&["roster", "check", "--from", "2026-11-23", "--to", "2026-11-23", "--json"]);
    assert_eq!(j.code, 1);
    let v: Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v["problems"][0]["kind"], "gap");
    assert_eq!(v["problems"][0]["from"], "2026-11-23T20:30:00+08:00");

    let fill = env.run(&[
        "roster",
        "import",
        file(&env, "fix.csv", "role,person,start,end\nofficer,李强,2026-11-23 20:30,2026-11-23 22:30\n")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(fill.code, 0, "{}", fill.stderr);
    let o = env.run(&["roster", "check", "--from", "2026-11-23", "--to", "2026-11-23"]);
    assert_eq!(o.code, 0, "{}", o.stdout);

    // Weekend without a leader: exit 1 naming the day.
    let o = env.run(&[
        "roster",
        "fill",
        "--pattern",
        "daily24",
        "--from",
        "2026-11-28",
        "--to",
        "2026-11-29",
        "--officers",
        "张伟,王芳",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = env.run(&["roster", "check", "--from", "2026-11-28", "--to", "2026-11-29"]);
    assert_eq!(o.code, 1);
    assert!(o.stdout.contains("no leader on duty on 2026-11-28 (weekend)"), "{}", o.stdout);
    // Fill refuses to overlap what exists, and adds nothing.
    let before = shift_count(&env);
    let o = env.run(&[
        "roster",
        "fill",
        "--pattern",
        "daily24",
        "--from",
        "2026-11-29",
        "--to",
        "2026-11-30",
        "--officers",
        "李强",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("overlaps existing shift"), "{}", o.stderr);
    assert_eq!(shift_count(&env), before);
}

#[test]
fn now_json_and_swap_keeps_history() {
    let env = staffed();
    let o = env.run(&[
        "roster",
        "fill",
        "--pattern",
        "daily24",
        "--from",
        "2026-11-21",
        "--to",
        "2026-11-23",
        "--officers",
        "张伟,王芳,李强",
        "--leaders",
        "周建国,吴海燕",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let now = env.json(&["roster", "now", "--json"]);
    assert_eq!(now["officer"][0]["name"], "王芳", "{now}");
    assert_eq!(now["leader"][0]["name"], "吴海燕");
    assert_eq!(now["next_change"]["at"], "2026-11-23T08:30:00+08:00");
    assert_eq!(now["next_change"]["incoming"][0]["name"], "李强");

    let id = now["officer"][0]["shift_id"].as_i64().unwrap();
    let o = env.run(&[
        "roster",
        "swap",
        &id.to_string(),
        "--to",
        "张伟",
        "--reason",
        "家中有事",
        "--approved-by",
        "周建国",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let now = env.json(&["roster", "now", "--json"]);
    assert_eq!(now["officer"][0]["name"], "张伟");
    assert_eq!(now["officer"][0]["swapped"], true);
    let list = env.json(&["roster", "list", "--json", "--from", "2026-11-22", "--to", "2026-11-22"]);
    let swapped = list.as_array().unwrap().iter().find(|s| s["role"] == "officer").unwrap();
    assert_eq!(swapped["replaces"], id);
    assert_eq!(swapped["replaced_person"], "王芳");
    assert_eq!(swapped["approved_by"], "周建国");
    // The old assignment is still in the database, superseded.
    let store = Store::open(&env.db()).unwrap();
    let old = store.shift(id).unwrap().expect("kept");
    assert_eq!(old.person_name, "王芳");
    let text = env.run(&["roster", "list", "--from", "2026-11-22", "--to", "2026-11-22"]);
    assert!(text.stdout.contains("⇄") && text.stdout.contains("was 王芳"), "{}", text.stdout);
    // Swapping a superseded assignment, or to someone without the role, is refused.
    assert_eq!(
        env.run(&["roster", "swap", &id.to_string(), "--to", "李强", "--reason", "x", "--approved-by", "y"]).code,
        2
    );
    let o = env.run(&[
        "roster",
        "swap",
        &swapped["shift_id"].to_string(),
        "--to",
        "周建国",
        "--reason",
        "x",
        "--approved-by",
        "y",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("may not take the role officer"), "{}", o.stderr);
}

#[test]
fn berlin_spring_forward_has_no_gap() {
    let env = staffed_in("Europe/Berlin");
    for pattern in ["daily24", "three-8"] {
        let env = if pattern == "daily24" { &env } else { &staffed_in("Europe/Berlin") };
        let o = env.run(&[
            "roster",
            "fill",
            "--pattern",
            pattern,
            "--from",
            "2026-03-27",
            "--to",
            "2026-03-31",
            "--officers",
            "Anna,Ben",
            "--leaders",
            "Clara,Dora",
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let o = env.run(&["roster", "check", "--from", "2026-03-28", "--to", "2026-03-30"]);
        assert_eq!(o.code, 0, "{pattern}: {}", o.stdout);
    }
    // Clocks go forward at 02:00 on 29 March: the duty day from 28 March 08:30 CET to 29 March
    // 08:30 CEST is 23 hours long, and the next one starts exactly where it ends.
    let list = env.json(&["roster", "list", "--json", "--from", "2026-03-28", "--to", "2026-03-28"]);
    let officer = list.as_array().unwrap().iter().find(|s| s["role"] == "officer").unwrap().clone();
    assert_eq!(officer["start"], "2026-03-28T08:30:00+01:00");
    assert_eq!(officer["end"], "2026-03-29T08:30:00+02:00");
    let csv = env.run(&["roster", "export", "--format", "csv", "--from", "2026-03-28", "--to", "2026-03-28"]);
    assert!(csv.stdout.contains("2026-03-28 08:30,2026-03-29 08:30"), "{}", csv.stdout);
}

fn week_app(lang: Lang) -> App {
    let env = staffed();
    let csv = "role,person,start,end\n\
officer,张伟,2026-11-16 08:30,2026-11-17 08:30\n\
leader,周建国,2026-11-16 08:30,2026-11-17 08:30\n\
officer,王芳,2026-11-17 08:30,2026-11-18 08:30\n\
officer,李强,2026-11-18 08:30,2026-11-18 20:30\n\
officer,张伟,2026-11-19 08:30,2026-11-20 08:30\n\
officer,王芳,2026-11-20 08:30,2026-11-21 08:30\n\
standby,李强,2026-11-20 08:30,2026-11-21 08:30\n\
officer,李强,2026-11-21 08:30,2026-11-22 08:30\n\
officer,张伟,2026-11-22 08:30,2026-11-23 08:30\n";
    assert_eq!(import(&env, &file(&env, "week.csv", csv)).code, 0);
    let list = env.json(&["roster", "list", "--json", "--from", "2026-11-22", "--to", "2026-11-22"]);
    let id = list[0]["shift_id"].to_string();
    assert_eq!(
        env.run(&["roster", "swap", &id, "--to", "王芳", "--reason", "病假", "--approved-by", "周建国"]).code,
        0
    );
    let store = Store::open(&env.db()).unwrap();
    let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let data =
        dutywatch::runtime::roster::week_with(&store, &unit, lang, monday, &Calendar::shipped().unwrap()).unwrap();
    let mut app = App::new(lang, Arc::new(unit), parse_pinned(NOW).unwrap(), false);
    let mut state = RosterState::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    state.data = Some(data);
    app.screen = Screen::Roster(Box::new(state));
    app
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| dutywatch::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        assert_eq!(line.width(), w as usize, "row {y} is {} columns: {line:?}", line.width());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn roster_screen_snapshot() {
    let zh = screen_text(&week_app(Lang::Zh), 80, 24);
    assert!(zh.contains("王芳⇄"), "swap marker:\n{zh}");
    assert!(zh.contains("!空档"), "gap marker:\n{zh}");
    assert!(zh.contains("!缺领导"), "weekend without leader:\n{zh}");
    assert!(zh.contains("!李强"), "48 h chain flagged:\n{zh}");
    assert!(zh.contains("换班:原 张伟,事由") && zh.contains("批准 周建国"), "detail line:\n{zh}");
    insta::assert_snapshot!("roster_zh_80x24", zh);
    insta::assert_snapshot!("roster_en_120x32", screen_text(&week_app(Lang::En), 120, 32));
}

#[test]
fn board_header_shows_the_sensitive_period_in_force() {
    let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").unwrap();
    let mut app = App::new(Lang::Zh, Arc::new(unit), parse_pinned("2026-07-15T10:00:00+08:00").unwrap(), false);
    let cal = Calendar::shipped().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
    app.data.sensitive = cal.periods_on(today).into_iter().cloned().collect();
    let text = screen_text(&app, 120, 30);
    let header = text.lines().next().unwrap_or("");
    assert!(header.contains("[主汛期]"), "{header}");
}

/// `a` on an empty cell assigns a person: the picker offers only people free then, and Enter asks
/// to save one 24 h shift of that role for that duty day.
#[test]
fn assign_an_empty_cell_from_the_roster_screen() {
    use crossterm::event::{KeyCode, KeyEvent};
    use dutywatch::app::{Cmd, Msg, Write, update};
    let mut app = week_app(Lang::Zh);
    let key = |c: KeyCode| Msg::Key(KeyEvent::from(c));
    // From Sunday (the selected day) back to Tuesday 11-17, then down to the leader row.
    for _ in 0..5 {
        update(&mut app, key(KeyCode::Left));
    }
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Char('a')));
    let picker = screen_text(&app, 120, 32);
    assert!(picker.contains("排班"), "the assign picker is open:\n{picker}");
    let cmds = update(&mut app, key(KeyCode::Enter));
    let spec = cmds.iter().find_map(|c| match c {
        Cmd::Write(Write::AddShifts(specs)) if specs.len() == 1 => Some(specs[0].clone()),
        _ => None,
    });
    let spec = spec.unwrap_or_else(|| panic!("one shift to add: {cmds:?}"));
    assert_eq!(spec.role, dutywatch::domain::Role::Leader);
    assert_eq!(spec.start, parse_pinned("2026-11-17T08:30:00+08:00").unwrap());
    assert_eq!(spec.end, parse_pinned("2026-11-18T08:30:00+08:00").unwrap());
    // A cell that already has a shift is refused with a hint to swap instead.
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Char('a')));
    assert!(matches!(&app.screen, Screen::Roster(s) if matches!(s.mode, dutywatch::app::roster::Mode::Grid)));
}

/// The people form of the roster screen refuses a name with a zero-width or bidi character as the
/// CLI does: the message names the character, the form stays open with the typing, nothing is sent.
#[test]
fn person_form_refuses_invisible_characters_and_keeps_the_typing() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use dutywatch::app::roster::Mode;
    use dutywatch::app::{Cmd, Msg, update};
    let mut app = week_app(Lang::En);
    let key = |c: KeyCode| Msg::Key(KeyEvent::from(c));
    update(&mut app, key(KeyCode::Char('p')));
    update(&mut app, key(KeyCode::Char('n')));
    for bad in ["张\u{200b}伟", "张\u{202e}伟"] {
        for c in bad.chars() {
            update(&mut app, key(KeyCode::Char(c)));
        }
        let cmds = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert!(!cmds.iter().any(|c| matches!(c, Cmd::Write(_))), "nothing is saved: {cmds:?}");
        let Screen::Roster(s) = &app.screen else { panic!("still on the roster screen") };
        let Mode::PersonForm { form, .. } = &s.mode else { panic!("the form stays open") };
        assert_eq!(form.value(FieldKey::Name), bad, "the typing is kept");
        let code = format!("U+{:04X}", u32::from(bad.chars().nth(1).unwrap()));
        assert!(form.error.as_deref().is_some_and(|e| e.contains(&code)), "{:?}", form.error);
        for _ in bad.chars() {
            update(&mut app, key(KeyCode::Backspace));
        }
    }
}

/// Issue 12: a shift may be at most `max_shift_hours` long (unit.toml, default 72); a longer row is
/// refused with FILE:LINE and the field `end`, and nothing of the file is imported.
#[test]
fn a_shift_longer_than_max_shift_hours_is_refused() {
    let env = staffed();
    let csv = file(
        &env,
        "long.csv",
        "role,person,start,end\n\
         officer,张伟,2026-11-23 08:30,2026-11-24 08:30\n\
         officer,王芳,2026-11-24 08:30,2026-11-27 09:30\n",
    );
    let o = import(&env, &csv);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let line = o.stderr.trim_end();
    assert!(line.starts_with("error: ") && line.contains("long.csv:3: field `end`:"), "{line}");
    assert!(line.contains("73.0 h") && line.contains("at most 72 h") && line.contains("max_shift_hours"), "{line}");
    assert_eq!(shift_count(&env), 0, "all or nothing");
    // Exactly 72 h is allowed.
    let ok = file(&env, "ok.csv", "role,person,start,end\nofficer,王芳,2026-11-24 08:30,2026-11-27 08:30\n");
    assert_eq!(import(&env, &ok).code, 0);
    assert_eq!(shift_count(&env), 1);
}

/// With a longer `max_shift_hours` (here 240 h, beyond the week the queries used to look back),
/// `roster now` still finds the officer late in a long shift, and the overlap check still sees a
/// long shift that started days before the new one.
#[test]
fn the_officer_on_duty_is_found_for_any_allowed_shift_length() {
    let env = staffed();
    let unit = SHIPPED_UNIT.replace("max_shift_hours = 72", "max_shift_hours = 240");
    assert!(unit.contains("max_shift_hours = 240"));
    std::fs::write(env.cfg.path().join("unit.toml"), unit).unwrap();
    // 张伟 from 2026-11-13 08:30 for 230 h: until 2026-11-22 22:30, i.e. past NOW (11-22 14:03).
    let csv = file(&env, "long.csv", "role,person,start,end\nofficer,张伟,2026-11-13 08:30,2026-11-22 22:30\n");
    let o = import(&env, &csv);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let now = env.json(&["roster", "now", "--json"]);
    assert_eq!(now["officer"][0]["name"], "张伟", "{now}");
    // And through the library (board, handover): the same answer.
    let on = Store::open(&env.db()).unwrap().shifts_at(parse_pinned(NOW).unwrap()).unwrap();
    assert_eq!(on.iter().map(|s| s.person_name.as_str()).collect::<Vec<_>>(), vec!["张伟"]);
    // A second shift of 张伟 starting 8 days into the long one overlaps it: refused.
    let clash = file(&env, "clash.csv", "role,person,start,end\nstandby,张伟,2026-11-21 08:30,2026-11-21 20:30\n");
    let o = import(&env, &clash);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stderr.contains("clash.csv:2: field `start`: overlaps shift"), "{}", o.stderr);
    assert_eq!(shift_count(&env), 1);
}
