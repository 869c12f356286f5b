-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "machineWriter" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "process_changes" ADD COLUMN     "reason" TEXT,
ADD COLUMN     "signatureMeaning" TEXT,
ADD COLUMN     "signedAt" TIMESTAMP(3),
ADD COLUMN     "signerId" INTEGER,
ADD COLUMN     "signerKind" TEXT,
ADD COLUMN     "signerName" TEXT,
ADD COLUMN     "signerTimeZone" TEXT;

-- CreateTable
CREATE TABLE "change_control_policy" (
    "id" INTEGER NOT NULL,
    "reasonMode" TEXT NOT NULL,
    "standardReasons" TEXT NOT NULL DEFAULT '[]',
    "signatures" BOOLEAN NOT NULL DEFAULT false,
    "protection" TEXT NOT NULL DEFAULT 'none',
    "protectedIds" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "change_control_policy_pkey" PRIMARY KEY ("id")
);
