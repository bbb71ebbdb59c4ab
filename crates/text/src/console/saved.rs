//! The status line after a write: what was saved, in the officer's words. Most name what they
//! saved, so they are functions; the word order differs between the languages.

use crate::domain::Lang;

crate::words! {
    /// A confirmed write is under way.
    WORKING = ("处理中…", "Working…");
    /// A confirmation answered no.
    CANCELLED = ("已取消", "Cancelled");
    /// The incoming officer signed after the outgoing one.
    SIGNED_BY_BOTH = ("双方已签字,交接班记录已锁定", "signed by both; the sheet is locked");
    /// The outgoing officer signed; the incoming one has yet to.
    SIGNED_OUTGOING = ("交班人已签字", "outgoing officer signed");
    /// The intake form closed with typing in it: the typing waits for `n`.
    INTAKE_DRAFT_KEPT = ("接报草稿已保留,按 n 继续", "Intake draft kept; press n to continue");
    /// An intake draft left by a board that is gone, taken up (the form's notice and the status).
    INTAKE_DRAFT_RESTORED = (
        "已恢复未保存的接报草稿:核对后按 Ctrl+S 保存",
        "Unsaved intake draft restored: check it, then Ctrl+S to save",
    );
}

/// An alert acknowledged: `已知悉 张三 14:05`.
pub fn alert_acknowledged(by: &str, hhmm: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已知悉 {by} {hhmm}"),
        Lang::En => format!("Acknowledged by {by} {hhmm}"),
    }
}

/// A new incident saved: `已保存 #2026-0001 山体滑坡`.
pub fn incident(reference: &str, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已保存 #{reference} {title}"),
        Lang::En => format!("Saved #{reference} {title}"),
    }
}

/// A report recorded, with what it still lacks (`note`, already in parentheses, may be empty).
pub fn report(label: &str, note: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已记录 {label}{note}"),
        Lang::En => format!("Recorded {label}{note}"),
    }
}

/// An escalation step recorded.
pub fn escalated(recipient: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已上报 {recipient}"),
        Lang::En => format!("Escalated to {recipient}"),
    }
}

/// A level's acknowledgement recorded: `省级 已确认`.
pub fn acked(level: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{level} 已确认"),
        Lang::En => format!("{level} acknowledged"),
    }
}

/// The grade changed: `#2026-0001 等级 Ⅲ级`.
pub fn grade(reference: &str, grade: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 等级 {grade}"),
        Lang::En => format!("#{reference} grade {grade}"),
    }
}

/// The facts updated (or, for a time before the last version, an addendum), with the changes.
pub fn facts(reference: &str, addendum: bool, changes: &str, lang: Lang) -> String {
    let what = match (lang, addendum) {
        (Lang::Zh, true) => "补记",
        (Lang::Zh, false) => "已更新",
        (Lang::En, true) => "addendum",
        (Lang::En, false) => "updated",
    };
    format!("#{reference} {what}: {changes}")
}

/// An entry corrected; `reopened` duties are owed again.
pub fn corrected(reopened: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已更正,原记录保留 ({reopened} 项重新待办)"),
        Lang::En => format!("Corrected; the original stays ({reopened} owed again)"),
    }
}

/// Handling ended: the final report is owed from now.
pub fn handling_ended(reference: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 处置结束,终报待报"),
        Lang::En => format!("#{reference} handling ended"),
    }
}

/// Duties waived, how many.
pub fn waived(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已免报 {count}"),
        Lang::En => format!("Waived {count}"),
    }
}

/// The incident closed.
pub fn closed(reference: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 已办结"),
        Lang::En => format!("#{reference} closed"),
    }
}

/// A contact of the directory saved.
pub fn contact(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("通讯录已保存 {name}"),
        Lang::En => format!("Directory saved: {name}"),
    }
}

/// A person of the roster saved.
pub fn person(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已保存 {name}"),
        Lang::En => format!("saved {name}"),
    }
}

/// The reviewed board written to a text file.
pub fn board_written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("回看画面已写入 {path}"),
        Lang::En => format!("board written to {path}"),
    }
}

/// The handover sheet drafted or updated.
pub fn handover_sheet(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("交接班记录已生成 #{id}"),
        Lang::En => format!("handover sheet saved #{id}"),
    }
}

/// A duty log entry recorded.
pub fn log_entry(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已记录日志 {id}"),
        Lang::En => format!("logged entry {id}"),
    }
}

/// A shift swapped: the old shift and the one that replaces it.
pub fn shift_swapped(shift_id: i64, new_id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已换班:班次 #{shift_id} → #{new_id}"),
        Lang::En => format!("swapped: shift #{shift_id} → #{new_id}"),
    }
}

/// The week's empty days filled, how many shifts.
pub fn shifts_filled(added: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已填充 {added} 个班次"),
        Lang::En => format!("filled {added} shifts"),
    }
}

/// The intake draft could not be written to disk (the typing is still on screen).
pub fn draft_not_saved(error: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("草稿未能保存: {error}"),
        Lang::En => format!("draft not saved: {error}"),
    }
}
