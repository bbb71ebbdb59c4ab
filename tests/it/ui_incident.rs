//! Snapshots of the incident screens through ratatui's `TestBackend` with a pinned clock, on a real
//! store built with the `ops` functions the CLI and the board use: the board with due-soon, overdue
//! and late rows (colours checked on the buffer cells), the incident page, and the intake form with
//! Chinese typed into the title (and the terminal cursor where the input method needs it).

use std::sync::Arc;

use crate::common;
use common::screen::{row_text, text};

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dutywatch::app::form::FieldKey;
use dutywatch::app::{self, App, Cmd, Focus, Msg, Screen};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{Category, Channel, Grade, Lang, Level, ReportKind, Role};
use dutywatch::ops::OpCtx;
use dutywatch::ops::escalation::{EscalateInput, escalate};
use dutywatch::ops::incident::{ReportInput, add, record_report};
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Color;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

const W: u16 = 120;
const H: u16 = 40;

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn at(hhmm: &str) -> DateTime<Utc> {
    parse_pinned(&format!("2026-11-22T{hhmm}:00+08:00")).unwrap()
}

fn unit() -> Arc<UnitConfig> {
    Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap())
}

/// The store behind the board (kept alive with its temp dir) and the ids of its incidents.
struct Fixture {
    _dir: TempDir,
    store: Store,
    /// Ⅳ 货车侧翻, learned 09:00: the own leader never told (overdue since 09:30), the county told
    /// at 09:45 (迟报: due 09:30), the written report due 15:00.
    overdue: i64,
    /// Ⅳ 山体滑坡, learned 13:40: the county told at 13:50, the own leader due 14:10 (due soon).
    due_soon: i64,
}

fn fixture() -> Fixture {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("ui.db")).unwrap();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let t0 = now() - Duration::hours(8);
    let mut person = |name: &str, role: Role| {
        let input = PersonInput {
            name: name.into(),
            phone: String::new(),
            department: "应急办".into(),
            roles: vec![role],
            active: true,
        };
        let id = store.add_person(&input, t0, "admin").unwrap().id;
        let shift = NewShift {
            person_id: id,
            role,
            start: parse_pinned("2026-11-22T08:30:00+08:00").unwrap(),
            end: parse_pinned("2026-11-23T08:30:00+08:00").unwrap(),
        };
        store.add_shift(&shift, t0, "admin").unwrap();
    };
    person("张三", Role::Officer);
    person("李四", Role::Leader);

    let ctx_at = |t: DateTime<Utc>| OpCtx { unit: &unit, book: &book, now: t, actor: "张三", lang: Lang::Zh };
    let input = |title: &str, category: Category, grade: Grade, learned: &str, place: &str| IncidentInput {
        title: title.into(),
        category: Some(category),
        grade: Some(grade),
        learned_at: Some(at(learned)),
        occurred_at: Some(at(learned) - Duration::minutes(5)),
        place: place.into(),
        caller_unit: "县交警大队".into(),
        caller_name: "王警官".into(),
        caller_phone: "0851-8612 2110".into(),
        injured: 1,
        summary: "一辆货车侧翻,司机受轻伤已送医,道路半幅通行。".into(),
        measures: "交警现场疏导交通。".into(),
        ..IncidentInput::default()
    };
    let overdue = add(
        &mut store,
        &ctx_at(at("09:00")),
        &input("G321线货车侧翻", Category::Accident, Grade::IV, "09:00", "G321线K1842"),
    )
    .unwrap()
    .id;
    let county = |t: &str| EscalateInput {
        level: Level::County,
        recipient: "县政府总值班室".into(),
        channel: Channel::Phone,
        at: Some(at(t)),
        skip_level: false,
        reason: String::new(),
    };
    escalate(&mut store, &ctx_at(at("09:46")), overdue, &county("09:45")).unwrap();
    let due_soon = add(
        &mut store,
        &ctx_at(at("13:40")),
        &input("石门村山体滑坡", Category::Natural, Grade::IV, "13:40", "石门村三组"),
    )
    .unwrap()
    .id;
    escalate(&mut store, &ctx_at(at("13:50")), due_soon, &county("13:50")).unwrap();
    // A phone report on time for the record's chain.
    record_report(
        &mut store,
        &ctx_at(at("13:52")),
        due_soon,
        &ReportInput {
            kind: ReportKind::FirstPhone,
            to: "县应急管理局值班室".into(),
            channel: Channel::Phone,
            at: Some(at("13:52")),
            signer: String::new(),
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        },
    )
    .unwrap();
    Fixture { _dir: dir, store, overdue, due_soon }
}

fn app(lang: Lang, fx: &Fixture) -> App {
    let mut a = App::new(lang, unit(), now(), false);
    app::update(&mut a, Msg::Loaded(Box::new(dutywatch::runtime::load::board(&fx.store, now()).unwrap())));
    a
}

fn render(a: &App) -> Buffer {
    common::screen::render(a, W, H)
}

/// The cell where `needle` starts on the first row (from the top) holding it and `also`.
fn find_cell(buf: &Buffer, needle: &str, also: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        // Column of each char, accounting for wide characters.
        let mut cols = Vec::new();
        let mut s = String::new();
        let mut skip = 0usize;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            cols.push((s.len(), x));
            s.push_str(sym);
            skip = sym.width().saturating_sub(1);
        }
        if s.contains(also)
            && let Some(byte) = s.find(needle)
        {
            let x = cols.iter().rev().find(|(b, _)| *b <= byte).map(|(_, x)| *x).unwrap_or(0);
            return (x, y);
        }
    }
    panic!("`{needle}` with `{also}` not on screen:\n{}", text(buf));
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::from(code))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn board_with_due_soon_overdue_and_late_rows() {
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(lang, &fx);
        // Move the selection off the due pane so its rows show their own colours.
        app::update(&mut a, key(KeyCode::Tab));
        assert_eq!(a.focus, Focus::Incidents);
        let buf = render(&a);
        let screen = text(&buf);
        let (overdue, soon) = (lang.pick("超时", "OVERDUE"), lang.pick("将到", "SOON"));
        // Overdue: the own leader of the 货车侧翻 (due 09:30), with a negative countdown.
        let (ox, oy) = find_cell(&buf, overdue, "货车侧翻");
        assert!(
            row_text(&buf, oy).contains("09:30") && row_text(&buf, oy).contains("-4h33m"),
            "{}",
            row_text(&buf, oy)
        );
        assert_eq!(buf[(ox, oy)].bg, Color::Red, "overdue marker cell");
        // The whole row carries it, the due time too (the cell behind a wide character is skipped).
        let (tx, ty) = find_cell(&buf, "09:30", "货车侧翻");
        assert_eq!((buf[(tx, ty)].bg, ty), (Color::Red, oy));
        // Due soon: the own leader of the 山体滑坡 (due 14:10), 6 min 33 s left.
        let (sx, sy) = find_cell(&buf, soon, "山体滑坡");
        assert!(row_text(&buf, sy).contains("14:10") && row_text(&buf, sy).contains(" 6m "), "{}", row_text(&buf, sy));
        assert_eq!(buf[(sx, sy)].bg, Color::Yellow, "due-soon marker cell");
        // A pending row is neither.
        let (px, py) = find_cell(&buf, "15:00", "货车侧翻");
        assert!(!matches!(buf[(px, py)].bg, Color::Red | Color::Yellow), "pending row is plain");
        // Due soon first (it can still be made on time, and never hides under overdue rows), then
        // overdue, then the rest (issue 17).
        assert!(sy < oy && oy < py, "due soon {sy} < overdue {oy} < pending {py}");
        insta::assert_snapshot!(format!("board_{}_{W}x{H}", lang.pick("zh", "en")), screen);
    }
}

/// The 迟报 (done late) on the incident page: the county was told at 09:45, 15 min late.
#[test]
fn incident_page_shows_late_and_on_time_items() {
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(lang, &fx);
        // Open the overdue incident from the open-incident pane: Enter asks for its detail.
        app::update(&mut a, key(KeyCode::Tab));
        let pos = a.visible_incidents().iter().position(|i| i.id == fx.overdue).unwrap();
        for _ in 0..pos {
            app::update(&mut a, key(KeyCode::Down));
        }
        let cmds = app::update(&mut a, key(KeyCode::Enter));
        assert!(cmds.contains(&Cmd::LoadIncident(fx.overdue)), "{cmds:?}");
        assert!(matches!(&a.screen, Screen::Incident(p) if p.id == fx.overdue));
        let detail = dutywatch::runtime::load::incident(&fx.store, fx.overdue).unwrap();
        app::update(&mut a, Msg::IncidentLoaded(Box::new(detail)));
        let buf = render(&a);
        let screen = text(&buf);
        let late = lang.pick("✓迟报", "✓LATE");
        let (lx, ly) = find_cell(&buf, late, lang.pick("报上级值班室", "tell upper duty"));
        assert_eq!(buf[(lx + 1, ly)].fg, Color::Yellow, "迟报 in the warning colour");
        let (ox, oy) = find_cell(&buf, lang.pick("超时", "OVERDUE"), lang.pick("报本级领导", "tell own leader"));
        assert_eq!(buf[(ox, oy)].bg, Color::Red);
        assert!(screen.contains("G321线货车侧翻"), "{screen}");
        insta::assert_snapshot!(format!("incident_page_{}_{W}x{H}", lang.pick("zh", "en")), screen);

        // The due-soon incident: its phone report done on time.
        let mut b = app(lang, &fx);
        b.screen = Screen::Incident(Box::new(app::IncidentPage {
            id: fx.due_soon,
            detail: Some(dutywatch::runtime::load::incident(&fx.store, fx.due_soon).unwrap()),
            scroll: 0,
        }));
        let buf = render(&b);
        let (x, y) = find_cell(&buf, lang.pick("✓按时", "✓on time"), lang.pick("报上级值班室", "tell upper duty"));
        assert_eq!(buf[(x + 1, y)].fg, Color::Green);
        find_cell(&buf, lang.pick("将到", "SOON"), lang.pick("报本级领导", "tell own leader"));
    }
}

#[test]
fn intake_form_with_chinese_title_and_the_cursor() {
    let fx = fixture();
    let mut a = app(Lang::Zh, &fx);
    app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('n'))));
    assert!(matches!(a.screen, Screen::Intake(_)), "n opens the intake form");
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    terminal.draw(|f| dutywatch::ui::draw(f, &a)).unwrap();
    let empty: Position = terminal.get_cursor_position().unwrap();

    let mut drafts = Vec::new();
    for c in "山体滑坡".chars() {
        drafts.extend(app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char(c)))));
    }
    // Every keystroke keeps a draft; the last one holds the whole title.
    assert_eq!(drafts.len(), 4, "{drafts:?}");
    assert!(
        matches!(drafts.last(), Some(Cmd::SaveDraft(v)) if v.get("title").map(String::as_str) == Some("山体滑坡")),
        "{drafts:?}"
    );
    assert!(a.unsaved_typing);
    terminal.draw(|f| dutywatch::ui::draw(f, &a)).unwrap();
    let typed = terminal.get_cursor_position().unwrap();
    assert_eq!(typed.y, empty.y, "same row");
    assert_eq!(typed.x, empty.x + 8, "four wide characters move the cursor 8 columns");
    let buf = terminal.backend().buffer().clone();
    let (x, y) = find_cell(&buf, "山体滑坡", "标题");
    assert_eq!((x, y), (empty.x, empty.y), "the title starts where the cursor was");
    insta::assert_snapshot!("intake_zh_title_typed", text(&buf));

    // Saving without changing the category (自然灾害 is pre-selected) asks for the write.
    let cmds = app::update(&mut a, ctrl('s'));
    let write = cmds.iter().find_map(|c| match c {
        Cmd::Write(w) => Some(format!("{w:?}")),
        _ => None,
    });
    let write = write.unwrap_or_else(|| panic!("Ctrl+S writes: {cmds:?}"));
    assert!(write.contains("AddIncident") && write.contains("山体滑坡"), "{write}");
}

#[test]
fn intake_form_keeps_typing_and_shows_the_error() {
    let fx = fixture();
    let mut a = app(Lang::En, &fx);
    app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char('n'))));
    for c in "滑坡".chars() {
        app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char(c))));
    }
    // To the dead field (title, category, grade, learned, occurred, place, source, 5 caller fields).
    let Screen::Intake(form) = &a.screen else { panic!("intake") };
    let dead = form.fields.iter().position(|f| f.key == FieldKey::Dead).unwrap();
    for _ in 0..dead {
        app::update(&mut a, key(KeyCode::Tab));
    }
    for c in "-1".chars() {
        app::update(&mut a, Msg::Key(KeyEvent::from(KeyCode::Char(c))));
    }
    let cmds = app::update(&mut a, ctrl('s'));
    assert_eq!(cmds, vec![Cmd::Bell], "refused in the form");
    let Screen::Intake(form) = &a.screen else { panic!("still the intake form") };
    assert_eq!(form.value(FieldKey::Title), "滑坡", "typing kept");
    assert_eq!(form.fields[form.focus].key, FieldKey::Dead, "the bad field is focused");
    let screen = text(&render(&a));
    assert!(screen.contains("dead"), "the error is shown:\n{screen}");
}

/// In English the due pane's kind column (14 columns) cuts "first report (phone)" and "first report
/// (written)" to the same "first report (": the officer cannot tell which report is owed.
#[test]
fn en_due_pane_tells_phone_from_written() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("ui.db")).unwrap();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let ctx = OpCtx { unit: &unit, book: &book, now: now(), actor: "张三", lang: Lang::En };
    let input = IncidentInput {
        title: "山体滑坡".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::III),
        ..IncidentInput::default()
    };
    add(&mut store, &ctx, &input).unwrap();
    let mut a = App::new(Lang::En, unit.clone(), now(), false);
    app::update(&mut a, Msg::Loaded(Box::new(dutywatch::runtime::load::board(&store, now()).unwrap())));
    let buf = render(&a);
    let kinds: Vec<String> = (0..buf.area.height)
        .map(|y| row_text(&buf, y))
        .filter(|r| r.contains("#2026-0001") && r.contains("1st "))
        // The kind cell: between the due time and the reference.
        .map(|r| r.split("#2026").next().unwrap_or("").split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert_ne!(kinds[0], kinds[1], "phone and written rows read the same");
}

/// A draft found at start-up reopens the intake form with a notice (已恢复未保存的接报草稿). The
/// notice goes to `app.status`, which only the board's hint line draws; the intake screen never
/// shows it, and leaving the form overwrites it with "接报草稿已保留", so the officer never sees it.
#[test]
fn restored_draft_is_announced() {
    let fx = fixture();
    let mut a = app(Lang::Zh, &fx);
    let mut values = std::collections::BTreeMap::new();
    values.insert("title".to_string(), "青山村山洪草稿".to_string());
    app::update(&mut a, Msg::DraftFound(values));
    assert!(matches!(a.screen, Screen::Intake(_)));
    let screen = text(&render(&a));
    assert!(screen.contains("青山村山洪草稿"), "{screen}");
    assert!(screen.contains("已恢复"), "the officer is told the draft was restored:\n{screen}");
}

/// The incident page after the facts changed (issue 15): the facts now, the timeline of their changes
/// (被困 → 获救, when, who), and what each report said; `u` opens the facts form filled with the facts
/// as they stand and saves against the version it was opened on.
#[test]
fn incident_page_shows_the_facts_now_and_their_changes() {
    let mut fx = fixture();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let ctx = OpCtx { unit: &unit, book: &book, now: now(), actor: "张伟", lang: Lang::Zh };
    let before = fx.store.incident(fx.due_soon).unwrap().unwrap();
    // Two trapped learned of at 13:45, rescued by 13:58.
    let first = dutywatch::domain::facts::FactPatch { trapped: Some(2), ..Default::default() };
    dutywatch::ops::facts::update(&mut fx.store, &ctx, fx.due_soon, &first, Some(at("13:45")), None).unwrap();
    let patch = dutywatch::domain::facts::FactPatch {
        trapped: Some(0),
        rescued: Some(2),
        cause: Some("连续强降雨致山体失稳".into()),
        ..Default::default()
    };
    let done =
        dutywatch::ops::facts::update(&mut fx.store, &ctx, fx.due_soon, &patch, Some(at("13:58")), None).unwrap();
    assert_eq!(done.incident.version, before.version + 2);
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (160, 48)] {
            let mut a = app(lang, &fx);
            a.screen = Screen::Incident(Box::new(app::IncidentPage {
                id: fx.due_soon,
                detail: Some(dutywatch::runtime::load::incident(&fx.store, fx.due_soon).unwrap()),
                scroll: 0,
            }));
            let screen = text(&common::screen::render(&a, w, h));
            let change = lang.pick("13:58 张伟  被困 2 → 0", "13:58 张伟  trapped 2 → 0");
            assert!(screen.contains(change), "{screen}");
            assert!(screen.contains(lang.pick("获救 0 → 2", "rescued 0 → 2")), "{screen}");
            if h == 48 {
                // The phone report at 13:50 said what was known then.
                assert!(screen.contains(lang.pick("所报 死亡", "said dead")), "{screen}");
            }
            insta::assert_snapshot!(format!("incident_facts_{}_{w}x{h}", lang.pick("zh", "en")), screen);
            // `u`: the form holds the facts as they stand; saving sends the version it was opened on.
            app::update(&mut a, key(KeyCode::Char('u')));
            let form = a.action.as_ref().expect("facts form");
            assert_eq!(
                (form.form.value(FieldKey::Rescued), form.form.value(FieldKey::Trapped)),
                ("2".into(), "0".into())
            );
        }
    }
    // Submitting the form builds the update against the version shown.
    let mut a = app(Lang::Zh, &fx);
    a.screen = Screen::Incident(Box::new(app::IncidentPage {
        id: fx.due_soon,
        detail: Some(dutywatch::runtime::load::incident(&fx.store, fx.due_soon).unwrap()),
        scroll: 0,
    }));
    app::update(&mut a, key(KeyCode::Char('u')));
    a.action.as_mut().expect("form").form.set(FieldKey::Evacuated, "56");
    let cmds = app::update(&mut a, ctrl('s'));
    let want_version = done.incident.version;
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::Write(app::Write::UpdateFacts { expected_version, patch, .. })
            if *expected_version == want_version && patch.evacuated == Some(56))),
        "{cmds:?}"
    );
}

/// The history screen (`H`): the archive's first page through the store's own query, the filters in the
/// title, Enter opens an incident and Esc on its page comes back.
#[test]
fn history_screen_lists_the_archive_and_opens_an_incident() {
    use dutywatch::app::logscreen::{Load, Loaded};
    let fx = fixture();
    let mut a = app(Lang::Zh, &fx);
    let cmds = app::update(&mut a, key(KeyCode::Char('H')));
    let Some(Cmd::Load(Load::HistoryPage(filter))) = cmds.first() else { panic!("{cmds:?}") };
    let rows = fx.store.search_incidents(filter, dutywatch::app::history::HISTORY_PAGE).unwrap();
    assert_eq!(rows.len(), 2);
    app::update(&mut a, Msg::Extra(Box::new(Loaded::HistoryPage(rows))));
    let screen = text(&common::screen::render(&a, 80, 24));
    assert!(screen.contains("历史事件 (1) · 全部事件") && screen.contains("G321线货车侧翻"), "{screen}");
    insta::assert_snapshot!("history_zh_80x24", screen);
    // `L`: only incidents with a 迟报, from the first page again.
    let cmds = app::update(&mut a, key(KeyCode::Char('L')));
    let Some(Cmd::Load(Load::HistoryPage(filter))) = cmds.first() else { panic!("{cmds:?}") };
    assert!(filter.late && filter.before.is_none());
    let late = fx.store.search_incidents(filter, 50).unwrap();
    assert_eq!(late.iter().map(|i| i.id).collect::<Vec<_>>(), [fx.overdue]);
    app::update(&mut a, Msg::Extra(Box::new(Loaded::HistoryPage(late))));
    let cmds = app::update(&mut a, key(KeyCode::Enter));
    assert_eq!(cmds, vec![Cmd::LoadIncident(fx.overdue)]);
    // Read-only from here: an action key says so and opens no form.
    app::update(&mut a, key(KeyCode::Char('b')));
    assert!(a.action.is_none() && a.overlay.is_some());
    app::update(&mut a, key(KeyCode::Esc));
    app::update(&mut a, key(KeyCode::Esc));
    assert!(matches!(a.screen, Screen::History));
}

/// `C` on the incident page: the correction form offers the entries not yet corrected; saving asks for
/// the correction; once made, the report stays on the page marked with the reason.
#[test]
fn incident_page_corrects_a_report_and_keeps_it_marked() {
    let mut fx = fixture();
    let page = |fx: &Fixture, lang| {
        let mut a = app(lang, fx);
        a.screen = Screen::Incident(Box::new(app::IncidentPage {
            id: fx.due_soon,
            detail: Some(dutywatch::runtime::load::incident(&fx.store, fx.due_soon).unwrap()),
            scroll: 0,
        }));
        a
    };
    let mut a = page(&fx, Lang::Zh);
    app::update(&mut a, key(KeyCode::Char('C')));
    let form = &mut a.action.as_mut().expect("correction form").form;
    assert!(form.value(FieldKey::Entry).starts_with("report:"), "{}", form.value(FieldKey::Entry));
    form.set(FieldKey::Reason, "误记报送对象");
    let cmds = app::update(&mut a, ctrl('s'));
    let report = fx.store.reports(fx.due_soon).unwrap()[0].id;
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::Write(app::Write::Correct { target, reason, .. })
            if *target == dutywatch::ops::correct::Target::Report(report) && reason == "误记报送对象")),
        "{cmds:?}"
    );
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let ctx = OpCtx { unit: &unit, book: &book, now: now(), actor: "张伟", lang: Lang::Zh };
    let target = dutywatch::ops::correct::Target::Report(report);
    dutywatch::ops::correct::correct(&mut fx.store, &ctx, fx.due_soon, target, "误记报送对象", "张伟").unwrap();
    let a = page(&fx, Lang::Zh);
    let screen = text(&common::screen::render(&a, 120, 40));
    assert!(screen.contains("已更正: 误记报送对象 · 张伟"), "{screen}");
    assert!(screen.contains("电话首报 → 县应急管理局值班室"), "the report stays: {screen}");
}

/// Corrections on the ladder (issue 15): a step recorded by mistake and an ack given by the wrong
/// person stay on the incident page under the ladder, struck through, each with 已更正 and its reason;
/// the ladder's rungs are drawn from what stands (the ack given again after the correction).
#[test]
fn corrected_steps_and_acks_are_marked_on_the_ladder() {
    use dutywatch::ops::correct::{Target, correct};
    use dutywatch::ops::escalation::ack;
    let mut fx = fixture();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let ctx = |t: DateTime<Utc>| OpCtx { unit: &unit, book: &book, now: t, actor: "张三", lang: Lang::Zh };
    let step = fx.store.escalations(fx.overdue).unwrap()[0].id;
    ack(&mut fx.store, &ctx(at("10:01")), fx.overdue, Level::County, "县值班员李", Some(at("10:00"))).unwrap();
    correct(&mut fx.store, &ctx(at("10:20")), fx.overdue, Target::Ack(step), "非县值班室确认", "张三").unwrap();
    ack(&mut fx.store, &ctx(at("10:31")), fx.overdue, Level::County, "县值班员王", Some(at("10:30"))).unwrap();
    // A re-notification recorded against the wrong incident.
    let again = EscalateInput {
        level: Level::City,
        recipient: "市政府总值班室".into(),
        channel: Channel::Phone,
        at: Some(at("11:00")),
        skip_level: false,
        reason: String::new(),
    };
    let wrong = escalate(&mut fx.store, &ctx(at("11:01")), fx.overdue, &again).unwrap().id;
    correct(&mut fx.store, &ctx(at("11:10")), fx.overdue, Target::Step(wrong), "误记上报", "张三").unwrap();
    for (lang, w, h) in [(Lang::Zh, 80, 24), (Lang::Zh, 160, 48), (Lang::En, 80, 24), (Lang::En, 160, 48)] {
        let mut a = app(lang, &fx);
        let detail = dutywatch::runtime::load::incident(&fx.store, fx.overdue).unwrap();
        a.screen = Screen::Incident(Box::new(app::IncidentPage { id: fx.overdue, detail: Some(detail), scroll: 0 }));
        // Scrolled so the ladder's heading is the first line of the page.
        let heading = lang.pick("— 上报状态 —", "— Escalation —");
        let mut buf = common::screen::render(&a, w, h);
        for scroll in 0..80 {
            if let Screen::Incident(p) = &mut a.screen {
                p.scroll = scroll;
            }
            buf = common::screen::render(&a, w, h);
            if row_text(&buf, 1).contains(heading) {
                break;
            }
        }
        let screen = text(&buf);
        assert!(row_text(&buf, 1).contains(heading), "{screen}");
        let (ack_mark, step_mark) = (
            lang.pick("确认已更正: 非县值班室确认 · 张三", "ack corrected: 非县值班室确认 · 张三"),
            lang.pick("上报已更正: 误记上报 · 张三", "step corrected: 误记上报 · 张三"),
        );
        assert!(screen.contains(ack_mark) && screen.contains(step_mark), "{screen}");
        // The struck-through entries: the city step, and the county ack as it was given (李, 10:00).
        let (sx, sy) = find_cell(&buf, "市政府总值班室", "11:00");
        assert!(buf[(sx, sy)].modifier.contains(ratatui::style::Modifier::CROSSED_OUT), "{screen}");
        let (lx, ly) = find_cell(&buf, "县值班员李", "10:00");
        assert!(buf[(lx, ly)].modifier.contains(ratatui::style::Modifier::CROSSED_OUT), "{screen}");
        // The rungs: the county acked at 10:30 (the ack that stands); the city step no longer counts.
        let rungs = row_text(&buf, 2);
        assert!(rungs.contains(lang.pick("确认10:30", "acked 10:30")), "{rungs}");
        assert!(!rungs.contains("11:00"), "{rungs}");
        insta::assert_snapshot!(format!("incident_ladder_corrected_{}_{w}x{h}", lang.pick("zh", "en")), screen);
    }
}

/// The history screen's date range (`d`, issue 15): from, then to, in the forms of `incident list
/// --from/--to` (a day, a month, a time, `-7d`), both days inclusive; a value the parser refuses stays
/// in the prompt with the reason, an end before the start is refused, and `c` clears the range.
#[test]
fn history_screen_filters_by_learned_days() {
    use dutywatch::app::logscreen::{Load, Loaded};
    let fx = fixture();
    let mut a = app(Lang::Zh, &fx);
    app::update(&mut a, key(KeyCode::Char('H')));
    let typed = |a: &mut App, s: &str| {
        for c in s.chars() {
            app::update(a, key(KeyCode::Char(c)));
        }
        app::update(a, key(KeyCode::Enter))
    };
    let page = |a: &mut App, cmds: Vec<Cmd>| {
        let Some(Cmd::Load(Load::HistoryPage(filter))) = cmds.first() else { panic!("{cmds:?}") };
        assert!(filter.before.is_none(), "a new range starts at the first page");
        let rows = fx.store.search_incidents(filter, dutywatch::app::history::HISTORY_PAGE).unwrap();
        app::update(a, Msg::Extra(Box::new(Loaded::HistoryPage(rows.clone()))));
        rows.iter().map(|i| i.id).collect::<Vec<_>>()
    };
    // A month that does not exist: the reason in the status line, nothing loaded, still typing.
    app::update(&mut a, key(KeyCode::Char('d')));
    assert!(typed(&mut a, "2026-13").is_empty());
    assert!(a.status.as_deref().is_some_and(|s| s.starts_with("起")), "{:?}", a.status);
    assert!(a.history.typing.is_some());
    app::update(&mut a, key(KeyCode::Esc));
    // The day before: nothing learned then.
    app::update(&mut a, key(KeyCode::Char('d')));
    assert!(typed(&mut a, "2026-11-21").is_empty());
    let cmds = typed(&mut a, "2026-11-21");
    assert_eq!(page(&mut a, cmds), Vec::<i64>::new());
    // The end before the start is refused, the prompt kept.
    app::update(&mut a, key(KeyCode::Char('d')));
    for _ in 0.."2026-11-21".len() {
        app::update(&mut a, key(KeyCode::Backspace));
    }
    assert!(typed(&mut a, "2026-11-22").is_empty());
    for _ in 0.."2026-11-21".len() {
        app::update(&mut a, key(KeyCode::Backspace));
    }
    assert!(typed(&mut a, "2026-11-21").is_empty(), "refused");
    assert!(a.status.is_some());
    // The pinned day, both ends inclusive: both incidents.
    for _ in 0.."2026-11-21".len() {
        app::update(&mut a, key(KeyCode::Backspace));
    }
    let cmds = typed(&mut a, "2026-11-22");
    assert_eq!(page(&mut a, cmds), [fx.due_soon, fx.overdue]);
    let screen = text(&common::screen::render(&a, 80, 24));
    assert!(screen.contains("获知 2026-11-22~2026-11-22"), "{screen}");
    insta::assert_snapshot!("history_dates_zh_80x24", screen);
    // From a time, open-ended: only the one learned after it.
    app::update(&mut a, key(KeyCode::Char('d')));
    for _ in 0.."2026-11-22".len() {
        app::update(&mut a, key(KeyCode::Backspace));
    }
    assert!(typed(&mut a, "2026-11-22 12:00").is_empty());
    for _ in 0.."2026-11-22".len() {
        app::update(&mut a, key(KeyCode::Backspace));
    }
    let cmds = typed(&mut a, "");
    assert_eq!(page(&mut a, cmds), [fx.due_soon]);
    // `c` clears the range with the other filters.
    let cmds = app::update(&mut a, key(KeyCode::Char('c')));
    assert_eq!(page(&mut a, cmds).len(), 2);
    let screen = text(&common::screen::render(&a, 80, 24));
    assert!(screen.contains("全部事件") && !screen.contains("获知 2026"), "{screen}");
}

/// A form's own guidance is drawn whole, wrapped inside the popup at 80 columns: the waive form says
/// what a waiver needs and what it does not undo. An error takes its place while it stands, and the
/// form keeps its height.
#[test]
fn the_waive_form_shows_its_guidance_whole_at_80_columns() {
    use dutywatch::app::actions::ActionForm;
    let fx = fixture();
    for (lang, whole) in [
        (Lang::En, ["a waiver needs a reason and a leader;", "a duty already overdue still counts as missed"]),
        (Lang::Zh, ["免报须写明理由并由领导批准;", "已超时的事项免报后仍计为漏报"]),
    ] {
        let mut a = app(lang, &fx);
        a.action = Some(ActionForm::waive(fx.overdue, "2026-0001", 1, &[(7, "电话首报".into())], "李四"));
        // The popup is 76 columns, centred: its inside is columns 3..77. Its rows joined, spaces folded.
        let inside = |buf: &Buffer| -> String {
            let rows: Vec<String> = (0..buf.area.height)
                .map(|y| {
                    let mut row = String::new();
                    let mut skip = 0usize;
                    for x in 3..77 {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        let sym = buf[(x, y)].symbol();
                        row.push_str(sym);
                        skip = sym.width().saturating_sub(1);
                    }
                    row
                })
                .collect();
            rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let buf = common::screen::render(&a, 80, 24);
        let joined = inside(&buf);
        for part in whole {
            assert!(joined.contains(part), "{lang:?}: `{part}` not shown whole\n{}", text(&buf));
        }
        a.action.as_mut().unwrap().form.error = Some("reason: required".into());
        let after = common::screen::render(&a, 80, 24);
        let joined = inside(&after);
        assert!(joined.contains("✗ reason: required"), "{}", text(&after));
        assert!(!joined.contains(whole[1]), "the error takes the guidance's place\n{}", text(&after));
        // The form keeps its place and height: its bottom border is on the same row.
        let bottom = |b: &Buffer| (0..b.area.height).find(|y| b[(2, *y)].symbol() == "└");
        assert_eq!(bottom(&buf), bottom(&after));
    }
}
