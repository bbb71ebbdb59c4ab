//! Test fixtures shared by the domain's unit tests: one sample incident (a landslide on the pinned
//! day 2026-11-22, Asia/Shanghai) that each test adjusts with struct-update syntax.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::types::{Category, Channel, Escalation, Grade, Incident, IncidentStatus, Level, Source};

pub const TZ: Tz = chrono_tz::Asia::Shanghai;

/// Local Shanghai time on the pinned day.
pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    TZ.with_ymd_and_hms(2026, 11, 22, h, m, 0).single().expect("valid local time").with_timezone(&Utc)
}

/// 山体滑坡 at 某某镇石门村, grade Ⅲ, learned 13:52, one dead, three injured, two trapped.
pub fn incident() -> Incident {
    Incident {
        id: 42,
        reference: "2026-0042".to_string(),
        version: 1,
        title: "山体滑坡".to_string(),
        category: Category::Natural,
        grade: Grade::III,
        occurred_at: at(13, 40),
        learned_at: at(13, 52),
        place: "某某镇石门村".to_string(),
        source: Source::Phone,
        caller_unit: "石门村委会".to_string(),
        caller_name: "王五".to_string(),
        caller_title: "村主任".to_string(),
        caller_phone: "13800000000".to_string(),
        informed: String::new(),
        dead: 1,
        injured: 3,
        missing: 0,
        trapped: 2,
        rescued: 0,
        evacuated: 0,
        summary: String::new(),
        measures: String::new(),
        needs: String::new(),
        cause: String::new(),
        progress: String::new(),
        status: IncidentStatus::Open,
        ended_at: None,
        closed_at: None,
    }
}

/// Stand-in words for a CAP message's two `info` blocks, for the writer's tests: the real ones are
/// the text catalogue's (`text::record::cap`), which the domain cannot read; its tests say what
/// they write.
pub const CAP_WORDS: [&crate::cap::InfoWords; 2] = [&CAP_ZH, &CAP_EN];

const CAP_ZH: crate::cap::InfoWords = crate::cap::InfoWords {
    language: "zh-CN",
    severity: ["g1", "g2", "g3", "g4", "g?"],
    headline: |title, place, grade| format!("zh {title}|{place}|{grade}"),
    casualties: |inc| format!("zh dead {}", inc.dead),
    measures: "zh measures: ",
    no_place: "zh no place",
};

const CAP_EN: crate::cap::InfoWords = crate::cap::InfoWords {
    language: "en-US",
    headline: |title, place, grade| format!("en {title}|{place}|{grade}"),
    casualties: |inc| format!("en dead {}", inc.dead),
    measures: "en measures: ",
    no_place: "en no place",
    ..CAP_ZH
};

/// An escalation step of incident 42 to `level`, sent at `sent` by 张三, acknowledged at `ack` if given.
pub fn step(id: i64, level: Level, sent: DateTime<Utc>, ack: Option<DateTime<Utc>>) -> Escalation {
    Escalation {
        id,
        incident_id: 42,
        level,
        recipient: format!("{} desk", level.code()),
        channel: Channel::Phone,
        sent_at: sent,
        sent_by: "张三".to_string(),
        acked_at: ack,
        acked_by: ack.map(|_| "值班员".to_string()),
        skip_level: false,
        reason: String::new(),
    }
}
