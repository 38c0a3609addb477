-- 0009: Open311 publishes only what the administrator made public, and only text a moderator approved.
-- Categories: public by default when they are neither police work nor confidential.

ALTER TABLE "event_categories" ADD COLUMN "is_public" INTEGER NOT NULL DEFAULT 0;
UPDATE "event_categories" SET "is_public" = CASE WHEN "is_police" = 0 AND "confidential" = 0 THEN 1 ELSE 0 END;

ALTER TABLE "events" ADD COLUMN "public_text" TEXT NULL;
