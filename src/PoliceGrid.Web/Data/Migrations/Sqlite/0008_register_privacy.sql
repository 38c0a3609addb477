-- 0008: the duplicate check as an ID lookup (hits counted per account for the hourly limit), residence checks
-- (人户变动) for the record's officer, and masked ID numbers that show the region code only.

-- SQLite cannot drop a column default, so duplicates_prevented is rebuilt with its new "lookup" column.
CREATE TABLE "duplicates_prevented_0008" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_duplicates_prevented" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "existing_resident_id" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "account_id" INTEGER NOT NULL,
    "lookup" INTEGER NOT NULL
);
INSERT INTO "duplicates_prevented_0008" ("id", "at", "existing_resident_id", "area_path", "account_id", "lookup")
    SELECT "id", "at", "existing_resident_id", "area_path", "account_id", 0 FROM "duplicates_prevented";
DROP TABLE "duplicates_prevented";
ALTER TABLE "duplicates_prevented_0008" RENAME TO "duplicates_prevented";
CREATE INDEX "ix_duplicates_prevented_area_path" ON "duplicates_prevented" ("area_path");
CREATE INDEX "ix_duplicates_prevented_account_id_at" ON "duplicates_prevented" ("account_id", "at");

CREATE TABLE "residence_change_checks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_residence_change_checks" PRIMARY KEY AUTOINCREMENT,
    "resident_id" INTEGER NOT NULL,
    "proposed_address_id" INTEGER NOT NULL,
    "collector_id" INTEGER NOT NULL,
    "collector_name" TEXT NOT NULL,
    "raised_at" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "police_district_id" INTEGER NULL,
    "decided_by_id" INTEGER NULL,
    "decided_by_name" TEXT NULL,
    "decided_at" TEXT NULL,
    CONSTRAINT "fk_residence_change_checks_residents_resident_id" FOREIGN KEY ("resident_id") REFERENCES "residents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_residence_change_checks_standard_addresses_proposed_address_id" FOREIGN KEY ("proposed_address_id") REFERENCES "standard_addresses" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_residence_change_checks_police_district_id_status" ON "residence_change_checks" ("police_district_id", "status");
CREATE INDEX "ix_residence_change_checks_proposed_address_id" ON "residence_change_checks" ("proposed_address_id");
CREATE INDEX "ix_residence_change_checks_resident_id" ON "residence_change_checks" ("resident_id");

-- Masked ID numbers keep the region code only (410402************): the last four beside the birth date rebuilt them.
UPDATE "residents" SET "id_number_masked" = substr("id_number_masked", 1, 6) || '************'
    WHERE length("id_number_masked") = 18 AND substr("id_number_masked", 7, 8) = '********';
-- Versions and pending proposals hold masked values in JSON; SQLite has no regexp_replace, so each remaining
-- "********" + 4 characters becomes a marker of the same length, one occurrence per pass (a change holds at most two
-- numbers in each of before/after, a proposal one), then the markers become stars.
UPDATE "register_changes" SET "changes" = substr("changes", 1, instr("changes", '********') - 1) || '~~~~~~~~~~~~' || substr("changes", instr("changes", '********') + 12) WHERE instr("changes", '********') > 0;
UPDATE "register_changes" SET "changes" = substr("changes", 1, instr("changes", '********') - 1) || '~~~~~~~~~~~~' || substr("changes", instr("changes", '********') + 12) WHERE instr("changes", '********') > 0;
UPDATE "register_changes" SET "changes" = substr("changes", 1, instr("changes", '********') - 1) || '~~~~~~~~~~~~' || substr("changes", instr("changes", '********') + 12) WHERE instr("changes", '********') > 0;
UPDATE "register_changes" SET "changes" = substr("changes", 1, instr("changes", '********') - 1) || '~~~~~~~~~~~~' || substr("changes", instr("changes", '********') + 12) WHERE instr("changes", '********') > 0;
UPDATE "register_changes" SET "changes" = replace("changes", '~~~~~~~~~~~~', '************') WHERE instr("changes", '~~~~~~~~~~~~') > 0;
UPDATE "register_changes" SET "proposed" = substr("proposed", 1, instr("proposed", '********') - 1) || '************' || substr("proposed", instr("proposed", '********') + 12) WHERE instr("proposed", '********') > 0 AND instr("proposed", '************') = 0;
UPDATE "export_requests" SET "description" = substr("description", 1, instr("description", '********') - 1) || '************' || substr("description", instr("description", '********') + 12) WHERE instr("description", '********') > 0 AND instr("description", '************') = 0;
