//! Text of the forms (接报登记 and the others).

crate::words! {
    NOT_UNDERSTOOD = ("无法识别", "not understood");
    SAVE = (" 保存  ", " save  ");
    NEXT_FIELD = (" 下一项  ", " next field  ");
    CHOOSE = (" 选择  ", " choose  ");
    NOW = ("现在", "now");
}
