-- dutywatch schema: incidents that evolve (issue 15). Facts are updated with history: each update makes
-- a new version of the incident row (kept in incident_version as before) and one append-only
-- fact_update row naming each field that changed (old → new), who and when. Each report keeps the facts
-- it carried (report.facts, JSON; NULL on reports recorded before this version).
ALTER TABLE incident ADD COLUMN rescued INTEGER NOT NULL DEFAULT 0 CHECK (rescued >= 0);
ALTER TABLE incident ADD COLUMN evacuated INTEGER NOT NULL DEFAULT 0 CHECK (evacuated >= 0);
ALTER TABLE incident ADD COLUMN progress TEXT NOT NULL DEFAULT '';

ALTER TABLE report ADD COLUMN facts TEXT;
-- The escalation step a report recorded (the first report to a level tells that level): a correction of
-- the report corrects that step with it.
ALTER TABLE report ADD COLUMN step_id INTEGER REFERENCES escalation (id);
-- 要素不全: the elements a written report (书面首报, 终报) was sent without (JSON list of codes; NULL for
-- other kinds and for reports from before). Reporting while verifying is the practice: this never blocks.
ALTER TABLE report ADD COLUMN missing_elements TEXT;

CREATE TABLE fact_update (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    version     INTEGER NOT NULL,            -- the incident version this update made (addendum: the one it is beside)
    at          INTEGER NOT NULL,            -- when the facts became known (--at)
    by          TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    addendum    INTEGER NOT NULL DEFAULT 0 CHECK (addendum IN (0, 1)),   -- 补记 after the close
    changes     TEXT    NOT NULL             -- JSON [{"field", "old", "new"}]
);
CREATE INDEX fact_update_by_incident ON fact_update (incident_id, at, id);
CREATE TRIGGER fact_update_no_update BEFORE UPDATE ON fact_update
BEGIN SELECT RAISE(ABORT, 'fact updates are append-only'); END;
CREATE TRIGGER fact_update_no_delete BEFORE DELETE ON fact_update
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- Corrections (更正): a report recorded by mistake (the wrong recipient, the wrong incident) stays on the
-- record; a correction entry points at it with the reason, who and when, and the duties it fulfilled are
-- open again at their original due times (reopened: JSON list of their ids). One correction per entry;
-- a correction is never itself corrected.
CREATE TABLE correction (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    target      TEXT    NOT NULL CHECK (target IN ('report', 'step', 'ack')),
    target_id   INTEGER NOT NULL,
    reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
    by          TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    reopened    TEXT    NOT NULL DEFAULT '[]',
    original    TEXT    NOT NULL DEFAULT '{}',   -- the corrected entry as it stood (for an ack: who and when)
    UNIQUE (target, target_id)
);
CREATE INDEX correction_by_incident ON correction (incident_id);
CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- The archive (incident list filters, newest first): category and grade each walk their own incidents by
-- learned time, as status already does (incident_by_status), so a filtered page is a bounded index range.
CREATE INDEX incident_by_category ON incident (category, learned_at);
CREATE INDEX incident_by_grade ON incident (grade, learned_at);
