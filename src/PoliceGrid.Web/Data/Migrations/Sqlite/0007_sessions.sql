-- 0007: sessions that end and passwords that age: disabling, one-time first passwords, rotation, password history,
-- and the last second-factor code accepted (so a code is not accepted twice).

ALTER TABLE "accounts" ADD COLUMN "disabled_at" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "must_change_password" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "accounts" ADD COLUMN "password_changed_at" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "previous_password_hashes" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "last_two_factor_code" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "last_two_factor_at" TEXT NULL;

-- Passwords set before this migration count from now, so nobody is forced to change at the next sign-in.
UPDATE "accounts" SET "password_changed_at" = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE "password_hash" IS NOT NULL;
