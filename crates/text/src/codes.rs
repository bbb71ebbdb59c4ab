//! The words of the domain's coded values (roles, categories, grades, levels, states …): each value
//! is named once here, and every screen, command and document reads its label through [`Label`].
//! The domain keeps the codes and the Chinese spelling a person may type; what is shown lives here.

use crate::Words;
use crate::domain::calendar::PeriodKind;
use crate::domain::deadlines::ObligationState;
use crate::domain::facts::{Element, FactField};
use crate::domain::response::{FindingKind, LevelWhich, RespLevel};
use crate::domain::roster::Pattern;
use crate::domain::{Category, Channel, Grade, IncidentStatus, Lang, Level, LogKind, ReportKind, Role, Source};

/// A coded value as people read it.
pub trait Label: Copy {
    /// The value's entry in the catalogue.
    fn words(self) -> Words;

    /// The label in the reader's language.
    fn label(self, lang: Lang) -> &'static str {
        self.words().get(lang)
    }
}

/// Declares the words of one enum as a catalogue module and implements [`Label`] from them.
macro_rules! labels {
    ($(#[$meta:meta])* $module:ident: $ty:ident { $($variant:ident => $name:ident = ($zh:expr, $en:expr);)+ }) => {
        $(#[$meta])*
        pub mod $module {
            crate::words! { $($name = ($zh, $en);)+ }
        }

        impl Label for $ty {
            fn words(self) -> Words {
                match self {
                    $($ty::$variant => $module::$name,)+
                }
            }
        }
    };
}

labels!(
    /// The roles of a shift.
    role: Role {
        Officer => OFFICER = ("值班员", "duty officer");
        Leader => LEADER = ("带班领导", "leader on duty");
        Standby => STANDBY = ("备班", "standby");
    }
);

labels!(
    /// The four kinds of emergency.
    category: Category {
        Natural => NATURAL = ("自然灾害", "natural disaster");
        Accident => ACCIDENT = ("事故灾难", "accident");
        Health => HEALTH = ("公共卫生", "public health");
        Social => SOCIAL = ("社会安全", "social security");
    }
);

labels!(
    /// Event grades, short (Ⅲ / III).
    grade: Grade {
        I => I = ("Ⅰ", "I");
        II => II = ("Ⅱ", "II");
        III => III = ("Ⅲ", "III");
        IV => IV = ("Ⅳ", "IV");
        Unknown => UNKNOWN = ("未定", "unknown");
    }
);

/// Event grades by their long names (特别重大 …).
pub mod severity {
    crate::words! {
        I = ("特别重大", "especially major");
        II = ("重大", "major");
        III = ("较大", "large");
        IV = ("一般", "ordinary");
        UNKNOWN = ("等级未定", "grade unknown");
    }
}

/// The long name of a grade (特别重大 / especially major).
pub trait Severity {
    fn severity_name(self, lang: Lang) -> &'static str;
}

impl Severity for Grade {
    fn severity_name(self, lang: Lang) -> &'static str {
        match self {
            Grade::I => severity::I,
            Grade::II => severity::II,
            Grade::III => severity::III,
            Grade::IV => severity::IV,
            Grade::Unknown => severity::UNKNOWN,
        }
        .get(lang)
    }
}

labels!(
    /// How the information reached the watch room.
    source: Source {
        Phone => PHONE = ("电话", "phone");
        Fax => FAX = ("传真", "fax");
        Hotline => HOTLINE = ("热线", "hotline");
        Grid => GRID = ("网格员", "grid worker");
        Upper => UPPER = ("上级通报", "upper office");
        Media => MEDIA = ("媒体", "media");
        Other => OTHER = ("其他", "other");
    }
);

labels!(
    /// How a report or escalation was sent.
    channel: Channel {
        Phone => PHONE = ("电话", "phone");
        Fax => FAX = ("传真", "fax");
        System => SYSTEM = ("系统", "system");
        Other => OTHER = ("其他", "other");
    }
);

labels!(
    /// The reports of the chain 首报 → 续报 → 终报.
    report_kind: ReportKind {
        FirstPhone => FIRST_PHONE = ("电话首报", "first report (phone)");
        FirstWritten => FIRST_WRITTEN = ("书面首报", "first report (written)");
        National => NATIONAL = ("报国务院", "report to State Council");
        Followup => FOLLOWUP = ("续报", "follow-up");
        Final => FINAL = ("终报", "final report");
    }
);

labels!(
    /// Administrative levels.
    level: Level {
        Leader => LEADER = ("本级领导", "own leader");
        Village => VILLAGE = ("村(社区)", "village");
        Township => TOWNSHIP = ("乡镇(街道)", "township");
        County => COUNTY = ("县值班室", "county duty room");
        City => CITY = ("市值班室", "city duty room");
        Province => PROVINCE = ("省值班室", "province duty room");
        National => NATIONAL = ("国务院总值班室", "State Council duty room");
    }
);

labels!(
    /// The status of an incident record.
    incident_status: IncidentStatus {
        Open => OPEN = ("在办", "open");
        Ended => ENDED = ("处置结束", "handling ended");
        Closed => CLOSED = ("已办结", "closed");
    }
);

labels!(
    /// Kinds of duty-log entry.
    log_kind: LogKind {
        CallIn => CALL_IN = ("来电", "call in");
        CallOut => CALL_OUT = ("去电", "call out");
        Instruction => INSTRUCTION = ("领导批示", "leader instruction");
        Feedback => FEEDBACK = ("批示反馈", "instruction feedback");
        SpotCheck => SPOT_CHECK = ("抽查", "spot check");
        Equipment => EQUIPMENT = ("设备检查", "equipment check");
        Note => NOTE = ("记事", "note");
        System => SYSTEM = ("系统", "system");
    }
);

labels!(
    /// Kinds of sensitive period.
    period_kind: PeriodKind {
        Lianghui => LIANGHUI = ("两会", "Two Sessions");
        Flood => FLOOD = ("汛期", "flood season");
        Freeze => FREEZE = ("凝冻", "freezing-rain season");
        ForestFire => FOREST_FIRE = ("森林防火期", "forest fire-prevention season");
        Special => SPECIAL = ("特防期", "special-prevention period");
        Event => EVENT = ("重大活动", "major event");
        Custom => CUSTOM = ("自定义", "custom");
    }
);

labels!(
    /// Warning and response levels, short (Ⅲ级 / III).
    resp_level: RespLevel {
        I => I = ("Ⅰ级", "I");
        II => II = ("Ⅱ级", "II");
        III => III = ("Ⅲ级", "III");
        IV => IV = ("Ⅳ级", "IV");
    }
);

labels!(
    /// Which of an incident's two levels a change concerns.
    level_which: LevelWhich {
        Warning => WARNING = ("预警级别", "warning level");
        Response => RESPONSE = ("响应级别", "response level");
    }
);

labels!(
    /// Findings of review.
    finding_kind: FindingKind {
        False => FALSE = ("谎报", "false report");
        Concealed => CONCEALED = ("瞒报", "concealed report");
    }
);

labels!(
    /// How a day is cut into officer shifts.
    pattern: Pattern {
        Daily24 => DAILY24 = ("24小时班", "24 h daily");
        DayNight12 => DAY_NIGHT_12 = ("白夜班", "day/night 12 h");
        Three8 => THREE_8 = ("三班倒", "three 8 h shifts");
    }
);

labels!(
    /// The states of a duty (an obligation).
    obligation_state: ObligationState {
        Pending => PENDING = ("待报", "pending");
        DueSoon => DUE_SOON = ("即将到期", "due soon");
        Overdue => OVERDUE = ("已超时", "overdue");
        DoneOnTime => DONE_ON_TIME = ("按时报送", "done on time");
        DoneLate => DONE_LATE = ("迟报", "done late");
        Missed => MISSED = ("漏报", "missed");
        Waived => WAIVED = ("经批准免报", "waived");
        Superseded => SUPERSEDED = ("已撤销", "superseded");
    }
);

labels!(
    /// The fields of an incident's facts.
    fact_field: FactField {
        Dead => DEAD = ("死亡", "dead");
        Injured => INJURED = ("受伤", "injured");
        Missing => MISSING = ("失踪", "missing");
        Trapped => TRAPPED = ("被困", "trapped");
        Rescued => RESCUED = ("获救", "rescued");
        Evacuated => EVACUATED = ("转移", "evacuated");
        Place => PLACE = ("地点", "place");
        Summary => SUMMARY = ("概要", "summary");
        Measures => MEASURES = ("措施", "measures");
        Needs => NEEDS = ("需求", "needs");
        Cause => CAUSE = ("原因", "cause");
        Progress => PROGRESS = ("进展", "progress");
    }
);

labels!(
    /// The elements a written report should carry (要素).
    element: Element {
        Place => PLACE = ("发生地点", "place");
        Caller => CALLER = ("报告单位及报告人", "reporting unit and caller");
        Contact => CONTACT = ("联系方式", "contact");
        Scope => SCOPE = ("事件经过及范围", "course and scope");
        Measures => MEASURES = ("已采取措施", "measures taken");
        Needs => NEEDS = ("需求", "needs");
        Outlook => OUTLOOK = ("发展趋势", "outlook");
    }
);

/// Every module of this file, for [`catalogue`](crate::catalogue).
pub fn modules() -> Vec<crate::Module> {
    vec![
        ("codes::role", role::ALL),
        ("codes::category", category::ALL),
        ("codes::grade", grade::ALL),
        ("codes::severity", severity::ALL),
        ("codes::source", source::ALL),
        ("codes::channel", channel::ALL),
        ("codes::report_kind", report_kind::ALL),
        ("codes::level", level::ALL),
        ("codes::incident_status", incident_status::ALL),
        ("codes::log_kind", log_kind::ALL),
        ("codes::period_kind", period_kind::ALL),
        ("codes::resp_level", resp_level::ALL),
        ("codes::level_which", level_which::ALL),
        ("codes::finding_kind", finding_kind::ALL),
        ("codes::pattern", pattern::ALL),
        ("codes::obligation_state", obligation_state::ALL),
        ("codes::fact_field", fact_field::ALL),
        ("codes::element", element::ALL),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Coded;

    /// The domain reads the Chinese label a person types (`自然灾害`); it must be the one shown.
    fn typed_label_reads_back<T: Coded + Label + PartialEq + std::fmt::Debug>() {
        for v in T::values() {
            assert_eq!(v.label(Lang::Zh).parse::<T>().ok(), Some(*v), "{v:?}");
        }
    }

    #[test]
    fn every_chinese_label_reads_back_as_its_value() {
        typed_label_reads_back::<Role>();
        typed_label_reads_back::<Category>();
        typed_label_reads_back::<Grade>();
        typed_label_reads_back::<Source>();
        typed_label_reads_back::<Channel>();
        typed_label_reads_back::<ReportKind>();
        typed_label_reads_back::<Level>();
        typed_label_reads_back::<IncidentStatus>();
        typed_label_reads_back::<LogKind>();
        typed_label_reads_back::<PeriodKind>();
        typed_label_reads_back::<RespLevel>();
        typed_label_reads_back::<LevelWhich>();
        typed_label_reads_back::<FindingKind>();
        typed_label_reads_back::<Pattern>();
    }

    /// A CAP message carries both languages; its grade names are the catalogue's.
    #[test]
    fn the_cap_words_name_grades_as_the_catalogue_does() {
        use crate::record::cap::{EN, ZH};
        for g in Grade::ALL {
            assert_eq!(ZH.severity_of(*g), g.severity_name(Lang::Zh));
            assert_eq!(EN.severity_of(*g), g.severity_name(Lang::En));
        }
    }

    #[test]
    fn labels_and_severity() {
        assert_eq!(ObligationState::DoneLate.label(Lang::Zh), "迟报");
        assert_eq!(Grade::III.severity_name(Lang::En), "large");
        assert_eq!(Element::Scope.label(Lang::En), "course and scope");
    }
}
