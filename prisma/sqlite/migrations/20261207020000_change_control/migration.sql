-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN "machineWriter" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN "reason" TEXT;
ALTER TABLE "process_changes" ADD COLUMN "signatureMeaning" TEXT;
ALTER TABLE "process_changes" ADD COLUMN "signedAt" DATETIME;
ALTER TABLE "process_changes" ADD COLUMN "signerId" INTEGER;
ALTER TABLE "process_changes" ADD COLUMN "signerKind" TEXT;
ALTER TABLE "process_changes" ADD COLUMN "signerName" TEXT;
ALTER TABLE "process_changes" ADD COLUMN "signerTimeZone" TEXT;

-- CreateTable
CREATE TABLE "change_control_policy" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "reasonMode" TEXT NOT NULL,
    "standardReasons" TEXT NOT NULL DEFAULT '[]',
    "signatures" BOOLEAN NOT NULL DEFAULT false,
    "protection" TEXT NOT NULL DEFAULT 'none',
    "protectedIds" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);
