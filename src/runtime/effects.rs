//! Carries out the writes the app asks for, on the runtime's store connection.

use super::roster_effects;
use crate::app::{Msg, Write};
use crate::cli::Ctx;
use crate::store::Store;

/// Runs one write and answers with the message to feed back to `update`.
pub fn run(write: Write, store: &mut Store, ctx: &Ctx, actor: &str) -> Msg {
    let now = ctx.now();
    let result: Result<String, String> = match write {
        Write::MarkOverdue => store.mark_overdue(now, actor).map(|_| String::new()).map_err(|e| e.to_string()),
        Write::SwapShift { shift_id, person_id, reason, approved_by } => {
            roster_effects::swap(store, ctx.lang, (shift_id, person_id, &reason, &approved_by), now, actor)
        }
        Write::AddShifts(specs) => roster_effects::add_shifts(store, ctx.lang, &specs, now, actor),
        Write::SavePerson { id, name, phone, department, roles, active } => {
            let input = roster_effects::person_input(name, phone, department, roles, active);
            roster_effects::save_person(store, ctx.lang, id, input, now, actor)
        }
    };
    match result {
        Ok(text) => Msg::Saved(text),
        Err(e) => Msg::Failed(e),
    }
}
