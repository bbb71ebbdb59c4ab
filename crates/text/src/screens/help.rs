//! Text of the help overlay.

use crate::domain::Lang;

crate::words! {
    NEXT_FIELD_SHIFT_TAB_BACK = ("下一项(Shift+Tab 上一项)", "next field (Shift+Tab back)");
    CHOOSE_AN_OPTION = ("选择选项", "choose an option");
    NEW_LINE_NEXT = ("长文本换行/下一项", "new line / next");
    SAVE_ALSO_F2 = ("保存 (F2 同)", "save (also F2)");
    LEAVE_THE_FORM = ("返回", "leave the form");
    FORMS_AND_PROMPTS_FIXED = ("表单与输入框(不可改键)", "Forms and prompts (fixed)");
    HELP = (" 帮助 Help ", " Help 帮助 ");
}

/// The help overlay's footer: how to close it, the keys that move it, and where the view is.
pub fn footer(moves: &str, from: usize, to: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" 按任意键关闭帮助({moves} 除外)  {from}–{to}/{total}"),
        Lang::En => format!(" Any other key closes help; {moves}  {from}–{to}/{total}"),
    }
}
