//! End to end in tmux (issue 19): `w` on the incident page, the handover screen and the log screen
//! writes the document as .docx and .md beside the database, and a popup names both files in full
//! (wrapped, never cut) at 80 columns.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{Scratch, Tmux, quote, skip_without_tmux, write_script};

fn on_board(s: &str) -> bool {
    s.contains("待办时限") && s.contains("在办事件")
}

/// The popup's text with its borders and line breaks removed, so a wrapped path reads whole.
fn popup_text(s: &str) -> String {
    s.lines().map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace())).collect::<String>()
}

/// Asserts the popup names `stem.docx` and `stem.md` in `dir` in full, and both files exist.
fn written(tmux: &Tmux, dir: &Path, stem: &str) {
    let screen = tmux.wait_for("the written popup", 15, |s| s.contains("文件已写入"));
    let flat = popup_text(&screen);
    for ext in ["docx", "md"] {
        let path = dir.join(format!("{stem}.{ext}"));
        assert!(flat.contains(&path.display().to_string()), "{} not shown whole in\n{screen}", path.display());
        assert!(path.exists(), "{} not written", path.display());
    }
    let bytes = std::fs::read(dir.join(format!("{stem}.docx"))).expect("docx");
    assert!(bytes.starts_with(b"PK"), "a zip");
    tmux.key("Escape");
}

#[test]
fn w_writes_docx_and_md_beside_the_database_from_three_screens() {
    if skip_without_tmux() {
        return;
    }
    let Scratch { dir, cfg, db } = Scratch::new();
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let out = Command::new(bin)
        .args(["--db", db.to_str().expect("p"), "demo", "--reset", "--no-board"])
        .env("LANG", "zh_CN.UTF-8")
        .env("DUTYWATCH_CONFIG_DIR", &cfg)
        .env_remove("DUTYWATCH_NOW")
        .env_remove("DUTYWATCH_DB")
        .env_remove("LC_ALL")
        .output()
        .expect("demo");
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
    let script = dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\nexport LANG=zh_CN.UTF-8 DUTYWATCH_CONFIG_DIR={cfg}\nunset LC_ALL LC_CTYPE DUTYWATCH_DB DUTYWATCH_NOW\n{bin} --db {db}\necho \"exit=$?\"\nexec sleep 120\n",
            cfg = quote(&cfg),
            bin = quote(Path::new(bin)),
            db = quote(&db),
        ),
    );
    let tmux = Tmux::new("dutywatch-e2e-docs");
    tmux.start(80, 24, &script);
    tmux.wait_for("the board", 20, on_board);
    // The incident page.
    tmux.key("/");
    tmux.key("Enter");
    tmux.key("Enter");
    let page = tmux.wait_for("the incident page", 10, |s| s.contains("事件详情"));
    let reference = page
        .split('#')
        .nth(1)
        .map(|r| r.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect::<String>())
        .expect("a reference on the page");
    tmux.key("w");
    written(&tmux, dir.path(), &format!("{reference}-信息专报"));
    tmux.key("Escape");
    tmux.wait_for("the board", 10, on_board);
    // The handover screen: draft the current sheet, then write it.
    tmux.key("h");
    tmux.wait_for("the handover screen", 10, |s| s.contains("交接班"));
    tmux.key("d");
    std::thread::sleep(std::time::Duration::from_millis(800));
    tmux.key("w");
    let screen = tmux.wait_for("the written popup", 15, |s| s.contains("文件已写入"));
    let id: String = popup_text(&screen)
        .split("交接班记录-")
        .nth(1)
        .map(|r| r.chars().take_while(char::is_ascii_digit).collect())
        .expect("the sheet's id");
    tmux.key("Escape");
    written_again(dir.path(), &format!("交接班记录-{id}"));
    tmux.key("Escape");
    tmux.wait_for("the board", 10, on_board);
    // The log screen: the selected entry's duty day.
    tmux.key("l");
    tmux.wait_for("the log screen", 10, |s| s.contains("值班日志"));
    tmux.key("w");
    let screen = tmux.wait_for("the written popup", 15, |s| s.contains("文件已写入"));
    let flat = popup_text(&screen);
    let day: String = flat.split("值班记录-").nth(1).map(|r| r.chars().take(10).collect()).expect("the day");
    let stem = format!("值班记录-{day}");
    for ext in ["docx", "md"] {
        let path = dir.path().join(format!("{stem}.{ext}"));
        assert!(flat.contains(&path.display().to_string()), "{} not shown whole in\n{screen}", path.display());
        assert!(path.exists());
    }
}

/// The files of a popup already closed.
fn written_again(dir: &Path, stem: &str) {
    for ext in ["docx", "md"] {
        assert!(dir.join(format!("{stem}.{ext}")).exists(), "{stem}.{ext}");
    }
}
