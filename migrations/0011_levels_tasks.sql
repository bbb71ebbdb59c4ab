-- dutywatch schema: warning and response levels, findings and 督办 tasks (issue 18).
--
-- An incident's warning level (预警级别) and response level (响应级别) are apart from its grade. Each
-- change is one append-only level_change row: which (warning | response), old → new (NULL = none), the
-- reason (for an end: the end conditions), who decided and when. The current level is the newest row's.
-- Readiness timers and the 总结评估 duty are obligations on the incident's ledger (kinds `ready-<item>`,
-- `summary-eval`): same states, same 迟报 rules.
CREATE TABLE IF NOT EXISTS level_change (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    which       TEXT    NOT NULL CHECK (which IN ('warning', 'response')),
    old_level   TEXT    CHECK (old_level IS NULL OR old_level IN ('I', 'II', 'III', 'IV')),
    new_level   TEXT    CHECK (new_level IS NULL OR new_level IN ('I', 'II', 'III', 'IV')),
    reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
    by          TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS level_change_by_incident ON level_change (incident_id, which, at, id);
CREATE TRIGGER IF NOT EXISTS level_change_no_update BEFORE UPDATE ON level_change
BEGIN SELECT RAISE(ABORT, 'level changes are append-only'); END;
CREATE TRIGGER IF NOT EXISTS level_change_no_delete BEFORE DELETE ON level_change
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- 谎报 (false) and 瞒报 (concealed) findings from review: never deleted, never changed.
CREATE TABLE IF NOT EXISTS finding (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('false', 'concealed')),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    by          TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS finding_by_incident ON finding (incident_id);
CREATE INDEX IF NOT EXISTS finding_by_at ON finding (at);
CREATE TRIGGER IF NOT EXISTS finding_no_update BEFORE UPDATE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are never changed'); END;
CREATE TRIGGER IF NOT EXISTS finding_no_delete BEFORE DELETE ON finding
BEGIN SELECT RAISE(ABORT, 'findings are never deleted'); END;

-- 督办 tasks: a duty with an owner, a due time, and the ledger's end states. `obligation.incident_id` is
-- NOT NULL and a task may stand alone, so a task keeps the same ledger columns in its own row: done_at
-- (done, or done late), late (迟报: stamped when open past due, never cleared), end_state with who, when
-- and why (missed / waived / superseded), and anchor_at <= due_at (nothing due before it existed).
CREATE TABLE IF NOT EXISTS task (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    owner        TEXT    NOT NULL,
    from_leader  TEXT,
    incident_id  INTEGER REFERENCES incident (id),
    log_entry_id INTEGER REFERENCES log_entry (id),   -- the 批示 it came from
    anchor_at    INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    done_at      INTEGER,
    result       TEXT,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    end_state    TEXT    CHECK (end_state IS NULL OR end_state IN ('missed', 'waived', 'superseded')),
    ended_at     INTEGER,
    ended_by     TEXT,
    end_reason   TEXT,
    created_at   INTEGER NOT NULL,
    CHECK (due_at >= anchor_at)
);
CREATE INDEX IF NOT EXISTS task_open_by_due ON task (due_at, id) WHERE done_at IS NULL AND end_state IS NULL;
CREATE TRIGGER IF NOT EXISTS task_no_delete BEFORE DELETE ON task
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER IF NOT EXISTS task_late_stays BEFORE UPDATE OF late ON task WHEN OLD.late = 1 AND NEW.late = 0
BEGIN SELECT RAISE(ABORT, '迟报 is never cleared'); END;

-- Recurring and one-off duties (data/duties.toml): one row per occurrence, with the ledger's columns, made
-- when its local day begins (anchor_at) and never deleted. `ref` is the document it was done with; a zero
-- report fulfilled by a report of an incident that day says so in fulfilled_by (`report:N`).
CREATE TABLE IF NOT EXISTS duty (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    day          TEXT    NOT NULL,                 -- the local date it is owed, YYYY-MM-DD
    anchor_at    INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    done_at      INTEGER,
    ref          TEXT,
    fulfilled_by TEXT,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    end_state    TEXT    CHECK (end_state IS NULL OR end_state IN ('missed', 'waived', 'superseded')),
    ended_at     INTEGER,
    ended_by     TEXT,
    end_reason   TEXT,
    created_at   INTEGER NOT NULL,
    CHECK (due_at >= anchor_at),
    UNIQUE (name, day)
);
CREATE INDEX IF NOT EXISTS duty_open_by_due ON duty (due_at, id) WHERE done_at IS NULL AND end_state IS NULL;
CREATE TRIGGER IF NOT EXISTS duty_no_delete BEFORE DELETE ON duty
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER IF NOT EXISTS duty_late_stays BEFORE UPDATE OF late ON duty WHEN OLD.late = 1 AND NEW.late = 0
BEGIN SELECT RAISE(ABORT, '迟报 is never cleared'); END;

-- The weekly duty plan (周值班计划) filed with the upper duty room (PR-04): for which week (its Monday), to
-- whom, when, the Markdown sent and its SHA-256, the gaps it was filed with (--with-gaps), and the upper
-- room's acknowledgement (who, when). A plan filed again is a new row; nothing is deleted.
CREATE TABLE IF NOT EXISTS plan_filing (
    id           INTEGER PRIMARY KEY,
    week         TEXT    NOT NULL,                 -- YYYY-MM-DD, a Monday
    recipient    TEXT    NOT NULL CHECK (length(trim(recipient)) > 0),
    filed_at     INTEGER NOT NULL,
    filed_by     TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    content_sha256 TEXT  NOT NULL,
    gaps         TEXT    NOT NULL DEFAULT '[]',    -- JSON list of the gaps it was filed with
    ack_at       INTEGER,
    ack_by       TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS plan_filing_by_week ON plan_filing (week, id);
CREATE TRIGGER IF NOT EXISTS plan_filing_no_delete BEFORE DELETE ON plan_filing
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
