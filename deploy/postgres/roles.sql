-- PoliceGrid's database roles (docs/deployment.md, section 2). Run once as postgres with psql:
--   psql -v ON_ERROR_STOP=1 -v owner_password="'…'" -v web_password="'…'" -f roles.sql
-- policegrid_owner owns the schema and runs migrations; policegrid_web runs the product as a member of
-- policegrid_app, which migration 0010 allows only INSERT and SELECT on the audit trail.
CREATE ROLE policegrid_owner LOGIN PASSWORD :owner_password;
-- The group may exist already (another PoliceGrid database on this server).
SELECT 'CREATE ROLE policegrid_app NOLOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'policegrid_app') \gexec
CREATE ROLE policegrid_web LOGIN PASSWORD :web_password IN ROLE policegrid_app;
CREATE DATABASE policegrid OWNER policegrid_owner ENCODING 'UTF8' TEMPLATE template0;
\connect policegrid
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO policegrid_owner;
GRANT USAGE ON SCHEMA public TO policegrid_app;
