//! Text around every screen: titles, the too-small notice, overlays.

crate::words! {
    NEW_INCIDENT = ("接报登记 New incident", "New incident 接报登记");
    QUIT = ("确认退出", "Quit?");
    A_FORM_HOLDS_UNSAVED_TYPING = ("表单中有未保存的内容,确定退出?", "A form holds unsaved typing. Quit anyway?");
    UNSAVED_INTAKE_DRAFTS = (" 未保存的接报草稿 ", " Unsaved intake drafts ");
    LEFT_BY_BOARDS_THAT_ENDED = ("以下草稿来自已退出或崩溃的终端:", "Left by boards that ended or crashed:");
    NO_TITLE = ("(无标题)", "(no title)");
    TERMINAL_TOO_SMALL = ("终端太小", "Terminal too small");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::ACKED`, which says "Acked".
        CONFIRM = ("确认", "Confirm");
    }
}
