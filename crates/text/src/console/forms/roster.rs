//! The roster's forms: a swap and a person (phone, status and inactive are the forms' shared words).

crate::words! {
    // A swap.
    REASON = ("事由", "Reason");
    APPROVED_BY = ("批准人", "Approved by");
    APPROVER_PIN = ("批准人 PIN", "Approver's PIN");
    // A person.
    NAME = ("姓名", "Name");
    DEPARTMENT = ("部门", "Department");
    ROLES = ("岗位", "Roles");
    /// A person on the roster.
    ACTIVE = ("在岗", "active");
}
