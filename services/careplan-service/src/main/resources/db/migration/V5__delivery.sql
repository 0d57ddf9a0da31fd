-- EHR endpoints that receive what the service produces: from configuration or registered through the admin API.
-- capabilities holds what was read from the endpoint's CapabilityStatement and SMART configuration (JSON).
CREATE TABLE delivery_endpoint (
    id                   text PRIMARY KEY,
    base_url             text        NOT NULL,
    auth                 text        NOT NULL,
    client_id            text,
    signing_algorithm    text        NOT NULL DEFAULT 'RS384',
    scope                text,
    patients             text[]      NOT NULL DEFAULT '{}',
    organizations        text[]      NOT NULL DEFAULT '{}',
    rate_per_second      double precision,
    capabilities         jsonb,
    capabilities_read    timestamptz,
    updated              timestamptz NOT NULL
);

-- One row per (endpoint, resource): the delivery status and the ledger of what the EHR holds. The outbox entry proper
-- is a db-scheduler task (scheduled_tasks) per (endpoint, resource, version), written in the same transaction as the
-- resource version. ehr_id is the id the EHR assigned; delivered_version the last version it holds.
-- in_flight is set before each request and cleared when its outcome is known: a set flag after a crash or timeout
-- means the EHR may hold the resource already, so the next attempt reconciles before creating.
-- lease_until keeps two versions of one resource from being sent at the same time (by two replicas).
CREATE TABLE delivery (
    endpoint_id        text        NOT NULL REFERENCES delivery_endpoint (id) ON DELETE CASCADE,
    res_type           text        NOT NULL,
    res_id             text        NOT NULL,
    state              text        NOT NULL,
    pending_version    integer     NOT NULL,
    delivered_version  integer,
    target_type        text,
    ehr_id             text,
    superseded_ehr_id  text,
    escalation         boolean     NOT NULL DEFAULT false,
    due                timestamptz NOT NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    failures           integer     NOT NULL DEFAULT 0,
    in_flight          boolean     NOT NULL DEFAULT false,
    lease_until        timestamptz,
    last_status        integer,
    last_error         text,
    outcome            jsonb,
    delivered_at       timestamptz,
    updated            timestamptz NOT NULL,
    PRIMARY KEY (endpoint_id, res_type, res_id)
);

CREATE INDEX delivery_state_due ON delivery (state, due);

-- The service's own signing keys for SMART Backend Services client assertions, generated once and shared by every
-- replica (the first to start inserts them). jwk is the private JWK (JSON).
CREATE TABLE delivery_signing_key (
    kid      text PRIMARY KEY,
    alg      text        NOT NULL UNIQUE,
    jwk      text        NOT NULL,
    created  timestamptz NOT NULL
);
