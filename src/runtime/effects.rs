//! Carries out the writes the app asks for, on the runtime's store connection.

use crate::app::{Msg, Write};
use crate::cli::Ctx;
use crate::store::Store;

/// Runs one write and answers with the message to feed back to `update`.
pub fn run(write: Write, store: &mut Store, ctx: &Ctx, actor: &str) -> Msg {
    let now = ctx.now();
    let result: Result<String, String> = match &write {
        Write::MarkOverdue => store.mark_overdue(now, actor).map(|_| String::new()).map_err(|e| e.to_string()),
        Write::HandoverDraft { .. } | Write::HandoverSign { .. } | Write::LogAdd { .. } => {
            super::effects_handover::run(&write, store, ctx, actor)
        }
    };
    match result {
        Ok(text) => Msg::Saved(text),
        Err(e) => Msg::Failed(e),
    }
}
