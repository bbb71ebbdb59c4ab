//! Documents to send, print and file (issue 19): the 信息专报, the handover sheet, the day's duty
//! record (值班记录) and the weekly plan (周值班计划), as Markdown and as Word files.
//!
//! Every document is first a [`Doc`]: typed blocks (title, headings, paragraphs, list items, tables)
//! of plain text. [`docx::render`] lays a `Doc` out per GB/T 9704-2012 (党政机关公文格式) through the
//! `docx-rs` writer; the Markdown of the same document is either the source the `Doc` was read from
//! ([`from_md`], for the handover sheet, the day's record and the weekly plan, whose Markdown
//! renderers are the tested originals) or made from the same parts ([`written`], the 信息专报). So the
//! two forms hold the same words, which `tests/it/documents.rs` checks.
//!
//! This module sits above `ops` (it reads the service's typed data) and below the CLI and the board,
//! which both call it. It never writes to the database.

pub mod daylog;
pub mod docx;
pub mod written;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::domain::Lang;

/// A document, ready to be laid out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// The 报头 of a 信息专报 (none for records filed internally).
    pub masthead: Option<Masthead>,
    pub blocks: Vec<Block>,
    /// The record's chain head, printed in a small line at the foot of every page (empty: none).
    pub head: String,
    /// The label before the head: 记录校验码 / Record head.
    pub head_label: String,
}

/// The 报头 (GB/T 9704-2012 §7.2): the issuing organ's mark in red, the issue number with the
/// 签发人, the issuing unit and date, then the red rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masthead {
    /// 青山镇应急值守信息专报.
    pub name: String,
    /// 〔2026〕7期 (blank number when the report is not recorded yet).
    pub issue: String,
    /// 签发人： and the name (set in 楷体).
    pub signer: (String, String),
    /// After the name, in the body face: "（未核验：REASON）" when the 签发 was not verified by the
    /// signer's PIN (empty otherwise).
    pub signer_flag: String,
    /// The issuing unit.
    pub unit: String,
    /// 2026年11月22日.
    pub date: String,
}

/// A piece of text; `strong` text is bold, `code` monospace (the record head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub code: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), strong: false, code: false }
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title (2号 方正小标宋简体, centred).
    Title(String),
    /// A first-level heading (3号 黑体).
    Heading(String),
    /// A second-level heading or a lead (3号 楷体).
    Heading2(String),
    /// A body paragraph (3号 仿宋, first line indented two characters).
    Para(Vec<Span>),
    /// A list item (an indented body line).
    Item(Vec<Span>),
    /// A body line without indent (closing lines: unit, signer, contact).
    Plain(Vec<Span>),
    /// A table: header row, then rows; a cell's `\n` is a line break.
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
    /// A thin rule (the Markdown `---`).
    Rule,
}

impl Block {
    /// The block's text as a reader sees it (spans joined), one string per paragraph or cell.
    pub fn texts(&self) -> Vec<String> {
        let join = |s: &[Span]| s.iter().map(|s| s.text.as_str()).collect::<String>();
        match self {
            Block::Title(t) | Block::Heading(t) | Block::Heading2(t) => vec![t.clone()],
            Block::Para(s) | Block::Item(s) | Block::Plain(s) => vec![join(s)],
            Block::Table { header, rows } => header.iter().chain(rows.iter().flatten()).cloned().collect(),
            Block::Rule => Vec::new(),
        }
    }
}

/// Text as it may go into a document: characters a terminal or an XML parser would act on are shown
/// visibly ([`crate::domain::safe_text::visible`]: ESC as `␛`, BEL as `␇`), and the two XML 1.0
/// forbids beyond those (U+FFFE, U+FFFF) become U+FFFD. Newlines and tabs stay: the layout makes
/// breaks and tabs of them.
pub fn clean(s: &str) -> String {
    let v = crate::domain::safe_text::visible(s);
    crate::domain::safe_text::xml_text(&v).into_owned()
}

/// Reads the Markdown this project writes (headings, list items, pipe tables, `---`, paragraphs,
/// `**strong**` and `` `code` ``) into blocks. The text stays the Markdown's text: `\|` and `<br>`
/// (see [`crate::domain::safe_text::md_cell`]) are read back as `|` and a line break.
pub fn from_md(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    for raw in md.lines() {
        let line = raw.trim_end();
        if line.starts_with('|') {
            let cells = split_row(line);
            if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':')) {
                continue;
            }
            match &mut table {
                None => table = Some((cells, Vec::new())),
                Some((_, rows)) => rows.push(cells),
            }
            continue;
        }
        if let Some((header, rows)) = table.take() {
            blocks.push(Block::Table { header, rows });
        }
        if line.is_empty() {
            continue;
        }
        let block = if let Some(t) = line.strip_prefix("### ") {
            Block::Heading2(plain_text(t))
        } else if let Some(t) = line.strip_prefix("## ") {
            Block::Heading(plain_text(t))
        } else if let Some(t) = line.strip_prefix("# ") {
            Block::Title(plain_text(t))
        } else if let Some(t) = line.strip_prefix("- ") {
            Block::Item(spans(t))
        } else if line == "---" {
            Block::Rule
        } else {
            Block::Para(spans(line))
        };
        blocks.push(block);
    }
    if let Some((header, rows)) = table {
        blocks.push(Block::Table { header, rows });
    }
    blocks
}

/// The cells of a pipe-table row; `\|` inside a cell is a literal `|`.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    cells.iter().map(|c| unescape(c.trim())).collect()
}

/// `\|` → `|`, `<br>` → newline (the two escapes of [`crate::domain::safe_text::md_cell`]).
fn unescape(s: &str) -> String {
    s.replace("\\|", "|").replace("<br>", "\n")
}

fn plain_text(s: &str) -> String {
    spans(s).into_iter().map(|s| s.text).collect()
}

/// Inline `**strong**` and `` `code` `` (the only inline marks this project writes). A trailing
/// two-space hard break is dropped.
fn spans(s: &str) -> Vec<Span> {
    let s = unescape(s.trim_end());
    let mut out = Vec::new();
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let strong = rest.find("**");
        let code = rest.find('`');
        let (at, mark) = match (strong, code) {
            (Some(a), Some(b)) if b < a => (b, "`"),
            (Some(a), _) => (a, "**"),
            (None, Some(b)) => (b, "`"),
            (None, None) => break,
        };
        let after = &rest[at + mark.len()..];
        let Some(end) = after.find(mark) else { break };
        if at > 0 {
            out.push(Span::plain(&rest[..at]));
        }
        out.push(Span { text: after[..end].to_string(), strong: mark == "**", code: mark == "`" });
        rest = &after[end + mark.len()..];
    }
    if !rest.is_empty() {
        out.push(Span::plain(rest));
    }
    out
}

/// Why a document was not written.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{path}: the directory does not exist")]
    NoDir { path: String },
    #[error("{path}: the file exists; --force replaces it")]
    Exists { path: String },
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// Bad input (a report the incident does not have, a day with no record): the message says
    /// which flag and why.
    #[error("{0}")]
    Invalid(String),
    #[error("the Word document could not be made: {0}")]
    Pack(String),
}

/// Checks that `path` may be written: its directory exists, and the file does not unless `force`.
/// Called before anything is made, so a bad `-o` changes nothing.
pub fn check_target(path: &Path, force: bool) -> Result<(), DocError> {
    let shown = path.display().to_string();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(DocError::NoDir { path: shown });
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(DocError::Exists { path: shown });
    }
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all. With `force`: into a temporary file beside it,
/// synced, then renamed over the old one. Without: created only if it does not exist (checked by the
/// create itself, so a file made meanwhile is never replaced), removed again if the write fails.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), DocError> {
    check_target(path, force)?;
    let shown = path.display().to_string();
    // Creates `target` (never over an existing file) and writes it whole; a failed write leaves
    // nothing behind.
    let write = |target: &Path| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(target)?;
        let r = f.write_all(bytes).and_then(|()| f.sync_all());
        if r.is_err() {
            let _ = std::fs::remove_file(target);
        }
        r
    };
    let result = if force {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        write(&tmp).and_then(|()| {
            std::fs::rename(&tmp, path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
        })
    } else {
        write(path)
    };
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !force => Err(DocError::Exists { path: shown }),
        r => r.map_err(|source| DocError::Io { path: shown, source }),
    }
}

/// The handover sheet (交接班记录) as a document: the sheet's Markdown ([`crate::handover::markdown`])
/// read into blocks, the record head (at the latest signature) in the footer.
pub fn handover_doc(h: &crate::store::handover::HandoverRow, lang: Lang, tz: chrono_tz::Tz) -> Doc {
    let md = crate::domain::safe_text::visible(&crate::handover::markdown(h, lang, tz)).into_owned();
    Doc { masthead: None, blocks: from_md(&md), head: h.record_head.clone(), head_label: head_label(lang) }
}

/// The label of the chain head line.
pub fn head_label(lang: Lang) -> String {
    crate::text::docs::head_footer_label(lang).to_string()
}

impl From<crate::store::StoreError> for DocError {
    fn from(e: crate::store::StoreError) -> Self {
        DocError::Invalid(e.to_string())
    }
}

impl From<DocError> for crate::outcome::CommandError {
    fn from(e: DocError) -> Self {
        crate::outcome::CommandError::Fail(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_reads_back_into_blocks_with_its_own_text() {
        let md = "# 标题\n\n- 时段: a\n\n## 一、事件\n\n| 时间 | 内容 |\n|---|---|\n| 08:30 | a\\|b<br>c |\n\n**未核验** (x) `abc`\n---\n";
        let b = from_md(md);
        assert_eq!(b[0], Block::Title("标题".into()));
        assert_eq!(b[1], Block::Item(vec![Span::plain("时段: a")]));
        assert_eq!(b[2], Block::Heading("一、事件".into()));
        assert_eq!(
            b[3],
            Block::Table {
                header: vec!["时间".into(), "内容".into()],
                rows: vec![vec!["08:30".into(), "a|b\nc".into()]]
            }
        );
        let Block::Para(s) = &b[4] else { panic!("{:?}", b[4]) };
        assert!(s[0].strong && s[0].text == "未核验");
        assert_eq!(s[1], Span::plain(" (x) "));
        assert!(s[2].code && s[2].text == "abc");
        assert_eq!(b[5], Block::Rule);
    }

    #[test]
    fn clean_keeps_xml_whole() {
        assert_eq!(clean("a\u{1b}[2J\u{7}\u{fffe}b\n\tc"), "a␛[2J␇\u{fffd}b\n\tc");
    }

    #[test]
    fn files_are_refused_or_replaced_as_asked() {
        let dir = tempfile::TempDir::new().expect("dir");
        let p = dir.path().join("a.docx");
        write_file(&p, b"one", false).expect("new");
        assert!(matches!(write_file(&p, b"two", false), Err(DocError::Exists { .. })));
        assert_eq!(std::fs::read(&p).expect("read"), b"one");
        write_file(&p, b"two", true).expect("force");
        assert_eq!(std::fs::read(&p).expect("read"), b"two");
        let missing = dir.path().join("nope").join("a.docx");
        assert!(matches!(write_file(&missing, b"x", true), Err(DocError::NoDir { .. })));
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
    }
}
