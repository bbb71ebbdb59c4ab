//! Saves the roster screen's changes (swaps, fills, people).

use chrono::{DateTime, Utc};

use crate::app::{Msg, Write};
use crate::domain::roster::ShiftSpec;
use crate::domain::{Lang, Role};
use crate::store::Store;
use crate::store::person::PersonInput;
use crate::store::shift::NewShift;
use text::console::saved;

use super::error::{RuntimeError, RuntimeResult};

/// Runs one of the roster screen's writes and answers with the message for `update`.
pub fn run(write: Write, store: &mut Store, op: &crate::ops::OpCtx<'_>) -> Msg {
    let (lang, now, actor) = (op.lang, op.now, op.actor);
    let result = match write {
        Write::SwapShift { shift_id, person_id, reason, approved_by, proof } => {
            swap(store, op, (shift_id, person_id, &reason, &approved_by), &proof)
        }
        Write::AddShifts(specs) => add_shifts(store, lang, &specs, now, actor),
        Write::SavePerson { id, version, name, phone, department, roles, active } => {
            save_person(store, lang, id, version, person_input(name, phone, department, roles, active), now, actor)
        }
        _ => Err(RuntimeError::Misrouted(String::from("not a roster change"))),
    };
    match result {
        Ok(text) => Msg::Saved(text),
        Err(e) => Msg::Failed(e.to_string()),
    }
}

/// The board's swap: the same rule as the CLI's ([`crate::ops::roster::swap`]), with the PIN typed
/// in the form's masked field.
pub fn swap(
    store: &mut Store,
    op: &crate::ops::OpCtx<'_>,
    (shift_id, person_id, reason, approved_by): (i64, i64, &str, &str),
    proof: &crate::ops::pin::PinProof,
) -> RuntimeResult<String> {
    let lang = op.lang;
    let name = store.person(person_id)?.map(|p| p.name).unwrap_or_default();
    let id = crate::ops::roster::swap(store, op, shift_id, person_id, &name, reason, approved_by, proof)?;
    Ok(saved::shift_swapped(shift_id, id, lang))
}

pub fn add_shifts(
    store: &mut Store,
    lang: Lang,
    specs: &[ShiftSpec],
    now: DateTime<Utc>,
    actor: &str,
) -> RuntimeResult<String> {
    let shifts: Vec<NewShift> =
        specs.iter().map(|s| NewShift { person_id: s.person_id, role: s.role, start: s.start, end: s.end }).collect();
    let out = crate::ops::people::add_shifts(store, &shifts, now, actor, &|i| format!("#{}", i + 1))?;
    Ok(saved::shifts_filled(out.added, lang))
}

pub fn save_person(
    store: &mut Store,
    lang: Lang,
    id: Option<i64>,
    version: i64,
    input: PersonInput,
    now: DateTime<Utc>,
    actor: &str,
) -> RuntimeResult<String> {
    let target = match id {
        Some(id) => crate::ops::people::Target::Existing { id, version },
        None => crate::ops::people::Target::New,
    };
    let p = crate::ops::people::save_person(store, target, &input, now, actor)?;
    Ok(saved::person(&p.name, lang))
}

/// The person as the store takes it.
pub fn person_input(name: String, phone: String, department: String, roles: Vec<Role>, active: bool) -> PersonInput {
    PersonInput { name, phone, department, roles, active }
}
