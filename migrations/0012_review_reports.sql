-- dutywatch schema: indexes for the reviewer's period reports (issue 16).
--
-- `report acks` reads every escalation step sent in a period (acknowledged or not): the partial
-- `escalation_unacked` covers only the unacknowledged ones and `escalation_by_incident` starts with the
-- incident, so without this index the report scanned every step ever sent (tests/query_plans.rs,
-- `report_queries_use_indexes`).
CREATE INDEX IF NOT EXISTS escalation_by_sent ON escalation (sent_at);

-- `report equipment` reads the fault checks of a period per device (`equipment_by_device` serves
-- it); `report spot-checks` reads `log_by_kind`; `report late` reads `obligation_by_due`;
-- `report handovers` reads `handover_by_end`. Nothing else is needed.
