-- CreateTable
CREATE TABLE "presence_pages" (
    "userId" INTEGER NOT NULL,
    "pageId" TEXT NOT NULL,
    "editing" TEXT NOT NULL DEFAULT '',
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "presence_pages_pkey" PRIMARY KEY ("userId","pageId")
);

-- CreateIndex
CREATE INDEX "presence_pages_seenAt_idx" ON "presence_pages"("seenAt");
