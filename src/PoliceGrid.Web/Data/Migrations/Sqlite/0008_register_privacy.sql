-- 0008: the duplicate check as an ID lookup (hits counted per account for the hourly limit), residence checks
-- (人户变动) for the record's officer.

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
