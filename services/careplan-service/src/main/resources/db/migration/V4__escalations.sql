-- One row per escalation: the care team's alert for the warning signs of one response (or one missed check-in scan),
-- and how far it has climbed. status is 'open' until the care team acknowledges it (or the patient answers again,
-- for missed check-ins), then 'acknowledged' or 'resolved'.
CREATE TABLE escalation (
    escalation_id   text        PRIMARY KEY,
    episode_key     text        NOT NULL,
    patient_ref     text        NOT NULL,
    careplan_id     text        NOT NULL,
    priority        text        NOT NULL,
    ladder          text[]      NOT NULL,
    level           integer     NOT NULL,
    alert_ids       text[]      NOT NULL,
    task_id         text        NOT NULL,
    trigger_ref     text        NOT NULL,
    status          text        NOT NULL,
    opened          timestamptz NOT NULL,
    closed          timestamptz
);

CREATE INDEX escalation_open_by_episode ON escalation (episode_key) WHERE status = 'open';
CREATE UNIQUE INDEX escalation_task ON escalation (task_id);

-- The findings (rule ids) an escalation was raised for: while it is open, the same finding of the same episode is
-- not raised again.
CREATE TABLE escalation_finding (
    escalation_id   text     NOT NULL REFERENCES escalation (escalation_id),
    episode_key     text     NOT NULL,
    rule_id         text     NOT NULL,
    priority_rank   smallint NOT NULL,
    PRIMARY KEY (escalation_id, rule_id)
);

CREATE INDEX escalation_finding_episode ON escalation_finding (episode_key, rule_id);
