-- dutywatch schema: watch rooms linked over NATS JetStream (issue 20).
--
-- These tables are the link's transport state beside the record. The record itself (incidents,
-- steps, acks, the duty log) is written by the ordinary operations in the same transactions, with
-- their audit events; these rows say what travelled, so nothing is sent twice or lost.

-- Messages to other rooms. Written in the same transaction as the step, report, fact change or
-- acknowledgement that caused it; `msg_id` (this room's code + '.' + the row id) is made there too and is
-- JetStream's `Nats-Msg-Id` and the receiver's unique key. `sent_at` is set once JetStream acked.
CREATE TABLE link_outbox (
    id INTEGER PRIMARY KEY,
    msg_id TEXT UNIQUE,
    to_room TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('Alert', 'Update', 'Cancel', 'Ack')),
    incident_id INTEGER REFERENCES incident(id),
    escalation_id INTEGER REFERENCES escalation(id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX link_outbox_queued ON link_outbox (id) WHERE sent_at IS NULL;
-- An incident's messages to a room (Alert or Update? what does a Cancel withdraw?).
CREATE INDEX link_outbox_incident ON link_outbox (incident_id, to_room);

-- Messages from other rooms, each stored once (`msg_id` unique) in the transaction that applies it.
-- `state`: applied, or held (an Update that overtook its Alert; retried until `hold_until`).
CREATE TABLE link_inbox (
    id INTEGER PRIMARY KEY,
    msg_id TEXT NOT NULL UNIQUE,
    from_room TEXT NOT NULL,
    kind TEXT NOT NULL,
    remote_ref TEXT NOT NULL DEFAULT '',
    incident_id INTEGER REFERENCES incident(id),
    record_head TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('applied', 'held')),
    hold_until INTEGER
);
CREATE INDEX link_inbox_held ON link_inbox (received_at) WHERE state = 'held';
-- The message of an incident sent last (an acknowledgement answers it; an older update must not undo it).
CREATE INDEX link_inbox_incident ON link_inbox (incident_id, sent_at);

-- Incidents that came in from below: incident `from` in `incident list --json`.
CREATE TABLE link_incident (
    incident_id INTEGER PRIMARY KEY REFERENCES incident(id),
    from_room TEXT NOT NULL,
    remote_ref TEXT NOT NULL,
    acked_at INTEGER,
    acked_by TEXT,
    UNIQUE (from_room, remote_ref)
);

-- Malformed or foreign messages, with the reason (also published to the dead-letter subject).
CREATE TABLE link_dead (
    id INTEGER PRIMARY KEY,
    msg_id TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    reason TEXT NOT NULL,
    body TEXT NOT NULL,
    at INTEGER NOT NULL
);

-- One sender works the outbox at a time (a board or `link run`): the holder renews `until`.
CREATE TABLE link_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until INTEGER NOT NULL
);

-- Connection state as the last link task saw it (link status, the board's link line).
CREATE TABLE link_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    connected INTEGER NOT NULL,
    since INTEGER NOT NULL,
    last_sent_at INTEGER,
    last_received_at INTEGER,
    updated_at INTEGER NOT NULL
);
