-- 0006: the access model. A department officer belongs to one department; an account's access to personal data
-- takes effect when the security administrator approves it; a directive knows whether it is police text.
ALTER TABLE "accounts" ADD COLUMN "department" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "grant_approved_at" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "grant_approved_by_id" INTEGER NULL;
ALTER TABLE "directives" ADD COLUMN "target_is_police" INTEGER NOT NULL DEFAULT 0;

-- Accounts that worked before this migration keep working: their grants count as approved when it ran.
UPDATE "accounts" SET "grant_approved_at" = strftime('%Y-%m-%d %H:%M:%f', 'now');
UPDATE "directives" SET "target_is_police" = 1
WHERE "target_unit_id" IN (SELECT "id" FROM "units" WHERE "kind" IN (10, 11, 12));
