-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "hash" TEXT;
ALTER TABLE "audit_events" ADD COLUMN "prevHash" TEXT;

-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN "hash" TEXT;
ALTER TABLE "process_changes" ADD COLUMN "prevHash" TEXT;

-- CreateTable
CREATE TABLE "trail_heads" (
    "chain" TEXT NOT NULL PRIMARY KEY,
    "lastId" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT,
    "sealedAt" DATETIME,
    "anchorId" INTEGER NOT NULL DEFAULT 0,
    "anchorHash" TEXT,
    "anchorCount" INTEGER NOT NULL DEFAULT 0,
    "anchorDigest" TEXT
);

-- The two chains, empty: rows already in the tables are sealed by the app at its next start, in id order.
INSERT INTO "trail_heads" ("chain") VALUES ('process_changes'), ('audit_events');
