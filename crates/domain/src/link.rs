//! Watch rooms linked up the chain (issue 20): subjects, message ids, and the CAP 1.2 messages that
//! travel between rooms. Pure: the network is `src/link`, the outbox and inbox rows `store::link`.
//!
//! A message is the existing CAP export ([`super::cap`]) of the incident as it stands when the step is
//! recorded, with the room's link code as CAP `sender`, the message id (room code + outbox row id) as
//! its `identifier`, and `parameter`s carrying what a receiving room needs to keep the incident exact:
//!
//! | parameter                 | content                                              |
//! |---------------------------|------------------------------------------------------|
//! | `dutywatch-record-head`   | the sender's audit chain head (kept as a witness)    |
//! | `dutywatch-incident`      | the sender's incident reference (`2026-0042`)         |
//! | `dutywatch-category`      | category code (`natural` …)                          |
//! | `dutywatch-grade`         | grade code (`III`, `unknown` …)                      |
//! | `dutywatch-learned`       | when the sender learned of it (RFC 3339)             |
//! | `dutywatch-report`        | what the message carries: a report kind code, `step`, `facts`, `correction` |
//! | `dutywatch-facts`         | the facts as JSON ([`Facts`])                        |
//!
//! An `Ack` carries no `info`: `references` names the acknowledged message and `note` who acknowledged.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::cap::{CAP_NS, CapError, CapInput, InfoWords, MsgType, cap_time, forbidden, to_cap};
use super::facts::Facts;
use super::safe_text::xml_text;
use super::types::{Category, Grade, Incident};

/// The JetStream stream holding every room's inbox and the dead letters.
pub const STREAM: &str = "DW";

/// Subjects the stream captures: `dw.<to>.from.<from>` and `dw.dead.<room>`.
pub const STREAM_SUBJECTS: [&str; 2] = ["dw.*.from.*", "dw.dead.*"];

/// Longest room code: a 12-digit 行政区划代码 plus a suffix.
pub const MAX_CODE_LEN: usize = 32;

/// Whether `code` can name a room: letters, digits, `_` and `-` (it is a NATS subject token and part
/// of a CAP identifier: no dots, blanks, wildcards or commas).
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The subject of a message from `from` to `to`: the sender is in it, so permissions can pin it.
pub fn subject(to: &str, from: &str) -> String {
    format!("dw.{to}.from.{from}")
}

/// A room's inbox: every subject addressed to it.
pub fn inbox_filter(code: &str) -> String {
    format!("dw.{code}.from.*")
}

/// Where a room puts the messages it refused, with the reason.
pub fn dead_subject(code: &str) -> String {
    format!("dw.dead.{code}")
}

/// The durable consumer that reads a room's inbox.
pub fn consumer_name(code: &str) -> String {
    format!("in_{code}")
}

/// The reply-subject prefix of a room's connection (its permissions allow only this one).
pub fn inbox_prefix(code: &str) -> String {
    format!("_INBOX_{code}")
}

/// `(to, from)` of an inbox subject.
pub fn parse_subject(s: &str) -> Option<(&str, &str)> {
    let mut it = s.split('.');
    match (it.next(), it.next(), it.next(), it.next(), it.next()) {
        (Some("dw"), Some(to), Some("from"), Some(from), None) if valid_code(to) && valid_code(from) => {
            Some((to, from))
        }
        _ => None,
    }
}

/// The message id of an outbox row: the room's code and the row id. It is JetStream's `Nats-Msg-Id`,
/// the CAP identifier and the receiver's unique key.
pub fn msg_id(code: &str, row: i64) -> String {
    format!("{code}.{row}")
}

/// What an incident message carries besides the incident.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub incident: &'a Incident,
    pub msg_type: MsgType,
    /// `dutywatch-report`: a report kind code, `step`, `facts` or `correction`.
    pub report: &'a str,
    pub msg_id: &'a str,
    /// The sending room's link code (CAP `sender`).
    pub sender: &'a str,
    pub sender_name: &'a str,
    pub contact: &'a str,
    pub record_head: &'a str,
    pub sent: DateTime<Utc>,
    pub tz: Tz,
    /// For a Cancel: the message it withdraws (`sender,identifier,sent`).
    pub references: Option<&'a str>,
}

/// The CAP message for an incident (Alert, Update or Cancel), its `info` blocks in `info`'s words
/// (`text::record::cap::BOTH`).
pub fn incident_message(o: &Outgoing<'_>, info: &[&InfoWords]) -> Result<String, CapError> {
    let inc = o.incident;
    let facts = serde_json::to_string(&Facts::of(inc)).unwrap_or_default();
    let params: Vec<(&str, String)> = vec![
        ("dutywatch-incident", inc.reference.clone()),
        ("dutywatch-category", inc.category.code().to_string()),
        ("dutywatch-grade", inc.grade.code().to_string()),
        ("dutywatch-learned", cap_time(inc.learned_at, o.tz)),
        ("dutywatch-report", o.report.to_string()),
        ("dutywatch-facts", facts),
    ];
    let input = CapInput {
        incident: inc,
        record_head: o.record_head,
        sender: o.sender,
        sender_name: o.sender_name,
        contact: o.contact,
        sent: o.sent,
        tz: o.tz,
        previous_sent: None,
        identifier: Some(o.msg_id),
        references: o.references,
        params: &params,
    };
    to_cap(&input, o.msg_type, info)
}

/// The `sender,identifier,sent` triple CAP uses to name a message.
pub fn reference(sender: &str, identifier: &str, sent: DateTime<Utc>, tz: Tz) -> String {
    format!("{sender},{identifier},{}", cap_time(sent, tz))
}

/// An acknowledgement of the message `references` (a [`reference`] triple), by `by`, at `sent`.
pub fn ack_message(
    sender: &str,
    msg_id: &str,
    sent: DateTime<Utc>,
    tz: Tz,
    references: &str,
    by: &str,
    incident_ref: &str,
) -> Result<String, CapError> {
    if sender.is_empty() || sender.chars().any(forbidden) {
        return Err(CapError::BadSender(sender.to_string()));
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let el = |w: &mut Writer<Vec<u8>>, name: &str, text: &str| -> std::io::Result<()> {
        w.create_element(name).write_text_content(BytesText::new(&xml_text(text)))?;
        Ok(())
    };
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("alert").with_attribute(("xmlns", CAP_NS)).write_inner_content(|w| {
        el(w, "identifier", msg_id)?;
        el(w, "sender", sender)?;
        el(w, "sent", &cap_time(sent, tz))?;
        el(w, "status", "Actual")?;
        el(w, "msgType", MsgType::Ack.code())?;
        el(w, "scope", "Restricted")?;
        el(w, "restriction", "for exchange between government duty rooms only")?;
        el(w, "note", by)?;
        el(w, "references", references)?;
        el(w, "incidents", &super::cap::id_part(incident_ref))
    })?;
    String::from_utf8(w.into_inner())
        .map_err(|e| CapError::Xml(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// A message as a receiving room reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub identifier: String,
    pub sender: String,
    pub sent: DateTime<Utc>,
    pub msg_type: MsgType,
    /// The identifiers named in `references`.
    pub references: Vec<String>,
    /// `note`: on an Ack, who acknowledged.
    pub note: String,
    /// The sender's incident reference (`dutywatch-incident`, else `incidents`).
    pub incident_ref: String,
    pub title: String,
    pub category: Category,
    pub grade: Grade,
    pub onset: Option<DateTime<Utc>>,
    pub learned: Option<DateTime<Utc>>,
    pub report: String,
    pub facts: Facts,
    pub record_head: String,
}

/// Why a message was refused (it goes to dead letters with this reason).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("not well-formed XML: {0}")]
    Xml(String),
    #[error("not a CAP 1.2 alert")]
    NotCap,
    #[error("missing or invalid `{0}`")]
    Missing(&'static str),
    #[error("unknown msgType `{0}`")]
    MsgType(String),
    #[error("sender `{sender}` does not match the subject's sender `{subject}`")]
    Spoofed { sender: String, subject: String },
    #[error("subject `{0}` is not dw.<to>.from.<from>")]
    Subject(String),
    #[error("addressed to `{0}`, not this room")]
    NotForUs(String),
    #[error("`{0}` is not a room linked to this one")]
    Stranger(String),
    #[error("no message id")]
    NoId,
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim()).ok().map(|t| t.with_timezone(&Utc))
}

/// Reads a CAP message (ours, or any CAP 1.2 alert with at least identifier, sender, sent, msgType).
/// Only the first `info` block is read (ours: zh-CN); parameters it lacks take their defaults.
pub fn parse(xml: &str) -> Result<Received, LinkError> {
    use quick_xml::events::Event as E;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut root_ok = false;
    let mut info_seen = 0usize;
    let mut fields: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event().map_err(|e| LinkError::Xml(e.to_string()))? {
            E::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if path.is_empty() {
                    let ns = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"xmlns")
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                    root_ok = name == "alert" && ns.as_deref() == Some(CAP_NS);
                }
                if name == "info" && path.len() == 1 {
                    info_seen += 1;
                }
                if name == "parameter" && path.len() == 2 && path[1] == "info" && info_seen == 1 {
                    params.push((String::new(), String::new()));
                }
                path.push(name);
            }
            E::End(_) => {
                path.pop();
            }
            E::Text(t) => {
                let text = t.xml_content().map_err(|e| LinkError::Xml(e.to_string()))?;
                push_text(&path, info_seen, &text, &mut fields, &mut params);
            }
            E::GeneralRef(r) => {
                // An entity reference inside a text (&lt; &amp; …): resolved and appended.
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let ch = match name.as_str() {
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "amp" => "&".to_string(),
                    "apos" => "'".to_string(),
                    "quot" => "\"".to_string(),
                    other => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .ok_or_else(|| LinkError::Xml(format!("unknown entity &{other};")))?,
                };
                push_text(&path, info_seen, &ch, &mut fields, &mut params);
            }
            E::Eof => break,
            _ => {}
        }
    }
    if !root_ok {
        return Err(LinkError::NotCap);
    }
    let get = |k: &str| fields.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let identifier = get("identifier");
    if identifier.is_empty() {
        return Err(LinkError::Missing("identifier"));
    }
    let sender = get("sender");
    if sender.is_empty() {
        return Err(LinkError::Missing("sender"));
    }
    let sent = parse_time(&get("sent")).ok_or(LinkError::Missing("sent"))?;
    let code = get("msgType");
    let msg_type = MsgType::parse(&code).ok_or(LinkError::MsgType(code))?;
    let references = get("references")
        .split_whitespace()
        .filter_map(|triple| triple.split(',').nth(1).map(str::to_string))
        .collect();
    let incident_ref = match param("dutywatch-incident") {
        r if r.is_empty() => get("incidents"),
        r => r,
    };
    let category = match param("dutywatch-category").parse::<Category>() {
        Ok(c) => c,
        Err(_) => match get("info/category").as_str() {
            "Safety" => Category::Accident,
            "Health" => Category::Health,
            "Security" => Category::Social,
            _ => Category::Natural,
        },
    };
    let grade = param("dutywatch-grade").parse::<Grade>().unwrap_or(match get("info/severity").as_str() {
        "Extreme" => Grade::I,
        "Severe" => Grade::II,
        "Moderate" => Grade::III,
        "Minor" => Grade::IV,
        _ => Grade::Unknown,
    });
    let facts_json = param("dutywatch-facts");
    let facts = if facts_json.is_empty() {
        Facts { place: get("info/area/areaDesc"), summary: get("info/description"), ..Facts::default() }
    } else {
        serde_json::from_str(&facts_json).map_err(|_| LinkError::Missing("dutywatch-facts"))?
    };
    if msg_type != MsgType::Ack && incident_ref.is_empty() {
        return Err(LinkError::Missing("incidents"));
    }
    if msg_type == MsgType::Alert && get("info/event").is_empty() {
        return Err(LinkError::Missing("info/event"));
    }
    Ok(Received {
        identifier,
        sender,
        sent,
        msg_type,
        references,
        note: get("note"),
        incident_ref,
        title: get("info/event"),
        category,
        grade,
        onset: parse_time(&get("info/onset")),
        learned: parse_time(&param("dutywatch-learned")),
        report: param("dutywatch-report"),
        facts,
        record_head: param("dutywatch-record-head"),
    })
}

/// Collects a text node: top-level elements by name, the first info block's as `info/...`, its
/// parameters as (name, value) pairs.
fn push_text(
    path: &[String],
    info_seen: usize,
    text: &str,
    fields: &mut std::collections::HashMap<String, String>,
    params: &mut [(String, String)],
) {
    if path.len() == 2 {
        fields.entry(path[1].clone()).or_default().push_str(text);
    } else if path.len() >= 3 && path[1] == "info" && info_seen == 1 {
        if path[2] == "parameter" {
            if let (4, Some((name, value))) = (path.len(), params.last_mut()) {
                match path[3].as_str() {
                    "valueName" => name.push_str(text),
                    "value" => value.push_str(text),
                    _ => {}
                }
            }
        } else {
            fields.entry(path[1..].join("/")).or_default().push_str(text);
        }
    }
}

/// Checks a received message against its subject and this room: the subject is
/// `dw.<us>.from.<from>`, `from` is a linked room (upper or lower), and the CAP `sender` is `from`.
pub fn check_origin<'a>(subject: &'a str, us: &str, linked: &[&str], msg: &Received) -> Result<&'a str, LinkError> {
    let (to, from) = parse_subject(subject).ok_or_else(|| LinkError::Subject(subject.to_string()))?;
    if to != us {
        return Err(LinkError::NotForUs(to.to_string()));
    }
    if !linked.contains(&from) {
        return Err(LinkError::Stranger(from.to_string()));
    }
    if msg.sender != from {
        return Err(LinkError::Spoofed { sender: msg.sender.clone(), subject: from.to_string() });
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{TZ, at};

    fn incident() -> Incident {
        Incident {
            summary: "强降雨 <约2000 m³> & 冲毁民房2间".to_string(), trapped: 2, ..crate::fixtures::incident()
        }
    }

    #[test]
    fn subjects_and_ids() {
        assert_eq!(subject("520424", "520424101"), "dw.520424.from.520424101");
        assert_eq!(parse_subject("dw.520424.from.520424101"), Some(("520424", "520424101")));
        assert_eq!(parse_subject("dw.520424.from.*"), None);
        assert_eq!(parse_subject("dw.dead.520424"), None);
        assert_eq!(msg_id("520424101", 17), "520424101.17");
        assert!(valid_code("520424101"));
        assert!(!valid_code("5204.24") && !valid_code("") && !valid_code("a b") && !valid_code("*"));
    }

    #[test]
    fn an_incident_message_reads_back_exactly() {
        let inc = incident();
        let o = Outgoing {
            incident: &inc,
            msg_type: MsgType::Alert,
            report: "first-phone",
            msg_id: "520424101.3",
            sender: "520424101",
            sender_name: "青山镇",
            contact: "0851",
            record_head: "abcd",
            sent: at(14, 30),
            tz: TZ,
            references: None,
        };
        let xml = incident_message(&o, &crate::fixtures::CAP_WORDS).expect("cap");
        let r = parse(&xml).expect("parse");
        assert_eq!(r.identifier, "520424101.3");
        assert_eq!(r.sender, "520424101");
        assert_eq!(r.msg_type, MsgType::Alert);
        assert_eq!(r.incident_ref, inc.reference);
        assert_eq!(r.title, inc.title);
        assert_eq!(r.category, inc.category);
        assert_eq!(r.grade, inc.grade);
        assert_eq!(r.facts, Facts::of(&inc));
        assert_eq!(r.record_head, "abcd");
        assert_eq!(r.report, "first-phone");
        assert_eq!(r.sent, at(14, 30));
        assert_eq!(r.onset, Some(inc.occurred_at));
        assert_eq!(r.learned, Some(inc.learned_at));
    }

    #[test]
    fn an_ack_names_the_message_and_who() {
        let reference = reference("520424101", "520424101.3", at(14, 30), TZ);
        let xml = ack_message("520424", "520424.9", at(14, 35), TZ, &reference, "李<明>", "2026-0042").expect("ack");
        let r = parse(&xml).expect("parse");
        assert_eq!(r.msg_type, MsgType::Ack);
        assert_eq!(r.references, vec!["520424101.3".to_string()]);
        assert_eq!(r.note, "李<明>");
    }

    #[test]
    fn malformed_and_spoofed_are_refused() {
        assert!(matches!(parse("<alert"), Err(LinkError::Xml(_)) | Err(LinkError::NotCap)));
        assert_eq!(parse("<x xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>"), Err(LinkError::NotCap));
        assert!(parse("not xml at all").is_err());
        let reference = reference("1", "1.3", at(14, 30), TZ);
        let xml = ack_message("520424102", "520424102.1", at(14, 35), TZ, &reference, "x", "r").expect("ack");
        let r = parse(&xml).expect("parse");
        let e = check_origin("dw.520424.from.520424101", "520424", &["520424101", "520424102"], &r);
        assert!(matches!(e, Err(LinkError::Spoofed { .. })));
        assert!(check_origin("dw.520424.from.520424102", "520424", &["520424102"], &r).is_ok());
        assert!(matches!(check_origin("dw.520424.from.520424102", "520424", &["9"], &r), Err(LinkError::Stranger(_))));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = parse(&s);
        }
    }
}
