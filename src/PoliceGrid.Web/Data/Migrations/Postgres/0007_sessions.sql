-- 0007: sessions that end and passwords that age: disabling, one-time first passwords, rotation, password history,
-- and the last second-factor code accepted (so a code is not accepted twice).

ALTER TABLE accounts ADD COLUMN disabled_at timestamp with time zone;
ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN password_changed_at timestamp with time zone;
ALTER TABLE accounts ADD COLUMN previous_password_hashes text;
ALTER TABLE accounts ADD COLUMN last_two_factor_code character varying(10);
ALTER TABLE accounts ADD COLUMN last_two_factor_at timestamp with time zone;

-- Passwords set before this migration count from now, so nobody is forced to change at the next sign-in.
UPDATE accounts SET password_changed_at = now() WHERE password_hash IS NOT NULL;
