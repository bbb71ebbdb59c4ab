//! Width-aware text helpers: Chinese characters take two columns, so measure with unicode-width,
//! never `len()`.

use chrono::{DateTime, Datelike, Utc, Weekday};
use chrono_tz::Tz;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::Lang;

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut. Never splits a wide character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads (or cuts) `s` to exactly `cols` terminal columns, so Chinese and Latin text line up.
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// The first line of a possibly multi-line text.
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

pub fn weekday(w: Weekday, lang: Lang) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// `HH:MM` in the unit's zone.
pub fn hhmm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// `MM-DD HH:MM` in the unit's zone.
pub fn short(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%m-%d %H:%M").to_string()
}

/// `YYYY-MM-DD 周日 HH:MM:SS` in the unit's zone (the header clock).
pub fn clock(t: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let l = t.with_timezone(&tz);
    format!("{} {} {}", l.format("%Y-%m-%d"), weekday(l.weekday(), lang), l.format("%H:%M:%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns_not_bytes() {
        assert_eq!(truncate("山体滑坡灾害", 7), "山体滑…");
        assert_eq!(width(&truncate("山体滑坡灾害", 7)), 7);
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("山体", 3), "山…");
    }
}
