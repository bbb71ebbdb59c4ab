-- dutywatch schema: an ack corrected, the step acknowledged again, and that ack corrected in turn
-- (issue 15). A report or a step is corrected once; the acknowledgement of a step can be given again
-- after a correction, and each ack is an entry of its own: ack_seq numbers the corrected acks of a step
-- (0 for the first, 1 for the ack given after it was corrected, …; always 0 for a report or a step).
-- The uniqueness moves from (target, target_id) to (target, target_id, ack_seq), so the table is
-- rebuilt; every row keeps its id and values, and corrections stay append-only.
DROP TRIGGER correction_no_update;
DROP TRIGGER correction_no_delete;
CREATE TABLE correction_rebuilt (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    target      TEXT    NOT NULL CHECK (target IN ('report', 'step', 'ack')),
    target_id   INTEGER NOT NULL,
    reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
    by          TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    reopened    TEXT    NOT NULL DEFAULT '[]',
    original    TEXT    NOT NULL DEFAULT '{}',
    ack_seq     INTEGER NOT NULL DEFAULT 0 CHECK (ack_seq = 0 OR (target = 'ack' AND ack_seq > 0)),
    UNIQUE (target, target_id, ack_seq)
);
INSERT INTO correction_rebuilt (id, incident_id, target, target_id, reason, by, at, reopened, original)
    SELECT id, incident_id, target, target_id, reason, by, at, reopened, original FROM correction ORDER BY id;
DROP TABLE correction;
ALTER TABLE correction_rebuilt RENAME TO correction;
CREATE INDEX correction_by_incident ON correction (incident_id);
CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
