-- 0010: each audit row names the key of its HMAC (null on the unkeyed SHA-256 rows written before keys), and the product
-- runs as a member of policegrid_app, which may add to and read the audit trail but not change, empty or own it.
-- Run as the owner role (ConnectionStrings:PoliceGridOwner). Creating the group needs CREATEROLE, unless a DBA made it first.
ALTER TABLE audit_entries ADD COLUMN key_id character varying(40) NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'policegrid_app') THEN
        CREATE ROLE policegrid_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database on this server created it at the same moment
END
$$;

GRANT USAGE ON SCHEMA public TO policegrid_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO policegrid_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO policegrid_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entries FROM policegrid_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM policegrid_app;

-- Tables later migrations create (as this same owner role) get the same rights; an append-only one revokes as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO policegrid_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO policegrid_app;
