//! The words of a CAP message (issue 13): a message carries both languages at once, a `zh-CN` then
//! an `en-US` `info` block, whoever reads it, so the writer ([`crate::domain::cap::to_cap`]) is
//! given both sets: `to_cap(&input, msg_type, &BOTH)`. The grade names are the catalogue's own
//! ([`crate::codes::severity`]), so a message and a screen cannot name a grade differently.

use crate::codes::severity;
use crate::domain::cap::InfoWords;

/// The `zh-CN` block's words.
pub const ZH: InfoWords = InfoWords {
    language: "zh-CN",
    severity: [severity::I.zh, severity::II.zh, severity::III.zh, severity::IV.zh, severity::UNKNOWN.zh],
    headline: |title, place, grade| match place.is_empty() {
        false => format!("{place}发生{title}（{grade}）"),
        true => format!("{title}（{grade}）"),
    },
    casualties: |inc| {
        format!("死亡{}人，受伤{}人，失踪{}人，被困{}人。", inc.dead, inc.injured, inc.missing, inc.trapped)
    },
    measures: "已采取措施：",
    no_place: "地点待核实",
};

/// The `en-US` block's words.
pub const EN: InfoWords = InfoWords {
    language: "en-US",
    severity: [severity::I.en, severity::II.en, severity::III.en, severity::IV.en, severity::UNKNOWN.en],
    headline: |title, place, grade| match place.is_empty() {
        false => format!("{title} at {place} ({grade})"),
        true => format!("{title} ({grade})"),
    },
    casualties: |inc| {
        format!("Dead {}, injured {}, missing {}, trapped {}.", inc.dead, inc.injured, inc.missing, inc.trapped)
    },
    measures: "Measures taken: ",
    no_place: "place to be verified",
};

/// Both blocks in the order a message carries them.
pub const BOTH: [&InfoWords; 2] = [&ZH, &EN];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Incident;
    use crate::domain::cap::{CapInput, MsgType, to_cap};
    use crate::domain::fixtures::{TZ, at, incident};

    fn message(inc: &Incident) -> String {
        let input = CapInput {
            incident: inc,
            record_head: "",
            sender: "dutywatch@mmz.example.gov.cn",
            sender_name: "某某镇人民政府",
            contact: "",
            sent: at(14, 30),
            tz: TZ,
            previous_sent: None,
            identifier: None,
            references: None,
            params: &[],
        };
        to_cap(&input, MsgType::Alert, &BOTH).expect("cap")
    }

    #[test]
    fn a_message_says_the_incident_in_chinese_then_in_english() {
        let inc = Incident { summary: "强降雨".into(), measures: "疏散群众56人".into(), ..incident() };
        let xml = message(&inc);
        let want = [
            "<language>zh-CN</language>",
            "<headline>某某镇石门村发生山体滑坡（较大）</headline>",
            "<description>强降雨\n死亡1人，受伤3人，失踪0人，被困2人。\n已采取措施：疏散群众56人</description>",
            "<language>en-US</language>",
            "<headline>山体滑坡 at 某某镇石门村 (large)</headline>",
            "<description>强降雨\nDead 1, injured 3, missing 0, trapped 2.\nMeasures taken: 疏散群众56人</description>",
        ];
        let mut from = 0;
        for w in want {
            let at = xml[from..].find(w).unwrap_or_else(|| panic!("missing or out of order: {w}\n{xml}"));
            from += at + w.len();
        }
    }

    #[test]
    fn a_message_without_a_place_says_it_is_to_be_verified() {
        let xml = message(&Incident { place: String::new(), grade: crate::domain::Grade::Unknown, ..incident() });
        for w in [
            "<headline>山体滑坡（等级未定）</headline>",
            "<areaDesc>地点待核实</areaDesc>",
            "<headline>山体滑坡 (grade unknown)</headline>",
            "<areaDesc>place to be verified</areaDesc>",
        ] {
            assert!(xml.contains(w), "missing {w}\n{xml}");
        }
    }
}
