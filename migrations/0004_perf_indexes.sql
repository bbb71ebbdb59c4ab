-- dutywatch schema, version 4: indexes for years of history (issue 8). Each one serves a query on
-- the board's path or on every save; tests/query_plans.rs checks the plans with EXPLAIN QUERY PLAN.

-- Numbering a new incident asks for the highest reference of the year ("2026-0042"): one probe of
-- this index instead of a LIKE scan of every incident ever recorded (it grew with the history).
CREATE INDEX incident_ref_seq ON incident (substr(ref, 1, 5), length(ref), ref);
