//! Shared widgets: popups and panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{text, theme};
use crate::domain::Lang;
use ::text::screens::widgets as words;

/// Makes every hostile character in `lines` visible (`␛`, `␍`, `⟨U+202E⟩`; see `text::shown`). A
/// screen built from stored text (the incident page) passes its lines here once before drawing, so
/// no field of it can be missed, and the widths the paragraph wraps by are those of what is drawn.
pub fn visible_lines(lines: &mut [Line<'_>]) {
    for span in lines.iter_mut().flat_map(|l| l.spans.iter_mut()) {
        if span.content.chars().any(crate::domain::safe_text::is_hostile) {
            span.content = crate::domain::safe_text::visible_line(&span.content).into();
        }
    }
}

/// The last guard before the terminal: removes from the frame any control character or bidi mark a
/// stored text could still carry into a cell. ratatui drops C0 and C1 controls itself, but keeps a
/// bidi override joined to the character before it ("m\u{202e}"), which would reorder the row on
/// the officer's screen. The screens show such characters as visible stand-ins where they draw
/// stored text ([`visible_lines`], `text::shown`); this only catches what one of them missed.
pub fn strip_hostile(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::domain::safe_text::is_hostile) {
            let kept: String = cell.symbol().chars().filter(|c| !crate::domain::safe_text::is_hostile(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

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

    #[test]
    fn strip_hostile_clears_what_ratatui_keeps_and_nothing_else() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        // What a table cell left on the board (found by `ui_hostile`): the override joined to the
        // character before it.
        buf.set_string(0, 0, "am", ratatui::style::Style::new());
        buf[(1, 0)].set_symbol("m\u{202e}");
        buf.set_string(2, 0, "gn", ratatui::style::Style::new());
        buf[(5, 0)].set_symbol("\u{2066}");
        strip_hostile(&mut buf);
        let row: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(row, "amgn  ");
        let mut lines = vec![Line::raw("\u{1b}[2J\u{202e}x"), Line::raw("滑坡")];
        visible_lines(&mut lines);
        assert_eq!(lines[0].to_string(), "␛[2J⟨U+202E⟩x");
        assert_eq!(lines[1].to_string(), "滑坡");
    }
}
