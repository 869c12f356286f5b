-- CreateTable
CREATE TABLE "database_epoch" (
    "id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "database_epoch_pkey" PRIMARY KEY ("id")
);

-- The epoch of this database, chosen now (docs/decisions/020-bounded-event-streams.md).
INSERT INTO "database_epoch" ("id", "value") VALUES (1, substr(md5(random()::text || clock_timestamp()::text), 1, 12));
