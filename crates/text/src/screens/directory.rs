//! Text of the directory screen (通讯录).

crate::words! {
    VERIFY = (" 待核实", " VERIFY");
    INACTIVE = ("停用", "inactive");
    LEVEL = ("层级", "Level");
    NAME = ("名称", "Name");
    VERIFIED = ("核实日期", "Verified");
    ORGANISATION = ("单位/岗位", "Organisation");
    DIRECTORY = (" 通讯录 Directory ", " Directory 通讯录 ");
    EDIT_CONTACT = ("修改联系人", "Edit contact");
    ADD_CONTACT = ("新增联系人", "Add contact");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::PHONE`, which says "phone".
        PHONE = ("电话", "Phone");
        /// Same Chinese as `report::FAX`, which says "fax".
        FAX = ("传真", "Fax");
    }
}
