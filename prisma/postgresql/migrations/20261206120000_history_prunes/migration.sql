-- CreateTable
CREATE TABLE "history_prunes" (
    "id" SERIAL NOT NULL,
    "prunedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "olderThan" TIMESTAMP(3) NOT NULL,
    "deleted" INTEGER NOT NULL,
    "throughId" INTEGER NOT NULL,

    CONSTRAINT "history_prunes_pkey" PRIMARY KEY ("id")
);
