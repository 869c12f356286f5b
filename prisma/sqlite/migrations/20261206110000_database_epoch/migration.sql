-- CreateTable
CREATE TABLE "database_epoch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- The epoch of this database, chosen now (docs/decisions/020-bounded-event-streams.md).
INSERT INTO "database_epoch" ("id", "value") VALUES (1, lower(hex(randomblob(6))));
