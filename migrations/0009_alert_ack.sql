-- dutywatch schema: alert acknowledgements (issue 17).
--
-- Each board raises alerts (due soon, overdue, an upper room's acknowledgement overdue) from the
-- ledger. An officer acknowledges them one by one; the acknowledgement records who and when, and is
-- kept here so every terminal on this file shows it (and stops ringing for it). `alert_key` names the
-- alert's cause, e.g. `due:42:overdue` (obligation 42 became overdue) or `ack:7` (escalation step 7
-- is awaiting the upper room's confirmation); the first acknowledgement of a key is the one kept.
CREATE TABLE IF NOT EXISTS alert_ack (
    id INTEGER PRIMARY KEY,
    alert_key TEXT NOT NULL UNIQUE,
    by_name TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_ack_at ON alert_ack (at);
-- IF NOT EXISTS: until 0007 and 0008 (other branches) are merged, this file runs as schema version 7;
-- a development file made then and opened after the merge would meet it again.
