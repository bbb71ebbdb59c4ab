-- dutywatch schema, version 1.
-- Instants are INTEGER seconds since the Unix epoch, UTC. Nothing is deleted: rows are superseded
-- (shift.replaced_by), voided (obligation.voided_at) or versioned (incident.version + incident_version).
-- Every mutation writes an audit_event in the same transaction; audit_event is append-only.

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    phone       TEXT    NOT NULL DEFAULT '',
    department  TEXT    NOT NULL DEFAULT '',
    roles       TEXT    NOT NULL DEFAULT 'officer',   -- comma list of role codes
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX person_name ON person (name);

CREATE TABLE shift (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES person (id),
    role             TEXT    NOT NULL CHECK (role IN ('officer', 'leader', 'standby')),
    start_at         INTEGER NOT NULL,
    end_at           INTEGER NOT NULL,
    replaces         INTEGER REFERENCES shift (id),    -- the assignment this one replaced (swap/cover)
    swap_reason      TEXT,
    swap_approved_by TEXT,
    superseded_at    INTEGER,                          -- set when a swap replaced this assignment
    created_at       INTEGER NOT NULL,
    CHECK (end_at > start_at)
);
-- The board asks "who is on duty at t" and roster screens ask for a window: both by time.
CREATE INDEX shift_live_by_time ON shift (start_at, end_at) WHERE superseded_at IS NULL;
CREATE INDEX shift_person ON shift (person_id, start_at);

CREATE TABLE calendar_period (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    start_date      TEXT    NOT NULL,   -- local calendar date YYYY-MM-DD
    end_date        TEXT    NOT NULL,
    leader_required INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    CHECK (end_date >= start_date)
);

CREATE TABLE incident (
    id           INTEGER PRIMARY KEY,
    ref          TEXT    NOT NULL UNIQUE,            -- 2026-0042: year of learning + sequence
    version      INTEGER NOT NULL DEFAULT 1,         -- optimistic concurrency: bumped on every change
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    category     TEXT    NOT NULL CHECK (category IN ('natural', 'accident', 'health', 'social')),
    grade        TEXT    NOT NULL CHECK (grade IN ('I', 'II', 'III', 'IV', 'unknown')),
    occurred_at  INTEGER NOT NULL,
    learned_at   INTEGER NOT NULL,
    place        TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT 'phone',
    caller_unit  TEXT    NOT NULL DEFAULT '',
    caller_name  TEXT    NOT NULL DEFAULT '',
    caller_title TEXT    NOT NULL DEFAULT '',
    caller_phone TEXT    NOT NULL DEFAULT '',
    informed     TEXT    NOT NULL DEFAULT '',
    dead         INTEGER NOT NULL DEFAULT 0 CHECK (dead >= 0),
    injured      INTEGER NOT NULL DEFAULT 0 CHECK (injured >= 0),
    missing      INTEGER NOT NULL DEFAULT 0 CHECK (missing >= 0),
    trapped      INTEGER NOT NULL DEFAULT 0 CHECK (trapped >= 0),
    summary      TEXT    NOT NULL DEFAULT '',
    measures     TEXT    NOT NULL DEFAULT '',
    needs        TEXT    NOT NULL DEFAULT '',
    cause        TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended', 'closed')),
    ended_at     INTEGER,
    closed_at    INTEGER,
    created_at   INTEGER NOT NULL,
    created_by   TEXT    NOT NULL DEFAULT '',
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT    NOT NULL DEFAULT '',
    CHECK (occurred_at <= learned_at)
);
CREATE INDEX incident_by_status ON incident (status, learned_at);
CREATE INDEX incident_by_learned ON incident (learned_at);

-- Every earlier version of an incident row, as JSON, with who changed it and when.
CREATE TABLE incident_version (
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    version     INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    changed_at  INTEGER NOT NULL,
    changed_by  TEXT    NOT NULL,
    PRIMARY KEY (incident_id, version)
) WITHOUT ROWID;

CREATE TABLE obligation (
    id            INTEGER PRIMARY KEY,
    incident_id   INTEGER NOT NULL REFERENCES incident (id),
    kind          TEXT    NOT NULL,
    anchor_at     INTEGER NOT NULL,
    due_at        INTEGER NOT NULL,
    done_at       INTEGER,
    late          INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),   -- 迟报: once set, never cleared
    fulfilled_by  TEXT,                                               -- 'report:12' or 'escalation:7'
    voided_at     INTEGER,
    void_reason   TEXT,
    created_at    INTEGER NOT NULL,
    CHECK (due_at >= anchor_at)
);
-- "Due next" reads open obligations by due time: a partial index keeps it small with years of history.
CREATE INDEX obligation_open_by_due ON obligation (due_at, id) WHERE done_at IS NULL AND voided_at IS NULL;
CREATE INDEX obligation_by_incident ON obligation (incident_id);

CREATE TABLE report (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('first-phone', 'first-written', 'national', 'followup', 'final')),
    seq         INTEGER NOT NULL DEFAULT 0,
    sent_at     INTEGER NOT NULL,
    recipient   TEXT    NOT NULL,
    channel     TEXT    NOT NULL CHECK (channel IN ('phone', 'fax', 'system', 'other')),
    signer      TEXT    NOT NULL DEFAULT '',
    doc_no      TEXT    NOT NULL DEFAULT '',
    sent_by     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX report_by_incident ON report (incident_id, sent_at);

CREATE TABLE escalation (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    level       TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    sent_at     INTEGER NOT NULL,
    sent_by     TEXT    NOT NULL DEFAULT '',
    ack_at      INTEGER,
    ack_by      TEXT,
    skip_level  INTEGER NOT NULL DEFAULT 0 CHECK (skip_level IN (0, 1)),
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    CHECK (ack_at IS NULL OR ack_at >= sent_at)
);
CREATE INDEX escalation_by_incident ON escalation (incident_id, sent_at);
CREATE INDEX escalation_unacked ON escalation (sent_at) WHERE ack_at IS NULL;

CREATE TABLE log_entry (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    author      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    incident_id INTEGER REFERENCES incident (id),
    body        TEXT    NOT NULL DEFAULT '',
    corrects    INTEGER REFERENCES log_entry (id),
    data        TEXT,                               -- kind-specific JSON (spot check, instruction …)
    created_at  INTEGER NOT NULL
);
CREATE INDEX log_by_time ON log_entry (at, id);
CREATE INDEX log_by_incident ON log_entry (incident_id, at) WHERE incident_id IS NOT NULL;

CREATE TABLE equipment_check (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    device       TEXT    NOT NULL,
    ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
    note         TEXT    NOT NULL DEFAULT '',
    author       TEXT    NOT NULL DEFAULT '',
    log_entry_id INTEGER REFERENCES log_entry (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX equipment_by_device ON equipment_check (device, at);

CREATE TABLE handover (
    id                 INTEGER PRIMARY KEY,
    period_start       INTEGER NOT NULL,
    period_end         INTEGER NOT NULL,
    outgoing           TEXT    NOT NULL,
    incoming           TEXT    NOT NULL,
    leader             TEXT    NOT NULL DEFAULT '',
    sheet              TEXT    NOT NULL,            -- the generated sheet, JSON
    remarks            TEXT    NOT NULL DEFAULT '',
    outgoing_signed_at INTEGER,
    incoming_signed_at INTEGER,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         INTEGER NOT NULL,
    CHECK (period_end > period_start)
);
CREATE INDEX handover_by_period ON handover (period_start);

-- Append-only history. `data` holds the row as it stood after the change, so review mode can
-- rebuild any past moment from this table alone.
CREATE TABLE audit_event (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    data      TEXT    NOT NULL
);
CREATE INDEX audit_by_entity ON audit_event (entity, entity_id, id);
CREATE INDEX audit_by_time ON audit_event (at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;

-- A signed handover is locked: its content may not change (addenda are separate rows, added later).
CREATE TRIGGER handover_locked BEFORE UPDATE ON handover
WHEN OLD.outgoing_signed_at IS NOT NULL AND OLD.incoming_signed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'handover is signed and locked');
END;

-- Nothing is deleted from the record tables.
CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER report_no_delete BEFORE DELETE ON report BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER log_entry_no_update BEFORE UPDATE ON log_entry BEGIN SELECT RAISE(ABORT, 'the duty log is append-only'); END;
CREATE TRIGGER log_entry_no_delete BEFORE DELETE ON log_entry BEGIN SELECT RAISE(ABORT, 'the duty log is append-only'); END;

-- Identity of the file, so `check` and open can tell a dutywatch database from any other SQLite file.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('application', 'dutywatch');
