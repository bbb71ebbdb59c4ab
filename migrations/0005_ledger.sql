-- dutywatch schema, version 5: the obligation ledger (issue 11). Every duty ever created stays on the
-- record and ends in exactly one state: done / done-late (done_at), or missed / waived / superseded
-- (end_state, with who, when — voided_at — and why — void_reason). Tracking items (tracking = 1) are what
-- the chain above us owes (relayed levels); they are shown apart and are never this unit's 迟报 or 漏报.
ALTER TABLE obligation ADD COLUMN end_state TEXT
    CHECK (end_state IS NULL OR end_state IN ('missed', 'waived', 'superseded'));
ALTER TABLE obligation ADD COLUMN ended_by TEXT;
ALTER TABLE obligation ADD COLUMN tracking INTEGER NOT NULL DEFAULT 0 CHECK (tracking IN (0, 1));

-- "Due next", the minute's 迟报 stamping and the handover read this unit's open duties by due time. Tracking
-- items of closed incidents may stay open for ever (nobody confirmed the relay): keep them out of that index
-- so the scan does not grow with the history.
CREATE INDEX obligation_open_duty_by_due ON obligation (due_at, id)
    WHERE done_at IS NULL AND voided_at IS NULL AND tracking = 0;

-- Before version 5, a close silently voided the reports never sent: on the record those are 漏报.
-- Anything voided for another reason (a regrade, handling ended) was superseded.
UPDATE obligation
   SET end_state = CASE WHEN void_reason = 'incident closed' THEN 'missed' ELSE 'superseded' END,
       ended_by = 'migration'
 WHERE voided_at IS NOT NULL;
-- `reach-<level>` items were only ever created for levels above the next one: the chain relays those.
UPDATE obligation SET tracking = 1 WHERE kind LIKE 'reach-%';

-- The audit log carries each changed row as it now stands, so review mode and `check` see the migration.
INSERT INTO audit_event (at, actor, action, entity, entity_id, data)
SELECT CAST(strftime('%s', 'now') AS INTEGER), 'migration', 'obligation.migrate', 'obligation', id,
       json_object('id', id, 'incident_id', incident_id, 'kind', kind, 'anchor_at', anchor_at, 'due_at', due_at,
                   'done_at', done_at, 'late', late, 'fulfilled_by', fulfilled_by, 'voided_at', voided_at,
                   'void_reason', void_reason, 'created_at', created_at, 'end_state', end_state,
                   'ended_by', ended_by, 'tracking', tracking)
  FROM obligation
 WHERE voided_at IS NOT NULL OR tracking = 1;
