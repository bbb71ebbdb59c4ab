//! Drawing the app into a `TestBackend` and reading the buffer back as text, for the UI tests.

use dutywatch::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// One frame of `app` at `w`×`h`.
pub fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| dutywatch::ui::draw(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// One row as text, skipping the cells hidden behind wide (CJK) characters.
pub fn row_text(buf: &Buffer, y: u16) -> String {
    let mut line = String::new();
    let mut skip = 0usize;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        line.push_str(sym);
        skip = sym.width().saturating_sub(1);
    }
    line
}

/// The buffer as text, one line per row (trailing blanks trimmed). Also checks every row is exactly
/// `width` columns wide, so Chinese text lines up.
pub fn text(buf: &Buffer) -> String {
    let w = buf.area.width as usize;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line = row_text(buf, y);
        assert_eq!(line.width(), w, "row {y} is {} columns wide: {line:?}", line.width());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
