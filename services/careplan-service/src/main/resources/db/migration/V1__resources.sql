-- Every version of every resource, as written. Reads of older versions (vread, history, paged searches) come from here.
create table resource_version (
    res_type     text        not null,
    res_id       text        not null,
    version_id   integer     not null,
    last_updated timestamptz not null,
    content      jsonb       not null,
    primary key (res_type, res_id, version_id)
);

-- The current version of each resource with the columns searches filter on, extracted at write time.
-- date_start is inclusive and date_end exclusive; null means open-ended.
-- identifiers and categories hold 'system|value' and '|value' (the latter matches a value in any system).
-- refs holds outgoing references as 'Type/id' (CarePlan goals, Provenance targets, ...) for _include/_revinclude.
create table resource_current (
    res_type     text        not null,
    res_id       text        not null,
    version_id   integer     not null,
    last_updated timestamptz not null,
    content_hash text        not null,
    subject      text,
    status       text,
    categories   text[]      not null default '{}',
    identifiers  text[]      not null default '{}',
    date_start   timestamptz,
    date_end     timestamptz,
    refs         text[]      not null default '{}',
    url          text,
    version      text,
    primary key (res_type, res_id)
);

create index resource_current_type_updated on resource_current (res_type, last_updated, res_id);
create index resource_current_subject on resource_current (subject, res_type);
create index resource_current_url on resource_current (url, version) where url is not null;
create index resource_current_dates on resource_current (res_type, date_start, date_end);
create index resource_current_identifiers on resource_current using gin (identifiers);
create index resource_current_categories on resource_current using gin (categories);
create index resource_current_refs on resource_current using gin (refs);

-- The ordered matches of one search ('Type/id/_history/version'), so every page of it shows what matched at search
-- time, on any replica. Rows older than the snapshot lifetime are deleted lazily when new searches are stored.
create table search_snapshot (
    id       uuid        primary key,
    created  timestamptz not null,
    kind     text        not null,
    refs     text[]      not null,
    includes text[]      not null default '{}'
);

create index search_snapshot_created on search_snapshot (created);
