//! OASIS CAP 1.2 export of an incident (the OASIS schema is in tests/fixtures/cap), for exchange with other
//! emergency systems.
//!
//! CAP has no incident entity of its own: each export is one message about one *version* of our incident
//! record, and the `incidents` element carries the incident reference that ties the messages together.
//!
//! # Choices
//!
//! - `identifier` is `<sender>.<ref>.v<version>`: stable for one incident version, so exporting twice gives
//!   the same message id, and a new version gives a new one (CAP requires a new identifier per message).
//! - `sent` is RFC 3339 in the unit's time zone with its offset and no fractional seconds (the schema's
//!   pattern `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d` forbids both `Z` and fractions).
//! - `status` is `Actual`. `scope` is **`Restricted`** with a `restriction`: these are internal reports
//!   between government duty rooms (with casualty figures and unverified causes, 慎报原因), not public
//!   warnings; releasing a public alert is a separate decision by the authority that issues warnings.
//! - An `Update` for version > 1 carries `references` to the previous version's message when its sent time
//!   is known (CAP's `sender,identifier,sent` triple).
//! - Two `info` blocks, `zh-CN` and `en-US`, with the same codes and translated texts.
//!
//! # Mappings
//!
//! | ours                     | CAP                                  |
//! |--------------------------|--------------------------------------|
//! | category natural 自然灾害 | `Geo` (we do not know if it is weather-borne, so not `Met`) |
//! | category accident 事故灾难 | `Safety`                            |
//! | category health 公共卫生  | `Health`                             |
//! | category social 社会安全  | `Security`                           |
//! | grade Ⅰ 特别重大          | severity `Extreme`                   |
//! | grade Ⅱ 重大              | severity `Severe`                    |
//! | grade Ⅲ 较大              | severity `Moderate`                  |
//! | grade Ⅳ 一般              | severity `Minor`                     |
//! | grade unknown 未定        | severity `Unknown`                   |
//! | status open 在办           | urgency `Immediate`                 |
//! | status ended/closed        | urgency `Past`                      |
//! | (an observed event)        | certainty `Observed`                |

use std::io;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::safe_text::xml_text;
use super::types::{Category, Grade, Incident, IncidentStatus};

/// The CAP 1.2 namespace.
pub const CAP_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";

/// The CAP message types we emit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgType {
    /// The first message about an incident.
    Alert,
    /// A later version of the same incident.
    Update,
    /// A correction: an earlier message is withdrawn (issue 20).
    Cancel,
    /// A receiving room's acknowledgement of an earlier message (issue 20).
    Ack,
}

impl MsgType {
    pub fn code(self) -> &'static str {
        match self {
            MsgType::Alert => "Alert",
            MsgType::Update => "Update",
            MsgType::Cancel => "Cancel",
            MsgType::Ack => "Ack",
        }
    }

    /// The message type named by its CAP code.
    pub fn parse(code: &str) -> Option<MsgType> {
        match code {
            "Alert" => Some(MsgType::Alert),
            "Update" => Some(MsgType::Update),
            "Cancel" => Some(MsgType::Cancel),
            "Ack" => Some(MsgType::Ack),
            _ => None,
        }
    }
}

/// What a CAP message is made from.
#[derive(Debug, Clone, Copy)]
pub struct CapInput<'a> {
    pub incident: &'a Incident,
    /// The head of the sender's audit hash chain (hex), sent as the `dutywatch-record-head`
    /// parameter of each info block; empty for none.
    pub record_head: &'a str,
    /// CAP `sender`: a globally unique id of the originating unit (e.g. `dutywatch@mmz.example.gov.cn`);
    /// no blanks, commas, `<` or `&` (CAP 1.2 §3.2.1).
    pub sender: &'a str,
    /// `senderName`: the unit's name, e.g. 某某镇人民政府.
    pub sender_name: &'a str,
    /// `contact`: duty phone and contact person; left out when blank.
    pub contact: &'a str,
    /// When the message is produced.
    pub sent: DateTime<Utc>,
    /// The unit's time zone; `sent` and `onset` carry its offset.
    pub tz: Tz,
    /// Sent time of the message for the previous version, if known, for `references` on an update.
    pub previous_sent: Option<DateTime<Utc>>,
    /// The message identifier when the caller makes it (a linked room's message id, issue 20);
    /// `None`: `<sender>.<ref>.v<version>`.
    pub identifier: Option<&'a str>,
    /// `references` when the caller gives it (CAP's `sender,identifier,sent` triples, blank-separated).
    pub references: Option<&'a str>,
    /// More `parameter`s of each info block (name, value), after the record head.
    pub params: &'a [(&'a str, String)],
}

/// Why a CAP message could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CapError {
    #[error("CAP sender `{0}` is not valid: it must be non-empty and contain no spaces, commas, `<` or `&`")]
    BadSender(String),
    #[error("writing CAP XML failed: {0}")]
    Xml(#[from] io::Error),
}

/// CAP category for one of our four categories (see the module table).
pub fn cap_category(c: Category) -> &'static str {
    match c {
        Category::Natural => "Geo",
        Category::Accident => "Safety",
        Category::Health => "Health",
        Category::Social => "Security",
    }
}

/// CAP severity for a grade (see the module table).
pub fn cap_severity(g: Grade) -> &'static str {
    match g {
        Grade::I => "Extreme",
        Grade::II => "Severe",
        Grade::III => "Moderate",
        Grade::IV => "Minor",
        Grade::Unknown => "Unknown",
    }
}

/// CAP urgency: act now while the incident is open; `Past` once handling has ended.
pub fn cap_urgency(s: IncidentStatus) -> &'static str {
    match s {
        IncidentStatus::Open => "Immediate",
        IncidentStatus::Ended | IncidentStatus::Closed => "Past",
    }
}

/// True for characters CAP forbids in identifiers and senders.
pub(crate) fn forbidden(c: char) -> bool {
    c.is_whitespace() || c == ',' || c == '<' || c == '&'
}

/// Replaces characters CAP forbids in an identifier with `-`.
pub(crate) fn id_part(s: &str) -> String {
    s.trim().chars().map(|c| if forbidden(c) { '-' } else { c }).collect()
}

/// CAP date-time: offset always present, no fractional seconds.
pub fn cap_time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The message identifier for an incident version (stable; see the module doc).
pub fn cap_identifier(sender: &str, incident: &Incident, version: i64) -> String {
    format!("{}.{}.v{}", id_part(sender), id_part(&incident.reference), version)
}

/// Every text of the message goes through here: characters XML 1.0 forbids (a title may hold an
/// escape sequence) are replaced ([`xml_text`]) so the message always parses, whatever was typed.
fn text_el<W: io::Write>(w: &mut Writer<W>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// The words of one `info` block. A CAP message carries both languages at once (`zh-CN`, then
/// `en-US`): the wire format's content, whoever reads it. The two sets are the text catalogue's
/// (`text::record::cap`); the writer is given them ([`to_cap`]), as the domain holds no words.
pub struct InfoWords {
    pub language: &'static str,
    /// The grade's long name, by grade (Ⅰ, Ⅱ, Ⅲ, Ⅳ, unknown).
    pub severity: [&'static str; 5],
    pub headline: fn(title: &str, place: &str, grade: &str) -> String,
    pub casualties: fn(inc: &Incident) -> String,
    pub measures: &'static str,
    pub no_place: &'static str,
}

impl InfoWords {
    /// The long name of `g` in these words.
    pub fn severity_of(&self, g: Grade) -> &'static str {
        let i = match g {
            Grade::I => 0,
            Grade::II => 1,
            Grade::III => 2,
            Grade::IV => 3,
            Grade::Unknown => 4,
        };
        self.severity[i]
    }
}

fn headline(inc: &Incident, words: &InfoWords) -> String {
    (words.headline)(inc.title.trim(), inc.place.trim(), words.severity_of(inc.grade))
}

fn description(inc: &Incident, words: &InfoWords) -> String {
    let summary = inc.summary.trim();
    let casualties = (words.casualties)(inc);
    let measures = inc.measures.trim();
    let mut out = String::new();
    if !summary.is_empty() {
        out.push_str(summary);
        out.push('\n');
    }
    out.push_str(&casualties);
    if !measures.is_empty() {
        out.push('\n');
        out.push_str(words.measures);
        out.push_str(measures);
    }
    out
}

fn write_info<W: io::Write>(w: &mut Writer<W>, input: &CapInput<'_>, words: &InfoWords) -> io::Result<()> {
    let inc = input.incident;
    w.create_element("info").write_inner_content(|w| {
        text_el(w, "language", words.language)?;
        text_el(w, "category", cap_category(inc.category))?;
        text_el(w, "event", inc.title.trim())?;
        text_el(w, "urgency", cap_urgency(inc.status))?;
        text_el(w, "severity", cap_severity(inc.grade))?;
        text_el(w, "certainty", "Observed")?;
        text_el(w, "onset", &cap_time(inc.occurred_at, input.tz))?;
        if !input.sender_name.trim().is_empty() {
            text_el(w, "senderName", input.sender_name.trim())?;
        }
        text_el(w, "headline", &headline(inc, words))?;
        text_el(w, "description", &description(inc, words))?;
        if !input.contact.trim().is_empty() {
            text_el(w, "contact", input.contact.trim())?;
        }
        // The sender's record head (issue 14): a witness outside the file that the record it
        // came from has not been rewritten since (`dutywatch check --head HASH`).
        if !input.record_head.is_empty() {
            w.create_element("parameter").write_inner_content(|w| {
                text_el(w, "valueName", "dutywatch-record-head")?;
                text_el(w, "value", input.record_head)
            })?;
        }
        for (name, value) in input.params {
            w.create_element("parameter").write_inner_content(|w| {
                text_el(w, "valueName", name)?;
                text_el(w, "value", value)
            })?;
        }
        w.create_element("area").write_inner_content(|w| {
            let place = inc.place.trim();
            let area = if place.is_empty() { words.no_place } else { place };
            text_el(w, "areaDesc", area)
        })?;
        Ok(())
    })?;
    Ok(())
}

/// Writes the incident as a CAP 1.2 message (UTF-8 XML, indented), one `info` block per set of
/// `info` words, in their order (`zh-CN`, then `en-US`). See the module doc for every mapping.
pub fn to_cap(input: &CapInput<'_>, msg_type: MsgType, info: &[&InfoWords]) -> Result<String, CapError> {
    let sender = input.sender.trim();
    if sender.is_empty() || sender.chars().any(forbidden) {
        return Err(CapError::BadSender(input.sender.to_string()));
    }
    let inc = input.incident;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("alert").with_attribute(("xmlns", CAP_NS)).write_inner_content(|w| {
        let identifier = match input.identifier {
            Some(id) => id_part(id),
            None => cap_identifier(sender, inc, inc.version),
        };
        text_el(w, "identifier", &identifier)?;
        text_el(w, "sender", sender)?;
        text_el(w, "sent", &cap_time(input.sent, input.tz))?;
        text_el(w, "status", "Actual")?;
        text_el(w, "msgType", msg_type.code())?;
        text_el(w, "scope", "Restricted")?;
        text_el(
            w,
            "restriction",
            "仅供政府应急值守机构之间交换，不得向社会公开发布 / \
                 for exchange between government duty rooms only; not for public release",
        )?;
        if let Some(r) = input.references {
            text_el(w, "references", r)?;
        } else if let (MsgType::Update, Some(prev)) = (msg_type, input.previous_sent)
            && inc.version > 1
        {
            let reference =
                format!("{sender},{},{}", cap_identifier(sender, inc, inc.version - 1), cap_time(prev, input.tz));
            text_el(w, "references", &reference)?;
        }
        text_el(w, "incidents", &id_part(&inc.reference))?;
        for words in info {
            write_info(w, input, words)?;
        }
        Ok(())
    })?;
    let bytes = w.into_inner();
    String::from_utf8(bytes).map_err(|e| CapError::Xml(io::Error::new(io::ErrorKind::InvalidData, e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    use crate::fixtures::{CAP_WORDS, TZ, at};

    fn incident() -> Incident {
        Incident {
            version: 2,
            summary: "强降雨引发后山土石滑落 <约2000 m³> & 冲毁民房2间".to_string(),
            measures: "疏散群众56人".to_string(),
            needs: String::new(),
            ..crate::fixtures::incident()
        }
    }

    fn input(inc: &Incident) -> CapInput<'_> {
        CapInput {
            incident: inc,
            sender: "dutywatch@mmz.example.gov.cn",
            sender_name: "某某镇人民政府",
            contact: "张三 0851-1000001",
            // Fractional seconds must be dropped.
            sent: at(14, 30) + chrono::Duration::milliseconds(1234),
            tz: TZ,
            previous_sent: Some(at(14, 10)),
            record_head: "ab",
            identifier: None,
            references: None,
            params: &[],
        }
    }

    /// Validates `xml` against the shipped OASIS schema with xmllint. Without xmllint the check is skipped,
    /// except under CI (env `CI` set), where a missing validator must not pass silently.
    fn assert_valid_cap(xml: &str) {
        if Command::new("xmllint").arg("--version").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "xmllint is required under CI (apt-get install libxml2-utils)");
            eprintln!("xmllint not found: CAP schema validation skipped");
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("alert.xml");
        std::fs::write(&file, xml).expect("write temp file");
        let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/cap/CAP-v1.2.xsd");
        let out = Command::new("xmllint").args(["--noout", "--schema", xsd]).arg(&file).output().expect("run xmllint");
        assert!(
            out.status.success(),
            "CAP output does not validate:\n{}\n{}",
            String::from_utf8_lossy(&out.stderr),
            xml
        );
    }

    #[test]
    fn alert_has_the_mapped_fields_and_validates() {
        let inc = incident();
        let xml = to_cap(&input(&inc), MsgType::Alert, &CAP_WORDS).expect("cap");
        for want in [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">",
            "<identifier>dutywatch@mmz.example.gov.cn.2026-0042.v2</identifier>",
            "<sent>2026-11-22T14:30:01+08:00</sent>",
            "<status>Actual</status>",
            "<msgType>Alert</msgType>",
            "<scope>Restricted</scope>",
            "<incidents>2026-0042</incidents>",
            "<language>zh-CN</language>",
            "<language>en-US</language>",
            "<category>Geo</category>",
            "<urgency>Immediate</urgency>",
            "<severity>Moderate</severity>",
            "<certainty>Observed</certainty>",
            "<onset>2026-11-22T13:40:00+08:00</onset>",
            "<headline>zh 山体滑坡|某某镇石门村|g3</headline>",
            "<headline>en 山体滑坡|某某镇石门村|g3</headline>",
            "<areaDesc>某某镇石门村</areaDesc>",
            "&lt;约2000 m³&gt; &amp; 冲毁",
        ] {
            assert!(xml.contains(want), "missing {want} in\n{xml}");
        }
        // An Alert carries no references.
        assert!(!xml.contains("<references>"));
        assert_valid_cap(&xml);
    }

    #[test]
    fn update_references_the_previous_version_and_validates() {
        let mut inc = incident();
        inc.status = IncidentStatus::Ended;
        inc.grade = Grade::Unknown;
        inc.category = Category::Social;
        inc.place = String::new();
        let xml = to_cap(&input(&inc), MsgType::Update, &CAP_WORDS).expect("cap");
        assert!(xml.contains("<msgType>Update</msgType>"));
        assert!(xml.contains(
            "<references>dutywatch@mmz.example.gov.cn,dutywatch@mmz.example.gov.cn.2026-0042.v1,2026-11-22T14:10:00+08:00</references>"
        ));
        assert!(xml.contains("<urgency>Past</urgency>"));
        assert!(xml.contains("<severity>Unknown</severity>"));
        assert!(xml.contains("<category>Security</category>"));
        assert!(xml.contains("<areaDesc>zh no place</areaDesc>") && xml.contains("<areaDesc>en no place</areaDesc>"));
        assert_valid_cap(&xml);
    }

    #[test]
    fn identifier_is_stable_and_sender_is_checked() {
        let inc = incident();
        let a = to_cap(&input(&inc), MsgType::Alert, &CAP_WORDS).expect("cap");
        let b = to_cap(&input(&inc), MsgType::Alert, &CAP_WORDS).expect("cap");
        assert_eq!(a, b);
        let mut i = input(&inc);
        i.sender = "dutywatch mmz";
        let e = to_cap(&i, MsgType::Alert, &CAP_WORDS).expect_err("blank in sender");
        assert!(matches!(e, CapError::BadSender(_)));
        let mut odd = incident();
        odd.reference = "2026 0042,a".to_string();
        assert_eq!(cap_identifier("s", &odd, 3), "s.2026-0042-a.v3");
        assert_eq!(cap_time(at(8, 0), chrono_tz::UTC), "2026-11-22T00:00:00+00:00");
    }

    /// XML 1.0 §2.2 `Char`.
    fn xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }

    /// Well-formed XML 1.0: only legal characters, and quick-xml reads it to the end.
    fn assert_well_formed(xml: &str) {
        if let Some(c) = xml.chars().find(|c| !xml_char(*c)) {
            panic!("character U+{:04X} is not allowed in XML 1.0:\n{xml}", u32::from(c));
        }
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}\n{xml}"),
            }
        }
        assert_eq!(depth, 0, "unbalanced elements:\n{xml}");
    }

    #[test]
    fn hostile_text_gives_well_formed_xml() {
        let inc = Incident {
            title: "滑坡\x1b]52;c;aGk=\x07\x1b[2J\u{9b}\u{202e}<&>\u{FFFE}\0".to_string(),
            place: "\x08村\x0b".to_string(),
            summary: "a\x01b\rc".to_string(),
            ..incident()
        };
        let xml = to_cap(&input(&inc), MsgType::Alert, &CAP_WORDS).expect("cap");
        assert_well_formed(&xml);
        assert!(
            xml.contains(
                "<event>滑坡\u{FFFD}]52;c;aGk=\u{FFFD}\u{FFFD}[2J\u{FFFD}\u{202e}&lt;&amp;&gt;\u{FFFD}\u{FFFD}</event>"
            ),
            "{xml}"
        );
        assert_valid_cap(&xml);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn any_text_gives_well_formed_xml(
            title in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}\\u{fffe}\\u{ffff}<>&\"'])*",
            place in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f])*",
            summary in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f])*",
        ) {
            let inc = Incident { title, place, summary, ..incident() };
            let xml = to_cap(&input(&inc), MsgType::Alert, &CAP_WORDS).expect("cap");
            assert_well_formed(&xml);
        }
    }
}
