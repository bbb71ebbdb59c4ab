//! The words of `service::roster`.

crate::words! {
    APPROVER_NOT_LISTED = ("不在人员名单中,无法核验 PIN", "is not on the person list: no PIN to verify");
    SWAP_SHIFT = ("换班 班次", "swap: shift");
    APPROVED_BY = ("批准", "approved by");
}
