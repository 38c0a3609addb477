-- 0010: each audit row names the key of its HMAC (null on the unkeyed SHA-256 rows written before keys).
ALTER TABLE "audit_entries" ADD COLUMN "key_id" TEXT NULL;
