//! Text of the handover screen (交接班).

crate::words! {
    LOCKED_SIGNED_BY_BOTH = ("已锁定(双方已签字)", "LOCKED (signed by both)");
    OUTGOING_SIGNED_AWAITING_INCOMING = ("交班人已签字,待接班人签字", "outgoing signed, awaiting incoming");
    DRAFT_NOT_SIGNED = ("草稿,未签字", "draft, not signed");
    NO_SHEET_FOR_THIS_WATCH = ("本班尚未生成交接班记录", "no sheet for this watch yet");
    REMARKS = ("交班人备注", "Remarks");
    NONE = ("(无)", "(none)");
    HANDOVER = ("交接班", "Handover");
    PRESS_D_TO_DRAFT_THE = ("按 d 生成本班交接班记录。", "Press d to draft the sheet for this watch.");
    MORE = (" ↓ 未完 ", " ↓ more ");
    SHEET = (" 交接班记录 ", " Sheet ");
    L = ("锁", "L");
    D = ("草", "D");
    REVIEW_LIST = (" 交接班记录列表 ", " Review list ");
    REMARKS_CTRL_S_SAVE_ESC = ("交班人备注(Ctrl+S 保存,Esc 取消)", "Remarks (Ctrl+S save, Esc cancel)");
    OUTGOING_SIGNATURE_NAME_AND_PIN = ("交班人签字:姓名与 PIN(Ctrl+S)", "Outgoing signature: name and PIN (Ctrl+S)");
    INCOMING_SIGNATURE_NAME_AND_PIN = ("接班人签字:姓名与 PIN(Ctrl+S)", "Incoming signature: name and PIN (Ctrl+S)");
    REVIEW_TYPE_A_TIME_2026 = ("回看:输入时间(2026-11-22 03:00 / -2h),Enter 确认", "Review: type a time (2026-11-22 03:00 / -2h), Enter");
    TIME_TRAVEL = (" 回看 ", " Time travel ");
}
