//! The 信息专报 (written report) as a document: gathered from the record once, then given as
//! Markdown, plain text or a Word file with the GB/T 9704 报头.

use chrono::{DateTime, Datelike, Utc};

use super::{Block, Doc, DocError, Masthead, Span};
use crate::config::UnitConfig;
use crate::domain::facts::{Facts, missing_elements};
use crate::domain::written_report::{Format, WrittenInput, WrittenParts, written_kind_of};
use crate::domain::{Incident, IssueNo, Lang, Role, safe_text};
use crate::store::Store;
use crate::text::docs as t;
use crate::text::record::facts::missing_text;
use crate::text::record::written::{render_written, written_parts};

/// A written report ready to be given in any form.
#[derive(Debug, Clone)]
pub struct Written {
    pub lang: Lang,
    pub parts: WrittenParts,
    md: String,
    txt: String,
    /// The record head as it stands now (empty for a file without a chain).
    pub head: String,
    /// The issue number of the recorded report (None: a draft, or recorded before numbers).
    pub issue: Option<IssueNo>,
    /// The moment of the report (its send time) or of the draft (now): the 报头's date and year.
    pub dated: DateTime<Utc>,
    pub unit_name: String,
    pub signer: String,
    /// "（未核验：REASON）" after the 签发人 when the recorded report's 签发 was not verified by the
    /// signer's PIN (issue 14); empty otherwise.
    pub signer_flag: String,
    pub tz: chrono_tz::Tz,
    /// 要素不全: what the draft still lacks, in words (None when complete).
    pub missing: Option<String>,
}

/// The inputs that pick the report.
pub struct Pick<'a> {
    pub signer: Option<&'a str>,
    /// A recorded report (`reports[].id`); None: the next written report owed, from the facts now.
    pub report: Option<i64>,
}

/// Gathers the written report of `i` (see `export written`): with `report`, that recorded report's
/// own snapshot, kind and chain before it; without, the next written report owed.
pub fn gather(
    store: &Store,
    unit: &UnitConfig,
    lang: Lang,
    now: DateTime<Utc>,
    i: &Incident,
    pick: &Pick<'_>,
) -> Result<Written, DocError> {
    let on_duty = store.shifts_at(now)?;
    let leader = crate::domain::roster::on_duty(&on_duty, Role::Leader).unwrap_or_default().to_string();
    let officer = crate::domain::roster::on_duty(&on_duty, Role::Officer).unwrap_or_default().to_string();
    // A corrected report is not part of the chain the draft tells of (it stays on the record).
    let corrected: Vec<i64> =
        store.corrections(i.id)?.iter().filter(|c| c.target == "report").map(|c| c.target_id).collect();
    let all = store.reports(i.id)?;
    let mut reports: Vec<_> = all.iter().filter(|r| !corrected.contains(&r.id)).cloned().collect();
    reports.sort_by_key(|r| (r.sent_at, r.id));
    let now_facts = Facts::of(i);
    let (chain, facts, kind, previous, as_of, chosen) = match pick.report {
        None => (&reports[..], &now_facts, None, reports.last(), now, None),
        Some(n) => {
            let Some(pos) = reports.iter().position(|r| r.id == n) else {
                let ids: Vec<String> =
                    reports.iter().map(|r| format!("{} ({})", r.id, crate::incident::report_label(r, lang))).collect();
                let have = if ids.is_empty() { "none".to_string() } else { ids.join(", ") };
                let why = if corrected.contains(&n) { " (corrected)" } else { "" };
                return Err(DocError::Invalid(format!(
                    "--report: incident #{} has no report {n}{why}; its reports: {have}",
                    i.reference
                )));
            };
            let r = &reports[pos];
            let previous = pos.checked_sub(1).map(|p| &reports[p]);
            // A report recorded before facts were kept carries the facts now, and says so.
            let facts = r.facts.as_ref().unwrap_or(&now_facts);
            (&reports[..pos], facts, Some(written_kind_of(r)), previous, r.sent_at, Some(r))
        }
    };
    // The 签发人: as given, else the report's own signer, else the leader on duty.
    let signer = pick
        .signer
        .map(str::to_string)
        .or_else(|| chosen.map(|r| r.signer.clone()).filter(|s| !s.trim().is_empty()))
        .unwrap_or(leader);
    // An unverified 签发 is flagged wherever the 签发人 is named (issue 14): the recorded report's
    // own signature, read from its duty-log line; a draft's signer has not signed anything yet.
    let unverified = match chosen.filter(|r| r.signer.trim() == signer.trim()) {
        Some(r) => crate::store::audit::report_signature(store.conn(), i.id, r.sent_at.timestamp(), r.signer.trim())?
            .flatten()
            .filter(|why| !why.trim().is_empty()),
        None => None,
    };
    let signer_flag = unverified
        .as_deref()
        .map(|why| t::signer_unverified(crate::text::service::pin::unverified_reason(why, lang), lang))
        .unwrap_or_default();
    let signer_shown = format!("{}{signer_flag}", signer.trim());
    let unit_name = unit.display_name(lang).to_string();
    let issue_text = chosen.and_then(|r| r.issue).map(|n| t::issue(n.year, Some(n), lang));
    let input = WrittenInput {
        incident: i,
        reports: chain,
        unit: &unit_name,
        signer: &signer_shown,
        contact_person: &officer,
        contact_phone: &unit.duty_phone,
        drafted_at: now,
        tz: unit.timezone,
        facts,
        kind,
        previous,
        as_of,
        issue: issue_text.as_deref(),
    };
    let head = crate::store::audit::head_hex(store.conn())?;
    let text = |format| {
        let mut text = safe_text::visible(&render_written(&input, lang, format)).into_owned();
        // The record head as it stood when this was written: whoever receives the report can later
        // ask `dutywatch check --head` whether the sender's record still extends it.
        if !head.is_empty() {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            let label = t::head_label(lang);
            match format {
                Format::Md => text.push_str(&format!("\n---\n\n{label}: `{head}`\n")),
                Format::Txt => text.push_str(&format!("\n{label}: {head}\n")),
            }
        }
        text
    };
    let missing = missing_elements(i, facts);
    Ok(Written {
        lang,
        parts: written_parts(&input, lang),
        md: text(Format::Md),
        txt: text(Format::Txt),
        head: head.clone(),
        issue: chosen.and_then(|r| r.issue),
        dated: chosen.map(|r| r.sent_at).unwrap_or(now),
        unit_name: unit_name.clone(),
        signer,
        signer_flag,
        tz: unit.timezone,
        missing: (!missing.is_empty()).then(|| missing_text(&missing, lang)),
    })
}

impl Written {
    /// The Markdown or plain text, neutralised for a person and ending with the record head.
    pub fn text(&self, format: Format) -> &str {
        match format {
            Format::Md => &self.md,
            Format::Txt => &self.txt,
        }
    }

    /// The document: the 报头, the title, a 续报's lead, the six sections and the closing lines.
    pub fn doc(&self) -> Doc {
        let lang = self.lang;
        let local = self.dated.with_timezone(&self.tz);
        let date = crate::text::service::written::dated(local.date_naive(), lang);
        let masthead = Masthead {
            name: t::masthead_name(&self.unit_name, lang),
            issue: t::issue(local.year(), self.issue, lang),
            signer: t::signer(&self.signer, lang),
            signer_flag: self.signer_flag.clone(),
            unit: self.unit_name.clone(),
            date,
        };
        let p = &self.parts;
        let mut blocks = vec![Block::Title(p.title.clone())];
        if let Some(l) = &p.lead {
            blocks.push(Block::Heading2(l.clone()));
        }
        for (h, body) in &p.sections {
            blocks.push(Block::Heading(h.clone()));
            blocks.push(Block::Para(vec![Span::plain(body.clone())]));
        }
        blocks.push(Block::Plain(vec![Span::plain(String::new())]));
        blocks.extend(p.footer.iter().map(|l| Block::Plain(vec![Span::plain(l.clone())])));
        Doc { masthead: Some(masthead), blocks, head: self.head.clone(), head_label: super::head_label(lang) }
    }
}
