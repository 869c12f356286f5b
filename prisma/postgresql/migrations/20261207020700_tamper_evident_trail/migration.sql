-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateTable
CREATE TABLE "trail_heads" (
    "chain" TEXT NOT NULL,
    "lastId" INTEGER NOT NULL DEFAULT 0,
    "lastHash" TEXT,
    "sealedAt" TIMESTAMP(3),
    "anchorId" INTEGER NOT NULL DEFAULT 0,
    "anchorHash" TEXT,
    "anchorCount" INTEGER NOT NULL DEFAULT 0,
    "anchorDigest" TEXT,

    CONSTRAINT "trail_heads_pkey" PRIMARY KEY ("chain")
);

-- The two chains, empty: rows already in the tables are sealed by the app at its next start, in id order.
INSERT INTO "trail_heads" ("chain") VALUES ('process_changes'), ('audit_events');
