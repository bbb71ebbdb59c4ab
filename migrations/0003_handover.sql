-- dutywatch schema, version 2: duty log links, handover addenda, review-mode indexes.

-- Addenda to a signed (locked) handover sheet: the sheet itself never changes once both signed,
-- so anything learned later is added here, append-only.
CREATE TABLE handover_addendum (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES handover (id),
    at          INTEGER NOT NULL,
    author      TEXT    NOT NULL CHECK (length(trim(author)) > 0),
    body        TEXT    NOT NULL CHECK (length(trim(body)) > 0),
    created_at  INTEGER NOT NULL
);
CREATE INDEX handover_addendum_by_handover ON handover_addendum (handover_id, id);
CREATE TRIGGER handover_addendum_no_update BEFORE UPDATE ON handover_addendum
BEGIN
    SELECT RAISE(ABORT, 'handover addenda are append-only');
END;
CREATE TRIGGER handover_addendum_no_delete BEFORE DELETE ON handover_addendum
BEGIN
    SELECT RAISE(ABORT, 'handover addenda are append-only');
END;
CREATE TRIGGER handover_no_delete BEFORE DELETE ON handover BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- A feedback entry answers one instruction: "open instructions" is an anti-join on this column.
ALTER TABLE log_entry ADD COLUMN answers INTEGER REFERENCES log_entry (id);
CREATE INDEX log_by_answers ON log_entry (answers) WHERE answers IS NOT NULL;
CREATE INDEX log_by_kind ON log_entry (kind, at);

-- Review mode asks "the latest snapshot of each row of this table at or before T".
CREATE INDEX audit_by_entity_time ON audit_event (entity, at, entity_id);
-- Statistics and the handover ask for obligations by due time, done or not.
CREATE INDEX obligation_by_due ON obligation (due_at);
CREATE INDEX handover_by_end ON handover (period_end);
-- Review mode restricts to incidents not yet closed at T: closed ones are found by closing time.
CREATE INDEX incident_by_closed ON incident (closed_at);
