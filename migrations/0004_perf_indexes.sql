-- dutywatch schema, version 4: indexes for years of history (issue 8). Each one serves a query on
-- the board's path or on every save; tests/query_plans.rs checks the plans with EXPLAIN QUERY PLAN.

-- Numbering a new incident asks for the highest reference of the year ("2026-0042"): one probe of
-- this index instead of a LIKE scan of every incident ever recorded (it grew with the history).
CREATE INDEX incident_ref_seq ON incident (substr(ref, 1, 5), length(ref), ref);

-- Review mode asks for the incidents not yet closed at T: `closed_at IS NULL` plus `closed_at > T`,
-- both filtered on created_at. Covering, so the range branch reads the index alone.
DROP INDEX incident_by_closed;
CREATE INDEX incident_by_closed ON incident (closed_at, created_at);

-- Review mode's roster strip asks for every shift (superseded or not) around T: the partial
-- `shift_live_by_time` cannot serve it.
CREATE INDEX shift_by_start ON shift (start_at, end_at, created_at);
