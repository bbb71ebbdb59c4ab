//! Word documents (issue 19) through the real binary, read back: the 信息专报 laid out per GB/T
//! 9704-2012 (page, margins, fonts in the East Asian slot per paragraph, the 报头 with its issue
//! number, 签发人 and red rule, each section's text, the `— PAGE —` footers and the chain head), the
//! handover sheet, the day's record and the weekly plan; the Markdown and Word forms holding the same
//! text; control characters that cannot corrupt `document.xml`; the issue number given when a report
//! is recorded (never at export); bad `-o`, `--report` and `--day` refused with nothing written; and
//! the LibreOffice conversion to PDF (page count, text) where `soffice` is installed.

use crate::common;

use std::io::Read;
use std::path::Path;

use common::cli::{Env, Out, assert_error, run};
use quick_xml::events::Event;
use serde_json::Value;

/// Ten minutes before the 08:30 change of 23 Nov (the handover window).
const AT: &str = "2026-11-23T08:20:00+08:00";
const ZH: &str = "zh_CN.UTF-8";
/// A title with ESC and BEL: neither may reach `document.xml`.
const TITLE: &str = "石门村山体滑坡\u{1b}[2J\u{7}";
/// All CJK, so the PDF test can count 28 characters to a full line.
const MEASURES: &str = "镇党委书记已带队赶赴现场组织疏散群众消防救援队正在搜救被困人员镇卫生院已派出医护人员到场救治伤员镇村干部正在对周边隐患点逐一排查";

fn at(env: &Env, now: &str, lang: &str, args: &[&str]) -> Out {
    run(env.command(lang, now, args))
}

fn ok(out: Out, what: &str) -> Out {
    assert_eq!(out.code, 0, "{what}\nstdout: {}\nstderr: {}", out.stdout, out.stderr);
    out
}

/// A unit with a roster, an incident with a phone 首报, a 书面首报 and a 续报 by fax, a log, a signed
/// handover sheet. Returns (env, incident id, ids of the three reports).
fn world() -> (Env, String, Vec<i64>) {
    let env = Env::new();
    env.ok(&["person", "add", "--name", "周建国", "--roles", "leader"]);
    env.ok(&["person", "add", "--name", "张伟", "--roles", "officer"]);
    env.ok(&["person", "add", "--name", "王芳", "--roles", "officer"]);
    let fill = [
        "roster",
        "fill",
        "--pattern",
        "daily24",
        "--from",
        "2026-11-16",
        "--to",
        "2026-11-29",
        "--officers",
        "张伟,王芳",
        "--leaders",
        "周建国",
    ];
    ok(at(&env, "2026-11-22T09:00:00+08:00", ZH, &fill), "fill");
    let now = "2026-11-22T14:03:27+08:00";
    let add = [
        "incident",
        "add",
        "--title",
        TITLE,
        "--category",
        "natural",
        "--grade",
        "III",
        "--place",
        "青山镇石门村",
        "--occurred",
        "2026-11-22 13:40",
        "--learned",
        "2026-11-22 13:52",
        "--summary",
        "强降雨引发后山约2000立方米土石滑落，冲毁民房2间",
        "--measures",
        MEASURES,
        "--dead",
        "1",
        "--injured",
        "3",
        "--trapped",
        "2",
        "--json",
    ];
    let v: Value = serde_json::from_str(&ok(at(&env, now, ZH, &add), "add").stdout).expect("json");
    let id = v["id"].as_i64().expect("id").to_string();
    let report = |now: &str, args: &[&str]| {
        let mut a = vec!["incident", "report", id.as_str()];
        a.extend_from_slice(args);
        ok(at(&env, now, ZH, &a), "report");
    };
    report(now, &["--kind", "first-phone", "--to", "周建国", "--channel", "phone"]);
    report(
        "2026-11-22T14:20:00+08:00",
        &[
            "--kind",
            "first-written",
            "--to",
            "县应急管理局值班室",
            "--channel",
            "fax",
            "--signer",
            "周建国",
            "--unverified",
            "test",
        ],
    );
    ok(
        at(&env, "2026-11-22T15:00:00+08:00", ZH, &["incident", "update", &id, "--trapped", "0", "--rescued", "2"]),
        "update",
    );
    report(
        "2026-11-22T15:10:00+08:00",
        &["--kind", "followup", "--to", "县应急管理局值班室", "--channel", "fax", "--signer", "周建国"],
    );
    ok(
        at(
            &env,
            "2026-11-22T16:00:00+08:00",
            ZH,
            &["log", "add", "--kind", "call-in", "--text", "县应急局来电询问\u{7}进展 a|b"],
        ),
        "log",
    );
    let ins = ok(
        at(
            &env,
            "2026-11-22T16:05:00+08:00",
            ZH,
            &["log", "add", "--kind", "instruction", "--text", "全力搜救被困人员", "--from", "周建国", "--json"],
        ),
        "log",
    );
    let ins: Value = serde_json::from_str(&ins.stdout).expect("json");
    let ins = ins["id"].as_i64().expect("id").to_string();
    ok(
        at(
            &env,
            "2026-11-22T16:30:00+08:00",
            ZH,
            &["log", "add", "--kind", "feedback", "--text", "已救出2人", "--answers", &ins],
        ),
        "log",
    );
    let show = env.show(&id);
    let reports: Vec<i64> =
        show["reports"].as_array().expect("reports").iter().map(|r| r["id"].as_i64().expect("id")).collect();
    (env, id, reports)
}

/// What a document's XML part holds, paragraph by paragraph (table cells included, in order).
#[derive(Debug, Default, Clone)]
struct Para {
    text: String,
    /// The East Asian font of each run with text.
    fonts: Vec<String>,
    sizes: Vec<String>,
    colors: Vec<String>,
    align: String,
    border_color: String,
    instr: String,
}

struct Docx {
    document: String,
    footers: Vec<String>,
}

fn read_docx(path: &Path) -> Docx {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut z = zip::ZipArchive::new(f).expect("a zip file");
    let mut part = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut s).expect("utf-8");
        s
    };
    let document = part("word/document.xml");
    let footers = vec![part("word/footer1.xml"), part("word/footer2.xml")];
    Docx { document, footers }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// Parses a part strictly (an error fails the test) into paragraphs.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<Para> = None;
    let mut in_t = false;
    let mut in_instr = false;
    let mut run_font = String::new();
    let mut run_size = String::new();
    let mut run_color = String::new();
    let mut in_pbdr = false;
    loop {
        match r.read_event().unwrap_or_else(|e| panic!("not well-formed XML at {}: {e}", r.buffer_position())) {
            Event::Start(e) | Event::Empty(e) if true => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "w:p" => {
                        cur = Some(Para::default());
                        if matches!(xml.as_bytes().get(r.buffer_position() as usize - 2), Some(b'/')) {
                            out.push(cur.take().expect("para"));
                        }
                    }
                    "w:r" => {
                        run_font.clear();
                        run_size.clear();
                        run_color.clear();
                    }
                    "w:rFonts" => run_font = attr(&e, "w:eastAsia").unwrap_or_default(),
                    "w:sz" => run_size = attr(&e, "w:val").unwrap_or_default(),
                    "w:color" => run_color = attr(&e, "w:val").unwrap_or_default(),
                    "w:jc" => {
                        if let Some(p) = cur.as_mut() {
                            p.align = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:pBdr" => in_pbdr = true,
                    "w:bottom" if in_pbdr => {
                        if let Some(p) = cur.as_mut() {
                            p.border_color = attr(&e, "w:color").unwrap_or_default();
                        }
                    }
                    "w:t" => {
                        in_t = true;
                        if let Some(p) = cur.as_mut() {
                            p.fonts.push(run_font.clone());
                            p.sizes.push(run_size.clone());
                            p.colors.push(run_color.clone());
                        }
                    }
                    "w:instrText" => in_instr = true,
                    "w:br" => {
                        if let Some(p) = cur.as_mut() {
                            p.text.push('\n');
                        }
                    }
                    "w:tab" if cur.as_ref().is_some_and(|_| !in_pbdr) => {
                        // A tab in a run (not a tab stop definition, which sits in w:tabs).
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t.decode().expect("text").into_owned();
                let s = quick_xml::escape::unescape(&s).expect("unescape").into_owned();
                if let Some(p) = cur.as_mut() {
                    if in_t {
                        p.text.push_str(&s);
                    } else if in_instr {
                        p.instr.push_str(&s);
                    }
                }
            }
            Event::GeneralRef(g) => {
                let s = format!("&{};", String::from_utf8_lossy(&g));
                let s = quick_xml::escape::unescape(&s).expect("unescape").into_owned();
                if let Some(p) = cur.as_mut()
                    && in_t
                {
                    p.text.push_str(&s);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => {
                    if let Some(p) = cur.take() {
                        out.push(p);
                    }
                }
                b"w:t" => in_t = false,
                b"w:instrText" => in_instr = false,
                b"w:pBdr" => in_pbdr = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The non-empty paragraph texts of the document body.
fn texts(paras: &[Para]) -> Vec<String> {
    paras.iter().map(|p| p.text.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// The text lines of Markdown as a reader sees them: marks (`#`, `- `, `**`, backticks, table pipes
/// and separator rows, `---`) dropped, `\|` and `<br>` read back, one entry per table cell.
fn md_texts(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        let l = line.trim_end();
        if l.is_empty() || l == "---" {
            continue;
        }
        if l.starts_with('|') {
            let inner = l.trim_matches('|');
            let cells: Vec<String> = inner
                .replace("\\|", "\u{0}")
                .split('|')
                .map(|c| c.trim().replace('\u{0}', "|").replace("<br>", "\n"))
                .collect();
            if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-')) {
                continue;
            }
            out.extend(cells.into_iter().filter(|c| !c.is_empty()));
            continue;
        }
        let l =
            l.trim_start_matches("### ").trim_start_matches("## ").trim_start_matches("# ").trim_start_matches("- ");
        out.push(l.replace("**", "").replace('`', "").replace("\\|", "|").replace("<br>", "\n"));
    }
    out
}

#[test]
fn the_written_report_is_laid_out_per_gbt_9704_with_its_masthead_sections_and_footers() {
    let (env, id, reports) = world();
    let dir = env.dir.path();
    let file = dir.join("zb.docx");
    let out = ok(
        at(
            &env,
            AT,
            ZH,
            &[
                "export",
                "written",
                &id,
                "--report",
                &reports[1].to_string(),
                "--format",
                "docx",
                "-o",
                file.to_str().expect("path"),
            ],
        ),
        "export",
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.contains("已写入"), "{}", out.stderr);
    let d = read_docx(&file);
    // Control characters never reach the XML: ESC and BEL are shown as ␛ and ␇.
    assert!(!d.document.contains('\u{1b}') && !d.document.contains('\u{7}'));
    assert!(d.document.contains("石门村山体滑坡␛[2J␇"), "the title is shown visibly");
    // Page: A4, 天头 37 mm, 订口 28 mm, type area 156 × 225 mm (right 26 mm, bottom 35 mm).
    assert!(d.document.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#), "page size");
    for (k, v) in [("top", 2098), ("right", 1474), ("bottom", 1984), ("left", 1587)] {
        assert!(d.document.contains(&format!(r#"w:{k}="{v}""#)), "margin {k} = {v}");
    }
    // 22 lines: a 579-twip line grid (225 mm / 22).
    assert!(d.document.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#), "line grid");
    let paras = paragraphs(&d.document);
    // The 报头: the organ's mark in red 小标宋; the issue number 〔2026〕1期 with 签发人 (name in 楷体);
    // the unit and date over the red rule.
    let mark = &paras[0];
    assert_eq!(mark.text, "青山镇应急值守信息专报");
    assert!(mark.colors.iter().all(|c| c == "FF0000") && mark.fonts.iter().all(|f| f == "方正小标宋简体"), "{mark:?}");
    let issue = paras.iter().find(|p| p.text.contains("〔2026〕")).expect("issue line");
    // This 签发 was made without the leader's PIN (`--unverified test`): flagged after the name (issue 14).
    assert_eq!(issue.text, "〔2026〕1期签发人：周建国（未核验：test）", "{issue:?}");
    assert_eq!(issue.fonts.iter().rev().nth(1).map(String::as_str), Some("楷体_GB2312"), "the signer's name in 楷体");
    assert_eq!(issue.fonts.last().map(String::as_str), Some("仿宋_GB2312"), "the flag in the body face");
    let rule = paras.iter().find(|p| p.border_color == "FF0000").expect("the red rule");
    assert_eq!(rule.text, "青山镇应急值守2026年11月22日");
    // The title in 2号 方正小标宋简体, centred.
    let title = paras.iter().find(|p| p.text.starts_with("关于")).expect("title");
    assert_eq!(title.text, "关于石门村山体滑坡␛[2J␇的信息专报");
    assert!(title.fonts.iter().all(|f| f == "方正小标宋简体") && title.sizes.iter().all(|s| s == "44"), "{title:?}");
    assert_eq!(title.align, "center");
    // First-level headings in 黑体, the body in 3号 仿宋_GB2312.
    for h in ["一、基本情况", "二、事件经过", "三、伤亡情况", "四、原因", "五、已采取措施", "六、下一步工作及请求"]
    {
        let p = paras.iter().find(|p| p.text == h).unwrap_or_else(|| panic!("{h} missing"));
        assert!(p.fonts.iter().all(|f| f == "黑体") && p.sizes.iter().all(|s| s == "32"), "{h}: {p:?}");
    }
    let body = paras.iter().find(|p| p.text.starts_with("截至")).expect("casualties");
    assert_eq!(
        body.text, "截至2026年11月22日14时20分，事件已造成1人死亡、3人受伤、0人失踪、2人被困。",
        "the first written report's own snapshot"
    );
    assert!(body.fonts.iter().all(|f| f == "仿宋_GB2312") && body.sizes.iter().all(|s| s == "32"), "{body:?}");
    assert!(paras.iter().any(|p| p.text == "强降雨引发后山约2000立方米土石滑落，冲毁民房2间。"));
    assert!(paras.iter().any(|p| p.text == "签发人：周建国（未核验：test）"));
    // Footers: `— PAGE —` in 4号 宋体, odd pages right, even pages left; the chain head below.
    let head = env.json(&["check", "--quick", "--json"])["head"].as_str().expect("head").to_string();
    for (xml, align) in d.footers.iter().zip(["right", "left"]) {
        let f = paragraphs(xml);
        let page = &f[0];
        assert_eq!(page.instr.trim(), "PAGE", "{page:?}");
        assert_eq!(page.text, "— 1 —");
        assert_eq!(page.align, align);
        assert!(page.fonts.iter().all(|f| f == "宋体") && page.sizes.iter().all(|s| s == "28"), "{page:?}");
        assert_eq!(f[1].text, format!("记录校验码：{head}"));
    }
    assert!(d.document.contains(r#"w:type="even""#), "an even-page footer");
    // Nothing was written to the database by the export.
    let again = env.json(&["check", "--quick", "--json"])["head"].as_str().expect("head").to_string();
    assert_eq!(head, again);
}

#[test]
fn issue_numbers_are_given_when_recorded_per_year_and_a_followup_has_its_own() {
    let (env, id, reports) = world();
    let show = env.show(&id);
    let issues: Vec<(Value, Value)> = show["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| (r["issue_year"].clone(), r["issue_no"].clone()))
        .collect();
    assert_eq!(
        issues,
        vec![(Value::Null, Value::Null), (2026.into(), 1.into()), (2026.into(), 2.into())],
        "phone: none"
    );
    let file = env.dir.path().join("xb.docx");
    ok(
        at(
            &env,
            AT,
            ZH,
            &[
                "export",
                "written",
                &id,
                "--report",
                &reports[2].to_string(),
                "--format",
                "docx",
                "-o",
                file.to_str().expect("p"),
            ],
        ),
        "export",
    );
    let paras = paragraphs(&read_docx(&file).document);
    assert!(paras.iter().any(|p| p.text == "〔2026〕2期签发人：周建国"));
    assert!(
        paras.iter().any(|p| p.text.starts_with("续报要点：") && p.fonts.iter().all(|f| f == "楷体_GB2312")),
        "the lead in 楷体"
    );
    assert!(paras.iter().any(|p| p.text.contains("0人被困")));
    // The draft of the next report has no number yet: the number is left blank, and said so.
    let draft = env.dir.path().join("draft.docx");
    let out = ok(
        at(&env, AT, ZH, &["export", "written", &id, "--format", "docx", "-o", draft.to_str().expect("p")]),
        "draft",
    );
    assert!(out.stderr.contains("期号留空"), "{}", out.stderr);
    assert!(paragraphs(&read_docx(&draft).document).iter().any(|p| p.text.starts_with("〔2026〕　　期")));
    // A new year counts from 1.
    let now = "2027-01-02T10:00:00+08:00";
    let v: Value = serde_json::from_str(
        &ok(
            at(
                &env,
                now,
                ZH,
                &["incident", "add", "--title", "火灾", "--category", "accident", "--grade", "IV", "--json"],
            ),
            "add",
        )
        .stdout,
    )
    .expect("json");
    let id2 = v["id"].as_i64().expect("id").to_string();
    ok(
        at(
            &env,
            now,
            ZH,
            &["incident", "report", &id2, "--kind", "first-phone", "--to", "周建国", "--channel", "phone"],
        ),
        "phone",
    );
    ok(
        at(
            &env,
            now,
            ZH,
            &[
                "incident",
                "report",
                &id2,
                "--kind",
                "first-written",
                "--to",
                "县应急管理局值班室",
                "--channel",
                "fax",
                "--signer",
                "周建国",
                "--unverified",
                "t",
            ],
        ),
        "written",
    );
    let r = env.show(&id2)["reports"][1].clone();
    assert_eq!((r["issue_year"].as_i64(), r["issue_no"].as_i64()), (Some(2027), Some(1)), "{r}");
}

#[test]
fn md_and_docx_of_each_document_hold_the_same_text() {
    let (env, id, reports) = world();
    let dir = env.dir.path();
    let p = |n: &str| dir.join(n).to_str().expect("p").to_string();
    // The 信息专报: every line of the Markdown but its one-line header (报送单位·签发人·时间, which the
    // 报头 lays out) is a paragraph of the Word file, in order, and nothing else is (but the 报头).
    let r = reports[2].to_string();
    let md = ok(at(&env, AT, ZH, &["export", "written", &id, "--report", &r]), "md").stdout;
    ok(at(&env, AT, ZH, &["export", "written", &id, "--report", &r, "--format", "docx", "-o", &p("w.docx")]), "docx");
    let d = read_docx(&dir.join("w.docx"));
    let mut want = md_texts(&md);
    want.retain(|l| !l.starts_with("报送单位：青山镇应急值守　签发人"));
    // The issue number: a line of the Markdown, the 报头's number in the Word file.
    let issue = want.iter().position(|l| l == "期号：〔2026〕2期").expect("the issue line in the Markdown");
    want.remove(issue);
    let head_line = want.pop().expect("head line");
    assert!(head_line.starts_with("记录校验码: "), "{head_line}");
    let got = texts(&paragraphs(&d.document));
    assert_eq!(got[..3], ["青山镇应急值守信息专报", "〔2026〕2期签发人：周建国", "青山镇应急值守2026年11月22日"]);
    assert_eq!(got[3..].to_vec(), want);
    let head = head_line.trim_start_matches("记录校验码: ");
    assert!(d.footers[0].contains(head));
    // The handover sheet, signed by both.
    let v: Value =
        serde_json::from_str(&ok(at(&env, AT, ZH, &["handover", "draft", "--json"]), "draft").stdout).expect("json");
    let hid = v["id"].as_i64().expect("id").to_string();
    ok(at(&env, AT, ZH, &["--as", "张伟", "handover", "sign", &hid, "--outgoing"]), "out");
    ok(
        at(&env, AT, ZH, &["--as", "王芳", "handover", "sign", &hid, "--incoming", "--unverified", "PIN pad broken"]),
        "in",
    );
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        (
            vec!["handover".into(), "show".into(), hid.clone(), "--md".into()],
            vec!["handover".into(), "show".into(), hid.clone(), "--docx".into(), "-o".into(), p("h.docx")],
        ),
        (
            vec!["log".into(), "export".into(), "--day".into(), "2026-11-22".into()],
            vec![
                "log".into(),
                "export".into(),
                "--day".into(),
                "2026-11-22".into(),
                "--docx".into(),
                "-o".into(),
                p("l.docx"),
            ],
        ),
        (
            vec![
                "roster".into(),
                "export".into(),
                "--format".into(),
                "md".into(),
                "--week".into(),
                "2026-11-22".into(),
            ],
            vec![
                "roster".into(),
                "export".into(),
                "--format".into(),
                "docx".into(),
                "--week".into(),
                "2026-11-22".into(),
                "-o".into(),
                p("r.docx"),
            ],
        ),
    ];
    for (md_args, docx_args) in cases {
        let md_args: Vec<&str> = md_args.iter().map(String::as_str).collect();
        let docx_args: Vec<&str> = docx_args.iter().map(String::as_str).collect();
        let md = ok(at(&env, AT, ZH, &md_args), "md").stdout;
        ok(at(&env, AT, ZH, &docx_args), "docx");
        let d = read_docx(Path::new(docx_args.last().expect("file")));
        assert_eq!(texts(&paragraphs(&d.document)), md_texts(&md), "{md_args:?}");
        assert!(!d.document.contains('\u{7}'), "{md_args:?}");
    }
    // The sheet names both signatures, their times and how each was verified.
    let h = texts(&paragraphs(&read_docx(&dir.join("h.docx")).document));
    assert!(h.iter().any(|t| t.starts_with("交班签字: 张伟")), "{h:?}");
    assert!(h.iter().any(|t| t.contains("王芳") && t.contains("未核验") && t.contains("PIN pad broken")), "{h:?}");
    assert!(h.iter().any(|t| t.starts_with("交班人: 张伟 · 2026-11-23 08:20")), "{h:?}");
    assert!(h.iter().any(|t| t.starts_with("接班人: 王芳 · 2026-11-23 08:20")), "{h:?}");
    // The day's record: calls, the instruction with its feedback, incidents received.
    let l = texts(&paragraphs(&read_docx(&dir.join("l.docx")).document));
    for want in ["县应急局来电询问␇进展 a|b", "全力搜救被困人员", "11-22 16:30 已救出2人", "#2026-0001"]
    {
        assert!(l.iter().any(|t| t == want), "{want} not in {l:?}");
    }
}

#[test]
fn bad_output_paths_reports_and_days_are_refused_and_nothing_is_written() {
    let (env, id, _) = world();
    let dir = env.dir.path();
    let missing = dir.join("no-such-dir").join("x.docx");
    let m = missing.to_str().expect("p");
    for args in [
        vec!["export", "written", id.as_str(), "--format", "docx", "-o", m],
        vec!["export", "written", id.as_str(), "-o", m],
        vec!["handover", "show", "1", "--docx", "-o", m],
        vec!["log", "export", "--day", "2026-11-22", "--docx", "-o", m],
        vec!["roster", "export", "--format", "docx", "--week", "2026-11-22", "-o", m],
    ] {
        let out = at(&env, AT, "en_US.UTF-8", &args);
        let line = assert_error(&out);
        assert!(line.contains("no-such-dir") && line.contains("directory does not exist"), "{args:?}: {line}");
        assert!(!missing.exists());
    }
    // An existing file is kept unless --force.
    let existing = dir.join("old.docx");
    std::fs::write(&existing, b"keep me").expect("write");
    let e = existing.to_str().expect("p");
    for args in [
        vec!["export", "written", id.as_str(), "--format", "docx", "-o", e],
        vec!["log", "export", "--day", "2026-11-22", "--docx", "-o", e],
        vec!["roster", "export", "--format", "docx", "--week", "2026-11-22", "-o", e],
    ] {
        let line = assert_error(&at(&env, AT, "en_US.UTF-8", &args));
        assert!(line.contains("exists") && line.contains("--force"), "{line}");
        assert_eq!(std::fs::read(&existing).expect("read"), b"keep me");
    }
    ok(at(&env, AT, "en_US.UTF-8", &["export", "written", &id, "--format", "docx", "-o", e, "--force"]), "force");
    assert!(std::fs::read(&existing).expect("read").starts_with(b"PK"), "replaced by a zip");
    // A report number the incident does not have names the ones it has.
    let nf = dir.join("nf.docx");
    let line = assert_error(&at(
        &env,
        AT,
        "en_US.UTF-8",
        &["export", "written", &id, "--report", "99", "--format", "docx", "-o", nf.to_str().expect("p")],
    ));
    assert!(
        line.contains("--report") && line.contains("no report 99") && line.contains("first report (written)"),
        "{line}"
    );
    assert!(!nf.exists());
    // A day with no record.
    let line = assert_error(&at(
        &env,
        AT,
        "en_US.UTF-8",
        &["log", "export", "--day", "2026-10-01", "--docx", "-o", nf.to_str().expect("p")],
    ));
    assert!(line.contains("--day 2026-10-01") && line.contains("no duty record"), "{line}");
    assert!(!nf.exists());
    // docx needs a file.
    let line = assert_error(&at(&env, AT, "en_US.UTF-8", &["export", "written", &id, "--format", "docx"]));
    assert!(line.contains("-o"), "{line}");
}

/// LibreOffice (headless) converts one of each document to PDF: the page count is as laid out and
/// the text extracts. Skipped, saying why, where `soffice` or poppler is not installed; CI installs
/// both (`.ci/run`) and maps the GB/T font names to Noto CJK (`.ci/fonts.conf`).
#[test]
fn libreoffice_converts_each_document_to_pdf() {
    for tool in ["soffice", "pdfinfo", "pdftotext"] {
        if std::process::Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            eprintln!(
                "SKIPPED libreoffice_converts_each_document_to_pdf: `{tool}` is not installed (CI installs it: .ci/run)"
            );
            return;
        }
    }
    let (env, id, reports) = world();
    let dir = env.dir.path();
    let p = |n: &str| dir.join(n).to_str().expect("p").to_string();
    let v: Value =
        serde_json::from_str(&ok(at(&env, AT, ZH, &["handover", "draft", "--json"]), "draft").stdout).expect("json");
    let hid = v["id"].as_i64().expect("id").to_string();
    ok(
        at(&env, AT, ZH, &["--as", "张伟", "handover", "sign", &hid, "--outgoing", "--unverified", "no PIN pad"]),
        "out",
    );
    ok(at(&env, AT, ZH, &["--as", "王芳", "handover", "sign", &hid, "--incoming", "--unverified", "no PIN pad"]), "in");
    let r = reports[1].to_string();
    let docs: [(&str, Vec<String>, usize, &str); 4] = [
        (
            "written",
            vec![
                "export".into(),
                "written".into(),
                id.clone(),
                "--report".into(),
                r,
                "--format".into(),
                "docx".into(),
                "-o".into(),
                p("written.docx"),
            ],
            2,
            "五、已采取措施",
        ),
        (
            "handover",
            vec!["handover".into(), "show".into(), hid, "--docx".into(), "-o".into(), p("handover.docx")],
            2,
            "本班接报事件",
        ),
        (
            "log",
            vec![
                "log".into(),
                "export".into(),
                "--day".into(),
                "2026-11-22".into(),
                "--docx".into(),
                "-o".into(),
                p("log.docx"),
            ],
            2,
            "领导批示及反馈",
        ),
        (
            "roster",
            vec![
                "roster".into(),
                "export".into(),
                "--format".into(),
                "docx".into(),
                "--week".into(),
                "2026-11-22".into(),
                "-o".into(),
                p("roster.docx"),
            ],
            2,
            "周值班计划",
        ),
    ];
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/fonts.conf");
    let profile = dir.join("lo-profile");
    let mut counts = Vec::new();
    for (name, args, pages, text) in docs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(at(&env, AT, ZH, &args), name);
        let o = std::process::Command::new("soffice")
            .env("FONTCONFIG_FILE", &fonts)
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(dir.join(format!("{name}.docx")))
            .output()
            .expect("soffice");
        let pdf = dir.join(format!("{name}.pdf"));
        assert!(pdf.exists(), "{name}: no PDF\n{}", String::from_utf8_lossy(&o.stderr));
        let info =
            String::from_utf8_lossy(&std::process::Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo").stdout)
                .into_owned();
        let got: usize =
            info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().expect("n")).expect("Pages");
        eprintln!("{name}: {got} pages");
        counts.push((name, got, pages));
        let txt = String::from_utf8_lossy(
            &std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext").stdout,
        )
        .into_owned();
        let flat: String = txt.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(text), "{name}: `{text}` not in the PDF text:\n{txt}");
        if name == "written" {
            // 28 characters to the line (GB/T 9704 §5.2.4): the all-CJK measures paragraph, its first line
            // after the two-character indent.
            let full: Vec<usize> = txt
                .lines()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty() && MEASURES.contains(l))
                .map(|l| l.chars().count())
                .collect();
            assert!(
                full.len() >= 2 && full[0] == 26 && full[1] == 28,
                "{name}: lines of the measures: {full:?}\n{txt}"
            );
        }
        if let Ok(out) = std::env::var("DUTYWATCH_DOC_PNG_DIR") {
            // `DUTYWATCH_DOC_PNG_DIR=docs cargo test … libreoffice` refreshes the README's pictures.
            let _ = std::process::Command::new("pdftoppm")
                .args(["-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf)
                .arg(Path::new(&out).join(format!("document-{name}")))
                .status();
        }
    }
    for (name, got, pages) in counts {
        assert_eq!(got, pages, "{name}: page count");
    }
}

#[test]
fn the_english_written_report_has_the_same_layout() {
    let (env, id, reports) = world();
    let file = env.dir.path().join("en.docx");
    let args =
        ["--lang", "en", "export", "written", &id, "--report", &reports[1].to_string(), "--format", "docx", "-o"];
    let mut args: Vec<&str> = args.to_vec();
    args.push(file.to_str().expect("p"));
    ok(at(&env, AT, "en_US.UTF-8", &args), "en");
    let d = read_docx(&file);
    let paras = paragraphs(&d.document);
    assert_eq!(paras[0].text, "Qingshan Township Emergency Duty — Special Report");
    assert!(paras[0].colors.iter().all(|c| c == "FF0000"));
    assert!(paras.iter().any(|p| p.text == "[2026] No. 1Signed off by: 周建国 (unverified: test)"));
    let h = paras.iter().find(|p| p.text == "1. Basic facts").expect("heading");
    assert!(h.fonts.iter().all(|f| f == "黑体"), "{h:?}");
    assert!(paras.iter().any(|p| p.text.starts_with("Special report on the 石门村山体滑坡␛[2J␇")));
    assert!(d.footers[0].contains("Record head: "));
}
