-- 0011: messages to people and their outbox (one row per message and channel). From 'schema-script Sqlite'.
CREATE TABLE "messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_messages" PRIMARY KEY AUTOINCREMENT,
    "recipient_id" INTEGER NOT NULL,
    "recipient_unit_id" INTEGER NOT NULL,
    "area_path" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "police" INTEGER NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" INTEGER NOT NULL,
    "link" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "acknowledged_at" TEXT NULL,
    "ack_due_at" TEXT NOT NULL,
    "chase_level" INTEGER NOT NULL,
    "escalated_at" TEXT NULL,
    CONSTRAINT "fk_messages_accounts_recipient_id" FOREIGN KEY ("recipient_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);

CREATE TABLE "message_deliveries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_message_deliveries" PRIMARY KEY AUTOINCREMENT,
    "message_id" INTEGER NOT NULL,
    "recipient_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "lease_until" TEXT NULL,
    "lease_owner" TEXT NULL,
    "sent_at" TEXT NULL,
    "last_error" TEXT NULL,
    CONSTRAINT "fk_message_deliveries_messages_message_id" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_message_deliveries_message_id_channel" ON "message_deliveries" ("message_id", "channel");

CREATE INDEX "ix_message_deliveries_recipient_id_channel_status_id" ON "message_deliveries" ("recipient_id", "channel", "status", "id");

CREATE INDEX "ix_message_deliveries_status_next_attempt_at" ON "message_deliveries" ("status", "next_attempt_at");

CREATE INDEX "ix_messages_ack_due_at_acknowledged_at" ON "messages" ("ack_due_at", "acknowledged_at");

CREATE INDEX "ix_messages_area_path_created_at" ON "messages" ("area_path", "created_at");

CREATE INDEX "ix_messages_recipient_id_acknowledged_at_id" ON "messages" ("recipient_id", "acknowledged_at", "id");

CREATE INDEX "ix_messages_subject_type_subject_id" ON "messages" ("subject_type", "subject_id");
