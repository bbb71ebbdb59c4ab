//! Text of the link between watch rooms (issue 20): the board's link line, the 下级报送 pane and `link status`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

crate::words! {
    LINK_OK = ("联网正常 link ok", "link ok");
    ROOM = ("本室代码", "room");
    UPPER = ("上级", "upper");
    LOWER = ("下级", "lower");
    QUEUED = ("待发", "queued");
    LAST_SENT = ("最后发出", "last sent");
    LAST_RECEIVED = ("最后收到", "last received");
    RECEIVED = ("已收", "received");
    HELD = ("条暂存", "held");
    DEAD_LETTERS = ("拒收(死信)", "dead letters");
    WITNESS = ("见证", "witness");
    INCOMING_FROM_BELOW = ("下级报送 Incoming from below", "Incoming from below 下级报送");
    ACKED_BY = ("已确认", "acked by");
    TO_ACKNOWLEDGE_A = ("待确认(a)", "to acknowledge (a)");
    RECEIPT_ACKNOWLEDGED_IT_GOES_BACK = ("已确认收到,回执发往下级", "receipt acknowledged; it goes back to the room below");
}

pub use variants::*;

/// Texts whose Chinese another entry of the catalogue words differently in English, because they
/// stand in another place (a title, a column, a sentence) or mean another thing; each names the
/// entry it differs from. [`catalogue`](crate::catalogue) lists them like any other module.
pub mod variants {
    crate::words! {
        /// Same Chinese as `report::NONE_2`, which says "none".
        NEVER = ("无", "never");
    }
}

/// A time of day in the unit's zone, as the link line shows it.
pub fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// A moment of `link status`, or 无 / never.
pub fn stamp(t: Option<DateTime<Utc>>, tz: Tz, lang: Lang) -> String {
    match t {
        Some(t) => t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string(),
        None => NEVER.get(lang).to_string(),
    }
}

/// The link line's note of messages waiting to be sent.
pub fn queued_note(queued: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" · {queued} 条待发"),
        Lang::En => format!(" · {queued} queued"),
    }
}

/// The link line's note of messages the other side refused.
pub fn dead_note(dead_letters: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" · {dead_letters} 条拒收"),
        Lang::En => format!(" · {dead_letters} dead letters"),
    }
}

/// The link line when the link is down: since when, then the notes.
pub fn link_down(since: &str, notes: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("联网中断 link down since {since}{notes}"),
        Lang::En => format!("link down since {since}{notes}"),
    }
}

/// The title of the board's pane of incidents from below.
pub fn from_below_title(lang: Lang) -> &'static str {
    INCOMING_FROM_BELOW.get(lang)
}

/// One row of that pane: sender, its reference, our reference and title, acknowledged or not.
pub fn from_below_row(
    from: &str,
    remote_ref: &str,
    reference: &str,
    title: &str,
    acked: Option<&str>,
    lang: Lang,
) -> String {
    let ack = match acked {
        Some(by) => format!("{} {by}", ACKED_BY.get(lang)),
        None => TO_ACKNOWLEDGE_A.get(lang).to_string(),
    };
    format!("{from} #{remote_ref} → #{reference} {title}  {ack}")
}

/// `link serve-config` done.
pub fn serve_written(path: &str, rooms: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写入 {path}({rooms} 个值班室)"),
        Lang::En => format!("wrote {path} ({rooms} rooms)"),
    }
}

/// `link serve-config --create` done.
pub fn serve_created(server: &str, rooms: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已在 {server} 建立流 DW 和 {rooms} 个持久消费者"),
        Lang::En => format!("created stream DW and {rooms} durable consumers on {server}"),
    }
}

/// The board's `a` on an incident from below: the receipt is recorded and goes back.
pub fn acked_from_below(lang: Lang) -> &'static str {
    RECEIPT_ACKNOWLEDGED_IT_GOES_BACK.get(lang)
}

/// `a` on an incident from below already acknowledged.
pub fn already_acked(reference: &str, by: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 已由 {by} 确认收到"),
        Lang::En => format!("#{reference} was already acknowledged by {by}"),
    }
}
