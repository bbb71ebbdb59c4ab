//! The words of the Word documents and of writing them (issue 19), in zh-CN and en.

use crate::domain::{IssueNo, Lang};

/// The 报头's organ mark: 青山镇应急值守信息专报.
pub fn masthead_name(unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}信息专报", unit.trim()),
        Lang::En => format!("{} — Special Report", unit.trim()),
    }
}

/// 〔2026〕7期; a report not numbered yet (a draft, or recorded before numbers were kept) leaves
/// the number blank for the hand: 〔2026〕　期.
pub fn issue(year: i32, no: Option<IssueNo>, lang: Lang) -> String {
    match (lang, no) {
        (Lang::Zh, Some(n)) => format!("〔{}〕{}期", n.year, n.no),
        (Lang::Zh, None) => format!("〔{year}〕　　期"),
        (Lang::En, Some(n)) => format!("[{}] No. {}", n.year, n.no),
        (Lang::En, None) => format!("[{year}] No. ___"),
    }
}

/// 签发人：周建国 (the label and the name; the layout sets the name in 楷体).
pub fn signer(name: &str, lang: Lang) -> (String, String) {
    (lang.pick("签发人：", "Signed off by: ").to_string(), name.trim().to_string())
}

/// The flag after the 签发人's name when the 签发 was not verified by their PIN (issue 14):
/// "（未核验：PIN 键盘故障）" / " (unverified: PIN pad broken)". `why` is stored text: made visible
/// and kept to one line here.
pub fn signer_unverified(why: &str, lang: Lang) -> String {
    let why = crate::domain::safe_text::visible_line(why.trim());
    match lang {
        Lang::Zh => format!("（未核验：{why}）"),
        Lang::En => format!(" (unverified: {why})"),
    }
}

/// The label of the record head in the footer line.
pub fn head_label(lang: Lang) -> &'static str {
    lang.pick("记录校验码", "Record head")
}

/// The note when a report's issue number is blank.
pub fn unnumbered(lang: Lang) -> &'static str {
    lang.pick(
        "note: 该报告无期号（草稿，或在编号功能之前记录），期号留空待填",
        "note: this report has no issue number (a draft, or recorded before numbers were kept); the number is left blank",
    )
}

/// `w` on the board: both files written, where.
pub fn written_both(what: &str, docx: &str, md: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{what}已写入 {docx} 和 {md}"),
        Lang::En => format!("{what} written to {docx} and {md}"),
    }
}

/// What `w` writes, by screen.
pub fn doc_name(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "written" => lang.pick("信息专报", "Written report"),
        "handover" => lang.pick("交接班记录", "Handover sheet"),
        "log" => lang.pick("值班记录", "Duty record"),
        _ => lang.pick("周值班计划", "Weekly plan"),
    }
}

/// The file-name stem of each document (beside the database).
pub fn file_stem(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "written" => lang.pick("信息专报", "written-report"),
        "handover" => lang.pick("交接班记录", "handover"),
        "log" => lang.pick("值班记录", "duty-record"),
        _ => lang.pick("周值班计划", "weekly-plan"),
    }
}

/// "written to FILE" after a CLI export.
pub fn written_to(path: &str, lang: Lang) -> String {
    format!("{} {path}", lang.pick("已写入", "written to"))
}

/// The label of the chain head line in a document's footer, with its separator.
pub fn head_footer_label(lang: Lang) -> &'static str {
    lang.pick("记录校验码：", "Record head: ")
}

/// `w` where there is nothing to write.
pub fn nothing_to_write(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "handover" => lang.pick("w：尚无交接班记录（d 生成）", "w: no handover sheet yet (d drafts one)"),
        _ => lang.pick("w：没有可写出的内容", "w: nothing to write"),
    }
}

/// The popup's title after `w`.
pub fn written_title(lang: Lang) -> &'static str {
    lang.pick("文件已写入", "Documents written")
}

/// The popup's body after `w`: what, then each path on its own line (wrapped whole, never cut).
pub fn written_body(what: &str, paths: &[String], lang: Lang) -> String {
    let mut s = format!("{what} {}", lang.pick("已写入：", "written to:"));
    for p in paths {
        s.push('\n');
        s.push_str(p);
    }
    s
}
