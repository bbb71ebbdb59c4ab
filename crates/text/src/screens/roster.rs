//! Text of the roster screen (排班).

use crate::domain::Lang;

crate::words! {
    OFFICER = ("值班员", "Officer");
    LEADER = ("带班领导", "Leader");
    STANDBY = ("备班", "Standby");
    LOADING = ("正在读取…", "loading…");
    ASSIGN_CHOOSE_WHO_STANDS_IT = ("排班:选择值班人员(Enter 确定,Esc 取消)", "Assign: choose who stands it (Enter, Esc)");
    SWAP_CHOOSE_WHO_TAKES_IT = ("换班:选择接班人员(Enter 确定,Esc 取消)", "Swap: choose who takes it (Enter, Esc)");
    BACK_TO_BACK = ("(连班)", "(back-to-back)");
    INACTIVE = (" [停用]", " [inactive]");
    PEOPLE_ENTER_EDIT_N_NEW = ("人员(Enter 编辑,n 新增,Esc 返回)", "People (Enter edit, n new, Esc back)");
    GAP = ("!空档", "!gap");
    NO_LEADER = ("!缺领导", "!no leader");
    NO_SHIFT_HERE_F_FILLS = (" 此格无班次(f 填充空白日)", " no shift here (f fills empty days)");
    NO_GAPS_OR_CONFLICTS_THIS = ("本周排班无空档、无冲突", "no gaps or conflicts this week");
    NEXT = ("下一项", "next");
    SAVE = ("保存", "save");
    CANCEL = ("取消", "cancel");
    /// The person form's title, with its keys.
    EDIT_PERSON = ("编辑人员(Ctrl+S 保存,Esc 取消)", "Edit person (Ctrl+S save, Esc cancel)");
    NEW_PERSON = ("新增人员(Ctrl+S 保存,Esc 取消)", "New person (Ctrl+S save, Esc cancel)");
}

/// The roster's heading: the week and the unit.
pub fn heading(monday: &str, sunday: &str, unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" 值班表 · {monday} 至 {sunday} · {unit}"),
        Lang::En => format!(" Roster · {monday} to {sunday} · {unit}"),
    }
}

/// The title of the swap form, with its keys.
pub fn swap_to(person: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("换班给 {person}(Ctrl+S 保存,Esc 取消)"),
        Lang::En => format!("Swap to {person} (Ctrl+S save, Esc cancel)"),
    }
}

/// One-character weekday (一 … 日 / Mo … Su), Monday first: a grid column is only eight columns
/// wide at 80×24.
pub fn weekday_short(days_from_monday: usize, lang: Lang) -> &'static str {
    let i = days_from_monday.min(6);
    match lang {
        Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"][i],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][i],
    }
}

/// A swapped shift's note: whom it replaced, why, and who approved it.
pub fn swapped(replaced: &str, reason: &str, approved_by: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" · 换班:原 {replaced},事由 {reason},批准 {approved_by}"),
        Lang::En => format!(" · swapped: was {replaced}, reason {reason}, approved by {approved_by}"),
    }
}

/// The title of the roster's problems pane.
pub fn problems_title(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" 排班问题 {count} "),
        Lang::En => format!(" Problems {count} "),
    }
}
