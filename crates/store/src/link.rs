//! The link's rows (issue 20, migration 0013): outbox, inbox, incidents from below, dead letters, the
//! sender's lease and the connection state. Each write runs inside the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, from_ts, from_ts_opt, ts};

/// A queued or sent outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutRow {
    pub id: i64,
    pub msg_id: String,
    pub to_room: String,
    pub subject: String,
    pub kind: String,
    pub incident_id: Option<i64>,
    pub escalation_id: Option<i64>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: i64,
}

/// A new outbox row; `body` is made from the message id once the row has its id.
pub struct NewOut<'a> {
    pub code: &'a str,
    pub to_room: &'a str,
    pub kind: &'a str,
    pub incident_id: Option<i64>,
    pub escalation_id: Option<i64>,
}

/// Inserts an outbox row, its message id (`<code>.<row id>`) and the body made from that id, in the
/// caller's transaction (the step's). Returns the row id and the message id.
pub fn enqueue<E>(
    tx: &Connection,
    new: &NewOut<'_>,
    now: DateTime<Utc>,
    body: impl FnOnce(&str) -> std::result::Result<String, E>,
) -> Result<std::result::Result<(i64, String), E>> {
    let subject = crate::domain::link::subject(new.to_room, new.code);
    tx.execute(
        "INSERT INTO link_outbox (to_room, subject, kind, incident_id, escalation_id, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, '', ?6)",
        params![new.to_room, subject, new.kind, new.incident_id, new.escalation_id, ts(now)],
    )?;
    let id = tx.last_insert_rowid();
    let msg_id = crate::domain::link::msg_id(new.code, id);
    let text = match body(&msg_id) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    tx.execute("UPDATE link_outbox SET msg_id = ?1, body = ?2 WHERE id = ?3", params![msg_id, text, id])?;
    Ok(Ok((id, msg_id)))
}

const OUT_COLS: &str =
    "id, msg_id, to_room, subject, kind, incident_id, escalation_id, body, created_at, sent_at, attempts";

fn out_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutRow> {
    Ok(OutRow {
        id: r.get(0)?,
        msg_id: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        to_room: r.get(2)?,
        subject: r.get(3)?,
        kind: r.get(4)?,
        incident_id: r.get(5)?,
        escalation_id: r.get(6)?,
        body: r.get(7)?,
        created_at: from_ts(r.get(8)?),
        sent_at: from_ts_opt(r.get(9)?),
        attempts: r.get(10)?,
    })
}

/// The oldest queued rows, up to `limit`.
pub fn queued(conn: &Connection, limit: i64) -> Result<Vec<OutRow>> {
    let mut st =
        conn.prepare_cached(&format!("SELECT {OUT_COLS} FROM link_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?1"))?;
    let rows = st.query_map([limit], out_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many rows wait to be sent, and since when the oldest.
pub fn queue_len(conn: &Connection) -> Result<(i64, Option<DateTime<Utc>>)> {
    let (n, oldest): (i64, Option<i64>) =
        conn.query_row("SELECT count(*), min(created_at) FROM link_outbox WHERE sent_at IS NULL", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok((n, from_ts_opt(oldest)))
}

/// The outbox row of a message id.
pub fn out_by_msg(conn: &Connection, msg_id: &str) -> Result<Option<OutRow>> {
    Ok(conn
        .query_row(&format!("SELECT {OUT_COLS} FROM link_outbox WHERE msg_id = ?1"), [msg_id], out_row)
        .optional()?)
}

/// Every outbox row of an incident to a room, oldest first.
pub fn out_of_incident(conn: &Connection, incident_id: i64, to_room: &str) -> Result<Vec<OutRow>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {OUT_COLS} FROM link_outbox WHERE incident_id = ?1 AND to_room = ?2 ORDER BY id"
    ))?;
    let rows = st.query_map(params![incident_id, to_room], out_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// JetStream acked the row: it is sent (a row already marked stays as it was).
pub fn mark_sent(conn: &Connection, id: i64, at: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE link_outbox SET sent_at = ?1, attempts = attempts + 1, last_error = NULL WHERE id = ?2 AND sent_at IS NULL",
        params![ts(at), id],
    )?;
    conn.execute("UPDATE link_state SET last_sent_at = ?1 WHERE id = 1", [ts(at)])?;
    Ok(())
}

/// A publish failed: count it and keep the reason.
pub fn mark_failed(conn: &Connection, id: i64, error: &str) -> Result<()> {
    conn.execute("UPDATE link_outbox SET attempts = attempts + 1, last_error = ?1 WHERE id = ?2", params![error, id])?;
    Ok(())
}

/// Takes or renews the sender's lease for `holder` until `until`; false while another holder's lease
/// is still running.
pub fn take_lease(conn: &Connection, holder: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<bool> {
    let n = conn.execute(
        "INSERT INTO link_lease (name, holder, until) VALUES ('sender', ?1, ?2)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
         WHERE link_lease.holder = excluded.holder OR link_lease.until < ?3",
        params![holder, ts(until), ts(now)],
    )?;
    Ok(n == 1)
}

/// Gives the lease up (on a clean exit) so the next sender need not wait for it to run out.
pub fn release_lease(conn: &Connection, holder: &str) -> Result<()> {
    conn.execute("DELETE FROM link_lease WHERE name = 'sender' AND holder = ?1", [holder])?;
    Ok(())
}

/// The lease as it stands: holder and until.
pub fn lease(conn: &Connection) -> Result<Option<(String, DateTime<Utc>)>> {
    Ok(conn
        .query_row("SELECT holder, until FROM link_lease WHERE name = 'sender'", [], |r| {
            Ok((r.get::<_, String>(0)?, from_ts(r.get(1)?)))
        })
        .optional()?)
}

/// A received message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InRow {
    pub id: i64,
    pub msg_id: String,
    pub from_room: String,
    pub kind: String,
    pub remote_ref: String,
    pub incident_id: Option<i64>,
    pub body: String,
    pub sent_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub state: String,
    pub hold_until: Option<DateTime<Utc>>,
}

/// A message to store.
pub struct NewIn<'a> {
    pub msg_id: &'a str,
    pub from_room: &'a str,
    pub kind: &'a str,
    pub remote_ref: &'a str,
    pub incident_id: Option<i64>,
    pub record_head: &'a str,
    pub body: &'a str,
    pub sent_at: DateTime<Utc>,
    pub held_until: Option<DateTime<Utc>>,
}

/// Whether a message id is already stored (the receiver's unique key).
pub fn seen(conn: &Connection, msg_id: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM link_inbox WHERE msg_id = ?1)", [msg_id], |r| r.get(0))?)
}

/// Stores a received message: applied, or held until `held_until`.
pub fn insert_in(conn: &Connection, m: &NewIn<'_>, now: DateTime<Utc>) -> Result<i64> {
    let state = if m.held_until.is_some() { "held" } else { "applied" };
    conn.execute(
        "INSERT INTO link_inbox (msg_id, from_room, kind, remote_ref, incident_id, record_head, body, sent_at,
                                 received_at, state, hold_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            m.msg_id,
            m.from_room,
            m.kind,
            m.remote_ref,
            m.incident_id,
            m.record_head,
            m.body,
            ts(m.sent_at),
            ts(now),
            state,
            m.held_until.map(ts)
        ],
    )?;
    conn.execute("UPDATE link_state SET last_received_at = ?1 WHERE id = 1", [ts(now)])?;
    Ok(conn.last_insert_rowid())
}

/// A held message was applied now.
pub fn set_applied(conn: &Connection, id: i64, incident_id: Option<i64>) -> Result<()> {
    conn.execute(
        "UPDATE link_inbox SET state = 'applied', hold_until = NULL, incident_id = ?1 WHERE id = ?2",
        params![incident_id, id],
    )?;
    Ok(())
}

/// A held message's hold ran out: it leaves the held state (its dead letter says why).
pub fn set_expired(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE link_inbox SET state = 'applied', hold_until = NULL WHERE id = ?1", [id])?;
    Ok(())
}

const IN_COLS: &str =
    "id, msg_id, from_room, kind, remote_ref, incident_id, body, sent_at, received_at, state, hold_until";

fn in_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InRow> {
    Ok(InRow {
        id: r.get(0)?,
        msg_id: r.get(1)?,
        from_room: r.get(2)?,
        kind: r.get(3)?,
        remote_ref: r.get(4)?,
        incident_id: r.get(5)?,
        body: r.get(6)?,
        sent_at: from_ts(r.get(7)?),
        received_at: from_ts(r.get(8)?),
        state: r.get(9)?,
        hold_until: from_ts_opt(r.get(10)?),
    })
}

/// Messages held for their incident, oldest first.
pub fn held(conn: &Connection) -> Result<Vec<InRow>> {
    let mut st = conn.prepare_cached(&format!("SELECT {IN_COLS} FROM link_inbox WHERE state = 'held' ORDER BY id"))?;
    let rows = st.query_map([], in_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The applied message sent last for an incident (what an acknowledgement answers, and what an
/// older update must not undo).
pub fn latest_in_of(conn: &Connection, incident_id: i64) -> Result<Option<InRow>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {IN_COLS} FROM link_inbox WHERE incident_id = ?1 AND state = 'applied'
                 ORDER BY sent_at DESC, id DESC LIMIT 1"
            ),
            [incident_id],
            in_row,
        )
        .optional()?)
}

/// How many messages are stored, by state (applied, held).
pub fn inbox_counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*) FILTER (WHERE state = 'applied'), count(*) FILTER (WHERE state = 'held') FROM link_inbox",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The latest audit chain head each room sent (its record as it stood then, kept here as a witness
/// outside its file: `dutywatch check --head HASH` there says whether its record still extends it).
pub fn witnesses(conn: &Connection) -> Result<Vec<(String, String, DateTime<Utc>)>> {
    let mut st = conn.prepare_cached(
        "SELECT from_room, record_head, max(sent_at) FROM link_inbox WHERE record_head != '' GROUP BY from_room
         ORDER BY from_room",
    )?;
    let rows = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, from_ts(r.get(2)?))))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// An incident that came in from below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromBelow {
    pub incident_id: i64,
    pub from_room: String,
    pub remote_ref: String,
    pub acked_at: Option<DateTime<Utc>>,
    pub acked_by: Option<String>,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FromBelow> {
    Ok(FromBelow {
        incident_id: r.get(0)?,
        from_room: r.get(1)?,
        remote_ref: r.get(2)?,
        acked_at: from_ts_opt(r.get(3)?),
        acked_by: r.get(4)?,
    })
}

/// Records that an incident came from `from_room` as its `remote_ref`.
pub fn insert_from(conn: &Connection, incident_id: i64, from_room: &str, remote_ref: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO link_incident (incident_id, from_room, remote_ref) VALUES (?1, ?2, ?3)",
        params![incident_id, from_room, remote_ref],
    )?;
    Ok(())
}

/// The incident a room's reference maps to here.
pub fn find_from(conn: &Connection, from_room: &str, remote_ref: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT incident_id FROM link_incident WHERE from_room = ?1 AND remote_ref = ?2",
            params![from_room, remote_ref],
            |r| r.get(0),
        )
        .optional()?)
}

/// Where an incident came from, if from below.
pub fn from_of(conn: &Connection, incident_id: i64) -> Result<Option<FromBelow>> {
    Ok(conn
        .query_row(
            "SELECT incident_id, from_room, remote_ref, acked_at, acked_by FROM link_incident WHERE incident_id = ?1",
            [incident_id],
            from_row,
        )
        .optional()?)
}

/// Every incident from below, newest first, up to `limit`.
pub fn from_below(conn: &Connection, limit: i64) -> Result<Vec<FromBelow>> {
    let mut st = conn.prepare_cached(
        "SELECT incident_id, from_room, remote_ref, acked_at, acked_by FROM link_incident
         ORDER BY incident_id DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Records the receiving room's acknowledgement of an incident from below.
pub fn set_from_acked(conn: &Connection, incident_id: i64, at: DateTime<Utc>, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE link_incident SET acked_at = ?1, acked_by = ?2 WHERE incident_id = ?3",
        params![ts(at), by, incident_id],
    )?;
    Ok(())
}

/// A refused message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dead {
    pub id: i64,
    pub msg_id: String,
    pub subject: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Keeps a refused message with the reason.
pub fn insert_dead(
    conn: &Connection,
    msg_id: &str,
    subject: &str,
    reason: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO link_dead (msg_id, subject, reason, body, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![msg_id, subject, reason, body, ts(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The latest dead letters, newest first, and how many there are.
pub fn dead(conn: &Connection, limit: i64) -> Result<(i64, Vec<Dead>)> {
    let n: i64 = conn.query_row("SELECT count(*) FROM link_dead", [], |r| r.get(0))?;
    let mut st =
        conn.prepare_cached("SELECT id, msg_id, subject, reason, at FROM link_dead ORDER BY id DESC LIMIT ?1")?;
    let rows = st
        .query_map([limit], |r| {
            Ok(Dead { id: r.get(0)?, msg_id: r.get(1)?, subject: r.get(2)?, reason: r.get(3)?, at: from_ts(r.get(4)?) })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((n, rows))
}

/// The connection state as the last link task saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkState {
    pub connected: bool,
    pub since: DateTime<Utc>,
    pub last_sent_at: Option<DateTime<Utc>>,
    pub last_received_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Records a change of the connection (or a heartbeat: `updated_at`). `since` moves only on a change.
pub fn set_connected(conn: &Connection, connected: bool, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO link_state (id, connected, since, updated_at) VALUES (1, ?1, ?2, ?2)
         ON CONFLICT (id) DO UPDATE SET
           since = CASE WHEN connected = excluded.connected THEN since ELSE excluded.since END,
           connected = excluded.connected, updated_at = excluded.updated_at",
        params![connected, ts(now)],
    )?;
    Ok(())
}

/// The connection state, if a link task ever ran on this file.
pub fn state(conn: &Connection) -> Result<Option<LinkState>> {
    Ok(conn
        .query_row(
            "SELECT connected, since, last_sent_at, last_received_at, updated_at FROM link_state WHERE id = 1",
            [],
            |r| {
                Ok(LinkState {
                    connected: r.get(0)?,
                    since: from_ts(r.get(1)?),
                    last_sent_at: from_ts_opt(r.get(2)?),
                    last_received_at: from_ts_opt(r.get(3)?),
                    updated_at: from_ts(r.get(4)?),
                })
            },
        )
        .optional()?)
}
