//! The roster screen: the marks of a day's column, why a roster key cannot act, and the checks of
//! the person form.

/// The short marks of a day's column (the full names are in the weekly plan).
pub mod marks {
    use crate::domain::Lang;

    crate::words! {
        /// 班: a make-up workday.
        MAKEUP_WORKDAY = ("班", "work");
        /// 末: a weekend day.
        WEEKEND = ("末", "wkend");
        LIANGHUI = ("两会", "NPC");
        FLOOD = ("汛期", "flood");
        FREEZE = ("凝冻", "freeze");
        FOREST_FIRE = ("防火", "fire");
        SPECIAL = ("特防", "special");
    }

    /// A public holiday: `休国庆` (the name without 节), `Hol National Day`.
    pub fn holiday(name_zh: &str, name_en: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("休{}", name_zh.trim_end_matches('节')),
            Lang::En => format!("Hol {name_en}"),
        }
    }
}

crate::words! {
    /// `f` with no empty day, or nobody to put in it.
    NOTHING_TO_FILL = ("本周没有可填充的空白日(或没有可排的人员)", "no empty day to fill this week (or nobody free)");
    /// The swap form sent without its reason or approver.
    SWAP_NEEDS_REASON_AND_APPROVER = ("事由和批准人都必须填写", "both the reason and the approver are required");
    /// `s` on an empty cell.
    NOTHING_TO_SWAP = ("此格没有班次可换;按 f 填充空白日", "no shift here to swap; press f to fill empty days");
    /// `s` with nobody else active for the role.
    NOBODY_ELSE = ("没有其他可担任此岗位的在岗人员", "nobody else active may take this role");
    /// `a` on a cell that holds a shift.
    CELL_TAKEN = ("此格已有班次;按 s 换人", "this cell has a shift; press s to swap it");
    /// `a` with nobody free for the role.
    NOBODY_FREE = ("没有可担任此岗位的空闲人员", "nobody free may take this role");
    /// The person form sent with no name.
    NAME_EMPTY = ("姓名不能为空", "the name must not be empty");
    /// The person form sent with no role.
    NO_ROLE = ("至少一个岗位:值班员、带班领导、备班", "at least one role: officer, leader, standby");
}
