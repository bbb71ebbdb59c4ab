//! The words of the checks every operation shares (`service`'s crate root).

crate::words! {
    TOO_FAR_IN_FUTURE = ("时间在未来(超过5分钟)", "is more than 5 minutes in the future");
}
