-- 0005: bulk work on the register: ledger imports (with their rejected rows, sealed) and export requests awaiting approval.

CREATE TABLE "export_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_export_requests" PRIMARY KEY AUTOINCREMENT,
    "requester_id" INTEGER NOT NULL,
    "requester_name" TEXT NOT NULL,
    "requester_unit_id" INTEGER NOT NULL,
    "requester_area_path" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "requested_at" TEXT NOT NULL,
    "decided_by_id" INTEGER NULL,
    "decided_by_name" TEXT NULL,
    "decided_at" TEXT NULL,
    "reason" TEXT NULL,
    "downloads" INTEGER NOT NULL
);

CREATE TABLE "import_runs" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_runs" PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "area_path" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "stored" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "seconds" REAL NOT NULL,
    "rejected_sealed" TEXT NULL
);

CREATE INDEX "ix_export_requests_requester_id_requested_at" ON "export_requests" ("requester_id", "requested_at");

CREATE INDEX "ix_export_requests_status" ON "export_requests" ("status");

CREATE INDEX "ix_import_runs_account_id_at" ON "import_runs" ("account_id", "at");
