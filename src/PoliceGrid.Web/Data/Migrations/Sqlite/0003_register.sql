-- 0003: the register (一标三实): standard addresses, residents, houses, organisations, their versions.

CREATE TABLE "duplicates_prevented" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_duplicates_prevented" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "existing_resident_id" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "account_id" INTEGER NOT NULL
);

CREATE TABLE "register_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_register_changes" PRIMARY KEY AUTOINCREMENT,
    "record_type" INTEGER NOT NULL,
    "record_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "proposed" TEXT NULL,
    "changes" TEXT NOT NULL,
    "collected_by_id" INTEGER NOT NULL,
    "collected_by_name" TEXT NOT NULL,
    "collected_at" TEXT NOT NULL,
    "reviewed_by_id" INTEGER NULL,
    "reviewed_by_name" TEXT NULL,
    "reviewed_at" TEXT NULL,
    "reason" TEXT NULL,
    "area_path" TEXT NOT NULL,
    "police_district_id" INTEGER NULL
);

CREATE TABLE "standard_addresses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_standard_addresses" PRIMARY KEY AUTOINCREMENT,
    "village_id" INTEGER NOT NULL,
    "grid_id" INTEGER NOT NULL,
    "police_district_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "road" TEXT NOT NULL,
    "door_number" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "unit_number" TEXT NOT NULL,
    "room" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "longitude" REAL NOT NULL,
    "latitude" REAL NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_standard_addresses_units_grid_id" FOREIGN KEY ("grid_id") REFERENCES "units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_standard_addresses_units_village_id" FOREIGN KEY ("village_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "houses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_houses" PRIMARY KEY AUTOINCREMENT,
    "owner_name" TEXT NOT NULL,
    "owner_phone_sealed" TEXT NULL,
    "owner_phone_hash" TEXT NULL,
    "owner_phone_masked" TEXT NULL,
    "use" INTEGER NOT NULL,
    "rental_registration_number" TEXT NULL,
    "rental_registered_on" TEXT NULL,
    "address_id" INTEGER NOT NULL,
    "grid_id" INTEGER NOT NULL,
    "police_district_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "return_reason" TEXT NULL,
    "collected_by_id" INTEGER NOT NULL,
    "collected_at" TEXT NOT NULL,
    "verified_by_id" INTEGER NULL,
    "verified_at" TEXT NULL,
    "has_pending_change" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_houses_standard_addresses_address_id" FOREIGN KEY ("address_id") REFERENCES "standard_addresses" ("id") ON DELETE RESTRICT
);

CREATE TABLE "organisations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_organisations" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "credit_code" TEXT NOT NULL,
    "category" INTEGER NOT NULL,
    "responsible_person" TEXT NOT NULL,
    "responsible_phone_sealed" TEXT NULL,
    "responsible_phone_hash" TEXT NULL,
    "responsible_phone_masked" TEXT NULL,
    "address_id" INTEGER NOT NULL,
    "grid_id" INTEGER NOT NULL,
    "police_district_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "return_reason" TEXT NULL,
    "collected_by_id" INTEGER NOT NULL,
    "collected_at" TEXT NOT NULL,
    "verified_by_id" INTEGER NULL,
    "verified_at" TEXT NULL,
    "has_pending_change" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_organisations_standard_addresses_address_id" FOREIGN KEY ("address_id") REFERENCES "standard_addresses" ("id") ON DELETE RESTRICT
);

CREATE TABLE "residents" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_residents" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "id_number_sealed" TEXT NULL,
    "id_number_hash" TEXT NULL,
    "id_number_masked" TEXT NULL,
    "sex" INTEGER NOT NULL,
    "birth_date" TEXT NULL,
    "phone_sealed" TEXT NULL,
    "phone_hash" TEXT NULL,
    "phone_masked" TEXT NULL,
    "household_type" INTEGER NOT NULL,
    "house_id" INTEGER NULL,
    "resident_since" TEXT NULL,
    "registration_number" TEXT NULL,
    "registration_expires" TEXT NULL,
    "tags" TEXT NOT NULL,
    "address_id" INTEGER NOT NULL,
    "grid_id" INTEGER NOT NULL,
    "police_district_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "return_reason" TEXT NULL,
    "collected_by_id" INTEGER NOT NULL,
    "collected_at" TEXT NOT NULL,
    "verified_by_id" INTEGER NULL,
    "verified_at" TEXT NULL,
    "has_pending_change" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_residents_houses_house_id" FOREIGN KEY ("house_id") REFERENCES "houses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_residents_standard_addresses_address_id" FOREIGN KEY ("address_id") REFERENCES "standard_addresses" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_duplicates_prevented_area_path" ON "duplicates_prevented" ("area_path");

CREATE UNIQUE INDEX "ix_houses_address_id" ON "houses" ("address_id");

CREATE INDEX "ix_houses_area_path" ON "houses" ("area_path");

CREATE INDEX "ix_houses_police_district_id_status" ON "houses" ("police_district_id", "status");

CREATE INDEX "ix_organisations_address_id" ON "organisations" ("address_id");

CREATE INDEX "ix_organisations_area_path" ON "organisations" ("area_path");

CREATE UNIQUE INDEX "ix_organisations_credit_code" ON "organisations" ("credit_code");

CREATE INDEX "ix_organisations_police_district_id_status" ON "organisations" ("police_district_id", "status");

CREATE INDEX "ix_register_changes_collected_by_id_status" ON "register_changes" ("collected_by_id", "status");

CREATE INDEX "ix_register_changes_police_district_id_status" ON "register_changes" ("police_district_id", "status");

CREATE INDEX "ix_register_changes_record_type_record_id" ON "register_changes" ("record_type", "record_id");

CREATE INDEX "ix_residents_address_id" ON "residents" ("address_id");

CREATE INDEX "ix_residents_area_path" ON "residents" ("area_path");

CREATE INDEX "ix_residents_house_id" ON "residents" ("house_id");

CREATE UNIQUE INDEX "ix_residents_id_number_hash" ON "residents" ("id_number_hash");

CREATE INDEX "ix_residents_name_birth_date" ON "residents" ("name", "birth_date");

CREATE INDEX "ix_residents_phone_hash" ON "residents" ("phone_hash");

CREATE INDEX "ix_residents_police_district_id_status" ON "residents" ("police_district_id", "status");

CREATE INDEX "ix_standard_addresses_area_path" ON "standard_addresses" ("area_path");

CREATE INDEX "ix_standard_addresses_grid_id" ON "standard_addresses" ("grid_id");

CREATE UNIQUE INDEX "ix_standard_addresses_key" ON "standard_addresses" ("key");

CREATE INDEX "ix_standard_addresses_village_id" ON "standard_addresses" ("village_id");
