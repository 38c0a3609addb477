-- 0009: Open311 publishes only what the administrator made public, and only text a moderator approved.
-- Categories: public by default when they are neither police work nor confidential.

ALTER TABLE event_categories ADD COLUMN is_public boolean NOT NULL DEFAULT FALSE;
UPDATE event_categories SET is_public = NOT is_police AND NOT confidential;

ALTER TABLE events ADD COLUMN public_text character varying(1000);
