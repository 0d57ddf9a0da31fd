-- One row per surgery episode (keyed by the surgery request's identifier): what was last applied.
CREATE TABLE episode (
    episode_key        text PRIMARY KEY,
    patient_ref        text        NOT NULL,
    fingerprint        text        NOT NULL,
    careplan_id        text        NOT NULL,
    communication_ids  text[]      NOT NULL DEFAULT '{}',
    updated            timestamptz NOT NULL
);
