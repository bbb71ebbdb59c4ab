//! Carries out the writes the app asks for, on the runtime's store connection, through the same
//! operations the command line uses.

use super::roster_effects;
use crate::app::{Background, Msg, Write};
use crate::config::rules::Rulebook;
use crate::ops::context::Ctx;
use crate::ops::{OpCtx, OpError, escalation as oe, incident as oi};
use crate::store::Store;
use text::Label;
use text::console::saved;

fn failed(e: OpError) -> Msg {
    match e {
        OpError::Invalid { field, message } => Msg::FieldFailed { field, message },
        other => Msg::Failed(other.to_string()),
    }
}

/// Runs one write and answers with the message to feed back to `update`.
pub fn run(write: Write, store: &mut Store, ctx: &Ctx, book: &Rulebook, actor: &str) -> Msg {
    let lang = ctx.lang;
    // The directory may have been edited (here or on another terminal): use the current one.
    let mut fresh = book.clone();
    match store.directory() {
        Ok(d) if !d.contacts.is_empty() => fresh.directory = d,
        _ => {}
    }
    let book = &fresh;
    let op = OpCtx { unit: &ctx.unit, book, now: ctx.now(), actor, lang };
    let ok = |s: &str| Ok::<String, OpError>(s.to_string());
    let result: Result<String, OpError> = match write {
        // A background write: it must not close or touch whatever form the officer has open.
        // The minute's ledger upkeep: 迟报 stamped, each open incident's 续报 chain grown to the slot
        // now running. Reload only when something changed.
        Write::MarkOverdue => {
            let before = store.conn().total_changes();
            return match crate::ops::ledger::advance(store, &op) {
                Ok(()) if store.conn().total_changes() == before => Msg::Background(Background::Unchanged),
                Ok(()) => Msg::Background(Background::Changed),
                Err(e) => Msg::Background(Background::Failed(e.to_string())),
            };
        }
        Write::AckAlert { key } => {
            return match store.ack_alert(&key, actor, op.now) {
                Ok(a) => Msg::Saved(saved::alert_acknowledged(
                    &a.by,
                    &a.at.with_timezone(&ctx.unit.timezone).format("%H:%M").to_string(),
                    lang,
                )),
                Err(e) => Msg::Failed(e.to_string()),
            };
        }
        Write::SwapShift { .. } | Write::AddShifts(_) | Write::SavePerson { .. } => {
            return roster_effects::run(write, store, &op);
        }
        Write::HandoverDraft { .. } | Write::HandoverSign { .. } | Write::LogEntry(_) | Write::AddTask(_) => {
            return match super::effects_handover::run(&write, store, ctx, actor) {
                Ok(text) => Msg::Saved(text),
                Err(e) => Msg::Failed(e.to_string()),
            };
        }
        Write::AddIncident(input) => {
            return match oi::add(store, &op, &input) {
                Ok(i) => Msg::IncidentSaved { id: i.id, text: saved::incident(&i.reference, &i.title, lang) },
                Err(e) => failed(e),
            };
        }
        Write::Report { incident_id, input, proof } => oi::record_report_with(store, &op, incident_id, &input, &proof)
            .and_then(|r| {
                let note = oi::missing_note(&r, lang);
                let note = if note.is_empty() { note } else { format!(" ({note})") };
                ok(&saved::report(&oi::report_label(&r, lang), &note, lang))
            }),
        Write::Escalate { incident_id, input } => {
            oe::escalate(store, &op, incident_id, &input).and_then(|s| ok(&saved::escalated(&s.recipient, lang)))
        }
        Write::AckFromBelow { incident_id } => crate::ops::link::ack_from_below(store, &op, incident_id, actor, None)
            .and_then(|_| ok(crate::ui::text_link::acked_from_below(lang))),
        Write::Ack { incident_id, level, by, at } => {
            oe::ack(store, &op, incident_id, level, &by, at).and_then(|_| ok(&saved::acked(level.label(lang), lang)))
        }
        Write::Grade { incident_id, grade, by, at, expected_version, proof } => {
            let change = oi::GradeChange { grade, by: by.trim().to_string(), at };
            oi::change_grade_with(store, &op, incident_id, &change, Some(expected_version), &proof)
                .and_then(|i| ok(&saved::grade(&i.reference, i.grade.label(lang), lang)))
        }
        Write::UpdateFacts { incident_id, patch, at, expected_version } => {
            crate::ops::facts::update(store, &op, incident_id, &patch, at, Some(expected_version)).and_then(|u| {
                let changes = text::record::facts::changes_text(&u.changes, lang, 20);
                ok(&saved::facts(&u.incident.reference, u.addendum, &changes, lang))
            })
        }
        Write::Correct { incident_id, target, reason, by } => {
            crate::ops::correct::correct(store, &op, incident_id, target, &reason, &by)
                .and_then(|c| ok(&saved::corrected(c.reopened.len(), lang)))
        }
        Write::EndHandling { incident_id, at } => {
            oi::end_handling(store, &op, incident_id, at).and_then(|i| ok(&saved::handling_ended(&i.reference, lang)))
        }
        Write::Waive { incident_id, target, reason, by, proof } => {
            crate::ops::ledger::waive_with(store, &op, incident_id, &target, &reason, &by, &proof)
                .and_then(|w| ok(&saved::waived(w.len(), lang)))
        }
        Write::Close { incident_id } => {
            oi::close(store, &op, incident_id).and_then(|i| ok(&saved::closed(&i.reference, lang)))
        }
        Write::ExportWritten { .. } | Write::ExportHandover { .. } | Write::ExportDayLog { .. } => {
            return super::effects_docs::run(&write, store, ctx);
        }
        Write::SaveContact { id, version, contact, active } => {
            let target = match id {
                Some(id) => crate::ops::people::Target::Existing { id, version },
                None => crate::ops::people::Target::New,
            };
            let saved = crate::ops::people::save_contact(store, target, &contact, active, op.now, actor);
            match saved {
                Ok(row) => ok(&saved::contact(&row.contact.name, lang)),
                Err(crate::store::StoreError::Invalid(m)) => {
                    let (field, message) = m.split_once(": ").unwrap_or(("name", m.as_str()));
                    return Msg::FieldFailed { field: field.to_string(), message: message.to_string() };
                }
                Err(e) => Err(OpError::from(e)),
            }
        }
    };
    match result {
        Ok(text) => Msg::Saved(text),
        Err(e) => failed(e),
    }
}
