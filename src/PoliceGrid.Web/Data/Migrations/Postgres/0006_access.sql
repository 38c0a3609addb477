-- 0006: the access model. A department officer belongs to one department; an account's access to personal data
-- takes effect when the security administrator approves it; a directive knows whether it is police text.
ALTER TABLE accounts ADD department character varying(40);
ALTER TABLE accounts ADD grant_approved_at timestamp with time zone;
ALTER TABLE accounts ADD grant_approved_by_id integer;
ALTER TABLE directives ADD target_is_police boolean NOT NULL DEFAULT FALSE;

-- Accounts that worked before this migration keep working: their grants count as approved when it ran.
UPDATE accounts SET grant_approved_at = now();
UPDATE directives SET target_is_police = TRUE
WHERE target_unit_id IN (SELECT id FROM units WHERE kind IN (10, 11, 12));
