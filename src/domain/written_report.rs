//! The written-report draft (信息专报) generated from an incident record.
//!
//! The layout follows common watch-room practice (DOMAIN §6.3, ANCHORS §2.8): a title naming place and
//! event, a header line with the reporting unit, signer (签发人) and time, six numbered sections and a
//! footer with the unit, signer, contact person and phone. Two house maxims shape the text:
//! 「快报事实、慎报原因」 — a cause is given only as a preliminary analysis, and an unknown cause is said to be
//! under investigation rather than guessed; and 边核实边报告 — missing facts are marked, never held back.
//! The draft is for the officer to edit and the leader to sign off; it is not sent by this module.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::safe_text::md_cell;
use super::types::{Grade, Incident, IncidentStatus, Lang, Report, ReportKind};

/// Output format: Markdown with headings, or plain text (for fax or pasting into an office document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Txt,
}

/// Everything the draft needs; borrowed so that rendering never copies the record.
#[derive(Debug, Clone, Copy)]
pub struct WrittenInput<'a> {
    pub incident: &'a Incident,
    /// The incident's report chain so far (any order).
    pub reports: &'a [Report],
    /// 报送单位, e.g. 某某镇人民政府.
    pub unit: &'a str,
    /// 签发人: the unit's principal leader or an authorised deputy.
    pub signer: &'a str,
    pub contact_person: &'a str,
    pub contact_phone: &'a str,
    /// When the draft is made; shown in the header and as the "as of" time of the casualty figures.
    pub drafted_at: DateTime<Utc>,
    /// The unit's time zone, for every time shown.
    pub tz: Tz,
}

/// Which written report this draft is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenKind {
    /// 信息专报 (书面首报).
    First,
    /// 续报 number n (续报一, 续报二 …).
    Followup(u32),
    /// 终报.
    Final,
}

/// Decides the kind of the next written report: the final report once handling has ended (or a final
/// report exists); a follow-up numbered after the highest one so far once a written first report (or a
/// follow-up) exists; otherwise the written first report (a phone first report alone still owes it).
pub fn next_written_kind(incident: &Incident, reports: &[Report]) -> WrittenKind {
    if incident.status != IncidentStatus::Open || reports.iter().any(|r| r.kind == ReportKind::Final) {
        return WrittenKind::Final;
    }
    let written = reports.iter().any(|r| matches!(r.kind, ReportKind::FirstWritten | ReportKind::Followup));
    if written {
        let last = reports.iter().filter(|r| r.kind == ReportKind::Followup).map(|r| r.seq).max().unwrap_or(0);
        WrittenKind::Followup(last + 1)
    } else {
        WrittenKind::First
    }
}

/// Chinese numeral for 1–99 (续报一 … 续报九十九); larger numbers fall back to digits.
pub fn zh_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => {
            format!("{}十{}", D[(n / 10) as usize], if n.is_multiple_of(10) { "" } else { D[(n % 10) as usize] })
        }
        _ => n.to_string(),
    }
}

fn zh_time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y年%-m月%-d日%-H时%M分").to_string()
}

fn en_time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Ends a Chinese sentence with 。 unless it already ends with punctuation.
fn zh_sentence(s: &str) -> String {
    let t = s.trim();
    match t.chars().last() {
        None => String::new(),
        Some('。' | '！' | '？' | '；' | '.' | '!' | '?') => t.to_string(),
        Some(_) => format!("{t}。"),
    }
}

/// Ends an English sentence with a full stop unless it already ends with punctuation.
fn en_sentence(s: &str) -> String {
    let t = s.trim();
    match t.chars().last() {
        None => String::new(),
        Some('.' | '!' | '?' | '。') => t.to_string(),
        Some(_) => format!("{t}."),
    }
}

fn non_empty(parts: &[&str], sep: &str) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(sep)
}

fn grade_text(g: Grade, lang: Lang) -> String {
    match (g, lang) {
        (Grade::Unknown, _) => g.severity_name(lang).to_string(),
        (_, Lang::Zh) => format!("{}（{}级）", g.severity_name(lang), g.label(lang)),
        (_, Lang::En) => format!("{} ({})", g.severity_name(lang), g.label(lang)),
    }
}

/// The title line.
pub fn written_title(incident: &Incident, kind: WrittenKind, lang: Lang) -> String {
    let place = incident.place.trim();
    let title = incident.title.trim();
    match lang {
        Lang::Zh => {
            // A title that already names the place (石门村山体滑坡) is not prefixed with it again.
            let subject = if place.is_empty() || names_place(title, place) {
                title.to_string()
            } else {
                format!("{place}发生{title}")
            };
            match kind {
                WrittenKind::First => format!("关于{subject}的信息专报"),
                WrittenKind::Followup(n) => format!("关于{subject}的续报（{}）", zh_number(n)),
                WrittenKind::Final => format!("关于{subject}的终报"),
            }
        }
        Lang::En => {
            let subject = if place.is_empty() { format!("the {title}") } else { format!("the {title} at {place}") };
            match kind {
                WrittenKind::First => format!("Special report on {subject}"),
                WrittenKind::Followup(n) => format!("Follow-up report No. {n} on {subject}"),
                WrittenKind::Final => format!("Final report on {subject}"),
            }
        }
    }
}

/// True when `title` contains any two consecutive characters of `place` (a village or street name).
fn names_place(title: &str, place: &str) -> bool {
    let chars: Vec<char> = place.chars().collect();
    chars.windows(2).any(|w| title.contains(&w.iter().collect::<String>()))
}

/// The six sections as (heading, body) pairs.
fn sections(input: &WrittenInput<'_>, kind: WrittenKind, lang: Lang) -> Vec<(String, String)> {
    let inc = input.incident;
    let tz = input.tz;
    let reporter = non_empty(&[&inc.caller_unit, &inc.caller_name, &inc.caller_title], " ");
    let mut reports: Vec<&Report> = input.reports.iter().collect();
    reports.sort_by_key(|r| (r.sent_at, r.id));
    let casualties_zero = inc.dead == 0 && inc.injured == 0 && inc.missing == 0 && inc.trapped == 0;
    match lang {
        Lang::Zh => {
            let place = if inc.place.trim().is_empty() { "（地点待核实）" } else { inc.place.trim() };
            let mut basic = format!(
                "{}，{}发生{}（{}，事件等级：{}）。我单位于{}接报",
                zh_time(inc.occurred_at, tz),
                place,
                inc.title.trim(),
                inc.category.label(Lang::Zh),
                grade_text(inc.grade, Lang::Zh),
                zh_time(inc.learned_at, tz),
            );
            if reporter.is_empty() {
                basic.push_str(&format!("（来源：{}）。", inc.source.label(Lang::Zh)));
            } else {
                basic.push_str(&format!("，报告人：{}（{}）。", reporter, inc.source.label(Lang::Zh)));
            }
            if !reports.is_empty() {
                let list = reports
                    .iter()
                    .map(|r| {
                        format!(
                            "{}{}报{}（{}）",
                            kind_label_zh(r),
                            r.sent_at.with_timezone(&tz).format("%-m月%-d日%-H时%M分"),
                            r.recipient.trim(),
                            r.channel.label(Lang::Zh)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("；");
                basic.push_str(&format!("已报送：{list}。"));
            }
            let course = if inc.summary.trim().is_empty() {
                "事件经过正在进一步核实中。".to_string()
            } else {
                zh_sentence(&inc.summary)
            };
            let casualties = if casualties_zero {
                format!("截至{}，暂未接到人员伤亡报告。", zh_time(input.drafted_at, tz))
            } else {
                format!(
                    "截至{}，事件已造成{}人死亡、{}人受伤、{}人失踪、{}人被困。",
                    zh_time(input.drafted_at, tz),
                    inc.dead,
                    inc.injured,
                    inc.missing,
                    inc.trapped
                )
            };
            let cause = if inc.cause.trim().is_empty() {
                "原因正在调查中。".to_string()
            } else {
                format!("初步分析：{}具体原因以调查结论为准。", zh_sentence(&inc.cause))
            };
            let measures =
                if inc.measures.trim().is_empty() { "（待补充）".to_string() } else { zh_sentence(&inc.measures) };
            let mut next = zh_sentence(&inc.needs);
            next.push_str(if kind == WrittenKind::Final {
                "事件处置工作已结束，此为终报。"
            } else {
                "我单位将密切关注事态发展，及时续报有关情况。"
            });
            vec![
                ("一、基本情况".to_string(), basic),
                ("二、事件经过".to_string(), course),
                ("三、伤亡情况".to_string(), casualties),
                ("四、原因".to_string(), cause),
                ("五、已采取措施".to_string(), measures),
                ("六、下一步工作及请求".to_string(), next),
            ]
        }
        Lang::En => {
            let place = if inc.place.trim().is_empty() { "(place to be verified)" } else { inc.place.trim() };
            let mut basic = format!(
                "At {}, a {} occurred at {} ({}; grade: {}). We learned of it at {}",
                en_time(inc.occurred_at, tz),
                inc.title.trim(),
                place,
                inc.category.label(Lang::En),
                grade_text(inc.grade, Lang::En),
                en_time(inc.learned_at, tz),
            );
            if reporter.is_empty() {
                basic.push_str(&format!(" (source: {}).", inc.source.label(Lang::En)));
            } else {
                basic.push_str(&format!("; reported by {} ({}).", reporter, inc.source.label(Lang::En)));
            }
            if !reports.is_empty() {
                let list = reports
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {} to {} ({})",
                            kind_label_en(r),
                            r.sent_at.with_timezone(&tz).format("%m-%d %H:%M"),
                            r.recipient.trim(),
                            r.channel.label(Lang::En)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                basic.push_str(&format!(" Reports sent: {list}."));
            }
            let course = if inc.summary.trim().is_empty() {
                "The course of events is being verified.".to_string()
            } else {
                en_sentence(&inc.summary)
            };
            let casualties = if casualties_zero {
                format!("As of {}, no casualties have been reported.", en_time(input.drafted_at, tz))
            } else {
                format!(
                    "As of {}: {} dead, {} injured, {} missing, {} trapped.",
                    en_time(input.drafted_at, tz),
                    inc.dead,
                    inc.injured,
                    inc.missing,
                    inc.trapped
                )
            };
            let cause = if inc.cause.trim().is_empty() {
                "The cause is under investigation.".to_string()
            } else {
                format!(
                    "Preliminary analysis: {} The cause stands to be confirmed by the investigation.",
                    en_sentence(&inc.cause)
                )
            };
            let measures =
                if inc.measures.trim().is_empty() { "(to be added)".to_string() } else { en_sentence(&inc.measures) };
            let mut next = en_sentence(&inc.needs);
            if !next.is_empty() {
                next.push(' ');
            }
            next.push_str(if kind == WrittenKind::Final {
                "Handling has ended; this is the final report."
            } else {
                "We will follow developments closely and report further."
            });
            vec![
                ("1. Basic facts".to_string(), basic),
                ("2. Course of events".to_string(), course),
                ("3. Casualties".to_string(), casualties),
                ("4. Cause".to_string(), cause),
                ("5. Measures taken".to_string(), measures),
                ("6. Next steps and requests".to_string(), next),
            ]
        }
    }
}

fn kind_label_zh(r: &Report) -> String {
    match r.kind {
        ReportKind::Followup => format!("续报{}", zh_number(r.seq)),
        k => k.label(Lang::Zh).to_string(),
    }
}

fn kind_label_en(r: &Report) -> String {
    match r.kind {
        ReportKind::Followup => format!("follow-up No. {}", r.seq),
        k => k.label(Lang::En).to_string(),
    }
}

/// Renders the draft of the next written report for the incident (see [`next_written_kind`]).
pub fn render_written(input: &WrittenInput<'_>, lang: Lang, format: Format) -> String {
    let kind = next_written_kind(input.incident, input.reports);
    let title = written_title(input.incident, kind, lang);
    let header = match lang {
        Lang::Zh => format!(
            "报送单位：{}　签发人：{}　时间：{}",
            input.unit.trim(),
            input.signer.trim(),
            zh_time(input.drafted_at, input.tz)
        ),
        Lang::En => format!(
            "Reporting unit: {} · Signed off by: {} · Time: {}",
            input.unit.trim(),
            input.signer.trim(),
            en_time(input.drafted_at, input.tz)
        ),
    };
    let footer = match lang {
        Lang::Zh => [
            format!("报送单位：{}", input.unit.trim()),
            format!("签发人：{}", input.signer.trim()),
            format!("联系人：{}　联系电话：{}", input.contact_person.trim(), input.contact_phone.trim()),
        ],
        Lang::En => [
            format!("Reporting unit: {}", input.unit.trim()),
            format!("Signed off by: {}", input.signer.trim()),
            format!("Contact: {}, tel. {}", input.contact_person.trim(), input.contact_phone.trim()),
        ],
    };
    let mut out = String::new();
    match format {
        Format::Md => {
            // Typed text must not open a table column or start a heading or list of its own.
            out.push_str(&format!("# {}\n\n{}\n\n", md_cell(&title), md_cell(&header)));
            for (h, body) in sections(input, kind, lang) {
                out.push_str(&format!("## {h}\n\n{}\n\n", md_cell(&body)));
            }
            out.push_str("---\n\n");
            out.push_str(&footer.iter().map(|l| md_cell(l)).collect::<Vec<_>>().join("  \n"));
            out.push('\n');
        }
        Format::Txt => {
            out.push_str(&format!("{title}\n\n{header}\n\n"));
            for (h, body) in sections(input, kind, lang) {
                out.push_str(&format!("{h}\n{body}\n\n"));
            }
            out.push_str(&footer.join("\n"));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::types::Channel;

    use crate::domain::fixtures::{TZ, at};

    fn incident() -> Incident {
        Incident {
            version: 3,
            summary: "强降雨引发后山约2000立方米土石滑落，冲毁民房2间".to_string(),
            measures: "镇党委书记已带队赶赴现场，组织疏散群众56人，消防救援队正在搜救被困人员".to_string(),
            needs: "请求县应急管理局协调大型挖掘设备2台。".to_string(),
            ..crate::domain::fixtures::incident()
        }
    }

    fn phone_first() -> Report {
        Report {
            id: 1,
            incident_id: 42,
            kind: ReportKind::FirstPhone,
            seq: 0,
            sent_at: at(14, 6),
            recipient: "县应急管理局总值班室".to_string(),
            channel: Channel::Phone,
            signer: String::new(),
            doc_no: String::new(),
            sent_by: "张三".to_string(),
        }
    }

    fn input<'a>(inc: &'a Incident, reports: &'a [Report]) -> WrittenInput<'a> {
        WrittenInput {
            incident: inc,
            reports,
            unit: "某某镇人民政府",
            signer: "李四",
            contact_person: "张三",
            contact_phone: "0851-1000001",
            drafted_at: at(14, 30),
            tz: TZ,
        }
    }

    #[test]
    fn zh_txt_snapshot() {
        let inc = incident();
        let reports = [phone_first()];
        let got = render_written(&input(&inc, &reports), Lang::Zh, Format::Txt);
        let want = "\
关于某某镇石门村发生山体滑坡的信息专报

报送单位：某某镇人民政府　签发人：李四　时间：2026年11月22日14时30分

一、基本情况
2026年11月22日13时40分，某某镇石门村发生山体滑坡（自然灾害，事件等级：较大（Ⅲ级））。我单位于2026年11月22日13时52分接报，报告人：石门村委会 王五 村主任（电话）。已报送：电话首报11月22日14时06分报县应急管理局总值班室（电话）。

二、事件经过
强降雨引发后山约2000立方米土石滑落，冲毁民房2间。

三、伤亡情况
截至2026年11月22日14时30分，事件已造成1人死亡、3人受伤、0人失踪、2人被困。

四、原因
原因正在调查中。

五、已采取措施
镇党委书记已带队赶赴现场，组织疏散群众56人，消防救援队正在搜救被困人员。

六、下一步工作及请求
请求县应急管理局协调大型挖掘设备2台。我单位将密切关注事态发展，及时续报有关情况。

报送单位：某某镇人民政府
签发人：李四
联系人：张三　联系电话：0851-1000001
";
        assert_eq!(got, want);
    }

    #[test]
    fn md_has_headings_and_en_has_the_same_structure() {
        let mut inc = incident();
        inc.cause = "连续强降雨致山体失稳".to_string();
        let md = render_written(&input(&inc, &[]), Lang::Zh, Format::Md);
        assert!(md.starts_with("# 关于某某镇石门村发生山体滑坡的信息专报\n"));
        assert!(md.contains("\n## 四、原因\n\n初步分析：连续强降雨致山体失稳。具体原因以调查结论为准。\n"));
        assert!(md.contains("报送单位：某某镇人民政府  \n签发人：李四  \n"));
        assert!(!md.contains("已报送"));
        let en = render_written(&input(&inc, &[]), Lang::En, Format::Txt);
        assert!(en.starts_with("Special report on the 山体滑坡 at 某某镇石门村\n"));
        for h in [
            "1. Basic facts",
            "2. Course of events",
            "3. Casualties",
            "4. Cause",
            "5. Measures taken",
            "6. Next steps and requests",
        ] {
            assert!(en.contains(&format!("\n{h}\n")), "{h} missing in\n{en}");
        }
        assert!(en.contains("As of 2026-11-22 14:30: 1 dead, 3 injured, 0 missing, 2 trapped."));
        assert!(en.contains("Preliminary analysis: 连续强降雨致山体失稳. The cause"));
        assert!(en.ends_with("Contact: 张三, tel. 0851-1000001\n"));
    }

    #[test]
    fn kind_follows_the_chain() {
        let mut inc = incident();
        let mut written = phone_first();
        written.kind = ReportKind::FirstWritten;
        let mut f1 = phone_first();
        f1.kind = ReportKind::Followup;
        f1.seq = 1;
        assert_eq!(next_written_kind(&inc, &[phone_first()]), WrittenKind::First);
        assert_eq!(next_written_kind(&inc, &[written.clone()]), WrittenKind::Followup(1));
        assert_eq!(next_written_kind(&inc, &[written.clone(), f1]), WrittenKind::Followup(2));
        assert_eq!(written_title(&inc, WrittenKind::Followup(2), Lang::Zh), "关于某某镇石门村发生山体滑坡的续报（二）");
        inc.status = IncidentStatus::Ended;
        assert_eq!(next_written_kind(&inc, &[written]), WrittenKind::Final);
        inc.dead = 0;
        inc.injured = 0;
        inc.trapped = 0;
        let txt = render_written(&input(&inc, &[]), Lang::Zh, Format::Txt);
        assert!(txt.starts_with("关于某某镇石门村发生山体滑坡的终报\n"));
        assert!(txt.contains("暂未接到人员伤亡报告"));
        assert!(txt.contains("此为终报"));
        assert_eq!(zh_number(10), "十");
        assert_eq!(zh_number(12), "十二");
        assert_eq!(zh_number(30), "三十");
        assert_eq!(zh_number(45), "四十五");
    }
}
