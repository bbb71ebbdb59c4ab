//! Text that cannot attack the terminal or the reader (issue 12).
//!
//! Stored text is typed by people and imported from files, so it may hold terminal escape sequences
//! (`ESC ] 52` writes the clipboard, `ESC ] 0` the window title, `ESC [ 2 J` clears the screen),
//! 8-bit C1 controls (U+009B is CSI on some terminals) or bidi overrides that make a line read
//! differently from what it holds. Everything the CLI prints for a person, and every Markdown or
//! text export, goes through [`visible`]; CAP goes through [`xml_text`]; names go through
//! [`check_name`] before they are stored. The functions are pure so the CLI, the board and the
//! exports share one definition of "dangerous".
//!
//! # How a neutralised character looks
//!
//! Characters are shown, not dropped, so the reader sees that the text held something odd:
//!
//! | character                           | shown as                                   |
//! |-------------------------------------|--------------------------------------------|
//! | C0 U+0000–U+001F except `\n`, `\t`  | its Control Picture U+2400+n (ESC → `␛`, CR → `␍`) |
//! | DEL U+007F                          | `␡`                                        |
//! | C1 U+0080–U+009F                    | `⟨U+009B⟩`                                 |
//! | bidi marks, embeddings, overrides, isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) | `⟨U+202E⟩` |
//!
//! The `⟨U+XXXX⟩` form names the exact code point, which a `�` would hide.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// Bidi formatting characters: they reorder what follows them on screen (the "Trojan Source" trick).
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters: invisible, so two names holding them look the same and are not.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// C0 (with newline and tab), DEL and C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
}

/// True for a character [`visible`] replaces: every control except newline and tab, and bidi.
pub fn is_hostile(c: char) -> bool {
    (is_control(c) && c != '\n' && c != '\t') || is_bidi(c)
}

/// Appends the visible stand-in of a hostile character (see the module table).
fn push_visible(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}')),
        '\u{7F}' => out.push('\u{2421}'),
        _ => {
            use fmt::Write;
            let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
        }
    }
}

/// The text with every hostile character replaced by a visible stand-in; borrowed when there is
/// none, which is nearly always, so the common path costs one scan.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hostile(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for a value that must stay on one line (an `error:` line, a table row's cell):
/// newlines and tabs become their Control Pictures too, so a value cannot forge another line.
pub fn visible_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hostile(c) || c == '\n' || c == '\t' {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A value placed in one Markdown line (a table cell, a list item, a heading): `|` is escaped as
/// `\|` so it cannot open a new column, `\` before it is kept literal, and every line break
/// (CR LF, LF, CR, U+2028, U+2029) becomes `<br>` so it cannot start a new row, item or heading.
/// `<br>` is what GitHub and most renderers show as a break inside a cell.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("\\|"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when the cell, past any leading `'`, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A CSV cell a spreadsheet will not run: one starting like a formula gets a leading `'`, which
/// spreadsheets take as "text" and do not show (OWASP's advice). A cell whose own text is `'=…`
/// gets one too, so [`csv_unguard`] gives back exactly what was stored.
pub fn csv_guard(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The cell as it was before [`csv_guard`]: one `'` before a formula character (or before more
/// `'` and then one) is dropped. A `'` before anything else is the cell's own text and kept.
pub fn csv_unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// True for characters XML 1.0 forbids (§2.2 `Char`), or discourages and a terminal may act on
/// (DEL and C1): these are replaced in CAP output so the message always parses.
fn xml_unfit(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}' => true,
        // Lone surrogates cannot occur in a Rust `str`.
        _ => false,
    }
}

/// Text fit for an XML 1.0 document: each character XML forbids (and DEL/C1) becomes U+FFFD, the
/// replacement character, so a CAP consumer sees that something was there. Markup characters are
/// left to the XML writer's escaping.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(xml_unfit) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if xml_unfit(c) { '\u{FFFD}' } else { c }).collect())
}

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// A control character (including newline and tab): a name is one line of plain text.
    Control(char),
    /// A zero-width character: it makes two different names look the same.
    ZeroWidth(char),
    /// A bidi formatting character: it makes a name read differently from what it holds.
    Bidi(char),
}

/// In English, as the other errors of the domain (`text::Describe` gives the reader's language).
impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = |c: &char| format!("U+{:04X}", u32::from(*c));
        match self {
            NameError::Empty => f.write_str("must not be empty"),
            NameError::Control(c) => {
                write!(f, "holds the control character {}; a name is one line of plain text", code(c))
            }
            NameError::ZeroWidth(c) => {
                write!(f, "holds the zero-width character {}, which makes different names look alike", code(c))
            }
            NameError::Bidi(c) => {
                write!(f, "holds the bidi control character {}, which makes a name read differently", code(c))
            }
        }
    }
}

/// Checks a person's or contact's name and returns the form to store: trimmed and NFC-normalised
/// (so `é` typed as one or two code points is one name). Controls, zero-width and bidi characters
/// are refused rather than removed: silently changing a name would surprise whoever typed it.
pub fn check_name(raw: &str) -> Result<String, NameError> {
    let name: String = raw.trim().nfc().collect();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    for c in name.chars() {
        if is_control(c) {
            return Err(NameError::Control(c));
        }
        if is_zero_width(c) {
            return Err(NameError::ZeroWidth(c));
        }
        if is_bidi(c) {
            return Err(NameError::Bidi(c));
        }
    }
    Ok(name)
}

/// The key under which two names count as the same person or contact: controls, zero-width and
/// bidi characters removed, then NFKC (fullwidth `ＡＢ` = `AB`, halfwidth katakana = fullwidth),
/// case kept. Names stored before [`check_name`] existed may still hold such characters, so the
/// duplicate check compares keys, not the raw text.
pub fn name_key(name: &str) -> String {
    let kept: String = name.chars().filter(|c| !is_control(*c) && !is_zero_width(*c) && !is_bidi(*c)).collect();
    kept.trim().nfkc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_table() {
        let cases: &[(&str, &str)] = &[
            ("plain 张伟", "plain 张伟"),
            ("line\nnext\ttab", "line\nnext\ttab"),
            ("\x1b[2J", "␛[2J"),
            ("\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"),
            ("\x1b]0;title\x07", "␛]0;title␇"),
            ("a\rb", "a␍b"),
            ("\0", "␀"),
            ("\x7f", "␡"),
            ("\u{9b}31m", "⟨U+009B⟩31m"),
            ("\u{85}", "⟨U+0085⟩"),
            ("abc\u{202e}fed", "abc⟨U+202E⟩fed"),
            ("\u{2066}x\u{2069}", "⟨U+2066⟩x⟨U+2069⟩"),
            ("\u{200f}\u{061c}", "⟨U+200F⟩⟨U+061C⟩"),
            // Zero-width characters are invisible but harmless to a terminal: left alone.
            ("a\u{200b}b", "a\u{200b}b"),
        ];
        for (input, want) in cases {
            assert_eq!(visible(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn visible_borrows_clean_text() {
        assert!(matches!(visible("值班员 张伟"), Cow::Borrowed(_)));
    }

    #[test]
    fn visible_line_keeps_to_one_line() {
        assert_eq!(visible_line("a\nb\tc\x1b"), "a␊b␉c␛");
    }

    #[test]
    fn md_cell_table() {
        let cases: &[(&str, &str)] = &[
            ("张伟", "张伟"),
            ("a|b", "a\\|b"),
            ("a\nb", "a<br>b"),
            ("a\r\nb", "a<br>b"),
            ("a\rb", "a<br>b"),
            ("a\u{2028}b\u{2029}c", "a<br>b<br>c"),
            ("x\n## fake heading", "x<br>## fake heading"),
        ];
        for (input, want) in cases {
            assert_eq!(md_cell(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn csv_guard_table() {
        let cases: &[(&str, &str)] = &[
            ("张伟", "张伟"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'quoted", "'quoted"),
            ("'=own", "''=own"),
            ("2026-11-23 08:30", "2026-11-23 08:30"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(csv_guard(input), *want, "input {input:?}");
            assert_eq!(csv_unguard(&csv_guard(input)), *input, "round trip of {input:?}");
        }
        assert_eq!(csv_unguard("'plain"), "'plain");
    }

    #[test]
    fn xml_text_table() {
        let cases: &[(&str, &str)] = &[
            ("山体滑坡 <&>", "山体滑坡 <&>"),
            ("tab\tlf\ncr\r", "tab\tlf\ncr\r"),
            ("\x1b[2J", "\u{FFFD}[2J"),
            ("\0\x08\x0b\x0c", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("\u{7f}\u{9b}", "\u{FFFD}\u{FFFD}"),
            ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}"),
            ("\u{202e}", "\u{202e}"),
        ];
        for (input, want) in cases {
            assert_eq!(xml_text(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn names_are_nfc_and_refuse_invisible_characters() {
        assert_eq!(check_name("  e\u{301}lise "), Ok("\u{e9}lise".to_string()));
        assert_eq!(check_name("张伟"), Ok("张伟".to_string()));
        assert_eq!(check_name("   "), Err(NameError::Empty));
        assert_eq!(check_name("张\x1b伟"), Err(NameError::Control('\x1b')));
        assert_eq!(check_name("张\n伟"), Err(NameError::Control('\n')));
        assert_eq!(check_name("张\u{9b}伟"), Err(NameError::Control('\u{9b}')));
        assert_eq!(check_name("张\u{200b}伟"), Err(NameError::ZeroWidth('\u{200b}')));
        assert_eq!(check_name("\u{feff}张伟"), Err(NameError::ZeroWidth('\u{feff}')));
        assert_eq!(check_name("张\u{202e}伟"), Err(NameError::Bidi('\u{202e}')));
        assert!(NameError::Bidi('\u{202e}').to_string().contains("U+202E"));
    }

    #[test]
    fn name_keys_ignore_width_and_invisible_characters_but_not_case() {
        assert_eq!(name_key("ＺＨＡＮＧ Wei"), name_key("ZHANG Wei"));
        assert_eq!(name_key("ｶﾀｶﾅ"), name_key("カタカナ"));
        assert_eq!(name_key("张\u{200b}伟"), name_key("张伟"));
        assert_eq!(name_key("张\u{202e}伟"), name_key("张伟"));
        assert_ne!(name_key("zhang"), name_key("Zhang"));
    }
}
