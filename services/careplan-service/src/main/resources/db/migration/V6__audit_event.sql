-- Who read or wrote what through the FHIR API: one row per request that reached the FHIR server with a token.
-- Holds ids, never resource content. who/client come from the access token (sub, client_id); patient is the token's
-- patient context, if any; resources lists 'Type/id' of what was returned or written (at most 100 per row).
create table audit_event (
    id          bigserial   primary key,
    recorded    timestamptz not null,
    who         text,
    client      text,
    patient     text,
    interaction text        not null,
    res_type    text,
    res_id      text,
    operation   text,
    status      integer     not null,
    resources   text[]      not null default '{}'
);

create index audit_event_recorded on audit_event (recorded);
create index audit_event_patient on audit_event (patient, recorded) where patient is not null;
