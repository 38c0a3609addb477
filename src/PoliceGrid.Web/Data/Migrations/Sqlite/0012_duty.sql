-- 0012: the duty rota (值班表): entries per unit, shift and seat, hand-over notes and swap requests. From 'schema-script Sqlite'.
CREATE TABLE "duty_shifts" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_duty_shifts" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "seat" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "created_by_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_duty_shifts_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_duty_shifts_accounts_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_duty_shifts_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "duty_handovers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_duty_handovers" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "written_by_id" INTEGER NOT NULL,
    "written_by_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    CONSTRAINT "fk_duty_handovers_accounts_written_by_id" FOREIGN KEY ("written_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_duty_handovers_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "duty_swaps" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_duty_swaps" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "shift_id" INTEGER NOT NULL,
    "with_shift_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "with_account_id" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_id" INTEGER NOT NULL,
    "requested_at" TEXT NOT NULL,
    "decided_by_id" INTEGER NULL,
    "decided_by_name" TEXT NULL,
    "decided_at" TEXT NULL,
    CONSTRAINT "fk_duty_swaps_accounts_requested_by_id" FOREIGN KEY ("requested_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_duty_swaps_duty_shifts_shift_id" FOREIGN KEY ("shift_id") REFERENCES "duty_shifts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_duty_swaps_duty_shifts_with_shift_id" FOREIGN KEY ("with_shift_id") REFERENCES "duty_shifts" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_duty_swaps_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_duty_handovers_unit_id_date_period" ON "duty_handovers" ("unit_id", "date", "period");

CREATE INDEX "ix_duty_handovers_written_by_id" ON "duty_handovers" ("written_by_id");

CREATE INDEX "ix_duty_shifts_account_id_date" ON "duty_shifts" ("account_id", "date");

CREATE INDEX "ix_duty_shifts_created_by_id" ON "duty_shifts" ("created_by_id");

CREATE UNIQUE INDEX "ix_duty_shifts_unit_id_date_period_seat_account_id" ON "duty_shifts" ("unit_id", "date", "period", "seat", "account_id");

CREATE INDEX "ix_duty_swaps_requested_by_id" ON "duty_swaps" ("requested_by_id");

CREATE INDEX "ix_duty_swaps_shift_id" ON "duty_swaps" ("shift_id");

CREATE INDEX "ix_duty_swaps_unit_id_status" ON "duty_swaps" ("unit_id", "status");

CREATE INDEX "ix_duty_swaps_with_shift_id" ON "duty_swaps" ("with_shift_id");
