//! The written-report draft (信息专报) in words: title, header, the six sections, a 续报's lead
//! and the footer, from the inputs `domain::written_report` defines (layout: docs/rules.md,
//! Written report layout).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::codes::{Label, Severity};
use crate::domain::facts::{self, FactChange, FactField};
use crate::domain::safe_text::md_cell;
use crate::domain::types::{Grade, Incident, Lang, Report, ReportKind};
use crate::domain::written_report::{Format, WrittenInput, WrittenKind, WrittenParts, next_written_kind};

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

/// The title line. The place is named once: a title that already names it (石门村山体滑坡) is not
/// prefixed or suffixed with it again, in either language.
pub fn written_title(incident: &Incident, place: &str, kind: WrittenKind, lang: Lang) -> String {
    let place = place.trim();
    let title = incident.title.trim();
    let named = place.is_empty() || names_place(title, place);
    match lang {
        Lang::Zh => {
            let subject = if named { title.to_string() } else { format!("{place}发生{title}") };
            match kind {
                WrittenKind::First => format!("关于{subject}的信息专报"),
                WrittenKind::Followup(n) => format!("关于{subject}的续报（{}）", zh_number(n)),
                WrittenKind::Final => format!("关于{subject}的终报"),
            }
        }
        Lang::En => {
            let subject = if named { format!("the {title}") } else { format!("the {title} at {place}") };
            match kind {
                WrittenKind::First => format!("Special report on {subject}"),
                WrittenKind::Followup(n) => format!("Follow-up report No. {n} on {subject}"),
                WrittenKind::Final => format!("Final report on {subject}"),
            }
        }
    }
}

/// A 续报's lead: what changed since the previous report (its snapshot against this draft's facts).
fn followup_lead(input: &WrittenInput<'_>, lang: Lang) -> Option<String> {
    let prev = input.previous?;
    let tz = input.tz;
    let when = match lang {
        Lang::Zh => prev.sent_at.with_timezone(&tz).format("%-m月%-d日%-H时%M分").to_string(),
        Lang::En => prev.sent_at.with_timezone(&tz).format("%m-%d %H:%M").to_string(),
    };
    let label = match lang {
        Lang::Zh => kind_label_zh(prev),
        Lang::En => kind_label_en(prev),
    };
    let Some(before) = &prev.facts else {
        return Some(match lang {
            Lang::Zh => format!("（上次报告{label}{when}未留存所报情况，变化请人工核对。）"),
            Lang::En => format!(
                "(The previous report, {label} at {when}, kept no record of what it said: check the changes by hand.)"
            ),
        });
    };
    let changes = facts::diff(before, input.facts);
    let phrase = |c: &FactChange| -> String {
        let Some(f) = FactField::parse(&c.field) else { return String::new() };
        match (lang, f.is_figure()) {
            (Lang::Zh, true) => format!("{}人数由{}人变为{}人", f.label(lang), c.old, c.new),
            (Lang::Zh, false) if c.new.trim().is_empty() => format!("{}已删除", f.label(lang)),
            (Lang::Zh, false) => format!("{}更新为：{}", f.label(lang), c.new.trim().trim_end_matches('。')),
            (Lang::En, true) => format!("{} {} → {}", f.label(lang), c.old, c.new),
            (Lang::En, false) if c.new.trim().is_empty() => format!("{} removed", f.label(lang)),
            (Lang::En, false) => format!("{} now: {}", f.label(lang), c.new.trim().trim_end_matches('.')),
        }
    };
    Some(match lang {
        Lang::Zh if changes.is_empty() => format!("续报要点：自{label}（{when}）以来，事件情况无新变化。"),
        Lang::Zh => format!(
            "续报要点：自{label}（{when}）以来，{}。",
            changes.iter().map(phrase).collect::<Vec<_>>().join("；")
        ),
        Lang::En if changes.is_empty() => format!("Since the {label} ({when}): no change."),
        Lang::En => {
            format!("Since the {label} ({when}): {}.", changes.iter().map(phrase).collect::<Vec<_>>().join("; "))
        }
    })
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
    let f = input.facts;
    let casualties_zero = f.dead == 0 && f.injured == 0 && f.missing == 0 && f.trapped == 0;
    let final_report = kind == WrittenKind::Final;
    match lang {
        Lang::Zh => {
            let place = if f.place.trim().is_empty() { "（地点待核实）" } else { f.place.trim() };
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
            let mut course = if f.summary.trim().is_empty() {
                "事件经过正在进一步核实中。".to_string()
            } else {
                zh_sentence(&f.summary)
            };
            if !f.progress.trim().is_empty() {
                course.push_str(&format!("处置进展：{}", zh_sentence(&f.progress)));
            }
            let as_of = if final_report { "最终统计：截至" } else { "截至" };
            let mut casualties = if casualties_zero {
                format!("{as_of}{}，暂未接到人员伤亡报告。", zh_time(input.as_of, tz))
            } else {
                format!(
                    "{as_of}{}，事件已造成{}人死亡、{}人受伤、{}人失踪、{}人被困。",
                    zh_time(input.as_of, tz),
                    f.dead,
                    f.injured,
                    f.missing,
                    f.trapped
                )
            };
            if f.rescued > 0 {
                casualties.push_str(&format!("已救出被困人员{}人。", f.rescued));
            }
            if f.evacuated > 0 {
                casualties.push_str(&format!("已转移安置群众{}人。", f.evacuated));
            }
            let cause = if f.cause.trim().is_empty() {
                if final_report {
                    "原因仍在调查中，调查结论另行报告。"
                } else {
                    "原因正在调查中。"
                }
                .to_string()
            } else if final_report {
                format!("经调查，事件原因：{}", zh_sentence(&f.cause))
            } else {
                format!("初步分析：{}具体原因以调查结论为准。", zh_sentence(&f.cause))
            };
            let measures =
                if f.measures.trim().is_empty() { "（待补充）".to_string() } else { zh_sentence(&f.measures) };
            let mut next = zh_sentence(&f.needs);
            next.push_str(if final_report {
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
            let place = if f.place.trim().is_empty() { "(place to be verified)" } else { f.place.trim() };
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
            let mut course = if f.summary.trim().is_empty() {
                "The course of events is being verified.".to_string()
            } else {
                en_sentence(&f.summary)
            };
            if !f.progress.trim().is_empty() {
                course.push_str(&format!(" Progress: {}", en_sentence(&f.progress)));
            }
            let as_of = if final_report { "Final figures as of" } else { "As of" };
            let mut casualties = if casualties_zero {
                format!("{as_of} {}, no casualties have been reported.", en_time(input.as_of, tz))
            } else {
                format!(
                    "{as_of} {}: {} dead, {} injured, {} missing, {} trapped.",
                    en_time(input.as_of, tz),
                    f.dead,
                    f.injured,
                    f.missing,
                    f.trapped
                )
            };
            if f.rescued > 0 {
                casualties.push_str(&format!(" {} rescued.", f.rescued));
            }
            if f.evacuated > 0 {
                casualties.push_str(&format!(" {} evacuated.", f.evacuated));
            }
            let cause = if f.cause.trim().is_empty() {
                "The cause is under investigation.".to_string()
            } else if final_report {
                format!("Cause, as investigated: {}", en_sentence(&f.cause))
            } else {
                format!(
                    "Preliminary analysis: {} The cause stands to be confirmed by the investigation.",
                    en_sentence(&f.cause)
                )
            };
            let measures =
                if f.measures.trim().is_empty() { "(to be added)".to_string() } else { en_sentence(&f.measures) };
            let mut next = en_sentence(&f.needs);
            if !next.is_empty() {
                next.push(' ');
            }
            next.push_str(if final_report {
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

/// The parts of the draft (see [`render_written`]).
pub fn written_parts(input: &WrittenInput<'_>, lang: Lang) -> WrittenParts {
    let kind = input.kind.unwrap_or_else(|| next_written_kind(input.incident, input.reports));
    let title = written_title(input.incident, &input.facts.place, kind, lang);
    let lead = match kind {
        WrittenKind::Followup(_) => followup_lead(input, lang),
        _ => None,
    };
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
        Lang::Zh => vec![
            format!("报送单位：{}", input.unit.trim()),
            format!("签发人：{}", input.signer.trim()),
            format!("联系人：{}　联系电话：{}", input.contact_person.trim(), input.contact_phone.trim()),
        ],
        Lang::En => vec![
            format!("Reporting unit: {}", input.unit.trim()),
            format!("Signed off by: {}", input.signer.trim()),
            format!("Contact: {}, tel. {}", input.contact_person.trim(), input.contact_phone.trim()),
        ],
    };
    let issue = input.issue.map(|n| format!("{}{n}", lang.pick("期号：", "Issue: ")));
    WrittenParts { kind, title, header, issue, lead, sections: sections(input, kind, lang), footer }
}

/// Renders the draft of the next written report for the incident (see [`next_written_kind`]).
pub fn render_written(input: &WrittenInput<'_>, lang: Lang, format: Format) -> String {
    let WrittenParts { title, header, issue, lead, sections, footer, .. } = written_parts(input, lang);
    let mut out = String::new();
    match format {
        Format::Md => {
            // Typed text must not open a table column or start a heading or list of its own.
            out.push_str(&format!("# {}\n\n{}\n\n", md_cell(&title), md_cell(&header)));
            if let Some(n) = &issue {
                out.push_str(&format!("{}\n\n", md_cell(n)));
            }
            if let Some(l) = &lead {
                out.push_str(&format!("**{}**\n\n", md_cell(l)));
            }
            for (h, body) in &sections {
                out.push_str(&format!("## {h}\n\n{}\n\n", md_cell(body)));
            }
            out.push_str("---\n\n");
            out.push_str(&footer.iter().map(|l| md_cell(l)).collect::<Vec<_>>().join("  \n"));
            out.push('\n');
        }
        Format::Txt => {
            out.push_str(&format!("{title}\n\n{header}\n\n"));
            if let Some(n) = &issue {
                out.push_str(&format!("{n}\n\n"));
            }
            if let Some(l) = &lead {
                out.push_str(&format!("{l}\n\n"));
            }
            for (h, body) in &sections {
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
    use crate::domain::facts::Facts;
    use crate::domain::types::{Channel, IncidentStatus};
    use crate::domain::written_report::written_kind_of;

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
            facts: None,
            missing_elements: None,
            issue: None,
        }
    }

    fn input<'a>(inc: &'a Incident, reports: &'a [Report]) -> WrittenInput<'a> {
        // The facts now, leaked for the test's lifetime: each test builds a handful.
        let facts: &'a Facts = Box::leak(Box::new(Facts::of(inc)));
        WrittenInput {
            facts,
            kind: None,
            previous: None,
            as_of: at(14, 30),
            issue: None,
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
        assert_eq!(
            written_title(&inc, &inc.place, WrittenKind::Followup(2), Lang::Zh),
            "关于某某镇石门村发生山体滑坡的续报（二）"
        );
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

    #[test]
    fn a_followup_leads_with_what_changed_and_uses_its_own_snapshot() {
        let mut inc = incident();
        let mut first = phone_first();
        first.facts = Some(Facts::of(&inc));
        // Since the first report: the two trapped were rescued; the cause was found.
        inc.trapped = 0;
        inc.rescued = 2;
        inc.cause = "连续强降雨致山体失稳".into();
        let mut f1 = phone_first();
        f1.id = 2;
        f1.kind = ReportKind::Followup;
        f1.seq = 1;
        f1.sent_at = at(15, 0);
        f1.facts = Some(Facts::of(&inc));
        let reports = [first.clone()];
        let mut i = input(&inc, &reports);
        i.kind = Some(written_kind_of(&f1));
        i.previous = Some(&first);
        i.facts = f1.facts.as_ref().expect("snapshot");
        i.as_of = f1.sent_at;
        let txt = render_written(&i, Lang::Zh, Format::Txt);
        assert!(txt.starts_with("关于某某镇石门村发生山体滑坡的续报（一）\n"), "{txt}");
        assert!(
            txt.contains("续报要点：自电话首报（11月22日14时06分）以来，被困人数由2人变为0人；获救人数由0人变为2人；原因更新为：连续强降雨致山体失稳。"),
            "{txt}"
        );
        assert!(
            txt.contains(
                "截至2026年11月22日15时00分，事件已造成1人死亡、3人受伤、0人失踪、0人被困。已救出被困人员2人。"
            ),
            "{txt}"
        );
        // The first report's own draft still says what it said.
        let mut j = input(&inc, &[]);
        j.kind = Some(written_kind_of(&first));
        j.facts = first.facts.as_ref().expect("snapshot");
        let txt = render_written(&j, Lang::Zh, Format::Txt);
        assert!(txt.contains("2人被困"), "{txt}");
        assert!(!txt.contains("续报要点"));
    }

    #[test]
    fn a_final_gives_cause_final_figures_and_measures_and_the_place_is_named_once() {
        let mut inc = incident();
        inc.title = "石门村山体滑坡".into();
        inc.cause = "连续强降雨致山体失稳".into();
        inc.status = IncidentStatus::Ended;
        let txt = render_written(&input(&inc, &[]), Lang::Zh, Format::Txt);
        assert!(txt.starts_with("关于石门村山体滑坡的终报\n"), "{txt}");
        assert!(txt.contains("经调查，事件原因：连续强降雨致山体失稳。"), "{txt}");
        assert!(txt.contains("最终统计：截至"), "{txt}");
        assert!(txt.contains("镇党委书记已带队赶赴现场"), "{txt}");
        let en = render_written(&input(&inc, &[]), Lang::En, Format::Txt);
        assert!(en.starts_with("Final report on the 石门村山体滑坡\n"), "{en}");
    }
}
