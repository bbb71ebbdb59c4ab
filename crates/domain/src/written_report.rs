//! The written-report draft (信息专报) generated from an incident record.
//!
//! The layout follows common watch-room practice (docs/rules.md, Written report layout): a title naming place and
//! event, a header line with the reporting unit, signer (签发人) and time, six numbered sections and a
//! footer with the unit, signer, contact person and phone. Two house maxims shape the text:
//! 「快报事实、慎报原因」 — a cause is given only as a preliminary analysis, and an unknown cause is said to be
//! under investigation rather than guessed; and 边核实边报告 — missing facts are marked, never held back.
//! The draft is for the officer to edit and the leader to sign off; it is not sent by this module.
//! Here are the draft's inputs and which report it is; its words are rendered by `text::record::written`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::facts::Facts;
use super::types::{Incident, IncidentStatus, Report, ReportKind};

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
    /// The facts this draft carries: a recorded report's snapshot, or the facts now for the next report.
    /// Every figure, the place, the course, the measures, the needs and the cause come from here.
    pub facts: &'a Facts,
    /// Which report the draft is; None: the next one owed ([`next_written_kind`]).
    pub kind: Option<WrittenKind>,
    /// The report before this one in the chain: a 续报 leads with what changed since it.
    pub previous: Option<&'a Report>,
    /// The moment the figures stand at: the report's send time, or the drafting time.
    pub as_of: DateTime<Utc>,
    /// The recorded report's issue number as printed (〔2026〕7期), shown under the header line;
    /// None for a draft or a report recorded before numbers were kept (issue 19).
    pub issue: Option<&'a str>,
}

/// The written kind a recorded report is drafted as: 首报 of any kind and 报国务院 as the 信息专报.
pub fn written_kind_of(r: &Report) -> WrittenKind {
    match r.kind {
        ReportKind::Followup => WrittenKind::Followup(r.seq),
        ReportKind::Final => WrittenKind::Final,
        ReportKind::FirstPhone | ReportKind::FirstWritten | ReportKind::National => WrittenKind::First,
    }
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

/// The text of a written report, part by part: what the Markdown, the plain text and the Word
/// document (issue 19) are all made of, so the three hold the same words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenParts {
    pub kind: WrittenKind,
    pub title: String,
    /// 报送单位 · 签发人 · 时间, one line.
    pub header: String,
    /// The issue number line (期号：〔2026〕7期), when the report has one.
    pub issue: Option<String>,
    /// A 续报's 续报要点.
    pub lead: Option<String>,
    /// The six numbered sections: (heading, body).
    pub sections: Vec<(String, String)>,
    /// 报送单位, 签发人, 联系人 and phone, one line each.
    pub footer: Vec<String>,
}
