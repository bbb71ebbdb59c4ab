//! Strings of the link between watch rooms (issue 20), zh-CN and en: the board's link line, the
//! 下级报送 pane and `link status`.

use chrono_tz::Tz;

use crate::domain::Lang;
use crate::ops::link::Status;
use ::text::screens::link as words;
pub use ::text::screens::link::*;

/// The board's link line: "link ok", or "link down since 03:12 · 4 queued".
pub fn link_line(s: &Status, tz: Tz, lang: Lang) -> String {
    let queued = if s.queued > 0 { queued_note(s.queued, lang) } else { String::new() };
    let dead = if s.dead_letters > 0 { dead_note(s.dead_letters, lang) } else { String::new() };
    if s.connected {
        format!("{}{queued}{dead}", words::LINK_OK.get(lang))
    } else {
        let since = s.since.map(|t| hm(t, tz)).unwrap_or_else(|| "--:--".into());
        link_down(&since, &format!("{queued}{dead}"), lang)
    }
}

/// `link status` for a person, one fact a line.
pub fn status_lines(s: &Status, tz: Tz, lang: Lang) -> Vec<String> {
    let mut out = vec![
        format!("{}: {}", words::ROOM.get(lang), s.code),
        format!("{}: {}", words::UPPER.get(lang), s.upper.as_deref().unwrap_or("-")),
        format!("{}: {}", words::LOWER.get(lang), if s.lower.is_empty() { "-".into() } else { s.lower.join(", ") }),
        link_line(s, tz, lang),
        format!("{}: {}", words::QUEUED.get(lang), s.queued),
        format!("{}: {}", words::LAST_SENT.get(lang), stamp(s.last_sent_at, tz, lang)),
        format!("{}: {}", words::LAST_RECEIVED.get(lang), stamp(s.last_received_at, tz, lang)),
        format!("{}: {} ({} {})", words::RECEIVED.get(lang), s.received, s.held, words::HELD.get(lang)),
        format!("{}: {}", words::DEAD_LETTERS.get(lang), s.dead_letters),
    ];
    for w in &s.witness {
        out.push(format!(
            "{} {}: {} ({})",
            words::WITNESS.get(lang),
            text::shown(&w.room),
            text::shown(&w.head),
            stamp(Some(w.sent_at), tz, lang)
        ));
    }
    for d in &s.dead {
        out.push(format!(
            "  {}  {}  {}  {}",
            stamp(Some(d.at), tz, lang),
            text::shown(&d.subject),
            text::shown(&d.msg_id),
            text::shown(&d.reason)
        ));
    }
    out
}
