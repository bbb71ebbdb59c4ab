//! Strings of the link between watch rooms (issue 20), zh-CN and en: the board's link line, the
//! 下级报送 pane and `link status`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;
use crate::ops::link::Status;

fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

fn stamp(t: Option<DateTime<Utc>>, tz: Tz, lang: Lang) -> String {
    match t {
        Some(t) => t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string(),
        None => lang.pick("无", "never").to_string(),
    }
}

/// The board's link line: "link ok", or "link down since 03:12 · 4 queued".
pub fn link_line(s: &Status, tz: Tz, lang: Lang) -> String {
    let queued = if s.queued > 0 {
        match lang {
            Lang::Zh => format!(" · {} 条待发", s.queued),
            Lang::En => format!(" · {} queued", s.queued),
        }
    } else {
        String::new()
    };
    let dead = if s.dead_letters > 0 {
        match lang {
            Lang::Zh => format!(" · {} 条拒收", s.dead_letters),
            Lang::En => format!(" · {} dead letters", s.dead_letters),
        }
    } else {
        String::new()
    };
    if s.connected {
        format!("{}{queued}{dead}", lang.pick("联网正常 link ok", "link ok"))
    } else {
        let since = s.since.map(|t| hm(t, tz)).unwrap_or_else(|| "--:--".into());
        match lang {
            Lang::Zh => format!("联网中断 link down since {since}{queued}{dead}"),
            Lang::En => format!("link down since {since}{queued}{dead}"),
        }
    }
}

/// `link status` for a person, one fact a line.
pub fn status_lines(s: &Status, tz: Tz, lang: Lang) -> Vec<String> {
    let mut out = vec![
        format!("{}: {}", lang.pick("本室代码", "room"), s.code),
        format!("{}: {}", lang.pick("上级", "upper"), s.upper.as_deref().unwrap_or("-")),
        format!("{}: {}", lang.pick("下级", "lower"), if s.lower.is_empty() { "-".into() } else { s.lower.join(", ") }),
        link_line(s, tz, lang),
        format!("{}: {}", lang.pick("待发", "queued"), s.queued),
        format!("{}: {}", lang.pick("最后发出", "last sent"), stamp(s.last_sent_at, tz, lang)),
        format!("{}: {}", lang.pick("最后收到", "last received"), stamp(s.last_received_at, tz, lang)),
        format!("{}: {} ({} {})", lang.pick("已收", "received"), s.received, s.held, lang.pick("条暂存", "held")),
        format!("{}: {}", lang.pick("拒收(死信)", "dead letters"), s.dead_letters),
    ];
    for w in &s.witness {
        out.push(format!(
            "{} {}: {} ({})",
            lang.pick("见证", "witness"),
            w.room,
            w.head,
            stamp(Some(w.sent_at), tz, lang)
        ));
    }
    for d in &s.dead {
        out.push(format!("  {}  {}  {}  {}", stamp(Some(d.at), tz, lang), d.subject, d.msg_id, d.reason));
    }
    out
}

/// The title of the board's pane of incidents from below.
pub fn from_below_title(lang: Lang) -> &'static str {
    lang.pick("下级报送 Incoming from below", "Incoming from below 下级报送")
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
        Some(by) => format!("{} {by}", lang.pick("已确认", "acked by")),
        None => lang.pick("待确认(a)", "to acknowledge (a)").to_string(),
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
    lang.pick("已确认收到,回执发往下级", "receipt acknowledged; it goes back to the room below")
}

/// `a` on an incident from below already acknowledged.
pub fn already_acked(reference: &str, by: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("#{reference} 已由 {by} 确认收到"),
        Lang::En => format!("#{reference} was already acknowledged by {by}"),
    }
}
