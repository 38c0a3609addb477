-- 0002: the audit trail is append-only (demo and single-machine installs; production runs on PostgreSQL).
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除 / the audit trail is append-only');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能修改或删除 / the audit trail is append-only');
END;
