//! `dutywatch escalate` and `dutywatch ack`.

use super::args::{AckArgs, EscalateArgs};
use super::incident::{find, show};
use super::{CliError, CliResult, Ctx};
use crate::domain::{Channel, Level};
use crate::ops::escalation::{self as oe, EscalateInput};

pub fn escalate(ctx: &Ctx, a: &EscalateArgs) -> CliResult {
    let level: Level = a.to;
    let channel: Channel = a.channel;
    let input = EscalateInput {
        level,
        recipient: a.recipient.clone(),
        channel,
        at: ctx.time("at", a.at.as_deref())?,
        skip_level: a.skip_level,
        reason: a.reason.clone(),
    };
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let i = find(&store, &a.id)?;
    let op = ctx.op(&book, &actor);
    oe::escalate(&mut store, &op, i.id, &input)?;
    super::out::saved_incident(&i);
    let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
    show(ctx, &store, &op, i, a.json)
}

pub fn ack(ctx: &Ctx, a: &AckArgs) -> CliResult {
    let level: Option<Level> = a.level;
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let at = ctx.time("at", a.at.as_deref())?;
    let i = find(&store, &a.id)?;
    let op = ctx.op(&book, &actor);
    match level {
        Some(level) => {
            oe::ack(&mut store, &op, i.id, level, &a.by, at)?;
        }
        // No --level: the receipt of an incident from below (issue 20), sent back over the link.
        None => crate::ops::link::ack_from_below(&mut store, &op, i.id, &a.by, at)?,
    }
    super::out::saved_incident(&i);
    let i = store.incident(i.id)?.ok_or_else(|| CliError::Fail("incident vanished".into()))?;
    show(ctx, &store, &op, i, a.json)
}
