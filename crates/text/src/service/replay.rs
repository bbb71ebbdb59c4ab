//! The words of `service::replay`.

crate::words! {
    IN_FUTURE_REVIEW_SHOWS_ONLY = ("回看时间在未来", "is in the future: review shows only the past");
    BEFORE_DATABASE_S_FIRST_EVENT = ("早于数据库中的第一条记录", "is before the database's first event at");
    DATABASE_HAS_NO_EVENTS_YET = ("数据库中还没有任何记录", "the database has no events yet");
}
