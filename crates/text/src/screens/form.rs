//! Text of the forms (接报登记 and the others).

crate::words! {
    NOT_UNDERSTOOD = ("无法识别", "not understood");
    REQUIRED_TIMES_14_05_20M = (" * 为必填;时间可填 14:05、-20m、2026-11-22 14:05", " * required; times: 14:05, -20m, 2026-11-22 14:05");
    SAVE = (" 保存  ", " save  ");
    NEXT_FIELD = (" 下一项  ", " next field  ");
    CHOOSE = (" 选择  ", " choose  ");
    NOW = ("现在", "now");
}
