//! The words of `service::link`.

crate::words! {
    LEVEL_REQUIRED = ("请指定 --level", "--level is required");
    DID_NOT_COME_IN_FROM = ("不是下级报送的事件,请指定 --level", "did not come in from below; give --level");
}
