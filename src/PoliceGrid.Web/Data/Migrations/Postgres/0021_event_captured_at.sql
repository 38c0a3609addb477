-- 0021: when a report was captured on the phone (offline outbox), beside reported_at, when the server received it.
ALTER TABLE events ADD captured_at timestamp with time zone NULL;
