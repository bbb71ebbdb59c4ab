//! Issue 17, "layouts that never break": every screen and popup, at 80×24, 100×30, 120×40 and
//! 160×48, in zh and en, with long Chinese text in the fields, keeps every border cell intact. The
//! check walks each box drawn on the buffer (a `┌` whose left edge reaches a `└`) and requires its
//! right edge and bottom edge to be border cells: text that ran through the border (or a wide
//! character straddling it) would leave a letter, or the hidden half of a wide character, there.
//! A cell of an edge may be hidden only under another box (a popup drawn over the screen).
//!
//! Screens covered: board, incident page, intake form, handover sheet, roster week, directory,
//! duty log, statistics, 督办 tasks. Popups: help (at its top and scrolled to its end), alert list, confirmation, message, report form, handover
//! remarks, a log entry opened in full, the log's add form.
//!
//! Forms with every one-line field holding a long Chinese value (it wraps inside the form, issue
//! 17): report, escalate, grade and update-facts forms on the incident page, the intake form, the
//! log's add and equipment-check forms, the roster's person form and the directory's contact form.
//! For each, the cursor is also checked to be inside the form, on the row and column where the
//! focused value's typing goes.

use std::sync::Arc;

use crate::common;
use common::screen::{render, text};

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use dutywatch::app::{self, App, Msg, Overlay};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{Category, Channel, Grade, Lang, LogKind, ReportKind, Role};
use dutywatch::ops::OpCtx;
use dutywatch::ops::incident::{ReportInput, add, record_report};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::log::NewLogEntry;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use ratatui::buffer::Buffer;
use tempfile::TempDir;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 40), (160, 48)];
const LONG: &str =
    "石门村三组后山发生山体滑坡灾害造成村道中断两户民房受损村委会正在组织群众紧急转移安置并请求镇里派出挖掘机";

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn unit() -> Arc<UnitConfig> {
    Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap())
}

struct Fx {
    _dir: TempDir,
    store: Store,
    unit: Arc<UnitConfig>,
    book: Rulebook,
    id: i64,
}

fn fixture() -> Fx {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("borders.db")).unwrap();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let t0 = now() - Duration::hours(8);
    store.seed_contacts(&unit.contacts, t0, "admin").unwrap();
    for (name, role) in [("张三", Role::Officer), ("李四", Role::Leader), ("欧阳建国诸葛明", Role::Officer)]
    {
        let input = PersonInput {
            name: name.into(),
            phone: "13800000000".into(),
            department: "青山镇人民政府应急管理办公室综合协调科".into(),
            roles: vec![role],
            active: true,
        };
        let pid = store.add_person(&input, t0, "admin").unwrap().id;
        if name != "欧阳建国诸葛明" {
            let shift =
                NewShift { person_id: pid, role, start: now() - Duration::hours(6), end: now() + Duration::hours(18) };
            store.add_shift(&shift, t0, "admin").unwrap();
        }
    }
    let ctx = OpCtx { unit: &unit, book: &book, now: now() - Duration::hours(2), actor: "张三", lang: Lang::Zh };
    let mut id = 0;
    for n in 0..12 {
        let input = IncidentInput {
            title: format!("{LONG}{n}"),
            category: Some(Category::Natural),
            grade: Some(if n == 0 { Grade::II } else { Grade::IV }),
            learned_at: Some(now() - Duration::hours(2) - Duration::minutes(n)),
            occurred_at: Some(now() - Duration::hours(3)),
            place: LONG.into(),
            caller_unit: LONG.into(),
            caller_name: "欧阳建国诸葛明".into(),
            summary: LONG.repeat(3),
            measures: LONG.repeat(2),
            ..IncidentInput::default()
        };
        let i = add(&mut store, &ctx, &input).unwrap();
        if n == 0 {
            id = i.id;
        }
    }
    record_report(
        &mut store,
        &OpCtx { now: now() - Duration::hours(1), ..ctx },
        id,
        &ReportInput {
            kind: ReportKind::FirstPhone,
            to: "县政府总值班室".into(),
            channel: Channel::Phone,
            at: Some(now() - Duration::hours(1)),
            signer: "李四".into(),
            doc_no: format!("青山镇应急〔2026〕{LONG}"),
            skip_level: false,
            reason: String::new(),
        },
    )
    .unwrap();
    for n in 0..8 {
        let e = NewLogEntry {
            at: now() - Duration::minutes(30 + n),
            author: "欧阳建国诸葛明".into(),
            kind: LogKind::CallIn,
            incident_id: Some(id),
            body: LONG.repeat(2),
            corrects: None,
            data: None,
        };
        store.add_log(&e, now()).unwrap();
    }
    // A 督办 task with a long title, overdue now (issue 18: the Tasks screen `k`, and Due next).
    let task = dutywatch::ops::task::TaskInput {
        title: LONG.repeat(2),
        owner: "张三".into(),
        due: Some(now() - Duration::hours(1)),
        from: Some("李四".into()),
        ..Default::default()
    };
    dutywatch::ops::task::add(&mut store, &ctx, &task).unwrap();
    Fx { _dir: dir, store, unit, book, id }
}

fn board(fx: &Fx, lang: Lang) -> App {
    let mut a = App::new(lang, fx.unit.clone(), now(), false).with_book(Arc::new(fx.book.clone()));
    app::update(&mut a, Msg::Loaded(Box::new(dutywatch::runtime::load::board(&fx.store, now()).unwrap())));
    a
}

/// The link as a linked county's board shows it: down with a queue, rows from below.
fn linked_view(fx: &Fx) -> dutywatch::app::board::LinkView {
    let status = dutywatch::ops::link::Status {
        code: "520424".into(),
        upper: None,
        lower: vec!["520424101".into()],
        connected: false,
        since: Some(now() - Duration::minutes(40)),
        seen_at: Some(now()),
        queued: 4,
        oldest_queued_at: Some(now() - Duration::minutes(39)),
        last_sent_at: None,
        last_received_at: None,
        received: 3,
        held: 0,
        dead_letters: 1,
        dead: Vec::new(),
        sender_lease: None,
        witness: Vec::new(),
    };
    let row = |n: i64, acked: Option<&str>| dutywatch::app::board::FromBelowRow {
        incident_id: fx.id,
        reference: format!("2026-000{n}"),
        title: format!("{LONG}{n}"),
        from_room: "520424101".into(),
        remote_ref: format!("2026-004{n}"),
        acked_by: acked.map(str::to_string),
    };
    dutywatch::app::board::LinkView { status, from_below: vec![row(1, None), row(2, Some("李明")), row(3, None)] }
}

/// Puts a long Chinese value (wider than any form) into every one-line field of `form`.
fn fill_long(form: &mut app::form::Form) {
    use app::form::FieldKind;
    let mut first = None;
    for (i, f) in form.fields.iter_mut().enumerate() {
        if matches!(f.kind, FieldKind::Text | FieldKind::Time | FieldKind::Number) && !f.masked {
            f.set_value(&LONG.repeat(2));
            first = first.or(Some(i));
        }
    }
    // The focus on the first of them, its cursor after the last character.
    form.focus = first.unwrap_or(form.focus);
}

/// The form a screen shows, if any (to fill it).
fn open_form(a: &mut App) -> Option<&mut app::form::Form> {
    if let Some(action) = a.action.as_mut() {
        return Some(&mut action.form);
    }
    if let Some(f) = a.log.form.as_mut() {
        return Some(f.as_mut());
    }
    match &mut a.screen {
        app::Screen::Intake(f) => Some(f.as_mut()),
        app::Screen::Roster(state) => match &mut state.mode {
            app::roster::Mode::PersonForm { form, .. } | app::roster::Mode::SwapForm { form, .. } => {
                Some(form.as_mut())
            }
            _ => None,
        },
        app::Screen::Directory(d) => d.editing.as_mut().map(|(_, _, f)| f.as_mut()),
        _ => None,
    }
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::from(KeyCode::Char(c)))
}

fn is_vertical(s: &str) -> bool {
    matches!(s, "│" | "├" | "┤" | "┼" | "║")
}

fn is_horizontal(s: &str) -> bool {
    matches!(s, "─" | "┬" | "┴" | "┼" | "═")
}

/// Boxes on the buffer: (left, top, right, bottom), each with its four corners and its left edge.
fn boxes(buf: &Buffer) -> Vec<(u16, u16, u16, u16)> {
    let (w, h) = (buf.area.width, buf.area.height);
    let mut out = Vec::new();
    for y in 0..h {
        for x in 0..w {
            if buf[(x, y)].symbol() != "┌" {
                continue;
            }
            let Some(x2) = (x + 1..w).find(|&c| buf[(c, y)].symbol() == "┐") else { continue };
            let mut y2 = None;
            for r in y + 1..h {
                match buf[(x, r)].symbol() {
                    "└" => {
                        y2 = Some(r);
                        break;
                    }
                    s if is_vertical(s) => {}
                    _ => break,
                }
            }
            let Some(y2) = y2 else { continue };
            out.push((x, y, x2, y2));
        }
    }
    out
}

/// Every right and bottom edge cell of every box is a border cell, or lies under another box.
fn check_borders(buf: &Buffer, what: &str) {
    let all = boxes(buf);
    assert!(!all.is_empty(), "{what}: no box found\n{}", text(buf));
    let covered = |x: u16, y: u16, me: (u16, u16, u16, u16)| {
        all.iter().any(|b| *b != me && b.0 <= x && x <= b.2 && b.1 <= y && y <= b.3)
    };
    for b in &all {
        let (x, y, x2, y2) = *b;
        for r in y + 1..y2 {
            let s = buf[(x2, r)].symbol();
            assert!(
                is_vertical(s) || covered(x2, r, *b),
                "{what}: the right border of the box at ({x},{y}) is broken at ({x2},{r}) by {s:?}\n{}",
                text(buf)
            );
        }
        let corner = buf[(x2, y2)].symbol();
        assert!(corner == "┘" || covered(x2, y2, *b), "{what}: corner ({x2},{y2}) is {corner:?}\n{}", text(buf));
        for c in x + 1..x2 {
            let s = buf[(c, y2)].symbol();
            assert!(
                is_horizontal(s) || covered(c, y2, *b),
                "{what}: the bottom border of the box at ({x},{y}) is broken at ({c},{y2}) by {s:?}\n{}",
                text(buf)
            );
        }
    }
}

/// Each screen and popup, built through the app's own messages.
fn screens(fx: &Fx, lang: Lang) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let a = board(fx, lang);
    out.push(("board", a.clone()));

    // A linked unit (issue 20): the 下级报送 pane with the link state in its title, long titles.
    let mut b = a.clone();
    b.data.link = Some(linked_view(fx));
    out.push(("board linked", b));

    let mut b = a.clone();
    app::update(&mut b, key('?'));
    out.push(("help", b.clone()));
    // Scrolled to its end (the drawing clamps how far it goes).
    b.help_scroll = u16::MAX;
    out.push(("help at its end", b));

    let mut b = a.clone();
    app::update(&mut b, key('k'));
    assert!(matches!(b.screen, app::Screen::Tasks(_)));
    out.push(("tasks", b));

    let mut b = a.clone();
    app::update(&mut b, Msg::Tick(now() + Duration::hours(3)));
    app::update(&mut b, key('!'));
    assert!(matches!(b.overlay, Some(Overlay::Alerts { .. })));
    out.push(("alert list", b));

    let mut b = a.clone();
    app::update(&mut b, Msg::Failed(LONG.repeat(2)));
    out.push(("message", b));

    let mut b = a.clone();
    app::update(&mut b, Msg::Key(KeyEvent::from(KeyCode::Tab)));
    app::update(&mut b, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    let detail = dutywatch::runtime::load::incident(&fx.store, fx.id).unwrap();
    if let app::Screen::Incident(p) = &mut b.screen {
        p.id = fx.id;
    }
    app::update(&mut b, Msg::IncidentLoaded(Box::new(detail)));
    out.push(("incident page", b.clone()));
    let mut c = b.clone();
    app::update(&mut c, key('c'));
    out.push(("confirm", c));
    let mut c = b.clone();
    app::update(&mut c, key('b'));
    for ch in LONG.chars().take(30) {
        // Into the report form's text fields (the choice fields ignore letters).
        app::update(&mut c, key(ch));
    }
    out.push(("report form", c));
    for (name, k) in [("escalate form long", 'e'), ("grade form long", 'g'), ("update form long", 'u')] {
        let mut c = b.clone();
        app::update(&mut c, key(k));
        fill_long(open_form(&mut c).unwrap_or_else(|| panic!("{name}: no form opened")));
        out.push((name, c));
    }
    let mut c = b.clone();
    app::update(&mut c, key('b'));
    fill_long(open_form(&mut c).unwrap());
    out.push(("report form long", c));

    let mut b = a.clone();
    app::update(&mut b, key('n'));
    for ch in LONG.repeat(2).chars() {
        app::update(&mut b, key(ch));
    }
    out.push(("intake form", b.clone()));
    fill_long(open_form(&mut b).unwrap());
    out.push(("intake form long", b));

    let mut b = a.clone();
    app::update(&mut b, key('h'));
    out.push(("handover", b.clone()));
    let mut c = b.clone();
    app::update(&mut c, key('m'));
    for ch in LONG.repeat(2).chars() {
        app::update(&mut c, key(ch));
    }
    out.push(("handover remarks", c));

    let mut b = a.clone();
    let cmds = app::update(&mut b, key('r'));
    for cmd in cmds {
        if let app::Cmd::LoadRoster(monday) = cmd {
            let week = dutywatch::runtime::roster::week(&fx.store, &fx.unit, lang, monday).unwrap();
            app::update(&mut b, Msg::RosterLoaded(Box::new(week)));
        }
    }
    out.push(("roster", b.clone()));
    app::update(&mut b, key('p'));
    app::update(&mut b, key('n'));
    fill_long(open_form(&mut b).expect("the person form"));
    out.push(("roster person form long", b));

    let mut b = a.clone();
    app::update(&mut b, key('d'));
    out.push(("directory", b.clone()));
    app::update(&mut b, key('n'));
    fill_long(open_form(&mut b).expect("the contact form"));
    out.push(("directory contact form long", b));

    // The log and statistics screens read through the runtime, as the board does.
    let cli = <dutywatch::cli::Cli as clap::Parser>::parse_from([
        "dutywatch",
        "--db",
        fx.store.path().to_str().unwrap_or_default(),
    ]);
    let ctx = dutywatch::cli::context(&cli).unwrap();
    for (name, c) in [("log", 'l'), ("stats", 's')] {
        let mut b = a.clone();
        for cmd in app::update(&mut b, key(c)) {
            if let app::Cmd::Load(l) = cmd {
                let msg = dutywatch::runtime::effects_handover::load(l, &fx.store, &ctx);
                app::update(&mut b, msg);
            }
        }
        if name == "log" {
            let mut c = b.clone();
            app::update(&mut c, Msg::Key(KeyEvent::from(KeyCode::Enter)));
            out.push(("log entry in full", c));
            let mut c = b.clone();
            app::update(&mut c, key('a'));
            app::update(&mut c, Msg::Key(KeyEvent::from(KeyCode::Tab)));
            for ch in LONG.chars() {
                app::update(&mut c, key(ch));
            }
            out.push(("log add form", c.clone()));
            fill_long(open_form(&mut c).unwrap());
            out.push(("log add form long", c));
            let mut c = b.clone();
            app::update(&mut c, key('e'));
            fill_long(open_form(&mut c).expect("the equipment form"));
            out.push(("log equipment form long", c));
        }
        out.push((name, b));
    }
    out
}

#[test]
fn every_screen_and_popup_keeps_its_borders() {
    let fx = fixture();
    let mut checked = 0;
    for lang in [Lang::Zh, Lang::En] {
        for (name, a) in screens(&fx, lang) {
            for (w, h) in SIZES {
                let buf = render(&a, w, h);
                check_borders(&buf, &format!("{name} {lang:?} {w}x{h}"));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * 28 * SIZES.len());
}

/// The cursor of the frame drawn for `app` at `w`×`h`.
fn cursor_of(a: &App, w: u16, h: u16) -> Option<(u16, u16)> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| dutywatch::ui::draw(f, a)).unwrap();
    // A frame without a cursor leaves it at the corner (0, 0), which is never inside a box.
    let p = ratatui::backend::Backend::get_cursor_position(terminal.backend_mut()).ok()?;
    Some((p.x, p.y))
}

/// A form holding a long Chinese value wraps it inside the form: at 80×24 every character of the
/// focused value is on screen, in rows inside the form's box, and the terminal cursor (where the
/// input method opens) sits inside the box, right after the last character typed.
#[test]
fn long_values_wrap_inside_every_form_and_the_cursor_follows() {
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        for (name, a) in screens(&fx, lang) {
            if !name.ends_with(" long") {
                continue;
            }
            for (w, h) in SIZES {
                let buf = render(&a, w, h);
                let what = format!("{name} {lang:?} {w}x{h}");
                let (cx, cy) = cursor_of(&a, w, h).unwrap_or_else(|| panic!("{what}: no cursor\n{}", text(&buf)));
                // The innermost box holding the cursor is the form (the one whose left edge is
                // nearest the cursor: a popup's edge lies inside the screen's box).
                let (x1, y1, x2, y2) = boxes(&buf)
                    .into_iter()
                    .filter(|b| b.0 < cx && cx < b.2 && b.1 < cy && cy < b.3)
                    .max_by_key(|b| (b.0, b.1))
                    .unwrap_or_else(|| panic!("{what}: the cursor ({cx},{cy}) is outside every box\n{}", text(&buf)));
                // The wrapped value: the rows of the form's inner area joined hold the value's last
                // characters just before the cursor (the value is typed up to its end).
                let screen = text(&buf);
                let inside: Vec<String> = (y1 + 1..y2)
                    .map(|y| {
                        let row = common::screen::row_text(&buf, y);
                        let mut col = 0;
                        row.chars()
                            .filter(|c| {
                                let cw = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                                let keep = col > x1 as usize && col < x2 as usize;
                                col += cw;
                                keep
                            })
                            .collect()
                    })
                    .collect();
                let joined: String = inside.concat().chars().filter(|c| !c.is_whitespace()).collect();
                let tail: String = LONG.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
                assert!(joined.contains(&tail), "{what}: `{tail}` not shown inside the form\n{screen}");
                // Just left of the cursor is the last character typed: `机` (two columns).
                let before = buf[(cx.saturating_sub(2), cy)].symbol().to_string();
                // Or, after a full row, at the start of the next (only the blank label column to its left).
                let wrapped_here = (x1 + 1..cx).all(|x| buf[(x, cy)].symbol() == " ");
                assert!(
                    before == "机" || wrapped_here,
                    "{what}: the cursor ({cx},{cy}) is not after the typing ({before:?})\n{screen}"
                );
            }
        }
    }
}

proptest::proptest! {
    /// Wrapping by display width: no row wider than the room, no character lost or split, and the
    /// cursor's (row, column) is where its character is drawn.
    #[test]
    fn wrapping_keeps_every_character_within_the_room(
        value in "[a-z山体滑坡石门村 ]{0,80}",
        room in 2usize..40,
        cursor_frac in 0.0f64..=1.0,
    ) {
        use dutywatch::ui::form::wrap_value;
        use unicode_width::UnicodeWidthStr;
        let n = value.chars().count();
        let cursor = ((n as f64) * cursor_frac).round() as usize;
        let w = wrap_value(&value, Some(cursor), room);
        proptest::prop_assert_eq!(w.rows.concat(), value.clone());
        for r in &w.rows {
            proptest::prop_assert!(r.width() <= room, "{:?} wider than {}", r, room);
        }
        let (row, col) = w.cursor.expect("a cursor");
        proptest::prop_assert!(col < room, "cursor column {} in room {}", col, room);
        let before: usize = w.rows[..row].iter().map(|r| r.chars().count()).sum();
        let in_row: String = w.rows[row].chars().take(cursor - before).collect();
        proptest::prop_assert_eq!(in_row.width(), col);
        proptest::prop_assert!(cursor >= before && cursor - before <= w.rows[row].chars().count());
    }
}

#[test]
fn wrapping_table() {
    use dutywatch::ui::form::wrap_value;
    let rows = |v: &str, room| wrap_value(v, None, room).rows;
    // (value, room, rows)
    assert_eq!(rows("", 10), vec![""]);
    assert_eq!(rows("abc", 3), vec!["abc"]);
    assert_eq!(rows("abcd", 3), vec!["abc", "d"]);
    // A wide character never straddles the edge: it starts the next row.
    assert_eq!(rows("a山体", 4), vec!["a山", "体"]);
    assert_eq!(rows("山体滑坡", 5), vec!["山体", "滑坡"]);
    // The cursor after a full last row starts a new one; before a wrapped character it is on that
    // character's row.
    assert_eq!(wrap_value("山体", Some(2), 4).cursor, Some((1, 0)));
    assert_eq!(wrap_value("山体", Some(2), 4).rows, vec!["山体", ""]);
    assert_eq!(wrap_value("a山体", Some(2), 4).cursor, Some((1, 0)));
    assert_eq!(wrap_value("a山体", Some(1), 4).cursor, Some((0, 1)));
}

#[test]
fn the_checker_finds_text_through_a_border() {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Widget};
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 5));
    Block::bordered().render(Rect::new(0, 0, 10, 5), &mut buf);
    buf.set_string(5, 2, "山体滑坡", ratatui::style::Style::new());
    let broken = std::panic::catch_unwind(|| check_borders(&buf, "broken"));
    assert!(broken.is_err(), "a wide character over the right border is found");
}
