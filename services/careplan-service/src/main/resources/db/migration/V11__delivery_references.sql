-- How an endpoint's Patients are found: 'same-id' (the EHR holds our subject's id) or 'identifier:<system>' (the
-- EHR's Patient carrying that identifier system with our subject's id as value, such as an MRN).
ALTER TABLE delivery_endpoint ADD COLUMN patient_identity text NOT NULL DEFAULT 'same-id';

-- The EHR's version of its copy (from ETag or meta.versionId), sent as If-Match so an edit made at the EHR is never
-- overwritten unseen.
ALTER TABLE delivery ADD COLUMN ehr_version text;
