-- 0016: the browsers in which a person turned on Web Push (endpoint and the browser's keys). From 'schema-script Sqlite'.
CREATE TABLE "push_subscriptions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_push_subscriptions" PRIMARY KEY AUTOINCREMENT,
    "account_id" INTEGER NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "security_stamp" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_push_subscriptions_accounts_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_push_subscriptions_account_id" ON "push_subscriptions" ("account_id");
CREATE UNIQUE INDEX "ix_push_subscriptions_endpoint" ON "push_subscriptions" ("endpoint");
