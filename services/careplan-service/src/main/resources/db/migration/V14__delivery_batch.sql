-- The database transaction that queued a delivery: what one write queued for an endpoint (a plan's Goals, the plan
-- and its messages; an alert with what it cites) can travel as one FHIR transaction where the endpoint declares one.
-- Null: the delivery goes on its own (set after a transaction the EHR refused, so each gets its own answer).
ALTER TABLE delivery ADD COLUMN batch bigint;

CREATE INDEX delivery_batch ON delivery (endpoint_id, batch) WHERE state = 'pending' AND batch IS NOT NULL;
