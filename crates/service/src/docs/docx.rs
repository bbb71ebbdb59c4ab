//! A [`Doc`] laid out as a Word file per GB/T 9704-2012 《党政机关公文格式》, through `docx-rs`.
//!
//! The figures, each from the standard (section numbers of GB/T 9704-2012):
//!
//! | what | standard | here |
//! |---|---|---|
//! | paper | A4, 210 × 297 mm (§5.2.1) | 11906 × 16838 twips |
//! | 天头 (top margin) | 37 mm ± 1 mm (§5.2.2) | 2098 twips |
//! | 订口 (left margin) | 28 mm ± 1 mm (§5.2.2) | 1587 twips |
//! | type area | 156 × 225 mm (§5.2.2) | right 26 mm (1474), bottom 35 mm (1984) |
//! | lines and characters | 22 lines of 28 characters (§5.2.4) | a line grid of 579 twips (225 mm / 22) and exact 579-twip lines; 3号 runs −0.25 pt character spacing (28 × 15.75 pt = 441 pt ≤ 156 mm) |
//! | title | 2号 方正小标宋简体 (§7.3.1) | 22 pt, East Asian slot `方正小标宋简体` |
//! | body | 3号 仿宋_GB2312 (§5.2.3) | 16 pt, `仿宋_GB2312`; lines exactly one grid line |
//! | headings | 一级 黑体, 二级 楷体 (§7.3.3) | `黑体`, `楷体_GB2312`, 16 pt |
//! | 发文机关标志 | red, 小标宋 (§7.2.4) | `FF0000`, `方正小标宋简体`, sized to fit the type area |
//! | 发文字号 + 签发人 | 3号 仿宋, 〔〕 brackets; 签发人 right, name in 楷体 (§7.2.5, §7.2.6) | one line, right tab at the type area's edge |
//! | 版头 red rule | as wide as the type area, 4 mm below the 发文字号 (§7.2.7) | a red bottom border of the unit/date line |
//! | page numbers | 4号 半角宋体, `— 1 —`, odd pages right, even pages left, one character in (§7.5) | odd and even footers, `PAGE` field, `宋体` 14 pt |
//!
//! Fonts are named as the standard names them, in the East Asian slot of every run (`w:eastAsia`):
//! OOXML has no per-run fallback list, so a machine without the font substitutes its own (the CI's
//! fontconfig maps the names to Noto CJK, see `.ci/fonts.conf`). Latin text takes Times New Roman.

use docx_rs::{
    AlignmentType, BorderType, DocGrid, DocGridType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Tab, TabValueType,
    Table, TableCell, TableRow, WidthType,
};

use super::{Block, Doc, DocError, Masthead, Span, clean};

/// Twips per millimetre (1 inch = 25.4 mm = 1440 twips).
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
/// 天头 37 mm.
pub const MARGIN_TOP: i32 = 2098;
/// 订口 28 mm.
pub const MARGIN_LEFT: i32 = 1587;
/// 210 − 28 − 156 = 26 mm.
pub const MARGIN_RIGHT: i32 = 1474;
/// 297 − 37 − 225 = 35 mm.
pub const MARGIN_BOTTOM: i32 = 1984;
/// 225 mm / 22 lines = 10.23 mm.
pub const LINE_PITCH: usize = 579;
/// Each 3号 character's spacing, in twentieths of a point: −0.25 pt, so 28 fit the line.
pub const CHAR_TIGHTEN: i32 = -5;
/// The type area's width, 156 mm.
pub const TEXT_W: usize = 8844;

pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_H1: &str = "黑体";
pub const FONT_H2: &str = "楷体_GB2312";
pub const FONT_PAGE: &str = "宋体";
pub const FONT_LATIN: &str = "Times New Roman";
pub const RED: &str = "FF0000";

/// Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小五 9 pt.
pub const SZ_TITLE: usize = 44;
pub const SZ_BODY: usize = 32;
pub const SZ_PAGE: usize = 28;
pub const SZ_SMALL: usize = 18;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().east_asia(east_asia).ascii(FONT_LATIN).hi_ansi(FONT_LATIN).cs(FONT_LATIN)
}

/// A run of `text` in `font` at `size`: newlines become breaks and tabs tabs, every character
/// neutralised ([`clean`]) so stored text cannot break `document.xml`.
fn run(text: &str, font: &str, size: usize) -> Run {
    let text = clean(text);
    let mut r = Run::new().fonts(fonts(font)).size(size);
    if size == SZ_BODY {
        // 28 characters to the 156 mm line: 3号 is 16 pt, the line holds 442.2 pt, so each
        // character gives up a quarter point (15.75 pt × 28 = 441 pt).
        r = r.character_spacing(CHAR_TIGHTEN);
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if !part.is_empty() {
                r = r.add_text(part);
            }
        }
    }
    r
}

/// Exactly one grid line per line of 3号 text (22 lines to the page).
fn exact(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(LINE_PITCH as i32).before(0).after(0))
}

fn para_of(spans: &[Span], font: &str, size: usize) -> Paragraph {
    let mut p = Paragraph::new();
    for s in spans {
        let font = if s.code { FONT_LATIN } else { font };
        let mut r = run(&s.text, font, size);
        if s.strong {
            r = r.bold();
        }
        p = p.add_run(r);
    }
    exact(p)
}

/// Two characters of first-line indent (the body's 首行缩进两字).
fn indent2(p: Paragraph) -> Paragraph {
    p.indent(None, Some(SpecialIndentType::FirstLine(640)), None, None).first_line_chars(200)
}

fn masthead(m: &Masthead) -> Vec<Paragraph> {
    // The organ's mark fits the type area on one line: at most 36 pt (小初), smaller for long names.
    let chars = m.name.chars().count().max(1) as f64;
    let pt = (156.0 / 25.4 * 72.0 / chars).clamp(16.0, 36.0).floor();
    let name = Paragraph::new()
        .add_run(run(&m.name, FONT_TITLE, (pt * 2.0) as usize).color(RED))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0).line_rule(LineSpacingType::Auto).line(240));
    let right = Tab::new().val(TabValueType::Right).pos(TEXT_W - 320);
    // 发文字号 left, one character in; 签发人 right, one character in, its name in 楷体.
    let (label, who) = &m.signer;
    let mut issue = Paragraph::new()
        .add_run(run(&format!("{}\t", m.issue), FONT_BODY, SZ_BODY))
        .add_run(run(label, FONT_BODY, SZ_BODY))
        .add_run(run(who, FONT_H2, SZ_BODY));
    // An unverified 签发 is flagged right after the name (issue 14), in the body face.
    if !m.signer_flag.is_empty() {
        issue = issue.add_run(run(&m.signer_flag, FONT_BODY, SZ_BODY));
    }
    let issue = exact(issue.add_tab(right.clone()).indent(Some(320), None, None, None));
    let mut unit =
        exact(
            Paragraph::new()
                .add_run(run(&format!("{}\t{}", m.unit, m.date), FONT_BODY, SZ_BODY))
                .add_tab(right)
                .indent(Some(320), None, None, None),
        );
    // The red rule, as wide as the type area, under the unit and date (GB/T 9704 §7.2.7).
    unit.property = unit.property.set_borders(ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(12).space(6).color(RED),
    ));
    let blank = || exact(Paragraph::new().add_run(run("", FONT_BODY, SZ_BODY)));
    vec![name, blank(), issue, unit, blank()]
}

fn table(header: &[String], rows: &[Vec<String>]) -> Table {
    let cols = header.len().max(1);
    let w = TEXT_W / cols;
    let cell = |t: &str, strong: bool| {
        let mut r = run(t, if strong { FONT_H1 } else { FONT_BODY }, 24);
        if strong {
            r = r.bold();
        }
        // Cells keep to their text's own height, off the page's line grid (which would give every
        // cell line a full 10 mm).
        TableCell::new().width(w, WidthType::Dxa).add_paragraph(Paragraph::new().add_run(r).snap_to_grid(false))
    };
    let mut out = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect())];
    for r in rows {
        let mut cells: Vec<TableCell> = r.iter().map(|c| cell(c, false)).collect();
        while cells.len() < cols {
            cells.push(cell("", false));
        }
        out.push(TableRow::new(cells));
    }
    Table::new(out).set_grid(vec![w; cols]).width(TEXT_W, WidthType::Dxa)
}

/// The page number `— 1 —` in 4号 宋体, one character in from the outer edge.
fn page_number(align: AlignmentType) -> Paragraph {
    let f = || fonts(FONT_PAGE);
    let mut p = Paragraph::new()
        .add_run(Run::new().fonts(f()).size(SZ_PAGE).add_text("— "))
        .add_run(
            Run::new()
                .fonts(f())
                .size(SZ_PAGE)
                .add_field_char(docx_rs::FieldCharType::Begin, false)
                .add_instr_text(docx_rs::InstrText::PAGE(docx_rs::InstrPAGE::new()))
                .add_field_char(docx_rs::FieldCharType::Separate, false)
                .add_text("1")
                .add_field_char(docx_rs::FieldCharType::End, false),
        )
        .add_run(Run::new().fonts(f()).size(SZ_PAGE).add_text(" —"))
        .align(align);
    p = match align {
        AlignmentType::Right => p.indent(None, None, Some(280), None),
        _ => p.indent(Some(280), None, None, None),
    };
    p
}

fn footer(doc: &Doc, align: AlignmentType) -> Footer {
    let mut f = Footer::new().add_paragraph(page_number(align));
    if !doc.head.is_empty() {
        let line = format!("{}{}", doc.head_label, doc.head);
        f = f.add_paragraph(Paragraph::new().add_run(run(&line, FONT_PAGE, SZ_SMALL)).align(AlignmentType::Center));
    }
    f
}

/// The `.docx` bytes of `doc`.
pub fn render(doc: &Doc) -> Result<Vec<u8>, DocError> {
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(mm(15.0))
                // The page number sits 7 mm below the type area (§7.5): footer text from 28 mm up.
                .footer(mm(20.0)),
        )
        .default_fonts(fonts(FONT_BODY))
        .default_size(SZ_BODY)
        .footer(footer(doc, AlignmentType::Right))
        .even_footer(footer(doc, AlignmentType::Left));
    // A line grid of 22 lines. Not `linesAndChars`: LibreOffice lays a character grid out far wider
    // than Word does (about 20 characters to the line); the run spacing above gives 28 in both.
    d.document = d.document.doc_grid(DocGrid::new().grid_type(DocGridType::Lines).line_pitch(LINE_PITCH));
    if let Some(m) = &doc.masthead {
        for p in masthead(m) {
            d = d.add_paragraph(p);
        }
    }
    for b in &doc.blocks {
        match b {
            Block::Title(t) => {
                let p =
                    Paragraph::new().add_run(run(t, FONT_TITLE, SZ_TITLE)).align(AlignmentType::Center).line_spacing(
                        LineSpacing::new().line_rule(LineSpacingType::Exact).line(700).after(LINE_PITCH as u32),
                    );
                d = d.add_paragraph(p);
            }
            Block::Heading(t) => {
                d = d.add_paragraph(indent2(exact(Paragraph::new().add_run(run(t, FONT_H1, SZ_BODY)))).keep_next(true))
            }
            Block::Heading2(t) => {
                d = d.add_paragraph(indent2(exact(Paragraph::new().add_run(run(t, FONT_H2, SZ_BODY)))).keep_next(true))
            }
            Block::Para(s) => d = d.add_paragraph(indent2(para_of(s, FONT_BODY, SZ_BODY))),
            Block::Item(s) => d = d.add_paragraph(indent2(para_of(s, FONT_BODY, SZ_BODY))),
            Block::Plain(s) => d = d.add_paragraph(para_of(s, FONT_BODY, SZ_BODY)),
            Block::Table { header, rows } => {
                d = d.add_table(table(header, rows)).add_paragraph(exact(Paragraph::new()));
            }
            Block::Rule => {
                let mut p = Paragraph::new();
                p.property =
                    p.property
                        .set_borders(ParagraphBorders::with_empty().set(
                            ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(4),
                        ));
                d = d.add_paragraph(p);
            }
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf).map_err(|e| DocError::Pack(e.to_string()))?;
    Ok(buf.into_inner())
}
