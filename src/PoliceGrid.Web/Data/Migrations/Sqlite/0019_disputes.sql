-- Disputes and mediation (issue 11): cases, parties, steps, the mediator pool, choices, hand-overs, sessions, agreements, follow-ups, flags.
CREATE TABLE "mediators" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mediators" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "account_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "specialties" TEXT NOT NULL,
    "dialects" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "id_number_hash" TEXT NULL,
    "added_at" TEXT NOT NULL,
    CONSTRAINT "fk_mediators_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_mediators_units_unit_id" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "disputes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_disputes" PRIMARY KEY AUTOINCREMENT,
    "type" INTEGER NOT NULL,
    "source" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "at_stake" TEXT NOT NULL,
    "risk" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "police_involved" INTEGER NOT NULL,
    "event_id" INTEGER NULL,
    "area_path" TEXT NOT NULL,
    "grid_id" INTEGER NULL,
    "village_id" INTEGER NULL,
    "township_id" INTEGER NULL,
    "police_district_id" INTEGER NULL,
    "mediator_id" INTEGER NULL,
    "mediator_account_id" INTEGER NULL,
    "adviser_account_id" INTEGER NULL,
    "committee" TEXT NULL,
    "opened_by_id" INTEGER NOT NULL,
    "registered_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    "step_due_at" TEXT NULL,
    "next_escalation_at" TEXT NULL,
    "escalation_level" INTEGER NOT NULL,
    "agreed_at" TEXT NULL,
    "referred_at" TEXT NULL,
    "carried_out_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "is_repeated" INTEGER NOT NULL,
    "may_turn_criminal" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_disputes_accounts_opened_by_id" FOREIGN KEY ("opened_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_disputes_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_disputes_mediators_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "mediators" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_disputes_units_grid_id" FOREIGN KEY ("grid_id") REFERENCES "units" ("id") ON DELETE RESTRICT
);

CREATE TABLE "dispute_parties" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_parties" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "resident_id" INTEGER NULL,
    "organisation_id" INTEGER NULL,
    "masked_number" TEXT NULL,
    "party_key" TEXT NOT NULL,
    "address_id" INTEGER NULL,
    CONSTRAINT "fk_dispute_parties_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_steps" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_steps" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "account_id" INTEGER NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" INTEGER NOT NULL,
    "to_status" INTEGER NOT NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_dispute_steps_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "mediator_choices" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mediator_choices" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "party_id" INTEGER NOT NULL,
    "mediator_id" INTEGER NOT NULL,
    "way" INTEGER NOT NULL,
    "consent" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "recorded_by_id" INTEGER NOT NULL,
    CONSTRAINT "fk_mediator_choices_dispute_parties_party_id" FOREIGN KEY ("party_id") REFERENCES "dispute_parties" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_mediator_choices_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mediator_choices_mediators_mediator_id" FOREIGN KEY ("mediator_id") REFERENCES "mediators" ("id") ON DELETE RESTRICT
);

CREATE TABLE "dispute_handovers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_handovers" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "to_name" TEXT NOT NULL,
    "adviser_account_id" INTEGER NULL,
    "note" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "by_id" INTEGER NOT NULL,
    CONSTRAINT "fk_dispute_handovers_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_sessions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_sessions" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "confidential_notes" TEXT NOT NULL,
    "recorded_by_id" INTEGER NOT NULL,
    CONSTRAINT "fk_dispute_sessions_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_session_attendees" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_session_attendees" PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "party_id" INTEGER NULL,
    "resident_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_dispute_session_attendees_dispute_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "dispute_sessions" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_agreements" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_agreements" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "facts" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "made_at" TEXT NOT NULL,
    "made_by_id" INTEGER NOT NULL,
    "signed_copy" BLOB NULL,
    "signed_file_name" TEXT NULL,
    "signed_at" TEXT NULL,
    "confirmation_reminded_at" TEXT NULL,
    CONSTRAINT "fk_dispute_agreements_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_obligations" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_obligations" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "party_id" INTEGER NULL,
    "what" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    "reminded_at" TEXT NULL,
    "done_at" TEXT NULL,
    CONSTRAINT "fk_dispute_obligations_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_follow_ups" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_follow_ups" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "due_at" TEXT NOT NULL,
    "task_sent_at" TEXT NULL,
    "team_id" INTEGER NULL,
    "done_at" TEXT NULL,
    "done_by_id" INTEGER NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_dispute_follow_ups_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE TABLE "dispute_flags" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dispute_flags" PRIMARY KEY AUTOINCREMENT,
    "dispute_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "other_dispute_id" INTEGER NULL,
    "event_id" INTEGER NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_dispute_flags_disputes_dispute_id" FOREIGN KEY ("dispute_id") REFERENCES "disputes" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_dispute_agreements_dispute_id" ON "dispute_agreements" ("dispute_id");

CREATE INDEX "ix_dispute_flags_dispute_id_kind_event_id_other_dispute_id" ON "dispute_flags" ("dispute_id", "kind", "event_id", "other_dispute_id");

CREATE INDEX "ix_dispute_flags_event_id" ON "dispute_flags" ("event_id");

CREATE INDEX "ix_dispute_follow_ups_dispute_id" ON "dispute_follow_ups" ("dispute_id");

CREATE INDEX "ix_dispute_follow_ups_due_at_task_sent_at" ON "dispute_follow_ups" ("due_at", "task_sent_at");

CREATE INDEX "ix_dispute_handovers_dispute_id" ON "dispute_handovers" ("dispute_id");

CREATE INDEX "ix_dispute_obligations_dispute_id" ON "dispute_obligations" ("dispute_id");

CREATE INDEX "ix_dispute_obligations_due_at_reminded_at" ON "dispute_obligations" ("due_at", "reminded_at");

CREATE INDEX "ix_dispute_parties_dispute_id" ON "dispute_parties" ("dispute_id");

CREATE INDEX "ix_dispute_parties_party_key" ON "dispute_parties" ("party_key");

CREATE INDEX "ix_dispute_session_attendees_resident_id" ON "dispute_session_attendees" ("resident_id");

CREATE INDEX "ix_dispute_session_attendees_session_id" ON "dispute_session_attendees" ("session_id");

CREATE INDEX "ix_dispute_sessions_dispute_id" ON "dispute_sessions" ("dispute_id");

CREATE INDEX "ix_dispute_steps_dispute_id" ON "dispute_steps" ("dispute_id");

CREATE INDEX "ix_disputes_adviser_account_id" ON "disputes" ("adviser_account_id");

CREATE INDEX "ix_disputes_area_path" ON "disputes" ("area_path");

CREATE INDEX "ix_disputes_event_id" ON "disputes" ("event_id");

CREATE INDEX "ix_disputes_grid_id" ON "disputes" ("grid_id");

CREATE INDEX "ix_disputes_mediator_account_id" ON "disputes" ("mediator_account_id");

CREATE INDEX "ix_disputes_mediator_id_status" ON "disputes" ("mediator_id", "status");

CREATE INDEX "ix_disputes_next_escalation_at" ON "disputes" ("next_escalation_at");

CREATE INDEX "ix_disputes_opened_by_id" ON "disputes" ("opened_by_id");

CREATE INDEX "ix_disputes_registered_at" ON "disputes" ("registered_at");

CREATE INDEX "ix_mediator_choices_dispute_id" ON "mediator_choices" ("dispute_id");

CREATE INDEX "ix_mediator_choices_mediator_id" ON "mediator_choices" ("mediator_id");

CREATE INDEX "ix_mediator_choices_party_id" ON "mediator_choices" ("party_id");

CREATE INDEX "ix_mediators_account_id" ON "mediators" ("account_id");

CREATE INDEX "ix_mediators_unit_id" ON "mediators" ("unit_id");
