//! Stored text is hostile when drawn (issue 12, found again by hand at stop 24): an incident's title,
//! place, caller and summary, and a duty-log line, each holding terminal escapes, C1 controls, a
//! carriage return and a bidi override. Every screen that shows them must show the override as
//! `⟨U+202E⟩` and the escape as `␛`, never hand the character itself to the terminal, and keep its
//! borders (each row exactly the terminal's width).

use std::sync::Arc;

use crate::common;
use common::screen::{render, text};

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use dutywatch::app::{self, App, Msg, Screen};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{Category, Grade, Lang, LogKind, Role};
use dutywatch::ops::OpCtx;
use dutywatch::ops::incident::add;
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::log::NewLogEntry;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use ratatui::buffer::Buffer;
use tempfile::TempDir;

/// The same hostile text as `bad_input.rs`: an OSC 52 clipboard write, a screen clear, a window title,
/// an 8-bit CSI, a right-to-left override and a carriage return.
const HOSTILE: &str = "滑坡\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\x1b]0;title\x07\u{9b}31m\u{202e}gnp.exe\rX";

/// What must never reach the terminal (written out here, not taken from `safe_text`).
fn dangerous(c: char) -> bool {
    (c < ' ')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn unit() -> Arc<UnitConfig> {
    Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap())
}

struct Fixture {
    _dir: TempDir,
    store: Store,
    id: i64,
}

fn fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("hostile.db")).unwrap();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let t0 = now() - Duration::hours(8);
    let input = PersonInput {
        name: "张三".into(),
        phone: String::new(),
        department: HOSTILE.into(),
        roles: vec![Role::Officer],
        active: true,
    };
    let person = store.add_person(&input, t0, "admin").unwrap().id;
    let shift = NewShift {
        person_id: person,
        role: Role::Officer,
        start: parse_pinned("2026-11-22T08:30:00+08:00").unwrap(),
        end: parse_pinned("2026-11-23T08:30:00+08:00").unwrap(),
    };
    store.add_shift(&shift, t0, "admin").unwrap();
    let ctx = OpCtx { unit: &unit, book: &book, now: now() - Duration::minutes(20), actor: "张三", lang: Lang::Zh };
    let incident = IncidentInput {
        title: HOSTILE.into(),
        category: Some(Category::Natural),
        grade: Some(Grade::III),
        learned_at: Some(now() - Duration::minutes(20)),
        occurred_at: Some(now() - Duration::minutes(30)),
        place: HOSTILE.into(),
        caller_unit: HOSTILE.into(),
        caller_name: HOSTILE.into(),
        caller_phone: "0851-8612 2110".into(),
        summary: HOSTILE.into(),
        measures: HOSTILE.into(),
        ..IncidentInput::default()
    };
    let id = add(&mut store, &ctx, &incident).unwrap().id;
    let line = NewLogEntry {
        at: now() - Duration::minutes(5),
        author: "张三".into(),
        kind: LogKind::CallIn,
        incident_id: None,
        body: HOSTILE.into(),
        corrects: None,
        data: None,
    };
    store.add_log(&line, now()).unwrap();
    Fixture { _dir: dir, store, id }
}

fn app(lang: Lang, fx: &Fixture) -> App {
    let mut a = App::new(lang, unit(), now(), false);
    app::update(&mut a, Msg::Loaded(Box::new(dutywatch::runtime::load::board(&fx.store, now()).unwrap())));
    a
}

/// Checks one frame: no dangerous character in any cell, the override and the escape shown, every
/// row its full width (`text` asserts that).
fn check(buf: &Buffer, what: &str) -> String {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(!sym.chars().any(dangerous), "{what}: cell ({x},{y}) holds {sym:?}\n{}", text(buf));
        }
    }
    let screen = text(buf);
    // At 80 columns the rows are cut before the override; at 160 some row shows it whole.
    assert!(buf.area.width < 160 || screen.contains("⟨U+202E⟩"), "{what}: the override is not shown\n{screen}");
    assert!(screen.contains('␛'), "{what}: the escape is not shown\n{screen}");
    // Wherever the text shows, what it hid shows with it: no row drops a character silently.
    for row in screen.lines() {
        assert!(!row.contains("gnp") || row.contains("⟨U+202E⟩gnp"), "{what}: the override dropped in {row:?}");
        assert!(!row.contains("]52;") || row.contains("␛]52;"), "{what}: the escape dropped in {row:?}");
    }
    screen
}

#[test]
fn the_board_shows_hostile_stored_text_visibly() {
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (160, 48)] {
            let a = app(lang, &fx);
            check(&render(&a, w, h), &format!("board {lang:?} {w}x{h}"));
        }
    }
}

#[test]
fn the_incident_page_shows_hostile_stored_text_visibly() {
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (160, 48)] {
            let mut a = app(lang, &fx);
            a.screen = Screen::Incident(Box::new(app::IncidentPage {
                id: fx.id,
                detail: Some(dutywatch::runtime::load::incident(&fx.store, fx.id).unwrap()),
                scroll: 0,
            }));
            check(&render(&a, w, h), &format!("incident page {lang:?} {w}x{h}"));
        }
    }
}

#[test]
fn the_history_screen_shows_hostile_stored_text_visibly() {
    use dutywatch::app::logscreen::{Load, Loaded};
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(lang, &fx);
        let cmds = app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('H'))));
        let Some(dutywatch::app::Cmd::Load(Load::HistoryPage(filter))) = cmds.first() else { panic!("{cmds:?}") };
        let rows = fx.store.search_incidents(filter, dutywatch::app::history::HISTORY_PAGE).unwrap();
        app::update(&mut a, Msg::Extra(Box::new(Loaded::HistoryPage(rows))));
        check(&render(&a, 160, 48), &format!("history {lang:?}"));
    }
}
