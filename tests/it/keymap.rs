//! The keymap (issue 13): keys come from one table per screen, `keys.toml` rebinds them, and a
//! file that cannot be used is named (file, line, key) before the board takes the terminal.

use crate::common;

use std::sync::Arc;

use chrono::DateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dutywatch::app::{self, App, Msg, Screen};
use dutywatch::config::UnitConfig;
use dutywatch::config::unit::SHIPPED_UNIT;
use dutywatch::domain::Lang;
use dutywatch::keymap::{Keymap, Table};

use common::cli::{Env, assert_error, run};

fn app_with(keys_toml: &str) -> App {
    let unit: UnitConfig = dutywatch::config::parse_toml(SHIPPED_UNIT, "unit.toml").unwrap();
    let map = Keymap::from_toml(keys_toml, "keys.toml").unwrap();
    App::new(Lang::En, Arc::new(unit), DateTime::UNIX_EPOCH, false).with_keymap(Arc::new(map))
}

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app::update(app, Msg::Key(KeyEvent::new(code, mods)));
}

#[test]
fn a_rebound_key_opens_its_screen_and_the_old_one_does_nothing() {
    let mut a = app_with("[board]\nstats = \"S\"\nlog = \"f4\"\n");
    press(&mut a, KeyCode::Char('s'), KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Board), "s no longer opens statistics");
    press(&mut a, KeyCode::Char('S'), KeyModifiers::SHIFT);
    assert!(matches!(a.screen, Screen::Stats), "S does");
    let mut a = app_with("[board]\nlog = \"f4\"\n");
    press(&mut a, KeyCode::F(4), KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Log), "F4 opens the log");
    // The hint bar says so.
    let hints = a.keymap.hints(Table::Board, Lang::En);
    assert!(hints.iter().any(|(k, l)| k == "F4" && *l == "log"), "{hints:?}");
}

#[test]
fn ctrl_s_on_the_board_opens_nothing() {
    let mut a = app_with("");
    press(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(a.screen, Screen::Board));
    assert!(a.overlay.is_none());
}

#[test]
fn a_conflict_in_keys_toml_is_named_before_the_board_starts() {
    let env = Env::new();
    std::fs::write(env.cfg.path().join("keys.toml"), "[board]\nstats = \"x\"\n\nlog = \"x\"\n").unwrap();
    // No terminal here: the keymap's error comes first, with the file, the line and the key.
    let line = assert_error(&run(env.cmd(&[])));
    let file = env.cfg.path().join("keys.toml");
    assert!(line.contains(&format!("{}:4: log:", file.display())), "{line}");
    assert!(line.contains("already bound to stats on line 2"), "{line}");
}

#[test]
fn an_unknown_action_is_named_with_the_ones_there_are() {
    let env = Env::new();
    std::fs::write(env.cfg.path().join("keys.toml"), "[incident]\nwaiver = \"V\"\n").unwrap();
    let line = assert_error(&run(env.cmd(&[])));
    assert!(line.contains(":2: waiver: no such action"), "{line}");
    assert!(line.contains("waive"), "lists the actions: {line}");
}

#[test]
fn a_rebound_key_on_the_log_screen_works_through_update_and_the_old_one_does_nothing() {
    let mut a = app_with("[log]\nadd = \"+\"\nback = \"f9\"\n");
    press(&mut a, KeyCode::Char('l'), KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Log));
    press(&mut a, KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(a.log.form.is_none(), "a no longer opens the add form");
    // Esc and q were the defaults of `back`: rebound, they do nothing here.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Log), "Esc no longer leaves");
    press(&mut a, KeyCode::Char('+'), KeyModifiers::NONE);
    assert!(a.log.form.is_some(), "+ opens it");
    // The form keeps its own keys: Esc closes it.
    press(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(a.log.form.is_none());
    press(&mut a, KeyCode::F(9), KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Board), "F9 leaves");
    // The hint bar says so.
    let hints = a.keymap.hints(Table::Log, Lang::En);
    assert!(hints.iter().any(|(k, l)| k == "+" && *l == "add"), "{hints:?}");
}

#[test]
fn a_rebound_key_on_the_directory_and_in_a_confirmation() {
    let mut a = app_with("[directory]\nadd = \"+\"\n[confirm]\nyes = \"j\"\n");
    press(&mut a, KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(matches!(a.screen, Screen::Directory(_)));
    press(&mut a, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(matches!(&a.screen, Screen::Directory(d) if d.editing.is_none()));
    press(&mut a, KeyCode::Char('+'), KeyModifiers::NONE);
    assert!(matches!(&a.screen, Screen::Directory(d) if d.editing.is_some()));
    // y no longer confirms; j does.
    a.overlay =
        Some(app::Overlay::Confirm { prompt: "?".into(), then: Box::new(app::Write::Close { incident_id: 1 }) });
    let cmds = app::update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
    assert!(cmds.is_empty() && a.overlay.is_some(), "{cmds:?}");
    let cmds = app::update(&mut a, Msg::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)));
    assert_eq!(cmds, vec![app::Cmd::Write(app::Write::Close { incident_id: 1 })]);
}

#[test]
fn the_help_lists_every_screen_and_scrolls() {
    let mut a = app_with("[log]\nspot_check = \"F7\"\n");
    press(&mut a, KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(a.overlay, Some(app::Overlay::Help));
    let text: String = dutywatch::ui::help::lines(&a, 40)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect();
    for t in Table::ALL {
        assert!(text.contains(t.title(Lang::En)), "{} missing:\n{text}", t.name());
    }
    // A rebinding shows in the help, from the keymap.
    assert!(text.lines().any(|l| l.contains("F7") && l.contains("spot check")), "{text}");
    // The board's keys come first when opened from the board.
    assert!(text.starts_with("Board"), "{text}");
    // ↓ scrolls (once drawn, it knows how far it may go); any other key closes it.
    a.help_max.set(10);
    press(&mut a, KeyCode::Down, KeyModifiers::NONE);
    press(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(a.overlay, Some(app::Overlay::Help));
    assert!(a.help_scroll > 1, "{}", a.help_scroll);
    press(&mut a, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(a.help_scroll, 10);
    press(&mut a, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(a.overlay, None);
}
