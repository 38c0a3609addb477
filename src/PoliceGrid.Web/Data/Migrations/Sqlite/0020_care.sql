-- 0020: care plans per special group, care cases, risk history and visits (issue 12). From 'schema-script Sqlite'.
CREATE TABLE "care_plans" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_care_plans" PRIMARY KEY AUTOINCREMENT,
    "group" INTEGER NOT NULL,
    "county_id" INTEGER NULL,
    "active" INTEGER NOT NULL,
    "responsible" INTEGER NOT NULL,
    "interval_hours" INTEGER NOT NULL,
    "high_risk_interval_hours" INTEGER NULL,
    "accepts" INTEGER NOT NULL,
    "records_condition" INTEGER NOT NULL,
    "records_needs" INTEGER NOT NULL,
    "records_risk_signs" INTEGER NOT NULL,
    "asks_location" INTEGER NOT NULL,
    "asks_photo" INTEGER NOT NULL,
    "door_visit_after_hours" INTEGER NOT NULL,
    "chief_after_hours" INTEGER NOT NULL,
    "welfare_check_after_hours" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_care_plans_units_county_id" FOREIGN KEY ("county_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_care_plans_county_id" ON "care_plans" ("county_id");
CREATE UNIQUE INDEX "ix_care_plans_group_county_id" ON "care_plans" ("group", "county_id");
CREATE TABLE "care_cases" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_care_cases" PRIMARY KEY AUTOINCREMENT,
    "resident_id" INTEGER NOT NULL,
    "group" INTEGER NOT NULL,
    "grid_id" INTEGER NOT NULL,
    "county_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "police" INTEGER NOT NULL,
    "risk_level" INTEGER NOT NULL,
    "guardian_name" TEXT NULL,
    "guardian_phone_sealed" TEXT NULL,
    "guardian_phone_masked" TEXT NULL,
    "opened_at" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    "last_seen_at" TEXT NULL,
    "last_seen_how" INTEGER NULL,
    "last_note" TEXT NULL,
    "due_at" TEXT NULL,
    "escalation_level" INTEGER NOT NULL,
    "next_escalation_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_care_cases_residents_resident_id" FOREIGN KEY ("resident_id") REFERENCES "residents" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_care_cases_units_grid_id" FOREIGN KEY ("grid_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_care_cases_area_path" ON "care_cases" ("area_path");
CREATE INDEX "ix_care_cases_grid_id_due_at" ON "care_cases" ("grid_id", "due_at");
CREATE INDEX "ix_care_cases_next_escalation_at" ON "care_cases" ("next_escalation_at");
CREATE UNIQUE INDEX "ix_care_cases_resident_id_group" ON "care_cases" ("resident_id", "group");
CREATE TABLE "care_risk_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_care_risk_changes" PRIMARY KEY AUTOINCREMENT,
    "case_id" INTEGER NOT NULL,
    "from_level" INTEGER NOT NULL,
    "to_level" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "by_id" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_care_risk_changes_accounts_by_id" FOREIGN KEY ("by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_care_risk_changes_care_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "care_cases" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_care_risk_changes_by_id" ON "care_risk_changes" ("by_id");
CREATE INDEX "ix_care_risk_changes_case_id" ON "care_risk_changes" ("case_id");
CREATE TABLE "care_visits" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_care_visits" PRIMARY KEY AUTOINCREMENT,
    "resident_id" INTEGER NOT NULL,
    "case_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "police" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "by_id" INTEGER NULL,
    "how" INTEGER NOT NULL,
    "outcome" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "condition" TEXT NULL,
    "needs" TEXT NULL,
    "risk_signs" TEXT NULL,
    "lon" REAL NULL,
    "lat" REAL NULL,
    "distance_meters" INTEGER NULL,
    "location_reason" TEXT NULL,
    "photo" BLOB NULL,
    "photo_type" TEXT NULL,
    "event_id" INTEGER NULL,
    CONSTRAINT "fk_care_visits_accounts_by_id" FOREIGN KEY ("by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_care_visits_care_cases_case_id" FOREIGN KEY ("case_id") REFERENCES "care_cases" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_care_visits_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_care_visits_residents_resident_id" FOREIGN KEY ("resident_id") REFERENCES "residents" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_care_visits_area_path" ON "care_visits" ("area_path");
CREATE INDEX "ix_care_visits_by_id" ON "care_visits" ("by_id");
CREATE INDEX "ix_care_visits_case_id" ON "care_visits" ("case_id");
CREATE INDEX "ix_care_visits_event_id" ON "care_visits" ("event_id");
CREATE INDEX "ix_care_visits_resident_id_at" ON "care_visits" ("resident_id", "at");
CREATE INDEX "ix_care_visits_resident_id_source" ON "care_visits" ("resident_id", "source");
