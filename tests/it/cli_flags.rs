//! Enumerated flags come from the domain's coded enums (issue 13): `--help` lists their values
//! from that one source, and a bad value is one `error:` line naming the flag and the valid values,
//! with nothing written.

use crate::common;

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

/// The flags converted from hand-parsed strings (issue 13): the command (a bad value is refused
/// before a missing required flag is), the flag, and the valid values its error line and `--help` list.
const LEVELS: &str = "leader, village, township, county, city, province, national";
const CONVERTED: &[(&[&str], &str, &str)] = &[
    (&["escalate", "R1"], "--to", LEVELS),
    (&["ack", "R1"], "--level", LEVELS),
    (&["incident", "relay", "R1"], "--level", LEVELS),
    (&["contact", "add"], "--level", LEVELS),
    (&["contact", "edit", "王"], "--level", LEVELS),
    (&["incident", "finding", "R1"], "--kind", "false, concealed"),
    (&["incident", "respond", "R1"], "--level", "I, II, III, IV"),
    (&["incident", "warn", "R1"], "--level", "I, II, III, IV"),
    (&["log", "add"], "--kind", "call-in, call-out, instruction"),
    (&["log", "list"], "--kind", "call-in, call-out, instruction"),
    (&["report", "late"], "--grade", "I, II, III, IV, unknown"),
    (&["report", "late"], "--category", "natural, accident, health, social"),
    (&["report", "late"], "--kind", "first-phone, first-written, national, direct-province"),
];

#[test]
fn each_converted_flag_refuses_a_bad_value_in_one_line_naming_the_values() {
    for (args, flag, valid) in CONVERTED {
        let env = Env::new();
        let mut argv: Vec<&str> = args.to_vec();
        argv.extend([*flag, "moon"]);
        let line = assert_error(&run(env.cmd(&argv)));
        assert!(line.contains(&format!("{flag}:")) && line.contains("moon"), "{argv:?}: {line}");
        assert!(line.contains(valid), "{argv:?}: {line}");
        assert!(!env.db().exists(), "{argv:?}: nothing was created");
    }
}

#[test]
fn help_lists_the_values_of_each_converted_flag() {
    let env = Env::new();
    for (args, flag, valid) in CONVERTED {
        // The subcommand alone: what comes before its first argument.
        let mut argv: Vec<&str> =
            args.iter().take_while(|a| a.is_ascii() && !a.starts_with("--") && **a != "R1").copied().collect();
        argv.push("--help");
        let help = env.ok(&argv);
        assert!(help.contains(&format!("[possible values: {valid}")), "{argv:?} {flag}: {help}");
    }
    let help = env.ok(&["incident", "warn", "--help"]);
    assert!(help.contains("[possible values: I, II, III, IV, none]"), "{help}");
}

#[test]
fn the_spellings_that_worked_still_work() {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["incident", "add", "--title", "山体滑坡", "--category", "natural", "--grade", "III"]);
    let id = "1";
    // Levels by code and by Chinese name; response levels by numeral, digit and colour.
    env.ok(&["contact", "add", "--name", "李县", "--level", "县值班室", "--phone", "123"]);
    env.ok(&["contact", "edit", "李县", "--level", "COUNTY"]);
    env.ok(&["incident", "respond", id, "--level", "Ⅳ", "--reason", "雨情", "--by", "周建国"]);
    env.ok(&["incident", "respond", id, "--level", "orange", "--reason", "雨情加重", "--by", "周建国"]);
    env.ok(&["incident", "warn", id, "--level", "黄", "--reason", "预警", "--by", "周建国"]);
    env.ok(&["incident", "warn", id, "--level", "无", "--reason", "解除", "--by", "周建国"]);
    env.ok(&["incident", "finding", id, "--kind", "瞒报", "--text", "x", "--by", "周建国"]);
    // Below Ⅳ is refused with the way to end a response, as before.
    let line =
        assert_error(&run(env.cmd(&["incident", "respond", id, "--level", "none", "--reason", "x", "--by", "周建国"])));
    assert!(line.contains("there is no response level below IV") && line.contains("--end --conditions"), "{line}");
}
