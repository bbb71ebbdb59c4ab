//! zh/en text for warning and response levels, readiness items, findings and 督办 tasks (issue 18).

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
