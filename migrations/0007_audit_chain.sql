-- dutywatch schema, version 7: a tamper-evident record (issue 14).
--
-- Each audit event gets a SHA-256 hash in this side table, written in the same transaction as the
-- event (src/store/audit.rs documents the exact bytes hashed). Every hash covers the previous one,
-- so changing, inserting or removing any event breaks the chain from that point on. The chain
-- starts from a random id made when the chain is started (meta 'chain_genesis'); the Rust side of
-- the migration (`audit::chain_start`) makes that id, records the migration as an event, and hashes
-- every event already in the file, oldest first.
CREATE TABLE audit_chain (
    event_id INTEGER PRIMARY KEY REFERENCES audit_event (id),
    hash     BLOB    NOT NULL CHECK (length(hash) = 32)
);

CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'audit_chain is append-only');
END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'audit_chain is append-only');
END;

-- `INSERT OR REPLACE` deletes the conflicting row without firing DELETE triggers (unless recursive
-- triggers are on), so the append-only triggers above and in 0001 do not see it: refuse it here.
CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_event
WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_chain_no_replace BEFORE INSERT ON audit_chain
WHEN EXISTS (SELECT 1 FROM audit_chain WHERE event_id = NEW.event_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_chain is append-only');
END;
CREATE TRIGGER handover_locked_no_replace BEFORE INSERT ON handover
WHEN EXISTS (SELECT 1 FROM handover WHERE id = NEW.id
             AND outgoing_signed_at IS NOT NULL AND incoming_signed_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'handover is signed and locked');
END;
CREATE TRIGGER log_entry_no_replace BEFORE INSERT ON log_entry
WHEN EXISTS (SELECT 1 FROM log_entry WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the duty log is append-only');
END;

-- PINs (issue 14): an argon2 hash (PHC string) per person, in a table of its own so no person query,
-- JSON or export ever reads it. Its audit snapshot holds only a SHA-256 of the stored hash
-- (`hash_sha256`), so `check` still sees a swapped hash while the hash itself never reaches the log.
CREATE TABLE person_pin (
    id         INTEGER PRIMARY KEY,                          -- the person's id
    person_id  INTEGER NOT NULL UNIQUE REFERENCES person (id),
    hash       TEXT    NOT NULL,
    set_at     INTEGER NOT NULL,
    set_by     TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE TRIGGER person_pin_no_delete BEFORE DELETE ON person_pin BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- Wrong PINs and lockouts, append-only: five wrong in 10 minutes lock that person's PIN for 10 minutes.
CREATE TABLE pin_attempt (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    at        INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('wrong', 'lock')),
    purpose   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pin_attempt_by_person ON pin_attempt (person_id, at);
CREATE TRIGGER pin_attempt_no_update BEFORE UPDATE ON pin_attempt BEGIN SELECT RAISE(ABORT, 'pin attempts are append-only'); END;
CREATE TRIGGER pin_attempt_no_delete BEFORE DELETE ON pin_attempt BEGIN SELECT RAISE(ABORT, 'pin attempts are append-only'); END;
