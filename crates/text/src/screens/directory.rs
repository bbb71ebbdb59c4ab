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

/// Texts whose Chinese another entry of the catalogue already words differently in English.
/// They keep their present English so no output changes; they are kept out of
/// [`catalogue`](crate::catalogue) until one wording is chosen for each (issue 13).
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::PHONE`, which says "phone".
        PHONE = ("电话", "Phone");
        /// Same Chinese as `report::FAX`, which says "fax".
        FAX = ("传真", "Fax");
    }
}
