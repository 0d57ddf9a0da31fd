-- Each version's JSON exactly as the service encoded it, meta.versionId and meta.lastUpdated included, so reads serve
-- these bytes without parsing and encoding them again. No SQL reads inside a resource (searches use
-- resource_current's columns), so nothing needs jsonb; text also spares the database parsing every plan it is sent.
-- Versions written before this migration keep their jsonb content and no json; they are parsed and encoded on read.
alter table resource_version add column json text;
alter table resource_version alter column content drop not null;
alter table resource_version add constraint resource_version_has_content check (json is not null or content is not null);
