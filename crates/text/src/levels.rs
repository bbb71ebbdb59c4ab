//! zh/en text for warning and response levels, readiness items, findings and 督办 tasks (issue 18).

use crate::Label;
use crate::domain::Lang;
use crate::domain::response::{FindingKind, RespLevel};

/// `Ⅲ级 黄色` / `III yellow`, or `无` / `none`, from a level code (as in the JSON).
pub fn level_name(code: Option<&str>, lang: Lang) -> String {
    match code.and_then(|c| c.parse::<RespLevel>().ok()) {
        Some(l) => format!("{} {}", l.label(lang), colour_name(l, lang)),
        None => lang.pick("无", "none").to_string(),
    }
}

/// The colour word of a level.
pub fn colour_name(l: RespLevel, lang: Lang) -> &'static str {
    match l {
        RespLevel::I => lang.pick("红色", "red"),
        RespLevel::II => lang.pick("橙色", "orange"),
        RespLevel::III => lang.pick("黄色", "yellow"),
        RespLevel::IV => lang.pick("蓝色", "blue"),
    }
}

/// The header tag of an active response: `Ⅲ级响应` / `Response III`.
pub fn response_tag(l: RespLevel, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}响应", l.label(lang)),
        Lang::En => format!("Response {}", l.code()),
    }
}

/// 谎报 / 瞒报 from a finding kind code.
pub fn finding_name(code: &str, lang: Lang) -> String {
    code.parse::<FindingKind>().map(|k| k.label(lang).to_string()).unwrap_or_else(|_| code.to_string())
}

/// The label of a readiness item: the shipped items by name, any other by its code.
pub fn ready_label(item: &str, lang: Lang) -> String {
    match item {
        "township-squad" => lang.pick("乡镇队伍集结", "township squad ready").into(),
        "village-squad" => lang.pick("村级队伍集结", "village squad ready").into(),
        "hotline" => lang.pick("24小时热线值守", "24 h hotline staffed").into(),
        other => format!("{}{other}", lang.pick("就绪:", "ready: ")),
    }
}

/// `task list` with nothing to list.
pub fn no_tasks(lang: Lang) -> &'static str {
    lang.pick("(无督办任务)", "(no tasks)")
}

/// `T` on a log entry that is not a leader's instruction.
pub fn not_an_instruction(lang: Lang) -> &'static str {
    lang.pick("T: 请选择一条领导批示", "T: select a leader's instruction")
}

/// The status after a task was set.
pub fn task_saved(id: i64, title: &str, lang: Lang) -> String {
    format!("{} #{id} {}", lang.pick("已立督办", "Task set"), crate::domain::safe_text::visible_line(title))
}

/// The title of the instruction → task form on the log screen.
pub fn task_form_title(lang: Lang) -> &'static str {
    lang.pick(" 批示转督办(Tab 切换,Ctrl+S 保存,Esc 取消) ", " Instruction → task (Tab next, Ctrl+S save, Esc cancel) ")
}

/// `duty list` with nothing to list.
pub fn no_duties(lang: Lang) -> &'static str {
    lang.pick("(无例行事项)", "(no duties)")
}

/// The third column of a recurring duty's row in Due next.
pub fn routine_tag(lang: Lang) -> &'static str {
    lang.pick("例行报送", "routine")
}

/// The kind column of a 督办 task's row in Due next.
pub fn task_tag(lang: Lang) -> &'static str {
    lang.pick("督办", "task")
}

/// The Tasks screen's title.
pub fn tasks_title(lang: Lang) -> &'static str {
    lang.pick("督办任务 Tasks", "Tasks 督办")
}

/// The Tasks screen's column heads.
pub fn tasks_header(lang: Lang) -> [&'static str; 7] {
    [
        "#",
        lang.pick("时限", "Due"),
        lang.pick("剩余", "Left"),
        lang.pick("状态", "State"),
        lang.pick("承办人", "Owner"),
        lang.pick("督办人", "Set by"),
        lang.pick("任务", "Task"),
    ]
}

/// The alert of an overdue recurring duty: `已超时 零报告 时限 16:00`.
pub fn duty_overdue(label: &str, when: &str, lang: Lang) -> String {
    format!("{} {label} {} {when}", lang.pick("已超时", "OVERDUE"), lang.pick("时限", "was due"))
}

/// The alert of an overdue task: `督办超时 #3 核查转移人数 → 张伟`.
pub fn task_overdue(id: i64, title: &str, owner: &str, lang: Lang) -> String {
    format!("{} #{id} {title} → {owner}", lang.pick("督办超时", "TASK OVERDUE"))
}
