//! The domain's refusals and findings in the reader's language. Each error's English is its
//! `Display` (kept in the domain, as every error's is); the Chinese is here.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::codes::Label;
use crate::domain::Lang;
use crate::domain::calendar::LeaderReason;
use crate::domain::cap::CapError;
use crate::domain::directory::NotInDirectory;
use crate::domain::escalation::{EscalationError, RulesError};
use crate::domain::roster::Problem;
use crate::domain::safe_text::NameError;

/// A refusal or a reason, said to the reader.
pub trait Describe {
    /// The message in the reader's language.
    fn describe(&self, lang: Lang) -> String;
}

/// A finding with times in it, said to the reader with the times in the unit's zone.
pub trait DescribeAt {
    /// One line for the reader, times shown in `tz`.
    fn describe(&self, lang: Lang, tz: Tz) -> String;
}

/// Words of this module.
pub mod words {
    crate::words! {
        WEEKEND = ("双休日", "weekend");
        EVERY_DAY = ("每日领导带班", "leader on duty every day");
    }
}

impl Describe for LeaderReason {
    /// Short printable reason, e.g. 「节假日(国庆节)」 / "holiday (National Day)".
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (LeaderReason::Holiday { name, .. }, Lang::Zh) => format!("节假日({name})"),
            (LeaderReason::Holiday { name_en, .. }, Lang::En) => format!("holiday ({name_en})"),
            (LeaderReason::Period { kind, name, .. }, Lang::Zh) => format!("{}({name})", kind.label(Lang::Zh)),
            (LeaderReason::Period { kind, name, name_en }, Lang::En) => {
                let n = name_en.as_deref().unwrap_or(name);
                format!("{} ({n})", kind.label(Lang::En))
            }
            (LeaderReason::Weekend, _) => words::WEEKEND.get(lang).to_string(),
            (LeaderReason::EveryDay, _) => words::EVERY_DAY.get(lang).to_string(),
        }
    }
}

impl Describe for CapError {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (CapError::BadSender(s), Lang::Zh) => {
                format!("CAP 发送方标识“{s}”无效：不能为空，且不得含空格、逗号、< 或 &")
            }
            (CapError::Xml(e), Lang::Zh) => format!("生成 CAP XML 失败：{e}"),
        }
    }
}

impl Describe for NotInDirectory {
    fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => {
                let list = if self.candidates.is_empty() {
                    "（无，请先在通讯录中添加）".to_string()
                } else {
                    self.candidates.join("、")
                };
                format!("接收方“{}”不在通讯录（{}）中；可选：{}", self.name, self.level.label(Lang::Zh), list)
            }
        }
    }
}

impl Describe for RulesError {
    fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                RulesError::Parse(m) => format!("上报规则文件有误：{m}"),
                RulesError::NotPositive { field, value } => {
                    format!("上报规则：`{field}` 须为正的分钟数，实为 {value}")
                }
                RulesError::MissingGrade(g) => {
                    format!("上报规则：缺少 {} 级的 [[reach]] 规则", g.label(Lang::Zh))
                }
                RulesError::DuplicateGrade(g) => {
                    format!("上报规则：{} 级的 [[reach]] 规则重复", g.label(Lang::Zh))
                }
                RulesError::UnknownGrade(f) => {
                    format!("上报规则：`{f}` 须为确定的等级（I、II、III、IV）")
                }
                RulesError::ReachLeader(g) => {
                    format!("上报规则：{} 级的上报目标不能是本级领导，须为行政层级", g.label(Lang::Zh))
                }
            },
        }
    }
}

impl Describe for EscalationError {
    fn describe(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let zh = |l: &crate::domain::Level| l.label(Lang::Zh);
        match self {
            EscalationError::NotAUnitLevel(l) => {
                format!("“{}”不是行政层级，本级须为村、乡镇、县、市、省或国家", zh(l))
            }
            EscalationError::NotAbove { own, to } => {
                format!("不能报送{}：不高于本级（{}）", zh(to), zh(own))
            }
            EscalationError::MissingReason => "越级上报须填写理由（说明紧急情况）".to_string(),
            EscalationError::SkipNotBeyondNext { next, to } => {
                format!("越级上报的对象须高于上一级（{}）；{}按逐级上报办理", zh(next), zh(to))
            }
            EscalationError::SkipToLeader => "本级领导不是越级上报对象，请按向本级领导报告记录".to_string(),
            EscalationError::AckBeforeSend { at, sent } => {
                format!("确认时间 {} 早于报送时间 {}", at.to_rfc3339(), sent.to_rfc3339())
            }
            EscalationError::AlreadyAcked { at, by } => {
                format!("该次报送已于 {} 由 {} 确认；再次报送请新建一条记录", at.to_rfc3339(), by)
            }
        }
    }
}

impl Describe for NameError {
    /// The message in the reader's language (the field is named by the caller).
    fn describe(&self, lang: Lang) -> String {
        let code = |c: &char| format!("U+{:04X}", u32::from(*c));
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (NameError::Empty, Lang::Zh) => "不能为空".into(),
            (NameError::Control(c), Lang::Zh) => format!("含控制字符 {},名称只能是一行普通文字", code(c)),
            (NameError::ZeroWidth(c), Lang::Zh) => format!("含零宽字符 {},会让不同的名字看起来一样", code(c)),
            (NameError::Bidi(c), Lang::Zh) => format!("含双向控制字符 {},会让名字显示得与实际不同", code(c)),
        }
    }
}

fn fmt_local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

impl DescribeAt for Problem {
    fn describe(&self, lang: Lang, tz: Tz) -> String {
        match self {
            Problem::Gap { from, to } => {
                let (f, t) = (fmt_local(*from, tz), fmt_local(*to, tz));
                match lang {
                    Lang::Zh => format!("值班空档:{f} 至 {t} 无值班员"),
                    Lang::En => format!("coverage gap: no duty officer from {f} to {t}"),
                }
            }
            Problem::Overlap { person_name, a, b, from, to, .. } => {
                let (f, t) = (fmt_local(*from, tz), fmt_local(*to, tz));
                match lang {
                    Lang::Zh => {
                        format!("重复排班:{person_name} 的班次 #{a} 与 #{b} 在 {f} 至 {t} 重叠")
                    }
                    Lang::En => format!("double booking: {person_name} is on shifts #{a} and #{b} from {f} to {t}"),
                }
            }
            Problem::NoLeader { date, reason } => {
                let r = reason.describe(lang);
                match lang {
                    Lang::Zh => format!("缺带班领导:{date}({r})未安排带班领导"),
                    Lang::En => format!("no leader on duty on {date} ({r})"),
                }
            }
            Problem::OverLong { person_name, from, to, hours, .. } => {
                let (f, t) = (fmt_local(*from, tz), fmt_local(*to, tz));
                match lang {
                    Lang::Zh => {
                        format!("连续值班过长:{person_name} 自 {f} 至 {t} 连续值班 {hours:.1} 小时")
                    }
                    Lang::En => format!("duty too long: {person_name} is on duty for {hours:.1} h from {f} to {t}"),
                }
            }
            Problem::Inactive { person_name, shift_id, .. } => match lang {
                Lang::Zh => format!("人员已停用:{person_name} 仍排在班次 #{shift_id}"),
                Lang::En => format!("inactive person: {person_name} is on shift #{shift_id}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Level;
    use crate::domain::calendar::PeriodKind;
    use crate::domain::escalation::{EscalationRules, validate_ack, validate_step};
    use chrono_tz::Asia::Shanghai;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    #[test]
    fn reasons_and_directory_misses() {
        let r = LeaderReason::Period {
            kind: PeriodKind::Event,
            name: "数博会".into(),
            name_en: Some("Big Data Expo".into()),
        };
        assert_eq!(r.describe(Lang::En), "major event (Big Data Expo)");
        assert_eq!(r.describe(Lang::Zh), "重大活动(数博会)");
        let err = NotInDirectory {
            name: "市值班室".into(),
            level: Level::County,
            candidates: vec!["县应急管理局总值班室".into(), "县政府总值班室".into()],
        };
        assert_eq!(
            err.describe(Lang::Zh),
            "接收方“市值班室”不在通讯录（县值班室）中；可选：县应急管理局总值班室、县政府总值班室"
        );
        let err = NotInDirectory { candidates: vec![], ..err };
        assert!(err.describe(Lang::Zh).contains("请先在通讯录中添加"));
        assert!(CapError::BadSender("a b".into()).describe(Lang::Zh).contains("不得含空格"));
        assert!(NameError::Bidi('\u{202e}').describe(Lang::En).contains("U+202E"));
    }

    #[test]
    fn escalation_refusals_in_chinese() {
        let r = EscalationRules { ack_timeout_minutes: 0, ..EscalationRules::default() };
        assert!(r.validate().expect_err("zero timeout").describe(Lang::Zh).contains("ack_timeout_minutes"));
        let e = validate_step(Level::Township, Level::County, true, "急").expect_err("refused");
        assert_eq!(e.describe(Lang::Zh), "越级上报的对象须高于上一级（县值班室）；县值班室按逐级上报办理");
        assert_eq!(EscalationError::MissingReason.describe(Lang::Zh), "越级上报须填写理由（说明紧急情况）");
        let step = crate::domain::Escalation {
            id: 1,
            incident_id: 42,
            level: Level::County,
            recipient: "county desk".into(),
            channel: crate::domain::Channel::Phone,
            sent_at: utc("2026-11-22T14:06:00+08:00"),
            sent_by: "张三".into(),
            acked_at: None,
            acked_by: None,
            skip_level: false,
            reason: String::new(),
        };
        let e = validate_ack(&step, utc("2026-11-22T14:05:00+08:00")).expect_err("before send");
        assert!(e.describe(Lang::Zh).starts_with("确认时间"));
        let e = EscalationError::AlreadyAcked { at: utc("2026-11-22T14:09:00+08:00"), by: "值班员".into() };
        assert!(e.describe(Lang::Zh).contains("新建一条记录"));
    }

    #[test]
    fn roster_problems_in_both_languages() {
        let gap = Problem::Gap { from: utc("2026-06-01T12:00:00Z"), to: utc("2026-06-01T20:00:00Z") };
        assert_eq!(gap.describe(Lang::Zh, Shanghai), "值班空档:2026-06-01 20:00 至 2026-06-02 04:00 无值班员");
        let weekend = Problem::NoLeader {
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 11).expect("date"),
            reason: LeaderReason::Weekend,
        };
        assert_eq!(weekend.describe(Lang::Zh, Shanghai), "缺带班领导:2026-10-11(双休日)未安排带班领导");
        let lianghui = Problem::NoLeader {
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 10).expect("date"),
            reason: LeaderReason::Period {
                kind: PeriodKind::Lianghui,
                name: "全国两会".into(),
                name_en: Some("National Two Sessions".into()),
            },
        };
        assert_eq!(
            lianghui.describe(Lang::En, Shanghai),
            "no leader on duty on 2026-03-10 (Two Sessions (National Two Sessions))"
        );
    }
}
