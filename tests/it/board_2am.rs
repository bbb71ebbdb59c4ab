//! Issue 17, "the board at 2 a.m.". Alerts: every active alert listed and acknowledged on its own (who and when, shared
//! through the store), cleared when its cause is resolved, rung again while overdue and
//! unacknowledged, and never raised for moments that passed in review mode. Keys: `b` opens on the
//! selected row's kind, `e` on the level owed, a key that cannot act says why, review mode refuses
//! a form before it opens, confirmations are y / n-or-Esc. App-level `Msg` sequences on a real
//! store, with the clock given in each tick (never the wall clock).

use std::sync::Arc;

use crate::common;
use common::screen::{render, row_text, text};

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dutywatch::app::form::FieldKey;
use dutywatch::app::{self, App, Cmd, Msg, Overlay, Write};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::clock::parse_pinned;
use dutywatch::domain::{Category, Channel, Grade, Lang, Level, Role};
use dutywatch::ops::OpCtx;
use dutywatch::ops::escalation::{EscalateInput, ack, escalate};
use dutywatch::ops::incident::add;
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use tempfile::TempDir;

fn at(hhmm: &str) -> DateTime<Utc> {
    parse_pinned(&format!("2026-11-22T{hhmm}:00+08:00")).unwrap()
}

fn unit() -> Arc<UnitConfig> {
    Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap())
}

struct Fx {
    _dir: TempDir,
    store: Store,
    unit: Arc<UnitConfig>,
    book: Rulebook,
    ids: Vec<i64>,
}

/// Three Ⅳ incidents learned at 13:00, the county told and confirming at once: each owes only the
/// own leader, due 13:30. Nothing is due soon before 13:20.
fn fixture() -> Fx {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("alerts.db")).unwrap();
    let unit = unit();
    let book = Rulebook::shipped(&unit).unwrap();
    let t0 = at("08:00");
    for (name, role) in [("张三", Role::Officer), ("李四", Role::Leader)] {
        let input = PersonInput {
            name: name.into(),
            phone: String::new(),
            department: "应急办".into(),
            roles: vec![role],
            active: true,
        };
        let id = store.add_person(&input, t0, "admin").unwrap().id;
        let shift = NewShift { person_id: id, role, start: at("08:30"), end: at("23:30") };
        store.add_shift(&shift, t0, "admin").unwrap();
    }
    store.seed_contacts(&unit.contacts, t0, "admin").unwrap();
    let mut fx = Fx { _dir: dir, store, unit, book, ids: Vec::new() };
    for title in ["G321线货车侧翻", "石门村山体滑坡", "东河村民房失火"] {
        let input = IncidentInput {
            title: title.into(),
            category: Some(Category::Accident),
            grade: Some(Grade::IV),
            learned_at: Some(at("13:00")),
            occurred_at: Some(at("12:55")),
            place: "青山镇".into(),
            ..IncidentInput::default()
        };
        let (unit, book) = (fx.unit.clone(), fx.book.clone());
        let ctx = OpCtx { unit: &unit, book: &book, now: at("13:00"), actor: "张三", lang: Lang::Zh };
        let id = add(&mut fx.store, &ctx, &input).unwrap().id;
        let step = EscalateInput {
            level: Level::County,
            recipient: "县政府总值班室".into(),
            channel: Channel::Phone,
            at: Some(at("13:01")),
            skip_level: false,
            reason: String::new(),
        };
        escalate(&mut fx.store, &ctx_at(&unit, &book, at("13:01")), id, &step).unwrap();
        ack(&mut fx.store, &ctx_at(&unit, &book, at("13:02")), id, Level::County, "县值班员", Some(at("13:02")))
            .unwrap();
        fx.ids.push(id);
    }
    fx
}

fn ctx_at<'a>(unit: &'a UnitConfig, book: &'a Rulebook, t: DateTime<Utc>) -> OpCtx<'a> {
    OpCtx { unit, book, now: t, actor: "张三", lang: Lang::Zh }
}

fn loaded(fx: &Fx, t: DateTime<Utc>) -> Msg {
    Msg::Loaded(Box::new(dutywatch::runtime::load::board(&fx.store, t).unwrap()))
}

fn board(fx: &Fx, t: DateTime<Utc>) -> App {
    let mut a = App::new(Lang::Zh, fx.unit.clone(), t, false).with_book(Arc::new(fx.book.clone()));
    assert_eq!(app::update(&mut a, loaded(fx, t)), vec![], "nothing rings on the first load");
    a
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::from(code))
}

fn acked_keys(cmds: &[Cmd]) -> Vec<String> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Write(Write::AckAlert { key }) => Some(key.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn three_alerts_are_listed_acknowledged_one_by_one_and_the_third_rings_again() {
    let mut fx = fixture();
    let mut a = board(&fx, at("13:10"));
    assert!(a.alerts.active.is_empty());

    // 13:31: the three own-leader duties are overdue together. The due-soon alerts of 13:20 were
    // superseded by the overdue ones (one alert per duty).
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:20"))), vec![Cmd::Bell]);
    assert_eq!(a.alerts.active.len(), 3, "{:?}", a.alerts.active);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:31"))), vec![Cmd::Bell]);
    assert_eq!(a.alerts.active.len(), 3, "one alert per duty: {:?}", a.alerts.active);
    assert!(a.alerts.active.iter().all(|x| x.text.starts_with("已超时")), "{:?}", a.alerts.active);
    let screen = text(&render(&a, 100, 30));
    assert!(row_text(&render(&a, 100, 30), 0).contains("⚠告警3"), "the count in the header:\n{screen}");
    assert!(screen.contains("(+2 · ! 全部)"), "the banner says there are more:\n{screen}");

    // `!` lists every alert; Space acknowledges the selected one only.
    app::update(&mut a, key(KeyCode::Char('!')));
    assert_eq!(a.overlay, Some(Overlay::Alerts { selected: 0 }));
    let list = text(&render(&a, 100, 30));
    for x in &a.alerts.active {
        assert!(list.contains(&x.text), "{} listed:\n{list}", x.text);
    }
    let first = acked_keys(&app::update(&mut a, key(KeyCode::Char(' '))));
    assert_eq!(first.len(), 1);
    assert_eq!(a.alerts.unacked().count(), 2, "one Space acknowledges one alert");
    app::update(&mut a, key(KeyCode::Down));
    let second = acked_keys(&app::update(&mut a, key(KeyCode::Enter)));
    assert_eq!(second.len(), 1);
    assert_ne!(first, second);
    assert_eq!(a.alerts.unacked().count(), 1);
    // Acknowledging an acknowledged alert again writes nothing.
    app::update(&mut a, key(KeyCode::Up));
    assert!(acked_keys(&app::update(&mut a, key(KeyCode::Char(' ')))).is_empty());
    app::update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.overlay, None);

    // The runtime records them (who and when); the reload brings who acknowledged.
    for k in first.iter().chain(&second) {
        fx.store.ack_alert(k, "张三", at("13:32")).unwrap();
    }
    app::update(&mut a, loaded(&fx, at("13:32")));
    let by: Vec<_> = a.alerts.active.iter().filter_map(|x| x.ack.as_ref()).map(|x| (x.by.clone(), x.at)).collect();
    assert_eq!(by, vec![("张三".to_string(), at("13:32")); 2]);
    let list = {
        app::update(&mut a, key(KeyCode::Char('!')));
        let t = text(&render(&a, 100, 30));
        app::update(&mut a, key(KeyCode::Esc));
        t
    };
    assert!(list.contains("✓ 张三 13:32"), "who and when in the list:\n{list}");

    // The third repeats after alert_repeat_minutes (5, shipped), not before; the acknowledged
    // ones do not.
    assert_eq!(a.unit.alert_repeat_minutes, 5);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:35"))), vec![], "4 min after: quiet");
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:36"))), vec![Cmd::Bell], "5 min after: rings again");
    let third = a.alerts.banner().map(|(x, more)| (x.key.clone(), more));
    assert!(third.as_ref().is_some_and(|(k, more)| !first.contains(k) && !second.contains(k) && *more == 0));
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:37"))), vec![]);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:41"))), vec![Cmd::Bell], "and again");

    // Space on the board acknowledges the banner's alert; then nothing rings.
    let k = acked_keys(&app::update(&mut a, key(KeyCode::Char(' '))));
    assert_eq!(k, vec![third.map(|t| t.0).unwrap_or_default()]);
    assert_eq!(a.alerts.banner(), None);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:50"))), vec![]);
}

#[test]
fn acknowledgements_are_shared_across_terminals() {
    let mut fx = fixture();
    let mut one = board(&fx, at("13:25"));
    let mut two = board(&fx, at("13:25"));
    app::update(&mut one, Msg::Tick(at("13:31")));
    app::update(&mut two, Msg::Tick(at("13:31")));
    let k = acked_keys(&app::update(&mut one, key(KeyCode::Char(' '))));
    assert_eq!(k.len(), 1);
    fx.store.ack_alert(&k[0], "张三", at("13:31")).unwrap();
    // The other board sees it on its next reload and stops ringing for it.
    app::update(&mut two, loaded(&fx, at("13:32")));
    let acked = two.alerts.active.iter().find(|x| x.key == k[0]).and_then(|x| x.ack.clone());
    assert_eq!(acked.map(|x| x.by), Some("张三".to_string()));
    assert_eq!(two.alerts.unacked().count(), 2);
}

#[test]
fn an_alert_clears_itself_when_its_cause_is_resolved() {
    let mut fx = fixture();
    let mut a = board(&fx, at("13:25"));
    app::update(&mut a, Msg::Tick(at("13:31")));
    assert_eq!(a.alerts.active.len(), 3);
    // The own leader of the first incident is told: its alert goes, with its banner.
    let step = EscalateInput {
        level: Level::Leader,
        recipient: "周建国".into(),
        channel: Channel::Phone,
        at: Some(at("13:32")),
        skip_level: false,
        reason: String::new(),
    };
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    escalate(&mut fx.store, &ctx_at(&unit, &book, at("13:32")), fx.ids[0], &step).unwrap();
    app::update(&mut a, loaded(&fx, at("13:32")));
    assert_eq!(a.alerts.active.len(), 2, "{:?}", a.alerts.active);
}

#[test]
fn a_missing_ack_banner_clears_once_the_ack_is_recorded() {
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    // The city is told at 13:03 and does not confirm (15 min: overdue from 13:18).
    let step = EscalateInput {
        level: Level::City,
        recipient: "市应急管理局值班室".into(),
        channel: Channel::Phone,
        at: Some(at("13:03")),
        skip_level: false,
        reason: String::new(),
    };
    escalate(&mut fx.store, &ctx_at(&unit, &book, at("13:03")), fx.ids[0], &step).unwrap();
    let mut a = board(&fx, at("13:06"));
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:15"))), vec![]);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:19"))), vec![Cmd::Bell]);
    let banner = a.alerts.banner().map(|(x, _)| x.text.clone()).unwrap_or_default();
    assert!(banner.starts_with("上级未确认"), "{banner}");
    ack(&mut fx.store, &ctx_at(&unit, &book, at("13:19")), fx.ids[0], Level::City, "市值班员", Some(at("13:19")))
        .unwrap();
    app::update(&mut a, loaded(&fx, at("13:19")));
    assert_eq!(a.alerts.banner(), None, "{:?}", a.alerts.active);
    let screen = text(&render(&a, 100, 30));
    assert!(!screen.contains("上级未确认"), "{screen}");
}

#[test]
fn leaving_review_mode_raises_nothing_from_the_past() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    // Review 13:15 (before the 13:30 deadlines); meanwhile they pass; back to live at 13:45, as the
    // runtime does it: a tick (the board still shows 13:15), the live data, then the next tick.
    let mut past = dutywatch::runtime::load::board(&fx.store, at("13:15")).unwrap();
    past.review_at = Some(at("13:15"));
    assert_eq!(app::update(&mut a, Msg::Loaded(Box::new(past))), vec![]);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:41"))), vec![]);
    assert!(a.alerts.active.is_empty());
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:45"))), vec![]);
    assert_eq!(app::update(&mut a, loaded(&fx, at("13:45"))), vec![], "nothing rings on the way back");
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:46"))), vec![], "nor at the first live tick");
    assert!(a.alerts.active.is_empty(), "{:?}", a.alerts.active);
    assert_eq!(app::update(&mut a, Msg::Tick(at("13:52"))), vec![], "nor later (the repeat needs an alert)");
    // What falls due afterwards still alerts: the written reports (due 19:00) come due soon.
    assert_eq!(app::update(&mut a, Msg::Tick(at("18:51"))), vec![Cmd::Bell]);
}

#[test]
fn what_is_overdue_at_start_is_one_summary_alert() {
    let fx = fixture();
    let a = board(&fx, at("13:40"));
    assert_eq!(a.alerts.active.len(), 1, "{:?}", a.alerts.active);
    assert!(a.alerts.active[0].text.starts_with("启动时已超时 3 项"), "{}", a.alerts.active[0].text);
}

#[test]
fn ctrl_s_on_the_board_does_nothing() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    let cmds = app::update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert_eq!(cmds, vec![]);
    assert!(matches!(a.screen, app::Screen::Board));
}

fn due_row(a: &App, incident: i64, kind: &str, due: DateTime<Utc>, id: i64) -> dutywatch::store::incident::DueRow {
    let mut row = a.data.due.iter().find(|d| d.obligation.incident_id == incident).cloned().unwrap();
    row.obligation.id = id;
    row.obligation.kind = kind.parse().expect("a kind");
    row.obligation.due_at = due;
    row.obligation.anchor_at = due - chrono::Duration::hours(1);
    row
}

#[test]
fn b_on_a_followup_row_opens_the_followup_form() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    // The incident owes the State Council report (due first) and a 续报 at 08:00 tomorrow.
    let id = fx.ids[1];
    let national = due_row(&a, id, "national", at("13:40"), 901);
    let followup = due_row(&a, id, "followup", at("23:00"), 902);
    a.data.due = vec![national, followup];
    a.selected[0] = 1;
    app::update(&mut a, key(KeyCode::Char('b')));
    let form = a.action.as_ref().map(|f| f.form.value(FieldKey::Kind));
    assert_eq!(form.as_deref(), Some("followup"), "the selected row's kind");
    // On the national row, the national report.
    a.action = None;
    a.selected[0] = 0;
    app::update(&mut a, key(KeyCode::Char('b')));
    assert_eq!(a.action.as_ref().map(|f| f.form.value(FieldKey::Kind)).as_deref(), Some("national"));
}

#[test]
fn e_starts_on_the_level_owed() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    // Only the own leader is owed (the county was told): the form starts on a leader.
    app::update(&mut a, key(KeyCode::Char('e')));
    let recipient = a.action.as_ref().map(|f| f.form.value(FieldKey::Recipient)).unwrap_or_default();
    let first_leader = a.data.directory().contacts.iter().find(|c| c.level == Level::Leader).map(|c| c.name.clone());
    assert_eq!(Some(recipient), first_leader, "the first directory entry of the own leader");
    a.action = None;
    // A row owing the upper room: the county.
    let id = fx.ids[0];
    a.data.due = vec![due_row(&a, id, "notify-upper", at("13:30"), 903)];
    app::update(&mut a, key(KeyCode::Char('e')));
    let recipient = a.action.as_ref().map(|f| f.form.value(FieldKey::Recipient)).unwrap_or_default();
    let first_county = a.data.directory().contacts.iter().find(|c| c.level == Level::County).map(|c| c.name.clone());
    assert_eq!(Some(recipient), first_county);
}

#[test]
fn keys_that_cannot_act_say_why() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    // Nothing awaits the upper rooms' confirmation (all confirmed at 13:02).
    app::update(&mut a, key(KeyCode::Char('a')));
    assert!(a.action.is_none());
    let status = a.status.clone().unwrap_or_default();
    assert!(status.starts_with("a: #2026-") && status.contains("没有待上级确认"), "{status}");
    // No row selected in an empty pane.
    app::update(&mut a, key(KeyCode::Tab));
    app::update(&mut a, key(KeyCode::Tab));
    a.data.log.clear();
    for c in ['b', 'e'] {
        a.status = None;
        app::update(&mut a, key(KeyCode::Char(c)));
        let status = a.status.clone().unwrap_or_default();
        assert!(status.starts_with(&format!("{c}: ")) && status.contains("先选择"), "{c}: {status}");
    }
}

#[test]
fn review_mode_refuses_a_form_before_it_opens() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    let mut past = dutywatch::runtime::load::board(&fx.store, at("13:05")).unwrap();
    past.review_at = Some(at("13:05"));
    app::update(&mut a, Msg::Loaded(Box::new(past)));
    for c in ['n', 'b', 'e', 'a', 'g'] {
        a.status = None;
        let cmds = app::update(&mut a, key(KeyCode::Char(c)));
        assert!(cmds.is_empty(), "{c}: {cmds:?}");
        assert!(a.action.is_none() && matches!(a.screen, app::Screen::Board), "{c} opened a form");
        let status = a.status.clone().unwrap_or_default();
        assert!(status.contains("回看模式只读"), "{c}: {status}");
    }
    // On the incident page too: x (handling ended), v (waive), c (close).
    app::update(&mut a, key(KeyCode::Enter));
    for c in ['x', 'v', 'c'] {
        a.status = None;
        app::update(&mut a, key(KeyCode::Char(c)));
        assert!(a.action.is_none() && a.overlay.is_none(), "{c}");
        assert!(a.status.clone().unwrap_or_default().contains("回看模式只读"), "{c}");
    }
}

#[test]
fn confirmations_are_y_or_n_and_esc() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    app::update(&mut a, key(KeyCode::Enter));
    app::update(&mut a, key(KeyCode::Char('c')));
    assert!(matches!(a.overlay, Some(Overlay::Confirm { .. })));
    let screen = text(&render(&a, 80, 24));
    assert!(screen.contains("y 确认") && screen.contains("n/Esc 取消"), "{screen}");
    assert!(!screen.contains("任意键"), "no 'press any key' on a question:\n{screen}");
    // Another key waits; n cancels; Esc cancels; y confirms.
    assert_eq!(app::update(&mut a, key(KeyCode::Char('z'))), vec![]);
    assert!(a.overlay.is_some());
    app::update(&mut a, key(KeyCode::Char('n')));
    assert!(a.overlay.is_none());
    app::update(&mut a, key(KeyCode::Char('c')));
    app::update(&mut a, key(KeyCode::Esc));
    assert!(a.overlay.is_none());
    app::update(&mut a, key(KeyCode::Char('c')));
    let cmds = app::update(&mut a, key(KeyCode::Char('y')));
    assert!(matches!(cmds.as_slice(), [Cmd::Write(Write::Close { .. })]), "{cmds:?}");
}

#[test]
fn the_due_selection_stays_on_its_duty_across_a_reload() {
    let fx = fixture();
    // 18:51: the written reports (19:00) are due soon and come first; the own leaders are overdue.
    let mut a = board(&fx, at("18:51"));
    let soon: Vec<_> = a.data.due.iter().take(3).map(|d| d.obligation.kind.to_string()).collect();
    assert_eq!(soon, vec!["first-written"; 3], "due soon first");
    app::update(&mut a, key(KeyCode::Down));
    app::update(&mut a, key(KeyCode::Down));
    app::update(&mut a, key(KeyCode::Down));
    let picked = a.data.due[a.selected[0]].obligation.id;
    app::update(&mut a, loaded(&fx, at("18:51")));
    assert_eq!(a.data.due[a.selected[0]].obligation.id, picked);
}

/// The log screen's rows, loaded as the runtime does.
fn log_page(fx: &Fx) -> Msg {
    let rows = fx
        .store
        .log_between(&dutywatch::store::log::LogFilter {
            before: None,
            limit: app::logscreen::LOG_PAGE,
            ..Default::default()
        })
        .unwrap();
    Msg::Extra(Box::new(app::logscreen::Loaded::LogPage(rows)))
}

/// The unanswered instructions, loaded as the runtime does when the log screen opens.
fn open_instructions(fx: &Fx, t: DateTime<Utc>) -> Msg {
    let list = dutywatch::ops::log::open_instruction_picks(&fx.store, t).unwrap();
    Msg::Extra(Box::new(app::logscreen::Loaded::OpenInstructions(list)))
}

fn ctrl_s() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL))
}

#[test]
fn the_log_add_form_takes_a_time_an_incident_and_the_instruction_answered() {
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    let mut i = dutywatch::ops::log::LogInput::new(dutywatch::domain::LogKind::Instruction, "周镇长批示:立即组织转移");
    i.from_leader = Some("李四".into());
    let instruction = dutywatch::ops::log::add(&mut fx.store, &ctx_at(&unit, &book, at("13:05")), &i).unwrap();
    let mut a = board(&fx, at("13:10"));
    app::update(&mut a, key(KeyCode::Char('l')));
    app::update(&mut a, log_page(&fx));
    app::update(&mut a, open_instructions(&fx, at("13:10")));
    app::update(&mut a, key(KeyCode::Char('a')));
    let form = a.log.form.as_ref().unwrap();
    // The incidents and the unanswered instruction are offered as lists.
    let codes = |key: FieldKey| match form.field(key).map(|f| &f.kind) {
        Some(app::form::FieldKind::Choice { options, .. }) => options.iter().map(|c| c.code.clone()).collect(),
        _ => Vec::new(),
    };
    assert!(codes(FieldKey::Incident).contains(&fx.ids[1].to_string()), "{:?}", codes(FieldKey::Incident));
    assert!(codes(FieldKey::Answers).contains(&instruction.to_string()), "{:?}", codes(FieldKey::Answers));
    // Feedback, its text, at -20m, on the second incident, answering the instruction.
    let form = a.log.form.as_mut().unwrap();
    form.set(FieldKey::Kind, "feedback");
    form.set(FieldKey::Text, "已转移12户");
    form.set(FieldKey::At, "-20m");
    form.set(FieldKey::Incident, &fx.ids[1].to_string());
    form.set(FieldKey::Answers, &instruction.to_string());
    let cmds = app::update(&mut a, ctrl_s());
    let [Cmd::Write(Write::LogEntry(input))] = cmds.as_slice() else { panic!("{cmds:?}") };
    assert_eq!(input.kind, dutywatch::domain::LogKind::Feedback);
    assert_eq!(input.at, Some(at("12:50")), "-20m from 13:10");
    assert_eq!(input.incident_id, Some(fx.ids[1]));
    assert_eq!(input.answers, Some(instruction));
}

#[test]
fn enter_opens_a_log_entry_in_full() {
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    let long = "县应急局来电:今晚有大风降温\n第二行:请各村做好防风准备\n第三行:明早八点前报告情况";
    dutywatch::ops::log::add(
        &mut fx.store,
        &ctx_at(&unit, &book, at("13:05")),
        &dutywatch::ops::log::LogInput::new(dutywatch::domain::LogKind::CallIn, long),
    )
    .unwrap();
    let mut a = board(&fx, at("13:10"));
    app::update(&mut a, key(KeyCode::Char('l')));
    app::update(&mut a, log_page(&fx));
    let n = a.log.rows.iter().position(|r| r.entry.body == long).unwrap();
    for _ in 0..n {
        app::update(&mut a, key(KeyCode::Down));
    }
    app::update(&mut a, key(KeyCode::Enter));
    let screen = text(&render(&a, 80, 24));
    for line in long.lines() {
        assert!(screen.contains(line), "{line} in:\n{screen}");
    }
}

#[test]
fn an_equipment_check_keeps_a_note_per_device() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    app::update(&mut a, key(KeyCode::Char('l')));
    app::update(&mut a, log_page(&fx));
    app::update(&mut a, key(KeyCode::Char('e')));
    let form = a.log.form.as_mut().unwrap();
    form.set(FieldKey::Fax, "fault");
    form.set(FieldKey::NoteFax, "传真机卡纸");
    let cmds = app::update(&mut a, ctrl_s());
    let [Cmd::Write(Write::LogEntry(input))] = cmds.as_slice() else { panic!("{cmds:?}") };
    let notes: Vec<(&str, bool, &str)> =
        input.devices.iter().map(|d| (d.device.as_str(), d.ok, d.note.as_str())).collect();
    assert_eq!(
        notes,
        vec![("phone", true, ""), ("fax", false, "传真机卡纸"), ("network", true, ""), ("radio", true, "")]
    );
}

#[test]
fn page_down_and_up_move_a_page_of_due_rows() {
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    let rows = a.data.due.len();
    assert!(rows >= 3, "{rows}");
    app::update(&mut a, key(KeyCode::PageDown));
    assert_eq!(a.selected[0], rows.min(11) - 1);
    app::update(&mut a, key(KeyCode::PageUp));
    assert_eq!(a.selected[0], 0);
}

/// Snapshots at 80×24 and 160×48, zh and en: the board with three alerts (count in the header, the
/// banner with "+2"), "Due next" with countdowns in units, and the alert list with one acknowledged.
#[test]
fn snapshots_of_the_alerts_and_due_next() {
    let mut fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = App::new(lang, fx.unit.clone(), at("13:10"), false).with_book(Arc::new(fx.book.clone()));
        app::update(&mut a, loaded(&fx, at("13:10")));
        app::update(&mut a, Msg::Tick(at("13:31")));
        let l = if lang == Lang::Zh { "zh" } else { "en" };
        for (w, h) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(format!("alerts_board_{l}_{w}x{h}"), text(&render(&a, w, h)));
        }
        app::update(&mut a, key(KeyCode::Char('!')));
        let k = acked_keys(&app::update(&mut a, key(KeyCode::Char(' '))));
        fx.store.ack_alert(&k[0], "张三", at("13:31")).unwrap();
        app::update(&mut a, loaded(&fx, at("13:31")));
        for (w, h) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(format!("alerts_list_{l}_{w}x{h}"), text(&render(&a, w, h)));
        }
        // Start over for the other language: the acknowledgement is in the file.
        fx = fixture();
    }
}

/// The duties of one incident falling due at the same minute are one row of "Due next".
#[test]
fn one_incidents_duties_due_at_the_same_minute_are_one_row() {
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    let input = IncidentInput {
        title: "北山林场火情".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::IV),
        learned_at: Some(at("13:00")),
        occurred_at: Some(at("12:50")),
        place: "北山".into(),
        ..IncidentInput::default()
    };
    let id = add(&mut fx.store, &ctx_at(&unit, &book, at("13:00")), &input).unwrap().id;
    let a = board(&fx, at("13:10"));
    let owed: Vec<_> =
        a.data.due.iter().filter(|d| d.obligation.incident_id == id && d.obligation.due_at == at("13:30")).collect();
    assert_eq!(owed.len(), 2, "own leader and upper room, both due 13:30");
    let groups = a.due_groups();
    assert_eq!(groups.len(), a.data.due.len() - 1, "two duties, one row");
    let screen = text(&render(&a, 120, 40));
    let row = screen.lines().find(|l| l.contains("北山林场火情") && l.contains("13:30")).unwrap_or_default();
    assert!(row.contains("报本级领导·报上级值班室"), "{row}\n{screen}");
}

/// In a narrow "Due next" the incident's title is cut, never its grade: a Ⅲ with a long title at
/// 80 columns once read "II" in English (the cell was cut at its end).
#[test]
fn a_long_title_is_cut_before_the_grade_in_due_next() {
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    let input = IncidentInput {
        title: "青山镇石门村三组后山山体滑坡致两户房屋受损".into(),
        category: Some(Category::Natural),
        grade: Some(Grade::III),
        learned_at: Some(at("13:05")),
        occurred_at: Some(at("13:00")),
        place: "石门村".into(),
        ..IncidentInput::default()
    };
    add(&mut fx.store, &ctx_at(&unit, &book, at("13:05")), &input).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut a = App::new(lang, fx.unit.clone(), at("13:10"), false).with_book(Arc::new(fx.book.clone()));
        app::update(&mut a, loaded(&fx, at("13:10")));
        for (w, h) in [(80, 24), (160, 48)] {
            let screen = text(&render(&a, w, h));
            let rows: Vec<&str> = screen.lines().filter(|l| l.contains("青山镇石门村")).collect();
            assert!(!rows.is_empty(), "{screen}");
            let grade = if lang == Lang::En { " III " } else { " Ⅲ " };
            let due = rows.iter().find(|l| l.contains("13:")).unwrap_or_else(|| panic!("no due row:\n{screen}"));
            assert!(due.contains(grade), "{lang:?} {w}x{h}: the grade is cut: {due}\n{screen}");
            if w == 80 {
                assert!(due.contains('…'), "the title is cut at 80 columns: {due}");
            }
        }
    }
}

/// Feedback picks from every unanswered instruction of the log, newest first with its time and first
/// line, even one older than the page of the log that is loaded (issue 17).
#[test]
fn feedback_picks_from_every_open_instruction_not_only_the_loaded_page() {
    use dutywatch::domain::LogKind;
    use dutywatch::ops::log::{LogInput, add as log_add};
    let mut fx = fixture();
    let (unit, book) = (fx.unit.clone(), fx.book.clone());
    let mut old = LogInput::new(LogKind::Instruction, "周镇长批示:连夜排查河堤\n第二行不显示");
    old.from_leader = Some("周建国".into());
    let old = log_add(&mut fx.store, &ctx_at(&unit, &book, at("09:00")), &old).unwrap();
    let mut answered = LogInput::new(LogKind::Instruction, "已答复的批示");
    answered.from_leader = Some("李四".into());
    let answered = log_add(&mut fx.store, &ctx_at(&unit, &book, at("09:05")), &answered).unwrap();
    let mut fb = LogInput::new(LogKind::Feedback, "已落实");
    fb.answers = Some(answered);
    log_add(&mut fx.store, &ctx_at(&unit, &book, at("09:10")), &fb).unwrap();
    // A full page of newer lines: the old instruction is not on the first page.
    for n in 0..app::logscreen::LOG_PAGE {
        let t = at("10:00") + chrono::Duration::seconds(n as i64 * 20);
        log_add(&mut fx.store, &ctx_at(&unit, &book, t), &LogInput::new(LogKind::Note, &format!("巡查记录 {n}")))
            .unwrap();
    }
    let mut newer = LogInput::new(LogKind::Instruction, "李四批示:加强值守");
    newer.from_leader = Some("李四".into());
    let newer = log_add(&mut fx.store, &ctx_at(&unit, &book, at("13:06")), &newer).unwrap();
    let mut a = board(&fx, at("13:10"));
    let cmds = app::update(&mut a, key(KeyCode::Char('l')));
    assert!(cmds.contains(&Cmd::Load(app::logscreen::Load::OpenInstructions)), "{cmds:?}");
    app::update(&mut a, log_page(&fx));
    assert!(a.log.rows.iter().all(|r| r.entry.id != old), "the old instruction is older than the page");
    app::update(&mut a, open_instructions(&fx, at("13:10")));
    app::update(&mut a, key(KeyCode::Char('a')));
    let form = a.log.form.as_ref().unwrap();
    let Some(app::form::FieldKind::Choice { options, .. }) = form.field(FieldKey::Answers).map(|f| &f.kind) else {
        panic!("no instruction list")
    };
    let codes: Vec<String> = options.iter().map(|c| c.code.clone()).collect();
    assert_eq!(
        codes,
        vec![String::new(), newer.to_string(), old.to_string()],
        "newest first, the answered one left out"
    );
    assert_eq!(options[2].label.zh, "11-22 09:00 周建国:周镇长批示:连夜排查河堤");
    // Answering it from the list saves feedback on that instruction.
    let form = a.log.form.as_mut().unwrap();
    form.set(FieldKey::Kind, "feedback");
    form.set(FieldKey::Text, "河堤已排查");
    form.set(FieldKey::Answers, &old.to_string());
    let cmds = app::update(&mut a, ctrl_s());
    let [Cmd::Write(Write::LogEntry(input))] = cmds.as_slice() else { panic!("{cmds:?}") };
    assert_eq!(input.answers, Some(old));
}

/// `log add --kind equipment` keeps a note per device (`--device-note fax=…`), and `--note` is the
/// entry's general note, kept once and not copied onto each device. An unknown device is one
/// `error:` line naming the devices, exit 2, nothing written.
#[test]
fn cli_equipment_check_keeps_a_note_per_device() {
    use common::cli::{Env, assert_error};
    let env = Env::new();
    let add = |extra: &[&str]| {
        let mut args = vec!["log", "add", "--kind", "equipment", "--phone", "ok", "--fax", "fault"];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let out = add(&["--device-note", "fax=传真机卡纸", "--note", "已报修", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let devices = row["data"]["devices"].as_array().unwrap();
    let notes: Vec<(&str, &str)> =
        devices.iter().map(|d| (d["device"].as_str().unwrap(), d["note"].as_str().unwrap())).collect();
    assert_eq!(notes, vec![("phone", ""), ("fax", "传真机卡纸")]);
    // Stored in Chinese, the record's language, from this English terminal (issue 13); shown in English.
    assert_eq!(row["body"], "电话 正常 · 传真 故障(传真机卡纸) · 已报修");
    assert!(env.ok(&["log", "list"]).contains("phone OK · fax FAULT(传真机卡纸) · 已报修"));
    // The Chinese device name works too.
    let out = env.run(&[
        "--lang",
        "zh",
        "log",
        "add",
        "--kind",
        "equipment",
        "--network",
        "fault",
        "--device-note",
        "网络=光缆中断",
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(row["body"], "网络 故障(光缆中断)");
    let before = env.ok(&["log", "list", "--json"]);
    // An unknown device, a note for a device not checked, a note twice: one error line, exit 2.
    let line = assert_error(&add(&["--device-note", "printer=卡纸"]));
    assert!(line.contains("--device-note") && line.contains("phone, fax, network, radio"), "{line}");
    let line = assert_error(&add(&["--device-note", "radio=没电"]));
    assert!(line.contains("--radio"), "{line}");
    let line = assert_error(&add(&["--device-note", "fax=a", "--device-note", "fax=b"]));
    assert!(line.contains("twice"), "{line}");
    let line = assert_error(&env.run(&["log", "add", "--kind", "note", "--text", "x", "--device-note", "fax=a"]));
    assert!(line.contains("equipment"), "{line}");
    assert_eq!(env.ok(&["log", "list", "--json"]), before, "nothing written");
}

/// A long Chinese title wraps inside the intake form and the log's add form (issue 17), at 80×24
/// in zh and en: snapshots of the forms with the wrapped rows.
#[test]
fn snapshots_of_long_values_wrapped_in_forms() {
    let title =
        "石门村三组后山发生山体滑坡灾害造成村道中断两户民房受损村委会正在组织群众紧急转移安置并请求镇里派出挖掘机";
    let fx = fixture();
    for lang in [Lang::Zh, Lang::En] {
        let l = if lang == Lang::Zh { "zh" } else { "en" };
        let mut a = App::new(lang, fx.unit.clone(), at("13:10"), false).with_book(Arc::new(fx.book.clone()));
        app::update(&mut a, loaded(&fx, at("13:10")));
        let mut intake = a.clone();
        app::update(&mut intake, key(KeyCode::Char('n')));
        for c in title.chars() {
            app::update(&mut intake, key(KeyCode::Char(c)));
        }
        insta::assert_snapshot!(format!("long_title_intake_{l}_80x24"), text(&render(&intake, 80, 24)));
        let mut log = a.clone();
        app::update(&mut log, key(KeyCode::Char('l')));
        app::update(&mut log, log_page(&fx));
        app::update(&mut log, key(KeyCode::Char('a')));
        app::update(&mut log, key(KeyCode::Tab));
        for c in title.chars() {
            app::update(&mut log, key(KeyCode::Char(c)));
        }
        insta::assert_snapshot!(format!("long_text_log_form_{l}_80x24"), text(&render(&log, 80, 24)));
    }
}

/// A long line in a multi-line field (the intake's 事件概要) wraps inside the field too, and the
/// cursor follows the typing onto the wrapped row.
#[test]
fn a_long_line_in_a_multi_line_field_wraps_and_the_cursor_follows() {
    let line = "石门村三组后山发生山体滑坡灾害造成村道中断两户民房受损村委会正在组织群众紧急转移安置";
    let fx = fixture();
    let mut a = board(&fx, at("13:10"));
    app::update(&mut a, key(KeyCode::Char('n')));
    if let app::Screen::Intake(form) = &mut a.screen {
        form.focus_on(FieldKey::Summary);
    }
    for c in line.chars() {
        app::update(&mut a, key(KeyCode::Char(c)));
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| dutywatch::ui::draw(f, &a)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let screen = text(&buf);
    let y = screen.lines().position(|l| l.contains("事件概要")).expect("the summary row") as u16;
    let rows: Vec<String> = (y..y + 2)
        .map(|r| {
            // The value column starts at column 15 (after the border and the 14-column label).
            let mut col = 0;
            let value: String = row_text(&buf, r)
                .chars()
                .filter(|c| {
                    let keep = col >= 15;
                    col += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    keep
                })
                .collect();
            value.trim_end_matches([' ', '│']).to_string()
        })
        .collect();
    assert_eq!(rows.concat(), line, "the line wraps onto the field's next row:\n{screen}");
    let p = ratatui::backend::Backend::get_cursor_position(terminal.backend_mut()).unwrap();
    let last = unicode_width::UnicodeWidthStr::width(rows[1].as_str()) as u16;
    assert_eq!((p.x, p.y), (15 + last, y + 1), "the cursor after the last character:\n{screen}");
}
