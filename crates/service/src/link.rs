//! Watch rooms linked over NATS JetStream (issue 20): what the link writes to the record.
//!
//! - **Sending.** A step or report by `system` to the next level up writes an outbox row in the
//!   step's own transaction ([`enqueue_step`]); a fact update of an incident already sent up writes an
//!   `Update` ([`enqueue_facts`]). The message id and the CAP body are made there.
//! - **Receiving.** [`receive`] stores a message and what it changes in one transaction keyed by the
//!   message id (stored once, whatever JetStream redelivers). An `Update` for an incident not yet known
//!   is held ([`retry_held`]) and goes to dead letters only after the hold time.
//! - **Acknowledging.** [`ack_from_below`] (`ack ID --by NAME`, `a` on the board) queues a CAP `Ack`;
//!   the sender records it as the acknowledgement of its step.
//!
//! The network half (publishing, the durable consumer) is `crate::link`.

use crate::text::service::link as say;
use crate::text::service::shared;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{OpCtx, OpError, OpResult};
use crate::config::link::LinkConfig;
use crate::domain::cap::MsgType;
use crate::domain::escalation as esc;
use crate::domain::facts::{FactPatch, Facts};
use crate::domain::link::{self as dl, Received};
use crate::domain::{Channel, Incident, Level, Source};
use crate::store::incident::{self as sinc, IncidentInput, ValidIncident};
use crate::store::link::{self as sl, NewIn, NewOut};
use crate::store::log as slog;
use crate::store::{Store, StoreError, escalation as sesc};

/// How long an `Update` that overtook its `Alert` is held before it goes to dead letters.
pub const HOLD: Duration = Duration::minutes(10);

fn linked_up<'a>(ctx: &'a OpCtx<'_>, level: Level, channel: Channel) -> Option<(&'a LinkConfig, &'a str)> {
    let link = ctx.unit.link.as_ref()?;
    let upper = link.upper.as_deref()?;
    (channel == Channel::System && esc::next_level(ctx.unit.level) == Some(level)).then_some((link, upper))
}

fn cap_err(e: crate::domain::cap::CapError) -> StoreError {
    StoreError::Invalid(format!("link: {e}"))
}

/// Queues the incident's message to `to_room` in the caller's transaction: an `Alert` with the full
/// facts if the room was never sent one, else an `Update` (or `msg_type` when given).
fn enqueue_incident(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    (link, to_room): (&LinkConfig, &str),
    inc: &Incident,
    (report, step_id, msg_type): (&str, Option<i64>, Option<MsgType>),
) -> crate::store::Result<()> {
    let before = sl::out_of_incident(tx, inc.id, to_room)?;
    let msg_type =
        msg_type.unwrap_or(if before.iter().any(|r| r.kind == "Alert") { MsgType::Update } else { MsgType::Alert });
    let head = crate::store::audit::head_hex(tx)?;
    let references = before
        .iter()
        .rev()
        .find(|r| r.kind != "Ack")
        .map(|r| dl::reference(&link.code, &r.msg_id, r.created_at, ctx.tz()));
    let new =
        NewOut { code: &link.code, to_room, kind: msg_type.code(), incident_id: Some(inc.id), escalation_id: step_id };
    sl::enqueue(tx, &new, ctx.now, |msg_id| {
        dl::incident_message(
            &dl::Outgoing {
                incident: inc,
                msg_type,
                report,
                msg_id,
                sender: &link.code,
                sender_name: ctx.unit.display_name(ctx.lang),
                contact: &ctx.unit.duty_phone,
                record_head: &head,
                sent: ctx.now,
                tz: ctx.tz(),
                references: if msg_type == MsgType::Cancel { references.as_deref() } else { None },
            },
            &text::record::cap::BOTH,
        )
    })?
    .map_err(cap_err)?;
    Ok(())
}

/// A step or report to `level` by `channel` was just recorded for `incident_id`: when it goes to the
/// linked upper room (channel `system`, the next level up), queue its message in the same transaction.
pub fn enqueue_step(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    level: Level,
    channel: Channel,
    report: &str,
) -> crate::store::Result<()> {
    let Some((link, upper)) = linked_up(ctx, level, channel) else { return Ok(()) };
    let inc = sinc::get(tx, incident_id)?;
    let step = sesc::latest_to(tx, incident_id, level)?.map(|s| s.id);
    enqueue_incident(tx, ctx, (link, upper), &inc, (report, step, None))
}

/// The facts of an incident changed: if it was sent to the upper room before, the change follows as
/// an `Update` (a county relays what a township updates, too).
pub fn enqueue_facts(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
) -> crate::store::Result<()> {
    enqueue_follow_up(tx, ctx, incident_id, "facts", MsgType::Update)
}

/// A report or step sent up by `system` was corrected: the upper room gets a `Cancel`.
pub fn enqueue_cancel(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
) -> crate::store::Result<()> {
    enqueue_follow_up(tx, ctx, incident_id, "correction", MsgType::Cancel)
}

/// A message about an incident already sent up (never the first one): nothing when the room is not
/// linked upward or the incident never went up.
fn enqueue_follow_up(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    what: &str,
    msg: MsgType,
) -> crate::store::Result<()> {
    let Some(link) = ctx.unit.link.as_ref() else { return Ok(()) };
    let Some(upper) = link.upper.as_deref() else { return Ok(()) };
    if sl::out_of_incident(tx, incident_id, upper)?.is_empty() {
        return Ok(());
    }
    let inc = sinc::get(tx, incident_id)?;
    enqueue_incident(tx, ctx, (link, upper), &inc, (what, None, Some(msg)))
}

/// What became of a received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receipt {
    /// Stored now (and applied to the incident it names).
    Stored { incident_id: Option<i64> },
    /// Already stored: a redelivery (ack it again, change nothing).
    Duplicate,
    /// Its incident is not known yet: stored as held, retried until the hold time.
    Held,
    /// Refused: kept as a dead letter with the reason.
    Dead(String),
}

/// Stores one received message and applies it, in one transaction keyed by its message id. The
/// caller acks JetStream after this returns (whatever it returned: a dead letter is kept too).
pub fn receive(store: &mut Store, ctx: &OpCtx<'_>, subject: &str, body: &str) -> OpResult<Receipt> {
    let mut v = receive_batch(store, ctx, &[(subject.to_string(), body.to_string())])?;
    Ok(v.pop().unwrap_or(Receipt::Duplicate))
}

/// Stores a batch of received messages (`(subject, body)`) in one transaction (one fsync for a
/// fetched batch: the drain after a reconnect), each keyed by its message id; the caller acks them
/// all after it returns. If the batch fails as a whole, each message is stored in a transaction of
/// its own; one the record refuses (`Invalid`) becomes a dead letter with the reason.
pub fn receive_batch(store: &mut Store, ctx: &OpCtx<'_>, msgs: &[(String, String)]) -> OpResult<Vec<Receipt>> {
    let Some(link) = ctx.unit.link.as_ref() else {
        return Err(OpError::Refused("no [link] in unit.toml".into()));
    };
    let linked = link.linked();
    let all = store.write(|tx| msgs.iter().map(|(s, b)| receive_in(tx, ctx, link, &linked, s, b)).collect());
    match all {
        Ok(v) => return Ok(v),
        Err(e) if msgs.len() == 1 => {
            let StoreError::Invalid(reason) = e else { return Err(e.into()) };
            let (subject, body) = &msgs[0];
            let id = dl::parse(body).map(|m| m.identifier).unwrap_or_default();
            store.write(|tx| sl::insert_dead(tx, &id, subject, &reason, body, ctx.now))?;
            return Ok(vec![Receipt::Dead(reason)]);
        }
        Err(_) => {}
    }
    let mut out = Vec::with_capacity(msgs.len());
    for m in msgs {
        out.extend(receive_batch(store, ctx, std::slice::from_ref(m))?);
    }
    Ok(out)
}

/// One message inside the batch's transaction: refused ones are kept as dead letters there too.
fn receive_in(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    link: &LinkConfig,
    linked: &[&str],
    subject: &str,
    body: &str,
) -> crate::store::Result<Receipt> {
    let parsed = dl::parse(body).and_then(|m| dl::check_origin(subject, &link.code, linked, &m).map(|_| m));
    let msg = match parsed {
        Ok(m) => m,
        Err(e) => {
            let reason = e.to_string();
            sl::insert_dead(tx, "", subject, &reason, body, ctx.now)?;
            return Ok(Receipt::Dead(reason));
        }
    };
    if sl::seen(tx, &msg.identifier)? {
        return Ok(Receipt::Duplicate);
    }
    match apply(tx, ctx, link, &msg, body)? {
        Ok(r) => Ok(r),
        Err(Refusal(reason)) => {
            sl::insert_dead(tx, &msg.identifier, subject, &reason, body, ctx.now)?;
            Ok(Receipt::Dead(reason))
        }
    }
}

/// Why a received message is refused (kept as a dead letter with this reason).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

/// Applies a message inside the transaction that stores it. `Ok(Err(refusal))`: refused (nothing of it
/// is written here; the caller keeps it as a dead letter).
fn apply(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    link: &LinkConfig,
    msg: &Received,
    body: &str,
) -> crate::store::Result<Result<Receipt, Refusal>> {
    let from = msg.sender.as_str();
    let mut new = NewIn {
        msg_id: &msg.identifier,
        from_room: from,
        kind: msg.msg_type.code(),
        remote_ref: &msg.incident_ref,
        incident_id: None,
        record_head: &msg.record_head,
        body,
        sent_at: msg.sent,
        held_until: None,
    };
    if msg.msg_type == MsgType::Ack {
        // Our message was acknowledged: the ack of the step it carried.
        let Some(ours) = msg.references.iter().find_map(|r| sl::out_by_msg(tx, r).transpose()).transpose()? else {
            return Ok(Err(Refusal(format!("acknowledges a message this room never sent ({:?})", msg.references))));
        };
        if ours.to_room != from {
            return Ok(Err(Refusal(format!("acknowledges a message sent to {}, not to {from}", ours.to_room))));
        }
        new.incident_id = ours.incident_id;
        if let (Some(step_id), Some(inc_id)) = (ours.escalation_id, ours.incident_id) {
            let step = sesc::steps_of(tx, inc_id)?.into_iter().find(|s| s.id == step_id);
            if let Some(step) = step.filter(|s| s.acked_at.is_none()) {
                let by = if msg.note.trim().is_empty() { from.to_string() } else { msg.note.trim().to_string() };
                let at = msg.sent.max(step.sent_at);
                sesc::set_ack(tx, step.id, at, &by, ctx.now, ctx.actor)?;
                super::ledger::confirm_level(tx, ctx, inc_id, step.level, at, &by, &format!("ack:{}", step.id))?;
                let inc = sinc::get(tx, inc_id)?;
                let event = crate::domain::log_event::LogEvent::LinkAcked {
                    reference: inc.reference.clone(),
                    level: step.level,
                    by: by.clone(),
                    from: from.to_string(),
                };
                slog::append(tx, &super::system_line(inc_id, ctx, at, event), ctx.now)?;
            }
        }
        sl::insert_in(tx, &new, ctx.now)?;
        return Ok(Ok(Receipt::Stored { incident_id: ours.incident_id }));
    }
    if !link.is_lower(from) {
        return Ok(Err(Refusal(format!("{} from {from}: only rooms below send incidents", msg.msg_type.code()))));
    }
    let known = sl::find_from(tx, from, &msg.incident_ref)?;
    let incident_id = match (msg.msg_type, known) {
        (MsgType::Alert, None) => create(tx, ctx, from, msg)?,
        (_, Some(id)) => {
            update(tx, ctx, id, from, msg)?;
            id
        }
        (_, None) => {
            new.held_until = Some(ctx.now + HOLD);
            sl::insert_in(tx, &new, ctx.now)?;
            return Ok(Ok(Receipt::Held));
        }
    };
    new.incident_id = Some(incident_id);
    sl::insert_in(tx, &new, ctx.now)?;
    Ok(Ok(Receipt::Stored { incident_id: Some(incident_id) }))
}

/// Every field of `f` as a patch.
fn full_patch(f: &Facts) -> FactPatch {
    FactPatch {
        dead: Some(f.dead),
        injured: Some(f.injured),
        missing: Some(f.missing),
        trapped: Some(f.trapped),
        rescued: Some(f.rescued),
        evacuated: Some(f.evacuated),
        place: Some(f.place.clone()),
        summary: Some(f.summary.clone()),
        measures: Some(f.measures.clone()),
        needs: Some(f.needs.clone()),
        cause: Some(f.cause.clone()),
        progress: Some(f.progress.clone()),
    }
}

/// An incident of this room from a room below: its own duties by its own rules, learned now.
fn create(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    from: &str,
    msg: &Received,
) -> crate::store::Result<i64> {
    let f = &msg.facts;
    let input = IncidentInput {
        title: msg.title.clone(),
        category: Some(msg.category),
        grade: Some(msg.grade),
        occurred_at: msg.onset.filter(|t| *t <= ctx.now),
        learned_at: Some(ctx.now),
        place: f.place.clone(),
        source: Some(Source::Other),
        caller_unit: from.to_string(),
        caller_name: String::new(),
        caller_title: String::new(),
        caller_phone: String::new(),
        informed: String::new(),
        dead: f.dead,
        injured: f.injured,
        missing: f.missing,
        trapped: f.trapped,
        summary: f.summary.clone(),
        measures: f.measures.clone(),
        needs: f.needs.clone(),
        cause: f.cause.clone(),
    };
    let learned = ctx.now;
    let v = ValidIncident {
        input: &input,
        category: msg.category,
        grade: msg.grade,
        occurred_at: input.occurred_at.unwrap_or(learned),
        learned_at: learned,
        source: Source::Other,
        ref_year: chrono::Datelike::year(&learned.with_timezone(&ctx.tz())),
    };
    let id = super::incident::add_in(tx, ctx, &v, Some((from, msg.incident_ref.as_str())))?;
    sl::insert_from(tx, id, from, &msg.incident_ref)?;
    let inc = sinc::get(tx, id)?;
    if Facts::of(&inc) != msg.facts {
        super::facts::update_in(tx, ctx, id, &full_patch(&msg.facts), ctx.now, None)?;
    }
    Ok(id)
}

/// An update, final report or correction from below changes the same incident.
fn update(
    tx: &crate::store::Transaction<'_>,
    ctx: &OpCtx<'_>,
    id: i64,
    from: &str,
    msg: &Received,
) -> crate::store::Result<()> {
    let inc = sinc::get(tx, id)?;
    // Facts newer than this message's were already applied (it was held, or came out of order):
    // it is recorded, but does not take the incident back to older figures.
    let stale = sl::latest_in_of(tx, id)?.is_some_and(|last| last.sent_at > msg.sent);
    let changed = Facts::of(&inc) != msg.facts && !stale;
    if changed && inc.status != crate::domain::IncidentStatus::Closed {
        super::facts::update_in(tx, ctx, id, &full_patch(&msg.facts), ctx.now, None)?;
    }
    let event = crate::domain::log_event::LogEvent::FromBelow {
        reference: inc.reference.clone(),
        from: from.to_string(),
        msg_type: msg.msg_type.code().to_string(),
        report: msg.report.clone(),
    };
    slog::append(tx, &super::system_line(id, ctx, ctx.now, event), ctx.now)?;
    Ok(())
}

/// Retries the held messages: applied once their incident is known; after the hold time, dead letters.
pub fn retry_held(store: &mut Store, ctx: &OpCtx<'_>) -> OpResult<usize> {
    let Some(link) = ctx.unit.link.as_ref() else { return Ok(0) };
    let mut applied = 0;
    for row in sl::held(store.conn())? {
        let Ok(msg) = dl::parse(&row.body) else { continue };
        let done = store.write(|tx| match sl::find_from(tx, &row.from_room, &row.remote_ref)? {
            Some(id) => {
                update(tx, ctx, id, &row.from_room, &msg)?;
                sl::set_applied(tx, row.id, Some(id))?;
                Ok(true)
            }
            None if row.hold_until.is_some_and(|t| t <= ctx.now) => {
                let reason = format!(
                    "held {} min: no Alert for #{} from {} arrived",
                    HOLD.num_minutes(),
                    row.remote_ref,
                    row.from_room
                );
                sl::insert_dead(
                    tx,
                    &row.msg_id,
                    &dl::subject(&link.code, &row.from_room),
                    &reason,
                    &row.body,
                    ctx.now,
                )?;
                sl::set_expired(tx, row.id)?;
                Ok(false)
            }
            None => Ok(false),
        })?;
        applied += usize::from(done);
    }
    Ok(applied)
}

/// `ack ID --by NAME` without `--level`, or `a` on the board, for an incident from below: queues a CAP
/// `Ack` of its latest message back to the sender, with who and when.
pub fn ack_from_below(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    incident_id: i64,
    by: &str,
    at: Option<DateTime<Utc>>,
) -> OpResult<()> {
    let lang = ctx.lang;
    let at = at.unwrap_or(ctx.now);
    super::not_future("at", at, ctx.now, lang)?;
    let by = by.trim();
    if by.is_empty() {
        return Err(OpError::invalid("by", shared::WHO_CONFIRMED_REQUIRED.get(lang)));
    }
    let Some(link) = ctx.unit.link.as_ref() else {
        return Err(OpError::invalid("level", say::LEVEL_REQUIRED.get(lang)));
    };
    store.write(|tx| {
        let inc = sinc::get(tx, incident_id)?;
        let Some(from) = sl::from_of(tx, incident_id)? else {
            return Err(StoreError::Invalid(format!(
                "level: #{} {}",
                inc.reference,
                say::DID_NOT_COME_IN_FROM.get(lang)
            )));
        };
        let Some(last) = sl::latest_in_of(tx, incident_id)? else {
            return Err(StoreError::Invalid(format!("#{}: no message to acknowledge", inc.reference)));
        };
        let reference = dl::reference(&from.from_room, &last.msg_id, last.sent_at, ctx.tz());
        let new = NewOut {
            code: &link.code,
            to_room: &from.from_room,
            kind: "Ack",
            incident_id: Some(incident_id),
            escalation_id: None,
        };
        sl::enqueue(tx, &new, ctx.now, |msg_id| {
            dl::ack_message(&link.code, msg_id, at, ctx.tz(), &reference, by, &from.remote_ref)
        })?
        .map_err(cap_err)?;
        sl::set_from_acked(tx, incident_id, at, by)?;
        let event = crate::domain::log_event::LogEvent::FromBelowAcked {
            reference: inc.reference.clone(),
            by: by.to_string(),
            room: from.from_room.clone(),
        };
        slog::append(tx, &super::system_line(incident_id, ctx, at, event), ctx.now)?;
        Ok(())
    })?;
    Ok(())
}

/// `link status`: the connection, the queue, the last message each way, the dead letters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub code: String,
    pub upper: Option<String>,
    pub lower: Vec<String>,
    pub connected: bool,
    /// Since when connected or down (none: no link task ever ran on this file).
    pub since: Option<DateTime<Utc>>,
    /// When a link task last reported (a stale one means none is running).
    pub seen_at: Option<DateTime<Utc>>,
    pub queued: i64,
    pub oldest_queued_at: Option<DateTime<Utc>>,
    pub last_sent_at: Option<DateTime<Utc>>,
    pub last_received_at: Option<DateTime<Utc>>,
    pub received: i64,
    pub held: i64,
    pub dead_letters: i64,
    pub dead: Vec<DeadJson>,
    pub sender_lease: Option<String>,
    /// The latest record head each linked room sent: a witness of its record outside its file.
    pub witness: Vec<WitnessJson>,
}

/// A linked room's record head as last received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WitnessJson {
    pub room: String,
    pub head: String,
    pub sent_at: DateTime<Utc>,
}

/// A dead letter in `link status --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadJson {
    pub id: i64,
    pub msg_id: String,
    pub subject: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// The link's state as this file knows it.
pub fn status(store: &Store, link: &LinkConfig, now: DateTime<Utc>) -> OpResult<Status> {
    let conn = store.conn();
    let state = sl::state(conn)?;
    let (queued, oldest) = sl::queue_len(conn)?;
    let (received, held) = sl::inbox_counts(conn)?;
    let (dead_letters, dead) = sl::dead(conn, 20)?;
    let lease = sl::lease(conn)?.filter(|(_, until)| *until >= now).map(|(h, _)| h);
    // A state not refreshed for a minute was left by a task that is gone: down.
    let fresh = state.as_ref().is_some_and(|s| now - s.updated_at < Duration::seconds(60));
    Ok(Status {
        code: link.code.clone(),
        upper: link.upper.clone(),
        lower: link.lower.clone(),
        connected: fresh && state.as_ref().is_some_and(|s| s.connected),
        since: state.as_ref().map(|s| if fresh || !s.connected { s.since } else { s.updated_at }),
        seen_at: state.as_ref().map(|s| s.updated_at),
        queued,
        oldest_queued_at: oldest,
        last_sent_at: state.as_ref().and_then(|s| s.last_sent_at),
        last_received_at: state.as_ref().and_then(|s| s.last_received_at),
        received,
        held,
        dead_letters,
        dead: dead
            .into_iter()
            .map(|d| DeadJson { id: d.id, msg_id: d.msg_id, subject: d.subject, reason: d.reason, at: d.at })
            .collect(),
        sender_lease: lease,
        witness: sl::witnesses(conn)?
            .into_iter()
            .map(|(room, head, sent_at)| WitnessJson { room, head, sent_at })
            .collect(),
    })
}

/// The sender codes of incidents from below, for `incident list --json`'s `from`.
pub fn from_of(store: &Store, incident_id: i64) -> OpResult<Option<String>> {
    Ok(sl::from_of(store.conn(), incident_id)?.map(|f| f.from_room))
}
