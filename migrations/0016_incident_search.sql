-- dutywatch schema: a narrow copy of each incident's searchable texts (issue 15).
--
-- The archive's text filter matches the title, the place, the reference and the summary. A page stops
-- at 50 rows, but the total printed when `--limit` cuts a list must test every incident, and over five
-- years (100,000 incidents) reading those four columns out of the wide incident rows took 58–63 ms of
-- CPU. Reading them from this table, one short row per incident, takes 33 ms (the same LIKE; FTS5 does
-- not split Chinese and `trigram` needs three characters, so an index cannot serve 火灾 or 滑坡).
--
-- Derived data, kept by triggers in the same transaction as the incident's insert or edit, so it can
-- never disagree with the incident; it is not part of the audited record (`check` compares incidents
-- with their snapshots). The fields are joined with U+001F, which no typed text holds.
CREATE TABLE IF NOT EXISTS incident_search (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);

INSERT OR REPLACE INTO incident_search (id, text)
SELECT id, title || char(31) || place || char(31) || ref || char(31) || summary FROM incident;

CREATE TRIGGER IF NOT EXISTS incident_search_insert AFTER INSERT ON incident
BEGIN
    INSERT OR REPLACE INTO incident_search (id, text)
    VALUES (NEW.id, NEW.title || char(31) || NEW.place || char(31) || NEW.ref || char(31) || NEW.summary);
END;

CREATE TRIGGER IF NOT EXISTS incident_search_update AFTER UPDATE OF title, place, ref, summary ON incident
BEGIN
    INSERT OR REPLACE INTO incident_search (id, text)
    VALUES (NEW.id, NEW.title || char(31) || NEW.place || char(31) || NEW.ref || char(31) || NEW.summary);
END;
