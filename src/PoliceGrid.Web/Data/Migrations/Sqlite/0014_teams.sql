-- 0014: teams of villages and grids (pairing, 一警三员, 1+1+N), their members with dates, the one responsible team per grid with
-- history, and directives to a team. From 'schema-script Sqlite'.
CREATE TABLE "teams" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_teams" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "leader_id" INTEGER NOT NULL,
    "formed_by_id" INTEGER NOT NULL,
    "formed_at" TEXT NOT NULL,
    "dissolved_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_teams_accounts_formed_by_id" FOREIGN KEY ("formed_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_teams_accounts_leader_id" FOREIGN KEY ("leader_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_teams_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "team_members" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_team_members" PRIMARY KEY AUTOINCREMENT,
    "team_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "duty" INTEGER NOT NULL,
    "started_at" TEXT NOT NULL,
    "ended_at" TEXT NULL,
    CONSTRAINT "fk_team_members_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_team_members_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT
);

CREATE TABLE "grid_responsibilities" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_grid_responsibilities" PRIMARY KEY AUTOINCREMENT,
    "grid_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "started_at" TEXT NOT NULL,
    "ended_at" TEXT NULL,
    CONSTRAINT "fk_grid_responsibilities_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_grid_responsibilities_units_grid_id" FOREIGN KEY ("grid_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ix_grid_responsibilities_current_grid" ON "grid_responsibilities" ("grid_id") WHERE ended_at IS NULL;

CREATE INDEX "ix_grid_responsibilities_grid_id_started_at" ON "grid_responsibilities" ("grid_id", "started_at");

CREATE INDEX "ix_grid_responsibilities_team_id_ended_at" ON "grid_responsibilities" ("team_id", "ended_at");

CREATE INDEX "ix_team_members_account_id_ended_at" ON "team_members" ("account_id", "ended_at");

CREATE INDEX "ix_team_members_team_id_ended_at" ON "team_members" ("team_id", "ended_at");

CREATE INDEX "ix_teams_formed_by_id" ON "teams" ("formed_by_id");

CREATE INDEX "ix_teams_leader_id" ON "teams" ("leader_id");

CREATE INDEX "ix_teams_unit_id" ON "teams" ("unit_id");

ALTER TABLE "directives" ADD COLUMN "target_team_id" INTEGER NULL CONSTRAINT "fk_directives_teams_target_team_id" REFERENCES "teams" ("id") ON DELETE RESTRICT;

CREATE INDEX "ix_directives_target_team_id" ON "directives" ("target_team_id");
