//! The intake form (信息接报, `n` on the board); its facts are [`super::facts`].

crate::words! {
    TITLE = ("标题", "Title");
    CATEGORY = ("类别", "Category");
    GRADE = ("等级", "Grade");
    LEARNED = ("获知时间", "Learned at");
    OCCURRED = ("发生时间", "Occurred at");
    /// An empty 发生时间 means the time the call was taken.
    OCCURRED_HINT = ("同获知时间", "same as learned");
    SOURCE = ("来源", "Source");
    CALLER_UNIT = ("来电单位", "Caller's unit");
    CALLER_NAME = ("来电人", "Caller");
    CALLER_TITLE = ("职务", "Title/post");
    CALLER_PHONE = ("联系电话", "Phone");
    INFORMED = ("已告知", "Already informed");
    HELP = (
        "* 为必填;时间可填 14:05、-20m、2026-11-22 14:05;概要等可多行(回车换行)",
        "* required; times: 14:05, -20m, 2026-11-22 14:05; Enter makes a new line in long texts",
    );
    /// Esc on the intake: the draft stays.
    BACK_DRAFT_KEPT = ("返回(草稿保留)", "back (draft kept)");
}
