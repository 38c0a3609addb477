-- 0018: ASP.NET Data Protection's key ring, shared by every node (sign-in cookies stay valid across nodes and restarts). From 'schema-script Sqlite'.
CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NOT NULL,
    "xml" TEXT NOT NULL
);
