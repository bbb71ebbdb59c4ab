//! The directory's contact form (phone, fax, status and inactive are the forms' shared words).

crate::words! {
    NAME = ("名称", "Name");
    LEVEL = ("层级", "Level");
    ORG = ("单位/岗位", "Organisation");
    VERIFIED = ("核实日期", "Verified on");
    /// A contact in use.
    ACTIVE = ("在用", "active");
}
