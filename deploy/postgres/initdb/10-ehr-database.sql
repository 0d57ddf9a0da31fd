-- The FHIR server standing in for the EHR keeps its data in its own database and role.
-- Runs once, when the postgres volume is created empty.
CREATE ROLE ehr WITH LOGIN PASSWORD 'ehr';
CREATE DATABASE ehr OWNER ehr;
