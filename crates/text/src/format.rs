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

/// Breaks `s` into lines of at most `max` columns (by display width, never splitting a wide
/// character); lines after the first start with `indent` (a hanging indent). Explicit newlines are
/// kept.
pub fn wrap(s: &str, max: usize, indent: &str) -> Vec<String> {
    wrap_with(s, max, indent, false)
}

/// [`wrap`] for prose: a line that overflows breaks at its last space, so English words stay whole
/// (Chinese, which has no spaces, still breaks between any two characters).
pub fn wrap_words(s: &str, max: usize, indent: &str) -> Vec<String> {
    wrap_with(s, max, indent, true)
}

fn wrap_with(s: &str, max: usize, indent: &str, at_spaces: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let indent_w = width(indent);
    if max <= indent_w + 1 {
        return vec![truncate(s, max)];
    }
    for c in s.chars() {
        if c == '\n' {
            out.push(std::mem::take(&mut line));
            line.push_str(indent);
            used = indent_w;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > max {
            if at_spaces && c == ' ' {
                // The break falls on a space: it ends the line and is not carried over.
                out.push(std::mem::take(&mut line));
                line.push_str(indent);
                used = indent_w;
                continue;
            }
            // A continuation line starts with the indent, whose spaces are not break points.
            let skip = if out.is_empty() { 0 } else { indent.len().min(line.len()) };
            let space = if at_spaces { line.get(skip..).and_then(|rest| rest.rfind(' ')) } else { None };
            match space.map(|i| i + skip).filter(|i| *i > skip) {
                Some(i) => {
                    let tail = line.split_off(i + 1);
                    line.pop();
                    out.push(std::mem::replace(&mut line, format!("{indent}{tail}")));
                    used = width(&line);
                }
                None => {
                    out.push(std::mem::take(&mut line));
                    line.push_str(indent);
                    used = indent_w;
                }
            }
        }
        line.push(c);
        used += w;
    }
    out.push(line);
    out
}

/// Pads (or cuts) `s` to exactly `cols` terminal columns, so Chinese and Latin text line up.
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// The first line of a possibly multi-line text, as stored (for a form's prefill, which must not
/// change what it copies); to draw it, use [`shown`].
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// A stored text as one line on screen: its first line, with every control character and bidi mark
/// replaced by a visible stand-in (`␛`, `␍`, `⟨U+202E⟩`; see `domain::safe_text`). Stored text is
/// typed by people and imported from files: drawn raw, an override would reorder the row and an
/// escape would vanish silently, so the officer would not see what the record holds.
///
/// Drawn every frame for every row, so a text with nothing to replace (nearly all) is borrowed.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    let line = first_line(s);
    if line.chars().any(|c| crate::domain::safe_text::is_hostile(c) || c == '\t') {
        std::borrow::Cow::Owned(crate::domain::safe_text::visible_line(line))
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

/// [`shown`] for a text drawn over several lines (a summary, a handover sheet): newlines and tabs
/// stay, everything else hostile is made visible.
pub fn shown_lines(s: &str) -> String {
    crate::domain::safe_text::visible(s).into_owned()
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

    #[test]
    fn wrap_words_keeps_english_words_whole_and_breaks_chinese_anywhere() {
        let en = wrap_words(" * required; times: 14:05, -20m; Enter makes a new line in long texts", 30, " ");
        assert_eq!(en, vec![" * required; times: 14:05,", " -20m; Enter makes a new line", " in long texts"]);
        assert!(en.iter().all(|l| width(l) <= 30), "{en:?}");
        let zh = wrap_words("免报须写明理由并由领导批准;已超时的事项免报后仍计为漏报", 20, " ");
        assert!(zh.iter().all(|l| width(l) <= 20) && zh.len() == 3, "{zh:?}");
        assert_eq!(zh.concat().replace(' ', ""), "免报须写明理由并由领导批准;已超时的事项免报后仍计为漏报");
        // A word longer than the line still breaks inside it.
        assert_eq!(wrap_words("abcdefghij", 4, ""), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wraps_by_columns_with_a_hanging_indent() {
        let lines = wrap("  12:05 书面首报 → 县政府总值班室 文号 青山镇应急〔2026〕12号", 20, "    ");
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with("    ")), "{lines:?}");
        assert_eq!(
            lines.concat().replace("    ", ""),
            "  12:05 书面首报 → 县政府总值班室 文号 青山镇应急〔2026〕12号".replace("    ", "")
        );
        // A wide character is never split at the edge: 9 columns hold four of them, not four and a half.
        assert_eq!(wrap("山体滑坡灾害", 9, ""), vec!["山体滑坡", "灾害"]);
    }
}
