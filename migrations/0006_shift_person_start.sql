-- dutywatch schema, version 6: big roster imports (issue 12).
--
-- The overlap check of every imported row asks for the live shifts of one person that start in
-- [start - longest shift, end). The old `shift_person (person_id, start_at)` index is not partial,
-- so superseded rows were read too, and nothing bounded the range from below: each row scanned the
-- person's whole history, and an import cost grew with the square of it. This partial, covering
-- index answers the bounded question from the index alone.
CREATE INDEX shift_live_person_start ON shift (person_id, start_at, end_at) WHERE superseded_at IS NULL;

-- The longest shift ever stored, in seconds: the lower bound of those range scans (overlap check,
-- who is on duty at T, review mode). Kept by triggers, so it holds for every writer (the app, a
-- script, a test fixture written in SQL) and whatever unit.toml allows.
INSERT OR REPLACE INTO meta (key, value)
    SELECT 'max_shift_secs', CAST(coalesce(max(end_at - start_at), 0) AS TEXT) FROM shift;

CREATE TRIGGER shift_longest_insert AFTER INSERT ON shift
WHEN NEW.end_at - NEW.start_at > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_shift_secs')
BEGIN
    UPDATE meta SET value = CAST(NEW.end_at - NEW.start_at AS TEXT) WHERE key = 'max_shift_secs';
END;

CREATE TRIGGER shift_longest_update AFTER UPDATE OF start_at, end_at ON shift
WHEN NEW.end_at - NEW.start_at > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_shift_secs')
BEGIN
    UPDATE meta SET value = CAST(NEW.end_at - NEW.start_at AS TEXT) WHERE key = 'max_shift_secs';
END;
