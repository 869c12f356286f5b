-- AlterTable
ALTER TABLE "users" ADD COLUMN "approver" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "change_control_policy" ADD COLUMN "approval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "change_requests" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "items" TEXT NOT NULL,
    "processIds" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "reason" TEXT,
    "requesterKind" TEXT NOT NULL,
    "requesterId" INTEGER,
    "requesterName" TEXT NOT NULL,
    "requestId" TEXT,
    "requesterSignature" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "deciderKind" TEXT,
    "deciderId" INTEGER,
    "deciderName" TEXT,
    "decisionReason" TEXT,
    "deciderSignature" TEXT
);

-- CreateIndex
CREATE INDEX "change_requests_state_id_idx" ON "change_requests"("state", "id");
