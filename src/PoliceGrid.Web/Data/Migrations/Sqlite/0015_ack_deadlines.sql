-- 0015: the administrator's deadline to acknowledge each kind of message, for police and for grid work. From 'schema-script Sqlite'.
CREATE TABLE "ack_deadlines" (
    "kind" INTEGER NOT NULL,
    "police" INTEGER NOT NULL,
    "minutes" INTEGER NOT NULL,
    CONSTRAINT "pk_ack_deadlines" PRIMARY KEY ("kind", "police")
);
