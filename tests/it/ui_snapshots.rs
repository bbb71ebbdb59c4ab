//! Snapshots of the board through ratatui's `TestBackend` at 80×24 and 160×48, zh and en, with a
//! pinned clock, plus the help overlay, the "terminal too small" screen and the colours that carry
//! meaning (checked on the buffer cells, since snapshots are text only).

use std::sync::Arc;

use crate::common;
use common::screen::{render, row_text, text};

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use dutywatch::app::{self, App, BoardData, Msg, Overlay};
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{Lang, LogKind, Role};
use dutywatch::store::Store;
use dutywatch::store::log::NewLogEntry;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use ratatui::style::Color;
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn at(local: &str) -> DateTime<Utc> {
    parse_pinned(&format!("{local}+08:00")).unwrap()
}

/// A small watch: 张三 on duty 08:30–20:30, nobody 20:30–22:30 (a gap), 王五 22:30–08:30;
/// 李四 leads all day, 赵六 on standby; four log lines.
fn board_data() -> BoardData {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("ui.db")).unwrap();
    let t0 = now() - Duration::hours(8);
    let add = |store: &mut Store, name: &str, roles: &[Role]| {
        let input = PersonInput {
            name: name.into(),
            phone: String::new(),
            department: "应急办".into(),
            roles: roles.to_vec(),
            active: true,
        };
        store.add_person(&input, t0, "admin").unwrap().id
    };
    let zhang = add(&mut store, "张三", &[Role::Officer]);
    let li = add(&mut store, "李四", &[Role::Leader]);
    let wang = add(&mut store, "王五", &[Role::Officer]);
    let zhao = add(&mut store, "赵六", &[Role::Standby]);
    for (person_id, role, start, end) in [
        (zhang, Role::Officer, "2026-11-22T08:30:00", "2026-11-22T20:30:00"),
        (wang, Role::Officer, "2026-11-22T22:30:00", "2026-11-23T08:30:00"),
        (li, Role::Leader, "2026-11-22T08:30:00", "2026-11-23T08:30:00"),
        (zhao, Role::Standby, "2026-11-22T08:30:00", "2026-11-23T08:30:00"),
    ] {
        store.add_shift(&NewShift { person_id, role, start: at(start), end: at(end) }, t0, "admin").unwrap();
    }
    for (minutes_ago, kind, body) in [
        (330, LogKind::Note, "接班,设备正常,交接事项已清点"),
        (190, LogKind::CallIn, "县应急局来电:今晚有大风降温,请加强值守"),
        (95, LogKind::Instruction, "周镇长批示:各村做好防风准备\n(第二行不显示)"),
        (12, LogKind::CallOut, "电话通知各村值班员"),
    ] {
        let e = NewLogEntry {
            at: now() - Duration::minutes(minutes_ago),
            author: "张三".into(),
            kind,
            incident_id: None,
            body: body.into(),
            corrects: None,
            data: None,
        };
        store.add_log(&e, now()).unwrap();
    }
    dutywatch::runtime::load::board(&store, now()).unwrap()
}

fn unit() -> Arc<UnitConfig> {
    Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap())
}

fn app(lang: Lang) -> App {
    let mut a = App::new(lang, unit(), now(), false);
    app::update(&mut a, Msg::Loaded(Box::new(board_data())));
    a
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::from(KeyCode::Char(c)))
}

#[test]
fn board_zh_80x24() {
    insta::assert_snapshot!(text(&render(&app(Lang::Zh), 80, 24)));
}

#[test]
fn board_en_80x24() {
    insta::assert_snapshot!(text(&render(&app(Lang::En), 80, 24)));
}

#[test]
fn board_zh_160x48() {
    insta::assert_snapshot!(text(&render(&app(Lang::Zh), 160, 48)));
}

#[test]
fn board_en_160x48() {
    insta::assert_snapshot!(text(&render(&app(Lang::En), 160, 48)));
}

#[test]
fn help_overlay_zh_and_en() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 160, 48)] {
        let mut a = app(lang);
        app::update(&mut a, key('?'));
        assert_eq!(a.overlay, Some(Overlay::Help));
        let t = text(&render(&a, w, h));
        assert!(t.contains(lang.pick("帮助", "Help")), "{t}");
        insta::assert_snapshot!(format!("help_{lang:?}_{w}x{h}").to_lowercase(), t);
        // Any key closes it and the board is back.
        app::update(&mut a, key('x'));
        assert_eq!(a.overlay, None);
        assert_eq!(render(&a, w, h), render(&app(lang), w, h));
    }
}

#[test]
fn terminal_too_small() {
    for lang in [Lang::Zh, Lang::En] {
        let t = text(&render(&app(lang), 40, 10));
        assert!(t.contains(lang.pick("终端太小", "Terminal too small")), "{t}");
        assert!(t.contains("40×10") && t.contains("80×24"), "{t}");
        insta::assert_snapshot!(format!("too_small_{lang:?}_40x10").to_lowercase(), t);
    }
    // One column or row short is still too small.
    for (w, h) in [(79, 24), (80, 23)] {
        let t = text(&render(&app(Lang::En), w, h));
        assert!(t.starts_with("Terminal too small"), "{w}x{h}: {t}");
    }
}

#[test]
fn header_and_strip_colours_carry_meaning() {
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = render(&app(Lang::Zh), w, h);
        // Header: a blue bar across the whole width, with the unit name, officer and leader on duty.
        for x in [0, w / 2, w - 1] {
            // The cell behind a wide character is not drawn on its own: check the next one.
            let wide = x > 0 && unicode_width::UnicodeWidthStr::width(buf[(x - 1, 0)].symbol()) > 1;
            let x = if wide { x + 1 } else { x };
            assert_eq!(buf[(x, 0)].bg, Color::Blue, "header cell ({x}, 0)");
        }
        let header = row_text(&buf, 0);
        assert!(header.contains("青山镇应急值守"), "{header}");
        assert!(header.contains("张三") && header.contains("李四"), "{header}");
        if w >= 120 {
            assert!(header.contains("交班 22:30 → 王五"), "next change: {header}");
        }

        // Roster strip (row 1): covered cells green, the gap yellow, one now-marker.
        let cells: Vec<_> = (0..w).map(|x| &buf[(x, 1)]).collect();
        let gaps: Vec<_> = cells.iter().filter(|c| c.symbol() == "░").collect();
        let covered: Vec<_> = cells.iter().filter(|c| c.symbol() == "━").collect();
        let marker: Vec<_> = cells.iter().filter(|c| c.symbol() == "┃").collect();
        assert!(!gaps.is_empty(), "a gap is shown: {}", row_text(&buf, 1));
        assert!(gaps.iter().all(|c| c.fg == Color::Yellow));
        assert!(!covered.is_empty() && covered.iter().all(|c| c.fg == Color::Green));
        assert_eq!(marker.len(), 1);
        // The now-marker sits in covered time, a quarter of the way along (6 h of 24 h).
        let now_x = cells.iter().position(|c| c.symbol() == "┃").unwrap() as u16;
        assert_eq!(now_x, 1 + 6 * (w - 2) / 24);
        assert_eq!(buf[(now_x - 1, 1)].symbol(), "━");
        assert_eq!(buf[(now_x + 1, 1)].symbol(), "━");
    }
}

#[test]
fn read_only_board_shows_a_banner() {
    let mut a = App::new(Lang::En, unit(), now(), true);
    app::update(&mut a, Msg::Loaded(Box::new(board_data())));
    let buf = render(&a, 80, 24);
    let banner = row_text(&buf, 1);
    assert!(banner.contains("READ-ONLY"), "{banner}");
    assert_eq!(buf[(2, 1)].bg, Color::Yellow);
    insta::assert_snapshot!(text(&buf));
}

/// Colour is never the only signal: a gap in the strip needs its text legend. Today the tick labels
/// fill the whole row first, so `truncate` always cuts the legend off (the row ends in `…`).
#[test]
fn strip_gap_has_a_visible_legend() {
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::En, 80, 24), (Lang::Zh, 160, 48)] {
        let buf = render(&app(lang), w, h);
        let ticks = row_text(&buf, 2);
        assert!(ticks.contains(lang.pick("无人值班", "no officer")), "{w}x{h}: {ticks}");
    }
}

/// At 80×24 (the size the board is laid out for) the header must still name the leader on duty
/// and the next handover; today it is clipped after the officer (en) or after `交班` (zh).
#[test]
fn header_at_80_columns_names_leader_and_next_handover() {
    for lang in [Lang::Zh, Lang::En] {
        let header = row_text(&render(&app(lang), 80, 24), 0);
        assert!(header.contains("李四") && header.contains("王五"), "{header}");
    }
}
