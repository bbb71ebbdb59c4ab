//! Roster acts that carry a person's responsibility: a swap's approver signs it (issue 14).

use super::pin::{PinProof, Signed, authorize};
use super::{OpCtx, OpError, OpResult};
use crate::domain::log_event::LogEvent;
use crate::store::Store;
use crate::text::service::roster as say;
use crate::text::service::shared;

/// Swaps `shift_id` to `person_id`, approved by `approved_by`: with the approver's PIN once they
/// have one ([`authorize`]). An approver who is not on the person list (an outside leader who
/// approved by phone) signs unverified, unless `require_pin` is set. The swap's duty-log line
/// names the approver and says when the approval was not verified. Returns the new shift's id.
#[allow(clippy::too_many_arguments)]
pub fn swap(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    shift_id: i64,
    person_id: i64,
    person_name: &str,
    reason: &str,
    approved_by: &str,
    proof: &PinProof,
) -> OpResult<i64> {
    let lang = ctx.lang;
    let approver = approved_by.trim();
    let signed = if store.person_by_name(approver)?.is_some() {
        authorize(store, ctx, "approved-by", approver, "roster.swap", proof)?
    } else if proof.pin.is_some() || ctx.unit.require_pin && proof.unverified.is_none() {
        return Err(OpError::invalid("approved-by", format!("`{approver}` {}", say::APPROVER_NOT_LISTED.get(lang))));
    } else {
        Signed::Unverified(proof.unverified.clone().unwrap_or_else(|| shared::NOT_A_PERSON.zh.to_string()))
    };
    let mut line = crate::event_line(
        None,
        ctx,
        ctx.now,
        LogEvent::ShiftSwapped {
            shift: shift_id,
            person: person_name.to_string(),
            approver: approver.to_string(),
            reason: reason.trim().to_string(),
            unverified: signed.unverified(),
        },
    );
    crate::merge_data(
        &mut line,
        serde_json::json!({ "act": "roster.swap", "swap": shift_id, "signature": signed.data(approver) }),
    );
    let data = line.data.unwrap_or_default();
    Ok(store.swap_shift_logged(shift_id, person_id, reason, approver, ctx.now, ctx.actor, Some((&line.body, data)))?)
}
