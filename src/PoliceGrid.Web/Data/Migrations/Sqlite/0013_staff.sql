-- 0013: staff (人员台账): the ledger's fields on accounts, the service record of each person, and the departments list. From 'schema-script Sqlite'.
ALTER TABLE "accounts" ADD COLUMN "employment" INTEGER NULL;
ALTER TABLE "accounts" ADD COLUMN "police_number" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "id_number_sealed" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "id_number_hash" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "id_number_masked" TEXT NULL;
CREATE UNIQUE INDEX "ix_accounts_id_number_hash" ON "accounts" ("id_number_hash");
CREATE INDEX "ix_accounts_phone_number" ON "accounts" ("phone_number");
CREATE UNIQUE INDEX "ix_accounts_police_number" ON "accounts" ("police_number");

CREATE TABLE "departments" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_departments" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "retired_at" TEXT NULL
);
CREATE UNIQUE INDEX "ix_departments_name" ON "departments" ("name");

CREATE TABLE "staff_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_staff_changes" PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "by_id" INTEGER NULL,
    "by_name" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "fk_staff_changes_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_staff_changes_account_id" ON "staff_changes" ("account_id");

INSERT INTO departments (name, name_en) VALUES
    ('民政', 'Civil Affairs'),
    ('司法', 'Justice'),
    ('卫健', 'Health'),
    ('城管', 'Urban Management'),
    ('市场监管', 'Market Regulation'),
    ('应急', 'Emergency Management'),
    ('住建', 'Housing and Construction'),
    ('人社', 'Human Resources and Social Security'),
    ('教育', 'Education'),
    ('生态环境', 'Ecology and Environment'),
    ('自然资源', 'Natural Resources'),
    ('交通运输', 'Transport'),
    ('农业农村', 'Agriculture and Rural Affairs'),
    ('水利', 'Water Resources'),
    ('信访', 'Letters and Calls');

-- Departments already named by categories or officers stay valid; their English name is the Chinese one until edited.
INSERT INTO departments (name, name_en)
SELECT DISTINCT department, department FROM event_categories WHERE department IS NOT NULL AND department NOT IN (SELECT name FROM departments);
INSERT INTO departments (name, name_en)
SELECT DISTINCT department, department FROM accounts WHERE department IS NOT NULL AND department NOT IN (SELECT name FROM departments);
