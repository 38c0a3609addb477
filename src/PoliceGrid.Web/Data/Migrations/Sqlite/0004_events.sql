-- 0004: events, categories, routing rules, office hours, holidays, idempotency records and directives. From 'schema-script Sqlite'.
CREATE TABLE "event_categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_event_categories" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "major_code" TEXT NOT NULL,
    "major_name" TEXT NOT NULL,
    "major_name_en" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "is_police" INTEGER NOT NULL,
    "default_handler" INTEGER NOT NULL,
    "department" TEXT NULL,
    "confidential" INTEGER NOT NULL,
    "accept_minutes" INTEGER NOT NULL,
    "dispatch_minutes" INTEGER NOT NULL,
    "start_minutes" INTEGER NOT NULL,
    "handle_minutes" INTEGER NOT NULL,
    "verify_minutes" INTEGER NOT NULL,
    "close_minutes" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "holidays" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_holidays" PRIMARY KEY AUTOINCREMENT,
    "township_id" INTEGER NULL,
    "date" TEXT NOT NULL,
    "is_workday" INTEGER NOT NULL,
    "name" TEXT NOT NULL
);

CREATE TABLE "idempotency_records" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_idempotency_records" PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "event_id" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "at" TEXT NOT NULL
);

CREATE TABLE "office_hours" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_office_hours" PRIMARY KEY AUTOINCREMENT,
    "township_id" INTEGER NULL,
    "weekdays" INTEGER NOT NULL,
    "morning_start" INTEGER NOT NULL,
    "morning_end" INTEGER NOT NULL,
    "afternoon_start" INTEGER NOT NULL,
    "afternoon_end" INTEGER NOT NULL
);

CREATE TABLE "routing_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_routing_rules" PRIMARY KEY AUTOINCREMENT,
    "priority" INTEGER NOT NULL,
    "township_id" INTEGER NULL,
    "category_id" INTEGER NULL,
    "is_police" INTEGER NULL,
    "in_office_hours" INTEGER NULL,
    "category_handler" INTEGER NULL,
    "target" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "active" INTEGER NOT NULL
);

CREATE TABLE "directives" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_directives" PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "issued_by_id" INTEGER NOT NULL,
    "issued_by_name" TEXT NOT NULL,
    "issued_at" TEXT NOT NULL,
    "target_unit_id" INTEGER NOT NULL,
    "target_account_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "event_id" INTEGER NULL,
    "due_at" TEXT NOT NULL,
    "acknowledged_at" TEXT NULL,
    "acknowledged_by_name" TEXT NULL,
    "answered_at" TEXT NULL,
    "answered_by_name" TEXT NULL,
    "answer" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_directives_accounts_issued_by_id" FOREIGN KEY ("issued_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_directives_accounts_target_account_id" FOREIGN KEY ("target_account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_directives_units_target_unit_id" FOREIGN KEY ("target_unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_events" PRIMARY KEY AUTOINCREMENT,
    "category_id" INTEGER NOT NULL,
    "source" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "lon" REAL NULL,
    "lat" REAL NULL,
    "address" TEXT NULL,
    "area_path" TEXT NOT NULL,
    "county_id" INTEGER NULL,
    "township_id" INTEGER NULL,
    "village_id" INTEGER NULL,
    "grid_id" INTEGER NULL,
    "police_station_id" INTEGER NULL,
    "police_district_id" INTEGER NULL,
    "status" INTEGER NOT NULL,
    "handler_side" INTEGER NOT NULL,
    "handler_unit_id" INTEGER NULL,
    "handler_account_id" INTEGER NULL,
    "department" TEXT NULL,
    "routed_by" TEXT NULL,
    "is_confidential" INTEGER NOT NULL,
    "reporter_account_id" INTEGER NULL,
    "reporter_name" TEXT NULL,
    "reporter_contact" TEXT NULL,
    "reported_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "step_due_at" TEXT NULL,
    "next_escalation_at" TEXT NULL,
    "due_at" TEXT NOT NULL,
    "handled_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "escalation_level" INTEGER NOT NULL,
    "rework_count" INTEGER NOT NULL,
    "merged_into_id" INTEGER NULL,
    "split_from_id" INTEGER NULL,
    "diverted_to_grid" INTEGER NOT NULL,
    "resolution" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_events_accounts_handler_account_id" FOREIGN KEY ("handler_account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_events_accounts_reporter_account_id" FOREIGN KEY ("reporter_account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_events_event_categories_category_id" FOREIGN KEY ("category_id") REFERENCES "event_categories" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_events_units_grid_id" FOREIGN KEY ("grid_id") REFERENCES "units" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_events_units_handler_unit_id" FOREIGN KEY ("handler_unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "event_photos" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_event_photos" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "step_id" INTEGER NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_event_photos_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE
);

CREATE TABLE "event_steps" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_event_steps" PRIMARY KEY AUTOINCREMENT,
    "event_id" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "account_id" INTEGER NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" INTEGER NOT NULL,
    "to_status" INTEGER NOT NULL,
    "note" TEXT NULL,
    "handler_unit_id" INTEGER NULL,
    "handler_account_id" INTEGER NULL,
    CONSTRAINT "fk_event_steps_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_directives_area_path_issued_at" ON "directives" ("area_path", "issued_at");

CREATE INDEX "ix_directives_issued_by_id" ON "directives" ("issued_by_id");

CREATE INDEX "ix_directives_target_account_id" ON "directives" ("target_account_id");

CREATE INDEX "ix_directives_target_unit_id_answered_at" ON "directives" ("target_unit_id", "answered_at");

CREATE UNIQUE INDEX "ix_event_categories_code" ON "event_categories" ("code");

CREATE INDEX "ix_event_photos_event_id" ON "event_photos" ("event_id");

CREATE INDEX "ix_event_steps_event_id" ON "event_steps" ("event_id");

CREATE INDEX "ix_events_area_path_reported_at" ON "events" ("area_path", "reported_at");

CREATE INDEX "ix_events_category_id" ON "events" ("category_id");

CREATE INDEX "ix_events_grid_id" ON "events" ("grid_id");

CREATE INDEX "ix_events_handler_account_id" ON "events" ("handler_account_id");

CREATE INDEX "ix_events_handler_unit_id_status" ON "events" ("handler_unit_id", "status");

CREATE INDEX "ix_events_next_escalation_at" ON "events" ("next_escalation_at");

CREATE INDEX "ix_events_reporter_account_id_reported_at" ON "events" ("reporter_account_id", "reported_at");

CREATE INDEX "ix_events_status_reported_at" ON "events" ("status", "reported_at");

CREATE UNIQUE INDEX "ix_holidays_date_township_id" ON "holidays" ("date", "township_id");

CREATE UNIQUE INDEX "ix_idempotency_records_account_id_key" ON "idempotency_records" ("account_id", "key");

CREATE UNIQUE INDEX "ix_office_hours_township_id" ON "office_hours" ("township_id");

CREATE INDEX "ix_routing_rules_township_id" ON "routing_rules" ("township_id");
