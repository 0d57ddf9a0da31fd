-- Why a delivery is held for an operator (state dead or parked), as a code the admin API filters on: refused,
-- unreconcilable, missing-patient, edited-at-ehr, behind-parked. Rows held before this column are classified from
-- what they already record.
ALTER TABLE delivery ADD COLUMN hold_reason text;

UPDATE delivery SET hold_reason = CASE
        WHEN state = 'dead' AND last_status IS NOT NULL THEN 'refused'
        WHEN state = 'dead' THEN 'unreconcilable'
        WHEN last_status IN (409, 412) THEN 'edited-at-ehr'
        WHEN last_error LIKE 'waits for %' THEN 'behind-parked'
        ELSE 'missing-patient'
    END
    WHERE state IN ('dead', 'parked');

CREATE INDEX delivery_held ON delivery (endpoint_id, updated) WHERE state IN ('dead', 'parked');
