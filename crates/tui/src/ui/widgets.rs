//! Shared widgets: popups and panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{text, theme};
use crate::domain::Lang;
use ::text::screens::widgets as words;

/// A rectangle of `w`×`h` centred in `area`, clipped to it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears the area under a popup. A wide (Chinese) character just left of the popup would spill
/// two columns into its border, so it is blanked too.
pub fn clear_popup(frame: &mut Frame<'_>, popup: Rect) {
    frame.render_widget(Clear, popup);
    if popup.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in popup.y..popup.y + popup.height {
        let cell = &mut buf[(popup.x - 1, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A modal message the officer dismisses with any key.
pub fn message(frame: &mut Frame<'_>, area: Rect, title: &str, body: &str, lang: Lang) {
    // Tall enough for the whole text (a log entry opened in full), within the screen.
    let inner = 62usize;
    let rows: usize = body.lines().map(|l| unicode_width::UnicodeWidthStr::width(l).div_ceil(inner).max(1)).sum();
    let popup = centered(area, 64, (rows as u16).saturating_add(4).max(9));
    clear_popup(frame, popup);
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::warning()));
    let mut lines: Vec<Line<'_>> = body.lines().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(words::PRESS_ANY_KEY.get(lang), theme::dim()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), popup);
}

/// A yes/no question: every confirmation reads the same, y confirms, n or Esc cancels.
/// `keys` is the confirmation table's hint line (y confirms, n or Esc cancels, as keys.toml says).
pub fn confirm(frame: &mut Frame<'_>, area: Rect, title: &str, prompt: &str, keys: &str) {
    let popup = centered(area, 64, 7);
    clear_popup(frame, popup);
    let block = Block::bordered().title(Line::styled(format!(" {title} "), theme::warning()));
    // The prompt's own "y/n" is said once, below, in the same words everywhere.
    let prompt = prompt.trim_end().trim_end_matches("y/n").trim_end();
    let mut lines: Vec<Line<'_>> = prompt.lines().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(keys.to_string(), theme::key()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), popup);
}

/// Cuts a line of styled spans to at most `max` columns, ending with `…` when cut.
pub fn fit_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if total <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = text::width(&s.content);
        if used + w < max {
            used += w;
            out.push(s);
            continue;
        }
        // Something follows: the ellipsis is always there, even when this span alone would fit.
        let room = max - used;
        let mut cut = String::new();
        let mut w_cut = 0;
        for c in s.content.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w_cut + cw > room.saturating_sub(1) {
                break;
            }
            cut.push(c);
            w_cut += cw;
        }
        cut.push('…');
        out.push(Span::styled(cut, s.style));
        break;
    }
    out
}

#[cfg(test)]
mod fit_tests {
    use super::*;
    use ratatui::text::Span;
    use text::width;

    #[test]
    fn fit_spans_ends_with_an_ellipsis_when_cut() {
        let spans = vec![
            Span::raw("#0003 "),
            Span::raw("市值班室 超时未确认 47m"),
            Span::raw(" · "),
            Span::raw("省值班室 待转报"),
        ];
        for max in 10..40 {
            let out = fit_spans(spans.clone(), max);
            let s: String = out.iter().map(|s| s.content.as_ref()).collect();
            assert!(width(&s) <= max, "{max}: {s}");
            assert!(s.ends_with('…'), "{max}: {s}");
        }
    }
}
