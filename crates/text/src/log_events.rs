//! The duty-log lines dutywatch writes itself, rendered from their event (`domain::log_event`) in the
//! reader's language. The stored body is the zh-CN rendering; a line without an event is shown as stored.

use std::borrow::Cow;

use domain::Lang;

use crate::Label;
use crate::record::Bilingual;
use crate::record::facts::changes_text;
use crate::record::written::zh_number;
use domain::log_event::{Data, LogEvent};
use domain::response::RespLevel;

/// A response/warning level with its colour (`Ⅰ级(红色)`), or "none".
pub fn level_text(l: Option<RespLevel>, lang: Lang) -> String {
    match l {
        Some(l) => format!("{}({})", l.label(lang), colour_word(l, lang)),
        None => lang.pick("无", "none").to_string(),
    }
}

fn colour_word(l: RespLevel, lang: Lang) -> &'static str {
    match l {
        RespLevel::I => lang.pick("红色", "red"),
        RespLevel::II => lang.pick("橙色", "orange"),
        RespLevel::III => lang.pick("黄色", "yellow"),
        RespLevel::IV => lang.pick("蓝色", "blue"),
    }
}

/// ` (未核验: why)` after a signature not verified by a PIN; nothing when verified.
pub fn unverified_mark(why: Option<&str>, lang: Lang) -> String {
    match why {
        Some(why) => {
            format!(" ({} {})", lang.pick("未核验:", "unverified:"), crate::service::pin::unverified_reason(why, lang))
        }
        None => String::new(),
    }
}

/// The line an event makes, in `lang`.
pub fn render(ev: &LogEvent, lang: Lang) -> String {
    let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    match ev {
        LogEvent::Received { reference, title, category, grade, from_below } => {
            let note = match from_below {
                Some((from, remote)) => format!(" ({} {from} #{remote})", p("下级报送", "from below:")),
                None => String::new(),
            };
            format!(
                "{} #{reference} {title} {} {}{note}",
                p("接报", "received"),
                category.label(lang),
                grade.label(lang)
            )
        }
        LogEvent::Report { reference, kind, seq, recipient, channel, late, no_slot, signer, unverified } => {
            let label = match (kind, lang) {
                (domain::ReportKind::Followup, Lang::Zh) => format!("{}{}", kind.label(lang), zh_number(*seq)),
                (domain::ReportKind::Followup, Lang::En) => format!("{} {seq}", kind.label(lang)),
                (k, _) => k.label(lang).to_string(),
            };
            let note = if *late {
                p(" 迟报", " LATE")
            } else if *no_slot {
                p(" (无已开始的续报时段,不计时限)", " (no follow-up slot has begun: fills no deadline)")
            } else {
                ""
            };
            let signed = match signer {
                Some(s) => format!(" {} {s}{}", p("签发", "signed by"), unverified_mark(unverified.as_deref(), lang)),
                None => String::new(),
            };
            format!("#{reference} {label} → {recipient} ({}){note}{signed}", channel.label(lang))
        }
        LogEvent::Waived { reference, kind, by, reason, unverified } => {
            format!(
                "#{reference} {} {} ({}: {by}; {reason})",
                p("免报", "waived"),
                crate::labels::kind_label(kind, lang).map(str::to_string).unwrap_or_else(|| kind.to_string()),
                p("批准", "by")
            ) + &unverified_mark(unverified.as_deref(), lang)
        }
        LogEvent::Relayed { reference, level, by } => {
            format!("#{reference} {} {} ({by})", p("确认已转报", "relay confirmed to"), level.label(lang))
        }
        LogEvent::Facts { reference, addendum, changes } => {
            let what = if *addendum { p("补记", "addendum") } else { p("事实更新", "facts updated") };
            format!("#{reference} {what}: {}", changes_text(changes, lang, 40))
        }
        LogEvent::Response { reference, old, new, reason, by } => {
            let verb = match (old, new) {
                (None, Some(_)) => p("启动应急响应", "response activated"),
                (Some(o), Some(n)) if n.rank() > o.rank() => p("提升响应级别", "response raised"),
                (Some(_), Some(_)) => p("降低响应级别", "response lowered"),
                _ => p("终止应急响应", "response ended"),
            };
            let label = match new {
                None => p("终止条件", "end conditions"),
                Some(_) => p("理由", "reason"),
            };
            format!(
                "#{reference} {verb} {} → {} ({label}: {reason}; {}: {by})",
                level_text(*old, lang),
                level_text(*new, lang),
                p("决定", "decided by")
            )
        }
        LogEvent::Warning { reference, old, new, reason, by } => format!(
            "#{reference} {} {} → {} ({reason}; {}: {by})",
            p("预警级别", "warning level"),
            level_text(*old, lang),
            level_text(*new, lang),
            p("决定", "decided by")
        ),
        LogEvent::Ready { reference, label, late, .. } => {
            let late = if *late { p("(迟)", " (late)") } else { "" };
            format!("#{reference} {} {}{late}", p("已就绪", "ready:"), label.pick(lang))
        }
        LogEvent::Finding { reference, kind, text, by } => format!("#{reference} {}: {text} ({by})", kind.label(lang)),
        LogEvent::Regraded { reference, old, new, by, unverified } => {
            format!(
                "#{reference} {} {} → {} ({}: {by})",
                p("等级调整", "grade changed"),
                old.label(lang),
                new.label(lang),
                p("决定", "decided by")
            ) + &unverified_mark(unverified.as_deref(), lang)
        }
        LogEvent::HandlingEnded { reference } => {
            format!("#{reference} {}", p("处置结束,终报待报", "handling ended; final report due"))
        }
        LogEvent::Closed { reference } => format!("#{reference} {}", p("办结", "closed")),
        LogEvent::Escalated { reference, level, recipient, channel, skip_reason } => {
            let skip = match skip_reason {
                Some(r) => format!(" [{}: {r}]", p("越级", "skip-level")),
                None => String::new(),
            };
            format!(
                "#{reference} {} {} {recipient} ({}){skip}",
                p("上报", "escalated to"),
                level.label(lang),
                channel.label(lang)
            )
        }
        LogEvent::Acked { reference, level, by, waited } => format!(
            "#{reference} {} {by} {} ({} {waited})",
            level.label(lang),
            p("确认收到", "acknowledged"),
            p("等待", "waited")
        ),
        LogEvent::Corrected { reference, target, what, reason, by, reopened, reopens_incident } => {
            let mut s = format!(
                "#{reference} {}{}: {} ({}: {reason}; {by})",
                p("更正", "corrected "),
                target.pick(lang),
                what.pick(lang),
                p("理由", "reason")
            );
            if *reopened > 0 {
                s.push_str(&format!(" {} {reopened}", p("重新待办", "open again:")));
            }
            if *reopens_incident {
                s.push_str(p(" 事件重新打开", "; the incident is reopened"));
            }
            s
        }
        LogEvent::LinkAcked { reference, level, by, from } => format!(
            "#{reference} {} {by} {} ({} {from})",
            level.label(lang),
            p("确认收到", "acknowledged"),
            p("系统回执", "by link from")
        ),
        LogEvent::FromBelow { reference, from, msg_type, report } => {
            let what = if msg_type.eq_ignore_ascii_case("cancel") {
                p("更正(撤回前一报)", "correction (withdraws the previous message)").to_string()
            } else {
                match report.as_str() {
                    "facts" => p("事实更新", "facts updated").to_string(),
                    "step" => p("上报", "escalation").to_string(),
                    code => code
                        .parse::<domain::ReportKind>()
                        .map(|k| k.label(lang).to_string())
                        .unwrap_or_else(|_| msg_type.clone()),
                }
            };
            format!("#{reference} {} {from}: {what}", p("下级报送", "from below"))
        }
        LogEvent::FromBelowAcked { reference, by, room } => format!(
            "#{reference} {} {} {by} ({} {room})",
            p("下级报送", "from below"),
            p("确认收到", "acknowledged by"),
            p("回执发往", "receipt to")
        ),
        LogEvent::TaskSet { task, title, owner, due } => {
            format!("{} #{task} {title} → {owner} ({} {due})", p("督办", "task"), p("时限", "due"))
        }
        LogEvent::TaskDone { task, title, late, result } => {
            let late = if *late { p("(超时)", " (late)") } else { "" };
            format!("{} #{task} {title}{late}: {result}", p("督办办结", "task done"))
        }
        LogEvent::TaskWaived { task, title, by, reason } => {
            format!("{} #{task} {title} ({by}: {reason})", p("督办撤销", "task waived"))
        }
        LogEvent::DutyDone { label, day, late, doc, .. } => {
            use crate::service::duties as say;
            let late = if *late { say::LATE.get(lang) } else { "" };
            let doc = doc.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
            say::done_line(label.pick(lang), day, lang) + late + &doc
        }
        LogEvent::DutyWaived { label, day, by, reason, .. } => {
            crate::service::duties::waived_line(label.pick(lang), day, by, reason, lang)
        }
        LogEvent::ZeroReportAnswered { day, report } => {
            use crate::service::duties as say;
            format!("{} {day} ({}) #{report}", say::ZERO_REPORT_FULFILLED_BY_DAY.get(lang), say::REPORT.get(lang))
        }
        LogEvent::PlanFiled { week, recipient, sha256, gaps } => {
            use crate::service::plan as say;
            let gaps = if *gaps == 0 { String::new() } else { format!(" {} {gaps}", say::WITH_GAPS.get(lang)) };
            format!("{} {week} → {recipient} (SHA-256 {sha256}){gaps}", say::WEEKLY_DUTY_PLAN_FILED.get(lang))
        }
        LogEvent::PlanAcked { week, by } => {
            format!("{} {week} ({by})", crate::service::plan::WEEKLY_DUTY_PLAN_ACKNOWLEDGED.get(lang))
        }
        LogEvent::HandoverSigned { handover, side, name, late, unverified } => {
            use crate::service::handover as say;
            let side = match side.as_str() {
                "outgoing" => say::OUTGOING.get(lang),
                "incoming" => say::INCOMING.get(lang),
                other => other,
            };
            let late = if *late { say::LATE_SIGNATURE.get(lang) } else { "" };
            say::signed_line(*handover, side, name, lang) + late + &unverified_mark(unverified.as_deref(), lang)
        }
        LogEvent::SpotCheck(spot) => {
            use crate::service::log::{self as say, yes_no};
            use domain::log_event::Direction;
            format!(
                "{} {} · {} {}{} · {} {} · {} {}{}",
                match spot.direction {
                    Direction::Received => say::CHECK_RECEIVED_FROM.get(lang),
                    Direction::Made => say::CHECK_MADE_ON.get(lang),
                },
                spot.unit.trim(),
                say::ANSWERED.get(lang),
                yes_no(lang, spot.answered),
                // An unanswered check has no delay: it is not "0 s" (issue 16).
                if spot.answered {
                    format!(" · {} {}s", say::DELAY.get(lang), spot.delay_seconds)
                } else {
                    String::new()
                },
                say::AT_POST.get(lang),
                yes_no(lang, spot.at_post),
                say::FORWARDED.get(lang),
                yes_no(lang, spot.forwarded),
                if spot.findings.trim().is_empty() { String::new() } else { format!(" · {}", spot.findings.trim()) }
            )
        }
        LogEvent::EquipmentCheck { devices, text } => {
            use crate::service::log::{self as say, device_label};
            let states: Vec<String> = devices
                .iter()
                .map(|d| {
                    let mark = if d.ok { say::OK.get(lang) } else { say::FAULT.get(lang) };
                    let note = if d.note.trim().is_empty() { String::new() } else { format!("({})", d.note.trim()) };
                    format!("{} {mark}{note}", device_label(&d.device, lang))
                })
                .collect();
            let summary = states.join(" · ");
            if text.is_empty() { summary } else { format!("{summary} · {text}") }
        }
        LogEvent::ShiftSwapped { shift, person, approver, reason, unverified } => {
            use crate::service::roster as say;
            format!(
                "{} #{shift} → {person} ({}: {approver}{}; {reason})",
                say::SWAP_SHIFT.get(lang),
                say::APPROVED_BY.get(lang),
                unverified_mark(unverified.as_deref(), lang)
            )
        }
    }
}

/// What a log entry shows to a reader of `lang`: its event rendered, or its body as stored.
pub fn entry_text(e: &domain::LogEntry, lang: Lang) -> Cow<'_, str> {
    match &e.event {
        Some(ev) => Cow::Owned(render(ev, lang)),
        None => Cow::Borrowed(&e.body),
    }
}

/// What a stored line shows to a reader of `lang`: rendered from its event when `data` carries one,
/// else the body as stored.
pub fn shown<'a>(body: &'a str, data: Option<&Data>, lang: Lang) -> Cow<'a, str> {
    match data.and_then(LogEvent::from_data) {
        Some(ev) => Cow::Owned(render(&ev, lang)),
        None => Cow::Borrowed(body),
    }
}

#[cfg(test)]
mod tests {
    use domain::facts::FactChange;
    use domain::log_event::Bi;
    use domain::response::FindingKind;
    use domain::{Category, Channel, Grade, Level, ReportKind};

    use super::*;

    /// The variant's place in the table: the match has no wildcard, so a new variant fails to compile
    /// here until it is given a row in [`samples`].
    fn variant_no(e: &LogEvent) -> usize {
        match e {
            LogEvent::Received { .. } => 0,
            LogEvent::Report { .. } => 1,
            LogEvent::Waived { .. } => 2,
            LogEvent::Relayed { .. } => 3,
            LogEvent::Facts { .. } => 4,
            LogEvent::Response { .. } => 5,
            LogEvent::Warning { .. } => 6,
            LogEvent::Ready { .. } => 7,
            LogEvent::Finding { .. } => 8,
            LogEvent::Regraded { .. } => 9,
            LogEvent::HandlingEnded { .. } => 10,
            LogEvent::Closed { .. } => 11,
            LogEvent::Escalated { .. } => 12,
            LogEvent::Acked { .. } => 13,
            LogEvent::Corrected { .. } => 14,
            LogEvent::LinkAcked { .. } => 15,
            LogEvent::FromBelow { .. } => 16,
            LogEvent::FromBelowAcked { .. } => 17,
            LogEvent::TaskSet { .. } => 18,
            LogEvent::TaskDone { .. } => 19,
            LogEvent::TaskWaived { .. } => 20,
            LogEvent::DutyDone { .. } => 21,
            LogEvent::DutyWaived { .. } => 22,
            LogEvent::ZeroReportAnswered { .. } => 23,
            LogEvent::PlanFiled { .. } => 24,
            LogEvent::PlanAcked { .. } => 25,
            LogEvent::HandoverSigned { .. } => 26,
            LogEvent::ShiftSwapped { .. } => 27,
            LogEvent::SpotCheck(_) => 28,
            LogEvent::EquipmentCheck { .. } => 29,
        }
    }
    const VARIANTS: usize = 30;

    fn r() -> String {
        "2026-0007".to_string()
    }

    /// One event of every kind (fields in ASCII, so an English rendering has no Chinese in it), with a
    /// word each language must show.
    fn samples() -> Vec<(LogEvent, &'static str, &'static str)> {
        vec![
            (
                LogEvent::Received {
                    reference: r(),
                    title: "Landslide".into(),
                    category: Category::Natural,
                    grade: Grade::IV,
                    from_below: Some(("town-01".into(), "T-3".into())),
                },
                "接报",
                "received",
            ),
            (
                LogEvent::Report {
                    reference: r(),
                    kind: ReportKind::Followup,
                    seq: 2,
                    recipient: "County".into(),
                    channel: Channel::Phone,
                    late: true,
                    no_slot: false,
                    signer: Some("Zhou".into()),
                    unverified: Some("no PIN".into()),
                },
                "迟报",
                "LATE",
            ),
            (
                LogEvent::Waived {
                    reference: r(),
                    kind: crate::domain::ObligationKind::FirstPhone,
                    by: "Zhou".into(),
                    reason: "dup".into(),
                    unverified: None,
                },
                "免报",
                "waived",
            ),
            (
                LogEvent::Relayed { reference: r(), level: Level::City, by: "Li".into() },
                "确认已转报",
                "relay confirmed",
            ),
            (
                LogEvent::Facts {
                    reference: r(),
                    addendum: false,
                    changes: vec![FactChange { field: "trapped".into(), old: "2".into(), new: "0".into() }],
                },
                "事实更新",
                "facts updated",
            ),
            (
                LogEvent::Response {
                    reference: r(),
                    old: None,
                    new: Some(domain::response::RespLevel::III),
                    reason: "rain".into(),
                    by: "Zhou".into(),
                },
                "启动应急响应",
                "response activated",
            ),
            (
                LogEvent::Warning {
                    reference: r(),
                    old: Some(domain::response::RespLevel::IV),
                    new: None,
                    reason: "over".into(),
                    by: "Zhou".into(),
                },
                "预警级别",
                "warning level",
            ),
            (
                LogEvent::Ready {
                    reference: r(),
                    item: "squad".into(),
                    label: Bi::new("乡镇队伍", "township squad"),
                    late: false,
                },
                "已就绪",
                "ready:",
            ),
            (
                LogEvent::Finding { reference: r(), kind: FindingKind::ALL[0], text: "x".into(), by: "Zhou".into() },
                FindingKind::ALL[0].label(Lang::Zh),
                FindingKind::ALL[0].label(Lang::En),
            ),
            (
                LogEvent::Regraded {
                    reference: r(),
                    old: Grade::IV,
                    new: Grade::III,
                    by: "Zhou".into(),
                    unverified: None,
                },
                "等级调整",
                "grade changed",
            ),
            (LogEvent::HandlingEnded { reference: r() }, "处置结束", "handling ended"),
            (LogEvent::Closed { reference: r() }, "办结", "closed"),
            (
                LogEvent::Escalated {
                    reference: r(),
                    level: Level::County,
                    recipient: "Duty room".into(),
                    channel: Channel::Fax,
                    skip_reason: Some("urgent".into()),
                },
                "越级",
                "skip-level",
            ),
            (
                LogEvent::Acked { reference: r(), level: Level::County, by: "Wang".into(), waited: "12m".into() },
                "确认收到",
                "acknowledged",
            ),
            (
                LogEvent::Corrected {
                    reference: r(),
                    target: Bi::new("报告", "report"),
                    what: Bi::new("首报 → 县", "first report → County"),
                    reason: "typo".into(),
                    by: "Zhou".into(),
                    reopened: 1,
                    reopens_incident: true,
                },
                "事件重新打开",
                "reopened",
            ),
            (
                LogEvent::LinkAcked {
                    reference: r(),
                    level: Level::County,
                    by: "Wang".into(),
                    from: "county-01".into(),
                },
                "系统回执",
                "by link from",
            ),
            (
                LogEvent::FromBelow {
                    reference: r(),
                    from: "town-01".into(),
                    msg_type: "Update".into(),
                    report: "facts".into(),
                },
                "下级报送",
                "from below",
            ),
            (
                LogEvent::FromBelowAcked { reference: r(), by: "Li".into(), room: "town-01".into() },
                "回执发往",
                "receipt to",
            ),
            (
                LogEvent::TaskSet { task: 3, title: "Count".into(), owner: "Li".into(), due: "11-22 22:00".into() },
                "督办",
                "task",
            ),
            (
                LogEvent::TaskDone { task: 3, title: "Count".into(), late: true, result: "done".into() },
                "督办办结",
                "task done",
            ),
            (
                LogEvent::TaskWaived { task: 3, title: "Count".into(), by: "Zhou".into(), reason: "moot".into() },
                "督办撤销",
                "task waived",
            ),
            (
                LogEvent::DutyDone {
                    name: "zero-report".into(),
                    label: Bi::new("零报告", "zero report"),
                    day: "2026-11-22".into(),
                    late: true,
                    doc: Some("D-1".into()),
                },
                "已办 零报告 2026-11-22(迟报) [D-1]",
                "done: zero report 2026-11-22 (late) [D-1]",
            ),
            (
                LogEvent::DutyWaived {
                    name: "zero-report".into(),
                    label: Bi::new("零报告", "zero report"),
                    day: "2026-11-22".into(),
                    by: "Zhou".into(),
                    reason: "moot".into(),
                },
                "免报 零报告",
                "waived: zero report",
            ),
            (
                LogEvent::ZeroReportAnswered { day: "2026-11-22".into(), report: 4 },
                "零报告由当日",
                "zero report fulfilled",
            ),
            (
                LogEvent::PlanFiled {
                    week: "2026-11-23".into(),
                    recipient: "County".into(),
                    sha256: "0123456789ab".into(),
                    gaps: 2,
                },
                "已报送周值班计划 2026-11-23 → County (SHA-256 0123456789ab) 含空档 2",
                "weekly duty plan filed: 2026-11-23 → County (SHA-256 0123456789ab) with gaps: 2",
            ),
            (
                LogEvent::PlanAcked { week: "2026-11-23".into(), by: "Li".into() },
                "上级已确认周值班计划",
                "acknowledged",
            ),
            (
                LogEvent::HandoverSigned {
                    handover: 7,
                    side: "incoming".into(),
                    name: "Wang".into(),
                    late: true,
                    unverified: Some("no PIN".into()),
                },
                "交接班记录 #7 接班 签字:Wang(迟签) (未核验: no PIN)",
                "handover #7 incoming signed by Wang (late) (unverified: no PIN)",
            ),
            (
                LogEvent::ShiftSwapped {
                    shift: 9,
                    person: "Wang".into(),
                    approver: "Li".into(),
                    reason: "ill".into(),
                    unverified: None,
                },
                "换班 班次 #9 → Wang (批准: Li; ill)",
                "swap: shift #9 → Wang (approved by: Li; ill)",
            ),
            (
                LogEvent::SpotCheck(domain::log_event::SpotCheck {
                    direction: domain::log_event::Direction::Made,
                    unit: "Shimen".into(),
                    answered: false,
                    delay_seconds: 0,
                    at_post: true,
                    forwarded: false,
                    findings: "slow".into(),
                }),
                "抽查 Shimen · 接听 否 · 在岗 是 · 转接 否 · slow",
                "check made on Shimen · answered no · at post yes · forwarded no · slow",
            ),
            (
                LogEvent::EquipmentCheck {
                    devices: vec![
                        domain::log_event::DeviceCheck { device: "phone".into(), ok: true, note: String::new() },
                        domain::log_event::DeviceCheck { device: "fax".into(), ok: false, note: "jam".into() },
                    ],
                    text: "called the vendor".into(),
                },
                "电话 正常 · 传真 故障(jam) · called the vendor",
                "phone OK · fax FAULT(jam) · called the vendor",
            ),
        ]
    }

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_event_renders_in_both_languages() {
        let samples = samples();
        let mut seen = [false; VARIANTS];
        for (ev, zh_word, en_word) in &samples {
            seen[variant_no(ev)] = true;
            let zh = render(ev, Lang::Zh);
            let en = render(ev, Lang::En);
            assert!(zh.contains(zh_word), "{ev:?}: {zh}");
            assert!(en.contains(en_word), "{ev:?}: {en}");
            assert!(has_cjk(&zh), "zh has Chinese: {zh}");
            assert!(!has_cjk(&en), "en has no Chinese: {en}");
            assert_ne!(zh, en);
        }
        assert!(seen.iter().all(|s| *s), "a sample per variant: {seen:?}");
    }

    #[test]
    fn every_event_survives_its_data_and_keeps_its_code() {
        for (ev, _, _) in samples() {
            let data = ev.to_data();
            assert!(data.get("event").and_then(|v| v.as_str()).is_some_and(|c| !c.is_empty()), "{data}");
            assert_eq!(LogEvent::from_data(&data).as_ref(), Some(&ev), "{data}");
            assert_eq!(shown("stored", Some(&data), Lang::En), render(&ev, Lang::En));
        }
    }

    #[test]
    fn a_line_without_an_event_shows_as_stored() {
        assert_eq!(shown("officer's text", None, Lang::En), "officer's text");
        let other = LogEvent::Closed { reference: r() }.to_data();
        let mut no_event = other.clone();
        if let Some(m) = no_event.as_object_mut() {
            m.remove("event");
        }
        assert_eq!(shown("老的", Some(&no_event), Lang::En), "老的");
        let mut unknown = other;
        if let Some(m) = unknown.as_object_mut() {
            m.insert("event".into(), "no_such_event".into());
        }
        assert_eq!(shown("老的", Some(&unknown), Lang::En), "老的");
    }
}
