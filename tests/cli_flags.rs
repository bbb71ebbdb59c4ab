//! Enumerated flags come from the domain's coded enums (issue 13): `--help` lists their values
//! from that one source, and a bad value is one `error:` line naming the flag and the valid values,
//! with nothing written.

mod common;

use common::cli::{Env, assert_error, run};

#[test]
fn help_lists_the_values_of_each_enumerated_flag() {
    let env = Env::new();
    let help = env.ok(&["incident", "add", "--help"]);
    assert!(help.contains("[possible values: natural, accident, health, social]"), "{help}");
    assert!(help.contains("[possible values: I, II, III, IV, unknown]"), "{help}");
    assert!(help.contains("[possible values: phone, fax, hotline"), "{help}");
    let help = env.ok(&["incident", "report", "--help"]);
    assert!(help.contains("first-phone") && help.contains("system"), "{help}");
}

#[test]
fn a_bad_value_is_one_error_line_and_nothing_is_written() {
    let env = Env::new();
    let line = assert_error(&run(env.cmd(&["incident", "add", "--title", "x", "--category", "volcano"])));
    assert!(line.contains("--category") && line.contains("volcano"), "{line}");
    assert!(line.contains("natural, accident, health, social"), "{line}");
    assert!(!env.db().exists(), "nothing was created");
    // The Chinese label a person types is taken as the domain takes it.
    env.ok(&["incident", "add", "--title", "山体滑坡", "--category", "自然灾害", "--grade", "III"]);
}
