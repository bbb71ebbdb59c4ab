//! The incident page: the record, what is owed and its state, the report chain, the escalation
//! ladder, and the whole timeline (every change and log line, oldest first).

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{labels, text, theme};
use crate::app::{App, IncidentPage};
use crate::domain::deadlines::{ObligationState, countdown, state_of};
use crate::domain::escalation::required_steps;
use crate::keymap;
use crate::ops::incident::report_label;
use ::text::screens::incident as words;
use text::record::ladder::ladder;
use text::{FiguresText, Label};

/// The style of an obligation state; its marker, `text::screens::incident::state_marker`, goes
/// with it (colour is never the only signal).
pub fn state_style(state: ObligationState) -> Style {
    match state {
        ObligationState::Pending | ObligationState::Waived | ObligationState::Superseded => Style::new(),
        ObligationState::DueSoon => theme::due_soon(),
        ObligationState::Overdue | ObligationState::Missed => theme::overdue(),
        ObligationState::DoneOnTime => theme::ok(),
        ObligationState::DoneLate => theme::warning(),
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, page: &IncidentPage, area: Rect) {
    let lang = app.lang;
    let tz = app.unit.timezone;
    let Some(d) = &page.detail else {
        frame.render_widget(Paragraph::new(words::LOADING.get(lang)).block(Block::bordered()), area);
        return;
    };
    let i = &d.incident;
    let mut lines: Vec<Line<'_>> = Vec::new();
    let head = format!(
        "#{} {}  [{} · {} · {}]",
        i.reference,
        i.title,
        i.category.label(lang),
        i.grade.label(lang),
        i.status.label(lang)
    );
    lines.push(Line::styled(head, theme::title()));
    lines.push(Line::raw(format!(
        "{} {}   {} {}   {} {}",
        words::OCCURRED.get(lang),
        text::short(i.occurred_at, tz),
        words::LEARNED.get(lang),
        text::short(i.learned_at, tz),
        words::PLACE.get(lang),
        i.place
    )));
    lines.push(Line::raw(format!(
        "{} {} {} {} {}  {} {}",
        words::CALLER.get(lang),
        i.caller_unit,
        i.caller_name,
        i.caller_title,
        i.caller_phone,
        words::INFORMED.get(lang),
        i.informed
    )));
    // The facts as they are now; their changes follow as a timeline (issue 15).
    let facts = crate::domain::facts::Facts::of(i);
    lines.push(Line::raw(facts.figures_text(lang)));
    for (label, body) in [
        (words::SUMMARY.get(lang), &i.summary),
        (words::MEASURES.get(lang), &i.measures),
        (words::NEEDS.get(lang), &i.needs),
        (words::CAUSE.get(lang), &i.cause),
        (words::PROGRESS.get(lang), &i.progress),
    ] {
        if !body.is_empty() {
            // Long texts are stored whole and shown truncated here (the export has them whole).
            let shown = text::truncate(&text::shown(&body.replace('\n', " / ")), 600);
            lines.push(Line::raw(format!("{label}: {shown}")));
        }
    }
    if !d.fact_updates.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(words::CHANGES_OF_THE_FACTS.get(lang), theme::title()));
        for u in &d.fact_updates {
            let addendum = if u.addendum { words::ADDENDUM.get(lang) } else { "" };
            lines.push(Line::from(vec![
                Span::raw(format!("  {} {}{addendum}  ", text::short(u.at, tz), u.by)),
                Span::raw(text::record::facts::changes_text(&u.changes, lang, 30)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(words::WHAT_IS_OWED.get(lang), theme::title()));
    let due_soon = app.book.as_ref().map(|b| b.rules.due_soon()).unwrap_or(Duration::minutes(10));
    for o in d.obligations.iter().filter(|o| !o.tracking) {
        let state = state_of(o, app.now, due_soon);
        let style = state_style(state);
        let left = if o.is_open() { countdown(o.due_at, app.now).text } else { String::new() };
        let done = o.done_at.map(|t| format!(" {} {}", words::DONE.get(lang), text::hhmm(t, tz))).unwrap_or_default();
        // An ended duty says why, who and when: the record keeps the reason it is no longer owed.
        let ended = o
            .end
            .as_ref()
            .map(|e| format!(" {} · {} {}", text::first_line(&e.reason), e.by, text::hhmm(e.at, tz)))
            .unwrap_or_default();
        let late = if !o.is_open() && crate::ops::incident::late_at(o, app.now) && state != ObligationState::DoneLate {
            words::LATE.get(lang)
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", text::pad(&labels::obligation_kind(&o.kind, lang), 18))),
            Span::raw(format!("{} {} ", words::DUE.get(lang), text::short(o.due_at, tz))),
            Span::styled(format!("{:>8} {}{late}", left, words::state_marker(state, lang)), style),
            Span::raw(done),
            Span::styled(ended, theme::dim()),
        ]));
    }
    let tracked: Vec<_> = d.obligations.iter().filter(|o| o.tracking).collect();
    if !tracked.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(words::RELAYED_BY_THE_CHAIN_TRACKING.get(lang), theme::title()));
        for o in tracked {
            let level =
                o.kind.tracking_level().map(|l| l.label(lang).to_string()).unwrap_or_else(|| o.kind.to_string());
            let state = match crate::domain::ledger::tracking_state(o) {
                "confirmed" => format!(
                    "{} {} {}",
                    words::CONFIRMED.get(lang),
                    o.done_at.map(|t| text::hhmm(t, tz)).unwrap_or_default(),
                    o.confirmed_by.clone().unwrap_or_default()
                ),
                "open" => words::TO_CONFIRM.get(lang).to_string(),
                other => labels::obligation_state(other, lang),
            };
            lines.push(Line::raw(format!(
                "  {} {} {} {state}",
                text::pad(&level, 18),
                words::BY.get(lang),
                text::short(o.due_at, tz)
            )));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(words::REPORT_CHAIN.get(lang), theme::title()));
    if d.reports.is_empty() {
        lines.push(Line::styled(words::NONE_YET.get(lang), theme::dim()));
    }
    // Wrapped by display width with a hanging indent, so a long 文号 or recipient stays inside.
    let room = area.width.saturating_sub(2) as usize;
    for r in &d.reports {
        let correction = d.corrections.iter().find(|c| c.target == "report" && c.target_id == r.id);
        // A report recorded by mistake stays on the record, struck through, with the reason.
        let style = if correction.is_some() { theme::dim().add_modifier(Modifier::CROSSED_OUT) } else { Style::new() };
        let row = format!(
            "  {} {} → {} ({}) {} {}",
            text::short(r.sent_at, tz),
            report_label(r, lang),
            r.recipient,
            r.channel.label(lang),
            if r.signer.is_empty() { String::new() } else { format!("{} {}", words::SIGNED.get(lang), r.signer) },
            r.doc_no
        );
        lines.extend(
            text::wrap(&crate::domain::safe_text::visible_line(row.trim_end()), room, "      ")
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
        if let Some(c) = correction {
            lines.push(Line::styled(
                format!("      {} {} · {} {}", words::CORRECTED.get(lang), c.reason, c.by, text::short(c.at, tz)),
                theme::warning(),
            ));
        }
        // What the report said: the facts it carried when it was recorded.
        let said = match &r.facts {
            Some(f) => f.figures_text(lang),
            None => words::WHAT_IT_SAID_WAS_NOT.get(lang).to_string(),
        };
        let missing = crate::ops::incident::missing_note(r, lang);
        let missing = if missing.is_empty() { missing } else { format!(" · {missing}") };
        lines.push(Line::styled(format!("      {} {said}{missing}", words::SAID.get(lang)), theme::dim()));
    }
    if let Some(book) = &app.book {
        let grade = if i.grade == crate::domain::Grade::Unknown { book.escalation.unknown_grade_as } else { i.grade };
        let required: Vec<_> =
            required_steps(app.unit.level, grade, &book.escalation).into_iter().map(|s| s.level).collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(words::ESCALATION.get(lang), theme::title()));
        // A step recorded by mistake tells its level no more: the rungs are drawn from the steps that
        // stand, and each corrected entry is listed under them, struck through, with the reason.
        let step_correction = |id: i64| d.corrections.iter().find(|c| c.target == "step" && c.target_id == id);
        let standing: Vec<_> = d.steps.iter().filter(|s| step_correction(s.id).is_none()).cloned().collect();
        let rungs = ladder(app.unit.level, &standing, &required, app.now, &book.escalation, lang, tz);
        let mut spans = vec![Span::raw("  ")];
        for (n, r) in rungs.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" · ", theme::dim()));
            }
            spans.push(super::board::rung_span(r, d.obligations.iter().filter(|o| o.tracking), lang, tz));
        }
        lines.push(Line::from(spans));
        let struck = theme::dim().add_modifier(Modifier::CROSSED_OUT);
        let mark = |c: &crate::store::correction::Correction| {
            Line::styled(
                format!(
                    "      {} {} · {} {}",
                    labels::correction_mark(&c.target, lang),
                    c.reason,
                    c.by,
                    text::short(c.at, tz)
                ),
                theme::warning(),
            )
        };
        for s in &d.steps {
            if let Some(c) = step_correction(s.id) {
                let row = format!(
                    "  {} {} → {} ({}) {}",
                    text::short(s.sent_at, tz),
                    s.level.label(lang),
                    s.recipient,
                    s.channel.label(lang),
                    s.sent_by
                );
                lines.extend(
                    text::wrap(&crate::domain::safe_text::visible_line(row.trim_end()), room, "      ")
                        .into_iter()
                        .map(|l| Line::styled(l, struck)),
                );
                lines.push(mark(c));
            }
            // Each ack given and corrected (a step acknowledged again has a new ack of its own).
            for c in d.corrections.iter().filter(|c| c.target == "ack" && c.target_id == s.id) {
                let was = |k: &str| c.original.get(k).and_then(serde_json::Value::as_str).unwrap_or("").to_string();
                let at = chrono::DateTime::parse_from_rfc3339(&was("acked_at"))
                    .map(|t| text::short(t.with_timezone(&chrono::Utc), tz))
                    .unwrap_or_default();
                let row = format!("  {at} {} {} {}", s.level.label(lang), labels::acked_by(lang), was("acked_by"));
                lines.extend(
                    text::wrap(&crate::domain::safe_text::visible_line(row.trim_end()), room, "      ")
                        .into_iter()
                        .map(|l| Line::styled(l, struck)),
                );
                lines.push(mark(c));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(words::TIMELINE.get(lang), theme::title()));
    // Every operation writes a log line, so the log is the readable timeline; `history` keeps the
    // row versions for review.
    lines.push(Line::styled(
        format!("  {} {}", d.history.len(), words::VERSIONS_IN_THE_AUDIT_LOG.get(lang)),
        theme::dim(),
    ));
    for e in &d.log {
        lines.push(Line::raw(format!(
            "  {} {} {}",
            text::short(e.at, tz),
            e.author,
            text::first_line(&text::log_events::entry_text(e, lang))
        )));
    }
    super::widgets::visible_lines(&mut lines);
    let [body, hints] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let block = Block::bordered().title(Line::styled(words::INCIDENT.get(lang), theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((page.scroll, 0)), body);
    frame.render_widget(
        Paragraph::new(super::hint_line_fit(&app.keymap.hints(keymap::Table::Incident, app.lang), hints.width)),
        hints,
    );
}
