//! The keymap (issue 13): keys come from one table per screen, `keys.toml` rebinds them, and a
//! file that cannot be used is named (file, line, key) before the board takes the terminal.

mod common;

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
