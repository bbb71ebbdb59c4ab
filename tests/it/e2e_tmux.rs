//! End to end: the real binary in a tmux pane, driven with send-keys and read with capture-pane,
//! as an officer would use it. Checks the board appears with the unit and the officer on duty, the
//! help opens and closes, `q` quits, and the terminal is back in cooked mode afterwards.

use crate::common;

use std::path::Path;

use common::{
    NOW, Scratch, Tmux, assert_cooked, officer_on_duty, quote, skip_without_tmux, wait_for_file, write_script,
};

#[test]
fn demo_board_help_quit_restores_the_terminal() {
    if skip_without_tmux() {
        return;
    }
    let Scratch { dir, cfg, db } = Scratch::new();
    let stty = dir.path().join("stty.txt");
    let marker = dir.path().join("exited");
    let script = dir.path().join("run.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\n\
             export LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg} DUTYWATCH_NOW={NOW}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB\n\
             {bin} --db {db} demo --reset\n\
             code=$?\n\
             stty -a > {stty} 2>&1\n\
             echo \"exit=$code\" > {marker}.tmp && mv {marker}.tmp {marker}\n\
             exec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_dutywatch"))),
            db = quote(&db),
            stty = quote(&stty),
            marker = quote(&marker),
        ),
    );

    let tmux = Tmux::new("dutywatch-e2e");
    tmux.start(120, 40, &script);

    let board = tmux.wait_for("the board", 15, |s| s.contains("青山镇应急值守") && s.contains("值班日志"));
    assert!(!marker.exists(), "dutywatch exited early:\n{board}");

    // Who is on duty, read through the library from the same database.
    let officer = officer_on_duty(&db, NOW);
    let header = board.lines().next().unwrap_or("");
    assert!(header.contains("青山镇应急值守"), "header: {header}");
    assert!(header.contains(&format!("值班员 {officer}")), "officer {officer} in header: {header}");
    assert!(header.contains("14:03:27"), "pinned clock in header: {header}");

    tmux.text("?");
    let help = tmux.wait_for("the help overlay", 10, |s| s.contains("按任意键关闭帮助"));
    assert!(help.contains("帮助 Help"), "{help}");
    assert!(help.contains("退出"), "{help}");

    tmux.text("x");
    tmux.wait_for("the help to close", 10, |s| !s.contains("按任意键关闭帮助") && s.contains("值班日志"));
    assert!(!marker.exists(), "a key that closes help must not quit");

    tmux.text("q");
    assert!(wait_for_file(&marker, 10), "dutywatch did not exit after q; pane:\n{}", tmux.capture());
    let exit = std::fs::read_to_string(&marker).unwrap();
    assert_eq!(exit.trim(), "exit=0");

    // Cooked mode again: canonical input and echo on.
    assert_cooked(&stty, "exit");
    // The alternate screen was left: the board is gone from the pane.
    let after = tmux.capture();
    assert!(!after.contains("值班日志"), "board still on screen after exit:\n{after}");
}
